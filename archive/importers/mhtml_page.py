"""MHTML (.mhtml/.mht) single-file web saves: find the page's text/html part in the MIME
multipart and hand it to the HTML importer.

Uses only the stdlib email parser; embedded resources are neither decoded nor shown.
"""

from __future__ import annotations

import email.header
import email.parser
import email.policy
import re
from email.message import Message
from typing import ClassVar

from archive.errors import ParseError
from archive.importers import register
from archive.importers.html_page import html_to_document
from archive.limits import Limits
from archive.records import RawDocument

_MIME_HEAD = re.compile(rb"^\s*(MIME-Version|Content-Type|From|Subject|Snapshot-Content-Location|Date)\s*:",
                        re.IGNORECASE | re.MULTILINE)
_MAX_PARTS = 10_000


def _html_part(message: Message) -> Message | None:
    """The page itself: the multipart's start part if named, else the first text/html part."""
    start = message.get_param("start") if message.is_multipart() else None
    first_html: Message | None = None
    for count, part in enumerate(message.walk()):
        if count > _MAX_PARTS:
            break
        if part.get_content_type() not in ("text/html", "application/xhtml+xml"):
            continue
        if isinstance(start, str) and part.get("Content-ID", "").strip() == start.strip():
            return part
        if first_html is None:
            first_html = part
    return first_html


@register
class MhtmlPageImporter:
    name: ClassVar[str] = "mhtml_page"
    label: ClassVar[str] = "Single-file web page (MHTML)"
    extensions: ClassVar[tuple[str, ...]] = (".mhtml", ".mht")

    def sniff(self, name: str, head: bytes) -> float:
        has_headers = bool(_MIME_HEAD.search(head[:2048]))
        multipart = b"multipart/related" in head[:4096].lower()
        if has_headers and multipart:
            return 0.97
        if name.lower().endswith(self.extensions):
            return 0.9 if has_headers else 0.5
        return 0.0

    def parse(self, data: bytes, name: str, limits: Limits) -> RawDocument:
        try:
            message = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(data)
            part = _html_part(message)
            payload = part.get_payload(decode=True) if part is not None else None
        except (RecursionError, ValueError, LookupError, TypeError, AssertionError) as exc:
            raise ParseError(f"could not read this MHTML file ({type(exc).__name__})") from None
        if part is None or not isinstance(payload, bytes):
            raise ParseError("this MHTML file holds no web page")
        charset = part.get_content_charset()
        doc = html_to_document(payload, limits, declared=charset,
                               media_type="multipart/related", importer=self.name)
        subject = message.get("Subject")
        if doc.title is None and isinstance(subject, str) and subject.strip():
            doc.title = " ".join(_decode_header(subject).split())[:500]
        return doc


def _decode_header(value: str) -> str:
    try:
        return str(email.header.make_header(email.header.decode_header(value)))
    except (ValueError, LookupError, UnicodeDecodeError):
        return value
