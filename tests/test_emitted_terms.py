"""Every term the builder writes is one the ontology declares (or documents, for terms of
other vocabularies); and every concept name in the lexicons is a declared concept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS

from kg_builder.config import Settings
from kg_builder.nlp.resources import read_tsv
from kg_builder.pipeline import Builder, build

from test_ontology import ONTOLOGY_PATH, THIRD_PARTY_TERMS  # isort: skip

CKG = Namespace("https://w3id.org/conflict-kg/ontology#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
KB_PATH = Path(__file__).resolve().parents[1] / "kg_builder" / "data" / "kb.sqlite"
RESOURCES = Path(__file__).resolve().parents[1] / "kg_builder" / "nlp" / "resources"

DECLARATION_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.Concept)
#: the standard terms every RDF graph may use without the ontology saying so
CORE_TERMS = {RDF.type, RDFS.label, OWL.sameAs}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


@pytest.fixture(scope="module")
def declared(ontology: Graph) -> dict[URIRef, set[URIRef]]:
    """ckg term -> the kinds of declaration it has (owl:Class, …, skos:Concept)."""
    terms: dict[URIRef, set[URIRef]] = {}
    for kind in DECLARATION_TYPES:
        for term in ontology.subjects(RDF.type, kind):
            if isinstance(term, URIRef):
                terms.setdefault(term, set()).add(kind)
    return terms


@pytest.fixture(scope="module")
def concepts(declared: dict[URIRef, set[URIRef]]) -> set[str]:
    """Local names of the skos:Concepts of the ckg namespace."""
    return {
        str(term)[len(str(CKG)) :]
        for term, kinds in declared.items()
        if SKOS.Concept in kinds and str(term).startswith(str(CKG))
    }


@pytest.fixture(scope="module")
def emitted(
    tmp_path_factory: pytest.TempPathFactory,
    builder: Builder,
    settings: Settings,
    fixture_articles: list[Path],
) -> Graph:
    """The graph of the seed and the five fixture articles."""
    output = tmp_path_factory.mktemp("emitted") / "graph.ttl"
    summary = build(fixture_articles, output, settings, builder=builder)
    assert summary.ok, summary.failed + summary.rejected
    return Graph().parse(output, format="turtle")


def _used_terms(graph: Graph) -> dict[str, set[URIRef]]:
    return {
        "predicate": {p for p in graph.predicates() if isinstance(p, URIRef)},
        "class": {o for o in graph.objects(None, RDF.type) if isinstance(o, URIRef)},
        "attackType": {o for o in graph.objects(None, CKG.attackType) if isinstance(o, URIRef)},
        "actorType": {o for o in graph.objects(None, CKG.actorType) if isinstance(o, URIRef)},
    }


EXPECTED_KIND = {
    "class": {OWL.Class},
    "attackType": {SKOS.Concept},
    "actorType": {SKOS.Concept},
}


def test_the_build_uses_the_main_vocabulary(emitted: Graph) -> None:
    used = _used_terms(emitted)
    assert {CKG.Report, CKG.Attack, CKG.Place, CKG.ArmedGroup, CKG.Organisation} <= used["class"]
    assert used["attackType"] and used["actorType"]
    assert {CKG.reportedIn, CKG.evidence, CKG.attackType, CKG.mentions} <= used["predicate"]


def test_every_ckg_term_written_is_declared(
    emitted: Graph, declared: dict[URIRef, set[URIRef]]
) -> None:
    undeclared = []
    for role, terms in _used_terms(emitted).items():
        for term in terms:
            if not str(term).startswith(str(CKG)):
                continue
            kinds = declared.get(term, set())
            if role == "predicate":
                wanted = {OWL.ObjectProperty, OWL.DatatypeProperty}
            else:
                wanted = EXPECTED_KIND[role]
            if not kinds & wanted:
                undeclared.append(f"{role} {term}")
    assert not undeclared, sorted(undeclared)


def test_object_and_datatype_properties_are_used_as_declared(
    emitted: Graph, declared: dict[URIRef, set[URIRef]]
) -> None:
    """An owl:ObjectProperty links to IRIs; an owl:DatatypeProperty holds literals."""
    wrong = set()
    for _s, p, o in emitted:
        if not str(p).startswith(str(CKG)):
            continue
        kinds = declared.get(URIRef(str(p)), set())
        if OWL.ObjectProperty in kinds and not isinstance(o, URIRef):
            wrong.add(f"{p} -> literal")
        if OWL.DatatypeProperty in kinds and isinstance(o, URIRef):
            wrong.add(f"{p} -> IRI")
    assert not wrong, sorted(wrong)


def _foreign_terms(graph: Graph) -> set[URIRef]:
    return {
        term
        for terms in _used_terms(graph).values()
        for term in terms
        if not str(term).startswith(str(CKG))
    }


def test_every_third_party_term_written_is_documented(
    emitted: Graph, ontology: Graph, declared: dict[URIRef, set[URIRef]]
) -> None:
    documented = set(THIRD_PARTY_TERMS) | set(declared) | CORE_TERMS
    foreign = _foreign_terms(emitted)
    assert {RDFS.label, DCTERMS.identifier, GEO.hasGeometry} <= foreign
    undocumented = sorted(str(t) for t in foreign - documented)
    assert not undocumented, undocumented
    # every documented third-party term carries a usage note in the ontology
    for term in foreign & set(THIRD_PARTY_TERMS):
        assert ontology.value(term, RDFS.comment) is not None, term


def test_geometries_use_geosparql(emitted: Graph) -> None:
    for geometry in emitted.objects(None, GEO.hasGeometry):
        assert (geometry, RDF.type, GEO.Geometry) in emitted
        assert emitted.value(geometry, GEO.asWKT) is not None


# --- the lexicons name declared concepts -----------------------------------------------


def _column(name: str, column: str) -> set[str]:
    rows = read_tsv("kg_builder.nlp", f"resources/{name}")
    assert rows, name
    assert column in rows[0], (name, column)
    return {row[column].strip() for row in rows if (row[column] or "").strip()}


def test_attack_triggers_name_declared_attack_types(concepts: set[str], ontology: Graph) -> None:
    types = _column("attack_triggers.tsv", "attack_type")
    assert types
    assert not types - concepts, sorted(types - concepts)
    for name in types:
        assert (CKG[name], SKOS.inScheme, CKG.AttackTypes) in ontology, name


@pytest.mark.parametrize(
    "name",
    [
        "organisation_nouns.tsv",
        *sorted(p.name for p in RESOURCES.glob("group_names*.tsv")),
    ],
)
def test_actor_types_of_lexicons_are_declared_concepts(
    name: str, concepts: set[str], ontology: Graph
) -> None:
    types = _column(name, "actor_type")
    if name in ("organisation_nouns.tsv", "group_names.tsv"):
        assert types, name
    assert not types - concepts, sorted(types - concepts)
    schemes = {CKG.ActorTypes, CKG.OrganisationTypes}
    for local in types:
        assert set(ontology.objects(CKG[local], SKOS.inScheme)) & schemes, local


def test_actor_types_of_the_knowledge_base_are_declared_concepts(concepts: set[str]) -> None:
    with sqlite3.connect(f"file:{KB_PATH}?mode=ro", uri=True) as db:
        types = {
            row[0]
            for row in db.execute("SELECT DISTINCT actor_type FROM actors")
            if row[0] is not None and row[0] != ""
        }
    assert types
    assert not types - concepts, sorted(types - concepts)
