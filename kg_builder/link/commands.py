"""``kg-builder kb …``: what the knowledge base holds, and extending it from a SPARQL endpoint.

``kb stats`` prints counts and, plainly, what the base lacks per priority country and actor
type. ``kb update --endpoint URL`` adds items from any endpoint serving Wikidata-shaped data,
with the project's queries in ``queries/kb/``:

* ``--name NAME`` (repeatable): items whose English label or alias is NAME
  (``lookup-names.rq``), kept when their classes/description make them a place, armed group or
  organisation;
* ``--country XX`` (repeatable, ISO 3166-1 alpha-2): places (with coordinates), armed groups and
  organisations of that country (``country-items.rq``; the country's QID comes from the base);
* ``--refresh``: the English labels and aliases of every QID the base holds (``item-names.rq``)
  become further lookup names.

Rows are added to the file given by ``--kb`` (default ``$KG_BUILDER_KB``, else the packaged
file); a missing file is first copied from the packaged one. Use the result in builds with
``KG_BUILDER_KB=PATH``. Every QID added comes from the endpoint.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from kg_builder.knowledge.kb import (
    PRIORITY_COUNTRIES,
    KnowledgeBase,
    default_kb_path,
    packaged_kb_path,
)
from kg_builder.knowledge.names import is_acronym, loose_key, normalise_name
from kg_builder.link.online import (
    DEFAULT_ENDPOINT,
    Candidate,
    EndpointError,
    OnlineLinker,
    actor_type_of,
    item_block,
    parse_point,
    qid_of,
    query_text,
)
from kg_builder.model import EntityKind

__all__ = ["register", "render_stats", "update_kb"]


def register(app: typer.Typer) -> None:
    """Add the ``kb`` sub-command group to the main ``kg-builder`` app."""
    kb_app = typer.Typer(
        help="The knowledge base: what it holds and lacks; extend it from a SPARQL endpoint.",
        no_args_is_help=True,
    )

    @kb_app.command("stats")
    def stats(
        kb: Annotated[
            Path | None, typer.Option(help="Database file (default: $KG_BUILDER_KB or packaged).")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """Counts by type and country, and what the base lacks."""
        base = KnowledgeBase.open(kb)
        data = base.stats()
        if as_json:
            typer.echo(json.dumps(data, indent=1, sort_keys=True))
        else:
            typer.echo(render_stats(data, base.path))
        base.close()

    @kb_app.command("update")
    def update(
        endpoint: Annotated[
            str, typer.Option(help=f"SPARQL endpoint (Wikidata's is {DEFAULT_ENDPOINT}).")
        ],
        kb: Annotated[
            Path | None,
            typer.Option(help="Database to extend (default: $KG_BUILDER_KB or packaged)."),
        ] = None,
        name: Annotated[
            list[str] | None, typer.Option("--name", help="Add items with this label/alias.")
        ] = None,
        country: Annotated[
            list[str] | None,
            typer.Option("--country", help="Add places and actors of this ISO2 country."),
        ] = None,
        refresh: Annotated[
            bool, typer.Option(help="Add the endpoint's labels/aliases of the QIDs held.")
        ] = False,
        timeout: Annotated[float, typer.Option(help="Seconds per request.")] = 120.0,
    ) -> None:
        """Extend the knowledge base from a SPARQL endpoint with the queries in queries/kb/."""
        path = kb or default_kb_path()
        if not name and not country and not refresh:
            typer.echo("nothing to do: give --name, --country or --refresh", err=True)
            raise typer.Exit(2)
        try:
            counts = update_kb(
                path,
                endpoint,
                names=name or [],
                countries=country or [],
                refresh=refresh,
                timeout=timeout,
            )
        except EndpointError as exc:
            typer.echo(f"error: {endpoint}: {exc}", err=True)
            raise typer.Exit(1) from None
        typer.echo(f"{path}: {json.dumps(counts, sort_keys=True)}")
        if path != packaged_kb_path():
            typer.echo(f"use it with: KG_BUILDER_KB={path} kg-builder build …")

    app.add_typer(kb_app, name="kb")


# ------------------------------------------------------------------------------------ stats


def render_stats(data: dict[str, object], path: Path) -> str:
    """The plain-text report of ``kb stats``."""
    lines = [f"knowledge base {path}"]
    for what in ("places", "actors"):
        block = data[what]
        assert isinstance(block, dict)
        lines.append(f"{what}: {block['total']} ({block['with_qid']} with a Wikidata QID)")
    for title, key in (("places by type", "places_by_type"), ("actors by type", "actors_by_type")):
        lines.append(f"{title}:")
        block = data[key]
        assert isinstance(block, dict)
        for name, counts in block.items():
            lines.append(f"  {name:45} {counts['total']:>7} total {counts['with_qid']:>7} QID")
    gaps = data["gaps"]
    assert isinstance(gaps, dict)
    lines.append("")
    lines.append("WHAT THE BASE LACKS")
    missing = gaps["priority_countries_without_armed_group_qid"]
    assert isinstance(missing, list)
    lines.append(
        "- armed groups: no armed group or state force with a QID for "
        + (", ".join(missing) if missing else "none")
        + " (the armed groups held are African groups from the triad files plus a few others:"
        " Hezbollah, PKK, Syrian Arab Army, Islamic State, al-Qaeda; e.g. HTS, SDF/YPG, Houthis,"
        " Hamas, Taliban, FARC, ELN, Shining Path are absent)"
    )
    lines.append(
        "- organisations: mostly African political parties, UN bodies, a few NGOs and news "
        "agencies; no conflict monitors (e.g. the Syrian Observatory for Human Rights)"
    )
    untyped = gaps["actor_types_without_qid"]
    if untyped:
        lines.append(f"- actor types with no QID at all: {', '.join(map(str, untyped))}")
    lines.append(
        "- places: towns and villages without a QID per priority country "
        "(villages have coordinates and a division only):"
    )
    lines.append(
        "    cc   admin1 no-QID   towns no-QID/total   villages(no QID)   armed QIDs   org QIDs"
    )
    countries = gaps["countries"]
    assert isinstance(countries, dict)
    for code in PRIORITY_COUNTRIES:
        c = countries[code]
        lines.append(
            f"    {code}   {c.get('admin1_without_qid', 0):>6}/{c.get('admin1_total', 0):<6}"
            f"   {c.get('locality_without_qid', 0):>6}/{c.get('locality_total', 0):<10}"
            f"   {c.get('villages_without_qid', 0):>12}   {c.get('armed_groups_with_qid', 0):>10}"
            f"   {c.get('organisations_with_qid', 0):>8}"
        )
    lines.append(
        "- other countries: only towns from Natural Earth/GeoNames; dr5hn city files missing for "
        "AU BR DE ES FR IN IT MX PH RO RU US (large towns only, ≥15,000 inhabitants, no QID)"
    )
    lines.append(
        "Fill gaps with `kg-builder build --wikidata-endpoint URL` (live look-ups) or "
        "`kg-builder kb update --endpoint URL --name NAME / --country XX`."
    )
    meta = data.get("meta")
    if isinstance(meta, dict) and meta.get("updates"):
        lines.append(f"updates from endpoints: {meta['updates']}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------ update


def update_kb(
    path: Path,
    endpoint: str,
    *,
    names: Iterable[str] = (),
    countries: Iterable[str] = (),
    refresh: bool = False,
    timeout: float = 120.0,
    linker: OnlineLinker | None = None,
) -> dict[str, int]:
    """Add the endpoint's items for ``names`` / ``countries`` (and, with ``refresh``, names of
    held QIDs) to the database at ``path``; returns what was added."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(packaged_kb_path(), path)
    reader = KnowledgeBase.open(path)
    linker = linker or OnlineLinker(endpoint, None, timeout=timeout, min_interval=1.0, kb=reader)
    items: list[Candidate] = []
    names = [n for n in names if n.strip()]
    if names:
        found = linker.lookup(names)
        if linker.warnings:
            raise EndpointError("; ".join(linker.drain_warnings()))
        for asked, candidates in found.items():
            for candidate in candidates:
                if candidate.qid:
                    if asked not in candidate.aliases:
                        candidate.aliases.append(asked)  # the name it was found by
                    items.append(candidate)
    for code in countries:
        row = reader.country(code)
        if row is None or row.qid is None:
            raise EndpointError(f"no country {code!r} with a QID in the knowledge base")
        rows = linker.select(query_text("country-items.rq", items=item_block([row.qid])))
        items.extend(_country_items(rows))
    db = sqlite3.connect(path)
    try:
        counts = _add_items(db, reader, items, endpoint)
        if refresh:
            counts["names_refreshed"] = _refresh_names(db, linker)
        _note_update(db, endpoint, names, list(countries), refresh, counts)
        db.commit()
    finally:
        db.close()
        reader.close()
    return counts


