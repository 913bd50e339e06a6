"""Linking hand-made documents against the shipped knowledge base."""

from __future__ import annotations

import pytest

from kg_builder.knowledge.kb import KnowledgeBase, load_default_kb
from kg_builder.link.match import link_document
from kg_builder.model import Article, DocumentResult, Entity, EntityKind, Mention


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_default_kb()


def place(key: str, *forms: str) -> Entity:
    return Entity(key, EntityKind.PLACE, forms[0], alt_labels=list(forms[1:]))


def doc(*entities: Entity) -> DocumentResult:
    return DocumentResult(Article(id="t", text="..."), entities=list(entities))


def test_tripoli_in_libya(kb: KnowledgeBase) -> None:
    linked = link_document(doc(place("t", "Tripoli"), place("l", "Libya")), kb)
    tripoli = linked.entity("t")
    assert tripoli.place is not None and tripoli.place.country is not None
    assert tripoli.place.country[1] == kb.find_places("Libya")[0].qid
    assert tripoli.place.place_type == "locality"
    assert tripoli.qid is not None
    assert linked.entity("l").qid == kb.find_places("Libya")[0].qid


def test_tripoli_in_lebanon(kb: KnowledgeBase) -> None:
    linked = link_document(doc(place("l", "Lebanon"), place("t", "Tripoli")), kb)
    tripoli = linked.entity("t")
    assert tripoli.place is not None and tripoli.place.country is not None
    assert tripoli.place.country[0] == "Lebanon"
    lebanese = [p for p in kb.find_places("Tripoli") if p.country_iso2 == "LB"]
    assert tripoli.qid == lebanese[0].qid


def test_tripoli_without_context_stays_unlinked(kb: KnowledgeBase) -> None:
    tripoli = link_document(doc(place("t", "Tripoli")), kb).entity("t")
    assert tripoli.qid is None
    assert tripoli.place is None  # candidates far apart: no coordinates either
    assert tripoli.label == "Tripoli"


def test_input_not_changed(kb: KnowledgeBase) -> None:
    original = doc(place("s", "Syria"))
    link_document(original, kb)
    assert original.entities[0].qid is None


def test_input_names_and_mentions_not_changed(kb: KnowledgeBase) -> None:
    # linking works on copies that share only the immutable mentions and place details
    deir = place("d", "Deir Ezzor")
    deir.mentions.append(Mention("Deir Ezzor", 0, 10, 0))
    original = doc(deir, place("s", "Syria"))
    before = [(e.label, list(e.alt_labels), list(e.mentions)) for e in original.entities]
    linked = link_document(original, kb)
    assert linked.entity("d").qid is not None
    assert linked.entity("d").label != "Deir Ezzor"  # the knowledge base's name
    assert [(e.label, e.alt_labels, e.mentions) for e in original.entities] == before
    assert all(e.place is None for e in original.entities)


def test_designator_prefers_the_governorate(kb: KnowledgeBase) -> None:
    linked = link_document(doc(place("h", "Homs province"), place("s", "Syria")), kb)
    homs = linked.entity("h")
    assert homs.qid == "Q214094"
    assert homs.place is not None and homs.place.place_type == "admin1"
    assert homs.label == "Homs"
    assert "Homs province" in homs.alt_labels
    assert homs.place.country == ("Syria", "Q858")


def test_bare_name_means_the_town(kb: KnowledgeBase) -> None:
    homs = link_document(doc(place("h", "Homs"), place("s", "Syria")), kb).entity("h")
    assert homs.qid == "Q131301"
    assert homs.place is not None
    assert homs.place.admin1 == ("Homs", "Q214094")


def test_unambiguous_place_gives_context(kb: KnowledgeBase) -> None:
    # Deir ez-Zor is only in Syria, which then decides al-Sukhna
    linked = link_document(doc(place("d", "Deir Ezzor"), place("k", "al-Sukhna")), kb)
    sukhna = linked.entity("k")
    assert sukhna.qid is None  # GeoNames only: no QID in the knowledge base
    assert sukhna.label == "As Sukhnah"
    assert sukhna.place is not None and sukhna.place.country == ("Syria", "Q858")
    assert sukhna.place.lat is not None and sukhna.place.lon is not None


def test_mayadeen(kb: KnowledgeBase) -> None:
    mayadin = link_document(doc(place("m", "Mayadeen")), kb).entity("m")
    assert mayadin.qid == "Q310895"
    assert mayadin.label == "Al Mayādīn"
    assert mayadin.alt_labels == ["Mayadeen"]


