"""Golden tests: what the graph of real articles must say, asked with SPARQL.

The seed article (Asharq Al-Awsat, 20 April 2019) and five articles of other conflicts
written for these tests (tests/fixtures/articles). The same rules serve all of them; no
rule knows any of these texts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg_builder.config import Settings
from kg_builder.pipeline import Builder, build

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
PREFIXES = """
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def graph_of(tmp_path_factory: pytest.TempPathFactory, *inputs: Path) -> Graph:
    out = tmp_path_factory.mktemp("golden") / "graph.ttl"
    summary = build(list(inputs), out, Settings(), builder=Builder(Settings()))
    assert summary.ok, summary.failed + summary.rejected
    return Graph().parse(out)


def ask(graph: Graph, body: str) -> bool:
    return bool(graph.query(PREFIXES + "ASK {" + body + "}").askAnswer)


def attack_with(fatalities: int, place_word: str, extra: str = "") -> str:
    """An attack with this death toll at a place (or in a division) whose name has the word."""
    return f"""
        ?a a ckg:Attack ; ckg:fatalities ?f ; ckg:location ?p .
        FILTER(xsd:integer(?f) = {fatalities})
        {{ ?p rdfs:label|skos:altLabel ?l }} UNION {{ ?p ckg:admin1/rdfs:label ?l }}
        FILTER(CONTAINS(LCASE(STR(?l)), "{place_word}"))
        {extra}
    """


# ----------------------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    return graph_of(tmp_path_factory, ROOT / "seeds")


SEED_FACTS = {
    "article report": """?r a ckg:Report ; dcterms:identifier ?id ;
        dcterms:title "Dozens of Regime Forces Killed in ISIS Attacks in Syria" ;
        dcterms:issued ?d ; ckg:publisher/rdfs:label "Asharq Al-Awsat"@en .
        FILTER(STRSTARTS(STR(?d), "2019-04-20"))""",
    "statement of the Observatory": """?s dcterms:isPartOf ?r ; ckg:source ?o .
        ?o a ckg:Organisation ; rdfs:label ?l .
        FILTER(CONTAINS(STR(?l), "Syrian Observatory for Human Rights"))""",
    "statement of Amaq, made on Friday": """?s dcterms:isPartOf ?r ; ckg:source/rdfs:label ?l ;
        dcterms:date "2019-04-19"^^xsd:date . FILTER(CONTAINS(STR(?l), "Amaq"))""",
    "ISIS is an armed group linked to Wikidata": "?g a ckg:ArmedGroup ; owl:sameAs wd:Q2429253 .",
    "Syria is linked": "?p a ckg:Place ; owl:sameAs wd:Q858 .",
    "(a) at least 60 killed east of Homs over 48 hours, by ISIS": attack_with(
        60,
        "homs",
        """?a ckg:fatalitiesMin "60"^^xsd:nonNegativeInteger ;
           ckg:perpetrator/owl:sameAs wd:Q2429253 ;
           ckg:startDate "2019-04-18"^^xsd:date ; ckg:endDate "2019-04-20"^^xsd:date ;
           ckg:reportedIn/ckg:source/rdfs:label ?src .
           FILTER(CONTAINS(STR(?src), "Observatory"))""",
    ),
    "(b) 8 killed near Mayadeen, Deir Ezzor, on Thursday night": attack_with(
        8,
        "deir",
        '?a ckg:date "2019-04-18"^^xsd:date . ?p rdfs:label|skos:altLabel "Mayadeen"@en .',
    ),
    "(c) 26 killed outside Idlib on Saturday by the al-Qaeda-linked extremists": attack_with(
        26,
        "idlib",
        """?a ckg:date "2019-04-20"^^xsd:date ; ckg:perpetrator/rdfs:label ?g .
           FILTER(CONTAINS(STR(?g), "Al-Qaeda affiliate"))""",
    ),
    "(d) Amaq: 20 killed in an ambush in al-Sukhna": attack_with(
        20,
        "sukhna",
        """?a ckg:attackType ckg:Ambush ; ckg:reportedIn/ckg:source/rdfs:label ?src .
           FILTER(CONTAINS(STR(?src), "Amaq"))""",
    ),
    "the attacks are four": """{ SELECT (COUNT(?x) AS ?n) WHERE { ?x a ckg:Attack } }
        FILTER(?n = 4)""",
    "no banner or footer read as an entity": """FILTER NOT EXISTS {
        ?e rdfs:label|skos:altLabel ?l .
        FILTER(REGEX(STR(?l), "Editor Picks|English Middle-east|Opinion", "i")) }""",
    "no place typed as an organisation": """FILTER NOT EXISTS {
        ?e a ckg:Place , ckg:Organisation }""",
    "the Idlib attack does not take ISIS's losses as its victims": """
        ?a ckg:fatalities "26"^^xsd:nonNegativeInteger .
        FILTER NOT EXISTS { ?a ckg:fatalities "6"^^xsd:nonNegativeInteger }""",
}
PLACES_WITH_COORDINATES = ["Homs", "Deir", "Idlib", "Palmyra", "Mayadeen", "Sukhna", "Damascus"]


