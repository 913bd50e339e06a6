"""Remote stores: any SPARQL 1.1 server (Oxigraph, Virtuoso, Fuseki, GraphDB, …).

Loading speaks the SPARQL 1.1 Graph Store HTTP Protocol (plain HTTP, one kept-alive
connection): each article graph a batch holds is replaced with ``PUT ?graph=…``, the
batch's shared-entity triples are merged into the entities graph with ``POST ?graph=…``.
Given an update endpoint (``--update-endpoint``), a batch is instead one SPARQL 1.1
Update request (``DROP SILENT GRAPH`` each article graph, then ``INSERT DATA``), which
the server applies atomically. Queries go through SPARQLWrapper.

Bulk loading (``--bulk``, opt-in, for the Oxigraph server and servers that take its
non-standard bulk path) first drops the graphs of the articles a file holds, in batched
SPARQL Update requests (``DROP SILENT GRAPH``; to the update endpoint given, else to
``…/update`` beside a ``…/store`` endpoint, else one Graph Store Protocol ``DELETE`` a
graph), then streams every routed quad as N-Quads in one chunked ``POST
{store}?no_transaction`` request, read from the file as it is sent. It is not atomic: a
reader may see a half-loaded file, and a load cut short is reported as failing for all the
file's articles; running it again completes it (drop, then load: nothing duplicated).
Whether a server has the bulk path is not detected (it cannot be probed without writing):
another server may refuse the ``POST``, or ignore the unknown query parameter and take the
quads as an ordinary, transactional Graph Store Protocol ``POST``.

Every request has a timeout and is retried with exponential back-off when the server
cannot be reached, times out, or answers 5xx/429; a 4xx other than 429 is not retried.
Credentials come from the environment (``KG_STORE_TOKEN`` for a bearer token, else
``KG_STORE_USER``/``KG_STORE_PASSWORD`` for basic authentication) or from ``~/.netrc``;
they are never logged nor put in an error message. Errors are one line, naming the
endpoint without any credentials or query string.
"""

from __future__ import annotations

import base64
import http.client
import json
import logging
import netrc
import os
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pyoxigraph as ox

from kg_builder.store.embedded import LoadReport
from kg_builder.store.layout import (
    Batch,
    LoadError,
    RoutedReader,
    Router,
    file_batches,
    ontology_batch,
    rdf_format,
    scan_graphs,
)
from kg_builder.store.queries import QueryError, Results

log = logging.getLogger(__name__)

RETRY_STATUS = {429, 500, 502, 503, 504}
#: graphs dropped by one SPARQL Update request of a bulk load
DROP_BATCH = 1_000

Body = bytes | Callable[[], Iterable[bytes]] | None


class RemoteError(Exception):
    """A one-line reason a request to a server failed (no credentials in it)."""

    def __init__(self, message: str, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


def display_url(url: str) -> str:
    """The URL without user info, query string or fragment: safe to show."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def auth_header(url: str, env: dict[str, str] | None = None) -> str | None:
    """The ``Authorization`` header value for ``url``, from the environment or ~/.netrc."""
    env = dict(os.environ) if env is None else env
    if token := env.get("KG_STORE_TOKEN"):
        return f"Bearer {token}"
    user, password = env.get("KG_STORE_USER"), env.get("KG_STORE_PASSWORD")
    if not user:
        host = urlsplit(url).hostname or ""
        try:
            found = netrc.netrc(env.get("NETRC") or None).authenticators(host)
        except (FileNotFoundError, netrc.NetrcParseError, OSError):
            found = None
        if found:
            user, _, password = found
    if user:
        pair = f"{user}:{password or ''}".encode()
        return "Basic " + base64.b64encode(pair).decode("ascii")
    return None


@dataclass
class Endpoints:
    """Where a server takes Graph Store Protocol requests, updates and queries."""

    store: str | None = None
    update: str | None = None
    query: str | None = None


def ntriples(quads: Iterable[ox.Quad]) -> str:
    return "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)


def update_text(batch: Batch) -> str:
    """One SPARQL Update replacing the batch's graphs and adding its quads."""
    parts = [f"DROP SILENT GRAPH <{name}> ;" for name in batch.replace]
    by_graph = _by_graph(batch.quads)
    if by_graph:
        body = "".join(
            f"GRAPH <{name}> {{\n{ntriples(quads)}}}\n" for name, quads in by_graph.items()
        )
        if any(
            isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)
            for q in batch.quads
        ):
            # INSERT DATA may hold blank nodes, but not every server takes them (Virtuoso)
            parts.append(f"INSERT {{\n{body}}} WHERE {{}}")
        else:
            parts.append(f"INSERT DATA {{\n{body}}}")
    elif parts:
        parts[-1] = parts[-1].rstrip(" ;")
    return "\n".join(parts) + "\n"


