"""Entities of one article from the spaCy doc: armed groups, organisations, places.

Mentions with the same normalised name are one entity; an acronym in brackets after a
name is that name's other form ("… Democratic Forces (SDF)"), as is an acronym made of
a longer name's initials ("ISIS" for "Islamic State of Iraq and Syria") and a lone head
word of a longer name ("the Observatory").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from kg_builder.extract.dateline import dateline_tokens
from kg_builder.extract.dates import is_month_name
from kg_builder.extract.lexicon import (
    blame_verbs,
    demonym_country,
    demonyms,
    describes_state_forces,
    positions_of,
    words,
)
from kg_builder.knowledge.names import common_words, initials, normalise_name
from kg_builder.model import Entity, EntityKind, Mention
from kg_builder.nlp.components import ARMED, ORG, PLACE
from kg_builder.nlp.resources import word_set

KIND_OF_LABEL = {
    ARMED: EntityKind.ARMED_GROUP,
    ORG: EntityKind.ORGANISATION,
    PLACE: EntityKind.PLACE,
}
FUNCTION_WORDS = frozenset({"of", "and", "the", "for", "in", "al", "el", "de", "la", "du"})


#: actor-type concept of a state's forces
STATE_FORCES = "StateForces"
#: actor types of a state's own or a foreign state's forces: never an article's insurgents
STATE_ACTOR_TYPES = frozenset({STATE_FORCES, "ExternalForces"})


def non_state_group(entity: Entity) -> bool:
    """An armed group that is no state's forces: the kind of group an article's insurgents
    ("the rebels", "guerrillas") are."""
    return entity.kind == EntityKind.ARMED_GROUP and entity.actor_type not in STATE_ACTOR_TYPES


@dataclass
class EntityTable:
    """The article's entities and which tokens mention which entity."""

    entities: dict[str, Entity] = field(default_factory=dict)
    by_token: dict[int, str] = field(default_factory=dict)
    #: entity keys in order of first mention, for "most recent X" look-ups
    order: list[tuple[int, str]] = field(default_factory=list)

    def at(self, token_index: int) -> Entity | None:
        key = self.by_token.get(token_index)
        return self.entities[key] if key else None

    def before(self, token_index: int) -> list[Entity]:
        """Entities mentioned before a token, most recent first."""
        seen: list[str] = []
        for i, key in sorted(self.order, reverse=True):
            if i < token_index and key not in seen:
                seen.append(key)
        return [self.entities[k] for k in seen]

    def add_description(self, span: Span, kind: EntityKind, actor_type: str | None) -> Entity:
        """An entity known only by a description ("extremists linked to … affiliate")."""
        label = span.text.strip()
        key = f"{kind.value}:desc:{normalise_name(label)}"
        entity = self.entities.get(key)
        if entity is None:
            entity = Entity(key=key, kind=kind, label=label, actor_type=actor_type, named=False)
            self.entities[key] = entity
        sent = _sentence_index(span)
        entity.mentions.append(Mention(label, span.start_char, span.end_char, sent))
        self.order.append((span.start, key))
        for i in range(span.start, span.end):
            self.by_token.setdefault(i, key)
        return entity


def _sentence_index(span: Span) -> int:
    doc = span.doc
    for n, sent in enumerate(doc.sents):
        if sent.start <= span.start < sent.end:
            return n
    return 0


def _clean_name(span: Span) -> str:
    text = span.text.strip()
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip(" -,.;:")


