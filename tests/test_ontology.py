"""The ontology (ontology/conflict.ttl) declares every term the graph uses.

``CLASSES``, ``OBJECT_PROPERTIES``, ``DATATYPE_PROPERTIES`` and ``CONCEPTS`` are the
expected vocabulary: the contract's terms plus those the code adds. A test of the
code's output can import them to check that everything it emits is declared here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from graphhelp import select_rows
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

ONTOLOGY_PATH = Path(__file__).resolve().parents[1] / "ontology" / "conflict.ttl"
ONTOLOGY_IRI = URIRef("https://w3id.org/conflict-kg/ontology")

CKG = Namespace("https://w3id.org/conflict-kg/ontology#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
WD = Namespace("http://www.wikidata.org/entity/")
# a plain Namespace: pytest's collection probes rdflib's closed XSD namespace and warns
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

#: class -> its direct super-classes
CLASSES: dict[str, set[URIRef]] = {
    "Organisation": {PROV.Agent},
    "ArmedGroup": {CKG.Organisation},
    "Attack": {SEM.Event, PROV.Activity},
    "Place": {GEO.Feature},
    "Report": {PROV.Entity},
    "CasualtyClaim": {PROV.Entity},
}

#: object property -> (domain, range); a range of None is checked separately
OBJECT_PROPERTIES: dict[str, tuple[URIRef, URIRef | None]] = {
    "publisher": (CKG.Report, CKG.Organisation),
    "source": (CKG.Report, CKG.Organisation),
    "mentions": (CKG.Report, None),  # owl:unionOf (ckg:Organisation ckg:Place)
    "reportedIn": (CKG.Attack, CKG.Report),
    "perpetrator": (CKG.Attack, CKG.Organisation),
    "target": (CKG.Attack, CKG.Organisation),
    "location": (CKG.Attack, CKG.Place),
    "attackType": (CKG.Attack, SKOS.Concept),
    "actorType": (CKG.Organisation, SKOS.Concept),
    "stateOf": (CKG.Organisation, CKG.Place),
    "country": (CKG.Place, CKG.Place),
    "admin1": (CKG.Place, CKG.Place),
    "casualtyClaim": (CKG.Attack, CKG.CasualtyClaim),
    "claimedIn": (CKG.CasualtyClaim, CKG.Report),
}

#: datatype property -> (domain, range)
DATATYPE_PROPERTIES: dict[str, tuple[URIRef, URIRef]] = {
    "targetDescription": (CKG.Attack, XSD.string),
    "date": (CKG.Attack, XSD.date),
    "startDate": (CKG.Attack, XSD.date),
    "endDate": (CKG.Attack, XSD.date),
    "fatalities": (CKG.Attack, XSD.nonNegativeInteger),
    "fatalitiesMin": (CKG.Attack, XSD.nonNegativeInteger),
    "fatalitiesMax": (CKG.Attack, XSD.nonNegativeInteger),
    "injured": (CKG.Attack, XSD.nonNegativeInteger),
    "attackerFatalities": (CKG.Attack, XSD.nonNegativeInteger),
    "confidence": (CKG.Attack, XSD.decimal),
    "evidence": (CKG.Attack, XSD.string),
    "trigger": (CKG.Attack, XSD.string),
    "quote": (CKG.Report, XSD.string),
    "attributionVerb": (CKG.Report, XSD.string),
    "placeType": (CKG.Place, XSD.string),
    "claimedFatalities": (CKG.CasualtyClaim, XSD.nonNegativeInteger),
    "claimedFatalitiesMin": (CKG.CasualtyClaim, XSD.nonNegativeInteger),
    "claimedFatalitiesMax": (CKG.CasualtyClaim, XSD.nonNegativeInteger),
    "claimedInjured": (CKG.CasualtyClaim, XSD.nonNegativeInteger),
}

#: concept scheme -> its concepts
CONCEPTS: dict[str, list[str]] = {
    "AttackTypes": [
        "ArmedClash",
        "Ambush",
        "AttackOnCivilians",
        "Bombing",
        "SuicideBombing",
        "AirStrike",
        "Shelling",
        "Assassination",
        "Abduction",
        "Arson",
        "UnspecifiedAttack",
    ],
    "ActorTypes": [
        "StateForces",
        "RebelGroup",
        "PoliticalMilitia",
        "IdentityMilitia",
        "ExternalForces",
        "JihadistGroup",
    ],
    "OrganisationTypes": [
        "NewsOutlet",
        "Monitor",
        "GovernmentBody",
        "IntergovernmentalOrganisation",
        "NonGovernmentalOrganisation",
        "PoliticalParty",
        "SportsTeam",
    ],
}

#: every term of the ckg namespace, as IRIs
EXPECTED_TERMS: frozenset[URIRef] = frozenset(
    CKG[name]
    for name in [
        *CLASSES,
        *OBJECT_PROPERTIES,
        *DATATYPE_PROPERTIES,
        *CONCEPTS,
        *(c for concepts in CONCEPTS.values() for c in concepts),
    ]
)

#: terms of other vocabularies the graph writes, declared in the ontology with a usage note
THIRD_PARTY_TERMS: list[URIRef] = [
    SKOS.altLabel,
    DCTERMS.identifier,
    DCTERMS.title,
    DCTERMS.issued,
    DCTERMS.date,
    DCTERMS.source,
    DCTERMS.isPartOf,
    GEO.hasGeometry,
    GEO.asWKT,
]

#: the only Wikidata items the ontology may name (checked by hand)
KNOWN_WIKIDATA_ITEMS = {WD.Q43229, WD.Q17149090}

PREFIXES = """
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


