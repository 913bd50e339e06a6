"""Build the packaged knowledge base ``kg_builder/data/kb.sqlite`` from the Wikidata source tables.

Usage (from the repository root)::

    python scripts/build_kb.py        # ../shared/wikidata -> kg_builder/data/kb.sqlite
    python scripts/build_kb.py --source DIR --out FILE

Inputs (see ``README.md`` in the source folder): ``places.tsv``, ``armed_groups.tsv``,
``organisations.tsv``, ``actors_extra.tsv`` and ``provenance.json``.
``places_wof_localities.tsv.gz`` (same columns as places.tsv, no QIDs: villages of the 25 priority
countries) goes, when present, into a compact ``villages`` table (name keys, country, first-level
division, coordinates to 4 decimals; no names, no QIDs) that the linker consults only for a place
the main tables do not know, to give it coordinates and a division; ``--no-villages`` leaves it out.
English short forms of country names (``US``, ``Britain``; ``knowledge/resources/
country_short_names.tsv``, ISO codes only) become names of the country rows of those codes.

Every QID written comes from those files; the trust rules below decide which are shipped:

* places: a QID flagged ``qid_also_on`` (the same QID sits on another row > 25 km away) is kept only
  when a second source agrees - Natural Earth matched the row by that very QID (``ne`` among
  ``alt_sources``, and the row's names do not include the name of another row with that QID),
  or the row is a country whose copies are same-named division rows; otherwise
  the QID another source gives in ``other_qids`` is used when there is exactly one, else none.
  The row itself (names, coordinates) is always kept.
* actors: a row whose flags say several source concepts share its QID keeps the QID only when
  ``actors_extra.tsv`` states the same QID; ``CONFLICT_`` rows of actors_extra with fewer agreeing
  sources are folded into the row of the QID more sources agree on.
* place names: a one-word alternative name of a town or division that is an ordinary English
  word ("Labour", "Tour", "Crime": other languages' names of Worksop, Tours, Crimea) is left out,
  unless it is the name of a country, a first-level division or a town of 100,000 ("Washington");
  a country keeps all its names ("Britain", "Holland").
* division names: a town's first-level division named only by Natural Earth ("Chechnya",
  where the division row says "Chechen") becomes another name of the division its nearest
  GeoNames towns lie in, when they agree (a second source) and the two names begin alike.
* actors: the triad source's base concepts (``BaseConcepts.yml``: "army", "armed group",
  "UN", "ActionAid", …) are classes of actors, not actors — their alias lists put "police"
  under "army", "Oxfam" under "ActionAid" and "IMF" under "UN" — and are left out; every
  concept of a country file is kept.
* names: an alias equal to another actor's primary name belongs to that actor only (unless that
  actor has no QID and the alias holder's QID is confirmed by a second source); an alias
  shared by several actors stays only on those whose QID a second source confirms (else on all).

The output is deterministic: the same input files give a byte-identical database.
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import hashlib
import json
import math
import re
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from kg_builder.knowledge.names import (  # noqa: E402
    is_acronym,
    loose_key,
    normalise_name,
    ordinary_english,
)

SCHEMA_VERSION = "3"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    qid TEXT,
    name TEXT NOT NULL,
    place_type TEXT NOT NULL,
    country_iso2 TEXT,
    country_qid TEXT,
    admin1_qid TEXT,
    admin1_name TEXT,
    admin1_id INTEGER,
    lat REAL,
    lon REAL,
    population INTEGER,
    qid_disputed INTEGER NOT NULL,
    populated INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE place_names (
    key TEXT NOT NULL, place_id INTEGER NOT NULL, is_primary INTEGER NOT NULL,
    acronym INTEGER NOT NULL, PRIMARY KEY (key, place_id)
) WITHOUT ROWID;
CREATE TABLE place_loose (
    key TEXT NOT NULL, place_id INTEGER NOT NULL, PRIMARY KEY (key, place_id)
) WITHOUT ROWID;
CREATE TABLE villages (
    key TEXT NOT NULL,
    id INTEGER NOT NULL,
    country_iso2 TEXT NOT NULL,
    admin1_id INTEGER,
    lat_e4 INTEGER NOT NULL,
    lon_e4 INTEGER NOT NULL,
    PRIMARY KEY (key, id)
) WITHOUT ROWID;
CREATE TABLE actors (
    id INTEGER PRIMARY KEY,
    qid TEXT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    actor_type TEXT,
    countries TEXT NOT NULL,
    sources TEXT NOT NULL
);
CREATE TABLE actor_names (
    key TEXT NOT NULL, actor_id INTEGER NOT NULL, is_primary INTEGER NOT NULL,
    acronym INTEGER NOT NULL, PRIMARY KEY (key, actor_id)
) WITHOUT ROWID;
"""
INDEXES = """
CREATE INDEX places_qid ON places (qid) WHERE qid IS NOT NULL;
CREATE INDEX places_country ON places (country_iso2, place_type);
CREATE INDEX actors_qid ON actors (qid) WHERE qid IS NOT NULL;
"""

