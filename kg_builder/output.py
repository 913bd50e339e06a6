"""Stream document graphs into one output file, a document at a time.

Memory stays flat however many articles a build has: each document's graph is
serialised and appended as soon as it is validated. The format follows the file
extension: ``.ttl`` (Turtle), ``.trig`` (TriG, one named graph per article Report),
``.nt`` (N-Triples), ``.nq`` (N-Quads), ``.jsonld`` (JSON-LD, expanded form).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO

from rdflib import Dataset, Graph, URIRef

FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld"}


class UnsupportedFormat(ValueError):
    pass


def format_for(path: Path) -> str:
    """The rdflib format name for an output path, from its extension."""
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(FORMATS)
        raise UnsupportedFormat(
            f"{path}: unknown output format {path.suffix!r} (use one of {known})"
        ) from None


def _turtle_body(graph: Graph) -> tuple[list[str], str]:
    """Prefix lines and the rest of a Turtle serialisation."""
    text = graph.serialize(format="turtle")
    prefixes: list[str] = []
    body: list[str] = []
    for line in text.splitlines():
        (prefixes if line.startswith("@prefix") else body).append(line)
    return prefixes, "\n".join(body).strip() + "\n"


@dataclass(frozen=True)
class Chunk:
    """One document's graph rendered for the output file (done in a worker process)."""

    prefixes: tuple[str, ...]
    body: str
    #: JSON-LD node objects, already serialised, for the one top-level array
    nodes: tuple[str, ...] = ()


def render(fmt: str, graph: Graph, name: URIRef | None = None) -> Chunk:
    """Serialise one document's graph for a file of format ``fmt`` (an rdflib name)."""
    if fmt in {"turtle", "trig"}:
        prefixes, body = _turtle_body(graph)
        if fmt == "trig" and name is not None:
            indented = "\n".join("    " + line if line else line for line in body.splitlines())
            body = f"<{name}> {{\n{indented}\n}}\n"
        return Chunk(tuple(prefixes), body + "\n")
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


class GraphWriter:
    """Appends document graphs to one file; a context manager."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.format = format_for(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.stream: IO[str] = path.open("w", encoding="utf-8")
        self.prefixes: set[str] = set()
        self.count = 0  # documents written
        self.nodes_written = 0  # JSON-LD node objects, for the commas between them
        if self.format == "json-ld":
            self.stream.write("[\n")

    def write(self, graph: Graph, name: URIRef | None = None) -> None:
        """Append one document's graph (as the named graph ``name`` where the format has them)."""
        self.write_chunk(render(self.format, graph, name))

    def write_chunk(self, chunk: Chunk) -> None:
        """Append a document rendered by :func:`render` for this file's format."""
        fresh = [line for line in chunk.prefixes if line not in self.prefixes]
        if fresh:
            self.stream.write("\n".join(fresh) + "\n\n")
            self.prefixes.update(fresh)
        self.stream.write(chunk.body)
        for node in chunk.nodes:
            self.stream.write(("" if self.nodes_written == 0 else ",\n") + node)
            self.nodes_written += 1
        self.count += 1

    def close(self) -> None:
        if self.format == "json-ld":
            self.stream.write("\n]\n")
        self.stream.close()

    def __enter__(self) -> GraphWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def rejected_path(output: Path) -> Path:
    """Where graphs that fail validation go: ``<out>.rejected.trig``."""
    return output.with_name(output.name + ".rejected.trig")


def render_rejected(name: URIRef, data: Graph, report: Graph) -> tuple[Chunk, Chunk]:
    """A rejected document's graph and its SHACL report, as two named graphs of TriG."""
    return render("trig", data, name), render("trig", report, URIRef(f"{name}#shacl-report"))
