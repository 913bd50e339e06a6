"""Step 1 of building the link gold: list the place / group mentions of the conflict dev sets
with every QID the source tables (../shared/wikidata) give for the same name key.

    python benchmarks/link_gold/propose.py > /tmp/proposals.tsv

The candidates come straight from the source tables (all rows, flagged ones included, with
their flags), not from the project's knowledge base or linker; a person then decides each
mention's QID (or NIL) in ``decisions.tsv`` (see README.md).
"""

from __future__ import annotations

import collections
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from kg_builder.knowledge.names import normalise_name  # noqa: E402

SHARED = ROOT.parent / "shared"
SETS = ("muc4", "wikievents", "re3d")


def mentions() -> list[dict[str, str]]:
    """(set, doc, surface, kind) of each place / perpetrator argument and re3d entity."""
    out: list[dict[str, str]] = []
    for name in SETS:
        with (SHARED / "eval" / "dev" / name / "gold.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                for attack in doc["attacks"]:
                    for role, kind in (("place", "place"), ("perpetrator", "organisation")):
                        for alternatives in attack[role]:
                            out.append(
                                {
                                    "set": name,
                                    "doc": doc["id"],
                                    "mention": alternatives[0],
                                    "kind": kind,
                                }
                            )
                for entity in doc["entities"]:
                    kind = "place" if entity["type"] == "Location" else "organisation"
                    out.append(
                        {"set": name, "doc": doc["id"], "mention": entity["text"], "kind": kind}
                    )
    return out


def candidates() -> dict[str, list[str]]:
    """name key -> 'QID type cc name flags' of every source row with that name or alias."""
    table: dict[str, list[str]] = collections.defaultdict(list)

    def rows(file: str):  # type: ignore[no-untyped-def]
        with (SHARED / "wikidata" / file).open(encoding="utf-8", newline="") as fh:
            yield from csv.DictReader(fh, delimiter="\t")

    for row in rows("places.tsv"):
        if not row["qid"]:
            continue
        info = (
            f"{row['qid']}\t{row['place_type']}\t{row['country_iso2']}\t{row['name']}\t"
            f"{row['qid_flags'][:30]}"
        )
        for n in {row["name"], *row["alt_names"].split("|")}:
            if n:
                table[normalise_name(n)].append(info)
    for file, alias_col, kind_col in (
        ("armed_groups.tsv", "aliases", "type"),
        ("organisations.tsv", "aliases", "type"),
        ("actors_extra.tsv", "aliases", "kind"),
    ):
        for row in rows(file):
            if not row["qid"]:
                continue
            info = (
                f"{row['qid']}\t{row[kind_col]}\t{row['countries']}\t{row['name']}\t"
                f"{row['flags'][:30]}"
            )
            for n in {row["name"], *row[alias_col].split("|")}:
                if n:
                    table[normalise_name(n)].append(info)
    return table


def main() -> None:
    table = candidates()
    seen: collections.Counter[tuple[str, str, str]] = collections.Counter()
    for m in mentions():
        seen[(m["set"], m["mention"], m["kind"])] += 1
    for (name, mention, kind), count in sorted(seen.items()):
        found = table.get(normalise_name(mention), [])
        print(f"{name}\t{kind}\t{mention}\t{count}\t{' || '.join(sorted(set(found))[:4])}")


if __name__ == "__main__":
    main()
