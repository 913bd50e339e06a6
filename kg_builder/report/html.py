"""One self-contained HTML report of the attacks of a graph, usable offline.

Everything is inline: the CSS, the script, the country outlines (an SVG drawn from the
shipped Natural Earth 1:110m data) and the attacks as one JSON document. The script builds
the rest lazily, so the page stays usable with tens of thousands of attacks: the map's
markers are a handful of SVG paths (one per size class, one sub-path per attack), the
timeline is drawn per week or month on demand, and the tables show 100 rows a page.

The page writes what it drew into attributes a test can read: ``data-markers`` on the
map (markers drawn), ``data-ready="1"`` on ``<body>`` once everything is built.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from importlib import resources
from pathlib import Path
from typing import Any

from kg_builder.report.claims import ClaimGroup, conflicting_claims
from kg_builder.report.data import AttackRecord, attack_id
from kg_builder.report.geo import country_paths


class _Index:
    """Values → small integers, for a compact JSON payload."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self.index: dict[Any, int] = {}

    def __call__(self, key: Any, value: Any = None) -> int:
        if key not in self.index:
            self.index[key] = len(self.items)
            self.items.append(key if value is None else value)
        return self.index[key]


def payload(attacks: list[AttackRecord], claims: list[ClaimGroup]) -> dict[str, Any]:
    """The report's data: attacks as arrays, with labels moved to shared tables.

    An attack is ``[id, label, type, date, end date, fatalities, injured, [perpetrators],
    target, place, [evidence], [[source, date, is statement, article], …], [all figures]]``;
    a place ``[label, admin1, country, lon, lat]``; an article ``[id, title, url]``.
    """
    types, groups, places, sources, articles = _Index(), _Index(), _Index(), _Index(), _Index()
    rows = []
    for attack in attacks:
        place = -1
        if attack.place is not None:
            p = attack.place
            place = places(
                p.iri,
                [
                    p.label,
                    p.admin1 or "",
                    p.country or "",
                    None if p.lon is None else round(p.lon, 4),
                    None if p.lat is None else round(p.lat, 4),
                ],
            )
        reports = []
        seen: set[tuple[str, str | None]] = set()
        for report in attack.reports:
            if (report.source, report.date) in seen:
                continue
            seen.add((report.source, report.date))
            article = -1
            if report.article_iri:
                url = report.article_url or ""
                if not url.startswith(("http://", "https://")):
                    url = ""
                article = articles(
                    report.article_iri,
                    [report.article_id or "", report.article_title or "", url],
                )
            reports.append(
                [sources(report.source), report.date, 1 if report.is_statement else 0, article]
            )
        rows.append(
            [
                attack_id(attack.iri),
                attack.label,
                types(attack.attack_type),
                attack.when,
                attack.end_date,
                attack.best_fatalities,
                attack.injured,
                [groups(label) for label in attack.perpetrators],
                "; ".join(attack.targets or attack.target_descriptions),
                place,
                attack.evidence,
                reports,
                attack.fatalities if len(attack.fatalities) > 1 else [],
            ]
        )
    claim_rows = [
        [
            group.place,
            group.start,
            group.end,
            [[c.attack, sources(c.source), c.figure, c.date] for c in group.claims],
        ]
        for group in claims
    ]
    return {
        "types": types.items,
        "groups": groups.items,
        "places": places.items,
        "sources": sources.items,
        "articles": articles.items,
        "attacks": rows,
        "claims": claim_rows,
    }


