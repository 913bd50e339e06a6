"""Place linking rules: teams named after places, countries, prominent places, name tiers."""

from __future__ import annotations

import re

import pytest

from kg_builder.knowledge.kb import KnowledgeBase, load_default_kb
from kg_builder.link.match import link_document
from kg_builder.link.sports import (
    list_cues,
    sports_report,
    sports_slug,
    team_cues,
    team_like_entities,
    team_mentions,
)
from kg_builder.model import Article, DocumentResult, Entity, EntityKind, Mention


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_default_kb()


def in_text(text: str, key: str, name: str, *more: str) -> Entity:
    """A place entity whose mentions are every occurrence of ``name`` (and ``more``) in text."""
    mentions = []
    for form in (name, *more):
        start = text.find(form)
        while start != -1:
            mentions.append(Mention(form, start, start + len(form), 0))
            start = text.find(form, start + 1)
    return Entity(key, EntityKind.PLACE, name, alt_labels=list(more), mentions=mentions)


def doc(text: str, *entities: Entity) -> DocumentResult:
    return DocumentResult(Article(id="t", text=text), entities=list(entities))


def link_names(kb: KnowledgeBase, text: str, **names: str) -> DocumentResult:
    """Link a document whose place entities are ``key=name``, each at every occurrence."""
    return link_document(doc(text, *(in_text(text, k, n) for k, n in names.items())), kb)


@pytest.mark.parametrize(
    ("text", "name", "team"),
    [
        ("Belgium beat Turkey 2-1 in a qualifier .", "Belgium", True),
        ("Belgium beat Turkey 2-1 in a qualifier .", "Turkey", True),
        ("CHICAGO 4 Houston 2", "CHICAGO", True),
        ("Series match : India v Zimbabwe .", "Zimbabwe", True),
        ("Fixtures on Sunday : MINNESOTA AT MILWAUKEE", "MILWAUKEE", True),
        ("BRUSSELS 1996-08-31 Police said", "BRUSSELS", False),
        ("the mining town of Moengo 56 miles east", "Moengo", False),
        ("Clashes in Syria killed 12 people .", "Syria", False),
        ("talks with Israel in 1993", "Israel", False),
        ("England : Mike Atherton ( captain ) , Nick Knight , Alec Stewart", "England", True),
        ("South Africa - 15 - Andre Joubert , 14 - Justin Swart", "South Africa", True),
        (
            "Australia - Ian Healy ( captain ) , Michael Bevan , Damien Fleming , Jason Gillespie",
            "Australia",
            True,
        ),
        ("Fighting in Syria - Deir Ezzor , Abu Kamal and Mayadeen fell .", "Syria", False),
        ("Syria - Homs , Hama , Idlib , Raqqa", "Syria", False),
        ("Talks in Syria : Russia , Turkey and Iran agreed", "Syria", False),
        ("Attacks in Iraq - 12 - killed", "Iraq", False),
        ("Belgium drew 2-2 with Brazil .", "Belgium", True),
        ("Belgium drew with Brazil on Saturday .", "Belgium", True),
        ("Turkey drew 31 million tourists in 2011 .", "Turkey", False),
        ("The raid on Kabul drew condemnation .", "Kabul", False),
    ],
)
def test_team_cues(text: str, name: str, team: bool) -> None:
    start = text.index(name)
    assert team_cues(text, start, start + len(name)) is team


def test_list_cues_only_count_in_a_results_article() -> None:
    table = "Hartlepool 4 2 * Torquay * * Wycombe * Bournemouth 1 Reading 2 Bury 0"
    entities = [in_text(table, n, n) for n in ("Hartlepool", "Wycombe", "Reading", "Bury")]
    start = table.index("Wycombe")
    assert list_cues(table, start, start + len("Wycombe"))
    assert not team_cues(table, start, start + len("Wycombe"))
    assert team_like_entities(entities, table) == {"Hartlepool", "Wycombe", "Reading", "Bury"}
    prose = "In Syria * Homs * the army said ."
    syria = in_text(prose, "Syria", "Syria")
    assert team_like_entities([syria], prose) == set()


