"""Link the entities of a document to the knowledge base (Wikidata QIDs, labels, coordinates).

Every QID set here comes from the knowledge base; where the knowledge base cannot decide, the
entity stays unlinked. Places are decided by name and by the document's context (the countries
it mentions and the countries of its unambiguous places); actors only on an unambiguous match
whose armed flag agrees with the entity kind; a country acting as an organisation ("Turkey
shelled …") is its state, the country's item.

Example::

    >>> from kg_builder.knowledge import load_default_kb
    >>> from kg_builder.model import Article, DocumentResult, Entity, EntityKind
    >>> doc = DocumentResult(
    ...     Article(id="a", text="Clashes in Tripoli, Libya."),
    ...     entities=[
    ...         Entity("tripoli", EntityKind.PLACE, "Tripoli"),
    ...         Entity("libya", EntityKind.PLACE, "Libya"),
    ...     ],
    ... )
    >>> linked = link_document(doc, load_default_kb())
    >>> linked.entity("tripoli").place.country
    ('Libya', 'Q1016')
"""

from __future__ import annotations

import collections
import copy
import dataclasses
import difflib
import functools
import math
from collections.abc import Iterable, Sequence

from kg_builder.extract.lexicon import demonym_country
from kg_builder.knowledge.kb import (
    TYPE_RANK,
    KBActor,
    KBPlace,
    KBVillage,
    KnowledgeBase,
    place_rank,
    rank_places,
)
from kg_builder.knowledge.names import (
    common_words,
    initials,
    is_acronym,
    normalise_name,
    ordinary_english,
    strip_designator,
)
from kg_builder.link.sports import team_mentions
from kg_builder.model import Attack, DocumentResult, Entity, EntityKind, PlaceInfo
from kg_builder.nlp.resources import read_tsv

__all__ = ["SAME_PLACE_KM", "link_document"]

#: candidates closer than this are taken to be the same place (duplicate records)
SAME_PLACE_KM = 25.0
#: the actor type of political parties (national bodies whose names recur across countries)
PARTY = "PoliticalParty"
#: a party name made of English words this frequent (Zipf) is a common one ("Solidarity",
#: "Accord", "National Party"); "Kurdistan" (3.3) makes a name distinctive
PARTY_COMMON_ZIPF = 3.5
#: a one-word other name of a country this frequent in English is a word ("grenade", 3.7)
ENGLISH_WORD_ZIPF = 3.0


@dataclasses.dataclass(frozen=True)
class _PlaceQuery:
    """The exact candidates of a place entity and the designator hint of its surface forms."""

    candidates: tuple[KBPlace, ...]
    hint: str | None
    #: a mention reads like a sports team named after the place ("Belgium beat Turkey 2-1")
    team: bool = False
    #: every candidate, those with the name only as another name too: the duplicate record
    #: of a place may carry the QID its own record lacks ("Arbil" / "Erbil")
    every: tuple[KBPlace, ...] = ()
    #: the candidates that bear the name as their own (primary) name
    primary: frozenset[int] = frozenset()


