"""Generated graphs shaped like a build's output, for load benchmarks and tests.

Each article is written the way ``build`` writes it — its Report, two attributed statements,
three attacks (perpetrator, target, place, date, fatalities, evidence, …), a description
scoped to it, and the descriptions of the shared entities it mentions (armed groups and
places linked to Wikidata, with geometries, countries and divisions), repeated in every
article that mentions them. About 100 triples an article.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import IO

BASE = "https://w3id.org/conflict-kg/id/"
CKG = "https://w3id.org/conflict-kg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
OWL_SAME = "http://www.w3.org/2002/07/owl#sameAs"
DCT = "http://purl.org/dc/terms/"
GEO = "http://www.opengis.net/ont/geosparql#"
XSD = "http://www.w3.org/2001/XMLSchema#"
TYPES = ["ArmedClash", "Ambush", "Bombing", "AirStrike", "Shelling", "SuicideAttack"]


def _lit(text: str, lang: str | None = "en") -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def _typed(value: str, datatype: str) -> str:
    return f'"{value}"^^<{datatype}>'


def article_triples(n: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """The triples of article number ``n`` (subject and predicate IRIs, object as N-Triples)."""
    doc = f"doc-{n:07d}"
    report = f"{BASE}report/{doc}"
    day = f"20{10 + n % 15:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}"
    groups = [rng.randrange(400) for _ in range(2)]
    places = [rng.randrange(3000) for _ in range(3)]
    out: list[tuple[str, str, str]] = []

    def add(s: str, p: str, o: str) -> None:
        out.append((s, p, o))

    add(report, RDF_TYPE, f"<{CKG}Report>")
    add(report, DCT + "identifier", _lit(doc, None))
    add(report, DCT + "title", _lit(f"Attacks reported in article {n}", None))
    add(report, DCT + "issued", _typed(day, XSD + "date"))
    outlet = f"{BASE}organisation/outlet-{n % 50}"
    add(report, CKG + "publisher", f"<{outlet}>")
    add(outlet, RDF_TYPE, f"<{CKG}Organisation>")
    add(outlet, RDFS_LABEL, _lit(f"Outlet {n % 50}"))
    local = f"{report}/armedgroup/gunmen"
    add(local, RDF_TYPE, f"<{CKG}ArmedGroup>")
    add(local, RDF_TYPE, f"<{CKG}Organisation>")
    add(local, RDFS_LABEL, _lit("gunmen"))
    add(report, CKG + "mentions", f"<{local}>")
    for g in groups:
        node = f"{BASE}entity/Q{1_000_000 + g}"
        add(node, RDF_TYPE, f"<{CKG}ArmedGroup>")
        add(node, RDF_TYPE, f"<{CKG}Organisation>")
        add(node, RDFS_LABEL, _lit(f"Group {g}"))
        add(node, SKOS_ALT, _lit(f"G{g}"))
        add(node, OWL_SAME, f"<http://www.wikidata.org/entity/Q{1_000_000 + g}>")
        add(report, CKG + "mentions", f"<{node}>")
    for p in places:
        node = f"{BASE}entity/Q{2_000_000 + p}"
        geometry = f"{node}/geometry"
        admin1 = f"{BASE}entity/Q{3_000_000 + p % 40}"
        country = f"{BASE}entity/Q{4_000_000 + p % 8}"
        add(node, RDF_TYPE, f"<{CKG}Place>")
        add(node, RDFS_LABEL, _lit(f"Town {p}"))
        add(node, OWL_SAME, f"<http://www.wikidata.org/entity/Q{2_000_000 + p}>")
        add(node, CKG + "admin1", f"<{admin1}>")
        add(node, CKG + "country", f"<{country}>")
        add(node, CKG + "placeType", _lit("locality", None))
        add(node, GEO + "hasGeometry", f"<{geometry}>")
        add(geometry, RDF_TYPE, f"<{GEO}Geometry>")
        lon, lat = 30 + p % 100 / 10, 20 + p % 170 / 10
        add(geometry, GEO + "asWKT", _typed(f"POINT({lon:.5f} {lat:.5f})", GEO + "wktLiteral"))
        add(admin1, RDF_TYPE, f"<{CKG}Place>")
        add(admin1, RDFS_LABEL, _lit(f"Province {p % 40}"))
        add(report, CKG + "mentions", f"<{node}>")
    statements = []
    for k in (1, 2):
        st = f"{report}/statement-{k}"
        statements.append(st)
        source = f"{BASE}organisation/monitor-{(n + k) % 30}"
        add(st, RDF_TYPE, f"<{CKG}Report>")
        add(st, DCT + "isPartOf", f"<{report}>")
        add(st, CKG + "source", f"<{source}>")
        add(st, CKG + "quote", _lit(f"Statement {k} of article {n}: fighters were killed.", None))
        add(st, RDFS_LABEL, _lit(f"statement by Monitor {(n + k) % 30}"))
        add(st, DCT + "date", _typed(day, XSD + "date"))
        add(source, RDF_TYPE, f"<{CKG}Organisation>")
        add(source, RDFS_LABEL, _lit(f"Monitor {(n + k) % 30}"))
    for k in (1, 2, 3):
        attack = f"{report}/attack-{k}"
        kind = TYPES[(n + k) % len(TYPES)]
        dead = str((n * 7 + k) % 90)
        add(attack, RDF_TYPE, f"<{CKG}Attack>")
        add(attack, CKG + "attackType", f"<{CKG}{kind}>")
        add(attack, CKG + "trigger", _lit("attack", None))
        add(attack, RDFS_LABEL, _lit(f"{kind} by Group {groups[0]} in Town {places[k - 1]}"))
        add(attack, CKG + "evidence", _lit(f"Sentence {k} of article {n} tells the attack.", None))
        add(attack, CKG + "reportedIn", f"<{statements[k % 2]}>")
        add(attack, CKG + "perpetrator", f"<{BASE}entity/Q{1_000_000 + groups[0]}>")
        add(attack, CKG + "target", f"<{local}>")
        add(attack, CKG + "targetDescription", _lit("soldiers", None))
        add(attack, CKG + "location", f"<{BASE}entity/Q{2_000_000 + places[k - 1]}>")
        add(attack, CKG + "date", _typed(day, XSD + "date"))
        add(attack, CKG + "fatalities", _typed(dead, XSD + "nonNegativeInteger"))
        add(attack, CKG + "fatalitiesMin", _typed(dead, XSD + "nonNegativeInteger"))
    return out


def write(path: Path, min_triples: int, seed: int = 7) -> tuple[int, int]:
    """Write at least ``min_triples`` triples (.nt or .ttl); (triples, articles) written."""
    rng = random.Random(seed)
    turtle = path.suffix == ".ttl"
    triples = articles = 0
    with path.open("w", encoding="utf-8") as stream:
        while triples < min_triples:
            rows = article_triples(articles, rng)
            (_write_turtle if turtle else _write_nt)(stream, rows)
            triples += len(rows)
            articles += 1
    return triples, articles


def _write_nt(stream: IO[str], rows: list[tuple[str, str, str]]) -> None:
    stream.write("".join(f"<{s}> <{p}> {o} .\n" for s, p, o in rows))


def _write_turtle(stream: IO[str], rows: list[tuple[str, str, str]]) -> None:
    by_subject: dict[str, list[tuple[str, str]]] = {}
    for s, p, o in rows:
        by_subject.setdefault(s, []).append((p, o))
    for subject, pairs in by_subject.items():
        body = " ;\n    ".join(f"<{p}> {o}" for p, o in pairs)
        stream.write(f"<{subject}> {body} .\n\n")
