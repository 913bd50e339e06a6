"""Reading input documents: ``.txt``, ``.html``/``.htm`` and ``.jsonl`` files or folders of them.

:func:`read_inputs` streams one :class:`~kg_builder.model.Article` per good
document and one :class:`~kg_builder.model.IngestError` (a one-line reason
naming the file, and the line for JSON Lines) per bad one; a bad document never
stops the batch. :func:`count_documents` is a cheap estimate of how many items
that will be, for a progress bar.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from kg_builder.ingest import errors
from kg_builder.ingest.html import declared_charset, parse_html
from kg_builder.ingest.jsonl import read_jsonl
from kg_builder.ingest.txt import parse_txt
from kg_builder.model import Article, IngestError

__all__ = ["DEFAULT_MAX_BYTES", "count_documents", "read_inputs"]

#: files (and JSON Lines records) larger than this are refused
DEFAULT_MAX_BYTES = 10_000_000

_KINDS = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_SNIFF_BYTES = 8192
_BOM = b"\xef\xbb\xbf"


def read_inputs(
    paths: Sequence[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | IngestError]:
    """Yield the documents of ``paths`` (files or folders) one at a time.

    Folders are walked recursively in sorted order, skipping hidden entries.
    A document id seen before in the batch gives an :class:`IngestError` naming
    where it was first seen.
    """
    first_seen: dict[str, str] = {}
    for given in paths:
        for item, shown in _documents(Path(given), str(given), max_bytes):
            if isinstance(item, IngestError):
                yield item
                continue
            where = first_seen.get(item.id)
            if where is not None:
                line = _line_of(item.origin, shown)
                yield errors.duplicate_id(shown, item.id, where, line)
                continue
            first_seen[item.id] = item.origin or shown
            yield item


def count_documents(paths: Sequence[str | Path]) -> int:
    """A cheap estimate of how many items :func:`read_inputs` yields.

    One per file (or missing path), plus one per line of each JSON Lines file;
    nothing is parsed.
    """
    total = 0
    for given in paths:
        path = Path(given)
        files: Iterable[Path] = _walk(path) if path.is_dir() else [path]
        for file in files:
            if _KINDS.get(file.suffix.lower()) == "jsonl" and file.is_file():
                total += _count_lines(file)
            else:
                total += 1
    return total


def _documents(
    path: Path, shown: str, max_bytes: int
) -> Iterator[tuple[Article | IngestError, str]]:
    """(item, path as shown) for a named path: a file, or every file of a folder."""
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists()
    except OSError as exc:
        yield errors.unreadable(shown, exc), shown
        return
    if not exists:
        yield errors.no_such_file(shown), shown
    elif is_dir:
        for file in _walk(path):
            file_shown = str(file)
            for item in _read_file(file, file_shown, max_bytes):
                yield item, file_shown
    else:
        for item in _read_file(path, shown, max_bytes):
            yield item, shown


def _walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder``, depth first in name order; hidden entries and symlinked
    folders are skipped."""
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if not entry.is_symlink():
                yield from _walk(entry)
        else:
            yield entry


def _read_file(path: Path, shown: str, max_bytes: int) -> Iterator[Article | IngestError]:
    kind = _KINDS.get(path.suffix.lower())
    if kind is None:
        yield errors.unsupported_type(shown, path.suffix.lower())
        return
    if not path.is_file():
        yield errors.not_a_file(shown)
        return
    if kind == "jsonl":
        yield from read_jsonl(path, shown, max_bytes=max_bytes)
        return
    yield _read_single(path, shown, kind, max_bytes)


def _read_single(path: Path, shown: str, kind: str, max_bytes: int) -> Article | IngestError:
    """A ``.txt`` or ``.html`` file: one document."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return errors.too_large(shown, size, max_bytes)
        data = path.read_bytes()
    except OSError as exc:
        return errors.unreadable(shown, exc)
    if b"\x00" in data[:_SNIFF_BYTES]:
        return errors.binary_file(shown)
    skipped = 0
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
        skipped = len(_BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        charset = declared_charset(data) if kind == "html" else None
        if charset is None or charset == "utf-8":
            return errors.invalid_utf8(shown, exc, base_offset=skipped)
        text = data.decode(charset, errors="replace")
    if not text.strip():
        return errors.empty_file(shown)
    doc_id = path.stem
    try:
        if kind == "html":
            return parse_html(text, doc_id=doc_id, path=shown)
        return parse_txt(text, doc_id=doc_id, path=shown)
    except Exception as exc:
        return errors.error(shown, f"cannot read document ({exc.__class__.__name__}: {exc})")


def _line_of(origin: str, shown: str) -> int | None:
    """The line number in an origin such as ``news.jsonl:17``."""
    prefix = shown + ":"
    if origin.startswith(prefix) and origin[len(prefix) :].isdigit():
        return int(origin[len(prefix) :])
    return None


def _count_lines(path: Path) -> int:
    """Non-empty JSON Lines records, counted by newlines (blank lines are rare)."""
    count = 0
    last = b""
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                count += chunk.count(b"\n")
                last = chunk
    except OSError:
        return 1
    if last and not last.endswith(b"\n"):
        count += 1
    return max(count, 1)
