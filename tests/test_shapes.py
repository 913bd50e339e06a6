"""The SHACL shapes (shapes/conflict.ttl) catch what they should and nothing more.

Every constraint gets a pair of small graphs built around one real report (Asharq
Al-Awsat, 20 April 2019, "Dozens of Regime Forces Killed in ISIS Attacks in Syria"):
one that breaks it, which must yield a result from that shape with the right
severity, and one that honours it, which must validate with no result at all.
Results are read from the report graph with SPARQL (sh:sourceShape,
sh:sourceConstraintComponent, sh:resultSeverity), never from the report text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pyshacl
import pytest
from graphhelp import select_rows
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import SH, SKOS

from kg_builder.validate import targeted_property_shapes

SHAPES_PATH = Path(__file__).resolve().parents[1] / "shapes" / "conflict.ttl"
CKGSH = Namespace("https://w3id.org/conflict-kg/shapes#")
CKG = Namespace("https://w3id.org/conflict-kg/ontology#")

PREFIXES = """\
@prefix ckg:     <https://w3id.org/conflict-kg/ontology#> .
@prefix id:      <https://w3id.org/conflict-kg/id/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix geo:     <http://www.opengis.net/ont/geosparql#> .
@prefix owl:     <http://www.w3.org/2002/07/owl#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix wd:      <http://www.wikidata.org/entity/> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
"""

# The article, one attributed statement in it, and the entities it mentions: all valid.
CONTEXT = """\
id:doc-17 a ckg:Report ;
    dcterms:identifier "doc-17" ;
    dcterms:title "Dozens of Regime Forces Killed in ISIS Attacks in Syria" ;
    dcterms:issued "2019-04-20"^^xsd:date ;
    dcterms:source "https://english.aawsat.com/" ;
    ckg:publisher id:asharq-al-awsat ;
    ckg:mentions id:isis , id:regime-forces , id:sohr , id:syria , id:deir-ezzor , id:mayadeen .

id:doc-17-s1 a ckg:Report ;
    dcterms:isPartOf id:doc-17 ;
    ckg:source id:sohr ;
    ckg:attributionVerb "said" ;
    dcterms:date "2019-04-20"^^xsd:date ;
    ckg:quote "The attack targeted a desert village south of the city of Mayadeen, \
upstream from the stretch of the Euphrates Valley, the Britain-based war monitor said." .

id:asharq-al-awsat a ckg:Organisation ;
    rdfs:label "Asharq Al-Awsat" ;
    ckg:actorType ckg:NewsOutlet .

id:sohr a ckg:Organisation ;
    rdfs:label "Syrian Observatory for Human Rights" ;
    skos:altLabel "the Observatory" , "the Britain-based war monitor" ;
    ckg:actorType ckg:Monitor .

id:isis a ckg:ArmedGroup , ckg:Organisation ;
    rdfs:label "Islamic State" ;
    skos:altLabel "ISIS" ;
    ckg:actorType ckg:JihadistGroup ;
    owl:sameAs wd:Q2429253 .

id:regime-forces a ckg:ArmedGroup , ckg:Organisation ;
    rdfs:label "Syrian Armed Forces" ;
    skos:altLabel "regime forces" ;
    ckg:actorType ckg:StateForces .

id:syria a ckg:Place ;
    rdfs:label "Syria" ;
    ckg:placeType "country" ;
    owl:sameAs wd:Q858 ;
    geo:hasGeometry id:syria-geometry .
id:syria-geometry geo:asWKT "POINT(38.5 35.0)"^^geo:wktLiteral .

id:deir-ezzor a ckg:Place ;
    rdfs:label "Deir ez-Zor Governorate" ;
    skos:altLabel "Deir Ezzor province" ;
    ckg:placeType "admin1" ;
    ckg:country id:syria .

id:mayadeen a ckg:Place ;
    rdfs:label "Mayadin" ;
    skos:altLabel "Mayadeen" ;
    ckg:placeType "locality" ;
    ckg:country id:syria ;
    ckg:admin1 id:deir-ezzor ;
    geo:hasGeometry id:mayadeen-geometry .