def _country_items(rows: list[dict[str, dict[str, str]]]) -> list[Candidate]:
    """Rows of country-items.rq -> one candidate per item (aliases, classes, coordinates)."""
    by_item: dict[str, Candidate] = {}
    for row in rows:
        iri = row.get("item", {}).get("value")
        if not iri or not qid_of(iri):
            continue
        item = by_item.setdefault(iri, Candidate(iri, matched="label"))
        get = {key: cell.get("value") for key, cell in row.items()}
        item.label = item.label or get.get("label")
        item.description = item.description or get.get("description")
        if get.get("classLabel") and get["classLabel"] not in item.classes:
            item.classes.append(str(get["classLabel"]))
        country = get.get("country")
        if country and country not in [c for c, _ in item.countries]:
            item.countries.append((country, get.get("countryLabel")))
        admin = get.get("admin")
        if admin and admin not in [a for a, _ in item.admins]:
            item.admins.append((admin, None))
        alias = get.get("alias")
        if alias and alias not in item.aliases:
            item.aliases.append(alias)
        coord = get.get("coord")
        if coord and item.lat is None:
            item.lat, item.lon = parse_point(coord)
    return list(by_item.values())


def _add_items(
    db: sqlite3.Connection, reader: KnowledgeBase, items: list[Candidate], endpoint: str
) -> dict[str, int]:
    counts = {"places_added": 0, "actors_added": 0, "names_added": 0, "skipped": 0}
    stamp = f"{endpoint} ({dt.date.today().isoformat()})"
    seen: set[str] = set()
    for item in items:
        qid = item.qid
        if qid is None or qid in seen:
            continue
        seen.add(qid)
        kind = item.kind()
        names = [n for n in [item.label, *item.aliases] if n]
        if kind is None or not names:
            counts["skipped"] += 1
            continue
        if kind is EntityKind.PLACE:
            row = db.execute("SELECT id FROM places WHERE qid = ? LIMIT 1", (qid,)).fetchone()
            if row is None:
                if item.lat is None:
                    counts["skipped"] += 1
                    continue
                place_id = _insert_place(db, reader, item)
                counts["places_added"] += 1
            else:
                place_id = int(row[0])
            counts["names_added"] += _add_place_names(db, place_id, names)
        else:
            row = db.execute("SELECT id FROM actors WHERE qid = ? LIMIT 1", (qid,)).fetchone()
            if row is None:
                actor_id = _insert_actor(db, reader, item, kind, stamp)
                counts["actors_added"] += 1
            else:
                actor_id = int(row[0])
            counts["names_added"] += _add_actor_names(db, actor_id, names)
    return counts


