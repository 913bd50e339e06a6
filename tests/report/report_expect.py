"""Expected counts, asked of the graph with rdflib (independently of kg_builder.report)."""

from __future__ import annotations

from graphhelp import select_rows
from rdflib import Dataset, Graph

PREFIXES = """
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
"""


def select(graph: Graph | Dataset, query: str) -> list[tuple[str, ...]]:
    return [
        tuple(str(v) if v is not None else "" for v in row)
        for row in select_rows(graph, PREFIXES + query)
    ]


def attacks(graph: Graph | Dataset) -> set[str]:
    return {row[0] for row in select(graph, "SELECT DISTINCT ?a WHERE { ?a a ckg:Attack }")}


def located(graph: Graph | Dataset) -> set[str]:
    query = """SELECT DISTINCT ?a WHERE {
        ?a a ckg:Attack ; ckg:location/geo:hasGeometry/geo:asWKT ?w }"""
    return {row[0] for row in select(graph, query)}


def attack_sources(graph: Graph | Dataset) -> set[tuple[str, str]]:
    """(attack, source label): the statement's source, else the article's publisher."""
    query = """SELECT DISTINCT ?a ?l WHERE {
        ?a a ckg:Attack ; ckg:reportedIn ?r .
        { ?r ckg:source/rdfs:label ?l }
        UNION { FILTER NOT EXISTS { ?r ckg:source ?s } ?r ckg:publisher/rdfs:label ?l }
    }"""
    return {(row[0], row[1]) for row in select(graph, query)}
