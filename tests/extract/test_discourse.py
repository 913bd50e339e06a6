"""Entities, attributions, attacks and their merging, on real sentences of news reporting."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from kg_builder.extract.document import extract_document
from kg_builder.knowledge import load_default_kb
from kg_builder.link.match import link_document
from kg_builder.model import Article, Attack, DocumentResult, EntityKind
from kg_builder.nlp.pipeline import cached_pipeline

PUBLISHED = dt.date(2019, 4, 20)  # a Saturday


@pytest.fixture(scope="module")
def nlp() -> Language:
    return cached_pipeline(None)


def read(nlp: Language, text: str, published: dt.date | None = PUBLISHED) -> DocumentResult:
    article = Article(id="t", text=text, published=published)
    return extract_document(article, nlp(text))


def claim_sources(result: DocumentResult) -> list[str]:
    """The labels of the sources of the article's statements, in order."""
    sources = {e.key: e.label for e in result.entities}
    return [sources[c.source] for c in result.claims]


def labels(result: DocumentResult, kind: EntityKind) -> set[str]:
    return {e.label for e in result.entities if e.kind == kind}


def perpetrators(result: DocumentResult, attack: Attack) -> list[str]:
    """The labels of an attack's perpetrators, in order."""
    names = {e.key: e.label for e in result.entities}
    return [names[k] for k in attack.perpetrators]


def test_nationality_and_a_capitalised_plural_are_people_not_a_place(nlp: Language) -> None:
    result = read(
        nlp,
        "The list names the men who took part in the kidnapping of several Salvadoran "
        "Businessmen in 1982.",
    )
    places = labels(result, EntityKind.PLACE)
    assert "Salvadoran Businessmen" not in places
    assert "El Salvador" in places  # the nationality word still mentions its country


def test_a_place_after_a_sentence_opening_preposition_is_where_not_who(nlp: Language) -> None:
    # a coalition strike report (re3d's kind of text); the parser makes "Near" a name word
    # and Palmyra the subject of "destroyed"
    result = read(nlp, "Near Palmyra, one strike destroyed two ISIL weapons caches.")
    assert "Palmyra" in labels(result, EntityKind.PLACE)
    assert "Palmyra" not in labels(result, EntityKind.ORGANISATION)
    # a place that does act stays its state
    acting = read(nlp, "Turkey shelled Kurdish positions near Afrin on Sunday.")
    assert "Turkey" in labels(acting, EntityKind.ORGANISATION)


def test_bracketed_acronym_is_the_same_group(nlp: Language) -> None:
    result = read(
        nlp,
        "ISIS lost Baghouz last month to US-backed Syrian Kurdish Democratic Forces (SDF). "
        "The SDF said the operation was over.",
    )
    groups = [e for e in result.entities if "SDF" in e.surface_forms()]
    assert len(groups) == 1
    assert groups[0].kind == EntityKind.ARMED_GROUP
    assert any("Democratic Forces" in form for form in groups[0].surface_forms())


def test_a_bracketed_acronym_after_a_cut_name_is_not_the_place(nlp: Language) -> None:
    result = read(
        nlp,
        "The committee will meet in Naqoura, the headquarters of the U.N. Interim Force in "
        "Lebanon (UNIFIL), on Sunday.",
    )
    # the acronym spells the whole name: one body, no place inside it
    unifil = [e for e in result.entities if "UNIFIL" in e.surface_forms()]
    assert [e.kind for e in unifil] == [EntityKind.ORGANISATION]
    assert "U.N. Interim Force in Lebanon" in unifil[0].surface_forms()
    assert not any(e.label == "Lebanon" for e in result.entities)
    # an acronym that spells no name before it is still not the place the model cut off
    result = read(nlp, "Ships of the Naval Task Force in Lebanon (MTF) patrolled on Sunday.")
    lebanon = [e for e in result.entities if e.kind == EntityKind.PLACE and e.label == "Lebanon"]
    assert lebanon and "MTF" not in lebanon[0].surface_forms()


def test_a_bracketed_name_that_is_no_acronym_is_another_thing(nlp: Language) -> None:
    result = read(
        nlp,
        "LONDON (Reuters) - British Prime Minister David Cameron lost a vote on Syria.\n\n"
        "Natalia Karimova (Russia) won the race in Manchester.",
    )
    # the dateline's city is where the report was filed, not the subject of "lost"
    assert any(e.label == "LONDON" and e.kind == EntityKind.PLACE for e in result.entities)
    for entity in result.entities:
        forms = set(entity.surface_forms())
        assert not ({"LONDON", "Reuters"} <= forms or {"Karimova", "Russia"} <= forms), forms


def test_a_dateline_after_a_reporters_byline_is_a_place(nlp: Language) -> None:
    result = read(
        nlp,
        "Springboks break All Black spell .\nAndy Colquhoun JOHANNESBURG 1996-08-31 South "
        "Africa beat New Zealand in the last test of the series on Saturday .",
    )
    kinds = {e.label: e.kind for e in result.entities}
    # the dateline's city, not the doer of the lead's verb
    assert kinds.get("JOHANNESBURG") == EntityKind.PLACE


def test_pronoun_source_continues_the_previous_source(nlp: Language) -> None:
    result = read(
        nlp,
        "At least 60 regime troops have been killed in attacks by the ISIS group, said the "
        "Syrian Observatory for Human Rights on Saturday.\n\n"
        "It said four senior officers were among the troops killed.",
    )
    assert len(result.claims) == 1
    claim = result.claims[0]
    assert result.entity(claim.source).label == "Syrian Observatory for Human Rights"
    assert claim.date == dt.date(2019, 4, 20)
    assert "It said four senior officers" in claim.text


def test_nominal_anaphor_finds_the_monitor(nlp: Language) -> None:
    result = read(
        nlp,
        "Eight soldiers were killed in an attack in Deir Ezzor province, the Syrian Observatory "
        "for Human Rights said.\n\n"
        "The attack targeted a village south of Mayadeen, the Britain-based war monitor said.",
    )
    assert [result.entity(c.source).label for c in result.claims] == [
        "Syrian Observatory for Human Rights"
    ]


def test_outlet_is_the_source_and_the_speaker_the_perpetrator(nlp: Language) -> None:
    result = read(
        nlp,
        "ISIS said in a message on its Amaq news outlet on Friday that it had killed 20 Syrian "
        "regime forces in an ambush near Palmyra.",
    )
    (claim,) = result.claims
    assert result.entity(claim.source).label == "Amaq"
    assert claim.date == dt.date(2019, 4, 19)
    (attack,) = result.attacks
    assert attack.attack_type == "Ambush"
    assert [result.entity(k).label for k in attack.perpetrators] == ["ISIS"]
    assert attack.fatalities.best == 20
    assert attack.reported_in == [claim.key]


def test_hedged_figure_and_passive_victims(nlp: Language) -> None:
    (attack,) = read(
        nlp,
        "At least 60 regime troops and allied militiamen have been killed in two days of "
        "attacks by the ISIS group in the desert east of Homs province.",
    ).attacks
    assert (attack.fatalities.best, attack.fatalities.minimum) == (60, 60)
    # each conjunct is a target of its own; the figure covers them all
    assert attack.target_descriptions[:2] == ["regime troops", "allied militiamen"]


def test_relative_dates_resolve_against_publication(nlp: Language) -> None:
    result = read(
        nlp,
        "Eight soldiers were killed in an attack in Deir Ezzor province on Thursday night.\n\n"
        "Another six were killed in a separate attack near Palmyra over the past 48 hours.",
    )
    first, second = result.attacks
    assert first.date == dt.date(2019, 4, 18)
    assert (second.start_date, second.end_date) == (dt.date(2019, 4, 18), PUBLISHED)


def test_separate_attack_is_new_retelling_is_merged(nlp: Language) -> None:
    result = read(
        nlp,
        "Taliban insurgents ambushed a police convoy in Kandahar province on Wednesday, killing "
        "eight policemen.\n\nAnother four policemen were injured in the ambush.\n\n"
        "Another eight soldiers were killed in a separate attack in Helmand province.",
    )
    assert len(result.attacks) == 2
    ambush, other = result.attacks
    assert (ambush.fatalities.best, ambush.injured) == (8, 4)
    assert other.fatalities.best == 8


def test_a_headline_and_the_lead_that_retells_it_are_one_attack(nlp: Language) -> None:
    result = read(
        nlp,
        "Al-Shabaab car bomb kills at least 8 in Mogadishu\n\n"
        "MOGADISHU (AP) — A car bomb exploded outside a busy restaurant near the presidential "
        "palace in Somalia's capital on Friday, killing at least eight people and wounding 15, "
        "police said.",
    )
    (bombing,) = result.attacks
    assert len(bombing.evidence) == 2
    assert (bombing.fatalities.best, bombing.injured) == (8, 15)
    places = {e.key: e.label for e in result.entities}
    assert bombing.location is not None
    assert places[bombing.location] == "Mogadishu"  # the headline's place, the most specific
    # a headline about an attack in another town stays its own
    roundup = read(
        nlp,
        "Car bomb kills 40 at market in Baghdad\n\n"
        "A roadside bomb killed two policemen in Basra on Friday, police said.",
    )
    assert len(roundup.attacks) == 2
    # a sentence without a line of its own is no headline
    wire = read(
        nlp,
        "A car bomb killed 40 people at a market in Baghdad on Friday. A roadside bomb killed "
        "two policemen in Basra on Friday.",
    )
    assert len(wire.attacks) == 2


def test_a_toll_summed_over_a_conflict_is_no_attack(nlp: Language) -> None:
    result = read(
        nlp,
        "The war has killed more than 70,000 Salvadorans since 1980.\n\n"
        "The violence has killed thousands of people since 2015.\n\n"
        "The violence killed five people in Kabul on Monday.\n\n"
        "Clashes killed 12 soldiers near Raqqa on Tuesday.",
    )
    assert sorted(a.fatalities.best or 0 for a in result.attacks) == [5, 12]


def test_the_group_tied_to_another_is_the_one_that_speaks(nlp: Language) -> None:
    result = read(
        nlp,
        "A car bomb killed eight people in Mogadishu on Friday. The al-Qaida-linked al-Shabab "
        "extremist group claimed responsibility through its Andalus radio station.",
    )
    assert claim_sources(result) == ["al-Shabab"]


def test_a_name_before_a_noun_that_introduces_a_body_is_a_source(nlp: Language) -> None:
    result = read(
        nlp,
        "Russian air strikes killed 15 civilians in the village of Ibleen on Thursday, the "
        "Syrian Observatory for Human Rights said. The White Helmets civil defence group said "
        "12 people had been killed and 20 wounded in the strikes.",
    )
    sources = {e.key: e.label for e in result.entities}
    assert [sources[c.source] for c in result.claims] == [
        "Syrian Observatory for Human Rights",
        "White Helmets",
    ]
    (strikes,) = result.attacks
    # each source's toll is its own claim; "and 20 wounded" are wounded, not doers
    source_of = {c.key: sources[c.source] for c in result.claims}
    claims = {
        source_of.get(c.report): (c.fatalities.best, c.injured) for c in strikes.casualty_claims
    }
    assert claims["White Helmets"] == (12, 20)
    assert strikes.injured == 20


