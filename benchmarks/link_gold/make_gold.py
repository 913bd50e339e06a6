"""Step 2 of building the link gold: resolve ``decisions.tsv`` against the source tables and
write ``gold.jsonl`` (one line per mention occurrence in the dev sets' gold files and in
``own_mentions.tsv``, the project's own test articles).

    python benchmarks/link_gold/make_gold.py

Every QID written is read from a row of ../shared/wikidata (never typed in): a decision names
the row (country, type, name), and the script fails if that names no row or several.
``status``: ``linked`` (the row's QID), ``nil`` (no QID row for the entity in the source data:
any QID a linker gives is wrong), ``unsure`` (the row's QID is flagged ``qid_also_on`` without a
second source; not scored).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
from propose import mentions  # noqa: E402

from kg_builder.knowledge.names import normalise_name  # noqa: E402

SHARED = ROOT.parent / "shared" / "wikidata"


def _rows(name: str) -> Iterator[dict[str, str]]:
    with (SHARED / name).open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t")


def own_mentions() -> list[dict[str, str]]:
    """The hand-listed mentions of the project's own articles (``own_mentions.tsv``, set "own")."""
    lines = [
        line
        for line in (HERE / "own_mentions.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    return [
        {"set": "own", "doc": row[0], "mention": row[2], "kind": row[1]}
        for row in csv.reader(lines[1:], delimiter="\t")
    ]


def resolve_place(cc: str, place_type: str, name: str, pick: str | None) -> tuple[str, str, bool]:
    key = normalise_name(name)
    found = []
    for row in _rows("places.tsv"):
        if row["country_iso2"] != cc or row["place_type"] != place_type or not row["qid"]:
            continue
        names = {normalise_name(n) for n in [row["name"], *row["alt_names"].split("|")] if n}
        if key in names:
            found.append(row)
    exact = [row for row in found if normalise_name(row["name"]) == key]
    found = exact or found
    if pick:
        found = [row for row in found if row["qid"] == pick]
    qids = {row["qid"] for row in found}
    if len(qids) != 1:
        raise SystemExit(f"place {cc}/{place_type}/{name}: {len(qids)} QIDs {sorted(qids)}")
    row = found[0]
    flagged = "qid_also_on" in row["qid_flags"] and not row["other_qids"]
    return row["qid"], row["name"], flagged


def resolve_actor(name: str) -> tuple[str, str]:
    qids: set[str] = set()
    for file in ("actors_extra.tsv", "armed_groups.tsv", "organisations.tsv"):
        for row in _rows(file):
            if row["name"] == name and row["qid"]:
                qids.add(row["qid"])
        if qids:
            break  # actors_extra (Wikidata labels) first
    if len(qids) != 1:
        raise SystemExit(f"actor {name}: {sorted(qids)}")
    return qids.pop(), name


def article_texts() -> dict[str, str]:
    """Each article's text by id: the dev sets' documents and the project's own articles."""
    texts = {}
    for name in ("muc4", "wikievents", "re3d"):
        path = ROOT.parent / "shared" / "eval" / "dev" / name / "docs.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)
                texts[doc["id"]] = doc["text"]
    for folder in (ROOT / "seeds", ROOT / "tests" / "fixtures" / "articles"):
        for path in folder.glob("*.txt"):
            texts[path.stem] = path.read_text(encoding="utf-8")
    return texts


def occurs(mention: str, text: str) -> bool:
    """Whether the article writes the mention (case and line breaks aside). A template fill
    such as MUC-4's "EL SALVADOR" for an attack in San Salvador is the annotator's inference,
    not a mention: no linker can link it."""
    flat = " ".join(text.lower().split())
    phrase = " ".join(mention.lower().split())
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", flat) is not None


def main() -> None:
    lines = [
        line
        for line in (HERE / "decisions.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    decisions = {(row[0], row[1], row[2]): row[3] for row in csv.reader(lines[1:], delimiter="\t")}
    resolved: dict[tuple[str, str, str], dict[str, object]] = {}
    errors = []
    for key, decision in decisions.items():
        try:
            if decision == "NIL":
                resolved[key] = {"qid": None, "status": "nil", "name": None}
            elif decision.startswith("P|"):
                parts = decision.split("|")
                qid, name, flagged = resolve_place(
                    parts[1], parts[2], parts[3], parts[4] if len(parts) > 4 else None
                )
                resolved[key] = {
                    "qid": qid,
                    "status": "unsure" if flagged else "linked",
                    "name": name,
                }
            elif decision.startswith("A|"):
                qid, name = resolve_actor(decision[2:])
                resolved[key] = {"qid": qid, "status": "linked", "name": name}
            else:
                raise SystemExit(f"bad decision {decision!r}")
        except SystemExit as exc:
            errors.append(str(exc))
    if errors:
        raise SystemExit("\n".join(errors))
    out = []
    texts = article_texts()
    absent = 0
    for m in [*mentions(), *own_mentions()]:
        key = (m["set"], m["kind"], m["mention"])
        if key not in resolved:
            continue
        if not occurs(m["mention"], texts[m["doc"]]):
            absent += 1  # a template's fill the article never writes ("EL SALVADOR")
            continue
        out.append({**m, **resolved[key]})
    print(f"left out {absent} gold fills that the article's text does not contain")
    with (HERE / "gold.jsonl").open("w", encoding="utf-8") as fh:
        for item in out:
            fh.write(json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n")
    by: dict[tuple[object, object], int] = {}
    for item in out:
        k = (item["kind"], item["status"])
        by[k] = by.get(k, 0) + 1
    print(f"{len(out)} mentions: {by}")


if __name__ == "__main__":
    main()
