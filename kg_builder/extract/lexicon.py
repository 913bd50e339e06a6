"""The extraction stage's word lists, read once from ``extract/resources``."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from spacy.tokens import Doc

from kg_builder.nlp.resources import read_tsv, word_set


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    return tuple(read_tsv("kg_builder.extract", f"resources/{name}"))


@cache
def words(name: str, column: str = "word") -> frozenset[str]:
    return frozenset(row[column] for row in rows(name))


def attribution_verbs() -> frozenset[str]:
    return words("attribution_verbs.tsv", "lemma")


def blame_verbs() -> frozenset[str]:
    """Verbs whose object (or passive subject) is the doer of a deed: "accused X of …"."""
    return words("blame_verbs.tsv", "lemma")


@cache
def anaphors() -> dict[str, tuple[str, tuple[str, ...], bool]]:
    """head noun → (kind, keywords, refers when bare)."""
    return {
        row["head"]: (
            row["kind"],
            tuple(k for k in row["keywords"].split("|") if k),
            row["bare"] == "yes",
        )
        for row in rows("anaphors.tsv")
    }


@cache
def demonyms() -> dict[str, str]:
    """Nationality adjective (lower case) → the country's name (``demonyms.tsv``)."""
    return {row["demonym"].lower(): row["country"] for row in rows("demonyms.tsv")}


def demonym_country(text: str) -> str | None:
    """The country a nationality word names: "Iraqi", "Iraqis", "Sri Lankan"."""
    lexicon = demonyms()
    lower = text.lower()
    if lower in lexicon:
        return lexicon[lower]
    singular = lower[:-1] if lower.endswith("s") else ""
    return lexicon.get(singular) if singular.endswith(("an", "i")) else None


def describes_state_forces(name: str, whose: bool = True) -> bool:
    """A name that only describes a state's forces: "the army", "Salvadoran Army", "Iraqi
    security forces", "regime troops", "Nigeria's army" (not "Lord's Resistance Army",
    "rebel forces"; ``state_force_words.tsv``). Without ``whose``, a name that says which
    state's forces they are ("Rwandan forces", "Nigeria's army") is none.

    >>> describes_state_forces("Iraqi security forces"), describes_state_forces("rebel forces")
    (True, False)
    >>> describes_state_forces("Nigeria's army"), describes_state_forces("God's army")
    (True, False)
    >>> describes_state_forces("Congolese army")  # a nationality of more than one state
    True
    >>> describes_state_forces("air force", whose=False)
    True
    >>> describes_state_forces("Rwandan forces", whose=False)
    False
    """
    tokens = name.lower().split()
    if not tokens or tokens[-1] not in _state_force_words("head"):
        return False
    modifiers = _state_force_words("modifier")
    return all(
        token in modifiers
        or (
            whose
            and (
                demonym_country(token) is not None
                or token in words("shared_demonyms.tsv")
                or _country_possessive(token)
            )
        )
        for token in tokens[:-1]
    )


def _country_possessive(word: str) -> bool:
    """A country's name in the possessive, lower case: "nigeria's" (of "Nigeria's army")."""
    stem = word.removesuffix("'s").removesuffix("\u2019s")
    return stem != word and stem in _country_names()


@cache
def _country_names() -> frozenset[str]:
    """The countries ``demonyms.tsv`` names, lower case."""
    return frozenset(country.lower() for country in demonyms().values())


@cache
def names_state_forces_body(name: str) -> bool:
    """A description of a state's forces as a whole ("the Israeli military", "Russian
    forces"), not of some of its people ("Russian soldiers")."""
    words = name.lower().split()
    return describes_state_forces(name) and words[-1] in _state_force_words("body")


def _state_force_words(role: str) -> frozenset[str]:
    return frozenset(row["word"] for row in rows("state_force_words.tsv") if row["role"] == role)


def names_a_facility(name: str, place_types: tuple[str, ...] | None) -> bool:
    """A name of a building or installation ("Sheraton Hotel", "Camp Shorabak",
    "Salvadoran Consulate"): one of its words is one of ``facility_nouns.tsv``, and the
    knowledge base knows no place by that name (``place_types``, ``Token._.ckg_place_types``:
    "Port Sudan" is a city)."""
    if place_types and place_types != ("unknown",):
        return False
    facilities = word_set("facility_nouns.tsv")
    return any(word.lower() in facilities for word in name.split())


def positions_of(doc: Doc, attribute: int, strings: Iterable[str]) -> list[int]:
    """The indices of the tokens whose ``attribute`` (``spacy.attrs.LOWER``, ``LEMMA``) is
    one of ``strings``, read from the doc's array: a Token object for every word costs more
    than the few words looked for."""
    keys = {doc.vocab.strings[string] for string in strings}
    return [i for i, key in enumerate(doc.to_array(attribute).tolist()) if key in keys]
