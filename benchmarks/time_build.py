"""Time one pass over a JSON Lines file of articles, in this (fresh) process.

    python benchmarks/time_build.py {bare,one,two} DOCS.jsonl OUT.ttl

``bare`` is ``nlp.pipe`` of the plain spaCy model over the articles' texts; ``one`` and
``two`` are the whole build (``kg_builder.pipeline.build``) with one and with two worker
processes. Loading the model and the knowledge base is not timed, for either side: both
are loaded before the clock starts. Prints ``{"seconds": …}`` on the last line.

``run_benchmarks.py`` runs each pass in a process of its own so that every pass starts
as cold as a user's first build (no look-up cache warmed by an earlier pass) and no pass
pays for memory another one left behind.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import spacy

from kg_builder.config import Settings
from kg_builder.ingest import read_inputs
from kg_builder.model import Article
from kg_builder.nlp.pipeline import resolve_model
from kg_builder.pipeline import Builder, build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=("bare", "one", "two"))
    parser.add_argument("docs", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    if args.kind == "bare":
        texts = [a.text for a in read_inputs([args.docs]) if isinstance(a, Article)]
        nlp = spacy.load(resolve_model(settings.model))
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=settings.batch_size):
            pass
    else:
        builder = Builder(settings)
        start = time.perf_counter()
        if args.kind == "one":
            build([args.docs], args.out, settings, builder=builder)
        else:
            # the workers fork from this process, its model and knowledge base loaded
            build([args.docs], args.out, settings, workers=2)
    print(json.dumps({"seconds": time.perf_counter() - start}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