def test_shooting_down_munitions_is_no_attack(nlp: Language) -> None:
    result = read(
        nlp,
        "Air defences shot down 10 of 15 missiles over Kyiv on Friday.\n\n"
        "The air force said it had shot down 31 of 45 drones launched by Russia overnight.\n\n"
        "Rebels shot down a helicopter near Idlib on Friday, killing two pilots.\n\n"
        "Militants fired two rockets at Sderot on Friday, wounding three people.",
    )
    assert [a.trigger for a in result.attacks] == ["shot", "fired"]


def test_a_foiled_attack_did_not_happen(nlp: Language) -> None:
    for text in (
        "The Interior Ministry said police had foiled a plan to bomb a Shi'ite shrine in "
        "Samarra, arresting two suspects.",
        "Guards thwarted an attack on the base in Kandahar on Monday.",
        "An attack on the army post in Gao was foiled by soldiers.",
        "The foiled attack against the embassy was claimed by the group.",
        "Police averted a bombing of the market in Kirkuk.",
    ):
        assert read(nlp, text).attacks == []
    # an attack that was fought off took place
    fought_off = read(
        nlp,
        "Gunmen attacked a police post in Gao on Monday, killing two officers, before "
        "soldiers repelled the assault.",
    )
    assert [a.fatalities.best for a in fought_off.attacks] == [2]


def test_who_holds_the_place_is_not_thereby_the_attacker(nlp: Language) -> None:
    for text in (
        "A roadside bomb killed two soldiers in the town of Hajin, which is held by the "
        "Syrian Democratic Forces.",
        "Killings of local tribal figures rocked the east side of the Euphrates in Deir "
        "ez-Zor, which is controlled by the Kurdish-led Syrian Democratic Forces.",
        "A car bomb killed four people in Idlib, a city controlled by Hayat Tahrir al-Sham.",
    ):
        (attack,) = read(nlp, text).attacks
        assert attack.perpetrators == []
    # the group that attacked a town it holds is still the attacker
    result = read(
        nlp,
        "Al-Shabaab fighters attacked an army base in Jilib, a town which the group has held "
        "since 2020, killing five soldiers.",
    )
    assert [perpetrators(result, a) for a in result.attacks] == [["Al-Shabaab"]]
    # a group an attack is claimed by in a clause on the attack did it
    claimed = read(
        nlp, "Two soldiers were killed in an attack that was claimed by the Islamic State."
    )
    assert [perpetrators(claimed, a) for a in claimed.attacks] == [["Islamic State"]]


def test_attackers_losses_kept_apart(nlp: Language) -> None:
    result = read(
        nlp,
        "ISIS fighters attacked an army post near Palmyra, killing 12 soldiers.\n\n"
        "Six ISIS fighters were killed in the clashes.",
    )
    (attack,) = result.attacks
    assert attack.fatalities.best == 12
    assert attack.attacker_fatalities == 6


def test_negated_and_generic_attacks_are_not_events(nlp: Language) -> None:
    result = read(
        nlp,
        "Syrian state news outlets did not carry any reports of ISIS attacks.\n\n"
        "The group has carried out frequent attacks in the capital.",
    )
    assert result.attacks == []


def test_attacks_said_to_be_frequent_are_no_event(nlp: Language) -> None:
    for text in (
        "Boko Haram still operates in the area, and attacks on villages remain frequent.",
        "Attacks on army posts have become common in Tillaberi region.",
    ):
        assert read(nlp, text).attacks == []
    # a frequent sight told of one day's attacks is still those attacks
    told = read(nlp, "Attacks on army posts were frequent on Friday, killing four soldiers.")
    assert [a.fatalities.best for a in told.attacks] == [4]


def test_a_toll_over_years_gives_no_figure_to_the_attack_word_beside_it(
    nlp: Language,
) -> None:
    result = read(
        nlp,
        "Boko Haram has killed tens of thousands of people since 2009, and its fighters "
        "attacked a military base in Borno state on Friday.",
    )
    (attack,) = result.attacks
    assert attack.fatalities.best is None


def test_victims_a_number_opens_add_to_the_event_just_told(nlp: Language) -> None:
    result = read(
        nlp,
        "Chadian troops and Boko Haram fighters clashed on Tuesday in the Lac province, "
        "leaving six soldiers dead, an army spokesman said.\n\n"
        "Eleven soldiers were wounded and evacuated to Bol, the provincial capital.",
    )
    (attack,) = result.attacks
    assert attack.injured == 11


@pytest.mark.parametrize(
    "follow_up",
    [
        # groups said to be active nearby did not carry out the attack
        "No group immediately claimed the ambush, but affiliates of al Qaeda and Islamic State "
        "are active in the area.",
        # forces that killed the attackers fought the attack
        "Twenty soldiers were wounded, and the army killed dozens of the attackers in the "
        "fighting, the ministry said.",
    ],
)
def test_others_the_telling_names_are_no_doers_of_the_ambush(nlp: Language, follow_up: str) -> None:
    result = read(
        nlp,
        "Suspected jihadists ambushed an army convoy near Teguey in western Niger on Tuesday, "
        "killing 17 soldiers, the defence ministry said.\n\n" + follow_up,
    )
    (attack,) = result.attacks
    assert perpetrators(result, attack) == ["Suspected jihadists"]


def test_the_rebels_are_not_the_army_named_before(nlp: Language) -> None:
    result = read(
        nlp,
        "Congolese troops clashed with M23 fighters near Kitshanga on Monday.\n\n"
        "On Wednesday the rebels attacked an army base near Rutshuru, killing four soldiers.",
    )
    assert perpetrators(result, result.attacks[-1]) == ["M23"]


def test_the_people_a_clash_kills_do_not_make_it_violence_against_civilians(
    nlp: Language,
) -> None:
    clash = read(
        nlp,
        "Fierce clashes between the Congolese army and M23 rebels near the town of Kitshanga "
        "killed at least 12 people on Monday, local officials said.",
    )
    assert [a.attack_type for a in clash.attacks] == ["ArmedClash"]
    raid = read(nlp, "Gunmen raided a village near Kitshanga on Monday, killing 12 people.")
    assert [a.attack_type for a in raid.attacks] == ["AttackOnCivilians"]


def test_a_scaled_counting_noun_keeps_its_scale(nlp: Language) -> None:
    result = read(nlp, "The fighting on Friday killed tens of thousands of people, the UN said.")
    (attack,) = result.attacks
    assert attack.fatalities.best == 20000


def test_an_attack_on_a_law_or_an_idea_is_no_event(nlp: Language) -> None:
    figurative = read(
        nlp,
        "The government reopened the extradition process after the law on extraditions was "
        "struck down by the supreme court.\n\n"
        "The opposition said the new budget is an attack on democracy.",
    )
    assert figurative.attacks == []
    violent = read(nlp, "Gunmen attacked the court building and killed a judge in Kabul.")
    assert len(violent.attacks) == 1


def test_a_participle_of_killing_before_a_person_is_a_killing(nlp: Language) -> None:
    result = read(nlp, "The murdered journalist was buried in Kabul on Monday.")
    assert [a.fatalities.best for a in result.attacks] == [1]
    assert read(nlp, "Attack helicopters flew over Homs on Monday.").attacks == []


def test_victims_the_parse_hangs_off_another_noun(nlp: Language) -> None:
    """All-caps wire copy: the parse attaches the list of victims to "Curia"."""
    result = read(
        nlp,
        "ACCORDING TO SOURCES FROM EL SALVADOR'S JESUIT CURIA, THE SPANISH JESUIT IGNACIO "
        "ELLACURIA, RECTOR OF EL SALVADOR'S CENTRAL AMERICAN UNIVERSITY (UCA), FIVE OTHER "
        "PRIESTS, AND TWO SALVADORAN WOMEN WERE MURDERED AT DAWN TODAY BY MEN WEARING "
        "MILITARY UNIFORMS.",
    )
    (attack,) = result.attacks
    assert {"priests", "Salvadoran women"} <= set(attack.target_descriptions)


def test_an_intent_above_a_reported_fact_leaves_the_fact(nlp: Language) -> None:
    found = read(
        nlp,
        "The government launched an offensive intended to find out whether the drug "
        "traffickers were responsible for the assassination of the senator.",
    )
    assert [a.attack_type for a in found.attacks] == ["Assassination"]
    assert read(nlp, "The rebels were preparing to assassinate the mayor.").attacks == []
    assert read(nlp, "The Extraditables ordered their men to kill the judges.").attacks == []
    fact = read(
        nlp,
        "He was ordering his accomplices to pay a third person linked to the paid assassin "
        "who killed the leader in Bogota.",
    )
    assert [a.fatalities.best for a in fact.attacks] == [1]


def test_a_killing_on_another_day_is_another_attack(nlp: Language) -> None:
    """A day told relative to the report ("today") and a calendar day apart are two days."""
    text = (
        "A policeman was wounded today when urban guerrillas attacked the guards at a power "
        "substation in San Salvador. Thousands attended the funeral of the 10 union leaders "
        "who were killed on 14 April during an attack on a union headquarters."
    )
    assert tolls_of(nlp, text) == [0, 10]


def test_an_accusation_names_the_perpetrator(nlp: Language) -> None:
    result = read(nlp, "The army accused the FMLN of killing six peasants in Morazan.")
    (attack,) = result.attacks
    assert [result.entity(k).label for k in attack.perpetrators] == ["FMLN"]
    assert attack.fatalities.best == 6


def test_a_killing_with_a_toll_far_from_the_events_is_another_attack(nlp: Language) -> None:
    result = read(
        nlp,
        "Fierce fighting left about 1,000 dead in San Salvador on Monday. The guerrillas "
        "condemned the killing of six priests at the university.",
    )
    assert sorted(a.fatalities.best or 0 for a in result.attacks) == [6, 1000]
    # the sentence's first word, an adjective the model read as an organisation, is no author
    assert not any(a.perpetrators for a in result.attacks)


def test_a_target_definite_by_its_own_name_is_another_attack(nlp: Language) -> None:
    # "the village of Aguilares" is named, not told before: the bombing is no retelling of
    # the killing (a definite "the engineers were shot" is)
    result = read(
        nlp,
        "Guerrillas of the ELN murdered three engineers near the dam on Monday. The air force "
        "bombed the village of Aguilares.",
    )
    assert len(result.attacks) == 2
    retold = read(
        nlp,
        "Guerrillas of the ELN murdered three engineers near the dam on Monday. The engineers "
        "were shot in the head.",
    )
    assert len(retold.attacks) == 1


def test_other_victims_are_more_victims_of_the_same_attack(nlp: Language) -> None:
    result = read(
        nlp,
        "A roadside bomb killed a police commander near Kirkuk on Monday. Three other "
        "policemen were wounded, the provincial governor said.",
    )
    (attack,) = result.attacks
    assert (attack.fatalities.best, attack.injured) == (1, 3)
    # a separate attack stays one of its own
    apart = read(
        nlp,
        "A roadside bomb killed a police commander near Kirkuk on Monday. Three other "
        "policemen were wounded in a separate attack in Mosul.",
    )
    assert len(apart.attacks) == 2
    # "others" told alone are more victims too
    alone = read(
        nlp,
        "An air strike killed at least 25 people at a market in Darfur on Saturday, "
        "activists said.\n\nAt least 30 others were wounded.",
    )
    (strike,) = alone.attacks
    assert (strike.fatalities.best, strike.injured) == (25, 30)
    # "others" beside the killed in one sentence are no sign of an attack told before
    two = read(
        nlp,
        "A bomb killed three people and wounded 40 others in Quetta on Monday.\n\n"
        "Gunmen killed two policemen and wounded five others in Peshawar on Tuesday.",
    )
    assert len(two.attacks) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Two soldiers were killed by a roadside bomb near Kirkuk on Monday.",
        "A roadside bomb killed two soldiers near Kirkuk on Monday.",
        "Gunmen killed two soldiers with a grenade near Kirkuk on Monday.",
    ],
)
def test_the_device_that_killed_tells_a_bombing(nlp: Language, text: str) -> None:
    (attack,) = read(nlp, text).attacks
    assert attack.attack_type == "Bombing"
    assert attack.trigger == "killed" and attack.fatalities.best == 2
    # a device without an attack is none
    assert not read(nlp, "Police defused a bomb near the market in Kirkuk.").attacks


