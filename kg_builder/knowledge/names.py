"""Name keys shared by the knowledge-base builder, the NLP stage and the linker.

Two tiers of keys make spelling variants of the same name meet:

* :func:`normalise_name` - the exact tier: diacritics, apostrophe-like marks, case, punctuation,
  spaces, a leading Arabic article and a few transliteration habits are folded away, so
  ``"Deir ez-Zor"``, ``"Deir Ezzor"`` and ``"Deir ez Zor"`` give the same key.
* :func:`loose_key` - the loose tier: a consonant skeleton, so ``"Mayadeen"`` meets
  ``"Al Mayadin"``. It collides a lot and is only used as a fallback, with context.

:func:`strip_designator` removes generic words ("province", "the city of") and says what they
point to. The articles and designators are data: ``resources/designators.tsv``.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from importlib import resources

from wordfreq import zipf_frequency

__all__ = [
    "common_words",
    "initials",
    "is_acronym",
    "loose_key",
    "name_tokens",
    "normalise_name",
    "ordinary_english",
    "strip_designator",
]

# Marks that transliterations use for ayn/hamza and apostrophes: removed without a space.
_MARKS = "ʿʾʻʼ'’‘`´ˈ"
_MARK_TABLE = str.maketrans("", "", _MARKS)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = frozenset("aeiou")
_LOOSE_DROP = frozenset("aeiouyhw")
#: a word at least this frequent in English (Zipf scale: 4 = once in 100,000 words) is an
#: ordinary word of the language ("labour", "tour", "soul"), not a name English text gives a
#: foreign place
ORDINARY_ENGLISH_ZIPF = 4.0


@dataclass(frozen=True)
class _Designators:
    articles: frozenset[str]
    #: (token tuple, hint) sorted longest first
    prefixes: tuple[tuple[tuple[str, ...], str | None], ...]
    suffixes: tuple[tuple[tuple[str, ...], str | None], ...]


@functools.cache
def _designators() -> _Designators:
    """Read ``resources/designators.tsv`` once."""
    text = (
        resources.files("kg_builder.knowledge")
        .joinpath("resources/designators.tsv")
        .read_text(encoding="utf-8")
    )
    articles: set[str] = set()
    prefixes: list[tuple[tuple[str, ...], str | None]] = []
    suffixes: list[tuple[tuple[str, ...], str | None]] = []
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    for row in csv.reader(lines[1:], delimiter="\t"):
        kind, phrase = row[0], row[1]
        hint = row[2] if len(row) > 2 and row[2] else None
        tokens = tuple(_fold(phrase).split())
        if kind == "article":
            articles.add(phrase)
        elif kind == "prefix":
            prefixes.append((tokens, hint))
        elif kind == "suffix":
            suffixes.append((tokens, hint))
    prefixes.sort(key=lambda item: -len(item[0]))
    suffixes.sort(key=lambda item: -len(item[0]))
    return _Designators(frozenset(articles), tuple(prefixes), tuple(suffixes))


def _fold(text: str) -> str:
    """Strip diacritics and marks, lower-case, punctuation to spaces; words kept apart.

    >>> _fold("Ḩimş / Al-Quṣayr")
    'hims al qusayr'
    """
    if text.isascii():  # most names: nothing to decompose (the true-caser asks for many)
        stripped = text.translate(_MARK_TABLE).lower()
        return " ".join(_NON_ALNUM.split(stripped)).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.translate(_MARK_TABLE).lower()
    # letters NFKD does not decompose
    stripped = stripped.replace("ß", "ss").replace("ø", "o").replace("ł", "l").replace("ı", "i")
    stripped = stripped.replace("æ", "ae").replace("œ", "oe").replace("đ", "d")
    return " ".join(_NON_ALNUM.split(stripped)).strip()


def name_tokens(text: str) -> list[str]:
    """The folded words of a name, without a leading "the" or Arabic article.

    >>> name_tokens("al-Sukhna")
    ['sukhna']
    >>> name_tokens("The Islamic State")
    ['islamic', 'state']
    """
    return _without_articles(_fold(text).split())


def _without_articles(tokens: list[str]) -> list[str]:
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    if len(tokens) > 1 and tokens[0] in _designators().articles:
        tokens = tokens[1:]
    return tokens


def _one_letter(run: re.Match[str]) -> str:
    """A run of one letter as that letter (a function: re's template "\\1" is expanded in
    Python for each match, at twice the cost)."""
    return run.group(1)


def _key_of(tokens: list[str]) -> str:
    key = "".join(tokens)
    if len(key) > 3 and key.endswith("ah"):
        key = key[:-1]
    return _DOUBLE.sub(_one_letter, key)


@functools.lru_cache(maxsize=262144)
def normalise_name(text: str) -> str:
    """The exact-tier lookup key of a name: one run of lower-case letters and digits.

    >>> normalise_name("Deir ez-Zor") == normalise_name("Deir Ezzor")
    True
    >>> normalise_name("Deir ez Zor")
    'deirezor'
    >>> normalise_name("As Sukhnah") == normalise_name("al-Sukhna")
    True
    >>> normalise_name("Ad-Dawr")
    'dawr'
    """
    return _key_of(name_tokens(text))


@functools.lru_cache(maxsize=65536)
def word_folds(word: str) -> tuple[str, ...]:
    """The folded tokens of one word ("ez-Zor" → ("ez", "zor")); folding works character by
    character, so a phrase's tokens are its words' tokens one after the other."""
    return tuple(_fold(word).split())


def words_key(words: Sequence[str]) -> str:
    """``normalise_name(" ".join(words))``, built from each word's remembered fold: the
    true-caser asks for the keys of some 45,000 overlapping phrases per 200 wire stories,
    nearly all of them new, and folds each word only once this way.

    >>> words_key(["Deir", "ez-Zor", "Province"]) == normalise_name("Deir ez-Zor Province")
    True
    """
    return _key_of(_without_articles([token for word in words for token in word_folds(word)]))


def loose_key(text: str) -> str:
    """A consonant skeleton of a name (second tier only: it collides often).

    Articles anywhere in the name are dropped, a leading vowel becomes ``a``, later vowels and
    ``y w h`` are dropped, ``q`` counts as ``k`` and doubled letters collapse.

    >>> loose_key("Mayadeen") == loose_key("Al Mayadin")
    True
    >>> loose_key("Deir Ezzour") == loose_key("Dayr az Zawr")
    True
    """
    articles = _designators().articles
    tokens = name_tokens(text)
    kept = [tok for tok in tokens if tok not in articles] or tokens
    word = "".join(kept).replace("q", "k")
    if not word:
        return ""
    first = "a" if word[0] in _VOWELS else word[0]
    rest = "".join(ch for ch in word[1:] if ch not in _LOOSE_DROP)
    return _DOUBLE.sub(_one_letter, first + rest)


@functools.lru_cache(maxsize=65536)
def strip_designator(text: str) -> tuple[str, str | None]:
    """Remove a generic word such as "province" or "the city of" and say what it points to.

    Returns the remaining name (original spelling) and a hint: ``"admin1"``, ``"locality"``
    or ``None``. A name that is only a designator is returned unchanged.

    >>> strip_designator("Homs province")
    ('Homs', 'admin1')
    >>> strip_designator("the city of Tripoli")
    ('Tripoli', 'locality')
    >>> strip_designator("Aleppo")
    ('Aleppo', None)
    """
    words = text.split()
    folded = [_fold(word) for word in words]
    flat = [token for word in folded for token in word.split()]
    if not flat:
        return text, None
    designators = _designators()
    # only designators that start (end) with the name's first (last) token can match
    for tokens, hint in designators.prefixes:
        if not tokens or tokens[0] != flat[0]:
            continue
        n = _count_words(folded, tokens, from_end=False)
        if n and n < len(words):
            return " ".join(words[n:]).strip(" ,"), hint
    for tokens, hint in designators.suffixes:
        if not tokens or tokens[-1] != flat[-1]:
            continue
        n = _count_words(folded, tokens, from_end=True)
        if n and n < len(words):
            return " ".join(words[: len(words) - n]).strip(" ,"), hint
    return text, None


@functools.cache
def _designator_tokens() -> frozenset[str]:
    designators = _designators()
    return frozenset(
        token for tokens, _ in (*designators.prefixes, *designators.suffixes) for token in tokens
    )


def may_carry_designator(text: str) -> bool:
    """Whether :func:`strip_designator` could take anything off ``text``: False when none of
    its words belongs to a designator, a quicker test than stripping.

    >>> may_carry_designator("Homs province"), may_carry_designator("San Salvador")
    (True, False)
    """
    return words_may_carry_designator(text.split())


def words_may_carry_designator(words: Sequence[str]) -> bool:
    """:func:`may_carry_designator` of the phrase of ``words``, from their remembered folds."""
    tokens = _designator_tokens()
    return any(token in tokens for word in words for token in word_folds(word))


def _count_words(folded: list[str], tokens: tuple[str, ...], *, from_end: bool) -> int:
    """How many original words the designator ``tokens`` covers at the start/end, or 0."""
    # each original word may fold to several tokens ("Deir ez-Zor") or to none ("-")
    flat: list[tuple[str, int]] = []
    for index, word in enumerate(folded):
        flat.extend((tok, index) for tok in word.split())
    if len(flat) < len(tokens):
        return 0
    if from_end:
        window = flat[len(flat) - len(tokens) :]
        if tuple(tok for tok, _ in window) != tokens:
            return 0
        first_word = window[0][1]
        # the designator must start a word of its own
        if folded[first_word].split()[0] != tokens[0]:
            return 0
        return len(folded) - first_word
    window = flat[: len(tokens)]
    if tuple(tok for tok, _ in window) != tokens:
        return 0
    last_word = window[-1][1]
    if folded[last_word].split()[-1] != tokens[-1]:
        return 0
    return last_word + 1


def is_acronym(text: str) -> bool:
    """Whether a name is written as a short all-capital code ("ISIS", "IS-GS", "AFP").

    >>> is_acronym("ISGS"), is_acronym("Daesh")
    (True, False)
    """
    letters = [ch for ch in text if ch.isalpha()]
    return 0 < len(letters) <= 6 and all(ch.isupper() for ch in letters)


def initials(name: str, skipped: Collection[str]) -> str:
    """The capital initials of a name's words, hyphenated parts counted apart, without the
    ``skipped`` words (lower case): the acronym the name would have.

    >>> initials("Islamic State of Iraq and Syria", {"of", "and"})
    'ISIS'
    """
    words = name.replace("-", " ").split()
    return "".join(w[0] for w in words if w.lower() not in skipped).upper()


def spells_acronym(words: Sequence[str], acronym: str, skippable: Collection[str]) -> bool:
    """Whether ``acronym`` is made of the words' initials in order: each word gives its
    first letter or more ("SOM" of "Somalia"), a dotted abbreviation all its letters
    ("U.N."), a ``skippable`` word (lower case) its first letter or nothing; the first word
    gives its letter, and one other word may give none ("Union" in AMISOM).

    >>> skip = {"in", "of", "the", "for"}
    >>> spells_acronym("U.N. Interim Force in Lebanon".split(), "UNIFIL", skip)
    True
    >>> spells_acronym("United Nations Assistance Mission in Afghanistan".split(), "UNAMA", skip)
    True
    >>> spells_acronym("African Union Mission in Somalia".split(), "AMISOM", skip)
    True
    >>> spells_acronym("Democratic Forces in Raqqa".split(), "SDF", skip)
    False
    """
    letters = acronym.upper()

    def reads(w: int, a: int, skips: int) -> bool:
        if w == len(words):
            return a == len(letters)
        word = words[w]
        if "." in word:
            given = [word.replace(".", "").upper()]
        else:
            given = [word[:n].upper() for n in range(1, len(word) + 1)]
        if any(g and letters.startswith(g, a) and reads(w + 1, a + len(g), skips) for g in given):
            return True
        if w == 0:
            return False
        if word.lower() in skippable:
            return reads(w + 1, a, skips)
        return skips > 0 and reads(w + 1, a, skips - 1)

    return bool(words) and reads(0, 0, 1)


def common_words(name: str, zipf: float = ORDINARY_ENGLISH_ZIPF) -> bool:
    """Whether every word of a name is an English word at least this frequent (Zipf scale):
    such a name ("National Party", "Reform Party") is borne by many bodies, "Patriotic Union
    of Kurdistan" by one.

    >>> common_words("National Party"), common_words("Patriotic Union of Kurdistan")
    (True, False)
    """
    words = _fold(name).split()  # as a text's word meets it: "H'Uman", "Humań" read "human"
    return bool(words) and all(zipf_frequency(word, "en") >= zipf for word in words)


def ordinary_english(name: str, zipf: float = ORDINARY_ENGLISH_ZIPF) -> bool:
    """Whether a one-word name is an ordinary English word: "Labour" and "Soul" (other
    languages' names of Worksop and Seoul) are, "Mayadin" is not. Names of several words are
    not judged ("New York" is made of common words).

    >>> ordinary_english("Labour"), ordinary_english("Mayadin"), ordinary_english("New York")
    (True, False, False)
    """
    return len(_fold(name).split()) == 1 and common_words(name, zipf)
