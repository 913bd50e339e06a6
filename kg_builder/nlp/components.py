"""The project's own spaCy components, registered with ``@Language.factory``.

They run after the statistical NER and give the entity layer the domain knowledge a
general model lacks:

* ``ckg_patterns`` (a ``span_ruler`` with the ents filter ``ckg.patterns_over_model.v1``) —
  the generic patterns of conflict reporting ("Syrian regime forces", "the US-led
  coalition") win over the model's entities, except inside a longer organisation name.
* ``ckg_gazetteer`` — capitalised spans the shipped knowledge base knows as a place,
  armed group or organisation ("Palmyra", "al-Sukhna", "ISIS") win over the model's guess.
* ``ckg_entity_types`` — maps the remaining model labels onto the three kinds the graph
  holds (ARMED, ORG, PLACE), using organisation head words ("… Democratic Forces").
* ``ckg_name_consistency`` — a name recognised once in a document is recognised at every
  occurrence ("Amaq" after "its Amaq news outlet").
* ``ckg_attack_triggers`` — marks attack and casualty words (``Token._.ckg_trigger``).

Entity labels set here: ``ARMED``, ``ORG``, ``PLACE``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans, registry

from kg_builder.knowledge.kb import KnowledgeBase, load_default_kb
from kg_builder.knowledge.names import normalise_name, spells_acronym
from kg_builder.nlp.casing import frequency
from kg_builder.nlp.resources import nlp_tsv, read_tsv, word_set

ARMED, ORG, PLACE = "ARMED", "ORG", "PLACE"
#: a town this big is a place even where the model read its name as a person's
WELL_KNOWN_POPULATION = 20_000
#: a word the article uses in a person's full name is that person where it recurs alone,
#: unless it names a country, a first-level division or a city this big ("Galan" after "Luis
#: Carlos Galan" is the man, not the Colombian town; "Lima" after "Juan Lima" is still Lima)
PERSON_WORD_PLACE_POPULATION = 100_000
#: wordfreq zipf frequency of an ordinary English word ("just", "march")
ORDINARY_WORD = 3.5
DOMAIN_LABELS = frozenset({ARMED, ORG, PLACE})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: model labels of names that are something other than a place
NAMED_NOT_PLACE = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART"})
#: where a noun of the clause stands, not a modifier: "shelled Aleppo", "in Aleppo"
PLACE_NOUN_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "appos", "conj", "attr"})
#: lower-case tokens allowed inside or at the start of a transliterated name
NAME_PARTICLES = frozenset(
    {"al", "el", "as", "ad", "ar", "at", "az", "an", "ash", "ez", "es", "ed", "bin", "ibn", "abu"}
)
#: particles that are also English words ("at", "as", "an"): they open a name only when
#: hyphenated to it ("as-Sukhnah"), so "at Bogota" or "such as Lima" stays "Bogota" / "Lima"
ENGLISH_LIKE_PARTICLES = frozenset({"as", "ad", "ar", "at", "az", "an", "ash", "ez", "es", "ed"})
#: capitalised words that qualify a place name without being part of another name
DIRECTION_WORDS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "upper",
        "lower",
        "greater",
        "old",
        "new",
        "city",
        "province",
        "state",
        "region",
        "district",
    }
)
NAME_GLUE = frozenset(
    {"-", "'", "’", "of", "de", "du", "da", "das", "dos", "la", "del", "the", "and"}
)
#: glue that opens a name when capitalised: the Romance article of "La Ceiba", "Del Rio"
OPENING_GLUE = frozenset({"la", "de", "du", "del"})
MAX_NAME_TOKENS = 8
#: a word this frequent in English (zipf) is a word, not an unknown place ("DISARRAY", 2.96)
ENGLISH_WORD = 2.0
#: wordfreq zipf frequency of a common noun and its singular that name no group
#: ("guerrillas", "guerrilla"), above the rarer words groups are called by ("Contras")
COMMON_NOUN = 3.0
#: a town this populous is a city
CITY_POPULATION = 100_000
EDGES = ("start", "end", "start_of")

Token.set_extension("ckg_trigger", default=None, force=True)
#: on a place name's tokens: the kinds of place the knowledge base knows by that name
#: ("country", "admin1", "admin_sub", "locality", "city" for a locality of 100,000), or
#: ("unknown",); read by the place model of ``extract/places.py``
Token.set_extension("ckg_place_types", default=None, force=True)
Doc.set_extension("ckg_all_caps", default=False, force=True)
#: (start, end) token spans of the places inside bodies' names that run on to the place they
#: serve ("South Sudan" of "the UN Mission in South Sudan"), mentioned for context only
Doc.set_extension("ckg_served_places", default=None, force=True)
#: the indices of the tokens with a ``ckg_trigger``, in order (``None``: not marked)
Doc.set_extension("ckg_triggers", default=None, force=True)


def _is_name_token(token: Token) -> bool:
    text = token.text
    return (text[:1].isupper() and any(c.isalpha() for c in text)) or token.lower_ in NAME_PARTICLES


def _and_parts(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of a capitalised run that "and" separates ("Tal Abyad", "Ras al-Ain")."""
    parts: list[tuple[int, int]] = []
    for k in range(start, end):
        if doc[k].lower_ == "and":
            parts.append((start, k))
            start = k + 1
    parts.append((start, end))
    return [(s, e) for s, e in parts if s < e]


def _candidate_runs(doc: Doc) -> Iterable[tuple[int, int]]:
    """Maximal runs of capitalised tokens, with particles and glue inside them."""
    i = 0
    n = len(doc)
    while i < n:
        if not _is_name_token(doc[i]) or (doc[i].lower_ in NAME_GLUE and not _opens_name(doc, i)):
            i += 1
            continue
        j = i + 1
        while j < n and (_is_name_token(doc[j]) or _glue_before_name(doc, j)):
            j += 1
        yield i, j
        i = j


#: lower-case words inside a body's name between capitalised parts: "Islamic State in the
#: Greater Sahara", "Organization for Security and Co-operation in Europe". Not name glue,
#: because "Syrian Democratic Forces in Raqqa" is a body and a place: only a name the
#: knowledge base or the group lexicons know crosses them
#: (:meth:`Gazetteer._bodies_across_prepositions`)
NAME_PREPOSITIONS = frozenset({"in", "for"})


def _runs_across_prepositions(
    doc: Doc, runs: list[tuple[int, int]]
) -> Iterable[tuple[int, int, list[int]]]:
    """Capitalised runs joined by prepositions of ``NAME_PREPOSITIONS``, each with an
    optional "the": (start, end, the prepositions' indices), for two runs or more."""
    group: list[tuple[int, int]] = []
    for run in [*runs, (len(doc) + 2, len(doc) + 2)]:
        if group:
            end = group[-1][1]
            joined = end < len(doc) and doc[end].text in NAME_PREPOSITIONS
            if joined and (run[0] == end + 1 or (run[0] == end + 2 and doc[end + 1].text == "the")):
                group.append(run)
                continue
            if len(group) > 1:
                yield group[0][0], group[-1][1], [end for _, end in group[:-1]]
        group = [run]


#: most words from a name to the noun that introduces it as a body ("… civil defence group")
DESCRIPTOR_GAP = 4
#: words an acronym may leave out or spell ("United Nations Interim Force in Lebanon", UNIFIL)
ACRONYM_SKIPPABLE = frozenset({"in", "for", "of", "the", "and", "on", "de", "la", "del"})
#: fewest letters of an acronym that vouches for the name before it
ACRONYM_LETTERS = 3


def _inside_run(span: Span, runs: list[tuple[int, int]]) -> bool:
    """The span is a strict part of one capitalised run ("Gran" of "Gran Grif")."""
    return any(
        start <= span.start and span.end <= end and (start, end) != (span.start, span.end)
        for start, end in runs
    )


def _described_label(kind: str) -> str:
    """The label of a name a noun of ``body_descriptors.tsv`` introduces."""
    return ARMED if kind == "armed" else ORG


