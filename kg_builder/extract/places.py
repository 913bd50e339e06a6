"""Where each of the article's attacks happened: a coder's choice among the places it names.

The sentence rules of ``attacks.py`` take the first place of a locative phrase in the
attack's clause ("… exploded in Medellin"). A coder weighs more: the town a later sentence
gives ("… in the department of Antioquia. The bomb went off at a police post in Segovia"),
the country where the article names no town, and not the city of the dateline, the place
inside an organisation's name ("the Medellin cartel") or a place named for its history.
This module scores every place the article names, and for each attack

* replaces the rule's place by a likelier and finer place named near the attack (within
  ``NEAR`` sentences of its tellings),
* drops the rule's place when it scores below ``keep_threshold``, unless the text tells it
  as a place ("the town of Segovia") or the knowledge base does not know the name,
* gives an attack told without a place the likeliest place near it, if that reaches
  ``add_threshold``,

and leaves an attack without a place to ``document.inherit_context`` (the previous attack's
place, or the dateline's). A place named only in the dateline is where the report was filed,
never a candidate.

The score is a logistic regression over binary features of the place: how
near it is named to the attacks' sentences and in which role ("in X", "X province",
a modifier of another noun), what kind of place the knowledge base knows by that name
(``Token._.ckg_place_types``: country, first-level division, town), whether a finer place is
named beside it, whether it is the dateline's, how often the article names it relative to
its other places. It is learnt from the MUC-4 training messages that report an attack by
``python scripts/train_places.py``; weights and thresholds ship as
``resources/place_model.json``. Names are not features, nor is how surely the article
reports an attack (that is ``relevance.py``'s question).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span

from kg_builder.extract.attacks import AttackMention
from kg_builder.extract.candidates import (
    mention_spans,
    phrase_role,
    sentence_index,
)
from kg_builder.extract.dateline import dateline_tokens
from kg_builder.extract.entities import EntityTable
from kg_builder.extract.lexicon import names_a_facility
from kg_builder.extract.linear import ArgumentModel, bucket, read_argument_model
from kg_builder.knowledge.kb import TYPE_RANK, UNKNOWN_PLACE_RANK, place_rank
from kg_builder.model import Attack, EntityKind
from kg_builder.nlp.resources import word_set

MODEL_FILE = "resources/place_model.json"
#: sentences before or after an attack's own within which a place counts as near
NEAR = 2


#: the place model: keep a rule's place, add (or put a finer one in its stead)
PlaceModel = ArgumentModel


@cache
def load_model() -> ArgumentModel:
    return read_argument_model(MODEL_FILE)


def _types(span: Span) -> tuple[str, ...]:
    return span[0]._.ckg_place_types or ("unknown",)


def _level(types: tuple[str, ...]) -> float:
    """How specific a name's most specific reading is ("Segovia" is a town as well as a
    division), except that a country's name is the country ("Colombia" is also a village
    somewhere)."""
    if "country" in types:
        return TYPE_RANK["country"]
    return max(TYPE_RANK["locality"] if t == "city" else place_rank(t) for t in types)


def _designated(span: Span, place_nouns: frozenset[str]) -> bool:
    """A name told as a place by a common noun: "the town of Segovia", "Antioquia
    Department", "in the Usulutan area" (not a name that is only such a word: "Forest", a
    surname)."""
    head = span.root.head
    return (
        (len(span) > 1 and any(t.lower_ in place_nouns for t in span))
        or head.lower_ in place_nouns
        or (head.lower_ == "of" and head.head.lower_ in place_nouns)
    )


def _modifier(span: Span, place_nouns: frozenset[str]) -> bool:
    """A place name that qualifies another noun: "the Medellin cartel", "the U.S. embassy"
    (but "the Homs countryside" is in Homs)."""
    last = span[-1]
    return (
        last.dep_ in {"compound", "amod", "poss", "nmod"}
        and last.head.pos_ == "NOUN"
        and last.head.i >= span.end
        and last.head.lower_ not in place_nouns
    )


def _offset(sentence: int, attack_sentences: list[int]) -> int:
    """How many sentences after (or before) the nearest telling of the attack a mention lies."""
    return min((sentence - s for s in attack_sentences), key=abs)


def _distance(offset: int) -> str:
    """A sentence offset as a feature value."""
    if offset == 0:
        return "0"
    sign = "+" if offset > 0 else "-"
    return f"{sign}1" if abs(offset) == 1 else f"{sign}{NEAR}" if abs(offset) <= NEAR else "far"


@dataclass
class PlaceCandidates:
    """For each attack, the places the article names with their features (by entity key),
    and the places named near it."""

    features: list[dict[str, list[str]]]
    near: list[set[str]]
    #: how specific each place is (``kb.TYPE_RANK``, its most specific reading)
    level: dict[str, float]
    #: places the text itself tells as places ("the town of Segovia", "Antioquia
    #: Department") or that the knowledge base does not know (mostly small places): a
    #: clause that names one is not second-guessed
    explicit: set[str] = field(default_factory=set)


def place_features(
    doc: Doc,
    sentences: list[Span],
    table: EntityTable,
    attacks: list[Attack],
    events: list[list[AttackMention]],
) -> PlaceCandidates:
    """Binary features of every place the article names (``sentences``: the doc's, as the
    attack mentions number them; ``attacks`` as the sentence rules left them, before any
    place is inherited)."""
    sentence_of = sentence_index(sentences)
    dateline, place_end, _ = dateline_tokens(doc)
    # a building's name ("the Sheraton Hotel") is what an attack hit, not where
    spans = {
        key: found
        for key, found in mention_spans(doc, table).items()
        if table.entities[key].kind is EntityKind.PLACE
        and not names_a_facility(table.entities[key].label, _types(found[0]))
    }
    told = {
        key: [s for s in found if not dateline <= s.start < place_end]
        for key, found in spans.items()
    }
    told_in = {key: [sentence_of.get(s.start, 0) for s in found] for key, found in told.items()}
    level = {key: _level(_types(found[0])) for key, found in spans.items()}
    attack_sentences = [sorted({m.sentence for m in event}) for event in events]
    # a place named only in the dateline is where the report was filed: it is no candidate,
    # only what ``inherit_context`` falls back on
    near = [
        {k for k, where in told_in.items() if any(abs(n - s) <= NEAR for n in where for s in own)}
        | {k for k in attack.places if told[k]}
        for attack, own in zip(attacks, attack_sentences, strict=True)
    ]
    telling = {n for own in attack_sentences for n in own}
    in_attack = {k: [s for s in told[k] if sentence_of.get(s.start) in telling] for k in spans}
    place_nouns = word_set("place_nouns.tsv")
    # how often the article names a place, relative to its other places (absolute counts
    # and positions depend on the length of the article, and MUC-4's messages are long)
    ranking = sorted({len(found) for found in told.values()}, reverse=True)
    features: dict[str, list[str]] = {}
    explicit: set[str] = set()
    for key, found in spans.items():
        # second-level divisions are in the knowledge base for a dozen countries only (Britain,
        # Uganda, Italy, France, …): that a name is one somewhere says more about the data's
        # coverage than about the article, so it is no feature (it still sets the level)
        values = [f"kb:{t}" for t in _types(found[0]) if t != "admin_sub"]
        if not told[key]:
            values.append("dateline_only")
        else:
            values.append(f"mention_rank:{bucket(ranking.index(len(told[key])) + 1, (1, 2))}")
        if len(spans) == 1:
            values.append("only_place")
        if any(_designated(s, place_nouns) for s in found):
            values.append("designated")
            explicit.add(key)
        if level[key] == UNKNOWN_PLACE_RANK:
            explicit.add(key)
        modifiers = [_modifier(s, place_nouns) for s in told[key]]
        if modifiers and all(modifiers):
            values.append("modifier_only")
        elif any(modifiers):
            values.append("modifier_sometimes")
        if any(key == a.location for a in attacks):
            values.append("rule_place")
        elif any(key in a.places for a in attacks):
            values.append("rule_other_place")
        if len(told[key]) < len(found):
            values.append("dateline")
            if any(not a.places for a in attacks):
                values.append("dateline_and_attack_without_place")
        if told_in[key]:
            distances = {
                _distance(_offset(where, own)) for where in told_in[key] for own in attack_sentences
            }
            values.extend(f"distance:{d}" for d in distances)
        if in_attack[key]:
            beside = {k for k in spans if k != key and in_attack[k]}
            if any(level[o] > level[key] for o in beside):
                values.append("finer_place_beside")
            if any(level[o] < level[key] for o in beside):
                values.append("coarser_place_beside")
            values.extend(f"attack_role:{phrase_role(s)}" for s in in_attack[key])
        features[key] = values
    by_attack = [
        _for_attack(features, attack, own, told, told_in, sentence_of)
        for attack, own in zip(attacks, attack_sentences, strict=True)
    ]
    return PlaceCandidates(by_attack, near, level, explicit)


def _for_attack(
    features: dict[str, list[str]],
    attack: Attack,
    own: list[int],
    told: dict[str, list[Span]],
    told_in: dict[str, list[int]],
    sentence_of: dict[int, int],
) -> dict[str, list[str]]:
    """The article's features of each place, and what the place is to this attack (told in
    its clause by the rules, how near its nearest mention, in which role in its sentences)."""
    scored: dict[str, list[str]] = {}
    for key, values in features.items():
        this = list(values)
        if key == attack.location:
            this.append("this:rule_place")
        elif key in attack.places:
            this.append("this:rule_other_place")
        if told_in[key]:
            offset = min((_offset(n, own) for n in told_in[key]), key=abs)
            this.append(f"this:distance:{_distance(offset)}")
        this.extend(
            f"this:role:{phrase_role(s)}" for s in told[key] if sentence_of.get(s.start, -1) in own
        )
        scored[key] = sorted(set(this))
    return scored


def assign_places(
    attacks: list[Attack],
    scores: list[dict[str, float]],
    candidates: PlaceCandidates,
    model: ArgumentModel,
) -> None:
    """Each attack's place by the model (see the module's account); an attack the model
    gives no place keeps none, for ``inherit_context`` to fill.

    Only a finer place replaces the one the attack's own clause gives: the town a later
    sentence names is where it happened in the province the lead named, but the province
    the article is about does not override "east of Homs". A place the clause tells as one
    ("in the town of Segovia") or a name the knowledge base does not know ("in Tajoura, east
    of Tripoli": mostly a small place) is neither replaced nor dropped."""
    level = candidates.level
    # each attack's places as its own clauses told them, before any choice here
    told = [(a.location, set(a.places)) for a in attacks]
    for n, (attack, nearby, by_key) in enumerate(
        zip(attacks, candidates.near, scores, strict=True)
    ):
        rule = attack.location
        ranked = sorted(
            (k for k in nearby if k in by_key), key=lambda k: (by_key[k], k), reverse=True
        )
        best = ranked[0] if ranked else None
        # a finer place another attack's clause told is that attack's, not this one's ("… in
        # the Lakki Marwat district … Hours later, gunmen … in the Bannu district"): the
        # best of the places this attack's own tellings name instead
        elsewhere = {place for m, (place, _) in enumerate(told) if m != n} - told[n][1]
        finer = (
            best if best not in elsewhere else next((k for k in ranked if k in told[n][1]), None)
        )
        if rule is None:
            if best is not None and by_key[best] >= model.add_threshold:
                attack.location, attack.places = best, [best]
        elif (
            finer is not None
            and by_key[finer] > by_key.get(rule, 1.0)
            and rule not in candidates.explicit
            and level.get(rule, UNKNOWN_PLACE_RANK) < level[finer]
        ):
            attack.location, attack.places = finer, [finer]
        elif by_key.get(rule, 1.0) < model.keep_threshold and rule not in candidates.explicit:
            attack.location, attack.places = None, []
        # a kept place keeps the other places its tellings name, for the link stage to
        # choose the most specific once it knows where each lies


__all__ = ["PlaceCandidates", "PlaceModel", "assign_places", "load_model", "place_features"]
