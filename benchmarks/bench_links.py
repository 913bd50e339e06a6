"""Measure Wikidata linking: precision and coverage, link rate, and linking's share of build time.

    python benchmarks/bench_links.py [--eval ../shared/eval] [--out docs/benchmark.md]

1. ``<eval>/dev/links`` (News-Fair + AIDA-CoNLL dev, see its README): every article is built
   with the project's pipeline; a gold mention counts as *given* a QID when an entity whose
   mention span overlaps it carries one. Precision = correct / given; coverage = correct / gold
   mentions whose QID the knowledge base holds (the source tables' ``in_kb`` flag, and the
   shipped ``kb.sqlite``). ``primary`` mentions, per kind and subset; organisations also
   without ``kb_via_gold`` (coverage) and without ``surface_is_place_name`` (precision).
2. ``benchmarks/link_gold/gold.jsonl`` (built from the MUC-4, WikiEvents and re3d dev sets and
   the project's own articles in ``seeds/`` and ``tests/fixtures/articles/``, see its README):
   matched by normalised surface among the entities of the article; ``nil`` mentions given any
   QID count as wrong; ``unsure`` ones are not scored.
3. On the MUC-4, WikiEvents and re3d dev documents: the share of recognised places and armed
   groups that got a QID.
4. Build time with linking on and off, same documents, same process, alternating and each the
   faster of two runs (and the time spent inside ``link_document`` itself).

Writes a "## Linking" section into ``docs/benchmark.md`` (outside the generated block of
``run_benchmarks.py``): its results up to an ``<!-- END LINKING RESULTS -->`` marker, so that
notes written after the marker stay.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import kg_builder.pipeline as pipeline
from kg_builder.config import Settings
from kg_builder.ingest import read_inputs
from kg_builder.knowledge.kb import load_default_kb
from kg_builder.knowledge.names import normalise_name
from kg_builder.model import Article, DocumentResult, Entity, EntityKind

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Linking"
#: ends the generated results of the section; hand-written notes after it are kept
RESULTS_END = "<!-- END LINKING RESULTS -->"
DEV_SETS = ("muc4", "wikievents", "re3d")
ACTORS = (EntityKind.ARMED_GROUP, EntityKind.ORGANISATION)


def articles_of(path: Path) -> list[Article]:
    return [a for a in read_inputs([path]) if isinstance(a, Article)]


def build_results(
    builder: pipeline.Builder, articles: list[Article]
) -> tuple[dict[str, DocumentResult], float]:
    """Each article's linked result, and the wall time of the whole build."""
    out: dict[str, DocumentResult] = {}
    started = time.perf_counter()
    for batch_start in range(0, len(articles), 32):
        batch = articles[batch_start : batch_start + 32]
        for outcome in builder.process(batch):
            if isinstance(outcome, pipeline.DocumentOutcome):
                out[outcome.article.id] = outcome.result
    return out, time.perf_counter() - started


def own_articles() -> list[Article]:
    """The project's own test articles, whose mentions are in the link gold (set "own")."""
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
        (ROOT / "tests" / "fixtures" / "articles").glob("*.txt")
    )
    return [a for a in read_inputs(paths) if isinstance(a, Article)]


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a"


# ------------------------------------------------------------------------ links dev set


def score_links_dev(
    results: dict[str, DocumentResult], gold: list[dict[str, object]], kb_qids: set[str]
) -> list[str]:
    rows = []
    groups: dict[tuple[str, str], list[tuple[dict[str, object], str | None]]] = (
        collections.defaultdict(list)
    )
    for g in gold:
        if not g.get("primary"):
            continue
        result = results.get(str(g["doc"]))
        found: str | None = None
        if result is not None:
            start, end = int(str(g["start"])), int(str(g["end"]))
            for entity in result.entities:
                if entity.qid and any(m.start < end and start < m.end for m in entity.mentions):
                    found = entity.qid
                    break
        subset = "News-Fair" if str(g["doc"]).startswith("news-fair") else "AIDA dev"
        for name in (subset, "all"):
            groups[(name, str(g["kind"]))].append((g, found))
    for (subset, kind), items in sorted(groups.items()):
        given = [(g, q) for g, q in items if q]
        correct = [(g, q) for g, q in given if q == g["qid"]]
        in_kb = [g for g, _ in items if g["in_kb"]]
        shipped = [g for g, _ in items if g["qid"] in kb_qids]
        line = (
            f"| links {subset} | {kind} | {ratio(len(correct), len(given))} | "
            f"{ratio(len(correct), len(in_kb))} | {ratio(len(correct), len(shipped))} | "
            f"{ratio(len(correct), len(items))} |"
        )
        rows.append(line)
        if kind == "organisation" and subset == "all":
            no_sport = [(g, q) for g, q in given if not g["surface_is_place_name"]]
            ok = [1 for g, q in no_sport if q == g["qid"]]
            kb_clean = [g for g in in_kb if not g["kb_via_gold"]]
            ok_clean = [1 for g, q in correct if not g["kb_via_gold"]]
            rows.append(
                f"| links all | organisation, without place-named (sports) mentions / "
                f"without kb_via_gold | {ratio(len(ok), len(no_sport))} | "
                f"{ratio(len(ok_clean), len(kb_clean))} | | |"
            )
    return rows


