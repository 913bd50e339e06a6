"""Counts in news text: number words, and hedged casualty figures.

Pure functions, no NLP library: the dependency parse finds the phrase that
modifies "killed" or "wounded", these functions read the figure off it.

* :func:`words_to_int` reads a cardinal number written in words or digits
  ("twenty-six", "TWENTY FIVE", "1,200", "two dozen").
* :func:`parse_quantity` reads a hedged figure ("at least 60", "dozens",
  "between 10 and 15") into :class:`~kg_builder.model.Casualties`, following the
  conventions documented in ``resources/quantity_hedges.tsv``.
* :func:`looks_like_year` tells a year ("1989") from a count.

The word lists are data files under ``resources/``, read once.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources

from kg_builder.model import Casualties

__all__ = [
    "QUANTITY_PATTERN",
    "looks_like_year",
    "parse_quantity",
    "tokenize",
    "words_to_int",
]


def _read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a TSV lexicon under ``resources/``; ``#`` lines are comments, then a header."""
    text = (
        resources.files("kg_builder.extract")
        .joinpath("resources")
        .joinpath(name)
        .read_text("utf-8")
    )
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{key: (value or "").strip() for key, value in row.items() if key} for row in reader]


@dataclass(frozen=True)
class _NumberWord:
    value: int
    kind: str  # unit | teen | ten | hundred | scale | group | article


@functools.cache
def _number_words() -> dict[str, _NumberWord]:
    return {
        row["word"].lower(): _NumberWord(int(row["value"]), row["kind"])
        for row in _read_tsv("number_words.tsv")
    }


@dataclass(frozen=True)
class _Hedge:
    rule: str
    value: int | None


@functools.cache
def _hedges() -> dict[tuple[str, ...], _Hedge]:
    table: dict[tuple[str, ...], _Hedge] = {}
    for row in _read_tsv("quantity_hedges.tsv"):
        value = int(row["value"]) if row.get("value") else None
        table[tuple(tokenize(row["phrase"]))] = _Hedge(row["rule"], value)
    return table


@functools.cache
def _longest_hedge() -> int:
    return max(len(key) for key in _hedges())


_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+|[-–—]")
_DIGITS_RE = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_DECIMAL_RE = re.compile(r"\d+\.\d+")

#: a count in digits or number words, for callers scanning raw text
QUANTITY_PATTERN = re.compile(
    r"\b(?:\d{1,3}(?:,\d{3})+|\d+"
    r"|(?:(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety|hundred|thousand|million|dozen|a|an|and)[\s-]+)*"
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety|hundred|thousand|million|dozen))\b",
    re.IGNORECASE,
)


def tokenize(text: str) -> list[str]:
    """Lower-cased word, number and dash tokens.

    >>> tokenize("Between 10-15 TWENTY-FIVE")
    ['between', '10', '-', '15', 'twenty', '-', 'five']
    """
    return _TOKEN_RE.findall(text.lower().replace("’", "'"))


def _word(token: str) -> _NumberWord | None:
    return _number_words().get(token)


def _below_thousand(tokens: list[str], i: int) -> tuple[int, int] | None:
    """Read 0..999 in words from ``tokens[i]``; (value, next index) or None."""
    n = len(tokens)
    value = 0
    j = i
    first = _word(tokens[j]) if j < n else None
    if first is None:
        return None
    # "[one|a] hundred [and] ..."
    if (
        first.kind in ("unit", "article")
        and j + 1 < n
        and (nxt := _word(tokens[j + 1])) is not None
        and nxt.kind == "hundred"
    ):
        if first.value == 0:
            return None
        value = first.value * 100
        j += 2
        k = j + 1 if j < n and tokens[j] == "and" else j
        rest = _tens(tokens, k)
        if rest is not None:
            return value + rest[0], rest[1]
        return value, j
    if first.kind == "hundred":  # "hundred" alone, as in "hundred and twenty"
        return None
    rest = _tens(tokens, j)
    return rest