PLACE_FILES = ("places.tsv",)
WOF_FILE = "places_wof_localities.tsv.gz"
ACTOR_FILES = ("armed_groups.tsv", "organisations.tsv", "actors_extra.tsv")

#: source ``type`` / ``kind`` -> (armed?, actor-type concept local name)
ACTOR_TYPES: dict[str, tuple[bool, str]] = {
    "state security forces": (True, "StateForces"),
    "state armed forces": (True, "StateForces"),
    "state force": (True, "StateForces"),
    "pro-government militia": (True, "PoliticalMilitia"),
    "non-state armed group": (True, "RebelGroup"),
    "armed group": (True, "RebelGroup"),
    "news outlet": (False, "NewsOutlet"),
    "un body": (False, "IntergovernmentalOrganisation"),
    "igo": (False, "IntergovernmentalOrganisation"),
    "intergovernmental organisation": (False, "IntergovernmentalOrganisation"),
    "international court": (False, "IntergovernmentalOrganisation"),
    "ngo": (False, "NonGovernmentalOrganisation"),
    "non-governmental organisation": (False, "NonGovernmentalOrganisation"),
    "political party": (False, "PoliticalParty"),
}
JIHADIST = re.compile(r"jihad|salaf|islamis", re.IGNORECASE)
SHARED_QID_FLAG = "several source concepts share this QID"
CONFLICT_FLAG = re.compile(r"CONFLICT_same_entity_other_source_gives_(Q\d+)")
AGREE_FLAG = re.compile(r"(\d+)_sources_agree")

#: triad country-file names that do not match a country name or alternative name in places.tsv
#: (ISO 3166-1 codes, not QIDs); "Base" is the triad's cross-country file.
COUNTRY_FILE_ISO2 = {
    "CAR": "CF",
    "DRC": "CD",
    "RepublicofCongo": "CG",
    "IvoryCoast": "CI",
    "CaboVerde": "CV",
    "Base": "",
}


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated file with one header row (plain or ``.gz``), each value without
    the spaces around it (the source has names such as "Petén " and "Dhaka ")."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader)
        for row in reader:
            values = [value.strip() for value in row] + [""] * (len(header) - len(row))
            yield dict(zip(header, values, strict=True))


def split(value: str, sep: str) -> list[str]:
    """Non-empty stripped parts of a list-valued field."""
    return [part.strip() for part in value.split(sep) if part.strip()]


# ----------------------------------------------------------------------------------- places


@dataclass
class PlaceRow:
    qid: str | None
    name: str
    alt_names: list[str]
    place_type: str
    country_iso2: str | None
    country_qid: str | None
    admin1_qid: str | None
    admin1_name: str | None
    lat: float | None
    lon: float | None
    population: int | None
    #: another source gives this place a different QID (``other_qids``)
    qid_disputed: bool = False
    admin1_id: int | None = None
    #: GeoNames, a gazetteer of populated places, holds the row (``geonames_id``)
    populated: bool = False


