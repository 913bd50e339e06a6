"""Derive a lexicon of armed-group names from the MUC-4 *training* answer keys.

    python scripts/derive_group_names.py [--train ../shared/eval/train/muc4/gold.jsonl]

Writes ``kg_builder/nlp/resources/group_names_train.tsv``: every perpetrator organisation
name of the training keys (DEV-MUC3-0001 … 1300; never the dev or test sets) that at least
two training incidents name, that is a proper name rather than a common phrase (at least
one word rarer than ordinary English, by wordfreq, or an acronym), title-cased the way news
writes it. The lexicon tells the entity layer these strings are armed groups; it holds no
Wikidata identifiers.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
from pathlib import Path

from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "kg_builder" / "nlp" / "resources" / "group_names_train.tsv"
COMMON = 4.0  # zipf frequency from which a word is ordinary English
SMALL_WORDS = {"of", "the", "and", "for", "de", "del", "la", "el", "y"}


def is_acronym(word: str) -> bool:
    """ "FMLN", "ELN", "MRTA": short, hardly a vowel, not an English word."""
    vowels = sum(c in "AEIOUaeiou" for c in word)
    return (
        word.isalpha()
        and 2 <= len(word) <= 5
        and vowels <= 1
        and zipf_frequency(word.lower(), "en") < 3.0
    )


def news_case(name: str) -> str:
    """``SHINING PATH`` → ``Shining Path``; acronyms stay: ``FMLN``."""
    words = []
    for i, word in enumerate(name.split()):
        if is_acronym(word):
            words.append(word)
        elif word.lower() in SMALL_WORDS and i > 0:
            words.append(word.lower())
        else:
            words.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(words)


def clean(name: str) -> str:
    """Drop bracketed glosses, quotes and a leading article: 'THE "EXTRADITABLES"'."""
    name = re.sub(r"\s*[\[(].*?[\])]\s*", " ", name)
    name = name.replace('"', " ").replace("'S ", "'S ").strip(" '")
    name = re.sub(r"^(THE|AN?)\s+", "", name)
    return re.sub(r"\s+", " ", name).strip()


def is_proper(name: str) -> bool:
    words = re.findall(r"[A-Za-z]+", name)
    if not words:
        return False
    return any(is_acronym(w) or zipf_frequency(w.lower(), "en") < COMMON for w in words)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--train", type=Path, default=ROOT.parent / "shared/eval/train/muc4/gold.jsonl"
    )
    args = parser.parse_args()
    counts: collections.Counter[str] = collections.Counter()
    for line in args.train.read_text(encoding="utf-8").splitlines():
        for attack in json.loads(line)["attacks"]:
            names = {clean(alt) for entry in attack["perpetrator"] for alt in entry}
            counts.update(n for n in names if n)
    kept = sorted(
        {news_case(n) for n, c in counts.items() if c >= 2 and is_proper(n) and len(n) > 1}
    )
    header = [
        "# Armed-group names from the MUC-4 training keys (DEV-MUC3-0001 … 1300), derived by",
        "# scripts/derive_group_names.py: perpetrator organisations named by at least two",
        "# training incidents, proper names only, in news casing. No Wikidata identifiers.",
        "name\tkind\tactor_type",
    ]
    OUT.write_text("\n".join([*header, *(f"{n}\tarmed\t" for n in kept)]) + "\n", encoding="utf-8")
    print(f"{len(kept)} names written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
