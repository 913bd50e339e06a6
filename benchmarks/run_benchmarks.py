"""Build and score every dev set of the shared benchmark; measure build speed.

    python benchmarks/run_benchmarks.py [--eval ../shared/eval] [--out docs/benchmark.md]

For each set in ``<eval>/dev`` that ``score.py`` scores (WikiEvents, MUC-4, re3d) it builds
``docs.jsonl`` with the project's pipeline, scores the graph with the benchmark's own
``score.py --json`` and writes the table, with the date and the commit, into
``docs/benchmark.md`` (between the BEGIN/END markers, so hand-written text around it stays).
It also times the build against bare ``nlp.pipe`` of the same model on the same documents,
in the same run (three rounds, each pass in a fresh process: ``time_build.py``), and
reports the ratio of the median round.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg_builder.config import Settings
from kg_builder.ingest import read_inputs
from kg_builder.model import Article
from kg_builder.nlp.pipeline import resolve_model
from kg_builder.pipeline import Builder, build

ROOT = Path(__file__).resolve().parent.parent
SETS = ("wikievents", "muc4", "re3d")
BEGIN, END = "<!-- BEGIN GENERATED -->", "<!-- END GENERATED -->"


def commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
        return head + ("+dirty" if dirty else "")
    except OSError:
        return "unknown"


def score(eval_dir: Path, name: str, graph: Path) -> dict[str, object]:
    result = subprocess.run(
        [
            sys.executable,
            str(eval_dir / "score.py"),
            str(graph),
            "--set",
            str(eval_dir / "dev" / name),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    scores: dict[str, object] = json.loads(result.stdout)
    return scores


def _f1(block: object) -> str:
    if not isinstance(block, dict) or block.get("f1") is None:
        return "n/a"
    return f"{block['f1']:.2f}"


def _acc(block: object) -> str:
    if not isinstance(block, dict):
        return "n/a"
    value = block.get("accuracy")
    return "n/a" if value is None else f"{value:.2f}"


def rows_for(name: str, res: dict[str, object]) -> list[tuple[str, str, str]]:
    args = res.get("arguments_doc_head") or {}
    assert isinstance(args, dict)
    if res.get("attacks") is None:
        rows: list[tuple[str, str, str]] = []
    else:
        rows = [
            (name, "attack coverage F1 (merge ok)", _f1(res.get("attack_coverage"))),
            (name, "attack detection F1 (one to one)", _f1(res.get("attacks"))),
            (
                name,
                "perpetrator / target / place, doc-level F1",
                " / ".join(_f1(args.get(r)) for r in ("perpetrator", "target", "place")),
            ),
            (
                name,
                "date / fatalities accuracy",
                f"{_acc(res.get('date'))} / {_acc(res.get('fatalities'))}",
            ),
        ]
    entities = res.get("entities") or {}
    if isinstance(entities, dict) and entities:
        rows.append(
            (
                name,
                "Organisation / Location F1",
                f"{_f1(entities.get('Organisation'))} / {_f1(entities.get('Location'))}",
            )
        )
    return rows


#: rounds of the speed measurement: one pass is noisy on a shared machine (±1 s of 20)
SPEED_ROUNDS = 3


def _timed_pass(kind: str, docs: Path, out: Path) -> float:
    """Seconds of one pass (``time_build.py``), in a process of its own."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "time_build.py"), kind, str(docs), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(json.loads(result.stdout.strip().splitlines()[-1])["seconds"])