def test_loose_match_needs_context(kb: KnowledgeBase) -> None:
    alone = link_document(doc(place("m", "Meyadeen")), kb).entity("m")
    assert alone.qid is None and alone.place is None
    linked = link_document(doc(place("m", "Meyadeen"), place("s", "Syria")), kb)
    mayadin = linked.entity("m")
    assert mayadin.qid == "Q310895"
    assert mayadin.alt_labels == ["Meyadeen"]
    assert mayadin.place is not None and mayadin.place.admin1 == ("Deir ez-Zor", "Q232387")


def test_armed_group_links_and_gets_actor_type(kb: KnowledgeBase) -> None:
    group = Entity("g", EntityKind.ARMED_GROUP, "ISIS", alt_labels=["Islamic State"])
    linked = link_document(doc(group), kb).entity("g")
    assert linked.qid == "Q2429253"
    assert linked.label == "Islamic State"
    assert linked.alt_labels == ["ISIS"]
    assert linked.actor_type == "JihadistGroup"


def test_armed_group_never_links_to_a_party(kb: KnowledgeBase) -> None:
    parties = kb.find_actors("Patriotic Union of Kurdistan")
    assert [party.actor_type for party in parties] == ["PoliticalParty"]
    group = Entity("g", EntityKind.ARMED_GROUP, "Patriotic Union of Kurdistan")
    linked = link_document(doc(group), kb).entity("g")
    assert linked.qid is None
    assert linked.label == "Patriotic Union of Kurdistan"
    organisation = Entity("o", EntityKind.ORGANISATION, "Patriotic Union of Kurdistan")
    assert link_document(doc(organisation), kb).entity("o").qid == parties[0].qid


def test_a_party_of_a_common_name_is_meant_only_in_its_country(kb: KnowledgeBase) -> None:
    # the knowledge base's "National Party" is South Africa's
    (party,) = kb.find_actors("National Party")
    assert party.countries == ("ZA",)
    in_scotland = doc(
        Entity("p", EntityKind.ORGANISATION, "National Party"), place("s", "Scotland")
    )
    assert link_document(in_scotland, kb).entity("p").qid is None
    at_home = doc(Entity("p", EntityKind.ORGANISATION, "National Party"), place("c", "Pretoria"))
    assert link_document(at_home, kb).entity("p").qid == party.qid
    # Poland's Solidarity is not the South African party of that name
    union = doc(Entity("u", EntityKind.ORGANISATION, "Solidarity"), place("w", "Warsaw"))
    assert kb.find_actors("Solidarity") and link_document(union, kb).entity("u").qid is None
    # an acronym too: El Salvador's front is not Algeria's FLN
    front = doc(Entity("f", EntityKind.ORGANISATION, "FLN"), place("s", "San Salvador"))
    assert kb.find_actors("FLN") and link_document(front, kb).entity("f").qid is None


def test_a_country_acting_is_its_state(kb: KnowledgeBase) -> None:
    turkey = Entity("t", EntityKind.ORGANISATION, "Turkey")  # "Turkey shelled the town"
    state = kb.country("TR")
    linked = link_document(doc(turkey), kb).entity("t")
    assert state is not None and linked.qid == state.qid and linked.acting_state
    for word in ("Grenade", "Syrian"):  # French for Grenada; a nationality word
        acting = Entity("w", EntityKind.ORGANISATION, word)  # "a grenade exploded"
        assert link_document(doc(acting), kb).entity("w").qid is None, word
    short = link_document(doc(Entity("s", EntityKind.ORGANISATION, "Britain")), kb).entity("s")
    uk = kb.country("GB")
    assert uk is not None and short.qid == uk.qid
    # named as the country is, in every article; the article's form stays an alt label
    assert short.label == uk.name and "Britain" in short.alt_labels
    body = Entity("b", EntityKind.ORGANISATION, "U.S. Department of Education")
    assert link_document(doc(body), kb).entity("b").qid is None
    text = "France beat Mexico 2-0 in a friendly in Paris on Saturday ."
    team = Entity("f", EntityKind.ORGANISATION, "France")
    team.mentions = [Mention("France", 0, 6, 0)]
    played = DocumentResult(Article(id="t", text=text), entities=[team])
    assert link_document(played, kb).entity("f").qid is None


