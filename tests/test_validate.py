"""Validating a batch of documents' graphs together gives each one's own outcome."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rdflib import RDF, Graph, Literal, Namespace
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from kg_builder.extract.document import extract_document
from kg_builder.ingest import read_inputs
from kg_builder.model import Article
from kg_builder.pipeline import Builder
from kg_builder.validate import SHAPES_PATH, validate_graph, validate_graphs

CKG = Namespace("https://w3id.org/conflict-kg/ontology#")


def article_graphs(builder: Builder, paths: list[Path]) -> list[Graph]:
    articles = [a for a in read_inputs(paths) if isinstance(a, Article)]
    docs = builder.nlp.pipe(a.text for a in articles)
    return [
        builder.prepare(article, extract_document(article, doc))[1]
        for article, doc in zip(articles, docs, strict=True)
    ]


def test_batch_outcomes_equal_one_by_one(builder: Builder, fixture_articles: list[Path]) -> None:
    graphs = article_graphs(builder, fixture_articles)
    # one document breaks a shape, another lacks a date (a warning only)
    attack = next(graphs[1].subjects(RDF.type, CKG.Attack))
    graphs[1].add((attack, CKG.fatalities, Literal("-3", datatype=XSD.integer)))
    undated = next(graphs[2].subjects(RDF.type, CKG.Attack))
    graphs[2].remove((undated, CKG.date, None))
    graphs[2].remove((undated, CKG.startDate, None))
    graphs[2].remove((undated, CKG.endDate, None))

    together = validate_graphs(graphs)
    alone = [validate_graph(g) for g in graphs]
    assert [o.violations for o in together] == [o.violations for o in alone]
    assert [o.warnings for o in together] == [o.warnings for o in alone]
    assert [o.messages for o in together] == [o.messages for o in alone]
    assert together[1].rejected and not together[0].rejected
    assert alone[2].warnings > 0
    assert isomorphic(together[1].report, alone[1].report)


def test_on_or_before_is_a_lone_end_date_and_still_a_warning(builder: Builder) -> None:
    text = "Gunmen attacked a police post in Kandahar, killing two officers."
    article = Article(id="undated", text=text, published=dt.date(2019, 4, 20))
    _, graph = builder.prepare(article, extract_document(article, builder.nlp(text)))
    (attack,) = graph.subjects(RDF.type, CKG.Attack)
    assert graph.value(attack, CKG.endDate) == Literal("2019-04-20", datatype=XSD.date)
    assert graph.value(attack, CKG.startDate) is None and graph.value(attack, CKG.date) is None
    outcome = validate_graph(graph)
    assert outcome.conforms and outcome.warnings == 1


def test_shapes_as_validated_give_the_results_of_the_file(
    builder: Builder, fixture_articles: list[Path]
) -> None:
    """The targeted property shapes pySHACL gets report what the hand-written file does."""
    graphs = article_graphs(builder, fixture_articles)
    attack = next(graphs[0].subjects(RDF.type, CKG.Attack))
    graphs[0].add((attack, CKG.fatalities, Literal("-3", datatype=XSD.integer)))
    graphs[0].remove((attack, CKG.location, None))
    report = next(graphs[0].subjects(CKG.mentions, None))
    graphs[0].add((report, CKG.mentions, attack))
    written = Graph().parse(SHAPES_PATH, format="turtle")
    for graph in graphs:
        as_validated = validate_graph(graph)
        as_written = validate_graph(graph, written)
        assert as_validated.messages == as_written.messages
        assert isomorphic(as_validated.report, as_written.report)
    broken = validate_graph(graphs[0]).messages
    assert "Warning: attack-1: The attack has no ckg:location." in broken
    assert any("ckg:mentions must point to" in message for message in broken)
    assert any("ckg:fatalities must be" in message for message in broken)
