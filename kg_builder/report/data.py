"""Read the attacks of a graph (a file or an embedded pyoxigraph store) with SPARQL.

:func:`read_attacks` answers a handful of flat SELECT queries over the union of the
graphs and assembles one :class:`AttackRecord` per ``ckg:Attack``, with its place, its
actors and every report (article or attributed statement) that tells of it. The report and
the exports are written from these records.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

CKG = "https://w3id.org/conflict-kg/ontology#"
PREFIXES = """
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
"""
GRAPH_SUFFIXES = {".ttl", ".trig", ".nt", ".nq", ".jsonld"}
_POINT = re.compile(
    r"^\s*(?:<[^>]*>\s*)?POINT\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)\s*\)\s*$", re.IGNORECASE
)


class ReportError(Exception):
    """A graph or store that cannot be read (one line, for the command line)."""


@dataclass
class PlaceInfo:
    iri: str
    label: str = ""
    lat: float | None = None
    lon: float | None = None
    place_type: str | None = None
    admin1: str | None = None
    admin1_iri: str | None = None
    country: str | None = None

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass
class ReportInfo:
    """One report an attack is ``ckg:reportedIn``: a statement or an article."""

    iri: str
    is_statement: bool = False
    source: str = ""  # the statement's source, else the article's publisher
    date: str | None = None  # the statement's date, else the article's issue date
    quote: str | None = None
    article_iri: str | None = None
    article_id: str | None = None
    article_title: str | None = None
    article_url: str | None = None
    publisher: str | None = None


@dataclass
class AttackRecord:
    iri: str
    label: str = ""
    attack_type: str = "UnspecifiedAttack"
    date: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    fatalities: list[int] = field(default_factory=list)  # normally one figure
    fatalities_min: int | None = None
    fatalities_max: int | None = None
    injured: int | None = None
    attacker_fatalities: int | None = None
    perpetrators: list[str] = field(default_factory=list)
    perpetrator_iris: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    target_descriptions: list[str] = field(default_factory=list)
    place: PlaceInfo | None = None
    evidence: list[str] = field(default_factory=list)
    reports: list[ReportInfo] = field(default_factory=list)

    @property
    def best_fatalities(self) -> int | None:
        """The figure to count: ckg:fatalities (the largest when a graph holds several)."""
        if self.fatalities:
            return max(self.fatalities)
        return self.fatalities_min

    @property
    def when(self) -> str | None:
        """The day, or the first day of the span."""
        return self.date or self.start_date

    @property
    def sources(self) -> list[str]:
        """The distinct sources of its reports, in order."""
        seen: dict[str, None] = {}
        for report in self.reports:
            seen.setdefault(report.source, None)
        return list(seen)

    def time_precision(self) -> int | None:
        """ACLED time precision: 1 a day, 2 a span of a week at most, 3 a longer span."""
        if self.date:
            return 1
        if self.start_date and self.end_date:
            try:
                days = (
                    dt.date.fromisoformat(self.end_date) - dt.date.fromisoformat(self.start_date)
                ).days
            except ValueError:
                return 3
            return 2 if days <= 7 else 3
        if self.start_date:
            return 3
        return None


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def parse_point(wkt: str) -> tuple[float, float] | None:
    """(lon, lat) of a ``POINT(lon lat)`` WKT literal, or None."""
    match = _POINT.match(wkt)
    if not match:
        return None
    try:
        lon, lat = float(match.group(1)), float(match.group(2))
    except ValueError:
        return None
    if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
        return None
    return lon, lat


def open_graph(path: Path) -> ox.Store:
    """A store over a graph file (loaded in memory) or an on-disk store (read-only)."""
    if path.is_dir():
        try:
            return ox.Store.read_only(str(path))
        except OSError as exc:
            raise ReportError(
                f"{path}: cannot open the store: {' '.join(str(exc).split())}"
            ) from None
    if not path.exists():
        raise ReportError(f"{path}: no such file or store")
    suffix = path.suffix.lower()
    if suffix not in GRAPH_SUFFIXES:
        raise ReportError(
            f"{path}: unknown graph format (expected one of {', '.join(sorted(GRAPH_SUFFIXES))}"
            " or a store directory)"
        )
    fmt = ox.RdfFormat.from_extension(suffix[1:])
    if fmt is None:  # pragma: no cover - every suffix above is known to pyoxigraph
        raise ReportError(f"{path}: unknown graph format")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (OSError, SyntaxError, ValueError) as exc:
        message = " ".join(str(exc).split())
        raise ReportError(f"{path}: cannot parse as {fmt.name}: {message}") from None
    return store


def _value(term: object) -> str | None:
    if term is None:
        return None
    value = getattr(term, "value", None)
    return None if value is None else str(value)


def _int(term: object) -> int | None:
    text = _value(term)
    if text is None:
        return None
    try:
        return int(float(text))
    except ValueError:
        return None


def _day(term: object) -> str | None:
    text = _value(term)
    if not text:
        return None
    return text[:10] if re.match(r"^-?\d{4}-\d{2}-\d{2}", text) else None


def _rows(store: ox.Store, query: str, names: list[str]) -> Iterator[list[object]]:
    solutions = store.query(PREFIXES + query, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    for solution in solutions:
        yield [solution[name] for name in names]


def _labels(store: ox.Store, cls: str | None = None) -> dict[str, str]:
    """rdfs:label of every IRI (an English label preferred, else the first)."""
    labels: dict[str, str] = {}
    english: set[str] = set()
    for node, label in _rows(store, "SELECT ?n ?l WHERE { ?n rdfs:label ?l }", ["n", "l"]):
        iri, text = _value(node), _value(label)
        if iri is None or text is None:
            continue
        is_en = getattr(label, "language", None) == "en"
        if iri not in labels or (is_en and iri not in english):
            labels[iri] = text
            if is_en:
                english.add(iri)
    return labels


def _places(store: ox.Store, labels: dict[str, str]) -> dict[str, PlaceInfo]:
    places: dict[str, PlaceInfo] = {}

    def place(iri: str) -> PlaceInfo:
        if iri not in places:
            places[iri] = PlaceInfo(iri, labels.get(iri, local_name(iri)))
        return places[iri]

    query = """SELECT ?p ?wkt ?type ?a1 ?c WHERE {
        { SELECT DISTINCT ?p WHERE { ?x ckg:location ?p } }
        OPTIONAL { ?p geo:hasGeometry/geo:asWKT ?wkt }
        OPTIONAL { ?p ckg:placeType ?type }
        OPTIONAL { ?p ckg:admin1 ?a1 }
        OPTIONAL { ?p ckg:country ?c }
    }"""
    for p, wkt, ptype, a1, country in _rows(store, query, ["p", "wkt", "type", "a1", "c"]):
        iri = _value(p)
        if iri is None:
            continue
        info = place(iri)
        text = _value(wkt)
        if text and not info.has_point:
            point = parse_point(text)
            if point:
                info.lon, info.lat = point
        info.place_type = info.place_type or _value(ptype)
        a1_iri = _value(a1)
        if a1_iri and not info.admin1:
            info.admin1_iri = a1_iri
            info.admin1 = labels.get(a1_iri, local_name(a1_iri))
        c_iri = _value(country)
        if c_iri and not info.country:
            info.country = labels.get(c_iri, local_name(c_iri))
    for info in places.values():
        if info.place_type == "admin1" and not info.admin1:
            info.admin1, info.admin1_iri = info.label, info.iri
    return places


def _reports(store: ox.Store, labels: dict[str, str]) -> dict[str, ReportInfo]:
    reports: dict[str, ReportInfo] = {}
    query = """SELECT ?r ?src ?date ?quote ?art ?id ?title ?url ?pub ?issued WHERE {
        { SELECT DISTINCT ?r WHERE { ?x ckg:reportedIn ?r } }
        OPTIONAL { ?r ckg:source ?src }
        OPTIONAL { ?r dcterms:date ?date }
        OPTIONAL { ?r ckg:quote ?quote }
        OPTIONAL { ?r dcterms:isPartOf ?part }
        BIND(COALESCE(?part, ?r) AS ?art)
        OPTIONAL { ?art dcterms:identifier ?id }
        OPTIONAL { ?art dcterms:title ?title }
        OPTIONAL { ?art dcterms:source ?url }
        OPTIONAL { ?art ckg:publisher ?pub }
        OPTIONAL { ?art dcterms:issued ?issued }
    }"""
    names = ["r", "src", "date", "quote", "art", "id", "title", "url", "pub", "issued"]
    for r, src, date, quote, art, ident, title, url, pub, issued in _rows(store, query, names):
        iri = _value(r)
        if iri is None or iri in reports:
            continue
        source_iri, pub_iri = _value(src), _value(pub)
        publisher = labels.get(pub_iri, local_name(pub_iri)) if pub_iri else None
        info = ReportInfo(
            iri,
            is_statement=source_iri is not None,
            quote=_value(quote),
            article_iri=_value(art),
            article_id=_value(ident),
            article_title=_value(title),
            article_url=_value(url),
            publisher=publisher,
        )
        if source_iri:
            info.source = labels.get(source_iri, local_name(source_iri))
        else:
            info.source = publisher or info.article_id or local_name(iri)
        info.date = _day(date) or _day(issued)
        reports[iri] = info
    return reports


def read_attacks(store: ox.Store) -> list[AttackRecord]:
    """Every ckg:Attack of the store, sorted by date (undated last), then IRI."""
    labels = _labels(store)
    places = _places(store, labels)
    reports = _reports(store, labels)
    attacks: dict[str, AttackRecord] = {}
    core = """SELECT ?a ?type ?date ?start ?end ?loc ?min ?max ?inj ?att WHERE {
        ?a rdf:type ckg:Attack .
        OPTIONAL { ?a ckg:attackType ?type }
        OPTIONAL { ?a ckg:date ?date }
        OPTIONAL { ?a ckg:startDate ?start }
        OPTIONAL { ?a ckg:endDate ?end }
        OPTIONAL { ?a ckg:location ?loc }
        OPTIONAL { ?a ckg:fatalitiesMin ?min }
        OPTIONAL { ?a ckg:fatalitiesMax ?max }
        OPTIONAL { ?a ckg:injured ?inj }
        OPTIONAL { ?a ckg:attackerFatalities ?att }
    }"""
    names = ["a", "type", "date", "start", "end", "loc", "min", "max", "inj", "att"]
    for a, atype, date, start, end, loc, fmin, fmax, inj, att in _rows(store, core, names):
        iri = _value(a)
        if iri is None:
            continue
        if iri in attacks:
            continue
        record = AttackRecord(iri, labels.get(iri, local_name(iri)))
        type_iri = _value(atype)
        if type_iri:
            record.attack_type = local_name(type_iri)
        record.date, record.start_date, record.end_date = _day(date), _day(start), _day(end)
        loc_iri = _value(loc)
        if loc_iri:
            record.place = places.get(loc_iri) or PlaceInfo(loc_iri, labels.get(loc_iri, ""))
        record.fatalities_min, record.fatalities_max = _int(fmin), _int(fmax)
        record.injured, record.attacker_fatalities = _int(inj), _int(att)
        attacks[iri] = record

    def each(prop: str) -> Iterator[tuple[AttackRecord, object]]:
        query = f"SELECT DISTINCT ?a ?v WHERE {{ ?a rdf:type ckg:Attack ; {prop} ?v }}"
        for a, v in _rows(store, query, ["a", "v"]):
            record = attacks.get(_value(a) or "")
            if record is not None and v is not None:
                yield record, v

    for record, v in each("ckg:fatalities"):
        figure = _int(v)
        if figure is not None and figure not in record.fatalities:
            record.fatalities.append(figure)
    for record, v in each("ckg:perpetrator"):
        iri = _value(v) or ""
        if iri not in record.perpetrator_iris:
            record.perpetrator_iris.append(iri)
            record.perpetrators.append(labels.get(iri, local_name(iri)))
    for record, v in each("ckg:target"):
        label = labels.get(_value(v) or "", local_name(_value(v) or ""))
        if label not in record.targets:
            record.targets.append(label)
    for record, v in each("ckg:targetDescription"):
        text = _value(v) or ""
        if text and text not in record.target_descriptions:
            record.target_descriptions.append(text)
    for record, v in each("ckg:evidence"):
        text = _value(v) or ""
        if text and text not in record.evidence:
            record.evidence.append(text)
    for record, v in each("ckg:reportedIn"):
        report = reports.get(_value(v) or "")
        if report is not None and all(r is not report for r in record.reports):
            record.reports.append(report)
    for record in attacks.values():
        record.fatalities.sort()
        record.reports.sort(key=lambda r: (not r.is_statement, r.iri))
        record.perpetrators, record.perpetrator_iris = _sorted_pairs(
            record.perpetrators, record.perpetrator_iris
        )
        record.targets.sort()
        record.target_descriptions.sort()
        record.evidence.sort()
    return sorted(attacks.values(), key=lambda r: (r.when is None, r.when or "", r.iri))


def _sorted_pairs(labels: list[str], iris: list[str]) -> tuple[list[str], list[str]]:
    pairs = sorted(zip(labels, iris, strict=True))
    return [p[0] for p in pairs], [p[1] for p in pairs]


def load_attacks(path: Path) -> list[AttackRecord]:
    """The attacks of a graph file or store directory."""
    return read_attacks(open_graph(path))


def attack_id(iri: str) -> str:
    """A short id for an attack: its IRI after the ``/id/`` base (and ``report/``)."""
    for marker in ("/id/report/", "/id/"):
        if marker in iri:
            return iri.split(marker, 1)[1]
    return iri.rsplit("/", 1)[-1] if "/" in iri else iri
