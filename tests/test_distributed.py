"""``--dask ADDRESS``: the pipeline on a real Dask cluster (a LocalCluster of two worker
processes on loopback) writes the graph a single process writes, and still does when a
worker is killed in the middle of a build."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from graphhelp import report_graphs, union
from rdflib.compare import isomorphic

from kg_builder.config import Settings
from kg_builder.pipeline import Builder, build

distributed = pytest.importorskip("distributed")

PLACES = ["Kandahar", "Mogadishu", "Aden", "Maiduguri", "Tripoli", "Homs", "Idlib", "Kabul"]
ACTORS = ["Taliban insurgents", "Al-Shabaab militants", "Houthi rebels", "Boko Haram fighters"]
TARGETS = ["a police checkpoint", "an army post", "a market", "a military convoy"]


def corpus(path: Path, n: int) -> Path:
    records = [
        {
            "id": f"dask-{i}",
            "text": f"{ACTORS[i % 4]} attacked {TARGETS[i // 4 % 4]} in {PLACES[i % 8]} on "
            f"Tuesday, killing {i % 11 + 2} people, officials said."
            + (f" Another {i % 5 + 1} were wounded." if i % 3 == 0 else ""),
            "published": f"2022-07-{i % 28 + 1:02d}",
        }
        for i in range(n)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """Two worker processes, one thread each, on loopback; yields the scheduler address."""
    with distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=40,
    ) as local:
        yield local.scheduler_address


@pytest.mark.slow
def test_a_dask_build_writes_the_single_process_graph(
    cluster: str, builder: Builder, settings: Settings, fixture_articles: list[Path], tmp_path: Path
) -> None:
    inputs = [*fixture_articles, corpus(tmp_path / "corpus.jsonl", 60)]
    single = build(inputs, tmp_path / "one.trig", settings, builder=builder)
    small = Settings(batch_size=8)
    on_dask = build(inputs, tmp_path / "dask.trig", small, dask=cluster)
    assert single.ok and on_dask.ok
    assert (on_dask.built, on_dask.attacks, on_dask.statements) == (
        single.built,
        single.attacks,
        single.statements,
    )
    assert on_dask.entities == single.entities
    assert report_graphs(tmp_path / "dask.trig") == report_graphs(tmp_path / "one.trig")
    assert isomorphic(union(tmp_path / "dask.trig"), union(tmp_path / "one.trig"))


@pytest.mark.slow
def test_a_worker_killed_mid_build_loses_and_repeats_nothing(
    cluster: str, builder: Builder, settings: Settings, tmp_path: Path
) -> None:
    articles = corpus(tmp_path / "corpus.jsonl", 400)
    single = build([articles], tmp_path / "one.trig", settings, builder=builder)

    with distributed.Client(cluster, set_as_default=False) as client:
        client.wait_for_workers(2, timeout=60)
        pids: dict[str, int] = client.run(os.getpid)
        victim = sorted(pids.values())[0]
        done = 0
        killed: list[int] = []

        def kill_once() -> None:
            nonlocal done
            done += 1
            if done == 48 and not killed:
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)

        small = Settings(batch_size=8)
        on_dask = build(
            [articles], tmp_path / "dask.trig", small, dask=cluster, on_document=kill_once
        )
        assert killed == [victim]
        survivors = client.run(os.getpid)
        assert victim not in survivors.values()

    assert on_dask.ok and on_dask.built == single.built == 400
    counts = report_graphs(tmp_path / "dask.trig")
    assert len(counts) == 400 and set(counts.values()) == {1}
    assert isomorphic(union(tmp_path / "dask.trig"), union(tmp_path / "one.trig"))