def _plausible_body_name(name: Span) -> bool:
    """Capitalised words at both ends, none of them a function word ("No group claimed",
    "This group"), and one word only where it is no ordinary English word ("a TV
    channel")."""
    edges = (name[0], name[-1])
    if any(t.is_stop or not t.is_alpha or not (t.is_title or t.is_upper) for t in edges):
        return False
    return len(name) > 1 or frequency(name.text.lower()) < ORDINARY_WORD


def _spelt_by_acronym(doc: Doc, start: int, end: int, last_joint: int) -> Span | None:
    """A body's name the knowledge base does not know that runs across "in" or "for",
    vouched for by its acronym in brackets right after it: "the United Nations Assistance
    Mission in Afghanistan (UNAMA)". The longest such name, labelled as the model labelled
    its first words (an organisation where it did not)."""
    if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
        return None
    acronym = doc[end + 1].text
    if len(acronym) < ACRONYM_LETTERS or not acronym.isupper() or not acronym.isalpha():
        return None
    for i in range(start, last_joint):
        words = [t.text for t in doc[i:end] if not t.is_punct or t.text.endswith(".")]
        if spells_acronym(words, acronym, ACRONYM_SKIPPABLE):
            label = doc[i].ent_type_ if doc[i].ent_type_ in {ORG, ARMED} else ORG
            return Span(doc, i, end, label=label)
    return None


def _opens_name(doc: Doc, i: int) -> bool:
    """A capitalised Romance article right before a name word opens the name: "La Ceiba"."""
    return (
        doc[i].lower_ in OPENING_GLUE
        and doc[i].text[:1].isupper()
        and i + 1 < len(doc)
        and doc[i + 1].text[:1].isupper()
    )


def _glued_edge(span: Span) -> bool:
    """The span starts or ends with glue ("of Iraq", "Iraq and"), unless a Romance article
    opens it ("La Ceiba")."""
    opening = span[0].lower_ in NAME_GLUE and not _opens_name(span.doc, span.start)
    return opening or span[-1].text in NAME_GLUE


def _glue_before_name(doc: Doc, j: int) -> bool:
    """Glue words leading to a name word: "of", "and the" ("Islamic State of Iraq and the
    Levant"), a linking particle between hyphens ("Tehrik-i-Taliban", "Lashkar-e-Taiba")."""
    k = j
    glue = 0  # particles between hyphens do not count
    while k < len(doc) and glue < 2:
        particle = _linking_particle(doc, k)
        if not (particle or doc[k].text in NAME_GLUE):
            break
        glue += not particle
        k += 1
    return k > j and k < len(doc) and _is_name_token(doc[k])


#: the Persian and Urdu particles that link two words of a name, written between hyphens
#: ("Tehrik-i-Taliban", "Jaish-e-Mohammed", "Hizb-ul-Mujahideen")
LINKING_PARTICLES = frozenset({"e", "i", "ul", "ut", "ud", "un"})


def _linking_particle(doc: Doc, k: int) -> bool:
    return (
        doc[k].lower_ in LINKING_PARTICLES
        and 0 < k < len(doc) - 1
        and doc[k - 1].text == "-"
        and doc[k + 1].text == "-"
    )


@cache
def _span_edges() -> dict[str, frozenset[str]]:
    """Edge → words never part of a name at that edge (``span_edges.tsv``)."""
    rows = nlp_tsv("span_edges.tsv")
    return {edge: frozenset(r["word"] for r in rows if r["edge"] == edge) for edge in EDGES}


def strip_edge_words(span: Span) -> Span:
    """A name without the words the model took in at its edges (``span_edges.tsv``): "the
    Syrian Observatory for Human Rights" → "Syrian Observatory for Human Rights", "Near
    Palmyra" → "Palmyra", "Aleppo and" → "Aleppo"; and without trailing punctuation."""
    edges = _span_edges()
    start = span.start
    doc = span.doc
    if (
        start + 2 < span.end
        and doc[start].lower_ in edges["start_of"]
        and doc[start + 1].lower_ == "of"
    ):
        start += 2  # "Members of the Gran Grif": the name is what follows "of"
    while start < span.end - 1 and span.doc[start].lower_ in edges["start"]:
        start += 1
    end = span.end
    while end > start + 1 and (
        span.doc[end - 1].is_punct or span.doc[end - 1].lower_ in edges["end"]
    ):
        end -= 1
    return Span(span.doc, start, end, label=span.label_)


GROUP_NAME_FILES = ("group_names.tsv", "group_names_train.tsv")


@cache
def group_names() -> dict[str, str]:
    """Normalised name → kind (armed | org), from the group-name lexicons."""
    return {
        normalise_name(row["name"]): row["kind"]
        for name in GROUP_NAME_FILES
        for row in nlp_tsv(name)
    }


