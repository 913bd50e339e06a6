"""Where the attacks happened: the place model on real sentences."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg_builder.extract.document import Extraction, extract_with_features
from kg_builder.extract.places import PlaceCandidates, PlaceModel, assign_places, load_model
from kg_builder.model import Article, Attack
from kg_builder.nlp.pipeline import cached_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return cached_pipeline(None)


def extract(nlp: Language, text: str) -> Extraction:
    return extract_with_features(Article(id="t", text=text), nlp(text))


def place_of(extraction: Extraction) -> list[str | None]:
    result = extraction.result
    return [result.entity(a.location).label if a.location else None for a in result.attacks]


def test_the_village_a_later_sentence_names_is_the_place(nlp: Language) -> None:
    extraction = extract(
        nlp,
        "Gunmen killed five villagers in northern Nigeria on Sunday, police said. The attack "
        "took place in the village of Kwari in Zamfara state.",
    )
    # the sentence rules stop at the country of the attack's own sentence
    assert [
        extraction.result.entity(p).label if p else None for p, _ in extraction.rule_places
    ] == ["Nigeria"]
    assert place_of(extraction) == ["Kwari"]


def test_where_a_statement_was_made_is_not_where_the_attack_was(nlp: Language) -> None:
    extraction = extract(
        nlp,
        "A suicide bomber killed 12 people at a market in Maiduguri on Friday. Nigeria's "
        "president condemned the attack in a statement from Abuja.",
    )
    assert place_of(extraction) == ["Maiduguri"]


def test_a_dateline_place_is_no_candidate(nlp: Language) -> None:
    extraction = extract(
        nlp,
        "LIMA, 12 JAN 90 (EFE) -- A bomb exploded at a police station in the town of "
        "Huancayo today, killing two policemen.",
    )
    candidates = extraction.place_candidates
    dateline = extraction.dateline_place
    assert dateline is not None and "dateline_only" in candidates.features[0][dateline]
    assert all(dateline not in near for near in candidates.near)
    assert place_of(extraction) == ["Huancayo"]


def test_a_dateline_below_a_headline_is_no_place_of_the_attack(nlp: Language) -> None:
    # an agency's dateline without a date ("BEIRUT (AFP) -"), which the parser joins to the
    # lead's clause, under a headline on a line of its own
    extraction = extract(
        nlp,
        "Islamic State attack kills nine soldiers in Syrian desert\n\nBEIRUT (AFP) - Islamic "
        "State group jihadists killed nine Syrian soldiers in an ambush in the central desert "
        "on Sunday, a war monitor said. The attack targeted a military bus near the town of "
        "Palmyra, the monitor said.",
    )
    assert place_of(extraction) == ["Palmyra"]


def test_a_towns_name_before_a_buildings_noun_is_where_it_stands(nlp: Language) -> None:
    extraction = extract(
        nlp,
        "A suicide bomber blew himself up at Quetta railway station on Saturday, killing at "
        "least 24 people, police said.",
    )
    assert place_of(extraction) == ["Quetta"]


def test_where_a_train_was_going_is_not_where_it_was_attacked(nlp: Language) -> None:
    extraction = extract(
        nlp,
        "A suicide bomber blew himself up at a crowded railway station in southwestern "
        "Pakistan on Saturday, killing 24 people. The blast occurred on a platform as "
        "passengers waited to board a train to Peshawar, police said.",
    )
    # the sentence rules do not take the destination (the place model still weighs every
    # place the article names)
    ((rule_place, rule_places),) = extraction.rule_places
    assert "Place:peshawar" not in (rule_place, *rule_places)


def test_where_a_convoy_came_from_is_not_where_it_was_attacked(nlp: Language) -> None:
    extraction = extract(
        nlp,
        "The convoy was carrying troops and supplies from Jowhar when a roadside bomb "
        "disabled its lead vehicle and fighters opened fire.",
    )
    ((rule_place, rule_places),) = extraction.rule_places
    assert "Place:jowhar" not in (rule_place, *rule_places)


def test_the_datelines_agency_is_no_place_where_the_story_names_it_again(
    nlp: Language,
) -> None:
    extraction = extract(
        nlp,
        "MOGADISHU, July 3 (Horn Wire) - Militants attacked a police station in Baidoa, "
        "killing two officers. The convoy had left Mogadishu at dawn, a security source told "
        "Horn Wire.",
    )
    # the place "Horn" no longer: one outlet, named twice
    named = {e.label: e for e in extraction.result.entities}
    assert "Horn" not in named
    assert named["Horn Wire"].kind.value == "Organisation"
    assert len(named["Horn Wire"].mentions) == 2
    assert place_of(extraction) == ["Baidoa"]


def test_a_place_the_clause_tells_as_a_town_stays(nlp: Language) -> None:
    extraction = extract(
        nlp,
        "BOGOTA, 6 DEC 89 (EFE) -- A bomb exploded at a police post in the town of Segovia, "
        "Antioquia Department, today, killing four policemen. The police blamed the Medellin "
        "cartel.",
    )
    assert place_of(extraction) == ["Segovia"]


def attack(location: str | None = None) -> Attack:
    places = [location] if location else []
    return Attack(key="a", attack_type="Bombing", trigger="bomb", location=location, places=places)


def candidates(*near: set[str]) -> PlaceCandidates:
    level = {"country": 0.0, "capital": 3.0, "town": 3.0, "province": 1.0, "hamlet": 1.5}
    return PlaceCandidates([{} for _ in near], list(near), level, explicit={"hamlet"})


def test_assignment() -> None:
    model = PlaceModel({}, 0.0, keep_threshold=0.3, add_threshold=0.5)
    scores = {"country": 0.4, "town": 0.6, "capital": 0.2, "province": 0.7}
    # a likelier and finer place near the attack replaces the rule's
    replaced = attack("country")
    assign_places([replaced], [scores], candidates({"country", "town"}), model)
    assert (replaced.location, replaced.places) == ("town", ["town"])
    # but only a place near the attack, and never a coarser one
    kept = attack("country")
    assign_places([kept], [scores], candidates({"country"}), model)
    assert kept.location == "country"
    town = attack("town")
    assign_places([town], [scores], candidates({"town", "province"}), model)
    assert town.location == "town"
    # an unlikely rule place is dropped, for the context to fill
    dropped = attack("capital")
    assign_places([dropped], [scores], candidates({"capital"}), model)
    assert (dropped.location, dropped.places) == (None, [])
    # a place the text tells as one, or a name the knowledge base does not know (mostly a
    # small place), stays
    hamlet = attack("hamlet")
    assign_places([hamlet], [{**scores, "hamlet": 0.1}], candidates({"hamlet", "town"}), model)
    assert hamlet.location == "hamlet"
    # an attack without a place gets the best place near it, if likely enough
    filled, empty = attack(), attack()
    near = candidates({"town"}, {"country", "capital"})
    assign_places([filled, empty], [scores, scores], near, model)
    assert filled.location == "town" and empty.location is None
    # a finer place another attack's clause told is that attack's
    first, second = attack("country"), attack("town")
    near = candidates({"country", "town"}, {"town"})
    assign_places([first, second], [scores, scores], near, model)
    assert (first.location, second.location) == ("country", "town")


def test_the_next_attacks_district_is_not_this_ones(nlp: Language) -> None:
    extraction = extract(
        nlp,
        "A suicide bomber killed 11 policemen at a checkpoint in northwest Pakistan on Monday. "
        "The attack took place in the Lakki Marwat district, police said.\n\nHours later, "
        "gunmen killed a policeman in the neighbouring Bannu district.",
    )
    assert place_of(extraction) == ["Lakki Marwat district", "Bannu district"]


def test_the_shipped_model_is_complete() -> None:
    model = load_model()
    assert 0.0 <= model.keep_threshold <= model.add_threshold <= 1.0
    # what it learnt points the way news tells a place
    assert model.weights["attack_role:pobj:in"] > 0
    assert model.weights["modifier_only"] < 0
    assert model.weights["this:rule_place"] > 0
    assert model.weights["dateline_only"] < model.weights["dateline"]