id:mayadeen-geometry geo:asWKT "POINT(40.4531 35.0208)"^^geo:wktLiteral .
"""

EVIDENCE = (
    "Another eight regime forces and militiamen, including two officers, were killed in a"
    " separate attack in neighboring Deir Ezzor province on Thursday night."
)

# The valid attack, one line per property; cases replace or drop lines.
ATTACK: dict[str, str] = {
    "rdfs:label": '"Islamic State attack near Mayadin, 18 April 2019"',
    "ckg:reportedIn": "id:doc-17 , id:doc-17-s1",
    "ckg:evidence": f'"{EVIDENCE}"',
    "ckg:trigger": '"attack"',
    "ckg:attackType": "ckg:UnspecifiedAttack",
    "ckg:perpetrator": "id:isis",
    "ckg:target": "id:regime-forces",
    "ckg:targetDescription": '"regime forces and militiamen"',
    "ckg:location": "id:mayadeen",
    "ckg:date": '"2019-04-18"^^xsd:date',
    "ckg:fatalities": '"8"^^xsd:nonNegativeInteger',
}


def attack(values: dict[str, str] | None = None, drop: tuple[str, ...] = ()) -> str:
    """The attack of the 18th near Mayadin as Turtle, with some lines replaced or dropped."""
    lines = {**ATTACK, **(values or {})}
    body = " ;\n    ".join(f"{p} {o}" for p, o in lines.items() if p not in drop)
    return f"id:doc-17-a2 a ckg:Attack ;\n    {body} .\n"


def nni(n: int) -> str:
    return f'"{n}"^^xsd:nonNegativeInteger'


def day(iso: str) -> str:
    return f'"{iso}"^^xsd:date'


def validate(data: str, shapes: Graph) -> tuple[bool, Graph]:
    """Validate CONTEXT plus ``data`` the way the project does: no inference, no ontology.

    ``allow_warnings=True`` lets a graph with warnings only conform (pyshacl's
    default counts warnings against conformance).
    """
    data_graph = Graph().parse(data=PREFIXES + CONTEXT + data, format="turtle")
    conforms, results, _ = pyshacl.validate(
        data_graph, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    assert isinstance(results, Graph)
    return bool(conforms), results


ALL_RESULTS = """
PREFIX sh: <http://www.w3.org/ns/shacl#>
SELECT ?shape ?constraint ?component ?severity WHERE {
    ?result a sh:ValidationResult ;
        sh:sourceShape ?shape ;
        sh:sourceConstraintComponent ?component ;
        sh:resultSeverity ?severity .
    OPTIONAL { ?result sh:sourceConstraint ?constraint }
}
"""

TOP_RESULTS = """
PREFIX sh: <http://www.w3.org/ns/shacl#>
SELECT ?shape ?severity WHERE {
    ?report a sh:ValidationReport ; sh:result ?result .
    ?result sh:sourceShape ?shape ; sh:resultSeverity ?severity .
}
"""


def findings(results: Graph) -> set[tuple[URIRef, URIRef, URIRef]]:
    """(shape, component, severity) of every result, nested sh:detail results included.

    A SPARQL-based result is listed under its sh:sourceConstraint as well as its shape.
    """
    found: set[tuple[URIRef, URIRef, URIRef]] = set()
    for shape, constraint, component, severity in select_rows(results, ALL_RESULTS):
        found.add(cast(tuple[URIRef, URIRef, URIRef], (shape, component, severity)))
        if constraint is not None:
            found.add(cast(tuple[URIRef, URIRef, URIRef], (constraint, component, severity)))
    return found


def top_level(results: Graph) -> list[tuple[URIRef, URIRef]]:
    rows = select_rows(results, TOP_RESULTS)
    return [cast(tuple[URIRef, URIRef], (shape, severity)) for shape, severity in rows]


@pytest.fixture(scope="module", params=["as written", "as validated"])
def shapes(request: pytest.FixtureRequest) -> Graph:
    """The shapes file, and the form ``kg_builder.validate`` gives pySHACL: every test
    must hold for both, so the two give the same results."""
    written = Graph().parse(SHAPES_PATH, format="turtle")
    return written if request.param == "as written" else targeted_property_shapes(written)


@dataclass(frozen=True)
class Case:
    id: str
    shape: str  # local name in the ckgsh namespace
    component: str  # local name in the sh namespace
    bad: str  # Turtle that breaks the constraint
    good: str  # Turtle that honours it (and every other constraint)
    severity: str = "Violation"


def _typed_cases(prop: str, good: str, other: str, bad: str) -> list[Case]:
    """Datatype and max-count cases of a single-valued typed attack property.

    ``good`` and ``other`` are two well-typed values (together they break the max
    count), ``bad`` is one of the wrong type.
    """
    name = prop.removeprefix("ckg:")
    shape = f"Attack-{name}-datatype"
    return [
        Case(f"{name}-datatype", shape, "DatatypeConstraintComponent",
             attack({prop: bad}), attack({prop: good})),
        Case(f"{name}-max", shape, "MaxCountConstraintComponent",
             attack({prop: f"{good} , {other}"}), attack({prop: other})),
    ]  # fmt: skip


# Entity nodes with a given body, for the entity cases. The Wikidata items named in
# the valid cases are real: Q1065 United Nations, Q2429253 Islamic State, Q796 Iraq.
def org(body: str) -> str:
    """The United Nations, as a later article might mention it."""
    kind = "ckg:actorType ckg:IntergovernmentalOrganisation"
    return f"id:un a ckg:Organisation ;\n    {kind} ;\n    {body} .\n"


def armed(body: str, types: str = "ckg:ArmedGroup , ckg:Organisation") -> str:
    """The Islamic State again, under the name another article gives it."""
    return f"id:isil a {types} ;\n    ckg:actorType ckg:JihadistGroup ;\n    {body} .\n"


def place(body: str) -> str:
    """Iraq ("near the Iraqi border")."""
    return f'id:iraq a ckg:Place ;\n    ckg:placeType "country" ;\n    {body} .\n'


def state(body: str) -> str:
    """Iraq's state ("Iraq said …"), an organisation, with Iraq the place beside it."""
    return f"id:iraq-state a ckg:Organisation ;\n    {IRAQ_LABEL} ;\n    {body} .\n" + place(
        IRAQ_LABEL
    )


