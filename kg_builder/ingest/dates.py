"""Reading publication dates from headers, front matter and JSON records.

A date written without a time of day becomes a :class:`datetime.date`; one with
a time stays a (naive, wall-clock) :class:`datetime.datetime`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import dateparser

_SETTINGS: dict[str, Any] = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
#: header lines must state an absolute date: "2 hours ago" or a bare timestamp is no date line
_HEADER_SETTINGS: dict[str, Any] = {**_SETTINGS, "PARSERS": ["custom-formats", "absolute-time"]}

_TIME_RE = re.compile(
    r"(?<![\d.])\d{1,2}[:.h]\d{2}(?![\d.])|\d\s*[ap]\.?m\b|\bnoon\b|\bmidnight\b", re.I
)
_ISO_TIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d")
_DIGIT_RE = re.compile(r"\d")
_LABEL_RE = re.compile(
    r"^\s*(?:last\s+)?(?:published|updated|posted|modified|date|dated)\b(?:\s+on)?\s*[:\-–]?\s*",
    re.I,
)
_SEPARATORS_RE = re.compile(r"\s+[|•·–—-]\s+|\s*\|\s*")


def _shape(value: dt.datetime, has_time: bool) -> dt.date | dt.datetime:
    """Drop the time of day unless the text gave one, and any time zone."""
    if value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    return value if has_time else value.date()


def parse_iso(text: str) -> dt.date | dt.datetime | None:
    """``2019-04-20`` -> date, ``2019-04-20T09:00:00Z`` -> datetime, anything else -> None."""
    text = text.strip()
    if not _ISO_TIME_RE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    try:
        value = dt.datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None
    return _shape(value, has_time=True)


def parse_date(text: str) -> dt.date | dt.datetime | None:
    """Any written date: ISO first, then :mod:`dateparser` (all languages)."""
    text = text.strip()
    if not text:
        return None
    iso = parse_iso(text)
    if iso is not None:
        return iso
    try:
        value = dateparser.parse(text, settings=_SETTINGS)
    except (ValueError, OverflowError):  # pragma: no cover - dateparser edge cases
        return None
    if value is None:
        return None
    return _shape(value, has_time=bool(_TIME_RE.search(text)))


def parse_header_date(line: str) -> dt.date | dt.datetime | None:
    """The date a header line (the dateline under a title) states, or None.

    Stricter than :func:`parse_date`: the line must carry a digit (a day or a
    year), relative phrases ("2 hours ago") do not count, and a leading label
    ("Published:", "Updated on") or a byline part ("By Reuters | 20 April 2019")
    is allowed around the date.
    """
    line = line.strip()
    if not _DIGIT_RE.search(line):
        return None
    candidates = [line]
    unlabelled = _LABEL_RE.sub("", line, count=1)
    if unlabelled != line:
        candidates.append(unlabelled)
    parts = [p for p in _SEPARATORS_RE.split(unlabelled) if p.strip()]
    if len(parts) > 1:
        candidates.extend(p for p in parts if re.search(r"\d{4}|\d{1,2}(?![\d:.h])", p))
    for candidate in candidates:
        iso = parse_iso(candidate)
        if iso is not None:
            return iso
        try:
            value = dateparser.parse(candidate, languages=["en"], settings=_HEADER_SETTINGS)
        except (ValueError, OverflowError):  # pragma: no cover - dateparser edge cases
            continue
        if value is not None:
            return _shape(value, has_time=bool(_TIME_RE.search(candidate)))
    return None