# ------------------------------------------------------------------------ own link gold


def _forms(entity: Entity) -> set[str]:
    forms = {*entity.surface_forms(), *(m.text for m in entity.mentions)}
    return {normalise_name(f) for f in forms if f}


def score_own_gold(
    results: dict[str, DocumentResult], gold: list[dict[str, object]], kb_qids: set[str]
) -> list[str]:
    rows = []
    by_kind: dict[tuple[str, str], list[tuple[dict[str, object], str | None]]] = (
        collections.defaultdict(list)
    )
    for g in gold:
        if g["status"] == "unsure":
            continue
        result = results.get(str(g["doc"]))
        key = normalise_name(str(g["mention"]))
        found: str | None = None
        if result is not None:
            wanted = (EntityKind.PLACE,) if g["kind"] == "place" else ACTORS
            for entity in result.entities:
                if entity.kind in wanted and entity.qid and key in _forms(entity):
                    found = entity.qid
                    break
        part = "own articles" if g["set"] == "own" else "dev sets"
        for name in (part, "all"):
            by_kind[(name, str(g["kind"]))].append((g, found))
    for (part, kind), items in sorted(by_kind.items()):
        linked = [(g, q) for g, q in items if q]
        correct = [1 for g, q in linked if q == g["qid"]]
        in_source = [g for g, _ in items if g["qid"]]
        in_kb = [g for g in in_source if g["qid"] in kb_qids]
        nil_linked = [1 for g, q in linked if g["status"] == "nil"]
        rows.append(
            f"| link gold {part} | {kind} | {ratio(len(correct), len(linked))} | "
            f"{ratio(len(correct), len(in_source))} | {ratio(len(correct), len(in_kb))} | "
            f"{ratio(len(correct), len(items))} (NIL given a QID: {len(nil_linked)}) |"
        )
    return rows


# ------------------------------------------------------------------------ link rate, time


def link_rate(results: Iterable[DocumentResult]) -> list[str]:
    counts: dict[EntityKind, list[int]] = collections.defaultdict(lambda: [0, 0])
    for result in results:
        for entity in result.entities:
            if entity.named:
                counts[entity.kind][0] += 1
                counts[entity.kind][1] += bool(entity.qid)
    return [
        f"| {kind.value} | {ratio(linked, total)} |"
        for kind, (total, linked) in sorted(counts.items(), key=lambda kv: kv[0].value)
    ]