def test_a_sports_report_names_teams_after_places() -> None:
    report = (
        "MELBOURNE 1996-12-20 Australia made 310 for six in their innings against the West "
        "Indies in Melbourne on Friday , the second one-day match of the series . The tourists "
        "lost two wickets before the interval , and Australia's bowlers took the last five "
        "wickets for 40 runs in the league cup semifinal ."
    )
    assert sports_report(report)
    entities = [in_text(report, n, n) for n in ("MELBOURNE", "Australia", "Melbourne")]
    assert team_like_entities(entities, report) == {"Australia"}  # the city: dateline, "in"
    war = (
        "Australia sent two more battalions to the coalition on Friday , the defence "
        "minister said after a match between the two parties' leaders ."
    )
    assert not sports_report(war)
    assert team_like_entities([in_text(war, "Australia", "Australia")], war) == set()


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("SOCCER - BELGIUM SCRAPE PAST TURKEY . BRUSSELS 1996-08-31", True),
        ("RUGBY UNION - SPRINGBOKS BREAK ALL BLACK SPELL", True),
        ("Boxing-Bruno quits the ring on doctor's advice", True),
        ("KABUL - A suicide bomber killed 12 people", False),
        ("Golf club attacked - three dead", False),
        ("Cricket fans in Lahore - a photo essay", False),
    ],
)
def test_a_wire_sports_slug_makes_a_sports_report(text: str, slug: bool) -> None:
    assert sports_slug(text) is slug
    assert sports_report(text) is slug  # too short to be one by its words


def test_in_a_sports_report_datelines_and_athletes_countries_are_places() -> None:
    report = (
        "TENNIS - RESULTS AT THE U.S. OPEN . NEW YORK 1996-08-30 Results of the U.S. Open "
        "tennis championships on Friday : Stefan Edberg ( Sweden ) beat Bernd Karbacher "
        "( Germany ) 3-6 6-3 , Lindsay Davenport ( U.S. ) beat Anne-Gaelle Sidot ( France ) . "
        "Sweden 's Davis Cup coach said after the match ."
    )
    entities = [in_text(report, n, n) for n in ("NEW YORK", "Germany", "France")]
    assert team_like_entities(entities, report) == set()
    sweden = in_text(report, "Sweden", "Sweden")  # also "Sweden 's … coach": a team
    assert team_like_entities([sweden], report) == {"Sweden"}
    cricket = "CRICKET - ENGLAND V PAKISTAN . BIRMINGHAM , England 1996-08-29 England won the toss"
    city, country = in_text(cricket, "bhm", "BIRMINGHAM"), in_text(cricket, "eng", "England")
    assert team_like_entities([city, country], cricket) == {"eng"}  # "England won": a team
    country.mentions = country.mentions[:1]  # the dateline's country alone is a place
    assert team_like_entities([city, country], cricket) == set()
    after_headline = "SOCCER - FRANCE BEAT MEXICO 2-0 . PARIS France beat Mexico in a friendly ."
    paris = in_text(after_headline, "PARIS", "PARIS")
    assert team_like_entities([paris], after_headline) == set()


def test_team_named_after_a_place_is_a_team_of_its_own(kb: KnowledgeBase) -> None:
    text = "Belgium beat Turkey 2-1 in a World Cup qualifier in Brussels on Saturday ."
    linked = link_names(kb, text, be="Belgium", tr="Turkey", bx="Brussels")
    keys = {entity.key for entity in linked.entities}
    assert "be" not in keys and "tr" not in keys  # no place left: every mention is the team
    teams = [e for e in linked.entities if e.actor_type == "SportsTeam"]
    assert sorted(e.label for e in teams) == ["Belgium", "Turkey"]
    assert all(e.kind is EntityKind.ORGANISATION and e.qid is None for e in teams)
    assert not any(e.named for e in teams)  # which sport's "Belgium": known in its article only
    assert linked.entity("bx").qid is not None


def test_a_country_named_as_a_team_and_as_athletes_country_is_both(kb: KnowledgeBase) -> None:
    report = (
        "CYCLING - WORLD TRACK CHAMPIONSHIPS . MANCHESTER 1996-08-30 Results : women 's "
        "pursuit : Natalia Karimova ( Russia ) beat Yvonne McGregor ( Britain ) . Team "
        "pursuit final : Italy beat Russia 4:06.534 . Svetlana Samokhvalova ( Russia ) was "
        "third ."
    )
    russia = in_text(report, "ru", "Russia")
    linked = link_document(doc(report, russia, in_text(report, "it", "Italy")), kb)
    place = linked.entity("ru")
    assert place.qid is not None and place.place and place.place.place_type == "country"
    assert [report[m.start - 2 : m.end + 2] for m in place.mentions] == ["( Russia )"] * 2
    team = next(
        e for e in linked.entities if e.kind is EntityKind.ORGANISATION and e.label == "Russia"
    )
    assert team.actor_type == "SportsTeam" and team.qid is None
    assert [report[m.start - 5 : m.end] for m in team.mentions] == ["beat Russia"]
    assert russia.mentions and len(russia.mentions) == 3  # the input is not changed