def _tens(tokens: list[str], i: int) -> tuple[int, int] | None:
    """Read 0..99 in words: a unit, a teen, or a ten with an optional unit."""
    if i >= len(tokens):
        return None
    word = _word(tokens[i])
    if word is None or word.kind not in ("unit", "teen", "ten"):
        return None
    if word.kind != "ten":
        return word.value, i + 1
    j = i + 1
    if j < len(tokens) and tokens[j] in ("-", "–"):
        j += 1
    if j < len(tokens) and (unit := _word(tokens[j])) is not None and unit.kind == "unit":
        if unit.value == 0:
            return word.value, i + 1
        return word.value + unit.value, j + 1
    return word.value, i + 1


def _leading_group(tokens: list[str], i: int) -> tuple[int | float, int] | None:
    """The first group of a number: digits, a decimal ("1.5" million), words, or "a"."""
    token = tokens[i]
    if _DIGITS_RE.fullmatch(token):
        return int(token.replace(",", "")), i + 1
    if _DECIMAL_RE.fullmatch(token):
        return float(token), i + 1
    word = _word(token)
    if word is not None and word.kind == "article":
        return word.value, i + 1
    return _below_thousand(tokens, i)


def read_number(tokens: list[str], i: int = 0) -> tuple[int, int] | None:
    """Read the longest count starting at ``tokens[i]``; (value, next index) or None.

    >>> read_number(tokenize("one hundred and twenty people were killed"))
    (120, 4)
    """
    n = len(tokens)
    if i >= n:
        return None
    # "half a dozen", "half a million"
    if tokens[i] == "half" and i + 2 < n and tokens[i + 1] in ("a", "an"):
        unit = _word(tokens[i + 2])
        if unit is not None and unit.kind in ("group", "scale", "hundred") and unit.value % 2 == 0:
            return unit.value // 2, i + 3
        return None
    total = 0
    last_scale = None  # the last scale used, so that scales go down ("thousand" then hundreds)
    j = i
    while j < n:
        group = _leading_group(tokens, j)
        if group is None:
            break
        value, k = group
        head = _word(tokens[j])
        article = head is not None and head.kind == "article"
        nxt = _word(tokens[k]) if k < n else None
        if (
            nxt is not None
            and nxt.kind == "hundred"
            and not isinstance(value, float)
            and (article or _DIGITS_RE.fullmatch(tokens[j]))
        ):
            # digits or an article before "hundred": "2 hundred", "a hundred"
            article = False
            value, k = value * 100, k + 1
            and_at = k + 1 if k < n and tokens[k] == "and" else k
            rest = _tens(tokens, and_at)
            if rest is not None:
                value, k = value + rest[0], rest[1]
            nxt = _word(tokens[k]) if k < n else None
        if nxt is not None and nxt.kind in ("scale", "group"):
            if last_scale is not None and nxt.value >= last_scale:
                break
            scaled = value * nxt.value
            if isinstance(scaled, float) and not scaled.is_integer():
                return None
            total += int(scaled)
            j = k + 1
            if nxt.kind == "group":  # a dozen / score ends the number
                return total, j
            last_scale = nxt.value
            # "one thousand and five"
            if j + 1 < n and tokens[j] == "and" and _tens(tokens, j + 1) is not None:
                j += 1
            continue
        if article or isinstance(value, float):
            # a bare "a" or "1.5" is not a count
            return (total, j) if j > i else None
        if last_scale is not None and value >= last_scale:
            break
        total += int(value)
        j = k
        break
    if j == i:
        return None
    return total, j


def words_to_int(text: str) -> int | None:
    """The count a whole phrase spells, in words or digits, or None.

    From "Sixty people were killed when gunmen opened fire":

    >>> words_to_int("Sixty")
    60
    >>> words_to_int("twenty-six"), words_to_int("TWENTY FIVE"), words_to_int("1,200")
    (26, 25, 1200)
    >>> words_to_int("one hundred and twenty"), words_to_int("two dozen")
    (120, 24)
    >>> words_to_int("first") is None
    True
    """
    tokens = tokenize(text)
    if not tokens:
        return None
    result = read_number(tokens)
    if result is None or result[1] != len(tokens):
        return None
    return result[0]


