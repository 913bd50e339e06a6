"""A local, read-only SPARQL 1.1 Protocol endpoint over the embedded store (wsgiref).

``GET /query?query=…`` and ``POST /query`` (form-encoded ``query=…``, or a body of type
``application/sparql-query``) answer queries over the union of the store's graphs; ``/sparql``
is the same endpoint. Updates are refused (403): the store is opened read-only. Results
are negotiated from ``Accept``: SPARQL JSON (the default), XML, CSV or TSV; CONSTRUCT and
DESCRIBE answer N-Triples or Turtle.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pyoxigraph as ox

StartResponse = Callable[..., Any]

RESULT_TYPES = [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("application/xml", ox.QueryResultsFormat.XML),
    ("text/csv", ox.QueryResultsFormat.CSV),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
]
GRAPH_TYPES = [
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("text/turtle", ox.RdfFormat.TURTLE),
]
MAX_BODY = 10_000_000


def _pick(accept: str, choices: list[tuple[str, Any]]) -> tuple[str, Any]:
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        for name, fmt in choices:
            if media == name:
                return name, fmt
    return choices[0]


def make_app(store: ox.Store) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    """The WSGI application answering queries on ``store``."""
    lock = threading.Lock()

    def reply(
        start: StartResponse, status: str, body: bytes, ctype: str = "text/plain; charset=utf-8"
    ) -> list[bytes]:
        start(status, [("Content-Type", ctype), ("Content-Length", str(len(body)))])
        return [body]

    def app(environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "/")
        method = environ.get("REQUEST_METHOD", "GET")
        if path not in {"/query", "/sparql", "/"}:
            return reply(start, "404 Not Found", b"not found: use /query\n")
        params = parse_qs(environ.get("QUERY_STRING", ""))
        ctype = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        query: str | None = params.get("query", [None])[0]
        if method == "POST":
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > MAX_BODY:
                return reply(start, "413 Payload Too Large", b"query too large\n")
            body = environ["wsgi.input"].read(length).decode("utf-8", "replace")
            if ctype == "application/sparql-update":
                return reply(start, "403 Forbidden", b"this endpoint is read-only\n")
            if ctype == "application/sparql-query":
                query = body
            else:
                form = parse_qs(body)
                if "update" in form:
                    return reply(start, "403 Forbidden", b"this endpoint is read-only\n")
                query = form.get("query", [query])[0]
        elif method not in {"GET", "HEAD"}:
            return reply(start, "405 Method Not Allowed", b"use GET or POST\n")
        if "update" in params:
            return reply(start, "403 Forbidden", b"this endpoint is read-only\n")
        if not query:
            return reply(start, "400 Bad Request", b"no query given\n")
        accept = environ.get("HTTP_ACCEPT", "")
        try:
            with lock:
                answer = store.query(query, use_default_graph_as_union=True)
                if isinstance(answer, ox.QuerySolutions | ox.QueryBoolean):
                    media, fmt = _pick(accept, RESULT_TYPES)
                    data = answer.serialize(format=fmt)
                else:
                    media, fmt = _pick(accept, GRAPH_TYPES)
                    data = ox.serialize(answer, format=fmt)
        except SyntaxError as exc:
            return reply(start, "400 Bad Request", f"bad query: {exc}\n".encode())
        except OSError as exc:
            return reply(start, "500 Internal Server Error", f"query failed: {exc}\n".encode())
        assert isinstance(data, bytes)
        return reply(start, "200 OK", data, f"{media}; charset=utf-8")

    return app


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def server(store: ox.Store, host: str = "127.0.0.1", port: int = 7878) -> WSGIServer:
    """A server (not yet serving) on ``host:port``; ``port=0`` picks a free one."""
    return make_server(host, port, make_app(store), handler_class=_QuietHandler)
