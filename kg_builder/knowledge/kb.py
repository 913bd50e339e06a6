"""Read access to the packaged knowledge base (``kg_builder/data/kb.sqlite``).

The database is built by ``scripts/build_kb.py`` (``make kb``) from the Wikidata-linked source
tables; every QID in it comes from those tables. It is opened read-only and shared between
threads; lookups go through the name keys of :mod:`kg_builder.knowledge.names`.

Example::

    >>> kb = load_default_kb()
    >>> kb.country("SY").qid
    'Q858'
    >>> [p.place_type for p in kb.find_places("Homs province")][:1]
    ['admin1']
"""

from __future__ import annotations

import dataclasses
import functools
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg_builder.knowledge.names import loose_key, normalise_name, strip_designator

__all__ = ["KBActor", "KBPlace", "KBVillage", "KnowledgeBase", "load_default_kb"]

#: the 25 countries the issue asks the knowledge base to cover fully (ISO 3166-1 alpha-2)
PRIORITY_COUNTRIES = tuple(
    [
        "SY",
        "IQ",
        "YE",
        "AF",
        "PK",
        "SO",
        "NG",
        "ML",
        "BF",
        "NE",
        "LY",
        "SD",
        "SS",
        "CD",
        "ET",
        "MZ",
        "MM",
        "UA",
        "IL",
        "PS",
        "LB",
        "CO",
        "PE",
        "SV",
        "GT",
    ]
)

#: rank of the place types when nothing else decides (countries first); read the other way,
#: how specific each kind of place is
TYPE_RANK = {"country": 0, "admin1": 1, "admin_sub": 2, "locality": 3}
#: how specific a place the knowledge base does not know is ("the Euphrates Valley"): below
#: a known town, above a known division
UNKNOWN_PLACE_RANK = 1.5


def place_rank(place_type: str | None) -> float:
    """How specific a kind of place is (``TYPE_RANK``; ``UNKNOWN_PLACE_RANK`` for a place
    the knowledge base does not hold)."""
    return TYPE_RANK.get(place_type or "", UNKNOWN_PLACE_RANK)


_PLACE_COLUMNS = (
    "id, qid, name, place_type, country_iso2, country_qid, admin1_qid, admin1_name, "
    "lat, lon, population, qid_disputed, {populated}"
)
_ACTOR_COLUMNS = "id, qid, name, kind, actor_type, countries"


@dataclass(frozen=True)
class KBPlace:
    """A place of the knowledge base (``qid`` is None where no trusted QID exists)."""

    id: int
    qid: str | None
    name: str
    place_type: str  # country | admin1 | admin_sub | locality
    country_iso2: str | None
    country_qid: str | None
    admin1_qid: str | None
    admin1_name: str | None
    lat: float | None
    lon: float | None
    population: int | None
    #: another source gives this place a different QID (both kept in the source data)
    qid_disputed: bool = False
    #: GeoNames, a gazetteer of populated places, holds the record (the city "Moscow", not
    #: the region of that name)
    populated: bool = False


@dataclass(frozen=True)
class KBActor:
    """An armed group or organisation of the knowledge base."""

    id: int
    qid: str | None
    name: str
    armed: bool
    actor_type: str | None  # local name of an actor-type concept ("JihadistGroup", ...)
    countries: tuple[str, ...]  # ISO 3166-1 alpha-2


@dataclass(frozen=True)
class KBVillage:
    """A village of the WOF/GeoNames table: no QID, no stored name; coordinates and division."""

    id: int
    country_iso2: str
    admin1_id: int | None
    lat: float
    lon: float


def packaged_kb_path() -> Path:
    """The database file shipped in the package."""
    return Path(str(resources.files("kg_builder").joinpath("data/kb.sqlite")))


def default_kb_path() -> Path:
    """The database to use: ``$KG_BUILDER_KB`` if set (e.g. one ``kb update`` wrote), else the
    packaged file."""
    override = os.environ.get("KG_BUILDER_KB")
    return Path(override) if override else packaged_kb_path()


