"""Which named graph each triple goes to, and the batches a loader writes.

A build's output is read as a stream of quads (pyoxigraph's parsers: they do not read a
file whole). Each quad is routed to a graph (see :mod:`kg_builder.store`):

* a subject at or under an article's Report IRI → that article's graph;
* any other subject (a shared entity, its geometry) → ``{base}graph/entities``;
* a quad in a named graph that is not an article Report (TriG/N-Quads only) → kept in its
  graph, which the load replaces like an article's.

Articles are found by their Report IRIs: subjects typed ``ckg:Report`` with a
``dcterms:identifier``, collected in a first streaming pass over the file (the IRI scheme
of :mod:`kg_builder.graph.iris` puts statements, attacks and article-scoped descriptions
under ``{base}report/{doc id}/…``; a doc id is one percent-encoded path segment).

Each graph a load writes is replaced the first time the load meets it (the entities and
ontology graphs excepted: they are merged), so loading the same input twice leaves a
store unchanged and a corrected article replaces the old one.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg_builder.config import DEFAULT_BASE_IRI

CKG = "https://w3id.org/conflict-kg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCT_IDENTIFIER = "http://purl.org/dc/terms/identifier"
REPORT_CLASS = CKG + "Report"
ONTOLOGY_GRAPH = "https://w3id.org/conflict-kg/ontology"
ONTOLOGY_FILE = Path(__file__).resolve().parents[2] / "ontology" / "conflict.ttl"

#: file extension → pyoxigraph format; the formats ``build`` writes and ``load`` reads
FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
}


class LoadError(Exception):
    """A one-line reason a load could not go on."""


def rdf_format(path: Path) -> ox.RdfFormat:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise LoadError(
            f"{path}: cannot load {path.suffix or 'a file without extension'!r} "
            f"(use one of {', '.join(FORMATS)})"
        ) from None


def base_of_report(report_iri: str) -> str:
    """``{base}`` of ``{base}report/{doc id}``."""
    cut = report_iri.rfind("/report/")
    if cut < 0 or "/" in report_iri[cut + len("/report/") :]:
        raise ValueError(f"not a Report IRI of the conflict-kg scheme: {report_iri}")
    return report_iri[: cut + 1]


def entities_graph(base: str = DEFAULT_BASE_IRI) -> str:
    """The graph of shared entity descriptions under a base IRI."""
    return f"{base}graph/entities"


class Router:
    """Routes subjects to graphs, knowing the articles' Report IRIs."""

    def __init__(self, reports: Iterable[str] = ()) -> None:
        self.reports: set[str] = set()
        self.prefixes: set[str] = set()
        self.default_entities = entities_graph()
        for report in reports:
            self.add_report(report)

    def add_report(self, report: str) -> None:
        try:
            base = base_of_report(report)
        except ValueError:
            return
        self.reports.add(report)
        self.prefixes.add(base + "report/")
        if len(self.prefixes) == 1:
            self.default_entities = entities_graph(base)

    def article_of(self, subject: str) -> str | None:
        """The Report IRI whose path holds this subject, if any."""
        for prefix in self.prefixes:
            if subject.startswith(prefix):
                cut = subject.find("/", len(prefix))
                candidate = subject if cut < 0 else subject[:cut]
                if candidate in self.reports:
                    return candidate
        return None

    def graph_of(self, quad: ox.Quad) -> str:
        """The graph a quad goes to (see the module docstring)."""
        hint = quad.graph_name
        name = hint.value if isinstance(hint, ox.NamedNode) else None
        subject = quad.subject
        if isinstance(subject, ox.NamedNode):
            article = self.article_of(subject.value)
            if article is not None:
                return article
        elif name is not None and name in self.reports:
            return name  # a blank node is local to its document
        if name is not None and name not in self.reports:
            return name  # a graph that is no article's: kept as it is
        if name is not None:
            return entities_graph(base_of_report(name))
        return self.default_entities


