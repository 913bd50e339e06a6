"""What the learned argument models (``perpetrators.py``, ``places.py``) and the sentence
rules read alike: where an entity's mentions lie in the article, which syntactic role each
plays, and whether a mention names a group only as what holds a place."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg_builder.extract.entities import EntityTable
from kg_builder.extract.lexicon import words
from kg_builder.model import EntityKind
from kg_builder.nlp.resources import word_set

#: dependency roles worth telling apart; the rest are "other"
ROLES = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "compound", "conj", "appos", "attr"}
)


def sentence_position(sentence: int, sentences: int) -> str:
    """Where in the article a sentence lies: the lead, its first quarter, or later (relative,
    so that a wire brief and a long feature are read alike)."""
    if sentence == 0:
        return "lead"
    return "early" if sentence < max(sentences / 4, 2) else "late"


def mention_spans(doc: Doc, table: EntityTable) -> dict[str, list[Span]]:
    """Each entity's mentions as token spans, in reading order."""
    spans: dict[str, list[Span]] = {}
    for start, key in sorted(table.order):
        end = start + 1
        while end < len(doc) and table.by_token.get(end) == key:
            end += 1
        spans.setdefault(key, []).append(doc[start:end])
    return spans


def sentence_index(sentences: list[Span]) -> dict[int, int]:
    """Token index → the number of its sentence."""
    return {i: n for n, sent in enumerate(sentences) for i in range(sent.start, sent.end)}


def phrase_role(span: Span) -> str:
    """The role of the phrase a mention heads or modifies: "by Houthi rebels" is the
    phrase's ``pobj:by``, not the modifier's ``compound``; "in Deir Ezzor province" is
    ``pobj:in``."""
    root = span.root
    while root.dep_ in {"compound", "amod"} and root.head.pos_ in {"NOUN", "PROPN"}:
        root = root.head
    role = root.dep_ if root.dep_ in ROLES else "other"
    if role == "pobj":
        role = f"pobj:{root.head.lower_}"
    return role


def holds_ground(token: Token, table: EntityTable) -> bool:
    """The mention at ``token`` names its group as what holds a place, in a clause on that
    place: "in Hajin, which is held by the SDF", "Deir ez-Zor, controlled by the SDF", "a
    town the rebels control" (``control_verbs.tsv``). Who holds the ground is not thereby
    who attacked there."""
    node = token
    for _ in range(8):  # up the name's own words ("Hayat Tahrir al-Sham") to its verb
        verb = node.head
        if verb.i == node.i:
            return False
        if verb.pos_ in {"VERB", "AUX"}:
            place = table.at(verb.head.i)
            return (
                verb.lemma_.lower() in words("control_verbs.tsv", "lemma")
                and verb.dep_ in {"relcl", "acl"}
                and (
                    (place is not None and place.kind is EntityKind.PLACE)
                    or verb.head.lower_ in word_set("place_nouns.tsv")
                )
            )
        node = verb
    return False


def holding_ground_only(doc: Doc, table: EntityTable) -> set[str]:
    """The entities every mention of which names them as what holds a place."""
    return {
        key
        for key, spans in mention_spans(doc, table).items()
        if all(holds_ground(span.root, table) for span in spans)
    }