def test_what_blew_up_killing_people_was_bombed(nlp: Language) -> None:
    (attack,) = read(
        nlp, "An airliner blew up in midair on 27 November, killing all 107 passengers."
    ).attacks
    assert attack.attack_type == "Bombing" and attack.fatalities.best == 107
    assert "airliner" in attack.target_descriptions and "midair" not in attack.target_descriptions
    assert read(nlp, "The argument blew up into a shouting match on Monday.").attacks == []


def descriptions_of(nlp: Language, text: str) -> list[str]:
    """The target descriptions of the one attack the text tells."""
    (attack,) = read(nlp, text).attacks
    return attack.target_descriptions


def tolls_of(nlp: Language, text: str) -> list[int]:
    """The death tolls of the text's attacks, smallest first (0 for none told)."""
    return sorted(a.fatalities.best or 0 for a in read(nlp, text).attacks)


def perpetrators_of(nlp: Language, text: str) -> list[str]:
    """The perpetrators' names of the one attack the text tells."""
    result = read(nlp, text)
    (attack,) = result.attacks
    return [result.entity(k).label for k in attack.perpetrators]


def assert_tolls(nlp: Language, cases: dict[str, int]) -> None:
    """Each text tells one attack with that many dead."""
    for text, dead in cases.items():
        (attack,) = read(nlp, text).attacks
        assert attack.fatalities.best == dead, text


def test_violence_whose_result_is_death_is_a_killing(nlp: Language) -> None:
    """ "shot dead", "shot to death", "beaten to death", "gunned down": the victims died."""
    cases = {
        "Two U.S. missionaries were shot to death last night in La Paz.": 2,
        "Gunmen shot dead three policemen in Kabul on Monday.": 3,
        "Gunmen shot three policemen dead in Kabul on Monday.": 3,
        "A journalist was beaten to death by militiamen in Mogadishu on Monday.": 1,
        "Two soldiers were gunned down in Mosul on Monday.": 2,
    }
    assert_tolls(nlp, cases)
    # without death as the result the verb is no killing, or no attack at all
    (wounding,) = read(nlp, "A sniper shot a soldier in the leg in Mosul on Monday.").attacks
    assert wounding.fatalities.best is None
    assert read(nlp, "France beat Mexico 2-0 in Paris on Monday.").attacks == []
    assert read(nlp, "Hackers hacked the ministry's servers on Monday.").attacks == []


def test_victims_of_a_pair_of_attack_nouns(nlp: Language) -> None:
    """The "of" phrase hangs on the first noun and names the victims of both."""
    (attack,) = read(
        nlp,
        "The kidnapping and assassination of the five university students in Guatemala City "
        "on 15 September have been condemned.",
    ).attacks
    assert attack.fatalities.best == 5
    assert attack.target_descriptions == ["university students"]


def test_part_of_known_victims_tells_the_same_attack(nlp: Language) -> None:
    """ "two of her bodyguards": the possessive points back at a victim already told."""
    (attack,) = read(
        nlp,
        "Judge Ana Ruiz and two of her bodyguards were shot dead in Cali on Monday.\n\n"
        "Two of her bodyguards, who were inside the car, were killed instantly.",
    ).attacks
    assert attack.fatalities.best == 3 and len(attack.evidence) == 2


def test_definite_attack_in_a_phrase_is_given_whatever_the_verb_above(nlp: Language) -> None:
    """A future verb above "the murders of …" does not make the murders hypothetical;
    an indefinite attack under a verb of intent stays a threat."""
    (attack,) = read(
        nlp,
        "The minister said an investigation will be conducted into the murders of three "
        "reporters in Chalatenango on Monday.",
    ).attacks
    assert attack.fatalities.best == 3 and attack.target_descriptions == ["reporters"]
    assert read(nlp, "The rebels threatened to carry out attacks on the capital.").attacks == []


def test_list_that_breaks_down_a_toll_is_not_added_to_it(nlp: Language) -> None:
    cases = {
        "Gunmen killed five people, three women and two children, in Kunduz on Monday.": 5,
        "Police investigated the murders of three reporters, two Salvadorans and a Dutchman.": 3,
        "Gunmen killed three soldiers and two civilians in Kunduz on Monday.": 5,
    }
    assert_tolls(nlp, cases)


def test_a_whole_people_named_in_a_speech_is_no_target(nlp: Language) -> None:
    (attack,) = read(
        nlp,
        "The FMLN unleashed an indiscriminate attack on the Salvadoran people in San Salvador, "
        "killing many civilians.",
    ).attacks
    assert attack.target_descriptions == ["many civilians"]
    (killing,) = read(nlp, "The army attacked our peasant brothers in Morazan.").attacks
    assert killing.target_descriptions == []
    # with a figure they are victims
    (counted,) = read(nlp, "Gunmen killed 12 Afghan people in Kabul on Monday.").attacks
    assert counted.target_descriptions == ["Afghan people"]


def test_the_same_victims_told_twice_in_a_sentence_count_once(nlp: Language) -> None:
    cases = {
        "The colonel ordered the assassination of the six Jesuit priests and signed the "
        "order to assassinate the six Jesuit priests.": 6,
        # an indefinite phrase is other victims
        "Gunmen killed three soldiers in Kabul and killed three soldiers in Herat.": 6,
    }
    assert_tolls(nlp, cases)


def test_victims_a_subset_phrase_lists_are_targets_already_in_the_toll(nlp: Language) -> None:
    cases = {
        "Gunmen killed six people, including a priest and two women, in Kabul on Monday.": (
            6,
            {"people", "priest", "women"},
        ),
        "A car bomb killed 12 people, among them three policemen, in Baghdad on Monday.": (
            12,
            {"people", "policemen"},
        ),
        # the subset phrase hangs on the attack noun
        "The killing of six Jesuits, including rector Ignacio Ellacuria, was carried out "
        "by uniformed men in San Salvador.": (6, {"Jesuits", "rector Ignacio Ellacuria"}),
    }
    for text, (toll, targets) in cases.items():
        (attack,) = read(nlp, text).attacks
        assert attack.fatalities.best == toll, text
        assert set(attack.target_descriptions) == targets, text


def test_description_of_a_group_by_its_ties(nlp: Language) -> None:
    (attack,) = read(
        nlp,
        "On Saturday, extremists linked to Syria's former Al-Qaeda affiliate attacked loyalists "
        "outside the northwestern region of Idlib, killing 26 pro-regime fighters.",
    ).attacks
    (perpetrator,) = attack.perpetrators
    assert perpetrator.startswith("ArmedGroup:desc:")
    assert attack.fatalities.best == 26
    assert attack.date == PUBLISHED


def test_opening_mention_without_arguments_joins_the_next_event(nlp: Language) -> None:
    result = read(
        nlp,
        "Heavy fighting raged last night.\n\n"
        "Guerrillas of the Farabundo Marti National Liberation Front attacked a power "
        "substation in San Salvador.",
    )
    (attack,) = result.attacks
    assert len(attack.evidence) == 2
    assert attack.evidence[0].startswith("Heavy fighting")


def test_two_sources_keep_their_own_tolls(nlp: Language) -> None:
    """One attack told by two sources: both figures stay, each with its report."""
    result = read(
        nlp,
        "At least 30 people were killed in a suicide bombing at a market in Kabul on Sunday, "
        "police said.\n\n"
        "The Taliban said the attack had killed 50 soldiers.",
    )
    (attack,) = result.attacks
    sources = {c.key: result.entity(c.source).label for c in result.claims}
    tolls = {sources[c.report]: c.fatalities.best for c in attack.casualty_claims}
    assert tolls == {"police": 30, "Taliban": 50}
    assert attack.fatalities.best == 30  # the first telling's figure is the attack's own


def test_times_measures_and_areas_are_not_victims(nlp: Language) -> None:
    result = read(
        nlp,
        "Taliban fighters attacked the outskirts of Kandahar on Monday, killing two policemen. "
        "The militants detonated 20 kg of explosives.",
    )
    descriptions = {d for a in result.attacks for d in a.target_descriptions}
    assert "policemen" in descriptions
    assert not {"outskirts", "kg", "Monday"} & descriptions


def test_the_crimes_of_a_sentence_are_not_victims(nlp: Language) -> None:
    """ "Kidnapping children, extortion, murder, robbery": a list the parse hangs off the
    kidnapping's object."""
    result = read(
        nlp,
        "The leaders of the riot were three inmates who are doing time for kidnapping "
        "children, extortion, murder, robbery, assault and battery.",
    )
    descriptions = {d.lower() for a in result.attacks for d in a.target_descriptions}
    assert "children" in descriptions
    assert not {"robbery", "extortion", "murder", "battery"} & descriptions


def test_date_the_model_does_not_tag_and_clock_times(nlp: Language) -> None:
    result = read(
        nlp,
        "TEGUCIGALPA, 13 JUL 89 (RADIO) -- NINE SOLDIERS WERE ATTACKED AT 0030 TODAY IN LA "
        "CEIBA. GUERRILLAS ATTACKED A POLICE POST IN SAN PEDRO SULA AT 2030.",
        published=dt.date(1989, 7, 13),
    )
    assert result.attacks[0].date == dt.date(1989, 7, 13)
    assert all(
        (a.date or a.start_date or dt.date.min) <= dt.date(1989, 7, 13) for a in result.attacks
    )


def test_a_country_qualifying_a_noun_is_not_the_place(nlp: Language) -> None:
    result = read(nlp, "A bomb exploded outside the U.S. embassy, killing two guards.")
    assert result.attacks[0].location is None
    homs = read(nlp, "Regime jets bombed villages in the Homs countryside on Friday.")
    assert any(
        e.key == homs.attacks[0].location and e.label.startswith("Homs") for e in homs.entities
    )


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("A bomb exploded in San Salvador; 13 persons died.", 13),
        ("A car bomb exploded in Kabul, leaving 12 people dead and 30 wounded.", 12),
        ("A car bomb exploded in Kabul, leaving 67 dead and 1,000 wounded.", 67),
        ("The explosion in Quetta caused the deaths of 24 passengers.", 24),
        ("Gunmen attacked a bus near Mosul and the driver died.", 1),
    ],
)
def test_deaths_told_without_an_attack_word(nlp: Language, text: str, dead: int) -> None:
    (attack,) = read(nlp, text).attacks
    assert attack.fatalities.best == dead


def test_the_one_armed_group_of_the_article_is_the_unnamed_attackers(nlp: Language) -> None:
    text = (
        "Al-Shabaab has stepped up its campaign in southern Somalia this year. "
        "On Sunday a roadside bomb killed four soldiers near Kismayo. "
        "Al-Shabaab fighters control much of the surrounding countryside."
    )
    result = read(nlp, text)
    (attack,) = result.attacks
    shabaab = [e.key for e in result.entities if "Shabaab" in " ".join(e.surface_forms())]
    assert attack.perpetrators == shabaab
    once = read(
        nlp,
        "A roadside bomb killed four soldiers near Kismayo on Sunday. "
        "The port was held by Al-Shabaab until 2012.",
    )
    assert not once.attacks[0].perpetrators


