"""The memoised attribute rules give every token what the model's attribute ruler gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from kg_builder.nlp.attributes import MemoisedAttributeRules, memoise_attribute_rules
from kg_builder.nlp.pipeline import cached_pipeline, resolve_model

ARTICLES = sorted((Path(__file__).parent.parent / "fixtures" / "articles").glob("*.txt"))
#: speech quoted in reports: the ruler's rules that span tokens ("there is", "gon na",
#: "let 's", "ai n't") and those that test a dependency ("saw you", "did it")
QUOTED_SPEECH = (
    "There is no safe place left, a resident said. There were clashes again at dawn. "
    "\"We're gonna rebuild, y'all will see,\" he told reporters. \"Let's go, it ain't over, "
    'nothin\' stops us." "They saw you and they did it anyway," she said. I gotta leave.'
)


def token_attributes(doc: Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, t.dep_, t.lemma_, t.norm_, str(t.morph)) for t in doc]


@pytest.fixture(scope="module")
def model() -> Language:
    """The plain spaCy model, with its own attribute ruler."""
    return spacy.load(resolve_model(None))


def parsed(model: Language, text: str) -> Doc:
    """The text through the model's components before its attribute ruler."""
    doc = model.make_doc(text)
    for name, component in model.pipeline:
        if name == "attribute_ruler":
            return doc
        doc = component(doc)
    raise AssertionError("the model has no attribute_ruler")


TEXTS_OF_REPORTS = [p.read_text(encoding="utf-8") for p in ARTICLES] + [QUOTED_SPEECH]


@pytest.mark.parametrize("text", TEXTS_OF_REPORTS)
def test_every_token_gets_the_rulers_attributes(model: Language, text: str) -> None:
    ruler = model.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    memoised = MemoisedAttributeRules(ruler)
    assert memoised.supported
    before = token_attributes(parsed(model, text))
    expected = token_attributes(ruler(parsed(model, text)))
    assert expected != before  # the rules have work to do here
    assert token_attributes(memoised(parsed(model, text))) == expected


def test_a_later_rule_wins_over_an_earlier_one(model: Language) -> None:
    """'is' after an expletive 'there' is a verb, not the auxiliary its tag makes it."""
    ruler = model.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    doc = MemoisedAttributeRules(ruler)(parsed(model, "There is no water in the camp."))
    assert (doc[0].dep_, doc[1].pos_) == ("expl", "VERB")
    doc = MemoisedAttributeRules(ruler)(parsed(model, "The camp is without water."))
    assert doc[2].pos_ == "AUX"


#: rule sets for a blank pipeline: (patterns, attrs, index) each
RULE_SETS = {
    "spanning, last token": [
        ([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, -1),
        ([[{"LOWER": "na"}]], {"LEMMA": "na"}, 0),
    ],
    "sets and regexes": [
        ([[{"LOWER": {"IN": ["fired", "shelled"]}}]], {"LEMMA": "attack"}, 0),
        ([[{"LOWER": {"REGEX": "^bomb"}}]], {"LEMMA": "bomb"}, 0),
        ([[{"LOWER": {"NOT_IN": ["the", "a"]}, "IS_SPACE": False}]], {"NORM": "word"}, 0),
        ([[{"LOWER": "shelled"}]], {"LEMMA": "shell"}, 0),
    ],
}
TEXTS = ("they fired and shelled , then bombed the gon", "we gon na go , bombs gon na fall")


@pytest.mark.parametrize("rules", RULE_SETS.values(), ids=list(RULE_SETS))
@pytest.mark.parametrize("text", TEXTS)
def test_rules_of_any_shape_match_as_the_ruler(rules: list, text: str) -> None:
    nlp = spacy.blank("en")
    ruler = AttributeRuler(nlp.vocab)
    for patterns, attrs, index in rules:
        ruler.add(patterns, attrs, index)
    expected = token_attributes(ruler(nlp.make_doc(text)))
    assert token_attributes(MemoisedAttributeRules(ruler)(nlp.make_doc(text))) == expected


def test_a_ruler_with_operators_is_left_in_place() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"LEMMA": "very"})
    assert not memoise_attribute_rules(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]

    plain = spacy.blank("en")
    plain_ruler = plain.add_pipe("attribute_ruler")
    assert isinstance(plain_ruler, AttributeRuler)
    plain_ruler.add([[{"LOWER": "very"}]], {"LEMMA": "very"})
    assert memoise_attribute_rules(plain)
    assert plain.pipe_names == ["ckg_attribute_rules"]
    assert plain("very very good")[1].lemma_ == "very"


def test_the_build_pipeline_runs_the_memoised_rules() -> None:
    names = cached_pipeline(None).pipe_names
    assert "ckg_attribute_rules" in names
    assert "attribute_ruler" not in names
    assert names.index("ckg_attribute_rules") < names.index("lemmatizer")


def test_a_full_memory_starts_afresh_with_the_same_annotations(
    model: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long run of articles fills the memo; cleared, it decides every token anew, alike."""
    from kg_builder.nlp import attributes

    monkeypatch.setattr(attributes, "MEMO_LIMIT", 5)
    ruler = model.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    memoised = MemoisedAttributeRules(ruler)
    for text in TEXTS_OF_REPORTS:
        expected = token_attributes(ruler(parsed(model, text)))
        assert token_attributes(memoised(parsed(model, text))) == expected
        assert len(memoised.memo) <= 5
        assert len(memoised.memo_by_telling) <= 5