def geometry(wkt: str) -> str:
    """Iraq with a geometry node holding ``wkt`` (none when empty)."""
    node = f"id:iraq-geometry {wkt} .\n" if wkt else "id:iraq-geometry a geo:Geometry .\n"
    return place(f"{IRAQ_LABEL} ;\n    geo:hasGeometry id:iraq-geometry") + node


def toll(body: str) -> str:
    """The Observatory's own figures for the attack, as a casualty claim."""
    return f"id:doc-17-a2-toll-1 a ckg:CasualtyClaim ;\n    {body} .\n"


def statement(body: str) -> str:
    """A second attributed statement of the article (Amaq's claim)."""
    return (
        "id:doc-17-s2 a ckg:Report ;\n"
        '    ckg:quote "Amaq said that ISIS had launched its assault on Thursday evening." ;\n'
        f"    {body} .\n"
    )


AMAQ = """id:amaq a ckg:Organisation ;
    rdfs:label "Amaq News Agency" ;
    skos:altLabel "Amaq" ;
    ckg:actorType ckg:NewsOutlet .
"""
UN_LABEL = 'rdfs:label "United Nations"'
ISIL_LABEL = 'rdfs:label "Islamic State of Iraq and the Levant"'
IRAQ_LABEL = 'rdfs:label "Iraq"'
WD_UN = "owl:sameAs wd:Q1065"
WD_ISIL = "owl:sameAs wd:Q2429253"
WD_IRAQ = "owl:sameAs wd:Q796"
WKT = '"POINT(44.0 33.0)"^^geo:wktLiteral'

