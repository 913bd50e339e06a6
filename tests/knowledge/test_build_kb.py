"""scripts/build_kb.py on a few real source rows: the QID trust rules.

The rows are copied from shared/wikidata into tmp_path (the test is skipped where that folder is
absent); the expected QIDs are read from the same rows, never written here.
"""

from __future__ import annotations

import csv
import importlib.util
import shutil
import sqlite3
import sys
from pathlib import Path
from types import ModuleType

import pytest

from kg_builder.knowledge.kb import KnowledgeBase

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO.parent / "shared" / "wikidata"

pytestmark = pytest.mark.skipif(
    not (SOURCE / "places.tsv").is_file(), reason="shared/wikidata source tables absent"
)

Row = dict[str, str]


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_kb", REPO / "scripts" / "build_kb.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_kb", module)
    spec.loader.exec_module(module)
    return module


def _read(name: str) -> tuple[list[str], list[Row]]:
    with (SOURCE / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader)
        return header, [dict(zip(header, row, strict=True)) for row in reader]


def _write(path: Path, header: list[str], rows: list[Row]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([row[column] for column in header])


def _one(rows: list[Row], **where: str) -> Row:
    found = [row for row in rows if all(row[k] == v for k, v in where.items())]
    assert len(found) == 1, (where, len(found))
    return found[0]


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    src = tmp_path_factory.mktemp("wikidata")
    header, places = _read("places.tsv")
    syria = _one(places, name="Syria", place_type="country")
    homs = _one(places, name="Homs", place_type="locality", country_iso2="SY")
    idlib_copy = _one(places, name="Idlib", place_type="locality", qid_source="dr5hn")
    idlib_ne = _one(places, name="Idlib", place_type="locality", qid_source="ne")
    aleppo = _one(places, name="Aleppo", place_type="locality", country_iso2="SY")
    aleppo_copies = [r for r in places if r["qid"] == aleppo["qid"] and r is not aleppo]
    admin1 = [
        r for r in places if r["place_type"] == "admin1" and r["admin1_code"] in {"SY-HI", "SY-ID"}
    ]
    chosen = [syria, *admin1, homs, idlib_copy, idlib_ne, aleppo, *aleppo_copies]
    _write(src / "places.tsv", header, chosen)

    header, groups = _read("armed_groups.tsv")
    picked = [
        r for r in groups if "Islamic State" in r["name"] or r["name"] in {"IS-GS", "Boko Haram"}
    ]
    # the source's base concept "army" (aliases "police", "troops", …): a class, not an actor
    base_army = _one(groups, name="army", source_files="BaseConcepts.yml")
    _write(src / "armed_groups.tsv", header, [*picked, base_army])
    header, orgs = _read("organisations.tsv")
    # the source's "UN" row is a base concept without QID (aliases "UNICEF", "IMF", …); the
    # same row as a country file's concept stands for a QID-less actor named like the United
    # Nations' alias "UN"
    base_un = _one(orgs, name="UN", qid="", source_files="BaseConcepts.yml")
    country_un = {**base_un, "aliases": "", "source_files": "country_files/SudanConcepts.yml"}
    _write(src / "organisations.tsv", header, [*orgs[:3], base_un, country_un])
    header, extra = _read("actors_extra.tsv")
    _write(src / "actors_extra.tsv", header, extra)
    shutil.copy(SOURCE / "provenance.json", src / "provenance.json")

    build = _build_module()
    out = src / "kb.sqlite"
    build.build(src, out)
    return {
        "out": out,
        "src": src,
        "build": build,
        "homs": homs,
        "idlib_copy": idlib_copy,
        "idlib_ne": idlib_ne,
        "aleppo": aleppo,
        "aleppo_copies": aleppo_copies,
        "groups": picked,
        "extra": extra,
        "base_rows": [base_army, base_un],
    }


def _qid_of_place(out: Path, name: str, iso2: str) -> list[str | None]:
    with sqlite3.connect(out) as db:
        return [
            row[0]
            for row in db.execute(
                "SELECT qid FROM places WHERE name = ? AND country_iso2 = ? "
                "AND place_type = 'locality' ORDER BY id",
                (name, iso2),
            )
        ]


def test_flagged_qid_confirmed_by_second_source_is_kept(fixture: dict[str, object]) -> None:
    homs = fixture["homs"]
    assert isinstance(homs, dict)
    assert "qid_also_on" in homs["qid_flags"] and "ne" in homs["alt_sources"]
    assert _qid_of_place(Path(str(fixture["out"])), "Homs", "SY") == [homs["qid"]]


def test_copied_qid_replaced_by_the_other_sources_qid(fixture: dict[str, object]) -> None:
    copy, ne_row = fixture["idlib_copy"], fixture["idlib_ne"]
    assert isinstance(copy, dict) and isinstance(ne_row, dict)
    assert "qid_also_on" in copy["qid_flags"]
    other = copy["other_qids"].split("@")[0]
    assert other == ne_row["qid"] != copy["qid"]
    assert _qid_of_place(Path(str(fixture["out"])), "Idlib", "SY") == [other, other]


def test_copied_qid_without_agreement_is_dropped_but_row_kept(fixture: dict[str, object]) -> None:
    aleppo, copies = fixture["aleppo"], fixture["aleppo_copies"]
    assert isinstance(aleppo, dict) and isinstance(copies, list) and copies
    out = Path(str(fixture["out"]))
    assert _qid_of_place(out, "Aleppo", "SY") == [None]
    # the other copy carries Aleppo's names, so its Natural Earth match proves nothing either
    for row in copies:
        assert _qid_of_place(out, row["name"], row["country_iso2"]) == [None]
    kb = KnowledgeBase.open(out)
    syrian = [p for p in kb.find_places("Aleppo") if p.country_iso2 == "SY"]
    assert any(p.place_type == "locality" and p.lat is not None for p in syrian)
    kb.close()


def test_actor_rules(fixture: dict[str, object]) -> None:
    extra, groups = fixture["extra"], fixture["groups"]
    assert isinstance(extra, list) and isinstance(groups, list)
    kb = KnowledgeBase.open(Path(str(fixture["out"])))
    islamic_state = _one(extra, name="Islamic State")["qid"]
    for name in ("Islamic State", "ISIS", "Daesh"):
        assert [a.qid for a in kb.find_actors(name)] == [islamic_state], name
    # "ISGS" is an alias of the Islamic State row but the primary name of IS-GS
    assert [a.name for a in kb.find_actors("ISGS")] == ["IS-GS"]
    # a QID several source concepts share, not stated by actors_extra: not shipped
    boko = _one(groups, name="Boko Haram")
    assert "several source concepts share this QID" in boko["flags"]
    assert boko["qid"] not in {row["qid"] for row in extra}
    assert [a.qid for a in kb.find_actors("Boko Haram")] == [None]
    # UNHCR: the QID two sources agree on
    unhcr = [row for row in extra if "UNHCR" in row["aliases"].split("|")]
    agreed = [row["qid"] for row in unhcr if "2_sources_agree" in row["flags"]]
    assert len(unhcr) == 2 and len(agreed) == 1
    assert [a.qid for a in kb.find_actors("UNHCR")] == agreed
    kb.close()


def test_a_qid_less_name_hides_no_confirmed_alias(fixture: dict[str, object]) -> None:
    extra = fixture["extra"]
    assert isinstance(extra, list)
    united_nations = _one(extra, name="United Nations")
    assert "2_sources_agree" in united_nations["flags"]
    assert "UN" in united_nations["aliases"].split("|")
    kb = KnowledgeBase.open(Path(str(fixture["out"])))
    hits = kb.actor_hits("UN")
    assert [a.qid for a, primary in hits if primary] == [None]  # the country file's "UN" row
    assert [a.qid for a, primary in hits if not primary] == [united_nations["qid"]]
    kb.close()


def test_base_concepts_are_classes_not_actors(fixture: dict[str, object]) -> None:
    base_rows = fixture["base_rows"]
    assert isinstance(base_rows, list)
    kb = KnowledgeBase.open(Path(str(fixture["out"])))
    army, un = base_rows
    # "police" was an alias of the base concept "army", "IMF" one of the base concept "UN"
    for row in (army, un):
        aliases = row["aliases"].split("|")
        assert {"police", "IMF"} & set(aliases)
        for alias in aliases:
            assert all(actor.name != row["name"] for actor in kb.find_actors(alias)), alias
    assert kb.find_actors("police") == [] and kb.find_actors("army") == []
    kb.close()


def test_build_is_deterministic(fixture: dict[str, object], tmp_path: Path) -> None:
    build = fixture["build"]
    assert isinstance(build, ModuleType)
    again = tmp_path / "again.sqlite"
    build.build(Path(str(fixture["src"])), again)
    assert again.read_bytes() == Path(str(fixture["out"])).read_bytes()


def test_source_values_lose_their_surrounding_spaces(
    fixture: dict[str, object], tmp_path: Path
) -> None:
    """The source writes some names with a trailing space ("Petén ", "Dhaka ")."""
    source = tmp_path / "places.tsv"
    source.write_text("name\tadmin1_name\tqid\nPetén \t Dhaka \t\n", encoding="utf-8")
    build = fixture["build"]
    assert isinstance(build, ModuleType)
    assert list(build.read_tsv(source)) == [{"name": "Petén", "admin1_name": "Dhaka", "qid": ""}]
    shipped = REPO / "kg_builder" / "data" / "kb.sqlite"
    with sqlite3.connect(shipped) as db:
        padded = db.execute(
            "SELECT COUNT(*) FROM places "
            "WHERE name != trim(name) OR admin1_name != trim(admin1_name)"
        ).fetchone()
    assert padded == (0,)


@pytest.fixture(scope="module")
def neighbours(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Real rows around two division names only Natural Earth gives: "Chechnya" (Grozny's
    division; the division row is "Chechen") and "Dadra and Nagar Haveli" (a territory whose
    towns' nearest neighbours lie in Gujarat)."""
    header, places = _read("places.tsv")
    chechen = _one(places, name="Chechen", place_type="admin1", country_iso2="RU")
    gujarat = _one(places, name="Gujarat", place_type="admin1", country_iso2="IN")
    division_qids = {chechen["qid"], gujarat["qid"]}
    chosen = [
        row
        for row in places
        if (row["place_type"] == "country" and row["country_iso2"] in {"RU", "UA", "IN"})
        or row["qid"] in division_qids
        or (row["place_type"] == "locality" and row["admin1_qid"] in division_qids)
        or row["admin1_name"] in {"Chechnya", "Dadra and Nagar Haveli"}
        or (row["name"] == "Chechnya" and row["country_iso2"] == "UA")
    ]
    src = tmp_path_factory.mktemp("neighbours")
    _write(src / "places.tsv", header, chosen)
    build = _build_module()
    rows = build.load_places([src / "places.tsv"])
    return {"rows": rows, "chechen": chechen, "gujarat": gujarat}


def test_a_division_name_both_sources_agree_on_is_shipped(neighbours: dict[str, object]) -> None:
    rows = neighbours["rows"]
    chechen = neighbours["chechen"]
    assert isinstance(rows, list) and isinstance(chechen, dict)
    division = [r for r in rows if r.qid == chechen["qid"] and r.place_type == "admin1"]
    assert len(division) == 1 and "Chechnya" in division[0].alt_names
    towns = [r for r in rows if r.admin1_name == "Chechnya"]
    assert towns and all(t.admin1_qid == chechen["qid"] for t in towns)
    # the Ukrainian village of that name keeps its own division
    village = [r for r in rows if r.name == "Chechnya" and r.country_iso2 == "UA"]
    assert village and all(v.admin1_qid != chechen["qid"] for v in village)


def test_a_territory_inside_another_division_lends_it_no_name(
    neighbours: dict[str, object],
) -> None:
    rows = neighbours["rows"]
    gujarat = neighbours["gujarat"]
    assert isinstance(rows, list) and isinstance(gujarat, dict)
    division = [r for r in rows if r.qid == gujarat["qid"] and r.place_type == "admin1"]
    assert division and "Dadra and Nagar Haveli" not in division[0].alt_names
    towns = [r for r in rows if r.admin1_name == "Dadra and Nagar Haveli"]
    assert towns and all(t.admin1_qid is None for t in towns)