class Gazetteer:
    """Labels capitalised spans that the knowledge base knows.

    >>> # "… between Palmyra and Deir Ezzour …": spaCy alone tags Palmyra as a PERSON;
    >>> # the gazetteer knows it is a place and relabels it PLACE.
    """

    def __init__(
        self,
        kb: KnowledgeBase,
        stopwords: frozenset[str],
        designators: frozenset[str],
        group_names: dict[str, str],
        person_titles: frozenset[str] = frozenset(),
        organisation_heads: frozenset[str] = frozenset(),
        office_titles: frozenset[str] = frozenset(),
        regions: frozenset[str] = frozenset(),
        document_nouns: frozenset[str] = frozenset(),
        descriptors: dict[str, str] | None = None,
        media: frozenset[str] = frozenset(),
        facilities: frozenset[str] = frozenset(),
        settlements: frozenset[str] = frozenset(),
        place_prepositions: frozenset[str] = frozenset(),
        scoped_heads: dict[str, frozenset[str]] | None = None,
    ):
        #: prepositions after which a name is where (``place_prepositions.tsv``)
        self.place_prepositions = place_prepositions
        #: nouns ending a body's name that runs on to the place it serves, each with the
        #: prepositions that join them ("Mission" with "in": ``scoped_body_heads.tsv``)
        self.scoped_heads = scoped_heads or {}
        #: designators of a settlement ("village"), which a country's name before them does
        #: not name
        self.settlements = settlements
        #: nouns of sites ("base", "camp"), which a nationality word only describes
        self.facilities = facilities
        #: nouns that introduce a body's name → its kind (``body_descriptors.tsv``) …
        self.descriptors = descriptors or {}
        #: … and those of them that introduce a paper, broadcaster or agency
        self.media = media
        self.person_titles = person_titles
        #: what a body issues ("communique", "statement"): no body
        self.document_nouns = document_nouns
        self.office_titles = office_titles
        #: continents and world regions, places the knowledge base does not hold
        self.regions = regions
        self.organisation_heads = organisation_heads
        self.kb = kb
        self.stopwords = stopwords
        self.designators = designators
        self.group_names = group_names

    def _country_before_settlement(self, span: Span, noun: Token) -> bool:
        """ "an eastern Congo village", "a Syria town": a settlement in the country, not a
        settlement named after it (the linker had found El Congo, in El Salvador)."""
        return noun.lower_ in self.settlements and any(
            place.place_type == "country" for place in self.kb.find_places(span.text)[:1]
        )

    def _plausible_place(self, span: Span, strict: bool = False) -> bool:
        """A one-word place name the model did not read as a place, or an ordinary English
        word, must be a well-known place: "Just", "Nicolás", "Universidad" are villages
        somewhere, but in a news sentence they are a word or a person. ``strict``: the word
        sits among other capitalised words and must be well-known whatever the model said."""
        if len(span) > 1:
            return True
        if not strict:
            if span[0].ent_type_ in PLACE_LABELS:
                return True
            ordinary = frequency(span.text.lower()) >= ORDINARY_WORD
            if span[0].ent_type_ not in NAMED_NOT_PLACE and not ordinary:
                return True
        return self._known_place(span.text, WELL_KNOWN_POPULATION)

    def _known_place(self, text: str, population: int) -> bool:
        """A country, a first-level division or a town of at least ``population`` bears the
        name. Any record of the name counts: "Dublin" is first a county of that name without
        a population, then the city."""
        return any(
            place.place_type in {"country", "admin1"} or (place.population or 0) >= population
            for place in self.kb.find_places(text, loose=False)
        )

    def _named_before_descriptor(
        self, doc: Doc, runs: list[tuple[int, int]], found: list[Span]
    ) -> list[Span]:
        """A name nobody recognised that modifies a noun which introduces a body, with only
        lower-case words between: "The White Helmets civil defence group said …", "the Hamd
        rights group". The name is the body's (an armed group's before "militia"). A place
        the gazetteer found in a part of the name does not stop it ("the Gran Grif gang")."""
        if doc._.ckg_all_caps:
            return []  # every word is capitalised: a run is no name
        taken = {
            i
            for span in found
            if not (span.label_ == PLACE and _inside_run(span, runs))
            for i in range(span.start, span.end)
        }
        # a person the model read is no person before "militia" ("the Jaysh al-Fatah militia")
        taken |= {i for e in doc.ents if e.label_ != "PERSON" for i in range(e.start, e.end)}
        bodies: list[Span] = []
        for start, end in runs:
            name = strip_edge_words(doc[start:end])
            if not len(name) or any(i in taken for i in range(name.start, name.end)):
                continue
            if not _plausible_body_name(name):
                continue
            head = name[-1].head
            while head.lower_ not in self.descriptors and head.head.i > head.i:
                head = head.head  # "… civil defence group": "defence", then "group"
            kind = self.descriptors.get(head.lower_)
            between = doc[name.end : head.i + 1]
            if (
                kind is None
                or not name.end <= head.i < name.end + DESCRIPTOR_GAP
                or not all(t.is_lower and t.is_alpha for t in between)
            ):
                continue
            bodies.append(Span(doc, name.start, name.end, label=_described_label(kind)))
        return bodies

    def _media_before(self, doc: Doc, i: int) -> bool:
        """A lower-case noun of a newspaper, broadcaster or agency right before token ``i``
        ("the daily Granma"), not one that is part of a longer name ("Granma daily")."""
        return i > 0 and doc[i - 1].is_lower and doc[i - 1].lower_ in self.media

    def _label_for(self, text: str) -> str | None:
        if text in self.stopwords or len(text) < 2:
            return None
        known = self.group_names.get(normalise_name(text))
        if known is not None:
            return ARMED if known == "armed" else ORG
        if self.kb.is_actor_name(text):
            actors = self.kb.find_actors(text)
            return ARMED if actors and actors[0].armed else ORG
        if self.kb.is_place_name(text) or text in self.regions:
            return PLACE
        return None

    def _named_otherwise_by_another_name(self, named: set[tuple[int, int]], span: Span) -> bool:
        """The model reads the very span (``named``: the model's organisation spans) as an
        organisation, and the knowledge base has it only as another name of a place: "Mobil,
        Shell and Caltex" (an old name of Mobile, Alabama), "the Palestinian Authority" (a
        name of Palestine)."""
        if (span.start, span.end) not in named:
            return False
        return not any(primary for _, primary in self.kb.place_hits(span.text))

    def _country_name(self, text: str) -> bool:
        """A country's own name ("Tajikistan"), whatever the model says (it may read it as a
        nationality, NORP)."""
        key = normalise_name(text)
        return any(
            place.place_type == "country" and normalise_name(place.name) == key
            for place in self.kb.find_places(text, loose=False)
        )

    def _place_not_nationality(self, span: Span) -> bool:
        """A word the model read as a nationality (NORP) that names a place: a country's own
        name ("Tajikistan"), or a place's own name standing as a noun of the clause
        ("Militants shelled Aleppo"), where "Syrian" in "Syrian forces" modifies one."""
        if self._country_name(span.text):
            return True
        token = span[0]
        return (
            token.pos_ == "PROPN"
            and token.dep_ in PLACE_NOUN_DEPS
            and any(primary for _, primary in self.kb.place_hits(span.text))
        )

    def _person_run(self, doc: Doc, start: int, end: int) -> bool:
        """A capitalised run that names a person: after a title ("Colonel Valdemar Quintero"),
        or read as a person by the model over two or more of its words ("Jose Marroquin")."""
        for k in (start - 1, start):
            if 0 <= k < end - 1 and doc[k].lower_.rstrip(".") in self.person_titles:
                return True
        words = [
            t
            for t in doc[start:end]
            if t.ent_type_ == "PERSON"
            and t.lower_ not in NAME_PARTICLES
            and t.lower_ not in NAME_GLUE  # "La Paz" read as a person is one name word
        ]
        return len(words) >= 2

    def _other_name_words(self, doc: Doc, span: Span, start: int, end: int) -> list[Token]:
        """The words of the capitalised run around a one-word candidate that could belong to
        another name: not the candidate, particles, glue, designators or directions. "and"
        ends the candidate's part of the run: "Mayadeen and Deir Ezzor" are two names."""
        for k in range(span.start - 1, start - 1, -1):
            if doc[k].lower_ == "and":
                start = k + 1
                break
        for k in range(span.end, end):
            if doc[k].lower_ == "and":
                end = k
                break
        return [
            t
            for t in doc[start:end]
            if t.i != span.start
            and t.lower_ not in NAME_PARTICLES
            and t.text not in NAME_GLUE
            and t.lower_ not in self.designators
            and t.lower_ not in DIRECTION_WORDS
        ]

    def _lone_word_in_run(self, doc: Doc, span: Span, start: int, end: int) -> bool:
        """A one-word place inside a longer run of other capitalised words that are neither
        designators nor directions ("Gonzalo Rodriguez Gacha"): likely part of another name."""
        return len(span) == 1 and bool(self._other_name_words(doc, span, start, end))

    def _where_named(self, span: Span, start: int, end: int) -> bool:
        """A whole run the model reads as a person's name, after a preposition of place,
        that names a large town or a division: "killed three people near Khan Younis"."""
        return (
            (span.start, span.end) == (start, end)
            and start > 0
            and span.doc[start - 1].lower_ in self.place_prepositions
            and self._known_place(span.text, PERSON_WORD_PLACE_POPULATION)
        )

    def _persons_origin(self, span: Span) -> bool:
        """A country or division after "of" right after a person the model reads is where the
        person is from: "Jesper Parnevik of Sweden", "Ambassador Tono Eitel of Germany"."""
        doc = span.doc
        k = span.start - 1
        if k < 1 or doc[k].lower_ != "of" or doc[k].ent_type_ == "PERSON":
            return False
        return doc[k - 1].ent_type_ == "PERSON" and self._country_or_division(span.text)

    def _inside_other_name(self, doc: Doc, span: Span, start: int, end: int) -> bool:
        """A one-word town among two or more other name words ("Gonzalo Rodriguez Gacha"):
        part of a person's or organisation's name, unless it is a country or division."""
        if len(span) > 1 or len(self._other_name_words(doc, span, start, end)) < 2:
            return False
        return not self._country_or_division(span.text)

    def _country_or_division(self, text: str) -> bool:
        """The knowledge base's first record of the name is a country or a first-level
        division."""
        places = self.kb.find_places(text, loose=False)
        return bool(places) and places[0].place_type in {"country", "admin1"}

    def _bodies_across_prepositions(self, doc: Doc, runs: list[tuple[int, int]]) -> list[Span]:
        """Names of armed groups and organisations the knowledge base or the lexicons know
        that run across "in" or "for" ("Al-Qaida in the Islamic Maghreb", "Organization for
        Security and Co-operation in Europe"); the model cuts them in two, a body and a
        place."""
        bodies: list[Span] = []
        for start, end, joints in _runs_across_prepositions(doc, runs):
            spans = (
                doc[i:j]
                for i in range(start, joints[-1])
                for j in range(min(end, i + MAX_NAME_TOKENS), i + 1, -1)
                if any(i < k < j - 1 for k in joints)
            )
            for span in spans:
                if _glued_edge(span) or (span[0].is_stop and span[0].lower_ not in NAME_GLUE):
                    continue
                label = self._label_for(span.text)
                if label in {ARMED, ORG}:
                    bodies.append(Span(doc, span.start, span.end, label=label))
                    break
            else:
                spelt = (
                    _spelt_by_acronym(doc, start, end, joints[-1])
                    or self._described(doc, start, end, joints[0])
                    or self._scoped(doc, start, end, joints)
                )
                if spelt is not None:
                    bodies.append(spelt)
        return bodies

    def _described(self, doc: Doc, start: int, end: int, first_joint: int) -> Span | None:
        """A name across "in" or "for" right after a noun that introduces a body ("the
        New York-based group Human Rights in China"), when the model reads no name in the
        words before the preposition: they are not the name by themselves."""
        kind = self.descriptors.get(doc[start - 1].lower_) if start else None
        if kind is None or any(
            t.ent_type_ in {ORG, ARMED, "PERSON"} for t in doc[start:first_joint]
        ):
            return None
        if self._label_for(doc[start:first_joint].text) is not None:
            return None
        return Span(doc, start, end, label=_described_label(kind))

    def _scoped(self, doc: Doc, start: int, end: int, joints: list[int]) -> Span | None:
        """A body's name the knowledge base does not know that runs across "in" or "for" to
        the place the body serves: "the UN Mission in South Sudan" (the model reads "UN" and
        "South Sudan"). Two or more capitalised words before the preposition, ending in a
        noun of ``scoped_body_heads.tsv`` that takes it, and a place's name after it that
        ends the run. Not in a text written in capitals, where every word looks like a name."""
        if doc._.ckg_all_caps or len(joints) != 1:
            return None
        joint = joints[0]
        first = start
        while first < joint and doc[first].is_stop:
            first += 1  # "The UN Mission …" opening a sentence
        head = doc[joint - 1]
        if (
            joint - first < 2
            or not head.is_title
            or doc[joint].lower_ not in self.scoped_heads.get(head.lower_, frozenset())
        ):
            return None
        place_start = joint + 1 + (doc[joint + 1].lower_ == "the")
        if place_start >= end or self._label_for(doc[place_start:end].text) != PLACE:
            return None
        label = doc[first].ent_type_ if doc[first].ent_type_ in {ORG, ARMED} else ORG
        doc._.ckg_served_places = [*(doc._.ckg_served_places or []), (place_start, end)]
        return Span(doc, first, end, label=label)

    def _split_at_prepositions(self, doc: Doc) -> None:
        """The reverse cut: the model's one name for a body it knows and a place ("the
        Syrian Democratic Forces in Raqqa") is two names, when the words before "in" are a
        body's name the knowledge base or the lexicons know, the words after it a place's,
        and the whole no known name."""
        ents: list[Span] = []
        for ent in doc.ents:
            joints = [t.i for t in ent[1:-1] if t.text in NAME_PREPOSITIONS]
            if ent.label_ not in {ORG, ARMED} or len(joints) != 1:
                ents.append(ent)
                continue
            body = strip_edge_words(doc[ent.start : joints[0]])
            place_start = joints[0] + 1 + (doc[joints[0] + 1].text == "the")
            place = doc[place_start : ent.end]
            if (
                len(place) == 0
                or self._label_for(body.text) not in {ORG, ARMED}
                or self._label_for(place.text) != PLACE
                or self._label_for(ent.text) is not None
            ):
                ents.append(ent)
                continue
            ents += [
                Span(doc, body.start, body.end, label=ent.label_),
                Span(doc, place.start, place.end, label=PLACE),
            ]
        doc.ents = ents

    def _described_sites(self, doc: Doc) -> None:
        """A site the patterns read as a named one ("Bagram Air Base") that a country or a
        nationality word only describes ("Burkina Faso army base", "Nigerian army base"):
        the country is a place of its own, a nationality word no place; the site is no
        name."""
        ents: list[Span] = []
        for ent in doc.ents:
            head = [t for t in ent if not t.is_lower]
            tail = ent[len(head) :]
            if (
                ent.label_ != PLACE
                or not head
                or not len(tail)
                or not all(t.is_lower for t in tail)
                or tail[-1].lower_ not in self.facilities
            ):
                ents.append(ent)
                continue
            name = doc[ent.start : ent.start + len(head)]
            if self._country_name(name.text):
                ents.append(Span(doc, name.start, name.end, label=PLACE))
            elif not (len(name) == 1 and _adjectival(name[0], self.designators)):
                ents.append(ent)
        doc.ents = ents

    def __call__(self, doc: Doc) -> Doc:
        self._split_at_prepositions(doc)
        self._described_sites(doc)
        person_tokens: set[int] = set()
        # the model's organisations (a transliterated town it reads as a person, "Palmyra",
        # is often a town: persons are not counted)
        named = {(e.start, e.end) for e in doc.ents if e.label_ in {ORG, ARMED}}
        runs = list(_candidate_runs(doc))
        found = self._bodies_across_prepositions(doc, runs)
        taken = {i for span in found for i in range(span.start, span.end)}
        for start, end in runs:
            # "near Tal Abyad and Ras al-Ain": a person's name the model reads in one part of
            # a run joined by "and" makes no person of the other part
            persons = [part for part in _and_parts(doc, start, end) if self._person_run(doc, *part)]
            for part in persons:
                person_tokens.update(range(*part))
            i = start
            while i < end:
                matched = False
                for j in range(min(end, i + MAX_NAME_TOKENS), i, -1):
                    span = doc[i:j]
                    if _glued_edge(span) or any(k in taken for k in range(i, j)):
                        continue
                    if span[-1].lower_ in NAME_PARTICLES:
                        # an article opens a name ("as-Sukhnah"), it never closes one: the
                        # knowledge base's keys join words, and "San Salvador as" would be
                        # the Lithuanian "San Salvadoras"
                        continue
                    if span[0].text in ENGLISH_LIKE_PARTICLES and (
                        len(span) < 2 or span[1].text not in {"-", "‑"}
                    ):
                        continue
                    if len(span) == 1 and (span[0].like_num or span[0].pos_ == "NUM"):
                        continue  # "Three" is a village somewhere, and a number here
                    if (
                        len(span) > 1
                        and span[0].is_stop
                        and span[0].lower_ not in NAME_PARTICLES | NAME_GLUE
                    ):
                        continue  # "But Le Matin said": a sentence's first word opens no name
                    label = self._label_for(span.text)
                    if label is None:
                        continue
                    if (
                        label == PLACE
                        and len(span) == 1
                        and _adjectival(span[0], self.designators)
                        and not self._place_not_nationality(span)
                    ):
                        continue  # "Nigerian", "Syrian desert": a nationality, not a place
                    person = next((p for p in persons if p[0] <= i < p[1]), None)
                    if (
                        label == PLACE
                        and (
                            (person is not None and not self._where_named(span, *person))
                            or self._inside_other_name(doc, span, start, end)
                        )
                        and not _dateline_after_byline(doc, span, end)
                        and not self._persons_origin(span)
                    ):
                        continue
                    if label == PLACE and self._named_otherwise_by_another_name(named, span):
                        continue
                    if label == PLACE and not self._plausible_place(
                        span, strict=self._lone_word_in_run(doc, span, start, end)
                    ):
                        continue
                    if label == PLACE and i == start and self._media_before(doc, i):
                        label = ORG  # "the official newspaper Granma": a paper named so
                    # "Homs province", "Idlib governorate": the designator belongs to the name
                    elif (
                        label == PLACE
                        and j < len(doc)
                        and doc[j].lower_ in self.designators
                        and not self._country_before_settlement(span, doc[j])
                    ):
                        j += 1
                    elif (
                        label == PLACE
                        and j < len(doc)
                        and (doc[j].is_title or doc[j].is_upper)
                        and doc[j].lower_ in self.organisation_heads
                        and not _inside_longer(doc, i, j + 1)
                    ):
                        # "the Jakarta Post", "Kabul Radio": a body named after its place
                        label, j = ORG, j + 1
                    found.append(Span(doc, i, j, label=label))
                    i = j
                    matched = True
                    break
                if not matched:
                    i += 1
        # the model's own place inside a person's name ("Colonel Valdemar Quintero") goes too,
        # and its nationality (NORP) that is a country's own name ("Tajikistan")
        norp = {(e.start, e.end) for e in doc.ents if e.label_ == "NORP"}
        countries = {
            (s.start, s.end)
            for s in found
            if (s.start, s.end) in norp
            and s.label_ == PLACE
            and len(s) == 1
            and self._place_not_nationality(s)
        }
        doc.ents = [
            e
            for e in doc.ents
            if not (e.label_ == PLACE and all(t.i in person_tokens for t in e))
            and not (e.label_ == "NORP" and (e.start, e.end) in countries)
        ]
        # a lone function word is no place, whatever village bears its name ("-- From taking
        # it easy"); "US" in capitals stays
        person_words = _person_name_words(doc, person_tokens)
        found = self._without_portfolios(doc, found)
        bodies = self._named_before_descriptor(doc, runs, found)
        # "The Gran Grif gang": a place the gazetteer read in a body's name is no place
        found = [
            span
            for span in found
            if not any(span.start < b.end and b.start < span.end for b in bodies)
        ] + bodies
        doc.ents = [
            e
            for e in _merge_entities(doc, found)
            if not (
                e.label_ == PLACE
                and len(e) == 1
                and (
                    self._word_not_place(e[0])
                    or (
                        e[0].lower_ in person_words
                        and not self._known_place(e.text, PERSON_WORD_PLACE_POPULATION)
                    )
                )
            )
            and not (e.label_ == ORG and len(e) == 1 and self._word_not_organisation(e[0]))
        ]
        return doc

    def _word_not_organisation(self, token: Token) -> bool:
        """A lone plural of an English noun the model took for an organisation only because
        it opens a sentence ("Guerrillas attacked …"): a description of the doers, which the
        extraction reads as one, not a name. A name ("Interpol said …", "Contras") or one the
        knowledge base knows stays. Nor is what a body issues ("the Communique adds …",
        ``document_nouns.tsv``) a body."""
        word = token.lower_
        if word in self.document_nouns:
            return True  # "THE COMMUNIQUE ADDS …": what a body issued
        return (
            (bool(token.doc._.ckg_all_caps) or bool(token.is_sent_start))
            and word.endswith("s")
            and frequency(word) >= COMMON_NOUN
            and frequency(word[:-1]) >= COMMON_NOUN
            and normalise_name(token.text) not in self.group_names
            and not self.kb.find_actors(token.text)
            and not self.kb.is_place_name(token.text)
        )

    def _without_portfolios(self, doc: Doc, found: list[Span]) -> list[Span]:
        """Drop the model's portfolio organisations (`_portfolio`) and our names inside them,
        but for a country or region the office covers ("Envoy for Syria Staffan de
        Mistura", "Minister for the Middle East Tobias Ellwood"): any other name may be a
        word of the holder's name."""
        portfolios = [e for e in doc.ents if e.label_ == ORG and self._portfolio(e)]
        if not portfolios:
            return found
        doc.ents = [e for e in doc.ents if e not in portfolios]
        return [
            s
            for s in found
            if not any(p.start <= s.start < p.end for p in portfolios)
            or (s.label_ == PLACE and (self._country_name(s.text) or s.text in self.regions))
        ]

    def _portfolio(self, span: Span) -> bool:
        """The model's organisation of three or more words right after an office's title
        and "for", "to" or "of" is what the office covers run together with the holder's
        name ("Minister for the Middle East Tobias Ellwood", "Ambassador to Iraq Douglas
        Silliman"): no organisation."""
        doc = span.doc
        k = span.start - 1
        if k >= 0 and doc[k].lower_ == "the":
            k -= 1
        return (
            len(span) >= 3
            and k >= 1
            and doc[k].lower_ in {"for", "to", "of"}
            and doc[k - 1].is_title
            and doc[k - 1].lower_ in self.office_titles
        )

    def _word_not_place(self, token: Token) -> bool:
        """A lone word taken for a place that is a word: a function word ("-- From taking it
        easy"), or an English word no gazetteer knows as a place that is capitalised only
        because it opens a sentence ("Guerrillas dynamited …") or because the true-caser of
        wire copy took it for rare ("MASTERMINDS", "DISARRAY", "LACKEYS")."""
        if token.is_stop and not token.is_upper:
            return True
        return (
            (bool(token.doc._.ckg_all_caps) or bool(token.is_sent_start))
            and frequency(token.lower_) >= ENGLISH_WORD
            and not self.kb.is_place_name(token.text)
        )


