"""Attacks and their arguments, sentence by sentence, then merged across the article.

A sentence with an attack word (``Token._.ckg_trigger``) gives one *attack mention*; its
arguments come from the dependency parse of the trigger's clause: the agent (subject or
"by" phrase) is the perpetrator, the patient (object, passive subject, "on"/"against"
phrase) the target, a locative phrase ("in", "near", "outside", "east of") the place, a
date expression the date, and the number on the victims of a death verb the fatalities.

Mentions are then merged into events: a definite one ("the attack", "its assault", "the
troops … killed") retells the previous event of the same source; one marked as new
("another eight …", "a separate attack") starts an event of its own.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Span, Token

from kg_builder.extract import coref
from kg_builder.extract.attribution import Attribution
from kg_builder.extract.candidates import holds_ground
from kg_builder.extract.dateline import dateline_tokens
from kg_builder.extract.dates import (
    DateSpan,
    find_date_expressions,
    names_calendar_date,
    resolve_date,
)
from kg_builder.extract.entities import (
    STATE_ACTOR_TYPES,
    STATE_FORCES,
    EntityTable,
    non_state_group,
)
from kg_builder.extract.lexicon import (
    anaphors,
    attribution_verbs,
    blame_verbs,
    demonym_country,
    demonyms,
    describes_state_forces,
    names_a_facility,
    names_state_forces_body,
    rows,
    words,
)
from kg_builder.extract.numbers import parse_quantity
from kg_builder.knowledge.names import normalise_name
from kg_builder.model import Casualties, Entity, EntityKind, Mention
from kg_builder.nlp.resources import nlp_tsv, word_set

#: when one sentence has several attack words, the most specific type wins
TYPE_PRIORITY = (
    "SuicideBombing",
    "AirStrike",
    "Bombing",
    "Shelling",
    "Ambush",
    "Assassination",
    "Abduction",
    "Arson",
    "ArmedClash",
    "AttackOnCivilians",
    "UnspecifiedAttack",
)
NUMBER_ADVERBS = frozenset({"advmod", "quantmod", "amod", "nmod", "nummod", "det", "compound"})
DATE_LABELS = frozenset({"DATE", "TIME"})
#: how many sentences back, within the paragraph, a date still dates an attack
DATE_LOOKBACK = 2
#: the rank of a date read from a sentence before the attack's own (see `_date_rank`)
LOOKBACK_DATE_RANK = 1
#: the rank of a calendar day in the attack's own sentence ("on 16 November")
CALENDAR_DAY_RANK = 4
#: a day told relative to the report: "yesterday", "on Monday"
RELATIVE_DAY_RANK = 3
NOT_VICTIM_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})
#: verbs whose object names the attack: "set fire", "carried out an attack", "launched a raid"
LIGHT_VERBS = frozenset(
    {"set", "open", "carry", "launch", "stage", "conduct", "mount", "commit", "perpetrate"}
)


@dataclass
class AttackMention:
    """What one sentence says about an attack."""

    sentence: int
    evidence: str
    attack_type: str
    trigger: str
    source: Entity | None
    perpetrators: list[Entity] = field(default_factory=list)
    targets: list[Entity] = field(default_factory=list)
    target_descriptions: list[str] = field(default_factory=list)
    place: Entity | None = None
    when: DateSpan | None = None
    #: how surely ``when`` is the attack's own date (`_date_rank`); 0 without a date
    when_rank: int = 0
    fatalities: Casualties | None = None
    injured: int | None = None
    #: fighters of a named group killed ("Six ISIS fighters were killed"): (group, number)
    combatant_losses: list[tuple[Entity, int]] = field(default_factory=list)
    #: speakers the parse hung on the victims ("…, union officials and a source said")
    speakers: frozenset[int] = frozenset()
    #: victims named by the attack itself ("killing all five attackers"): the doers of an
    #: attack told before, and how many of them were killed (see ``document.merge``)
    doer_victims: list[str] = field(default_factory=list)
    doer_losses: int | None = None
    #: unnamed fighters killed ("six jihadists were also killed"): (description, number);
    #: the losses of the attack's doers where it joins an insurgent group's attack
    fighter_victims: list[tuple[str, int]] = field(default_factory=list)
    #: the country whose capital the clause names as where it happened, unnamed ("in
    #: Somalia's capital", "in the Afghan capital"; "" for "in the capital"): the dateline's
    #: town, if in it
    capital_of: str | None = None
    anaphoric: bool = False
    novel: bool = False
    #: told only by words of death or injury ("56 people were wounded"), no attack word
    casualties_only: bool = False
    #: told as what someone denies ("denied that the military had carried out an airstrike")
    denied: bool = False
    #: no attack word, only a group's claim of the attack just told ("TTP claimed
    #: responsibility")
    claim_only: bool = False
    #: keys of the groups that claim the attack ("JNIM claimed the attack"): its perpetrators
    #: whatever the author model makes of them
    claimants: list[str] = field(default_factory=list)
    #: the speaker tells of its own forces' deed ("the ministry said its forces had struck")
    own_account: bool = False
    #: the key of the speaker that names itself among the doers ("al-Shabaab said its
    #: fighters had killed 23 soldiers"), whatever outlet carried the statement
    speaking_doer: str | None = None
    #: the doers are named by a definite description that refers back ("The fighters opened
    #: fire …"; see ``anaphors.tsv``)
    doers_told_before: bool = False
    #: (token, role) of the victims already counted: two words for one death count once
    counted: set[tuple[int, str]] = field(default_factory=set)
    #: (description, figure, role) of the victim phrases counted: "the assassination of the
    #: six Jesuit priests … the order to assassinate the six Jesuit priests" is six deaths
    counted_phrases: set[tuple[str, int, str]] = field(default_factory=set)
    #: how the sentence tells it (tense, voice, person, quotation …): read by the relevance
    #: model (``extract/relevance.py``) that says how likely this is one real, reported event
    cues: frozenset[str] = frozenset()


def _date_rank(expression: str, when: DateSpan) -> int:
    """How surely a date in the attack's own sentence is its day: a calendar day ("on 16
    November") 4, a day told relative to the report ("yesterday", "on Monday") 3, a longer
    span ("in 1986", "last month") 2. A date from the sentence before ranks
    `LOOKBACK_DATE_RANK`. Where one attack is told in several sentences, the best ranked
    date wins: the editor's "today" in the lead gives way to the body's "on 16 November"."""
    if not when.is_day:
        return 2
    return CALENDAR_DAY_RANK if names_calendar_date(expression) else RELATIVE_DAY_RANK


#: nouns that name what an attack hit: "the targets of the attacks were the bank branches"
TARGET_NOUNS = frozenset({"target", "victim"})


def _named_as_target(trigger: Token) -> list[Token]:
    """ "The target of the bombing was a police station": the copula's complement."""
    of = trigger.head
    if trigger.dep_ != "pobj" or of.lower_ != "of":
        return []
    noun = of.head
    if noun.lemma_.lower() not in TARGET_NOUNS or noun.dep_ != "nsubj":
        return []
    verb = noun.head
    if verb.lemma_ != "be":
        return []
    return [each for attr in verb.children if attr.dep_ == "attr" for each in _conjuncts(attr)]


def _antecedent(token: Token) -> Token:
    """What a relative pronoun stands for: "the 10 union leaders who were killed" -> leaders."""
    if token.tag_ in {"WP", "WDT"} and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _whose_life(token: Token) -> Token:
    """ "an attack on the president's life": the president; "the bodies of the Jesuits
    murdered last Friday": the Jesuits."""
    lemma = token.lemma_.lower()
    if lemma == "life":
        return next((c for c in token.children if c.dep_ == "poss"), token)
    if lemma in {"body", "corpse", "remains"}:
        return next(iter(prep_objects([token], {"of"})), token)
    return token


def _negated(token: Token) -> bool:
    """ "did not carry any reports of ISIS attacks": a negated governor drops the trigger.
    A definite attack noun as the subject is given and the negation denies only what is said
    of it: "the attack, which resulted in the death of a civilian, was not against the farm"."""
    if _given_event(token, {"nsubj", "nsubjpass"}):
        return False
    node: Token | None = token
    steps = 0
    while node is not None and steps < 6:
        if any(c.dep_ == "neg" for c in node.children):
            return True
        if node.head.i == node.i:
            break
        node = node.head
        steps += 1
    return False


@cache
def _irrealis_words() -> tuple[frozenset[str], frozenset[str]]:
    """The modal auxiliaries and the verbs of intent of ``irrealis_words.tsv``."""
    table = rows("irrealis_words.tsv")
    return (
        frozenset(row["word"] for row in table if row["kind"] == "modal"),
        frozenset(row["word"] for row in table if row["kind"] == "intent"),
    )


@cache
def _damage_verbs() -> tuple[frozenset[str], frozenset[str]]:
    """The verbs of ``damage_verbs.tsv``, and those whose "at" object was hit too (read once,
    not per article)."""
    table = nlp_tsv("damage_verbs.tsv")
    return (
        frozenset(row["word"] for row in table),
        frozenset(row["word"] for row in table if row["aimed_at"] == "yes"),
    )


def _denied(trigger: Token) -> bool:
    """The trigger tells what a verb of denial governs: "denied that the military had carried
    out an airstrike", "denied hitting civilians" (not "denied responsibility for the
    attack", which denies who did it, not that it happened)."""
    return _hangs_on_verb(
        trigger,
        words("denial_verbs.tsv", "lemma"),
        {"ccomp", "xcomp"},
        {"conj", "xcomp", "dobj", "pobj", "prep"},
        steps=4,
    )


def _hangs_on_verb(
    trigger: Token, verbs: Collection[str], as_deps: set[str], through: set[str], steps: int
) -> bool:
    """Walking up from the trigger through dependencies of ``through``, some word hangs on
    one of ``verbs`` by a dependency of ``as_deps`` (within ``steps`` steps)."""
    node = trigger
    for _ in range(steps):
        if node.dep_ in as_deps and node.head.lemma_.lower() in verbs:
            return True
        if node.dep_ not in through or node.head.i == node.i:
            return False
        node = node.head
    return False


def _foiled(trigger: Token) -> bool:
    """The attack did not happen: it is what a verb of ``foiling_verbs.tsv`` stopped, as its
    object ("thwarted an attack on the base", "the attack was averted"), the object's
    complement ("foiled a plan to bomb a shrine", "foiled an attempt to carry out an
    attack"), or with the verb's participle before it ("the foiled attack")."""
    foiling = words("foiling_verbs.tsv", "lemma")
    for modifier in (c for c in trigger.children if c.dep_ == "amod"):
        # the model may take the participle for an adjective of its own ("foiled")
        forms = {modifier.lemma_.lower(), modifier.lower_[:-2], modifier.lower_[:-1]}
        if modifier.lower_.endswith("ed") and forms & foiling:
            return True
    return _hangs_on_verb(
        trigger, foiling, {"dobj", "nsubjpass"}, {"dobj", "xcomp", "acl", "pobj", "prep"}, steps=5
    )


def _given_event(trigger: Token, roles: Collection[str]) -> bool:
    """A definite attack noun in one of the syntactic ``roles`` takes its event as known: in
    "an investigation will be conducted into the murders of three reporters" (a "pobj") the
    murders are no less real for the future."""
    return trigger.pos_ == "NOUN" and trigger.dep_ in roles and coref.is_definite(trigger)


