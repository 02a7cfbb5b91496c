"""Fonts for briefings: the bundled faces, which one draws each character, Arabic joined
into its contextual forms by HarfBuzz, a ToUnicode map that extracts letters, and the
characters no bundled font has (collected for the export report). No layout here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, lru_cache
from typing import Any

import uharfbuzz as hb
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

# DejaVu Sans (Latin, Cyrillic, Greek, Arabic, Hebrew...), then, for what it lacks, a
# Hangul subset of NanumGothic and Droid Sans Fallback (Han: all of the basic block and
# Extension A, kana), in that order; resources/fonts/README.md says why these.
PRIMARY, PRIMARY_FILE = "AtlasSans", "fonts/DejaVuSans.ttf"
FALLBACKS = {"AtlasHangul": "fonts/AtlasHangul.ttf", "AtlasCJK": "fonts/DroidSansFallbackFull.ttf"}
# Arabic script, including the presentation forms that shaping produces.
_ARABIC = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF),
           (0xFE70, 0xFEFF))
_PRESENTATION = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_ARABIC_RE = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _ARABIC) + "]")
_JOINERS = {"\u200c", "\u200d"}
MIRROR = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
_ALIAS = 0xF0000  # plane 15, private use: mirrored brackets (see LogicalTTFont)
_missing: ContextVar[set[str] | None] = ContextVar("briefing_missing_glyphs", default=None)


class LogicalTTFont(TTFont):
    """A TrueType font whose ToUnicode map gives base letters for Arabic presentation forms.

    Text extractors (pdftotext, viewers' search) read a right-to-left run by reversing the
    glyphs they find left to right, so a ligature such as lam-alef maps to its letters in
    reverse and comes out in logical order after that reversal. They do not mirror
    brackets back, so a bracket drawn mirrored in right-to-left text is written as a
    private-use alias (`mirrored`) that draws its mirror image and reads as itself.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        face = self.face
        for ch, image in MIRROR.items():
            if ord(ch) in face.charToGlyph and ord(image) in face.charToGlyph:
                face.charToGlyph[_ALIAS + ord(ch)] = face.charToGlyph[ord(image)]
                face.charWidths[_ALIAS + ord(ch)] = face.charWidths[ord(image)]

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


def mirrored(ch: str) -> str:
    """The character to draw for bracket *ch* in right-to-left text (UAX #9 rule L4)."""
    return chr(_ALIAS + ord(ch)) if ch in MIRROR else ch


def extracted_text(code: int) -> str:
    """What an extractor should read for the character *code* drawn in a PDF."""
    if code >= _ALIAS and chr(code - _ALIAS) in MIRROR:
        return chr(code - _ALIAS)
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
def _coverage() -> tuple[frozenset[int], tuple[tuple[str, frozenset[int]], ...]]:
    """Code points the primary font draws, and (name, code points) of each fallback."""
    from archive.export.briefing_layout import register_fonts

    register_fonts()
    # what both weights have: a glyph only the regular weight has would be a box in bold
    primary = frozenset(pdfmetrics.getFont(PRIMARY).face.charToGlyph).intersection(
        pdfmetrics.getFont(PRIMARY + "-Bold").face.charToGlyph)
    return primary, tuple((name, frozenset(pdfmetrics.getFont(name).face.charToGlyph))
                          for name in FALLBACKS)


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


def font_runs(text: str) -> list[tuple[str | None, str]]:
    """(font, run) pairs: None for the primary font, else the first fallback that has the
    glyph. A space stays in the run it is in when that font has it (a Chinese phrase is
    one run; the Hangul font has no space)."""
    primary, fallbacks = _coverage()
    cover = dict(fallbacks)
    if primary.issuperset(map(ord, text)):
        return [(None, text)] if text else []
    found = _missing.get()
    runs: list[tuple[str | None, str]] = []
    font: str | None = None
    for ch in text:
        code = ord(ch)
        if ch.isspace() and runs and (font is None or code in cover[font]):
            want = font
        elif code in primary:
            want = None
        else:
            want = next((name for name, cover in fallbacks if code in cover), None)
            if want is None and found is not None \
                    and unicodedata.category(ch) not in ("Cf", "Cc", "Zs"):
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
def _shaper() -> tuple[Any, dict[int, str]]:
    """(HarfBuzz font, glyph id -> the character to write for it), from the primary font."""
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
    """One Arabic run in contextual forms, logical order: HarfBuzz picks the glyphs, and
    each glyph is written as the character the font maps to it (a presentation form)."""
    font, glyph_char = _shaper()
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