def test_a_figure_after_a_place_is_no_score_outside_sports(kb: KnowledgeBase) -> None:
    text = (
        "MEDELLIN, 6 DEC 89 -- A BOMB EXPLODED TODAY AT A RED LIGHT AT THE CARRERA 80 "
        "CROSSING IN MEDELLIN. TROOPS ARRIVED AT BOGOTA AIR BASE AT DAWN."
    )
    entities = [in_text(text, n, n) for n in ("CARRERA", "BOGOTA")]
    assert team_like_entities(entities, text) == set()
    fixtures = "AMERICAN LEAGUE SCHEDULE FOR SUNDAY : KANSAS CITY AT DETROIT , BALTIMORE AT SEATTLE"
    teams = [in_text(fixtures, n, n) for n in ("KANSAS CITY", "DETROIT", "BALTIMORE", "SEATTLE")]
    assert team_like_entities(teams, fixtures) == {"KANSAS CITY", "DETROIT", "BALTIMORE", "SEATTLE"}
    # in capitals "AT" is a fixture's only between two names the article's entities name
    assert team_like_entities(teams[:1], fixtures) == set()


def test_country_name_means_the_country(kb: KnowledgeBase) -> None:
    # a Turkish village carries "Iran" among its alternative names; Turkey is in context
    text = "Iran and Turkey met in Ankara ."
    linked = link_document(
        doc(
            text,
            in_text(text, "ir", "Iran"),
            in_text(text, "tr", "Turkey"),
            in_text(text, "an", "Ankara"),
        ),
        kb,
    )
    iran = kb.country("IR")
    assert iran is not None and linked.entity("ir").qid == iran.qid


def test_prominent_city_is_meant_whatever_the_context(kb: KnowledgeBase) -> None:
    text = "Runners from Jamaica and the United States met in Berlin ."
    linked = link_document(
        doc(
            text,
            in_text(text, "jm", "Jamaica"),
            in_text(text, "us", "United States"),
            in_text(text, "b", "Berlin"),
        ),
        kb,
    )
    german = [p for p in kb.find_places("Berlin") if p.country_iso2 == "DE"]
    assert german and linked.entity("b").qid == german[0].qid


def test_city_rather_than_the_division_of_its_name(kb: KnowledgeBase) -> None:
    text = "Police in London said ."
    london = link_document(doc(text, in_text(text, "l", "London")), kb).entity("l")
    assert london.place is not None and london.place.place_type == "locality"
    assert london.place.country is not None and london.place.country[0] == "United Kingdom"


def test_alternative_name_of_another_town_does_not_win(kb: KnowledgeBase) -> None:
    # "Troy" is an old name of Macon, Georgia (a QID) and the primary name of several towns
    macon = [p for p, primary in kb.place_hits("Troy") if not primary and p.qid]
    assert macon
    text = "Officials in Troy and the United States said ."
    linked = link_document(
        doc(text, in_text(text, "t", "Troy"), in_text(text, "us", "United States")), kb
    )
    assert linked.entity("t").qid != macon[0].qid


def test_loose_match_needs_a_close_spelling(kb: KnowledgeBase) -> None:
    text = "Storms hit the Midwest of the United States ."
    linked = link_document(
        doc(text, in_text(text, "m", "Midwest"), in_text(text, "us", "United States")), kb
    )
    assert linked.entity("m").qid is None


def test_a_nationality_word_of_a_person_is_the_country_in_a_teams_report() -> None:
    report = (
        "SOCCER - AUSTRIA BEAT SCOTLAND . VIENNA 1996-08-31 Austria beat Scotland 2-0 . "
        "Scotland went close when the shot forced Austrian goalkeeper Michael Konsel to a "
        "diving save , but the Austrian defence held ."
    )
    # the nationality words are mentions, not names, of the country
    austria = Entity(
        "at",
        EntityKind.PLACE,
        "Austria",
        mentions=[
            Mention(m.group(), m.start(), m.end(), 0)
            for m in re.finditer(r"\bAustria(?:n)?\b", report)
        ],
    )
    marks = team_mentions([austria], report)["at"]
    texts = [(m.text, report[m.end : m.end + 12]) for m in austria.mentions]
    assert dict(zip(texts, marks, strict=True)) == {
        ("Austria", " beat Scotla"): True,
        ("Austrian", " goalkeeper "): False,  # the goalkeeper's country
        ("Austrian", " defence hel"): True,  # the team's defence
    }