def _hypothetical(token: Token) -> bool:
    """Not (yet) an event: "will announce the number of terrorists killed", "were preparing to
    assassinate", "threatened to attack". A modal anywhere on the way up from the trigger to
    its sentence's root makes it one, and an intent verb up to the first clause that reports
    a fact ("an offensive intended to find out whether the bands were responsible for his
    assassination" tells of an assassination, and "ordered them to pay the assassin who
    killed the leader" of a killing). A definite attack noun in a prepositional phrase is
    given ("will investigate into the murders of …")."""
    if _given_event(token, {"pobj"}):
        return False  # whatever the verb above
    modals, intents = _irrealis_words()
    node = token
    own_clause = True
    for _ in range(8):
        if any(c.dep_ == "aux" and c.lower_ in modals for c in node.children):
            return True
        if own_clause and node.dep_ in {"xcomp", "ccomp"} and node.head.lemma_.lower() in intents:
            return True
        own_clause = own_clause and node.dep_ not in {"ccomp", "relcl"}
        if node.head.i == node.i:
            break
        node = node.head
    return False


def _is_trigger(token: Token, excluded: set[int]) -> bool:
    if token._.ckg_trigger is None or token.i in excluded:
        return False
    if (
        token.pos_ == "NOUN"
        and token.tag_ == "NNS"
        and any(
            c.dep_ == "amod" and c.lower_ in words("generic_modifiers.tsv") for c in token.children
        )
    ):
        return False  # "the group has carried out frequent attacks": a habit, not an event
    if _said_to_be_habitual(token):
        return False
    if _campaign(token):
        return False
    if (
        token.dep_ in {"compound", "amod"}
        and token.head._.ckg_trigger is None
        and token._.ckg_trigger[1] != "weapon"
        and not _killed_person(token)
    ):
        return False  # "attack helicopters", "bomb squad" (but "suicide bomber" says how)
    return not (
        _negated(token)
        or _hypothetical(token)
        or _foiled(token)
        or _aimed_at_an_idea(token)
        or _intercepts(token)
    )


#: verbs that link a subject to what it is like ("attacks remain frequent")
LINKING_VERBS = frozenset({"be", "remain", "become", "stay", "seem", "grow"})


def _said_to_be_habitual(token: Token) -> bool:
    """A plural attack word said to be frequent or common is a kind of event, not one event:
    "attacks on villages remain frequent", "kidnappings are common on the road"
    (``generic_modifiers.tsv``)."""
    head = token.head
    return (
        token.tag_ == "NNS"
        and token.dep_ == "nsubj"
        and head.lemma_.lower() in LINKING_VERBS
        and any(
            c.dep_ == "acomp" and c.lower_ in words("generic_modifiers.tsv") for c in head.children
        )
    )


#: adverbs that add a deed to those told ("the guerrillas also burned three vehicles")
ADDITIVE_ADVERBS = frozenset({"also", "additionally", "further", "furthermore", "moreover"})
#: prepositions of a route's ends: where someone or something was going ("a train to
#: Peshawar", "a convoy bound for Kabul") or coming from ("carrying troops from Jowhar")
ROUTE_PREPOSITIONS = frozenset({"to", "toward", "towards", "for", "from"})


def _ranks(word: Token) -> bool:
    """An ordinal that ranks, hyphenated to what it ranks by: "Ukraine's second-largest
    city", "the group's second-in-command" (not "a second attack")."""
    doc = word.doc
    return not word.whitespace_ and word.i + 1 < len(doc) and doc[word.i + 1].text == "-"


def _clause_subjects(trigger: Token) -> list[Token]:
    """The subjects of a trigger's clause: its own, its verb's ("opened fire"), or those of
    the verb it is a conjunct of ("The attackers arrived on motorcycles … and opened fire")."""
    verb = trigger.head if trigger.dep_ == "dobj" else trigger
    while True:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects or verb.dep_ != "conj" or verb.head.i == verb.i:
            return subjects
        verb = verb.head


def _aside(token: Token, pronoun: Token) -> bool:
    """A name in a relative clause that the pronoun lies outside of: "Al-Shabaab, which is
    linked to al-Qaeda, … saying its fighters had killed …" - "its" is Al-Shabaab's (an
    apposition may name whose the speaker is: "Mujahid, the spokesman for the Taliban,
    said they …")."""
    return any(a.dep_ in {"relcl", "acl"} and pronoun not in a.subtree for a in token.ancestors)


def only_doers_hit(mention: AttackMention) -> bool:
    """The mention's victims are only the doers of an attack ("killing all five
    attackers"): it tells that attack's end, told before, not an attack of its own."""
    return bool(mention.doer_victims) and not (mention.targets or mention.target_descriptions)


def doers_as_victims(mention: AttackMention) -> None:
    """Where no attack was told before, "gunmen" killed are the victims of the attack the
    mention tells ("Police killed three gunmen in a shootout")."""
    mention.target_descriptions.extend(mention.doer_victims)
    if mention.doer_losses is not None and mention.fatalities is None:
        mention.fatalities = Casualties(best=mention.doer_losses)
    mention.doer_victims, mention.doer_losses = [], None


@cache
def _campaign_words() -> dict[tuple[str, str], str]:
    """(word, kind) → the particle of a particle verb ("step" → "up"), else ""."""
    return {(r["word"], r["kind"]): r["particle"] for r in rows("campaign_words.tsv")}


def _campaign(token: Token) -> bool:
    """Plural attacks without a number that a campaign or a habit makes
    (``campaign_words.tsv``): "has stepped up attacks since January", "a rise in attacks",
    "its fighters still carry out attacks", "frequently attack security forces"; not
    "carried out two attacks"."""
    kinds = _campaign_words()
    if token.pos_ == "VERB" and token.tag_ in {"VBP", "VBZ", "VB"}:
        return any(c.dep_ == "advmod" and (c.lower_, "adverb") in kinds for c in token.children)
    if token.tag_ != "NNS" or any(c.dep_ == "nummod" for c in token.children):
        return False
    # "planning attacks" read as one noun phrase, "continued attacks"
    if any(
        c.dep_ in {"compound", "amod"} and (c.lemma_.lower(), "verb") in kinds
        for c in token.children
    ):
        return True
    head = token.head
    lemma = head.lemma_.lower()
    if token.dep_ == "pobj" and head.lower_ == "in":
        return (head.head.lemma_.lower(), "noun") in kinds
    if token.dep_ != "dobj":
        return False
    if (lemma, "verb") in kinds:
        return True
    particle = kinds.get((lemma, "particle"))
    if particle and any(c.dep_ == "prt" and c.lower_ == particle for c in head.children):
        return True
    return head.tag_ in {"VBP", "VBZ"} and any(
        c.dep_ == "advmod" and (c.lower_, "adverb") in kinds for c in head.children
    )


def _intercepts(token: Token) -> bool:
    """Air defence shooting down munitions is no attack by the shooter: "shot down 10 of 15
    missiles launched by Russia" (``intercepted_munitions.tsv``; "shot down a helicopter"
    is one)."""
    lemma = token.lemma_.lower()
    downed = lemma == "shoot" and any(c.lower_ == "down" for c in token.children)
    if token.pos_ != "VERB" or not (downed or lemma in {"down", "intercept"}):
        return False  # "fired two rockets at Sderot" is an attack
    objects = [c for c in token.children if c.dep_ == "dobj"]
    for down in (c for c in token.children if c.lower_ == "down" and not objects):
        # "shot down 10 of 15 missiles": the parse may hang the objects on "down"
        objects = [t for t in down.subtree if t.pos_ == "NOUN"]
    # "shot down 31 of 45 drones": the figure counts part of the munitions
    objects = [_partitive_whole(o) or o for o in objects]
    munitions = words("intercepted_munitions.tsv")
    return bool(objects) and all(o.lemma_.lower() in munitions for o in objects)


#: verbs of a claim of responsibility ("claimed", "admitted" or "accepted responsibility")
CLAIM_VERBS = frozenset({"claim", "admit", "accept"})


def _owned_within(victim: Token, victims: list[Token]) -> bool:
    """A victim definite only by a possessive pronoun whose owner the sentence named before
    it: "fired a missile at an Israeli tank, killing and wounding its crew"."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in victim.children) and any(
        other.i < victim.i and other.pos_ in {"NOUN", "PROPN"} and other not in victim.ancestors
        for other in victims
    )


def _demonym_of(country: str) -> str:
    """The nationality word of a country ("Russia" → "Russian"), else the country's name."""
    return next(
        (demonym.title() for demonym, name in demonyms().items() if name == country), country
    )


#: the possessives a speaker uses of its own forces ("its air force", "our troops")
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "our"})


def _own_forces(head: Token) -> bool:
    """Forces that a statement's speaker may call its own: "troops", "its air force",
    "government troops" (not "Rwandan forces", "troops of the UN mission")."""
    modifiers = [c for c in head.children if c.dep_ in {"compound", "amod"}]
    if any(
        c.dep_ == "prep" or (c.dep_ == "poss" and c.lower_ not in POSSESSIVE_PRONOUNS)
        for c in head.children
    ):
        return False
    words = [t.lower_ for t in sorted([*modifiers, head], key=lambda t: t.i)]
    return describes_state_forces(" ".join(words), whose=False)


def _known_device(verb: Token) -> bool:
    """A definite device the verb sets off, places or that goes off: "the bomb had been
    planted in a car" tells an attack already told, as "the attack" does."""
    return verb.pos_ == "VERB" and any(
        c.dep_ in {"nsubj", "nsubjpass", "dobj"}
        and c.lemma_.lower() in word_set("explosive_nouns.tsv")
        and coref.is_definite(c)
        for c in verb.children
    )


def _elided_passive(verb: Token, subjects: list[Token]) -> bool:
    """A participle joined to a passive verb whose own subject is a bare figure: "12 people
    had been killed and 20 wounded", where "[had been] wounded" is passive too."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ == "conj"
        and any(c.dep_ == "auxpass" for c in verb.head.children)
        and bool(subjects)
        and all(s.like_num and not list(s.children) for s in subjects)
    )


def _stray_passive_subjects(verb: Token) -> list[Token]:
    """The subjects of a passive verb the parse attached elsewhere: in "the Jesuit Ignacio
    Ellacuria, rector of …, five other priests, and two women were murdered" the list hangs
    off an earlier noun. The noun phrase right before the auxiliary, with its conjuncts."""
    auxiliary = next((c for c in verb.children if c.dep_ == "auxpass"), None)
    if auxiliary is None or auxiliary.i > verb.i:
        return []
    before = auxiliary.i - 1
    if before < verb.sent.start or verb.doc[before].pos_ not in {"NOUN", "PROPN"}:
        return []
    head = verb.doc[before]
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
    return _conjuncts(head)


def _killed_person(token: Token) -> bool:
    """A participle of killing before the person it tells of: "the assassinated Carlos
    Pizarro", "the murdered journalist"."""
    head = token.head
    return (
        token.dep_ == "amod"
        and token.tag_ == "VBN"
        and token._.ckg_trigger[1] == "kill"
        and (
            head.ent_type_ == "PERSON"
            or head.pos_ == "PROPN"
            or head.lemma_.lower() in words("person_nouns.tsv")
        )
    )


