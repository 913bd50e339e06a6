"""Stream document graphs into one output file, a document at a time.

Memory stays flat however many articles a build has: each document's graph is
serialised and appended as soon as it is validated. The format follows the file
extension: ``.ttl`` (Turtle), ``.trig`` (TriG, one named graph per article Report),
``.nt`` (N-Triples), ``.nq`` (N-Quads), ``.jsonld`` (JSON-LD, expanded form).

Every document's bytes are self-contained: a Turtle or TriG file starts with the fixed
prefixes of :data:`kg_builder.graph.build.PREFIXES`, and a document that needs another
prefix declares it within its own bytes. So a document can be cut out of the file, or
the file cut after any document, and the rest still parses. That is what ``--resume``
relies on: beside the output (``.ttl .trig .nt .nq``) a manifest, ``<out>.manifest.jsonl``,
records for every document written its id, the sha256 of its input, and its byte range
(with a CRC-32 of those bytes), appended and flushed right after the document.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO

import pyoxigraph as ox
from rdflib import RDF, RDFS, Dataset, Graph, URIRef
from rdflib.namespace import SH

from kg_builder.graph.build import PREFIXES

FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld"}

#: formats a build can resume: a document's bytes can be cut out or appended anywhere
RESUMABLE = {"turtle", "trig", "nt", "nquads"}

MANIFEST_VERSION = 1

_PREFIX_LINE = re.compile(r"@prefix\s+([^:\s]*):\s*<([^>]*)>\s*\.")


class UnsupportedFormat(ValueError):
    pass


class ResumeError(ValueError):
    """A one-line reason a build cannot resume into an output file."""


def format_for(path: Path) -> str:
    """The rdflib format name for an output path, from its extension."""
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(FORMATS)
        raise UnsupportedFormat(
            f"{path}: unknown output format {path.suffix!r} (use one of {known})"
        ) from None


def check_resumable(path: Path) -> None:
    """Raise :class:`ResumeError` when ``--resume`` cannot work for this output's format."""
    fmt = format_for(path)
    if fmt not in RESUMABLE:
        raise ResumeError(
            f"{path}: --resume works with .ttl, .trig, .nt and .nq output, not {path.suffix} "
            "(a JSON-LD file is one array that cannot be appended to)"
        )


def _header_prefixes() -> dict[str, str]:
    """Prefix name → namespace of the fixed header of Turtle and TriG files."""
    names = {name: str(ns) for name, ns in PREFIXES.items()}
    names.setdefault("rdf", str(RDF))
    names.setdefault("rdfs", str(RDFS))
    return dict(sorted(names.items()))


HEADER_PREFIXES = _header_prefixes()


def header(fmt: str) -> str:
    """What a file of format ``fmt`` starts with: the fixed prefixes (Turtle and TriG)."""
    if fmt not in {"turtle", "trig"}:
        return ""
    lines = [f"@prefix {name}: <{ns}> ." for name, ns in HEADER_PREFIXES.items()]
    return "\n".join(lines) + "\n\n"


_RDF_TYPE = ox.NamedNode(str(RDF.type))


def _reading_order(triple: ox.Triple) -> tuple[str, bool, str, str]:
    """Subjects in IRI order; each one's type first, then its properties by IRI."""
    return (
        str(triple.subject),
        triple.predicate != _RDF_TYPE,
        str(triple.predicate),
        str(triple.object),
    )


def _turtle_body(graph: Graph, prefixes: dict[str, str]) -> tuple[list[str], str]:
    """Prefix lines and the rest of a Turtle serialisation, a blank line between subjects.

    pyoxigraph writes it, from rdflib's N-Triples: rdflib's own Turtle writer spends most
    of its time working out prefixed names, and took six times as long.
    """
    triples = sorted(
        ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES),
        key=_reading_order,
    )
    text = (ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b"").decode()
    prefix_lines: list[str] = []
    body: list[str] = []
    for line in text.splitlines():
        if line.startswith("@prefix"):
            prefix_lines.append(line)
        elif line.startswith("\t"):  # a subject's next property or object
            body.append("    " + line[1:])
        else:  # literals are written on one line, so only a subject starts a line
            body.extend([""] if body else [])
            body.append(line)
    return prefix_lines, "\n".join(body) + "\n" if body else ""


