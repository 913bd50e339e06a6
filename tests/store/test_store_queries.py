"""The shipped queries: documented, runnable, and bound safely."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg_builder.store.embedded import load_file, load_ontology, open_store, run_query
from kg_builder.store.queries import (
    NamedQuery,
    QueryError,
    bind,
    find_query,
    iri_term,
    list_queries,
    string_term,
)

QUERIES = list_queries()
PLACEHOLDER = re.compile(r"(?:VALUES \?(\w+) \{ UNDEF \}|FILTER\(\?(\w+) = UNDEF\))")


def test_at_least_twelve_documented_queries() -> None:
    names = {q.name for q in QUERIES}
    assert len(QUERIES) >= 12
    for wanted in (
        "attacks-by-perpetrator",
        "fatalities-by-admin1-month",
        "attacks-in-range",
        "groups-in-place",
        "attack-reports",
        "conflicting-casualties",
        "most-cited-sources",
        "unlinked-entities",
        "attacks-geojson",
        "wikidata-federated",
        "group-timeline",
        "groups-together",
    ):
        assert wanted in names
    for query in QUERIES:
        assert query.description, query.name
        declared = {p.name for p in query.parameters}
        assert {a or b for a, b in PLACEHOLDER.findall(query.text)} <= declared, query.name
        assert all(p.doc for p in query.parameters), query.name
        header = query.text.split("PREFIX")[0]
        if not query.parameters:
            assert "no parameters" in header, query.name


@pytest.fixture(scope="module")
def store(built, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    store = open_store(tmp_path_factory.mktemp("queries") / "s")
    load_file(store, built.trig)
    load_ontology(store)
    return store


@pytest.mark.parametrize("query", [q for q in QUERIES if "SERVICE" not in q.text], ids=str)
def test_every_query_runs_on_the_embedded_store(store, query: NamedQuery) -> None:  # type: ignore[no-untyped-def]
    results = run_query(store, bind(query, {}))
    assert results.variables


def test_the_seed_answers(store) -> None:  # type: ignore[no-untyped-def]
    attacks = run_query(
        store, bind(find_query("attacks-by-perpetrator"), {"perpetrator": "wd:Q2429253"})
    )
    assert {row[0] for row in attacks.values()} == {"Islamic State"}
    assert "60" in {row[5] for row in attacks.values()}
    everyone = run_query(store, bind(find_query("attacks-by-perpetrator"), {}))
    assert len(everyone.rows) > len(attacks.rows)
    syria = run_query(
        store,
        bind(find_query("attacks-in-range"), {"country": "wd:Q858", "to": "2019-04-19"}),
    )
    assert syria.rows and all(
        row[3] is not None and row[3] <= "2019-04-19" for row in syria.values()
    )
    places = run_query(store, bind(find_query("places-with-coordinates"), {}))
    assert any(row[1] == "Homs" for row in places.values())


HOSTILE = [
    'x" } ; DROP ALL ; #',
    "line one\nline two } UNION { ?s ?p ?o }",
    "back\\slash \"quoted\" 'single' \t tab \r cr \x00 nul",
    '"""triple"""',
    "<http://evil/> } INSERT DATA { <a> <b> <c> }",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_strings_reach_the_query_as_one_literal(store, value: str) -> None:  # type: ignore[no-untyped-def]
    probe = NamedQuery.parse(
        "# probe\n# @param x string  anything\nSELECT ?x WHERE {\n  VALUES ?x { UNDEF }\n}\n"
    )
    text = bind(probe, {"x": value})
    # only the placeholder line changed, and it is still one line
    before, after = probe.text.splitlines(), text.splitlines()
    assert len(before) == len(after)
    assert [a for a, b in zip(before, after, strict=True) if a != b] == ["  VALUES ?x { UNDEF }"]
    assert run_query(store, text).values() == [[value]]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_strings_reach_a_filter_placeholder_as_one_literal(store, value: str) -> None:  # type: ignore[no-untyped-def]
    probe = NamedQuery.parse(
        "# probe\n# @param x string  anything\nSELECT ?y WHERE {\n"
        '  VALUES ?y { "a" "b" }\n  BIND(?y AS ?x)\n  FILTER(?x = UNDEF)\n}\n'
    )
    assert run_query(store, bind(probe, {"x": "b"})).values() == [["b"]]
    text = bind(probe, {"x": value})
    before, after = probe.text.splitlines(), text.splitlines()
    assert len(before) == len(after)
    assert [a for a, b in zip(before, after, strict=True) if a != b] == ["  FILTER(?x = UNDEF)"]
    assert "FILTER(?x = " + string_term(value) + ")" in text
    assert run_query(store, text).values() == []
    unbound = bind(probe, {})
    assert "UNDEF" not in unbound and len(run_query(store, unbound).rows) == 2


@pytest.mark.parametrize(
    "value",
    [
        "http://example.org/a>b",
        "http://example.org/a> } ; DROP ALL ; <x",
        "http://example.org/a\nb",
        'http://example.org/"quoted"',
        "http://example.org/{x}",
        "not an iri",
        "urn:x y",
    ],
)
def test_hostile_iris_are_refused(value: str) -> None:
    with pytest.raises(QueryError):
        bind(find_query("attacks-by-perpetrator"), {"perpetrator": value})
    with pytest.raises(QueryError):
        bind(find_query("wikidata-federated"), {"group": value})  # a FILTER placeholder


def test_terms() -> None:
    assert iri_term("wd:Q858") == "<http://www.wikidata.org/entity/Q858>"
    assert iri_term("<https://w3id.org/conflict-kg/id/entity/Q858>").endswith("Q858>")
    assert string_term('a"b\nc\\') == '"a\\"b\\nc\\\\"'
    with pytest.raises(QueryError):
        bind(find_query("attacks-in-range"), {"from": "2019-04-01T00:00; DROP ALL"})
    with pytest.raises(QueryError):
        bind(find_query("attacks-in-range"), {"nonsense": "1"})


def test_unbound_parameters_are_dropped_and_defaults_applied() -> None:
    text = bind(find_query("attacks-in-range"), {})
    assert "UNDEF" not in text
    assert '"1900-01-01"^^<http://www.w3.org/2001/XMLSchema#date>' in text
    assert "# ?country: not bound" in text


def test_query_files_are_found_by_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text("# Mine.\nSELECT ?x WHERE {\n  VALUES ?x { UNDEF }\n}\n")
    assert "<http://www.wikidata.org/entity/Q1>" in bind(find_query(str(path)), {"x": "wd:Q1"})
    with pytest.raises(QueryError):
        find_query("no-such-query")


def test_conflicting_casualty_claims_are_found(build_into, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Two outlets tell the seed article's events with different death tolls."""
    import json

    from conftest import REPO

    seed = next((REPO / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    body = seed.split("\n\n", 1)[1] if seed.startswith("Title:") else seed
    records = [
        {"id": "outlet-a", "text": body, "published": "2019-04-20", "publisher": "Outlet A"},
        {
            "id": "outlet-b",
            "text": body.replace("At least 60", "At least 45"),
            "published": "2019-04-20",
            "publisher": "Outlet B",
        },
    ]
    source = tmp_path / "two.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "two.trig"
    summary = build_into([source], out)
    assert summary.built == 2, summary.failed + summary.rejected
    store = open_store(tmp_path / "s")
    load_file(store, out)
    rows = run_query(store, bind(find_query("conflicting-casualties"), {})).values()
    assert any({r[3], r[7]} == {"45", "60"} and r[5] != r[9] for r in rows), rows


def test_one_attack_told_with_two_tolls_is_a_conflict(build_into, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """One attack, two sources, two tolls: its casualty claims stand side by side."""
    source = tmp_path / "kabul.txt"
    source.write_text(
        "Title: Market bombing in Kabul\nPublished: 2021-05-09\nPublisher: Example Wire\n\n"
        "At least 30 people were killed in a suicide bombing at a market in Kabul on Sunday, "
        "police said.\n\nThe Taliban said the attack had killed 50 soldiers.\n",
        encoding="utf-8",
    )
    out = tmp_path / "kabul.trig"
    summary = build_into([source], out)
    assert summary.built == 1 and summary.attacks == 1
    store = open_store(tmp_path / "s")
    load_file(store, out)
    rows = run_query(store, bind(find_query("conflicting-casualties"), {})).values()
    same = [r for r in rows if r[2] == r[6]]
    assert any(
        {r[3], r[7]} == {"30", "50"} and {r[4], r[8]} == {"police", "Taliban"} for r in same
    ), rows
