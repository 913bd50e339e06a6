"""Who said it: attributed statements ("X said", "according to X", "X claimed").

Each sentence gets at most one attribution: the source organisation, the speaker (who may
differ: "ISIS said … on its Amaq news outlet" has speaker ISIS, source Amaq), the
attribution verb and the tokens that belong to the attribution rather than to the
reported event (the source phrase, "on Saturday" attached to "said").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg_builder.extract import coref
from kg_builder.extract.entities import EntityTable
from kg_builder.extract.lexicon import attribution_verbs, words
from kg_builder.model import Entity, EntityKind

OUTLET_NOUNS = frozenset({"outlet", "agency", "channel", "website", "newspaper", "radio", "tv"})


@dataclass
class Attribution:
    source: Entity
    speaker: Entity
    verb: Token
    #: token indices that belong to the attribution, not to the event reported
    excluded: set[int] = field(default_factory=set)
    #: speakers the parse hung on the attack's victims (:func:`_speakers_hung_on_the_object`)
    hung_speakers: frozenset[int] = frozenset()


def _entity_of_phrase(head: Token, table: EntityTable, recent: list[str]) -> Entity | None:
    entity = table.at(head.i)
    if entity is None:
        # "the al-Qaida-linked al-Shabab group": the group tied to another is not that other
        link_words = words("link_phrases.tsv")
        tied = {
            t.i for c in head.children if c.lower_ in link_words and c.i < head.i for t in c.subtree
        }
        for child in head.subtree:
            if child.i in tied:
                continue
            found = table.at(child.i)
            if found is not None and found.kind != EntityKind.PLACE:
                entity = found
                break
    if entity is None:
        entity = coref.resolve(head, table, preferred=recent, kind="org")
    if entity is not None and entity.kind == EntityKind.PLACE:
        return None
    return entity


def _institution(head: Token, table: EntityTable) -> Entity | None:
    """ "Police said", "local officials said": a source the text names only by what it is;
    "a spokesman for the ruling junta said": the body the spokesman speaks for."""
    nouns = words("institution_nouns.tsv")
    if head.lemma_.lower() not in nouns and head.lower_ not in nouns:
        return None
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in {"for", "of"}):
        for body in (o for o in prep.children if o.dep_ == "pobj"):
            if body.lemma_.lower() in nouns or body.lower_ in nouns:
                head = body
    start = min([head.i, *(c.left_edge.i for c in head.lefts if c.dep_ in {"amod", "compound"})])
    return table.add_description(head.doc[start : head.i + 1], EntityKind.ORGANISATION, None)


def _outlet_in(verb: Token, table: EntityTable) -> Entity | None:
    """ "said in a message on its Amaq news outlet" → the outlet named there."""
    for token in verb.subtree:
        if token.lower_ in OUTLET_NOUNS and token.dep_ == "pobj":
            for child in token.children:
                found = table.at(child.i)
                if found is not None and found.kind != EntityKind.PLACE:
                    return found
    return None


def find_attribution(sent: Span, table: EntityTable, recent: list[str]) -> Attribution | None:
    """The attribution of one sentence, if it has one.

    "It said four senior regime officers were among the troops …": the pronoun resolves to
    the most recent source in ``recent``.
    """
    verbs = attribution_verbs()
    for token in sent:
        # "according to X"
        if token.lower_ == "according" and token.i + 2 < sent.end:
            to = token.doc[token.i + 1]
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if to.lower_ == "to" and objects:
                source = _entity_of_phrase(objects[0], table, recent)
                if source is not None:
                    excluded = {t.i for t in token.subtree} | {token.i, to.i}
                    excluded |= {t.i for t in objects[0].subtree}
                    return Attribution(source, source, token, excluded)
    for token in sent:
        if token.pos_ != "VERB" or token.lemma_.lower() not in verbs:
            continue
        # the verb must frame a report: it governs a clause, or is the main verb
        if token.dep_ not in {"ROOT", "parataxis", "ccomp", "conj"} and not any(
            c.dep_ in {"ccomp", "parataxis"} for c in token.children
        ):
            continue
        subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
        hung = frozenset[int]()
        if not subjects:
            subjects = _speakers_hung_on_the_object(token, sent)
            hung = frozenset(t.i for s in subjects for t in s.subtree)
        if not subjects or any(c.dep_ == "neg" for c in token.children):
            continue  # "the group has not claimed the attack" states nothing
        speaker = _entity_of_phrase(subjects[0], table, recent) or _institution(subjects[0], table)
        if speaker is None:
            continue
        source = _outlet_in(token, table) or speaker
        excluded = {t.i for t in subjects[0].subtree} | {token.i}
        for child in token.children:
            if _accused_of(child) or _tells_an_attack(child):
                continue
            if child.dep_ in {"prep", "npadvmod", "advmod", "aux", "punct"}:
                excluded |= {t.i for t in child.subtree} - _told_in_the_statement(child)
        return Attribution(source, speaker, token, excluded, hung)
    return None


def _speakers_hung_on_the_object(verb: Token, sent: Span) -> list[Token]:
    """ "… killing at least three drivers, transport union officials and a security source
    said.": the parse makes the speakers more objects of the attack verb, conjuncts of its
    victims, and leaves the closing "said" without a subject. The speakers are the run of
    conjuncts right before the verb from the first that names a body that speaks
    (``institution_nouns.tsv``)."""
    if any(t.pos_ not in {"PUNCT", "SPACE"} for t in sent.doc[verb.i + 1 : sent.end]):
        return []
    if verb.i == sent.start:
        return []
    last = sent.doc[verb.i - 1]
    if last.dep_ != "conj" or last.pos_ not in {"NOUN", "PROPN"}:
        return []
    nouns = words("institution_nouns.tsv")
    run = [last]
    while run[-1].dep_ == "conj" and run[-1].head.pos_ in {"NOUN", "PROPN"}:
        run.append(run[-1].head)
    speaking = [t for t in run if t.lemma_.lower() in nouns or t.lower_ in nouns]
    # the earliest speaking conjunct opens the run of speakers; a victim before it stays
    return [speaking[-1]] if speaking and speaking[-1] is not run[-1] else []


def _told_in_the_statement(child: Token) -> set[int]:
    """ "said in a statement that 57 civilians were killed in the attack": the parse may hang
    what the statement tells on its noun; a clause there that tells an attack is no
    circumstance of the telling."""
    return {
        t.i
        for obj in child.children
        if obj.dep_ == "pobj"
        for clause in obj.children
        if clause.dep_ in {"acl", "relcl"}
        and any(t._.ckg_trigger is not None for t in clause.subtree)
        for t in clause.subtree
    }


def _accused_of(child: Token) -> bool:
    """ "accused the FMLN of killing six peasants": the preposition carries what the
    statement tells, an attack, not the circumstances of the telling ("said on Monday")."""
    return (
        child.dep_ == "prep"
        and child.lower_ in {"of", "for"}
        and any(t._.ckg_trigger is not None for t in child.subtree)
    )


def _tells_an_attack(child: Token) -> bool:
    """ "MAIDUGURI, Nigeria, May 12 (AP) — Suspected Boko Haram insurgents killed at least 37
    farmers …, local officials said": the parse may hang the dateline, and the clause after
    it, on the final "said" as an adverbial; an attack verb there is what the statement
    tells, not the circumstances of the telling."""
    return child.dep_ == "npadvmod" and any(
        t._.ckg_trigger is not None and t.pos_ == "VERB" for t in child.subtree
    )


def named_speaker(sent: Span) -> bool:
    """The sentence's report comes from someone it names, for a sentence without an
    attribution to a body (:func:`find_attribution`): a person ("according to Khan", "Khan
    said"), another speaker than the last source."""
    verbs = attribution_verbs()
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end:
            to = token.doc[token.i + 1]
            if to.lower_ == "to" and any(
                c.dep_ == "pobj" and c.pos_ == "PROPN" for c in to.children
            ):
                return True
        if (
            token.pos_ == "VERB"
            and token.lemma_.lower() in verbs
            and any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in token.children)
        ):
            return True
    return False
