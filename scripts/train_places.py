"""Train the model that chooses where each attack happened (``extract/places.py``).

    python scripts/train_places.py [--train ../shared/eval/train/muc4] [--out FILE]

Reads MUC-4's *training* messages (DEV-MUC3-0001 … 1300; never the dev or test sets),
keeps those whose key reports an attack (the model says where, not whether), extracts each
with the project's pipeline with the sentence rules' places, and labels every place the
message names: a place of its attacks when one of its names matches a place of the
message's key by head word (the benchmark's matching), otherwise not. It fits
an L2-regularised logistic regression over the features of ``place_features`` (numpy,
full-batch gradient descent, deterministic), then picks the two thresholds of
``assign_places`` that give the best document-level place F1 in 5-fold cross-validation over
messages (of the pairs within ``F1_TOLERANCE`` of the best, the lowest), and
writes ``kg_builder/extract/resources/place_model.json``.
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

from kg_builder.extract.document import inherit_context
from kg_builder.extract.places import PlaceCandidates, PlaceModel, assign_places
from kg_builder.knowledge.kb import KnowledgeBase, load_default_kb
from kg_builder.model import Attack

OUT = ROOT / "kg_builder" / "extract" / "resources" / "place_model.json"


@dataclass
class Message:
    """What cross-validation needs of one training message."""

    keys: list[list[str]]  # each attack's attack-place pairs, in the rows' order
    candidates: PlaceCandidates
    first_row: int
    forms: dict[str, list[str]]
    rule_places: list[tuple[str | None, list[str]]]
    dateline: str | None
    #: the names of the dateline place's country (the link stage codes an attack placed by
    #: the dateline alone in its country)
    dateline_country: list[str]
    gold: list[list[str]]  # the key's place entries


def doc_counts(
    message: Message, scores: list[dict[str, float]], keep: float, add: float
) -> tuple[int, int, int]:
    """(matched, predicted, gold) places of one message at these thresholds."""
    attacks = [
        Attack(key=str(n), attack_type="", trigger="", location=location, places=list(places))
        for n, (location, places) in enumerate(message.rule_places)
    ]
    if scores:
        assign_places(attacks, scores, message.candidates, PlaceModel({}, 0.0, keep, add))
    inherit_context(attacks, message.dateline)
    predicted = sorted(
        {(a.location, a.location_from_dateline) for a in attacks if a.location is not None}
    )
    forms = [message.dateline_country if d else message.forms.get(k, []) for k, d in predicted]
    return matched_counts(forms, message.gold)


def thresholds(messages: list[Message], x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The (keep, add) pair of the best micro F1 over cross-validated message scores."""
    message_of_row = np.concatenate(
        [np.full(sum(len(k) for k in m.keys), n, dtype=int) for n, m in enumerate(messages)]
    )
    probability = cross_validated(x, y, message_of_row)
    scores = []
    for message in messages:
        row = message.first_row
        by_attack = []
        for keys in message.keys:
            by_attack.append({key: float(probability[row + i]) for i, key in enumerate(keys)})
            row += len(keys)
        scores.append(by_attack)

    def counts(keep: float, add: float) -> np.ndarray:
        pairs = zip(messages, scores, strict=True)
        return total(doc_counts(m, message_scores, keep, add) for m, message_scores in pairs)

    rules = total(doc_counts(m, [], 0.0, 2.0) for m in messages)
    return best_thresholds(counts, rules, "place")


def _country_names(place: str | None, forms: dict[str, list[str]], kb: KnowledgeBase) -> list[str]:
    """The names of the country of a place (its best reading in the knowledge base)."""
    for form in forms.get(place, []) if place else []:
        for found in kb.find_places(form, loose=False)[:1]:
            country = kb.country(found.country_iso2) if found.country_iso2 else None
            return [country.name] if country else []
    return []


def main(argv: list[str] | None = None) -> int:
    args = training_arguments(__doc__, OUT, argv)
    rows: list[list[str]] = []
    labels: list[int] = []
    messages: list[Message] = []
    kb = load_default_kb()
    for _, extraction, gold in training_set(args.train, learned_places=False):
        if not gold.get("attacks"):
            continue  # where an attack happened, not whether there was one (relevance.py)
        result = extraction.result
        entries = [e for attack in gold.get("attacks", []) for e in attack["place"]]
        forms = {e.key: e.surface_forms() for e in result.entities}
        candidates = extraction.place_candidates
        message = Message(
            keys=[sorted(by_key) for by_key in candidates.features],
            candidates=candidates,
            first_row=len(rows),
            forms=forms,
            rule_places=extraction.rule_places,
            dateline=extraction.dateline_place,
            dateline_country=_country_names(extraction.dateline_place, forms, kb),
            gold=[list(e) for e in {tuple(e): None for e in entries}],
        )
        for keys, by_key in zip(message.keys, candidates.features, strict=True):
            for key in keys:
                rows.append(by_key[key])
                labels.append(int(any(matches(forms[key], entry) for entry in entries)))
        messages.append(message)
    train_argument_model(
        args.out,
        "Attack place model of conflict-kg: logistic regression, binary features "
        "(kg_builder/extract/places.py). Trained by scripts/train_places.py on the MUC-4 "
        f"training messages ({len(messages)} messages, {len(rows)} attack-place pairs)",
        rows,
        labels,
        lambda x, y: thresholds(messages, x, y),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
