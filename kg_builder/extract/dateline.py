"""A wire dateline: where and when a report was filed, and by which agency.

Wire copy opens its first paragraph with a dateline: "SAN SALVADOR, 3 JAN 90 -- …",
"ROME (ITALY), 11 JAN 90 (ANSA) -- …", "KADUNA, Nigeria (Reuters) - …", "BEIRUT (AFP) - …".
Its place is where the report was filed, not where the attack happened, and its agency
reports; neither is an argument of an attack the story tells. A headline may stand above
it on lines of its own.

    >>> found = find_dateline("Gunmen kill five\\n\\nKADUNA, Nigeria (Reuters) - Gunmen ...")
    >>> found.place, found.agency
    ('KADUNA, Nigeria', 'Reuters')
    >>> find_dateline("ROME (ITALY), 11 JAN 90 -- [TEXT] THE ...").place
    'ROME (ITALY), 11 JAN 90'
    >>> find_dateline("Syria - Islamic State attack kills nine") is None
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

__all__ = ["Dateline", "dateline_tokens", "find_dateline"]

#: a dateline opens one of the first lines of an article (after a headline, a byline)
DATELINE_LINES = 4
#: … within this many characters of its start
DATELINE_CHARS = 500

_NAME = r"[A-Z][\w'.\-]*(?:[ ][A-Z][\w'.\-]*){0,3}"
_CAPITALS = r"[A-Z][A-Z'.\-]*(?:[ ][A-Z][A-Z'.\-]*){0,3}"
_DATELINE = re.compile(
    rf"""
    (?P<where>
      (?P<city>{_NAME})
      (?:\s*,\s*(?P<region>{_NAME})(?=\s*[(,\-—–])|\s*\((?P<country>{_CAPITALS})\)(?=\s*,))?
      (?P<date>\s*,?\s*(?:\d{{1,2}}\s+[A-Za-z]{{3,9}}\.?(?:\s+\d{{2,4}})?
                    |[A-Za-z]{{3,9}}\.?\s+\d{{1,2}}(?:,?\s*\d{{2,4}})?
                    |NO\ DATE))?
    )
    (?:\s*\((?P<agency>[^()\n]{{1,60}})\))?
    \s*(?:--|-|—|–)(?=\s)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Dateline:
    """Character offsets of a dateline: ``start``–``place_end`` is its place and date,
    ``story`` the first character of the story after its agency and dash."""

    start: int
    place_end: int
    story: int
    place: str
    agency: str | None


def find_dateline(text: str) -> Dateline | None:
    """The dateline that opens one of the first lines of ``text``, or None. It names its
    place before its dash (:func:`_dated_or_sourced`)."""
    head = text[:DATELINE_CHARS]
    offset = 0
    lines = 0
    for line in head.split("\n"):
        found = _DATELINE.match(head, offset)
        if found is not None and _dated_or_sourced(found):
            return Dateline(
                start=offset,
                place_end=found.end("where"),
                story=found.end(),
                place=found.group("where"),
                agency=found.group("agency"),
            )
        if line.strip():
            lines += 1
            if lines >= DATELINE_LINES or not _headline_like(line):
                return None  # the story has begun without a dateline
        offset += len(line) + 1
    return None


def _dated_or_sourced(found: re.Match[str]) -> bool:
    """A dateline, not a headline or a slug with a dash ("Syria - IS attack kills nine",
    "Islamic State (IS) - the group …"): its place in capitals before a date, an agency, a
    region ("KYIV, Ukraine —") or an em dash ("LONDON —"), or a place and its region in any
    case before an agency ("Kabul, Afghanistan (CNN) —")."""
    if not found.group("city").isupper():
        return bool(found.group("region") and found.group("agency"))
    dash = found.group(0).rstrip()[-1]
    return bool(
        found.group("agency")
        or found.group("date")
        or found.group("region")
        or found.group("country")
        or dash == "—"
    )


def _headline_like(line: str) -> bool:
    """A line that may stand above a dateline: a headline or a byline, without a full stop
    at its end."""
    return not line.rstrip().endswith((".", ":", ";"))


def dateline_tokens(doc: Doc) -> tuple[int, int, int]:
    """The dateline of a doc as token indices: its first token, the first token after its
    place and date, and the story's first token; (0, 0, 0) where it has none."""
    found = doc.user_data.get("ckg_dateline")
    if found is None:
        # a text written all in capitals reaches the doc true-cased, offsets kept
        dateline = find_dateline(doc.text.upper() if doc._.ckg_all_caps else doc.text)
        found = (0, 0, 0)
        if dateline is not None:
            found = (
                _token_at(doc, dateline.start),
                _token_at(doc, dateline.place_end),
                _token_at(doc, dateline.story),
            )
        doc.user_data["ckg_dateline"] = found
    return found


def _token_at(doc: Doc, char: int) -> int:
    """The first token that starts at or after ``char``."""
    for token in doc:
        if token.idx >= char:
            return token.i
    return len(doc)
