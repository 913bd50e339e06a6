"""Bad input: each problem is one IngestError naming the file; the batch goes on."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from kg_builder.ingest import count_documents, read_inputs
from kg_builder.model import Article, IngestError

GOOD_TXT = (
    "A headline\n12 May 2022\n\nShelling hit the town of Bakhmut on Thursday, officials said.\n"
)


def _error(path: Path, **kwargs: int) -> IngestError:
    items = list(read_inputs([path], **kwargs))
    assert len(items) == 1, items
    item = items[0]
    assert isinstance(item, IngestError), item
    assert item.path == str(path)
    assert "\n" not in str(item)
    return item


def test_missing_path(tmp_path: Path) -> None:
    assert _error(tmp_path / "nope.txt").reason == "no such file or directory"


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.html"
    blank.write_text(" \n\t\n", encoding="utf-8")
    assert _error(empty).reason == "empty file"
    assert _error(blank).reason == "empty file"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert _error(path).reason == "binary file, not text"


def test_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"Caf\xe9 bombing kills three.\n")
    assert _error(path).reason == "not valid UTF-8 (byte 0xe9 at offset 3)"


def test_unsupported_type(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4")
    assert (
        _error(path).reason == "unsupported file type '.pdf' (expected .txt, .html, .htm, .jsonl)"
    )


def test_file_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(52_400_000)  # sparse: NUL bytes, so reading it would say "binary"
    started = time.perf_counter()
    error = _error(path)
    assert error.reason == "file too large: 52.4 MB (limit 10.0 MB)"
    assert time.perf_counter() - started < 1.0


def test_max_bytes_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x" * 2_000, encoding="utf-8")
    assert _error(path, max_bytes=1_000).reason == "file too large: 2.0 kB (limit 1.0 kB)"
    assert isinstance(next(read_inputs([path], max_bytes=2_000)), Article)


def test_batch_with_good_and_bad_documents(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    sub = folder / "sub"
    sub.mkdir(parents=True)
    (folder / "a-good.txt").write_text(GOOD_TXT, encoding="utf-8")
    (folder / "b-empty.txt").write_text("", encoding="utf-8")
    (folder / "c-binary.txt").write_bytes(b"\x00\x01\x02")
    (folder / "d-latin1.txt").write_bytes(b"caf\xe9\n")
    (folder / "e-notes.pdf").write_bytes(b"%PDF")
    (folder / "f-records.jsonl").write_text(
        json.dumps({"id": "r1", "text": "Record one."})
        + "\n{oops\n"
        + json.dumps({"id": "a-good", "text": "Same id as the txt file."})
        + "\n"
        + json.dumps({"id": "r2", "text": "Record two."})
        + "\n",
        encoding="utf-8",
    )
    (folder / ".hidden.txt").write_text(GOOD_TXT, encoding="utf-8")
    hidden_dir = folder / ".git"
    hidden_dir.mkdir()
    (hidden_dir / "x.txt").write_text(GOOD_TXT, encoding="utf-8")
    (sub / "g-nested.txt").write_text(GOOD_TXT, encoding="utf-8")
    (folder / "z-last.txt").write_text(GOOD_TXT, encoding="utf-8")
    missing = tmp_path / "missing.jsonl"

    items = list(read_inputs([folder, missing]))
    lines = [
        str(item) if isinstance(item, IngestError) else f"OK {item.id} {item.origin}"
        for item in items
    ]
    records = folder / "f-records.jsonl"
    assert lines == [
        f"OK a-good {folder / 'a-good.txt'}",
        f"{folder / 'b-empty.txt'}: empty file",
        f"{folder / 'c-binary.txt'}: binary file, not text",
        f"{folder / 'd-latin1.txt'}: not valid UTF-8 (byte 0xe9 at offset 3)",
        f"{folder / 'e-notes.pdf'}: unsupported file type '.pdf' "
        "(expected .txt, .html, .htm, .jsonl)",
        f"OK r1 {records}:1",
        f"{records}:2: not valid JSON "
        "(Expecting property name enclosed in double quotes at column 2)",
        f"{records}:3: duplicate id 'a-good' (first seen at {folder / 'a-good.txt'})",
        f"OK r2 {records}:4",
        f"OK g-nested {sub / 'g-nested.txt'}",
        f"OK z-last {folder / 'z-last.txt'}",
        f"{missing}: no such file or directory",
    ]
    # the estimate: each visible file once (7), each JSON Lines line (4), the missing path (1)
    assert count_documents([folder, missing]) == 7 + 4 + 1


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    first = tmp_path / "one" / "story.txt"
    second = tmp_path / "two" / "story.txt"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text(GOOD_TXT, encoding="utf-8")
    items = list(read_inputs([first, second]))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], IngestError)
    assert str(items[1]) == f"{second}: duplicate id 'story' (first seen at {first})"


def test_read_inputs_is_lazy(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GOOD_TXT, encoding="utf-8")
    stream = read_inputs([path, tmp_path / "later.txt"])
    first = next(stream)
    assert isinstance(first, Article)
    (tmp_path / "later.txt").write_text(GOOD_TXT.replace("Bakhmut", "Avdiivka"), encoding="utf-8")
    second = next(stream)  # read only now, so the file written after the first item is found
    assert isinstance(second, Article) and "Avdiivka" in second.text


def test_unreadable_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(GOOD_TXT, encoding="utf-8")
    path.chmod(0)
    try:
        items = list(read_inputs([path]))
    finally:
        path.chmod(0o644)
    assert len(items) == 1
    if os.geteuid() != 0:  # root reads it anyway
        assert isinstance(items[0], IngestError)
        assert items[0].reason.startswith("cannot read file")