def test_what_the_attack_hit(nlp: Language) -> None:
    (bombing,) = read(
        nlp, "A car bomb exploded in front of the Chinese embassy in Lima on Tuesday."
    ).attacks
    assert "embassy" in " ".join(bombing.target_descriptions)
    (raid,) = read(
        nlp, "Rebels attacked the town of Usulutan and destroyed two power pylons."
    ).attacks
    assert any("pylons" in d for d in raid.target_descriptions)
    (in_town,) = read(nlp, "A bomb exploded in the city of Kabul on Monday.").attacks
    assert not in_town.target_descriptions
    (in_street,) = read(nlp, "A bomb exploded in the street in Kabul on Monday.").attacks
    assert not in_street.target_descriptions


def test_a_building_bombed_is_a_target_beside_the_people_killed(nlp: Language) -> None:
    (bombing,) = read(
        nlp, "A car bomb exploded outside the federal police building in Bogota, killing 23 people."
    ).attacks
    assert {"people", "federal police building"} <= set(bombing.target_descriptions)
    (cafe,) = read(nlp, "A bomb exploded at the Rolando cafe in Madrid on Friday.").attacks
    assert cafe.target_descriptions == ["Rolando cafe"]


def test_a_named_building_is_the_target_and_the_town_the_place(nlp: Language) -> None:
    result = read(nlp, "A bomb exploded at the Sheraton Hotel in San Salvador, wounding two.")
    (bombing,) = result.attacks
    assert bombing.target_descriptions == ["Sheraton Hotel"]
    assert bombing.location is not None
    assert result.entity(bombing.location).label == "San Salvador"
    (port,) = read(nlp, "Gunmen attacked a checkpoint in Port Sudan on Monday.").attacks
    assert port.location is not None and port.target_descriptions == ["checkpoint"]


def test_a_part_of_a_building_stands_for_the_building(nlp: Language) -> None:
    facing = "An explosion damaged the windows and facing of the Salvadoran consulate in Santiago."
    assert descriptions_of(nlp, facing) == ["Salvadoran consulate"]
    assert descriptions_of(nlp, "The blast shattered windows in Kabul on Monday.") == []
    towns = "The towns of Jocoro and Guadalupe were attacked by the rebels."
    assert descriptions_of(nlp, towns) == []


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Rebels blew up several electricity poles on Monday.", "poles"),
        ("A newspaper was blown up in Bogota yesterday.", "newspaper"),
        ("Guerrillas dynamited two power pylons in Usulutan.", "pylons"),
        ("A bomb damaged the offices of the electoral council.", "offices"),
        ("A rocket hit a school in Kabul, killing three children.", "school"),
        ("The explosion targeted a bakery on the main street of Lyon.", "bakery"),
        ("The bombings were aimed at the soldiers of the garrison.", "soldiers"),
    ],
)
def test_what_was_blown_up_destroyed_or_aimed_at(nlp: Language, text: str, target: str) -> None:
    (attack,) = read(nlp, text).attacks
    assert attack.attack_type in {"Bombing", "Shelling"}
    assert any(target in d for d in attack.target_descriptions)
    assert not read(nlp, "The argument blew up during the meeting.").attacks
    assert not read(nlp, "The bomb contained 50 kilograms of TNT.").attacks
    assert not read(nlp, "The plan is aimed at demanding the release of prisoners.").attacks


def test_victims_named_in_a_later_sentence(nlp: Language) -> None:
    (attack,) = read(
        nlp,
        "Two U.S. citizens were kidnapped on Monday by guerrillas in Medellin. The victims "
        "were identified as David Lecky, director of the Columbus School, and James Donnelly.",
    ).attacks
    assert {"David Lecky", "James Donnelly"} <= set(attack.target_descriptions)


def test_the_possessor_of_a_murder_is_its_victim(nlp: Language) -> None:
    (murder,) = read(nlp, "Police are investigating Bernardo Jaramillo's murder in Bogota.").attacks
    assert murder.target_descriptions == ["Bernardo Jaramillo"]
    assert not murder.perpetrators
    (killing,) = read(
        nlp,
        "Al-Shabaab fighters stormed a hotel in Mogadishu. "
        "The group's killing of two journalists was condemned.",
    ).attacks
    assert killing.perpetrators and "journalists" in killing.target_descriptions


def test_an_undated_attack_happened_on_or_before_publication(nlp: Language) -> None:
    text = "Gunmen attacked a police post in Kandahar, killing two officers."
    (attack,) = read(nlp, text).attacks
    assert attack.date is None and attack.start_date is None
    assert attack.end_date == PUBLISHED
    (dated,) = read(nlp, "Gunmen attacked a police post in Kandahar on Thursday.").attacks
    assert dated.date == dt.date(2019, 4, 18) and dated.end_date is None


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        ("President Cristiani attributed the murder of the mayor to the FMLN.", "FMLN"),
        (
            "Police said the attack was carried out by the Tupac Amaru Revolutionary Movement.",
            "Tupac Amaru Revolutionary Movement",
        ),
        ("The government held the Medellin Cartel responsible for the bombing.", "Medellin Cartel"),
        ("The FMLN is responsible for the bombing of the power station.", "FMLN"),
        ("Members of the FMLN attacked a police post in Usulutan.", "FMLN"),
        ("A statement blames officers of the armed forces for the massacre.", "armed forces"),
    ],
)
def test_who_is_held_responsible(nlp: Language, text: str, perpetrator: str) -> None:
    result = read(nlp, text)
    (attack,) = result.attacks
    labels = {e.key: e.label for e in result.entities}
    assert [labels[k] for k in attack.perpetrators] == [perpetrator]


def test_bombs_that_go_off_and_dates_of_the_sentence_before(nlp: Language) -> None:
    (bombing,) = read(
        nlp, "Last night's target was an air force base. Two explosive devices went off near it."
    ).attacks
    assert bombing.attack_type == "Bombing"
    assert bombing.date == dt.date(2019, 4, 19)
    assert not read(nlp, "The meeting went off well, the minister said.").attacks
    (shooting,) = read(nlp, "Yesterday terrorists machinegunned a bus near Usulutan.").attacks
    assert shooting.target_descriptions == ["bus"]


def test_victims_shared_by_two_verbs_and_named_people(nlp: Language) -> None:
    (attack,) = read(
        nlp,
        "Hector Oqueli, leader of the MNR, and Hilda Flores were abducted and killed in "
        "January by unidentified individuals in Guatemala City.",
    ).attacks
    assert attack.fatalities.best == 2
    (murder,) = read(nlp, "The assassins killed Otalora and his driver in Bogota.").attacks
    assert murder.fatalities.best == 2


def test_a_calendar_day_outranks_a_relative_one(nlp: Language) -> None:
    # two date spans in one clause: the calendar day, not the weekday before it
    (killing,) = read(
        nlp, "The commander's wife was shot dead in Pereira on Monday, 4 April, police said."
    ).attacks
    assert killing.date == dt.date(2019, 4, 4)
    # one attack told twice: the lead's "today" gives way to the body's calendar day
    result = read(
        nlp,
        "Today the ministry denied that officers took part in the murder of the six priests. "
        "The priests were shot dead on 16 March by armed men wearing uniforms.",
    )
    assert [a.date for a in result.attacks] == [dt.date(2019, 3, 16)]


def test_a_titled_victim_is_one_death(nlp: Language) -> None:
    (attack,) = read(
        nlp,
        "Colombian judges today began a number of staggered stoppages to protest the "
        "assassination of Judge Mariela Espinosa Arango the evening of 1 November in Medellin.",
    ).attacks
    assert attack.fatalities.best == 1


def test_the_fullest_toll_of_one_attack_is_kept(nlp: Language) -> None:
    (attack,) = read(
        nlp,
        "Armed men murdered six Jesuits at the university on 16 March. "
        "The six Jesuits and two more persons were killed in the attack, witnesses said.",
    ).attacks
    assert attack.fatalities.best == 8
    assert [c.fatalities.best for c in attack.casualty_claims] == [8]


def test_killings_on_two_calendar_days_are_two_attacks(nlp: Language) -> None:
    result = read(
        nlp,
        "The commander's wife was shot dead on Thursday, 4 April, in Pereira. "
        "The colonel's wife was shot dead in Bogota on Friday, 5 April.",
    )
    days = sorted(a.date for a in result.attacks if a.date is not None)
    assert len(result.attacks) == 2 and days == [dt.date(2019, 4, 4), dt.date(2019, 4, 5)]


def test_an_acronym_leading_a_longer_name_is_its_parent(nlp: Language) -> None:
    result = read(nlp, "The UN Security Council met on Friday. The UN said aid was blocked.")
    assert {"UN Security Council", "UN"} <= labels(result, EntityKind.ORGANISATION)


def test_victims_named_by_a_relative_clause(nlp: Language) -> None:
    (attack,) = read(
        nlp,
        "Mourners attended the funeral of the 10 union leaders who were killed on 31 March "
        "in an attack on their headquarters.",
    ).attacks
    assert attack.fatalities.best == 10
    assert "union leaders" in attack.target_descriptions
    (murder,) = read(
        nlp,
        "The president condemned the murder of Colonel Roberto Rivera, who was shot dead "
        "this morning.",
    ).attacks
    assert murder.fatalities.best == 1  # one victim, though two words tell his death


def test_a_nationality_word_mentions_its_country(nlp: Language) -> None:
    result = read(
        nlp,
        "Iraqi troops attacked ISIS near Mosul, the Syrian Observatory for Human Rights said. "
        "Thousands of Syrians fled, said the Scottish National Party.",
    )
    places = {e.label: e for e in result.entities if e.kind == EntityKind.PLACE}
    # a mention of the country, but no name of it: the label stays the country's
    assert [m.text for m in places["Iraq"].mentions] == ["Iraqi"]
    assert places["Iraq"].surface_forms() == ["Iraq"]
    assert [m.text for m in places["Syria"].mentions] == ["Syrians"]  # not the Observatory's
    assert "Scotland" not in places  # part of a party's name
    # no attack argument comes from a nationality word
    (attack,) = result.attacks
    assert attack.location == places["Mosul"].key


def test_americans_and_a_briton_mention_their_countries(nlp: Language) -> None:
    result = read(nlp, "Two Americans were killed in Kabul, a Briton was wounded.")
    places = {e.label: e for e in result.entities if e.kind == EntityKind.PLACE}
    assert [m.text for m in places["United States"].mentions] == ["Americans"]
    assert [m.text for m in places["United Kingdom"].mentions] == ["Briton"]  # model: PERSON


@pytest.mark.parametrize(
    ("text", "country", "word"),
    [
        ("Russian Prime Minister Viktor Chernomyrdin said talks would go on.", "Russia", "Russian"),
        ("He lost the title to American Oliver McCall in London.", "United States", "American"),
        ("Seven Iraqi men appeared in court on Saturday.", "Iraq", "Iraqi"),
        ("The English referee sent two players off.", "England", "English"),
        ("Under English law the penalty for hijacking is life.", "England", "English"),
        ("The statement was broadcast in English on state radio.", None, "English"),
        ("An English-language daily said two soldiers died.", None, "English"),
        ("Delegates of the Latin American states met in Lima.", None, "American"),
    ],
)
def test_a_nationality_word_before_a_name_or_as_a_language(
    nlp: Language, text: str, country: str | None, word: str
) -> None:
    """A nationality word before a title or a person's name still mentions the country; one
    that names a language, or that ends a longer name, does not."""
    result = read(nlp, text)
    mentioned = {
        e.label
        for e in result.entities
        if e.kind == EntityKind.PLACE
        for m in e.mentions
        if m.text == word
    }
    assert mentioned == ({country} if country else set())


