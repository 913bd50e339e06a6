"""The ``kg-builder`` command line, run in-process with typer's CliRunner."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, Dataset, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS
from typer.testing import CliRunner, Result

from kg_builder.cli import app
from kg_builder.pipeline import Builder

CKG = Namespace("https://w3id.org/conflict-kg/ontology#")
REPO = Path(__file__).resolve().parents[1]

#: wide enough that rich never wraps a table cell or a help line
ENV = {"COLUMNS": "250", "NO_COLOR": "1", "TERM": "dumb"}


@pytest.fixture(scope="module")
def runner(builder: Builder) -> CliRunner:
    """A runner; ``builder`` has loaded (and cached) the language model already."""
    return CliRunner()


def invoke(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args], env=ENV)


def lines_naming(result: Result, text: str) -> list[str]:
    return [line for line in result.output.splitlines() if text in line]


# --- help ------------------------------------------------------------------------------


def test_help_lists_the_commands(runner: CliRunner) -> None:
    result = invoke(runner, "--help")
    assert result.exit_code == 0, result.output
    for command in ("build", "validate"):
        assert command in result.output


def test_no_arguments_shows_help(runner: CliRunner) -> None:
    result = invoke(runner)
    assert "build" in result.output and "validate" in result.output
    assert result.exit_code in (0, 2)


def test_build_help_lists_the_options(runner: CliRunner) -> None:
    result = invoke(runner, "build", "--help")
    assert result.exit_code == 0, result.output
    for option in (
        "--output",
        "-o",
        "--model",
        "--base-iri",
        "--max-file-mb",
        "--batch-size",
        "--progress",
        "--no-progress",
    ):
        assert option in result.output, option
    for suffix in (".ttl", ".trig", ".nt", ".nq", ".jsonld"):
        assert suffix in result.output


def test_validate_help_lists_the_options(runner: CliRunner) -> None:
    result = invoke(runner, "validate", "--help")
    assert result.exit_code == 0, result.output
    assert "--shapes" in result.output
    assert "graph" in result.output.lower()


def test_python_dash_m_runs_the_command_line() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "kg_builder", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"COLUMNS": "250", "NO_COLOR": "1", "PATH": ""},
        cwd=REPO,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "build" in completed.stdout and "validate" in completed.stdout


# --- build -----------------------------------------------------------------------------


def test_build_seeds_prints_the_summary(runner: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "out.ttl"
    result = invoke(runner, "build", REPO / "seeds", "-o", output)
    assert result.exit_code == 0, result.output
    for row in (
        "articles read",
        "articles built",
        "attacks",
        "armed groups",
        "organisations",
        "places",
        "linked to Wikidata",
    ):
        assert row in result.output, row
    assert str(output) in result.output
    (read_line,) = lines_naming(result, "articles read")
    assert read_line.split()[-2] == "1"
    assert "rejected.trig" not in result.output
    assert not [line for line in result.output.splitlines() if line.startswith("failed ")]

    graph = Graph().parse(output, format="turtle")
    assert len(list(graph.subjects(RDF.type, CKG.Report))) >= 1
    assert len(list(graph.subjects(RDF.type, CKG.Attack))) >= 1


def test_build_into_a_store_twice_leaves_it_unchanged(
    runner: CliRunner, fixtures_dir: Path, tmp_path: Path
) -> None:
    """``build --store``: each article becomes its named graph; building again replaces them."""
    import pyoxigraph

    store_dir = tmp_path / "kg-store"
    inputs = [REPO / "seeds", fixtures_dir / "articles"]
    first = invoke(runner, "build", *inputs, "-o", tmp_path / "a.ttl", "--store", store_dir)
    assert first.exit_code == 0, first.output
    store = pyoxigraph.Store.read_only(str(store_dir))
    quads = set(store)
    graphs = {g.value for g in store.named_graphs() if isinstance(g, pyoxigraph.NamedNode)}
    del store
    built = Graph().parse(tmp_path / "a.ttl")
    reports = {
        str(r)
        for r in built.subjects(RDF.type, CKG.Report)
        if (r, DCTERMS.identifier, None) in built
    }
    assert reports <= graphs
    again = invoke(runner, "build", *inputs, "-o", tmp_path / "b.ttl", "--store", store_dir)
    assert again.exit_code == 0, again.output
    store = pyoxigraph.Store.read_only(str(store_dir))
    assert set(store) == quads


def test_build_writes_trig_by_extension(
    runner: CliRunner, fixtures_dir: Path, tmp_path: Path
) -> None:
    output = tmp_path / "graphs" / "out.trig"  # the folder is created
    article = fixtures_dir / "articles" / "somalia-shabaab-bombing.txt"
    result = invoke(runner, "build", article, "--output", output, "--no-progress")
    assert result.exit_code == 0, result.output
    dataset = Dataset()
    dataset.parse(output, format="trig")
    names = {
        g.identifier
        for g in dataset.graphs()
        if len(g) and g.identifier != dataset.default_graph.identifier
    }
    assert names == {URIRef("https://w3id.org/conflict-kg/id/report/somalia-shabaab-bombing")}


def test_build_base_iri_option(runner: CliRunner, fixtures_dir: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.nt"
    base = "https://example.org/kg/"
    article = fixtures_dir / "articles" / "afghanistan-taliban-ambush.txt"
    result = invoke(runner, "build", article, "-o", output, "--base-iri", base)
    assert result.exit_code == 0, result.output
    graph = Graph().parse(output, format="nt")
    reports = set(graph.subjects(RDF.type, CKG.Report))
    assert URIRef(f"{base}report/afghanistan-taliban-ambush") in reports
    for subject in graph.subjects():
        assert str(subject).startswith(base), subject


def test_build_unknown_output_format_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "out.xyz"
    result = invoke(runner, "build", REPO / "seeds", "-o", output)
    assert result.exit_code == 2
    errors = lines_naming(result, "error")
    assert len(errors) == 1, result.output
    assert str(output) in errors[0]
    assert ".xyz" in errors[0]
    assert not output.exists()


def test_build_of_a_bad_batch_exits_1_and_lists_each_failure(
    runner: CliRunner, fixtures_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "a-rather-long-folder-name-so-that-lines-would-wrap-at-eighty-columns"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03binary")
    (folder / "latin1.txt").write_bytes("caf\xe9 bombing".encode("latin-1"))
    (folder / "feed.jsonl").write_text('{"id": "x", "text": \n{"text": "no id"}\n')
    good = fixtures_dir / "articles" / "yemen-houthi-drone.txt"
    (folder / good.name).write_bytes(good.read_bytes())
    missing = tmp_path / "missing.txt"

    output = tmp_path / "out.ttl"
    result = invoke(runner, "build", folder, missing, "-o", output)
    assert result.exit_code == 1, result.output
    failed = [line for line in result.output.splitlines() if line.startswith("failed ")]
    bad = ["empty.txt", "binary.txt", "latin1.txt", "feed.jsonl:1", "feed.jsonl:2", "missing.txt"]
    assert len(failed) == len(bad), result.output
    for name in bad:
        (line,) = [line for line in failed if f"{name}:" in line]
        where = str(missing) if name == "missing.txt" else str(folder / name)
        assert where in line
    # the good article is still built
    graph = Graph().parse(output, format="turtle")
    assert URIRef("https://w3id.org/conflict-kg/id/report/yemen-houthi-drone") in set(
        graph.subjects(RDF.type, CKG.Report)
    )


# --- validate --------------------------------------------------------------------------

INVALID_TURTLE = """\
@prefix ckg: <https://w3id.org/conflict-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

