"""Front matter, titles and PDF dates: metadata from the document's own structure."""

from __future__ import annotations

import pytest

from archive.importers.front_matter import split_front_matter
from archive.importers.pdf_layout import pick_title
from archive.importers.pdf_report import pdf_date
from archive.importers.text_plain import MarkdownImporter, PlainTextImporter, headline
from archive.limits import DEFAULT_LIMITS


def test_yaml_front_matter_gives_title_publisher_date_url_and_language() -> None:
    meta = split_front_matter("---\ntitle: Meta removes a network\nsource: https://example.org/a\n"
                              "publisher: Caucasus Ledger\nauthor: A. Writer\ndate: 2020-10-08\n"
                              "lang: en-GB\n---\n\nBody text.\n")
    assert (meta.title, meta.publisher, meta.published, meta.url, meta.language) == (
        "Meta removes a network", "Caucasus Ledger", "2020-10-08", "https://example.org/a", "en")
    assert meta.body.strip() == "Body text."


def test_toml_front_matter() -> None:
    meta = split_front_matter('+++\ntitle = "TAG Bulletin"\ndate = 2024-03-01\n+++\nText.\n')
    assert (meta.title, meta.published, meta.body.strip()) == ("TAG Bulletin", "2024-03-01", "Text.")


@pytest.mark.parametrize("text", ["---\ntitle: [unclosed\n---\nText.", "---\nno end\nText.",
                                  "Just text.\n---\n"])
def test_malformed_or_absent_front_matter_leaves_the_text_as_it_was(text: str) -> None:
    meta = split_front_matter(text)
    assert meta.body == text and meta.title is None


def test_an_author_is_not_the_publisher() -> None:
    assert split_front_matter("---\nauthor: Jane Roe\n---\nText.").publisher is None


@pytest.mark.parametrize("importer", [MarkdownImporter(), PlainTextImporter()])
def test_importers_use_front_matter(importer: object) -> None:
    raw = importer.parse(b"---\ntitle: Network removed\ndate: 2021-02-03\n---\n\nBody.\n",  # type: ignore[attr-defined]
                         "x.md", DEFAULT_LIMITS)
    assert (raw.title, raw.published, raw.text.strip()) == ("Network removed", "2021-02-03", "Body.")


@pytest.mark.parametrize(("text", "title"), [
    ("Meta\n\nMeta's Adversarial Threat Report, First Quarter\n\nWe removed six networks.",
     "Meta's Adversarial Threat Report, First Quarter"),
    ("Threat Analysis Group\n\nTAG Bulletin: Q2 2022\n\nThis bulletin includes campaigns.",
     "TAG Bulletin: Q2 2022"),
    ("From: Desk <desk@example.org>\nSubject: Weekly: Meta removes two networks\n\nBody here.",
     "Weekly: Meta removes two networks"),
    ("BC-US-META-TAKEDOWN\nFacebook removes Iran network\n\nBody text here.",
     "Facebook removes Iran network"),
])
def test_titles_pass_over_mastheads_mail_headers_and_slugs(text: str, title: str) -> None:
    assert headline(text) == title


def test_a_pdf_is_not_titled_by_a_month_and_year() -> None:
    assert pick_title(None, "October 2020\n\nCoordinated Inauthentic Behavior Report\n\nText.") == (
        "Coordinated Inauthentic Behavior Report")


@pytest.mark.parametrize(("value", "iso"), [("D:20201008093000Z", "2020-10-08"),
                                            ("20190131", "2019-01-31"), ("D:20201399", None),
                                            ("garbage", None), (None, None)])
def test_pdf_dates(value: str | None, iso: str | None) -> None:
    assert pdf_date(value) == iso