def link_document(result: DocumentResult, kb: KnowledgeBase) -> DocumentResult:
    """Return a copy of ``result`` whose entities carry QIDs, KB labels and place details.

    The input is not changed. For each place: ``qid``, ``label`` (the KB name; the article's
    forms stay in ``alt_labels``) and ``place``; for each armed group or organisation:
    ``qid``, ``label`` and ``actor_type`` (the knowledge base's, where it has one). An
    Organisation that the KB knows only as an armed actor becomes an ArmedGroup.

    >>> from kg_builder.knowledge import load_default_kb
    >>> from kg_builder.model import Article, DocumentResult, Entity, EntityKind
    >>> doc = DocumentResult(Article(id="a", text="Daesh claimed it."),
    ...                      entities=[Entity("is", EntityKind.ARMED_GROUP, "Daesh")])
    >>> link_document(doc, load_default_kb()).entities[0].qid
    'Q2429253'
    """
    entities = [entity.copy() for entity in result.entities]
    # a country acting as an organisation may be a team too ("France beat Mexico 2-0")
    named = [e for e in entities if e.kind is not EntityKind.ARMED_GROUP]
    flags = team_mentions(named, result.article.text)
    entities, teams = _teams_apart(entities, flags, result.attacks)
    places = [
        entity
        for entity in entities
        if entity.kind is EntityKind.PLACE and not _common_noun(entity, result.article.text, kb)
    ]
    queries = {entity.key: _query_places(entity, kb, entity.key in teams) for entity in places}
    support = _country_support(queries.values())
    context = set(support)
    for entity in places:
        _link_place(entity, queries[entity.key], context, kb, support)
    for entity in entities:
        # a description ("police", "regime forces") names no particular body: never linked
        if entity.kind in (EntityKind.ARMED_GROUP, EntityKind.ORGANISATION) and entity.named:
            _link_actor(entity, context, kb)
        if (
            entity.kind is EntityKind.ORGANISATION
            and entity.named
            and entity.qid is None
            and entity.key not in teams
        ):
            _link_acting_state(entity, kb)
    by_key = {entity.key: entity for entity in entities}
    # only an attack's place fields are set anew below (never changed in place): a shallow
    # copy keeps the input as it was
    attacks = [copy.copy(attack) for attack in result.attacks]
    for attack in attacks:
        if attack.location_from_dateline and attack.location:
            country = _dateline_country(attack, by_key[attack.location], kb, entities, by_key)
            if country is not None:
                attack.location = country.key
                attack.places = [country.key]
        if attack.places:
            attack.location = most_specific_place([by_key[k] for k in attack.places]).key
    return dataclasses.replace(result, entities=entities, attacks=attacks)


def _common_noun(entity: Entity, text: str, kb: KnowledgeBase) -> bool:
    """A one-word name that is an ordinary English word, written after "the" wherever the
    article names it, and that names no country and no town of OUT_OF_CONTEXT_POPULATION, is
    the common noun capitalised ("the 2016 UK-France Summit", "the Capital") or a region the
    knowledge base does not hold ("the Gulf" is no Gulf Province of Papua New Guinea): no
    place to link."""
    label = entity.label
    if len(label.split()) != 1 or not ordinary_english(label):
        return False
    forms = entity.surface_forms()
    own = [m for m in entity.mentions if m.text in forms]
    if not own or any(text[max(0, m.start - 4) : m.start].lower() != "the " for m in own):
        return False
    return not any(
        place.place_type == "country" or (place.population or 0) >= OUT_OF_CONTEXT_POPULATION
        for place, _ in kb.place_hits(label)
    )


#: the organisation type of a sports team named after a place
SPORTS_TEAM = "SportsTeam"


def _teams_apart(
    entities: list[Entity], flags: dict[str, list[bool]], attacks: Sequence[Attack]
) -> tuple[list[Entity], set[str]]:
    """Part a place's mentions that name a sports team from those that name the place.

    "Natalia Karimova ( Russia )" is the country; "Italy beat Russia" in the same report is
    a team, an organisation of its own that the knowledge base does not hold. The team is
    known within its article only (which sport's "Russia" it is, the name does not say).
    ``flags`` says which mentions name a team (:func:`team_mentions`). Returns the
    entities, and the keys of those still read as teams: organisations with a team mention
    (never linked as the state acting), and places every mention of which names a team but
    that an attack names as its place (left unlinked).
    """
    out: list[Entity] = []
    by_key: dict[str, Entity] = {}
    referenced = {key for attack in attacks for key in (*attack.places, attack.location)}
    still_teams = {
        e.key for e in entities if e.kind is not EntityKind.PLACE and any(flags.get(e.key, ()))
    }
    for entity in entities:
        marks = flags.get(entity.key)
        if entity.kind is not EntityKind.PLACE or not marks or not any(marks):
            out.append(entity)
            continue
        team_part = [m for m, marked in zip(entity.mentions, marks, strict=True) if marked]
        place_part = [m for m, marked in zip(entity.mentions, marks, strict=True) if not marked]
        if not place_part and entity.key in referenced:
            out.append(entity)
            still_teams.add(entity.key)
            continue
        key = f"{EntityKind.ORGANISATION.value}:team:{normalise_name(entity.label)}"
        team = by_key.get(key)
        if team is None:
            team = Entity(
                key,
                EntityKind.ORGANISATION,
                entity.label,
                actor_type=SPORTS_TEAM,
                named=False,
            )
            by_key[key] = team
            out.append(team)
        team.mentions.extend(team_part)
        if place_part:
            entity.mentions = place_part
            out.append(entity)
    return out, still_teams


