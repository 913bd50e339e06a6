"""True-casing for all-caps text (wire copy, radio transcripts) before spaCy reads it.

spaCy's English model was trained on mixed-case text: on "GUERRILLAS ATTACKED THE FARM"
it tags every word a proper noun and its parse and NER fall apart. So an all-caps text is
rewritten in news casing first — ordinary words in lower case, sentence starts
capitalised, names capitalised — and only the case changes: the text keeps its length and
every character offset, so evidence and mentions still point into the original.

A word is restored as a name when
* it starts a phrase the knowledge base or the group lexicons know ("SAN SALVADOR",
  "SHINING PATH", "FMLN"), and that name is not an ordinary English word on its own
  ("POLICE" is a town in Poland, and a very common word), or
* it is rarer than ordinary English words and not known at all ("CRISTIANI"), judged
  by wordfreq's English frequencies; short, vowel-less unknown words stay acronyms.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from spacy.tokens import Doc
from wordfreq import zipf_frequency

from kg_builder.knowledge.kb import KnowledgeBase

#: zipf frequency from which a word counts as ordinary English (≈ once per 10,000 words)
COMMON = 4.0
#: a division's name stays a name up to this frequency ("MEXICO", 4.75)
COMMON_STRONG = 5.0
#: a country's or big city's name stays a name up to this one ("LONDON", 5.27)
COMMON_NAME = 5.5
#: a town at least this big counts as surely a name as a country
CITY_POPULATION = 1_000_000
#: a one-word town name stays a name below this frequency ("MASSACRE", 3.91, does not)
TOWN_WORD = 3.5
#: below this an unknown word is taken for a name ("ISAACS", 2.93)
RARE = 3.0
#: next to a name, a word this rare is part of it ("LUIS ARTURO ISAACS")
NAME_NEIGHBOUR = 3.8
#: words that never open a multi-word name
NON_INITIAL = frozenset(
    {
        "the",
        "a",
        "an",
        "that",
        "this",
        "on",
        "of",
        "in",
        "at",
        "to",
        "by",
        "for",
        "and",
        "or",
        "with",
        "from",
        "as",
        "is",
        "was",
        "were",
        "he",
        "she",
        "it",
        "they",
        "we",
        "city",
    }
)
#: words that never close a multi-word name either ("Guatemala City" ends with "city"): the
#: knowledge base's keys join a name's words, so "SAN SALVADOR AS" would read as the
#: Lithuanian "San Salvadoras"
NON_FINAL = NON_INITIAL - {"city"}
MAX_NAME_WORDS = 5
INDEFINITE_ARTICLES = frozenset({"a", "an"})
#: after a title ("COLONEL"), a name of up to this many words ...
TITLE_NAME_WORDS = 4
#: ... each rarer than this: given names are common words ("JOSE", 4.21; "MARIA", 4.34)
TITLE_NAME_FREQUENCY = 4.6
#: names of places and actors looked up in the knowledge base have at most this many words
MAX_KB_NAME_WORDS = 3
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
#: dotted abbreviations keep their capitals: "U.S.", "U.N.", "D.C."
_DOTTED = re.compile(r"(?<![A-Za-z.])(?:[A-Za-z]\.){2,}")
_AFTER_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}\s*$")
#: month abbreviations of wire datelines and dates ("13 JUL 89")
_MONTH_ABBREVIATION = re.compile(
    r"(?<=\d )(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|SEPT|OCT|NOV|DEC)(?= \d)"
)
_SENTENCE_END = re.compile(r"([.!?]|--|\n\s*\n|\[TEXT\])\s*$", re.IGNORECASE)
SMALL_WORDS = frozenset({"of", "the", "and", "de", "del", "la", "el", "y", "for", "da", "do"})


def is_all_caps(text: str, threshold: float = 0.9) -> bool:
    """Most letters are capitals: "GUATEMALA CITY, 4 FEB 90 (ACAN-EFE) -- [TEXT] THE …"."""
    sample = text[:5000]
    letters = sum(map(str.isalpha, sample))  # counted in C: this runs on every article
    if letters < 20:
        return False
    return sum(map(str.isupper, filter(str.isalpha, sample))) / letters >= threshold


@cache
def frequency(word: str) -> float:
    return float(zipf_frequency(word, "en"))


def load_word_frequencies() -> None:
    """Load wordfreq's English word list now; the first look-up does otherwise."""
    frequency("the")