CASES: list[Case] = [
    # --- Attack: provenance
    Case("reportedIn-min", "Attack-reportedIn-min", "MinCountConstraintComponent",
         attack(drop=("ckg:reportedIn",)), attack()),
    Case("reportedIn-class", "Attack-reportedIn-class", "ClassConstraintComponent",
         attack({"ckg:reportedIn": "<https://english.aawsat.com/home/article/1688151>"}),
         attack({"ckg:reportedIn": "id:doc-17"})),
    Case("evidence-min", "Attack-evidence-min", "MinCountConstraintComponent",
         attack(drop=("ckg:evidence",)), attack()),
    Case("evidence-datatype", "Attack-evidence-datatype", "DatatypeConstraintComponent",
         attack({"ckg:evidence": f'"{EVIDENCE}"@en'}), attack()),
    Case("trigger-datatype", "Attack-trigger-datatype", "DatatypeConstraintComponent",
         attack({"ckg:trigger": '"attack"@en'}), attack({"ckg:trigger": '"killed"'})),
    # --- Attack: who, whom, where, what
    Case("perpetrator-class", "Attack-perpetrator-class", "ClassConstraintComponent",
         attack({"ckg:perpetrator": "id:isil"}) + armed(ISIL_LABEL, types="ckg:ArmedGroup"),
         attack({"ckg:perpetrator": "id:isil"}) + armed(ISIL_LABEL)),
    Case("target-class", "Attack-target-class", "ClassConstraintComponent",
         attack({"ckg:target": '"regime forces"'}), attack(drop=("ckg:target",))),
    Case("targetDescription-datatype", "Attack-targetDescription-datatype",
         "DatatypeConstraintComponent",
         attack({"ckg:targetDescription": '"civilians"@en'}),
         attack({"ckg:targetDescription": '"civilians"'})),
    Case("location-class", "Attack-location-class", "ClassConstraintComponent",
         attack({"ckg:location": "wd:Q858"}), attack({"ckg:location": "id:deir-ezzor"})),
    Case("attackType-value", "Attack-attackType-value", "OrConstraintComponent",
         attack({"ckg:attackType": "ckg:Raid"}), attack({"ckg:attackType": "ckg:Ambush"})),
    Case("attackType-max", "Attack-attackType-max", "MaxCountConstraintComponent",
         attack({"ckg:attackType": "ckg:Ambush , ckg:ArmedClash"}),
         attack({"ckg:attackType": "ckg:Ambush"})),
    Case("label-max", "Attack-label-max", "MaxCountConstraintComponent",
         attack({"rdfs:label": '"ISIS attack near Mayadeen" , "Attack in Deir Ezzor"'}),
         attack({"rdfs:label": '"ISIS attack near Mayadeen"'})),
    # --- Attack: casualties
    *_typed_cases("ckg:fatalities", nni(8), nni(9), '"8"^^xsd:integer'),
    *_typed_cases("ckg:fatalitiesMin", nni(8), nni(6), '"-8"^^xsd:integer'),
    *_typed_cases("ckg:fatalitiesMax", nni(8), nni(10), '"eight"'),
    *_typed_cases("ckg:injured", nni(3), nni(4), "3"),
    *_typed_cases("ckg:attackerFatalities", nni(6), nni(7), '"6.0"^^xsd:decimal'),
    # --- Casualty claims: one report's own figures
    Case("claim-claimedIn", "CasualtyClaim-claimedIn", "MinCountConstraintComponent",
         toll(f"ckg:claimedFatalities {nni(8)}"),
         toll(f"ckg:claimedIn id:doc-17-s1 ;\n    ckg:claimedFatalities {nni(8)}")),
    Case("claim-claimedIn-class", "CasualtyClaim-claimedIn", "ClassConstraintComponent",
         toll("ckg:claimedIn id:sohr"), toll("ckg:claimedIn id:doc-17-s1")),
    Case("claim-claimedFatalities", "CasualtyClaim-claimedFatalities-datatype",
         "DatatypeConstraintComponent",
         toll('ckg:claimedIn id:doc-17-s1 ;\n    ckg:claimedFatalities "8"^^xsd:integer'),
         toll(f"ckg:claimedIn id:doc-17-s1 ;\n    ckg:claimedFatalities {nni(8)}")),
    Case("claim-claimedInjured", "CasualtyClaim-claimedInjured-datatype",
         "DatatypeConstraintComponent",
         toll('ckg:claimedIn id:doc-17-s1 ;\n    ckg:claimedInjured "some"'),
         toll(f"ckg:claimedIn id:doc-17-s1 ;\n    ckg:claimedInjured {nni(2)}")),
    Case("confidence-range", "Attack-confidence-range", "MaxInclusiveConstraintComponent",
         attack({"ckg:confidence": '"1.5"^^xsd:decimal'}),
         attack({"ckg:confidence": '"0.75"^^xsd:decimal'})),
    Case("confidence-datatype", "Attack-confidence-range", "DatatypeConstraintComponent",
         attack({"ckg:confidence": '"high"'}), attack({"ckg:confidence": '"0.4"^^xsd:decimal'})),
    Case("fatalitiesMin-order", "Attack-fatalitiesMin-order",
         "LessThanOrEqualsConstraintComponent",
         attack({"ckg:fatalities": nni(20), "ckg:fatalitiesMin": nni(60)}),
         attack({"ckg:fatalities": nni(60), "ckg:fatalitiesMin": nni(60)})),
    Case("fatalities-order", "Attack-fatalities-order", "LessThanOrEqualsConstraintComponent",
         attack({"ckg:fatalities": nni(60), "ckg:fatalitiesMax": nni(20)}),
         attack({"ckg:fatalities": nni(20), "ckg:fatalitiesMax": nni(60)})),
    Case("fatalitiesMinMax-order", "Attack-fatalitiesMinMax-order",
         "LessThanOrEqualsConstraintComponent",
         attack({"ckg:fatalitiesMin": nni(15), "ckg:fatalitiesMax": nni(10)},
                drop=("ckg:fatalities",)),
         attack({"ckg:fatalitiesMin": nni(10), "ckg:fatalitiesMax": nni(15)},
                drop=("ckg:fatalities",))),
    # --- Attack: dates
    *_typed_cases("ckg:date", day("2019-04-18"), day("2019-04-19"), '"Thursday night"'),
    *_typed_cases("ckg:startDate", day("2019-04-18"), day("2019-04-17"),
                  '"2019-04-18T21:00:00"^^xsd:dateTime'),
    *_typed_cases("ckg:endDate", day("2019-04-18"), day("2019-04-20"),
                  '"2019-04"^^xsd:gYearMonth'),
    Case("startDate-order", "Attack-startDate-order", "LessThanOrEqualsConstraintComponent",
         attack({"ckg:startDate": day("2019-04-20"), "ckg:endDate": day("2019-04-18")},
                drop=("ckg:date",)),
         attack({"ckg:startDate": day("2019-04-18"), "ckg:endDate": day("2019-04-20")},
                drop=("ckg:date",))),
    # --- Attack: warnings
    Case("location-warning", "AttackLocationWarning-location-min",
         "MinCountConstraintComponent",
         attack(drop=("ckg:location",)), attack(), severity="Warning"),
    Case("date-warning", "AttackDateWarningShape", "OrConstraintComponent",
         attack({"ckg:startDate": day("2019-04-18")}, drop=("ckg:date",)),
         attack({"ckg:startDate": day("2019-04-18"), "ckg:endDate": day("2019-04-20")},
                drop=("ckg:date",)),
         severity="Warning"),
    # --- Report
    Case("report-identifier-or-part", "Report-identifierOrPart-min", "MinCountConstraintComponent",
         statement('ckg:source id:sohr ;\n    ckg:attributionVerb "said"'),
         statement("ckg:source id:sohr ;\n    dcterms:isPartOf id:doc-17")),
    Case("report-isPartOf-class", "Report-isPartOf-class", "ClassConstraintComponent",
         statement("dcterms:isPartOf <https://english.aawsat.com/home/article/1688151>"),
         statement("dcterms:isPartOf id:doc-17")),
    Case("report-publisher-class", "Report-publisher-class", "ClassConstraintComponent",
         statement('dcterms:isPartOf id:doc-17 ;\n    ckg:publisher "Asharq Al-Awsat"'),
         statement("dcterms:isPartOf id:doc-17 ;\n    ckg:publisher id:asharq-al-awsat")),
    Case("report-source-class", "Report-source-class", "ClassConstraintComponent",
         statement('dcterms:isPartOf id:doc-17 ;\n    ckg:source "Amaq"'),
         statement("dcterms:isPartOf id:doc-17 ;\n    ckg:source id:amaq") + AMAQ),
    Case("mentioned-type-class", "Mentioned-type-class",
         "QualifiedMinCountConstraintComponent",
         attack() + "id:doc-17 ckg:mentions id:doc-17-a2 .\n",
         attack() + "id:doc-17 ckg:mentions id:mayadeen .\n"),
    Case("report-issued-datatype", "Report-issued-datatype", "OrConstraintComponent",
         'id:doc-18 a ckg:Report ;\n    dcterms:identifier "doc-18" ;\n'
         '    dcterms:issued "Saturday, 20 April, 2019 - 09:00" .\n',
         'id:doc-18 a ckg:Report ;\n    dcterms:identifier "doc-18" ;\n'
         '    dcterms:issued "2019-04-20T09:00:00"^^xsd:dateTime .\n'),
    Case("report-quote-datatype", "Report-quote-datatype", "DatatypeConstraintComponent",
         'id:doc-17-s1 ckg:quote "It said four senior regime officers were among the dead."@en .\n',
         'id:doc-17-s1 ckg:quote "It said four senior regime officers were among the dead." .\n'),
    Case("report-attributionVerb-datatype", "Report-attributionVerb-datatype",
         "DatatypeConstraintComponent",
         statement('dcterms:isPartOf id:doc-17 ;\n    ckg:attributionVerb "said"@en'),
         statement('dcterms:isPartOf id:doc-17 ;\n    ckg:attributionVerb "said"')),
    # --- Organisation
    Case("organisation-label-min", "Organisation-label-count", "MinCountConstraintComponent",
         org('skos:altLabel "UN"'), org(f'{UN_LABEL} ;\n    skos:altLabel "UN"')),
    Case("organisation-label-max", "Organisation-label-count", "MaxCountConstraintComponent",
         org('rdfs:label "United Nations" , "UN"'), org(UN_LABEL)),
    Case("organisation-sameAs-iri", "Organisation-sameAs-wikidata",
         "NodeKindConstraintComponent",
         org(f'{UN_LABEL} ;\n    owl:sameAs "Q1065"'), org(f"{UN_LABEL} ;\n    {WD_UN}")),
    Case("organisation-sameAs-pattern", "Organisation-sameAs-wikidata",
         "PatternConstraintComponent",
         org(f"{UN_LABEL} ;\n    owl:sameAs <https://www.wikidata.org/wiki/Q1065>"),
         org(f"{UN_LABEL} ;\n    {WD_UN}")),
    Case("organisation-actorType-value", "Organisation-actorType-value",
         "OrConstraintComponent",
         org(f'{UN_LABEL} ;\n    ckg:actorType "international body"'), org(UN_LABEL)),
    Case("organisation-stateOf-class", "Organisation-stateOf-class",
         "ClassConstraintComponent",
         state('ckg:stateOf "Iraq"'), state("ckg:stateOf id:iraq")),
    Case("organisation-stateOf-max", "Organisation-stateOf-class",
         "MaxCountConstraintComponent",
         state("ckg:stateOf id:iraq , id:iraq-state"), state("ckg:stateOf id:iraq")),
    # --- ArmedGroup
    Case("armedGroup-organisation-type", "ArmedGroupShape", "ClassConstraintComponent",
         armed(ISIL_LABEL, types="ckg:ArmedGroup"), armed(ISIL_LABEL)),
    Case("armedGroup-label-min", "ArmedGroup-label-count", "MinCountConstraintComponent",
         armed('skos:altLabel "ISIL"'), armed(f'{ISIL_LABEL} ;\n    skos:altLabel "ISIL"')),
    Case("armedGroup-label-max", "ArmedGroup-label-count", "MaxCountConstraintComponent",
         armed(f'{ISIL_LABEL} , "ISIL"'), armed(ISIL_LABEL)),
    Case("armedGroup-sameAs-iri", "ArmedGroup-sameAs-wikidata", "NodeKindConstraintComponent",
         armed(f"{ISIL_LABEL} ;\n    owl:sameAs _:isil"), armed(f"{ISIL_LABEL} ;\n    {WD_ISIL}")),
    Case("armedGroup-sameAs-pattern", "ArmedGroup-sameAs-wikidata",
         "PatternConstraintComponent",
         armed(f"{ISIL_LABEL} ;\n    owl:sameAs <http://www.wikidata.org/entity/Q2429253#x>"),
         armed(f"{ISIL_LABEL} ;\n    {WD_ISIL}")),
    # --- Place
    Case("place-label-min", "Place-label-count", "MinCountConstraintComponent",
         place('skos:altLabel "Iraqi"'), place(f'{IRAQ_LABEL} ;\n    skos:altLabel "Iraqi"')),
    Case("place-label-max", "Place-label-count", "MaxCountConstraintComponent",
         place('rdfs:label "Iraq" , "Republic of Iraq"'), place(IRAQ_LABEL)),
    Case("place-sameAs-iri", "Place-sameAs-wikidata", "NodeKindConstraintComponent",
         place(f'{IRAQ_LABEL} ;\n    owl:sameAs "http://www.wikidata.org/entity/Q796"'),
         place(f"{IRAQ_LABEL} ;\n    {WD_IRAQ}")),
    Case("place-sameAs-pattern", "Place-sameAs-wikidata", "PatternConstraintComponent",
         place(f"{IRAQ_LABEL} ;\n    owl:sameAs <http://www.wikidata.org/entity/P17>"),
         place(f"{IRAQ_LABEL} ;\n    {WD_IRAQ}")),
    Case("place-country-class", "Place-country-class", "ClassConstraintComponent",
         place(f'{IRAQ_LABEL} ;\n    ckg:country "Iraq"'),
         place(f"{IRAQ_LABEL} ;\n    ckg:country id:iraq")),
    Case("place-admin1-class", "Place-admin1-class", "ClassConstraintComponent",
         attack() + "id:mayadeen ckg:admin1 wd:Q858 .\n", attack()),
    Case("place-placeType-in", "Place-placeType-value", "InConstraintComponent",
         place(f'{IRAQ_LABEL} ;\n    ckg:placeType "nation"'), place(IRAQ_LABEL)),
    Case("place-placeType-max", "Place-placeType-value", "MaxCountConstraintComponent",
         place(f'{IRAQ_LABEL} ;\n    ckg:placeType "admin1"'), place(IRAQ_LABEL)),
    Case("place-geometry-node", "Place-hasGeometry-node", "NodeConstraintComponent",
         geometry('geo:asWKT "POINT(44.0)"^^geo:wktLiteral'), geometry(f"geo:asWKT {WKT}")),
    # --- Geometry (reported as sh:detail of the place's violation)
    Case("geometry-wkt-min", "Geometry-asWKT-count", "MinCountConstraintComponent",
         geometry(""), geometry(f"geo:asWKT {WKT}")),
    Case("geometry-wkt-max", "Geometry-asWKT-count", "MaxCountConstraintComponent",
         geometry(f'geo:asWKT {WKT} , "POINT(43.68 33.22)"^^geo:wktLiteral'),
         geometry(f"geo:asWKT {WKT}")),
    Case("geometry-wkt-datatype", "Geometry-asWKT-point", "DatatypeConstraintComponent",
         geometry('geo:asWKT "POINT(44.0 33.0)"'), geometry(f"geo:asWKT {WKT}")),
    Case("geometry-wkt-pattern", "Geometry-asWKT-point", "PatternConstraintComponent",
         geometry('geo:asWKT "POINT(44.0, 33.0)"^^geo:wktLiteral'),
         geometry('geo:asWKT " POINT ( 44   33.0 ) "^^geo:wktLiteral')),
    Case("geometry-longitude-range", "Geometry-asWKT-range", "PatternConstraintComponent",
         geometry('geo:asWKT "POINT(224.0 33.0)"^^geo:wktLiteral'),
         geometry('geo:asWKT "POINT(-180 90)"^^geo:wktLiteral')),
    Case("geometry-latitude-range", "Geometry-asWKT-range", "PatternConstraintComponent",
         geometry('geo:asWKT "POINT(33.0 -94.0)"^^geo:wktLiteral'),
         geometry('geo:asWKT "POINT(180.0 -90.0)"^^geo:wktLiteral')),
]  # fmt: skip


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_broken_constraint_is_reported(case: Case, shapes: Graph) -> None:
    conforms, results = validate(case.bad, shapes)
    expected = (CKGSH[case.shape], SH[case.component], SH[case.severity])
    assert expected in findings(results), sorted(findings(results))
    assert conforms == (case.severity == "Warning")


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_honoured_constraint_is_silent(case: Case, shapes: Graph) -> None:
    conforms, results = validate(case.good, shapes)
    assert conforms
    assert findings(results) == set()