def _by_graph(quads: Iterable[ox.Quad]) -> dict[str, list[ox.Quad]]:
    groups: dict[str, list[ox.Quad]] = {}
    for quad in quads:
        name = quad.graph_name
        assert isinstance(name, ox.NamedNode)
        groups.setdefault(name.value, []).append(quad)
    return groups


class RemoteStore:
    """A SPARQL server reached over HTTP."""

    def __init__(
        self,
        endpoints: Endpoints,
        timeout: float = 60.0,
        retries: int = 3,
        backoff: float = 0.5,
        batch_size: int = 5_000,
        env: dict[str, str] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.endpoints = endpoints
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.batch_size = batch_size
        self.sleep = sleep
        self._env = env
        self._connections: dict[tuple[str, str, int | None], http.client.HTTPConnection] = {}

    # ------------------------------------------------------------------ HTTP

    def _connection(self, url: str) -> http.client.HTTPConnection:
        parts = urlsplit(url)
        key = (parts.scheme, parts.hostname or "", parts.port)
        conn = self._connections.get(key)
        if conn is None:
            cls = (
                http.client.HTTPSConnection
                if parts.scheme == "https"
                else http.client.HTTPConnection
            )
            conn = cls(parts.hostname or "", parts.port, timeout=self.timeout)
            self._connections[key] = conn
        return conn

    def close(self) -> None:
        for conn in self._connections.values():
            conn.close()
        self._connections.clear()

    def _once(
        self,
        method: str,
        url: str,
        body: bytes | Iterable[bytes] | None,
        headers: dict[str, str],
    ) -> bytes:
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise RemoteError(f"{display_url(url)}: not an http(s) URL")
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        where = f"{method} {display_url(url)}"
        conn = self._connection(url)
        body_is_stream = body is not None and not isinstance(body, bytes)
        try:
            conn.request(method, target, body=body, headers=headers, encode_chunked=body_is_stream)
            response = conn.getresponse()
            data = response.read()
        except ConnectionRefusedError:
            conn.close()
            raise RemoteError(f"{where}: connection refused (is the server up?)", True) from None
        except TimeoutError:
            conn.close()
            raise RemoteError(f"{where}: no answer within {self.timeout:g} s", True) from None
        except socket.gaierror:
            conn.close()
            raise RemoteError(f"{where}: unknown host {parts.hostname}") from None
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            reason = " ".join(str(exc).split()) or type(exc).__name__
            raise RemoteError(f"{where}: connection failed ({reason})", True) from None
        except BaseException:
            conn.close()  # the body could not be produced (a file that does not parse, …)
            raise
        if response.status >= 400:
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
            raise RemoteError(
                f"{where}: HTTP {response.status} {response.reason}{_hint(response.status, data)}",
                response.status in RETRY_STATUS,
            )
        return data

    def request(
        self,
        method: str,
        url: str,
        body: Body = None,
        content_type: str | None = None,
        accept: str | None = None,
    ) -> bytes:
        """One HTTP request, retried with back-off on transient failures.

        ``body`` is bytes, or a function giving the body as an iterable of chunks (sent with
        chunked transfer encoding; called again for each retry).
        """
        headers = {"User-Agent": "conflict-kg"}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        if (auth := auth_header(url, self._env)) is not None:
            headers["Authorization"] = auth
        attempt = 0
        while True:
            try:
                return self._once(method, url, body() if callable(body) else body, headers)
            except RemoteError as exc:
                if not exc.retryable or attempt >= self.retries:
                    raise
                delay = self.backoff * (2**attempt)
                log.info("%s; retrying in %.1f s", exc, delay)
                self.sleep(delay)
                attempt += 1

    # ------------------------------------------------------------------ loading

    def graph_url(self, graph: str) -> str:
        store = self.endpoints.store
        if not store:
            raise RemoteError("no Graph Store Protocol endpoint given")
        return f"{store}{'&' if '?' in store else '?'}graph={quote(graph, safe='')}"

    def write_batch(self, batch: Batch) -> None:
        """Write one batch: one SPARQL Update, or Graph Store Protocol requests."""
        if self.endpoints.update:
            self.request(
                "POST",
                self.endpoints.update,
                update_text(batch).encode("utf-8"),
                "application/sparql-update; charset=utf-8",
            )
            return
        by_graph = _by_graph(batch.quads)
        for name in batch.replace:
            if name not in by_graph:
                try:
                    self.request("DELETE", self.graph_url(name))
                except RemoteError as exc:
                    if "HTTP 404" not in str(exc):
                        raise
        for name, quads in by_graph.items():
            method = "PUT" if name in batch.replace else "POST"
            body = ntriples(quads).encode("utf-8")
            self.request(method, self.graph_url(name), body, "application/n-triples")

    def write_batches(self, batches: Iterable[Batch], stop_on_error: bool = True) -> LoadReport:
        """Write batches; a failed batch is reported with the articles it held."""
        report = LoadReport()
        pending: list[str] = []
        failed = False
        for batch in batches:
            if failed:
                pending.extend(a for a in batch.articles if a not in pending)
                continue
            try:
                self.write_batch(batch)
            except RemoteError as exc:
                report.failed.append((list(batch.articles), str(exc)))
                failed = stop_on_error
                continue
            report.add(batch)
        if pending:
            report.failed.append((pending, "not attempted after the failed batch"))
        return report

    def load_file(self, path: Path | str, bulk: bool = False) -> LoadReport:
        """Load a build's output file, streamed; ``bulk``: see :meth:`bulk_load_file`."""
        if bulk:
            return self.bulk_load_file(Path(path))
        return self.write_batches(file_batches(Path(path), self.batch_size))

    def bulk_url(self) -> str:
        store = self.endpoints.store
        if not store:
            raise RemoteError("bulk loading needs the Graph Store Protocol endpoint (--endpoint)")
        return f"{store}{'&' if '?' in store else '?'}no_transaction"

    def update_url(self) -> str | None:
        """The update endpoint given, or ``…/update`` beside an Oxigraph ``…/store``."""
        if self.endpoints.update:
            return self.endpoints.update
        store = self.endpoints.store or ""
        parts = urlsplit(store)
        if parts.path.endswith("/store") and not parts.query:
            return urlunsplit(parts._replace(path=parts.path[: -len("store")] + "update"))
        return None

    def drop_graphs(self, graphs: list[str]) -> None:
        """Empty these graphs: batched ``DROP SILENT GRAPH`` updates, else GSP ``DELETE``."""
        update = self.update_url()
        if update is None:
            for name in graphs:
                try:
                    self.request("DELETE", self.graph_url(name))
                except RemoteError as exc:
                    if "HTTP 404" not in str(exc):
                        raise
            return
        for start in range(0, len(graphs), DROP_BATCH):
            text = " ;\n".join(
                f"DROP SILENT GRAPH <{name}>" for name in graphs[start : start + DROP_BATCH]
            )
            self.request("POST", update, (text + "\n").encode("utf-8"), "application/sparql-update")

    def bulk_load_file(self, path: Path) -> LoadReport:
        """Load a file through the Oxigraph server's bulk path (``POST ?no_transaction``).

        A first pass finds the articles (and other named graphs) of the file; their graphs
        are dropped; then the routed quads are streamed as N-Quads in one chunked request,
        read from the file while it is sent (memory stays flat). A failure is reported for
        all the file's articles: the load is not atomic, and a rerun completes it.
        Raises LoadError (one line) for a missing, unknown or unparsable file.
        """
        if not path.is_file():
            raise LoadError(f"{path}: no such file")
        fmt = rdf_format(path)
        readers: list[RoutedReader] = []
        try:
            reports, others = scan_graphs(path, fmt)
        except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
            raise LoadError(f"{path}: cannot parse: {' '.join(str(exc).split())}") from None
        articles = sorted(reports)
        router = Router(reports)

        def body() -> Iterable[bytes]:
            readers.append(RoutedReader(path, fmt, router))
            return readers[-1].chunks()

        try:
            self.drop_graphs(sorted(reports | others))
            self.request("POST", self.bulk_url(), body, "application/n-quads")
        except RemoteError as exc:
            return LoadReport(failed=[(articles, str(exc))])
        except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
            raise LoadError(f"{path}: cannot parse: {' '.join(str(exc).split())}") from None
        return LoadReport(triples=readers[-1].triples, articles=articles)

    def load_ontology(self, path: Path | None = None) -> bool:
        batch = ontology_batch(path) if path else ontology_batch()
        self.write_batch(batch)
        return True

    # ------------------------------------------------------------------ queries

    def query(self, text: str) -> Results:
        """Run a SELECT/ASK query with SPARQLWrapper; JSON results."""
        from SPARQLWrapper import JSON, POST, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        endpoint = self.endpoints.query
        if not endpoint:
            raise RemoteError("no query endpoint given")
        client = SPARQLWrapper(endpoint)
        client.setQuery(text)
        client.setMethod(POST)
        client.setReturnFormat(JSON)
        client.setTimeout(int(self.timeout))
        if (auth := auth_header(endpoint, self._env)) is not None:
            client.addCustomHttpHeader("Authorization", auth)
        where = f"query {display_url(endpoint)}"
        attempt = 0
        while True:
            try:
                data = client.queryAndConvert()
                break
            except SPARQLWrapperException as exc:
                first = " ".join(str(exc).split())[:300]
                raise QueryError(f"{where}: {first}") from None
            except Exception as exc:
                error = _url_error(where, exc, self.timeout)
                if not error.retryable or attempt >= self.retries:
                    raise error from None
                self.sleep(self.backoff * (2**attempt))
                attempt += 1
        if isinstance(data, bytes | str):
            data = json.loads(data)
        if not isinstance(data, dict):
            raise QueryError(f"{where}: the answer is not SPARQL JSON results")
        return Results.from_json(data)


def _url_error(where: str, exc: Exception, timeout: float) -> RemoteError:
    import urllib.error

    if isinstance(exc, urllib.error.HTTPError):
        body = exc.read() if exc.fp else b""
        return RemoteError(
            f"{where}: HTTP {exc.code} {exc.reason}{_hint(exc.code, body)}",
            exc.code in RETRY_STATUS,
        )
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, ConnectionRefusedError):
        return RemoteError(f"{where}: connection refused (is the server up?)", True)
    if isinstance(reason, TimeoutError | socket.timeout):
        return RemoteError(f"{where}: no answer within {timeout:g} s", True)
    if isinstance(reason, socket.gaierror):
        return RemoteError(f"{where}: unknown host")
    text = " ".join(str(reason).split()) or type(reason).__name__
    return RemoteError(f"{where}: {text}", isinstance(reason, OSError))


def _hint(status: int, body: bytes) -> str:
    if status in {401, 403}:
        return " (set KG_STORE_TOKEN, or KG_STORE_USER and KG_STORE_PASSWORD, or a ~/.netrc entry)"
    text = " ".join(body.decode("utf-8", "replace").split())
    return f": {text[:200]}" if text else ""
