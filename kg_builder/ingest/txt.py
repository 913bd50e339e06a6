"""Plain-text articles: front matter or a heuristic header, the body, no footer.

Two header forms are understood:

* front matter, ``Key: value`` lines at the very top (optionally fenced by
  ``---``) ended by a blank line; the keys are ``Title``, ``Published``/``Date``,
  ``Publisher``/``Source`` and ``URL`` (others are ignored);
* otherwise a copied web page: among the first few lines a short dateline; the
  line above it is the title, a different line above the title is the site
  banner the publisher is read from. Lines above the dateline are not body.

Short trailing lines with no sentence punctuation ("Editor Picks", "Read more",
"Share this") are dropped as page furniture.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from kg_builder.ingest import errors
from kg_builder.ingest.dates import parse_date, parse_header_date
from kg_builder.model import Article, IngestError

#: how many non-empty lines from the top may hold the dateline
HEADER_SCAN_LINES = 8
#: a dateline is shorter than this
MAX_DATELINE_CHARS = 60
#: no header line (title, banner) is longer than this; a longer one means the date is in the body
MAX_HEADER_LINE_CHARS = 250
#: a trailing line of at most this many words, without sentence punctuation, is footer
MAX_FOOTER_WORDS = 4

_FRONT_KEYS = {
    "title": "title",
    "headline": "title",
    "published": "published",
    "date": "published",
    "publisher": "publisher",
    "source": "publisher",
    "url": "url",
    "link": "url",
}
_FRONT_LINE_RE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,24}):(?:\s+(.*)|\s*)$")
_FENCE = "---"
_SENTENCE_END = (".", "!", "?", "…", '"', "”", "’", "'", ")", "]", ";")
_BANNER_SEPARATOR_RE = re.compile(r"\s+[-|–—]\s+|:\s")
_EDGE_PUNCT = ",.;:!?()[]{}\"'“”‘’«»"


@dataclass
class _Header:
    title: str | None = None
    published: dt.date | dt.datetime | None = None
    publisher: str | None = None
    url: str | None = None


def parse_txt(text: str, *, doc_id: str, path: str) -> Article | IngestError:
    """Turn the decoded text of a ``.txt`` file into an :class:`Article`."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found = _front_matter(lines, path)
    if isinstance(found, IngestError):
        return found
    if found is not None:
        header, body_start = found
    else:
        header, body_start = _heuristic_header(lines)
    body = _strip_footer(_clean_lines(lines[body_start:]))
    if header.title is not None:
        body = _drop_leading_title(body, header.title)
    if not body:
        return errors.no_article_text(path)
    return Article(
        id=doc_id,
        text="\n".join(body),
        title=header.title,
        published=header.published,
        publisher=header.publisher,
        url=header.url,
        origin=path,
    )


# --- front matter -----------------------------------------------------------------------------


def _front_matter(lines: list[str], path: str) -> tuple[_Header, int] | IngestError | None:
    """The front-matter block at the top, or None when the file has none."""
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    fenced = i < len(lines) and lines[i].strip() == _FENCE
    if fenced:
        i += 1
    fields: list[tuple[str, str, str]] = []  # (field, key as written, value)
    while i < len(lines):
        stripped = lines[i].strip()
        if not stripped or stripped == _FENCE:
            break
        match = _FRONT_LINE_RE.match(stripped)
        if match is None:
            return None
        key = match.group(1).strip()
        field = _FRONT_KEYS.get(key.lower().replace(" ", "").replace("_", "").replace("-", ""))
        if field is not None:
            fields.append((field, key, (match.group(2) or "").strip()))
        i += 1
    else:
        return None  # never ended: not front matter (or nothing after it)
    if not fields:
        return None
    header = _Header()
    for field, key, value in fields:
        if not value:
            continue
        if field == "published":
            published = parse_date(value)
            if published is None:
                return errors.bad_date(path, None, key, value)
            header.published = published
        elif field == "title":
            header.title = value
        elif field == "publisher":
            header.publisher = value
        else:
            header.url = value
    return header, i + 1


# --- heuristic header -------------------------------------------------------------------------