def _person_name_words(doc: Doc, person_tokens: set[int]) -> set[str]:
    """The words of the persons the article names in full: runs read as a person's name
    (after a title, or two words the model reads as a person) and the model's persons of
    two or more words ("Tamerlan Tsarnaev"), particles left out."""
    tokens = set(person_tokens)
    for ent in doc.ents:
        if ent.label_ == "PERSON" and sum(t.is_alpha for t in ent) >= 2:
            tokens.update(range(ent.start, ent.end))
    return {
        doc[i].lower_
        for i in tokens
        if doc[i].is_alpha and len(doc[i]) > 2 and doc[i].lower_ not in NAME_PARTICLES
    }


def _dateline_after_byline(doc: Doc, span: Span, run_end: int) -> bool:
    """A name in capitals that ends a run of title-case words is the dateline after the
    reporter's byline: "Glenn Somerville WASHINGTON 1996-08-30 Factory orders rose …"."""
    return (
        span.end == run_end
        and span.start > 0
        and not doc._.ckg_all_caps
        and all(t.is_upper and len(t) > 1 for t in span if t.is_alpha)
        and doc[span.start - 1].is_title
    )


def _inside_longer(doc: Doc, start: int, end: int) -> bool:
    """A longer entity of the model holds the tokens: "Syrian Observatory" is only the start
    of the "Syrian Observatory for Human Rights"."""
    return any(e.start <= start and end <= e.end and len(e) > end - start for e in doc.ents)


