"""The packaged knowledge base, on the real shipped data (QIDs as stated in the source README)."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from kg_builder.knowledge.kb import KnowledgeBase, default_kb_path, load_default_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_default_kb()


def test_opens_fast_and_read_only() -> None:
    start = time.perf_counter()
    kb = KnowledgeBase.open()
    kb.find_places("Syria")
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0
    with pytest.raises(Exception, match="readonly"):
        kb._db.execute("DELETE FROM places")
    kb.close()


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="make kb"):
        KnowledgeBase.open(tmp_path / "nope.sqlite")


def test_packaged_file_is_small() -> None:
    assert default_kb_path().stat().st_size < 40_000_000


def test_country(kb: KnowledgeBase) -> None:
    syria = kb.country("SY")
    assert syria is not None and syria.qid == "Q858" and syria.place_type == "country"
    assert kb.find_places("Syria")[0].qid == "Q858"


@pytest.mark.parametrize("name", ["Deir Ezzor", "Deir ez-Zor", "Dayr az Zawr", "Deir ez Zor"])
def test_deir_ez_zor_spellings(kb: KnowledgeBase, name: str) -> None:
    found = kb.find_places(name)
    qids = [place.qid for place in found]
    assert qids[:2] == ["Q232387", "Q239097"]  # the governorate, then the city
    assert found[1].admin1_qid == "Q232387"


def test_designator_prefers_the_governorate(kb: KnowledgeBase) -> None:
    found = kb.find_places("Homs province")
    assert found[0].qid == "Q214094"
    assert found[0].place_type == "admin1"
    assert "Q131301" in [place.qid for place in found]  # Homs city still a candidate
    assert kb.find_places("the city of Homs")[0].qid == "Q131301"


def test_mayadeen(kb: KnowledgeBase) -> None:
    found = kb.find_places("Mayadeen")
    assert found[0].qid == "Q310895"
    assert found[0].name == "Al Mayādīn"


def test_loose_tier_only_without_exact_hit(kb: KnowledgeBase) -> None:
    assert kb.find_places("Deir Ezzour", loose=False) == []
    assert [place.qid for place in kb.find_places("Deir Ezzour")][:2] == ["Q232387", "Q239097"]
    assert "Q310895" in [place.qid for place in kb.find_places_loose("Meyadeen")]
    # an exact hit shuts the loose tier out
    assert [place.qid for place in kb.find_places("Homs")][:2] == ["Q214094", "Q131301"]


def test_place_known_only_from_geonames_has_coordinates_and_no_qid(kb: KnowledgeBase) -> None:
    syrian = [place for place in kb.find_places("al-Sukhna") if place.country_iso2 == "SY"]
    assert len(syrian) == 1
    sukhnah = syrian[0]
    assert sukhnah.name == "As Sukhnah"
    assert sukhnah.qid is None
    assert sukhnah.lat == pytest.approx(34.885, abs=0.01)
    assert sukhnah.lon == pytest.approx(38.871, abs=0.01)
    admin1 = kb.admin1_of(sukhnah)
    assert admin1 is not None and admin1.qid == "Q214094"


def test_flagged_copied_qid_is_not_shipped(kb: KnowledgeBase) -> None:
    # dr5hn copies Homs city's QID onto Idlib city; Natural Earth gives Idlib its own QID
    idlib_towns = [p for p in kb.find_places("Idlib") if p.place_type == "locality"]
    assert idlib_towns
    assert all(place.qid != "Q131301" for place in idlib_towns)
    assert {place.qid for place in idlib_towns} == {"Q504657"}
    homs = kb.place_by_qid("Q131301")
    assert homs is not None and homs.name == "Homs"


def test_each_candidate_once(kb: KnowledgeBase) -> None:
    found = kb.find_places("Homs Governorate")
    assert len({place.id for place in found}) == len(found)


@pytest.mark.parametrize("name", ["ISIS", "Islamic State", "Daesh", "ISIL", "the Islamic State"])
def test_islamic_state_names(kb: KnowledgeBase, name: str) -> None:
    found = kb.find_actors(name)
    assert [actor.qid for actor in found] == ["Q2429253"]
    assert found[0].armed and found[0].actor_type == "JihadistGroup"


def test_alias_that_is_another_actors_name_belongs_to_that_actor(kb: KnowledgeBase) -> None:
    assert [actor.name for actor in kb.find_actors("ISGS")] == ["IS-GS"]


def test_acronyms_match_only_in_capitals(kb: KnowledgeBase) -> None:
    assert kb.find_actors("IS")
    assert kb.find_actors("Is") == []
    assert kb.is_actor_name("ISIS")
    assert not kb.is_actor_name("Isis")


def test_an_english_word_is_no_other_languages_name_of_a_town(kb: KnowledgeBase) -> None:
    # the source lists "Labour", "Tour" and "H'Uman" among the names of Worksop, Tours, Uman
    for word in ("Labour", "Human", "Tour"):
        assert kb.place_hits(word) == [], word
    assert [p.name for p, _ in kb.place_hits("Worksop")] == ["Worksop"]
    # an English word that is a prominent place's own name stays a name; countries keep theirs
    assert "Q61" in {p.qid for p, _ in kb.place_hits("Washington")}
    assert [p.qid for p, _ in kb.place_hits("Britain")] == ["Q145"]
    assert kb.is_place_name("Holland")


def test_a_capital_code_matches_no_spelled_out_alternative_name(kb: KnowledgeBase) -> None:
    # "Ira" is another language's name of Iran; "IRA" is the Irish Republican Army's acronym
    assert kb.find_places("IRA") == [] and not kb.is_place_name("IRA")
    assert kb.find_places("Iran")[0].qid == "Q794"
    assert kb.find_places("UAE")[0].qid == "Q878"
    assert kb.find_places("LIMA")[0].name == "Lima"


def test_a_name_reduced_to_a_particle_is_no_place(kb: KnowledgeBase) -> None:
    # "El Al" loses its article and keeps "Al", the key of the Norwegian village Ål
    assert kb.find_places("El Al") == [] and not kb.is_place_name("El Al")
    assert kb.find_places("Ål")[0].country_iso2 == "NO"
    assert kb.find_places("El Paso")[0].name == "El Paso"


def test_a_knowledge_base_of_the_previous_schema_still_opens(tmp_path: Path) -> None:
    old = tmp_path / "kb.sqlite"
    shutil.copy(load_default_kb().path, old)
    with sqlite3.connect(old) as db:
        db.execute("ALTER TABLE places DROP COLUMN populated")
    kb = KnowledgeBase.open(old)
    found = kb.find_places("Homs province")
    assert found and found[0].place_type == "admin1" and not found[0].populated
    kb.close()


def test_organisations(kb: KnowledgeBase) -> None:
    reuters = kb.find_actors("Reuters")
    assert [(a.qid, a.armed, a.actor_type) for a in reuters] == [("Q130879", False, "NewsOutlet")]
    # the UNHCR conflict: the QID two sources agree on
    assert [actor.qid for actor in kb.find_actors("UNHCR")] == ["Q132551"]


def test_name_predicates(kb: KnowledgeBase) -> None:
    assert kb.is_place_name("Deir Ezzor")
    assert kb.is_place_name("Homs province")
    assert not kb.is_place_name("Xqzzyv")
    assert kb.is_actor_name("Hezbollah")
    assert not kb.is_actor_name("Homs")


def test_stats(kb: KnowledgeBase) -> None:
    stats = kb.stats()
    places = stats["places"]
    assert isinstance(places, dict)
    assert places["total"] > 90_000
    assert 0 < places["with_qid"] < places["total"]
    by_country = stats["places_by_country"]
    assert isinstance(by_country, dict) and "SY" in by_country
