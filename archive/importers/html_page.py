"""Saved web page importer: article text via trafilatura (selectolax as fallback), page
metadata, web chrome removed.

Never fetches anything and never reads local files: the page is parsed from a string with
network access off, active content is dropped, external resources are only counted.
"""

from __future__ import annotations

import copy
import re
import warnings as pywarnings
from typing import ClassVar

import lxml.etree
import trafilatura
from trafilatura.settings import use_config

from archive.errors import ParseError
from archive.importers import register
from archive.importers.chrome import strip_chrome
from archive.importers.decoding import cap_text, decode_bytes, sanitize_text, tidy_lines
from archive.importers.html_meta import (
    count_external_resources,
    fallback_text,
    iso_date,
    page_metadata,
    parse_tree,
    release_swallowed_content,
    remove_active_content,
)
from archive.limits import Limits
from archive.records import RawDocument

_HTML_HEAD = re.compile(rb"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_HTML_HINT = re.compile(rb"<(head|body|meta|title|div|p|article)[\s>]", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CONFIG = use_config()
_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no signal-based timeouts (threads, child processes)


def _utf16_ascii(head: bytes) -> bytes:
    """A rough ASCII view of a UTF-16 head so markup can be sniffed in it too."""
    return head.replace(b"\x00", b"")


def declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii", "replace") if m else None


def html_to_document(data: bytes, limits: Limits, declared: str | None = None,
                     media_type: str = "text/html", importer: str = "html_page") -> RawDocument:
    """Shared by the HTML and MHTML importers: bytes of a page to a RawDocument."""
    decoded = decode_bytes(data, declared or declared_charset(data))
    warnings = list(decoded.warnings)
    html = sanitize_text(decoded.text, warnings)
    try:
        root = parse_tree(html)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as exc:
        raise ParseError(f"could not read this web page ({_one_line(exc)})") from None
    release_swallowed_content(root)
    meta = page_metadata(root)
    external = count_external_resources(root)
    if external:
        warnings.append(f"{external} external resource{'s were' if external > 1 else ' was'} not loaded")
    remove_active_content(root)
    text, extra = _extract(root, html)
    title = meta["title"] or extra.get("title")
    publisher = meta["publisher"] or extra.get("sitename")
    published = meta["published"] or iso_date(extra.get("date"))
    chrome = strip_chrome(tidy_lines(text))
    if chrome.removed_tail_lines:
        warnings.append(f"{chrome.removed_tail_lines} trailing lines of web page chrome were removed")
    text = cap_text(chrome.text, limits.max_text_chars, warnings)
    if not text.strip():
        warnings.append("No article text found on this page")
    return RawDocument(
        text=text, media_type=media_type, title=title, publisher=publisher, published=published,
        language=meta["language"], encoding=decoded.encoding,
        encoding_confidence=decoded.confidence, importer=importer, warnings=warnings,
    )


def _extract(root: lxml.etree._Element, html: str) -> tuple[str, dict[str, str | None]]:
    """Article text and trafilatura's metadata; selectolax when trafilatura finds nothing."""
    extra: dict[str, str | None] = {}
    text = ""
    try:
        with pywarnings.catch_warnings():
            pywarnings.simplefilter("ignore")
            doc = trafilatura.bare_extraction(
                copy.deepcopy(root), url=None, favor_precision=True, include_comments=False,
                include_tables=True, include_images=False, include_links=False,
                with_metadata=True, deduplicate=False, config=_CONFIG,
            )
    except (RecursionError, ValueError, TypeError, AttributeError, IndexError, KeyError,
            lxml.etree.LxmlError):
        doc = None  # trafilatura choked on an odd tree; the simple extractor still runs
    if doc is not None:
        text = getattr(doc, "text", None) or ""
        for key in ("title", "sitename", "date"):
            value = getattr(doc, key, None)
            extra[key] = value if isinstance(value, str) and value.strip() else None
    if not text.strip():
        cleaned = lxml.etree.tostring(root, encoding="unicode", method="html")
        text = fallback_text(cleaned or html)
    return text, extra


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


@register
class HtmlPageImporter:
    name: ClassVar[str] = "html_page"
    label: ClassVar[str] = "Saved web page"
    extensions: ClassVar[tuple[str, ...]] = (".html", ".htm", ".xhtml", ".shtml")

    def sniff(self, name: str, head: bytes) -> float:
        view = _utf16_ascii(head[:4096]) if b"\x00" in head[:4096] else head[:4096]
        if _HTML_HEAD.search(view.lstrip()[:1024]):
            return 0.95
        if name.lower().endswith(self.extensions):
            return 0.9
        if len(_HTML_HINT.findall(view)) >= 2:
            return 0.6
        return 0.0

    def parse(self, data: bytes, name: str, limits: Limits) -> RawDocument:
        return html_to_document(data, limits)
