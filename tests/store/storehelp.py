"""Helpers of the store tests: store contents and query answers in comparable form."""

from __future__ import annotations

from contextlib import suppress
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from kg_builder.store.queries import Results

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {"integer", "decimal", "double", "float", "nonNegativeInteger", "int", "long"}


def dump(store: ox.Store) -> set[str]:
    """Every quad of a store, as N-Quads lines."""
    return {str(quad) for quad in store}


def graph_of(store: ox.Store, name: str) -> set[str]:
    return {
        f"{q.subject} {q.predicate} {q.object}"
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name))
    }


def normalise(results: Results) -> list[tuple[object, ...]]:
    """Rows as sorted tuples of (kind, value); numbers compared by value."""
    rows = []
    for row in results.rows:
        values: list[object] = []
        for var in results.variables:
            term = row.get(var)
            if term is None:
                values.append(None)
                continue
            value = term["value"]
            datatype = term.get("datatype", "")
            if datatype.startswith(XSD) and datatype[len(XSD) :] in NUMERIC:
                with suppress(InvalidOperation):
                    value = format(Decimal(value).normalize(), "f")
            kind = "literal" if term["type"] in {"literal", "typed-literal"} else term["type"]
            values.append((kind, value))
        rows.append(tuple(values))
    return sorted(rows, key=repr)