def scan_reports(path: Path, fmt: ox.RdfFormat) -> set[str]:
    """The article Report IRIs of a file: one streaming pass."""
    typed: set[str] = set()
    identified: set[str] = set()
    for quad in ox.parse(path=str(path), format=fmt):
        subject = quad.subject
        if not isinstance(subject, ox.NamedNode):
            continue
        predicate = quad.predicate.value
        if predicate == DCT_IDENTIFIER:
            identified.add(subject.value)
        elif predicate == RDF_TYPE and quad.object == _REPORT_NODE:
            typed.add(subject.value)
    return typed & identified


_REPORT_NODE = ox.NamedNode(REPORT_CLASS)


@dataclass
class Batch:
    """Quads for one write: the graphs to empty first, and the articles it holds."""

    replace: list[str] = field(default_factory=list)
    quads: list[ox.Quad] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)


#: graphs a load merges into instead of replacing
def is_merged_graph(graph: str) -> bool:
    return graph.endswith("/graph/entities") or graph == ONTOLOGY_GRAPH


def route(
    quads: Iterable[ox.Quad], router: Router, batch_size: int, seen: set[str] | None = None
) -> Iterator[Batch]:
    """Group routed quads into batches of about ``batch_size``, cut between articles.

    ``seen`` holds the graphs this load has already replaced (shared across calls so that
    a graph met again later in the same load is added to, not replaced again).
    """
    seen = set() if seen is None else seen
    batch = Batch()
    last: str | None = None
    for quad in quads:
        graph = router.graph_of(quad)
        merged = is_merged_graph(graph)
        if (not merged and graph != last and len(batch.quads) >= batch_size) or len(
            batch.quads
        ) >= 4 * batch_size:
            yield batch
            batch = Batch()
        if not merged:
            if graph not in seen:
                seen.add(graph)
                batch.replace.append(graph)
            if graph != last and graph in router.reports and graph not in batch.articles:
                batch.articles.append(graph)
            last = graph
        batch.quads.append(ox.Quad(quad.subject, quad.predicate, quad.object, ox.NamedNode(graph)))
    if batch.quads or batch.replace:
        yield batch


def file_batches(path: Path, batch_size: int = 20_000) -> Iterator[Batch]:
    """The batches of a build output file (.ttl .trig .nt .nq), read as a stream."""
    if not path.is_file():
        raise LoadError(f"{path}: no such file")
    fmt = rdf_format(path)
    try:
        router = Router(scan_reports(path, fmt))
        yield from route(stable_parse(path, fmt), router, batch_size)
    except SyntaxError as exc:
        raise LoadError(f"{path}: cannot parse: {_one_line(exc)}") from None


class RoutedReader(io.RawIOBase):
    """The quads of a file, routed to their graphs, as an N-Quads byte stream.

    Read lazily (by pyoxigraph's bulk loader): memory stays flat whatever the file's size.
    N-Triples lines are routed as bytes, without parsing (the store's parser checks them);
    other formats through pyoxigraph's parser.
    """

    def __init__(self, path: Path, fmt: ox.RdfFormat, router: Router) -> None:
        super().__init__()
        self.router = router
        self.triples = 0
        self._chunks = self._generate(path, fmt)
        self._buffer = memoryview(b"")

    def _generate(self, path: Path, fmt: ox.RdfFormat) -> Iterator[bytes]:
        router = self.router
        lines: list[str] = []
        if fmt == ox.RdfFormat.N_TRIPLES:
            yield from self._ntriples(path)
            return
        for quad in stable_parse(path, fmt):
            graph = router.graph_of(quad)
            lines.append(f"{quad.subject} {quad.predicate} {quad.object} <{graph}> .\n")
            if len(lines) >= 4096:
                self.triples += len(lines)
                yield "".join(lines).encode("utf-8")
                lines = []
        self.triples += len(lines)
        yield "".join(lines).encode("utf-8")

    def _ntriples(self, path: Path) -> Iterator[bytes]:
        """N-Triples lines routed as bytes (a line's subject is routed once in a row)."""
        router = self.router
        default = f" <{router.default_entities}> .\n".encode()
        last_subject, last_tail = b"", default
        lines: list[bytes] = []
        with path.open("rb") as stream:
            for line in stream:
                body = line.strip()
                if not body or body.startswith(b"#"):
                    continue
                tail = default
                if body.startswith(b"<"):
                    subject = body[1 : body.index(b">")]
                    if subject != last_subject:
                        article = router.article_of(subject.decode("utf-8"))
                        last_subject = subject
                        last_tail = default if article is None else f" <{article}> .\n".encode()
                    tail = last_tail
                lines.append(body[:-1].rstrip() + tail)
                if len(lines) >= 4096:
                    self.triples += len(lines)
                    yield b"".join(lines)
                    lines = []
        self.triples += len(lines)
        yield b"".join(lines)

    def chunks(self) -> Iterator[bytes]:
        """The routed N-Quads as chunks of about 4,096 lines (an HTTP request body)."""
        return self._chunks

    def readable(self) -> bool:
        return True

    def readinto(self, target: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._buffer:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._buffer = memoryview(chunk)
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]  # a view: no copy of the rest
        return size


