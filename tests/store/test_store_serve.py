"""``kg-builder serve``: a read-only SPARQL endpoint over the embedded store; the CLI."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from typer.testing import CliRunner

from kg_builder.store.commands import register
from kg_builder.store.embedded import load_file, open_store
from kg_builder.store.serve import server


@pytest.fixture(scope="module")
def store_dir(built, tmp_path_factory: pytest.TempPathFactory) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("serve") / "kg-store"
    store = open_store(folder)
    load_file(store, built.trig)
    store.flush()
    del store
    return folder


@pytest.fixture(scope="module")
def endpoint(store_dir: Path) -> Iterator[str]:
    httpd = server(open_store(store_dir, read_only=True), "127.0.0.1", 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/query"
    httpd.shutdown()
    httpd.server_close()


ATTACKS = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a <https://w3id.org/conflict-kg/ontology#Attack> }"


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_queries_the_endpoint(endpoint: str, method: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery(ATTACKS)
    client.setReturnFormat(JSON)
    if method == "POST":
        client.setMethod(POST)
    answer = client.queryAndConvert()
    assert isinstance(answer, dict)
    assert int(answer["results"]["bindings"][0]["n"]["value"]) >= 6


def test_updates_are_refused(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery("INSERT DATA { <http://a> <http://b> <http://c> }")
    client.setMethod(POST)
    with pytest.raises(Exception, match=r"403|Forbidden|read-only"):
        client.query()
    request = urllib.request.Request(
        endpoint,
        data=b"DROP ALL",
        headers={"Content-Type": "application/sparql-update"},
    )
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=5)
    assert error.value.code == 403
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(endpoint + "?query=SELECT", timeout=5)
    assert error.value.code == 400


def cli() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """kg-builder (test)."""

    register(app)
    return app


def test_cli_load_query_and_list(built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    store = tmp_path / "kg-store"
    done = runner.invoke(cli(), ["load", str(built.trig), "--store", str(store)])
    assert done.exit_code == 0, done.output
    again = runner.invoke(cli(), ["load", str(built.ttl), "--store", str(store)])
    assert again.exit_code == 0, again.output
    listed = runner.invoke(cli(), ["queries"])
    assert listed.exit_code == 0 and "attacks-by-perpetrator" in listed.output
    args = ["query", "attacks-by-perpetrator", "--store", str(store)]
    answer = runner.invoke(cli(), [*args, "--param", "perpetrator=wd:Q2429253", "-f", "json"])
    assert answer.exit_code == 0, answer.output
    rows = json.loads(answer.stdout)["results"]["bindings"]
    assert rows and {r["perpetratorLabel"]["value"] for r in rows} == {"Islamic State"}
    csv = runner.invoke(
        cli(), ["query", "places-with-coordinates", "--store", str(store), "-f", "csv"]
    )
    assert csv.exit_code == 0 and csv.stdout.startswith("place,label,item,lon,lat")
    table = runner.invoke(cli(), ["query", "most-cited-sources", "--store", str(store)])
    assert table.exit_code == 0 and "Syrian Observatory" in table.output
    bad = runner.invoke(cli(), [*args, "--param", "perpetrator=http://x>y"])
    assert bad.exit_code == 1 and "not an IRI" in bad.output
    down = runner.invoke(
        cli(), ["load", str(built.ttl), "--endpoint", "http://127.0.0.1:9/store", "--retries", "0"]
    )
    assert down.exit_code == 1


def test_cli_bulk_load_into_oxigraph(built, oxigraph_server) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    args = ["load", str(built.trig), "--endpoint", oxigraph_server.store, "--bulk"]
    done = runner.invoke(cli(), args)
    assert done.exit_code == 0, done.output
    assert f"{len(built.reports)} articles" in " ".join(done.output.split())
    again = runner.invoke(cli(), args)
    assert again.exit_code == 0 and again.output == done.output
    wrong = runner.invoke(cli(), ["load", str(built.trig), "--store", "x", "--bulk"])
    assert wrong.exit_code == 2 and "--bulk needs --endpoint" in wrong.output