def _dateline_country(
    attack: Attack,
    town: Entity,
    kb: KnowledgeBase,
    entities: list[Entity],
    by_key: dict[str, Entity],
) -> Entity | None:
    """The country an attack placed at the dateline's town happened in, or None where the
    town itself is where: the attack's telling names the capital ("KABUL (Reuters) - … in the
    capital", "… in the Afghan capital") and the town lies in that country. Where it lies
    elsewhere, the capital's country ("NAIROBI (Reuters) - … in the Somali capital")."""
    capital_of = attack.capital_of
    if capital_of is None or town.place is None or town.place.place_type == "country":
        return _country_entity(_country_of(town), kb, entities, by_key)
    if not capital_of:
        return None
    qid = _country_qid(capital_of, kb)
    if qid is None:
        return _country_entity(_country_of(town), kb, entities, by_key)
    if town.place.country is not None and town.place.country[1] == qid:
        return None
    return _country_entity(qid, kb, entities, by_key)


def _country_of(place: Entity) -> str | None:
    """The QID of a linked place's country (its own, for a country)."""
    info = place.place
    if info is None or info.country is None:
        return None
    return place.qid if info.place_type == "country" else info.country[1]


def _country_entity(
    qid: str | None, kb: KnowledgeBase, entities: list[Entity], by_key: dict[str, Entity]
) -> Entity | None:
    """A country as an entity of the article (added when new).

    "BOGOTA, 6 DEC 89 -- A bomb exploded …": the dateline names where the report was filed;
    what the text supports for the attack is the country, as a careful coder would code it.
    """
    if qid is None:
        return None
    for entity in entities:
        if entity.kind is EntityKind.PLACE and entity.qid == qid:
            return entity
    record = kb.place_by_qid(qid)
    if record is None or record.place_type != "country":
        return None
    country = Entity(
        key=f"{EntityKind.PLACE.value}:{normalise_name(record.name)}",
        kind=EntityKind.PLACE,
        label=record.name,
        qid=qid,
        place=_place_info(record, kb),
    )
    if country.key in by_key:
        return None  # a place of that name that is not the country: leave the dateline
    entities.append(country)
    by_key[country.key] = country
    return country


def _country_qid(name: str, kb: KnowledgeBase) -> str | None:
    """The QID of the country the knowledge base knows by ``name``."""
    return next(
        (p.qid for p in kb.find_places(name, loose=False) if p.place_type == "country" and p.qid),
        None,
    )


def most_specific_place(places: Sequence[Entity]) -> Entity:
    """The most specific of the places an attack's tellings name, within the first one's country.

    "… in neighboring Deir Ezzor province …" then "… a desert village south of the city of
    Mayadeen …": Mayadeen (a town in Deir ez-Zor governorate) is where it happened.
    """
    first = places[0]
    country = first.place.country if first.place else None

    def fits(place: Entity) -> bool:
        other = place.place.country if place.place else None
        return country is None or other is None or other == country

    candidates = [p for p in places if fits(p)]
    return max(
        candidates,
        key=lambda p: place_rank(p.place.place_type if p.place else None),
    )


# ------------------------------------------------------------------------------------ places