def _aimed_at_an_idea(token: Token) -> bool:
    """The attack word's patients are all laws, decisions or ideas: "the law was struck
    down by the court", "an attack on press freedom" (``abstract_patients.tsv``)."""
    if token.pos_ == "VERB":
        patients = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    else:
        patients = prep_objects([token], {"on", "against"})
    abstract = words("abstract_patients.tsv")
    return bool(patients) and all(p.lemma_.lower() in abstract for p in patients)


def _named_body(entity: Entity | None) -> bool:
    """An armed group or organisation the text names (not a place)."""
    return entity is not None and entity.kind is not EntityKind.PLACE


def _dates_a_thing(date: Span) -> bool:
    """A date that qualifies a thing other than an attack: "dissidents who reject a 2016
    peace deal" (but "the 1989 massacre" dates the massacre)."""
    root = date.root
    head = root.head
    return (
        root.dep_ in {"compound", "amod", "nummod", "nmod"}
        and head.pos_ == "NOUN"
        and head.i >= date.end
        and head._.ckg_trigger is None
    )


def _clause_root(token: Token, stop: Token | None) -> Token:
    """The highest verb above the trigger below the attribution verb."""
    node = token
    stop_i = stop.i if stop is not None else -1
    while node.head.i != node.i and node.head.i != stop_i:
        if node.dep_ in {"ccomp", "parataxis"} and node.pos_ == "VERB":
            break
        node = node.head
    return node


def _quantity(head: Token) -> Casualties | None:
    """Casualty figure on a victim phrase: "At least 60 regime troops" → best 60, min 60."""
    if head.like_num or head.pos_ == "NUM":
        return parse_quantity(" ".join(t.text for t in head.subtree))
    for child in head.children:
        if child.dep_ == "nummod" or (child.like_num and child.dep_ in NUMBER_ADVERBS):
            phrase = " ".join(t.text for t in child.subtree)
            return parse_quantity(phrase)
    if head.lower_ in {"dozens", "scores", "hundreds", "thousands"}:
        # "tens of thousands": the words that scale the counting noun belong to it
        first = min((c.i for c in head.children if c.dep_ == "quantmod"), default=head.i)
        return parse_quantity(head.doc[first : head.i + 1].text)
    return None


def _sum_quantities(heads: list[Token]) -> Casualties | None:
    figures = [q for q in (_quantity(h) for h in heads) if q is not None and q.best is not None]
    if not figures:
        return None
    if len(figures) == 1:
        return figures[0]
    return Casualties(best=sum(q.best or 0 for q in figures))


QUANTITY_HEADS = frozenset({"dozens", "scores", "hundreds", "thousands", "tens", "some", "many"})


def _bears_a_name(head: Token) -> bool:
    """A noun made definite by its own name is new to the text, not told before: "the
    village of Tenancingo", "the Tenancingo power plant" (but "her bodyguards, Dagoberto
    Rodriguez and …" are the bodyguards already told of)."""
    if any(c.dep_ == "poss" for c in head.children):
        return False
    return any(
        (c.dep_ == "prep" and c.lower_ == "of" and any(o.pos_ == "PROPN" for o in c.children))
        or (c.dep_ == "compound" and c.pos_ == "PROPN")
        for c in head.children
    )


def _partitive_whole(head: Token) -> Token | None:
    """What a figure counts part of: "two of her bodyguards" → "bodyguards"; None for a
    figure or quantity word without an "of" phrase."""
    if not (head.like_num or head.lower_ in QUANTITY_HEADS):
        return None
    return next(iter(prep_objects([head], {"of"})), None)


def _description(head: Token) -> str:
    """The victims or target as the text names them, without figures and articles.

    "At least 60 regime troops and allied militiamen" → "regime troops and allied militiamen";
    "dozens of others" → "" (no description beyond the figure).
    """
    if head.like_num or head.lower_ in QUANTITY_HEADS:
        whole = _partitive_whole(head)
        # "one of them": the pronoun's antecedent is not resolved here
        return _description(whole) if whole is not None and whole.pos_ != "PRON" else ""
    if head.lower_ in {"others", "other", "people"} and not list(head.lefts):
        return head.lower_ if head.lower_ == "people" else ""
    # the noun phrase ends where its first trailing modifier begins ("businessmen | who have
    # been kidnapped", "the mayor | of Usulutan")
    end = head.right_edge.i + 1
    for child in head.rights:
        if child.dep_ in {"prep", "relcl", "acl", "appos", "punct", "cc", "conj"}:
            end = min(end, child.left_edge.i)
    # nor before a leading phrase the parse hung on it ("among them | three policemen")
    start = head.left_edge.i
    for child in head.lefts:
        if child.dep_ in {"prep", "punct"}:
            start = max(start, child.right_edge.i + 1)
    keep: list[Token] = []
    for token in head.subtree:
        if token.i < start:
            continue
        if token.i >= end:
            break
        if token.dep_ == "case" and token.head.i == head.i:
            continue  # the "'s" of "Jaramillo's murder"
        keep.append(token)
    drop: set[int] = set()
    for token in keep:
        if token.dep_ in {"nummod", "det", "predet", "quantmod"} or token.like_num:
            drop |= {t.i for t in token.subtree}
        if token.text in {"[", "]"} or _in_brackets(token):
            drop.add(token.i)  # a transcriber's note: "[passage indistinct] people"
    words_kept = [t.text_with_ws for t in keep if t.i not in drop]
    text = " ".join("".join(words_kept).split()).strip(" ,.;:\"'-")
    # "a 10-year-old girl" without its figure is "year-old girl": the girl
    for opening in ("another ", "other ", "year-old ", "year old "):
        if text.lower().startswith(opening):
            text = text[len(opening) :]
    return text


def _in_brackets(token: Token) -> bool:
    """Inside square brackets of the sentence: an editor's or transcriber's insertion
    ("[passage indistinct]", "[text]")."""
    for i in range(token.i - 1, token.sent.start - 1, -1):
        if token.doc[i].text == "]":
            return False
        if token.doc[i].text == "[":
            return True
    return False


def _part_of_stated_total(patient: Token) -> bool:
    """A member of a list whose first member's figure is the sum of the others': "five
    people, three women and two children", "three reporters, two Salvadorans and a
    Netherlander" (the parts are the total told again, not more dead)."""
    if patient.dep_ != "conj":
        return False
    first = patient
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    total = _quantity(first)
    parts = [c for c in first.conjuncts if c.i > first.i]
    if total is None or total.best is None or len(parts) < 2:
        return False
    figures = [_quantity(c) or (Casualties(best=1) if _singular(c) else None) for c in parts]
    counts = [f.best for f in figures if f is not None and f.best is not None]
    return len(counts) == len(parts) and sum(counts) == total.best


def _singular(token: Token) -> bool:
    """ "a Netherlander", "one woman": a noun of one person or thing."""
    return token.tag_ in {"NN", "NNP"} and any(
        c.dep_ == "det" and c.lower_ in {"a", "an"} for c in token.children
    )


def _conjuncts(token: Token) -> list[Token]:
    """A phrase and the phrases coordinated after it: "a fuel truck and a station wagon".

    "six Jesuits, a woman and her daughter": the parser reads a list after a plural as an
    apposition, but a singular apposition of a plural is the list's next member."""
    found = [token, *[c for c in token.conjuncts if c.i > token.i]]
    if token.tag_ in {"NNS", "NNPS"}:
        for child in token.children:
            if child.dep_ == "appos" and child.tag_ in {"NN", "NNP"}:
                found.extend([child, *[c for c in child.conjuncts if c.i > child.i]])
    return found


