"""Text in every script for briefings: which bundled font draws each character, Arabic joined
into its contextual forms, lines drawn in visual (right-to-left where needed) order, and the
characters no bundled font has. It turns plain text (from `briefing_text.clean`) into markup;
it never decides what a briefing says.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, lru_cache
from typing import Any, TypeVar
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont
from reportlab.platypus import Paragraph

PRIMARY, FALLBACK = "AtlasSans", "AtlasCJK"  # Droid Sans Fallback: Han (all of the URO and Extension A) and kana
PRIMARY_FILE, FALLBACK_FILE = "fonts/DejaVuSans.ttf", "fonts/DroidSansFallbackFull.ttf"
# Arabic script, including the presentation forms that shaping produces.
_ARABIC = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF),
           (0xFE70, 0xFEFF))
_PRESENTATION = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_ARABIC_RE = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _ARABIC) + "]")
# Scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic,
# their presentation forms, and the historic ones beyond the BMP): a quick test before
# the per-character rules.
_RTL_RE = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff"
                     "\U0001e800-\U0001efff]")
# Format characters (Unicode category Cf) but the soft hyphen, which reportlab breaks at.
_FORMAT_RE = re.compile("[\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
                        "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
                        "\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
                        "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
                        "\U000e0020-\U000e007f]")
_JOINERS = {"\u200c", "\u200d"}
# Isolate marks around each piece of document text in markup, one pair per direction so a
# line that starts or ends inside an isolate knows it: zero-width in the primary font,
# removed from document text by markup(), and dropped again before drawing.
OPEN_L, CLOSE_L, OPEN_R, CLOSE_R = "\u2060", "\ufeff", "\u200b", "\u200e"
_OPENS, _CLOSES = {OPEN_L: 0, OPEN_R: 1}, {CLOSE_L: 0, CLOSE_R: 1}
_MARKS = {**_OPENS, **_CLOSES}
_MIRROR = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
_missing: ContextVar[set[str] | None] = ContextVar("briefing_missing_glyphs", default=None)
T = TypeVar("T")


# --- fonts ---------------------------------------------------------------------------

class LogicalTTFont(TTFont):
    """A TrueType font whose ToUnicode map gives base letters for Arabic presentation forms.

    Text extractors (pdftotext, viewers' search) read a right-to-left run by reversing the
    glyphs they find left to right, so a ligature such as lam-alef maps to its letters in
    reverse and comes out in logical order after that reversal.
    """

    def addObjects(self, doc: Any) -> None:  # noqa: N802 (reportlab's name)
        """reportlab's TTFont.addObjects (5.1) with our ToUnicode map; the rest unchanged."""
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal = self.getSubsetInternalName(n, doc)[1:]
            base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)
                            ).decode("pdfdoc")
            font = pdfdoc.PDFTrueTypeFont()
            font.__Comment__ = f"Font {self.fontName} subset {n}"
            font.Name = internal
            font.BaseFont = base
            font.FirstChar = 0
            font.LastChar = len(subset) - 1
            font.Widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset)))
            stream = pdfdoc.PDFStream()
            stream.content = to_unicode_cmap(base, subset)
            if doc.compression:
                stream.filters = [pdfdoc.PDFZCompress]
            font.ToUnicode = doc.Reference(stream, "toUnicodeCMap:" + base)
            font.FontDescriptor = self.face.addSubsetObjects(doc, base, subset)
            doc.Reference(font, internal)
            doc.idToObject["BasicFonts"].dict[internal] = font
        del self.state[doc]


def extracted_text(code: int) -> str:
    """What an extractor should read for the character *code* drawn in a PDF."""
    ch = chr(code)
    if not _in(code, _PRESENTATION):
        return ch
    letters = unicodedata.normalize("NFKC", ch)
    return letters[::-1] if len(letters) > 1 else letters


def to_unicode_cmap(name: str, subset: list[int]) -> str:
    def utf16(text: str) -> str:
        return text.encode("utf-16-be").hex().upper()

    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
        f"/CMapName /{name} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16(extracted_text(v))}>" for i, v in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"])