def _dateline(span: Span) -> bool:
    """A name that opens a line or follows the headline's full stop and is followed by a date
    or the agency: "LONDON (Reuters) - …", "BELGRADE 1996-08-30 Result …", "LIMA, 3 MAR 90".
    The parser may make it the subject of the lead's verb; it is where the report was filed."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    opens = _opens_line(doc, span.start) or _after_byline(span)
    after = doc[span.end]
    if after.text == "," and span.end + 1 < len(doc):
        after = doc[span.end + 1]
    # "KINSHASA, June 8 (Reuters) -": a date may open with its month
    dated = after.text[:1].isdigit() or (
        is_month_name(after.text) and after.i + 1 < len(doc) and doc[after.i + 1].like_num
    )
    return opens and (after.text == "(" or dated)


def _in_dateline(span: Span) -> bool:
    """A name in a wire dateline's place ("KADUNA, Nigeria (Reuters) - …", see
    ``dateline.py``): where the report was filed, whatever the model made of a name in
    capitals. (:func:`_dateline` reads, besides, the undashed lines of results pages,
    "BELGRADE 1996-08-30", and a city after a reporter's byline, anywhere in a text.)"""
    start, place_end, _ = dateline_tokens(span.doc)
    return start <= span.start < place_end


def _agency(doc: Doc) -> Span | None:
    """The agency a wire dateline credits: "Garowe Online" in "MOGADISHU, July 3 (Garowe
    Online) - …", a news outlet wherever the article names it, whatever place bears its
    name."""
    _, place_end, story = dateline_tokens(doc)
    words = [t.i for t in doc[place_end:story] if not (t.is_punct or t.is_space)]
    return doc[words[0] : words[-1] + 1] if words else None


def _agency_named(ent: Span, agency: Span, agency_key: str) -> Span | None:
    """The span of the dateline's agency that the entity names or opens: the agency itself
    where the entity lies in it, or its name (normalised: ``agency_key``) told again later
    ("Garowe" opens "told Garowe Online"); None otherwise."""
    if agency.start <= ent.start < agency.end:
        return agency
    told = ent.doc[ent.start : ent.start + len(agency)]
    return told if normalise_name(told.text) == agency_key else None


def _opens_line(doc: Doc, i: int) -> bool:
    """Token ``i`` opens a line or follows a sentence's final stop."""
    before = doc[i - 1] if i else None
    return before is None or before.is_space or before.text in {".", "!", "?"}


#: most words of a reporter's byline before a dateline ("Larisa Sayenko MINSK …")
BYLINE_WORDS = 3


def _after_byline(span: Span) -> bool:
    """A name in capitals right after a reporter's byline, a short run of capitalised words
    that opens a line: "Larisa Sayenko MINSK 1996-08-30 A senior official …" (not in text
    written all in capitals, where every word is)."""
    doc = span.doc
    if doc._.ckg_all_caps or not all(t.is_upper for t in span if t.is_alpha):
        return False
    k = span.start
    while k > 0 and span.start - k < BYLINE_WORDS and doc[k - 1].is_title:
        k -= 1
    return span.start - k >= 2 and _opens_line(doc, k)


def _people_of_a_nation(span: Span) -> bool:
    """A place the model read in nationality words and a plural common noun, capitalised as
    in a headline or wire copy: "several Salvadoran Businessmen" are people, not a place (the
    nationality word still mentions its country)."""
    *front, last = span
    return (
        span.label_ == PLACE
        and bool(front)
        and all(demonym_country(token.text) is not None for token in front)
        and (last.tag_ in {"NNS", "NNPS"} or last.lower_.endswith(("s", "men")))
        and common_words(last.lower_, PLURAL_NOUN_ZIPF)
    )


#: how common in English the plural after a nationality word must be ("businessmen" 3.6)
PLURAL_NOUN_ZIPF = 3.0


def _acts(span: Span) -> bool:
    """A place named as the doer of an action stands for its state or government.

    "Syria has accused Israel of …": Syria is the subject of "accused" — an actor, not a
    location. (A place that is the subject of "be" or a passive verb stays a place.)
    """
    if _dateline(span) or _in_dateline(span):
        return False
    if span.start > 0 and span.doc[span.start - 1].lower_ in _place_prepositions():
        # "Near Palmyra, one strike destroyed …": where, whatever the parser made of a
        # capitalised preposition opening the sentence
        return False
    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:  # "the U.S. and the UK launched …"
        root = root.head
    verb = root.head
    if root.dep_ == "pobj" and verb.dep_ == "agent":
        # "the ceasefire announced by Russia and Turkey" (not "surrounded by Syria")
        return verb.head.pos_ == "VERB" and verb.head.lemma_.lower() not in PLACE_VERBS
    if root.dep_ in {"dobj", "nsubjpass"} and verb.lemma_.lower() in blame_verbs():
        # "Syria has accused Israel of bombarding …", "Russia was blamed for the strike":
        # the state said to have done the deed; not a place read in a person's name ("…
        # accused San Salvador Archbishop Arturo Rivera y Damas of …")
        return all(t.dep_ == "det" for t in span.doc[root.left_edge.i : span.start])
    if root.dep_ in {"poss", "compound"} and verb.lemma_.lower() in words(
        "state_stance_nouns.tsv", "lemma"
    ):
        # "Australia's response to the crisis", "UK support for Iraq": what the state does
        return True
    if root.dep_ == "dobj" and verb.lemma_.lower() == "include":
        # "coalition nations which have conducted strikes include Australia, Bahrain, …"
        return any(c.dep_ == "nsubj" and c.lemma_.lower() in STATE_NOUNS for c in verb.children)
    return (
        root.dep_ == "nsubj"
        and verb.pos_ == "VERB"
        and verb.lemma_.lower() not in {"be", "have", "remain", "become", "lie", "border"}
    )


@cache
def _place_prepositions() -> frozenset[str]:
    """The locative prepositions that put a place where something happens ("in", "near",
    "outside"), without "of" and the compass words, which also open a name or a genitive."""
    compass = ("north", "south", "east", "west")
    return frozenset(
        word
        for word in words("locative_prepositions.tsv")
        if word != "of" and not word.endswith(compass)
    )


#: verbs whose doer is a place in its geography, not its state ("bordered by Syria")
PLACE_VERBS = frozenset({"border", "surround", "separate", "divide", "cross", "bound"})
#: nouns of states as members of a group ("coalition nations … include Australia")
STATE_NOUNS = frozenset({"nation", "country", "state", "government", "member", "partner", "ally"})


def _same_referent(short: str, long: str) -> bool:
    """Does ``short`` name what ``long`` names (acronym or lone head word)?

    >>> _same_referent("ISIS", "Islamic State of Iraq and Syria")
    True
    >>> _same_referent("Observatory", "Syrian Observatory for Human Rights")
    True
    >>> _same_referent("UN", "UN Security Council")
    False
    """
    if short.isupper() and len(short) >= 2 and initials(long, FUNCTION_WORDS) == short:
        return True
    words = long.split()
    if short.isupper() and words[:1] == [short] and any(w[:1].isupper() for w in words[1:]):
        return False  # "UN" is not the "UN Security Council", whose parent it names
    return (
        len(words) > 1
        and " " not in short
        and short in words[:2] + words[-1:]
        and (short[:1].isupper() and short.lower() not in FUNCTION_WORDS)
    )


def _acronym_like(name: str) -> bool:
    """Written as an acronym ("SDF", "U.S.", "IS-GS"): a bracketed name that is another form
    of the name before it; "Natalia Karimova (Russia)" brackets a different thing."""
    return " " not in name and name.isupper()


def _cut_from_a_longer_name(table: EntityTable, key: str, acronym: str) -> bool:
    """A one-word place before a bracketed acronym of three or more letters is the tail of a
    longer name the model cut short: "U.N. Interim Force in Lebanon (UNIFIL)" - UNIFIL is not
    Lebanon ("Democratic Republic of Congo (DRC)" names the place it follows)."""
    entity = table.entities[key]
    return (
        entity.kind == EntityKind.PLACE
        and len(entity.label.split()) == 1
        and len(acronym) >= 3
        and acronym != entity.label.upper()
    )


def collect_entities(doc: Doc) -> EntityTable:
    """Group the doc's ARMED / ORG / PLACE spans into entities."""
    table = EntityTable()
    sentence_of = {}
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            sentence_of[i] = n
    # "several Salvadoran Businessmen": people, not a place (``_add_demonyms`` still reads
    # their nationality words)
    people = {i for e in doc.ents if _people_of_a_nation(e) for i in range(e.start, e.end)}
    agency = _agency(doc)
    agency_key = normalise_name(agency.text) if agency is not None else ""
    for ent in doc.ents:
        kind = KIND_OF_LABEL.get(ent.label_)
        if kind is None:
            continue
        name = _clean_name(ent)
        if not name or not any(c.isalpha() for c in name):
            continue
        if ent.start in people:
            continue
        named_agency = _agency_named(ent, agency, agency_key) if agency is not None else None
        if named_agency is not None:
            # "(Garowe Online)" in the dateline, "… told Garowe Online"
            ent, kind, name = named_agency, EntityKind.ORGANISATION, named_agency.text
        elif kind != EntityKind.PLACE and _in_dateline(ent):
            kind = EntityKind.PLACE
        elif kind == EntityKind.PLACE and _acts(ent):
            kind = EntityKind.ORGANISATION  # "Turkey shelled …", "Syria has accused Israel"
        # "(SDF)" right after a name: the bracketed acronym is that name's other form
        before = ent.start - 1
        alias_of = None
        if (
            before >= 1
            and doc[before].text == "("
            and ent.end < len(doc)
            and doc[ent.end].text == ")"
        ):
            alias_of = table.by_token.get(before - 1) if _acronym_like(name) else None
            if alias_of is not None and _cut_from_a_longer_name(table, alias_of, name):
                alias_of = None
            if alias_of is not None:
                _absorb_earlier_acronym(table, alias_of, name)
        key = (
            alias_of or _find_existing(table, kind, name) or f"{kind.value}:{normalise_name(name)}"
        )
        if not normalise_name(name):
            continue
        entity = table.entities.get(key)
        if entity is None:
            entity = Entity(key=key, kind=kind, label=name, named=any(c.isupper() for c in name))
            if kind == EntityKind.ARMED_GROUP and describes_state_forces(name):
                # a state's forces are never "the insurgent group the article is about"
                entity.actor_type = STATE_FORCES
            table.entities[key] = entity
        elif name not in entity.surface_forms():
            entity.alt_labels.append(name)
        entity.mentions.append(
            Mention(name, ent.start_char, ent.end_char, sentence_of.get(ent.start, 0))
        )
        table.order.append((ent.start, key))
        for i in range(ent.start, ent.end):
            table.by_token[i] = key
    _add_demonyms(doc, table, sentence_of, people)
    _add_served_places(doc, table, sentence_of)
    return table


@cache
def _demonym_first_words() -> frozenset[str]:
    """First words of the nationality words, singular and plural ("sri", "iraqi", "iraqis")."""
    firsts = {demonym.split()[0] for demonym in demonyms()}
    return frozenset(firsts | {f"{word}s" for word in firsts})


def _inside_longer_name(span: Span) -> bool:
    """A nationality word among other capitalised words is part of a name the model did not
    tag: "Scottish National Party", "West Indian". Not where a person's title or name
    follows ("German Chancellor Kohl", "Russian Prime Minister Viktor Chernomyrdin",
    "American Dennis Mitchell"), nor after a capitalised number ("Seven Iraqi men" opening
    a sentence)."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if (
        before is not None
        and not before.is_sent_start
        and _capitalised(before)
        and not before.like_num
        and before.pos_ not in {"NUM", "DET"}
    ):
        return True
    if span.end >= len(doc) or not _capitalised(doc[span.end]):
        return False
    titles = word_set("person_titles.tsv")
    persons = {e.start for e in doc.ents if e.label_ == "PERSON"}
    for token in doc[span.end : span.end + TITLE_REACH]:
        if not _capitalised(token):
            break
        if token.lower_ in titles or token.i in persons:
            return False
    return True


#: how far into the capitalised words after a nationality word a title or a person's name
#: may start ("Zairean Prime Minister Kengo": "Minister" is the third)
TITLE_REACH = 3


def _names_language(span: Span) -> bool:
    """A nationality word that names the language: "broadcast in English", "translated into
    Arabic", "speaks Russian", "an English-language daily" (but "in English law")."""
    doc = span.doc
    word = span[-1]
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text in {"-", "‑"} and span.end + 1 < len(doc):
        return doc[span.end + 1].lower_ == "language"
    if after is not None and after.pos_ in {"NOUN", "PROPN"}:
        return False
    head = word.head
    return (word.dep_ == "pobj" and head.lower_ in {"in", "into"}) or (
        word.dep_ == "dobj" and head.lemma_.lower() in LANGUAGE_VERBS
    )


#: verbs whose object is a language ("speaks Russian")
LANGUAGE_VERBS = frozenset({"speak", "write", "translate", "read", "learn", "teach"})


def _capitalised(token: Token) -> bool:
    return token.is_alpha and token.text[:1].isupper() and not token.is_upper


def _add_demonyms(
    doc: Doc, table: EntityTable, sentence_of: dict[int, int], people: set[int]
) -> None:
    """A nationality word mentions its country: "Iraqi troops", "the Syrians" mention Iraq
    and Syria. The mention joins the country's place entity (made if the article does not
    name the country), for the report's ``ckg:mentions`` and for linking; it is no name of
    the country (no label) and no token of the entity table, so attack arguments never
    come from it. Inside an organisation's or place's name ("Syrian Observatory for Human
    Rights", "Iraqi Kurdistan") it is part of that name, but not in the span of people
    of a nation (``people``, the tokens of ``_people_of_a_nation`` spans)."""
    # a lone nationality noun the model reads as a person ("a Briton") is the nationality
    inside_names = {
        i
        for e in doc.ents
        if e.label_ in {ORG, PLACE, "PERSON"} and not (len(e) == 1 and e.label_ == "PERSON")
        for i in range(e.start, e.end)
    } - people
    all_caps = bool(doc._.ckg_all_caps)
    first_words = _demonym_first_words()
    # most words are no nationality's first word: only those are looked at
    starts = positions_of(doc, LOWER, first_words)
    taken_until = 0
    for i in starts:
        if i < taken_until:
            continue
        for width in (2, 1):
            span = doc[i : i + width]
            if len(span) < width or any(t.i in inside_names for t in span):
                continue
            # a capital tells the nationality from "polish" or "french fries"; true-cased
            # wire copy may have lowered it, where the tagger must read an adjective or name
            if not (span.text[:1].isupper() or (all_caps and span[-1].pos_ in {"ADJ", "PROPN"})):
                continue
            country = demonym_country(span.text)
            if country is None or _names_language(span):
                continue
            if span.start not in people and _inside_longer_name(span):
                continue
            _place_entity(table, country).mentions.append(
                Mention(span.text, span.start_char, span.end_char, sentence_of.get(i, 0))
            )
            taken_until = i + width
            break


def _add_served_places(doc: Doc, table: EntityTable, sentence_of: dict[int, int]) -> None:
    """The place a body's name says it serves ("South Sudan" of "the UN Mission in South
    Sudan") is mentioned, as a nationality word mentions its country (``_add_demonyms``):
    for the report's ``ckg:mentions`` and as context for linking the article's other places
    ("Bor"), never as an argument of an attack."""
    bodies = [e for e in doc.ents if KIND_OF_LABEL.get(e.label_) not in {None, EntityKind.PLACE}]
    for start, end in doc._.ckg_served_places or []:
        if not any(e.start <= start and end <= e.end for e in bodies):
            continue  # the body's name did not stay one
        span = doc[start:end]
        _place_entity(table, span.text).mentions.append(
            Mention(span.text, span.start_char, span.end_char, sentence_of.get(start, 0))
        )


def _place_entity(table: EntityTable, name: str) -> Entity:
    """The place entity of this name, made (labelled with it) if the article has none."""
    key = _find_existing(table, EntityKind.PLACE, name) or (
        f"{EntityKind.PLACE.value}:{normalise_name(name)}"
    )
    entity = table.entities.get(key)
    if entity is None:
        entity = Entity(key=key, kind=EntityKind.PLACE, label=name, named=True)
        table.entities[key] = entity
    return entity


def _plural_of(plural: str, singular: str) -> bool:
    """ "Houthis" and "Houthi", "Kurds" and "Kurd": a group named by its members (normalised
    names of at least four letters)."""
    return len(singular) >= 4 and plural == singular + "s"


def _absorb_earlier_acronym(table: EntityTable, key: str, acronym: str) -> None:
    """ "National Liberation Army (ELN)" defines the acronym a headline used before it
    ("ELN drone attack …"), whose initials need not be the English name's: the entity the
    acronym named so far is the named one."""
    norm = normalise_name(acronym)
    earlier = [
        other
        for other, entity in table.entities.items()
        if other != key and any(normalise_name(f) == norm for f in entity.surface_forms())
    ]
    entity = table.entities[key]
    for other in earlier:
        absorbed = table.entities.pop(other)
        for form in absorbed.surface_forms():
            if form not in entity.surface_forms():
                entity.alt_labels.append(form)
        entity.mentions = sorted([*entity.mentions, *absorbed.mentions], key=lambda m: m.start)
        table.by_token = {i: key if k == other else k for i, k in table.by_token.items()}
        table.order = [(i, key if k == other else k) for i, k in table.order]


def _without_possessive(name: str) -> str:
    """ "Myanmar's military" → "Myanmar military": one body, whether written with the
    possessive or not."""
    return normalise_name(re.sub(r"['’]s\b", "", name))


def _find_existing(table: EntityTable, kind: EntityKind, name: str) -> str | None:
    norm = normalise_name(name)
    bare = _without_possessive(name)
    for key, entity in table.entities.items():
        if entity.kind != kind and {entity.kind, kind} != {
            EntityKind.ARMED_GROUP,
            EntityKind.ORGANISATION,
        }:
            continue
        for form in entity.surface_forms():
            form_norm = normalise_name(form)
            if form_norm == norm:
                return key
            if kind != EntityKind.PLACE and (
                bare == _without_possessive(form)
                or _same_referent(name, form)
                or _same_referent(form, name)
                or _plural_of(norm, form_norm)
                or _plural_of(form_norm, norm)
            ):
                return key
    return None