def _query_places(entity: Entity, kb: KnowledgeBase, team: bool = False) -> _PlaceQuery:
    """Exact candidates over all surface forms (best form first), with any designator hint.

    Where some candidates carry the name as their primary name, candidates that carry it only
    as an alternative name drop out unless they are countries or far more populous ("Troy" is
    not Macon, Georgia, one of whose old names it is; "Milan" is not Syracuse).
    """
    found: list[KBPlace] = []
    primary: set[int] = set()
    hints = []
    for form in entity.surface_forms():
        hints.append(strip_designator(form)[1])
        for place, is_primary in kb.place_hits(form):
            found.append(place)
            if is_primary:
                primary.add(place.id)
    if all(h is not None and h != "country" for h in hints):
        # "Mexico City", "Kuwait City": a name with a designator of a town or division is not
        # the country it holds
        found = [p for p in found if p.place_type != "country"]
    hint = next((h for h in hints if h), None)
    ranked = rank_places(found, hint)
    every = tuple(ranked)
    hits = [p for p in ranked if p.id in primary]
    if hits:
        largest = max((p.population or 0) for p in hits)
        ranked = [
            p
            for p in ranked
            if p.id in primary
            or p.place_type == "country"
            or (p.population or 0) >= max(PROMINENT_POPULATION, PROMINENT_RATIO * largest)
            # a division's other name, borne as own name only by towns of other countries
            # ("Chechnya": the Russian republic, and a Ukrainian village): the article's
            # countries decide
            or (
                p.place_type == "admin1"
                and all(h.country_iso2 != p.country_iso2 for h in hits)
                and all(h.place_type == "locality" for h in hits)
            )
            # the town of a division of that name ("Tartus": the governorate, and the town
            # whose primary name is "Tartouss")
            or any(
                h.place_type in ("admin1", "admin_sub")
                and h.country_iso2 == p.country_iso2
                and _distance_km(h, p) <= SEAT_KM
                for h in hits
            )
        ]
    return _PlaceQuery(tuple(ranked), hint, team=team, every=every, primary=frozenset(primary))


#: a place this populous, and PROMINENT_RATIO times as populous as every other candidate of
#: its name, is meant whatever the article's other places ("Berlin" in an article naming only
#: Jamaica and the US is not Berlin, New Hampshire)
PROMINENT_POPULATION = 1_000_000
PROMINENT_RATIO = 10
#: an out-of-context candidate is only taken if it is a country or at least this populous
OUT_OF_CONTEXT_POPULATION = 100_000
#: a loose (consonant-skeleton) match must also be this similar in spelling
LOOSE_SIMILARITY = 0.75


def _country_support(queries: Iterable[_PlaceQuery]) -> collections.Counter[str]:
    """Countries the document mentions, and countries of its unambiguous places, each with the
    number of place entities that point to it."""
    countries: collections.Counter[str] = collections.Counter()
    for query in queries:
        if not query.candidates or query.team:
            continue
        top = query.candidates[0]
        if top.place_type == "country" and top.country_iso2:
            countries[top.country_iso2] += 1
            continue
        codes = {place.country_iso2 for place in query.candidates}
        if len(codes) == 1 and None not in codes:
            countries.update(code for code in codes if code)
    return countries


def _prominent(candidates: Sequence[KBPlace]) -> KBPlace | None:
    """The candidate that dwarfs every other place of the name, if one does."""
    if not candidates:
        return None
    top = max(candidates, key=lambda p: p.population or 0)
    size = top.population or 0
    if size < PROMINENT_POPULATION:
        return None
    others = [
        p.population or 0
        for p in candidates
        if p.country_iso2 != top.country_iso2 and _distance_km(p, top) > SAME_PLACE_KM
    ]
    if others and max(others) * PROMINENT_RATIO > size:
        return None
    return top


def _known_here(place: KBPlace, query: _PlaceQuery, context: set[str]) -> bool:
    """A big place outside the article's countries is meant by its own name, not by an old or
    foreign one: "Canton" in an article about El Salvador is a canton, not Guangzhou, and
    "El Tigre" in one about Colombia is no Tigray (Tigré)."""
    return place.id in query.primary or not context or place.country_iso2 in context


