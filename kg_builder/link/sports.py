"""Tell a place name used for a sports team ("Belgium beat Turkey 2-1") from the place.

News names teams after their town or country: results ("Cardiff 23 Swansea 10"), standings
("ST LOUIS 70 65"), fixtures ("v Gloucestershire", "MINNESOTA AT MILWAUKEE") and match reports
("Sri Lanka beat Australia by four wickets"). Such a mention is not the place, and the team is
not in the knowledge base, so the linker leaves the entity unlinked.

The cues are read from the words right next to a mention:

* a score or table figure follows ("Belgium 2", "CHICAGO 4", "Ipswich 1-0"; not a date
  "BRUSSELS 1996-08-31", not a distance "Moengo 56 miles");
* a fixture or result word follows or precedes ("v", "versus", "beat", "drew"; "AT" only
  between names written in capitals, as in fixture lists);
* a figure precedes and another figure follows ("* Hartlepool 4 2 * 1 * 5 * Torquay");
* a line-up follows: a colon and a list of names, or a shirt number ("England : Mike
  Atherton ( captain ) , Nick Knight , …", "South Africa - 15 - Andre Joubert").

Example::

    >>> text = "Belgium beat Turkey 2-1 in a World Cup qualifier in Brussels."
    >>> team_cues(text, 0, 7), team_cues(text, 13, 19), team_cues(text, 52, 60)
    (True, True, False)
"""

from __future__ import annotations

import re
from functools import cache

from kg_builder.model import Entity
from kg_builder.nlp.resources import read_tsv

__all__ = ["list_cues", "sports_report", "team_cues", "team_like_entities"]

#: a score, a table figure or a masked figure ("2", "2-1", "*3", ".556"); at least one digit
_FIGURE = re.compile(r"^[\d*.]*\d[\d*.]*(?:[-:/][\d*.]+)?[,;]?$")
_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")
#: what makes a figure after a place name a measure rather than a score
_UNITS = frozenset(
    {
        "miles",
        "mile",
        "km",
        "kms",
        "kilometres",
        "kilometers",
        "metres",
        "meters",
        "feet",
        "people",
        "percent",
        "pct",
        "%",
        "dead",
        "killed",
        "wounded",
        "injured",
    }
)
_AFTER = frozenset({"v", "v.", "vs", "vs.", "versus", "beat", "beats", "drew", "draw"})
_BEFORE = frozenset({"v", "v.", "vs", "vs.", "versus", "beat", "beats", "drew"})


def _is_figure(token: str) -> bool:
    return bool(_FIGURE.match(token)) and not _DATE.match(token)


#: a team's line-up after its name: "England : Mike Atherton ( captain ) , Nick Knight ,",
#: "South Africa - 15 - Andre Joubert"
_LINE_UP = re.compile(
    r"\s*(?::\s*(?:[A-Z][\w.'-]*\s+){1,3}(?:\([^)]{0,20}\)\s*)?,\s*(?:[A-Z][\w.'-]*\s+){1,3},"
    r"|-\s*\d{1,2}\s*-\s*[A-Z])"
)


def team_cues(text: str, start: int, end: int) -> bool:
    """Whether the words around ``text[start:end]`` read like a sports team's."""
    if _LINE_UP.match(text, end, min(len(text), end + 80)):
        return True
    after = text[end : end + 60].split()
    before = text[max(0, start - 60) : start].split()
    nxt = after[0] if after else ""
    prev = before[-1] if before else ""
    following = after[1].lower() if len(after) > 1 else ""
    mention = text[start:end]
    if _is_figure(nxt) and following not in _UNITS:
        return True
    if nxt.lower() in _AFTER or prev.lower() in _BEFORE:
        return True
    if nxt == "AT" and mention.isupper() and len(after) > 1 and after[1].isupper():
        return True
    if prev == "AT" and mention.isupper() and len(before) > 1 and before[-2].isupper():
        return True
    return _is_figure(prev) and (_is_figure(nxt) or (bool(nxt) and set(nxt) <= {"*"}))


def _is_gap(token: str) -> bool:
    """A figure, or a masked word (a run of ``*``) in obscured text."""
    return _is_figure(token) or (bool(token) and set(token) <= {"*"})


def list_cues(text: str, start: int, end: int) -> bool:
    """Weaker cues, trusted only in a results article: the name sits between figures or masked
    words ("* Huddersfield * Crystal Palace *") or heads a line-up ("Turkey - 1 - Rustu")."""
    after = text[end : end + 60].split()
    before = text[max(0, start - 60) : start].split()
    nxt = after[0] if after else ""
    prev = before[-1] if before else ""
    if _is_gap(prev) and _is_gap(nxt):
        return True
    return nxt == "-" and len(after) > 1 and _is_figure(after[1])


#: a document with this many place entities that read like teams is a results article
RESULTS_ARTICLE = 3
#: a sports report: at least this share of its words are words of sports reporting …
SPORTS_DENSITY = 0.025
#: … and at least this many
SPORTS_WORDS = 3
#: a place after one of these is where something happens, in a sports report too
LOCATIVE = frozenset({"in", "at", "from", "near", "to", "outside", "inside", "into", "across"})