class SentenceReader:
    """Reads the attack mention of one sentence."""

    def __init__(
        self, table: EntityTable, published: dt.date | None, sentences: list[Span]
    ) -> None:
        self.table = table
        self.published = published
        self.militant_nouns = words("militant_nouns.tsv")
        self.link_words = words("link_phrases.tsv")
        self.civilians = {row["word"]: row["kind"] for row in rows("civilian_nouns.tsv")}
        markers = rows("novelty_markers.tsv")
        self.novelty = frozenset(r["word"] for r in markers if r["kind"] == "word")
        self.intervals = frozenset(r["word"] for r in markers if r["kind"] == "interval")
        self.locative = words("locative_prepositions.tsv")
        self.capital_nouns = words("capital_nouns.tsv")
        self.reaction_verbs = words("reaction_verbs.tsv")
        attackers = rows("unknown_attackers.tsv")
        self.unknown_attackers = frozenset(r["word"] for r in attackers)
        self.doers_by_act = frozenset(r["word"] for r in attackers if r["by_act"] == "yes")
        self.unnamed_fighters = self.unknown_attackers - self.doers_by_act
        self.military_means = words("military_means.tsv")
        self.person_nouns = words("person_nouns.tsv")
        self.non_targets = words("non_target_nouns.tsv")
        self.place_nouns = word_set("place_nouns.tsv")
        self.facilities = word_set("facility_nouns.tsv")
        self.damage_verbs, self.aiming_verbs = _damage_verbs()
        self.facility_fronts = words("facility_fronts.tsv")
        self.subset_prepositions = words("subset_prepositions.tsv")
        self.nation_nouns = words("nation_nouns.tsv")
        self.firing_verbs = word_set("firing_verbs.tsv")
        self.firing_objects = word_set("firing_objects.tsv")
        self.firing_prepositions = word_set("firing_prepositions.tsv")
        self.death_words = {
            (row["lemma"], row["pos"]): row["victims"] for row in rows("death_words.tsv")
        }
        self.recent_perpetrators: list[str] = []
        #: the document's sentences, listed once by the caller (Token.sent walks the doc)
        self.sentences = sentences
        #: the document's text, built once (``Doc.text`` joins every token on each call)
        self.text = sentences[0].doc.text if sentences else ""
        self._sentence_at = {s.start: k for k, s in enumerate(sentences)}
        #: the whole-sentence date of each sentence looked back to, by its first token
        self._sentence_dates: dict[int, DateSpan | None] = {}
        #: each sentence's date spans (first token, text), by the sentence's first token:
        #: ``Span.ents`` builds every entity of the document anew on each call
        self._date_spans: dict[int, list[tuple[int, str]]] | None = None

    def _dates_of(self, sent: Span) -> list[tuple[int, str]]:
        """The model's date spans inside ``sent`` (as ``sent.ents`` gives them)."""
        if self._date_spans is None:
            self._date_spans = {s.start: [] for s in self.sentences}
            ends = {s.start: s.end for s in self.sentences}
            starts = sorted(ends)
            for ent in sent.doc.ents:
                if ent.label_ not in DATE_LABELS or _dates_a_thing(ent):
                    continue
                index = bisect_right(starts, ent.start) - 1
                if index >= 0 and ent.end <= ends[starts[index]]:
                    self._date_spans[starts[index]].append((ent.start, ent.text))
        found = self._date_spans.get(sent.start)
        if found is None:  # a span that is not one of the document's sentences
            return [(e.start, e.text) for e in sent.ents if e.label_ in DATE_LABELS]
        return found

    # --- participants -------------------------------------------------------------------

    def group_of(self, head: Token, speaker: Entity | None) -> Entity | None:
        """The armed group or organisation an agent phrase stands for.

        "extremists linked to Syria's former Al-Qaeda affiliate" → a group known by that
        description; "the ISIS group" / "ISIS militants" → ISIS; "it" in "ISIS said … that it
        had killed" → ISIS (the speaker).
        """
        table = self.table
        entity = table.at(head.i)
        if entity is not None:
            return entity if entity.kind != EntityKind.PLACE else None
        if head.pos_ == "PRON":
            # "ISIS said … that it had killed 20", "Amaq said that ISIS had launched its
            # assault": the nearest armed group before the pronoun in its sentence
            plural: set[str] = set()  # named by a plural noun, which "it" does not stand for
            for i in range(head.i - 1, head.sent.start - 1, -1):
                found = table.at(i)
                if found is None or found.kind != EntityKind.ARMED_GROUP:
                    continue
                if coref.number_clash(head, head.doc[i]) or found.key in plural:
                    plural.add(found.key)
                elif not _aside(head.doc[i], head):
                    return found
            if speaker is not None and speaker.kind == EntityKind.ARMED_GROUP:
                return speaker
            return coref.resolve(head, table, self.recent_perpetrators, kind="armed")
        owner = next(
            (c for c in head.children if c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS),
            None,
        )
        if owner is not None and head.lemma_.lower() in self.military_means:
            # "The Israeli military said its aircraft had struck …": the owner's weapons
            return self.group_of(owner, speaker)
        if speaker is not None and speaker.actor_type in STATE_ACTOR_TYPES and _own_forces(head):
            # "Nigeria's army said … troops had killed 12 militants", "… its air force had
            # struck": a state's forces telling of their own
            return speaker
        # "gang members": members of attackers the text does not name
        members_of_unknown = head.lemma_.lower() == "member" and any(
            c.dep_ == "compound" and c.lower_ in self.unknown_attackers for c in head.children
        )
        # "ISIS gunmen" are ISIS's; a dateline the parse hangs on them ("ABUJA (Reuters) -
        # Armed bandits …") is nobody's
        if (head.lower_ in self.unknown_attackers or members_of_unknown) and not any(
            _named_body(table.at(c.i)) or c.lower_ in self.link_words for c in head.children
        ):
            resolved = coref.resolve(head, table, self.recent_perpetrators, kind="armed")
            # "a suicide bomber attacked …": an armed group the text does not name
            return resolved or table.add_description(
                _noun_phrase(head), EntityKind.ARMED_GROUP, None
            )
        if head.lemma_.lower() in self.person_nouns | {"member"}:
            # "certain officers of the armed forces", "members of the FMLN"
            for obj in prep_objects([head], {"of", "from"}):
                found = table.at(obj.i)
                if found is not None and found.kind == EntityKind.ARMED_GROUP:
                    return found
        if head.lower_ in self.militant_nouns or head.lemma_.lower() in self.militant_nouns:
            for child in head.children:
                if (
                    child.dep_ in {"acl", "amod"}
                    and child.i > head.i
                    and child.lower_ in self.link_words
                ):
                    span = head.doc[head.left_edge.i : child.right_edge.i + 1]
                    return table.add_description(_trim(span), EntityKind.ARMED_GROUP, None)
            for child in head.children:
                if child.dep_ == "poss" and child.pos_ == "PRON":
                    # "the al-Qassam Brigades said its fighters had fired …"
                    return self.group_of(child, speaker)
                if child.dep_ in {"compound", "amod", "poss", "nmod"}:
                    found = table.at(child.i)
                    if found is not None and found.kind != EntityKind.PLACE:
                        return found
                if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
                    for obj in child.children:
                        found = table.at(obj.i)
                        if found is not None and found.kind != EntityKind.PLACE:
                            return found
            return coref.resolve(head, table, self.recent_perpetrators, kind="armed")
        return None

    def _claimants(self, sent: Span) -> list[Entity]:
        """Armed groups that claim an attack without naming it: "Tehreek-e-Taliban Pakistan
        … claimed responsibility in a statement" (not "no group has claimed
        responsibility"; "claimed responsibility for the bombing" names its attack, see
        :func:`_responsible`)."""
        found: list[Entity] = []
        for verb in sent:
            if (
                verb.pos_ != "VERB"
                or verb.lemma_.lower() not in CLAIM_VERBS
                or _negated(verb)
                or not any(c.dep_ == "dobj" and c.lower_ == "responsibility" for c in verb.children)
            ):
                continue
            for subject in (c for c in verb.children if c.dep_ == "nsubj"):
                group = self.group_of(subject, None) or self._compound_group(subject)
                if group is not None and group.kind == EntityKind.ARMED_GROUP:
                    found.append(group)
        return found

    def _compound_group(self, head: Token) -> Entity | None:
        """A group whose name the parse splits from the noun it ends in ("Islamic State
        Khorasan Province": "Islamic State Khorasan" and "Province")."""
        for child in head.children:
            if child.dep_ == "compound" and (found := self.table.at(child.i)) is not None:
                return found if found.kind is EntityKind.ARMED_GROUP else None
        return None

    def state_by_means(self, noun: Token, sentence: int) -> Entity | None:
        """The forces of the state a nationality word or a country's name before a noun of
        military means names ("Russian air strikes", "a US drone strike", "Israel's
        warplanes"; ``military_means.tsv``): an armed group of type state forces, one with
        any "Russian forces" the article names. An attack word with a means before it counts
        as that means ("a Ukrainian drone attack")."""
        if noun.lemma_.lower() not in self.military_means and not any(
            c.dep_ == "compound" and c.lemma_.lower() in self.military_means for c in noun.children
        ):
            return None
        for child in noun.children:
            if child.dep_ not in {"amod", "compound", "poss", "nmod"} or child.i > noun.i:
                continue
            country = self._country_word(child)
            if country is not None:
                return self._forces_of(child, country, sentence)
            found = self.state_by_means(child, sentence)  # "a US drone strike": the drone's
            if found is not None:
                return found
        return None

    def _country_word(self, word: Token) -> str | None:
        """The country a nationality word or a country's name stands for ("Russian",
        "Russia's")."""
        country = demonym_country(word.text)
        place = self.table.at(word.i)
        if country is None and place is not None and "country" in (word._.ckg_place_types or ()):
            country = place.label
        return country

    def forces_of_speakers_state(
        self, head: Token, speaker: Entity | None, sentence: int
    ) -> Entity | None:
        """ "Russia's defence ministry said its forces had carried out a massive strike": the
        forces of the state whose body speaks of them as its own."""
        if (
            speaker is None
            or speaker.kind is not EntityKind.ORGANISATION
            or not _own_forces(head)
            or not any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in head.children)
        ):
            return None
        for token in head.sent:
            if self.table.by_token.get(token.i) != speaker.key:
                continue
            body = self._name_head(token)
            for child in body.children:
                if child.dep_ in {"poss", "amod", "compound"} and child.i < body.i:
                    country = self._country_word(child)
                    if country is not None:
                        return self._forces_of(child, country, sentence)
        return None

    def _forces_of(self, word: Token, country: str, sentence: int) -> Entity:
        """The article's entity for a state's forces, named by a nationality word or the
        country's name: "Russian" → "Russian forces"."""
        adjective = word.text if demonym_country(word.text) else _demonym_of(country)
        adjective = adjective.removesuffix("'s").removesuffix("\u2019s")
        label = f"{adjective} forces"
        key = f"{EntityKind.ARMED_GROUP.value}:{normalise_name(label)}"
        # "an Israeli air strike … The Israeli military said": one body, as the article named it
        entity = self.table.entities.get(key) or self._named_forces(adjective)
        if entity is None:
            entity = Entity(key, EntityKind.ARMED_GROUP, label, actor_type=STATE_FORCES, named=True)
            self.table.entities[key] = entity
        mention = Mention(word.text, word.idx, word.idx + len(word.text), sentence)
        if all(m.start != mention.start for m in entity.mentions):
            entity.mentions.append(mention)
        return entity

    def _named_forces(self, adjective: str) -> Entity | None:
        """The state's forces as the article names them with that nationality word ("the
        Israeli military", "Russian troops"), first named first."""
        prefix = adjective.lower() + " "
        if not self.sentences:
            return None
        doc = self.sentences[0].doc
        for start, key in sorted(self.table.order):
            entity = self.table.entities[key]
            if (
                entity.kind is EntityKind.ARMED_GROUP
                and entity.actor_type == STATE_FORCES
                and entity.label.lower().startswith(prefix)
                and names_state_forces_body(entity.label)
                # named as a body, not as a modifier of some of its people ("Russian
                # military personnel were wounded")
                and not self._modifies_other_noun(doc[start])
            ):
                return entity
        return None

    def _locative_phrases(self, root: Token, excluded: set[int]) -> Iterable[Token]:
        """The prepositions of place in the clause under ``root`` ("in", "near", …)."""
        return (
            token
            for token in root.subtree
            if token.i not in excluded and token.dep_ == "prep" and token.lower_ in self.locative
        )

    def place_in(self, root: Token, excluded: set[int]) -> Entity | None:
        """First place in a locative phrase of the clause ("in … Deir Ezzor province")."""
        for token in self._locative_phrases(root, excluded):
            for inner in token.subtree:
                entity = self.table.at(inner.i)
                if (
                    entity is not None
                    and entity.kind == EntityKind.PLACE
                    and inner.i not in excluded
                    and not self._modifies_other_noun(inner)
                    and not self._holds_named_place(inner)
                    and not self._qualifies_framed_place(inner)
                    and not names_a_facility(entity.label, inner._.ckg_place_types)
                ):
                    return entity
        for token in root.subtree:
            entity = self.table.at(token.i)
            if (
                entity is not None
                and entity.kind == EntityKind.PLACE
                and token.i not in excluded
                and token.dep_ not in {"compound", "amod", "npadvmod"}
                and not self._route_end(token)
                and not self._modifies_other_noun(token)
                and not names_a_facility(entity.label, token._.ckg_place_types)
            ):
                return entity
        return None

    def capital_in(self, root: Token, excluded: set[int]) -> str | None:
        """The country whose capital a locative phrase of the clause names without naming the
        city: "in Somalia's capital", "in the capital of Somalia", "in the Afghan capital"
        (``capital_nouns.tsv``); "" for "in the capital", which names no country."""
        for token in self._locative_phrases(root, excluded):
            for noun in (c for c in token.children if c.dep_ == "pobj"):
                if noun.lemma_.lower() not in self.capital_nouns:
                    continue
                for owner in noun.children:
                    if owner.dep_ in {"amod", "compound"} and (
                        country := demonym_country(owner.text)
                    ):
                        return country
                for owner in [
                    *(c for c in noun.children if c.dep_ == "poss"),
                    *prep_objects([noun], {"of"}),
                ]:
                    place = self.table.at(owner.i)
                    if place is not None and "country" in (owner._.ckg_place_types or ()):
                        return place.label
                # "in the capital", "in this capital": the country's, whose town the
                # dateline names (not "the provincial capital", "the capital of Cordoba")
                if all(c.dep_ == "det" for c in noun.children):
                    return ""
        return None

    def _route_end(self, token: Token) -> bool:
        """ "passengers waited to board a train to Peshawar", "the convoy was carrying troops
        from Jowhar": where someone or something was going or coming from, not where the
        attack was."""
        head = self._name_head(token)
        return head.dep_ == "pobj" and head.head.lower_ in ROUTE_PREPOSITIONS

    def _name_head(self, token: Token) -> Token:
        """The syntactic head of the name ``token`` belongs to (its last word, mostly)."""
        entity_key = self.table.by_token.get(token.i)
        head = token
        while self.table.by_token.get(head.head.i) == entity_key and head.head.i != head.i:
            head = head.head
        return head

    def _holds_named_place(self, token: Token) -> bool:
        """ "in Iraq's northern Kirkuk province": the possessive names the country that
        holds the place, which the phrase names more closely."""
        head = self._name_head(token)
        if head.dep_ != "poss":
            return False
        held = self.table.at(head.head.i)
        return (
            held is not None
            and held.kind == EntityKind.PLACE
            and held.key != self.table.by_token.get(token.i)
        )

    def _qualifies_framed_place(self, token: Token) -> bool:
        """ "in the central Ukrainian city of Dnipro": the nationality word qualifies the
        place noun whose "of" phrase names the place."""
        head = self._name_head(token)
        noun = head.head
        if head.dep_ not in {"amod", "compound", "nmod"} or noun.lower_ not in self.place_nouns:
            return False
        return any(
            (place := self.table.at(o.i)) is not None
            and place.kind == EntityKind.PLACE
            and place.key != self.table.by_token.get(token.i)
            for o in prep_objects([noun], {"of"})
        )

    def _modifies_other_noun(self, token: Token) -> bool:
        """ "outside the U.S. embassy": the name qualifies a thing, it is not the place
        (but "in the Homs countryside" is in Homs)."""
        head = self._name_head(token)
        return (
            head.dep_ in {"compound", "amod", "poss", "nmod"}
            and head.head.pos_ == "NOUN"
            and head.head.lower_ not in self.place_nouns
            and not self._town_of_a_building(token, head.head)
        )

    def _town_of_a_building(self, token: Token, noun: Token) -> bool:
        """ "at Quetta railway station", "a Mogadishu hotel": a town's name before a
        building's noun (``facility_nouns.tsv``) says where the building stands; a country's
        does not ("outside the U.S. embassy")."""
        while noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
            noun = noun.head
        types = token._.ckg_place_types or ()
        return noun.lemma_.lower() in self.facilities and bool(types) and "country" not in types

    def date_in(self, sent: Span, root: Token, excluded: set[int]) -> DateSpan | None:
        found = self._dated(sent, root, excluded)
        return found[0] if found else None

    def _dated(self, sent: Span, root: Token, excluded: set[int]) -> tuple[DateSpan, int] | None:
        """The date the clause under ``root`` gives, with its rank (`_date_rank`): the best
        ranked, the first among equals ("killed on Monday, 4 August" is 4 August even where
        Monday and 4 August are two date spans)."""
        clause = {t.i for t in root.subtree}
        best = self._best_date(
            text
            for start, text in self._dates_of(sent)
            if start not in excluded and start in clause
        )
        if best is None:
            # the model's date spans miss some ("attacked at 0030 today"): the expressions
            # the date lexicon knows, in the clause's own words
            expressions = []
            for start, _end, text in find_date_expressions(sent.text):
                token = sent.char_span(start, start + 1, alignment_mode="expand")
                if token is not None and token.start not in excluded and token.start in clause:
                    expressions.append(text)
            best = self._best_date(expressions)
        return best

    def _best_date(self, expressions: Iterable[str]) -> tuple[DateSpan, int] | None:
        best: tuple[DateSpan, int] | None = None
        for text in expressions:
            resolved = self._past(resolve_date(text, self.published))
            if resolved is None:
                continue
            rank = _date_rank(text, resolved)
            if best is None or rank > best[1]:
                best = (resolved, rank)
        return best

    def _date_before(self, sent: Span) -> DateSpan | None:
        """The day a sentence just before gives, within its paragraph (a single day only: a
        month or year nearby is background): "LAST NIGHT'S TARGET WAS THE LIQUEUR PLANT.
        FOUR ROCKETS WERE GOING TO EXPLODE …"."""
        current = sent
        for _ in range(DATE_LOOKBACK):
            k = self._sentence_at.get(current.start, 0)
            if k == 0:
                return None
            previous = self.sentences[k - 1]
            if "\n\n" in self.text[previous.end_char : current.start_char]:
                return None
            if previous.start not in self._sentence_dates:
                self._sentence_dates[previous.start] = self.date_in(previous, previous.root, set())
            found = self._sentence_dates[previous.start]
            if found is not None and found.is_day:
                return found
            current = previous
        return None

    def _past(self, when: DateSpan | None) -> DateSpan | None:
        """News tells what has happened: a date well after publication is a misreading
        ("at 2030" is a time of day, not the year 2030)."""
        if when is None or self.published is None:
            return when
        return None if when.start > self.published + dt.timedelta(days=31) else when

    # --- the sentence ---------------------------------------------------------------------

    def _marked(self, sent: Span) -> Iterable[Token]:
        """The sentence's tokens the trigger component marked (all of them, for a doc it
        did not index)."""
        marked = sent.doc._.ckg_triggers
        if marked is None:
            return sent
        first, last = bisect_left(marked, sent.start), bisect_left(marked, sent.end)
        return [sent.doc[i] for i in marked[first:last]]

    def read(
        self, n: int, sent: Span, attribution: Attribution | None, source: Entity | None
    ) -> AttackMention | None:
        excluded = attribution.excluded if attribution else set()
        # a dateline ("BEIRUT (AFP) - …") the parser joins to the lead says where and by whom
        # the report was filed: none of its words is an argument
        dateline, _, story = dateline_tokens(sent.doc)
        if dateline < sent.end and story > sent.start:
            excluded = excluded | set(range(max(dateline, sent.start), min(story, sent.end)))
        triggers = [t for t in self._marked(sent) if _is_trigger(t, excluded)]
        # a weapon word ("mortar", "IED") names the means of an attack found by another word;
        # "the war has killed 70,000" tells a toll over years, no attack
        claimants = self._claimants(sent)
        tolls = {t.i for t in triggers if sums_up_a_conflict(t)}
        if all(t._.ckg_trigger[1] == "weapon" or t.i in tolls for t in triggers):
            if not claimants:
                return None
            return AttackMention(
                sentence=n,
                evidence=" ".join(sent.text.split()),
                attack_type="UnspecifiedAttack",
                trigger="",
                source=source,
                perpetrators=claimants,
                claimants=[group.key for group in claimants],
                anaphoric=True,
                claim_only=True,
            )
        # "Boko Haram has killed tens of thousands since 2009, and attacks remain frequent":
        # a toll over years beside another attack word is no part of that word's attack
        triggers = [t for t in triggers if t.i not in tolls]
        stop = attribution.verb if attribution else None
        speaker = attribution.speaker if attribution else None
        # "its forces struck military targets and denied hitting civilians": what the
        # speaker denies is no part of what it tells
        asserted = [t for t in triggers if not _denied(t)]
        if any(t._.ckg_trigger[1] != "weapon" for t in asserted):
            triggers = asserted
        types = [t._.ckg_trigger[0] for t in triggers]
        # the attack word, else a killing word; a weapon only refines the type
        main = min(
            triggers,
            key=lambda t: (t._.ckg_trigger[1] != "attack", t._.ckg_trigger[1] == "weapon", t.i),
        )
        triggers = [t for t in triggers if t._.ckg_trigger[1] != "weapon" or t.i == main.i]
        mention = AttackMention(
            sentence=n,
            evidence=" ".join(sent.text.split()),
            attack_type=min(types, key=TYPE_PRIORITY.index),
            trigger=main.text,
            source=source,
            casualties_only=all(t._.ckg_trigger[1] in {"kill", "injure"} for t in triggers),
            speakers=attribution.hung_speakers if attribution else frozenset(),
            denied=_denied(main),
        )
        victims: list[Token] = []
        for trigger in triggers:
            role = trigger._.ckg_trigger[1]
            self._arguments(trigger, role, speaker, mention, victims)
        for token in sent:
            # "… and destroyed the building": what the attack hit, told by another verb
            if (
                token.i not in excluded
                and token.lemma_.lower() in self.damage_verbs
                and not _denied(token)
            ):
                for child in self._hit_by(token):
                    for patient in _conjuncts(child):
                        self._add_victim(patient, "damage", mention, victims)
        if mention.attack_type in {"Bombing", "SuicideBombing"}:
            # "a car bomb exploded in front of the embassy, killing two guards": the building
            # is a target as well as the people it killed
            attack_words = [t for t in triggers if t._.ckg_trigger[1] == "attack"] or [main]
            for patient in (p for t in attack_words for p in self._bombed_facilities(t)):
                self._add_victim(patient, "damage", mention, victims)
        if mention.fatalities is None or mention.fatalities.best is None:
            mention.fatalities = self._death_toll(sent, excluded) or mention.fatalities
        root = _clause_root(main, stop)
        if not mention.perpetrators and not self._reacted_to(main):
            mention.perpetrators.extend(self._group_in_clause(root, victims, excluded))
        mention.place = self.place_in(root, excluded) or self.place_in(sent.root, excluded)
        capital_of = self.capital_in(root, excluded)
        if capital_of is None:
            capital_of = self.capital_in(sent.root, excluded)
        if mention.place is None or (capital_of and mention.place.label == capital_of):
            mention.capital_of = capital_of
        dated = (
            self._dated(sent, main, excluded)
            or self._dated(sent, root, excluded)
            or self._dated(sent, sent.root, excluded)
        )
        if dated is not None:
            mention.when, mention.when_rank = dated
        else:
            mention.when = self._date_before(sent)
            mention.when_rank = LOOKBACK_DATE_RANK if mention.when else 0
        definite_trigger = any(
            (t.pos_ == "NOUN" and coref.is_definite(t)) or _known_device(t) for t in triggers
        )
        # "The assailants, armed with machetes, attacked the villages …": the doers of the
        # attack just told
        definite_doers = [
            subject
            for t in triggers
            for subject in _clause_subjects(t)
            if coref.is_definite(subject) and subject.pos_ == "NOUN"
        ]
        # "The guerrillas also burned three vehicles": a further deed of theirs, not the one
        # just told going on
        further = any(c.lower_ in ADDITIVE_ADVERBS for t in triggers for c in t.children)
        mention.doers_told_before = not further and any(
            subject.lower_ in self.doers_by_act or subject.lower_ in anaphors()
            for subject in definite_doers
        )
        known_doers = any(subject.lower_ in self.doers_by_act for subject in definite_doers) or (
            # "The militants raided the villages of Naquitengue and Litamanda": doers and
            # victims both told before
            any(
                subject.lower_ in anaphors()
                and any(c.dep_ == "det" and c.lower_ in coref.DEFINITE for c in subject.children)
                for subject in definite_doers
            )
            and any(
                v.pos_ == "NOUN" and coref.is_definite(v) and not _owned_within(v, victims)
                for v in victims
            )
        )
        # "three other soldiers were wounded": more victims of the event just told
        more_victims = {
            c.i
            for v in victims
            for c in v.children
            if c.dep_ in {"amod", "det"} and c.lower_ in self.novelty
        }
        if victims and all(v.lower_ == "others" for v in victims):
            # "At least 19 others were wounded." (not "killing three and wounding 260 others")
            more_victims |= {v.i for v in victims}
        # "another eight … in a separate attack" is new; "another four … in the ambush" is not
        mention.novel = any(c.lower_ in self.novelty for t in triggers for c in t.children) or (
            not definite_trigger
            and (
                any(
                    t.lower_ in self.novelty and not _ranks(t)
                    for t in sent
                    if t.i not in excluded and t.i not in more_victims
                )
                or self._days_later(sent, excluded)
            )
        )
        # "the troops were killed", "two of her bodyguards were killed": victims already known
        mention.anaphoric = (
            definite_trigger
            or known_doers
            or bool(more_victims)
            or only_doers_hit(mention)
            or any(
                coref.is_definite(v)
                for v in (_partitive_whole(v) or v for v in victims)
                # "a shootout on the outskirts of the town": where, not whom
                if v.pos_ == "NOUN"
                and not _bears_a_name(v)
                and not self._not_a_target(v)
                and not _owned_within(v, victims)
            )
        )
        # a raid or attack that kills villagers is violence against civilians, not a clash
        # (but the "people" a clash between two sides kills may be their fighters)
        two_sides = mention.attack_type == "ArmedClash" and len(mention.perpetrators) > 1
        if mention.attack_type in {"UnspecifiedAttack", "ArmedClash"} and any(
            self.civilians.get(v.lower_) == "civilian"
            or (self.civilians.get(v.lower_) == "anyone" and not two_sides)
            for v in victims
        ):
            mention.attack_type = "AttackOnCivilians"
        mention.cues = sentence_cues(sent, main, triggers, excluded)
        mention.perpetrators.extend(g for g in claimants if g not in mention.perpetrators)
        # "In a statement on its Telegram channel, al-Shabaab said its fighters had killed 23
        # soldiers": the doers speak of their deed, whichever outlet carried it
        if attribution is not None and attribution.speaker in mention.perpetrators:
            mention.speaking_doer = attribution.speaker.key
        for entity in mention.perpetrators:
            if entity.key in self.recent_perpetrators:
                self.recent_perpetrators.remove(entity.key)
            self.recent_perpetrators.insert(0, entity.key)
        return mention

    def _arguments(
        self,
        trigger: Token,
        role: str,
        speaker: Entity | None,
        mention: AttackMention,
        victims: list[Token],
    ) -> None:
        agents: list[Token] = []
        patients: list[Token] = []
        if trigger.pos_ == "VERB":
            passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in trigger.children)
            subjects = [c for c in trigger.children if c.dep_ == "nsubj"]
            if _elided_passive(trigger, subjects):
                # "12 people had been killed and 20 wounded": the 20 were wounded
                passive = True
                patients.extend(subjects)
            if not passive and subjects:
                # a verb has one subject: of two, the parse took an apposition ("reports from
                # the federation, Fenacoa, on 31 January, army troops murdered …") for one
                agents.append(min(subjects, key=lambda c: abs(trigger.i - c.i)))
            # what a bombing verb sets off is the device, not what it hit ("detonated a
            # bomb", "placed 11 bombs in bank branches", "a grenade was hurled at …")
            device = trigger._.ckg_trigger[0] in {"Bombing", "SuicideBombing"}
            explosives = word_set("explosive_nouns.tsv")
            # a verb of firing hits what it was fired at, not the weapon it fired ("fired
            # rockets into the town", "fired at protesters")
            firing = trigger.lemma_.lower() in self.firing_verbs
            for child in trigger.children:
                if child.dep_ in {"nsubjpass", "dobj"}:
                    patients.extend(
                        c
                        for c in _conjuncts(child)
                        if not (device and c.lemma_.lower() in explosives)
                        and not (firing and c.lemma_.lower() in self.firing_objects)
                    )
                elif child.dep_ == "agent":
                    agents.extend(o for o in child.children if o.dep_ == "pobj")
            if firing:
                patients.extend(
                    c
                    for o in prep_objects([trigger], self.firing_prepositions)
                    for c in _conjuncts(o)
                )
            # "… attacked loyalists …, killing 26": a participle shares its governor's agent;
            # but "Ukraine accused Russia of shelling Kharkiv, killing three": the killing is
            # the accused's deed (the parse hangs it on the verb of blame)
            if (
                not agents
                and trigger.dep_ in {"advcl", "xcomp", "conj"}
                and trigger.head.pos_ == "VERB"
            ):
                governor = trigger.head
                if governor.lemma_.lower() in blame_verbs():
                    agents.extend(_blamed(governor))
                else:
                    agents.extend(c for c in governor.children if c.dep_ == "nsubj")
            if (
                trigger.dep_ == "acl"
                and trigger.tag_ in {"VBD", "VBN"}
                and not passive
                and not agents
                and any(c.dep_ == "dobj" for c in trigger.children)
            ):
                # "Suspected Boko Haram insurgents killed at least 37 farmers", parsed as a
                # noun and a clause that modifies it: with an object, the noun did it (not
                # so a present participle: "a bomb exploded at the hotel killing two people")
                agents.append(trigger.head)
            elif trigger.dep_ in {"acl", "amod"} and role != "attack":
                # "the troops … killed in …": a participle modifying its victims
                patients.append(trigger.head)
            if not passive and not patients and role == "kill":
                # the parse that made the victims the speakers ran the speakers into the
                # victims' subset phrase too: the victims alone, not their parts
                for patient in _object_read_as_speaker(trigger):
                    self._add_victim(patient, role, mention, victims, parts=False)
            if passive and not any(c.dep_ == "nsubjpass" for c in trigger.children):
                patients.extend(_stray_passive_subjects(trigger))
            # "the plane blew up in midair": what blew up, when it is no bomb, was hit (but
            # "rebels blew up two pylons" hit the pylons)
            if (
                not passive
                and any(c.dep_ == "prt" and c.lower_ == "up" for c in trigger.children)
                and not any(c.dep_ == "dobj" for c in trigger.children)
            ):
                patients.extend(
                    c
                    for c in trigger.children
                    if c.dep_ == "nsubj" and c.lemma_.lower() not in explosives
                )
            # "Oqueli and Flores were abducted and killed": the second verb shares the victims;
            # "the soldiers were on a visit and were wounded": a passive shares the subject
            if not patients and trigger.dep_ == "conj" and trigger.head.pos_ in {"VERB", "AUX"}:
                for child in trigger.head.children:
                    if (
                        child.dep_ == "nsubjpass"
                        or (child.dep_ == "dobj" and not passive)
                        or (child.dep_ == "nsubj" and passive)
                    ):
                        patients.extend(_conjuncts(child))
        else:
            # "militants set fire to a school", "gunmen opened fire on a bus", "ISIS launched
            # its assault": the verb that carries the noun has the agent and the target
            head = trigger.head
            if trigger.dep_ == "dobj" and head.lemma_.lower() in LIGHT_VERBS:
                agents.extend(c for c in head.children if c.dep_ == "nsubj")
                patients.extend(prep_objects([head], {"on", "against", "to", "at"}))
            # a killing or a kidnapping names its victims: "the murder of colonel Quintero"
            takes_victim = role == "kill" or trigger._.ckg_trigger[0] in {
                "Assassination",
                "Abduction",
            }
            if takes_victim:
                whose = prep_objects([trigger], {"of"})
                if not whose and trigger.dep_ == "conj" and trigger.head.pos_ == "NOUN":
                    # "the kidnapping and assassination of five students": the "of" phrase
                    # hangs on the first word and tells the victims of both
                    whose = prep_objects([trigger.head], {"of"})
                patients.extend(c for o in whose for c in _conjuncts(o))
            patients.extend(_named_as_target(trigger))
            for child in trigger.children:
                if child.dep_ == "prep" and child.lower_ == "by":
                    agents.extend(o for o in child.children if o.dep_ == "pobj")
                elif (
                    child.dep_ == "prep"
                    and child.lower_ == "between"
                    and trigger._.ckg_trigger[0] == "ArmedClash"
                ):
                    # "clashes between the army and M23 rebels": each side fought it
                    agents.extend(self._sides(child))
                elif (
                    child.dep_ == "prep"
                    and child.lower_ in {"on", "against"}
                    and trigger.head.lemma_.lower() != "blame"  # "blamed the attack on X"
                ):
                    patients.extend(
                        o for o in child.children if o.dep_ == "pobj" and not _own_channel(o)
                    )
                elif child.dep_ in {"compound", "poss", "amod", "nmod"}:
                    entity = self.table.at(child.i)
                    named_agent = entity is not None and entity.kind != EntityKind.PLACE
                    if (
                        takes_victim
                        and child.dep_ == "poss"
                        and child.pos_ != "PRON"
                        and self.group_of(child, speaker) is None
                    ):
                        # "Bernardo Jaramillo's murder": whose death, not who killed (but
                        # "the group's killing of two journalists" is the group's doing)
                        patients.append(child)
                    elif named_agent or (child.dep_ == "poss" and child.pos_ == "PRON"):
                        agents.append(child)
        agents.extend(_responsible(trigger))
        agents = [_antecedent(agent) for agent in agents]
        patients = [_antecedent(_whose_life(patient)) for patient in patients]
        # "Russian air strikes", "Israeli warplanes struck": the state's forces did it
        doers = [
            self.group_of(agent, speaker) or self.state_by_means(agent, mention.sentence)
            for agent in agents
        ]
        for n, agent in enumerate(agents):
            if speaker is None:
                continue
            if doers[n] is None:
                doers[n] = self.forces_of_speakers_state(agent, speaker, mention.sentence)
            # "Russia's Defence Ministry said its forces had struck …": the speaker's own
            mention.own_account = mention.own_account or (
                doers[n] is not None
                and any(
                    c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in agent.children
                )
            )
        if trigger.pos_ == "NOUN" and not any(doers):
            doers.append(self.state_by_means(trigger, mention.sentence))
        for group in doers:
            if group is not None and group not in mention.perpetrators:
                mention.perpetrators.append(group)
        for agent in _claiming(trigger):
            if (group := self.group_of(_antecedent(agent), speaker)) is not None:
                mention.claimants.append(group.key)
        for patient in patients:
            self._add_victim(patient, role, mention, victims)
        if trigger.pos_ == "NOUN" and patients:
            # "the killing of six of their members, including the rector …": the subset
            # phrase hangs on the attack noun
            self._add_parts(trigger, role, mention, victims)

    def _hit_by(self, verb: Token) -> list[Token]:
        """What a damage verb says was hit: its object or passive subject ("destroyed the
        building", "the building was destroyed"); for a verb of aiming, its object and what it
        was aimed at, but not its passive subject ("the attacks were aimed at civilians")."""
        hit = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        aimed_at = prep_objects([verb], {"at"})
        if verb.lemma_.lower() in self.aiming_verbs and aimed_at:
            hit = [c for c in hit if c.dep_ == "dobj"]
            hit += [o for o in aimed_at if o.pos_ in {"NOUN", "PROPN", "PRON"}]
        return hit

    def _behind_front(self, token: Token) -> Token | None:
        """What a front or part of a building stands for ("the door of the house": the
        house); any other noun itself; None for a front of nothing ("shattered windows")."""
        if token.lemma_.lower() in self.facility_fronts or token.lower_ in self.facility_fronts:
            return next(iter(prep_objects([token], {"of"})), None)
        return token

    def _add_victim(
        self,
        patient: Token,
        role: str,
        mention: AttackMention,
        victims: list[Token],
        parts: bool = True,
    ) -> None:
        """Count a victim once per role: "the murder of Colonel Rivera, who was killed …" is
        one death. A part or the front of a building stands for the building ("damaged the
        windows and facing of the consulate"), and alone for nothing ("shattered windows")."""
        owner = self._behind_front(patient)
        if owner is None or patient.i in mention.speakers:
            return  # "… killing three drivers, union officials said": the speakers are no victims
        patient = owner
        if (patient.i, role) in mention.counted:
            return
        mention.counted.add((patient.i, role))
        victims.append(patient)
        self._victim(patient, role, mention, counted=self._part_of_earlier(patient))
        # "six people, including a priest and two women": victims already in the toll
        if parts:
            self._add_parts(patient, role, mention, victims)

    def _add_parts(
        self, head: Token, role: str, mention: AttackMention, victims: list[Token]
    ) -> None:
        """The victims a subset phrase on ``head`` lists ("including a priest and two
        women"): targets, whose dead the toll already holds."""
        for part in prep_objects([head], self.subset_prepositions):
            if part.pos_ == "PRON":
                continue
            for member in _conjuncts(part):
                if (member.i, role) not in mention.counted:
                    mention.counted.add((member.i, role))
                    victims.append(member)
                    self._victim(member, role, mention, counted=True)

    def _part_of_earlier(self, patient: Token) -> bool:
        """ "killed 12 people, among them three policemen": the parse makes the policemen a
        second object, but "among them" says they are some of the 12."""
        return any(o.pos_ == "PRON" for o in prep_objects([patient], self.subset_prepositions))

    def _victim(
        self, patient: Token, role: str, mention: AttackMention, counted: bool = False
    ) -> None:
        """Record a victim: a target entity or description, and, unless its dead are
        ``counted`` already (a part of the toll told before), its figure."""
        entity = self.table.at(patient.i)
        if entity is not None and entity.kind == EntityKind.PLACE:
            if not names_a_facility(entity.label, patient._.ckg_place_types):
                return
            entity = None  # "the Salvadoran Consulate": a building, described as the target
        if not self._can_be_victim(patient, entity):
            return
        own = self._fighters_of(patient)
        figure = _quantity(patient)
        noun = _partitive_whole(patient) or patient  # "killed dozens of assailants"
        if entity is None and noun.lower_ in self.doers_by_act and self.table.at(noun.i) is None:
            # "security forces ended the siege after killing all five attackers"
            mention.doer_victims.append(_description(patient) or noun.text)
            if role == "kill" and figure is not None and figure.best is not None:
                mention.doer_losses = (mention.doer_losses or 0) + figure.best
            return
        if own is not None:
            # a group's own dead: the attackers' losses if that group carried out the attack
            if role == "kill" and figure is not None and figure.best is not None:
                mention.combatant_losses.append((own, figure.best))
            return
        if entity is not None and entity not in mention.targets:
            mention.targets.append(entity)
        # each conjunct is a target of its own: "a fuel truck and a station wagon"
        description = _description(patient)
        if (
            description
            and description not in mention.target_descriptions
            and patient.pos_ != "PRON"
            and description.lower() not in {"others", "other"}
        ):
            mention.target_descriptions.append(description)
        if counted or _part_of_stated_total(patient):
            return  # its dead are already in the toll told before it
        if (figure is None or figure.best is None) and self._one_person(patient):
            # "guerrillas killed a peasant": one death; "a constable was wounded": one injured
            figure = Casualties(best=1)
        if figure is None or figure.best is None:
            return
        phrase = (description.lower(), figure.best, role)
        if phrase in mention.counted_phrases and coref.is_definite(patient):
            return  # the same victims told again in the sentence, by a definite phrase
        mention.counted_phrases.add(phrase)
        if role == "kill":
            if mention.fatalities is None or mention.fatalities.best is None:
                mention.fatalities = figure
            else:
                mention.fatalities = Casualties(best=mention.fatalities.best + figure.best)
            if entity is None and noun.lower_ in self.unnamed_fighters:
                mention.fighter_victims.append((description, figure.best))
        elif role == "injure":
            mention.injured = (mention.injured or 0) + figure.best

    def _reacted_to(self, trigger: Token) -> bool:
        """An attack word that someone's reaction governs ("Taliban spokesman Zabihullah
        Mujahid condemned the attack", ``reaction_verbs.tsv``): who reacts did not do it."""
        return (
            trigger.pos_ == "NOUN"
            and trigger.dep_ in {"dobj", "nsubjpass"}
            and trigger.head.lemma_.lower() in self.reaction_verbs
        )

    def _sides(self, between: Token) -> list[Token]:
        """The sides a "between" phrase names, one word of each: the first word of each
        armed group or organisation in it (the parse may hang one name on the other, "the
        Congolese army and M23 rebels"), else the conjoined nouns."""
        objects = [o for o in between.children if o.dep_ == "pobj"]
        sides: list[Token] = []
        seen: set[str] = set()
        for token in (t for o in objects for t in o.subtree):
            entity = self.table.at(token.i)
            if entity is None or entity.kind is EntityKind.PLACE:
                continue
            if entity.key not in seen:
                seen.add(entity.key)
                sides.append(token)
        return sides or [c for o in objects for c in _conjuncts(o)]

    def _group_in_clause(
        self, root: Token, victims: list[Token], excluded: set[int]
    ) -> list[Entity]:
        """When the parse gives no agent: a non-state armed group the clause names outside
        its victims ("… an attack attributed to the FMLN", "FMLN urban commandos …")."""
        victim_tokens = {t.i for v in victims for t in v.subtree}
        # "No group claimed the ambush, but affiliates of al Qaeda are active in the area": a
        # clause joined on with a subject of its own and no attack word says something else
        # of someone else
        other_clauses = {
            t.i
            for c in root.children
            if c.dep_ == "conj"
            and any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)
            and all(t._.ckg_trigger is None for t in c.subtree)
            for t in c.subtree
        }
        for token in root.subtree:
            if token.i in excluded or token.i in victim_tokens or token.i in other_clauses:
                continue
            entity = self.table.at(token.i)
            if (
                entity is not None
                and entity.named
                and non_state_group(entity)
                and not holds_ground(token, self.table)
            ):
                return [entity]
        return []

    def _bombed_facilities(self, trigger: Token) -> list[Token]:
        """Common nouns a bomb went off at, in front of or outside: not places of the
        knowledge base ("in Kabul") nor areas ("in the city")."""
        found: list[Token] = []
        for prep in trigger.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"at", "in", "outside", "inside", "near"}:
                continue
            for pobj in prep.children:
                obj = self._behind_front(pobj) if pobj.dep_ == "pobj" else None
                if obj is None:
                    continue
                entity = self.table.at(obj.i)
                if (
                    obj.pos_ in {"NOUN", "PROPN"}
                    and (
                        entity is None
                        or entity.kind is not EntityKind.PLACE
                        or names_a_facility(entity.label, obj._.ckg_place_types)
                    )
                    and (obj.pos_ == "NOUN" or entity is not None)
                    and obj.lower_ not in self.place_nouns
                    and obj.lower_ not in self.facility_fronts
                    # "in a separate incident, a bomb hit …": when, not where
                    and self._can_be_victim(obj, entity)
                ):
                    found.append(obj)
        return found

    def _days_later(self, sent: Span, excluded: set[int]) -> bool:
        """ "A week later, a bus bomb blew up", "two days later": a day or more after the
        last event told, so another one."""
        return any(
            t.lower_ == "later"
            and t.i not in excluded
            and any(c.dep_ == "npadvmod" and c.lemma_.lower() in self.intervals for c in t.children)
            for t in sent
        )

    def _death_toll(self, sent: Span, excluded: set[int]) -> Casualties | None:
        """Deaths the sentence tells with words that are not attack words: "13 persons died",
        "leaving 12 people dead", "the deaths of 24 passengers", "12 dead"."""
        heads: list[Token] = []
        for token in sent:
            if token.i in excluded:
                continue
            how = self.death_words.get((token.lemma_.lower(), token.pos_))
            if how == "subject":
                heads.extend(c for c in token.children if c.dep_ == "nsubj")
            elif how == "object" and token.dep_ == "amod" and token.i > token.head.i:
                heads.append(token.head)  # "leaving 12 people dead" read as "people dead"
            elif how == "object" and token.dep_ in {"dobj", "conj"} and _quantity(token):
                heads.append(token)  # "leaving 67 dead": the adjective stands for the dead
            elif how == "object" and token.dep_ in {"oprd", "acomp", "xcomp"}:
                governor = token.head
                role = "nsubj" if token.dep_ == "acomp" else "dobj"
                heads.extend(c for c in governor.children if c.dep_ in {role, "nsubjpass"})
            elif how == "of":
                heads.extend(prep_objects([token], {"of"}))
            if how in {"self", "of"} and _quantity(token) is not None:
                heads.append(token)
        heads = [h for h in heads if self.table.at(h.i) is None or h.ent_type_ == "PERSON"]
        # the dead as people ("six priests and two women died") count with their conjuncts;
        # a death word that carries its figure ("67 dead and 1,000 wounded") counts alone
        figures = [
            q
            for q in (
                _quantity(h) or (Casualties(best=1) if self._one_person(h) else None)
                for head in heads
                for h in ([head] if self._is_death_word(head) else _conjuncts(head))
            )
            if q is not None and q.best is not None
        ]
        if not figures:
            return None
        if len(figures) == 1:
            return figures[0]
        return Casualties(best=sum(q.best or 0 for q in figures))

    def _is_death_word(self, token: Token) -> bool:
        return (token.lemma_.lower(), token.pos_) in self.death_words

    def _can_be_victim(self, patient: Token, entity: Entity | None) -> bool:
        """A person, group, building or thing: not a time, a measure or an abstraction
        ("in order to", "on 12 September", "20 kg", "the outskirts of …")."""
        if entity is not None:
            return True
        if patient.ent_type_ in NOT_VICTIM_LABELS:
            return False
        if patient.pos_ not in {"NOUN", "PROPN", "PRON", "NUM", "ADJ"}:
            return False
        if patient.lemma_.lower() in self.place_nouns:
            return False  # "the towns of Jocoro and Guadalupe were attacked": places
        if self._whole_nation(patient):
            return False
        return not self._not_a_target(patient)

    def _not_a_target(self, token: Token) -> bool:
        """A noun of ``non_target_nouns.tsv`` (a time, a measure, an abstraction, a where)."""
        return token.lemma_.lower() in self.non_targets or token.lower_ in self.non_targets

    def _whole_nation(self, head: Token) -> bool:
        """A people as a whole, named in a speech: "the Salvadoran people", "our people",
        "our peasant brothers" (``nation_nouns.tsv``), without a figure."""
        if head.lemma_.lower() not in self.nation_nouns or _quantity(head) is not None:
            return False
        return any(
            (c.dep_ in {"amod", "compound"} and demonym_country(c.text) is not None)
            or (c.dep_ == "poss" and c.lower_ in {"our", "my"})
            for c in head.children
        )

    def _one_person(self, head: Token) -> bool:
        """A victim phrase naming one person: a name, or "a peasant", "the mayor"."""
        if head.ent_type_ == "PERSON":
            return True
        if head.tag_ == "NN" and head.lemma_.lower() in self.person_nouns:
            return True
        # "Judge Mariela Espinosa Arango", "Colonel Roberto Armando Rivera Escobar": a name
        # the model tagged only in part, or one led by a title
        return (
            head.tag_ == "NNP"
            and self.table.at(head.i) is None
            and any(
                c.dep_ == "compound" and (c.ent_type_ == "PERSON" or c.lower_ in self.person_nouns)
                for c in head.children
            )
        )

    def _fighters_of(self, head: Token) -> Entity | None:
        """ "Six ISIS fighters": victims who are a named armed group's own men.

        The group must be a modifier of the noun, not the noun phrase itself ("eight regime
        forces" is a force, not some group's fighters).
        """
        if head.lower_ not in self.militant_nouns:
            return None
        own = self.table.by_token.get(head.i)
        for child in head.children:
            key = self.table.by_token.get(child.i)
            entity = self.table.at(child.i)
            if key != own and entity is not None and entity.kind == EntityKind.ARMED_GROUP:
                return entity
        return None


