"""JSON Lines: one article per line, read one line at a time.

A record is ``{"id": …, "text": …, "title": …, "published": …, "publisher": …,
"url": …}``; only ``id`` and ``text`` are required, other keys are ignored.
Every problem is reported against its line; the other lines still come through.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg_builder.ingest import errors
from kg_builder.ingest.dates import parse_date
from kg_builder.model import Article, IngestError

_BOM = b"\xef\xbb\xbf"
_OPTIONAL_STRINGS = ("title", "publisher", "url")
_CHUNK = 1 << 16


def read_jsonl(path: Path, shown: str, *, max_bytes: int) -> Iterator[Article | IngestError]:
    """Yield one :class:`Article` or :class:`IngestError` per non-blank line of ``path``.

    ``shown`` is the path as errors and origins name it. ``max_bytes`` limits
    each record (line), so a large batch file streams through.
    """
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield errors.unreadable(shown, exc)
        return
    with handle:
        if b"\x00" in handle.read(8192):
            yield errors.binary_file(shown)
            return
        handle.seek(0)
        offset = 0
        line_no = 0
        records = 0
        while True:
            raw = handle.readline(max_bytes + 1)
            if not raw:
                break
            line_no += 1
            start = offset
            offset += len(raw)
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                size = len(raw) + _skip_rest_of_line(handle)
                offset = start + size
                records += 1
                yield errors.error(
                    shown,
                    f"record too large: {errors.format_size(size)} "
                    f"(limit {errors.format_size(max_bytes)})",
                    line_no,
                )
                continue
            if line_no == 1 and raw.startswith(_BOM):
                raw = raw[len(_BOM) :]
                start += len(_BOM)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                records += 1
                yield errors.invalid_utf8(shown, exc, base_offset=start, line=line_no)
                continue
            if not text.strip():
                continue
            records += 1
            yield parse_line(text.rstrip("\r\n"), path=shown, line=line_no)
        if records == 0:
            yield errors.empty_file(shown)


def _skip_rest_of_line(handle: Any) -> int:
    """Read past the end of an over-long line; return how many bytes were skipped."""
    skipped = 0
    while True:
        chunk = handle.readline(_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def parse_line(text: str, *, path: str, line: int) -> Article | IngestError:
    """One JSON Lines record (already decoded) -> :class:`Article` or :class:`IngestError`."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return errors.not_json(path, line, exc.msg, exc.colno)
    except RecursionError:
        return errors.error(path, "not valid JSON (nested too deeply)", line)
    if not isinstance(record, dict):
        return errors.not_an_object(path, line, record)
    return parse_record(record, path=path, line=line)


def parse_record(record: dict[str, Any], *, path: str, line: int) -> Article | IngestError:
    """Check a decoded record's fields and build the :class:`Article`."""
    for name in ("id", "text"):
        if name not in record:
            return errors.missing_field(path, line, name)
        value = record[name]
        if not isinstance(value, str) or not value.strip():
            return errors.non_empty_string(path, line, name)
    optional: dict[str, str | None] = {}
    for name in _OPTIONAL_STRINGS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return errors.wrong_type(path, line, name, value)
        optional[name] = (value.strip() or None) if isinstance(value, str) else None
    published: dt.date | dt.datetime | None = None
    raw_date = record.get("published")
    if raw_date is not None:
        if not isinstance(raw_date, str):
            return errors.wrong_type(path, line, "published", raw_date)
        if raw_date.strip():
            published = parse_date(raw_date)
            if published is None:
                return errors.bad_date(path, line, "published", raw_date)
    return Article(
        id=record["id"],
        text=record["text"],
        title=optional["title"],
        published=published,
        publisher=optional["publisher"],
        url=optional["url"],
        origin=f"{path}:{line}",
    )
