"""One-line reasons for documents that cannot be read.

Every bad document becomes an :class:`~kg_builder.model.IngestError` whose
``reason`` is a single short line; the helpers here keep the wording the same
wherever the problem is found, so users (and tests) see one vocabulary.
"""

from __future__ import annotations

from kg_builder.model import IngestError

#: the extensions the reader understands, in the order the error message names them
SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")


def _one_line(text: str) -> str:
    """Collapse whitespace so a reason never spans several lines."""
    return " ".join(text.split())


def error(path: str, reason: str, line: int | None = None) -> IngestError:
    """An :class:`IngestError` with its reason folded onto one line."""
    return IngestError(path=path, reason=_one_line(reason), line=line)


def format_size(n_bytes: int) -> str:
    """``52_400_000`` -> ``'52.4 MB'``, ``2_000`` -> ``'2.0 kB'`` (decimal units, one decimal)."""
    if n_bytes >= 100_000:
        return f"{n_bytes / 1_000_000:.1f} MB"
    if n_bytes >= 1_000:
        return f"{n_bytes / 1_000:.1f} kB"
    return f"{n_bytes} bytes"


def _preview(value: object, limit: int = 40) -> str:
    text = _one_line(str(value))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


def no_such_file(path: str) -> IngestError:
    return error(path, "no such file or directory")


def not_a_file(path: str) -> IngestError:
    return error(path, "not a regular file")


def unreadable(path: str, exc: OSError) -> IngestError:
    return error(path, f"cannot read file ({exc.strerror or exc.__class__.__name__})")


def unsupported_type(path: str, suffix: str) -> IngestError:
    shown = suffix if suffix else "(none)"
    expected = ", ".join(SUPPORTED_SUFFIXES)
    return error(path, f"unsupported file type '{shown}' (expected {expected})")


def empty_file(path: str) -> IngestError:
    return error(path, "empty file")


def binary_file(path: str) -> IngestError:
    return error(path, "binary file, not text")


def invalid_utf8(
    path: str, exc: UnicodeDecodeError, base_offset: int = 0, line: int | None = None
) -> IngestError:
    byte = exc.object[exc.start]
    offset = base_offset + exc.start
    return error(path, f"not valid UTF-8 (byte 0x{byte:02x} at offset {offset})", line)


def too_large(path: str, size: int, limit: int, what: str = "file") -> IngestError:
    return error(path, f"{what} too large: {format_size(size)} (limit {format_size(limit)})")


def record_too_large(path: str, line: int, size: int, limit: int) -> IngestError:
    reason = f"record too large: more than {format_size(size)} (limit {format_size(limit)})"
    return error(path, reason, line)


def no_article_text(path: str, line: int | None = None) -> IngestError:
    return error(path, "no article text found", line)


def duplicate_id(path: str, doc_id: str, first_origin: str, line: int | None = None) -> IngestError:
    return error(path, f"duplicate id {doc_id!r} (first seen at {first_origin})", line)


def not_json(path: str, line: int, msg: str, column: int) -> IngestError:
    return error(path, f"not valid JSON ({msg} at column {column})", line)


def not_an_object(path: str, line: int, value: object) -> IngestError:
    kind = _json_type(value)
    return error(path, f"record is not a JSON object (got {kind})", line)


def missing_field(path: str, line: int | None, name: str) -> IngestError:
    return error(path, f"missing required field {name!r}", line)


def non_empty_string(path: str, line: int | None, name: str) -> IngestError:
    return error(path, f"{name!r} must be a non-empty string", line)


def wrong_type(path: str, line: int | None, name: str, value: object) -> IngestError:
    return error(path, f"{name!r} must be a string (got {_json_type(value)})", line)


def bad_date(path: str, line: int | None, name: str, value: object) -> IngestError:
    return error(path, f"{name!r} is not a recognisable date: {_preview(value)}", line)


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__
