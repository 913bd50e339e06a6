"""Counts and hedged casualty figures, each from a news sentence."""

from __future__ import annotations

import pytest

from kg_builder.extract.numbers import looks_like_year, parse_quantity, words_to_int
from kg_builder.model import Casualties


@pytest.mark.parametrize(
    ("text", "expected", "sentence"),
    [
        ("sixty", 60, "Sixty people were killed when gunmen opened fire on a market."),
        ("twenty-six", 26, "The blast killed twenty-six soldiers at the checkpoint."),
        ("TWENTY FIVE", 25, "TWENTY FIVE PEASANTS WERE KILLED BY THE URBAN GUERRILLAS."),
        ("a hundred", 100, "More than a hundred villagers fled the fighting."),
        ("one hundred and twenty", 120, "One hundred and twenty bodies were recovered."),
        ("1,200", 1200, "Some 1,200 families were displaced by the shelling."),
        ("26", 26, "The attack killed 26 loyalists, the group said."),
        ("a dozen", 12, "A dozen policemen were wounded in the ambush."),
        ("two dozen", 24, "Two dozen fighters surrendered to the army."),
        ("half a dozen", 6, "Half a dozen rockets hit the base overnight."),
        ("Six", 6, "Six ISIS fighters were killed in the clashes."),
        ("one", 1, "One soldier died of his wounds."),
        ("two thousand five hundred", 2500, "Two thousand five hundred troops were deployed."),
        ("1.5 million", 1_500_000, "The war has displaced 1.5 million people."),
        ("2019", 2019, "(a year is still a number; looks_like_year tells them apart)"),
    ],
)
def test_words_to_int(text: str, expected: int, sentence: str) -> None:
    assert words_to_int(text) == expected, sentence


@pytest.mark.parametrize(
    "text",
    ["first", "third", "a", "people", "", "twenty hundred", "hundred", "the army", "-"],
)
def test_words_to_int_rejects_non_counts(text: str) -> None:
    assert words_to_int(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019", True),
        ("1989", True),
        ("'89", True),
        ("1990s", True),
        ("60", False),
        ("1,989", False),
        ("twenty", False),
        ("12345", False),
    ],
)
def test_looks_like_year(text: str, expected: bool) -> None:
    # "The group was founded in 2019"; "ON 16 NOV 89"; "in the 1990s"; "60 people died"
    assert looks_like_year(text) is expected


C = Casualties


@pytest.mark.parametrize(
    ("phrase", "expected", "sentence"),
    [
        ("At least 60", C(60, 60, None), "At least 60 people were killed, officials said."),
        ("more than 30", C(31, 31, None), "More than 30 civilians died in the air strikes."),
        ("over 30", C(31, 31, None), "Over 30 soldiers were killed in the assault."),
        ("more than a dozen", C(13, 13, None), "More than a dozen police were hurt."),
        ("nearly 100", C(100, None, 100), "Nearly 100 people have been killed since Friday."),
        ("almost 100", C(100, None, 100), "Almost 100 fighters died in the battle."),
        ("up to 100", C(100, None, 100), "Up to 100 people may have died, medics said."),
        ("fewer than 10", C(9, None, 9), "Fewer than 10 militants took part in the raid."),
        ("some 20", C(20), "Some 20 people were wounded in the blast."),
        ("about 20", C(20), "About 20 soldiers were killed, a military source said."),
        ("around 20", C(20), "Around 20 gunmen stormed the village."),
        ("roughly 20", C(20), "Roughly 20 civilians were killed."),
        ("an estimated 20", C(20), "An estimated 20 people died in the attack."),
        ("between 10 and 15", C(10, 10, 15), "Between 10 and 15 soldiers died, AFP reported."),
        ("10 to 15", C(10, 10, 15), "The clashes killed 10 to 15 fighters."),
        ("10-15", C(10, 10, 15), "Witnesses said 10-15 people were shot."),
        ("two or three", C(2, 2, 3), "Two or three gunmen opened fire on worshippers."),
        ("dozens", C(24, 24, None), "Dozens of civilians were killed in air strikes on Idlib."),
        ("scores", C(40, 40, None), "Scores of people were wounded in the bombing."),
        ("hundreds", C(200, 200, None), "Hundreds of families fled the town."),
        ("tens of thousands", C(20000, 20000, None), "Tens of thousands have been displaced."),
        ("several hundred", C(300, 300, None), "Several hundred fighters joined the offensive."),
        ("at least two dozen", C(24, 24, None), "At least two dozen people were killed."),
        ("several", C(10), "Several people were killed when the bomb went off."),
        ("a number of", C(10), "A number of soldiers were wounded."),
        ("many", C(10), "Many of the victims were children."),
        ("a dozen", C(12), "A dozen policemen were wounded in the ambush."),
        ("another eight", C(8), "Another eight were wounded, the ministry said."),
        ("Six", C(6), "Six ISIS fighters were killed in the clashes."),
        ("one", C(1), "One soldier was killed and two were wounded."),
        ("two", C(2), "One soldier was killed and two were wounded."),
        ("no one", C(0), "No one was hurt in the explosion."),
        ("nobody", C(0), "Nobody claimed responsibility, and nobody was hurt."),
        ("AT LEAST 25 PEOPLE", C(25, 25, None), "AT LEAST 25 PEOPLE WERE KILLED IN THE ATTACK."),
        ("THE THREE SOLDIERS", C(3), "THE THREE SOLDIERS WERE KIDNAPPED ON THE ROAD."),
        (
            "at least 60 regime troops",
            C(60, 60, None),
            "ISIS said it killed at least 60 regime troops.",
        ),
    ],
)
def test_parse_quantity(phrase: str, expected: Casualties, sentence: str) -> None:
    assert parse_quantity(phrase) == expected, sentence


@pytest.mark.parametrize("phrase", ["some people", "the army", "", "killed", "at least", "-"])
def test_parse_quantity_without_a_figure(phrase: str) -> None:
    # "Some people fled"; "The army said"; hedges without a number give no figure
    assert parse_quantity(phrase) is None


@pytest.mark.parametrize(
    "phrase",
    [
        "At least 60",
        "more than 30",
        "nearly 100",
        "up to 100",
        "fewer than 1",
        "between 10 and 15",
        "15 to 10",
        "dozens",
        "hundreds of thousands",
        "several",
        "no one",
        "at least dozens",
        "up to hundreds",
        "more than several",
        "a few",
        "half a dozen",
    ],
)
def test_bounds_are_ordered(phrase: str) -> None:
    figure = parse_quantity(phrase)
    assert figure is not None and figure.best is not None
    assert figure.best >= 0
    if figure.minimum is not None:
        assert figure.minimum <= figure.best
    if figure.maximum is not None:
        assert figure.best <= figure.maximum