def test_each_of_a_list_of_targets(nlp: Language) -> None:
    (attack,) = read(
        nlp,
        "The guerrillas burned three vehicles on the highway -- a hospital ambulance, a fuel "
        "truck and a station wagon.",
    ).attacks
    assert {"hospital ambulance", "fuel truck", "station wagon"} <= set(attack.target_descriptions)


def test_what_the_text_names_as_the_target(nlp: Language) -> None:
    (attack,) = read(
        nlp, "The target of the bombing was a police station in Kabul, officials said."
    ).attacks
    assert attack.target_descriptions == ["police station"]


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("A bomb exploded in a market in Kabul on Friday. The death toll rose to 31.", 31),
        (
            "A car bomb exploded outside a police station in Baghdad, killing five people. "
            "By the evening the toll stood at 12, police said.",
            12,
        ),
        (
            "TERRORISTS ATTACKED THE TOWN ON FRIDAY. THE AUTHORITIES CONFIRMED THAT THE NUMBER "
            "OF VICTIMS IS 59 AND NOT 62.",
            59,
        ),
    ],
)
def test_a_toll_stated_on_its_own_is_the_last_attacks(nlp: Language, text: str, dead: int) -> None:
    (attack,) = read(nlp, text).attacks
    assert attack.fatalities is not None and attack.fatalities.best == dead
    assert len(attack.evidence) == 2  # the toll's sentence is evidence too


def test_a_count_of_other_things_is_no_toll(nlp: Language) -> None:
    (attack,) = read(
        nlp,
        "Gunmen attacked a bus in Peshawar, killing the driver and a passenger. The number of "
        "buses on the road rose to 40 this year.",
    ).attacks
    assert attack.fatalities is not None and attack.fatalities.best == 2


@pytest.mark.parametrize(
    "text",
    [
        "Six Jesuit priests, their cook and her daughter were murdered by soldiers on Thursday.",
        "Soldiers killed six Jesuits, a woman and her daughter at the university on Thursday.",
        "The president condemned the assassination of six priests and two women on Thursday.",
    ],
)
def test_every_member_of_a_list_of_victims_counts(nlp: Language, text: str) -> None:
    (attack,) = read(nlp, text).attacks
    assert attack.fatalities is not None and attack.fatalities.best == 8


def test_a_group_named_by_its_members_is_one_group(nlp: Language) -> None:
    result = read(
        nlp,
        "Houthi rebels fired a missile at Saudi Arabia on Monday. The Houthis said the drone "
        "attack targeted an airport in Abha.",
    )
    groups = [e for e in result.entities if e.kind == EntityKind.ARMED_GROUP]
    assert len(groups) == 1 and set(groups[0].surface_forms()) == {"Houthi", "Houthis"}
    assert [a.perpetrators for a in result.attacks] == [[groups[0].key]]


def test_countries_that_act_are_their_states(nlp: Language) -> None:
    """The doer of a passive verb and the states a group of nations includes act; a
    place that bounds another stays a place."""
    result = read(
        nlp,
        "Coalition nations which have conducted strikes in Syria include Australia, Bahrain "
        "and Canada. The ceasefire announced by Russia and Turkey was violated. Lebanon is "
        "bordered by Syria.",
    )
    states = labels(result, EntityKind.ORGANISATION)
    assert {"Australia", "Bahrain", "Canada", "Russia", "Turkey"} <= states
    assert "Syria" not in states and "Lebanon" not in states
    assert {"Syria", "Lebanon"} <= labels(result, EntityKind.PLACE)


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        (
            "Ukraine accused Russia of shelling the city of Kharkiv on Tuesday, killing three "
            "civilians.",
            "Russia",
        ),
        ("Hamas accused Israel of killing five people in an air strike on Gaza City.", "Israel"),
        ("Syria has accused Israel of bombarding an area west of Damascus on Monday.", "Israel"),
        ("Israel was blamed for the air strike on Damascus airport on Monday.", "Israel"),
    ],
)
def test_the_accused_state_is_the_doer_not_the_accuser(nlp: Language, text: str, doer: str) -> None:
    """A country accused or blamed of a deed acts as its state and did the deed; the state
    that accuses only says so, even where the parse hangs a participle ("killing three") on
    the verb of blame."""
    result = read(nlp, text)
    (attack,) = result.attacks
    assert perpetrators(result, attack) == [doer]
    assert doer in labels(result, EntityKind.ORGANISATION)


def test_a_country_owning_a_states_stance_is_its_state(nlp: Language) -> None:
    """What a state does or holds ("Australia's response", "UK support for Iraq") makes the
    country named as its owner an actor; the country the support goes to stays a place, as
    does a country owning what its territory has ("Syria's north")."""
    result = read(
        nlp,
        "The report examines Australia's response to the crisis. The minister reiterated UK "
        "support for Iraq. Fighting continued in Syria's north.",
    )
    assert {"Australia", "UK"} <= labels(result, EntityKind.ORGANISATION)
    assert {"Iraq", "Syria"} <= labels(result, EntityKind.PLACE)
    assert not {"Iraq", "Syria"} & labels(result, EntityKind.ORGANISATION)


def test_the_place_a_mission_serves_is_mentioned_and_places_its_towns(nlp: Language) -> None:
    """The country in "the UN Mission in South Sudan" is no place of the attack but is
    mentioned, and tells which Bor the attack was in."""
    result = read(nlp, "The UN Mission in South Sudan said 20 civilians were killed in Bor.")
    assert "UN Mission in South Sudan" in labels(result, EntityKind.ORGANISATION)
    assert {"South Sudan", "Bor"} <= labels(result, EntityKind.PLACE)
    (attack,) = result.attacks
    places = {e.key: e.label for e in result.entities}
    assert attack.location is not None and places[attack.location] == "Bor"
    linked = {e.label: e for e in link_document(result, load_default_kb()).entities}
    bor, country = linked["Bor"], linked["South Sudan"]
    assert bor.place is not None and bor.place.country is not None
    assert bor.place.country[1] == country.qid is not None


def test_the_accuser_is_no_doer_of_what_it_blames_on_others(nlp: Language) -> None:
    """The rebels, a description, are no entity to name; the army that accuses them is not
    the doer in their place."""
    (attack,) = read(
        nlp, "The army accused the rebels of attacking a convoy near Goma, killing four soldiers."
    ).attacks
    assert attack.perpetrators == []


def test_a_passive_conjunct_shares_the_subject_as_its_victim(nlp: Language) -> None:
    """ "the soldiers were on a visit and were wounded": the soldiers are the victims of the
    bombing, not the attackers."""
    (attack,) = read(
        nlp,
        "Nine U.S. soldiers were on a recreational visit and were wounded when a homemade bomb "
        "exploded in Tegucigalpa on Monday.",
    ).attacks
    assert attack.perpetrators == []
    assert attack.target_descriptions == ["U.S. soldiers"]


def test_of_two_subjects_the_nearest_is_the_doer(nlp: Language) -> None:
    """The parse may take an apposition for a second subject of the attack verb."""
    text = (
        "Meanwhile, according to members of the teachers federation, Andes, on 2 May, troops "
        "of the 5th brigade killed four teachers in Usulutan."
    )
    assert "Andes" not in perpetrators_of(nlp, text)


def test_an_attack_days_later_is_another_attack(nlp: Language) -> None:
    """ "A week later, a bus bomb …": another day's event, whatever it shares; "a day later,
    the attack was claimed" tells the same one."""
    text = (
        "A car bomb destroyed the offices of a newspaper in Bogota, killing 50 people.\n\n"
        "A week later, a bus bomb blew up near the police headquarters and destroyed the "
        "building, leaving 60 dead."
    )
    assert tolls_of(nlp, text) == [50, 60]
    claimed = read(
        nlp,
        "A bomb exploded in Kabul on Monday, killing five people. A day later, the attack was "
        "claimed by the Taliban.",
    )
    assert len(claimed.attacks) == 1


def test_victims_told_again_more_fully_are_one_description(nlp: Language) -> None:
    text = (
        "A bomb wounded nine U.S. soldiers in La Ceiba on Monday.\n\n"
        "Seven of the soldiers were wounded seriously in the bombing."
    )
    (attack,) = read(nlp, text).attacks
    assert attack.target_descriptions == ["U.S. soldiers"]


def test_descriptions_leave_out_notes_and_ages(nlp: Language) -> None:
    """A transcriber's note in brackets and an age without its figure are no description."""
    note = "Guerrillas killed [passage indistinct] people in the attack on Usulutan on Monday."
    assert descriptions_of(nlp, note) == ["people"]
    age = "A 10-year-old girl was killed by a sniper in Aleppo on Monday."
    assert descriptions_of(nlp, age) == ["girl"]


def test_a_negation_of_what_is_said_of_a_known_attack_keeps_it(nlp: Language) -> None:
    text = (
        "A spokesman said that the attack, which resulted in the death of a civilian, was not "
        "against the presidential farm."
    )
    assert tolls_of(nlp, text) == [1]
    assert read(nlp, "Police did not report any attacks in the capital.").attacks == []


def test_the_bodies_of_the_victims_are_the_victims(nlp: Language) -> None:
    text = "The bodies of the Spanish Jesuits murdered last Friday were buried in San Salvador."
    assert descriptions_of(nlp, text) == ["Spanish Jesuits"]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Unidentified persons placed 11 bombs in three bank branches on Monday.", "branches"),
        ("A grenade was hurled at the police station in Kabul on Monday.", "police station"),
        ("Guerrillas planted a car bomb outside the embassy in Lima on Monday.", "embassy"),
        ("Militants detonated a bomb near the market in Kabul on Monday.", "market"),
    ],
)
def test_setting_an_explosive_is_a_bombing_and_the_device_no_target(
    nlp: Language, text: str, target: str
) -> None:
    (attack,) = read(nlp, text).attacks
    assert attack.attack_type == "Bombing"
    assert any(target in d for d in attack.target_descriptions)
    assert not any(
        word in d.lower() for d in attack.target_descriptions for word in ("bomb", "grenade")
    )
    assert not read(nlp, "Police found a bomb placed under a car in Kabul on Monday.").attacks
    assert not read(nlp, "The minister placed a wreath at the memorial on Monday.").attacks


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Soldiers fired at protesters in Kabul on Monday, killing three.", "protesters"),
        ("Police fired on demonstrators in Santiago on Tuesday.", "demonstrators"),
        ("Gunmen fired shots at a bus in Herat on Monday.", "bus"),
    ],
)
def test_firing_at_someone_is_an_attack_on_them(nlp: Language, text: str, target: str) -> None:
    (attack,) = read(nlp, text).attacks
    assert attack.target_descriptions == [target]
    # the weapon fired is no target, and the army that fired it is the perpetrator
    (shelling,) = read(nlp, "The army fired rockets into the town of Idlib on Monday.").attacks
    assert shelling.attack_type == "Shelling" and not shelling.target_descriptions
    assert shelling.perpetrators
    # firing a person, or firing on a day, is no attack
    assert not read(nlp, "The company fired its manager on Monday.").attacks


