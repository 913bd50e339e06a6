"""Wire the stages: ingest → nlp → extract → link → graph → validate → output.

Documents stream through in batches; each article's graph is validated on its own and
written at once (or set aside with its SHACL report), so memory does not grow with the
number of articles. A document that fails at any stage is listed with its reason and
the batch goes on.

The documents are built here, in ``workers`` processes on this machine, or on a Dask
cluster (:mod:`kg_builder.distributed`); whichever, the parent writes them in input order.
With ``resume`` the documents an earlier, interrupted build wrote (same id, same input:
see :func:`article_digest`) are kept and skipped, and the rest are built and appended.
"""

from __future__ import annotations

import collections
import contextlib
import gc
import hashlib
import itertools
import json
import multiprocessing
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from kg_builder.config import Settings
from kg_builder.extract import dates, relevance
from kg_builder.extract.document import extract_document
from kg_builder.graph.build import document_graph
from kg_builder.graph.iris import Minter
from kg_builder.ingest import read_inputs
from kg_builder.knowledge.kb import KnowledgeBase, load_default_kb
from kg_builder.link.match import link_document
from kg_builder.link.online import OnlineLinker
from kg_builder.model import Article, DocumentResult, EntityKind, IngestError
from kg_builder.nlp.pipeline import cached_pipeline
from kg_builder.output import Chunk, GraphWriter, rejected_path, render, render_rejected
from kg_builder.validate import ValidationOutcome, validate_graph, validate_graphs


@dataclass
class BuildSummary:
    """What a build did, for the summary table and the exit code."""

    output: Path | None = None
    articles_read: int = 0
    built: int = 0
    #: documents an earlier build wrote that ``--resume`` kept (not counted in ``built``)
    resumed: int = 0
    failed: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    rejected_output: Path | None = None
    attacks: int = 0
    incomplete_attacks: int = 0
    #: attacks below the confidence threshold, left out of the graph
    unconfident_attacks: int = 0
    #: the threshold applied
    min_confidence: float = 0.0
    warnings: int = 0
    statements: int = 0
    #: what went wrong with online look-ups (the build goes on; those names stay unlinked)
    online_warnings: list[str] = field(default_factory=list)
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


def article_digest(article: Article, settings: Settings) -> str:
    """sha256 of what a document's graph is made from: its text, its metadata, and the
    settings that change a graph (so a build with other settings rebuilds it)."""
    published = article.published.isoformat() if article.published is not None else None
    material = [
        article.id,
        article.text,
        article.title,
        published,
        article.publisher,
        article.url,
        settings.model,
        settings.base_iri,
        settings.min_confidence,
        settings.wikidata_endpoint,
    ]
    return hashlib.sha256(json.dumps(material).encode("utf-8")).hexdigest()


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
        self.min_confidence = confidence_threshold(settings)
        self.nlp = cached_pipeline(settings.model)
        self.kb = kb or load_default_kb()
        # loaded now what linking and extraction would load with the first document, so
        # that a build's time is its documents' (the pipeline loads the true-caser's own)
        self.kb.preload()
        dates.preload()
        self.online: OnlineLinker | None = None
        if settings.wikidata_endpoint:
            self.online = OnlineLinker(
                settings.wikidata_endpoint, cache_dir=Path(settings.cache_dir), kb=self.kb
            )

    def process(
        self, articles: Sequence[Article]
    ) -> Iterator[DocumentOutcome | tuple[Article, str]]:
        """Each article's outcome, or (article, reason) when a stage failed on it."""
        docs = self.nlp.pipe((a.text for a in articles), batch_size=self.settings.batch_size)
        built: dict[int, tuple[DocumentResult, Graph]] = {}
        failures: dict[int, str] = {}
        for index, (article, doc) in enumerate(zip(articles, docs, strict=True)):
            try:
                built[index] = self.prepare(article, extract_document(article, doc))
            except Exception as exc:
                failures[index] = _one_line(exc)
        order = sorted(built)
        try:
            checked = dict(zip(order, validate_graphs([built[i][1] for i in order]), strict=True))
        except Exception:
            checked = {}  # validated one by one below, so that the document at fault is named
        for index, article in enumerate(articles):
            if index in failures:
                yield article, failures[index]
                continue
            result, graph = built[index]
            try:
                outcome = checked.get(index) or validate_graph(graph)
            except Exception as exc:
                yield article, _one_line(exc)
                continue
            yield self._outcome(article, result, graph, outcome)

    def prepare(self, article: Article, result: DocumentResult) -> tuple[DocumentResult, Graph]:
        """Filter, link and build the graph of one article's result (not validated yet)."""
        if self.min_confidence > 0:
            found = len(result.attacks)
            result.attacks = [a for a in result.attacks if a.confidence >= self.min_confidence]
            result.unconfident_attacks = found - len(result.attacks)
        result = link_document(result, self.kb)
        if self.online is not None:
            result = self.online.link_missing(result)
        return result, document_graph(result, self.settings.base_iri)

    def finish(self, article: Article, result: DocumentResult) -> DocumentOutcome:
        """One article's outcome: linked, built and validated."""
        result, graph = self.prepare(article, result)
        return self._outcome(article, result, graph, validate_graph(graph))

    def _outcome(
        self, article: Article, result: DocumentResult, graph: Graph, outcome: ValidationOutcome
    ) -> DocumentOutcome:
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


