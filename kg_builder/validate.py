"""SHACL validation of a graph with the project's shapes (pySHACL)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph, Namespace
from rdflib.term import Node

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES_PATH = Path(__file__).resolve().parent.parent / "shapes" / "conflict.ttl"
PACKAGED_SHAPES = Path(__file__).resolve().parent / "data" / "shapes.ttl"


@dataclass
class ValidationOutcome:
    """Violations reject a graph; warnings (an attack with no place or date) do not."""

    conforms: bool
    violations: int
    warnings: int
    report: Graph
    #: one line per result: "Violation: <focus> <message>"
    messages: list[str]

    @property
    def rejected(self) -> bool:
        return self.violations > 0


TARGET_PREDICATES = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


@cache
def shapes_graph(path: str | None = None) -> Graph:
    """The shapes, from the repository's ``shapes/`` (or the copy shipped in the package).

    They are returned ready for pySHACL (``targeted_property_shapes``): the same checks
    and results as the file, validated several times faster.
    """
    source = Path(path) if path else SHAPES_PATH if SHAPES_PATH.exists() else PACKAGED_SHAPES
    graph = Graph()
    graph.parse(source, format="turtle")
    return targeted_property_shapes(graph)


def targeted_property_shapes(shapes: Graph) -> Graph:
    """A copy of ``shapes`` in which each property shape of a targeted node shape has that
    node shape's targets itself, in place of the node shape's ``sh:property`` link.

    SHACL gives both forms the same results (same focus nodes, source shapes, paths,
    severities and messages), but pySHACL validates a node shape's property shapes one
    focus node at a time, each call paying the shape's set-up, while a property shape
    with its own targets is validated for all its focus nodes at once. Node shapes that
    are closed (whose ``sh:property`` paths say which properties are allowed) or
    deactivated, and node shapes reached only through ``sh:node``, are left as written.
    """
    compiled = Graph()
    for prefix, namespace in shapes.namespaces():
        compiled.bind(prefix, namespace)
    for triple in shapes:
        compiled.add(triple)
    for node_shape in set(shapes.subjects(SH.property, None)):
        targets = [(p, o) for p in TARGET_PREDICATES for o in shapes.objects(node_shape, p)]
        if not targets or any(
            (node_shape, flag, None) in shapes for flag in (SH.closed, SH.deactivated)
        ):
            continue
        for property_shape in list(shapes.objects(node_shape, SH.property)):
            for predicate, target in targets:
                compiled.add((property_shape, predicate, target))
            compiled.remove((node_shape, SH.property, property_shape))
    return compiled


def _short(node: Node | None) -> str:
    return "" if node is None else str(node).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _message(report: Graph, result: Node) -> str:
    """One result as a line: "Violation: <focus> <message>"."""
    severity = report.value(result, SH.resultSeverity)
    focus = report.value(result, SH.focusNode)
    return f"{_short(severity)}: {_short(focus)}: {report.value(result, SH.resultMessage)}"


def validate_graph(data: Graph, shapes: Graph | None = None) -> ValidationOutcome:
    """Validate ``data``; counts results by severity and lists them one per line."""
    _, report, _ = shacl_validate(
        data,
        shacl_graph=shapes if shapes is not None else shapes_graph(),
        inference="none",
        allow_warnings=True,
    )
    assert isinstance(report, Graph)
    violations = warnings = 0
    messages: list[str] = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        if severity == SH.Violation:
            violations += 1
        elif severity == SH.Warning:
            warnings += 1
        messages.append(_message(report, result))
    return ValidationOutcome(violations == 0, violations, warnings, report, sorted(messages))


def validate_graphs(graphs: list[Graph], shapes: Graph | None = None) -> list[ValidationOutcome]:
    """Validate several documents' graphs: the same outcomes as ``validate_graph`` on each.

    pySHACL's cost per call dominates small graphs, so the documents are first validated
    together, in one union graph. Each result is traced to the one document whose graph
    holds its focus node as a subject. A document is validated on its own again when the
    union gives it a violation (the exact report for the rejected graph, and shared entity
    nodes can gather conflicting values from several documents only in the union) or when a
    result's focus node lies in several documents' graphs.
    """
    if len(graphs) < 2:
        return [validate_graph(g, shapes) for g in graphs]
    union = Graph(bind_namespaces="none")  # prefixes play no part in validation
    for graph in graphs:
        union.addN((s, p, o, union) for s, p, o in graph)
    together = validate_graph(union, shapes)
    owners: dict[Node, list[int]] = {}
    for index, graph in enumerate(graphs):
        for subject in set(graph.subjects()):
            owners.setdefault(subject, []).append(index)
    per_doc: list[list[tuple[Node, str]]] = [[] for _ in graphs]
    again: set[int] = set()
    for result in together.report.subjects(RDF.type, SH.ValidationResult):
        focus = together.report.value(result, SH.focusNode)
        severity = together.report.value(result, SH.resultSeverity)
        docs = owners.get(focus, []) if focus is not None else []
        if len(docs) != 1 or severity != SH.Warning:
            again.update(docs or range(len(graphs)))
            continue
        per_doc[docs[0]].append((result, _message(together.report, result)))
    outcomes: list[ValidationOutcome] = []
    for index, graph in enumerate(graphs):
        if index in again:
            outcomes.append(validate_graph(graph, shapes))
            continue
        report = Graph(bind_namespaces="none")
        for result, _ in per_doc[index]:
            for triple in together.report.triples((result, None, None)):
                report.add(triple)
        messages = sorted(message for _, message in per_doc[index])
        outcomes.append(ValidationOutcome(True, 0, len(messages), report, messages))
    return outcomes
