"""The store commands of ``kg-builder``: load, query, queries, serve."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kg_builder.store.embedded import DEFAULT_STORE

console = Console(stderr=True)

StoreOption = Annotated[
    Path | None,
    typer.Option("--store", help=f"Embedded store directory (default ./{DEFAULT_STORE})."),
]
TimeoutOption = Annotated[float, typer.Option(help="Seconds to wait for a server's answer.")]
RetriesOption = Annotated[int, typer.Option(help="Retries (with back-off) of a failed request.")]


def _fail(message: str, code: int = 1) -> typer.Exit:
    console.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def load(
    inputs: Annotated[
        list[Path], typer.Argument(help="Graph files written by build (.ttl .trig .nt .nq).")
    ],
    store: StoreOption = None,
    endpoint: Annotated[
        str | None,
        typer.Option(
            help="A SPARQL 1.1 Graph Store Protocol endpoint (e.g. http://host:7878/store)."
        ),
    ] = None,
    update_endpoint: Annotated[
        str | None,
        typer.Option(help="A SPARQL 1.1 Update endpoint: load each batch as one atomic update."),
    ] = None,
    bulk: Annotated[
        bool,
        typer.Option(
            help="Oxigraph server only: drop the files' article graphs, then stream all quads "
            "in one POST ?no_transaction (fast, not atomic; a rerun completes a failed load)."
        ),
    ] = False,
    batch_size: Annotated[int, typer.Option(help="Triples per batch (remote loading).")] = 5000,
    timeout: TimeoutOption = 60.0,
    retries: RetriesOption = 3,
    ontology: Annotated[
        bool, typer.Option(help="Also load the ontology into its own graph.")
    ] = True,
) -> None:
    """Load graph files into the embedded store, or into a SPARQL server.

    Each article goes to its own named graph (its Report IRI), replacing what an earlier load
    put there; shared entity descriptions go to the entities graph. Loading the same input
    twice leaves the store unchanged.
    """
    from kg_builder.store.embedded import LoadReport, load_file, load_ontology, open_store
    from kg_builder.store.layout import LoadError
    from kg_builder.store.remote import Endpoints, RemoteError, RemoteStore

    if store is not None and (endpoint or update_endpoint):
        raise _fail("give either --store or --endpoint/--update-endpoint, not both", 2)
    if bulk and not endpoint:
        raise _fail("--bulk needs --endpoint (the server's Graph Store Protocol endpoint)", 2)
    reports: list[tuple[Path, LoadReport]] = []
    try:
        if endpoint or update_endpoint:
            remote = RemoteStore(
                Endpoints(store=endpoint, update=update_endpoint),
                timeout=timeout,
                retries=retries,
                batch_size=batch_size,
            )
            target = endpoint or update_endpoint
            if ontology:
                remote.load_ontology()
            for path in inputs:
                reports.append((path, remote.load_file(path, bulk=bulk)))
                if not reports[-1][1].ok:
                    break
            remote.close()
        else:
            target = str(store or DEFAULT_STORE)
            embedded = open_store(store or DEFAULT_STORE)
            if ontology:
                load_ontology(embedded)
            for path in inputs:
                reports.append((path, load_file(embedded, path)))
            embedded.flush()
    except (LoadError, RemoteError) as exc:
        raise _fail(str(exc)) from None
    failed = False
    for path, report in reports:
        Console().print(
            f"{path}: {report.triples} triples, {len(report.articles)} articles → {target}",
            highlight=False,
        )
        for articles, reason in report.failed:
            failed = True
            console.print(f"[red]failed batch[/red] {reason}", highlight=False, soft_wrap=True)
            for article in articles:
                console.print(f"  not loaded: {article}", highlight=False, soft_wrap=True)
    if failed:
        console.print("rerun the same command to load them (nothing is duplicated)")
        raise typer.Exit(1)


def query(
    name: Annotated[
        str, typer.Argument(help="A shipped query name (see `queries`) or a .rq file.")
    ],
    store: StoreOption = None,
    endpoint: Annotated[
        str | None, typer.Option(help="A SPARQL query endpoint (e.g. http://host:7878/query).")
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="NAME=VALUE, e.g. country=wd:Q858 (repeatable)."),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="table, csv or json.")
    ] = "table",
    timeout: TimeoutOption = 60.0,
    retries: RetriesOption = 3,
) -> None:
    """Run a named query (or a .rq file) on the embedded store or a SPARQL endpoint."""
    from kg_builder.store.embedded import open_store, run_query
    from kg_builder.store.layout import LoadError
    from kg_builder.store.queries import QueryError, bind, find_query, parse_params
    from kg_builder.store.remote import Endpoints, RemoteError, RemoteStore

    if output_format not in {"table", "csv", "json"}:
        raise _fail(f"unknown format {output_format!r} (table, csv or json)", 2)
    if store is not None and endpoint:
        raise _fail("give either --store or --endpoint, not both", 2)
    try:
        named = find_query(name)
        text = bind(named, parse_params(param or []))
        if endpoint:
            results = RemoteStore(
                Endpoints(query=endpoint), timeout=timeout, retries=retries
            ).query(text)
        else:
            results = run_query(open_store(store or DEFAULT_STORE, read_only=True), text)
    except (QueryError, LoadError, RemoteError) as exc:
        raise _fail(str(exc)) from None
    if output_format == "json":
        sys.stdout.write(results.dumps() + "\n")
    elif output_format == "csv":
        sys.stdout.write(results.to_csv())
    else:
        _print_table(named.name, results)


def _print_table(title: str, results: object) -> None:
    from kg_builder.store.queries import Results, compact

    assert isinstance(results, Results)
    if results.boolean is not None:
        Console().print(str(results.boolean).lower())
        return
    table = Table(title=f"{title} ({len(results.rows)} rows)")
    for var in results.variables:
        table.add_column(var, overflow="fold")
    for row in results.values():
        table.add_row(*("" if v is None else compact(v) for v in row))
    Console().print(table)


def queries() -> None:
    """List the shipped queries with what they answer and their parameters."""
    from kg_builder.store.queries import list_queries

    table = Table(title="shipped queries (kg-builder query NAME --param NAME=VALUE)")
    table.add_column("name", no_wrap=True)
    table.add_column("what it answers")
    table.add_column("parameters")
    for named in list_queries():
        params = ", ".join(
            f"{p.name} ({p.type}{', default ' + p.default if p.default else ''})"
            for p in named.parameters
        )
        table.add_row(named.name, named.description, params or "—")
    Console().print(table)


def serve(
    store: StoreOption = None,
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 7878,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
) -> None:
    """Serve the embedded store as a read-only SPARQL endpoint (http://HOST:PORT/query)."""
    from kg_builder.store.embedded import open_store
    from kg_builder.store.layout import LoadError
    from kg_builder.store.serve import server

    try:
        httpd = server(open_store(store or DEFAULT_STORE, read_only=True), host, port)
    except (LoadError, OSError) as exc:
        raise _fail(str(exc)) from None
    console.print(f"SPARQL endpoint (read-only): http://{host}:{httpd.server_port}/query")
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()


def register(app: typer.Typer) -> None:
    """Add the store commands to the ``kg-builder`` app."""
    app.command()(load)
    app.command()(query)
    app.command()(queries)
    app.command()(serve)
