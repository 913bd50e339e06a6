"""The domain entity layer over spaCy's NER, on sentences of conflict reporting."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Span

from kg_builder.nlp.components import NameConsistency, strip_edge_words
from kg_builder.nlp.pipeline import cached_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return cached_pipeline(None)


def spacy_reads(nlp: Language, text: str, name: str) -> str:
    """The bare model's label of ``name`` in ``text`` (before the project's components)."""
    doc = nlp.make_doc(text)
    for _, component in nlp.pipeline:
        if component is nlp.get_pipe("ner"):
            doc = component(doc)
            break
        doc = component(doc)
    return next(e.label_ for e in doc.ents if e.text == name)


def entities(nlp: Language, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in nlp(text).ents}


def test_english_words_are_not_arabic_articles(nlp: Language) -> None:
    found = entities(
        nlp,
        "Two planes arrived at Bogota on Monday. Attacks spread to cities such as Lima. "
        "Fighting was reported in as-Sukhnah and al-Bab.",
    )
    assert ("Bogota", "PLACE") in found
    assert ("Lima", "PLACE") in found
    assert ("as-Sukhnah", "PLACE") in found
    assert ("al-Bab", "PLACE") in found
    assert not any(text.lower().startswith(("at ", "as ")) for text, _ in found)


def test_national_air_force_is_one_state_force(nlp: Language) -> None:
    assert ("Syrian Air Force", "ARMED") in entities(nlp, "The Syrian Air Force struck the town.")


def test_air_base_is_a_place_not_a_force(nlp: Language) -> None:
    found = entities(nlp, "The planes landed at Hmeimim air base on Sunday.")
    assert ("Hmeimim air base", "PLACE") in found
    assert not any(label == "ARMED" for _, label in found)


def test_nationality_and_force_noun_is_a_state_force(nlp: Language) -> None:
    found = entities(nlp, "Afghan security forces repelled the assault near Kandahar.")
    assert ("Afghan security forces", "ARMED") in found
    assert ("Kandahar", "PLACE") in found


def test_a_number_opening_a_sentence_names_no_force(nlp: Language) -> None:
    found = entities(nlp, "Eleven soldiers were wounded and evacuated to Bol.")
    assert not any(label in {"ARMED", "ORG"} for _, label in found)
    assert ("Malian soldiers", "ARMED") in entities(nlp, "Twelve Malian soldiers died.")


def test_all_caps_wire_copy_is_read_like_ordinary_text(nlp: Language) -> None:
    found = entities(
        nlp,
        "SAN SALVADOR, 12 JAN 90 -- URBAN GUERRILLAS ATTACKED A POLICE POST IN SAN MIGUEL.",
    )
    assert ("San Miguel", "PLACE") in found


def test_a_persons_name_is_not_a_place(nlp: Language) -> None:
    found = entities(
        nlp,
        "Police said Colonel Jose Rodriguez was killed in Kabul. "
        "Gonzalo Rodriguez Gacha fled to Medellin.",
    )
    places = {text for text, label in found if label == "PLACE"}
    assert {"Kabul", "Medellin"} <= places
    assert not {"Rodriguez", "Jose", "Gonzalo"} & places


def test_a_common_word_in_wire_copy_stays_a_word(nlp: Language) -> None:
    found = entities(nlp, "THE MASSACRE TOOK PLACE IN SAN SALVADOR. THE CRIME WAS DENOUNCED.")
    assert ("San Salvador", "PLACE") in found
    assert not any(text.lower() in {"massacre", "crime"} for text, _ in found)


def test_the_coalition_by_its_capital(nlp: Language) -> None:
    found = entities(nlp, "The Government of Iraq welcomed the Coalition's air strikes.")
    assert ("Coalition", "ARMED") in found
    assert entities(nlp, "Officials said the coalition government would fall.") == set()


def test_a_country_led_or_backed_force_is_an_armed_group(nlp: Language) -> None:
    found = entities(
        nlp,
        "The Saudi-led coalition struck Sanaa. Turkish-backed rebels and US-backed forces "
        "clashed near Manbij.",
    )
    assert {
        ("Saudi-led coalition", "ARMED"),
        ("Turkish-backed rebels", "ARMED"),
        ("US-backed forces", "ARMED"),
    } <= found


def test_a_pattern_does_not_clip_a_longer_organisation_name(nlp: Language) -> None:
    # the pattern "… Administration" matches "Drug Administration" inside the model's name
    text = "The U.S. Food and Drug Administration approved the drug."
    assert spacy_reads(nlp, text, "The U.S. Food and Drug Administration") == "ORG"
    assert entities(nlp, text) == {("U.S. Food and Drug Administration", "ORG")}
    # but a model name that runs two forces together is two bodies
    text = "The Iraqi Armed Forces and Popular Mobilization Forces advanced."
    assert spacy_reads(nlp, text, "The Iraqi Armed Forces and Popular Mobilization Forces") == "ORG"
    found = entities(nlp, text)
    assert {("Iraqi Armed Forces", "ARMED"), ("Popular Mobilization Forces", "ARMED")} <= found


def test_a_common_noun_opening_a_sentence_is_no_organisation(nlp: Language) -> None:
    text = "Guerrillas attacked a police post near San Miguel on Monday."
    assert spacy_reads(nlp, text, "Guerrillas") == "ORG"
    assert ("Guerrillas", "ORG") not in entities(nlp, text)
    # nor is what a body issues a body, in wire copy in capitals
    text = "THE COMMUNIQUE ADDS THAT THE TROOPS ATTACKED THE TOWN."
    assert spacy_reads(nlp, text, "Communique") == "ORG"  # the true-cased token
    assert not any(label == "ORG" for _, label in entities(nlp, text))
    # a name stays, wherever it stands
    assert ("Interpol", "ORG") in entities(nlp, "Interpol said the suspect fled to Spain.")
    assert ("Reuters", "ORG") in entities(nlp, "Reuters reported that the bomb killed three.")


def test_a_place_the_model_reads_as_a_nationality(nlp: Language) -> None:
    """spaCy's model tags "Aleppo" NORP here; "Syrian" before a noun stays a nationality."""
    found = entities(nlp, "Militants shelled Aleppo, killing 12 civilians. Syrian forces fled.")
    assert ("Aleppo", "PLACE") in found
    assert not any(text == "Syrian" and label == "PLACE" for text, label in found)


