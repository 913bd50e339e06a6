"""``kg-builder report``: one self-contained HTML file with the expected counts."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from rdflib import Dataset
from report_expect import attacks, located
from report_synth import write_synthetic

from kg_builder.report.claims import conflicting_claims
from kg_builder.report.data import load_attacks
from kg_builder.report.html import write_report


def page_data(html: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert match
    data: dict[str, object] = json.loads(match.group(1))
    return data


def count(html: str, key: str) -> int:
    match = re.search(rf'id="count-{key}" data-count="(\d+)"', html)
    assert match, key
    return int(match.group(1))


def test_report_holds_the_expected_counts(
    pipeline_graph: Path, pipeline_dataset: Dataset, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    write_report(load_attacks(pipeline_graph), out, source=pipeline_graph.name)
    html = out.read_text(encoding="utf-8")
    assert count(html, "attacks") == len(attacks(pipeline_dataset))
    assert count(html, "located") == len(located(pipeline_dataset))
    data = page_data(html)
    assert len(data["attacks"]) == len(attacks(pipeline_dataset))  # type: ignore[arg-type]
    # offline: nothing is fetched from elsewhere
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", html)
    assert "@import" not in html and "url(" not in html
    assert 'id="map"' in html and html.count('class="land"') >= 170
    assert "Natural Earth" in html
    # every attack's evidence sentences and sources are in the page
    for attack in data["attacks"]:  # type: ignore[attr-defined]
        assert attack[10], attack  # evidence
        assert attack[11], attack  # reports


def test_the_seed_conflicting_claims_are_side_by_side(pipeline_graph: Path) -> None:
    records = load_attacks(pipeline_graph)
    groups = conflicting_claims(records)
    # the Observatory's 60 dead east of Homs and Amaq's 20 in al-Sukhna (Homs province)
    seed = [g for g in groups if {"Amaq"} & set(g.sources)]
    assert seed, [(g.place, g.sources, g.figures) for g in groups]
    assert any("Observatory" in s for s in seed[0].sources)
    assert {20, 60} <= set(seed[0].figures)
    for claim in seed[0].claims:
        assert claim.date and claim.source


def test_two_figures_of_one_attack_are_a_conflicting_claim(tmp_path: Path) -> None:
    from test_report_export import EDGE

    path = tmp_path / "edge.ttl"
    path.write_text(EDGE, encoding="utf-8")
    groups = conflicting_claims(load_attacks(path))
    assert [(g.figures, g.sources) for g in groups] == [([3, 7], ["The Monitor"])]


def test_evidence_cannot_break_out_of_the_page(tmp_path: Path) -> None:
    synthetic = write_synthetic(tmp_path / "small.ttl", 30)
    out = tmp_path / "small.html"
    write_report(load_attacks(synthetic.path), out)
    html = out.read_text(encoding="utf-8")
    assert "<b>&amp; more</b>" not in html  # kept inside the JSON, escaped
    data = page_data(html)
    assert "<b>&amp; more</b>" in data["attacks"][0][10][0]  # type: ignore[index]


@pytest.mark.slow
def test_fifty_thousand_attacks(tmp_path: Path) -> None:
    synthetic = write_synthetic(tmp_path / "big.ttl", 50_000)
    started = time.perf_counter()
    records = load_attacks(synthetic.path)
    out = tmp_path / "big.html"
    write_report(records, out)
    elapsed = time.perf_counter() - started
    assert elapsed < 60, elapsed
    size = out.stat().st_size
    assert size < 40_000_000, size
    html = out.read_text(encoding="utf-8")
    assert count(html, "attacks") == 50_000
    assert count(html, "located") == synthetic.located