@pytest.mark.parametrize("fact", sorted(SEED_FACTS))
def test_seed_fact(seed: Graph, fact: str) -> None:
    assert ask(seed, SEED_FACTS[fact]), fact


@pytest.mark.parametrize("name", PLACES_WITH_COORDINATES)
def test_seed_place_has_coordinates(seed: Graph, name: str) -> None:
    assert ask(
        seed,
        f"""?p a ckg:Place ; rdfs:label|skos:altLabel ?l ; geo:hasGeometry/geo:asWKT ?w .
        FILTER(CONTAINS(STR(?l), "{name}"))""",
    )


def test_seed_places_have_country(seed: Graph) -> None:
    """Every linked Syrian town carries its country and first-level division."""
    assert ask(
        seed,
        """?p owl:sameAs ?q ; ckg:country/owl:sameAs wd:Q858 ; ckg:admin1/rdfs:label ?a ;
           rdfs:label|skos:altLabel "Mayadeen"@en .""",
    )


# ----------------------------------------------------------------- other conflicts


@pytest.fixture(scope="module")
def others(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    return graph_of(tmp_path_factory, ARTICLES)


OTHER_FACTS = {
    "Somalia: car bomb in Mogadishu, 12 dead, 20 injured, claimed by al-Shabaab": attack_with(
        12,
        "mogadishu",
        """?a ckg:attackType ckg:Bombing ;
           ckg:injured "20"^^xsd:nonNegativeInteger ;
           ckg:date "2021-03-05"^^xsd:date ;
           ckg:perpetrator/rdfs:label|ckg:perpetrator/skos:altLabel ?g .
           FILTER(CONTAINS(LCASE(STR(?g)), "shabaab"))""",
    ),
    "Somalia: the habitual 'frequent attacks' is not an event": """
        ?r dcterms:identifier "somalia-shabaab-bombing" .
        FILTER NOT EXISTS { ?x a ckg:Attack ; ckg:reportedIn ?r ; ckg:evidence ?e .
                            FILTER(CONTAINS(?e, "frequent attacks")) }""",
    "Nigeria: Boko Haram kills 30 villagers near Maiduguri (violence against civilians)": (
        attack_with(
            30,
            "maiduguri",
            """?a ckg:attackType ckg:AttackOnCivilians ; ckg:date "2020-11-28"^^xsd:date ;
               ckg:perpetrator/rdfs:label|ckg:perpetrator/skos:altLabel "Boko Haram"@en .""",
        )
    ),
    "Yemen: Houthi drone strike in Aden kills 32 soldiers, reported by Reuters": attack_with(
        32,
        "aden",
        """?a ckg:attackType ckg:AirStrike ; ckg:date "2019-08-01"^^xsd:date ;
           ckg:perpetrator/a ckg:ArmedGroup ; ckg:reportedIn/ckg:source/rdfs:label ?s .
           FILTER(CONTAINS(STR(?s), "Reuters"))""",
    ),
    "Yemen: the Houthis' own channel is a statement source": """
        ?s ckg:source/rdfs:label ?l . FILTER(CONTAINS(STR(?l), "Masirah"))""",
    "Afghanistan: one Taliban ambush in Kandahar, 8 killed, 4 injured": attack_with(
        8,
        "kandahar",
        """?a ckg:attackType ckg:Ambush ;
           ckg:injured "4"^^xsd:nonNegativeInteger ;
           ckg:date "2018-06-13"^^xsd:date ;
           ckg:perpetrator/rdfs:label "Taliban"@en .""",
    ),
    "Afghanistan: the retelling 'another four … in the ambush' is not a second attack": """
        ?x a ckg:Attack ; ckg:evidence ?e1 . FILTER(CONTAINS(?e1, "policemen"))
        FILTER NOT EXISTS {
            ?y a ckg:Attack ; ckg:evidence ?e2 .
            FILTER(?y != ?x && CONTAINS(?e2, "policemen")) }""",
    "Libya: air strike on Tajoura, at least 44 dead, UN statements": attack_with(
        44,
        "tajoura",
        """?a ckg:attackType ckg:AirStrike ;
           ckg:fatalitiesMin "44"^^xsd:nonNegativeInteger ;
           ckg:injured "131"^^xsd:nonNegativeInteger ;
           ckg:reportedIn/ckg:source/owl:sameAs ?un .""",
    ),
    "Libya: the attack blamed on forces loyal to Haftar": """
        ?a a ckg:Attack ; ckg:perpetrator/rdfs:label ?l . FILTER(CONTAINS(STR(?l), "Haftar"))""",
}


@pytest.mark.parametrize("fact", sorted(OTHER_FACTS))
def test_other_conflict_fact(others: Graph, fact: str) -> None:
    assert ask(others, OTHER_FACTS[fact]), fact