def test_a_word_after_an_indefinite_article_is_no_place_name(nlp: Language) -> None:
    """Grenade is French for Grenada; "a grenade" is the weapon. A big city stays a name."""
    doc = nlp("A GRENADE EXPLODED NEAR A LIMA POLICE STATION.")
    assert doc.text == "A grenade exploded near a Lima police station."
    assert not any(e.text.lower() == "grenade" for e in doc.ents)


def test_wire_copy_keeps_abbreviations_and_big_cities(nlp: Language) -> None:
    doc = nlp("TEGUCIGALPA, 13 JUL 89 -- NINE U.S. SOLDIERS WERE WOUNDED IN LONDON AND CHICAGO.")
    assert "13 Jul 89" in doc.text
    assert "U.S. soldiers" in doc.text
    found = {(e.text, e.label_) for e in doc.ents}
    assert {("London", "PLACE"), ("Chicago", "PLACE")} <= found


def test_an_article_word_after_a_place_is_no_part_of_its_name(nlp: Language) -> None:
    # the knowledge base's keys join a name's words: "San Salvador as" would match the
    # Lithuanian form "San Salvadoras" of the city's name
    sentence = "13 persons died in San Salvador as a result of a bomb explosion."
    assert ("San Salvador", "PLACE") in entities(nlp, sentence)
    wire = nlp("TEGUCIGALPA, 3 JUL 89 -- " + sentence.upper())
    assert "in San Salvador as a result" in wire.text
    assert ("San Salvador", "PLACE") in {(e.text, e.label_) for e in wire.ents}
    # the article still opens a name
    assert ("as-Sukhnah", "PLACE") in entities(nlp, "Fighting was reported in as-Sukhnah.")


def test_an_english_word_that_names_a_town_only_in_another_language_stays_a_word(
    nlp: Language,
) -> None:
    # the knowledge base holds "Looting" as another name of Laoting (China) and
    # "Proclamation" of La Rochelle; a town's own name stays a name ("Aguilares")
    doc = nlp(
        "SAN SALVADOR, 3 JUL 89 -- THERE WAS LOOTING IN AGUILARES AFTER THE PROCLAMATION OF "
        "THE STATE OF SIEGE."
    )
    assert "There was looting in Aguilares after the proclamation" in doc.text
    places = {e.text for e in doc.ents if e.label_ == "PLACE"}
    assert "Aguilares" in places
    assert not places & {"Looting", "Proclamation"}