FIRST_PERSON = frozenset({"we", "our", "us", "ours", "i", "my", "me"})
SECOND_PERSON = frozenset({"you", "your"})
QUOTES = frozenset({'"', "“", "”", "«", "»"})


def sentence_cues(
    sent: Span, main: Token, triggers: list[Token], excluded: set[int]
) -> frozenset[str]:
    """Surface cues of how a sentence tells an attack, for the relevance model.

    None of them is about a particular conflict: the trigger's form (tense, number,
    perfect, passive), who speaks (first or second person, a quotation), whether the
    sentence is a question or a condition, and whether it gives a figure.
    """
    cues = {f"tag:{main.tag_}", f"trigger:{main.lemma_.lower()}"}
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in main.children):
        cues.add("perfect")
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in main.children):
        cues.add("passive")
    if main.dep_ in {"ROOT"}:
        cues.add("root")
    elif main.dep_ in {"pobj", "dobj", "nsubj", "nsubjpass"}:
        cues.add(f"dep:{main.dep_}")
    if any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in main.children):
        cues.add("definite")
    if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in main.children):
        cues.add("indefinite")
    words_in = {t.lower_ for t in sent if t.i not in excluded}
    if words_in & FIRST_PERSON:
        cues.add("first_person")
    if words_in & SECOND_PERSON:
        cues.add("second_person")
    if any(t.text in QUOTES for t in sent):
        cues.add("quoted")
    if sent.text.rstrip().endswith("?"):
        cues.add("question")
    if words_in & {"if", "unless", "whether"}:
        cues.add("condition")
    if any(t.like_num and t.ent_type_ not in DATE_LABELS for t in sent):
        cues.add("figure")
    if len(triggers) > 1:
        cues.add("several_triggers")
    if excluded:
        cues.add("attributed")
    return frozenset(cues)