def _acronym(word: str) -> bool:
    vowels = sum(c in "aeiouAEIOU" for c in word)
    return 2 <= len(word) <= 5 and vowels <= 1 and frequency(word.lower()) < 3.0


def _capitalise(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def _verb_form(word: str) -> bool:
    """A past or present participle of an English verb: "CONDEMNED", "ATTRIBUTED", not
    "AHMED" (no verb "ahm")."""
    for ending in ("ed", "ing"):
        if word.endswith(ending):
            stem = word[: -len(ending)]
            stems = (stem, stem + "e", stem[:-1] if len(stem) > 1 and stem[-1] == stem[-2] else "")
            return any(len(s) >= 4 and frequency(s) >= RARE for s in stems)
    return False


class TrueCaser:
    """Rewrites all-caps text in news casing, keeping every offset."""

    def __init__(
        self, known_name: Callable[[str], int], titles: frozenset[str] = frozenset()
    ) -> None:
        #: 4: a country or big city; 3: a division; 2: a group or organisation; 1: a town;
        #: 0: unknown
        self.known_name = known_name
        #: honorifics and ranks that precede a person's name ("COLONEL", "DR"), lower case
        self.titles = titles

    def _name_at(
        self,
        words: list[re.Match[str]],
        i: int,
        lowers: list[str],
        capitals: list[str],
        common: list[bool],
    ) -> int:
        """How many words from ``i`` form a known name (0 if none).

        ``lowers`` and ``capitals`` are the words in lower and title case, ``common`` whether
        each is an ordinary English word, computed once per text: this runs for every word
        of every all-caps article, so it avoids rebuilding anything per window.
        """
        # a name does not run across punctuation other than spaces and hyphens, and a word
        # such as "THE" opens none of several words
        longest = 1 if lowers[i] in NON_INITIAL else min(MAX_NAME_WORDS, len(words) - i)
        for j in range(i, i + longest - 1):
            if words[j + 1].start() - words[j].end() > 2:
                longest = j - i + 1
                break
        for n in range(longest, 0, -1):
            last = lowers[i + n - 1]
            if n > 1 and (
                last in SMALL_WORDS
                or last in NON_FINAL
                or (common[i] and all(common[i + 1 : i + n]))
            ):
                continue
            strength = self.known_name(" ".join(capitals[i : i + n]))
            if strength == 0:
                continue
            if n == 1:
                # a town's name that is also a word ("MASSACRE", a village somewhere) needs
                # to be a rare word; a country or division's ("MEXICO") may be common
                limit = {4: COMMON_NAME, 3: COMMON_STRONG, 2: COMMON}.get(strength, TOWN_WORD)
                if frequency(lowers[i]) >= limit:
                    continue
                # "A GRENADE HIT HIS CAR": after an indefinite article a word is the word,
                # not a place of that name (Grenade, French for Grenada), unless the name is
                # a country's own or a big city's
                if strength < 4 and i > 0 and lowers[i - 1] in INDEFINITE_ARTICLES:
                    continue
            return n
        return 0

    def restore(self, text: str) -> str:
        chars = list(text.lower())
        if len(chars) != len(text):  # a letter whose lower case is longer: leave the text
            return text
        words = list(_WORD.finditer(text))
        lowers = [w.group().lower() for w in words]
        capitals = [_capitalise(w) for w in lowers]
        common = [frequency(w) >= COMMON for w in lowers]
        named: set[int] = set()  # indices of words restored as (part of) a name
        i = 0
        while i < len(words):
            word = words[i]
            lower = lowers[i]
            span = self._name_at(words, i, lowers, capitals, common)
            if span:
                for j, w in enumerate(words[i : i + span]):
                    token = w.group()
                    if _acronym(token):
                        new = token
                    elif j > 0 and token.lower() in SMALL_WORDS:
                        new = token.lower()
                    else:
                        new = _capitalise(token)
                    chars[w.start() : w.end()] = new
                named.update(range(i, i + span))
                i += span
                continue
            if _acronym(word.group()) and lower not in {"i"}:
                new = word.group()
            elif frequency(lower) < RARE and len(lower) > 3:
                new = _capitalise(word.group())
                named.add(i)
            elif lower == "i" or self._starts_sentence(text, words, i):
                new = lower[:1].upper() + lower[1:]
            else:
                new = lower
            chars[word.start() : word.end()] = new
            i += 1
        named |= self._after_titles(text, words, lowers, chars)
        # "LUIS ARTURO ISAACS": rare-ish words right next to a name belong to it
        for i in sorted(named):
            for j in (i - 1, i + 1, i - 2, i + 2):
                if 0 <= j < len(words) and j not in named and self._adjacent(words, i, j, named):
                    lower = words[j].group().lower()
                    if frequency(lower) < NAME_NEIGHBOUR and lower not in NON_INITIAL:
                        chars[words[j].start() : words[j].end()] = _capitalise(lower)
                        named.add(j)
        for match in _DOTTED.finditer(text):
            chars[match.start() : match.end()] = match.group().upper()
        for match in _MONTH_ABBREVIATION.finditer(text):
            chars[match.start() : match.end()] = _capitalise(match.group())
        restored = "".join(chars)
        return restored if len(restored) == len(text) else text

    @staticmethod
    def _starts_sentence(text: str, words: list[re.Match[str]], i: int) -> bool:
        before = text[max(0, words[i].start() - 12) : words[i].start()]
        return i == 0 or (bool(_SENTENCE_END.search(before)) and not _AFTER_DOTTED.search(before))

    def _after_titles(
        self, text: str, words: list[re.Match[str]], lowers: list[str], chars: list[str]
    ) -> set[int]:
        """A title's name: "COLONEL CARLOS GUERRERO", "DR JOSE ANTONIO RODRIGUEZ PORTH".

        Given names are common words to a frequency list ("JOSE" is as frequent as
        "ATTACKS" is rare), so after a title the words up to the first ordinary one are
        the name. A lone word after a title must be name-like too: "MAJOR OFFENSIVE" is no
        person.
        """
        named: set[int] = set()
        for i, lower in enumerate(lowers):
            if lower not in self.titles:
                continue
            run: list[int] = []
            for j in range(i + 1, min(len(words), i + 1 + TITLE_NAME_WORDS)):
                gap = text[words[j - 1].end() : words[j].start()]
                # "DR. JOSE": a dot only right after the (abbreviated) title
                if not (gap == " " or (gap == ". " and j == i + 1)) or lowers[j] in NON_INITIAL:
                    break
                if lowers[j] in SMALL_WORDS or lowers[j] in self.titles:
                    break
                if frequency(lowers[j]) >= TITLE_NAME_FREQUENCY or _verb_form(lowers[j]):
                    break
                run.append(j)
            if len(run) == 1 and frequency(lowers[run[0]]) >= NAME_NEIGHBOUR:
                continue
            if run:  # news casing writes the title with its name: "Colonel Carlos Guerrero"
                chars[words[i].start() : words[i].end()] = _capitalise(lowers[i])
            for j in run:
                if any(c in "aeiouy" for c in lowers[j]):
                    chars[words[j].start() : words[j].end()] = _capitalise(lowers[j])
                named.add(j)
        return named

    @staticmethod
    def _adjacent(words: list[re.Match[str]], i: int, j: int, named: set[int]) -> bool:
        """Words i and j are neighbours with only single spaces (and names) between them."""
        low, high = min(i, j), max(i, j)
        if any(k not in named for k in range(low + 1, high)):
            return False
        return all(words[k + 1].start() - words[k].end() == 1 for k in range(low, high))


#: a line shorter than this is no hard-wrapped line of a paragraph ("MADRID 1996-08-30")
SHORT_LINE = 40
_HARD_WRAP = re.compile(r"(?<=[^\s])[ \t]*\n(?=[ \t]*[^\s])")


def unwrap_lines(text: str) -> str:
    """Join hard-wrapped lines: a single line break inside a paragraph becomes a space.

    Wire copy breaks lines every 70 characters ("THE GUATEMALA ARMY\nDENIED TODAY …"); a
    blank line still separates paragraphs, and a short line (a dateline, a headline) stays
    a line of its own. Only line breaks are replaced, one character
    for one, so every offset stays the same.
    """

    def join(match: re.Match[str]) -> str:
        line_start = text.rfind("\n", 0, match.start()) + 1
        if match.start() - line_start < SHORT_LINE:
            return match.group()  # a dateline or headline line: "MADRID 1996-08-30"
        return " " * len(match.group())

    return _HARD_WRAP.sub(join, text)


class TrueCasingTokenizer:
    """Wraps a spaCy tokenizer: hard-wrapped lines are joined and all-caps input is
    true-cased, then the text is tokenised as usual.

    The doc's text has the same length and offsets as the input; ``Doc._.ckg_all_caps``
    records that it was true-cased.
    """

    def __init__(self, tokenizer: Callable[[str], Doc], casing: TrueCaser) -> None:
        self.tokenizer = tokenizer
        self.casing = casing

    def __call__(self, text: str) -> Doc:
        text = unwrap_lines(text)
        if is_all_caps(text):
            doc = self.tokenizer(self.casing.restore(text))
            doc._.ckg_all_caps = True
            return doc
        return self.tokenizer(text)

    # spaCy calls these on its tokenizer when pipes are (de)serialised
    def to_bytes(self, **kwargs: object) -> bytes:
        return bytes(self.tokenizer.to_bytes(**kwargs))  # type: ignore[attr-defined]

    def from_bytes(self, data: bytes, **kwargs: object) -> TrueCasingTokenizer:
        self.tokenizer.from_bytes(data, **kwargs)  # type: ignore[attr-defined]
        return self


def kb_name_test(kb: KnowledgeBase, group_names: frozenset[str]) -> Callable[[str], int]:
    """How surely a phrase (in title case) is a name: 4 a country or a city of a million,
    3 a division, 2 a group or organisation the knowledge base or lexicons know, 1 a town or
    village, 0 unknown."""
    from kg_builder.knowledge.names import normalise_name, words_key, words_may_carry_designator

    # The knowledge base's names are short: a longer phrase can only be a group's name. Its
    # first three words give the letters its key opens with; the true-caser asks about
    # those three words as a window of their own too, so their key, built once and cached,
    # turns most long phrases away before a key of theirs is built.
    group_openings = frozenset(key[:3] for key in group_names)

    @cache
    def known(phrase: str) -> int:
        # keys built from the words' remembered folds (``words_key``): most phrases asked
        # about are new, but their words are not
        words = phrase.split(" ")
        if len(words) > MAX_KB_NAME_WORDS:
            opening = words_key(words[:MAX_KB_NAME_WORDS])[:3]
            if len(opening) == 3 and opening not in group_openings:
                return 0
            return 2 if words_key(words) in group_names else 0
        key = words_key(words)
        if key in group_names:
            return 2
        if not kb.may_name(key) and not words_may_carry_designator(words):
            return 0  # no name of anything, as most phrases of wire copy: no query needed
        if kb.is_actor_name(phrase):
            return 2
        if not kb.is_place_name(phrase):
            return 0
        places = kb.find_places(phrase, loose=False)
        exact = [p for p in places if normalise_name(p.name) == normalise_name(phrase)]
        # a country or a city of a million ("LONDON", "CHICAGO") is a name however often
        # news writes it
        if any(p.place_type == "country" or (p.population or 0) >= CITY_POPULATION for p in exact):
            return 4
        # a division by its own name ("MORAZAN"), or a country by another ("BURMA"); not a
        # division by a foreign form of its name ("CRIME", French for Crimea)
        if any(p.place_type == "admin1" for p in exact) or (
            places and places[0].place_type == "country"
        ):
            return 3
        if not exact and " " not in phrase and frequency(phrase.lower()) >= RARE:
            # an English word that is some town's name only in another language or as a
            # nickname ("LOOTING" for Laoting, "PROCLAMATION" for La Rochelle): a word
            return 0
        return 1

    return known