def test_wire_copy_keeps_the_name_after_a_title(nlp: Language) -> None:
    doc = nlp(
        "PRESIDENT CRISTIANI CONDEMNED THE MURDER OF COLONEL CARLOS GUERRERO. "
        "THE ARMY LAUNCHED A MAJOR OFFENSIVE IN MORAZAN."
    )
    assert "Colonel Carlos Guerrero" in doc.text
    assert "Cristiani condemned" in doc.text  # a verb after the name is no part of it
    assert "a major offensive" in doc.text
    assert ("Carlos Guerrero", "PERSON") in {(e.text, e.label_) for e in doc.ents}


def test_a_long_name_with_and_the(nlp: Language) -> None:
    found = entities(
        nlp, "Troops drove Islamic State of Iraq and the Levant fighters out of Iraq and Syria."
    )
    assert ("Islamic State of Iraq and the Levant", "ARMED") in found
    assert {("Iraq", "PLACE"), ("Syria", "PLACE")} <= found


def test_a_function_word_is_no_place(nlp: Language) -> None:
    found = entities(
        nlp,
        "THOSE WHO MURDER PEASANTS, WORKERS, AND STUDENTS -- FROM TAKING IT EASY AT THEIR "
        "CLUBS IN SAN SALVADOR.",
    )
    assert ("San Salvador", "PLACE") in found
    assert not any(text.lower() == "from" for text, _ in found)


def test_a_dateline_line_is_its_own_sentence(nlp: Language) -> None:
    doc = nlp(
        "BUCHAREST 1996-08-22\nRomania's ruling party said on Thursday it would field a "
        "candidate in the presidential\nelection, its leader told reporters in the capital."
    )
    dateline, lead = (s.text.strip() for s in doc.sents)  # the wrapped lead is one sentence
    assert dateline == "BUCHAREST 1996-08-22"
    assert lead.endswith("told reporters in the capital.")


def test_a_rare_english_word_in_wire_copy_is_no_place(nlp: Language) -> None:
    doc = nlp(
        "THE COURT WILL FIND THE MASTERMINDS OF THE CRIME, SAID THE JUDGE IN SAN SALVADOR. "
        "THE REBELS FLED IN DISARRAY TOWARD THE LACKEYS OF THE ARMY."
    )
    found = {(e.text, e.label_) for e in doc.ents}
    assert ("San Salvador", "PLACE") in found
    assert not {text.lower() for text, label in found if label == "PLACE"} & {
        "masterminds",
        "disarray",
        "lackeys",
    }


def test_a_common_word_capitalised_as_a_sentences_first_is_no_place(nlp: Language) -> None:
    found = entities(nlp, "Guerrillas dynamited two power pylons in Usulutan. Mosul is quiet.")
    places = {text for text, label in found if label == "PLACE"}
    assert "Guerrillas" not in places
    assert {"Usulutan", "Mosul"} <= places


def test_a_sentences_first_word_opens_no_place_name(nlp: Language) -> None:
    # "But Le" is a name of a Vietnamese village in the source data
    found = entities(nlp, "But Le Matin newspaper, quoting witnesses, said the attackers fled.")
    assert not any(text.startswith("But") for text, _ in found)


def test_an_organisations_name_wins_over_the_place_inside_it(nlp: Language) -> None:
    doc = nlp.make_doc(
        "About 100 Air France workers marched. He was deported on an Air France flight."
    )
    second = [t.i for t in doc if t.text == "France"][1]
    # the model's reading of such a text: the firm once, the country inside the second name
    doc.ents = [Span(doc, 2, 4, label="ORG"), Span(doc, second, second + 1, label="PLACE")]
    read = NameConsistency(nlp)(doc)
    assert [(e.text, e.label_) for e in read.ents] == [("Air France", "ORG")] * 2


def test_a_body_named_after_its_place_is_no_place(nlp: Language) -> None:
    found = entities(
        nlp, "Kabul Radio reported that 12 people were killed in Kabul, the Jakarta Post said."
    )
    assert {("Kabul Radio", "ORG"), ("Jakarta Post", "ORG"), ("Kabul", "PLACE")} <= found


