"""Name keys: exact tier, loose tier and designators."""

from __future__ import annotations

import pytest

from kg_builder.knowledge.kb import load_default_kb
from kg_builder.knowledge.names import (
    is_acronym,
    loose_key,
    may_carry_designator,
    normalise_name,
    ordinary_english,
    spells_acronym,
    strip_designator,
    words_key,
    words_may_carry_designator,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Deir Ezzor", "Deir ez-Zor"),
        ("Deir ez Zor", "Deir ez-Zor"),
        ("As Sukhnah", "al-Sukhna"),
        ("Ḩimş", "Hims"),
        ("Dar'a", "Dara"),
        ("Kurdistan Workers’ Party", "Kurdistan Workers Party"),
        ("The Islamic State", "Islamic State"),
        ("IS-GS", "ISGS"),
        ("Médecins Sans Frontières", "Medecins sans Frontieres"),
    ],
)
def test_exact_key_folds_spelling_variants(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


def test_leading_article_dropped_also_when_glued_with_hyphen() -> None:
    assert normalise_name("al-Sukhna") == "sukhna"
    assert normalise_name("Ad-Dawr") == "dawr"
    assert normalise_name("Ash Shaddadi") == normalise_name("Shaddadi")


def test_article_alone_and_inner_articles_are_kept() -> None:
    assert normalise_name("Al") == "al"
    assert normalise_name("Deir ez-Zor") == "deirezor"


def test_exact_key_keeps_different_names_apart() -> None:
    assert normalise_name("Al Mayadin") != normalise_name("Mayadeen")
    assert normalise_name("Homs") != normalise_name("Hama")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mayadeen", "Al Mayadin"),
        ("Deir Ezzour", "Dayr az Zawr"),
        ("Deir al-Zor", "Deir ez-Zor"),
        ("Idleb", "Idlib"),
    ],
)
def test_loose_key_meets_transliterations(a: str, b: str) -> None:
    assert loose_key(a) == loose_key(b)


def test_loose_key_keeps_clearly_different_names_apart() -> None:
    assert loose_key("Homs") != loose_key("Raqqa")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Homs province", ("Homs", "admin1")),
        ("Deir ez-Zor Governorate", ("Deir ez-Zor", "admin1")),
        ("Borno State", ("Borno", "admin1")),
        ("the city of Tripoli", ("Tripoli", "locality")),
        ("town of al-Qaryatayn", ("al-Qaryatayn", "locality")),
        ("Idlib countryside", ("Idlib", "admin1")),
        ("Homs district", ("Homs", None)),
        ("Aleppo", ("Aleppo", None)),
        ("province", ("province", None)),
    ],
)
def test_strip_designator(text: str, expected: tuple[str, str | None]) -> None:
    assert strip_designator(text) == expected


def test_is_acronym() -> None:
    assert is_acronym("ISIS")
    assert is_acronym("IS-GS")
    assert not is_acronym("Daesh")
    assert not is_acronym("Hezbollah")


@pytest.mark.parametrize(
    ("name", "ordinary"),
    [
        ("Labour", True),
        ("H'Uman", True),
        ("Humań", True),
        ("Mayadin", False),
        ("Deir ez-Zor", False),
        ("New York", False),
    ],
)
def test_ordinary_english_word(name: str, ordinary: bool) -> None:
    assert ordinary_english(name) is ordinary


def test_a_name_without_designator_words_is_never_stripped() -> None:
    """The quick test the true-caser relies on: every name of the shipped knowledge base's
    places that ``strip_designator`` shortens is one ``may_carry_designator`` flags."""
    names = [
        name
        for (name,) in load_default_kb()._db.execute(
            "SELECT name FROM places ORDER BY id LIMIT 20000"
        )
    ]
    names += ["Homs province", "the city of Tripoli", "Deir ez-Zor Governorate", "Aleppo"]
    stripped = [name for name in names if strip_designator(name) != (name, None)]
    assert len(stripped) > 100
    assert all(may_carry_designator(name) for name in stripped)
    assert not may_carry_designator("San Salvador")


@pytest.mark.parametrize(
    ("name", "acronym", "spelt"),
    [
        ("U.N. Interim Force in Lebanon", "UNIFIL", True),
        ("United Nations Assistance Mission in Afghanistan", "UNAMA", True),
        ("African Union Mission in Somalia", "AMISOM", True),
        ("Islamic State of Iraq and Syria", "ISIS", True),
        ("Democratic Forces in Raqqa", "SDF", False),  # the first word gives no letter
        ("United Nations team in Afghanistan", "UNAMA", False),
        ("Kurdistan Workers Party", "PKKK", False),
    ],
)
def test_an_acronym_spelt_by_a_names_words(name: str, acronym: str, spelt: bool) -> None:
    skippable = {"in", "of", "the", "and", "for"}
    assert spells_acronym(name.split(), acronym, skippable) is spelt


@pytest.mark.parametrize(
    "phrase",
    [
        "Deir ez-Zor Province",
        "The Al Mayadin",
        "Al",
        "The",
        "As Sukhnah",
        "Kurdistan Workers’ Party",
        "Ḩimş Al-Quṣayr",
        "Guatemala City",
        "San Salvador As",
        "Allah",
        "The City Of Homs",
        "Dar'a",
    ],
)
def test_a_phrase_key_from_its_words_is_the_phrase_key(phrase: str) -> None:
    # the true-caser builds keys word by word; any difference would change what it knows
    words = phrase.split(" ")
    assert words_key(words) == normalise_name(phrase)
    assert words_may_carry_designator(words) == may_carry_designator(phrase)
