"""Plain-text articles: header detection, front matter, footer stripping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kg_builder.ingest import read_inputs
from kg_builder.ingest.txt import parse_txt, publisher_from_banner
from kg_builder.model import Article, IngestError

SEED = (
    Path(__file__).resolve().parents[2]
    / "seeds"
    / "asharq-al-awsat-2019-04-20-isis-attacks-syria.txt"
)
BANNER = (
    "Asharq Al-awsat English Middle-east and International News and Opinion "
    "from Asharq Al-awsat Newspaper"
)


def _one(path: Path) -> Article:
    items = list(read_inputs([path]))
    assert len(items) == 1
    item = items[0]
    assert isinstance(item, Article), item
    return item


def test_seed_article_header_body_and_footer() -> None:
    article = _one(SEED)
    assert article.id == "asharq-al-awsat-2019-04-20-isis-attacks-syria"
    assert article.title == "Dozens of Regime Forces Killed in ISIS Attacks in Syria"
    assert article.published_date == dt.date(2019, 4, 20)
    assert article.publisher == "Asharq Al-Awsat"
    assert article.origin == str(SEED)
    assert article.text.startswith("Syrian regime forces stand near")
    assert "At least 60 regime troops" in article.text
    assert "Editor Picks" not in article.text
    assert "Middle-east and International News" not in article.text
    assert "Dozens of Regime Forces Killed" not in article.text  # title not repeated
    assert "Saturday, 20 April, 2019" not in article.text
    assert article.text.rstrip().endswith("from their desert hideouts.")


def test_heuristic_header_on_another_site(tmp_path: Path) -> None:
    page = tmp_path / "daily-star-clash.txt"
    page.write_text(
        "The Daily Star | Lebanon News\n"
        "Clashes erupt in Tripoli after army raid\n"
        "March 3, 2020\n"
        "\n"
        "Gunmen clashed with soldiers in the northern city of Tripoli on Tuesday, "
        "a security source said.\n"
        "\n"
        "Two soldiers were wounded.\n"
        "\n"
        "Read more\n"
        "Share this\n",
        encoding="utf-8",
    )
    article = _one(page)
    assert article.id == "daily-star-clash"
    assert article.title == "Clashes erupt in Tripoli after army raid"
    assert article.published == dt.date(2020, 3, 3)  # no time given: a date
    assert article.publisher == "The Daily Star"
    assert article.text == (
        "Gunmen clashed with soldiers in the northern city of Tripoli on Tuesday, "
        "a security source said.\n\nTwo soldiers were wounded."
    )


def test_dateline_with_time_keeps_the_time() -> None:
    article = parse_txt(
        "A headline about the war\nPublished: Apr 20, 2019 9:05 AM\n\nBody sentence here.",
        doc_id="d",
        path="d.txt",
    )
    assert isinstance(article, Article)
    assert article.title == "A headline about the war"
    assert article.published == dt.datetime(2019, 4, 20, 9, 5)
    assert article.publisher is None  # no banner line
    assert article.text == "Body sentence here."


def test_front_matter(tmp_path: Path) -> None:
    page = tmp_path / "fm.txt"
    page.write_text(
        "Title: Drone strike hits convoy near Marib\n"
        "Published: 2021-02-14\n"
        "Source: Example Wire\n"
        "URL: https://example.com/marib\n"
        "\n"
        "Drone strike hits convoy near Marib\n"
        "\n"
        "A drone strike hit a convoy near Marib on Sunday, killing five fighters.\n",
        encoding="utf-8",
    )
    article = _one(page)
    assert article.title == "Drone strike hits convoy near Marib"
    assert article.published == dt.date(2021, 2, 14)
    assert article.publisher == "Example Wire"
    assert article.url == "https://example.com/marib"
    assert (
        article.text == "A drone strike hit a convoy near Marib on Sunday, killing five fighters."
    )


def test_front_matter_with_bad_date_names_the_field(tmp_path: Path) -> None:
    page = tmp_path / "fm-bad.txt"
    page.write_text(
        "Title: X\nDate: sometime soon\n\nBody text of the article.\n", encoding="utf-8"
    )
    (item,) = list(read_inputs([page]))
    assert isinstance(item, IngestError)
    assert item.path == str(page)
    assert item.reason == "'Date' is not a recognisable date: 'sometime soon'"


def test_no_dateline_means_all_body(tmp_path: Path) -> None:
    page = tmp_path / "plain.txt"
    text = (
        "Fighting continued in the east of the country on Monday.\n\n"
        "Officials said dozens of people had fled their homes."
    )
    page.write_text(text + "\n", encoding="utf-8")
    article = _one(page)
    assert article.text == text
    assert article.title is None
    assert article.published is None
    assert article.publisher is None


def test_date_below_a_paragraph_is_body_not_header() -> None:
    long_paragraph = "Rebels attacked the town at dawn, residents said, " * 8
    text = f"{long_paragraph.strip()}\n\n20 April 2019\n\nMore body follows here."
    article = parse_txt(text, doc_id="d", path="d.txt")
    assert isinstance(article, Article)
    assert article.title is None
    assert article.published is None
    assert article.text.startswith("Rebels attacked")
    assert "20 April 2019" in article.text


def test_relative_time_is_not_a_dateline() -> None:
    article = parse_txt("Some headline\n2 hours ago\n\nThe body.", doc_id="d", path="d.txt")
    assert isinstance(article, Article)
    assert article.published is None
    assert article.text.startswith("Some headline")


def test_footer_keeps_sentences_and_short_final_sentence() -> None:
    article = parse_txt(
        "Headline\n1 May 2020\n\nFirst paragraph of the story.\n\nHe died.\nRelated Articles\n",
        doc_id="d",
        path="d.txt",
    )
    assert isinstance(article, Article)
    assert article.text == "First paragraph of the story.\n\nHe died."


def test_footer_rule_never_empties_body_and_header_only_is_an_error() -> None:
    only = parse_txt("Headline\n1 May 2020\n\nEditor Picks\n", doc_id="d", path="d.txt")
    # the only line left is kept rather than dropped as footer
    assert isinstance(only, Article)
    assert only.text == "Editor Picks"
    nothing = parse_txt("Headline\n1 May 2020\n", doc_id="d", path="d.txt")
    assert isinstance(nothing, IngestError)
    assert nothing.reason == "no article text found"


def test_publisher_from_banner() -> None:
    assert publisher_from_banner(BANNER) == "Asharq Al-Awsat"
    assert publisher_from_banner("BBC News - Home") == "BBC News"
    assert publisher_from_banner("Reuters: Breaking International News") == "Reuters"
    assert publisher_from_banner("welcome to the Kyiv Independent online") == "Kyiv Independent"
    assert publisher_from_banner("all lower case banner") is None


def test_fenced_front_matter_with_unknown_keys() -> None:
    article = parse_txt(
        "---\ntitle: Fenced\nauthor: A. Writer\ndate: 5 March 2021 14:30\n---\nThe body line.\n",
        doc_id="d",
        path="d.txt",
    )
    assert isinstance(article, Article)
    assert article.title == "Fenced"
    assert article.published == dt.datetime(2021, 3, 5, 14, 30)
    assert article.text == "The body line."
