"""``kg-builder export``: ACLED-style CSV and GeoJSON of real and hand-written graphs."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import typer
from rdflib import Dataset
from report_expect import attack_sources, attacks, located
from typer.testing import CliRunner

from kg_builder.cli import app as main_app
from kg_builder.report.commands import register
from kg_builder.report.data import attack_id, load_attacks
from kg_builder.report.export import ACLED_COLUMNS

runner = CliRunner()
SEED = "asharq-al-awsat-2019-04-20-isis-attacks-syria"


def cli() -> typer.Typer:
    """The project's app with the report commands (registered once)."""
    names = {c.name for c in main_app.registered_commands}
    if "export" not in names:
        register(main_app)
    return main_app


def export(graph: Path, fmt: str, out: Path) -> None:
    result = runner.invoke(cli(), ["export", str(graph), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ACLED_COLUMNS
        return list(reader)


# ----------------------------------------------------------------- the pipeline's graph


def test_csv_has_a_row_per_attack_per_source(
    pipeline_graph: Path, pipeline_dataset: Dataset, tmp_path: Path
) -> None:
    out = tmp_path / "attacks.csv"
    export(pipeline_graph, "acled-csv", out)
    rows = read_csv(out)
    expected = {(attack_id(a), source) for a, source in attack_sources(pipeline_dataset)}
    assert {(r["event_id_cnty"], r["source"]) for r in rows} == expected
    assert len(rows) == len(expected)
    assert {r["event_id_cnty"] for r in rows} == {attack_id(a) for a in attacks(pipeline_dataset)}
    for row in rows:
        assert row["event_type"] and row["sub_event_type"]
        assert row["fatalities"].isdigit()
        assert row["notes"], row  # the evidence sentences
        if row["latitude"]:
            assert -90 <= float(row["latitude"]) <= 90
            assert -180 <= float(row["longitude"]) <= 180


def test_seed_attacks_are_each_reported_in_a_statement(
    pipeline_graph: Path, tmp_path: Path
) -> None:
    out = tmp_path / "attacks.csv"
    export(pipeline_graph, "acled-csv", out)
    seed_rows = [r for r in read_csv(out) if r["event_id_cnty"].startswith(SEED + "/")]
    assert len({r["event_id_cnty"] for r in seed_rows}) >= 3
    sources = {r["source"] for r in seed_rows}
    assert any("Syrian Observatory" in s for s in sources), sources
    assert any("Amaq" in s for s in sources), sources
    # 'at least 60 killed over the past 48 hours', told by the Observatory
    sixty = [r for r in seed_rows if r["fatalities"] == "60"]
    assert sixty and "Syrian Observatory" in sixty[0]["source"]
    assert sixty[0]["time_precision"] == "2"  # a two-day span
    assert "48 hours" in sixty[0]["notes"]
    assert sixty[0]["actor1"] == "Islamic State"


def test_geojson_has_one_feature_per_attack_with_coordinates(
    pipeline_graph: Path, pipeline_dataset: Dataset, tmp_path: Path
) -> None:
    out = tmp_path / "attacks.geojson"
    export(pipeline_graph, "geojson", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    ids = [f["properties"]["id"] for f in data["features"]]
    assert sorted(ids) == sorted(attack_id(a) for a in located(pipeline_dataset))
    for feature in data["features"]:
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        props = feature["properties"]
        assert {"id", "date", "type", "perpetrator", "location", "fatalities", "sources"} <= set(
            props
        )
        assert props["sources"]


def test_a_store_directory_reads_like_the_file(pipeline_graph: Path, tmp_path: Path) -> None:
    store_dir = tmp_path / "kg-store"
    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(pipeline_graph), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    from_file = [(a.iri, a.best_fatalities, a.sources) for a in load_attacks(pipeline_graph)]
    from_store = [(a.iri, a.best_fatalities, a.sources) for a in load_attacks(store_dir)]
    assert from_store == from_file
    out = tmp_path / "store.csv"
    export(store_dir, "acled-csv", out)
    assert len(read_csv(out)) >= len(from_file)


# ----------------------------------------------------------------- hand-written edge cases

EDGE = """
@prefix ckg: <https://w3id.org/conflict-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix geo: <http://www.opengis.net/ont/geosparql#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/conflict-kg/id/> .

id:report\\/a a ckg:Report ; dcterms:identifier "a" ; dcterms:title "A, \\"quoted\\"" ;
    dcterms:issued "2020-03-10"^^xsd:date ; ckg:publisher id:wire .
id:wire a ckg:Organisation ; rdfs:label "Wire, Inc."@en .
id:monitor a ckg:Organisation ; rdfs:label "The Monitor"@en .
id:report\\/a\\/statement-1 a ckg:Report ; dcterms:isPartOf id:report\\/a ;
    ckg:source id:monitor ; dcterms:date "2020-03-09"^^xsd:date .
id:town a ckg:Place ; rdfs:label "Town"@en ; ckg:placeType "locality" ;
    ckg:admin1 id:prov ; geo:hasGeometry id:town-g .
id:town-g geo:asWKT "POINT(30.5 10.25)"^^geo:wktLiteral .
id:prov a ckg:Place ; rdfs:label "Province"@en ; ckg:placeType "admin1" .
id:g a ckg:ArmedGroup ; rdfs:label "Group"@en .

# told by the article and by a statement: two rows; civilians: violence against civilians
id:report\\/a\\/attack-1 a ckg:Attack ; rdfs:label "one"@en ;
    ckg:attackType ckg:UnspecifiedAttack ; ckg:targetDescription "villagers" ;
    ckg:date "2020-03-08"^^xsd:date ; ckg:location id:town ; ckg:perpetrator id:g ;
    ckg:fatalities "5"^^xsd:nonNegativeInteger ;
    ckg:evidence "Gunmen killed five villagers, \\"the monitor\\" said." ;
    ckg:reportedIn id:report\\/a , id:report\\/a\\/statement-1 .

# a month-long span, no place, no figure, arson
id:report\\/a\\/attack-2 a ckg:Attack ; ckg:attackType ckg:Arson ;
    ckg:startDate "2020-01-01"^^xsd:date ; ckg:endDate "2020-01-31"^^xsd:date ;
    ckg:evidence "Houses were burnt last month." ; ckg:reportedIn id:report\\/a .

# two figures for one attack: a conflicting claim; unspecified, soldiers: armed clash
id:report\\/a\\/attack-3 a ckg:Attack ; ckg:attackType ckg:UnspecifiedAttack ;
    ckg:targetDescription "soldiers" ; ckg:date "2020-03-07"^^xsd:date ;
    ckg:location id:prov ; ckg:fatalities "3"^^xsd:nonNegativeInteger ,
    "7"^^xsd:nonNegativeInteger ; ckg:evidence "Three or seven soldiers died." ;
    ckg:reportedIn id:report\\/a\\/statement-1 .
"""


@pytest.fixture
def edge_graph(tmp_path: Path) -> Path:
    path = tmp_path / "edge.ttl"
    path.write_text(EDGE, encoding="utf-8")
    return path


def test_edge_cases_in_csv(edge_graph: Path, tmp_path: Path) -> None:
    out = tmp_path / "edge.csv"
    export(edge_graph, "acled-csv", out)
    rows = {(r["event_id_cnty"], r["source"]): r for r in read_csv(out)}
    assert set(rows) == {
        ("a/attack-1", "Wire, Inc."),
        ("a/attack-1", "The Monitor"),
        ("a/attack-2", "Wire, Inc."),
        ("a/attack-3", "The Monitor"),
    }
    one = rows["a/attack-1", "The Monitor"]
    assert (one["event_type"], one["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert one["event_date"] == "2020-03-08" and one["time_precision"] == "1"
    assert (one["admin1"], one["location"], one["geo_precision"]) == ("Province", "Town", "1")
    assert (one["latitude"], one["longitude"]) == ("10.25000", "30.50000")
    assert one["actor1"] == "Group" and one["actor2"] == "villagers"
    assert one["notes"] == 'Gunmen killed five villagers, "the monitor" said.'
    two = rows["a/attack-2", "Wire, Inc."]
    assert (two["event_type"], two["sub_event_type"]) == (
        "Strategic developments",
        "Looting/property destruction",
    )
    assert (two["event_date"], two["time_precision"]) == ("2020-01-01", "3")
    assert two["location"] == "" and two["geo_precision"] == "" and two["fatalities"] == "0"
    three = rows["a/attack-3", "The Monitor"]
    assert (three["event_type"], three["sub_event_type"]) == ("Battles", "Armed clash")
    assert three["geo_precision"] == "3" and three["admin1"] == "Province"


def test_edge_cases_in_geojson(edge_graph: Path, tmp_path: Path) -> None:
    out = tmp_path / "edge.geojson"
    export(edge_graph, "geojson", out)
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["id"] for f in features] == ["a/attack-1"]
    assert features[0]["geometry"]["coordinates"] == [30.5, 10.25]
    assert features[0]["properties"]["sources"] == ["The Monitor", "Wire, Inc."]


def test_attack_types_map_to_acled() -> None:
    from kg_builder.report.data import AttackRecord
    from kg_builder.report.export import acled_type

    expected = {
        "ArmedClash": ("Battles", "Armed clash"),
        "Ambush": ("Battles", "Armed clash"),
        "AttackOnCivilians": ("Violence against civilians", "Attack"),
        "Bombing": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        "SuicideBombing": ("Explosions/Remote violence", "Suicide bomb"),
        "AirStrike": ("Explosions/Remote violence", "Air/drone strike"),
        "Shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        "Assassination": ("Violence against civilians", "Attack"),
        "Abduction": ("Violence against civilians", "Abduction/forced disappearance"),
        "Arson": ("Strategic developments", "Looting/property destruction"),
        "UnspecifiedAttack": ("Battles", "Armed clash"),
    }
    for kind, pair in expected.items():
        assert acled_type(AttackRecord("x", attack_type=kind)) == pair, kind
    civilians = AttackRecord("x", target_descriptions=["civilians in a market"])
    assert acled_type(civilians) == ("Violence against civilians", "Attack")


@pytest.mark.parametrize("bad", ["missing.ttl", "graph.csv"])
def test_unreadable_input_is_one_line_error(tmp_path: Path, bad: str) -> None:
    path = tmp_path / bad
    if bad.endswith(".csv"):
        path.write_text("a,b\n", encoding="utf-8")
    result = runner.invoke(cli(), ["export", str(path), "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 2
    assert bad in result.output


def test_unparsable_graph_is_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text("this is not turtle\n", encoding="utf-8")
    result = runner.invoke(cli(), ["report", str(path), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert "broken.ttl" in result.output and "cannot parse" in result.output