def speed(articles: list[Article], out: Path, rounds: int = SPEED_ROUNDS) -> list[dict[str, float]]:
    """Seconds of bare ``nlp.pipe`` of the plain spaCy model (``bare``) and of the whole
    build with one and with two worker processes (``one``, ``two``), on the same documents,
    one dict per round, sorted by the one-process ratio (bare / one): the middle one is
    the median round.

    Each round times the three passes one after the other, each in a fresh process (see
    ``time_build.py``), so a ratio compares passes run under the same load of the machine.
    """
    jsonl = out.with_suffix(".jsonl")
    with jsonl.open("w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps({"id": a.id, "text": a.text}) + "\n")
    measured = []
    for _ in range(rounds):
        seconds = {kind: _timed_pass(kind, jsonl, out) for kind in ("bare", "one", "two")}
        measured.append(seconds)
    return sorted(measured, key=lambda s: s["bare"] / s["one"])


def confidence_curve(
    eval_dir: Path, settings: Settings, tmp: Path
) -> list[tuple[float, str, float, float, float]]:
    """Precision/recall of attack coverage as --min-confidence rises (one build per step)."""
    rows = []
    for name in ("muc4", "wikievents"):
        docs = eval_dir / "dev" / name / "docs.jsonl"
        if not docs.exists():
            continue
        for threshold in (0.0, 0.3, 0.4, 0.5, 0.6):
            graph = tmp / f"{name}-{threshold}.trig"
            build([docs], graph, dataclasses.replace(settings, min_confidence=threshold), workers=2)
            cover = score(eval_dir, name, graph).get("attack_coverage") or {}
            assert isinstance(cover, dict)
            rows.append((threshold, name, cover["precision"], cover["recall"], cover["f1"]))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmark.md")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    builder = Builder(settings)
    table: list[tuple[str, str, str]] = []
    raw: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        articles = [
            a
            for a in read_inputs([args.eval / "dev" / "muc4" / "docs.jsonl"])
            if isinstance(a, Article)
        ]
        rounds = speed(articles, Path(tmp) / "speed.ttl")
        timing = rounds[len(rounds) // 2]
        raw["speed_rounds"] = rounds
        for name in SETS:
            docs = args.eval / "dev" / name / "docs.jsonl"
            if not docs.exists():
                print(f"skipping {name}: {docs} not found", file=sys.stderr)
                continue
            graph = Path(tmp) / f"{name}.trig"
            started = time.perf_counter()
            summary = build([docs], graph, settings, builder=builder)
            took = time.perf_counter() - started
            res = score(args.eval, name, graph)
            raw[name] = res
            table.extend(rows_for(name, res))
            print(
                f"{name}: {summary.built} built, {len(summary.failed)} failed, "
                f"{len(summary.rejected)} rejected in {took:.1f}s",
                file=sys.stderr,
            )
        curve = confidence_curve(args.eval, settings, Path(tmp))
    lines = [
        BEGIN,
        f"Measured {dt.date.today().isoformat()} at commit `{commit()}` with "
        f"`python benchmarks/run_benchmarks.py` (model `{resolve_model(settings.model)}`), "
        "scored by `../shared/eval/score.py` on the dev sets.",
        "",
        "| dev set | metric | value |",
        "|---|---|---|",
        *[f"| {s} | {m} | {v} |" for s, m, v in table],
        "",
        f"Throughput on the {len(articles)} MUC-4 dev documents, each pass in a fresh process "
        f"with the model and knowledge base loaded before the clock starts; the median of "
        f"{len(rounds)} rounds (bare, one process, two workers, one after the other): "
        f"bare `nlp.pipe` of the plain spaCy model {timing['bare']:.1f} s; the full build "
        f"(true-casing, the project's components, extraction, linking, RDF, SHACL per batch "
        f"of documents, writing) {timing['one']:.1f} s in one process, {timing['two']:.1f} s "
        f"with `--workers 2`. Build throughput / bare spaCy throughput: "
        f"**{timing['bare'] / timing['one']:.2f}** (one process; "
        f"{rounds[0]['bare'] / rounds[0]['one']:.2f}–"
        f"{rounds[-1]['bare'] / rounds[-1]['one']:.2f} over the rounds), "
        f"**{timing['bare'] / timing['two']:.2f}** (two); two workers vs one: "
        f"**{timing['one'] / timing['two']:.2f}×**.",
        "",
        "Attack coverage (merge ok) against `--min-confidence`, MUC-4 and WikiEvents dev:",
        "",
        "| min confidence | set | P | R | F1 |",
        "|---|---|---|---|---|",
        *[f"| {t:.1f} | {n} | {p:.2f} | {r:.2f} | {f:.2f} |" for t, n, p, r, f in curve],
        END,
    ]
    text = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    block = "\n".join(lines)
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END) :]
    else:
        text = (text.rstrip() + "\n\n" if text else "# Benchmark\n\n") + block + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    (args.out.parent / "benchmark-latest.json").write_text(
        json.dumps(raw, indent=1), encoding="utf-8"
    )
    print(block)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