_YEAR_RE = re.compile(r"(?:1[5-9]|20)\d\d|'\d\d|(?:1[5-9]|20)\d0s")


def looks_like_year(text: str) -> bool:
    """Whether a number reads as a year (1500-2099, "'89", "1990s") rather than a count.

    From "The group was founded in 2019" and "the 1989 offensive":

    >>> looks_like_year("2019"), looks_like_year("1989"), looks_like_year("1,989")
    (True, True, False)
    >>> looks_like_year("60")
    False
    """
    return _YEAR_RE.fullmatch(text.strip().replace("’", "'")) is not None


def _match_hedge(tokens: list[str], i: int) -> tuple[_Hedge, int] | None:
    """The longest lexicon phrase at ``tokens[i]``; (hedge, next index) or None."""
    table = _hedges()
    for length in range(min(_longest_hedge(), len(tokens) - i), 0, -1):
        hedge = table.get(tuple(tokens[i : i + length]))
        if hedge is not None:
            return hedge, i + length
    return None


_MODIFIERS = ("exact", "approx", "min", "min_plus_one", "max", "max_minus_one")
_VAGUE = ("vague", "vague_min", "fixed")


def _apply(rule: str, value: int) -> Casualties:
    if rule == "min":
        return Casualties(best=value, minimum=value)
    if rule == "min_plus_one":
        return Casualties(best=value + 1, minimum=value + 1)
    if rule == "max":
        return Casualties(best=value, maximum=value)
    if rule == "max_minus_one":
        low = max(value - 1, 0)
        return Casualties(best=low, maximum=low)
    if rule == "vague_min":
        return Casualties(best=value, minimum=value)
    return Casualties(best=value)  # exact, approx, vague, fixed


def parse_quantity(phrase: str) -> Casualties | None:
    """The casualty figure a (possibly hedged) quantity phrase gives, or None.

    Words after the figure ("people", "of them") are ignored. The conventions are
    those of ``resources/quantity_hedges.tsv``; min <= best <= max always holds.

    From "At least 60 people were killed in the attack, officials said":

    >>> parse_quantity("At least 60 people")
    Casualties(best=60, minimum=60, maximum=None)

    From "Dozens of civilians were killed in air strikes on Idlib":

    >>> parse_quantity("Dozens of civilians")
    Casualties(best=24, minimum=24, maximum=None)

    From "Between 10 and 15 soldiers died":

    >>> parse_quantity("Between 10 and 15 soldiers")
    Casualties(best=10, minimum=10, maximum=15)
    """
    tokens = tokenize(phrase)
    i = 0
    modifier: str | None = None
    ranged = False
    while i < len(tokens):
        found = _match_hedge(tokens, i)
        if found is None or found[0].rule not in (*_MODIFIERS, "range_start"):
            break
        hedge, i = found
        if hedge.rule == "range_start":
            ranged = True
        elif modifier is None and hedge.rule not in ("exact", "approx"):
            modifier = hedge.rule
    if i >= len(tokens):
        return None

    # a vague quantity ("dozens", "several hundred") or a fixed one ("no one")
    vague = _match_hedge(tokens, i)
    if vague is not None and vague[0].rule in _VAGUE and vague[0].value is not None:
        hedge = vague[0]
        value = hedge.value
        assert value is not None
        if modifier is not None and hedge.rule != "fixed":
            return _apply(modifier, value)
        return _apply(hedge.rule, value)

    number = read_number(tokens, i)
    if number is None:
        return None
    low, i = number
    if i < len(tokens):
        sep = _match_hedge(tokens, i)
        if sep is not None and (
            sep[0].rule == "range_sep" or (sep[0].rule == "range_and" and ranged)
        ):
            high = read_number(tokens, sep[1])
            if high is not None and high[0] > low:
                return Casualties(best=low, minimum=low, maximum=high[0])
    if modifier is not None:
        return _apply(modifier, low)
    return Casualties(best=low)
