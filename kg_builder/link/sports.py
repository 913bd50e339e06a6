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

from kg_builder.knowledge.names import ordinary_english
from kg_builder.model import Entity
from kg_builder.nlp.casing import is_all_caps
from kg_builder.nlp.resources import read_tsv

__all__ = ["list_cues", "sports_report", "team_cues", "team_like_entities", "team_mentions"]

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
#: verbs of a fixture that a team's name opens or follows ("England face Moldova", "Australia
#: won the toss"), which news also says of states ("Turkey hosts talks"): trusted in a sports
#: report only
_FIXTURE_VERBS = frozenset(
    {
        "face",
        "faces",
        "faced",
        "host",
        "hosts",
        "hosted",
        "play",
        "plays",
        "played",
        "meet",
        "meets",
        "met",
    }
)
_FIXTURE_BEFORE = _FIXTURE_VERBS | {"against"}
_FIXTURE_AFTER = _FIXTURE_VERBS | {"won", "lost"}
#: a result's score before "with", "to", "against" or "over" ("drew 2-2 with Brazil",
#: "lost 3-1 to Ajax")
_SCORE = re.compile(r"^\d{1,3}-\d{1,3}$")
_RESULT_PREPOSITIONS = frozenset({"with", "to", "against", "over"})


#: a line with this many "AT"s near a name lists fixtures
FIXTURE_LIST = 3
#: a fixture list's "AT" right before or after a name
_AT_BEFORE = re.compile(r"\s+AT\s+$")
_AT_AFTER = re.compile(r"\s+AT\s+")


def _is_figure(token: str) -> bool:
    return bool(_FIGURE.match(token)) and not _DATE.match(token)


#: a player's full name in a line-up: two or three capitalised words
_FULL_NAME = r"(?:[A-Z][\w.'-]*\s+){1,2}[A-Z][\w.'-]*\s*"
#: a team's line-up after its name: "England : Mike Atherton ( captain ) , Nick Knight ,",
#: "Australia - Ian Healy ( captain ) , Michael Bevan , Damien Fleming ," (after a dash, three
#: full names: "Syria - Deir Ezzor , Abu Kamal and …" lists places), "South Africa - 15 -
#: Andre Joubert"
_LINE_UP = re.compile(
    r"\s*(?::\s*(?:[A-Z][\w.'-]*\s+){1,3}(?:\([^)]{0,20}\)\s*)?,\s*(?:[A-Z][\w.'-]*\s+){1,3},"
    rf"|-\s*{_FULL_NAME}(?:\([^)]{{0,20}}\)\s*)?,\s*{_FULL_NAME},\s*{_FULL_NAME},"
    r"|-\s*\d{1,2}\s*-\s*[A-Z])"
)


def team_cues(text: str, start: int, end: int) -> bool:
    """Whether the words around ``text[start:end]`` read like a sports team's."""
    return _team_cue(text, start, end, capitals=is_all_caps(text)) is not None


