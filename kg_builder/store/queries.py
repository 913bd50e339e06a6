"""Named analyst queries (``queries/*.rq``), safe parameter binding, and query results.

A query file starts with a comment header: its first line says what it answers, and each
parameter is declared on a line ``# @param NAME TYPE [default=VALUE]  what it is`` with TYPE
one of ``iri``, ``string``, ``date``, ``integer`` or ``service``. In the query a parameter
is a line ``VALUES ?NAME { UNDEF }`` or, where a VALUES block cannot go (inside a
``SERVICE`` on Virtuoso), a line ``FILTER(?NAME = UNDEF)``: binding replaces ``UNDEF``
with the value written as one SPARQL term (an IRI checked against the IRIREF grammar, a
literal escaped), or drops the line when the parameter is not given (the query then runs
for every value). A ``service`` parameter replaces the endpoint IRI of the query's
``SERVICE <default>``. Nothing of a value is ever pasted into the query text but that one
term.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

QUERY_DIR = Path(__file__).resolve().parents[2] / "queries"

PREFIXES = {
    "ckg": "https://w3id.org/conflict-kg/ontology#",
    "wd": "http://www.wikidata.org/entity/",
    "wdt": "http://www.wikidata.org/prop/direct/",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
XSD = PREFIXES["xsd"]
TYPES = ("iri", "string", "date", "integer", "service")

_PARAM = re.compile(
    r"^#\s*@param\s+(?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)"
    r"(?:\s+default=(?P<default>\S+))?(?:\s+(?P<doc>.*))?$"
)
_VALUES = re.compile(r"^(?P<indent>\s*)VALUES\s+\?(?P<name>[A-Za-z_]\w*)\s*\{\s*UNDEF\s*\}\s*$")
_FILTER = re.compile(r"^(?P<indent>\s*)FILTER\s*\(\s*\?(?P<name>[A-Za-z_]\w*)\s*=\s*UNDEF\s*\)\s*$")
#: RFC 3987-ish absolute IRI as SPARQL's IRIREF allows it: no spaces, controls, <>"{}|^`\
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|^`\\]*$")
_PNAME = re.compile(r"^(?P<prefix>[A-Za-z][\w\-]*):(?P<local>[A-Za-z0-9_][\w\-./]*)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class QueryError(ValueError):
    """A one-line reason a query cannot be run (unknown name, bad parameter, …)."""


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None = None
    doc: str = ""


@dataclass
class NamedQuery:
    name: str
    path: Path | None
    text: str
    description: str = ""
    parameters: list[Parameter] = field(default_factory=list)

    @classmethod
    def parse(cls, text: str, name: str = "query", path: Path | None = None) -> NamedQuery:
        description: list[str] = []
        params: list[Parameter] = []
        for line in text.splitlines():
            stripped = line.strip()
            if not stripped.startswith("#"):
                break
            match = _PARAM.match(stripped)
            if match:
                kind = match["type"]
                if kind not in TYPES:
                    raise QueryError(f"{name}: parameter {match['name']} has unknown type {kind}")
                params.append(
                    Parameter(match["name"], kind, match["default"], (match["doc"] or "").strip())
                )
            elif not params:
                description.append(stripped.lstrip("#").strip())
        first = next((line for line in description if line), "").split(": ")[0].rstrip(".")
        return cls(name=name, path=path, text=text, description=first, parameters=params)

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


def list_queries(directory: Path = QUERY_DIR) -> list[NamedQuery]:
    """The shipped queries, by name."""
    return [
        NamedQuery.parse(path.read_text(encoding="utf-8"), path.stem, path)
        for path in sorted(directory.glob("*.rq"))
    ]


def find_query(name_or_path: str, directory: Path = QUERY_DIR) -> NamedQuery:
    """A shipped query by name, or a query file by path."""
    path = Path(name_or_path)
    if path.suffix in {".rq", ".sparql"} or path.is_file():
        if not path.is_file():
            raise QueryError(f"{path}: no such query file")
        return NamedQuery.parse(path.read_text(encoding="utf-8"), path.stem, path)
    shipped = directory / f"{name_or_path}.rq"
    if not shipped.is_file():
        known = ", ".join(q.name for q in list_queries(directory))
        raise QueryError(f"no query named {name_or_path!r} (known: {known})")
    return NamedQuery.parse(shipped.read_text(encoding="utf-8"), name_or_path, shipped)


# ----------------------------------------------------------------------------- terms


def iri_term(value: str) -> str:
    """``<iri>`` for an IRI, ``<…>``, or a prefixed name with a known prefix."""
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    else:
        match = _PNAME.match(value)
        if match and match["prefix"] in PREFIXES:
            value = PREFIXES[match["prefix"]] + match["local"]
    if not _IRI.match(value):
        raise QueryError(f"not an IRI (or one with characters an IRI cannot hold): {value!r}")
    return f"<{value}>"


def string_term(value: str) -> str:
    """A SPARQL string literal holding exactly ``value``."""
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def term(value: str, kind: str) -> str:
    """``value`` as one SPARQL term of the parameter type ``kind``."""
    if kind in {"iri", "service"}:
        return iri_term(value)
    if kind == "date":
        if not _DATE.match(value.strip()):
            raise QueryError(f"not a date (YYYY-MM-DD): {value!r}")
        return f'"{value.strip()}"^^<{XSD}date>'
    if kind == "integer":
        try:
            number = int(value.strip())
        except ValueError:
            raise QueryError(f"not an integer: {value!r}") from None
        return f'"{number}"^^<{XSD}integer>'
    return string_term(value)


def _guess_kind(value: str) -> str:
    if _DATE.match(value):
        return "date"
    if re.fullmatch(r"-?\d+", value):
        return "integer"
    if value.startswith("<") or (
        (m := _PNAME.match(value)) is not None and m["prefix"] in PREFIXES
    ):
        return "iri"
    if re.match(r"^https?://", value):
        return "iri"
    return "string"


def bind(query: NamedQuery, values: dict[str, str]) -> str:
    """The query text with its parameters bound (see the module docstring)."""
    placeholders = {
        m["name"] for line in query.text.splitlines() if (m := _placeholder(line)) is not None
    }
    declared = {p.name: p for p in query.parameters}
    for name in values:
        if name not in placeholders and name not in declared:
            known = ", ".join(sorted(placeholders | set(declared))) or "none"
            raise QueryError(f"{query.name}: no parameter {name!r} (parameters: {known})")
    text = query.text
    for service in query.parameters:
        if service.type == "service":
            value = values.get(service.name)
            if value is not None and service.default:
                old = f"SERVICE {iri_term(service.default)}"
                text = text.replace(old, f"SERVICE {iri_term(value)}")
    lines = []
    for line in text.splitlines():
        match = _placeholder(line)
        if match is None:
            lines.append(line)
            continue
        name = match["name"]
        param = declared.get(name)
        value = values.get(name, param.default if param else None)
        if value is None:
            lines.append(f"{match['indent']}# ?{name}: not bound")
            continue
        kind = param.type if param else _guess_kind(value)
        if match.re is _FILTER:
            lines.append(f"{match['indent']}FILTER(?{name} = {term(value, kind)})")
        else:
            lines.append(f"{match['indent']}VALUES ?{name} {{ {term(value, kind)} }}")
    return "\n".join(lines) + "\n"


def _placeholder(line: str) -> re.Match[str] | None:
    """A parameter line: ``VALUES ?NAME { UNDEF }`` or ``FILTER(?NAME = UNDEF)``."""
    return _VALUES.match(line) or _FILTER.match(line)


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``name=value`` pairs (from ``--param``)."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param wants NAME=VALUE, got {pair!r}")
        values[name.strip()] = value
    return values


# ----------------------------------------------------------------------------- results


@dataclass
class Results:
    """A query's answer in the SPARQL 1.1 JSON results shape."""

    variables: list[str]
    rows: list[dict[str, dict[str, str]]]
    boolean: bool | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Results:
        if "boolean" in data:
            return cls([], [], bool(data["boolean"]))
        return cls(list(data["head"].get("vars", [])), list(data["results"]["bindings"]))

    def to_json(self) -> dict[str, Any]:
        if self.boolean is not None:
            return {"head": {}, "boolean": self.boolean}
        return {"head": {"vars": self.variables}, "results": {"bindings": self.rows}}

    def values(self) -> list[list[str | None]]:
        """Each row as plain strings (IRIs, literal values), None where unbound."""
        return [
            [row[v]["value"] if v in row else None for v in self.variables] for row in self.rows
        ]

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        if self.boolean is not None:
            writer.writerow(["boolean"])
            writer.writerow([str(self.boolean).lower()])
            return out.getvalue()
        writer.writerow(self.variables)
        for row in self.values():
            writer.writerow(["" if v is None else v for v in row])
        return out.getvalue()

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1)


def compact(iri: str) -> str:
    """``ckg:Attack`` for a known namespace (``id:`` for the default data base), else the IRI."""
    for prefix, namespace in {**PREFIXES, "id": "https://w3id.org/conflict-kg/id/"}.items():
        if iri.startswith(namespace) and _PNAME.match(f"{prefix}:{iri[len(namespace) :]}"):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri
