"""Dates in news text, resolved against the publication date.

Pure functions, no NLP library. The NLP layer usually hands over spaCy DATE and
TIME spans; :func:`find_date_expressions` is the regex fallback for callers
without them (and for all-caps wire copy, which statistical NER handles badly).

* :func:`resolve_date` turns one temporal expression ("Thursday night", "the
  past 48 hours", "16 NOV 89") into a :class:`DateSpan`.
* :func:`find_date_expressions` finds such expressions in a sentence.

News describes the past, so a relative expression never resolves to a day after
the publication date; the relative rules are data (``resources/relative_dates.tsv``,
read once). Absolute forms go through ``dateparser``.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import enum
import functools
import math
import re
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from kg_builder.extract.numbers import words_to_int

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

__all__ = ["DateSpan", "find_date_expressions", "names_calendar_date", "resolve_date"]


@dataclass(frozen=True)
class DateSpan:
    """A closed range of days; a single day has ``start == end``."""

    start: dt.date
    end: dt.date

    @property
    def is_day(self) -> bool:
        """Whether the span is one day.

        >>> DateSpan(dt.date(2019, 4, 18), dt.date(2019, 4, 18)).is_day
        True
        """
        return self.start == self.end

    @classmethod
    def day(cls, day: dt.date) -> DateSpan:
        """The span of one day."""
        return cls(day, day)


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class _Rule:
    rule: str
    offset: int


def _read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a TSV lexicon under ``resources/``; ``#`` lines are comments, then a header."""
    text = resources.files("kg_builder.extract").joinpath("resources").joinpath(name)
    lines = [
        line
        for line in text.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{key: (value or "").strip() for key, value in row.items() if key} for row in reader]


@functools.cache
def _lexicon() -> dict[str, dict[str, int]]:
    """expression -> {rule: offset}; one expression may have several rules ("last")."""
    table: dict[str, dict[str, int]] = {}
    for row in _read_tsv("relative_dates.tsv"):
        table.setdefault(row["expression"].lower(), {})[row["rule"]] = int(row["offset"])
    return table


def _with_rule(rule: str) -> dict[str, int]:
    return {expr: rules[rule] for expr, rules in _lexicon().items() if rule in rules}


@functools.cache
def _rule_words(rule: str) -> frozenset[str]:
    return frozenset(_with_rule(rule))


def _rule(expression: str, *rules: str) -> _Rule | None:
    entry = _lexicon().get(expression)
    if entry is None:
        return None
    for rule in rules:
        if rule in entry:
            return _Rule(rule, entry[rule])
    return None


def _alternation(words: frozenset[str] | list[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


@functools.cache
def _ignore_re() -> re.Pattern[str]:
    alt = _alternation(_rule_words("ignore"))
    return re.compile(rf"^(?:(?:{alt})\b[\s,]*)+|(?:[\s,]+(?:{alt}))+$")


@functools.cache
def _part_of_day_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    alt = _alternation(_rule_words("part_of_day"))
    before = re.compile(rf"^(?:the\s+)?(?:(?:early|late)\s+)?(?:{alt})\s+of\s+(.+)$")
    after = re.compile(rf"^(.+?)\s+(?:{alt})$")
    return before, after


_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_name[_number].lower()] = _number
    _MONTHS[calendar.month_abbr[_number].lower()] = _number
_MONTHS["sept"] = 9
_MONTH_ALT = _alternation(list(_MONTHS))


def is_month_name(word: str) -> bool:
    """A month's name or its abbreviation, in any case: "June", "Jan", "Sept.", "DEC"."""
    return word.lower().rstrip(".") in _MONTHS


_WEEKDAY_NAMES = [calendar.day_name[i].lower() for i in range(7)]

# --------------------------------------------------------------------------- helpers


class _Miss(enum.Enum):
    """Marks an expression a rule does not recognise (as opposed to recognising and
    declining to resolve, which is None)."""

    MISS = 0


_MISS = _Miss.MISS
_Result = DateSpan | None | _Miss


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _month_span(year: int, month: int) -> DateSpan:
    return DateSpan(
        dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    )


def _year_span(year: int) -> DateSpan:
    return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31))


def _cut(span: DateSpan, published: dt.date) -> DateSpan | None:
    """The part of ``span`` not after publication, or None if it all is."""
    if span.start > published:
        return None
    return DateSpan(span.start, min(span.end, published))


def _two_digit_year(value: int) -> int:
    """MUC-4 style: '89 is 1989, '05 is 2005."""
    return 1900 + value if value >= 50 else 2000 + value


# --------------------------------------------------------------------------- normalising

_TIME_RE = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\b\.?|p\.?m\b\.?)"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\b"
    r"|\b\d{4}\s*(?:gmt|utc|hrs|hours gmt)\b"
    r"|\b(?:local time|gmt|utc)\b"
)


def _normalise(expression: str) -> str:
    text = expression.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[–—]", "-", text)
    text = re.sub(r"(?<=[a-z])'s\b", "", text)  # "Saturday's attack"
    text = _TIME_RE.sub(" ", text)
    text = re.sub(r"\bmid-", "mid ", text)
    text = re.sub(r"[^\w\s/.,'-]", " ", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .,;:-")


def _strip_ignored(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _ignore_re().sub("", text).strip(" .,;:-")
    return text


# --------------------------------------------------------------------------- relative


def _weekday(words: list[str], published: dt.date | None) -> _Result:
    modifier = 0
    if len(words) == 2:
        rule = _rule(words[0], "weekday_mod")
        if words[0] == "next":
            return None if _rule(words[1], "weekday") else _MISS
        if rule is None:
            return _MISS
        modifier = rule.offset
        words = words[1:]
    if len(words) != 1:
        return _MISS
    weekday = _rule(words[0], "weekday")
    if weekday is None:
        return _MISS
    if published is None:
        return None
    back = (published.weekday() - weekday.offset) % 7
    if back == 0 and modifier < 0:
        back = 7
    return DateSpan.day(published - dt.timedelta(days=back))


def _duration(words: list[str], published: dt.date | None) -> _Result:
    """ "the past 48 hours", "two days of attacks", "48 hours", "three weeks ago"."""
    unit_at = next(
        (i for i, w in enumerate(words) if _rule(w, "hours", "days", "months") is not None),
        None,
    )
    if unit_at is None:
        return _MISS
    unit = _rule(words[unit_at], "hours", "days", "months")
    assert unit is not None
    before, after = words[:unit_at], words[unit_at + 1 :]
    ago = len(after) == 1 and _rule(after[0], "ago") is not None
    if after and not ago and after[0] != "of":
        return _MISS  # "two days later", "48 hours before the attack"
    if before and before[0] in ("next", "coming"):
        return None
    trailing = bool(before) and _rule(before[0], "trailing") is not None
    if trailing:
        before = before[1:]
    if not before:
        if not (trailing or ago):
            return _MISS  # a bare unit word ("day", "week") is no date
        count: int | None = 1
    elif before in (["a"], ["an"]):
        count = 1
    else:
        count = words_to_int(" ".join(before))
    if count is None or count > 10_000:
        return None  # "several days", "recent weeks": no figure
    if published is None:
        return None
    if ago:
        if unit.rule == "hours":
            return DateSpan.day(published - dt.timedelta(days=count * unit.offset // 24))
        if unit.rule == "days":
            return DateSpan.day(published - dt.timedelta(days=count * unit.offset))
        then = _add_months(published, -count * unit.offset)
        if unit.offset == 12:
            return _cut(_year_span(then.year), published)
        return _cut(_month_span(then.year, then.month), published)
    if unit.rule == "hours":
        start = published - dt.timedelta(days=math.ceil(count * unit.offset / 24))
    elif unit.rule == "days":
        start = published - dt.timedelta(days=count * unit.offset)
    else:
        start = _add_months(published, -count * unit.offset)
    return DateSpan(start, published)


def _lexical(expression: str, published: dt.date | None) -> _Result:
    entry = _rule(expression, "day", "span_days", "week", "weekend", "month", "year", "future")
    if entry is None:
        return _MISS
    if entry.rule == "future" or published is None:
        return None
    offset = entry.offset
    if entry.rule == "day":
        return DateSpan.day(published + dt.timedelta(days=min(offset, 0)))
    if entry.rule == "span_days":
        return DateSpan(published - dt.timedelta(days=offset), published)
    if entry.rule == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=offset)
        return _cut(DateSpan(monday, monday + dt.timedelta(days=6)), published)
    if entry.rule == "weekend":
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        saturday += dt.timedelta(weeks=offset)
        return _cut(DateSpan(saturday, saturday + dt.timedelta(days=1)), published)
    if entry.rule == "month":
        first = _add_months(published.replace(day=1), offset)
        return _cut(_month_span(first.year, first.month), published)
    return _cut(_year_span(published.year + offset), published)  # year


def _relative(text: str, published: dt.date | None) -> _Result:
    words = re.sub(r"[^\w\s']", " ", text).split()
    if not words:
        return _MISS
    for rule in (_lexical(" ".join(words), published), _weekday(words, published)):
        if rule is not _MISS:
            return rule
    return _duration(words, published)


# --------------------------------------------------------------------------- absolute

_YEAR_RE = re.compile(r"(?:the\s+)?(?:year\s+)?((?:19|20)\d\d)")
_DECADE_RE = re.compile(r"(?:the\s+)?((?:19|20)\d)0'?s")
_MONTH_ONLY_RE = re.compile(rf"({_MONTH_ALT})\.?(?:,?\s+(\d{{4}}|'\d{{2}}|\d{{2}}))?")
_DATE_WORDS = frozenset(
    [*_MONTHS, *_WEEKDAY_NAMES, "st", "nd", "rd", "th", "of", "the", "day", "and"]
)
_NUMERIC_DATE_RE = re.compile(r"\d{1,4}[-/.]\d{1,2}(?:[-/.]\d{2,4})?")


def _month_only(text: str, published: dt.date | None) -> _Result:
    match = _MONTH_ONLY_RE.fullmatch(text)
    if match is None:
        return _MISS
    month = _MONTHS[match.group(1)]
    year_text = match.group(2)
    if year_text:
        digits = year_text.lstrip("'")
        value = int(digits)
        if len(digits) == 2:
            if value <= 31 and not year_text.startswith("'"):
                return _MISS  # "NOV 16": a day, for dateparser
            value = _two_digit_year(value)
        return _month_span(value, month)
    if published is None:
        return None
    year = published.year if month <= published.month else published.year - 1
    return _cut(_month_span(year, month), published)


@functools.lru_cache(maxsize=256)
def _parser(order: str, base: dt.datetime) -> DateDataParser:
    from dateparser.date import DateDataParser  # imported late: it takes a while

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "past",
            "DATE_ORDER": order,
            "STRICT_PARSING": False,
            # only calendar dates reach dateparser (``_absolute``: a month's name or a date
            # in figures, and no word but a date's); its relative-time parser, tried first
            # by default, never reads one, and skipping it cuts dateparser's time by a third
            "PARSERS": ["absolute-time", "no-spaces-time"],
        },
    )


def _dateparser(text: str, order: str, base: dt.date) -> tuple[dt.date, str] | None:
    parser = _parser(order, dt.datetime(base.year, base.month, base.day))
    try:
        data = parser.get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


def preload() -> None:
    """Load dateparser's language and time-zone tables now; its first parse does otherwise."""
    _dateparser("1 January 2000", "DMY", dt.date(2000, 1, 1))


_SHORT_YEAR_RES = (
    re.compile(rf"(\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_ALT})\.?,?\s+)'?(\d{{2}})"),
    re.compile(rf"((?:{_MONTH_ALT})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,\s*)'?(\d{{2}})"),
    re.compile(r"(\d{1,2}[/.-]\d{1,2}[/.-])(\d{2})"),
)


def _widen_year(text: str) -> str:
    """Write a two-digit year out in full ("16 NOV 89" -> "16 NOV 1989"), MUC-4 style."""
    for pattern in _SHORT_YEAR_RES:
        match = pattern.fullmatch(text)
        if match is not None:
            return f"{match.group(1)}{_two_digit_year(int(match.group(2)))}"
    return text


def _orders(text: str) -> tuple[str, ...]:
    """The day-month orders worth asking dateparser about: both, unless a month's name and
    at most one number of one or two digits leave the day no other reading ("16 November
    1989", "Nov. 16"), which halves dateparser's calls, the slowest step of extraction."""
    if _NUMERIC_DATE_RE.search(text) or not re.search(rf"\b(?:{_MONTH_ALT})\b", text):
        return ("DMY", "MDY")
    if sum(len(number) <= 2 for number in re.findall(r"\d+", text)) <= 1:
        return ("DMY",)
    return ("DMY", "MDY")


def _absolute(text: str, published: dt.date | None) -> _Result:
    text = _widen_year(text)
    if not (re.search(rf"\b(?:{_MONTH_ALT})\b", text) or _NUMERIC_DATE_RE.search(text)):
        return _MISS
    words = re.findall(r"[a-z]+", text)
    if any(word not in _DATE_WORDS for word in words):
        return _MISS
    has_four_digit_year = re.search(r"\b\d{4}\b", text) is not None
    base = published or dt.date(2000, 6, 15)
    shifted = dt.date(base.year - 7, base.month, min(base.day, 28))
    candidates: list[tuple[DateSpan, bool]] = []
    for order in _orders(text):
        parsed = _dateparser(text, order, base)
        if parsed is None:
            continue
        day, period = parsed
        # the year is the text's own when another anchor gives the same one; a year written
        # in four digits is, without asking dateparser again
        explicit = has_four_digit_year or (
            (other := _dateparser(text, order, shifted)) is not None and other[0].year == day.year
        )
        if explicit and not has_four_digit_year and day.year >= 2050:
            day = day.replace(year=day.year - 100)  # "16 NOV 55" is 1955
        if period == "year":
            span = _year_span(day.year)
        elif period == "month":
            span = _month_span(day.year, day.month)
        else:
            span = DateSpan.day(day)
        candidates.append((span, explicit))
    if not candidates:
        return None
    if published is None:
        explicit_spans = [span for span, explicit in candidates if explicit]
        return explicit_spans[0] if explicit_spans else None
    past = [(span, explicit) for span, explicit in candidates if span.start <= published]
    if past:
        span, explicit = max(past, key=lambda item: item[0].start)
        return span if explicit else _cut(span, published)
    future = [span for span, explicit in candidates if explicit]
    return min(future, key=lambda span: span.start) if future else None


def _year(text: str) -> _Result:
    match = _YEAR_RE.fullmatch(text)
    if match is not None:
        return _year_span(int(match.group(1)))
    match = _DECADE_RE.fullmatch(text)
    if match is not None:
        start = int(match.group(1)) * 10
        return DateSpan(dt.date(start, 1, 1), dt.date(start + 9, 12, 31))
    return _MISS


def _lone_year(text: str) -> _Result:
    """A single year among other words: "the 2016 offensive"."""
    numbers = re.findall(r"\d+", text)
    if len(numbers) != 1 or re.search(rf"\b(?:{_MONTH_ALT})\b", text):
        return _MISS
    match = re.search(r"\b((?:19|20)\d\d)\b", text)
    if match is None:
        return _MISS
    return _year_span(int(match.group(1)))


# --------------------------------------------------------------------------- public


def _resolve(text: str, published: dt.date | None, depth: int = 0) -> DateSpan | None:
    if not text or depth > 4:
        return None
    if text.startswith("since "):
        inner = _resolve(_strip_ignored(text[6:]), published, depth + 1)
        if inner is None or published is None or inner.start > published:
            return None
        return DateSpan(inner.start, published)
    before, after = _part_of_day_re()
    match = before.match(text)
    if match is not None:  # "the early hours of Saturday"
        return _resolve(_strip_ignored(match.group(1)), published, depth + 1)
    stripped = _strip_ignored(text)
    if stripped != text:
        return _resolve(stripped, published, depth + 1)
    for attempt in (_relative(text, published), _year(text), _month_only(text, published)):
        if attempt is not _MISS:
            return attempt
    match = after.match(text)
    if match is not None:  # "Thursday night", "yesterday morning"
        return _resolve(_strip_ignored(match.group(1)), published, depth + 1)
    for attempt in (_absolute(text, published), _lone_year(text)):
        if attempt is not _MISS:
            return attempt
    return None


@functools.lru_cache(maxsize=32768)
def _resolve_cached(text: str, published: dt.date | None) -> DateSpan | None:
    """``_resolve`` remembered: an article resolves its dateline and its "today" many times,
    and dateparser is the slowest step of extraction."""
    return _resolve(text, published)


def resolve_date(expression: str, published: dt.date | None) -> DateSpan | None:
    """The days a temporal expression refers to, or None; never raises.

    Relative expressions resolve against the publication date and never land after
    it (news describes the past); without a publication date they give None.
    Absolute ones ("18 April 2019", "16 NOV 89") resolve on their own.

    From "Gunmen attacked a church on Thursday night, police said", published
    Saturday 20 April 2019:

    >>> resolve_date("on Thursday night", dt.date(2019, 4, 20))
    DateSpan(start=datetime.date(2019, 4, 18), end=datetime.date(2019, 4, 18))

    From "At least 60 people were killed over the past 48 hours":

    >>> resolve_date("over the past 48 hours", dt.date(2019, 4, 20))
    DateSpan(start=datetime.date(2019, 4, 18), end=datetime.date(2019, 4, 20))

    From "SAN SALVADOR, 16 NOV 89 (RADIO VENCEREMOS) -- ...":

    >>> resolve_date("16 NOV 89", None)
    DateSpan(start=datetime.date(1989, 11, 16), end=datetime.date(1989, 11, 16))
    """
    try:
        if isinstance(published, dt.datetime):
            published = published.date()
        if not isinstance(expression, str) or len(expression) > 200:
            return None
        return _resolve_cached(_normalise(expression), published)
    except (ValueError, OverflowError):  # impossible dates ("31 February"), year 0
        return None


def names_calendar_date(expression: str) -> bool:
    """Whether an expression names its date outright, by month or figures, rather than
    relative to the report: a reporter's "16 November" outlives the editor's "yesterday".

    >>> names_calendar_date("on Monday, 4 August"), names_calendar_date("last Friday")
    (True, False)
    """
    text = _normalise(expression)
    return bool(re.search(rf"\b(?:{_MONTH_ALT})\b", text) or _NUMERIC_DATE_RE.search(text))


# --------------------------------------------------------------------------- finding


@functools.cache
def _finder() -> list[re.Pattern[str]]:
    month = rf"(?:{_MONTH_ALT})\.?"
    weekday = _alternation(_rule_words("weekday"))
    part = _alternation(_rule_words("part_of_day"))
    units = _alternation(_rule_words("hours") | _rule_words("days") | _rule_words("months"))
    number_words = (
        r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
        r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty"
        r"|sixty|seventy|eighty|ninety|hundred)"
    )
    count = rf"(?:\d+|{number_words}(?:[\s-]+{number_words})*)"
    lexical = _alternation(
        frozenset(
            expr
            for rule in ("day", "span_days", "week", "weekend", "month", "year")
            for expr in _with_rule(rule)
            if expr != "weekend"
        )
    )
    ordinal = r"(?:st|nd|rd|th)?"
    two_digit_year = r"'?\d{2}(?=\s*(?:[()\[\],.;:-]|$))"
    year = r"(?:19|20)\d{2}"
    patterns = [
        # 2019-04-18, 18/04/2019
        r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})",
        # 18 April 2019, 16 NOV 89, 12th of January
        rf"\d{{1,2}}{ordinal}(?:\s+of)?\s+{month}(?:,?\s+(?:{year}|{two_digit_year}))?",
        # April 18, 2019; NOV 16
        rf"{month}\s+\d{{1,2}}{ordinal}(?:,?\s+{year})?(?!\d)",
        # April 2019
        rf"{month},?\s+{year}",
        # (in) April, mid-April
        rf"(?:in|since|during|until|early|late|mid|of|last|this|by)[\s-](?P<d>{month})(?!\s+\d)",
        # the 1990s
        r"(?:the\s+)?(?:19|20)\d0s",
        # in 2016
        rf"(?:in|since|during|until|early|late|of|by|from|through)\s(?P<d>{year})(?!\s*\d)",
        # today, last night, the day before yesterday, earlier this month, over the weekend
        rf"(?:the\s+)?(?:{lexical})(?:\s+(?:{part}))?",
        r"(?:the\s+|this\s+|last\s+|past\s+)weekend",
        # last Friday, Thursday night
        rf"(?:(?:last|this|past)\s+)?(?:{weekday})(?:\s+(?:{part}))?",
        # the past 48 hours, the last two days
        rf"(?:the\s+)?(?:past|last|previous|preceding)\s+(?:{count}\s+)?(?:{units})",
        # two days (of attacks), 48 hours, three weeks ago
        rf"{count}\s+(?:{units})(?:\s+ago)?(?![\w-]|\s+(?:later|after|earlier|before|from))",
        # the early hours of Saturday
        rf"(?:the\s+)?(?:early\s+|small\s+)?hours\s+of\s+(?:{weekday})",
    ]
    return [re.compile(rf"\b(?:{p})\b", re.IGNORECASE) for p in patterns]


def _span(match: re.Match[str]) -> tuple[int, int]:
    """The reported part of a match: group ``d`` where the pattern has context around it."""
    if "d" in match.re.groupindex and match.group("d") is not None:
        return match.span("d")
    return match.span()


@functools.lru_cache(maxsize=4096)
def find_date_expressions(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """Temporal expressions in a sentence, as (start, end, text), left to right.

    A regex fallback for text without NER DATE spans (and for all-caps wire copy); cached,
    as a sentence is searched once for each clause an attack word heads.
    Leading prepositions are not part of a match ("on Thursday" gives "Thursday");
    a bare year or month needs one before it ("in 2016", "in May") to count.

    From "Militants stormed the base on Thursday night and fought on":

    >>> find_date_expressions("Militants stormed the base on Thursday night and fought on")
    ((30, 44, 'Thursday night'),)
    """
    matches = sorted(
        {
            _span(m)
            for pattern in _finder()
            for m in pattern.finditer(sentence)
            if m.end() > m.start()
        },
        key=lambda span: (span[0], -span[1]),
    )
    found: list[tuple[int, int]] = []
    for start, end in matches:
        if found and start < found[-1][1]:
            continue  # overlaps a longer or earlier match
        found.append((start, end))
    return tuple((start, end, sentence[start:end]) for start, end in found)