class KnowledgeBase:
    """Places and actors with their names, QIDs and coordinates.

    >>> kb = KnowledgeBase.open()
    >>> kb.find_actors("Daesh")[0].qid
    'Q2429253'
    """

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        self._place_cache: dict[int, KBPlace] = {}
        # a knowledge base built before the column existed (schema 2) reads as "not known"
        columns = {row[1] for row in connection.execute("PRAGMA table_info(places)")}
        self._place_columns = _PLACE_COLUMNS.format(
            populated="populated" if "populated" in columns else "0"
        )
        self.is_place_name = functools.lru_cache(maxsize=65536)(self._is_place_name)
        self.is_actor_name = functools.lru_cache(maxsize=65536)(self._is_actor_name)

    @classmethod
    def open(cls, path: Path | None = None) -> KnowledgeBase:
        """Open a database read-only (default: the packaged ``kg_builder/data/kb.sqlite``)."""
        path = Path(path) if path is not None else default_kb_path()
        if not path.is_file():
            raise FileNotFoundError(f"knowledge base not found: {path} (run `make kb`)")
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
        return cls(connection, path)

    def close(self) -> None:
        self._db.close()

    # ------------------------------------------------------------------ places

    def _places(self, ids: Iterable[int]) -> list[KBPlace]:
        ordered = list(dict.fromkeys(ids))
        wanted = [i for i in ordered if i not in self._place_cache]
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT {self._place_columns} FROM places WHERE id IN ({marks})", chunk
            )
            for row in rows:
                place = KBPlace(*row[:-2])
                self._place_cache[row[0]] = dataclasses.replace(
                    place, qid_disputed=bool(row[-2]), populated=bool(row[-1])
                )
        return [self._place_cache[i] for i in ordered if i in self._place_cache]

    def _exact_place_ids(self, key: str, upper: int = 0, code: int = 0) -> list[int]:
        """Places with this key; names stored as capital codes ("US") only for capital text;
        for text written as a code (``code``: "IRA") only primary names and stored codes."""
        if not key:
            return []
        rows = self._db.execute(
            f"SELECT place_id FROM place_names WHERE key = ? AND {_NAME_FILTER} "
            "ORDER BY is_primary DESC, place_id",
            (key, upper, code),
        )
        return [row[0] for row in rows]

    def _loose_place_ids(self, key: str) -> list[int]:
        if len(key) < 3:
            return []
        rows = self._db.execute(
            "SELECT place_id FROM place_loose WHERE key = ? ORDER BY place_id", (key,)
        )
        return [row[0] for row in rows]

    def find_places(self, name: str, *, loose: bool = True) -> list[KBPlace]:
        """Places a name may refer to, best first.

        A designator ("province", "the city of") is stripped and becomes a hint; exact keys of
        the full and the stripped name are looked up, the loose key only when nothing matched
        exactly (and ``loose`` is true). Ranking: hinted type first, then country > admin1 >
        admin_sub > locality, then population (largest first). Each place appears once.

        >>> [p.name for p in load_default_kb().find_places("Mayadeen")][:1]
        ['Al Mayādīn']
        """
        core, hint = strip_designator(name.strip())
        if _reduced_to_a_particle(name):
            return []
        ids = self._exact_place_ids(normalise_name(name), *_name_filter_args(name))
        if core != name.strip():
            ids += self._exact_place_ids(normalise_name(core), *_name_filter_args(core))
        if not ids and loose:
            ids = self._loose_place_ids(loose_key(core))
        return rank_places(self._places(ids), hint)

    def place_hits(self, name: str) -> list[tuple[KBPlace, bool]]:
        """Exact candidates of a name (as :meth:`find_places` without the loose tier), each with
        whether the hit is on the place's primary name rather than an alternative name.

        >>> [(p.qid, primary) for p, primary in load_default_kb().place_hits("Mayadeen")][:1]
        [('Q310895', False)]
        """
        if _reduced_to_a_particle(name):
            return []
        core, hint = strip_designator(name.strip())
        texts = [name] if core == name.strip() else [name, core]
        primary: dict[int, bool] = {}
        for text in texts:
            key = normalise_name(text)
            if not key:
                continue
            rows = self._db.execute(
                f"SELECT place_id, is_primary FROM place_names WHERE key = ? AND {_NAME_FILTER}",
                (key, *_name_filter_args(text)),
            )
            for place_id, is_primary in rows:
                primary[place_id] = primary.get(place_id, False) or bool(is_primary)
        places = rank_places(self._places(primary), hint)
        return [(place, primary[place.id]) for place in places]

    def find_places_loose(self, name: str) -> list[KBPlace]:
        """Places whose loose key matches (second tier: the caller must check context)."""
        core, hint = strip_designator(name.strip())
        return rank_places(self._places(self._loose_place_ids(loose_key(core))), hint)

    def place_by_id(self, place_id: int) -> KBPlace | None:
        found = self._places([place_id])
        return found[0] if found else None

    def place_by_qid(self, qid: str) -> KBPlace | None:
        """The place carrying a QID (the highest-ranked one if several rows do)."""
        rows = self._db.execute("SELECT id FROM places WHERE qid = ?", (qid,)).fetchall()
        ranked = rank_places(self._places(row[0] for row in rows), None)
        return ranked[0] if ranked else None

    def country(self, iso2: str) -> KBPlace | None:
        """The country row of an ISO 3166-1 alpha-2 code.

        >>> load_default_kb().country("SY").name
        'Syria'
        """
        row = self._db.execute(
            "SELECT id FROM places WHERE country_iso2 = ? AND place_type = 'country' "
            "ORDER BY qid IS NULL, id LIMIT 1",
            (iso2.upper(),),
        ).fetchone()
        return self.place_by_id(row[0]) if row else None

    def admin1_of(self, place: KBPlace) -> KBPlace | None:
        """The first-level division a place lies in (None for countries and admin1 rows)."""
        if place.place_type in ("country", "admin1"):
            return None
        row = self._db.execute("SELECT admin1_id FROM places WHERE id = ?", (place.id,)).fetchone()
        if row and row[0] is not None:
            return self.place_by_id(row[0])
        return None

    @functools.cached_property
    def _place_keys(self) -> frozenset[str]:
        """Every place-name key, in memory: most names asked about are not places (the
        true-caser asks about every phrase of wire copy), and a set answers no at once."""
        return frozenset(key for (key,) in self._db.execute("SELECT DISTINCT key FROM place_names"))

    @functools.cached_property
    def _actor_keys(self) -> frozenset[str]:
        return frozenset(key for (key,) in self._db.execute("SELECT DISTINCT key FROM actor_names"))

    def preload(self) -> None:
        """Read the name keys into memory now; they are otherwise read on first use."""
        _ = self._place_keys, self._actor_keys

    def may_name(self, key: str) -> bool:
        """Whether a name key (``normalise_name``) is any place's or actor's: set look-ups,
        no query."""
        return key in self._place_keys or key in self._actor_keys

    def _is_place_name(self, name: str) -> bool:
        if _reduced_to_a_particle(name):
            return False
        core, _ = strip_designator(name.strip())
        for text in (name, core):
            key = normalise_name(text)
            if (
                key
                and key in self._place_keys
                and self._db.execute(
                    f"SELECT 1 FROM place_names WHERE key = ? AND {_NAME_FILTER} LIMIT 1",
                    (key, *_name_filter_args(text)),
                ).fetchone()
            ):
                return True
        return False

    def find_villages(self, name: str, countries: Iterable[str]) -> list[KBVillage]:
        """Villages (no QID) of the given countries with this exact name key.

        Only for a name the place tables do not know: the table is large and QID-less.
        """
        codes = sorted(set(countries))
        core, _ = strip_designator(name.strip())
        key = normalise_name(core)
        if not key or not codes or not self._has_villages:
            return []
        marks = ",".join("?" * len(codes))
        rows = self._db.execute(
            "SELECT id, country_iso2, admin1_id, lat_e4, lon_e4 FROM villages "
            f"WHERE key = ? AND country_iso2 IN ({marks}) ORDER BY id",
            (key, *codes),
        ).fetchall()
        return [KBVillage(r[0], r[1], r[2], r[3] / 1e4, r[4] / 1e4) for r in rows]

    @functools.cached_property
    def _has_villages(self) -> bool:
        return (
            self._db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'villages'"
            ).fetchone()
            is not None
        )

    # ------------------------------------------------------------------ actors

    def find_actors(self, name: str) -> list[KBActor]:
        """Actors a name may refer to: primary-name hits before alias hits.

        Names stored as acronyms ("ISIS", "AFP") only match text written in capitals.

        >>> [a.name for a in load_default_kb().find_actors("ISIS")]
        ['Islamic State']
        """
        return [actor for actor, _ in self.actor_hits(name)]

    def actor_hits(self, name: str) -> list[tuple[KBActor, bool]]:
        """Like :meth:`find_actors`, with whether each hit is on the actor's primary name.

        >>> [(a.qid, primary) for a, primary in load_default_kb().actor_hits("Daesh")]
        [('Q2429253', False)]
        """
        key = normalise_name(name)
        if not key or key not in self._actor_keys:
            return []
        upper = name.upper() == name
        rows = self._db.execute(
            f"SELECT {_ACTOR_COLUMNS}, n.is_primary, n.acronym FROM actor_names n "
            "JOIN actors a ON a.id = n.actor_id WHERE n.key = ? "
            "ORDER BY n.is_primary DESC, a.id",
            (key,),
        ).fetchall()
        return [(_actor(row), bool(row[6])) for row in rows if upper or not row[7]]

    def actor_by_qid(self, qid: str) -> KBActor | None:
        row = self._db.execute(
            f"SELECT {_ACTOR_COLUMNS} FROM actors a WHERE qid = ? ORDER BY id LIMIT 1", (qid,)
        ).fetchone()
        return _actor(row) if row else None

    def _is_actor_name(self, name: str) -> bool:
        return bool(self.find_actors(name))

    # ------------------------------------------------------------------ summary

    def stats(self) -> dict[str, object]:
        """Counts by place type and actor kind, linked vs unlinked, places by country."""
        db = self._db
        places_by_type = {
            t: {"total": n, "with_qid": q}
            for t, n, q in db.execute(
                "SELECT place_type, COUNT(*), COUNT(qid) FROM places GROUP BY place_type "
                "ORDER BY place_type"
            )
        }
        actors_by_type = {
            f"{kind}/{actor_type}": {"total": n, "with_qid": q}
            for kind, actor_type, n, q in db.execute(
                "SELECT kind, actor_type, COUNT(*), COUNT(qid) FROM actors "
                "GROUP BY kind, actor_type ORDER BY kind, actor_type"
            )
        }
        by_country = {
            cc: {"total": n, "with_qid": q}
            for cc, n, q in db.execute(
                "SELECT country_iso2, COUNT(*), COUNT(qid) FROM places "
                "WHERE country_iso2 IS NOT NULL GROUP BY country_iso2 ORDER BY country_iso2"
            )
        }
        gaps = self.gaps()
        n_places, n_linked = db.execute("SELECT COUNT(*), COUNT(qid) FROM places").fetchone()
        n_actors, a_linked = db.execute("SELECT COUNT(*), COUNT(qid) FROM actors").fetchone()
        return {
            "places": {"total": n_places, "with_qid": n_linked, "without_qid": n_places - n_linked},
            "actors": {"total": n_actors, "with_qid": a_linked, "without_qid": n_actors - a_linked},
            "places_by_type": places_by_type,
            "actors_by_type": actors_by_type,
            "places_by_country": by_country,
            "gaps": gaps,
            "meta": dict(
                db.execute("SELECT key, value FROM meta WHERE key != 'source_provenance'")
            ),
        }

    def gaps(self) -> dict[str, object]:
        """What the base lacks, per priority country and per actor type, in counts.

        ``countries``: for each of the 25 priority countries, divisions and towns without a QID,
        villages (never a QID), and armed actors / organisations with a QID whose country list
        names it. ``actor_types_without_qid``: actor types no row with a QID has.
        """
        db = self._db
        per_country: dict[str, dict[str, int]] = {}
        armed_by_cc: dict[str, int] = {}
        orgs_by_cc: dict[str, int] = {}
        for kind, countries in db.execute(
            "SELECT kind, countries FROM actors WHERE qid IS NOT NULL"
        ):
            target = armed_by_cc if kind == "ArmedGroup" else orgs_by_cc
            for code in str(countries or "").split(";"):
                if code:
                    target[code] = target.get(code, 0) + 1
        villages: dict[str, int] = {}
        if self._has_villages:
            villages = dict(
                db.execute(
                    "SELECT country_iso2, COUNT(DISTINCT id) FROM villages GROUP BY country_iso2"
                ).fetchall()
            )
        for code in PRIORITY_COUNTRIES:
            counts: dict[str, int] = {}
            for place_type, total, linked in db.execute(
                "SELECT place_type, COUNT(*), COUNT(qid) FROM places WHERE country_iso2 = ? "
                "GROUP BY place_type",
                (code,),
            ):
                counts[f"{place_type}_total"] = total
                counts[f"{place_type}_without_qid"] = total - linked
            counts["villages_without_qid"] = villages.get(code, 0)
            counts["armed_groups_with_qid"] = armed_by_cc.get(code, 0)
            counts["organisations_with_qid"] = orgs_by_cc.get(code, 0)
            per_country[code] = counts
        present = {
            str(t)
            for (t,) in db.execute(
                "SELECT DISTINCT actor_type FROM actors WHERE qid IS NOT NULL AND actor_type "
                "IS NOT NULL"
            )
        }
        every = {
            str(t)
            for (t,) in db.execute(
                "SELECT DISTINCT actor_type FROM actors WHERE actor_type IS NOT NULL"
            )
        }
        return {
            "countries": per_country,
            "actor_types_without_qid": sorted(every - present),
            "priority_countries_without_armed_group_qid": [
                code for code in PRIORITY_COUNTRIES if not armed_by_cc.get(code)
            ],
        }


