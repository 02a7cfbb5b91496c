"""Plain-text and Markdown importers: decode any common encoding, clean, drop web chrome.

Records the detected encoding and its confidence; never changes the original bytes and
never guesses metadata beyond a headline-like first line (or a Markdown heading).
"""

from __future__ import annotations

import re
from typing import ClassVar

from archive.importers import register
from archive.importers.chrome import strip_chrome
from archive.importers.decoding import (
    cap_text,
    decode_bytes,
    detect_bom,
    guess_utf16,
    looks_binary,
    sanitize_text,
    tidy_lines,
)
from archive.importers.front_matter import split_front_matter
from archive.importers.markdown_text import strip_markdown
from archive.limits import Limits
from archive.records import RawDocument

_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"MZ",
                 b"SQLite format 3", b"\x1f\x8b", b"BZh", b"7z\xbc\xaf", b"Rar!", b"\xd0\xcf\x11\xe0")
_MARKDOWN_HINT = re.compile(rb"^(#{1,6} \S|\[[^\]]+\]\([^)]+\)|```|\*\*\S)", re.MULTILINE)
_HEADLINE_END = re.compile(r"[.,;:]$")


def _text_like(head: bytes) -> bool:
    return bool(head) and not head.startswith(_BINARY_MAGIC) and not looks_binary(head)


_SUBJECT_LINE = re.compile(r"^(?:Subject|Betreff|Objet|Asunto|Тема)\s*:\s*(.+)$", re.IGNORECASE)
_MAIL_HEADER = re.compile(r"^(?:From|To|Cc|Date|Sent|Reply-To|De|Para|À|От|Кому)\s*:", re.IGNORECASE)
# Wire slugs ("BC-US-META-TAKEDOWN", "UPDATE 2-Facebook ...", "BRIEF-..."), datelines, bylines
_SLUG = re.compile(r"^(?:[A-Z0-9]{2,}(?:-[A-Z0-9]{2,}){2,}\S*|(?:UPDATE|CORRECTED|REFILE|BRIEF)"
                   r"(?:\s*\d+)?\s*-|date\s+\d{4}-\d\d|By\s+[A-Z]|Updated\b|Published\b)")
_MASTHEADS = re.compile(
    r"^(?:Google\s+)?Threat Analysis Group|Meta Newsroom|Twitter Safety|Microsoft Threat "
    r"Intelligence|OpenAI Global Affairs|About Facebook|Meta Security|Newsroom|Home|Menu|"
    r"Skip to (?:main )?content\W*$", re.IGNORECASE)
_MASTHEAD_WORDS = 3  # a first line of one or two words is a masthead or section name


def headline(text: str) -> str | None:
    """The headline among the first lines: a mail's Subject, else the first line that reads
    like one (short, no closing period, followed by more text). Mastheads and section names
    ("Meta", "Threat Analysis Group"), mail headers, wire slugs and bylines are passed over."""
    lines = text.split("\n")
    seen = 0
    for i, line in enumerate(lines[:40]):
        s = line.strip()
        if not s:
            continue
        subject = _SUBJECT_LINE.match(s)
        if subject:
            return subject.group(1).strip() or None
        if _MAIL_HEADER.match(s) or _SLUG.match(s):
            continue
        seen += 1
        if seen > 4:
            return None
        rest = "\n".join(lines[i + 1 :]).strip()
        if (rest and len(s) <= 160 and len(s.split()) <= 24 and not _HEADLINE_END.search(s)
                and any(ch.isalpha() for ch in s)):
            if (len(s.split()) < _MASTHEAD_WORDS and not re.search(r"\d", s)
                    or _MASTHEADS.match(s)):
                continue
            return s
        return None
    return None


def read_text(data: bytes, limits: Limits) -> tuple[str, str, float, list[str]]:
    """Decode and sanitise: (text, encoding, confidence, warnings)."""
    decoded = decode_bytes(data)
    warnings = list(decoded.warnings)
    text = sanitize_text(decoded.text, warnings)
    return cap_text(text, limits.max_text_chars, warnings), decoded.encoding, decoded.confidence, warnings


def _finish(text: str, warnings: list[str]) -> str:
    chrome = strip_chrome(tidy_lines(text))
    if chrome.removed_tail_lines:
        warnings.append(f"{chrome.removed_tail_lines} trailing lines of web page chrome were removed")
    if chrome.removed_head_lines:
        warnings.append(f"{chrome.removed_head_lines} leading navigation lines were removed")
    if not chrome.text.strip():
        warnings.append("No text found")
    return chrome.text


@register
class PlainTextImporter:
    name: ClassVar[str] = "text_plain"
    label: ClassVar[str] = "Plain text"
    extensions: ClassVar[tuple[str, ...]] = (".txt", ".text")

    def sniff(self, name: str, head: bytes) -> float:
        if not _text_like(head):
            return 0.0
        if name.lower().endswith(self.extensions):
            return 0.8
        return 0.3

    def parse(self, data: bytes, name: str, limits: Limits) -> RawDocument:
        text, encoding, confidence, warnings = read_text(data, limits)
        meta = split_front_matter(text)
        text = _finish(meta.body, warnings)
        return RawDocument(
            text=text, media_type="text/plain", title=meta.title or headline(text),
            publisher=meta.publisher, published=meta.published, language=meta.language,
            encoding=encoding, encoding_confidence=confidence, importer=self.name,
            warnings=warnings,
        )


@register
class MarkdownImporter:
    name: ClassVar[str] = "text_markdown"
    label: ClassVar[str] = "Markdown"
    extensions: ClassVar[tuple[str, ...]] = (".md", ".markdown", ".mdown", ".mkd")

    def sniff(self, name: str, head: bytes) -> float:
        if not _text_like(head):
            return 0.0
        if name.lower().endswith(self.extensions):
            return 0.85
        # A .txt or nameless file full of Markdown markup still reads better stripped.
        plain = head if not (detect_bom(head) or guess_utf16(head)) else b""
        return 0.35 if len(_MARKDOWN_HINT.findall(plain)) >= 2 else 0.0

    def parse(self, data: bytes, name: str, limits: Limits) -> RawDocument:
        text, encoding, confidence, warnings = read_text(data, limits)
        meta = split_front_matter(text)
        plain, title = strip_markdown(meta.body)
        plain = _finish(plain, warnings)
        return RawDocument(
            text=plain, media_type="text/markdown", title=meta.title or title or headline(plain),
            publisher=meta.publisher, published=meta.published, language=meta.language,
            encoding=encoding, encoding_confidence=confidence, importer=self.name,
            warnings=warnings,
        )
