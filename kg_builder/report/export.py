"""Exports for spreadsheets and GIS: an ACLED-style CSV and a GeoJSON FeatureCollection.

ACLED columns (one row per attack per source, so that a figure can be traced to who gave
it): ``event_id_cnty`` is the attack IRI after the ``/id/`` base; ``time_precision`` is 1
for a known day, 2 for a span of a week at most and 3 for a longer span (the event date is
then the first day); ``geo_precision`` is 1 for a town or village, 2 for a district or a
place of unknown level, 3 for a first-level division or a country; ``fatalities`` is the
best figure (0 when none was reported, as in ACLED).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from kg_builder.report.data import AttackRecord, attack_id

ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
]

BATTLES = ("Battles", "Armed clash")
VAC_ATTACK = ("Violence against civilians", "Attack")
ACLED_TYPES: dict[str, tuple[str, str]] = {
    "ArmedClash": BATTLES,
    "Ambush": BATTLES,  # ACLED has no ambush sub-event (noted in the notes)
    "AttackOnCivilians": VAC_ATTACK,
    "Bombing": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "SuicideBombing": ("Explosions/Remote violence", "Suicide bomb"),
    "AirStrike": ("Explosions/Remote violence", "Air/drone strike"),
    "Shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "Assassination": VAC_ATTACK,
    "Abduction": ("Violence against civilians", "Abduction/forced disappearance"),
    "Arson": ("Strategic developments", "Looting/property destruction"),
}
NOTE_PREFIX = {
    "Ambush": "Ambush.",
    "Assassination": "Assassination.",
    "Arson": "Arson.",
}
CIVILIANS = re.compile(
    r"\b(civilians?|people|persons?|villagers?|residents?|inhabitants?|worshipp?ers?|"
    r"pilgrims?|children|child|women|students?|pupils?|teachers?|farmers?|herders?|"
    r"fishermen|shoppers?|passengers?|travell?ers?|migrants?|refugees?|displaced|families|"
    r"family|patients?|journalists?|aid workers?|market|mosque|church|school|hospital|"
    r"wedding|funeral|village)\b",
    re.IGNORECASE,
)
PRECISION = {"locality": 1, "admin_sub": 2, "admin1": 3, "country": 3}


def acled_type(attack: AttackRecord) -> tuple[str, str]:
    """(event_type, sub_event_type) of an attack."""
    if attack.attack_type in ACLED_TYPES:
        return ACLED_TYPES[attack.attack_type]
    described = " ".join(attack.target_descriptions)
    return VAC_ATTACK if CIVILIANS.search(described) else BATTLES


def geo_precision(attack: AttackRecord) -> int | None:
    place = attack.place
    if place is None:
        return None
    return PRECISION.get(place.place_type or "", 2)


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}"


def acled_rows(attacks: Iterable[AttackRecord]) -> Iterable[dict[str, str]]:
    """One dict per attack per distinct source, keyed by :data:`ACLED_COLUMNS`."""
    for attack in attacks:
        event_type, sub_event_type = acled_type(attack)
        place = attack.place
        prefix = NOTE_PREFIX.get(attack.attack_type)
        notes = " ".join([prefix, *attack.evidence] if prefix else attack.evidence)
        precision = attack.time_precision()
        geo = geo_precision(attack)
        figure = attack.best_fatalities
        base = {
            "event_id_cnty": attack_id(attack.iri),
            "event_date": attack.when or "",
            "time_precision": "" if precision is None else str(precision),
            "event_type": event_type,
            "sub_event_type": sub_event_type,
            "actor1": "; ".join(attack.perpetrators),
            "actor2": "; ".join(attack.targets or attack.target_descriptions),
            "admin1": (place.admin1 or "") if place else "",
            "location": place.label if place else "",
            "latitude": _coordinate(place.lat if place else None),
            "longitude": _coordinate(place.lon if place else None),
            "geo_precision": "" if geo is None else str(geo),
            "notes": notes,
            "fatalities": str(figure if figure is not None else 0),
        }
        for source in attack.sources or [""]:
            yield {**base, "source": source}


def write_acled_csv(attacks: Iterable[AttackRecord], out: IO[str]) -> int:
    """Write the CSV (header and rows); returns the rows written."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    rows = 0
    for row in acled_rows(attacks):
        writer.writerow(row)
        rows += 1
    return rows


def geojson_features(attacks: Iterable[AttackRecord]) -> list[dict[str, Any]]:
    """One Point feature per attack whose place has coordinates."""
    features = []
    for attack in attacks:
        place = attack.place
        if place is None or place.lat is None or place.lon is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": attack_id(attack.iri),
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                "properties": {
                    "id": attack_id(attack.iri),
                    "iri": attack.iri,
                    "date": attack.when,
                    "end_date": attack.end_date,
                    "type": attack.attack_type,
                    "event_type": acled_type(attack)[0],
                    "sub_event_type": acled_type(attack)[1],
                    "perpetrator": "; ".join(attack.perpetrators) or None,
                    "target": "; ".join(attack.targets or attack.target_descriptions) or None,
                    "location": place.label,
                    "admin1": place.admin1,
                    "country": place.country,
                    "fatalities": attack.best_fatalities,
                    "sources": attack.sources,
                },
            }
        )
    return features


def write_geojson(attacks: Iterable[AttackRecord], out: IO[str]) -> int:
    """Write the FeatureCollection; returns the features written."""
    features = geojson_features(attacks)
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


FORMATS = {"acled-csv": write_acled_csv, "geojson": write_geojson}


def export(attacks: list[AttackRecord], fmt: str, output: Path) -> int:
    """Write ``attacks`` in ``fmt`` (``acled-csv`` or ``geojson``) to ``output``."""
    writer = FORMATS[fmt]
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as out:
        return writer(attacks, out)