def _loose_in_context(entity: Entity, context: set[str], kb: KnowledgeBase) -> list[KBPlace]:
    """Second tier: loose spelling matches inside the document's countries only, and only
    where the spellings are close ("Mayadeen" / "Al Mayadin", not "Midwest" / "Modesto")."""
    found: list[KBPlace] = []
    for form in entity.surface_forms():
        core, _ = strip_designator(form)
        key = normalise_name(core)
        for place in kb.find_places_loose(form):
            if place.country_iso2 not in context:
                continue
            name = normalise_name(place.name)
            ratio = difflib.SequenceMatcher(None, key, name).ratio()
            if ratio >= LOOSE_SIMILARITY or _skeleton(key) == _skeleton(name):
                found.append(place)
    return found


def _skeleton(key: str) -> str:
    """The consonants of a name key, ``w``, ``y`` and ``h`` kept ("Meyadeen" and "Mayadin"
    meet, "Midwest" and "Modesto" do not)."""
    return "".join(ch for ch in key if ch not in "aeiou")


def _link_place(
    entity: Entity,
    query: _PlaceQuery,
    context: set[str],
    kb: KnowledgeBase,
    support: collections.Counter[str] | None = None,
) -> None:
    if query.team:
        return  # a team named after the place: not the place, and not in the knowledge base
    candidates = list(query.candidates)
    countries = [place for place in candidates if place.place_type == "country"]
    prominent = _prominent(candidates)
    if prominent is not None and not _known_here(prominent, query, context):
        prominent = None
    if countries and query.hint is None:
        # "Iran", "Jamaica": the country, not a village of that name in a neighbouring one;
        # of two country records, the one whose own name it is ("Palestine", not the
        # "Palestinian Territory Occupied" that has it as another name)
        forms = {normalise_name(form) for form in entity.surface_forms()}
        countries = [p for p in countries if normalise_name(p.name) in forms] or countries
        in_context = [place for place in countries if place.country_iso2 in context]
        candidates = rank_places(in_context or countries, None)
    elif prominent is not None and query.hint in (None, prominent.place_type):
        # the place and its duplicate records; a division of the name without a population
        # ("New York" the state, "Washington" the state) does not outweigh the city
        candidates = rank_places(
            [
                place
                for place in candidates
                if place.country_iso2 == prominent.country_iso2
                and _distance_km(place, prominent) <= SEAT_KM
            ],
            query.hint,
        )
    elif context:
        in_context = [place for place in candidates if place.country_iso2 in context]
        if not in_context:
            in_context = _loose_in_context(entity, context, kb)
        codes = {place.country_iso2 for place in in_context}
        if support and len(codes) > 1:
            # "Palmyra" in an article about Syria that also names Britain and the US: the
            # country the article's places point to most often, if one leads
            ranked = sorted((support.get(code or "", 0) for code in codes), reverse=True)
            if ranked[0] > ranked[1]:
                lead = max(codes, key=lambda code: support.get(code or "", 0))
                in_context = [place for place in in_context if place.country_iso2 == lead]
        if in_context:
            candidates = rank_places(in_context, query.hint)
        elif _village_info(entity, context, kb):
            return
        else:
            # nothing in the article's countries: only a place too big to be a coincidence
            candidates = [
                place
                for place in candidates
                if place.place_type == "country"
                or (
                    (place.population or 0) >= OUT_OF_CONTEXT_POPULATION
                    and place.id in query.primary
                )
            ]
    if not candidates:
        return
    chosen = _choose_place(candidates, query.hint)
    if chosen is None:
        _give_shared_coordinates(entity, candidates, kb)
        return
    place, qid = chosen
    if qid is None and place.qid is None:
        qid = _duplicate_record_qid(place, query.every)
    _set_label(entity, place.name)
    entity.qid = qid
    entity.place = _place_info(place, kb)


#: a town this close to a division of its name is the division's seat ("Homs", "London")
SEAT_KM = 60.0


