"""The ``report`` and ``export`` commands (added to the ``kg-builder`` app by ``register``)."""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

console = Console(stderr=True, soft_wrap=True)

GRAPH_HELP = "A graph file (.ttl .trig .nt .nq .jsonld) or an embedded store directory."


class ExportFormat(StrEnum):
    acled_csv = "acled-csv"
    geojson = "geojson"


def _load(graph: Path) -> list[object]:
    from kg_builder.report.data import ReportError, load_attacks

    try:
        with console.status(f"reading {graph}"):
            return list(load_attacks(graph))
    except ReportError as exc:
        console.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None


def report(
    graph: Annotated[Path, typer.Argument(help=GRAPH_HELP, show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path(
        "report.html"
    ),
    title: Annotated[str, typer.Option(help="The page's title.")] = "Conflict attacks",
) -> None:
    """Write one self-contained HTML report that works offline.

    A map of the attacks over country outlines, a timeline by week or month, a table per
    armed group, the conflicting casualty claims side by side, and each attack's evidence
    sentences and sources. Paginated and drawn lazily: usable with 50,000 attacks.
    """
    from kg_builder.report.data import AttackRecord
    from kg_builder.report.html import write_report

    started = time.perf_counter()
    attacks = [a for a in _load(graph) if isinstance(a, AttackRecord)]
    write_report(attacks, output, title=title, source=graph.name)
    located = sum(1 for a in attacks if a.place is not None and a.place.has_point)
    size = output.stat().st_size / 1_000_000
    Console(soft_wrap=True).print(
        f"{output}: {len(attacks)} attacks ({located} on the map), {size:.1f} MB, "
        f"{time.perf_counter() - started:.1f} s",
        highlight=False,
    )


def export(
    graph: Annotated[Path, typer.Argument(help=GRAPH_HELP, show_default=False)],
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="acled-csv: one row per attack per source, ACLED columns; "
            "geojson: a FeatureCollection of the attacks with coordinates.",
        ),
    ] = ExportFormat.acled_csv,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="The file to write (default attacks.csv/.geojson)."),
    ] = None,
) -> None:
    """Export the attacks for spreadsheets (ACLED-style CSV) or GIS (GeoJSON)."""
    from kg_builder.report.data import AttackRecord
    from kg_builder.report.export import export as run_export

    attacks = [a for a in _load(graph) if isinstance(a, AttackRecord)]
    if output is None:
        output = Path("attacks.csv" if fmt is ExportFormat.acled_csv else "attacks.geojson")
    written = run_export(attacks, fmt.value, output)
    unit = "rows" if fmt is ExportFormat.acled_csv else "features"
    Console(soft_wrap=True).print(
        f"{output}: {written} {unit} ({len(attacks)} attacks)", highlight=False
    )


def register(app: typer.Typer) -> None:
    """Add ``report`` and ``export`` to the command line."""
    app.command("report")(report)
    app.command("export")(export)