def test_a_countrys_own_name_is_a_place_where_the_model_reads_a_nationality(
    nlp: Language,
) -> None:
    text = "Tajikistan, which borders Afghanistan and China, is poor. Tajik troops took the town."
    assert spacy_reads(nlp, text, "Tajikistan") == "NORP"  # the model's reading
    found = entities(nlp, text)
    assert ("Tajikistan", "PLACE") in found and ("Tajik", "PLACE") not in found


def test_a_wire_dateline_after_the_headline_or_byline(nlp: Language) -> None:
    found = entities(
        nlp,
        "PRINCE NASEEM RETAINS TITLE . DUBLIN 1996-08-31 Britain's Naseem Hamed retained his "
        "title.\nConsumer spending rises . Glenn Somerville WASHINGTON 1996-08-30 Spending rose.",
    )
    assert {("DUBLIN", "PLACE"), ("WASHINGTON", "PLACE")} <= found
    assert not any("Somerville WASHINGTON" in text for text, _ in found)


def test_a_name_the_model_reads_as_a_firm_is_no_other_name_of_a_town(nlp: Language) -> None:
    # "Mobil" is an old name of Mobile, Alabama in the source data
    found = entities(nlp, "Foreign firms including Mobil, Shell and Caltex also invested.")
    assert ("Mobil", "PLACE") not in found


def test_two_places_joined_by_and_are_two_names(nlp: Language) -> None:
    found = entities(nlp, "Clashes near Mayadeen and Deir Ezzor killed 12 fighters.")
    assert {("Mayadeen", "PLACE"), ("Deir Ezzor", "PLACE")} <= found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Investigators said the gunman and his brother, Tamerlan Tsarnaev, had dinner "
            "together the night before. Tamerlan, 26, died after a gunfight with police three "
            "days later.",
            "Tamerlan",
        ),
        (
            "Azamat Tazhayakov, a student from Kazakhstan, was found guilty on Monday. "
            "Prosecutors said 20-year-old Tazhayakov removed a backpack from the room.",
            "Tazhayakov",
        ),
    ],
)
def test_a_word_of_a_persons_full_name_is_that_person_where_it_recurs(
    nlp: Language, text: str, name: str
) -> None:
    # both are villages somewhere; here they are the man the article named in full
    assert (name, "PLACE") not in entities(nlp, text)


def test_a_big_place_stays_a_place_after_a_namesake(nlp: Language) -> None:
    text = "Mayor Juan Lima said the bomb exploded in Lima on Monday."
    assert ("Lima", "PLACE") in entities(nlp, text)


def test_place_names_carry_the_kinds_of_place_of_that_name(nlp: Language) -> None:
    doc = nlp("Gunmen killed five villagers near Maiduguri in Nigeria and in Zorblaquistan.")
    kinds = {e.text: e[0]._.ckg_place_types for e in doc.ents if e.label_ == "PLACE"}
    assert "country" in kinds["Nigeria"]
    assert {"locality", "city"} <= set(kinds["Maiduguri"])
    assert kinds.get("Zorblaquistan", ("unknown",)) == ("unknown",)
    assert all(t._.ckg_place_types is None for t in doc if not t.ent_type_)


def test_prepositions_and_conjunctions_at_a_names_edge_are_not_the_name(nlp: Language) -> None:
    found = entities(
        nlp,
        "Near Palmyra, one strike destroyed two ISIL weapons caches. Fighting raged in Bosnia "
        "and Herzegovina.",
    )
    assert ("Palmyra", "PLACE") in found  # the model reads "Near Palmyra" as a person
    assert ("Bosnia and Herzegovina", "PLACE") in found  # "and" inside a name stays
    doc = nlp.make_doc("the attacks on Aleppo and Daraya")
    assert strip_edge_words(Span(doc, 3, 5, label="WORK_OF_ART")).text == "Aleppo"
    assert strip_edge_words(Span(doc, 0, 2, label="ORG")).text == "attacks"


def test_a_lone_surname_of_a_named_person_is_that_person(nlp: Language) -> None:
    text = (
        "Presidential candidate Bernardo Jaramillo was a leader of the Patriotic Union. "
        "Escobar denied that the drug traffickers had killed Jaramillo on 22 March."
    )
    assert spacy_reads(nlp, text, "Jaramillo") == "ORG"  # what the rule mends
    found = entities(nlp, text)
    assert ("Jaramillo", "PERSON") in found
    assert not any(label in {"ORG", "ARMED"} and name == "Jaramillo" for name, label in found)