def _country_of(reader: KnowledgeBase, item: Candidate) -> tuple[str | None, str | None]:
    for iri, _ in item.countries:
        qid = qid_of(iri)
        place = reader.place_by_qid(qid) if qid else None
        if place is not None and place.place_type == "country":
            return place.country_iso2, place.qid
    return None, None


def _insert_place(db: sqlite3.Connection, reader: KnowledgeBase, item: Candidate) -> int:
    iso2, country_qid = _country_of(reader, item)
    admin1_id = admin1_qid = admin1_name = None
    for iri, _ in item.admins:
        qid = qid_of(iri)
        place = reader.place_by_qid(qid) if qid else None
        if place is not None and place.place_type == "admin1":
            admin1_id, admin1_qid, admin1_name = place.id, place.qid, place.name
            break
    classes = " ; ".join(item.classes).lower()
    place_type = "locality"
    if "country" in classes or "sovereign state" in classes:
        place_type = "country"
    elif any(w in classes for w in ("governorate", "province", "oblast", "first-level")):
        place_type = "admin1"
    (next_id,) = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM places").fetchone()
    db.execute(
        "INSERT INTO places (id, qid, name, place_type, country_iso2, country_qid, admin1_qid, "
        "admin1_name, admin1_id, lat, lon, population, qid_disputed) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            next_id,
            item.qid,
            item.label,
            place_type,
            iso2,
            country_qid,
            admin1_qid,
            admin1_name,
            admin1_id,
            item.lat,
            item.lon,
            None,
            0,
        ),
    )
    return int(next_id)


