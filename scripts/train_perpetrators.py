"""Train the model that chooses an article's attack authors (``extract/perpetrators.py``).

    python scripts/train_perpetrators.py [--train ../shared/eval/train/muc4] [--out FILE]

Reads MUC-4's *training* messages (DEV-MUC3-0001 … 1300; never the dev or test sets),
extracts each with the project's pipeline as the sentence rules leave it, and labels every
organisation and armed group the message names: an author when one of its names matches a
perpetrator organisation of the message's key by head word (the benchmark's matching),
otherwise not (every body named in a message without an incident is a negative). It fits
an L2-regularised logistic regression over the features of ``candidate_features`` (numpy,
full-batch gradient descent, deterministic), then picks the two thresholds of
``assign_perpetrators`` that give the best document-level perpetrator F1 in 5-fold
cross-validation over messages, and writes ``kg_builder/extract/resources/
perpetrator_model.json``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import numpy as np
from muc_training import (
    ROOT,
    design_matrix,
    fit,
    matches,
    training_arguments,
    training_set,
    write_model,
)

from kg_builder.extract.perpetrators import (
    PerpetratorModel,
    assign_perpetrators,
    in_passing,
)
from kg_builder.model import Attack

OUT = ROOT / "kg_builder" / "extract" / "resources" / "perpetrator_model.json"
FOLDS = 5
GRID = [round(t, 2) for t in np.arange(0.0, 0.91, 0.05)]


@dataclass
class Message:
    """What cross-validation needs of one training message."""

    keys: list[str]  # candidate entity keys, in the rows' order
    first_row: int
    forms: dict[str, list[str]]
    rule_perpetrators: list[list[str]]
    targets: list[list[str]]
    gold: list[list[str]]  # the key's perpetrator entries
    background: set[str]  # candidates named only in passing


def doc_counts(
    message: Message, scores: dict[str, float], keep: float, add: float
) -> tuple[int, int, int]:
    """(matched, predicted, gold) perpetrators of one message at these thresholds."""
    attacks = [
        Attack(key=str(n), attack_type="", trigger="", perpetrators=list(p), targets=list(t))
        for n, (p, t) in enumerate(zip(message.rule_perpetrators, message.targets, strict=True))
    ]
    model = PerpetratorModel({}, 0.0, keep, add)
    assign_perpetrators(attacks, scores, model, message.background)
    predicted = sorted({k for a in attacks for k in a.perpetrators})
    free = list(range(len(message.gold)))
    matched = 0
    for key in predicted:
        for n in free:
            if matches(message.forms.get(key, []), message.gold[n]):
                free.remove(n)
                matched += 1
                break
    return matched, len(predicted), len(message.gold)


def best_thresholds(messages: list[Message], x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The (keep, add) pair of the best micro F1 over cross-validated message scores."""
    probability = np.zeros(len(y))
    fold_of_row = np.zeros(len(y), dtype=int)
    for n, message in enumerate(messages):
        fold_of_row[message.first_row : message.first_row + len(message.keys)] = n % FOLDS
    for k in range(FOLDS):
        test = fold_of_row == k
        w, b = fit(x[~test], y[~test])
        probability[test] = 1.0 / (1.0 + np.exp(-(x[test] @ w + b)))
    scores = [
        {key: float(probability[m.first_row + i]) for i, key in enumerate(m.keys)} for m in messages
    ]
    best, best_f1 = (0.0, 1.0), -1.0
    adding, adding_f1 = 1.0, -1.0
    for keep in GRID:
        for add in GRID:
            totals = np.zeros(3)
            for message, message_scores in zip(messages, scores, strict=True):
                totals += doc_counts(message, message_scores, keep, add)
            matched, predicted, gold = totals
            p, r = matched / max(predicted, 1), matched / max(gold, 1)
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            if f1 > best_f1 + 1e-9:
                best, best_f1 = (keep, add), f1
            if keep == 0.0 and f1 > adding_f1:
                adding, adding_f1 = add, f1
    rules = np.zeros(3)
    for message in messages:
        rules += doc_counts(message, {}, 0.0, 2.0)
    p, r = rules[0] / max(rules[1], 1), rules[0] / max(rules[2], 1)
    print(f"sentence rules alone: P {p:.3f} R {r:.3f} F1 {2 * p * r / max(p + r, 1e-9):.3f}")
    print(f"cross-validated best keep {best[0]:.2f}, add {best[1]:.2f}: F1 {best_f1:.3f}")
    print(f"keeping every rule's perpetrator, best add {adding:.2f}: F1 {adding_f1:.3f}")
    return best


def main(argv: list[str] | None = None) -> int:
    args = training_arguments(__doc__, OUT, argv)
    rows: list[list[str]] = []
    labels: list[int] = []
    messages: list[Message] = []
    for _, extraction, gold in training_set(args.train, learned_perpetrators=False):
        result = extraction.result
        entries = [e for attack in gold.get("attacks", []) for e in attack["perpetrator"]]
        forms = {e.key: e.surface_forms() for e in result.entities}
        keys = sorted(extraction.perpetrator_features)
        messages.append(
            Message(
                keys=keys,
                first_row=len(rows),
                forms=forms,
                rule_perpetrators=extraction.rule_perpetrators,
                targets=[list(a.targets) for a in result.attacks],
                gold=[list(e) for e in {tuple(e): None for e in entries}],
                background={k for k, f in extraction.perpetrator_features.items() if in_passing(f)},
            )
        )
        for key in keys:
            rows.append(extraction.perpetrator_features[key])
            labels.append(int(any(matches(forms[key], entry) for entry in entries)))
    x, names = design_matrix(rows)
    y = np.array(labels, dtype=float)
    print(
        f"{len(messages)} messages, {len(rows)} candidate authors, {int(y.sum())} authors, "
        f"{len(names)} features"
    )
    keep, add = best_thresholds(messages, x, y)
    weights, bias = fit(x, y)
    write_model(
        args.out,
        "Attack author model of conflict-kg: logistic regression, binary features "
        "(kg_builder/extract/perpetrators.py). Trained by scripts/train_perpetrators.py on "
        f"the MUC-4 training messages ({len(messages)} messages, {len(rows)} candidates)",
        names,
        weights,
        bias,
        add_threshold=add,
        keep_threshold=keep,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
