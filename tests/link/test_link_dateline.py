"""An attack placed only by the dateline is placed in the dateline's country."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from kg_builder.extract.document import extract_document
from kg_builder.knowledge.kb import KnowledgeBase, load_default_kb
from kg_builder.link.match import link_document
from kg_builder.model import Article, DocumentResult
from kg_builder.nlp.pipeline import cached_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return cached_pipeline(None)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_default_kb()


def linked(nlp: Language, kb: KnowledgeBase, text: str) -> DocumentResult:
    article = Article(id="d", text=text, published=dt.date(1989, 12, 6))
    return link_document(extract_document(article, nlp(text)), kb)


def location_of(result: DocumentResult, index: int = 0) -> tuple[str, str | None]:
    key = result.attacks[index].location
    place = next(e for e in result.entities if e.key == key)
    return place.label, place.qid


def test_dateline_only_gives_the_country(nlp: Language, kb: KnowledgeBase) -> None:
    result = linked(
        nlp,
        kb,
        "BOGOTA, 6 DEC 89 (EFE) -- [TEXT] A POWERFUL BOMB EXPLODED TODAY OUTSIDE A "
        "GOVERNMENT BUILDING, KILLING AT LEAST 40 PEOPLE, POLICE SAID.",
    )
    colombia = kb.find_places("Colombia")[0]
    assert location_of(result) == (colombia.name, colombia.qid)
    assert result.attacks[0].location_from_dateline


def test_a_place_in_the_text_wins_over_the_dateline(nlp: Language, kb: KnowledgeBase) -> None:
    result = linked(
        nlp,
        kb,
        "BOGOTA, 6 DEC 89 (EFE) -- [TEXT] A POWERFUL BOMB EXPLODED TODAY IN MEDELLIN, "
        "KILLING AT LEAST 40 PEOPLE, POLICE SAID.",
    )
    label, qid = location_of(result)
    assert label.startswith("Medell")
    assert qid is not None
    assert not result.attacks[0].location_from_dateline


def town(kb: KnowledgeBase, name: str, country: str) -> tuple[str, str | None]:
    place = next(
        p for p in kb.find_places(name) if p.place_type == "locality" and p.country_iso2 == country
    )
    return place.name, place.qid


@pytest.mark.parametrize(
    ("text", "city", "country"),
    [
        (
            "KABUL (Reuters) - A suicide bomber killed 12 people near a ministry in the Afghan "
            "capital on Monday, officials said.",
            "Kabul",
            "AF",
        ),
        (
            "MOGADISHU (AP) - Al-Shabaab militants stormed a hotel in Somalia's capital late on "
            "Friday, killing at least 12 people, police said.",
            "Mogadishu",
            "SO",
        ),
        (
            "BAGHDAD (Reuters) - A car bomb exploded in a crowded market in the capital on "
            "Friday, killing 12 people, police said.",
            "Baghdad",
            "IQ",
        ),
    ],
)
def test_the_capital_a_telling_names_is_the_datelines_town(
    nlp: Language, kb: KnowledgeBase, text: str, city: str, country: str
) -> None:
    """Wire copy names the capital it is filed from without naming the city again."""
    assert location_of(linked(nlp, kb, text)) == town(kb, city, country)


def test_a_capital_of_another_country_than_the_datelines_is_that_country(
    nlp: Language, kb: KnowledgeBase
) -> None:
    somalia = kb.find_places("Somalia")[0]
    for text in (
        "NAIROBI (Reuters) - A suicide bomber killed 12 people at a checkpoint in the Somali "
        "capital on Monday, police said.",
        "NAIROBI (Reuters) - A car bomb killed 12 people at a checkpoint in Somalia's capital "
        "on Monday, police said.",
    ):
        assert location_of(linked(nlp, kb, text)) == (somalia.name, somalia.qid)
    # a provincial capital is no country's: the dateline gives the country only
    provincial = linked(
        nlp,
        kb,
        "KABUL (Reuters) - A suicide bomber killed 12 people in the provincial capital on "
        "Monday, officials said.",
    )
    afghanistan = kb.find_places("Afghanistan")[0]
    assert location_of(provincial) == (afghanistan.name, afghanistan.qid)
