"""PDF reports: column order, running heads and page numbers gone, scanned and encrypted files."""

from __future__ import annotations

import re

import pytest
from importer_helpers import make_canvas_pdf

from archive.errors import ParseError
from archive.importers import pick
from archive.importers.pdf_layout import join_paragraphs, remove_running_lines
from archive.importers.pdf_report import PdfReportImporter
from archive.limits import Limits


def parse(data: bytes, limits: Limits | None = None) -> object:
    return PdfReportImporter().parse(data, "report.pdf", limits or Limits())


def test_two_column_report_reads_column_by_column(two_column_pdf: bytes) -> None:
    assert pick("x", two_column_pdf[:8192]).name == "pdf_report"
    doc = parse(two_column_pdf)
    text = doc.text  # type: ignore[attr-defined]
    markers = re.findall(r"Paragraph (\d+) (starts|stops)\.", text)
    expected = [(str(i), w) for i in range(24) for w in ("starts", "stops")]
    assert markers == expected  # every paragraph, in reading order, none split by a header
    assert "Adversarial Threat Report - Q3" not in text
    assert not re.search(r"Page \d+ of", text)
    assert not re.search(r"(?m)^\d+$", text)
    assert doc.title == "Quarterly Adversarial Threat Report"  # type: ignore[attr-defined]
    assert doc.pages and doc.pages >= 3  # type: ignore[attr-defined]
    # No date in the text: the Info dictionary's CreationDate stands in for it.
    created = re.search(rb"/CreationDate \(D:(\d{4})(\d\d)(\d\d)", two_column_pdf)
    assert created is not None
    assert doc.published == "-".join(g.decode() for g in created.groups())  # type: ignore[attr-defined]
    # one paragraph per block: a body paragraph is whole and the heading stands alone
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Coordinated inauthentic behaviour in Azerbaijan"
    assert any(p.startswith("Paragraph 7 starts.") and p.endswith("Paragraph 7 stops.") for p in paragraphs)
    assert "Findings part 5" in paragraphs


def test_page_cap_reads_the_first_pages_with_a_note(two_column_pdf: bytes) -> None:
    doc = parse(two_column_pdf, Limits(max_pdf_pages=1))
    assert "Paragraph 0 starts." in doc.text and "Paragraph 23" not in doc.text  # type: ignore[attr-defined]
    assert any("Only the first 1 of" in w for w in doc.warnings)  # type: ignore[attr-defined]


def test_scanned_pdf_is_kept_and_flagged() -> None:
    def draw(c: object) -> None:
        for i in range(20):
            c.rect(50 + i * 10, 100 + i * 20, 200, 30, fill=1)  # type: ignore[attr-defined]
    doc = parse(make_canvas_pdf(draw))
    assert doc.text == "" and doc.flags == ["no_text_layer"]  # type: ignore[attr-defined]
    assert "No text layer (scanned?); the original is kept" in doc.warnings  # type: ignore[attr-defined]


def test_encrypted_pdf_is_rejected() -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    def draw(c: object) -> None:
        c.drawString(100, 700, "Secret takedown numbers")  # type: ignore[attr-defined]
    data = make_canvas_pdf(draw, encrypt=StandardEncryption("user-pw", ownerPassword="owner-pw"))
    with pytest.raises(ParseError, match="^this PDF is password-protected$"):
        parse(data)


def test_pdf_with_only_an_owner_password_opens() -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    def draw(c: object) -> None:
        c.drawString(100, 700, "Meta removed 589 accounts in Azerbaijan, the report said.")  # type: ignore[attr-defined]
    data = make_canvas_pdf(draw, encrypt=StandardEncryption("", ownerPassword="owner-pw", canPrint=0))
    assert "589 accounts" in parse(data).text  # type: ignore[attr-defined]


@pytest.mark.parametrize("data", [b"%PDF-1.7\n", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", b"not a pdf"])
def test_broken_pdf_gives_a_one_line_reason(data: bytes) -> None:
    with pytest.raises(ParseError) as info:
        parse(data)
    assert "\n" not in str(info.value) and str(info.value).startswith("could not read this PDF")


def test_truncated_pdf_is_rejected_or_read(two_column_pdf: bytes) -> None:
    try:
        doc = parse(two_column_pdf[: len(two_column_pdf) // 2])
    except ParseError:
        return
    assert "Paragraph 0 starts." in doc.text  # type: ignore[attr-defined]


def test_layout_helpers() -> None:
    long1 = "The network used fake accounts and Pages to leave comments on"
    long2 = "local news sites, and it posted mostly during working hours, com-"
    pages = [["Annual Report 2020", "12", long1, long2, "menting in shifts.", "- 12 -"],
             ["Annual Report 2020", "Page 13 of 16", "Second page text ends here.", "13"],
             ["Annual Report 2020", "Heading on page three", long1, "news sites.", "iv"]]
    cleaned, removed = remove_running_lines(pages)
    assert removed == 8
    assert join_paragraphs(cleaned) == (
        f"{long1} local news sites, and it posted mostly during working hours, commenting in shifts."
        f"\n\nSecond page text ends here.\n\nHeading on page three\n\n{long1} news sites.")
