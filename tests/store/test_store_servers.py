"""Two real servers, started on free loopback ports: Oxigraph and OpenLink Virtuoso.

Every shipped query gives the same answers on the embedded store and on both servers;
remote loads are idempotent; a load cut short by a server going down is reported with the
articles of the failed batch, and a rerun completes it with nothing lost or duplicated.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from conftest import Server, start_oxigraph
from storehelp import XSD, normalise

from kg_builder.store import synthetic
from kg_builder.store.embedded import load_file, load_ontology, open_store, run_query
from kg_builder.store.layout import Batch
from kg_builder.store.queries import NamedQuery, bind, list_queries
from kg_builder.store.remote import Endpoints, RemoteError, RemoteStore

QUERIES = [q for q in list_queries() if "SERVICE" not in q.text]
FEDERATED = next(q for q in list_queries() if "SERVICE" in q.text)
COUNT = (
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
    "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/conflict-kg/')) }"
)
ISIS = "<http://www.wikidata.org/entity/Q2429253>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
WIKIDATA_STANDIN = f"""
{ISIS} {LABEL} "Islamic State"@en .
{ISIS} {LABEL} "État islamique"@fr .
{ISIS} <http://www.wikidata.org/prop/direct/P571> "1999-01-01T00:00:00Z"^^<{XSD}dateTime> .
"""


def remote_for(server: Server, update: bool = False, **kwargs: float) -> RemoteStore:
    endpoints = Endpoints(
        store=None if update else server.store,
        update=server.update if update else None,
        query=server.query,
    )
    return RemoteStore(endpoints, **kwargs)  # type: ignore[arg-type]


def count(remote: RemoteStore) -> int:
    return int(remote.query(COUNT).values()[0][0] or 0)


def clear(remote: RemoteStore, server: Server) -> None:
    graphs = remote.query(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
        "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/conflict-kg/')) }"
    ).values()
    if graphs:
        drop = " ;\n".join(f"DROP SILENT GRAPH <{g}>" for (g,) in graphs)
        remote.request("POST", server.update, drop.encode(), "application/sparql-update")
    assert count(remote) == 0


@pytest.fixture(scope="module")
def embedded(built, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    store = open_store(tmp_path_factory.mktemp("embedded") / "s")
    load_file(store, built.trig)
    load_ontology(store)
    return store


@pytest.fixture(scope="module")
def wikidata_standin() -> Iterator[Server]:
    server = start_oxigraph(None)
    RemoteStore(Endpoints(store=server.store)).request(
        "POST", server.store + "?default", WIKIDATA_STANDIN.encode(), "application/n-triples"
    )
    yield server
    server.stop()


def same_answers(embedded, remote: RemoteStore, queries: list[NamedQuery]) -> None:  # type: ignore[no-untyped-def]
    for query in queries:
        text = bind(query, {})
        local = normalise(run_query(embedded, text))
        assert normalise(remote.query(text)) == local, query.name


def check_server(server: Server, built, embedded, update: bool) -> None:  # type: ignore[no-untyped-def]
    remote = remote_for(server, update=update, batch_size=400)
    clear(remote, server)
    remote.load_ontology()
    report = remote.load_file(built.trig)
    assert report.ok, report.failed
    assert sorted(report.articles) == built.reports
    loaded = count(remote)
    assert loaded == len(embedded)
    # loading again (from another format too) changes nothing
    assert remote.load_file(built.trig).ok and remote.load_file(built.ttl).ok
    assert count(remote) == loaded
    same_answers(embedded, remote, QUERIES)


@pytest.mark.parametrize("update", [False, True], ids=["graph-store", "sparql-update"])
def test_oxigraph_gives_the_embedded_answers(oxigraph_server, built, embedded, update) -> None:  # type: ignore[no-untyped-def]
    check_server(oxigraph_server, built, embedded, update)


@pytest.mark.virtuoso
@pytest.mark.parametrize("update", [False, True], ids=["graph-store", "sparql-update"])
def test_virtuoso_gives_the_embedded_answers(virtuoso_server, built, embedded, update) -> None:  # type: ignore[no-untyped-def]
    check_server(virtuoso_server, built, embedded, update)


def federated(wikidata: Server) -> str:
    return bind(FEDERATED, {"wikidata": wikidata.query, "group": "wd:Q2429253"})


def test_federated_query_on_embedded_and_oxigraph(  # type: ignore[no-untyped-def]
    embedded, oxigraph_server, wikidata_standin, built
) -> None:
    text = federated(wikidata_standin)
    local = normalise(run_query(embedded, text))
    assert local and local[0][1] == ("literal", "Islamic State")
    assert ("literal", "1999-01-01T00:00:00Z") in local[0]
    remote = remote_for(oxigraph_server)
    if count(remote) == 0:
        remote.load_file(built.trig)
    assert normalise(remote.query(text)) == local


@pytest.mark.virtuoso
def test_federated_query_on_virtuoso(embedded, virtuoso_server, wikidata_standin, built) -> None:  # type: ignore[no-untyped-def]
    # the group is bound with FILTERs: Virtuoso 7.2.5 refuses VALUES in a query with SERVICE
    # ("SP031 … Unsupported combination of subqueries and service invocations")
    text = federated(wikidata_standin)
    assert (
        "VALUES ?" not in text
        and "FILTER(?group = <http://www.wikidata.org/entity/Q2429253>)" in text
    )
    remote = remote_for(virtuoso_server)
    if count(remote) == 0:
        remote.load_file(built.trig)
    local = normalise(run_query(embedded, text))
    assert local and normalise(remote.query(text)) == local


def test_a_load_cut_short_is_reported_and_a_rerun_completes_it(tmp_path: Path) -> None:
    data = tmp_path / "synthetic.nt"
    _, articles = synthetic.write(data, 20_000)
    expected = open_store(tmp_path / "expected")
    load_file(expected, data)
    server = start_oxigraph(tmp_path / "ox")
    try:
        remote = remote_for(server, batch_size=1500, retries=1, backoff=0.05, timeout=5)
        written: list[Batch] = []
        original = remote.write_batch

        def write_then_stop(batch: Batch) -> None:
            if len(written) == 3:
                server.stop()  # the server goes down in the middle of the load
            original(batch)
            written.append(batch)

        remote.write_batch = write_then_stop  # type: ignore[method-assign]
        report = remote.load_file(data)
        assert not report.ok
        (failed, reason), (pending, _) = report.failed
        assert "connection refused" in reason or "connection failed" in reason
        assert "\n" not in reason
        assert failed and all("/report/doc-" in a for a in failed)
        assert len(report.articles) + len(failed) + len(pending) == articles
        assert not set(failed) & set(report.articles)

        server = start_oxigraph(tmp_path / "ox", server.port)
        remote = remote_for(server, batch_size=1500)
        assert remote.load_file(data).ok
        assert count(remote) == len(expected)
        assert remote.load_file(data).ok
        assert count(remote) == len(expected)
    finally:
        server.stop()


class FakeServer(BaseHTTPRequestHandler):
    status = 500
    seen: list[tuple[str, str | None]] = []  # noqa: RUF012

    def do_PUT(self) -> None:
        FakeServer.seen.append((self.command, self.headers.get("Authorization")))
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = b"something broke"
        self.send_response(FakeServer.status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_PUT

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake() -> Iterator[str]:
    httpd = HTTPServer(("127.0.0.1", 0), FakeServer)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    FakeServer.seen = []
    yield f"http://127.0.0.1:{httpd.server_port}/store"
    httpd.shutdown()
    httpd.server_close()


def batch() -> Batch:
    import pyoxigraph as ox

    graph = "https://w3id.org/conflict-kg/id/report/x"
    quad = ox.Quad(
        ox.NamedNode(graph), ox.NamedNode("http://p"), ox.Literal("o"), ox.NamedNode(graph)
    )
    return Batch(replace=[graph], quads=[quad], articles=[graph])


@pytest.mark.parametrize(
    ("status", "attempts", "words"),
    [
        (503, 3, "HTTP 503"),
        (500, 3, "something broke"),
        (400, 1, "HTTP 400"),
        (401, 1, "KG_STORE_TOKEN"),
    ],
)
def test_http_errors_are_one_line_and_retried_when_transient(
    fake: str, status: int, attempts: int, words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    FakeServer.status = status
    secret = "s3cret-password"
    env = {"KG_STORE_USER": "analyst", "KG_STORE_PASSWORD": secret}
    delays: list[float] = []
    remote = RemoteStore(
        Endpoints(store=fake), retries=2, backoff=0.5, env=env, sleep=delays.append
    )
    with pytest.raises(RemoteError) as error:
        remote.write_batch(batch())
    message = str(error.value)
    assert words in message and "\n" not in message and secret not in message
    assert len(FakeServer.seen) == attempts
    assert delays == [0.5, 1.0][: attempts - 1]
    assert all(auth and auth.startswith("Basic ") for _, auth in FakeServer.seen)


def test_bearer_token_and_netrc(fake: str, tmp_path: Path) -> None:
    FakeServer.status = 204
    RemoteStore(Endpoints(store=fake), env={"KG_STORE_TOKEN": "tok"}).write_batch(batch())
    assert FakeServer.seen[-1][1] == "Bearer tok"
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login netuser password netpass\n")
    netrc.chmod(0o600)
    RemoteStore(Endpoints(store=fake), env={"NETRC": str(netrc)}).write_batch(batch())
    import base64

    assert FakeServer.seen[-1][1] == "Basic " + base64.b64encode(b"netuser:netpass").decode()


def test_a_server_that_is_down_gives_one_line() -> None:
    from conftest import free_port

    url = f"http://user:pw@127.0.0.1:{free_port()}/store"
    remote = RemoteStore(Endpoints(store=url), retries=1, backoff=0.01)
    with pytest.raises(RemoteError) as error:
        remote.write_batch(batch())
    assert "connection refused" in str(error.value)
    assert "pw" not in str(error.value)


# ----------------------------------------------------------------------------- bulk loading

QUADS = (
    "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
    "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/conflict-kg/id/')) }"
)


def quads(remote: RemoteStore) -> set[tuple[object, ...]]:
    """Every quad of the data graphs on a server (no blank nodes there; the ontology's left out)."""
    results = remote.query(QUADS)
    assert all(row[v]["type"] != "bnode" for row in results.rows for v in row)
    return set(normalise(results))


def test_bulk_load_into_oxigraph(oxigraph_server: Server, built, embedded) -> None:  # type: ignore[no-untyped-def]
    remote = remote_for(oxigraph_server)
    clear(remote, oxigraph_server)
    remote.load_ontology()
    remote.load_file(built.trig)
    expected = quads(remote)
    clear(remote, oxigraph_server)
    remote.load_ontology()
    report = remote.load_file(built.trig, bulk=True)
    assert report.ok, report.failed
    assert sorted(report.articles) == built.reports and report.triples > 0
    assert quads(remote) == expected
    assert count(remote) == len(embedded)
    # loading again, from every format, with or without bulk, changes nothing
    for path in (built.trig, built.ttl, built.nt):
        assert remote.load_file(path, bulk=True).ok
        assert quads(remote) == expected
    assert remote.load_file(built.nt).ok
    assert quads(remote) == expected
    same_answers(embedded, remote, QUERIES)


def corrected_article(built, folder: Path) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    """One article, corrected: an attack dropped, the title fixed (as N-Triples)."""
    report = next(r for r in built.reports if "asharq" in r)
    title = "<http://purl.org/dc/terms/title>"
    lines = []
    for line in built.nt.read_text(encoding="utf-8").splitlines():
        if not line.startswith(f"<{report}") or "/attack-2" in line.split(" ")[0]:
            continue
        if line.startswith(f"<{report}> {title} "):
            line = f'<{report}> {title} "Corrected title" .'
        lines.append(line)
    path = folder / "corrected.nt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, report


def graph_rows(remote: RemoteStore, graph: str) -> set[tuple[object, ...]]:
    return {row[1:] for row in quads(remote) if row[0] == ("uri", graph)}


def test_bulk_load_replaces_a_corrected_article(  # type: ignore[no-untyped-def]
    oxigraph_server: Server, built, tmp_path: Path
) -> None:
    remote = remote_for(oxigraph_server)
    clear(remote, oxigraph_server)
    assert remote.load_file(built.trig, bulk=True).ok
    original = quads(remote)
    path, report = corrected_article(built, tmp_path)
    others = {g for (g, *_) in original} - {("uri", report)}
    result = remote.load_file(path, bulk=True)
    assert result.ok and result.articles == [report]
    after = quads(remote)
    article = graph_rows(remote, report)
    assert ("literal", "Corrected title") in {row[2] for row in article}
    assert not any("/attack-2" in str(row[0]) for row in article)
    assert len(article) == len(path.read_text().splitlines())
    # the other articles and the shared entities are untouched
    assert {q for q in after if q[0] in others} == {q for q in original if q[0] in others}
    assert remote.load_file(built.trig, bulk=True).ok
    assert quads(remote) == original


def test_a_bulk_load_to_a_server_that_is_down_fails_for_all_its_articles(  # type: ignore[no-untyped-def]
    built, tmp_path: Path
) -> None:
    from conftest import free_port

    port = free_port()
    remote = RemoteStore(
        Endpoints(store=f"http://127.0.0.1:{port}/store", query=f"http://127.0.0.1:{port}/query"),
        retries=1,
        backoff=0.01,
    )
    report = remote.load_file(built.trig, bulk=True)
    ((articles, reason),) = report.failed
    assert sorted(articles) == built.reports and not report.articles
    assert "connection refused" in reason and "\n" not in reason
    # a rerun, once the server is up, loads everything
    server = start_oxigraph(tmp_path / "ox", port)
    try:
        assert remote.load_file(built.trig, bulk=True).ok
        loaded = count(remote)
        assert loaded > 0
        assert remote.load_file(built.trig, bulk=True).ok
        assert count(remote) == loaded
    finally:
        server.stop()


def test_bulk_drops_go_to_the_update_endpoint_beside_the_store() -> None:
    oxigraph = RemoteStore(Endpoints(store="http://h:7878/store"))
    assert oxigraph.update_url() == "http://h:7878/update"
    assert oxigraph.bulk_url() == "http://h:7878/store?no_transaction"
    given = RemoteStore(Endpoints(store="http://h/gsp?x=1", update="http://h/sparql"))
    assert given.update_url() == "http://h/sparql"
    assert given.bulk_url() == "http://h/gsp?x=1&no_transaction"
    assert RemoteStore(Endpoints(store="http://h/gsp")).update_url() is None
