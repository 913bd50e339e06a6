"""Who carried out the attacks: the article-level author model on real sentences."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg_builder.extract.document import Extraction, extract_with_features
from kg_builder.extract.perpetrators import (
    PerpetratorModel,
    assign_perpetrators,
    in_passing,
    load_model,
)
from kg_builder.model import Article, Attack, EntityKind
from kg_builder.nlp.pipeline import cached_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return cached_pipeline(None)


def extract(nlp: Language, text: str) -> Extraction:
    return extract_with_features(Article(id="t", text=text), nlp(text))


@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "A bomb exploded at a bus station in Maiduguri on Friday, killing nine people. "
            "Boko Haram has carried out similar bombings in the city, and the police said the "
            "group was behind the blast.",
            "Boko Haram",
        ),
        (
            "Two policemen were shot dead in Kandahar on Tuesday. A Taliban spokesman said the "
            "group was responsible.",
            "Taliban",
        ),
    ],
)
def test_the_group_the_article_holds_responsible_is_the_author(
    nlp: Language, text: str, group: str
) -> None:
    extraction = extract(nlp, text)
    # the attack's own sentence names nobody: the article does
    assert extraction.rule_perpetrators == [[]]
    (attack,) = extraction.result.attacks
    (author,) = attack.perpetrators
    assert group in extraction.result.entity(author).surface_forms()


def test_a_wire_datelines_agency_is_no_candidate(nlp: Language) -> None:
    extraction = extract(
        nlp,
        "KABUL, 6 DEC 89 (EFE) -- A bomb exploded at a market in Kabul today, killing four "
        "people. Police blamed the Taliban.",
    )
    labels = {extraction.result.entity(key).label for key in extraction.perpetrator_features}
    assert "Taliban" in labels
    assert not any("EFE" in label.upper() for label in labels)


def test_descriptions_are_not_scored(nlp: Language) -> None:
    # MUC-4's key, where the model learnt, fills only named organisations
    extraction = extract(
        nlp,
        "Gunmen attacked a village near Maiduguri on Saturday, killing 12 people.",
    )
    (attack,) = extraction.result.attacks
    assert attack.perpetrators and not extraction.perpetrator_features
    assert not extraction.result.entity(attack.perpetrators[0]).named


@pytest.mark.parametrize(
    ("name", "state_forces"),
    [
        ("Salvadoran Army", True),
        ("Iraqi security forces", True),
        ("the army", True),
        ("Syrian regime troops", True),
        ("French police", True),
        ("Tigray Defence Forces", False),
        ("Lord's Resistance Army", False),
    ],
)
def test_a_description_of_a_states_forces_is_typed_state_forces(
    nlp: Language, name: str, state_forces: bool
) -> None:
    # a state's forces are never the insurgent group an article is about
    text = f"{name[0].upper()}{name[1:]} attacked the village on Monday, killing two farmers."
    result = extract(nlp, text).result
    (group,) = [e for e in result.entities if e.kind is EntityKind.ARMED_GROUP]
    assert group.actor_type == ("StateForces" if state_forces else None), group.label


def attack(*perpetrators: str, targets: tuple[str, ...] = ()) -> Attack:
    return Attack(
        key="a",
        attack_type="Bombing",
        trigger="bomb",
        perpetrators=list(perpetrators),
        targets=list(targets),
    )


def test_assignment_keeps_supported_names_and_fills_the_gaps() -> None:
    model = PerpetratorModel({}, 0.0, keep_threshold=0.4, add_threshold=0.3)
    scores = {"front": 0.7, "radio": 0.1, "army": 0.35}
    told = attack("radio", "desc:gunmen")  # an unscored description stays
    bare = attack()
    assign_perpetrators([told, bare], scores, model)
    assert told.perpetrators == ["desc:gunmen"]
    assert bare.perpetrators == ["front"]
    # never the attack's own target, never a body named only in passing
    hit = attack(targets=("front",))
    assign_perpetrators([hit], scores, model)
    assert hit.perpetrators == []
    aside = attack()
    assign_perpetrators([aside], scores, model, background={"front"})
    assert aside.perpetrators == ["army"]  # the best of the others, above 0.3
    weak = attack()
    assign_perpetrators([weak], {"army": 0.25}, model)
    assert weak.perpetrators == []  # below the add threshold


def test_in_passing() -> None:
    assert in_passing(["mentions:<=1", "attack_sentences:<=0"])
    assert not in_passing(["mentions:<=1", "attack_sentences:<=0", "responsibility_sentence"])
    assert not in_passing(["mentions:<=2", "attack_sentences:<=0"])


def test_the_shipped_model_is_complete() -> None:
    model = load_model()
    assert 0.0 <= model.add_threshold <= 1.0 and 0.0 <= model.keep_threshold <= 1.0
    # what it learnt points the way news tells an author
    assert model.weights["responsibility_sentence"] > 0
    assert model.weights["attack_role:pobj:by"] > 0
    assert model.weights["quoted_source"] < model.weights["rule_perpetrator"]


@pytest.mark.parametrize(
    ("text", "forces"),
    [
        (
            "Russian air strikes killed 15 civilians in the village of Ibleen in Idlib "
            "province on Thursday.",
            "Russian forces",
        ),
        ("Turkish shelling killed three civilians in Tal Rifaat on Thursday.", "Turkish forces"),
        (
            "Israeli warplanes struck targets near Damascus on Thursday, killing four soldiers.",
            "Israeli forces",
        ),
        (
            "A Russian missile hit an apartment building in Kharkiv on Friday, killing seven "
            "people.",
            "Russian forces",
        ),
    ],
)
def test_a_states_means_of_attack_make_it_the_states_forces_doing(
    nlp: Language, text: str, forces: str
) -> None:
    result = extract(nlp, text).result
    (attack,) = result.attacks
    by_key = {e.key: e for e in result.entities}
    (doer,) = [by_key[key] for key in attack.perpetrators]
    assert (doer.label, doer.kind, doer.actor_type) == (
        forces,
        EntityKind.ARMED_GROUP,
        "StateForces",
    )


def test_people_of_a_nation_are_no_states_forces(nlp: Language) -> None:
    # "Russian tourists" and "Palestinian rockets" name no state's means of attack
    result = extract(
        nlp,
        "Russian tourists were attacked by gunmen near Luxor on Friday. Palestinian rockets "
        "hit the town of Sderot on Saturday.",
    ).result
    assert not any(
        e.actor_type == "StateForces" for e in result.entities if e.kind == EntityKind.ARMED_GROUP
    )