@cache
def _coverage() -> tuple[frozenset[int], frozenset[int]]:
    """Code points the primary font and the fallback font can draw."""
    from archive.export.briefing_layout import register_fonts

    register_fonts()
    primary = pdfmetrics.getFont(PRIMARY).face.charToGlyph
    fallback = pdfmetrics.getFont(FALLBACK).face.charToGlyph
    return frozenset(primary), frozenset(fallback)


# --- missing glyphs --------------------------------------------------------------------

@contextmanager
def collecting_missing() -> Iterator[set[str]]:
    """Collect, for one briefing, the characters that no bundled font can draw."""
    found: set[str] = set()
    token = _missing.set(found)
    try:
        yield found
    finally:
        _missing.reset(token)


def missing_warning(chars: set[str]) -> str | None:
    """One line for the export report, or None when every character has a glyph."""
    if not chars:
        return None
    shown = sorted(chars)
    listed = ", ".join(f"U+{ord(c):04X} {c}" for c in shown[:8])
    more = f" and {len(shown) - 8} more" if len(shown) > 8 else ""
    n = len(shown)
    return (f"{n} character{'s' if n != 1 else ''} in the briefing "
            f"{'have' if n != 1 else 'has'} no glyph in the bundled fonts and "
            f"print{'' if n != 1 else 's'} as an empty box: {listed}{more}")


# --- markup ------------------------------------------------------------------------------

def markup(text: str) -> str:
    """Escaped Paragraph markup for plain *text*: Arabic joined, each run in a font that has
    its glyphs; characters that none has are noted for the export report."""
    text = _FORMAT_RE.sub("", join_arabic(text))
    if not text:
        return ""
    out = []
    for font, run in font_runs(text):
        safe = escape(run)
        out.append(f'<font name="{FALLBACK}">{safe}</font>' if font == FALLBACK else safe)
    # only text holding right-to-left letters needs isolating from what surrounds it
    return isolate("".join(out), text) if _RTL_RE.search(text) else "".join(out)


def isolate(marked: str, plain: str | None = None) -> str:
    """*marked* between the isolate marks for the direction of the first strong letter of
    *plain* (default: *marked* itself)."""
    first = next((k for k in map(_kind, plain if plain is not None else marked)
                  if k in ("L", "R")), "L")
    return (OPEN_R + marked + CLOSE_R) if first == "R" else (OPEN_L + marked + CLOSE_L)


def font_runs(text: str) -> list[tuple[str | None, str]]:
    """(font, run) pairs: None for the primary font, FALLBACK where only it has the glyph.
    Spaces stay in the run they are in, so a Chinese phrase is one run."""
    primary, fallback = _coverage()
    if primary.issuperset(map(ord, text)):
        return [(None, text)] if text else []
    found = _missing.get()
    runs: list[tuple[str | None, str]] = []
    font: str | None = None
    for ch in text:
        code = ord(ch)
        if ch.isspace() and runs:
            want = font
        elif code in primary:
            want = None
        elif code in fallback:
            want = FALLBACK
        else:
            want = None
            if found is not None and unicodedata.category(ch) not in ("Cf", "Cc", "Zs"):
                found.add(ch)
        if runs and want == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((want, ch))
            font = want
    return runs


def join_arabic(text: str) -> str:
    """*text* with each Arabic run shaped by HarfBuzz into contextual forms, kept in logical
    order (one character per glyph: presentation forms, or base letters where a glyph has
    no code point of its own)."""
    if not _ARABIC_RE.search(text):
        return text
    out, i = [], 0
    while i < len(text):
        if _in(ord(text[i]), _ARABIC):
            j = i
            while j < len(text) and (_in(ord(text[j]), _ARABIC) or text[j] in _JOINERS
                                     or unicodedata.category(text[j]) == "Mn"):
                j += 1
            out.append(_shape(text[i:j]))
            i = j
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


