"""Temporal expressions resolved against the publication date, each from a news sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from kg_builder.extract import dates
from kg_builder.extract.dates import (
    DateSpan,
    find_date_expressions,
    names_calendar_date,
    resolve_date,
)

D = dt.date
SATURDAY = D(2019, 4, 20)  # the Easter weekend of the Sri Lanka bombings
MUC_DAY = D(1989, 11, 16)  # "SAN SALVADOR, 16 NOV 89 (RADIO VENCEREMOS)"


def day(value: dt.date) -> DateSpan:
    return DateSpan(value, value)


@pytest.mark.parametrize(
    ("expression", "expected", "sentence"),
    [
        ("on Saturday", day(SATURDAY), "Gunmen attacked a checkpoint on Saturday, police said."),
        ("Thursday night", day(D(2019, 4, 18)), "The village was shelled Thursday night."),
        ("on Thursday evening", day(D(2019, 4, 18)), "Militants struck on Thursday evening."),
        ("Friday", day(D(2019, 4, 19)), "The army said Friday it had retaken the town."),
        ("last Saturday", day(D(2019, 4, 13)), "The convoy was ambushed last Saturday."),
        ("late on Thursday", day(D(2019, 4, 18)), "The blast happened late on Thursday."),
        ("3 p.m. on Friday", day(D(2019, 4, 19)), "The bomb went off at 3 p.m. on Friday."),
        (
            "the early hours of Saturday",
            day(SATURDAY),
            "Rockets hit in the early hours of Saturday.",
        ),
        ("today", day(SATURDAY), "The ministry said today that 12 soldiers died."),
        ("tonight", day(SATURDAY), "Curfew was imposed tonight."),
        ("this morning", day(SATURDAY), "A car bomb exploded this morning."),
        ("yesterday", day(D(2019, 4, 19)), "Two soldiers were killed yesterday."),
        ("yesterday morning", day(D(2019, 4, 19)), "The attack began yesterday morning."),
        ("last night", day(D(2019, 4, 19)), "Insurgents attacked the base last night."),
        (
            "the day before yesterday",
            day(D(2019, 4, 18)),
            "He was seized the day before yesterday.",
        ),
        ("overnight", DateSpan(D(2019, 4, 19), SATURDAY), "Air strikes continued overnight."),
        (
            "over the past 48 hours",
            DateSpan(D(2019, 4, 18), SATURDAY),
            "At least 60 people were killed over the past 48 hours.",
        ),
        (
            "in the past two days",
            DateSpan(D(2019, 4, 18), SATURDAY),
            "Dozens have died in the past two days.",
        ),
        (
            "the last 24 hours",
            DateSpan(D(2019, 4, 19), SATURDAY),
            "Twelve raids were reported in the last 24 hours.",
        ),
        (
            "two days of attacks",
            DateSpan(D(2019, 4, 18), SATURDAY),
            "The town fell after two days of attacks.",
        ),
        ("48 hours", DateSpan(D(2019, 4, 18), SATURDAY), "The siege lasted 48 hours."),
        ("three weeks ago", day(D(2019, 3, 30)), "The hostages were taken three weeks ago."),
        ("since Friday", DateSpan(D(2019, 4, 19), SATURDAY), "Fighting has raged since Friday."),
        ("last week", DateSpan(D(2019, 4, 8), D(2019, 4, 14)), "Clashes erupted last week."),
        ("this week", DateSpan(D(2019, 4, 15), SATURDAY), "A second attack this week."),
        ("over the weekend", day(SATURDAY), "Protests spread over the weekend."),
        (
            "last month",
            DateSpan(D(2019, 3, 1), D(2019, 3, 31)),
            "The group took the town last month.",
        ),
        ("earlier this month", DateSpan(D(2019, 4, 1), SATURDAY), "A raid earlier this month."),
        (
            "last year",
            DateSpan(D(2018, 1, 1), D(2018, 12, 31)),
            "The group was defeated last year.",
        ),
        ("in 2016", DateSpan(D(2016, 1, 1), D(2016, 12, 31)), "The city fell in 2016."),
        (
            "the 2016 offensive",
            DateSpan(D(2016, 1, 1), D(2016, 12, 31)),
            "After the 2016 offensive.",
        ),
        ("in April", DateSpan(D(2019, 4, 1), SATURDAY), "Attacks have doubled in April."),
        ("in May", DateSpan(D(2018, 5, 1), D(2018, 5, 31)), "The truce signed in May collapsed."),
        ("April 2019", DateSpan(D(2019, 4, 1), D(2019, 4, 30)), "In April 2019, ISIS claimed it."),
        ("on April 18", day(D(2019, 4, 18)), "The attack on April 18 killed nine."),
        ("18 April 2019", day(D(2019, 4, 18)), "Published 18 April 2019."),
        ("April 18, 2019", day(D(2019, 4, 18)), "On April 18, 2019, gunmen opened fire."),
        ("2019-04-18", day(D(2019, 4, 18)), "date: 2019-04-18"),
        ("Monday, April 15", day(D(2019, 4, 15)), "The raid on Monday, April 15 left 3 dead."),
        ("03/04/2019", day(D(2019, 4, 3)), "Dated 03/04/2019 (day first: the later reading)."),
        ("25 April 2019", day(D(2019, 4, 25)), "Elections are due on 25 April 2019."),
    ],
)
def test_resolve_against_publication(expression: str, expected: DateSpan, sentence: str) -> None:
    assert resolve_date(expression, SATURDAY) == expected, sentence


@pytest.mark.parametrize(
    ("expression", "expected", "sentence"),
    [
        ("16 NOV 89", day(MUC_DAY), "SAN SALVADOR, 16 NOV 89 (RADIO VENCEREMOS) -- ..."),
        ("NOV 16", day(MUC_DAY), "THE ATTACK TOOK PLACE ON NOV 16 IN USULUTAN."),
        ("TODAY", day(MUC_DAY), "THE FMLN ATTACKED THE GARRISON TODAY."),
        ("LAST NIGHT", day(D(1989, 11, 15)), "GUERRILLAS DYNAMITED A BRIDGE LAST NIGHT."),
        ("YESTERDAY", day(D(1989, 11, 15)), "TWO SOLDIERS DIED YESTERDAY."),
        ("ON 12 JANUARY", day(D(1989, 1, 12)), "THE MASSACRE ON 12 JANUARY WAS DENOUNCED."),
        ("12 JAN 90", day(D(1990, 1, 12)), "BOGOTA, 12 JAN 90 (EFE) -- ..."),
        ("THURSDAY NIGHT", day(MUC_DAY), "A BOMB EXPLODED THURSDAY NIGHT."),
    ],
)
def test_resolve_all_caps_wire_copy(expression: str, expected: DateSpan, sentence: str) -> None:
    # 16 November 1989 was a Thursday
    assert resolve_date(expression, MUC_DAY) == expected, sentence


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("16 NOV 89", day(MUC_DAY)),
        ("18 April 2019", day(D(2019, 4, 18))),
        ("April 18, 2019", day(D(2019, 4, 18))),
        ("2019-04-18", day(D(2019, 4, 18))),
        ("April 2019", DateSpan(D(2019, 4, 1), D(2019, 4, 30))),
        ("in 2016", DateSpan(D(2016, 1, 1), D(2016, 12, 31))),
        ("12 JAN 90", day(D(1990, 1, 12))),
    ],
)
def test_absolute_without_publication_date(expression: str, expected: DateSpan) -> None:
    assert resolve_date(expression, None) == expected


@pytest.mark.parametrize(
    "expression",
    [
        "today",
        "yesterday",
        "last night",
        "Friday",
        "the past 48 hours",
        "last week",
        "NOV 16",
        "ON 12 JANUARY",
        "in April",
        "April 18",
        "three weeks ago",
        "TODAY",
    ],
)
def test_relative_without_publication_date(expression: str) -> None:
    assert resolve_date(expression, None) is None


@pytest.mark.parametrize(
    "expression",
    [
        "",
        "garbage",
        "the army",
        "on",
        "tomorrow",
        "next week",
        "several days",
        "in recent days",
        "two days later",
        "31 February 2019",
        "the day",
        "???",
        "x" * 500,
        "0000-00-00",
    ],
)
def test_no_date(expression: str) -> None:
    assert resolve_date(expression, SATURDAY) is None


def test_datetime_publication_is_cut_to_its_day() -> None:
    published = dt.datetime(2019, 4, 20, 23, 59)
    assert resolve_date("yesterday", published) == day(D(2019, 4, 19))


def test_is_day() -> None:
    assert day(SATURDAY).is_day
    assert not DateSpan(D(2019, 4, 18), SATURDAY).is_day


RELATIVE = [
    "today", "tonight", "yesterday", "last night", "the day before yesterday", "overnight",
    "this week", "last week", "the weekend", "last weekend", "this month", "last month",
    "earlier this month", "this year", "last year", "the past 48 hours", "the last 24 hours",
    "two days of attacks", "a week ago", "the past month", "2 years ago", "in April", "in May",
    "April 25", "NOV 16", "on 12 January", "since Friday",
    *(f"{mod}{name}{part}" for mod in ("", "last ") for part in ("", " night")
      for name in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")),
]  # fmt: skip


@pytest.mark.parametrize("published", [D(2019, 4, 20 + i) for i in range(7)] + [MUC_DAY])
@pytest.mark.parametrize("expression", RELATIVE)
def test_relative_never_after_publication(expression: str, published: dt.date) -> None:
    span = resolve_date(expression, published)
    assert span is not None, expression
    assert span.start <= span.end <= published


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Militants stormed the base on Thursday night and fought for two days.",
            ["Thursday night", "two days"],
        ),
        (
            "SAN SALVADOR, 16 NOV 89 (RADIO VENCEREMOS) -- LAST NIGHT THE FMLN ATTACKED.",
            ["16 NOV 89", "LAST NIGHT"],
        ),
        ("THE MASSACRE ON 12 JANUARY AND YESTERDAY'S ATTACK", ["12 JANUARY", "YESTERDAY"]),
        (
            "At least 60 people were killed over the past 48 hours, the Observatory said.",
            ["the past 48 hours"],
        ),
        (
            "The group, active since 2016, killed 26 loyalists on April 18, 2019.",
            ["2016", "April 18, 2019"],
        ),
        ("The truce signed in May collapsed last week.", ["May", "last week"]),
        ("Police said 2016 people may have been displaced.", []),
        ("Troops arrived 48 hours after the ceasefire.", []),
        ("Two soldiers were killed yesterday morning in Kabul.", ["yesterday morning"]),
        ("The attack came three weeks ago, on 2019-03-30.", ["three weeks ago", "2019-03-30"]),
    ],
)
def test_find_date_expressions(sentence: str, expected: list[str]) -> None:
    found = find_date_expressions(sentence)
    assert [text for _, _, text in found] == expected
    for start, end, text in found:
        assert sentence[start:end] == text


@pytest.mark.parametrize(
    "sentence",
    [
        "At least 60 people were killed over the past 48 hours, the Observatory said.",
        "SAN SALVADOR, 16 NOV 89 (RADIO VENCEREMOS) -- LAST NIGHT THE FMLN ATTACKED.",
        "Militants stormed the base on Thursday night and fought for two days.",
    ],
)
def test_found_expressions_resolve(sentence: str) -> None:
    for _, _, text in find_date_expressions(sentence):
        assert resolve_date(text, MUC_DAY) is not None, text


@pytest.mark.parametrize(
    ("expression", "calendar"),
    [
        ("on Monday, 4 August", True),
        ("16 NOV 89", True),
        ("2019-04-18", True),
        ("last Friday", False),
        ("yesterday morning", False),
        ("three years ago", False),
    ],
)
def test_names_calendar_date(expression: str, calendar: bool) -> None:
    assert names_calendar_date(expression) is calendar


@pytest.mark.parametrize(
    "expression",
    [
        "16 november 1989",
        "16 november",
        "november 16, 1989",
        "the 2nd of may",
        "sept. 30",
        "november 1989",
        "saturday 11 november",
    ],
)
@pytest.mark.parametrize("published", [None, D(1989, 12, 1), D(2019, 1, 3)])
def test_month_named_date_needs_one_day_order(
    expression: str, published: dt.date | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A month's name and a lone day number leave dateparser one reading, so asking it in
    day-month order alone (half the calls) gives what both orders give."""
    assert dates._orders(expression) == ("DMY",)
    one_order = dates._absolute(expression, published)
    monkeypatch.setattr(dates, "_orders", lambda text: ("DMY", "MDY"))
    assert dates._absolute(expression, published) == one_order


@pytest.mark.parametrize("expression", ["5/6/2019", "5 6 november", "11-12 may 2019"])
def test_ambiguous_dates_keep_both_day_orders(expression: str) -> None:
    assert dates._orders(expression) == ("DMY", "MDY")
