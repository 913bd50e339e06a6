"""HTML pages: the article text and metadata, as trafilatura extracts them."""

from __future__ import annotations

import codecs
import logging
import re

import trafilatura

from kg_builder.ingest import errors
from kg_builder.ingest.dates import parse_date
from kg_builder.model import Article, IngestError

#: fewer words than this is navigation or boilerplate, not an article
MIN_ARTICLE_WORDS = 5

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The Python codec named by a ``<meta charset>`` near the top of the page, if any."""
    match = _CHARSET_RE.search(data[:4096])
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def parse_html(page: str, *, doc_id: str, path: str) -> Article | IngestError:
    """Turn an HTML page into an :class:`Article` (title, date, site name as publisher, url)."""
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # it logs every empty page
    try:
        doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
    except Exception as exc:
        return errors.error(path, f"cannot parse HTML ({exc.__class__.__name__}: {exc})")
    if doc is None or isinstance(doc, dict):
        return errors.no_article_text(path)
    title = _clean(doc.title)
    text = _body(doc.text or "", title)
    if len(text.split()) < MIN_ARTICLE_WORDS:
        return errors.no_article_text(path)
    published = parse_date(doc.date) if doc.date else None
    return Article(
        id=doc_id,
        text=text,
        title=title,
        published=published,
        publisher=_clean(doc.sitename),
        url=_clean(doc.url),
        origin=path,
    )


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _body(text: str, title: str | None) -> str:
    """One paragraph per block, separated by a blank line, without the headline."""
    paragraphs = [" ".join(line.split()) for line in text.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    while title is not None and paragraphs and paragraphs[0] == title:
        paragraphs.pop(0)
    return "\n\n".join(paragraphs)