def test_what_an_office_covers_is_no_organisation(nlp: Language) -> None:
    """ "Minister for the Middle East Tobias Ellwood": the model runs portfolio and holder
    into one organisation; a country the office covers stays a place."""
    text = "Foreign Office Minister for the Middle East Tobias Ellwood condemned the attack."
    assert spacy_reads(nlp, text, "the Middle East Tobias Ellwood") == "ORG"
    assert entities(nlp, text) == {("Middle East", "PLACE")}  # a region (world_regions.tsv)
    found = entities(nlp, "The UN Special Envoy for Syria Staffan de Mistura arrived in Geneva.")
    assert ("Syria", "PLACE") in found
    assert ("Ministry of Defence", "ORG") in entities(
        nlp, "The Minister of Defence said the Ministry of Defence would investigate."
    )
    # a title that is no office's leaves the organisation after it
    found = entities(nlp, "President Cristiani attributed the murder of the mayor to the FMLN.")
    assert any(name == "FMLN" and label in {"ORG", "ARMED"} for name, label in found)


def test_a_capitalised_romance_article_opens_a_place_name(nlp: Language) -> None:
    text = "A bomb exploded in La Ceiba on Monday."
    assert spacy_reads(nlp, text, "La Ceiba") == "ORG"
    assert ("La Ceiba", "PLACE") in entities(nlp, text)
    # the model's person over "La Paz" is one name word and no person's name
    found = entities(nlp, "In October the group blew up the lines providing power to La Paz.")
    assert ("La Paz", "PLACE") in found


def test_a_facility_without_a_word_of_one_is_no_place(nlp: Language) -> None:
    text = "General Casadiego has reported the death of Gonzalo Rodriguez Gacha."
    assert spacy_reads(nlp, text, "Gonzalo Rodriguez Gacha") == "FAC"
    assert not any(label == "PLACE" for _, label in entities(nlp, text))
    assert ("Sheraton Hotel", "PLACE") in entities(nlp, "A bomb exploded at the Sheraton Hotel.")
    assert ("Tahrir Square", "PLACE") in entities(nlp, "Protesters gathered in Tahrir Square.")


def test_a_country_after_a_persons_name_and_of_is_where_the_person_is_from(
    nlp: Language,
) -> None:
    found = entities(nlp, "Ambassador Tono Eitel of Germany said members asked him to speak.")
    assert ("Germany", "PLACE") in found
    # a town inside a person's run stays part of the name
    found = entities(nlp, "Gonzalo Rodriguez Gacha of Medellin died on Friday.")
    assert not any(label == "PLACE" for _, label in found)


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        (
            "Islamic State in the Greater Sahara claimed the attack.",
            "Islamic State in the Greater Sahara",
            "ARMED",
        ),
        (
            "Al-Qaida in the Islamic Maghreb kidnapped two tourists.",
            "Al-Qaida in the Islamic Maghreb",
            "ARMED",
        ),
        (
            "The U.N. Interim Force in Lebanon said a patrol was hit.",
            "U.N. Interim Force in Lebanon",
            "ORG",
        ),
    ],
)
def test_a_known_bodys_name_runs_across_in(nlp: Language, text: str, name: str, label: str) -> None:
    found = entities(nlp, text)
    assert (name, label) in found
    assert not any(lbl == "PLACE" for _, lbl in found)


def test_a_known_body_in_a_place_is_two_names(nlp: Language) -> None:
    text = "The Syrian Democratic Forces in Raqqa said ISIS attacked their positions."
    assert spacy_reads(nlp, text, "The Syrian Democratic Forces in Raqqa") == "ORG"
    found = entities(nlp, text)
    assert {("Syrian Democratic Forces", "ARMED"), ("Raqqa", "PLACE")} <= found


def test_an_acronym_in_brackets_vouches_for_a_name_across_in(nlp: Language) -> None:
    doc = nlp("The United Nations Assistance Mission in Afghanistan (UNAMA) said 20 died.")
    names = [(e.text, e.label_) for e in doc.ents if e.label_ in {"ORG", "ARMED", "PLACE"}]
    assert names == [("United Nations Assistance Mission in Afghanistan", "ORG"), ("UNAMA", "ORG")]
    # no acronym, no body the knowledge base knows: a body and where it is
    found = entities(nlp, "A United Nations team in Afghanistan said 20 people died.")
    assert ("Afghanistan", "PLACE") in found