<https://example.org/kg/report/r1/attack-1> a ckg:Attack ;
    rdfs:label "Ambush in Kandahar"@en ;
    ckg:attackType ckg:Ambush ;
    ckg:trigger "ambushed" .
"""


def test_validate_a_built_graph_exits_0(
    runner: CliRunner, fixtures_dir: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out.ttl"
    built = invoke(runner, "build", REPO / "seeds", fixtures_dir / "articles", "-o", output)
    assert built.exit_code == 0, built.output
    result = invoke(runner, "validate", output)
    assert result.exit_code == 0, result.output
    (verdict,) = lines_naming(result, str(output))
    assert "conforms" in verdict and "does not" not in verdict
    assert "0 violations" in verdict


def test_validate_a_graph_with_a_violation_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    graph = tmp_path / "bad.ttl"
    graph.write_text(INVALID_TURTLE, encoding="utf-8")
    result = invoke(runner, "validate", graph)
    assert result.exit_code == 1, result.output
    (verdict,) = lines_naming(result, str(graph))
    assert "does not conform" in verdict
    violations = lines_naming(result, "Violation: attack-1")
    assert len(violations) >= 2, result.output  # no ckg:reportedIn, no ckg:evidence
    assert any("reportedIn" in line for line in violations)
    assert any("evidence" in line for line in violations)


def test_validate_a_missing_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.ttl"
    result = invoke(runner, "validate", missing)
    assert result.exit_code == 2
    (line,) = lines_naming(result, str(missing))
    assert "no such file" in line


def test_validate_unparsable_or_unknown_format_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    assert invoke(runner, "validate", broken).exit_code == 2
    unknown = tmp_path / "graph.xyz"
    unknown.write_text(INVALID_TURTLE, encoding="utf-8")
    result = invoke(runner, "validate", unknown)
    assert result.exit_code == 2
    assert len(lines_naming(result, str(unknown))) == 1