def _adjectival(token: Token, designators: frozenset[str]) -> bool:
    """A single word used as an adjective: "Syrian" in "various Syrian desert regions"."""
    if token.pos_ == "ADJ" or token.ent_type_ == "NORP":
        return True
    head = token.head
    return (
        token.dep_ in {"amod", "compound"}
        and head.i > token.i
        and head.is_lower
        and head.lower_ not in designators
        and token.lower_.endswith(("ian", "ese", "ish", "i", "an"))
    )


def _protects(model_span: Span, ours: Span) -> bool:
    """Keep a model span over a name of ours that it should not lose.

    A nationality ("Syrian", NORP) is not a place; a place name inside a longer
    organisation or place name ("Syrian Observatory for Human Rights", "the Middle East")
    stays part of it.
    """
    if model_span.label_ == "NORP" and ours.label_ == PLACE:
        return model_span.start <= ours.start < model_span.end
    inside = model_span.start <= ours.start and ours.end <= model_span.end
    inside = inside and len(model_span) > len(ours)
    if ours.label_ in {ARMED, ORG} and model_span.label_ == ARMED and inside:
        return True  # "Syrian Air Force" (a state force) is more than the "Air Force" we know
    return (
        ours.label_ == PLACE
        and model_span.label_
        in {"ORG", "ARMED", "PLACE", "FAC", "WORK_OF_ART", "EVENT", "LAW", "GPE", "LOC"}
        and inside
    )


