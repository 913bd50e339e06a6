"""One article's spaCy doc → a DocumentResult: entities, statements, attacks.

Discourse rules, in reading order:

* a sentence without an attribution of its own continues the last source's account for
  up to ``CARRY_OVER`` sentences (reported speech runs on: "… said the Observatory. It
  said … Another eight … were killed …");
* every source gets one statement Report (``Claim``) holding its sentences;
* attack mentions are merged into events (see ``merge``); an event is reported in the
  statements of its mentions, or in the article when the journalist tells it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from kg_builder.extract.attacks import (
    CALENDAR_DAY_RANK,
    RELATIVE_DAY_RANK,
    AttackMention,
    SentenceReader,
    doers_as_victims,
    only_doers_hit,
    prep_objects,
    stated_toll,
)
from kg_builder.extract.attribution import Attribution, find_attribution, named_speaker
from kg_builder.extract.candidates import holding_ground_only, mention_spans
from kg_builder.extract.dateline import dateline_tokens
from kg_builder.extract.dates import resolve_date
from kg_builder.extract.entities import EntityTable, collect_entities, non_state_group
from kg_builder.extract.lexicon import rows
from kg_builder.extract.perpetrators import assign_perpetrators, candidate_features, in_passing
from kg_builder.extract.perpetrators import load_model as load_perpetrator_model
from kg_builder.extract.places import PlaceCandidates, assign_places, place_features
from kg_builder.extract.places import load_model as load_place_model
from kg_builder.extract.relevance import attack_features, document_features, load_model
from kg_builder.knowledge.names import normalise_name, strip_designator
from kg_builder.model import (
    ARTICLE_REPORT,
    Article,
    Attack,
    Casualties,
    CasualtyClaim,
    Claim,
    DocumentResult,
    Entity,
    EntityKind,
)

CARRY_OVER = 3
#: how often the one armed group an article names must be named to be its attacks' author
SOLE_GROUP_MENTIONS = 2


def _statement_date(attribution: Attribution, published: dt.date | None) -> dt.date | None:
    doc = attribution.verb.doc
    for ent in doc.ents:
        if ent.label_ in {"DATE", "TIME"} and ent.start in attribution.excluded:
            resolved = resolve_date(ent.text, published)
            if resolved is not None and resolved.is_day:
                return resolved.start
    return None


def merge(
    mentions: list[AttackMention], headline: bool = False, regions: frozenset[str] = frozenset()
) -> list[list[AttackMention]]:
    """Group attack mentions into events.

    A mention joins the previous event when it is anaphoric ("the attack", "its assault",
    "the troops … killed") and not marked as new ("another", "separate"), preferring the
    latest event told by the same source. Everything else starts an event. Where the
    article opens with a ``headline``, the headline's attack is the first one of the lead
    that it could retell (:func:`_retells`; ``regions``: the keys of the article's places
    that are countries or first-level divisions): "Al-Shabaab car bomb kills 8 in Mogadishu"
    and "A car bomb exploded outside a restaurant …, killing at least eight people". The
    doers' own account joins the attack just told (:func:`_doers_account`).
    """
    events: list[list[AttackMention]] = []
    for mention in mentions:
        if mention.claim_only and not events:
            continue  # a claim of no attack the article tells
        target = None
        if (mention.anaphoric or _bare(mention)) and not mention.novel and events:
            same_source = [e for e in events if any(m.source is mention.source for m in e)]
            target = (same_source or events)[-1]
            if _other_day(mention, target) or _other_toll(mention, target):
                target = None
        elif events and (
            _another_sources_toll(mention, events[-1])
            or _more_casualties(mention, events[-1])
            or _doers_account(mention, events, regions)
            or _doers_go_on(mention, events[-1], regions)
        ):
            target = events[-1]
        elif mention.denied:
            # "a spokesman for the junta denied that the military had carried out an
            # airstrike": the denial of an attack told before is another telling of it (in
            # the same town, or, below a headline, within the region it names)
            within = regions if headline else frozenset()
            target = next((e for e in reversed(events) if _retells([mention], e, within)), None)
        if target is None:
            if mention.doer_victims:
                doers_as_victims(mention)
            events.append([mention])
        else:
            target.append(mention)
    # an opening mention that names nothing ("Heavy fighting raged last night …") is the
    # first telling of the event the next sentences describe
    if len(events) > 1 and all(_bare(m) for m in events[0]) and not events[1][0].novel:
        opening = events.pop(0)
        events[0][:0] = opening
    # the headline's event, with what refers back to it ("… condemned the bombing")
    if (
        headline
        and events
        and events[0][0].sentence == 0
        and all(m.sentence == 0 or m.anaphoric for m in events[0])
    ):
        lead = [e for e in events[1:] if e[0].sentence <= LEAD_SENTENCES]
        told = next((e for e in lead if _retells(events[0], e, regions)), None)
        if told is not None:
            told[:0] = events.pop(0)
    return events


#: a headline runs to at most this many words
HEADLINE_WORDS = 25
#: the lead, which retells the headline's attack: the sentences up to this one
LEAD_SENTENCES = 3
#: what ends a sentence of the body, and no headline
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ":", ";")


def _region(token: Token) -> bool:
    """A word of a country's or a first-level division's name, and of no town's ("Somalia",
    "Homs province"; not "Baghdad", a governorate and its city), or of a name the knowledge
    base does not know, which may be a region as well ("Darfur") and tells no other town."""
    kinds = set(token._.ckg_place_types or ())
    return "country" in kinds or kinds in ({"admin1"}, {"unknown"})


def opens_with_headline(sentences: list[Span]) -> bool:
    """The article opens with a headline on a line of its own: a short first sentence
    without final punctuation and a line break after it ("Al-Shabaab car bomb kills 8 in
    Mogadishu")."""
    if len(sentences) < 2:
        return False
    first = sentences[0]
    words = [t for t in first if not (t.is_punct or t.is_space)]
    text = first.text.rstrip(" \t")
    after = first.doc.text[first.end_char : sentences[1].start_char]
    return (
        0 < len(words) <= HEADLINE_WORDS
        and not text.rstrip().endswith(_SENTENCE_END)
        and (text.endswith("\n") or "\n" in after)
    )


def _doers_account(
    mention: AttackMention, events: list[list[AttackMention]], regions: frozenset[str]
) -> bool:
    """The doers' own account of the attack just told: "The Israeli military said its
    aircraft had struck Hamas militants …" after "An Israeli air strike hit a school …". Its
    speaker is its perpetrator or speaks for its forces ("Russia's Defence Ministry said its
    forces had struck …"), no telling before came from that speaker, and it could be the
    same attack (:func:`_retells`), whatever its toll: doers claim more dead than others
    count ("al-Shabaab said its fighters had killed 23 soldiers" of an ambush that killed
    seven)."""
    source = mention.source
    # a group speaking of its deed through an outlet ("ISIS said on its Amaq outlet …")
    # accounts for an attack whose own telling names it as the doer
    told_doers = {p.key for m in events[-1] if not m.anaphoric for p in m.perpetrators}
    return (
        source is not None
        and not mention.novel
        and (
            mention.own_account
            or any(group.key == source.key for group in mention.perpetrators)
            or mention.speaking_doer in told_doers
        )
        and not any(m.source is not None and m.source.key == source.key for e in events for m in e)
        and _retells([mention], events[-1], regions, tolls=False)
    )


def _doers_go_on(
    mention: AttackMention, event: list[AttackMention], regions: frozenset[str]
) -> bool:
    """The doers of the attack just told, named again by a description that refers back,
    go on with it: "ISWAP insurgents ambushed a Nigerian army patrol … The fighters opened
    fire with rocket-propelled grenades near the village of Sabon Gari". As a coder counts
    events, the same doers on the same day in the same town make one event, whatever else
    they hit; a word of novelty ("another", "a separate") or another day, town or toll
    makes another (:func:`_retells`)."""
    return (
        mention.doers_told_before
        and not mention.novel
        and not _other_day(mention, event, own_rank=RELATIVE_DAY_RANK)
        and _retells([mention], event, regions)
    )


def _retells(
    headline: list[AttackMention],
    event: list[AttackMention],
    regions: frozenset[str],
    tolls: bool = True,
) -> bool:
    """The lead's event could be the headline's told again: no other day, no toll far
    apart (unless ``tolls`` is False), no other named perpetrator, and no other town (a
    country or division, which may hold the other's town, is no other place: "Mogadishu"
    and "Somalia's capital")."""
    if any(_other_day(m, event) or _other_day(e, headline) for m in headline for e in event):
        return False
    # a later mention that refers back ("the militants attacked the patrol near the village
    # of …") names a place within the one the lead told, no other town
    towns = [
        {m.place.key for m in told if m.place and not m.anaphoric} - regions
        for told in (headline, event)
    ]
    if towns[0] and towns[1] and not towns[0] & towns[1]:
        return False
    # tolls far apart: no toll of one side near a toll of the other (an event already holds
    # every telling's figure, a doers' claim among them)
    figures = [
        [m.fatalities.best for m in told if m.fatalities and m.fatalities.best]
        for told in (headline, event)
    ]
    if (
        tolls
        and figures[0]
        and figures[1]
        and not any(max(a, b) <= TOLL_FACTOR * min(a, b) for a in figures[0] for b in figures[1])
    ):
        return False
    named = [{p.key for m in told for p in m.perpetrators if p.named} for told in (headline, event)]
    return not (named[0] and named[1] and not named[0] & named[1])


def _other_day(
    mention: AttackMention, event: list[AttackMention], own_rank: int = CALENDAR_DAY_RANK
) -> bool:
    """Both name a day, and not the same one: "X's wife was shot dead on 4 August … Colonel
    Y's wife was shot dead on 5 August" are two killings, however alike, and so are a guard
    "wounded today" and the union leaders "killed on 31 October". The mention names a
    calendar day (or, with ``own_rank`` RELATIVE_DAY_RANK, a day relative to the report:
    "… clashed on Tuesday … On Wednesday, the army shelled hideouts"); the event's day may be
    told relative to the report ("today")."""
    if mention.when is None or mention.when_rank < own_rank:
        return False
    return any(
        m.when is not None and m.when_rank >= RELATIVE_DAY_RANK and m.when != mention.when
        for m in event
    )


#: tolls further apart than this factor are two events' tolls, not one told again or updated
TOLL_FACTOR = 3


def _other_toll(mention: AttackMention, event: list[AttackMention]) -> bool:
    """The same source gives the mention and the event tolls far apart: "the killing of six
    of their members" is not the "fierce fighting that left 1,000 dead" told again."""
    own = mention.fatalities.best if mention.fatalities else None
    if not own:
        return False
    for told in event:
        other = told.fatalities.best if told.fatalities else None
        if (
            other
            and told.source is mention.source
            and max(own, other) > TOLL_FACTOR * min(own, other)
        ):
            return True
    return False


def _casualties_alone(mention: AttackMention, event: list[AttackMention]) -> bool:
    """Only words of death or injury, with figures, and no doer, place, named victim or day
    of its own: what may add to the event just told."""
    return (
        mention.casualties_only
        and not mention.novel
        and bool(mention.fatalities or mention.injured)
        and not (mention.perpetrators or mention.targets or mention.place)
        and not _other_day(mention, event)
    )


def _another_sources_toll(mention: AttackMention, event: list[AttackMention]) -> bool:
    """Another source's figures for the event just told: "A spokesperson for the KIA said 56
    people were wounded" after the airstrike the lead tells (casualties alone, from a source
    the event has not had)."""
    return (
        _casualties_alone(mention, event)
        and mention.source is not None
        and all(m.source is not mention.source for m in event)
    )


def _more_casualties(mention: AttackMention, event: list[AttackMention]) -> bool:
    """Casualties alone, told right after the event: "A Russian missile struck an apartment
    block in Dnipro, killing 14 … Rescuers were still searching the rubble, and 38 people
    were injured" (not a toll over time: "28 policemen have been killed in the city over the
    last two weeks")."""
    return (
        _casualties_alone(mention, event)
        and mention.sentence == max(m.sentence for m in event) + 1
        and "perfect" not in mention.cues
        and not _other_toll(mention, event)
    )


def _bare(mention: AttackMention) -> bool:
    """A mention with no participant, place or figure of its own."""
    return not (
        mention.perpetrators
        or mention.targets
        or mention.target_descriptions
        or mention.place
        or mention.fatalities
        or mention.injured
    )


def _fighters_of_the_doers(event: list[AttackMention]) -> None:
    """Unnamed fighters killed in a later telling of an insurgent group's attack are its
    own losses: "The Observatory said six jihadists were also killed in the fighting that
    followed" after an Islamic State ambush. Not so where the telling names doers of its
    own, or the attack's targets were such fighters ("attacked Kurdish fighters")."""
    insurgent = any(non_state_group(group) for mention in event for group in mention.perpetrators)
    if not insurgent:
        return
    for n, mention in enumerate(event[1:], start=1):
        if mention.perpetrators or not mention.fighter_victims:
            continue
        targeted = {
            word.lower()
            for earlier in event[:n]
            for text in earlier.target_descriptions
            for word in text.split()
        }
        for description, dead in mention.fighter_victims:
            if description.split()[-1].lower() in targeted:
                continue
            if description in mention.target_descriptions:
                mention.target_descriptions.remove(description)
            mention.doer_losses = (mention.doer_losses or 0) + dead
            if mention.fatalities is not None and mention.fatalities.best is not None:
                left = mention.fatalities.best - dead
                mention.fatalities = Casualties(best=left) if left > 0 else None
        mention.fighter_victims = []


def _headline_description_told_again(
    attack: Attack, event: list[AttackMention], table: EntityTable
) -> None:
    """The headline's unnamed doers ("Gunmen abduct more than 100 villagers") are the ones
    the story describes otherwise ("Armed bandits abducted …"): one perpetrator, as the
    story names it."""
    unnamed = {k for k in attack.perpetrators if not table.entities[k].named}
    told = {p.key for m in event if m.sentence > 0 for p in m.perpetrators}
    if unnamed & told and unnamed - told:
        attack.perpetrators = [k for k in attack.perpetrators if k not in unnamed - told]


def _assemble(key: str, event: list[AttackMention], claim_of: dict[str, str]) -> Attack:
    _fighters_of_the_doers(event)
    first = event[0]
    attack = Attack(key=key, attack_type=first.attack_type, trigger=first.trigger)
    when_rank = 0  # the rank of the date taken so far: the best ranked mention's date wins
    toll_report: str | None = None  # the report the attack's toll comes from
    for mention in event:
        if mention.evidence not in attack.evidence:
            attack.evidence.append(mention.evidence)
        # who killed the doers ("security forces … killing all five attackers", "the army
        # killed dozens of the attackers in the fighting" once the attack has its doers)
        # fought the attack, and did not carry it out
        fought_back = only_doers_hit(mention) or bool(mention.doer_victims and attack.perpetrators)
        for group in [] if fought_back else mention.perpetrators:
            if group.key not in attack.perpetrators:
                attack.perpetrators.append(group.key)
        attack.claimed_by.extend(k for k in mention.claimants if k not in attack.claimed_by)
        for target in mention.targets:
            if target.key not in attack.targets and target.key not in attack.perpetrators:
                attack.targets.append(target.key)
        for text in mention.target_descriptions:
            if text not in attack.target_descriptions:
                attack.target_descriptions.append(text)
        if mention.place is not None:
            if attack.location is None:
                attack.location = mention.place.key
            if mention.place.key not in attack.places:
                attack.places.append(mention.place.key)
        if attack.capital_of is None:
            attack.capital_of = mention.capital_of
        if mention.when is not None and mention.when_rank > when_rank:
            when_rank = mention.when_rank
            attack.date = attack.start_date = attack.end_date = None
            if mention.when.is_day:
                attack.date = mention.when.start
            else:
                attack.start_date, attack.end_date = mention.when.start, mention.when.end
        report = claim_of.get(mention.source.key) if mention.source else ARTICLE_REPORT
        if report is None:
            report = ARTICLE_REPORT
        # the attack's own toll is the first report's, at its fullest (`_fuller`); other
        # reports' figures stay in their claims
        if (
            mention.fatalities is not None
            and toll_report in {None, report}
            and _fuller(mention.fatalities, attack.fatalities)
        ):
            attack.fatalities = mention.fatalities
            toll_report = report
        if mention.injured is not None and attack.injured is None:
            attack.injured = mention.injured
        if mention.doer_losses is not None:
            attack.attacker_fatalities = (attack.attacker_fatalities or 0) + mention.doer_losses
        for group, dead in mention.combatant_losses:
            if group.key in attack.perpetrators:
                attack.attacker_fatalities = (attack.attacker_fatalities or 0) + dead
        if report not in attack.reported_in:
            attack.reported_in.append(report)
        if mention.fatalities is not None or mention.injured is not None:
            _add_claim(attack, report, mention)
    attack.target_descriptions = _fullest_descriptions(attack.target_descriptions)
    if attack.attack_type == "UnspecifiedAttack":
        specific = [m.attack_type for m in event if m.attack_type != "UnspecifiedAttack"]
        if specific:
            attack.attack_type = specific[0]
    return attack


def _fullest_descriptions(descriptions: list[str]) -> list[str]:
    """One attack's victims told twice, once more fully ("soldiers", then "U.S. soldiers"):
    the fuller telling stands for both."""
    lowered = [d.lower() for d in descriptions]
    return [
        d
        for d, low in zip(descriptions, lowered, strict=True)
        if not any(other != low and other.endswith(f" {low}") for other in lowered)
    ]


def _fuller(new: Casualties, current: Casualties) -> bool:
    """Whether a toll adds to the one an attack has: the first figure, or a larger one ("the
    murder of the six Jesuits … the six Jesuits and two more persons were killed" is eight
    deaths; the fullest telling gives the whole toll)."""
    if current == Casualties():
        return True
    return new.best is not None and (current.best is None or new.best > current.best)


def _add_claim(attack: Attack, report: str, mention: AttackMention) -> None:
    """Keep what each report says of the toll: its fullest figure (`_fuller`)."""
    for claim in attack.casualty_claims:
        if claim.report == report:
            if mention.fatalities is not None and _fuller(mention.fatalities, claim.fatalities):
                claim.fatalities = mention.fatalities
            if claim.injured is None:
                claim.injured = mention.injured
            return
    attack.casualty_claims.append(
        CasualtyClaim(report, mention.fatalities or Casualties(), mention.injured)
    )


def inherit_context(
    attacks: list[Attack], dateline_place: str | None, published: dt.date | None = None
) -> None:
    """Fill a missing place or date from the context the article gives.

    An attack told without a place happened where the article's previous attack did, or,
    for the first one, at the dateline ("SAN SALVADOR, 18 FEB 90 (DPA) -- …"); one told
    without a date shares the previous attack's date, and one the article dates nowhere
    gets the publication date as its latest possible day (``ckg:endDate`` alone: "on or
    before"). An attack told "in Somalia's capital" takes the dateline's town among its
    places, for ``link`` to keep where it lies in that country. Inherited values are what a
    coder would write; the confidence is computed before they are filled in.
    """
    previous: Attack | None = None
    for attack in attacks:
        if (
            attack.capital_of
            and attack.places
            and dateline_place
            and dateline_place not in attack.places
        ):
            # "MOGADISHU (AP) - … stormed a hotel in Somalia's capital": the dateline's town
            # is one of the places told, for ``link`` to check it lies in that country
            attack.places.append(dateline_place)
        if not attack.places:
            source = previous.location if previous else dateline_place
            if source:
                attack.location = source
                attack.places.append(source)
                attack.location_from_dateline = (
                    previous.location_from_dateline if previous else True
                )
        if previous is not None and attack.date is None and attack.start_date is None:
            attack.date = previous.date
            attack.start_date, attack.end_date = previous.start_date, previous.end_date
        if attack.date is None and attack.start_date is None and attack.end_date is None:
            # told without any date: it happened on or before the article's date
            attack.end_date = published
        previous = attack


@dataclass
class Extraction:
    """An article's result with what the learned parts read (for training them)."""

    result: DocumentResult
    #: each attack's relevance features (``relevance.py``)
    attack_features: list[list[str]]
    #: each candidate author's features (``perpetrators.py``), by entity key
    perpetrator_features: dict[str, list[str]]
    #: each attack's perpetrators as the sentence rules found them
    rule_perpetrators: list[list[str]]
    #: the places the article names, with their features (``places.py``)
    place_candidates: PlaceCandidates
    #: each attack's (place, places) as the sentence rules found them
    rule_places: list[tuple[str | None, list[str]]]
    #: the dateline's place, if any
    dateline_place: str | None


def extract_document(article: Article, doc: Doc) -> DocumentResult:
    """Everything one article says, as plain data."""
    return extract_with_features(article, doc).result


def extract_with_features(
    article: Article, doc: Doc, learned_perpetrators: bool = True, learned_places: bool = True
) -> Extraction:
    """The article's result and the features of its learned parts. Without
    ``learned_perpetrators`` (``learned_places``), attacks keep the sentence rules'
    perpetrators (places), for training the model that chooses them."""
    published = article.published_date
    table = collect_entities(doc)
    sentences = list(doc.sents)
    reader = SentenceReader(table, published, sentences)
    recent_sources: list[str] = []
    current: Entity | None = None
    since = 0
    claims: dict[str, Claim] = {}
    mentions: list[AttackMention] = []
    #: the tokens of the article's attribution phrases ("the UN said")
    attributing: set[int] = set()
    for n, sent in enumerate(sentences):
        attribution = find_attribution(sent, table, recent_sources)
        if attribution is not None:
            attributing |= attribution.excluded
            current, since = attribution.source, 0
            if attribution.source.key in recent_sources:
                recent_sources.remove(attribution.source.key)
            recent_sources.insert(0, attribution.source.key)
            claim = claims.get(current.key)
            text = sent.text.strip()
            if claim is None:
                claims[current.key] = Claim(
                    key=f"statement-{len(claims) + 1}",
                    source=current.key,
                    text=text,
                    date=_statement_date(attribution, published),
                    verb=attribution.verb.text,
                )
            elif text not in claim.text:
                claim.text = f"{claim.text} {text}"
        elif named_speaker(sent):
            current = None
        else:
            since += 1
            if since > CARRY_OVER:
                current = None
        mention = reader.read(n, sent, attribution, current)
        if mention is not None:
            mentions.append(mention)
    claim_of = {source: claim.key for source, claim in claims.items()}
    headline = opens_with_headline(sentences)
    # the places that are countries or divisions, which may hold another telling's town
    regions = frozenset(
        key
        for i, key in table.by_token.items()
        if _region(doc[i]) or strip_designator(table.entities[key].label)[1] == "admin1"
    )
    events = merge(mentions, headline=headline, regions=regions)
    attacks = [_assemble(f"attack-{i + 1}", event, claim_of) for i, event in enumerate(events)]
    if headline:
        for attack, event in zip(attacks, events, strict=True):
            _headline_description_told_again(attack, event, table)
    _add_identified_victims(sentences, attacks, events)
    _add_stated_tolls(sentences, attacks, events)
    context = document_features(attacks, events, published)
    features = [
        [*attack_features(a, e, published), *context] for a, e in zip(attacks, events, strict=True)
    ]
    model = load_model()
    for attack, attack_feats in zip(attacks, features, strict=True):
        attack.confidence = round(model.probability(attack_feats), 2)
    place_candidates = place_features(doc, sentences, table, attacks, events)
    rule_places = [(a.location, list(a.places)) for a in attacks]
    if learned_places:
        places = load_place_model()
        place_scores = [places.scores(by_key) for by_key in place_candidates.features]
        assign_places(attacks, place_scores, place_candidates, places)
    dateline = _dateline_place(doc, table)
    inherit_context(attacks, dateline, published)
    rule_perpetrators = [list(a.perpetrators) for a in attacks]
    candidates = candidate_features(doc, sentences, table, attacks, events, set(claims))
    if learned_perpetrators:
        authors = load_perpetrator_model()
        background = {key for key, f in candidates.items() if in_passing(f)}
        background |= _quoted_only(doc, table, attributing, candidates)
        holders = holding_ground_only(doc, table)
        assign_perpetrators(attacks, authors.scores(candidates), authors, background | holders)
        _sole_insurgent_as_perpetrator(attacks, table, holders)
    result = DocumentResult(
        article=article,
        entities=list(table.entities.values()),
        attacks=attacks,
        claims=list(claims.values()),
    )
    if article.publisher:
        result.publisher = _publisher(result, article.publisher)
    return Extraction(
        result, features, candidates, rule_perpetrators, place_candidates, rule_places, dateline
    )


def _quoted_only(
    doc: Doc, table: EntityTable, attributing: set[int], candidates: dict[str, list[str]]
) -> set[str]:
    """The candidate authors named only as who said what ("…, the UN said": every mention
    inside an attribution phrase), neither of their own deeds ("ISIS said … it had killed")
    nor claiming one: no author by default."""
    return {
        key
        for key, spans in mention_spans(doc, table).items()
        if key in candidates
        and all(set(range(span.start, span.end)) <= attributing for span in spans)
        and not {"rule_perpetrator", "responsibility_sentence"} & set(candidates[key])
    }


@cache
def _victim_identification() -> dict[str, str]:
    """word → noun | verb, of the phrases that name an attack's victims afterwards."""
    return {row["word"]: row["kind"] for row in rows("victim_identification.tsv")}


def _identified_victims(sent: Span) -> list[str]:
    """Names of victims a sentence gives: "The victims were identified as David Lecky and
    James Donnelly" → both names."""
    lexicon = _victim_identification()
    verb = sent.root
    if lexicon.get(verb.lemma_.lower()) != "verb":
        return []
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    among = prep_objects([verb], {"among"})
    if not any(lexicon.get(t.lemma_.lower()) == "noun" for t in [*subjects, *among]):
        return []
    subject_tokens = {t.i for s in subjects for t in s.subtree}
    return [
        " ".join(e.text.split())
        for e in sent.ents
        if e.label_ == "PERSON" and e.start not in subject_tokens
    ]


def _add_identified_victims(
    sentences: list[Span], attacks: list[Attack], events: list[list[AttackMention]]
) -> None:
    """Victims named after the attack is told go to the latest attack told before them."""
    if not attacks:
        return
    starts = [min(m.sentence for m in event) for event in events]
    for n, sent in enumerate(sentences):
        names = _identified_victims(sent)
        earlier = [i for i, start in enumerate(starts) if start < n]
        if not names or not earlier:
            continue
        attack = attacks[earlier[-1]]
        for name in names:
            if name not in attack.target_descriptions:
                attack.target_descriptions.append(name)


def _add_stated_tolls(
    sentences: list[Span], attacks: list[Attack], events: list[list[AttackMention]]
) -> None:
    """A death toll stated on its own ("The death toll rose to 31") is the toll of the
    latest attack told up to that sentence, where it is fuller than what the attack has."""
    told = [max(m.sentence for m in event) for event in events]
    for n, sent in enumerate(sentences):
        earlier = [i for i, last in enumerate(told) if last <= n]
        if not earlier:
            continue
        toll = stated_toll(sent)
        attack = attacks[max(earlier, key=lambda i: told[i])]
        if toll is not None and _fuller(toll, attack.fatalities or Casualties()):
            attack.fatalities = toll
            evidence = sent.text.strip()
            if evidence not in attack.evidence:
                attack.evidence.append(evidence)


def _sole_insurgent_as_perpetrator(
    attacks: list[Attack], table: EntityTable, holders: set[str]
) -> None:
    """An attack nobody is named for, in an article that names one non-state armed group
    and no other, is that group's (a coder reads the article, not the sentence), unless
    the article names it only as what holds a place (``holders``)."""
    groups = {
        key for key, entity in table.entities.items() if entity.named and non_state_group(entity)
    }
    if len(groups) != 1 or groups <= holders:
        return
    (group,) = groups
    if sum(1 for _, key in table.order if key == group) < SOLE_GROUP_MENTIONS:
        return  # named once in passing: not what the article is about
    for attack in attacks:
        if not attack.perpetrators and group not in attack.targets:
            attack.perpetrators.append(group)


def _dateline_place(doc: Doc, table: EntityTable) -> str | None:
    """The place of a wire dateline: "SAN SALVADOR, 18 FEB 90 (DPA) -- [TEXT] …"."""
    start, place_end, _ = dateline_tokens(doc)
    for token in doc[start:place_end]:
        entity = table.at(token.i)
        if entity is not None and entity.kind == EntityKind.PLACE:
            return entity.key
    return None


def _publisher(result: DocumentResult, name: str) -> str:
    key = f"{EntityKind.ORGANISATION.value}:{normalise_name(name)}"
    for entity in result.entities:
        if entity.key == key:
            return key
    result.entities.append(
        Entity(key=key, kind=EntityKind.ORGANISATION, label=name, actor_type="NewsOutlet")
    )
    return key


__all__ = ["Extraction", "extract_document", "extract_with_features"]