def _upper(text: str) -> bool:
    """Written in capitals ("US", "U.K."): may match a name stored as a capital code."""
    words = text.split()
    if len(words) > 1 and words[0].lower() == "the":
        text = " ".join(words[1:])
    return any(ch.isalpha() for ch in text) and text.upper() == text


def _reduced_to_a_particle(name: str) -> bool:
    """A name of several words whose key is a particle's ("El Al": the article goes, "Al"
    is left) names no place, whatever village bears that short name (Ål)."""
    return len(name.split()) > 1 and len(normalise_name(name)) <= 2


#: which stored names a text may match: a name stored as a capital code ("US") only text in
#: capitals; text written as a code ("IRA") only a place's own name or a stored code. Its two
#: parameters are :func:`_name_filter_args`.
_NAME_FILTER = "(acronym = 0 OR ?) AND (is_primary = 1 OR acronym = 1 OR NOT ?)"


def _name_filter_args(text: str) -> tuple[int, int]:
    return int(_upper(text)), int(_code(text))


def _code(text: str) -> bool:
    """Written as a short capital code ("IRA", "PUK"): a name the source writes otherwise
    ("Ira", another language's name of Iran) is not meant, only a place's own name or a code
    the source gives as one ("US", "UAE")."""
    word = text.strip()
    return 2 <= len(word) <= 4 and word.isalpha() and word.isupper()


