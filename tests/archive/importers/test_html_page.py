"""Saved web pages and MHTML: article only, metadata, nothing fetched, hostile markup inert."""

from __future__ import annotations

import pytest
from importer_helpers import DATA

from archive.errors import ParseError
from archive.importers import pick
from archive.importers.html_page import HtmlPageImporter
from archive.importers.mhtml_page import MhtmlPageImporter
from archive.limits import Limits

CHROME = ("cookie", "Share on", "Great article", "Leave a Reply", "email address", "Sign Up",
          "Newsletter", "You May Also Like", "Cyprus", "Most read", "budget", "All rights reserved",
          "Privacy Policy", "INJECTED", "Baku at night", "Home", "Tags:")


def html(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


def check_article(doc: object) -> None:
    text = doc.text  # type: ignore[attr-defined]
    assert text.startswith("Meta removes Azerbaijani network of fake Pages")
    assert "589 Facebook accounts, 7,906 Pages and 447 Instagram accounts" in text
    assert "“Vətən birdir”" in text and "“სამშობლო ერთია”" in text
    assert text.rstrip().endswith("identify them as a single coordinated operation.")
    for junk in CHROME:
        assert junk not in text, junk
    assert doc.title == "Meta removes Azerbaijani network of fake Pages"  # type: ignore[attr-defined]
    assert doc.published == "2020-10-08"  # type: ignore[attr-defined]
    assert doc.publisher == "Caucasus Ledger"  # type: ignore[attr-defined]


def test_news_page_keeps_the_article_only() -> None:
    data = (DATA / "news_page_full_chrome.html").read_bytes()
    assert pick("page.html", data).name == "html_page"
    doc = HtmlPageImporter().parse(data, "page.html", Limits())
    check_article(doc)
    assert doc.language == "en" and doc.media_type == "text/html"
    # css, ad script, css background, photo, video iframe, file: image
    assert "6 external resources were not loaded" in doc.warnings


def test_mhtml_of_the_same_page() -> None:
    data = (DATA / "news_page_full_chrome.mhtml").read_bytes()
    assert pick("page.mhtml", data[:8192]).name == "mhtml_page"
    assert pick("saved", data[:8192]).name == "mhtml_page"  # by content, not name
    doc = MhtmlPageImporter().parse(data, "page.mhtml", Limits())
    check_article(doc)
    assert doc.media_type == "multipart/related" and doc.importer == "mhtml_page"


def test_mhtml_without_a_page_is_rejected() -> None:
    data = (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\n"
            b"Content-Type: image/png\r\n\r\nxx\r\n--b--\r\n")
    with pytest.raises(ParseError, match="no web page"):
        MhtmlPageImporter().parse(data, "x.mht", Limits())


def test_div_soup_page_uses_visible_date_and_cuts_leaked_comments() -> None:
    paras = "".join(f"<div class='x'>Paragraph {i}: investigators said the network of fake accounts "
                    f"posted praise for officials in several languages every weekday.</div>" for i in range(6))
    body = (f"<div class='t'>Network removed in Georgia</div><div>Published 5 March 2024, 09:30</div>{paras}"
            "<div>3 comments</div><div>Great article, thanks for this thorough and careful reporting on it.</div>")
    doc = HtmlPageImporter().parse(html(body, "<title>Network removed in Georgia</title>"), "p.htm", Limits())
    assert "Paragraph 0" in doc.text and "Paragraph 5" in doc.text
    assert "Great article" not in doc.text and "3 comments" not in doc.text
    assert doc.title == "Network removed in Georgia"


def test_cp1251_page_with_meta_charset() -> None:
    text = "Компания удалила сеть фейковых аккаунтов, связанных с правящей партией Азербайджана."
    data = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>"
            f"<title>Отчёт</title></head><body><article><h1>Отчёт</h1><p>{text}</p><p>{text}</p>"
            "</article></body></html>").encode("cp1251")
    doc = HtmlPageImporter().parse(data, "ru.html", Limits())
    assert text in doc.text and doc.encoding == "cp1251" and doc.title == "Отчёт"


def test_utf16_page_without_bom_is_sniffed_and_read() -> None:
    data = html("<article><p>" + "Şəbəkə silindi, Meta bildirdi. " * 10 + "</p></article>").decode().encode("utf-16-le")
    assert pick("page", data[:8192]).name == "html_page"
    doc = HtmlPageImporter().parse(data, "page", Limits())
    assert "Şəbəkə silindi" in doc.text


def test_scripts_iframes_refresh_and_file_urls_are_inert() -> None:
    body = ("<script>fetch('http://evil.example/x')</script><iframe src='file:///etc/passwd'></iframe>"
            "<img src='http://tracker.example/p.gif'><object data='http://x.example/a.swf'></object>"
            "<article><p>" + "The takedown covered accounts in three countries, Meta said. " * 5 + "</p></article>")
    head = "<meta http-equiv='refresh' content='0;url=file:///etc/passwd'><base href='http://evil.example/'>"
    doc = HtmlPageImporter().parse(html(body, head), "x.html", Limits())
    assert "fetch(" not in doc.text and "root:" not in doc.text
    assert "The takedown covered accounts" in doc.text
    assert "3 external resources were not loaded" in doc.warnings


def test_entity_bomb_and_xxe_do_not_expand() -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY {chr(98 + i)} "&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};">' for i in range(8))
            + '<!ENTITY xxe SYSTEM "file:///etc/passwd">]><html><body><article><p>'
            + "Report text about the removed network and its pages. " * 4
            + "&i; &xxe;</p></article></body></html>")
    doc = HtmlPageImporter().parse(bomb.encode(), "bomb.html", Limits())
    assert "Report text about the removed network" in doc.text
    assert len(doc.text) < 10_000
    assert "root:" not in doc.text and "aaaaaaaaaa" not in doc.text


def test_nul_and_bidi_in_html_are_cleaned() -> None:
    body = "<article><p>" + "Meta\u202e removed the network\x00 in Baku today, officials said. " * 4 + "</p></article>"
    doc = HtmlPageImporter().parse(html(body), "x.html", Limits())
    assert "\u202e" not in doc.text and "\x00" not in doc.text
    assert any("bidirectional" in w for w in doc.warnings)


def test_empty_and_textless_pages() -> None:
    with pytest.raises(ParseError):
        HtmlPageImporter().parse(b"", "x.html", Limits())
    doc = HtmlPageImporter().parse(html("<img src='a.png'>"), "x.html", Limits())
    assert doc.text == "" and any("No article text" in w for w in doc.warnings)
