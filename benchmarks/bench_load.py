"""Loading speed: generated graphs shaped like real output, loaded into the stores.

    python benchmarks/bench_load.py                      # 1M and 2M triples
    python benchmarks/bench_load.py --sizes 1000000 --keep /tmp/bench

For each size it writes the graph as N-Triples and Turtle (kg_builder.store.synthetic: many
articles, attacks, statements and shared entities following the IRI scheme), then measures,
each in a fresh process (so peak memory is the loader's own):

* rdflib parsing the Turtle file (the reference rate);
* ``kg-builder load`` into the embedded store (pyoxigraph bulk load) from .nt and from .ttl;
* ``kg-builder load --endpoint`` into an Oxigraph server started for the run (Graph Store
  Protocol, batches of 20,000 triples), ``kg-builder load --endpoint --bulk`` into a fresh
  server (drop the articles' graphs, then one streamed ``POST /store?no_transaction`` of
  the routed N-Quads) and, for reference, one streamed HTTP POST of the whole N-Triples
  file to the server (transactional).

Rates are triples per second; ratios compare with rdflib's Turtle parse rate in the same
run. Results are printed as a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
kind, path, target = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
start = time.perf_counter()
if kind == "rdflib":
    import rdflib
    graph = rdflib.Graph()
    graph.parse(path, format="turtle")
    triples = len(graph)
elif kind == "embedded":
    from kg_builder.store.embedded import load_file, open_store
    store = open_store(target)
    triples = load_file(store, path).triples
    store.flush()
elif kind in {"server", "bulk"}:
    from kg_builder.store.remote import Endpoints, RemoteStore
    remote = RemoteStore(Endpoints(store=target), batch_size=20_000, timeout=600)
    report = remote.load_file(path, bulk=kind == "bulk")
    assert report.ok, report.failed
    triples = report.triples
elif kind == "post":
    import http.client
    from urllib.parse import urlsplit
    url = urlsplit(target)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    with path.open("rb") as body:
        conn.request("POST", url.path + "?" + url.query, body=body,
                     headers={"Content-Type": "application/n-triples"}, encode_chunked=True)
        response = conn.getresponse()
        response.read()
        assert response.status < 300, response.status
    triples = sum(1 for _ in path.open("rb"))
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"triples": triples, "seconds": seconds, "peak_mb": peak}))
"""


def child(kind: str, path: Path, target: str = "") -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(path), target],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    result["rate"] = result["triples"] / result["seconds"]
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def oxigraph_server(location: Path) -> tuple[subprocess.Popen[bytes], str]:
    binary = Path(sys.executable).with_name("oxigraph")
    port = free_port()
    process = subprocess.Popen(
        [str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2):
                break
        except OSError:
            time.sleep(0.1)
    return process, base


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(30)


def run(sizes: list[int], work: Path) -> list[dict[str, object]]:
    from kg_builder.store import synthetic

    rows: list[dict[str, object]] = []
    for size in sizes:
        nt, ttl = work / f"graph-{size}.nt", work / f"graph-{size}.ttl"
        triples, articles = synthetic.write(nt, size)
        synthetic.write(ttl, size)
        print(f"{size}: {triples} triples, {articles} articles", file=sys.stderr)
        reference = child("rdflib", ttl)
        results = {"rdflib Turtle parse (reference)": reference}
        results["embedded store, from .nt"] = child("embedded", nt, str(work / f"store-nt-{size}"))
        results["embedded store, from .ttl"] = child(
            "embedded", ttl, str(work / f"store-ttl-{size}")
        )
        process, base = oxigraph_server(work / f"oxigraph-{size}")
        try:
            results["Oxigraph server, kg-builder load (Graph Store Protocol)"] = child(
                "server", nt, f"{base}/store"
            )
        finally:
            stop(process)
        process, base = oxigraph_server(work / f"oxigraph-bulk-{size}")
        try:
            results["Oxigraph server, kg-builder load --bulk (POST ?no_transaction)"] = child(
                "bulk", nt, f"{base}/store"
            )
        finally:
            stop(process)
        process, base = oxigraph_server(work / f"oxigraph-post-{size}")
        try:
            results["Oxigraph server, one streamed POST of the .nt"] = child(
                "post", nt, f"{base}/store?graph=https://w3id.org/conflict-kg/id/graph/bench"
            )
        finally:
            stop(process)
        for name, result in results.items():
            rows.append(
                {
                    "size": triples,
                    "what": name,
                    "seconds": result["seconds"],
                    "rate": result["rate"],
                    "ratio": result["rate"] / reference["rate"],
                    "peak_mb": result["peak_mb"],
                }
            )
            print(
                f"  {name}: {result['rate']:,.0f} triples/s, {result['peak_mb']:.0f} MB",
                file=sys.stderr,
            )
        for path in (nt, ttl):
            path.unlink()
    return rows


def markdown(rows: list[dict[str, object]]) -> str:
    lines = [
        "| triples | loader | seconds | triples/s | × rdflib parse | peak memory (MB) |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['size']:,} | {row['what']} | {row['seconds']:.1f} | {row['rate']:,.0f} "
            f"| {row['ratio']:.2f} | {row['peak_mb']:.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 2_000_000])
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-load-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        rows = run(args.sizes, work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    cores = len(__import__("os").sched_getaffinity(0))
    print(f"machine: {platform.machine()}, {cores} cores, Python {platform.python_version()}")
    print(markdown(rows))


if __name__ == "__main__":
    main()
