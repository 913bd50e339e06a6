"""Shared fixtures: one loaded pipeline per test session, and a helper to build inputs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from kg_builder.config import Settings
from kg_builder.pipeline import Builder, BuildSummary, build

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SEEDS = REPO / "seeds"

BuildInto = Callable[..., BuildSummary]


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def builder(settings: Settings) -> Builder:
    """The spaCy pipeline and knowledge base, loaded once (about 1.5 s)."""
    return Builder(settings)


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def fixture_articles(fixtures_dir: Path) -> list[Path]:
    """The seed article and the five fixture articles."""
    articles = sorted((fixtures_dir / "articles").glob("*.txt"))
    assert len(articles) == 5
    return [*sorted(SEEDS.glob("*.txt")), *articles]


@pytest.fixture
def build_into(builder: Builder, settings: Settings) -> BuildInto:
    """``build_into(paths, output, other_builder=None, on_document=None)``: build with the
    shared pipeline (or another Builder) and return the BuildSummary."""

    def run(
        paths: Sequence[str | Path],
        output: Path,
        other_builder: Builder | None = None,
        on_document: Callable[[], None] | None = None,
    ) -> BuildSummary:
        return build(
            list(paths), output, settings, on_document=on_document, builder=other_builder or builder
        )

    return run