@cache
def _aggregate_doers() -> dict[str, str]:
    return {row["word"]: row["kind"] for row in rows("aggregate_doers.tsv")}


def sums_up_a_conflict(trigger: Token) -> bool:
    """A killing word whose doer is a whole conflict or wave of violence tells a toll
    summed over time, not an attack: "the war killed 70,000 Salvadorans", "the violence has
    killed thousands of people since 2015" (``aggregate_doers.tsv``); so does a group's
    killing told in the perfect over years ("the ADF … has killed thousands of civilians in
    eastern Congo over the past decade")."""
    if _perfect_over_years(trigger):
        return True
    for doer in (c for c in trigger.children if c.dep_ == "nsubj"):
        kind = _aggregate_doers().get(doer.lemma_.lower())
        if kind == "conflict":
            return True
        if kind == "wave" and any(
            (c.dep_ == "aux" and c.lemma_ == "have") or (c.lower_ == "since" and c.dep_ == "prep")
            for c in trigger.children
        ):
            return True
    return False


def _own_channel(noun: Token) -> bool:
    """ "claimed responsibility for the attack on its Amaq news agency", "condemned the
    attack on social media": where someone tells it (its own outlet, channel or account, or a
    platform), not what was attacked (``channel_nouns.tsv``)."""
    channels = _channel_nouns()
    kind = channels.get(noun.lemma_.lower()) or channels.get(noun.lower_)  # "media": "medium"
    if kind == "platform" or (kind and any(c.lower_ == "social" for c in noun.children)):
        return True
    return kind is not None and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)