def test_every_constraint_has_a_case(shapes: Graph) -> None:
    """Each named shape that carries a constraint of its own is exercised above."""
    parameters = [
        SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH["or"], SH["in"], SH.pattern,
        SH.nodeKind, SH.lessThanOrEquals, SH.node, SH.select, SH.qualifiedMinCount,
    ]  # fmt: skip
    constrained = {
        s
        for p in parameters
        for s in shapes.subjects(p, None)
        if isinstance(s, URIRef) and s.startswith(str(CKGSH))
    }
    covered = {CKGSH[c.shape] for c in CASES}
    assert constrained - covered == set()
    assert covered - constrained == set()


def test_every_constraint_has_a_message(shapes: Graph) -> None:
    constrained = set(shapes.subjects(SH.path, None)) | set(shapes.subjects(SH.select, None))
    constrained |= {s for s in shapes.subjects(SH["or"], None) if isinstance(s, URIRef)}
    constrained |= {s for s in shapes.subjects(SH["class"], None) if isinstance(s, URIRef)}
    named = {s for s in constrained if isinstance(s, URIRef)}
    assert named
    missing = [s for s in named if (s, SH.message, None) not in shapes]
    assert missing == []


def test_valid_attack_conforms_without_warnings(shapes: Graph) -> None:
    conforms, results = validate(attack(), shapes)
    assert conforms
    assert top_level(results) == []