def confidence_threshold(settings: Settings) -> float:
    """Attacks below this confidence are left out: the settings' own, or by default the
    threshold the relevance model's cross-validation on its training data favours."""
    if settings.min_confidence is not None:
        return settings.min_confidence
    return relevance.load_model().suggested_threshold


def _one_line(exc: Exception) -> str:
    """An error as one line: a parser's message may span several."""
    return " ".join(f"{type(exc).__name__}: {exc}".split())


def _incomplete_attacks(result: DocumentResult) -> int:
    """Attacks the text gives no place or no date for (SHACL warnings, never rejections)."""
    return sum(
        1
        for a in result.attacks
        if a.location is None or (a.date is None and (a.start_date is None or a.end_date is None))
    )


@dataclass
class Processed:
    """What the writer needs of one document: rendered text and counts, no graphs.

    Made in the process that built the document, so that with ``--workers`` the parent
    only writes text.
    """

    label: str  # origin or id, for messages
    failure: str | None = None
    #: the article's id and :func:`article_digest`, for the manifest of ``--resume``
    doc_id: str = ""
    digest: str = ""
    chunk: Chunk | None = None
    rejected: tuple[Chunk, Chunk] | None = None
    rejection: str = ""
    attacks: int = 0
    incomplete: int = 0
    unconfident: int = 0
    warnings: int = 0
    statements: int = 0
    #: (kind, IRI, linked) of every entity
    entities: list[tuple[str, str, bool]] = field(default_factory=list)
    #: the document's graph as N-Triples, when a store is to be loaded as well
    ntriples: str | None = None
    #: warnings of the online look-ups made for this document
    warnings_online: list[str] = field(default_factory=list)
    report_iri: str = ""


def _processed(outcome: DocumentOutcome, settings: Settings, fmt: str, keep_nt: bool) -> Processed:
    label = outcome.article.origin or outcome.article.id
    if outcome.violations:
        first = next((m for m in outcome.messages if m.startswith("Violation")), "")
        return Processed(
            label=label,
            rejected=render_rejected(outcome.report_iri, outcome.graph, outcome.report),
            rejection=f"{label}: {outcome.violations} SHACL violation(s), e.g. {first}",
        )
    minter = Minter(settings.base_iri, outcome.article.id)
    return Processed(
        label=label,
        chunk=render(fmt, outcome.graph, outcome.report_iri),
        attacks=len(outcome.result.attacks),
        incomplete=outcome.incomplete,
        unconfident=outcome.result.unconfident_attacks,
        warnings=outcome.warnings,
        statements=len(outcome.result.claims),
        entities=[
            (e.kind.value, minter.entity(e), e.qid is not None) for e in outcome.result.entities
        ],
        ntriples=outcome.graph.serialize(format="nt") if keep_nt else None,
        report_iri=str(outcome.report_iri),
    )


def _process_batch(
    builder: Builder, articles: list[Article], fmt: str, keep_nt: bool
) -> list[Processed]:
    done: list[Processed] = []
    for outcome in builder.process(articles):
        if isinstance(outcome, tuple):
            article, reason = outcome
            done.append(Processed(label=article.origin or article.id, failure=reason))
        else:
            article = outcome.article
            done.append(_processed(outcome, builder.settings, fmt, keep_nt))
        done[-1].doc_id = article.id
        done[-1].digest = article_digest(article, builder.settings)
        if builder.online is not None:
            done[-1].warnings_online = builder.online.drain_warnings()
    return done


# --- worker processes: each loads the model and knowledge base once ---------------------

_WORKER: Builder | None = None


#: the youngest generation is collected every this many allocations during a build (700 by
#: Python's default); at 10,000 the test of flat memory over a long stream fails, at 2,000
#: memory grows no more than by default
BUILD_GC_THRESHOLD = 2_000


def _fewer_collections() -> tuple[int, int, int]:
    """Tune the cyclic garbage collector for a build; returns the thresholds it replaced.

    A build allocates many short-lived objects per document (spaCy tokens and spans, rdflib
    terms), and with Python's default thresholds the collector ran some 550 times over the
    200 MUC-4 dev documents, 0.47 s of a 15.5 s build, its full passes walking the whole
    loaded model and knowledge base. The objects loaded so far are frozen out of its view,
    and the youngest generation is collected less often; cycles are still collected often
    enough for memory to stay flat (``test_memory_stays_flat_over_a_long_stream``).
    """
    replaced = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(BUILD_GC_THRESHOLD, *replaced[1:])
    return replaced


@contextlib.contextmanager
def _build_collections() -> Iterator[None]:
    """:func:`_fewer_collections` for the time of a build in this process, then as before."""
    replaced = _fewer_collections()
    try:
        yield
    finally:
        gc.set_threshold(*replaced)
        gc.unfreeze()


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = Builder(settings)
    _fewer_collections()  # a worker process only builds