def test_the_device_told_again_is_the_same_attack(nlp: Language) -> None:
    result = read(
        nlp,
        "The worst explosion was at the bus station, where at least six people were killed. "
        "Witnesses said that the bomb had been planted in a car.",
    )
    assert len(result.attacks) == 1
    assert len(result.attacks[0].evidence) == 2


def test_armed_forces_without_an_article_are_the_state_force(nlp: Language) -> None:
    result = read(
        nlp,
        "The report says that armed forces elements are responsible for the killing of six "
        "priests in San Salvador.",
    )
    (attack,) = result.attacks
    (author,) = attack.perpetrators
    assert result.entity(author).kind is EntityKind.ARMED_GROUP
    assert result.entity(author).label.lower() == "armed forces"


def test_a_wire_dateline_with_a_month_is_where_it_was_filed(nlp: Language) -> None:
    result = read(
        nlp,
        "NAIROBI, June 8 (Reuters) - Gunmen killed five people at a market in Mandera on "
        "Friday, police said.",
    )
    assert "NAIROBI" in labels(result, EntityKind.PLACE)  # labelled as written until linked
    assert "NAIROBI" not in labels(result, EntityKind.ORGANISATION)
    (attack,) = result.attacks
    assert perpetrators(result, attack) == ["Gunmen"]


def test_a_countrys_name_before_a_settlement_noun_names_the_country(nlp: Language) -> None:
    result = read(nlp, "ADF rebels killed 22 people in a raid on an eastern Congo village.")
    assert "Congo" in labels(result, EntityKind.PLACE)
    assert "Congo village" not in labels(result, EntityKind.PLACE)


def test_a_dateline_city_in_capitals_below_a_headline_is_no_doer(nlp: Language) -> None:
    # the parser may make a city written in capitals the subject of the lead's verb
    result = read(
        nlp,
        "Gunmen abduct worshippers from church in Nigeria's Kaduna state\n\nKADUNA, Nigeria "
        "(Reuters) - Gunmen stormed a church in northwest Nigeria's Kaduna state during a "
        "Sunday service and abducted at least 40 worshippers, police said on Monday.",
    )
    assert "KADUNA" not in labels(result, EntityKind.ORGANISATION)
    assert {p for a in result.attacks for p in perpetrators(result, a)} == {"Gunmen"}


def test_a_bracketed_acronym_defines_the_one_the_headline_used(nlp: Language) -> None:
    # the Spanish acronym is not the English name's initials
    result = read(
        nlp,
        "Soldiers killed in ELN drone attack on army base\n\nTwo soldiers were killed when "
        "rebels of the National Liberation Army (ELN) attacked an army base with drones in "
        "Tibu on Wednesday, the army said.",
    )
    (group,) = [e for e in result.entities if "ELN" in e.surface_forms()]
    assert group.label == "National Liberation Army"
    (attack,) = result.attacks
    assert attack.perpetrators == [group.key]


def test_a_countrys_military_with_or_without_the_possessive_is_one_body(
    nlp: Language,
) -> None:
    result = read(
        nlp,
        "Myanmar military air strike kills 30 in Sagaing village\n\nAn air strike by "
        "Myanmar's military on a village in the Sagaing region killed at least 30 people on "
        "Tuesday, residents said.",
    )
    (attack,) = result.attacks
    (military,) = [e for e in result.entities if e.key in attack.perpetrators]
    assert {"Myanmar military", "Myanmar's military"} <= set(military.surface_forms())


def test_a_dateline_the_parse_hangs_on_the_final_said_hides_no_attack(nlp: Language) -> None:
    result = read(
        nlp,
        "MAIDUGURI, Nigeria, May 12 (AP) — Suspected Boko Haram insurgents killed at least 37 "
        "farmers working in their fields in Borno state on Saturday, local officials said.",
    )
    (attack,) = result.attacks
    assert attack.fatalities.best == 37
    assert perpetrators(result, attack) == ["Boko Haram"]


def test_a_countrys_army_in_the_possessive_speaks_for_its_troops(nlp: Language) -> None:
    result = read(
        nlp,
        "Nigeria's army said in a statement that troops had killed 12 militants near the "
        "Sambisa forest on Friday.",
    )
    (army,) = [e for e in result.entities if e.kind == EntityKind.ARMED_GROUP]
    assert (army.label, army.actor_type) == ("Nigeria's army", "StateForces")
    (attack,) = result.attacks
    assert attack.perpetrators == [army.key]
    # a forest's name is a place ("the Sambisa forest"), and the forest a place's noun
    assert "Sambisa" in labels(result, EntityKind.PLACE)


def test_another_sources_casualties_join_the_attack_just_told(nlp: Language) -> None:
    result = read(
        nlp,
        "An air strike hit a market in Idlib on Monday, killing 14 people, the Syrian "
        "Observatory for Human Rights said. A spokesman for the White Helmets said 30 people "
        "were wounded.",
    )
    (attack,) = result.attacks
    assert (attack.fatalities.best, attack.injured) == (14, 30)
    assert len(attack.reported_in) == 2


def test_a_denied_attack_joins_the_attack_it_denies(nlp: Language) -> None:
    result = read(
        nlp,
        "A drone strike on a wedding party in Kandahar killed 11 people on Monday, residents "
        "said. A spokesman for the army denied that its forces had carried out a drone strike.",
    )
    (attack,) = result.attacks
    assert len(attack.evidence) == 2
    # what a statement denies is no part of what it tells
    told = read(
        nlp, "The ministry said its forces struck military targets and denied hitting civilians."
    )
    (strike,) = told.attacks
    assert strike.target_descriptions == ["military targets"]
    # a denial that is the only telling is still the attack's telling
    (alone,) = read(nlp, "The army denied that guerrillas attacked the farm on Monday.").attacks
    assert alone.trigger == "attacked"


def test_the_attackers_named_by_the_act_are_those_just_told(nlp: Language) -> None:
    result = read(
        nlp,
        "Militants killed 20 villagers in Tillaberi region on Friday, officials said.\n\n"
        "The attackers, who arrived on motorcycles, also burned dozens of huts.\n\n"
        "Militants attacked an army post near Gao on Saturday.",
    )
    assert len(result.attacks) == 2


def test_a_groups_toll_over_years_is_no_attack(nlp: Language) -> None:
    result = read(
        nlp,
        "Boko Haram has killed more than 35,000 people in the northeast since 2009.\n\n"
        "Al-Shabaab has killed hundreds of civilians over the past decade.\n\n"
        "Al-Shabaab fighters have killed 12 soldiers in Lower Shabelle.",
    )
    assert [a.fatalities.best for a in result.attacks] == [12]


def test_a_groups_own_outlet_is_not_what_it_attacked(nlp: Language) -> None:
    result = read(
        nlp,
        "A suicide bomber killed nine people at a checkpoint in Mosul on Friday. Islamic State "
        "claimed responsibility for the attack on its Amaq news agency.",
    )
    (attack,) = result.attacks
    assert not any("Amaq" in d for d in attack.target_descriptions)


def test_victims_the_parse_made_the_speakers_are_the_victims(nlp: Language) -> None:
    result = read(
        nlp,
        "An air strike on a camp in Kachin state killed at least 29 people, including "
        "children, a rebel group and local media said on Tuesday.",
    )
    (attack,) = result.attacks
    assert attack.fatalities.best == 29
    assert "local media" not in attack.target_descriptions


def test_a_spokesman_speaks_for_the_body_he_is_the_spokesman_of(nlp: Language) -> None:
    result = read(
        nlp,
        "Gunmen attacked a police post in Mandalay on Monday. A spokesman for the ruling "
        "junta said five attackers were killed.",
    )
    assert claim_sources(result) == ["ruling junta"]


def test_an_incident_told_as_separate_is_another_attack(nlp: Language) -> None:
    result = read(
        nlp,
        "Militants ambushed an army convoy in Diyala province on Monday, killing three "
        "soldiers.\n\nIn a separate incident, a roadside bomb struck a truck carrying "
        "policemen in Anbar province, wounding four of them, an official said.",
    )
    assert len(result.attacks) == 2
    ambush, bombing = result.attacks
    assert ambush.fatalities.best == 3
    assert bombing.injured == 4
    assert not any("incident" in d for d in bombing.target_descriptions)


def test_a_claim_denied_by_negation_is_no_statement(nlp: Language) -> None:
    result = read(
        nlp,
        "Gunmen killed four soldiers at a checkpoint near Kirkuk on Sunday. Islamic State "
        "has not claimed the attack.",
    )
    assert claim_sources(result) == []


def test_sporadic_attacks_are_a_habit_not_an_event(nlp: Language) -> None:
    result = read(
        nlp,
        "A bomb killed two soldiers in Mosul on Monday.\n\nThe group still carries out "
        "sporadic attacks in the province.",
    )
    (bombing,) = result.attacks
    assert len(bombing.evidence) == 1  # the habit is no telling of the bombing either


@pytest.mark.parametrize(
    "habit",
    [
        "The group has stepped up attacks in the region since January.",
        "Its fighters still carry out attacks from desert hideouts.",
        "Aid agencies have reported a rise in attacks on convoys this year.",
        "Islamic State militants are active in the area and frequently attack security forces "
        "there.",
        "The army said the commander was responsible for planning attacks against the city.",
    ],
)
def test_attacks_a_campaign_or_a_habit_makes_are_no_event(nlp: Language, habit: str) -> None:
    result = read(nlp, f"A bomb killed two soldiers in Mosul on Monday. {habit}")
    (bombing,) = result.attacks
    assert len(bombing.evidence) == 1


def test_a_campaign_verb_with_a_counted_attack_is_still_an_event(nlp: Language) -> None:
    result = read(nlp, "The army intensified two attacks on rebel positions in Idlib on Sunday.")
    assert len(result.attacks) == 1


def test_the_attackers_killed_at_the_end_are_the_attacks_own_losses(nlp: Language) -> None:
    result = read(
        nlp,
        "Al-Shabaab militants stormed a hotel in Mogadishu late on Friday, killing at least 12 "
        "people, police said. Security forces ended the siege on Saturday after killing all "
        "five attackers. Al-Shabaab claimed responsibility for the attack.",
    )
    (attack,) = result.attacks
    assert (attack.fatalities.best, attack.attacker_fatalities) == (12, 5)
    assert perpetrators(result, attack) == ["Al-Shabaab"]
    assert "attackers" not in " ".join(attack.target_descriptions)


def test_the_attackers_as_subject_of_a_conjoined_verb_retell_the_attack(nlp: Language) -> None:
    result = read(
        nlp,
        "Gunmen stormed a church in Kaduna state on Sunday and abducted 40 worshippers. The "
        "attackers arrived on motorcycles shortly after 9 a.m. and opened fire, killing two "
        "people.",
    )
    (attack,) = result.attacks
    assert attack.fatalities.best == 2


def test_unnamed_fighters_killed_later_are_the_insurgents_own_losses(nlp: Language) -> None:
    result = read(
        nlp,
        "Islamic State jihadists killed nine Syrian soldiers in an ambush near Palmyra on "
        "Sunday, the Syrian Observatory for Human Rights said. The Observatory said six "
        "jihadists were also killed in the fighting that followed.",
    )
    (attack,) = result.attacks
    assert (attack.fatalities.best, attack.attacker_fatalities) == (9, 6)
    assert "jihadists" not in attack.target_descriptions