def _actor(row: tuple[object, ...]) -> KBActor:
    countries = str(row[5] or "")
    return KBActor(
        id=int(str(row[0])),
        qid=None if row[1] is None else str(row[1]),
        name=str(row[2]),
        armed=row[3] == "ArmedGroup",
        actor_type=None if row[4] is None else str(row[4]),
        countries=tuple(code for code in countries.split(";") if code),
    )


def rank_places(places: Iterable[KBPlace], hint: str | None) -> list[KBPlace]:
    """Order candidates: hinted type first, then by type rank, then population; no repeats.

    >>> a = KBPlace(1, None, "X", "locality", "SY", None, None, None, 0.0, 0.0, 10)
    >>> b = KBPlace(2, None, "X", "admin1", "SY", None, None, None, 0.0, 0.0, None)
    >>> [p.id for p in rank_places([a, b], "locality")]
    [1, 2]
    """
    unique = list({place.id: place for place in places}.values())
    return sorted(
        unique,
        key=lambda p: (
            0 if hint and p.place_type == hint else 1,
            TYPE_RANK.get(p.place_type, 9),
            -(p.population or 0),
            p.id,
        ),
    )


@functools.lru_cache(maxsize=1)
def load_default_kb() -> KnowledgeBase:
    """The packaged knowledge base, opened once per process."""
    return KnowledgeBase.open()
