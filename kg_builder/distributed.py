"""Build on a Dask ``distributed`` cluster: ``kg-builder build … --dask tcp://sched:8786``.

The parent reads the inputs and submits them in batches (``Client.submit``), never more
than a few per worker thread at a time, and takes the results back in input order as they
come, writing each (or loading it into a store) before it asks for the next: nothing is
gathered whole, so memory stays flat on both sides however long the input is.

Each worker process loads the language model and knowledge base once, on its first batch
(:func:`builder_for`, a cache per process), builds and validates every article's graph
and sends back only rendered text and counts (:class:`kg_builder.pipeline.Processed`).
When a worker dies, the scheduler runs its batches again on another; since the parent
writes each batch once, when its turn comes, every article is still written exactly once.

Workers need this package installed (the same version) and run best with one thread per
process (``dask worker tcp://sched:8786 --nworkers N --nthreads 1``): the pipeline holds
the GIL, and a process's threads share its one model, taking turns.
"""

from __future__ import annotations

import collections
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg_builder.config import Settings
from kg_builder.model import Article
from kg_builder.pipeline import Builder, Processed, _process_batch

if TYPE_CHECKING:
    from distributed import Future

_BUILDERS: dict[Settings, Builder] = {}
_LOCK = threading.Lock()


class ClusterError(RuntimeError):
    """A one-line reason the build could not use the Dask cluster."""


def builder_for(settings: Settings) -> Builder:
    """This process's Builder for ``settings``, loaded on first use."""
    with _LOCK:
        builder = _BUILDERS.get(settings)
        if builder is None:
            builder = _BUILDERS[settings] = Builder(settings)
        return builder


def process_batch(
    articles: list[Article], settings: Settings, fmt: str, keep_nt: bool
) -> list[Processed]:
    """The task a worker runs: build, validate and render a batch of articles."""
    builder = builder_for(settings)
    with _LOCK:  # threads of one worker process take turns with its model
        return _process_batch(builder, articles, fmt, keep_nt)


def dask_results(
    batches: Iterator[list[Article]],
    settings: Settings,
    fmt: str,
    keep_nt: bool,
    address: str,
    in_flight: int | None = None,
) -> Iterator[list[Processed]]:
    """Processed batches in input order, built on the cluster whose scheduler is at
    ``address``; at most ``in_flight`` batches (default: twice the cluster's threads,
    at least 4) are submitted and not yet taken back."""
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - a dependency
        raise ClusterError(f"--dask needs the 'distributed' package: {exc}") from None
    try:
        client = Client(address, set_as_default=False, timeout="30s")
    except (OSError, TimeoutError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {reason}") from None
    with client:
        limit = in_flight or max(4, 2 * sum(client.nthreads().values()))
        pending: collections.deque[Future] = collections.deque()
        for articles in batches:
            pending.append(
                client.submit(process_batch, articles, settings, fmt, keep_nt, pure=False)
            )
            if len(pending) >= limit:
                yield _take(pending)
        while pending:
            yield _take(pending)


def _take(pending: collections.deque[Future]) -> list[Processed]:
    """The oldest batch's result (waiting for it), released on the cluster once here."""
    future = pending.popleft()
    result: list[Processed] = future.result()
    future.release()
    return result