def test_a_mission_named_after_the_place_it_serves_is_one_name(nlp: Language) -> None:
    """ "the UN Mission in South Sudan", "the Special Tribunal for Lebanon": a body's name
    the knowledge base lacks that runs on to the place it serves, where the model reads a
    body and a place; "the Foreign Office in London" and "the UN mission in Mali" stay a
    body and a place."""
    found = entities(
        nlp,
        "The UN Mission in South Sudan said 20 civilians were killed in Bor. The Special "
        "Tribunal for Lebanon convicted him. The Foreign Office in London said the UN "
        "mission in Mali had left.",
    )
    assert {
        ("UN Mission in South Sudan", "ORG"),
        ("Special Tribunal for Lebanon", "ORG"),
        ("London", "PLACE"),
        ("Mali", "PLACE"),
    } <= found
    assert not {("South Sudan", "PLACE"), ("Lebanon", "PLACE")} & found


def test_a_noun_that_introduces_a_body_makes_the_name_after_it_one(nlp: Language) -> None:
    found = entities(
        nlp,
        "Xiao Qiang, director of the New York-based group Human Rights in China, said the "
        "arrest was part of a campaign. Jose Soler Puig died at 79, the official newspaper "
        "Granma reported.",
    )
    assert {("Human Rights in China", "ORG"), ("Granma", "ORG")} <= found
    assert not any(lbl == "PLACE" and text in {"China", "Granma"} for text, lbl in found)
    # a body the model or the knowledge base knows stays apart from where it is
    found = entities(nlp, "The rights group Amnesty International in London said 20 died.")
    assert ("London", "PLACE") in found


def test_a_name_ends_before_a_date_in_figures(nlp: Language) -> None:
    text = (
        "SOCCER - RESULTS OF SOUTH KOREAN PRO-SOCCER GAMES . SEOUL 1996-08-30 Results of "
        "South Korean pro-soccer games played on Thursday ."
    )
    assert spacy_reads(nlp, text, "SEOUL 1996-08-30 Results of South Korean") == "GPE"
    found = entities(nlp, text)
    assert ("SEOUL", "PLACE") in found
    assert not any(any(c.isdigit() for c in name) for name, _ in found)


def test_a_country_or_nationality_word_only_describes_a_site(nlp: Language) -> None:
    found = entities(nlp, "Jihadists attacked a Burkina Faso army base and a Nigerian army base.")
    assert ("Burkina Faso", "PLACE") in found
    assert not any("base" in text for text, _ in found)
    # a site's own name stays one ("Bagram Air Base", "Ain al-Asad air base")
    found = entities(nlp, "Rockets struck Ain al-Asad air base and Bagram Air Base.")
    assert {("Ain al-Asad air base", "PLACE"), ("Bagram Air Base", "PLACE")} <= found


def test_a_name_before_a_noun_that_introduces_a_body(nlp: Language) -> None:
    found = entities(
        nlp,
        "The White Helmets civil defence group said 12 people were killed. The Jaysh al-Fatah "
        "militia attacked Idlib.",
    )
    assert {("White Helmets", "ORG"), ("Jaysh al-Fatah", "ARMED")} <= found
    # a function word or an ordinary English word before the noun is no name
    found = entities(nlp, "No group claimed the attack. He watched a TV channel at home.")
    assert not any(label in {"ORG", "ARMED"} for _, label in found)


def test_a_name_a_place_phrase_frames_is_a_place(nlp: Language) -> None:
    text = (
        "Gunmen killed 37 farmers near the village of Kwatarkwashi on Saturday. Troops killed "
        "12 militants in the Sambisa forest on Friday."
    )
    # the model takes the unknown village for a nationality and the forest's name for a body
    assert spacy_reads(nlp, text, "Kwatarkwashi") != "GPE"
    assert spacy_reads(nlp, text, "Sambisa") == "ORG"
    found = entities(nlp, text)
    assert {("Kwatarkwashi", "PLACE"), ("Sambisa", "PLACE")} <= found
    # two words run together by a faulty extraction are no name
    assert ("SyriaThe", "PLACE") not in entities(nlp, "A bomb exploded in SyriaThe desert.")
    # a division's noun after the name frames it too (the model reads an organisation) …
    text = "The attack took place in the Lakki Marwat district of Khyber Pakhtunkhwa province."
    assert ("Lakki Marwat district", "PLACE") in entities(nlp, text)
    # … but not a nationality word, which says whose village it is
    text = "A fire gutted a restaurant in a Bahraini village, residents said."
    assert spacy_reads(nlp, text, "Bahraini") == "NORP"
    assert ("Bahraini", "NORP") in entities(nlp, text)