def _work(articles: list[Article], fmt: str, keep_nt: bool) -> list[Processed]:
    assert _WORKER is not None, "worker not initialised"
    return _process_batch(_WORKER, articles, fmt, keep_nt)


def _article_batches(
    paths: Sequence[str | Path],
    settings: Settings,
    summary: BuildSummary,
    on_document: Callable[[], None] | None,
    written: Callable[[Article], bool] | None = None,
) -> Iterator[list[Article]]:
    """Batches of readable articles to build; unreadable inputs go straight into the
    summary, and so do those ``written`` says an earlier build wrote."""
    inputs = read_inputs(paths, max_bytes=settings.max_file_bytes)
    articles: list[Article] = []
    for item in inputs:
        if isinstance(item, IngestError):
            summary.failed.append(str(item))
            if on_document:
                on_document()
            continue
        summary.articles_read += 1
        if written is not None and written(item):
            summary.resumed += 1
            if on_document:
                on_document()
            continue
        articles.append(item)
        if len(articles) >= settings.batch_size:
            yield articles
            articles = []
    if articles:
        yield articles


def _results(
    batches: Iterator[list[Article]],
    settings: Settings,
    fmt: str,
    keep_nt: bool,
    workers: int,
    builder: Builder | None,
    dask: str | None = None,
) -> Iterator[list[Processed]]:
    """Processed batches in input order, in this process, in ``workers`` processes, or on
    the Dask cluster whose scheduler is at ``dask``.

    At most ``2 × workers`` batches are in flight, so memory stays flat however long the
    input is.
    """
    if dask is not None:
        from kg_builder.distributed import dask_results

        yield from dask_results(batches, settings, fmt, keep_nt, dask)
        return
    if workers <= 1:
        local = builder or Builder(settings)
        with _build_collections():
            for articles in batches:
                yield _process_batch(local, articles, fmt, keep_nt)
        return
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(settings,)
    ) as pool:
        pending: collections.deque[Future[list[Processed]]] = collections.deque()
        for articles in batches:
            pending.append(pool.submit(_work, articles, fmt, keep_nt))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def build(
    paths: Sequence[str | Path],
    output: Path,
    settings: Settings,
    on_document: Callable[[], None] | None = None,
    builder: Builder | None = None,
    workers: int = 1,
    on_graph: Callable[[str, str], None] | None = None,
    resume: bool = False,
    dask: str | None = None,
) -> BuildSummary:
    """Build the graph of every input into ``output``; see BuildSummary for what it reports.

    ``workers`` > 1 runs the pipeline in that many processes; ``dask`` (a scheduler
    address, ``tcp://host:8786``) runs it on that Dask cluster instead. Either way the
    output is the same as a single process writes. ``on_graph(report_iri, ntriples)``
    receives each accepted document's graph (to load it into a store as the build goes).

    ``resume`` goes on with the output of an earlier build that was interrupted (its
    manifest, ``<out>.manifest.jsonl``, says what it holds): documents already written
    from the same input are kept, the others are built; a document whose input changed
    or is gone is dropped from the output once the build completes. Not for ``.jsonld``
    (:class:`kg_builder.output.ResumeError`).
    """
    summary = BuildSummary(output=output, min_confidence=confidence_threshold(settings))
    rejects_path = rejected_path(output)
    rejects: GraphWriter | None = None
    with GraphWriter(output, resume=resume) as writer:

        def written(article: Article) -> bool:
            return writer.take(article.id, article_digest(article, settings))

        batches = _article_batches(
            paths, settings, summary, on_document, written if resume else None
        )
        results = _results(
            batches, settings, writer.format, on_graph is not None, workers, builder, dask
        )
        for processed_batch in results:
            for done in processed_batch:
                if on_document:
                    on_document()
                summary.online_warnings.extend(done.warnings_online)
                if done.failure is not None:
                    summary.failed.append(f"{done.label}: {done.failure}")
                elif done.rejected is not None:
                    if rejects is None:
                        rejects = GraphWriter(rejects_path, manifest=False)
                    for chunk in done.rejected:
                        rejects.write_chunk(chunk)
                    summary.rejected.append(done.rejection)
                elif done.chunk is not None:
                    # the store first: a document in the manifest is in the store as well
                    if on_graph is not None and done.ntriples is not None:
                        on_graph(done.report_iri, done.ntriples)
                    writer.write_chunk(done.chunk, (done.doc_id, done.digest))
                    _tally(summary, done)
    if rejects is not None:
        rejects.close()
        summary.rejected_output = rejects_path
    elif rejects_path.exists():
        rejects_path.unlink()  # a stale file from an earlier run would mislead
    return summary


def _tally(summary: BuildSummary, done: Processed) -> None:
    summary.built += 1
    summary.attacks += done.attacks
    summary.incomplete_attacks += done.incomplete
    summary.unconfident_attacks += done.unconfident
    summary.warnings += done.warnings
    summary.statements += done.statements
    for kind, iri, linked in done.entities:
        summary.entities.setdefault(kind, set()).add(iri)
        if linked:
            summary.linked.setdefault(kind, set()).add(iri)
