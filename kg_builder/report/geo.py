"""Country outlines for the report's map (Natural Earth 1:110m, public domain).

The package ships a compact copy of ``ne_110m_admin_0_countries.geojson`` (see
``kg_builder/data/geo/README.md``): only the name and ISO code of each country, and
coordinates rounded to 0.01°. ``python -m kg_builder.report.geo SRC DST`` makes it again.
The map uses a plain equirectangular projection: x = lon, y = -lat, in degrees.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

COUNTRIES_FILE = "ne_110m_countries.geojson"

Ring = Sequence[Sequence[float]]


def _round_ring(ring: Ring) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat, *_ in ring:
        point = [round(float(lon), 2), round(float(lat), 2)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def compact_countries(source: Path, target: Path) -> int:
    """Write the compact copy of a Natural Earth countries GeoJSON; returns the features."""
    data = json.loads(source.read_text(encoding="utf-8"))
    features = []
    for feature in data["features"]:
        props = feature.get("properties") or {}
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]]
            if geometry["type"] == "Polygon"
            else list(geometry["coordinates"])
        )
        rounded = [[_round_ring(ring) for ring in polygon] for polygon in polygons]
        features.append(
            {
                "type": "Feature",
                "properties": {"name": props.get("NAME"), "iso_a3": props.get("ISO_A3")},
                "geometry": {"type": "MultiPolygon", "coordinates": rounded},
            }
        )
    collection = {
        "type": "FeatureCollection",
        "attribution": "Made with Natural Earth (public domain), 1:110m admin 0 countries",
        "features": features,
    }
    target.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    return len(features)


@lru_cache(maxsize=1)
def countries() -> list[dict[str, Any]]:
    """The shipped country features (name, iso_a3, MultiPolygon coordinates)."""
    text = (
        resources.files("kg_builder")
        .joinpath("data", "geo", COUNTRIES_FILE)
        .read_text(encoding="utf-8")
    )
    features: list[dict[str, Any]] = json.loads(text)["features"]
    return features


def _ring_path(ring: Iterable[Sequence[float]]) -> str:
    parts = []
    for i, (lon, lat) in enumerate(ring):
        parts.append(f"{'M' if i == 0 else 'L'}{_num(lon)} {_num(-lat)}")
    return "".join(parts) + "Z"


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def country_paths() -> list[tuple[str, str]]:
    """(country name, SVG path data) in projected degrees (x = lon, y = -lat)."""
    out = []
    for feature in countries():
        d = "".join(
            _ring_path(ring) for polygon in feature["geometry"]["coordinates"] for ring in polygon
        )
        out.append((str(feature["properties"].get("name") or ""), d))
    return out


if __name__ == "__main__":  # pragma: no cover
    n = compact_countries(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{n} countries written to {sys.argv[2]}")
