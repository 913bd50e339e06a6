"""HTML pages: article text and metadata through trafilatura."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kg_builder.ingest import read_inputs
from kg_builder.model import Article, IngestError

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Car bomb kills 12 in Mogadishu market | Example News</title>
<meta property="og:title" content="Car bomb kills 12 in Mogadishu market">
<meta property="og:site_name" content="Example News">
<meta property="og:url" content="https://news.example.com/africa/2021/03/05/car-bomb">
<meta property="article:published_time" content="2021-03-05T10:42:00+03:00">
</head><body>
<header><nav><a href="/">Home</a> <a href="/africa">Africa</a> <a href="/world">World</a></nav>
</header>
<main><article>
<h1>Car bomb kills 12 in Mogadishu market</h1>
<p>A car bomb exploded at a crowded market in the Somali capital Mogadishu on Friday,
killing at least 12 people and wounding 30 others, police said.</p>
<p>The al-Shabaab militant group claimed responsibility for the attack in a statement
broadcast on its Andalus radio station, saying it had targeted government officials.</p>
<p>Witnesses said the explosion destroyed several stalls and set nearby vehicles on fire,
sending thick black smoke over the Hamarweyne district.</p>
<p>Ambulance services said the death toll could rise as several of the wounded were in
critical condition at Madina hospital.</p>
</article></main>
<footer><p>© 2021 Example News. All rights reserved.</p><a href="/privacy">Privacy policy</a>
</footer>
</body></html>
"""


def test_news_page_is_extracted(tmp_path: Path) -> None:
    path = tmp_path / "mogadishu-car-bomb.html"
    path.write_text(PAGE, encoding="utf-8")
    (article,) = list(read_inputs([path]))
    assert isinstance(article, Article), article
    assert article.id == "mogadishu-car-bomb"
    assert article.origin == str(path)
    assert article.title == "Car bomb kills 12 in Mogadishu market"
    assert article.published_date == dt.date(2021, 3, 5)
    assert article.publisher == "Example News"
    assert article.url == "https://news.example.com/africa/2021/03/05/car-bomb"
    assert article.text.startswith("A car bomb exploded at a crowded market")
    assert "al-Shabaab militant group claimed responsibility" in article.text
    assert "\n\nWitnesses said" in article.text  # one paragraph per block
    assert "All rights reserved" not in article.text
    assert "Privacy" not in article.text
    assert not article.text.startswith("Car bomb kills 12")  # headline not repeated


def test_htm_extension_and_declared_legacy_charset(tmp_path: Path) -> None:
    path = tmp_path / "legacy.htm"
    page = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">').replace(
        "Madina hospital", "Madina hospital, said Dr Ali Café"
    )
    path.write_bytes(page.encode("cp1252"))
    (article,) = list(read_inputs([path]))
    assert isinstance(article, Article), article
    assert "Dr Ali Café" in article.text


def test_page_without_article_text(tmp_path: Path) -> None:
    path = tmp_path / "nav-only.html"
    path.write_text(
        '<html><head><title>Home</title></head><body><nav><a href="/">Home</a></nav></body></html>',
        encoding="utf-8",
    )
    (error,) = list(read_inputs([path]))
    assert isinstance(error, IngestError)
    assert str(error) == f"{path}: no article text found"
