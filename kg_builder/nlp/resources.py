"""Read the NLP stage's lexicon files (TSV and JSON Lines with ``#`` comment lines)."""

from __future__ import annotations

import csv
import json
from functools import cache
from importlib import resources
from typing import Any


def _lines(package: str, name: str) -> list[str]:
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def read_tsv(package: str, name: str) -> list[dict[str, str]]:
    """Rows of a TSV lexicon as dicts keyed by its header (comment lines skipped)."""
    return list(csv.DictReader(_lines(package, name), delimiter="\t"))


def read_jsonl(package: str, name: str) -> list[dict[str, Any]]:
    """Records of a JSON Lines resource; records holding only a ``comment`` are skipped."""
    records = [json.loads(line) for line in _lines(package, name)]
    return [r for r in records if set(r) != {"comment"}]


@cache
def nlp_tsv(name: str) -> tuple[dict[str, str], ...]:
    """A TSV lexicon of ``kg_builder.nlp.resources``."""
    return tuple(read_tsv("kg_builder.nlp", f"resources/{name}"))


@cache
def word_set(name: str, column: str = "word") -> frozenset[str]:
    """One column of a lexicon as a set."""
    return frozenset(row[column] for row in nlp_tsv(name))