def _patterns_over_model(entities: Iterable[Span], matches: Iterable[Span]) -> list[Span]:
    """The patterns' matches win over the model's entities they overlap (the longest match
    first), except a match wholly inside a longer organisation name of the model: "Drug
    Administration" (the pattern "… Administration") is part of "the U.S. Food and Drug
    Administration", but "Syrian regime forces" beats the model's "Syrian" (NORP). A model
    name holding two matches is two bodies run together ("Iraqi Armed Forces and Popular
    Mobilization Forces"): the matches win."""
    model = list(entities)
    matches = sorted(matches, key=lambda span: (len(span), -span.start), reverse=True)

    def inside(match: Span, name: Span) -> bool:
        return name.start <= match.start and match.end <= name.end and len(name) > len(match)

    names = [
        e
        for e in model
        if e.label_ == "ORG"
        and len(filter_spans([m for m in matches if e.start <= m.start and m.end <= e.end])) == 1
    ]
    kept: list[Span] = []
    taken: set[int] = set()
    for match in matches:
        if any(i in taken for i in range(match.start, match.end)):
            continue
        if any(inside(match, name) for name in names):
            continue
        kept.append(match)
        taken.update(range(match.start, match.end))
        model = [e for e in model if e.end <= match.start or match.end <= e.start]
    return model + kept


@registry.misc("ckg.patterns_over_model.v1")
def make_patterns_over_model() -> object:
    return _patterns_over_model


def _merge_entities(doc: Doc, ours: list[Span]) -> list[Span]:
    """Our spans win over overlapping model spans, except where `_protects` says no."""
    ents = doc.ents  # spaCy builds the spans anew on each access
    kept_ours = [s for s in ours if not any(_protects(e, s) for e in ents)]
    taken = {i for s in kept_ours for i in range(s.start, s.end)}
    model = [e for e in ents if not any(i in taken for i in range(e.start, e.end))]
    return filter_spans([*kept_ours, *model])


@Language.factory("ckg_gazetteer", default_config={"kb_path": None})
def make_gazetteer(nlp: Language, name: str, kb_path: str | None) -> Gazetteer:
    kb = KnowledgeBase.open(Path(kb_path)) if kb_path else load_default_kb()
    descriptors = nlp_tsv("body_descriptors.tsv")
    suffixes = [
        row
        for row in read_tsv("kg_builder.knowledge", "resources/designators.tsv")
        if row["kind"] == "suffix" and " " not in row["phrase"]
    ]
    designators = frozenset(row["phrase"].lower() for row in suffixes)
    return Gazetteer(
        kb,
        word_set("gazetteer_stopwords.tsv"),
        designators,
        group_names(),
        word_set("person_titles.tsv"),
        frozenset(row["word"] for row in nlp_tsv("organisation_nouns.tsv") if row["kind"] == "org"),
        word_set("office_titles.tsv"),
        word_set("world_regions.tsv", "name"),
        word_set("document_nouns.tsv"),
        {row["word"]: row["kind"] for row in descriptors},
        frozenset(row["word"] for row in descriptors if row["media"] == "yes"),
        word_set("facility_nouns.tsv"),
        # "city", "town", "village": the designators of a settlement
        frozenset(row["phrase"].lower() for row in suffixes if row["hint"] == "locality"),
        word_set("place_prepositions.tsv"),
        {
            row["word"]: frozenset(row["prepositions"].split())
            for row in nlp_tsv("scoped_body_heads.tsv")
        },
    )