@dataclass(frozen=True)
class Chunk:
    """One document's graph rendered for the output file (done in a worker process)."""

    prefixes: tuple[str, ...]
    body: str
    #: JSON-LD node objects, already serialised, for the one top-level array
    nodes: tuple[str, ...] = ()


def render(
    fmt: str, graph: Graph, name: URIRef | None = None, prefixes: dict[str, str] | None = None
) -> Chunk:
    """Serialise one document's graph for a file of format ``fmt`` (an rdflib name).

    Turtle and TriG abbreviate the IRIs of the file header's prefixes and of ``prefixes``.
    """
    if fmt in {"turtle", "trig"}:
        prefix_lines, body = _turtle_body(graph, {**HEADER_PREFIXES, **(prefixes or {})})
        if fmt == "trig" and name is not None:
            indented = "\n".join("    " + line if line else line for line in body.splitlines())
            body = f"<{name}> {{\n{indented}\n}}\n"
        return Chunk(tuple(prefix_lines), body + "\n")
    if fmt == "nt":
        return Chunk((), graph.serialize(format="nt"))
    if fmt == "nquads":
        dataset = Dataset()
        target = dataset.graph(name) if name is not None else dataset.default_graph
        for triple in graph:
            target.add(triple)
        return Chunk((), dataset.serialize(format="nquads"))
    nodes = json.loads(graph.serialize(format="json-ld"))
    return Chunk((), "", tuple(json.dumps(node) for node in nodes))


def _chunk_text(chunk: Chunk) -> str:
    """A Turtle/TriG/N-Triples/N-Quads document's text, prefixes included where needed.

    Prefixes of the file header are not repeated; any other prefix line is written with
    the document (so the document stays self-contained), and a header prefix it rebinds
    is bound back after it.
    """
    own: list[str] = []
    rebound: list[str] = []
    for line in chunk.prefixes:
        match = _PREFIX_LINE.fullmatch(line.strip())
        if match is None:
            own.append(line)
            continue
        name, namespace = match.groups()
        if HEADER_PREFIXES.get(name) == namespace:
            continue
        own.append(line)
        if name in HEADER_PREFIXES:
            rebound.append(f"@prefix {name}: <{HEADER_PREFIXES[name]}> .")
    text = chunk.body
    if own:
        text = "\n".join(own) + "\n\n" + text
    if rebound:
        text += "\n".join(rebound) + "\n\n"
    return text


def manifest_path(output: Path) -> Path:
    """Where a build records what it wrote: ``<out>.manifest.jsonl``."""
    return output.with_name(output.name + ".manifest.jsonl")


@dataclass
class Entry:
    """One document in the output file, as the manifest records it."""

    id: str
    sha256: str
    start: int
    end: int
    crc: int

    def line(self) -> str:
        record = {
            "id": self.id,
            "sha256": self.sha256,
            "start": self.start,
            "end": self.end,
            "crc32": self.crc,
        }
        return json.dumps(record, ensure_ascii=False) + "\n"


def _read_manifest(path: Path, fmt: str) -> list[Entry]:
    """The complete entries of a manifest (a torn last line is left out)."""
    entries: list[Entry] = []
    with path.open("rb") as stream:
        head = stream.readline()
        try:
            meta = json.loads(head)
        except ValueError:
            return []
        if not isinstance(meta, dict) or meta.get("format") != fmt:
            return []
        for raw in stream:
            if not raw.endswith(b"\n"):
                break  # written when the build was killed
            try:
                record = json.loads(raw)
                entries.append(
                    Entry(
                        str(record["id"]),
                        str(record["sha256"]),
                        int(record["start"]),
                        int(record["end"]),
                        int(record["crc32"]),
                    )
                )
            except (ValueError, KeyError, TypeError):
                break
    return entries


