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
cross-validation over messages (of the pairs within ``F1_TOLERANCE`` of the best, the
lowest), and writes ``kg_builder/extract/resources/perpetrator_model.json``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import numpy as np
from muc_training import (
    ROOT,
    best_thresholds,
    cross_validated,
    matched_counts,
    matches,
    total,
    train_argument_model,
    training_arguments,
    training_set,
)

from kg_builder.extract.perpetrators import (
    PerpetratorModel,
    assign_perpetrators,
    in_passing,
)
from kg_builder.model import Attack

OUT = ROOT / "kg_builder" / "extract" / "resources" / "perpetrator_model.json"


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
    return matched_counts([message.forms.get(k, []) for k in predicted], message.gold)


def thresholds(messages: list[Message], x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The (keep, add) pair of the best micro F1 over cross-validated message scores."""
    message_of_row = np.concatenate(
        [np.full(len(m.keys), n, dtype=int) for n, m in enumerate(messages)]
    )
    probability = cross_validated(x, y, message_of_row)
    scores = [
        {key: float(probability[m.first_row + i]) for i, key in enumerate(m.keys)} for m in messages
    ]

    def counts(keep: float, add: float) -> np.ndarray:
        pairs = zip(messages, scores, strict=True)
        return total(doc_counts(m, message_scores, keep, add) for m, message_scores in pairs)

    rules = total(doc_counts(m, {}, 0.0, 2.0) for m in messages)
    return best_thresholds(counts, rules, "perpetrator")


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
    train_argument_model(
        args.out,
        "Attack author model of conflict-kg: logistic regression, binary features "
        "(kg_builder/extract/perpetrators.py). Trained by scripts/train_perpetrators.py on "
        f"the MUC-4 training messages ({len(messages)} messages, {len(rows)} candidates)",
        rows,
        labels,
        lambda x, y: thresholds(messages, x, y),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
