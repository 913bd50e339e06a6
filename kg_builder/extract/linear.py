"""What the extraction's learned parts share: logistic regressions over binary features,
shipped as JSON weights in ``extract/resources`` (trained by the scripts in ``scripts/``)."""

from __future__ import annotations

import json
import math
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