def _verified(stream: IO[bytes], entries: list[Entry], size: int, start: int) -> list[Entry]:
    """The entries whose bytes are in the file as recorded, in file order, not overlapping."""
    good: list[Entry] = []
    position = start
    for entry in sorted(entries, key=lambda e: e.start):
        if entry.start < position or entry.end > size or entry.end < entry.start:
            continue
        stream.seek(entry.start)
        if zlib.crc32(stream.read(entry.end - entry.start)) != entry.crc:
            continue
        good.append(entry)
        position = entry.end
    return good


class GraphWriter:
    """Appends document graphs to one file; a context manager.

    ``manifest`` (the default for the main output) keeps ``<out>.manifest.jsonl`` beside a
    ``.ttl .trig .nt .nq`` file. ``resume`` opens an earlier build's output instead of
    overwriting it: :meth:`take` then tells which documents are already there, and a
    clean :meth:`close` drops the documents no longer in the input (changed, or gone).
    """

    def __init__(self, path: Path, *, manifest: bool = True, resume: bool = False) -> None:
        self.path = path
        self.format = format_for(path)
        if resume:
            check_resumable(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.count = 0  # documents written
        self.nodes_written = 0  # JSON-LD node objects, for the commas between them
        self.resumed = 0  # documents of an earlier build kept (``take``)
        self.header = header(self.format).encode("utf-8")
        self.manifest_file = manifest_path(path)
        self.keeps_manifest = manifest and self.format in RESUMABLE
        #: earlier documents not yet matched against the input: (id, sha256) → entries
        self.previous: dict[tuple[str, str], list[Entry]] = {}
        self.entries: list[Entry] = []  # what the manifest holds, kept or new
        self.manifest: IO[str] | None = None
        if resume and self._reopen():
            return
        self.stream: IO[bytes] = path.open("wb")
        self.stream.write(self.header)
        if self.format == "json-ld":
            self.stream.write(b"[\n")
        self.offset = len(self.header)
        if self.keeps_manifest:
            self.manifest = self.manifest_file.open("w", encoding="utf-8")
            self._manifest_head(self.manifest)
        elif manifest and self.manifest_file.exists():
            self.manifest_file.unlink()  # of an earlier .ttl build with the same stem

    def _manifest_head(self, stream: IO[str]) -> None:
        meta = {"conflict-kg-manifest": MANIFEST_VERSION, "format": self.format}
        stream.write(json.dumps(meta) + "\n")
        stream.flush()

    def _reopen(self) -> bool:
        """Open an earlier build's output to go on with; False when there is none to use."""
        if not (self.path.is_file() and self.manifest_file.is_file()):
            return False
        stream = self.path.open("r+b")
        if stream.read(len(self.header)) != self.header:
            stream.close()
            return False
        size = stream.seek(0, os.SEEK_END)
        entries = _verified(
            stream, _read_manifest(self.manifest_file, self.format), size, len(self.header)
        )
        self.stream = stream
        contiguous = len(self.header)
        for entry in entries:
            if entry.start != contiguous:
                break
            contiguous = entry.end
        else:
            # the usual case: the documents lie end to end; cut what came after the last
            stream.truncate(contiguous)
            stream.seek(contiguous)
            self.offset = contiguous
            self.entries = entries
            with self.manifest_file.open("w", encoding="utf-8") as rewrite:
                self._manifest_head(rewrite)
                rewrite.writelines(e.line() for e in entries)
            self.manifest = self.manifest_file.open("a", encoding="utf-8")
            self._index(entries)
            return True
        self.stream.seek(0, os.SEEK_END)
        self._compact(entries)  # something between the documents: keep only them
        self._index(self.entries)
        return True

    def _index(self, entries: list[Entry]) -> None:
        for entry in entries:
            self.previous.setdefault((entry.id, entry.sha256), []).append(entry)

    def take(self, doc_id: str, digest: str) -> bool:
        """Whether an earlier build wrote this document (same id, same input): then keep it."""
        entries = self.previous.get((doc_id, digest))
        if not entries:
            return False
        entries.pop()
        if not entries:
            del self.previous[(doc_id, digest)]
        self.resumed += 1
        return True

    def write(self, graph: Graph, name: URIRef | None = None) -> None:
        """Append one document's graph (as the named graph ``name`` where the format has them)."""
        self.write_chunk(render(self.format, graph, name))

    def write_chunk(self, chunk: Chunk, key: tuple[str, str] | None = None) -> None:
        """Append a document rendered by :func:`render` for this file's format.

        ``key`` (id, sha256 of the input) is recorded in the manifest once the document's
        bytes are flushed.
        """
        if self.format == "json-ld":
            for node in chunk.nodes:
                text = ("" if self.nodes_written == 0 else ",\n") + node
                self.stream.write(text.encode("utf-8"))
                self.nodes_written += 1
            self.count += 1
            return
        data = _chunk_text(chunk).encode("utf-8")
        start = self.offset
        self.stream.write(data)
        self.offset += len(data)
        self.count += 1
        if self.manifest is not None and key is not None:
            self.stream.flush()
            entry = Entry(key[0], key[1], start, self.offset, zlib.crc32(data))
            self.entries.append(entry)
            self.manifest.write(entry.line())
            self.manifest.flush()

    def _compact(self, keep: list[Entry]) -> None:
        """Rewrite the file (and manifest) with only the ``keep`` documents, in their order."""
        temporary = self.path.with_name(self.path.name + ".compact")
        manifest_tmp = self.manifest_file.with_name(self.manifest_file.name + ".compact")
        moved: list[Entry] = []
        with temporary.open("wb") as target, manifest_tmp.open("w", encoding="utf-8") as lines:
            self._manifest_head(lines)
            target.write(self.header)
            offset = len(self.header)
            for entry in keep:
                self.stream.seek(entry.start)
                data = self.stream.read(entry.end - entry.start)
                target.write(data)
                new = Entry(entry.id, entry.sha256, offset, offset + len(data), entry.crc)
                offset = new.end
                lines.write(new.line())
                moved.append(new)
        self.stream.close()
        if self.manifest is not None:
            self.manifest.close()
        # a crash between these two leaves a manifest whose CRCs do not match: the next
        # --resume rebuilds rather than trusts it
        os.replace(temporary, self.path)
        os.replace(manifest_tmp, self.manifest_file)
        self.stream = self.path.open("r+b")
        self.offset = self.stream.seek(0, os.SEEK_END)
        self.manifest = self.manifest_file.open("a", encoding="utf-8")
        self.entries = moved

    def close(self, complete: bool = True) -> None:
        """Finish the file; ``complete`` (every input seen) drops stale earlier documents."""
        if self.format == "json-ld":
            self.stream.write(b"\n]\n")
        if complete and self.previous:
            dropped = {id(e) for entries in self.previous.values() for e in entries}
            self.stream.flush()
            self._compact([e for e in self.entries if id(e) not in dropped])
        self.previous = {}
        self.stream.close()
        if self.manifest is not None:
            self.manifest.close()

    def __enter__(self) -> GraphWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # interrupted: keep everything; a --resume goes on from here
        self.close(complete=exc is None)


def rejected_path(output: Path) -> Path:
    """Where graphs that fail validation go: ``<out>.rejected.trig``."""
    return output.with_name(output.name + ".rejected.trig")


def render_rejected(name: URIRef, data: Graph, report: Graph) -> tuple[Chunk, Chunk]:
    """A rejected document's graph and its SHACL report, as two named graphs of TriG."""
    return render("trig", data, name), render(
        "trig", report, URIRef(f"{name}#shacl-report"), {"sh": str(SH)}
    )