@cache
def _channel_nouns() -> dict[str, str]:
    return {row["word"]: row["kind"] for row in rows("channel_nouns.tsv")}


def _perfect_over_years(trigger: Token) -> bool:
    """ "has killed … over the past decade", "have attacked shipping … since November 2023":
    the present perfect (not "had") with a period of years (``toll_periods.tsv``) or "since"
    a year."""
    if not any(
        c.dep_ == "aux" and c.tag_ in {"VBZ", "VBP"} and c.lemma_ == "have"
        for c in trigger.children
    ):
        return False
    for prep in (c for c in trigger.children if c.dep_ == "prep"):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            # "since 2017", "since November 2023"
            if prep.lower_ == "since" and any(
                t.like_num and len(t.text) == 4 for t in (obj, *obj.children)
            ):
                return True
            if prep.lower_ in {"over", "in", "during", "for"} and obj.lemma_.lower() in words(
                "toll_periods.tsv"
            ):
                return True
    return False


def _claiming(trigger: Token) -> list[Token]:
    """Who claims a nominal trigger's attack: "The al-Shabaab militant group claimed
    responsibility for the bombing", "JNIM claimed the attack in a statement" (not "no group
    has claimed the attack")."""
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ == "for" and head.head.lower_ == "responsibility":
        verb = head.head.head
        if verb.lemma_.lower() in CLAIM_VERBS:
            return [c for c in verb.children if c.dep_ == "nsubj"]
    if trigger.dep_ == "dobj" and head.lemma_.lower() == "claim" and not _negated(head):
        return [c for c in head.children if c.dep_ == "nsubj"]
    return []


