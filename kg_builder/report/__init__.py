"""Reports and exports of a built graph: an offline HTML report, ACLED CSV and GeoJSON."""

from kg_builder.report.data import AttackRecord, ReportError, load_attacks

__all__ = ["AttackRecord", "ReportError", "load_attacks"]
