"""PDF importer: text per page with pypdfium2 (pypdf as a pure-Python fallback), then
running heads, page numbers and line wrapping cleaned up by pdf_layout.

`published` is the date the first pages state, else the Info CreationDate (ModDate),
a PDF date "D:YYYYMMDD...". Never renders images or runs JS.
"""

from __future__ import annotations

import io
import logging
import re
import warnings as pywarnings
from typing import ClassVar

import pypdf
import pypdfium2 as pdfium

from archive.errors import ParseError
from archive.extract.document import guess_published
from archive.importers import register
from archive.importers.decoding import cap_text, sanitize_text
from archive.importers.pdf_layout import join_paragraphs, pick_title, remove_running_lines
from archive.limits import Limits
from archive.records import RawDocument

_PASSWORD = "this PDF is password-protected"
_MIN_TEXT_CHARS = 20
_SOFT_BREAK = re.compile("[\u00ad\x02\ufffe]\r?\n")


class _Encrypted(Exception):
    pass


def _pages_pdfium(data: bytes, max_pages: int) -> tuple[list[str], int, dict[str, str]]:
    """(page texts, total page count, Info metadata) via PDFium."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise _Encrypted() from None
        raise
    try:
        total = len(pdf)
        meta = {k: v for k, v in pdf.get_metadata_dict(skip_empty=True).items()
                if isinstance(v, str)}
        texts: list[str] = []
        for index in range(min(total, max_pages)):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                try:
                    texts.append(textpage.get_text_range())
                finally:
                    textpage.close()
            finally:
                page.close()
        return texts, total, meta
    finally:
        pdf.close()


def _pages_pypdf(data: bytes, max_pages: int) -> tuple[list[str], int, dict[str, str]]:
    """(page texts, total page count, Info metadata) via pypdf."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with pywarnings.catch_warnings():
        pywarnings.simplefilter("ignore")
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _Encrypted()
        total = len(reader.pages)
        texts = [reader.pages[i].extract_text() or "" for i in range(min(total, max_pages))]
        info: dict[str, object] = dict(reader.metadata or {})
        meta = {str(k).lstrip("/"): str(v) for k, v in info.items() if isinstance(v, str)}
        return texts, total, meta


def read_pages(data: bytes, limits: Limits, warnings: list[str]) -> tuple[list[str], int, dict[str, str]]:
    """Page texts by PDFium, falling back to pypdf; ParseError with a one-line reason."""
    try:
        return _pages_pdfium(data, limits.max_pdf_pages)
    except _Encrypted:
        raise ParseError(_PASSWORD) from None
    except pdfium.PdfiumError as exc:
        first = " ".join(str(exc).split())[:160]
    try:
        result = _pages_pypdf(data, limits.max_pdf_pages)
    except _Encrypted:
        raise ParseError(_PASSWORD) from None
    except pypdf.errors.FileNotDecryptedError:
        raise ParseError(_PASSWORD) from None
    # pypdf is pure Python and raises whatever its parser trips on for broken files.
    except (pypdf.errors.PyPdfError, ValueError, KeyError, IndexError, TypeError,
            AttributeError, AssertionError, RecursionError, ZeroDivisionError,
            UnicodeError, OverflowError, NotImplementedError, LookupError, OSError) as exc:
        reason = first.removeprefix("Failed to load document ").strip("() .") or type(exc).__name__
        raise ParseError(f"could not read this PDF ({reason})") from None
    warnings.append("Read with the fallback PDF reader (PDFium could not open it)")
    return result


def _chars(pages: list[list[str]]) -> int:
    return sum(len("".join(line.split())) for page in pages for line in page)


def _split_lines(page: str) -> list[str]:
    return page.replace("\r\n", "\n").replace("\r", "\n").split("\n")


@register
class PdfReportImporter:
    name: ClassVar[str] = "pdf_report"
    label: ClassVar[str] = "PDF report"
    extensions: ClassVar[tuple[str, ...]] = (".pdf",)

    def sniff(self, name: str, head: bytes) -> float:
        if head.startswith(b"%PDF-"):
            return 1.0
        if b"%PDF-" in head[:1024]:
            return 0.9  # some writers put junk before the header; PDF readers allow it
        return 0.4 if name.lower().endswith(".pdf") else 0.0

    def parse(self, data: bytes, name: str, limits: Limits) -> RawDocument:
        warnings: list[str] = []
        texts, total, meta = read_pages(data, limits, warnings)
        meta_title = meta.get("Title")
        if total > len(texts):
            warnings.append(f"Only the first {len(texts):,} of {total:,} pages were read (the limit)")
        # A soft hyphen at a line end means the word goes on: join before the clean-up drops it.
        texts = [sanitize_text(_SOFT_BREAK.sub("", t), warnings) for t in texts]
        doc = RawDocument(text="", media_type="application/pdf", importer=self.name,
                          warnings=warnings, pages=total)
        empty = sum(1 for t in texts if len("".join(t.split())) < 5)
        if sum(len("".join(t.split())) for t in texts) < _MIN_TEXT_CHARS:
            doc.flags.append("no_text_layer")
            warnings.append("No text layer (scanned?); the original is kept")
            doc.title = pick_title(meta_title, "")
            return doc
        if empty:
            warnings.append(f"{empty} of {len(texts)} pages have no text layer (scanned?)")
        lines = [_split_lines(t) for t in texts]
        pages, removed = remove_running_lines(lines)
        if removed and _chars(pages) < _MIN_TEXT_CHARS:
            # What looked like running heads was the text itself: keep it, and say so.
            pages = [[line.strip() for line in page if line.strip()] for page in lines]
            warnings.append(f"{removed} lines repeated on every page were kept: without them "
                            "no text would be left")
        text = cap_text(join_paragraphs(pages), limits.max_text_chars, warnings)
        doc.text = text
        doc.title = pick_title(meta_title, text)
        # The date the report states wins; else when the file was made (reports are
        # exported on the day they are published far more often than not).
        doc.published = guess_published(text) or pdf_date(meta.get("CreationDate")) or pdf_date(
            meta.get("ModDate"))
        return doc


_PDF_DATE = re.compile(r"^(?:D:)?((?:19|20)\d\d)(\d\d)(\d\d)")


def pdf_date(value: str | None) -> str | None:
    """ISO date of a PDF date string ("D:20201008093000Z"), or None if it is not one."""
    m = _PDF_DATE.match((value or "").strip())
    if not m or not ("01" <= m.group(2) <= "12" and "01" <= m.group(3) <= "31"):
        return None
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