def _choose_place(
    candidates: Sequence[KBPlace], hint: str | None
) -> tuple[KBPlace, str | None] | None:
    """The place meant and the QID to give it, or None when the candidates stay ambiguous."""
    hinted = [p for p in candidates if hint and p.place_type == hint]
    if hinted:
        # "Kandahar province": the provinces of that name only, not towns elsewhere
        candidates = hinted
    top = candidates[0]
    if top.place_type != "country" and len({p.country_iso2 for p in candidates}) > 1:
        return None  # same name in several countries and nothing to tell them apart
    if top.place_type == "country":
        return top, top.qid
    if hint is None:
        # "Homs" alone: the town rather than the division named after it
        for place in candidates[1:]:
            if (
                place.place_type == "locality"
                and top.place_type in ("admin1", "admin_sub")
                and place.country_iso2 == top.country_iso2
                and (
                    (top.qid is not None and place.admin1_qid == top.qid)
                    or _distance_km(place, top) <= SEAT_KM
                    or (_same_name(place, top) and place.admin1_qid is None)
                )
            ):
                top = place
                break
    cluster = [place for place in candidates if _duplicate_records(place, top)]
    qids = {place.qid for place in cluster if place.qid}
    if len(qids) > 1 and any(place.qid_disputed for place in cluster if place.qid):
        return top, None  # the sources give this place different QIDs: keep it unlinked
    if len(qids) > 1 and _same_population(cluster):
        # two records of one size with different QIDs ("Moscow": the city and the region of
        # that name): a bare name means the populated place, if the gazetteer of populated
        # places knows just one of them; else they cannot be told apart
        populated = [place for place in cluster if place.qid and place.populated]
        if hint is None and len({place.qid for place in populated}) == 1:
            return populated[0], populated[0].qid
        return top, None
    if not top.qid and qids:
        top = next(place for place in cluster if place.qid)
    return top, top.qid


def _duplicate_record_qid(place: KBPlace, candidates: Sequence[KBPlace]) -> str | None:
    """The QID of another record of the same place: same type, within SAME_PLACE_KM, of a
    comparable size, the one QID all such records agree on ("Arbil", a record without QID,
    and "Erbil", which has "Arbil" as another name; not the village of 3,000 near Vienna
    that lists "Vienna" among its names)."""
    qids = {
        other.qid
        for other in candidates
        if other.qid and not other.qid_disputed and _duplicate_records(other, place)
    }
    return qids.pop() if len(qids) == 1 else None


#: two records whose populations differ more than this many times are two places
SIZE_RATIO = 10


def _duplicate_records(a: KBPlace, b: KBPlace) -> bool:
    """Two records of one place: same type, within SAME_PLACE_KM, of a comparable size
    (populations within SIZE_RATIO of each other, where both are known)."""
    if TYPE_RANK.get(a.place_type) != TYPE_RANK.get(b.place_type):
        return False
    if _distance_km(a, b) > SAME_PLACE_KM:
        return False
    if not a.population or not b.population:
        return True
    return max(a.population, b.population) <= SIZE_RATIO * min(a.population, b.population)


def _same_population(cluster: Sequence[KBPlace]) -> bool:
    sizes = [place.population for place in cluster if place.qid and place.population]
    return len(sizes) > 1 and len(set(sizes)) < len(sizes)


def _same_name(a: KBPlace, b: KBPlace) -> bool:
    return normalise_name(a.name) == normalise_name(b.name)


def _village_info(entity: Entity, context: set[str], kb: KnowledgeBase) -> bool:
    """Coordinates, country and division (never a QID) from the village table.

    Only for a place the main tables do not hold in the document's countries; the villages of
    that name must lie within SAME_PLACE_KM of each other (else only a shared division and
    country are given, or nothing).
    """
    found: list[KBVillage] = []
    for form in entity.surface_forms():
        found.extend(kb.find_villages(form, context))
    if not found:
        return False
    codes = {village.country_iso2 for village in found}
    if len(codes) > 1:
        return False
    first = found[0]
    row = kb.country(first.country_iso2)
    country = (row.name, row.qid) if row else None
    divisions = {village.admin1_id for village in found}
    admin1: tuple[str, str | None] | None = None
    if len(divisions) == 1 and first.admin1_id is not None:
        division = kb.place_by_id(first.admin1_id)
        admin1 = (division.name, division.qid) if division else None
    near = all(
        _km(first.lat, first.lon, other.lat, other.lon) <= SAME_PLACE_KM for other in found[1:]
    )
    entity.place = PlaceInfo(
        lat=first.lat if near else None,
        lon=first.lon if near else None,
        country=country,
        admin1=admin1,
        place_type="locality" if near else None,
    )
    return True


