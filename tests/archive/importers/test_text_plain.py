"""Plain text and Markdown: encodings, sanitising, headline titles, web-chrome removal."""

from __future__ import annotations

import codecs

import pytest
from importer_helpers import DATA

from archive.errors import ParseError
from archive.importers import pick
from archive.importers.text_plain import MarkdownImporter, PlainTextImporter
from archive.limits import Limits
from archive.records import RawDocument

RU = ("Отчёт о сети в Азербайджане\n\nКомпания удалила 589 аккаунтов и 7906 страниц, "
      "связанных с молодёжным союзом правящей партии. Сеть работала по будням.")
FR = ("Réseau démantelé en Azerbaïdjan\n\nLe réseau a été supprimé par l'équipe de sécurité, "
      "a déclaré Meta à Paris. Les comptes publiaient des commentaires élogieux.")
AZ = "Şəbəkə Azərbaycanda silindi\n\nMeta 589 hesabı sildi. Gənclər Birliyi ilə əlaqəli şəbəkə."


def parse(data: bytes, name: str = "note.txt") -> RawDocument:
    return PlainTextImporter().parse(data, name, Limits())


@pytest.mark.parametrize(("text", "encoding", "expected"), [
    (RU, "cp1251", "cp1251"),
    (RU, "koi8-r", "koi8-r"),
    (RU, "utf-16-le", "utf-16-le"),
    (RU, "utf-16-be", "utf-16-be"),
    (FR, "utf-16-le", "utf-16-le"),
    (FR, "latin-1", "cp1252"),
    (AZ, "utf-8", "utf-8"),
])
def test_encodings_without_bom_are_detected(text: str, encoding: str, expected: str) -> None:
    doc = parse(text.encode(encoding))
    assert doc.text == text
    assert doc.encoding == expected
    assert doc.encoding_confidence is not None and 0 < doc.encoding_confidence <= 1


@pytest.mark.parametrize(("bom", "encoding"), [
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
])
def test_bom_wins_and_is_not_kept(bom: bytes, encoding: str) -> None:
    doc = parse(bom + RU.encode(encoding))
    assert doc.text == RU
    assert doc.encoding_confidence == 1.0


def test_title_is_a_headline_like_first_line_only() -> None:
    assert parse(RU.encode()).title == "Отчёт о сети в Азербайджане"
    assert parse(b"A long first sentence that ends with a full stop.\n\nMore text.").title is None
    assert parse(b"Only one line").title is None


def test_nul_surrogate_and_bidi_are_cleaned_with_warnings() -> None:
    data = "Meta\u202e removed\u2066 589\u2069 accounts\r\nin Baku\rtoday".encode() + b"\x00!"
    doc = parse(data)
    assert "\u202e" not in doc.text and "\u2066" not in doc.text
    assert "\x00" not in doc.text and "\ufffd" in doc.text
    assert doc.text.split("\n") == ["Meta removed 589 accounts", "in Baku", "today\ufffd!"]
    assert any("3 bidirectional" in w for w in doc.warnings)
    assert any("NUL" in w for w in doc.warnings)


def test_lone_surrogate_in_utf16_is_replaced() -> None:
    data = "Baku ".encode("utf-16-le") + b"\x00\xd8" + " report text".encode("utf-16-le")
    doc = parse(codecs.BOM_UTF16_LE + data)
    assert "\ufffd" in doc.text and "report text" in doc.text
    doc.text.encode("utf-8")  # nothing unencodable survives


def test_text_is_nfc_normalised() -> None:
    doc = parse("Azərbaycan e\u0301te\u0301".encode())
    assert doc.text == "Azərbaycan \u00e9t\u00e9"


def test_binary_is_rejected() -> None:
    with pytest.raises(ParseError):
        parse(bytes(range(256)) * 20)


def test_seed_loses_its_trailing_web_chrome() -> None:
    data = (DATA / "seed_news_text_with_trailing_chrome.txt").read_bytes()
    doc = parse(data)
    assert doc.text.endswith("Youth Union of New Azerbaijani Party,” Facebook stated.")
    for chrome in ("Leave a Reply", "You May Also Like", "Cyprus", "Akismet", "Newsletter", "1 comment"):
        assert chrome not in doc.text
    assert doc.text.startswith("Facebook has removed 589 Facebook accounts")
    assert doc.title is None  # the first line is a paragraph, not a headline


def test_markdown_is_stripped_to_readable_text() -> None:
    md = ("---\nlayout: post\n---\n# Meta removes *Azerbaijani* network\n\n"
          "Read the [full report](https://example.com/r.pdf) and see ![chart](c.png).\n\n"
          "- **589** Facebook accounts\n- `7,906` Pages\n\n| Platform | Count |\n|---|---|\n"
          "| Instagram | 447 |\n\n```\ncode stays\n```\nsnake_case_name stays\n")
    doc = MarkdownImporter().parse(md.encode(), "report.md", Limits())
    assert doc.title == "Meta removes Azerbaijani network"
    assert doc.media_type == "text/markdown"
    assert "Read the full report and see chart." in doc.text
    assert "- 589 Facebook accounts" in doc.text and "- 7,906 Pages" in doc.text
    assert "Instagram\t447" in doc.text and "---" not in doc.text
    assert "snake_case_name stays" in doc.text and "code stays" in doc.text
    assert "https://" not in doc.text and "#" not in doc.text


def test_sniffing_picks_text_and_markdown_and_refuses_binary() -> None:
    assert pick("a.txt", RU.encode("utf-16-le")).name == "text_plain"
    assert pick("a.md", b"# Title\n\ntext").name == "text_markdown"
    assert pick("noext", b"plain words here").name == "text_plain"
    from archive.errors import UnsupportedFormat
    with pytest.raises(UnsupportedFormat, match="PNG"):
        pick("x.txt", b"\x89PNG\r\n\x1a\n" + bytes(100))