def _heuristic_header(lines: list[str]) -> tuple[_Header, int]:
    """Find a dateline near the top; what is above it is title and banner."""
    seen: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        seen.append((index, stripped))
        if len(seen) > HEADER_SCAN_LINES:
            break
        if len(stripped) >= MAX_DATELINE_CHARS:
            continue
        published = parse_header_date(stripped)
        if published is None:
            continue
        above = [text for _, text in seen[:-1]]
        if any(len(text) > MAX_HEADER_LINE_CHARS for text in above):
            break  # a paragraph above the date: this date is part of the body
        header = _Header(published=published)
        if above:
            header.title = above[-1]
            banners = [text for text in above[:-1] if text != header.title]
            if banners:
                header.publisher = publisher_from_banner(banners[0])
        return header, index + 1
    return _Header(), 0


def publisher_from_banner(banner: str) -> str | None:
    """The outlet's name in a site banner line.

    A capitalised phrase of several words the banner repeats ("Asharq Al-awsat
    English … from Asharq Al-awsat Newspaper"), else the part before a separator
    ("BBC News - Home"), else the first run of capitalised words.
    """
    runs = _capitalised_runs(banner)
    repeated = _longest_repeated_phrase(runs)
    if repeated is not None:
        return _normalise_case(repeated)
    parts = _BANNER_SEPARATOR_RE.split(banner, maxsplit=1)
    if len(parts) > 1:
        head = parts[0].strip().strip(_EDGE_PUNCT).strip()
        if head and len(head.split()) <= 8:
            return _normalise_case(head)
    if runs:
        return _normalise_case(" ".join(runs[0]))
    return None


def _is_capitalised(word: str) -> bool:
    if not word:
        return False
    return word[0].isupper() or (word[0].isdigit() and any(c.isupper() for c in word))


def _capitalised_runs(banner: str) -> list[list[str]]:
    """Maximal runs of capitalised words, broken at lower-case words and punctuation."""
    runs: list[list[str]] = []
    current: list[str] = []
    for raw in banner.split():
        word = raw.strip(_EDGE_PUNCT)
        if word and _is_capitalised(word) and raw[:1] not in "([{\"'“‘«":
            current.append(word)
            if raw != word and raw[-1:] in _EDGE_PUNCT:  # "News," or "Opinion:" ends the run
                runs.append(current)
                current = []
        else:
            if current:
                runs.append(current)
            current = []
            if word and _is_capitalised(word):  # "(Reuters" starts a new run
                current = [word]
    if current:
        runs.append(current)
    return runs


def _longest_repeated_phrase(runs: list[list[str]]) -> str | None:
    longest = max((len(run) for run in runs), default=0)
    for n in range(longest, 1, -1):
        grams = [tuple(run[i : i + n]) for run in runs for i in range(len(run) - n + 1)]
        counts = Counter(gram.lower() for gram in (" ".join(g) for g in grams))
        for gram in grams:
            if counts[" ".join(gram).lower()] >= 2:
                return " ".join(gram)
    return None


def _normalise_case(name: str) -> str:
    """Capitalise every part of a hyphenated capitalised word: "Al-awsat" -> "Al-Awsat"."""
    words = []
    for word in name.split():
        if "-" in word and word[:1].isupper():
            word = "-".join(part[:1].upper() + part[1:] for part in word.split("-"))
        words.append(word)
    return " ".join(words)


# --- body -------------------------------------------------------------------------------------


def _clean_lines(lines: list[str]) -> list[str]:
    """Right-strip lines, keep at most one blank line in a row, trim blank ends."""
    out: list[str] = []
    for line in lines:
        line = line.rstrip()
        if not line.strip():
            if out and out[-1]:
                out.append("")
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def _is_footer_line(line: str) -> bool:
    stripped = line.strip()
    return len(stripped.split()) <= MAX_FOOTER_WORDS and not stripped.endswith(_SENTENCE_END)


def _strip_footer(body: list[str]) -> list[str]:
    """Drop short trailing lines such as "Editor Picks" after the last paragraph."""
    end = len(body)
    while end > 0:
        last = end - 1
        if not body[last].strip():
            end = last
            continue
        if not _is_footer_line(body[last]):
            break
        if not any(line.strip() for line in body[:last]):
            break  # nothing but this line left: keep it
        end = last
    return _clean_lines(body[:end])


def _drop_leading_title(body: list[str], title: str) -> list[str]:
    """The text does not start with the title again."""
    while body and body[0].strip() == title:
        body = _clean_lines(body[1:])
        while body and not body[0].strip():
            body = body[1:]
    return body
