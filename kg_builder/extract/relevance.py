"""How likely an extracted attack is one real event the article reports: ``ckg:confidence``.

An attack word is not always an attack: "they have killed many people" (a habit), "this new
attack against the nation" (a figure of speech), "the Contras attacked Nicaragua" (history),
"we will strike" (a threat). A careful coder codes an event when the text tells one
occurrence, anchored in place and time, by someone who reports it. The relevance model
weighs those signs: the arguments the text gives (perpetrator, target, place, date, toll),
how far the date lies from publication, how the sentence tells it (tense, voice, person,
quotation, see ``attacks.sentence_cues``), how often the article retells it, and what kind
of attack it is (MUC-4's key codes terrorist incidents, not combat between armed forces, so
a clash or an ambush weighs less than a bombing; the trigger word itself is no feature).

It is a logistic regression over binary features, learnt from MUC-4's training messages
(``../shared/eval/train/muc4``) by ``python scripts/train_relevance.py``; the weights ship
as ``resources/relevance_model.json``. Features that would learn one conflict (names,
places, actor types of the victims) are deliberately absent, so that what it learns is how
news tells an event, not which events MUC-4 counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from kg_builder.extract.attacks import AttackMention
from kg_builder.extract.linear import bucket, logistic, read_model
from kg_builder.model import Attack

MODEL_FILE = "resources/relevance_model.json"


@dataclass(frozen=True)
class RelevanceModel:
    weights: dict[str, float]
    bias: float
    #: the threshold that gave the best F1 of kept relevant attacks in cross-validation
    #: on the training data (documentation for ``--min-confidence``)
    suggested_threshold: float

    def probability(self, features: list[str]) -> float:
        return logistic(self.bias, self.weights, features)


@cache
def load_model() -> RelevanceModel:
    weights, bias, data = read_model(MODEL_FILE)
    return RelevanceModel(
        weights=weights,
        bias=bias,
        suggested_threshold=float(data["suggested_threshold"]),
    )


def attack_features(
    attack: Attack, event: list[AttackMention], published: dt.date | None
) -> list[str]:
    """Binary features of one attack, before context fills its place or date."""
    first = telling(event)
    features = [f"mentions:{bucket(len(event), (1, 2))}", f"type:{attack.attack_type}"]
    perpetrators = [p for m in event for p in m.perpetrators]
    if not perpetrators:
        features.append("perpetrator:none")
    elif any(p.named for p in perpetrators):
        features.append("perpetrator:named")
    else:
        features.append("perpetrator:described")
    if attack.targets:
        features.append("target:entity")
    if attack.target_descriptions:
        features.append("target:description")
    if not (attack.targets or attack.target_descriptions):
        features.append("target:none")
    if attack.fatalities.best is not None:
        features.append("fatalities")
    if attack.injured is not None:
        features.append("injured")
    features.append("place:given" if attack.location else "place:none")
    start = attack.date or attack.start_date
    if start is None:
        features.append("date:none")
    else:
        features.append("date:day" if attack.date else "date:range")
        if published is not None:
            age = (published - start).days
            features.append("age:future" if age < 0 else f"age:{bucket(age, (7, 31, 365))}")
    features.append(f"sentence:{bucket(first.sentence, (0, 2, 9))}")
    if any(m.source is not None for m in event):
        features.append("reported_by_source")
    features.extend(sorted(c for c in first.cues if not c.startswith("trigger:")))
    if any("quoted" in m.cues for m in event[1:]):
        features.append("retold_in_quote")
    return features


def telling(event: list[AttackMention]) -> AttackMention:
    """The mention that tells the event: the first that gives it an argument (a doer, a
    victim or target, a place, a toll). A bare word joined to it earlier ("People who
    survived shelling and air raids …" in a quote, before "On Sunday, a mortar shell killed
    two children in Taiz") is a retelling, and how its sentence reads is not how the event
    is told."""
    for mention in event:
        if (
            mention.perpetrators
            or mention.targets
            or mention.target_descriptions
            or mention.place is not None
            or (mention.fatalities is not None and mention.fatalities.best is not None)
            or mention.injured is not None
        ):
            return mention
    return event[0]


def document_features(
    attacks: list[Attack], events: list[list[AttackMention]], published: dt.date | None
) -> list[str]:
    """Features of the whole article, shared by its attacks: an article that reports
    attacks tells them with victims, dates near publication and few first-person
    sentences; a speech, an interview or a commentary mentions attacks in passing."""
    mentions = [m for event in events for m in event]
    features = [f"doc_attacks:{bucket(len(attacks), (1, 3))}"]
    if mentions and sum("first_person" in m.cues for m in mentions) / len(mentions) > 0.3:
        features.append("doc_first_person")
    if mentions and sum("quoted" in m.cues for m in mentions) / len(mentions) > 0.3:
        features.append("doc_quoted")
    if any(a.fatalities.best is not None or a.injured is not None for a in attacks):
        features.append("doc_casualties")
    starts = [a.date or a.start_date for a in attacks]
    if published is not None and any(
        start is not None and 0 <= (published - start).days <= 7 for start in starts
    ):
        features.append("doc_recent_date")
    if any(p.named for m in mentions for p in m.perpetrators):
        features.append("doc_named_perpetrator")
    return features