def test_two_names_marked_by_a_result_word_make_a_match_report() -> None:
    report = (
        "Belgium beat Turkey 2-1 in Brussels . Belgium kicked off their World Cup campaign "
        "with the win , and Turkey 's coach said his side had played well ."
    )
    belgium, turkey = in_text(report, "be", "Belgium"), in_text(report, "tr", "Turkey")
    assert team_mentions([belgium, turkey], report) == {"be": [True, True], "tr": [True, True]}
    # one name next to "beat" in a report of violence makes no match report
    riot = (
        "Police in Kabul beat protesters on Friday . Kabul residents said the police had "
        "fired into the crowd ."
    )
    kabul = in_text(riot, "kb", "Kabul")
    assert team_mentions([kabul], riot) == {"kb": [False, False]}


def test_fixture_verbs_and_results_mark_teams_in_sports_reports_only() -> None:
    report = (
        "SOCCER - DUTCH DRAW 2-2 WITH BRAZIL . AMSTERDAM 1996-08-31 The Netherlands drew 2-2 "
        "with Brazil in a friendly in Amsterdam . England face Moldova in a World Cup "
        "qualifier in Chisinau on Sunday ."
    )
    teams = [in_text(report, n, n) for n in ("Brazil", "Moldova", "Amsterdam", "Chisinau")]
    assert team_like_entities(teams, report) == {"Brazil", "Moldova"}
    # the same verbs of states in a report of politics: no team
    talks = "Turkey hosts Syria and Iran for talks in Ankara , and Russia faced Ukraine 's army ."
    states = [in_text(talks, n, n) for n in ("Turkey", "Syria", "Ukraine", "Ankara")]
    assert not sports_report(talks)
    assert team_like_entities(states, talks) == set()


def test_a_line_of_fixtures_in_capitals_names_teams() -> None:
    fixtures = (
        "BASEBALL - MAJOR LEAGUE RESULTS . NEW YORK 1996-08-30 SATURDAY 'S GAMES ATLANTA AT "
        "CHICAGO FLORIDA AT CINCINNATI LOS ANGELES AT PHILADELPHIA SAN DIEGO AT MONTREAL"
    )
    names = ("CHICAGO", "CINCINNATI", "PHILADELPHIA", "MONTREAL")
    found = team_like_entities([in_text(fixtures, n, n) for n in names], fixtures)
    assert found == set(names)
    # one "AT" before a place in capitals wire copy is where
    wire = "REBELS ARRIVED AT BOGOTA ON MONDAY AND ATTACKED A PATROL AT NEIVA , POLICE SAID ."
    assert not team_cues(wire, wire.index("BOGOTA"), wire.index("BOGOTA") + 6)


def test_a_country_after_a_clubs_or_players_name_and_of_is_their_country() -> None:
    report = "Benetton of Italy beat Dinamo of Russia 92-81 in Belgrade ."
    entities = [in_text(report, n, n) for n in ("Italy", "Russia")]
    assert team_mentions(entities, report) == {"Italy": [False], "Russia": [False]}
    match = "The Republic of Ireland beat Liechtenstein 5-0 on Saturday ."
    ireland = in_text(match, "ie", "Ireland")
    assert team_mentions([ireland], match) == {"ie": [True]}  # "Republic of" is the name's


def test_a_common_word_after_the_is_no_place_to_link(kb: KnowledgeBase) -> None:
    text = (
        "More than 300 U.S. troops were in the Gulf and aid flowed from the West , while "
        "the court in the Hague ruled on fighting in the Ukraine ."
    )
    linked = link_names(kb, text, gulf="Gulf", west="West", hague="Hague", ua="Ukraine")
    # no Gulf Province of Papua New Guinea, no West Region of Cameroon
    assert linked.entity("gulf").qid is None and linked.entity("west").qid is None
    # a country or a big town keeps its link after "the"
    assert linked.entity("hague").qid is not None and linked.entity("ua").qid is not None
