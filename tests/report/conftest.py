"""Fixtures of the report tests: the pipeline's graph of the seed and fixture articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset

from kg_builder.config import Settings
from kg_builder.pipeline import Builder, build

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def pipeline_graph(tmp_path_factory: pytest.TempPathFactory, builder: Builder) -> Path:
    """seeds/ and tests/fixtures/articles built once, as TriG (one graph per article)."""
    out = tmp_path_factory.mktemp("report-graph") / "graph.trig"
    summary = build(
        [ROOT / "seeds", ROOT / "tests" / "fixtures" / "articles"], out, Settings(), builder=builder
    )
    assert summary.ok, summary.failed + summary.rejected
    assert summary.attacks > 0
    return out


@pytest.fixture(scope="session")
def pipeline_dataset(pipeline_graph: Path) -> Dataset:
    """The same graph read with rdflib, to count what the report must show."""
    data = Dataset(default_union=True)
    data.parse(pipeline_graph, format="trig")
    return data