def test_attack_without_place_or_date_gives_exactly_two_warnings(shapes: Graph) -> None:
    conforms, results = validate(attack(drop=("ckg:location", "ckg:date")), shapes)
    assert conforms
    found = top_level(results)
    assert sorted(found) == sorted(
        [
            (CKGSH["AttackLocationWarning-location-min"], SH.Warning),
            (CKGSH.AttackDateWarningShape, SH.Warning),
        ]
    )


def test_actor_type_values_are_the_concepts_of_the_ontology(shapes: Graph) -> None:
    """The shape lists every actor and organisation type the ontology declares, no more: a
    build that writes a new type passes validation only once both know it."""
    ontology = Graph().parse(SHAPES_PATH.parents[1] / "ontology" / "conflict.ttl")
    declared = set(
        ontology.query(
            """SELECT ?concept WHERE {
                 VALUES ?scheme { ckg:ActorTypes ckg:OrganisationTypes }
                 ?concept skos:inScheme ?scheme }""",
            initNs={"ckg": CKG, "skos": SKOS},
        )
    )
    listed = set(
        shapes.query(
            """SELECT ?concept WHERE {
                 ckgsh:Organisation-actorType-value
                     sh:or/rdf:rest*/rdf:first/sh:in/rdf:rest*/rdf:first ?concept }""",
            initNs={"ckgsh": CKGSH, "sh": SH},
        )
    )
    assert len(declared) >= 13
    assert listed == declared
