"""The attack relevance model: ``ckg:confidence`` from how the text tells an attack."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from pathlib import Path

import pytest
from spacy.language import Language

from kg_builder.config import Settings
from kg_builder.extract.document import extract_document
from kg_builder.extract.relevance import load_model
from kg_builder.model import Article
from kg_builder.nlp.pipeline import cached_pipeline
from kg_builder.pipeline import Builder, build

PUBLISHED = dt.date(2019, 4, 20)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return cached_pipeline(None)


def confidences(nlp: Language, text: str) -> list[float]:
    article = Article(id="t", text=text, published=PUBLISHED)
    return [a.confidence for a in extract_document(article, nlp(text)).attacks]


def test_a_specific_report_is_likelier_than_a_habit_or_a_speech(nlp: Language) -> None:
    (specific,) = confidences(
        nlp, "Gunmen killed five policemen at a checkpoint in Kandahar on Thursday."
    )
    habitual = confidences(nlp, "We know that they have killed many people in our villages.")
    assert habitual, "the habitual sentence still gives an attack, with low confidence"
    assert specific > max(habitual)
    assert all(0.0 <= c <= 1.0 for c in [specific, *habitual])


def test_an_event_is_weighed_by_the_sentence_that_tells_it(nlp: Language) -> None:
    """A bare word in a quote ("survived shelling and air raids") joins the shelling told
    later with its toll and place; the event's confidence is that of the telling, as if
    the quote were not there: not that of the quote, which had put it below the default
    threshold."""
    quote = (
        '"People who survived shelling and air raids are now telling us that hunger is what '
        'frightens them most," a UNHCR spokesperson told reporters. '
    )
    telling = (
        "On Sunday, two children were killed when a mortar shell struck a residential "
        "neighbourhood in the besieged city of Taiz, local officials said."
    )
    (with_quote,) = confidences(nlp, quote + telling)
    (alone,) = confidences(nlp, telling)
    assert alone >= with_quote >= load_model().suggested_threshold


def test_an_old_date_lowers_confidence(nlp: Language) -> None:
    (recent,) = confidences(nlp, "Rebels attacked a police post in Kandahar on 18 April 2019.")
    (old,) = confidences(nlp, "Rebels attacked a police post in Kandahar on 18 April 2009.")
    assert old < recent


def test_a_bombing_is_coded_more_surely_than_a_clash_but_a_deadly_clash_stays(
    nlp: Language,
) -> None:
    (bombing,) = confidences(nlp, "Rebels bombed an army patrol near Kandahar on Thursday.")
    (clash,) = confidences(nlp, "Rebels clashed with an army patrol near Kandahar on Thursday.")
    assert clash < bombing
    # a battle the article tells with its toll is still an event a build keeps by default
    (deadly,) = confidences(
        nlp, "Heavy fighting between the army and ISIS killed 20 fighters near Raqqa on Monday."
    )
    assert deadly >= load_model().suggested_threshold


def test_the_shipped_model_is_complete_and_finite() -> None:
    model = load_model()
    assert model.weights, "the shipped model has weights"
    assert all(math.isfinite(w) for w in model.weights.values())
    assert 0.0 < model.suggested_threshold < 1.0
    # a bombing or an assassination is coded more surely than a clash of armed forces
    assert min(model.weights["type:Bombing"], model.weights["type:Assassination"]) > max(
        model.weights["type:ArmedClash"], model.weights["type:Ambush"]
    )
    # the features it weighs are the ones relevance.attack_features produces
    prefixes = {name.split(":")[0] for name in model.weights}
    assert prefixes <= {
        "mentions",
        "type",
        "perpetrator",
        "target",
        "fatalities",
        "injured",
        "place",
        "date",
        "age",
        "sentence",
        "reported_by_source",
        "tag",
        "perfect",
        "passive",
        "root",
        "dep",
        "definite",
        "indefinite",
        "first_person",
        "second_person",
        "quoted",
        "question",
        "condition",
        "figure",
        "several_triggers",
        "attributed",
        "retold_in_quote",
        "doc_attacks",
        "doc_first_person",
        "doc_quoted",
        "doc_casualties",
        "doc_recent_date",
        "doc_named_perpetrator",
    }


def test_min_confidence_keeps_only_confident_attacks(nlp: Language, fixtures_dir: Path) -> None:
    text = (
        "Gunmen killed five policemen at a checkpoint in Kandahar on Thursday. "
        "We know that they have killed many people in our villages."
    )
    article = Article(id="mixed", text=text, published=PUBLISHED)
    every = Builder(Settings(min_confidence=0.0))
    kept_all = every.finish(article, extract_document(article, nlp(text)))
    threshold = max(a.confidence for a in extract_document(article, nlp(text)).attacks)
    strict = Builder(dataclasses.replace(Settings(), min_confidence=threshold))
    kept_some = strict.finish(article, extract_document(article, nlp(text)))
    assert len(kept_some.result.attacks) == 1 < len(kept_all.result.attacks)
    assert kept_some.result.attacks[0].confidence >= threshold


def test_by_default_the_threshold_cross_validation_favours_applies(
    nlp: Language, tmp_path: Path
) -> None:
    """A build without --min-confidence leaves out what the relevance model doubts, counts
    it, and keeps it all with 0."""
    texts = {
        "report": "Gunmen killed five policemen at a checkpoint in Kandahar on Thursday.",
        "speech": "We know that they have killed many people in our villages.",
    }
    confidences = [
        a.confidence
        for key, text in texts.items()
        for a in extract_document(
            Article(id=key, text=text, published=PUBLISHED), nlp(text)
        ).attacks
    ]
    threshold = load_model().suggested_threshold
    assert min(confidences) < threshold <= max(confidences)
    source = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"id": key, "text": text, "published": PUBLISHED.isoformat()})
        for key, text in texts.items()
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    default = build([source], tmp_path / "default.ttl", Settings())
    assert default.min_confidence == threshold
    assert default.attacks + default.unconfident_attacks == len(confidences)
    assert default.unconfident_attacks == sum(c < threshold for c in confidences) > 0
    every = build([source], tmp_path / "every.ttl", Settings(min_confidence=0.0))
    assert (every.attacks, every.unconfident_attacks) == (len(confidences), 0)