def _float(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _int(value: str) -> int | None:
    try:
        return int(float(value))
    except ValueError:
        return None


def trusted_place_qid(row: dict[str, str], partner_names: set[str]) -> str | None:
    """The QID to ship for a places.tsv row, applying the trust rule of the source README.

    ``partner_names`` are the name keys of the other rows that carry the same QID.
    """
    qid = row["qid"] or None
    if qid is None or "qid_also_on" not in row["qid_flags"]:
        return qid
    own = normalise_name(row["name"])
    partners = partner_names - {own}
    alt_keys = {normalise_name(alt) for alt in split(row["alt_names"], "|")}
    alt_sources = set(split(row["alt_sources"], ","))
    # Natural Earth matched this row by the same QID: a second source agrees - unless the row's
    # names include the name of another row with that QID (Natural Earth, matching by QID,
    # then attached that place's names to the wrong copy).
    if row["qid_source"] != "ne" and "ne" in alt_sources and not partners & alt_keys:
        return qid
    if row["place_type"] == "country" and not partners:
        return qid  # the country list is the reference; its copies are same-named divisions
    others = set()
    for item in split(row["other_qids"], ","):
        other_qid, _, source = item.partition("@")
        if source != row["qid_source"] and other_qid != qid:
            others.add(other_qid)
    if len(others) == 1:
        return others.pop()
    return None


def load_places(paths: list[Path]) -> list[PlaceRow]:
    """Read the place tables and apply the QID trust rule."""
    raw: list[dict[str, str]] = []
    for path in paths:
        raw.extend(read_tsv(path))
    names_by_qid: dict[str, set[str]] = collections.defaultdict(set)
    for row in raw:
        if row["qid"]:
            names_by_qid[row["qid"]].add(normalise_name(row["name"]))
    rows: list[PlaceRow] = []
    for row in raw:
        rows.append(
            PlaceRow(
                qid=trusted_place_qid(row, names_by_qid.get(row["qid"], set())),
                name=row["name"],
                alt_names=split(row["alt_names"], "|"),
                place_type=row["place_type"],
                country_iso2=row["country_iso2"] or None,
                country_qid=row["country_qid"] or None,
                admin1_qid=row["admin1_qid"] or None,
                admin1_name=row["admin1_name"] or None,
                lat=_float(row["lat"]),
                lon=_float(row["lon"]),
                population=_int(row["population"]),
            )
        )
        shipped = rows[-1].qid
        rows[-1].populated = bool(row["geonames_id"])
        rows[-1].qid_disputed = shipped is not None and any(
            item.partition("@")[0] != shipped for item in split(row["other_qids"], ",")
        )
    # country and admin1 QIDs of a row are shipped only if they are shipped on the row they name
    country_qid: dict[str, str | None] = {}
    for place in rows:
        if place.place_type == "country" and place.country_iso2:
            country_qid.setdefault(place.country_iso2, place.qid)
    admin1_by_qid: dict[tuple[str | None, str], int] = {}
    admin1_by_name: dict[tuple[str | None, str], list[int]] = collections.defaultdict(list)
    for index, place in enumerate(rows):
        if place.place_type == "admin1":
            if place.qid:
                admin1_by_qid.setdefault((place.country_iso2, place.qid), index)
            for name in [place.name, *place.alt_names]:
                key = normalise_name(name)
                if index not in admin1_by_name[(place.country_iso2, key)]:
                    admin1_by_name[(place.country_iso2, key)].append(index)
    for place in rows:
        if place.country_iso2:
            place.country_qid = country_qid.get(place.country_iso2)
        if place.place_type == "country":
            place.country_qid = place.qid
            place.admin1_qid = place.admin1_name = None
            continue
        if place.place_type == "admin1":
            place.admin1_qid = place.admin1_name = None
            continue
        target = None
        if place.admin1_qid:
            target = admin1_by_qid.get((place.country_iso2, place.admin1_qid))
        if target is None and place.admin1_name:
            found = admin1_by_name.get((place.country_iso2, normalise_name(place.admin1_name)))
            if found and len(found) == 1:
                target = found[0]
        if target is None:
            place.admin1_qid = None
        else:
            _put_in_division(place, target, rows)
    _division_names_from_neighbours(rows)
    return rows


def _put_in_division(place: PlaceRow, target: int, rows: list[PlaceRow]) -> None:
    place.admin1_id = target + 1
    place.admin1_qid = rows[target].qid
    place.admin1_name = place.admin1_name or rows[target].name


#: how far a town's neighbours may lie to vote on the division it is in
NEIGHBOUR_KM = 30.0
#: how many of a town's nearest neighbours with a known division vote
NEIGHBOURS = 5
#: the votes a division name needs, and the share of them the winning division must have
MIN_VOTES, MIN_AGREEMENT = 3, 0.9


#: letters two spellings of a division's name must share at their start
STEM_LETTERS = 4


def _stem(name: str) -> str:
    """The first letters of a name's proper part: a leading English word ("East", "Lower")
    says where, not which."""
    words = normalise_name(name).split()
    while len(words) > 1 and ordinary_english(words[0]):
        words = words[1:]
    return "".join(ch for ch in "".join(words) if ch.isalpha())[:STEM_LETTERS]


def _same_stem(name: str, other: str) -> bool:
    """Two spellings of one name: "Chechnya" and "Chechen", "Sardegna" and "Sardinia"."""
    stem = _stem(name)
    return len(stem) == STEM_LETTERS and stem == _stem(other)


def _neighbours_divisions(
    town: PlaceRow, country: str | None, grid: dict[tuple[str | None, int, int], list[PlaceRow]]
) -> list[int]:
    """The divisions (row ids) of the town's ``NEIGHBOURS`` nearest towns within
    ``NEIGHBOUR_KM`` in its country (``grid``: towns with a division, by whole degrees)."""
    assert town.lat is not None and town.lon is not None
    lat, lon = town.lat, town.lon
    near = sorted(
        (_km(lat, lon, other.lat, other.lon), other.admin1_id)
        for dlat in (-1, 0, 1)
        for dlon in (-1, 0, 1)
        for other in grid.get((country, math.floor(lat) + dlat, math.floor(lon) + dlon), ())
        if other.lat is not None and other.lon is not None and other.admin1_id is not None
    )
    return [division for km, division in near[:NEIGHBOURS] if km <= NEIGHBOUR_KM]


def _division_names_from_neighbours(rows: list[PlaceRow]) -> None:
    """Names of first-level divisions that only Natural Earth gives, such as "Chechnya" and
    "Michoacán" (the division rows call them "Chechen" and "Michoacán de Ocampo").

    A town whose division name matches no division row of its country is placed in the
    division where its nearest towns lie (GeoNames' division QIDs): the two sources agree
    when at least ``MIN_VOTES`` neighbours within ``NEIGHBOUR_KM`` vote, ``MIN_AGREEMENT``
    of them for one division. The name then becomes an alternative name of that division,
    unless some place of the country already bears it ("Dhaka" is the city as well as the
    division: a second reading of the name would only make the city's ambiguous) or the two
    names do not begin alike (`_same_stem`)."""
    names_in_country: set[tuple[str | None, str]] = {
        (place.country_iso2, normalise_name(name))
        for place in rows
        for name in [place.name, *place.alt_names]
    }
    grid: dict[tuple[str | None, int, int], list[PlaceRow]] = collections.defaultdict(list)
    orphans: dict[tuple[str | None, str], list[PlaceRow]] = collections.defaultdict(list)
    for place in rows:
        if place.lat is None or place.lon is None or place.place_type in {"country", "admin1"}:
            continue
        if place.admin1_id is not None:
            grid[(place.country_iso2, math.floor(place.lat), math.floor(place.lon))].append(place)
        elif place.admin1_name:
            key = normalise_name(place.admin1_name)
            if (place.country_iso2, key) not in names_in_country:
                orphans[(place.country_iso2, key)].append(place)
    for (country, _key), towns in sorted(orphans.items(), key=lambda item: item[0][1]):
        votes: collections.Counter[int] = collections.Counter()
        for town in towns:
            votes.update(_neighbours_divisions(town, country, grid))
        if not votes:
            continue
        division, count = votes.most_common(1)[0]
        if count < MIN_VOTES or count < MIN_AGREEMENT * sum(votes.values()):
            continue
        target = division - 1
        name = towns[0].admin1_name
        assert name is not None
        if not any(
            _same_stem(name, known) for known in [rows[target].name, *rows[target].alt_names]
        ):
            # a region the division only contains or borders ("Rhône-Alpes" beside Occitanie,
            # an enclave inside a state): the sources agree on a place, not on a name
            continue
        if name not in rows[target].alt_names:
            rows[target].alt_names.append(name)
        for town in towns:
            _put_in_division(town, target, rows)


#: a town this big gives its name to English news ("Washington", "London")
PROMINENT_POPULATION = 100_000


def prominent_names(places: list[PlaceRow]) -> frozenset[str]:
    """Name keys of countries, first-level divisions and towns of PROMINENT_POPULATION: names
    English news uses as place names even where they are also English words."""
    return frozenset(
        normalise_name(place.name)
        for place in places
        if place.place_type in {"country", "admin1"}
        or (place.population or 0) >= PROMINENT_POPULATION
    )


def place_name_keys(
    place: PlaceRow, prominent: frozenset[str] = frozenset()
) -> tuple[dict[str, int], set[str]]:
    """Exact keys (key -> 1 for the primary name) and loose keys of one place.

    ``prominent``: see :func:`prominent_names`; such an alternative name is kept even where it
    is an English word (the linker prefers the place whose own name it is)."""
    exact: dict[str, int] = {}
    primary = normalise_name(place.name)
    if primary:
        exact[primary] = 1
    loose = {loose_key(place.name)}
    for alt in place.alt_names:
        if len(alt) <= 3 and is_acronym(alt):
            continue  # codes such as airport codes: not names a text would use
        if (
            place.place_type != "country"
            and ordinary_english(alt)
            and normalise_name(alt) not in prominent
        ):
            # another language's name that is an English word ("Labour" for Worksop, "Soul"
            # for Seoul, "Tour" for Tours): in English news it is the word. A country's short
            # English names ("Britain", "Holland") are names, and kept
            continue
        key = normalise_name(alt)
        if len(key) > 1:
            exact.setdefault(key, 0)
            loose.add(loose_key(alt))
    return exact, {key for key in loose if len(key) >= 3}


# ----------------------------------------------------------------------------------- actors


@dataclass
class ActorRow:
    qid: str | None
    name: str
    aliases: list[str]
    armed: bool
    actor_type: str
    countries: list[str]
    sources: list[str]
    #: a second source states the same QID
    confirmed: bool = False
    #: further primary names (from merged rows)
    other_names: list[str] = field(default_factory=list)


def country_lookup(places: list[PlaceRow]) -> dict[str, str]:
    """Normalised country name or alternative name -> ISO2, from the country rows."""
    lookup: dict[str, str] = {}
    for place in places:
        if place.place_type == "country" and place.country_iso2:
            for name in [place.name, *place.alt_names]:
                lookup.setdefault(normalise_name(name), place.country_iso2)
    return lookup


def country_codes(field_value: str, sep: str, lookup: dict[str, str]) -> list[str]:
    """ISO2 codes of a ``countries`` field (triad file names or ISO2 codes)."""
    codes: list[str] = []
    for item in split(field_value, sep):
        if re.fullmatch(r"[A-Z]{2}", item):
            code = item
        elif item in COUNTRY_FILE_ISO2:
            code = COUNTRY_FILE_ISO2[item]
        else:
            spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", item)
            code = lookup.get(normalise_name(spaced), "")
            if not code:
                print(f"warning: no ISO2 code for country {item!r}", file=sys.stderr)
        if code and code not in codes:
            codes.append(code)
    return codes


def actor_type_of(kind: str, ideology: str = "") -> tuple[bool, str]:
    """(armed?, actor-type local name) for a source kind/type and ideology."""
    armed, actor_type = ACTOR_TYPES[kind.strip().lower()]
    if actor_type == "RebelGroup" and JIHADIST.search(ideology):
        actor_type = "JihadistGroup"
    return armed, actor_type


#: the triad source's file of generic actor classes (see the module docstring)
BASE_CONCEPT_FILES = frozenset({"BaseConcepts.yml"})


def load_actors(source: Path, countries: dict[str, str]) -> list[ActorRow]:
    """Read the three actor tables, apply the trust rules and merge rows with the same QID."""
    extra_rows = list(read_tsv(source / "actors_extra.tsv"))
    extra_qids = {row["qid"] for row in extra_rows if row["qid"]}
    actors: list[ActorRow] = []
    for file_name in ("armed_groups.tsv", "organisations.tsv"):
        for row in read_tsv(source / file_name):
            if row["source_files"] in BASE_CONCEPT_FILES:
                continue
            qid = row["qid"] or None
            if qid and SHARED_QID_FLAG in row["flags"] and qid not in extra_qids:
                qid = None
            armed, actor_type = actor_type_of(row["type"], row["ideology"])
            actors.append(
                ActorRow(
                    qid=qid,
                    name=row["name"],
                    aliases=split(row["aliases"], "|"),
                    armed=armed,
                    actor_type=actor_type,
                    countries=country_codes(row["countries"], ";", countries),
                    sources=[f"{file_name}:{row['source']}"],
                    confirmed=bool(qid and qid in extra_qids),
                )
            )
    # actors_extra: fold a CONFLICT row into the row of the QID more sources agree on
    agree = {row["qid"]: _agreeing(row["flags"]) for row in extra_rows}
    winners: dict[str, str] = {}
    for row in extra_rows:
        match = CONFLICT_FLAG.search(row["flags"])
        if match and agree.get(match.group(1), 0) > agree[row["qid"]]:
            winners[row["qid"]] = match.group(1)
    for row in extra_rows:
        armed, actor_type = actor_type_of(row["kind"])
        qid = winners.get(row["qid"], row["qid"]) or None
        actors.append(
            ActorRow(
                qid=qid,
                name=row["name"],
                aliases=split(row["aliases"], "|"),
                armed=armed,
                actor_type=actor_type,
                countries=country_codes(row["countries"], ";", countries),
                sources=[f"actors_extra.tsv:{row['source']}"],
                confirmed=agree[row["qid"]] >= 2 and row["qid"] not in winners,
            )
        )
    return merge_by_qid(actors)


def _agreeing(flags: str) -> int:
    match = AGREE_FLAG.search(flags)
    return int(match.group(1)) if match else 1


def merge_by_qid(actors: list[ActorRow]) -> list[ActorRow]:
    """One actor per QID; the actors_extra (Wikidata label) name wins, other names stay."""
    merged: list[ActorRow] = []
    by_qid: dict[str, ActorRow] = {}
    for actor in actors:
        if actor.qid is None:
            merged.append(actor)
            continue
        first = by_qid.get(actor.qid)
        if first is None:
            by_qid[actor.qid] = actor
            merged.append(actor)
            continue
        from_extra = actor.sources[0].startswith("actors_extra")
        if from_extra and not first.sources[0].startswith("actors_extra"):
            first.other_names.append(first.name)
            first.name = actor.name
        else:
            first.other_names.append(actor.name)
        first.aliases.extend(actor.aliases)
        first.other_names.extend(actor.other_names)
        first.armed = first.armed or actor.armed
        if actor.actor_type == "JihadistGroup" and first.armed:
            first.actor_type = actor.actor_type
        first.countries.extend(code for code in actor.countries if code not in first.countries)
        first.sources.extend(actor.sources)
        # a QID stated both by a triad table and by actors_extra is confirmed by two sources
        files = {source.split(":", 1)[0] for source in first.sources}
        two_files = "actors_extra.tsv" in files and len(files) > 1
        first.confirmed = first.confirmed or actor.confirmed or two_files
    return merged


def actor_name_keys(actors: list[ActorRow]) -> list[tuple[str, int, int, int]]:
    """(key, actor index, is_primary, acronym) rows after the alias-ownership rules."""
    holders: dict[str, dict[int, tuple[int, int]]] = collections.defaultdict(dict)
    primary_keys: list[set[str]] = []
    alias_keys: list[set[str]] = []
    for index, actor in enumerate(actors):
        primaries: set[str] = set()
        for name in [actor.name, *actor.other_names]:
            key = normalise_name(name)
            if key:
                primaries.add(key)
                acronym = int(is_acronym(name))
                old = holders[key].get(index)
                holders[key][index] = (1, min(acronym, old[1]) if old else acronym)
        aliases: set[str] = set()
        for alias in actor.aliases:
            key = normalise_name(alias)
            if not key or key in primaries:
                continue
            aliases.add(key)
            acronym = int(is_acronym(alias))
            old = holders[key].get(index)
            holders[key][index] = (0, min(acronym, old[1]) if old else acronym)
        primary_keys.append(primaries)
        alias_keys.append(aliases)
    owner_of_primary: dict[str, set[int]] = collections.defaultdict(set)
    for index, keys in enumerate(primary_keys):
        for key in keys:
            owner_of_primary[key].add(index)
    # R "borrows" from S when one of R's aliases is S's primary name: R's alias list mixes in
    # S's names, so an alias the two share belongs to S.
    borrows: dict[int, set[int]] = collections.defaultdict(set)
    for index, keys in enumerate(alias_keys):
        for key in keys:
            borrows[index].update(owner_of_primary.get(key, set()) - {index})
    out: list[tuple[str, int, int, int]] = []
    for key, held in holders.items():
        keep = set(held)
        primaries_here = {i for i, (primary, _) in held.items() if primary}
        # a QID-less row's name hides no alias holder whose QID two sources confirm ("UN": a
        # source row without QID, and the United Nations' confirmed alias)
        confirmed_aliases: set[int] = set()
        if primaries_here and all(actors[i].qid is None for i in primaries_here):
            confirmed_aliases = {i for i in keep - primaries_here if actors[i].confirmed}
        if primaries_here:
            keep = primaries_here
        elif len(keep) > 1:
            lenders = {i for i in keep if borrows[i] & keep}
            if lenders and lenders != keep:
                keep -= lenders
        if len(keep) > 1:
            confirmed = {i for i in keep if actors[i].confirmed}
            if confirmed:
                keep = confirmed
        keep |= confirmed_aliases
        for index in sorted(keep):
            primary, acronym = held[index]
            out.append((key, index, primary, acronym))
    return out


# --------------------------------------------------------------------- short names, villages

SHORT_NAMES = REPO_ROOT / "kg_builder" / "knowledge" / "resources" / "country_short_names.tsv"


def country_short_names(path: Path = SHORT_NAMES) -> list[tuple[str, str]]:
    """(English short form, ISO2) rows of the hand-written resource file."""
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    rows = list(csv.reader(lines[1:], delimiter="\t"))
    return [(row[0].strip(), row[1].strip().upper()) for row in rows if len(row) >= 2]


def short_name_rows(
    places: list[PlaceRow], short_names: list[tuple[str, str]]
) -> list[tuple[str, int, int, int]]:
    """place_names rows for the short forms, on the first country row of each code."""
    first_country: dict[str, int] = {}
    for index, place in enumerate(places):
        if place.place_type == "country" and place.country_iso2:
            first_country.setdefault(place.country_iso2, index + 1)
    out: list[tuple[str, int, int, int]] = []
    for name, iso2 in short_names:
        place_id = first_country.get(iso2)
        key = normalise_name(name)
        if place_id is None or not key:
            print(f"warning: short name {name!r}: no country row {iso2}", file=sys.stderr)
            continue
        out.append((key, place_id, 0, int(is_acronym(name))))
    return out


#: a village of the WOF file closer than this to a same-named place of places.tsv is that place
VILLAGE_DUPLICATE_KM = 10.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def village_rows(
    path: Path, places: list[PlaceRow]
) -> tuple[list[tuple[str, int, str, int | None, int, int]], int]:
    """Rows of the ``villages`` table from the WOF file, and how many villages were kept.

    A village that repeats a same-named place of places.tsv within VILLAGE_DUPLICATE_KM is
    skipped; the first-level division is resolved to the admin1 row the same way as for
    places.tsv localities (by QID, else by a unique name within the country).
    """
    known: dict[tuple[str, str], list[tuple[float, float]]] = collections.defaultdict(list)
    admin1_by_qid: dict[tuple[str, str], int] = {}
    admin1_by_name: dict[tuple[str, str], set[int]] = collections.defaultdict(set)
    for index, place in enumerate(places):
        cc = place.country_iso2 or ""
        keys = {normalise_name(n) for n in [place.name, *place.alt_names]}
        if place.lat is not None and place.lon is not None:
            for key in keys:
                known[(cc, key)].append((place.lat, place.lon))
        if place.place_type == "admin1":
            if place.qid:
                admin1_by_qid.setdefault((cc, place.qid), index + 1)
            for key in keys:
                admin1_by_name[(cc, key)].add(index + 1)
    rows: list[tuple[str, int, str, int | None, int, int]] = []
    kept = 0
    for row in read_tsv(path):
        lat, lon, cc = _float(row["lat"]), _float(row["lon"]), row["country_iso2"]
        if lat is None or lon is None or not cc:
            continue
        keys = {normalise_name(row["name"])}
        keys.update(normalise_name(alt) for alt in split(row["alt_names"], "|"))
        keys = {key for key in keys if len(key) > 2}
        primary = normalise_name(row["name"])
        if any(
            _km(lat, lon, plat, plon) <= VILLAGE_DUPLICATE_KM
            for plat, plon in known.get((cc, primary), ())
        ):
            continue
        admin1_id = admin1_by_qid.get((cc, row["admin1_qid"])) if row["admin1_qid"] else None
        if admin1_id is None and row["admin1_name"]:
            found = admin1_by_name.get((cc, normalise_name(row["admin1_name"])), set())
            admin1_id = next(iter(found)) if len(found) == 1 else None
        kept += 1
        for key in sorted(keys):
            rows.append((key, kept, cc, admin1_id, round(lat * 1e4), round(lon * 1e4)))
    rows.sort()
    return rows, kept


# ----------------------------------------------------------------------------------- output


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def build(source: Path, out: Path, *, villages: bool = True) -> dict[str, int]:
    """Build the database at ``out`` from the tables in ``source``; returns row counts.

    The villages table is filled when ``villages`` is true and the WOF file is present.
    """
    place_paths = [source / name for name in PLACE_FILES]
    places = load_places(place_paths)
    wof_path = source / WOF_FILE
    village_table: list[tuple[str, int, str, int | None, int, int]] = []
    n_villages = 0
    if villages and wof_path.is_file():
        village_table, n_villages = village_rows(wof_path, places)
    actors = load_actors(source, country_lookup(places))

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.execute("PRAGMA page_size = 4096")
    db.execute("PRAGMA journal_mode = OFF")
    db.executescript(SCHEMA)

    db.executemany(
        "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            (
                index + 1,
                p.qid,
                p.name,
                p.place_type,
                p.country_iso2,
                p.country_qid,
                p.admin1_qid,
                p.admin1_name,
                p.admin1_id,
                p.lat,
                p.lon,
                p.population,
                int(p.qid_disputed),
                int(p.populated),
            )
            for index, p in enumerate(places)
        ),
    )
    exact_rows: list[tuple[str, int, int, int]] = []
    loose_rows: list[tuple[str, int]] = []
    prominent = prominent_names(places)
    for index, place in enumerate(places):
        exact, loose = place_name_keys(place, prominent)
        exact_rows.extend((key, index + 1, primary, 0) for key, primary in exact.items())
        loose_rows.extend((key, index + 1) for key in loose)
    taken = {(key, place_id) for key, place_id, _, _ in exact_rows}
    exact_rows.extend(
        row for row in short_name_rows(places, country_short_names()) if row[:2] not in taken
    )
    exact_rows = sorted(set(exact_rows))
    loose_rows.sort()
    db.executemany("INSERT INTO place_names VALUES (?,?,?,?)", exact_rows)
    db.executemany("INSERT INTO villages VALUES (?,?,?,?,?,?)", village_table)
    db.executemany("INSERT INTO place_loose VALUES (?,?)", loose_rows)

    db.executemany(
        "INSERT INTO actors VALUES (?,?,?,?,?,?,?)",
        (
            (
                index + 1,
                a.qid,
                a.name,
                "ArmedGroup" if a.armed else "Organisation",
                a.actor_type,
                ";".join(a.countries),
                " | ".join(a.sources),
            )
            for index, a in enumerate(actors)
        ),
    )
    name_rows = sorted(
        (key, index + 1, primary, acronym)
        for key, index, primary, acronym in actor_name_keys(actors)
    )
    db.executemany("INSERT INTO actor_names VALUES (?,?,?,?)", name_rows)
    db.executescript(INDEXES)

    counts = {
        "places": len(places),
        "places_with_qid": sum(p.qid is not None for p in places),
        "place_names": len(exact_rows),
        "place_loose": len(loose_rows),
        "actors": len(actors),
        "actors_with_qid": sum(a.qid is not None for a in actors),
        "actor_names": len(name_rows),
        "villages": n_villages,
        "village_names": len(village_table),
    }
    provenance_path = source / "provenance.json"
    provenance = json.loads(provenance_path.read_text(encoding="utf-8"))
    inputs = [*place_paths, *(source / name for name in ACTOR_FILES), provenance_path]
    if n_villages:
        inputs.append(wof_path)
    meta = {
        "schema_version": SCHEMA_VERSION,
        "builder": "scripts/build_kb.py",
        "source_provenance": json.dumps(provenance, sort_keys=True),
        "source_files": json.dumps({p.name: sha256(p) for p in inputs}, sort_keys=True),
        "counts": json.dumps(counts, sort_keys=True),
        "licence_notice": "see kg_builder/data/NOTICE",
    }
    db.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
    db.commit()
    db.execute("ANALYZE")
    db.commit()
    db.execute("VACUUM")
    db.close()
    tmp.replace(out)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=REPO_ROOT.parent / "shared" / "wikidata",
        help="folder with places.tsv, armed_groups.tsv, ... (default: ../shared/wikidata)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO_ROOT / "kg_builder" / "data" / "kb.sqlite",
        help="database to write (default: kg_builder/data/kb.sqlite)",
    )
    parser.add_argument(
        "--no-villages",
        action="store_true",
        help=f"leave out the villages of {WOF_FILE} (coordinates and divisions, no QIDs)",
    )
    args = parser.parse_args(argv)
    counts = build(args.source, args.out, villages=not args.no_villages)
    size = args.out.stat().st_size
    print(f"wrote {args.out} ({size / 1e6:.1f} MB): {json.dumps(counts, sort_keys=True)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