def _responsible(trigger: Token) -> list[Token]:
    """Agents named by responsibility idioms around a nominal trigger: its claimants
    (:func:`_claiming`); "The government blamed the attack on forces loyal to …" → the
    forces.
    """
    if claimed := _claiming(trigger):
        return claimed
    head = trigger.head
    if trigger.dep_ == "dobj" and head.lemma_.lower() == "blame":
        return prep_objects([head, trigger], {"on"})
    # "President Cristiani attributed the murder to the FMLN"
    if trigger.dep_ == "dobj" and head.lemma_.lower() in {"attribute", "ascribe"}:
        return prep_objects([head, trigger], {"to"})
    # "the attack was carried out by the MRTA", "the murder was committed by soldiers"
    if trigger.dep_ == "nsubjpass" and head.lemma_.lower() in LIGHT_VERBS:
        return [
            o for c in head.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"
        ]
    if trigger.dep_ == "pobj" and head.lower_ == "for":
        governor = head.head
        # "blames certain officers of the armed forces for the murder"
        if governor.lemma_.lower() in {"blame", "condemn", "punish", "arrest", "sentence"}:
            return _blamed(governor)
        # "X is responsible for the murders", "held X responsible for the attack"
        if governor.lower_ == "responsible":
            verb = governor.head
            if governor.dep_ in {"acomp"}:
                return [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if governor.dep_ in {"oprd", "ccomp", "xcomp"}:
                return [c for c in verb.children if c.dep_ == "dobj"]
            if governor.dep_ == "amod":
                return [verb]
    # "accused the army of the massacre", "soldiers were charged with the murder", "accused
    # the FMLN of killing six peasants"
    if trigger.dep_ in {"pobj", "pcomp"} and head.lower_ in {"of", "with"}:
        governor = head.head
        if governor.lemma_.lower() in blame_verbs():
            return _blamed(governor)
    return []


@cache
def _death_toll_words() -> dict[str, str]:
    return {row["lemma"]: row["kind"] for row in rows("death_tolls.tsv")}


def stated_toll(sent: Span) -> Casualties | None:
    """A death toll a sentence states on its own (``death_tolls.tsv``): "The death toll rose
    to at least 31" → 31, at least 31; "the number of victims is 59 and not 62" → 59."""
    lexicon = _death_toll_words()
    for token in sent:
        kind = lexicon.get(token.lemma_.lower())
        counted = kind == "count" and any(
            lexicon.get(o.lemma_.lower()) == "dead" for o in prep_objects([token], {"of"})
        )
        if (kind != "toll" and not counted) or token.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        verb = token.head
        if lexicon.get(verb.lemma_.lower()) != "verb":
            continue
        figures = [
            c for c in verb.children if c.dep_ in {"attr", "dobj", "oprd"} and c.pos_ == "NUM"
        ]
        figures += [o for o in prep_objects([verb], {"to", "at"}) if o.pos_ == "NUM"]
        for figure in figures:
            found = _quantity(figure)
            if found is not None and found.best is not None:
                return found
    return None


#: how many words at most stand between a killing verb and its object's noun ("at least 29")
OBJECT_REACH = 5


def _object_read_as_speaker(trigger: Token) -> list[Token]:
    """ "An airstrike … killed at least 29 people, including children, a rebel group and
    local media said": the parse may make the killed the subject of the reporting verb that
    ends the sentence. The first noun after the killing verb, when it is the subject of a
    later verb of saying, is the verb's object."""
    doc = trigger.doc
    for token in doc[trigger.i + 1 : min(len(doc), trigger.i + 1 + OBJECT_REACH)]:
        if token.pos_ not in {"NOUN", "PROPN"}:
            continue
        verb = token.head
        told = verb.i > token.i and verb.lemma_.lower() in attribution_verbs()
        return [token] if token.dep_ == "nsubj" and told else []
    return []


def prep_objects(tokens: Iterable[Token], prepositions: Collection[str]) -> list[Token]:
    """The objects of the tokens' prepositional phrases headed by one of ``prepositions``:
    "the murder of colonel Quintero" with {"of"} → "Quintero"."""
    return [
        o
        for token in tokens
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in prepositions
        for o in c.children
        if o.dep_ == "pobj"
    ]


def _blamed(verb: Token) -> list[Token]:
    """Who a verb of blame is about: its object ("accused the army"), or its passive
    subject ("soldiers were accused")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return objects or [c for c in verb.children if c.dep_ == "nsubjpass"]


def _noun_phrase(head: Token) -> Span:
    """The noun with its modifiers before it: "unidentified gunmen", "a suicide bomber"."""
    start = head.i
    for child in head.lefts:
        # not a dateline the parse hangs on them ("ABUJA (Reuters) - Armed bandits")
        if child.dep_ in {"amod", "compound", "nmod"} and not any(
            t.text in {"(", ")"} or "\n" in t.text for t in child.subtree
        ):
            start = min(start, child.left_edge.i)
    return head.doc[start : head.i + 1]


def _trim(span: Span) -> Span:
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[span.start : end]