def test_fighters_an_attack_targeted_stay_its_victims(nlp: Language) -> None:
    result = read(
        nlp,
        "Al-Shabaab fighters attacked rival militants near Kismayo on Sunday. Four militants "
        "were killed in the fighting, officials said.",
    )
    (attack,) = result.attacks
    assert attack.attacker_fatalities is None


def test_a_ranking_ordinal_marks_no_new_attack(nlp: Language) -> None:
    result = read(
        nlp,
        "Russian drone strike on Kharkiv kills four, injures dozens\n\nKYIV, Ukraine (AP) — A "
        "Russian drone attack on Ukraine's second-largest city of Kharkiv killed four people "
        "and injured 35 overnight, regional officials said Thursday.\n\nKharkiv Governor Oleh "
        "Syniehubov said the drones hit residential buildings in two districts of the city, "
        "starting fires. A child was among the injured, he said.",
    )
    assert len(result.attacks) == 1


def test_the_attackers_are_the_group_that_carried_out_the_attack(nlp: Language) -> None:
    result = read(
        nlp,
        "Suspected ADF rebels killed at least 22 civilians in a raid on a village in North "
        "Kivu province on Friday. The attackers struck Mayikengo village late on Thursday and "
        "set fire to several houses.",
    )
    (attack,) = result.attacks
    assert perpetrators(result, attack) == ["ADF"]


def test_speakers_the_parse_hangs_on_the_victims_are_no_victims(nlp: Language) -> None:
    result = read(
        nlp,
        "Jihadists attacked a convoy of fuel tankers in southwestern Mali on Tuesday, setting "
        "dozens of trucks on fire and killing at least three drivers, transport union "
        "officials and a security source said.",
    )
    assert claim_sources(result) == ["transport union officials"]
    (attack,) = result.attacks
    assert "drivers" in attack.target_descriptions
    assert not any("officials" in d or "source" in d for d in attack.target_descriptions)
    assert attack.fatalities.best == 3


def test_gunmen_killed_in_the_first_attack_told_are_its_victims(nlp: Language) -> None:
    result = read(nlp, "Police killed three gunmen in a shootout in Kano on Monday.")
    (attack,) = result.attacks
    assert (attack.fatalities.best, attack.attacker_fatalities) == (3, None)


def test_its_fighters_are_the_speakers_not_the_group_of_a_relative_clause(
    nlp: Language,
) -> None:
    result = read(
        nlp,
        "Al-Shabaab, which is linked to al-Qaeda, said its fighters had killed 30 soldiers at "
        "a base near Kismayo on Friday.",
    )
    (attack,) = result.attacks
    assert perpetrators(result, attack) == ["Al-Shabaab"]


def test_a_state_forces_air_force_in_its_own_statement_is_the_state_forces(
    nlp: Language,
) -> None:
    result = read(
        nlp,
        "Sudan's army said its air force had struck RSF positions in Bara, killing dozens of "
        "fighters.",
    )
    (strike,) = result.attacks
    labels_by_key = {e.key: e.label for e in result.entities}
    assert [labels_by_key[k] for k in strike.perpetrators] == ["Sudan's army"]
    # forces the statement names as another state's are not the speaker's
    backed = read(
        nlp,
        "Mozambique's army said Rwandan forces had killed 20 insurgents near Macomia on Tuesday.",
    )
    (attack,) = backed.attacks
    labels_by_key = {e.key: e.label for e in backed.entities}
    assert "Mozambique's army" not in [labels_by_key[k] for k in attack.perpetrators]


def test_a_group_that_claims_responsibility_is_the_perpetrator(nlp: Language) -> None:
    result = read(
        nlp,
        "A suicide bomber blew himself up at a police station in Bannu on Monday, killing six "
        "officers, police said.\n\nTehrik-i-Taliban Pakistan claimed responsibility in a "
        "statement.",
    )
    (bombing,) = result.attacks
    labels_by_key = {e.key: e.label for e in result.entities}
    assert "Tehrik-i-Taliban Pakistan" in [labels_by_key[k] for k in bombing.perpetrators]
    # a claim of no attack the article tells makes no attack
    alone = read(nlp, "Tehrik-i-Taliban Pakistan claimed responsibility in a statement.")
    assert alone.attacks == []
    # nor does a claim nobody made
    unclaimed = read(
        nlp,
        "Gunmen killed a policeman in Bannu on Monday. Tehrik-i-Taliban Pakistan has not "
        "claimed responsibility.",
    )
    (shooting,) = unclaimed.attacks
    assert all(labels_by_key.get(k) != "Tehrik-i-Taliban Pakistan" for k in shooting.perpetrators)


def test_a_group_that_claims_the_attack_is_its_perpetrator(nlp: Language) -> None:
    result = read(
        nlp,
        "Gunmen attacked a police post near Mopti on Monday, killing four officers. The Group "
        "for the Support of Islam and Muslims (JNIM) claimed the attack in a statement.",
    )
    (attack,) = result.attacks
    labels_by_key = {e.key: e.label for e in result.entities}
    perpetrators = [labels_by_key[k] for k in attack.perpetrators]
    assert "Group for the Support of Islam and Muslims" in perpetrators
    assert "Gunmen" in perpetrators
    # a claim denied or not made names nobody
    unclaimed = read(
        nlp,
        "A suicide bomber killed 12 people at a mosque in Peshawar on Friday. The Pakistani "
        "Taliban has not claimed the bombing.",
    )
    (bombing,) = unclaimed.attacks
    labels_by_key = {e.key: e.label for e in unclaimed.entities}
    assert "Pakistani Taliban" not in [labels_by_key[k] for k in bombing.perpetrators]


def test_a_named_person_ends_the_previous_source(nlp: Language) -> None:
    result = read(
        nlp,
        "The Pakistani Taliban said in a statement that its fighters had killed four soldiers "
        "in Bajaur on Monday.\n\nGunmen shot dead a teacher in Swat on Tuesday, according "
        "to Khan.",
    )
    assert len(result.attacks) == 2
    sources = {c.key: c.source for c in result.claims}
    taliban = next(e.key for e in result.entities if e.label == "Pakistani Taliban")
    assert [sources.get(r) for r in result.attacks[0].reported_in] == [taliban]
    assert not any(sources.get(r) == taliban for r in result.attacks[1].reported_in)


def test_a_headline_retold_with_a_village_in_its_province_is_one_attack(
    nlp: Language,
) -> None:
    result = read(
        nlp,
        "Islamic State ambush kills five Iraqi soldiers in Kirkuk\n\n"
        "BAGHDAD (Reuters) - Islamic State militants ambushed an army patrol in Iraq's northern "
        "Kirkuk province on Thursday night, killing five soldiers, security sources said.\n\n"
        "The militants attacked the patrol near the village of Tal al-Ward, south-west of the "
        "city of Kirkuk, the sources said.",
    )
    (ambush,) = result.attacks
    assert ambush.fatalities.best == 5
    assert len(ambush.evidence) == 3


def test_a_body_named_only_as_who_said_it_is_no_author(nlp: Language) -> None:
    result = read(
        nlp,
        "Gang attack on Haitian town leaves at least 70 dead, UN says\n\n"
        "Gang members armed with rifles attacked the town of Pont-Sonde in central Haiti, "
        "killing at least 70 people, the United Nations said on Friday.\n\n"
        "The Gran Grif gang also set fire to at least 45 homes, the UN said.",
    )
    labels_by_key = {e.key: e.label for e in result.entities}
    assert [[labels_by_key[k] for k in a.perpetrators] for a in result.attacks] == [
        ["Gang members"],
        ["Gran Grif gang"],
    ]


def test_a_shootout_on_the_outskirts_is_no_attack_told_before(nlp: Language) -> None:
    result = read(
        nlp,
        "Gunmen killed seven villagers in Pont-Sonde on Wednesday, the UN said.\n\n"
        "Police said officers had killed two gang members in a shootout on the outskirts of the "
        "town on Thursday night.",
    )
    assert len(result.attacks) == 2


def test_casualties_told_right_after_an_attack_are_its_own(nlp: Language) -> None:
    result = read(
        nlp,
        "A Russian missile struck an apartment block in Dnipro overnight, killing at least 14 "
        "people, governor Serhiy Lysak said.\n\nRescuers were searching the rubble, and 38 "
        "people were injured, Lysak said.",
    )
    (strike,) = result.attacks
    assert (strike.fatalities.best, strike.injured) == (14, 38)
    # a toll over days is no part of it
    toll = read(
        nlp,
        "A car bomb killed four policemen in Medellin on Monday.\n\nTwenty-eight policemen "
        "have been killed in the city over the last two weeks.",
    )
    assert toll.attacks[0].fatalities.best == 4


def test_a_ministrys_own_forces_are_its_states(nlp: Language) -> None:
    result = read(
        nlp,
        "Russia's defence ministry said its forces had carried out a massive strike on "
        "Ukrainian military facilities overnight.\n\nOfficials said a Ukrainian drone attack "
        "on a bus in the town of Enerhodar killed two people.",
    )
    labels_by_key = {e.key: e.label for e in result.entities}
    assert [[labels_by_key[k] for k in a.perpetrators] for a in result.attacks] == [
        ["Russian forces"],
        ["Ukrainian forces"],
    ]


def test_the_city_an_of_phrase_names_is_the_place(nlp: Language) -> None:
    result = read(
        nlp,
        "A missile struck an apartment block in the central Ukrainian city of Dnipro "
        "overnight, killing at least 14 people.",
    )
    (strike,) = result.attacks
    assert strike.location is not None
    assert result.entity(strike.location).label == "Dnipro"


def test_a_crew_owned_within_the_sentence_is_no_sign_of_an_attack_told_before(
    nlp: Language,
) -> None:
    result = read(
        nlp,
        "An Israeli air strike on a school in Gaza City killed at least 18 people on "
        "Saturday.\n\nThe al-Qassam Brigades said its fighters had fired an anti-tank missile "
        "at an Israeli tank near Rafah, killing its crew.",
    )
    assert len(result.attacks) == 2
    labels_by_key = {e.key: e.label for e in result.entities}
    assert [labels_by_key[k] for k in result.attacks[1].perpetrators] == ["al-Qassam Brigades"]


def test_it_is_not_a_group_named_by_a_plural_noun(nlp: Language) -> None:
    result = read(
        nlp,
        "A roadside bomb killed four Iraqi soldiers and wounded two others on Tuesday when it "
        "struck their patrol in Kirkuk province, security sources said.",
    )
    (bombing,) = result.attacks
    labels_by_key = {e.key: e.label for e in result.entities}
    assert "Iraqi soldiers" not in [labels_by_key[k] for k in bombing.perpetrators]
    # a name whose last word is plural is one body, "it"
    named = read(
        nlp,
        "The Rapid Support Forces said on Sunday that it had shelled army positions in El "
        "Fasher, killing 12 soldiers.",
    )
    labels_by_key = {e.key: e.label for e in named.entities}
    assert "Rapid Support Forces" in [labels_by_key[k] for k in named.attacks[0].perpetrators]


def test_attackers_killed_in_part_are_their_losses_and_their_killers_no_perpetrators(
    nlp: Language,
) -> None:
    result = read(
        nlp,
        "Islamist militants attacked an army base in Djibo on Saturday, killing at least 30 "
        "soldiers, security sources said. The army said in a statement that it had repelled "
        "the assault and killed dozens of assailants.",
    )
    (attack,) = result.attacks
    labels_by_key = {e.key: e.label for e in result.entities}
    assert [labels_by_key[k] for k in attack.perpetrators] == ["Islamist militants"]
    assert attack.fatalities.best == 30
    assert attack.attacker_fatalities is not None