def ask(graph: Graph, query: str, **bindings: URIRef) -> bool:
    return bool(graph.query(PREFIXES + query, initBindings=bindings).askAnswer)


def english(graph: Graph, subject: URIRef, predicate: URIRef) -> list[Literal]:
    return [
        o
        for o in graph.objects(subject, predicate)
        if isinstance(o, Literal) and o.language == "en" and str(o).strip()
    ]


def test_ontology_metadata(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    for predicate in (DCTERMS.title, DCTERMS.description):
        assert english(ontology, ONTOLOGY_IRI, predicate), predicate
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef(
        "https://opensource.org/licenses/MIT"
    )
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.created) == Literal("2026-11-25", datatype=XSD.date)


@pytest.mark.parametrize("name", list(CLASSES))
def test_class_is_declared_and_documented(ontology: Graph, name: str) -> None:
    cls = CKG[name]
    assert (cls, RDF.type, OWL.Class) in ontology
    assert english(ontology, cls, RDFS.label)
    assert english(ontology, cls, RDFS.comment)
    assert (cls, RDFS.isDefinedBy, ONTOLOGY_IRI) in ontology


@pytest.mark.parametrize("name", list(CLASSES))
def test_class_alignment(ontology: Graph, name: str) -> None:
    for parent in CLASSES[name]:
        assert ask(ontology, "ASK { ?cls rdfs:subClassOf ?parent }", cls=CKG[name], parent=parent)


def test_armed_group_is_an_organisation_and_a_prov_agent(ontology: Graph) -> None:
    assert ask(
        ontology,
        "ASK { ckg:ArmedGroup rdfs:subClassOf+ ?agent }",
        agent=PROV.Agent,
    )


@pytest.mark.parametrize(
    ("name", "match"),
    [
        ("Organisation", SCHEMA.Organization),
        ("Organisation", WD.Q43229),
        ("ArmedGroup", WD.Q17149090),
        ("Place", SCHEMA.Place),
        ("Report", SCHEMA.NewsArticle),
    ],
)
def test_class_close_match(ontology: Graph, name: str, match: URIRef) -> None:
    assert ask(ontology, "ASK { ?cls skos:closeMatch ?match }", cls=CKG[name], match=match)


def test_no_equivalent_class_axioms(ontology: Graph) -> None:
    """Alignments are sub-classes or close matches, never equivalences."""
    assert not ask(ontology, "ASK { ?a owl:equivalentClass ?b }")


def test_only_known_wikidata_items_are_named(ontology: Graph) -> None:
    named = {
        node
        for triple in ontology
        for node in triple
        if isinstance(node, URIRef) and node.startswith(str(WD))
    }
    assert named == KNOWN_WIKIDATA_ITEMS


@pytest.mark.parametrize("name", list(OBJECT_PROPERTIES))
def test_object_property(ontology: Graph, name: str) -> None:
    prop = CKG[name]
    domain, range_ = OBJECT_PROPERTIES[name]
    assert (prop, RDF.type, OWL.ObjectProperty) in ontology
    assert english(ontology, prop, RDFS.label)
    assert english(ontology, prop, RDFS.comment)
    assert ontology.value(prop, RDFS.domain) == domain
    if range_ is not None:
        assert ontology.value(prop, RDFS.range) == range_


@pytest.mark.parametrize("name", list(DATATYPE_PROPERTIES))
def test_datatype_property(ontology: Graph, name: str) -> None:
    prop = CKG[name]
    domain, range_ = DATATYPE_PROPERTIES[name]
    assert (prop, RDF.type, OWL.DatatypeProperty) in ontology
    assert english(ontology, prop, RDFS.label)
    assert english(ontology, prop, RDFS.comment)
    assert ontology.value(prop, RDFS.domain) == domain
    assert ontology.value(prop, RDFS.range) == range_