def timed(
    fn: Callable[[DocumentResult, object], DocumentResult], bucket: list[float]
) -> Callable[[DocumentResult, object], DocumentResult]:
    def wrapper(result: DocumentResult, kb: object) -> DocumentResult:
        started = time.perf_counter()
        try:
            return fn(result, kb)
        finally:
            bucket.append(time.perf_counter() - started)

    return wrapper


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmark.md")
    args = parser.parse_args(argv)
    builder = pipeline.Builder(Settings.from_env())
    kb = load_default_kb()
    kb_qids = {
        str(q)
        for table in ("places", "actors")
        for (q,) in kb._db.execute(f"SELECT DISTINCT qid FROM {table} WHERE qid IS NOT NULL")
    }
    original = pipeline.link_document
    spent: list[float] = []
    pipeline.link_document = timed(original, spent)  # type: ignore[assignment,arg-type]

    links_dir = args.eval / "dev" / "links"
    links_results, _ = build_results(builder, articles_of(links_dir / "docs.jsonl"))
    links_gold = [json.loads(line) for line in (links_dir / "gold.jsonl").open(encoding="utf-8")]
    table = score_links_dev(links_results, links_gold, kb_qids)
    print("\n".join(table), file=sys.stderr)

    dev_articles: list[Article] = []
    for name in DEV_SETS:
        dev_articles.extend(articles_of(args.eval / "dev" / name / "docs.jsonl"))
    spent.clear()
    dev_results, on_time = build_results(builder, dev_articles)
    link_time = sum(spent)
    own_gold_path = ROOT / "benchmarks" / "link_gold" / "gold.jsonl"
    own_gold = [json.loads(line) for line in own_gold_path.open(encoding="utf-8")]
    own_results, _ = build_results(builder, own_articles())
    table += score_own_gold({**dev_results, **own_results}, own_gold, kb_qids)
    rates = link_rate(dev_results.values())

    # on, off, on, off: each side the faster of two runs, so that neither gains from the
    # machine's moods
    def without_linking() -> float:
        pipeline.link_document = lambda result, kb: result
        try:
            return build_results(builder, dev_articles)[1]
        finally:
            pipeline.link_document = original

    off_first = without_linking()
    _, on_again = build_results(builder, dev_articles)
    off_time = min(off_first, without_linking())

    on = min(on_time, on_again)
    lines = [
        SECTION,
        "",
        f"Measured {dt.date.today().isoformat()} with `python benchmarks/bench_links.py` "
        "(offline knowledge base only, no endpoint).",
        "",
        "Precision = mentions given the right QID / mentions given any QID (target ≥ 0.95); "
        "coverage = right / gold mentions whose entity the knowledge base holds (target ≥ 0.85), "
        "in two readings: *source* = the QID is in `../shared/wikidata/` (the `in_kb` flag of "
        "`links`), *shipped* = the QID is in the shipped `kb.sqlite` (source QIDs flagged "
        "`qid_also_on` with no second source are not shipped); recall = right / all gold "
        "mentions. `links` = `../shared/eval/dev/links` (News-Fair + AIDA-CoNLL dev, primary "
        "mentions, span matching); `link gold` = `benchmarks/link_gold/gold.jsonl` (MUC-4, "
        "WikiEvents, re3d dev mentions and the project's own articles in `seeds/` and "
        "`tests/fixtures/articles/`; surface matching within the article; NIL mentions count as "
        "wrong when linked).",
        "",
        "| set | kind | precision | coverage (source) | coverage (shipped) | recall (all) |",
        "|---|---|---|---|---|---|",
        *table,
        "",
        f"Share of recognised named entities that got a QID on the {len(dev_articles)} "
        "MUC-4 + WikiEvents + re3d dev documents:",
        "",
        "| kind | linked |",
        "|---|---|",
        *rates,
        "",
        f"Build time of those documents (whole pipeline): linking on {on:.1f} s, off "
        f"{off_time:.1f} s; difference {100 * (on - off_time) / on:.1f} % of the build. Time "
        f"inside `link_document`: {link_time:.2f} s = **{100 * link_time / on_time:.1f} %** of "
        "the build (target < 10 %).",
    ]
    block = "\n".join(lines) + "\n" + RESULTS_END + "\n"
    write_section(args.out, block)
    print(block)
    return 0


def write_section(out: Path, block: str) -> None:
    """Put the section's results into ``out``, keeping notes written after the marker."""
    text = out.read_text(encoding="utf-8") if out.exists() else "# Benchmark\n"
    if SECTION in text:
        start = text.index(SECTION)
        nxt = text.find("\n## ", start + len(SECTION))
        section_end = nxt if nxt != -1 else len(text)
        results_end = text.find(RESULTS_END, start, section_end)
        if results_end != -1:
            # hand-written notes after the results stay as they are
            stop = results_end + len(RESULTS_END)
            text = text[:start] + block.rstrip("\n") + text[stop:]
        else:
            begin = text.find("<!-- BEGIN GENERATED -->", start)
            stops = [i for i in (nxt, begin) if i != -1]
            stop = min(stops) if stops else len(text)
            rest = "\n" + text[stop:].lstrip("\n") if stop < len(text) else ""
            text = text[:start] + block + rest
    else:
        text = text.rstrip() + "\n\n" + block
    out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