@cache
def _sports_lexicon() -> dict[str, str]:
    """Word -> kind ("sport": the name of a sport, or "term")."""
    return {
        row["word"]: row["kind"]
        for row in read_tsv("kg_builder.link", "resources/sports_words.tsv")
    }


#: a wire service's story slug: a few words, then a dash or colon ("SOCCER - BELGIUM BEAT …",
#: "Boxing-Bruno …", "RUGBY UNION - …")
_SLUG = re.compile(r"^\W*([A-Za-z][A-Za-z ]{0,30}?)\s*[-–—:]")
#: most words a sports slug has ("NFL AMERICAN FOOTBALL")
SLUG_WORDS = 3


def sports_slug(text: str) -> bool:
    """Whether the article opens with a wire service's sports slug: the name of a sport in
    capitals (or alone) before a dash ("CRICKET - ENGLAND V PAKISTAN", "Boxing-Bruno …").

    >>> sports_slug("SOCCER - BELGIUM SCRAPE PAST TURKEY"), sports_slug("Boxing-Bruno quits")
    (True, True)
    >>> sports_slug("Golf club attacked - three dead"), sports_slug("KABUL - A bomb exploded")
    (False, False)
    """
    found = _SLUG.match(text)
    if found is None:
        return False
    slug = found.group(1)
    words = slug.lower().split()
    if not words or len(words) > SLUG_WORDS or not (slug.isupper() or len(words) == 1):
        return False
    lexicon = _sports_lexicon()
    return any(lexicon.get(word) == "sport" for word in words) and all(
        word in lexicon or word.isalpha() for word in words
    )


def sports_report(text: str) -> bool:
    """Whether an article is a sports report: it opens with a sports slug, or a large enough
    share of its words are words of sports reporting ("innings", "striker", "semifinal";
    ``resources/sports_words.tsv``). No conflict article of the benchmark sets comes near the
    threshold (at most 0.018 against 0.025)."""
    if sports_slug(text):
        return True
    words = re.findall(r"[a-z][a-z\-]*", text.lower())
    lexicon = _sports_lexicon()
    found = sum(1 for word in words if word in lexicon)
    return found >= SPORTS_WORDS and found >= SPORTS_DENSITY * len(words)


#: a dateline sits this near the start of an article
DATELINE_CHARS = 300


def _dateline(text: str, start: int, end: int) -> bool:
    """The place of a dateline: a name in capitals that opens a line or follows the headline's
    full stop ("… PAST TURKEY . BRUSSELS 1996-08-31", "COLOMBO (Reuters) -"), or the country
    or state written after it ("BIRMINGHAM , England", "IRVINE , Calif")."""
    if start > DATELINE_CHARS:
        return False
    before = text[:start].rstrip(" \t")
    if text[start:end].isupper() and (not before or before[-1] in ".\n"):
        return True
    words = before.split()
    return len(words) >= 2 and words[-1] == "," and words[-2].isupper()


def _where(text: str, start: int, end: int) -> bool:
    """A place named as a location: after "in", "at", "from" …, as a dateline ("MOSCOW
    1996-08-30"), or as an athlete's or a club's country in brackets ("Natalia Karimova
    ( Russia )", "Red Star (Yugoslavia)")."""
    before = text[max(0, start - 20) : start].split()
    after = text[end : end + 20].split()
    if after and _DATE.match(after[0]):
        return True
    bracketed = text[max(0, start - 4) : start].rstrip().endswith("(")
    if bracketed or text[end : end + 4].lstrip().startswith(")"):
        return True
    if _dateline(text, start, end):
        return True
    return bool(before) and before[-1].lower() in LOCATIVE


def team_like_entities(entities: list[Entity], text: str) -> set[str]:
    """Keys of the entities that read like sports teams named after a place.

    An entity is one when a mention of it has a strong cue (:func:`team_cues`); in a results
    article (at least RESULTS_ARTICLE such entities) also when a mention has a weak one.
    """

    def spans(entity: Entity) -> list[tuple[int, int]]:
        return [(m.start, m.end) for m in entity.mentions if 0 <= m.start < m.end <= len(text)]

    strong = {e.key for e in entities if any(team_cues(text, s, t) for s, t in spans(e))}
    if sports_report(text):
        # in a sports report a place named as often other than as a location names a team
        # ("Australia made 310", "Derbyshire and Kent"); "in Melbourne" stays the city, and so
        # does a country named mostly as athletes' ("Natalia Karimova ( Russia )")
        for entity in entities:
            # the entity's own names only: a nationality word ("the French striker") that
            # mentions a country is no team's name
            named = [
                (m.start, m.end)
                for m in entity.mentions
                if m.text in entity.surface_forms() and 0 <= m.start < m.end <= len(text)
            ]
            located = sum(1 for start, end in named if _where(text, start, end))
            if len(named) - located >= located:
                strong.add(entity.key)
    if len(strong) < RESULTS_ARTICLE:
        return strong
    weak = {e.key for e in entities if any(list_cues(text, s, t) for s, t in spans(e))}
    return strong | weak
