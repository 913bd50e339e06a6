"""Wire the stages: ingest → nlp → extract → link → graph → validate → output.

Documents stream through in batches; each article's graph is validated on its own and
written at once (or set aside with its SHACL report), so memory does not grow with the
number of articles. A document that fails at any stage is listed with its reason and
the batch goes on.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from kg_builder.config import Settings
from kg_builder.extract.document import extract_document
from kg_builder.graph.build import document_graph
from kg_builder.graph.iris import Minter
from kg_builder.ingest import read_inputs
from kg_builder.knowledge.kb import KnowledgeBase, load_default_kb
from kg_builder.link.match import link_document
from kg_builder.model import Article, DocumentResult, EntityKind, IngestError
from kg_builder.nlp.pipeline import cached_pipeline
from kg_builder.output import GraphWriter, rejected_path, write_rejected
from kg_builder.validate import validate_graph


@dataclass
class BuildSummary:
    """What a build did, for the summary table and the exit code."""

    output: Path | None = None
    articles_read: int = 0
    built: int = 0
    failed: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    rejected_output: Path | None = None
    attacks: int = 0
    incomplete_attacks: int = 0
    warnings: int = 0
    statements: int = 0
    #: distinct entity IRIs per kind, and those linked to Wikidata
    entities: dict[str, set[str]] = field(default_factory=dict)
    linked: dict[str, set[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.rejected

    def count(self, kind: EntityKind) -> tuple[int, int]:
        return len(self.entities.get(kind.value, ())), len(self.linked.get(kind.value, ()))


@dataclass
class DocumentOutcome:
    """One article through every stage."""

    article: Article
    result: DocumentResult
    graph: Graph
    report_iri: URIRef
    violations: int
    warnings: int
    incomplete: int
    messages: list[str]
    report: Graph


def _batches(
    items: Iterable[Article | IngestError], size: int
) -> Iterator[list[Article | IngestError]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


class Builder:
    """Holds the loaded model and knowledge base; builds documents."""

    def __init__(self, settings: Settings, kb: KnowledgeBase | None = None) -> None:
        self.settings = settings
        self.nlp = cached_pipeline(settings.model)
        self.kb = kb or load_default_kb()

    def process(
        self, articles: Sequence[Article]
    ) -> Iterator[DocumentOutcome | tuple[Article, str]]:
        """Each article's outcome, or (article, reason) when a stage failed on it."""
        docs = self.nlp.pipe((a.text for a in articles), batch_size=self.settings.batch_size)
        for article, doc in zip(articles, docs, strict=True):
            try:
                yield self.finish(article, extract_document(article, doc))
            except Exception as exc:
                # one line: a parser's message may span several
                yield article, " ".join(f"{type(exc).__name__}: {exc}".split())

    def finish(self, article: Article, result: DocumentResult) -> DocumentOutcome:
        if self.settings.min_confidence > 0:
            result.attacks = [
                a for a in result.attacks if a.confidence >= self.settings.min_confidence
            ]
        result = link_document(result, self.kb)
        graph = document_graph(result, self.settings.base_iri)
        outcome = validate_graph(graph)
        return DocumentOutcome(
            article=article,
            result=result,
            graph=graph,
            report_iri=URIRef(Minter(self.settings.base_iri, article.id).report),
            violations=outcome.violations,
            warnings=outcome.warnings,
            incomplete=_incomplete_attacks(result),
            messages=outcome.messages,
            report=outcome.report,
        )


def _incomplete_attacks(result: DocumentResult) -> int:
    """Attacks the text gives no place or no date for (SHACL warnings, never rejections)."""
    return sum(
        1
        for a in result.attacks
        if a.location is None or (a.date is None and (a.start_date is None or a.end_date is None))
    )


def build(
    paths: Sequence[str | Path],
    output: Path,
    settings: Settings,
    on_document: Callable[[], None] | None = None,
    builder: Builder | None = None,
) -> BuildSummary:
    """Build the graph of every input into ``output``; see BuildSummary for what it reports."""
    builder = builder or Builder(settings)
    summary = BuildSummary(output=output)
    rejects_path = rejected_path(output)
    rejects: GraphWriter | None = None
    with GraphWriter(output) as writer:
        inputs = read_inputs(paths, max_bytes=settings.max_file_bytes)
        for batch in _batches(inputs, settings.batch_size):
            articles: list[Article] = []
            for item in batch:
                if isinstance(item, IngestError):
                    summary.failed.append(str(item))
                    if on_document:
                        on_document()
                else:
                    articles.append(item)
            summary.articles_read += len(articles)
            for outcome in builder.process(articles):
                if on_document:
                    on_document()
                if isinstance(outcome, tuple):
                    article, reason = outcome
                    summary.failed.append(f"{article.origin or article.id}: {reason}")
                    continue
                if outcome.violations:
                    if rejects is None:
                        rejects = GraphWriter(rejects_path)
                    write_rejected(rejects, outcome.report_iri, outcome.graph, outcome.report)
                    first = next((m for m in outcome.messages if m.startswith("Violation")), "")
                    summary.rejected.append(
                        f"{outcome.article.origin or outcome.article.id}: "
                        f"{outcome.violations} SHACL violation(s), e.g. {first}"
                    )
                    continue
                writer.write(outcome.graph, outcome.report_iri)
                _tally(summary, outcome, settings)
    if rejects is not None:
        rejects.close()
        summary.rejected_output = rejects_path
    elif rejects_path.exists():
        rejects_path.unlink()  # a stale file from an earlier run would mislead
    return summary


def _tally(summary: BuildSummary, outcome: DocumentOutcome, settings: Settings) -> None:
    summary.built += 1
    summary.attacks += len(outcome.result.attacks)
    summary.incomplete_attacks += outcome.incomplete
    summary.warnings += outcome.warnings
    summary.statements += len(outcome.result.claims)
    minter = Minter(settings.base_iri, outcome.article.id)
    for entity in outcome.result.entities:
        iri = minter.entity(entity)
        summary.entities.setdefault(entity.kind.value, set()).add(iri)
        if entity.qid:
            summary.linked.setdefault(entity.kind.value, set()).add(iri)
