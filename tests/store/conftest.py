"""Fixtures of the store tests: real graphs built once, and real servers on free ports.

* ``built`` — the seed article and the five fixture articles built by the pipeline, written
  as TriG and as Turtle (once per session).
* ``oxigraph_server`` — ``oxigraph serve`` (PyPI ``oxigraph``) on a free loopback port.
* ``virtuoso_server`` — OpenLink Virtuoso (Debian ``virtuoso-opensource``; installed with
  apt-get when ``virtuoso-t`` is missing and we are root) with its own ``virtuoso.ini`` in a
  temporary directory, on free ports. Tests using it are marked ``virtuoso``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg_builder.config import Settings
from kg_builder.pipeline import Builder, build
from kg_builder.store.layout import scan_reports

REPO = Path(__file__).resolve().parents[2]
OXIGRAPH = Path(sys.executable).with_name("oxigraph")


@dataclass
class Built:
    trig: Path
    ttl: Path
    nt: Path
    reports: list[str]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, builder: Builder, settings: Settings) -> Built:
    """The seed and fixture articles, built once, in three formats."""
    folder = tmp_path_factory.mktemp("store-built")
    inputs = [REPO / "seeds", REPO / "tests" / "fixtures" / "articles"]
    paths = {}
    for suffix in ("trig", "ttl", "nt"):
        out = folder / f"articles.{suffix}"
        summary = build(inputs, out, settings, builder=builder)
        assert summary.built >= 5, summary.failed + summary.rejected
        paths[suffix] = out
    reports = sorted(scan_reports(paths["trig"], ox.RdfFormat.TRIG))
    return Built(paths["trig"], paths["ttl"], paths["nt"], reports)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_http(url: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up within {seconds} s")


@dataclass
class Server:
    name: str
    base: str
    store: str  # Graph Store Protocol endpoint
    update: str
    query: str
    process: subprocess.Popen[bytes]
    location: Path
    port: int

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def start_oxigraph(location: Path | None, port: int | None = None) -> Server:
    if not OXIGRAPH.exists():
        pytest.skip("the oxigraph server is not installed (pip install -e '.[dev]')")
    port = port or free_port()
    args = [str(OXIGRAPH), "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    if location is not None:
        args += ["--location", str(location)]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    server = Server(
        "oxigraph",
        base,
        f"{base}/store",
        f"{base}/update",
        f"{base}/query",
        process,
        location or Path(),
        port,
    )
    try:
        wait_http(f"{base}/query?query=ASK%7B%7D")
    except RuntimeError:
        server.stop()
        raise
    return server


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield server
    server.stop()


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {dir}
[HTTPServer]
ServerPort = {http_port}
ServerRoot = {dir}
ServerThreads = 10
MaxClientConnections = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 120
"""


def virtuoso_binary() -> str | None:
    found = shutil.which("virtuoso-t")
    if found:
        return found
    if os.environ.get("KG_TEST_NO_APT") or not shutil.which("apt-get") or os.geteuid() != 0:
        return None
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for args in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "virtuoso-opensource"],
    ):
        done = subprocess.run(args, env=env, capture_output=True, timeout=900, check=False)
        if done.returncode != 0:
            return None
    return shutil.which("virtuoso-t")


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    binary = virtuoso_binary()
    if binary is None:
        pytest.skip("virtuoso-t not found and could not be installed with apt-get")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
    process = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(ini)],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http_port}"
    server = Server(
        "virtuoso",
        base,
        f"{base}/sparql-graph-crud",
        f"{base}/sparql",
        f"{base}/sparql",
        process,
        folder,
        http_port,
    )
    try:
        isql = shutil.which("isql-vt") or shutil.which("isql")
        assert isql, "isql-vt not found"
        # the grants go in before any HTTP request: Virtuoso caches the SPARQL user's rights
        deadline = time.monotonic() + 90
        grants = 'GRANT SPARQL_UPDATE TO "SPARQL";'
        while True:
            done = subprocess.run(
                [isql, str(sql_port), "dba", "dba", f"exec={grants}"],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            if done.returncode == 0 and "Error" not in done.stderr:
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"virtuoso grants failed: {done.stderr.strip()[-300:]}")
            time.sleep(0.3)
        wait_http(f"{base}/sparql?query=ASK%7B%7D", 90)
    except Exception:
        server.stop()
        raise
    yield server
    server.stop()
