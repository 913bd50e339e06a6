"""Real local servers for the online-linking tests: Oxigraph, a counting proxy, a failing server.

Nothing here is a mock: each is a process or thread answering HTTP on a loopback port.
"""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "wikidata-mini.ttl"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` CLI of the virtualenv running the tests (PyPI ``oxigraph``)."""
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.is_file() else shutil.which("oxigraph")


@contextmanager
def oxigraph_server(data_dir: Path, fixture: Path = FIXTURE) -> Iterator[str]:
    """``oxigraph serve`` on a free loopback port, loaded with ``fixture``; yields the query URL."""
    binary = oxigraph_binary()
    if binary is None:
        raise RuntimeError("oxigraph CLI not installed (pip install oxigraph==0.5.13)")
    subprocess.run(
        [binary, "load", "--location", str(data_dir), "--file", str(fixture)],
        check=True,
        capture_output=True,
    )
    port = free_port()
    log = (data_dir.parent / f"oxigraph-{port}.log").open("wb")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(data_dir), "--bind", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                probe = f"{url}?query=ASK%7B%7D"
                with urllib.request.urlopen(probe, timeout=1):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("oxigraph did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    hits: int = 0
    target: str = ""
    delay: float = 0.0
    status: int = 200


class _Proxy(http.server.BaseHTTPRequestHandler):
    """Forwards each request to ``server.target`` and counts it."""

    server: _Server

    def _forward(self) -> None:
        self.server.hits += 1
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        query = self.path.partition("?")[2]
        url = self.server.target + (f"?{query}" if query else "")
        request = urllib.request.Request(url, data=body, method=self.command)
        for name in ("Content-Type", "Accept", "User-Agent"):
            if self.headers.get(name):
                request.add_header(name, self.headers[name])
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                status, headers, payload = answer.status, answer.headers, answer.read()
        except urllib.error.HTTPError as exc:
            status, headers, payload = exc.code, exc.headers, exc.read()
        self.send_response(status)
        self.send_header("Content-Type", headers.get("Content-Type", "text/plain"))
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = _forward
    do_POST = _forward

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Failing(http.server.BaseHTTPRequestHandler):
    """Answers every request with ``server.status`` after ``server.delay`` seconds."""

    server: _Server

    def _answer(self) -> None:
        self.server.hits += 1
        if self.server.delay:
            time.sleep(self.server.delay)
        body = b"internal error"
        try:
            self.send_response(self.server.status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up (timeout)

    do_GET = _answer
    do_POST = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def _serve(handler: type[http.server.BaseHTTPRequestHandler], **attrs: object) -> Iterator[_Server]:
    server = _Server(("127.0.0.1", 0), handler)
    for key, value in attrs.items():
        setattr(server, key, value)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def counting_proxy(target: str) -> Iterator[_Server]:
    """A loopback HTTP proxy in front of ``target``; ``server.hits`` counts requests."""
    with _serve(_Proxy, target=target) as server:
        yield server


@contextmanager
def failing_server(status: int = 500, delay: float = 0.0) -> Iterator[_Server]:
    """A loopback server that answers ``status`` (after ``delay`` s: a hang) to everything."""
    with _serve(_Failing, status=status, delay=delay) as server:
        yield server


def url_of(server: _Server) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}/sparql"
