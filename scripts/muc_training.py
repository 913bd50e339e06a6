"""What the training scripts share: MUC-4's training messages, the benchmark's string
matching, and a small deterministic logistic regression.

Only ``../shared/eval/train/muc4`` (DEV-MUC3-0001 … 1300) is read; never the dev or test
sets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from kg_builder.extract.document import Extraction, extract_with_features
from kg_builder.model import Article
from kg_builder.nlp.pipeline import cached_pipeline, parse

ROOT = Path(__file__).resolve().parent.parent
TRAIN = ROOT.parent / "shared/eval/train/muc4"
ARTICLES = {"the", "a", "an"}
L2 = 1.0
STEPS = 3000
RATE = 0.5
MIN_COUNT = 3  # a feature seen fewer times in training gets no weight
FOLDS = 5
#: the thresholds tried for an argument model's keep and add decisions
GRID = [round(t, 2) for t in np.arange(0.0, 0.91, 0.05)]
#: cross-validated F1 this close to the best is a tie within the noise of the folds, so that
#: a small change of the pipeline does not flip a flat optimum from one corner to another;
#: the lowest thresholds of the tie are taken
F1_TOLERANCE = 0.005

T = TypeVar("T")


def training_arguments(
    description: str, out: Path, argv: list[str] | None, news: Path | None = None
) -> argparse.Namespace:
    """``--train`` (the training set's folder), ``--out`` (the model file to write) and, where
    a script reads them too, ``--news`` (the project's own conflict-news articles)."""
    parser = argparse.ArgumentParser(description=description.split("\n")[0])
    parser.add_argument("--train", type=Path, default=TRAIN)
    parser.add_argument("--out", type=Path, default=out)
    if news is not None:
        parser.add_argument("--news", type=Path, default=news)
    return parser.parse_args(argv)


def normalise(text: str) -> str:
    """The benchmark's normalisation: NFKC, lower case, no possessive, no punctuation,
    no leading article."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub("['\u2019]s\\b", "", text)
    words = "".join(ch if ch.isalnum() else " " for ch in text).split()
    while words and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words)


def head_match(a: str, b: str) -> bool:
    """Same last word, or one contains the other as whole words (normalised strings)."""
    if not a or not b:
        return False
    return a.split()[-1] == b.split()[-1] or f" {a} " in f" {b} " or f" {b} " in f" {a} "


def matches(forms: list[str], entry: list[str]) -> bool:
    """Whether any form of a predicted value head-matches any string of a gold entry."""
    return any(head_match(normalise(f), normalise(g)) for f in forms for g in entry)


def matched_counts(predicted: list[list[str]], gold: list[list[str]]) -> tuple[int, int, int]:
    """(matched, predicted, gold) of one message: each predicted value (its names) matches at
    most one gold entry, as the benchmark counts."""
    free = list(range(len(gold)))
    matched = 0
    for forms in predicted:
        for n in free:
            if matches(forms, gold[n]):
                free.remove(n)
                matched += 1
                break
    return matched, len(predicted), len(gold)


def total(counts: Iterable[tuple[int, int, int]]) -> np.ndarray:
    """Summed (matched, predicted, gold) counts."""
    return np.array(list(counts), dtype=float).reshape(-1, 3).sum(axis=0)


def prf(totals: np.ndarray) -> tuple[float, float, float]:
    """Precision, recall and F1 of summed (matched, predicted, gold) counts."""
    matched, predicted, gold = totals
    p, r = matched / max(predicted, 1), matched / max(gold, 1)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cross_validated(x: np.ndarray, y: np.ndarray, message_of_row: np.ndarray) -> np.ndarray:
    """Each row's probability from the model fitted on the other folds of messages."""
    fold_of_row = message_of_row % FOLDS
    probability = np.zeros(len(y))
    for k in range(FOLDS):
        test = fold_of_row == k
        w, b = fit(x[~test], y[~test])
        probability[test] = 1.0 / (1.0 + np.exp(-(x[test] @ w + b)))
    return probability


def lowest_in_tie(scores: Mapping[T, float], order: Callable[[T], Any]) -> T:
    """Of the choices whose cross-validated F1 is within ``F1_TOLERANCE`` of the best, the
    lowest by ``order``."""
    top = max(scores.values())
    return min((choice for choice, f1 in scores.items() if f1 >= top - F1_TOLERANCE), key=order)


def best_thresholds(
    counts: Callable[[float, float], np.ndarray], rules: np.ndarray, what: str
) -> tuple[float, float]:
    """The (keep, add) pair of ``GRID`` whose summed (matched, predicted, gold) ``counts`` give
    the best micro F1; of the pairs within ``F1_TOLERANCE`` of it, the one of the lowest add
    and then keep threshold (the relevance threshold, by the one-standard-error rule, also
    takes the lowest of those tied): what the article supports is left to the user rather
    than lost. Prints it beside the sentence rules' own ``rules`` counts."""
    scores = {(keep, add): prf(counts(keep, add))[2] for keep in GRID for add in GRID}
    top = max(scores.values())
    best = lowest_in_tie(scores, order=lambda pair: (pair[1], pair[0]))
    best_f1 = scores[best]
    adding = max(GRID, key=lambda add: (scores[(0.0, add)], -add))
    adding_f1 = scores[(0.0, adding)]
    print("sentence rules alone: P {:.3f} R {:.3f} F1 {:.3f}".format(*prf(rules)))
    print(
        f"cross-validated keep {best[0]:.2f}, add {best[1]:.2f}: F1 {best_f1:.3f} (best {top:.3f})"
    )
    print(f"keeping every rule's {what}, best add {adding:.2f}: F1 {adding_f1:.3f}")
    return best


def training_set(
    train: Path, learned_perpetrators: bool = True, learned_places: bool = True
) -> Iterator[tuple[Article, Extraction, dict]]:
    """Each training message, its extraction by the project's pipeline, and its gold."""
    docs = [json.loads(x) for x in (train / "docs.jsonl").read_text("utf-8").splitlines()]
    gold = {
        g["id"]: g for g in map(json.loads, (train / "gold.jsonl").read_text("utf-8").splitlines())
    }
    articles = [
        Article(
            id=d["id"],
            text=d["text"],
            title=d.get("title"),
            published=dt.date.fromisoformat(d["published"]) if d.get("published") else None,
        )
        for d in docs
    ]
    nlp = cached_pipeline(None)
    for article, doc in zip(articles, parse(nlp, (a.text for a in articles)), strict=True):
        extraction = extract_with_features(article, doc, learned_perpetrators, learned_places)
        yield article, extraction, gold.get(article.id, {"attacks": []})


def design_matrix(rows: list[list[str]]) -> tuple[np.ndarray, list[str]]:
    """One column per feature seen at least ``MIN_COUNT`` times."""
    counts: dict[str, int] = {}
    for row in rows:
        for f in set(row):
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, c in counts.items() if c >= MIN_COUNT)
    column = {f: i for i, f in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for i, row in enumerate(rows):
        for f in row:
            if f in column:
                x[i, column[f]] = 1.0
    return x, names


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression, full-batch gradient descent from zero."""
    weights = np.zeros(x.shape[1])
    bias = 0.0
    n = len(y)
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
        grad_w = x.T @ (p - y) / n + L2 * weights / n
        grad_b = float(np.mean(p - y))
        weights -= RATE * grad_w
        bias -= RATE * grad_b
    return weights, bias


def commit() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()


def write_model(
    out: Path, about: str, names: list[str], weights: np.ndarray, bias: float, **settings: float
) -> None:
    """Write a model's JSON (weights rounded, keys sorted: reproducible diffs) and show its
    strongest features."""
    rounded = {f: round(float(w), 4) for f, w in zip(names, weights, strict=True)}
    model = {
        "about": f"{about} at commit {commit()}.",
        "bias": round(bias, 4),
        **settings,
        "weights": rounded,
    }
    out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", "utf-8")
    top = sorted(rounded.items(), key=lambda kv: kv[1])
    print("most negative:", top[:12])
    print("most positive:", top[-12:])
    print(f"wrote {out}")


def train_argument_model(
    out: Path,
    about: str,
    rows: list[list[str]],
    labels: list[int],
    thresholds: Callable[[np.ndarray, np.ndarray], tuple[float, float]],
) -> None:
    """Fit an argument model on all rows and write it with the (keep, add) thresholds that
    ``thresholds`` chooses by cross-validation on the same design matrix."""
    x, names = design_matrix(rows)
    y = np.array(labels, dtype=float)
    print(f"{len(rows)} rows, {int(y.sum())} positive, {len(names)} features")
    keep, add = thresholds(x, y)
    weights, bias = fit(x, y)
    write_model(out, about, names, weights, bias, add_threshold=add, keep_threshold=keep)