@cache
def _shaper() -> tuple[Any, dict[int, str]] | None:
    """(HarfBuzz font, glyph id -> the character to write for it), from the primary font."""
    try:
        import uharfbuzz as hb
    except ImportError:  # reportlab[shaping] brings it; without it Arabic stays unjoined
        return None
    from archive.export.briefing_layout import register_fonts
    from resources import path

    register_fonts()
    font = hb.Font(hb.Face(hb.Blob(path(PRIMARY_FILE).read_bytes())))
    glyph_char: dict[int, str] = {}
    # base letters first, so an isolated form (same glyph as the letter) stays a letter
    for code, gid in sorted(pdfmetrics.getFont(PRIMARY).face.charToGlyph.items(),
                            key=lambda cg: (_in(cg[0], _PRESENTATION), cg[0])):
        glyph_char.setdefault(gid, chr(code))
    return font, glyph_char


@lru_cache(maxsize=4096)
def _shape(run: str) -> str:
    shaper = _shaper()
    if shaper is None:
        return run
    import uharfbuzz as hb

    font, glyph_char = shaper
    buf = hb.Buffer()
    buf.add_str(run)
    buf.guess_segment_properties()
    hb.shape(font, buf, {})
    infos = list(buf.glyph_infos)
    if buf.direction == "rtl":
        infos.reverse()
    clusters = sorted({info.cluster for info in infos}) + [len(run)]
    span = {c: run[c:clusters[k + 1]] for k, c in enumerate(clusters[:-1])}
    out, done = [], set()
    for info in infos:
        source = span[info.cluster]
        if all(unicodedata.category(c) == "Cf" for c in source):
            continue  # a joiner did its work; it has nothing to draw
        ch = glyph_char.get(info.codepoint)
        if ch is not None:
            out.append(ch)
        elif info.cluster not in done:  # no code point reaches this glyph: unjoined letters
            out.append(source)
        else:  # a ligature of marks (shadda with fatha): the marks one by one
            out.append("".join(c for c in source if unicodedata.category(c) == "Mn"))
        done.add(info.cluster)
    return "".join(out)


def _in(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= code <= hi for lo, hi in ranges)


# --- visual order ----------------------------------------------------------------------

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
            if levels[idx] % 2 and len(items[idx]) == 1 and text in _MIRROR:
                text = _MIRROR[text]  # L4: "(" in right-to-left text faces the other way
            out.append((text, tag))
    return out


def _clusters(text: str, tag: T) -> list[tuple[str, T]]:
    units: list[tuple[str, T]] = []
    for ch in text:
        if units and unicodedata.category(ch) in ("Mn", "Me"):
            units[-1] = (units[-1][0] + ch, tag)
        else:
            units.append((ch, tag))
    return units


def _has_rtl(text: str) -> bool:
    return bool(_RTL_RE.search(text)) and any(unicodedata.bidirectional(c) in ("R", "AL")
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
    if not _marked(plain) and not _RTL_RE.search(plain):
        return bl_para
    lines = []
    for line in bl_para.lines:
        if bl_para.kind == 0:
            extra, words = line
            text = " ".join(words)
            if _has_rtl(text):
                text = "".join(t for t, _ in visual_order(_clusters(text, None)))
            elif not _marked(text):
                lines.append(line)
                continue
            line = (extra, _unmarked(text).split(" "))
        elif any(hasattr(f, "cbDefn") for f in line.words):
            pass
        elif _has_rtl("".join(f.text for f in line.words)):
            units = [u for f in line.words for u in _clusters(f.text, f)]
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


def draw_plain(canvas: Any, x: float, y: float, text: str, font: str, size: float,
               *, right: bool = False) -> None:
    """Draw plain *text* on a canvas (running headers): per-font runs, visual order."""
    runs = [(t, FALLBACK if f == FALLBACK else font)
            for f, t in font_runs(join_arabic(text))]
    units = [u for t, f in runs for u in _clusters(t, f)]
    ordered = _regroup_by_value(visual_order(units) if _has_rtl(text) else units)
    if right:
        x -= sum(pdfmetrics.stringWidth(t, f, size) for t, f in ordered)
    for t, f in ordered:
        canvas.setFont(f, size)
        canvas.drawString(x, y, t)
        x += pdfmetrics.stringWidth(t, f, size)


def plain_width(text: str, font: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(t, FALLBACK if f == FALLBACK else font, size)
               for f, t in font_runs(join_arabic(text)))


def _regroup_by_value(units: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for text, tag in units:
        if out and out[-1][1] == tag:
            out[-1] = (out[-1][0] + text, tag)
        else:
            out.append((text, tag))
    return out