def test_a_town_with_a_designator_is_not_the_country(kb: KnowledgeBase) -> None:
    linked = link_document(doc(place("m", "Mexico City")), kb).entity("m")
    mexico = kb.country("MX")
    assert mexico is not None and linked.qid != mexico.qid


def test_a_bare_name_means_the_populated_place_of_two_same_sized_records(
    kb: KnowledgeBase,
) -> None:
    # the source has two "Moscow" rows of one size and place: the city and the region
    records = [p for p in kb.find_places("Moscow") if p.country_iso2 == "RU"]
    assert len({p.qid for p in records}) == 2 and [p.populated for p in records].count(True) == 1
    city = next(p for p in records if p.populated)
    assert link_document(doc(place("m", "Moscow")), kb).entity("m").qid == city.qid


def test_a_village_listing_the_citys_name_lends_it_no_qid(kb: KnowledgeBase) -> None:
    # the city record of Vienna ships no QID (flagged in the source); Wienersdorf, a village
    # of 3,000 nearby, lists "Vienna" among its names: not the same place
    village = next(p for p, _ in kb.place_hits("Vienna") if p.name == "Wienersdorf")
    linked = link_document(doc(place("v", "Vienna")), kb).entity("v")
    assert linked.qid != village.qid and linked.label == "Vienna"


def test_organisation_known_as_armed_is_promoted(kb: KnowledgeBase) -> None:
    entity = Entity("h", EntityKind.ORGANISATION, "Hezbollah")
    linked = link_document(doc(entity), kb).entity("h")
    assert linked.kind is EntityKind.ARMED_GROUP
    assert linked.qid == kb.find_actors("Hezbollah")[0].qid
    assert linked.actor_type == kb.find_actors("Hezbollah")[0].actor_type


def test_ambiguous_actor_name_stays_unlinked(kb: KnowledgeBase) -> None:
    # two armed groups carry the primary name "Al-Shabaab" (Somalia, Mozambique)
    assert len(kb.find_actors("al-Shabaab")) > 1
    entity = Entity("s", EntityKind.ARMED_GROUP, "al-Shabaab")
    assert link_document(doc(entity), kb).entity("s").qid is None


def test_an_acronym_spelling_out_a_known_name(kb: KnowledgeBase) -> None:
    # the United Nations has "UN" as an alias (the source's QID-less base concept "UN" is a
    # class of organisations, not shipped)
    (united_nations,) = kb.find_actors("United Nations")
    assert united_nations.qid is not None
    assert [a.qid for a, primary in kb.actor_hits("UN") if not primary] == [united_nations.qid]
    lone = Entity("u", EntityKind.ORGANISATION, "UN")
    assert link_document(doc(lone), kb).entity("u").qid == united_nations.qid
    both = Entity("b", EntityKind.ORGANISATION, "United Nations", alt_labels=["UN"])
    assert link_document(doc(both), kb).entity("b").qid == united_nations.qid
    for dotted in ("U.N.", "U.N"):  # wire copy writes the acronym with full stops
        entity = Entity("d", EntityKind.ORGANISATION, dotted)
        assert link_document(doc(entity), kb).entity("d").qid == united_nations.qid


def test_an_acronym_written_as_a_word(kb: KnowledgeBase) -> None:
    # the source stores UNITA as an acronym, which text in capitals alone matches
    assert kb.find_actors("Unita") == []
    (unita,) = kb.find_actors("UNITA")
    entity = Entity("u", EntityKind.ORGANISATION, "Unita")
    linked = link_document(doc(entity), kb).entity("u")
    assert linked.qid == unita.qid and linked.kind is EntityKind.ARMED_GROUP
    # an ordinary English word stays one: "Model" is no Liberian MODEL
    assert kb.find_actors("MODEL")
    model = Entity("m", EntityKind.ORGANISATION, "Model")
    assert link_document(doc(model), kb).entity("m").qid is None


def test_unknown_names_are_left_alone(kb: KnowledgeBase) -> None:
    entity = Entity("x", EntityKind.ORGANISATION, "Xqzzyv Brigade")
    linked = link_document(doc(entity, place("p", "Xqzzyv")), kb)
    assert linked.entity("x").qid is None and linked.entity("x").label == "Xqzzyv Brigade"
    assert linked.entity("p").place is None


