"""Online linking against real local servers: an Oxigraph loaded with a Wikidata-shaped
fixture, a counting proxy in front of it, and servers that answer 500 or hang."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import counting_proxy, failing_server, oxigraph_binary, oxigraph_server, url_of

from kg_builder.knowledge import load_default_kb
from kg_builder.link.match import link_document
from kg_builder.link.online import OnlineLinker, query_text, sparql_string, values_block
from kg_builder.model import Article, DocumentResult, Entity, EntityKind

pytestmark = pytest.mark.skipif(oxigraph_binary() is None, reason="oxigraph CLI not installed")


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph") / "store") as url:
        yield url


def _linker(url: str, cache: Path | None, **kwargs: float) -> OnlineLinker:
    options: dict[str, float] = {"timeout": 5, "min_interval": 0.0, "backoff": 0.05}
    options.update(kwargs)
    return OnlineLinker(url, cache, kb=load_default_kb(), **options)  # type: ignore[arg-type]


def _doc(text: str, *entities: Entity) -> DocumentResult:
    result = DocumentResult(Article(id="t", text=text), entities=list(entities))
    return link_document(result, load_default_kb())


def test_names_the_kb_lacks_get_qids(endpoint: str) -> None:
    linker = _linker(endpoint, None)
    doc = _doc(
        "Hizballah fighters and Kurdistan Workers' Party militants near Qalat al-Mayadin, Syria.",
        Entity("hz", EntityKind.ORGANISATION, "Hizballah"),
        Entity("pkk", EntityKind.ARMED_GROUP, "Partiya Karkeren Kurdistane"),
        Entity("qm", EntityKind.PLACE, "Qalat al-Mayadin"),
        Entity("sy", EntityKind.PLACE, "Syria"),
        Entity("desc", EntityKind.ARMED_GROUP, "Hizballah", named=False),
    )
    assert doc.entity("hz").qid is None and doc.entity("qm").qid is None
    linked = linker.link_missing(doc)
    hz = linked.entity("hz")
    assert (hz.qid, hz.kind, hz.label) == ("Q41053", EntityKind.ARMED_GROUP, "Hezbollah")
    assert "Hizballah" in hz.alt_labels
    assert hz.actor_type == "JihadistGroup"
    assert linked.entity("pkk").qid == "Q152220"
    place = linked.entity("qm")
    assert place.qid == "Q310895"
    assert place.place is not None
    assert place.place.country == ("Syria", "Q858")
    assert place.place.admin1 is not None and place.place.admin1[1] == "Q232387"
    assert place.place.lat == pytest.approx(35.01982)
    assert linked.entity("desc").qid is None  # a description is never looked up
    assert doc.entity("hz").qid is None  # the input is not changed
    assert linker.warnings == []


def test_same_alias_in_two_countries_decided_by_context(endpoint: str) -> None:
    linker = _linker(endpoint, None)
    in_lebanon = _doc(
        "Clashes in Atrabulus, Lebanon.",
        Entity("t", EntityKind.PLACE, "Atrabulus"),
        Entity("lb", EntityKind.PLACE, "Lebanon"),
    )
    in_libya = _doc(
        "Clashes in Atrabulus, Libya.",
        Entity("t", EntityKind.PLACE, "Atrabulus"),
        Entity("ly", EntityKind.PLACE, "Libya"),
    )
    alone = _doc("Clashes in Atrabulus.", Entity("t", EntityKind.PLACE, "Atrabulus"))
    assert linker.link_missing(in_lebanon).entity("t").qid == "Q168954"
    assert linker.link_missing(in_libya).entity("t").qid == "Q3579"
    assert linker.link_missing(alone).entity("t").qid is None


def test_second_run_sends_no_request(endpoint: str, tmp_path: Path) -> None:
    doc = _doc("Hizballah.", Entity("hz", EntityKind.ORGANISATION, "Hizballah"))
    nobody = _doc("Zzyzx.", Entity("nn", EntityKind.ORGANISATION, "Zzyzx Nonexistent Front"))
    with counting_proxy(endpoint) as proxy:
        first = _linker(url_of(proxy), tmp_path / "cache")
        assert first.link_missing(doc).entity("hz").qid == "Q41053"
        assert first.link_missing(nobody).entity("nn").qid is None
        assert proxy.hits == first.requests_sent == 2
        first.close()
        second = _linker(url_of(proxy), tmp_path / "cache")  # a new run, same cache folder
        assert second.link_missing(doc).entity("hz").qid == "Q41053"
        assert second.link_missing(nobody).entity("nn").qid is None  # unknown names cached too
        assert proxy.hits == 2 and second.requests_sent == 0
        second.close()
    assert (tmp_path / "cache" / "wikidata-lookups.sqlite").is_file()


NASTY = [
    'Odd "quoted" \\ } name\nline',
    'x" } ?item ?p ?o . { "',
    "back\\slash\\",
    "}}}{{{",
    "new\nline\r\nand\ttab",
    "\\u0022 escaped",
]


def test_names_reach_sparql_only_as_escaped_literals(endpoint: str) -> None:
    linker = _linker(endpoint, None)
    found = linker.lookup(NASTY)
    assert linker.warnings == []  # every query parsed
    # the label with quotes, backslash, brace and newline round-trips as one bound value
    assert [c.iri for c in found['Odd "quoted" \\ } name\nline']] == ["http://example.org/item/odd"]
    # the injection attempt matches nothing (it would match every item if it broke out)
    assert found['x" } ?item ?p ?o . { "'] == []
    block = values_block(['a"b', "c\\d", "e\nf"])
    assert block == '"a\\"b"@en "c\\\\d"@en "e\\nf"@en'
    assert sparql_string("}") == '"}"'
    assert "#NAMES#" not in query_text("lookup-names.rq", names=block)


def test_server_error_leaves_names_unlinked_with_warning(tmp_path: Path) -> None:
    doc = _doc("Hizballah.", Entity("hz", EntityKind.ORGANISATION, "Hizballah"))
    with failing_server(status=500) as server:
        linker = _linker(url_of(server), tmp_path / "cache", max_failures=2)
        out = linker.link_missing(doc)
        assert out.entity("hz").qid is None
        assert server.hits == 3  # one request and two retries
        assert len(linker.warnings) == 1 and "HTTP 500" in linker.warnings[0]
        # failures are not cached: the next document asks again, then the linker gives up
        linker.link_missing(doc)
        linker.link_missing(doc)
        assert server.hits == 6
        warnings = linker.drain_warnings()
        assert any("given up" in w for w in warnings) and linker.warnings == []


def test_hanging_server_times_out(tmp_path: Path) -> None:
    doc = _doc("Hizballah.", Entity("hz", EntityKind.ORGANISATION, "Hizballah"))
    with failing_server(status=200, delay=5.0) as server:
        linker = _linker(url_of(server), None, timeout=1, retries=1)
        started = time.monotonic()
        out = linker.link_missing(doc)
        took = time.monotonic() - started
    assert out.entity("hz").qid is None
    assert took < 4.5, took  # two attempts of one second each, not two of five
    assert len(linker.warnings) == 1 and "unlinked" in linker.warnings[0]


@pytest.mark.slow
def test_build_completes_when_endpoint_fails(tmp_path: Path, endpoint: str) -> None:
    """``kg-builder build --wikidata-endpoint``: a failing endpoint leaves names unlinked with
    a warning and the build completes; a working one links the name the KB lacks."""
    from rdflib import OWL, Graph, URIRef
    from typer.testing import CliRunner

    from kg_builder.cli import app

    source = tmp_path / "in.txt"
    source.write_text(
        "Hizballah fighters shelled the village, the Syrian Observatory for Human Rights said. "
        "Hezbollah denied it.",
        encoding="utf-8",
    )
    out = tmp_path / "out.ttl"
    runner = CliRunner()
    for server_status, delay in ((500, 0.0), (200, 25.0)):
        with failing_server(status=server_status, delay=delay) as server:
            result = runner.invoke(
                app,
                [
                    "build",
                    str(source),
                    "-o",
                    str(out),
                    "--wikidata-endpoint",
                    url_of(server),
                    "--cache-dir",
                    str(tmp_path / f"cache-{server_status}"),
                ],
            )
        assert result.exit_code == 0, result.output
        assert "warning" in result.output, (server_status, delay)
    result = runner.invoke(
        app,
        [
            "build",
            str(source),
            "-o",
            str(out),
            "--wikidata-endpoint",
            endpoint,
            "--cache-dir",
            str(tmp_path / "cache-ok"),
        ],
    )
    assert result.exit_code == 0, result.output
    linked = set(Graph().parse(out).objects(None, OWL.sameAs))
    assert URIRef("http://www.wikidata.org/entity/Q41053") in linked


def test_kb_update_and_stats_commands(endpoint: str, tmp_path: Path) -> None:
    import typer
    from typer.testing import CliRunner

    from kg_builder.knowledge.kb import KnowledgeBase
    from kg_builder.link.commands import register

    app = typer.Typer()
    register(app)
    runner = CliRunner()
    target = tmp_path / "kb.sqlite"
    before = KnowledgeBase.open()
    assert before.find_actors("Hizballah") == []
    assert before.find_places("Atrabulus") == []
    args = ["kb", "update", "--endpoint", endpoint, "--kb", str(target)]
    result = runner.invoke(app, [*args, "--name", "Hizballah", "--country", "LB"])
    assert result.exit_code == 0, result.output
    updated = KnowledgeBase.open(target)
    assert [a.qid for a in updated.find_actors("Hizballah")] == ["Q41053"]
    assert [p.qid for p in updated.find_places("Atrabulus")] == ["Q168954"]
    updated.close()
    stats = runner.invoke(app, ["kb", "stats", "--kb", str(target)])
    assert stats.exit_code == 0, stats.output
    assert "WHAT THE BASE LACKS" in stats.output and "updates from endpoints" in stats.output
    args = ["kb", "update", "--endpoint", "http://127.0.0.1:9/sparql", "--kb", str(target)]
    failing = runner.invoke(app, [*args, "--name", "x", "--timeout", "1"])
    assert failing.exit_code == 1