def test_a_name_linked_by_a_particle_between_hyphens_is_one_name(nlp: Language) -> None:
    found = entities(
        nlp,
        "Tehreek-e-Taliban Pakistan claimed the attack. Police blamed Lashkar-e-Taiba, the "
        "Pakistani Taliban and Tehrik-i-Taliban Pakistan.",
    )
    assert {
        ("Tehreek-e-Taliban Pakistan", "ARMED"),
        ("Lashkar-e-Taiba", "ARMED"),
        ("Tehrik-i-Taliban Pakistan", "ARMED"),
    } <= found
    assert ("Pakistan", "PLACE") not in found


def test_a_ministry_is_named_by_its_portfolio(nlp: Language) -> None:
    found = entities(
        nlp,
        "Russia's defence ministry said its forces struck military targets. Islamic State "
        "claimed the attack through its Amaq news agency.",
    )
    # the lower-case tail of a name says what it is ("Amaq news agency" is Amaq), but a
    # ministry without its head word would be only "defence"
    assert ("defence ministry", "ORG") in found
    assert ("defence", "ORG") not in found
    assert ("Amaq", "ORG") in found
    found = entities(
        nlp,
        "An Israeli air strike on a school killed 18 people. The Gaza health ministry said "
        "the dead included women and children, and that dozens more were wounded.",
    )
    assert ("Gaza health ministry", "ORG") in found


def test_a_portuguese_particle_joins_a_name(nlp: Language) -> None:
    found = entities(nlp, "The fighters stormed a village in Mocimboa da Praia district.")
    assert ("Mocimboa da Praia district", "PLACE") in found
    assert ("Praia", "PLACE") not in found


def test_the_people_of_a_group_opening_a_sentence_are_no_part_of_its_name(
    nlp: Language,
) -> None:
    found = entities(
        nlp, "Members of the Gran Grif gang opened fire on residents early on Thursday."
    )
    assert ("Gran Grif", "ARMED") in found
    assert not any(name.startswith("Members") for name, _ in found)


def test_a_framed_name_the_model_missed_is_a_place(nlp: Language) -> None:
    found = entities(
        nlp, "The gunmen opened fire on residents of the town of Pont-Sonde in central Haiti."
    )
    assert ("Pont-Sonde", "PLACE") in found


def test_a_large_town_read_as_a_person_after_a_preposition_of_place_is_a_place(
    nlp: Language,
) -> None:
    found = entities(
        nlp, "Israeli tank fire killed three people near Khan Younis on Thursday, medics said."
    )
    assert ("Khan Younis", "PLACE") in found
    # a person is not read as a place for being after "in" only when no town bears the name
    found = entities(nlp, "Gunmen killed Jose Marroquin in San Salvador on Monday.")
    assert ("Jose Marroquin", "PLACE") not in found


def test_a_facility_after_a_preposition_of_place_is_a_place(nlp: Language) -> None:
    # the model reads the town as a facility; the gazetteer knew only "Ali", a town elsewhere
    text = "A roadside bomb struck an army vehicle on patrol near Mir Ali on Wednesday."
    assert spacy_reads(nlp, text, "Mir Ali") == "FAC"
    found = entities(nlp, text)
    assert ("Mir Ali", "PLACE") in found
    assert ("Ali", "PLACE") not in found


def test_a_persons_name_in_one_part_of_a_run_joined_by_and_spares_the_other(
    nlp: Language,
) -> None:
    text = "Clashes erupted near Tal Abyad and Ras al-Ain on Sunday."
    assert spacy_reads(nlp, text, "Ras al-Ain") == "PERSON"
    assert ("Tal Abyad", "PLACE") in entities(nlp, text)
    # a person's whole run still keeps its town-like words
    found = entities(nlp, "Gonzalo Rodriguez Gacha and Pablo Escobar met in Medellin.")
    assert ("Medellin", "PLACE") in found
    assert not {"Gonzalo", "Rodriguez", "Gacha", "Pablo", "Escobar"} & {t for t, _ in found}
