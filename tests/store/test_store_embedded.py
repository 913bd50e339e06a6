"""The embedded store: one named graph per article, idempotent loads, corrections replace."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import Built
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from storehelp import dump, graph_of

from kg_builder.store.embedded import load_document, load_file, load_ontology, open_store
from kg_builder.store.layout import ONTOLOGY_GRAPH, LoadError, entities_graph

ENTITIES = entities_graph()
ISIS = "<https://w3id.org/conflict-kg/id/entity/Q2429253>"


def loaded(path: Path, folder: Path, **kwargs: bool) -> ox.Store:
    store = open_store(folder)
    load_file(store, path, **kwargs)
    return store


def document_graphs(trig: Path) -> dict[str, Graph]:
    """Each article's graph as the pipeline made it (from the TriG output)."""
    dataset = Dataset()
    dataset.parse(trig, format="trig")
    out = {}
    for context in dataset.graphs():
        if isinstance(context.identifier, URIRef) and "/report/" in context.identifier:
            graph = Graph()
            for triple in context:
                graph.add(triple)
            out[str(context.identifier)] = graph
    return out


def test_each_article_is_its_own_named_graph(built: Built, tmp_path: Path) -> None:
    store = loaded(built.trig, tmp_path / "s")
    names = {g.value for g in store.named_graphs()}
    assert names == {*built.reports, ENTITIES}
    assert len(built.reports) == 6
    for report in built.reports:
        triples = graph_of(store, report)
        assert f"<{report}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> " in "\n".join(
            triples
        )
        # an article's graph holds only subjects under its Report IRI
        assert all(t.startswith(f"<{report}") for t in triples)
    shared = graph_of(store, ENTITIES)
    assert any(t.startswith(ISIS) for t in shared)
    assert load_ontology(store)
    assert len(graph_of(store, ONTOLOGY_GRAPH)) > 100


@pytest.mark.parametrize("fmt", ["ttl", "nt"])
def test_every_format_gives_the_same_store(built: Built, tmp_path: Path, fmt: str) -> None:
    expected = dump(loaded(built.trig, tmp_path / "trig"))
    assert dump(loaded(getattr(built, fmt), tmp_path / fmt)) == expected


def test_transactional_and_bulk_loads_agree(built: Built, tmp_path: Path) -> None:
    bulk = dump(loaded(built.ttl, tmp_path / "bulk"))
    assert dump(loaded(built.ttl, tmp_path / "tx", bulk=False)) == bulk


def test_loading_twice_leaves_the_store_unchanged(built: Built, tmp_path: Path) -> None:
    store = loaded(built.trig, tmp_path / "s")
    load_ontology(store)
    before = dump(store)
    load_file(store, built.trig)
    load_file(store, built.ttl)
    load_ontology(store)
    assert dump(store) == before
    for report, graph in document_graphs(built.trig).items():
        load_document(store, report, graph)
    assert dump(store) == before


def test_load_document_equals_load_file(built: Built, tmp_path: Path) -> None:
    store = open_store(tmp_path / "docs")
    for report, graph in document_graphs(built.trig).items():
        load_document(store, report, graph)
    assert dump(store) == dump(loaded(built.trig, tmp_path / "file"))


def test_a_corrected_article_replaces_the_old_one(built: Built, tmp_path: Path) -> None:
    store = loaded(built.trig, tmp_path / "s")
    original = dump(store)
    graphs = document_graphs(built.trig)
    report = next(r for r in graphs if "asharq" in r)
    other = next(r for r in graphs if r != report)
    other_before = graph_of(store, other)
    corrected = Graph()
    for s, p, o in graphs[report]:
        if "/attack-2" in str(s):
            continue  # the correction drops an attack …
        if p == DCTERMS.title:
            o = Literal("Corrected title")  # … and fixes the title
        corrected.add((s, p, o))
    load_document(store, report, corrected)
    triples = "\n".join(graph_of(store, report))
    assert '"Corrected title"' in triples
    assert "Dozens of Regime Forces" not in triples
    assert "/attack-2>" not in triples
    assert graph_of(store, other) == other_before
    assert len(graph_of(store, report)) == len(
        [t for t in corrected if str(t[0]).startswith(report)]
    )
    # the corrected file loaded the same way replaces it too
    load_document(store, report, graphs[report])
    assert dump(store) == original


def test_unreadable_inputs_give_one_line_errors(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n")
    for path in (tmp_path / "missing.ttl", tmp_path / "x.csv", bad):
        if path.suffix == ".csv":
            path.write_text("a,b\n")
        with pytest.raises(LoadError) as error:
            load_file(store, path)
        assert "\n" not in str(error.value) and str(path) in str(error.value)