def _give_shared_coordinates(
    entity: Entity, candidates: Sequence[KBPlace], kb: KnowledgeBase
) -> None:
    """Coordinates (no QID) when all candidates lie within SAME_PLACE_KM of each other."""
    first = candidates[0]
    if first.lat is None or first.lon is None:
        return
    if all(_distance_km(first, other) <= SAME_PLACE_KM for other in candidates[1:]):
        codes = {place.country_iso2 for place in candidates}
        country = None
        row = kb.country(first.country_iso2) if first.country_iso2 else None
        if len(codes) == 1 and row is not None:
            country = (row.name, row.qid)
        entity.place = PlaceInfo(lat=first.lat, lon=first.lon, country=country)


def _place_info(place: KBPlace, kb: KnowledgeBase) -> PlaceInfo:
    country: tuple[str, str | None] | None = None
    if place.place_type == "country":
        country = (place.name, place.qid)
    elif place.country_iso2:
        row = kb.country(place.country_iso2)
        country = (row.name, row.qid) if row else (place.country_iso2, place.country_qid)
    admin1: tuple[str, str | None] | None = None
    if place.place_type not in ("country", "admin1"):
        division = kb.admin1_of(place)
        if division is not None:
            admin1 = (division.name, division.qid)
        elif place.admin1_name:
            admin1 = (place.admin1_name, place.admin1_qid)
    return PlaceInfo(
        lat=place.lat, lon=place.lon, country=country, admin1=admin1, place_type=place.place_type
    )


