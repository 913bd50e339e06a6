"""JSON Lines input: one article per line, every problem reported against its line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from kg_builder.ingest import read_inputs
from kg_builder.model import Article, IngestError


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_records_become_articles(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "news.jsonl",
        [
            json.dumps(
                {
                    "id": "doc-17",
                    "text": "At least 60 regime troops were killed.",
                    "title": "Dozens killed",
                    "published": "2019-04-20",
                    "publisher": "Asharq Al-Awsat",
                    "url": "https://example.com/a",
                    "extra": [1, 2],
                }
            ),
            "",
            "   ",
            json.dumps({"id": "doc-18", "text": "Minimal record."}),
            json.dumps({"id": "doc-19", "text": "T.", "published": "2019-04-20T09:30:00Z"}),
            json.dumps({"id": "doc-20", "text": "T.", "published": "20 avril 2019"}),
            json.dumps({"id": "doc-21", "text": "T.", "published": "", "title": None}),
        ],
    )
    items = list(read_inputs([path]))
    assert all(isinstance(item, Article) for item in items), items
    articles = [item for item in items if isinstance(item, Article)]
    assert [a.id for a in articles] == ["doc-17", "doc-18", "doc-19", "doc-20", "doc-21"]
    first = articles[0]
    assert first.text == "At least 60 regime troops were killed."
    assert first.title == "Dozens killed"
    assert first.published == dt.date(2019, 4, 20)
    assert first.publisher == "Asharq Al-Awsat"
    assert first.url == "https://example.com/a"
    assert first.origin == f"{path}:1"
    assert articles[1].origin == f"{path}:4"  # blank lines are skipped but still counted
    assert articles[1].title is None and articles[1].published is None
    assert articles[2].published == dt.datetime(2019, 4, 20, 9, 30)
    assert articles[3].published == dt.date(2019, 4, 20)  # dateparser fallback
    assert articles[4].published is None and articles[4].title is None


def test_bad_lines_are_errors_naming_the_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "mixed.jsonl",
        [
            "not json",
            "[1, 2]",
            json.dumps({"id": "a"}),
            json.dumps({"text": "no id"}),
            json.dumps({"id": "", "text": "x"}),
            json.dumps({"id": 7, "text": "x"}),
            json.dumps({"id": "b", "text": "x", "published": "the day after"}),
            json.dumps({"id": "c", "text": "x", "title": 3}),
            json.dumps({"id": "good", "text": "Still read."}),
            '{"id": "d", "text": ',
        ],
    )
    items = list(read_inputs([path]))
    errors = [(e.line, e.reason) for e in items if isinstance(e, IngestError)]
    assert errors == [
        (1, "not valid JSON (Expecting value at column 1)"),
        (2, "record is not a JSON object (got array)"),
        (3, "missing required field 'text'"),
        (4, "missing required field 'id'"),
        (5, "'id' must be a non-empty string"),
        (6, "'id' must be a non-empty string"),
        (7, "'published' is not a recognisable date: 'the day after'"),
        (8, "'title' must be a string (got number)"),
        (10, "not valid JSON (Expecting value at column 21)"),
    ]
    assert all(e.path == str(path) for e in items if isinstance(e, IngestError))
    assert str(items[0]) == f"{path}:1: not valid JSON (Expecting value at column 1)"
    good = [a for a in items if isinstance(a, Article)]
    assert [a.id for a in good] == ["good"]


def test_duplicate_ids_name_the_first_occurrence(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "a.jsonl",
        [
            json.dumps({"id": "x", "text": "one"}),
            json.dumps({"id": "y", "text": "two"}),
            json.dumps({"id": "x", "text": "three"}),
        ],
    )
    items = list(read_inputs([path]))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "IngestError"]
    dup = items[2]
    assert isinstance(dup, IngestError)
    assert dup.line == 3
    assert dup.reason == f"duplicate id 'x' (first seen at {path}:1)"


def test_invalid_utf8_line_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "enc.jsonl"
    good = json.dumps({"id": "ok", "text": "fine"}).encode()
    bad = b'{"id": "bad", "text": "caf\xe9"}'
    path.write_bytes(good + b"\n" + bad + b"\n")
    items = list(read_inputs([path]))
    assert isinstance(items[0], Article)
    error = items[1]
    assert isinstance(error, IngestError)
    assert error.line == 2
    offset = len(good) + 1 + bad.index(b"\xe9")
    assert error.reason == f"not valid UTF-8 (byte 0xe9 at offset {offset})"


def test_utf8_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.ndjson"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "b", "text": "x"}).encode() + b"\r\n")
    (item,) = list(read_inputs([path]))
    assert isinstance(item, Article) and item.id == "b"


def test_blank_only_jsonl_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text("\n   \n\n", encoding="utf-8")
    (item,) = list(read_inputs([path]))
    assert isinstance(item, IngestError)
    assert item.reason == "empty file" and item.line is None


def test_oversized_record_is_skipped_and_the_next_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    big = json.dumps({"id": "big", "text": "x" * 2_000_000})
    small = json.dumps({"id": "small", "text": "ok"})
    path.write_text(big + "\n" + small + "\n", encoding="utf-8")
    items = list(read_inputs([path], max_bytes=1_000_000))
    error, article = items
    assert isinstance(error, IngestError)
    assert error.line == 1
    assert error.reason == "record too large: 2.0 MB (limit 1.0 MB)"
    assert isinstance(article, Article) and article.id == "small"
    assert article.origin == f"{path}:2"