def _json_for_script(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # safe inside <script type="application/json">: no "</script", no "<!--"
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _asset(name: str) -> str:
    return resources.files("kg_builder.report").joinpath(name).read_text(encoding="utf-8")


def summary(attacks: list[AttackRecord], claims: list[ClaimGroup]) -> dict[str, int]:
    """The counts the page shows (and tests read back)."""
    located = sum(1 for a in attacks if a.place is not None and a.place.has_point)
    return {
        "attacks": len(attacks),
        "located": located,
        "fatalities": sum(a.best_fatalities or 0 for a in attacks),
        "groups": len({label for a in attacks for label in a.perpetrators}),
        "sources": len({s for a in attacks for s in a.sources}),
        "claims": len(claims),
    }


def _map_svg(attacks: list[AttackRecord]) -> str:
    countries = "".join(
        f'<path class="land" d="{d}"><title>{html.escape(name)}</title></path>'
        for name, d in country_paths()
    )
    return (
        '<svg id="map" xmlns="http://www.w3.org/2000/svg" viewBox="-180 -90 360 180" '
        'role="img" aria-label="Map of attacks">'
        '<rect class="sea" x="-180" y="-90" width="360" height="180"/>'
        f'<g id="countries">{countries}</g><g id="markers"></g></svg>'
    )


def render(attacks: list[AttackRecord], title: str = "Attacks", source: str = "") -> str:
    """The whole HTML page."""
    claims = conflicting_claims(attacks)
    counts = summary(attacks, claims)
    data = payload(attacks, claims)
    generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    stats = "".join(
        f'<div class="stat"><span class="n" id="count-{key}" data-count="{value}">'
        f"{value:,}</span><span>{label}</span></div>"
        for key, label, value in (
            ("attacks", "attacks", counts["attacks"]),
            ("located", "on the map", counts["located"]),
            ("fatalities", "killed (best figures)", counts["fatalities"]),
            ("groups", "armed groups", counts["groups"]),
            ("sources", "sources", counts["sources"]),
            ("claims", "conflicting claims", counts["claims"]),
        )
    )
    return _PAGE.format(
        title=html.escape(title),
        source=html.escape(source),
        generated=generated,
        css=_asset("report.css"),
        js=_asset("report.js"),
        stats=stats,
        map=_map_svg(attacks),
        located=counts["located"],
        data=_json_for_script(data),
    )


def write_report(
    attacks: list[AttackRecord], output: Path, title: str = "Attacks", source: str = ""
) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(attacks, title, source), encoding="utf-8")


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="conflict-kg">
<title>{title}</title>
<style>{css}</style>
</head>
<body data-ready="0">
<header>
<h1>{title}</h1>
<p class="sub">From <code>{source}</code>, generated {generated} by conflict-kg.
Figures are as reported; several reports of one event may be counted more than once.</p>
<div id="stats">{stats}</div>
</header>
<main>
<section id="map-section">
<h2>Map</h2>
<p class="hint">Drag to pan, wheel or buttons to zoom; click a marker to list its attacks.
Marker size: fatalities (0–9, 10–49, 50 and more).</p>
<div class="map-tools"><button type="button" data-zoom="in">+</button>
<button type="button" data-zoom="out">−</button><button type="button" data-zoom="fit">fit</button>
<button type="button" data-zoom="world">world</button>
<span id="map-status" data-expected="{located}"></span></div>
<div id="map-frame">{map}</div>
</section>
<section id="timeline-section">
<h2>Timeline</h2>
<p class="hint">Attacks and fatalities per <select id="timeline-unit">
<option value="auto">week or month</option><option value="week">week</option>
<option value="month">month</option></select>
<span id="timeline-note"></span></p>
<div id="timeline"></div>
</section>
<section id="claims-section">
<h2>Conflicting casualty claims</h2>
<p class="hint">The same attack given different death tolls, or attacks in the same place and
on the same days told by different sources with different figures: source, figure and the
date the source gave it.</p>
<div id="claims"></div>
</section>
<section id="groups-section">
<h2>Armed groups</h2>
<p class="hint">Click a group to open the table of its attacks.</p>
<div id="groups"></div>
</section>
<section id="attacks-section">
<h2>Attacks</h2>
<div class="filters"><input id="filter-text" type="search"
placeholder="search perpetrator, place, source, evidence…" size="40">
<select id="filter-type"><option value="">all types</option></select>
<button type="button" id="filter-clear">clear filters</button>
<span id="filter-note"></span></div>
<p class="hint">Click a row for its evidence sentences and sources.</p>
<div id="attacks"></div>
</section>
</main>
<footer>Country outlines: Made with Natural Earth (public domain), 1:110m.
Built with conflict-kg.</footer>
<script type="application/json" id="kg-data">{data}</script>
<script>{js}</script>
</body>
</html>
"""