class EntityTypes:
    """Maps model labels onto ARMED / ORG / PLACE and trims leading determiners.

    "Kurdish Democratic Forces" (model ORG) ends in "Forces", so it is ARMED;
    "the Syrian Observatory for Human Rights" becomes ORG "Syrian Observatory for Human Rights".
    """

    def __init__(self) -> None:
        self.heads = {row["word"]: row["kind"] for row in nlp_tsv("organisation_nouns.tsv")}
        #: the words that make a model "facility" a place ("Sheraton Hotel", "Airport Road")
        self.facility_nouns = word_set("facility_nouns.tsv")
        self.site_words = self.facility_nouns | word_set("place_nouns.tsv")
        frames = nlp_tsv("place_frames.tsv")
        self.frames_before = frozenset(r["word"] for r in frames if r["side"] == "before")
        self.frames_after = frozenset(r["word"] for r in frames if r["side"] == "after")
        self.place_prepositions = word_set("place_prepositions.tsv")

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for ent in doc.ents:
            span = strip_edge_words(ent)
            # "Amaq news outlet": the lower-case tail says what it is, the name is "Amaq";
            # but "defence ministry" is no "defence", nor "Gaza health ministry" "Gaza
            # health" (a ministry is named by its portfolio)
            end = span.end
            while (
                end > span.start + 1
                and doc[end - 1].is_lower
                and self.heads.get(doc[end - 1].lower_) == "org"
                and not (doc[end - 1].lower_ in MINISTRY_HEADS and doc[end - 2].is_lower)
            ):
                end -= 1
            span = doc[span.start : end]
            span = doc[span.start : _before_a_date(span)]
            if not len(span):
                continue
            label = ent.label_
            if label == "ORG" and _common_adjective(span):
                continue  # "Fierce fighting left 1,000 dead": the model's ORG is a word
            # "the death of Gonzalo Rodriguez Gacha": a "facility" without a word of one is
            # left to the gazetteer, which keeps it where a place bears the name; but "near
            # Mir Ali" names a place the gazetteer may not know (and would read the town
            # "Ali" in it)
            if (
                label == "FAC"
                and not any(t.lower_ in self.site_words for t in span)
                and not self._after_place_preposition(span)
            ):
                continue
            if label == ARMED and self._names_a_facility(span):
                continue
            if label in PLACE_LABELS or (
                label in MISREAD_PLACE_LABELS and self._framed(span, label)
            ):
                label = PLACE
            elif label == "ORG":
                label = ARMED if any(self.heads.get(t.lower_) == "armed" for t in span) else ORG
            spans.append(Span(doc, span.start, span.end, label=label))
        spans.extend(self._unread_framed_names(doc, spans))
        doc.ents = filter_spans(spans)
        return doc

    def _names_a_facility(self, span: Span) -> bool:
        """A force's name that is the first part of a building's: "the Bogota military
        hospital", "a Kabul military court" name a site, not the forces (the gazetteer still
        finds the town)."""
        after = span.doc[span.end] if span.end < len(span.doc) else None
        return after is not None and after.is_lower and after.lower_ in self.facility_nouns

    def _after_place_preposition(self, span: Span) -> bool:
        """A name of two or more capitalised words right after a preposition of place
        ("near Mir Ali", "in Sabon Gari"), in text not written in capitals."""
        doc = span.doc
        return (
            not doc._.ckg_all_caps
            and len(span) >= 2
            and span.start > 0
            and doc[span.start - 1].lower_ in self.place_prepositions
            and all(_name_word(t) for t in span)
        )

    def _unread_framed_names(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Places a phrase of place frames whose name the model read as nothing at all:
        "residents of the town of Pont-Sonde" (a hyphen joins the name's words). Not in a
        text written in capitals, where every word looks like a name."""
        if doc._.ckg_all_caps:
            return []
        taken = {i for span in spans for i in range(span.start, span.end)}
        found: list[Span] = []
        for i in range(2, len(doc)):
            if (
                i in taken
                or not _name_word(doc[i])
                or doc[i - 1].lower_ != "of"
                or doc[i - 2].lower_ not in self.frames_before
            ):
                continue
            end = i + 1
            while end < len(doc) and end not in taken:
                if _name_word(doc[end]):
                    end += 1
                elif doc[end].text in HYPHENS and end + 1 < len(doc) and _name_word(doc[end + 1]):
                    end += 2
                else:
                    break
            found.append(Span(doc, i, end, label=PLACE))
        return found

    def _framed(self, span: Span, label: str) -> bool:
        """A name that a phrase of place frames: "the village of Kwatarkwashi", "the Sambisa
        forest" (``place_frames.tsv``), whatever kind of name the model took it for."""
        doc = span.doc
        if any(_GLUED.search(token.text) for token in span):
            return False  # "SyriaThe desert": two words run together, no name
        if (
            span.start >= 2
            and doc[span.start - 1].lower_ == "of"
            and doc[span.start - 2].lower_ in self.frames_before
        ):
            return True
        after = doc[span.end] if span.end < len(doc) else None
        # "a Bahraini village" is a village in Bahrain: a nationality word names no place
        return (
            after is not None
            and after.is_lower
            and after.lower_ in self.frames_after
            and label != "NORP"
        )


#: heads of a body a lower-case portfolio word names ("the defence ministry")
MINISTRY_HEADS = frozenset({"ministry", "department"})
#: a capital right after a small letter: two words run together by a faulty text extraction
_GLUED = re.compile(r"[a-z][A-Z]")
#: model labels under which a framed place name is sometimes read ("Kwatarkwashi" NORP)
MISREAD_PLACE_LABELS = frozenset({"ORG", "NORP", "PERSON"})


#: a year written in figures, which opens a date written in figures ("1996-08-30")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_ISO_DATE = re.compile(r"^(?:1[89]|20)\d\d-\d\d-\d\d$")


def _before_a_date(span: Span) -> int:
    """Where a name ends that the model ran on into a date in figures: "SEOUL 1996-08-30
    Results of South Korean" is "SEOUL", the wire dateline's place. A name holds no date,
    though it may hold a number ("Route 7", "Brigade 313")."""
    doc = span.doc
    for token in span:
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if _YEAR.match(token.text) and following is not None and following.text in {"-", "/"}:
            return token.i
        if _ISO_DATE.match(token.text):
            return token.i
    return span.end


def _common_adjective(span: Span) -> bool:
    """One ordinary English adjective ("Fierce", capitalised as a sentence's first word)."""
    token = span[0]
    return len(span) == 1 and token.pos_ == "ADJ" and frequency(token.lower_) >= ORDINARY_WORD


#: the hyphens that join the words of a name ("Pont-Sonde", "Khan‑Sheikhoun")
HYPHENS = frozenset({"-", "\u2011"})


def _name_word(token: Token) -> bool:
    """A capitalised word that may be part of a name: "Pont", "Sonde" (not "The", "I")."""
    return token.is_alpha and token.is_title and len(token) > 1 and not token.is_stop


@Language.factory("ckg_entity_types")
def make_entity_types(nlp: Language, name: str) -> EntityTypes:
    return EntityTypes()


class NameConsistency:
    """One sense per document: every other occurrence of a recognised name gets its label."""

    def __init__(self, nlp: Language) -> None:
        self.vocab = nlp.vocab
        self.tokenizer = nlp.tokenizer

    def __call__(self, doc: Doc) -> Doc:
        labels: dict[str, str] = {}
        for ent in doc.ents:
            if ent.label_ in DOMAIN_LABELS and ent.text[:1].isupper():
                labels.setdefault(ent.text, ent.label_)
        if not labels:
            return doc
        matcher = PhraseMatcher(self.vocab)
        for text, label in labels.items():
            matcher.add(label, [self.tokenizer(text)])
        added = [
            Span(doc, start, end, label=self.vocab.strings[match_id])
            for match_id, start, end in matcher(doc)
        ]
        # an organisation's name seen once wins over the place inside it wherever the name
        # recurs ("Air France" after "… deported on an Air France flight")
        ents = doc.ents
        inside = {
            e.start
            for s in added
            if s.label_ in {ORG, ARMED}
            for e in ents
            if e.label_ == PLACE and s.start <= e.start and e.end <= s.end and len(e) < len(s)
        }
        kept = [e for e in ents if e.start not in inside]
        taken = {i for e in kept for i in range(e.start, e.end)}
        fresh = [s for s in added if not any(i in taken for i in range(s.start, s.end))]
        doc.ents = _people_by_surname(filter_spans([*kept, *fresh]))
        return doc


def _people_by_surname(ents: list[Span]) -> list[Span]:
    """A lone word the model reads as an organisation that is part of a person's full name
    in the same article is that person: "Bernardo Jaramillo … killed Jaramillo"."""
    name_parts = {
        token.text
        for ent in ents
        if ent.label_ == "PERSON" and len(ent) > 1
        for token in ent
        if token.is_alpha and token.text[:1].isupper() and len(token) > 2
    }
    if not name_parts:
        return ents
    return [
        Span(ent.doc, ent.start, ent.end, label="PERSON")
        if ent.label_ in {ORG, ARMED} and len(ent) == 1 and ent.text in name_parts
        else ent
        for ent in ents
    ]


@Language.factory("ckg_name_consistency")
def make_name_consistency(nlp: Language, name: str) -> NameConsistency:
    return NameConsistency(nlp)


class PlaceTypes:
    """Marks each place name with the kinds of place the knowledge base holds of that name,
    so that later stages can tell a country from a town without a knowledge base of their own.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.types_of = lru_cache(maxsize=20_000)(self._types)

    def _types(self, text: str) -> tuple[str, ...]:
        found: set[str] = set()
        for place in self.kb.find_places(text, loose=False):
            found.add(place.place_type)
            if place.place_type == "locality" and (place.population or 0) >= CITY_POPULATION:
                found.add("city")
        return tuple(sorted(found)) or ("unknown",)

    def __call__(self, doc: Doc) -> Doc:
        for ent in doc.ents:
            if ent.label_ == PLACE:
                types = self.types_of(ent.text)
                for token in ent:
                    token._.ckg_place_types = types
        return doc


@Language.factory("ckg_place_types", default_config={"kb_path": None})
def make_place_types(nlp: Language, name: str, kb_path: str | None) -> PlaceTypes:
    return PlaceTypes(KnowledgeBase.open(Path(kb_path)) if kb_path else load_default_kb())


def paragraph_breaks(doc: Doc) -> Doc:
    """A line break left after unwrapping (see ``casing.unwrap_lines``) ends a sentence:
    paragraphs, captions and headlines never run together.

    "… Palmyra in 2016. (Reuters)" and the paragraph after it are two sentences, whatever
    the parser would have guessed.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        gap = previous.whitespace_ + (previous.text if previous.is_space else "")
        if gap.count("\n") >= 2 or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc


@Language.factory("ckg_paragraphs")
def make_paragraph_breaks(nlp: Language, name: str) -> object:
    return paragraph_breaks


class AttackTriggers:
    """Sets ``Token._.ckg_trigger`` to ``(attack_type, role)`` for attack and casualty words.

    "… extremists … attacked loyalists …, killing 26 pro-regime fighters": ``attacked`` →
    ``("UnspecifiedAttack", "attack")``, ``killing`` → ``("UnspecifiedAttack", "kill")``.
    """

    def __init__(
        self,
        rows: Iterable[dict[str, str]],
        explosives: frozenset[str] = frozenset(),
        damage_verbs: frozenset[str] = frozenset(),
        killing_manners: dict[str, str] | None = None,
        planting_verbs: frozenset[str] = frozenset(),
        firing: tuple[frozenset[str], frozenset[str], frozenset[str]] = (
            frozenset(),
            frozenset(),
            frozenset(),
        ),
        warning_aims: frozenset[str] = frozenset(),
        euphemisms: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
    ) -> None:
        #: "neutralised four militants": verbs that kill when they act on people, and those
        #: people's nouns
        self.euphemism_verbs, self.euphemism_objects = euphemisms
        self.explosives = explosives
        #: "shooting into the air": what a warning shot is fired into (no attack)
        self.warning_aims = warning_aims
        #: "fired at protesters", "fired rockets": verbs of firing, what they fire, and the
        #: prepositions of what they are aimed at
        self.firing_verbs, self.firing_objects, self.firing_prepositions = firing
        #: "a bomb destroyed the building": a damage verb with an explosive as its subject
        self.damage_verbs = damage_verbs
        #: "placed 11 bombs", "a grenade was hurled": a verb that sets an explosive
        self.planting_verbs = planting_verbs
        #: lemma → attack type of the verbs that kill when their result is death ("shot
        #: dead", "beaten to death")
        self.killing_manners = killing_manners or {}
        self.by_lemma: dict[tuple[str, str], tuple[str, str]] = {}
        #: (lemma, pos) → {governing lemma: (type, role)} for words that need their governor
        self.with_head: dict[tuple[str, str], dict[str, tuple[str, str]]] = {}
        for row in rows:
            key, value = (row["lemma"], row["pos"]), (row["attack_type"], row["role"])
            if row.get("head"):
                for head in row["head"].split("|"):
                    self.with_head.setdefault(key, {})[head] = value
            else:
                self.by_lemma[key] = value

    def lookup(self, token: Token) -> tuple[str, str] | None:
        if token.pos_ in {"VERB", "AUX"}:
            pos = "VERB"
        elif token.pos_ in {"NOUN", "PROPN"}:
            pos = "NOUN"
        else:
            pos = token.pos_
        for lemma in {token.lemma_.lower(), token.lower_}:
            governed = self.with_head.get((lemma, pos))
            if governed and token.head.lemma_.lower() in governed:
                return governed[token.head.lemma_.lower()]
            hit = self.by_lemma.get((lemma, pos)) or self.by_lemma.get((lemma, "ANY"))
            if hit:
                return hit
        # compounds written as one hyphenated or closed word: "car-bomb", "airstrikes"
        if pos == "NOUN" and token.lower_.rstrip("s") in {k[0] for k in self.by_lemma}:
            return self.by_lemma.get((token.lower_.rstrip("s"), "NOUN"))
        return None

    def _killing_beside(self, verb: Token) -> bool:
        """A verb of killing depends on the verb: "… blew up, killing all 107 passengers"."""
        return any(
            c.dep_ in {"advcl", "conj", "xcomp"}
            and (found := self.lookup(c)) is not None
            and found[1] == "kill"
            for c in verb.children
        )

    def _hits_with(self, device: Token, verb: Token) -> bool:
        """A damage verb with the device as its subject and an object: "a bomb damaged the
        offices", "a rocket hit a school"."""
        return (
            device.dep_ == "nsubj"
            and verb.lemma_.lower() in self.damage_verbs
            and any(c.dep_ == "dobj" for c in verb.children)
        )

    def _fires_at(self, verb: Token) -> bool:
        """A verb of firing aimed at someone or something, or firing a weapon: "soldiers fired
        at protesters", "fired their guns", "fired rockets into the town"; not "fired its
        manager"."""
        return (
            verb.pos_ == "VERB"
            and verb.lemma_.lower() in self.firing_verbs
            and any(
                (
                    c.dep_ == "prep"
                    and c.lower_ in self.firing_prepositions
                    and any(
                        o.dep_ == "pobj" and o.ent_type_ not in {"DATE", "TIME"} for o in c.children
                    )
                )
                or (c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in self.firing_objects)
                for c in verb.children
            )
        )

    def _kills_by_euphemism(self, verb: Token) -> bool:
        """ "its forces had neutralised four militants", "dozens of terrorists were
        neutralised": a euphemism of killing acting on people (not "neutralised the bomb")."""
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.euphemism_verbs:
            return False
        for patient in (c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}):
            # "dozens of terrorists": the "of" phrase names who
            nouns = [
                patient,
                *(o for p in patient.children if p.lower_ == "of" for o in p.children),
            ]
            if any(n.lemma_.lower() in self.euphemism_objects for n in nouns):
                return True
        return False

    def _warning_shot(self, verb: Token) -> bool:
        """A shot fired into the air, at nobody: "shooting into the air" (not "shot a man")."""
        return (
            verb.pos_ == "VERB"
            and not any(c.dep_ in {"dobj", "nsubjpass"} for c in verb.children)
            and any(
                c.dep_ == "prep" and any(o.lemma_.lower() in self.warning_aims for o in c.children)
                for c in verb.children
            )
        )

    def _sets(self, device: Token, verb: Token) -> bool:
        """A verb that sets the device, with it as object or passive subject: "persons placed
        11 bombs in bank branches", "a grenade was hurled at …"."""
        return device.dep_ in {"dobj", "nsubjpass"} and verb.lemma_.lower() in self.planting_verbs

    def __call__(self, doc: Doc) -> Doc:
        found: dict[int, tuple[str, str]] = {}
        for token in doc:
            if token.pos_ in {"VERB", "AUX", "NOUN", "PROPN"} and not token.ent_type_:
                hit = self.lookup(token)
                manner = self.killing_manners.get(token.lemma_.lower())
                if manner is not None and token.pos_ == "VERB" and _ends_in_death(token):
                    hit = (manner, "kill")
                elif hit is None and self._fires_at(token):
                    hit = ("UnspecifiedAttack", "attack")
                elif hit is None and self._kills_by_euphemism(token):
                    hit = ("UnspecifiedAttack", "kill")
                if hit is not None and not self._warning_shot(token):
                    found[token.i] = hit
        for token in doc:
            head = token.head
            # a phrasal verb's particle decides it: the verb is the trigger when a bomb went
            # off or blew up, or when it blew something up ("rebels blew up two pylons", "a
            # newspaper was blown up"), or when what blew up killed ("the plane blew up in
            # midair, killing all 107 passengers"); not "tempers blew up"
            if (
                token.dep_ == "prt"
                and head.i not in found
                and any(
                    c.dep_ in {"dobj", "nsubjpass"}
                    or (c.dep_ == "nsubj" and c.lemma_.lower() in self.explosives)
                    or (c.dep_ == "nsubj" and self._killing_beside(head))
                    for c in head.children
                )
            ):
                hit = self.lookup(token)
                if hit is not None:
                    found[head.i] = hit
            elif (
                token.lemma_.lower() in self.explosives
                and head.pos_ == "VERB"
                and head.i not in found
                and (self._hits_with(token, head) or self._sets(token, head))
            ):
                # the verb tells the attack, the device its kind
                weapon = found.get(token.i)
                found[head.i] = (weapon[0] if weapon else "Bombing", "attack")
        for i, hit in found.items():
            doc[i]._.ckg_trigger = hit
        # the extraction reads each sentence's triggers from this index, not every token
        doc._.ckg_triggers = sorted(found)
        return doc


def _ends_in_death(verb: Token) -> bool:
    """The verb's result is death: "shot dead", "shot three policemen dead", "were
    beaten to death"."""
    return any(
        (child.lower_ == "dead" and child.pos_ == "ADJ" and child.dep_ != "amod")
        or (
            child.dep_ == "prep"
            and child.lower_ == "to"
            and any(o.lemma_.lower() == "death" for o in child.children if o.dep_ == "pobj")
        )
        for child in verb.children
    )


@Language.factory("ckg_attack_triggers")
def make_attack_triggers(nlp: Language, name: str) -> AttackTriggers:
    euphemisms = nlp_tsv("euphemistic_killing.tsv")
    return AttackTriggers(
        nlp_tsv("attack_triggers.tsv"),
        word_set("explosive_nouns.tsv"),
        word_set("damage_verbs.tsv"),
        {row["lemma"]: row["attack_type"] for row in nlp_tsv("killing_manners.tsv")},
        word_set("planting_verbs.tsv"),
        (
            word_set("firing_verbs.tsv"),
            word_set("firing_objects.tsv"),
            word_set("firing_prepositions.tsv"),
        ),
        word_set("warning_shot_aims.tsv"),
        (
            frozenset(r["word"] for r in euphemisms if r["kind"] == "verb"),
            frozenset(r["word"] for r in euphemisms if r["kind"] == "object"),
        ),
    )


__all__ = ["ARMED", "DOMAIN_LABELS", "ORG", "PLACE"]
