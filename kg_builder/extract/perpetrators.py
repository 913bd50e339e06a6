"""Who carried out the article's attacks: a coder's reading of the whole article.

The sentence rules of ``attacks.py`` find an attack's perpetrator where its own sentence
names one ("FMLN urban commandos attacked …", "… was bombed by the Extraditables"). A coder
reads further: the group the article blames two paragraphs on ("the police attributed the
attack to the Medellin cartel"), the one armed group an article about a massacre names
throughout, and not the army whose spokesman merely reported the attack. This module
scores every organisation and armed group the article names as the author of its attacks
and then

* keeps a sentence rule's perpetrator only if the article supports it (its score reaches
  ``keep_threshold``), and
* gives an attack told without one the article's best-supported author (score at least
  ``add_threshold``), unless that body is the attack's own target.

Only named bodies are scored; descriptions the rules found ("gunmen") stay as they are.
After this, ``document.py`` still gives an attack left without an author the article's one
non-state armed group when the article names it at least twice.

The score is a logistic regression over binary features of how the article names the body
(how often and how early, in which sentences and in which syntactic role,
whether responsibility words surround it, whether it is a quoted source or a victim), learnt
from MUC-4's training messages by ``python scripts/train_perpetrators.py``; weights and
thresholds ship as ``resources/perpetrator_model.json``. Names are not features: what is
learnt is how news tells who did it, not which groups MUC-4 counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from functools import cache

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Span

from kg_builder.extract.attacks import AttackMention
from kg_builder.extract.candidates import (
    mention_spans,
    phrase_role,
    sentence_index,
    sentence_position,
)
from kg_builder.extract.dateline import dateline_tokens
from kg_builder.extract.entities import STATE_FORCES, EntityTable
from kg_builder.extract.lexicon import positions_of, words
from kg_builder.extract.linear import ArgumentModel, bucket, read_argument_model
from kg_builder.model import Attack, EntityKind

MODEL_FILE = "resources/perpetrator_model.json"
ACTOR_KINDS = frozenset({EntityKind.ARMED_GROUP, EntityKind.ORGANISATION})


#: the author model: keep a rule's perpetrator, add the article's best author
PerpetratorModel = ArgumentModel


@cache
def load_model() -> ArgumentModel:
    return read_argument_model(MODEL_FILE)


@cache
def _cue_lemmas() -> frozenset[str]:
    """The responsibility words' lemmas as a lemma may be written ("claim", "Claim")."""
    lemmas = words("responsibility_words.tsv", "lemma")
    return frozenset(v for lemma in lemmas for v in (lemma, lemma.capitalize(), lemma.upper()))


def candidate_features(
    doc: Doc,
    sentences: list[Span],
    table: EntityTable,
    attacks: list[Attack],
    events: list[list[AttackMention]],
    sources: set[str],
) -> dict[str, list[str]]:
    """Binary features of every organisation and armed group the article names
    (``sentences``: the doc's, as the attack mentions number them)."""
    sentence_of = sentence_index(sentences)
    attack_sentences = {m.sentence for event in events for m in event}
    cue_sentences = {
        sentence_of[i] for i in positions_of(doc, LEMMA, _cue_lemmas()) if i in sentence_of
    }
    by_rule = Counter(key for attack in attacks for key in attack.perpetrators)
    as_target = {key for attack in attacks for key in attack.targets}
    # a wire dateline's agency ("SAN SALVADOR, 10 JAN 90 (RADIO VENCEREMOS) --") reports;
    # it is no candidate, and the lead is the first sentence of the story
    dateline, _, story = dateline_tokens(doc)
    spans = {
        key: kept
        for key, found in mention_spans(doc, table).items()
        if (kept := [s for s in found if not dateline <= s.start < story])
    }
    candidates = [
        key
        for key, entity in table.entities.items()
        if entity.kind in ACTOR_KINDS and entity.named and key in spans
    ]
    counts = {key: len(spans[key]) for key in candidates}
    total = max(sum(counts.values()), 1)
    ranking = sorted(set(counts.values()), reverse=True)
    armed = [k for k in candidates if table.entities[k].kind is EntityKind.ARMED_GROUP]
    # how surely the article reports an attack at all (``relevance.py``): a speech or a
    # commentary names many bodies and no author
    surest = max((a.confidence for a in attacks), default=0.0)
    doc_confidence = f"doc_confidence:{bucket(int(surest * 10), (2, 4, 6))}"
    features: dict[str, list[str]] = {}
    n = len(sentences)
    for key in candidates:
        entity = table.entities[key]
        mentions = spans[key]
        # the entity's kind is left out: a group the lexicons lack reads as an organisation
        found = [
            f"mentions:{bucket(len(mentions), (1, 2, 5))}",
            f"share:{bucket(int(10 * len(mentions) / total), (1, 2, 4))}",
            f"rank:{bucket(ranking.index(counts[key]) + 1, (1, 2))}",
            f"first_sentence:{sentence_position(sentence_of.get(mentions[0].start, 0), n)}",
        ]
        if entity.kind is EntityKind.ARMED_GROUP and armed == [key]:
            found.append("only_armed_group")
        if entity.actor_type == STATE_FORCES:
            # the army or police that reports and investigates an attack as often as it
            # carries one out
            found.append("state_forces")
        found.append(doc_confidence)
        if by_rule[key]:
            found.append("rule_perpetrator")
            own = max(a.confidence for a in attacks if key in a.perpetrators)
            found.append(f"rule_confidence:{bucket(int(own * 10), (2, 4, 6))}")
            if by_rule[key] > 1:
                found.append("rule_perpetrator_often")
        if key in as_target:
            found.append("rule_target")
        if key in sources:
            found.append("quoted_source")
        in_attack = [s for s in mentions if sentence_of.get(s.start) in attack_sentences]
        found.append(f"attack_sentences:{bucket(len(in_attack), (0, 1, 3))}")
        if any(sentence_of.get(s.start) in cue_sentences for s in mentions):
            found.append("responsibility_sentence")
        found.extend(f"attack_role:{phrase_role(span)}" for span in in_attack)
        features[key] = sorted(set(found))
    return features


def in_passing(features: list[str]) -> bool:
    """Named once, away from any attack and any word of responsibility ("The port was held
    by Al-Shabaab until 2012"): background, never an attack's author by default."""
    return (
        "mentions:<=1" in features
        and "attack_sentences:<=0" in features
        and "responsibility_sentence" not in features
    )


def assign_perpetrators(
    attacks: list[Attack],
    scores: dict[str, float],
    model: ArgumentModel,
    background: Collection[str] = (),
) -> None:
    """Keep the rules' perpetrators the article supports; give the others its best author.

    ``scores`` holds the article's named bodies; a description the rules found ("extremists
    linked to …", "gunmen") is not scored and stays: MUC-4's key, where the model learnt,
    fills only named organisations, so it has nothing to say about descriptions. The best
    author is never a body named only in passing (``background``) or the attack's target.
    """
    authors = [key for key in scores if key not in background]
    best = max(authors, key=lambda k: (scores[k], k), default=None)
    for attack in attacks:
        # a group that claims the attack did it, as coders of conflict events record it
        attack.perpetrators = [
            key
            for key in attack.perpetrators
            if scores.get(key, 1.0) >= model.keep_threshold or key in attack.claimed_by
        ]
        if (
            not attack.perpetrators
            and best is not None
            and scores[best] >= model.add_threshold
            and best not in attack.targets
        ):
            attack.perpetrators.append(best)


__all__ = [
    "PerpetratorModel",
    "assign_perpetrators",
    "candidate_features",
    "in_passing",
    "load_model",
]
