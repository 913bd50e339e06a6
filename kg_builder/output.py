"""Stream document graphs into one output file, a document at a time.

Memory stays flat however many articles a build has: each document's graph is
serialised and appended as soon as it is validated. The format follows the file
extension: ``.ttl`` (Turtle), ``.trig`` (TriG, one named graph per article Report),
``.nt`` (N-Triples), ``.nq`` (N-Quads), ``.jsonld`` (JSON-LD, expanded form).
"""

from __future__ import annotations

import json
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


class GraphWriter:
    """Appends document graphs to one file; a context manager."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.format = format_for(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.stream: IO[str] = path.open("w", encoding="utf-8")
        self.prefixes: set[str] = set()
        self.count = 0
        if self.format == "json-ld":
            self.stream.write("[\n")

    def _prefix_lines(self, lines: list[str]) -> None:
        fresh = [line for line in lines if line not in self.prefixes]
        if fresh:
            self.stream.write("\n".join(fresh) + "\n\n")
            self.prefixes.update(fresh)

    def write(self, graph: Graph, name: URIRef | None = None) -> None:
        """Append one document's graph (as the named graph ``name`` where the format has them)."""
        if self.format in {"turtle", "trig"}:
            prefixes, body = _turtle_body(graph)
            self._prefix_lines(prefixes)
            if self.format == "trig" and name is not None:
                indented = "\n".join("    " + line if line else line for line in body.splitlines())
                self.stream.write(f"<{name}> {{\n{indented}\n}}\n\n")
            else:
                self.stream.write(body + "\n")
        elif self.format == "nt":
            self.stream.write(graph.serialize(format="nt"))
        elif self.format == "nquads":
            dataset = Dataset()
            target = dataset.graph(name) if name is not None else dataset.default_graph
            for triple in graph:
                target.add(triple)
            self.stream.write(dataset.serialize(format="nquads"))
        else:
            nodes = json.loads(graph.serialize(format="json-ld"))
            for node in nodes:
                self.stream.write(("" if self.count == 0 else ",\n") + json.dumps(node))
                self.count += 1
            return
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


def write_rejected(writer: GraphWriter, name: URIRef, data: Graph, report: Graph) -> None:
    """A rejected document's graph and its SHACL report, as two named graphs."""
    writer.write(data, name)
    writer.write(report, URIRef(f"{name}#shacl-report"))