def test_mentions_ranges_over_organisations_and_places(ontology: Graph) -> None:
    members = {
        row[0]
        for row in select_rows(
            ontology,
            PREFIXES
            + """SELECT ?member WHERE {
                ckg:mentions rdfs:range/owl:unionOf/rdf:rest*/rdf:first ?member
            }""",
        )
    }
    assert members == {CKG.Organisation, CKG.Place}


@pytest.mark.parametrize(
    ("name", "parent"),
    [
        ("publisher", DCTERMS.publisher),
        ("source", PROV.wasAttributedTo),
        ("mentions", SCHEMA.mentions),
        ("perpetrator", SEM.hasActor),
        ("target", SEM.hasActor),
        ("location", SEM.hasPlace),
        ("attackType", SEM.eventType),
        ("actorType", SEM.actorType),
        ("country", GEO.sfWithin),
        ("admin1", GEO.sfWithin),
    ],
)
def test_property_alignment(ontology: Graph, name: str, parent: URIRef) -> None:
    assert ask(ontology, "ASK { ?prop rdfs:subPropertyOf ?parent }", prop=CKG[name], parent=parent)


@pytest.mark.parametrize(
    ("name", "related"),
    [
        ("reportedIn", PROV.wasInfluencedBy),
        ("date", SEM.hasTimeStamp),
        ("startDate", SEM.hasEarliestBeginTimeStamp),
        ("endDate", SEM.hasLatestEndTimeStamp),
        ("stateOf", URIRef("http://www.wikidata.org/prop/direct/P1001")),
    ],
)
def test_loose_property_alignment(ontology: Graph, name: str, related: URIRef) -> None:
    """Where range or direction differ, the other term is only rdfs:seeAlso."""
    assert ask(ontology, "ASK { ?prop rdfs:seeAlso ?related }", prop=CKG[name], related=related)
    assert not ask(
        ontology, "ASK { ?prop rdfs:subPropertyOf ?related }", prop=CKG[name], related=related
    )


@pytest.mark.parametrize("scheme", list(CONCEPTS))
def test_concept_scheme(ontology: Graph, scheme: str) -> None:
    assert (CKG[scheme], RDF.type, SKOS.ConceptScheme) in ontology
    assert english(ontology, CKG[scheme], SKOS.prefLabel)
    in_scheme = set(ontology.subjects(SKOS.inScheme, CKG[scheme]))
    assert in_scheme == {CKG[c] for c in CONCEPTS[scheme]}


@pytest.mark.parametrize(
    ("scheme", "concept"),
    [(scheme, concept) for scheme, concepts in CONCEPTS.items() for concept in concepts],
)
def test_concept(ontology: Graph, scheme: str, concept: str) -> None:
    iri = CKG[concept]
    assert (iri, RDF.type, SKOS.Concept) in ontology
    assert (iri, SKOS.inScheme, CKG[scheme]) in ontology
    assert len(english(ontology, iri, SKOS.prefLabel)) == 1
    assert english(ontology, iri, SKOS.definition)
    if scheme in ("AttackTypes", "ActorTypes"):
        notes = " ".join(english(ontology, iri, SKOS.note))
        assert "ACLED" in notes
    # a top concept, or narrower than one
    assert ask(
        ontology,
        """ASK { ?c skos:broader* ?top . ?scheme skos:hasTopConcept ?top .
                 ?top skos:topConceptOf ?scheme }""",
        c=iri,
        scheme=CKG[scheme],
    )


def test_acled_is_never_a_mapping_target(ontology: Graph) -> None:
    """ACLED has no RDF vocabulary: correspondences are notes, not skos mapping links."""
    for predicate in (SKOS.closeMatch, SKOS.exactMatch, SKOS.broadMatch, SKOS.narrowMatch):
        for _, target in ontology.subject_objects(predicate):
            assert "acled" not in str(target).lower()


def test_ckg_namespace_holds_exactly_the_expected_terms(ontology: Graph) -> None:
    declared = {
        s
        for s in ontology.subjects(RDF.type, None)
        if isinstance(s, URIRef) and s.startswith(str(CKG))
    }
    assert declared == set(EXPECTED_TERMS)
    used = {
        node
        for triple in ontology
        for node in triple
        if isinstance(node, URIRef) and node.startswith(str(CKG))
    }
    assert used == set(EXPECTED_TERMS)


@pytest.mark.parametrize("term", THIRD_PARTY_TERMS)
def test_third_party_term_usage_is_noted(ontology: Graph, term: URIRef) -> None:
    assert (term, RDF.type, None) in ontology
    assert english(ontology, term, RDFS.comment)
