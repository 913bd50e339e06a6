"""Generated graphs for the report tests: many attacks, written as Turtle quickly."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

TYPES = [
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
]
HEAD = """@prefix ckg: <https://w3id.org/conflict-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix geo: <http://www.opengis.net/ont/geosparql#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/conflict-kg/id/> .
"""


@dataclass
class Synthetic:
    path: Path
    attacks: int
    located: int  # attacks whose place has coordinates
    rows: int  # attack x distinct source


def write_synthetic(path: Path, attacks: int, seed: int = 7) -> Synthetic:
    """A graph of ``attacks`` attacks over 300 places (one in ten without coordinates),
    200 armed groups and 40 sources; each attack told by one or two statements."""
    rng = random.Random(seed)
    lines = [HEAD]
    places = 300
    for p in range(places):
        lines.append(f'id:place-{p} a ckg:Place ; rdfs:label "Place {p}"@en ;')
        lines.append('    ckg:placeType "locality" ; ckg:admin1 id:region-' + str(p % 40) + " ;")
        if p % 10 == 9:
            lines[-1] = lines[-1][:-2] + " ."
            continue
        lon, lat = rng.uniform(-20, 60), rng.uniform(-10, 40)
        lines.append(f"    geo:hasGeometry id:place-{p}-geometry .")
        lines.append(
            f'id:place-{p}-geometry geo:asWKT "POINT({lon:.5f} {lat:.5f})"^^geo:wktLiteral .'
        )
    for r in range(40):
        lines.append(f'id:region-{r} a ckg:Place ; rdfs:label "Region {r}"@en .')
    for g in range(200):
        lines.append(
            f'id:group-{g} a ckg:ArmedGroup, ckg:Organisation ; rdfs:label "Group {g}"@en .'
        )
    for s in range(40):
        lines.append(f'id:source-{s} a ckg:Organisation ; rdfs:label "Source {s}"@en .')
    located = rows = 0
    start = dt.date(2015, 1, 1)
    for a in range(attacks):
        place = rng.randrange(places)
        located += place % 10 != 9
        day = start + dt.timedelta(days=rng.randrange(3650))
        article = f"id:report\\/doc-{a}"
        sources = sorted({rng.randrange(40) for _ in range(rng.choice((1, 1, 2)))})
        rows += len(sources)
        lines.append(
            f'{article} a ckg:Report ; dcterms:identifier "doc-{a}" ; '
            f'dcterms:issued "{day.isoformat()}"^^xsd:date ; ckg:publisher id:source-0 .'
        )
        statements = []
        for k, s in enumerate(sources):
            node = f"id:report\\/doc-{a}\\/statement-{k}"
            statements.append(node)
            lines.append(
                f"{node} a ckg:Report ; dcterms:isPartOf {article} ; ckg:source id:source-{s} ;"
                f' dcterms:date "{day.isoformat()}"^^xsd:date .'
            )
        kind = TYPES[a % len(TYPES)]
        killed = rng.randrange(60)
        lines.append(
            f"id:report\\/doc-{a}\\/attack-1 a ckg:Attack ; "
            f'rdfs:label "{kind} {a}"@en ; ckg:attackType ckg:{kind} ; '
            f'ckg:date "{day.isoformat()}"^^xsd:date ; ckg:location id:place-{place} ; '
            f"ckg:perpetrator id:group-{rng.randrange(200)} ; "
            f'ckg:targetDescription "civilians" ; '
            f'ckg:fatalities "{killed}"^^xsd:nonNegativeInteger ; '
            f'ckg:evidence "Attack number {a} killed {killed} people <b>&amp; more</b>." ; '
            f"ckg:reportedIn {', '.join(statements)} ."
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Synthetic(path, attacks, located, rows)