def _add_place_names(
    db: sqlite3.Connection, place_id: int, names: list[str], primary: bool = True
) -> int:
    """Name keys for a place; the first name is its primary name when ``primary``."""
    added = 0
    for index, name in enumerate(names):
        key = normalise_name(name)
        if len(key) < 2:
            continue
        cursor = db.execute(
            "INSERT OR IGNORE INTO place_names VALUES (?,?,?,?)",
            (key, place_id, int(primary and index == 0), int(is_acronym(name))),
        )
        added += cursor.rowcount
        loose = loose_key(name)
        if len(loose) >= 3:
            db.execute("INSERT OR IGNORE INTO place_loose VALUES (?,?)", (loose, place_id))
    return added


def _insert_actor(
    db: sqlite3.Connection,
    reader: KnowledgeBase,
    item: Candidate,
    kind: EntityKind,
    stamp: str,
) -> int:
    iso2, _ = _country_of(reader, item)
    (next_id,) = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM actors").fetchone()
    db.execute(
        "INSERT INTO actors VALUES (?,?,?,?,?,?,?)",
        (
            next_id,
            item.qid,
            item.label,
            kind.value,
            actor_type_of(item, kind),
            iso2 or "",
            f"endpoint:{stamp}",
        ),
    )
    return int(next_id)


def _add_actor_names(
    db: sqlite3.Connection, actor_id: int, names: list[str], primary: bool = True
) -> int:
    """Name keys for an actor; the first name is its primary name when ``primary``."""
    added = 0
    for index, name in enumerate(names):
        key = normalise_name(name)
        if not key:
            continue
        cursor = db.execute(
            "INSERT OR IGNORE INTO actor_names VALUES (?,?,?,?)",
            (key, actor_id, int(primary and index == 0), int(is_acronym(name))),
        )
        added += cursor.rowcount
    return added


def _refresh_names(db: sqlite3.Connection, linker: OnlineLinker) -> int:
    """Labels and aliases of the QIDs held, as further names of their rows."""
    added = 0
    for table, adder in (("places", _add_place_names), ("actors", _add_actor_names)):
        by_qid: dict[str, int] = {}
        for row_id, qid in db.execute(
            f"SELECT MIN(id), qid FROM {table} WHERE qid IS NOT NULL GROUP BY qid"
        ):
            by_qid[str(qid)] = int(row_id)
        qids = sorted(by_qid)
        for start in range(0, len(qids), 200):
            block = item_block(qids[start : start + 200])
            rows = linker.select(query_text("item-names.rq", items=block))
            names: dict[str, list[str]] = {}
            for row in rows:
                qid = qid_of(row.get("item", {}).get("value"))
                if qid is None:
                    continue
                for key in ("label", "alias"):
                    value = row.get(key, {}).get("value")
                    if value and value not in names.setdefault(qid, []):
                        names[qid].append(value)
            for qid, found in names.items():
                added += adder(db, by_qid[qid], found, False)
    return added


def _note_update(
    db: sqlite3.Connection,
    endpoint: str,
    names: list[str],
    countries: list[str],
    refresh: bool,
    counts: dict[str, int],
) -> None:
    row = db.execute("SELECT value FROM meta WHERE key = 'updates'").fetchone()
    updates = json.loads(row[0]) if row else []
    updates.append(
        {
            "endpoint": endpoint,
            "date": dt.date.today().isoformat(),
            "names": names,
            "countries": countries,
            "refresh": refresh,
            "added": counts,
        }
    )
    db.execute(
        "INSERT OR REPLACE INTO meta VALUES ('updates', ?)", (json.dumps(updates, sort_keys=True),)
    )
