"""Visual order for briefings: each line of a paragraph reordered for right-to-left text
(a simplified UAX #9 with isolates around every piece of document text), so Arabic and
Hebrew read right to left on the page and extractors read them back in logical order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar

from reportlab.platypus import Paragraph

from archive.export.briefing_fonts import MIRROR, mirrored

# Scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic,
# their presentation forms, and the historic ones beyond the BMP): a quick test before
# the per-character rules.
RTL_RE = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff"
                    "\U0001e800-\U0001efff]")
# Isolate marks around each piece of document text in markup, one pair per direction so a
# line that starts or ends inside an isolate knows it: zero-width in the primary font,
# removed from document text by markup(), and dropped again before drawing.
OPEN_L, CLOSE_L, OPEN_R, CLOSE_R = "\u2060", "\ufeff", "\u200b", "\u200e"
_OPENS, _CLOSES = {OPEN_L: 0, OPEN_R: 1}, {CLOSE_L: 0, CLOSE_R: 1}
_MARKS = {**_OPENS, **_CLOSES}
T = TypeVar("T")


def isolate(marked: str, plain: str | None = None) -> str:
    """*marked* between the isolate marks for the direction of the first strong letter of
    *plain* (default: *marked* itself)."""
    first = next((k for k in map(_kind, plain if plain is not None else marked)
                  if k in ("L", "R")), "L")
    return (OPEN_R + marked + CLOSE_R) if first == "R" else (OPEN_L + marked + CLOSE_L)


def _kind(ch: str) -> str:
    b = unicodedata.bidirectional(ch)
    if b in ("R", "AL"):
        return "R"
    if b in ("EN", "AN"):
        return "EN"
    if b in ("CS", "ET"):
        return b
    return "L" if b == "L" else "N"


def _levels(kinds: list[str], base: int) -> list[int]:
    """Embedding levels (UAX #9 W2, W4, W5, W7, N1, N2, I1, I2) for one run at level *base*."""
    n = len(kinds)
    kinds = list(kinds)
    for i in range(n):  # W4/W5: 2,000 and 5% are numbers, not neutrals
        if kinds[i] in ("CS", "ET"):
            left = kinds[i - 1] if i else ""
            right = kinds[i + 1] if i + 1 < n else ""
            number = (left == "EN" and right == "EN") or (kinds[i] == "ET" and "EN" in (left, right))
            kinds[i] = "EN" if number else "N"
    even, odd = (base, base + 1) if base % 2 == 0 else (base + 1, base)
    dirs: list[str | None] = [None] * n
    levels: list[int] = [base] * n
    strong = "R" if base % 2 else "L"
    for i, k in enumerate(kinds):
        if k in ("L", "R"):
            strong = k
        if k == "L" or (k == "EN" and strong == "L"):
            dirs[i], levels[i] = "L", even
        elif k == "R":
            dirs[i], levels[i] = "R", odd
        elif k == "EN":  # a number in right-to-left text keeps its digits left to right
            dirs[i], levels[i] = "R", odd + 1 if odd % 2 else odd
    edge = "R" if base % 2 else "L"
    i = 0
    while i < n:  # N1/N2: neutrals take the direction on both sides, else the base one
        if dirs[i] is not None:
            i += 1
            continue
        j = i
        while j < n and dirs[j] is None:
            j += 1
        before = dirs[i - 1] if i else edge
        after = dirs[j] if j < n else edge
        level = (even if before == "L" else odd) if before == after else base
        for m in range(i, j):
            levels[m] = level
        i = j
    return levels


def _segments(units: list[tuple[str, T]]) -> list[tuple[int | None, list[tuple[str, T]]]]:
    """Split a line at isolate marks into (the isolate's direction or None, units); a line
    that starts inside an isolate (a title wrapped onto it) learns its direction from the
    closing mark."""
    marks = [t for t, _ in units if t in _MARKS]
    inside: int | None = _CLOSES[marks[0]] if marks and marks[0] in _CLOSES else None
    out: list[tuple[int | None, list[tuple[str, T]]]] = []
    current: list[tuple[str, T]] = []
    for unit in units:
        if unit[0] in _MARKS:
            if current:
                out.append((inside, current))
            current, inside = [], _OPENS.get(unit[0])
        else:
            current.append(unit)
    if current:
        out.append((inside, current))
    return out


def visual_order(units: list[tuple[str, T]], isolated: Callable[[T], bool] | None = None,
                 base: int = 0) -> list[tuple[str, T]]:
    """One line of (cluster, tag) units from logical to visual order, in a paragraph of
    direction *base* (0 left to right, 1 right to left): UAX #9 simplified to what titles
    hold. Text between isolate marks (each piece of document text) is an isolate: it is laid
    out on its own, in the direction its marks give, and is a neutral outside,
    so a date after an Arabic title stays after it. Units whose tag is *isolated* (note
    marks) count as left to right. The isolate marks are dropped."""
    items: list[list[tuple[str, T]]] = []
    kinds: list[str] = []
    for direction, segment in _segments(units):
        if direction is not None:
            items.append(visual_order(segment, isolated, direction))
            kinds.append("N")
        else:
            for text, tag in segment:
                items.append([(text, tag)])
                kinds.append("L" if isolated and isolated(tag) else _kind(text[0]))
    levels = _levels(kinds, base)
    order = list(range(len(items)))
    for depth in range(max(levels, default=0), 0, -1):  # L2: reverse runs at this level up
        i = 0
        while i < len(order):
            if levels[order[i]] >= depth:
                j = i
                while j < len(order) and levels[order[j]] >= depth:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    out: list[tuple[str, T]] = []
    for idx in order:
        for text, tag in items[idx]:
            if levels[idx] % 2 and len(items[idx]) == 1 and text in MIRROR:
                text = mirrored(text)  # L4: "(" in right-to-left text faces the other way
            out.append((text, tag))
    return out


def clusters(text: str, tag: T) -> list[tuple[str, T]]:
    units: list[tuple[str, T]] = []
    for ch in text:
        if units and unicodedata.category(ch) in ("Mn", "Me"):
            units[-1] = (units[-1][0] + ch, tag)
        else:
            units.append((ch, tag))
    return units


def has_rtl(text: str) -> bool:
    return bool(RTL_RE.search(text)) and any(unicodedata.bidirectional(c) in ("R", "AL")
                                               for c in text)


def _regroup(units: list[tuple[str, T]]) -> list[tuple[str, T]]:
    out: list[tuple[str, T]] = []
    for text, tag in units:
        if out and out[-1][1] is tag:
            out[-1] = (out[-1][0] + text, tag)
        else:
            out.append((text, tag))
    return out


def visual_lines(bl_para: Any) -> Any:
    """A copy of a wrapped paragraph drawn as it should look: lines holding right-to-left
    text in visual order, isolate marks gone from every line."""
    if bl_para.kind == 0:
        plain = " ".join(w for _, words in bl_para.lines for w in words)
    else:
        plain = "".join(f.text for line in bl_para.lines for f in line.words
                        if hasattr(f, "text"))
    if not _marked(plain) and not RTL_RE.search(plain):
        return bl_para
    lines = []
    for line in bl_para.lines:
        if bl_para.kind == 0:
            extra, words = line
            text = " ".join(words)
            if has_rtl(text):
                text = "".join(t for t, _ in visual_order(clusters(text, None)))
            elif not _marked(text):
                lines.append(line)
                continue
            line = (extra, _unmarked(text).split(" "))
        elif any(hasattr(f, "cbDefn") for f in line.words):
            pass
        elif has_rtl("".join(f.text for f in line.words)):
            units = [u for f in line.words for u in clusters(f.text, f)]
            order = visual_order(units, isolated=lambda f: bool(getattr(f, "rise", 0)))
            line = line.clone(words=[f.clone(text=t) for t, f in _regroup(order)])
        else:
            line = line.clone(words=[f.clone(text=_unmarked(f.text)) if _marked(f.text) else f
                                     for f in line.words])
        lines.append(line)
    return bl_para.clone(lines=lines)


def _marked(text: str) -> bool:
    return any(c in _MARKS for c in text)


def _unmarked(text: str) -> str:
    return "".join(c for c in text if c not in _MARKS)


class BidiParagraph(Paragraph):
    """reportlab's Paragraph, each line drawn in visual order (reportlab 5.1 reorders only
    unstyled paragraphs, and only with a bidi package we do not ship). Wrapping and
    splitting still see logical order, so a right-to-left run split across lines reads on."""

    def drawPara(self, debug: int = 0) -> Any:  # noqa: N802 (reportlab's name)
        logical: Any = self.__dict__["blPara"]  # set by wrap(), which always runs first
        self.blPara = visual_lines(logical)
        try:
            return super().drawPara(debug)
        finally:
            self.blPara = logical