def test_the_knowledge_bases_actor_type_wins_over_the_names_words(kb: KnowledgeBase) -> None:
    # extraction reads "Islamic State forces" as… nothing; a name typed from its words
    # ("… army") but held by the knowledge base takes the knowledge base's type
    (isis,) = kb.find_actors("Islamic State")
    group = Entity("g", EntityKind.ARMED_GROUP, "Islamic State", actor_type="StateForces")
    linked = link_document(doc(group), kb).entity("g")
    assert linked.qid == isis.qid and linked.actor_type == isis.actor_type == "JihadistGroup"


@pytest.mark.parametrize("name", ["Police", "Troops", "Militiamen", "Oxfam", "IMF"])
def test_a_class_of_actors_lends_no_name(kb: KnowledgeBase, name: str) -> None:
    # the source's generic concepts ("army" with alias "police", "ActionAid" with alias
    # "Oxfam", "UN" with alias "IMF") are not shipped: the article's name stays
    kind = EntityKind.ORGANISATION if name in {"Oxfam", "IMF"} else EntityKind.ARMED_GROUP
    linked = link_document(doc(Entity("o", kind, name)), kb).entity("o")
    assert linked.label == name and linked.alt_labels == [] and linked.qid is None


def test_place_whose_sources_disagree_on_the_qid_gets_coordinates_only(kb: KnowledgeBase) -> None:
    # Tadmur/Palmyra: two sources give two different QIDs for the same town
    palmyra = link_document(doc(place("p", "Palmyra"), place("s", "Syria")), kb).entity("p")
    assert palmyra.qid is None
    assert palmyra.place is not None and palmyra.place.lat is not None
    assert palmyra.place.country == ("Syria", "Q858")


def test_countryside_points_to_the_division(kb: KnowledgeBase) -> None:
    homs = link_document(doc(place("h", "Homs countryside"), place("s", "Syria")), kb).entity("h")
    assert homs.qid == "Q214094"


def test_a_country_by_its_own_name(kb: KnowledgeBase) -> None:
    # two country records carry "Palestine"; one has it as its own name
    records = [p for p in kb.find_places("Palestine") if p.place_type == "country"]
    assert len(records) == 2
    (own,) = [p for p in records if p.name == "Palestine"]
    linked = link_document(doc(place("p", "Palestine")), kb).entity("p")
    assert linked.qid == own.qid


def test_every_nationality_word_names_a_known_country(kb: KnowledgeBase) -> None:
    from kg_builder.extract.lexicon import demonyms

    for demonym, country in demonyms().items():
        found = kb.find_places(country, loose=False)
        assert found and found[0].place_type in {"country", "admin1"}, demonym


def test_a_record_without_qid_takes_its_duplicates(kb: KnowledgeBase) -> None:
    # the source has the city as "Arbil" without a QID and as "Erbil" (alias "Arbil") with one
    records = [p for p in kb.find_places("Arbil") if p.place_type == "locality"]
    assert any(p.qid is None and p.name == "Arbil" for p in records)
    (erbil,) = [p for p in records if p.name == "Erbil" and p.qid]
    linked = link_document(doc(place("a", "Arbil"), place("i", "Iraq")), kb).entity("a")
    assert linked.qid == erbil.qid


def test_a_big_place_by_an_old_name_needs_its_country_in_the_article(kb: KnowledgeBase) -> None:
    """ "Canton" is an old name of Guangzhou and a Salvadoran word for a rural district."""
    guangzhou = kb.find_places("Guangzhou")[0].qid
    salvador = link_document(doc(place("s", "El Salvador"), place("c", "Canton")), kb)
    assert salvador.entity("c").qid != guangzhou
    mumbai = kb.find_places("Mumbai")[0].qid
    india = link_document(doc(place("i", "India"), place("b", "Bombay")), kb)
    assert india.entity("b").qid == mumbai


def test_a_divisions_other_name_outranks_a_foreign_villages_own(kb: KnowledgeBase) -> None:
    """In an article about Russia, "Chechnya" is the Russian republic (whose row the source
    calls "Chechen"), although a Ukrainian village bears the name as its own."""
    republic = [p for p in kb.find_places("Chechnya") if p.place_type == "admin1"]
    assert [p.country_iso2 for p in republic] == ["RU"]
    assert any(
        p.place_type == "locality" and p.country_iso2 == "UA" for p in kb.find_places("Chechnya")
    )
    linked = link_document(doc(place("c", "Chechnya"), place("r", "Russia")), kb)
    chechnya = linked.entity("c")
    assert chechnya.qid == republic[0].qid
    assert chechnya.place is not None and chechnya.place.place_type == "admin1"
