"""Turns per-page PDF text lines into clean prose: running headers/footers and page numbers
removed, line-end hyphens undone, wrapped lines joined into paragraphs.

Pure text work on lists of lines; must not open PDFs or depend on a PDF library.
"""

from __future__ import annotations

import math
import re

_ZONE = 3  # lines at the top and bottom of a page where running heads and folios live
_PAGE_NUMBER = re.compile(
    r"""(?ix)^[\s\-–—|\[(]*(
        (page|p\.|pg\.?|стр\.?|səhifə|გვ\.?)?\s*\d{1,4}(\s*(/|of|из|из|-)\s*\d{1,4})?
      | [ivxlcdm]{1,7}
    )[\s\-–—|\])]*$""")
_DIGITS = re.compile(r"\d+")
_SOFT_HYPHENS = ("\x02", "\ufffe", "\xad")
_TERMINAL = tuple(".!?:;\"”’)»…")
_BULLET = re.compile(r"^([•▪◦·●\-–*]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s")


def _norm(line: str) -> str:
    return " ".join(_DIGITS.sub("#", line.lower()).split())


def remove_running_lines(pages: list[list[str]]) -> tuple[list[list[str]], int]:
    """Drop lines repeated in the top/bottom zone of many pages, and bare page numbers there.

    A line counts as repeated when it is the same on those pages, or differs only in a
    number that runs with the page (a folio: "Report · 3", "Report · 4"). Lines that differ
    in other numbers are text ("Meta removed 120 accounts" / "... 45 accounts"), never a
    running head. Returns the cleaned pages and how many lines were removed."""
    pages = [[line.strip() for line in page if line.strip()] for page in pages]
    seen: dict[str, dict[int, str]] = {}  # normalised line -> page index -> first line seen
    for index, page in enumerate(pages):
        for line in page[:_ZONE] + page[-_ZONE:]:
            seen.setdefault(_norm(line), {}).setdefault(index, line)
    # Short documents need the line on every page; longer ones on 40% of pages (chapters
    # often change the running head). Long lines are prose, never a running head.
    threshold = len(pages) if len(pages) <= 3 else max(3, math.ceil(0.4 * len(pages)))
    repeated = {key for key, by_page in seen.items()
                if len(by_page) >= threshold and len(pages) >= 2 and len(key) <= 120
                and _runs_with_the_page(by_page)}
    removed = 0
    cleaned: list[list[str]] = []
    for page in pages:
        keep: list[str] = []
        for i, line in enumerate(page):
            in_zone = i < _ZONE or i >= len(page) - _ZONE
            if in_zone and (_norm(line) in repeated or _PAGE_NUMBER.match(line)):
                removed += 1
                continue
            keep.append(line)
        cleaned.append(keep)
    return cleaned, removed


def _runs_with_the_page(by_page: dict[int, str]) -> bool:
    """True when the lines are identical, or differ only in one number that keeps a fixed
    distance from the page index (a folio); any other changing number makes them text."""
    numbers = {index: [int(n) for n in _DIGITS.findall(line)] for index, line in by_page.items()}
    columns = list(zip(*numbers.values(), strict=True))
    indexes = list(numbers)
    varying = [col for col in columns if len(set(col)) > 1]
    if not varying:
        return True
    if len(varying) > 1:
        return False
    return len({value - index for value, index in zip(varying[0], indexes, strict=True)}) == 1


def join_paragraphs(pages: list[list[str]]) -> str:
    """Join wrapped lines across pages and columns; one blank line between paragraphs."""
    lines = [line for page in pages for line in page]
    if not lines:
        return ""
    lengths = sorted(len(line) for line in lines)
    typical = lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]
    paragraphs: list[str] = []
    current = ""
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if not current:
            current = line
        elif current.endswith(_SOFT_HYPHENS):
            current = current.rstrip("".join(_SOFT_HYPHENS)) + line
        elif _dehyphenate(current, line):
            current = current[:-1] + line
        else:
            current = f"{current} {line}"
        if _ends_paragraph(line, nxt, typical):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _dehyphenate(current: str, line: str) -> bool:
    return (len(current) >= 2 and current.endswith("-") and current[-2].isalpha()
            and line[:1].islower())


def _ends_paragraph(line: str, nxt: str, typical: int) -> bool:
    if not nxt:
        return True
    if _BULLET.match(nxt):
        return True
    if line.endswith(("-", *_SOFT_HYPHENS)) or nxt[:1].islower():
        return False
    short = len(line) < 0.75 * typical
    if short:
        return True  # a short line followed by a capital: end of paragraph or a heading
    # a full-width line that ends a sentence, followed by a short heading-like line
    return line.endswith(_TERMINAL) and len(nxt) < 0.5 * typical and not nxt.endswith(_TERMINAL)


def pick_title(meta_title: str | None, text: str) -> str | None:
    """Metadata title when it is a real one, else the first short heading-like paragraph."""
    if meta_title:
        t = " ".join(meta_title.split())
        t = re.sub(r"^(microsoft (word|powerpoint) - )", "", t, flags=re.IGNORECASE)
        if (t and t.lower() not in ("untitled", "(anonymous)", "(unspecified)", "title")
                and not re.search(r"\.(docx?|pptx?|pdf|indd|odt|rtf)$", t, re.IGNORECASE)):
            return t[:500]
    for para in text.split("\n\n")[:6]:
        p = para.strip()
        if p and len(p.split()) <= 20 and not p.endswith((".", ",", ";")) and not _NOT_TITLE.match(p):
            return p
    return None


# A first line that is a date ("October 2020"), a page number or a section label is not a title.
_NOT_TITLE = re.compile(
    r"^(?:(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?\d{0,2},?\s*"
    r"(?:19|20)\d\d|q[1-4]\s+(?:19|20)\d\d|page\s+\d+|\d+|contents|table of contents|"
    r"executive summary|summary|introduction|for immediate release)\W*$",
    re.IGNORECASE,
)