def _team_cue(
    text: str,
    start: int,
    end: int,
    *,
    capitals: bool,
    bounds: frozenset[int] = frozenset(),
) -> str | None:
    """The kind of team cue around ``text[start:end]``: "word" for a fixture or result word or
    a line-up ("v", "beat", "drew 2-2 with"), "fixture" for a verb of a fixture that states
    do too ("face", "hosts"), "figure" for a score or a table figure after the name, or a
    fixture list's "AT" between two names ("MINNESOTA AT MILWAUKEE"), or None. In a text
    written all in capitals, where "AT" is any "at" ("ARRIVED AT BOGOTA"), the name across
    "AT" must be one the article's entities name (``bounds``: where their mentions start and
    end) or the line must list fixtures."""
    if _LINE_UP.match(text, end, min(len(text), end + 80)):
        return "word"
    after = text[end : end + 60].split()
    before = text[max(0, start - 60) : start].split()
    nxt = after[0] if after else ""
    prev = before[-1] if before else ""
    following = after[1].lower() if len(after) > 1 else ""
    # "Police in Kabul beat protesters": a place named as where is no side of a match
    if prev.lower() in _BEFORE or (
        nxt.lower() in _AFTER and prev.lower() not in LOCATIVE and _result_follows(nxt, following)
    ):
        return "word"
    if prev.lower() in _RESULT_PREPOSITIONS and len(before) > 1 and _SCORE.match(before[-2]):
        return "word"
    if prev.lower() in _FIXTURE_BEFORE or (
        nxt.lower() in _FIXTURE_AFTER and prev.lower() not in LOCATIVE
    ):
        return "fixture"
    if _is_figure(nxt) and following not in _UNITS:
        return "figure"
    if capitals:
        # "ARRIVED AT BOGOTA" is where; "MINNESOTA AT MILWAUKEE" a fixture: the name across
        # "AT" is one of the article's, or the line lists fixtures ("ATLANTA AT CHICAGO
        # FLORIDA AT CINCINNATI LOS ANGELES AT PHILADELPHIA")
        across_before = _AT_BEFORE.search(text, max(0, start - 8), start)
        across_after = _AT_AFTER.match(text, end, min(len(text), end + 8))
        listed = len(_AT_AFTER.findall(text, max(0, start - 60), end + 60)) >= FIXTURE_LIST
        if (across_before and (across_before.start() in bounds or listed)) or (
            across_after and (across_after.end() in bounds or listed)
        ):
            return "figure"
    elif text[start:end].isupper():
        if nxt == "AT" and len(after) > 1 and after[1].isupper():
            return "figure"
        if prev == "AT" and len(before) > 1 and before[-2].isupper():
            return "figure"
    if _is_figure(prev) and (_is_figure(nxt) or (bool(nxt) and set(nxt) <= {"*"})):
        return "figure"
    return None


def _result_follows(word: str, following: str) -> bool:
    """A draw is a result where a score, a side ("with", "against") or the clause's end
    follows: "Belgium drew 1-1 with Turkey", "Belgium drew ." — not "Turkey drew 31 million
    tourists", "the raid drew condemnation"."""
    if word.lower() not in _DRAW:
        return True
    return (
        not following
        or _SCORE.match(following.rstrip(".,;:")) is not None
        or following in _DRAW_FOLLOWERS
        or not following[:1].isalnum()
    )


#: results that need a score or a side after them to be one (see :func:`_result_follows`)
_DRAW = frozenset({"drew", "draw"})
_DRAW_FOLLOWERS = frozenset({"with", "against", "level", "at", "away", "again"})


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


#: a document with this many names a result or fixture word marks is a match report
MATCH_TEAMS = 2
#: a document with this many place entities that read like teams is a results article
RESULTS_ARTICLE = 3
#: a sports report: at least this share of its words are words of sports reporting …
SPORTS_DENSITY = 0.025
#: … and at least this many
SPORTS_WORDS = 3
#: a team's name after one of these is where a player or a point goes ("joined Milan from
#: Nantes", "lost to England")
MOTION = frozenset({"from", "to", "into"})
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


def _whose_country(text: str, start: int) -> bool:
    """A place after "of" and a name that is no English word says whose country it is, a
    club's or a player's: "Dinamo of Russia 92-81", "Jesper Parnevik of Sweden" (the score
    is the club's); not "Republic of Ireland", "Bank of England"."""
    before = text[max(0, start - 40) : start].split()
    return (
        len(before) >= 2
        and before[-1] == "of"
        and _names_person(before[-2])
        and not ordinary_english(before[-2])
    )


