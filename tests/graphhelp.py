"""Reading the graphs the tests build: shared by the scale tests (workers, Dask, resume)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from rdflib import Dataset, Graph, Namespace
from rdflib.query import ResultRow

REPORT_PREFIX = "<https://w3id.org/conflict-kg/id/report/"


def union(path: Path) -> Graph:
    """Every triple of a TriG or Turtle file we wrote, as one graph."""
    dataset = Dataset()
    dataset.parse(path, format="trig" if path.suffix == ".trig" else "turtle")
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def report_graphs(path: Path) -> Counter[str]:
    """How many times each article's named graph opens in a TriG file we wrote."""
    return Counter(
        line[1 : line.index(">")]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith(REPORT_PREFIX) and line.endswith("{")
    )


def select_rows(
    graph: Graph | Dataset, query: str, init_ns: Mapping[str, Namespace] | None = None
) -> list[ResultRow]:
    """The rows of a SELECT query (rdflib types a result's items as rows, booleans or
    triples alike; a SELECT gives rows only)."""
    rows: list[ResultRow] = []
    for row in graph.query(query, initNs=dict(init_ns or {})):
        assert isinstance(row, ResultRow), query
        rows.append(row)
    return rows
