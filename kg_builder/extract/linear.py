"""What the extraction's learned parts share: logistic regressions over binary features,
shipped as JSON weights in ``extract/resources`` (trained by the scripts in ``scripts/``)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import Any


def logistic(bias: float, weights: dict[str, float], features: list[str]) -> float:
    """The probability a logistic regression gives a set of binary features."""
    z = bias + sum(weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-z))


def read_model(file: str) -> tuple[dict[str, float], float, dict[str, Any]]:
    """A shipped model's weights, bias and whole record."""
    text = resources.files("kg_builder.extract").joinpath(file).read_text("utf-8")
    data = json.loads(text)
    weights = {str(k): float(v) for k, v in data["weights"].items()}
    return weights, float(data["bias"]), data


def bucket(value: int, edges: tuple[int, ...]) -> str:
    """A count as a feature value: "<=1", "<=3", ">3"."""
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


@dataclass(frozen=True)
class ArgumentModel:
    """A learned chooser of an attack argument: a logistic regression over binary features
    of each candidate, and the two thresholds that decide with its score."""

    weights: dict[str, float]
    bias: float
    #: a sentence rule's candidate stays when its score reaches this
    keep_threshold: float
    #: an attack without one gets the best candidate scoring at least this
    add_threshold: float

    def probability(self, features: list[str]) -> float:
        return logistic(self.bias, self.weights, features)

    def scores(self, candidates: dict[str, list[str]]) -> dict[str, float]:
        """Each candidate's probability, by its key."""
        return {key: self.probability(features) for key, features in candidates.items()}


def read_argument_model(file: str) -> ArgumentModel:
    """A shipped argument model (``resources/…_model.json``)."""
    weights, bias, data = read_model(file)
    return ArgumentModel(
        weights=weights,
        bias=bias,
        keep_threshold=float(data["keep_threshold"]),
        add_threshold=float(data["add_threshold"]),
    )