def test_a_claim_reported_by_a_monitor_keeps_the_claimant(nlp: Language) -> None:
    result = read(
        nlp,
        "Dozens of soldiers killed in attack on army base in Burkina Faso\n\n"
        "OUAGADOUGOU (Reuters) - Islamist militants attacked an army base in northern Burkina "
        "Faso on Saturday, killing at least 30 soldiers, two security sources said.\n\n"
        "Hundreds of gunmen on motorbikes stormed the base in Djibo, in Soum province, before "
        "dawn and fought the troops for several hours, one of the sources said.\n\nThe army "
        "said in a statement that it had repelled the assault and killed dozens of "
        "assailants, without giving a toll of its own losses.\n\nThe al-Qaeda affiliate JNIM "
        "claimed the attack on Sunday, the SITE Intelligence Group said.",
        published=None,
    )
    (attack,) = result.attacks
    labels_by_key = {e.key: e.label for e in result.entities}
    perpetrators = [labels_by_key[k] for k in attack.perpetrators]
    assert "JNIM" in perpetrators
    assert "SITE Intelligence Group" not in perpetrators


def test_the_doers_own_account_retells_the_attack(nlp: Language) -> None:
    result = read(
        nlp,
        "An Israeli air strike hit a school sheltering displaced families in Gaza City on "
        "Thursday, killing at least 18 people, the Palestinian civil defence agency said.\n\n"
        "The Israeli military said its aircraft had struck Hamas militants operating from a "
        "command centre inside the compound.",
    )
    (strike,) = result.attacks
    labels_by_key = {e.key: e.label for e in result.entities}
    # its aircraft are the speaker's: the body the article names is the one that struck
    assert [labels_by_key[k] for k in strike.perpetrators] == ["Israeli military"]
    sources = {c.key: labels_by_key.get(c.source) for c in result.claims}
    assert {sources.get(r) for r in strike.reported_in} >= {
        "Palestinian civil defence agency",
        "Israeli military",
    }


def test_a_states_people_among_the_victims_are_not_its_forces_as_a_body(nlp: Language) -> None:
    result = read(
        nlp,
        "A roadside bomb hit a convoy near Deir ez-Zor on Monday, and three Russian military "
        "personnel were wounded.\n\nRussian air strikes killed 12 fighters in Idlib on Tuesday.",
    )
    labels_by_key = {e.key: e.label for e in result.entities}
    strikes = next(a for a in result.attacks if a.fatalities.best == 12)
    assert [labels_by_key[k] for k in strikes.perpetrators] == ["Russian forces"]


KABUL_MOSQUE = (
    "KABUL (Reuters) - A suicide bomber blew himself up inside a Shi'ite mosque in western Kabul "
    "during Friday prayers, killing at least 18 worshippers, a Taliban official said.\n\n"
    "Taliban spokesman Zabihullah Mujahid condemned the attack on social media and said the "
    "perpetrators would be brought to justice.\n\nIslamic State Khorasan Province, the regional "
    "affiliate of Islamic State, later claimed responsibility in a statement on its Amaq news "
    "agency."
)


def test_who_condemns_an_attack_did_not_do_it_and_who_claims_it_did(nlp: Language) -> None:
    result = read(nlp, KABUL_MOSQUE)
    (bombing,) = result.attacks
    labels_by_key = {e.key: e.label for e in result.entities}
    perpetrators = [labels_by_key[k] for k in bombing.perpetrators]
    assert "Taliban" not in perpetrators
    assert "Islamic State Khorasan" in perpetrators  # the parse splits off "Province"
    # where it was condemned is no target
    assert "social media" not in bombing.target_descriptions


def test_a_year_that_dates_a_thing_is_no_date_of_the_attack(nlp: Language) -> None:
    result = read(
        nlp,
        "Rebels attacked a police station in the town of Suarez in Cauca province, killing two "
        "officers. The attack was carried out by dissidents who reject a 2016 peace deal, the "
        "defense ministry said.",
        published=None,
    )
    (attack,) = result.attacks
    assert attack.date is None and attack.start_date is None


def test_a_raid_told_with_warning_shots_and_a_dateline_is_one_attack(nlp: Language) -> None:
    result = read(
        nlp,
        "ABUJA (Reuters) - Armed bandits abducted more than 100 people in a raid on a village "
        "in Nigeria's northwestern Zamfara state on Saturday, residents said.\n\nThe gunmen "
        "went from house to house in Kadawa village, shooting into the air, a resident said."
        "\n\nPolice confirmed the attack and said two residents were shot dead when they "
        "tried to flee.",
    )
    (raid,) = result.attacks
    labels_by_key = {e.key: e.label for e in result.entities}
    assert "Armed bandits" in [labels_by_key[k] for k in raid.perpetrators]


def test_a_ministry_telling_of_its_forces_strike_retells_the_attack(nlp: Language) -> None:
    result = read(
        nlp,
        "A Russian missile strike on the city of Kharkiv killed at least seven people on "
        "Friday, the regional governor said.\n\nRussia's Defence Ministry said its forces had "
        "struck a Ukrainian military command post in Kharkiv.",
    )
    (strike,) = result.attacks
    assert len(strike.evidence) == 2


def test_definite_doers_and_victims_retell_the_attack(nlp: Language) -> None:
    result = read(
        nlp,
        "Islamic State-linked insurgents beheaded at least 11 people in attacks on two "
        "villages in Mozambique's northern Cabo Delgado province over the weekend, police "
        "said.\n\nThe militants raided the villages of Naquitengue and Litamanda in Macomia "
        "district on Saturday and Sunday, burning homes and a church, a local administrator "
        "said.",
    )
    assert len(result.attacks) == 1


def test_attacks_since_a_month_of_a_year_are_a_campaign(nlp: Language) -> None:
    result = read(
        nlp,
        "U.S. air strikes on a fuel port in Yemen's Hodeidah province killed 20 people on "
        "Thursday, the health ministry said.\n\nThe Houthis have attacked shipping in the Red "
        "Sea since November 2023.",
    )
    (strikes,) = result.attacks
    assert len(strikes.evidence) == 1


def test_a_bare_plural_stands_for_no_group_when_two_lead(nlp: Language) -> None:
    result = read(
        nlp,
        "Twenty-nine soldiers were killed on Monday when terrorists attacked their convoy near "
        "the town of Tahoua, the defence ministry said.\n\nThe junta has struggled to contain "
        "jihadist groups linked to al-Qaeda and the Islamic State group.",
    )
    (ambush,) = result.attacks
    labels_by_key = {e.key: e.label for e in result.entities}
    assert [labels_by_key[k] for k in ambush.perpetrators] == ["terrorists"]


def test_a_toll_the_parse_hangs_on_the_statement_is_the_speakers_claim(nlp: Language) -> None:
    result = read(
        nlp,
        "The Rapid Support Forces shelled a camp for displaced people outside El Fasher on "
        "Sunday, killing at least 40 people, an activist group said.\n\nThe Sudanese army said "
        "in a statement that 57 civilians were killed in the attack.",
    )
    (shelling,) = result.attacks
    claimed = sorted(c.fatalities.best or 0 for c in shelling.casualty_claims)
    assert 57 in claimed and 40 in claimed
    assert "statement" not in shelling.target_descriptions


def test_a_ministrys_neutralised_militants_are_its_claim_of_the_strike(nlp: Language) -> None:
    result = read(
        nlp,
        "A Turkish drone strike on a vehicle near the city of Qamishli killed three fighters "
        "of the Syrian Democratic Forces on Tuesday, the SDF said.\n\nTurkey's defence "
        'ministry said its forces had "neutralised" four militants in northern Syria.',
    )
    (strike,) = result.attacks
    assert 4 in [c.fatalities.best for c in strike.casualty_claims]
    # defused, a bomb is no victim
    assert read(nlp, "Army experts neutralised the bomb near the market on Monday.").attacks == []


def test_the_headlines_unnamed_doers_are_the_storys(nlp: Language) -> None:
    result = read(
        nlp,
        "Gunmen abduct more than 100 villagers in northwest Nigeria\n\nABUJA (Reuters) - "
        "Armed bandits abducted more than 100 people in a raid on a village in Nigeria's "
        "northwestern Zamfara state on Saturday, residents said.",
    )
    (raid,) = result.attacks
    labels_by_key = {e.key: e.label for e in result.entities}
    assert [labels_by_key[k] for k in raid.perpetrators] == ["Armed bandits"]


def test_a_headline_place_the_knowledge_base_does_not_know_is_no_other_town(
    nlp: Language,
) -> None:
    result = read(
        nlp,
        "RSF shelling of Darfur displacement camp kills dozens, activists say\n\nPORT SUDAN, "
        "Sudan (AP) — Sudan's paramilitary Rapid Support Forces shelled a camp for displaced "
        "people outside the besieged city of El Fasher on Sunday, killing at least 40 people, "
        "a local activist group said.",
    )
    assert len(result.attacks) == 1


def test_one_person_wounded_counts_one_injured_and_a_later_toll_joins_the_attack(
    nlp: Language,
) -> None:
    result = read(
        nlp,
        "Late on Monday, militants attacked a police station in Lakki Marwat district, "
        "sparking an exchange of fire that lasted about an hour, police said. Two attackers "
        "were killed and a constable was wounded, a district police official said.",
    )
    (attack,) = result.attacks
    assert attack.injured == 1
    assert perpetrators(result, attack) == ["militants"]


def test_a_force_named_as_part_of_a_buildings_name_is_no_armed_group(nlp: Language) -> None:
    result = read(
        nlp,
        "Gunmen attacked the Bogota military hospital on Monday, killing two guards.",
    )
    assert not labels(result, EntityKind.ARMED_GROUP) - {"Gunmen"}
    assert "Bogota" in labels(result, EntityKind.PLACE)


def test_the_doers_named_again_by_a_description_go_on_with_the_attack(nlp: Language) -> None:
    result = read(
        nlp,
        "ISWAP insurgents ambushed a Nigerian army patrol on the Maiduguri-Damboa road on "
        "Monday, killing five soldiers, military sources said. The fighters opened fire with "
        "rocket-propelled grenades near the village of Sabon Gari and destroyed two gun trucks.",
    )
    (ambush,) = result.attacks
    assert "gun trucks" in ambush.target_descriptions


@pytest.mark.parametrize(
    "text",
    [
        # a further deed, of another kind
        "FARC guerrillas blew up a power substation in Sajandi on Monday. The guerrillas also "
        "burned three vehicles on the highway.",
        # another day
        "Boko Haram fighters attacked an army base in Monguno on Tuesday, killing six "
        "soldiers, the army said. On Wednesday, the fighters attacked a village near Monguno.",
    ],
)
def test_the_same_doers_on_another_day_or_in_a_further_deed_make_another_attack(
    nlp: Language, text: str
) -> None:
    assert len(read(nlp, text).attacks) == 2


def test_the_doers_account_through_an_outlet_joins_the_attack_whatever_its_toll(
    nlp: Language,
) -> None:
    result = read(
        nlp,
        "Al-Shabaab fighters ambushed a Somali army convoy near Adale on Wednesday, killing "
        "seven soldiers, an army officer said. In a statement on its Telegram channel, "
        "al-Shabaab said its fighters had killed 23 soldiers.",
    )
    (ambush,) = result.attacks
    assert sorted(c.fatalities.best or 0 for c in ambush.casualty_claims) == [7, 23]
