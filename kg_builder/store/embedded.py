"""The embedded store: pyoxigraph on disk (``./kg-store`` by default).

``load_document`` replaces one article's named graph (the pipeline calls it for
``build --store``); ``load_file`` loads a build's output file, streamed (see
:mod:`kg_builder.store.layout` for how triples are routed to graphs). Queries run over the
union of the named graphs.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg_builder.store.layout import (
    ONTOLOGY_FILE,
    Batch,
    LoadError,
    RoutedReader,
    Router,
    document_batches,
    file_batches,
    ontology_batch,
    rdf_format,
    scan_graphs,
)
from kg_builder.store.queries import QueryError, Results

DEFAULT_STORE = Path("kg-store")


@dataclass
class LoadReport:
    """What a load wrote."""

    triples: int = 0
    articles: list[str] = field(default_factory=list)
    #: batches that could not be written: (articles they held, one-line reason)
    failed: list[tuple[list[str], str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def add(self, batch: Batch) -> None:
        self.triples += len(batch.quads)
        known = set(self.articles[-len(batch.articles) - 1 :])
        self.articles.extend(a for a in batch.articles if a not in known)


def open_store(path: Path | str = DEFAULT_STORE, read_only: bool = False) -> ox.Store:
    """The on-disk store at ``path`` (created when missing, unless read-only)."""
    path = Path(path)
    try:
        if read_only:
            if not path.is_dir():
                raise LoadError(f"{path}: no store there (load something first)")
            return ox.Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as exc:
        raise LoadError(f"{path}: cannot open the store: {' '.join(str(exc).split())}") from None


def write_batch(store: ox.Store, batch: Batch) -> None:
    """Empty the graphs the batch replaces, then add its quads (one transaction)."""
    for name in batch.replace:
        node = ox.NamedNode(name)
        if store.contains_named_graph(node):
            store.remove_graph(node)
    if batch.quads:
        store.extend(batch.quads)


def write_batches(store: ox.Store, batches: Iterable[Batch]) -> LoadReport:
    report = LoadReport()
    for batch in batches:
        write_batch(store, batch)
        report.add(batch)
    return report


def load_document(store: ox.Store, report_iri: str, graph: Graph) -> LoadReport:
    """Replace the named graph of one article with its graph from the pipeline.

    Triples about the article (its Report, statements, attacks, descriptions scoped to it)
    replace its graph ``<report_iri>``; triples about shared entities are merged into the
    entities graph.
    """
    data = graph.serialize(format="nt", encoding="utf-8")
    return write_batches(store, document_batches(str(report_iri), data))


#: bytes of routed N-Quads handed to one call of pyoxigraph's bulk loader
BULK_PART_BYTES = 20_000_000


def load_file(store: ox.Store, path: Path | str, bulk: bool = True) -> LoadReport:
    """Load a build's output file (.ttl .trig .nt .nq), streamed, into the store.

    A first pass finds the articles (and other named graphs) the file holds; their graphs
    are emptied; then pyoxigraph's bulk loader reads the routed quads as a stream (not
    transactional: a load cut short is completed by running it again). With
    ``bulk=False`` the file is written in transactions of 20,000 quads instead.

    Raises LoadError (one line) for a missing, unknown or unparsable file.
    """
    path = Path(path)
    if not bulk:
        return write_batches(store, file_batches(path))
    if not path.is_file():
        raise LoadError(f"{path}: no such file")
    fmt = rdf_format(path)
    try:
        reports, others = scan_graphs(path, fmt)
        for name in sorted(reports | others):
            node = ox.NamedNode(name)
            if store.contains_named_graph(node):
                store.remove_graph(node)
        reader = RoutedReader(path, fmt, Router(reports))
        # pyoxigraph's bulk loader buffers what it has not indexed yet: fed the whole
        # stream at once it grew with the file (950 MB at 1M triples, 1.4 GB at 2M); fed
        # bounded parts one after the other it loads as fast and stays flat
        part: list[bytes] = []
        size = 0
        for chunk in reader.chunks():
            part.append(chunk)
            size += len(chunk)
            if size >= BULK_PART_BYTES:
                store.bulk_load(io.BytesIO(b"".join(part)), format=ox.RdfFormat.N_QUADS)
                part, size = [], 0
        if part:
            store.bulk_load(io.BytesIO(b"".join(part)), format=ox.RdfFormat.N_QUADS)
    except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
        raise LoadError(f"{path}: cannot parse: {' '.join(str(exc).split())}") from None
    return LoadReport(triples=reader.triples, articles=sorted(reports))


def load_ontology(store: ox.Store, path: Path = ONTOLOGY_FILE) -> bool:
    """Replace the ontology graph; False when the ontology file is not there."""
    if not path.is_file():
        return False
    write_batch(store, ontology_batch(path))
    return True


def count_quads(store: ox.Store) -> int:
    return len(store)


def run_query(store: ox.Store, text: str) -> Results:
    """Run a SPARQL query over the union of the store's graphs."""
    try:
        answer = store.query(text, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(f"query does not parse: {' '.join(str(exc).split())}") from None
    except OSError as exc:
        raise QueryError(f"query failed: {' '.join(str(exc).split())}") from None
    if isinstance(answer, ox.QueryBoolean):
        return Results([], [], bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        data = answer.serialize(format=ox.QueryResultsFormat.JSON)
        assert data is not None
        return Results.from_json(json.loads(data))
    rows = [
        {
            "subject": _json_term(t.subject),
            "predicate": _json_term(t.predicate),
            "object": _json_term(t.object),
        }
        for t in answer
    ]
    return Results(["subject", "predicate", "object"], rows)


def _json_term(node: object) -> dict[str, str]:
    if isinstance(node, ox.NamedNode):
        return {"type": "uri", "value": node.value}
    if isinstance(node, ox.BlankNode):
        return {"type": "bnode", "value": node.value}
    if isinstance(node, ox.Literal):
        out = {"type": "literal", "value": node.value}
        if node.language:
            out["xml:lang"] = node.language
        elif node.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = node.datatype.value
        return out
    return {"type": "literal", "value": str(node)}
