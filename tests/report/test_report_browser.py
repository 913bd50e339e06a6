"""The report in a real browser: headless Chromium draws one marker per located attack."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from rdflib import Dataset
from report_expect import located
from report_synth import write_synthetic

from kg_builder.report.data import load_attacks
from kg_builder.report.html import write_report

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium, installed with apt-get when missing."""
    if not Path(CHROMIUM).exists():
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update"], check=False, env=env, capture_output=True)
        subprocess.run(
            ["apt-get", "install", "-y", "chromium"], check=False, env=env, capture_output=True
        )
    found = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not found:
        pytest.skip("chromium is not installed and could not be installed")
    return found


def run_chromium(chromium: str, tmp_path: Path, *args: str, timeout: int = 120) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    result = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def dom_of(chromium: str, tmp_path: Path, page: Path) -> str:
    return run_chromium(chromium, tmp_path, "--dump-dom", page.resolve().as_uri())


def markers_drawn(dom: str) -> int:
    assert 'data-ready="1"' in dom, "the page's script did not finish"
    match = re.search(r'<svg id="map"[^>]*data-markers="(\d+)"', dom)
    assert match, "no marker count on the map"
    sub_paths = sum(int(n) for n in re.findall(r'class="marker s\d"[^>]*data-count="(\d+)"', dom))
    assert sub_paths == int(match.group(1))
    return int(match.group(1))


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_markers_and_screenshot_of_the_pipeline_graph(
    chromium: str, pipeline_graph: Path, pipeline_dataset: Dataset, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    write_report(load_attacks(pipeline_graph), page)
    dom = dom_of(chromium, tmp_path, page)
    expected = len(located(pipeline_dataset))
    assert expected > 0
    assert markers_drawn(dom) == expected
    assert dom.count('class="claim"') >= 2  # the seed's two figures side by side
    assert 'class="row"' in dom  # the attack table was built
    shot = tmp_path / "report.png"
    run_chromium(
        chromium,
        tmp_path,
        f"--screenshot={shot}",
        "--window-size=1400,1000",
        page.resolve().as_uri(),
    )
    assert shot.exists() and shot.stat().st_size > 20_000
    assert png_size(shot) == (1400, 1000)


@pytest.mark.slow
def test_fifty_thousand_attacks_in_the_browser(chromium: str, tmp_path: Path) -> None:
    synthetic = write_synthetic(tmp_path / "big.ttl", 50_000)
    page = tmp_path / "big.html"
    write_report(load_attacks(synthetic.path), page)
    dom = dom_of(chromium, tmp_path, page)
    assert markers_drawn(dom) == synthetic.located
    # one page of 100 rows, not 50,000
    assert dom.count('<tr class="row" data-attack=') == 100
    shot = tmp_path / "big.png"
    run_chromium(
        chromium,
        tmp_path,
        f"--screenshot={shot}",
        "--window-size=1400,1000",
        page.resolve().as_uri(),
    )
    assert shot.exists() and shot.stat().st_size > 20_000