def team_mentions(entities: list[Entity], text: str) -> dict[str, list[bool]]:
    """For each entity, which of its mentions (in ``entity.mentions`` order) name a sports team
    rather than the place.

    A name is a team's in an article when a fixture or result word marks one of its mentions
    ("Belgium beat Turkey", "India v Zimbabwe"), or, in a sports report or a results article,
    a score or table figure does ("Belgium 2"); in a sports report also when it is named as
    often other than as a location ("Australia made 310", "Derbyshire and Kent"). A results
    article has at least RESULTS_ARTICLE names with such cues; in one a weak cue
    (:func:`list_cues`) makes a name a team's too. Elsewhere a figure after a place name is
    anything but a score ("the Carrera 80 crossing", "Muna 3"). Every mention of a team's
    name names the team, a nationality word too ("the Turkish goal"), except where it names
    a location (:func:`_where`: "in Brussels", a dateline, "Natalia Karimova ( Russia )"):
    a country named as a team and as athletes' country in one report is both, each where it
    is.
    """
    sports = sports_report(text)
    capitals = is_all_caps(text)
    bounds = frozenset(
        edge for entity in entities for m in entity.mentions for edge in (m.start, m.end)
    )
    readings = {entity.key: _readings(entity, text, capitals, bounds) for entity in entities}
    cued = [marks for marks in readings.values() if "word" in marks or "figure" in marks]
    results = len(cued) >= RESULTS_ARTICLE
    # two names a result or fixture word marks ("Belgium beat Turkey") make a match report,
    # whatever its other words
    sports = sports or sum(1 for marks in readings.values() if "word" in marks) >= MATCH_TEAMS
    for marks in readings.values():
        if not (sports or results):
            marks[:] = ["own" if mark == "figure" else mark for mark in marks]
        if not sports:
            marks[:] = ["own" if mark == "fixture" else mark for mark in marks]

    def team_named(marks: list[str | None]) -> bool:
        if "word" in marks or "figure" in marks or "fixture" in marks:
            return True
        located = marks.count("located") + marks.count("moved")
        return sports and 0 < marks.count("own") >= located

    teams = {key for key, marks in readings.items() if team_named(marks)}
    if len(teams) >= RESULTS_ARTICLE:
        for entity in entities:
            marks = readings[entity.key]
            for index, mention in enumerate(entity.mentions):
                if marks[index] and list_cues(text, mention.start, mention.end):
                    marks[index] = "figure"
                    teams.add(entity.key)
    return {
        key: [
            mark in ("word", "figure", "fixture")
            or (key in teams and mark in ("own", "nationality", "moved"))
            for mark in marks
        ]
        for key, marks in readings.items()
    }


def _readings(
    entity: Entity, text: str, capitals: bool, bounds: frozenset[int]
) -> list[str | None]:
    """How each mention of an entity reads: "word", "fixture" or "figure" (a team cue, see
    :func:`_team_cue`), "located" (named as a location), "moved" (after "to", "from" or
    "into": where a team's player or point goes), "nationality" (a nationality word, not one
    of the entity's names), "own" (its own name, otherwise), or None (a span outside the
    text)."""
    names = entity.surface_forms()
    out: list[str | None] = []
    for mention in entity.mentions:
        start, end = mention.start, mention.end
        if not 0 <= start < end <= len(text):
            out.append(None)
        elif _whose_country(text, start):
            out.append("located")
        elif cue := _team_cue(text, start, end, capitals=capitals, bounds=bounds):
            out.append(cue)
        elif mention.text not in names:
            out.append("located" if _someones_country(text, end) else "nationality")
        elif _where(text, start, end):
            before = text[max(0, start - 20) : start].split()
            out.append("moved" if before and before[-1].lower() in MOTION else "located")
        else:
            out.append("own")
    return out


#: at most this many words between a nationality word and the name of the person it describes
#: ("Austrian goalkeeper Michael Konsel")
NATIONALITY_GAP = 2


def _someones_country(text: str, end: int) -> bool:
    """A nationality word says where the person it describes is from, a place: "American
    Dennis Mitchell", "Austrian goalkeeper Michael Konsel" ("the Turkish goal", "The Irish
    , under new manager …" name the team). A name's possessive does not tell a country from
    a club ("Jamaica 's Michael Green", "Atlanta 's Tom Glavine")."""
    after = text[end : end + 80].split()
    for word in after[: NATIONALITY_GAP + 1]:
        if _names_person(word):
            return True
        if not (word.islower() or set(word) <= {"*"}):
            return False
    return False


def _names_person(word: str) -> bool:
    """A word that may open a person's name: capitalised, not in capitals throughout."""
    return word[:1].isupper() and word[1:2].islower() and word.isalpha()


def team_like_entities(entities: list[Entity], text: str) -> set[str]:
    """Keys of the entities that some mention names as a sports team (:func:`team_mentions`)."""
    return {key for key, marks in team_mentions(entities, text).items() if any(marks)}
