"""``--resume``: a build killed part-way goes on where it stopped; nothing is lost or
duplicated, a changed article replaces its old graph, a gone one leaves the output."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from graphhelp import report_graphs, union
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg_builder.cli import app
from kg_builder.config import Settings
from kg_builder.output import GraphWriter, manifest_path, render
from kg_builder.pipeline import Builder, BuildSummary, build

CKG = Namespace("https://w3id.org/conflict-kg/ontology#")
REPO = Path(__file__).resolve().parents[1]

PLACES = ["Kandahar", "Mogadishu", "Aden", "Maiduguri", "Tripoli", "Homs", "Idlib", "Kabul"]
ACTORS = ["Taliban insurgents", "Al-Shabaab militants", "Houthi rebels", "Boko Haram fighters"]
TARGETS = ["a police checkpoint", "an army post", "a market", "a military convoy"]


def reports(n: int) -> list[dict[str, str]]:
    """``n`` short attack reports, each with its own id."""
    return [
        {
            "id": f"resume-{i}",
            "text": f"{ACTORS[i % 4]} attacked {TARGETS[i // 4 % 4]} in {PLACES[i % 8]} on "
            f"Monday, killing {i % 13 + 2} people, officials said.",
            "published": f"2021-03-{i % 28 + 1:02d}",
        }
        for i in range(n)
    ]


def write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def manifest_ids(output: Path) -> list[str]:
    lines = manifest_path(output).read_text(encoding="utf-8").splitlines()[1:]
    return [json.loads(line)["id"] for line in lines]


@pytest.fixture
def run(builder: Builder, settings: Settings) -> Callable[..., BuildSummary]:
    def go(inputs: list[Path], output: Path, resume: bool = False) -> BuildSummary:
        return build(inputs, output, settings, builder=builder, resume=resume)

    return go


@pytest.mark.slow
def test_a_killed_build_resumes_to_the_uninterrupted_graph(
    run: Callable[..., BuildSummary], tmp_path: Path
) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", reports(300))
    reference = run([corpus], tmp_path / "reference.trig")
    assert reference.ok and reference.built == 300

    output = tmp_path / "out.trig"
    manifest = manifest_path(output)
    command = [sys.executable, "-m", "kg_builder", "build", str(corpus), "-o", str(output)]
    process = subprocess.Popen(
        [*command, "--no-progress", "--batch-size", "8"],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if manifest.exists() and len(manifest.read_bytes().splitlines()) > 40:
                break
            assert process.poll() is None, "the build ended before it could be killed"
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    written = len(manifest_ids(output))
    assert 40 <= written < 300

    summary = run([corpus], output, resume=True)
    assert summary.ok
    assert summary.resumed >= written - 1  # the last entry may have been cut short
    assert summary.resumed + summary.built == 300
    assert summary.built < 300

    counts = report_graphs(output)
    assert len(counts) == 300 and set(counts.values()) == {1}
    assert sorted(manifest_ids(output)) == sorted(f"resume-{i}" for i in range(300))
    assert isomorphic(union(output), union(tmp_path / "reference.trig"))

    # resuming a finished build writes nothing and changes nothing
    before = output.read_bytes()
    again = run([corpus], output, resume=True)
    assert (again.built, again.resumed) == (0, 300)
    assert output.read_bytes() == before


def test_a_changed_article_is_replaced_and_a_gone_one_dropped(
    run: Callable[..., BuildSummary], tmp_path: Path
) -> None:
    records = reports(24)
    corpus = write_jsonl(tmp_path / "corpus.jsonl", records)
    output = tmp_path / "out.trig"
    assert run([corpus], output).built == 24

    old_text = records[5]["text"]
    records[5] = {**records[5], "text": "Gunmen killed 31 villagers in Aden on Friday."}
    del records[17]
    write_jsonl(corpus, records)
    summary = run([corpus], output, resume=True)
    assert (summary.built, summary.resumed) == (1, 22)

    fresh = run([corpus], tmp_path / "fresh.trig")
    assert fresh.built == 23
    graph = union(output)
    assert isomorphic(graph, union(tmp_path / "fresh.trig"))
    assert not list(graph.triples((None, CKG.evidence, Literal(old_text))))
    assert list(graph.triples((None, CKG.fatalities, None)))
    counts = report_graphs(output)
    assert len(counts) == 23 and set(counts.values()) == {1}
    assert not any(iri.endswith("/resume-17") for iri in counts)
    assert sorted(manifest_ids(output)) == sorted(r["id"] for r in records)


def test_a_torn_tail_is_cut_and_rebuilt(run: Callable[..., BuildSummary], tmp_path: Path) -> None:
    """Killed in the middle of writing a document and its manifest line."""
    corpus = write_jsonl(tmp_path / "corpus.jsonl", reports(12))
    output = tmp_path / "out.ttl"
    run([corpus], output)
    reference = union(output)
    manifest = manifest_path(output)
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    last = json.loads(lines[-1])
    manifest.write_text("".join(lines[:-1]) + lines[-1][:30], encoding="utf-8")
    with output.open("r+b") as stream:
        stream.truncate(last["start"] + (last["end"] - last["start"]) // 2)

    summary = run([corpus], output, resume=True)
    assert (summary.built, summary.resumed) == (1, 11)
    assert isomorphic(union(output), reference)


def test_documents_with_their_own_prefixes_can_be_cut_out(tmp_path: Path) -> None:
    """A prefix outside the fixed header travels with its document, so dropping that
    document (or the one that rebinds a header prefix) leaves the rest parseable."""
    ex = Namespace("http://example.org/a#")
    other = Namespace("http://example.org/b#")
    graphs = []
    bindings = [("ex", ex), ("ex", other), ("ckg", other), ("ckg", CKG)]
    for i, (_, namespace) in enumerate(bindings):
        graph = Graph()
        graph.add((URIRef(f"http://example.org/doc/{i}"), namespace.p, Literal(i)))
        graph.add((URIRef(f"http://example.org/doc/{i}"), CKG.q, Literal(i)))
        graphs.append(graph)
    output = tmp_path / "out.ttl"
    with GraphWriter(output) as writer:
        for i, (graph, (name, namespace)) in enumerate(zip(graphs, bindings, strict=True)):
            chunk = render("turtle", graph, prefixes={name: str(namespace)})
            writer.write_chunk(chunk, (str(i), "x"))
    text = output.read_text(encoding="utf-8")
    assert "@prefix ex: <http://example.org/b#>" in text  # the documents' own prefixes
    assert "@prefix ckg: <http://example.org/b#>" in text
    whole = Graph()
    for graph in graphs:
        whole += graph
    assert isomorphic(Graph().parse(output, format="turtle"), whole)

    with GraphWriter(output, resume=True) as writer:
        for i in (0, 3):
            assert writer.take(str(i), "x")
    kept = Graph()
    kept += graphs[0]
    kept += graphs[3]
    assert isomorphic(Graph().parse(output, format="turtle"), kept)


def test_resume_refuses_json_ld_in_one_line(builder: Builder, tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", reports(2))
    result = CliRunner().invoke(
        app,
        ["build", str(corpus), "-o", str(tmp_path / "out.jsonld"), "--resume"],
        env={"COLUMNS": "250", "NO_COLOR": "1", "TERM": "dumb"},
    )
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if "error" in line]
    assert len(errors) == 1 and "--resume" in errors[0] and ".jsonld" in errors[0]
    assert not (tmp_path / "out.jsonld").exists()


def test_without_resume_a_build_starts_over(
    run: Callable[..., BuildSummary], tmp_path: Path
) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", reports(6))
    output = tmp_path / "out.nq"
    run([corpus], output)
    first = Dataset().parse(output, format="nquads")
    again = run([corpus], output)
    assert (again.built, again.resumed) == (6, 0)
    assert len(Dataset().parse(output, format="nquads")) == len(first)
    assert len(manifest_ids(output)) == 6