def scan_graphs(path: Path, fmt: ox.RdfFormat) -> tuple[set[str], set[str]]:
    """(article Report IRIs, other named graphs) of a file: one streaming pass."""
    if fmt != ox.RdfFormat.N_TRIPLES:
        reports = scan_reports(path, fmt)
        named = (
            {
                q.graph_name.value
                for q in ox.parse(path=str(path), format=fmt)
                if isinstance(q.graph_name, ox.NamedNode)
            }
            if fmt in {ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS}
            else set()
        )
        return reports, named - reports
    typed: set[str] = set()
    identified: set[str] = set()
    report_type = f"<{RDF_TYPE}> <{REPORT_CLASS}>"
    identifier = f"<{DCT_IDENTIFIER}>"
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            if report_type in line and line.startswith("<"):
                typed.add(line[1 : line.index(">")])
            elif identifier in line and line.startswith("<"):
                identified.add(line[1 : line.index(">")])
    return typed & identified, set()


def document_batches(report_iri: str, ntriples: str | bytes) -> Iterator[Batch]:
    """The batches of one article's graph given as N-Triples."""
    router = Router([report_iri])
    quads = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    batches = list(route(quads, router, batch_size=1 << 30))
    if not any(report_iri in b.replace for b in batches):
        batches.insert(0, Batch(replace=[report_iri], articles=[report_iri]))
    yield from batches


class StableBlankNodes:
    """Blank nodes renamed by order of appearance: the same file loads the same quads."""

    def __init__(self, prefix: str = "b") -> None:
        self.prefix = prefix
        self.names: dict[str, ox.BlankNode] = {}

    def __call__(self, quad: ox.Quad) -> ox.Quad:
        subject, obj = quad.subject, quad.object
        if not isinstance(subject, ox.BlankNode) and not isinstance(obj, ox.BlankNode):
            return quad
        if isinstance(subject, ox.BlankNode):
            subject = self._node(subject)
        if isinstance(obj, ox.BlankNode):
            obj = self._node(obj)
        return ox.Quad(subject, quad.predicate, obj, quad.graph_name)

    def _node(self, node: ox.BlankNode) -> ox.BlankNode:
        found = self.names.get(node.value)
        if found is None:
            found = self.names[node.value] = ox.BlankNode(f"{self.prefix}{len(self.names)}")
        return found


def stable_parse(path: Path, fmt: ox.RdfFormat) -> Iterator[ox.Quad]:
    """The quads of a file with blank nodes named by order of appearance."""
    stable = StableBlankNodes()
    for quad in ox.parse(path=str(path), format=fmt):
        yield stable(quad)


def ontology_batch(path: Path = ONTOLOGY_FILE) -> Batch:
    """The ontology as one batch replacing its graph."""
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    quads = [
        ox.Quad(q.subject, q.predicate, q.object, graph)
        for q in stable_parse(path, ox.RdfFormat.TURTLE)
    ]
    return Batch(replace=[ONTOLOGY_GRAPH], quads=quads)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