def _distance_km(a: KBPlace, b: KBPlace) -> float:
    """Great-circle distance; infinite when a coordinate is missing."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    return _km(a.lat, a.lon, b.lat, b.lon)


def _km(lat_a: float, lon_a: float, lat_b: float, lon_b: float) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (lat_a, lon_a, lat_b, lon_b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


# ------------------------------------------------------------------------------------ actors


def _actor_candidates(entity: Entity, kb: KnowledgeBase, context: set[str]) -> list[KBActor]:
    """Per surface form the best tier (primary-name hits, else alias hits), united.

    An alias hit on an actor of other countries than the document's is dropped: "SDF" in
    an article about Syria is not the Somali Salvation Democratic Front, whose alias it is.
    """
    found: dict[int, KBActor] = {}
    for form in entity.surface_forms():
        hits = kb.actor_hits(form) or kb.actor_hits(_as_acronym(form))
        in_context = [
            actor
            for actor, _ in hits
            if not (context and actor.countries and not set(actor.countries) & context)
        ]
        best = [actor for actor, primary in hits if primary] or in_context
        if best and all(actor.qid is None for actor in best):
            # "UN", "U.N.": a source row of that name without a QID does not hide the actor
            # whose name the acronym spells out (United Nations, which has it as alias)
            letters = form.upper().replace(".", "")
            spelt = [a for a in in_context if a.qid and initials(a.name, _ACRONYM_SKIPS) == letters]
            if len(spelt) == 1:
                best = spelt
        for actor in best:
            found.setdefault(actor.id, actor)
    return list(found.values())


#: an acronym this long is also written as a word ("Unita", "Unicef", "Tanjug")
WORD_ACRONYM_LETTERS = 5


def _as_acronym(form: str) -> str:
    """A name of an organisation the text writes as a word that the source stores as an
    acronym ("Unita" for UNITA), in capitals; any other form as it is. An ordinary English
    word stays one ("Model" is no MODEL)."""
    if (
        len(form) >= WORD_ACRONYM_LETTERS
        and form.isalpha()
        and form[0].isupper()
        and form[1:].islower()
        and not ordinary_english(form)
    ):
        return form.upper()
    return form


#: words an acronym leaves out ("United Nations Office for the Coordination of …")
_ACRONYM_SKIPS = frozenset({"of", "the", "and", "for", "in", "on", "de", "la", "del", "des"})


def _link_actor(entity: Entity, context: set[str], kb: KnowledgeBase) -> None:
    candidates = _actor_candidates(entity, kb, context)
    if entity.kind is EntityKind.ARMED_GROUP:
        candidates = [actor for actor in candidates if actor.armed]
    # a party's name made of common words or letters recurs from country to country ("National
    # Party", "Solidarity", "FLN"): the knowledge base's party is meant only in an article
    # about its country
    candidates = [
        actor
        for actor in candidates
        if actor.actor_type != PARTY
        or set(actor.countries) & context
        or not (common_words(actor.name, PARTY_COMMON_ZIPF) or is_acronym(actor.name))
    ]
    if len(candidates) > 1 and context:
        local = [actor for actor in candidates if set(actor.countries) & context]
        if len(local) == 1:
            candidates = local
    if len(candidates) > 1:
        # "United Nations" and "UN" in one article: the full name decides, an acronym
        # being the more ambiguous form (a QID-less "UN" row of the source also has it)
        fullest = max(entity.surface_forms(), key=len)
        named = {actor.id for actor, _primary in kb.actor_hits(fullest)}
        by_full_name = [actor for actor in candidates if actor.id in named]
        if len(by_full_name) == 1:
            candidates = by_full_name
    if len(candidates) != 1:
        return
    actor = candidates[0]
    if entity.kind is EntityKind.ORGANISATION and actor.armed:
        entity.kind = EntityKind.ARMED_GROUP
        entity.actor_type = actor.actor_type
    _set_label(entity, actor.name)
    entity.qid = actor.qid
    # the knowledge base's type over the one read from the name's words
    entity.actor_type = actor.actor_type or entity.actor_type


@functools.cache
def _country_short_names() -> frozenset[str]:
    """Keys of the English short forms of country names ("US", "Britain", "DRC")."""
    rows = read_tsv("kg_builder.knowledge", "resources/country_short_names.tsv")
    return frozenset(normalise_name(row["name"]) for row in rows)


def _word_not_country_name(form: str) -> bool:
    """A one-word other name of a country that is an English word or a nationality word:
    "Grenade" (French for Grenada: a grenade exploded), "Syrian", "Guatemalan"."""
    if len(form.split()) != 1:
        return False
    return demonym_country(form) is not None or ordinary_english(form, ENGLISH_WORD_ZIPF)


def _link_acting_state(entity: Entity, kb: KnowledgeBase) -> None:
    """A country named as the doer of an action ("Turkey shelled …", "France said") is its
    state: the Wikidata item of the country, when every form of the name is that one
    country's name ("Hong Kong", "US", "Britain"), not an English or nationality word that
    the source lists among its other names ("Grenade", French for Grenada; "Syrian")."""
    qids: set[str] = set()
    for form in entity.surface_forms():
        if strip_designator(form)[0] != form.strip():
            return  # "U.S. Department of Education" is a body of the state, not the state
        hits = [(p, primary) for p, primary in kb.place_hits(form) if p.place_type == "country"]
        countries = {p.qid for p, _ in hits}
        if len(countries) != 1 or None in countries:
            return  # no country of that name, or two
        own = any(primary for _, primary in hits) or normalise_name(form) in _country_short_names()
        if not own and _word_not_country_name(form):
            return
        qids |= {qid for qid in countries if qid is not None}
    if len(qids) == 1:
        qid = qids.pop()
        entity.qid = qid
        entity.acting_state = True
        # one name for the state in every article: the country's ("US" acting and "the
        # United States" as a place are one Wikidata item)
        record = kb.place_by_qid(qid)
        if record is not None:
            _set_label(entity, record.name)


def _set_label(entity: Entity, label: str) -> None:
    """Make ``label`` the entity's label, keeping every earlier surface form as alt label."""
    forms = entity.surface_forms()
    entity.label = label
    entity.alt_labels = [form for form in forms if form != label]
