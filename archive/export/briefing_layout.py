"""The look of a briefing: bundled fonts, paragraph styles, page frame, running header, page numbers.

Also the offline guard: reportlab is told to trust no host and no URL scheme, so nothing
in a briefing can make it fetch a resource.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from archive.errors import ArchiveError
from archive.export.briefing_fonts import (
    FALLBACKS,
    PRIMARY,
    PRIMARY_FILE,
    LogicalTTFont,
)
from archive.export.briefing_script import draw_plain, plain_width

FONT, BOLD = PRIMARY, "AtlasSans-Bold"
PAGE = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 20 * mm, 24 * mm, 20 * mm
INK = colors.HexColor("#1f2a36")
ACCENT = colors.HexColor("#b3261e")
MUTED = colors.HexColor("#5b6b7a")
RULE = colors.HexColor("#c9d0d6")
BAND = colors.HexColor("#f1f3f5")


def lock_down_reportlab() -> None:
    """Trust no host and no scheme: reportlab's URL opener then refuses every fetch."""
    rl_config.trustedHosts = None
    rl_config.trustedSchemes = []


@cache
def register_fonts() -> tuple[str, str]:
    """Register the bundled fonts once: DejaVu Sans (regular, bold) for Latin, Cyrillic,
    Greek, Arabic and Hebrew, and the fallbacks (one weight each) for Korean, Chinese and
    Japanese characters; return the two main font names."""
    from resources import path

    try:
        pdfmetrics.registerFont(LogicalTTFont(FONT, str(path(PRIMARY_FILE))))
        pdfmetrics.registerFont(LogicalTTFont(BOLD, str(path("fonts/DejaVuSans-Bold.ttf"))))
        for name, file in FALLBACKS.items():
            pdfmetrics.registerFont(LogicalTTFont(name, str(path(file))))
    except Exception as exc:  # a damaged install: say so in one line
        raise ArchiveError(f"the bundled briefing font cannot be loaded: {exc}") from None
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)
    for name in FALLBACKS:  # one weight each: bold text in them is drawn regular
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return FONT, BOLD


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13.5, textColor=INK,
                          alignment=TA_LEFT, splitLongWords=1, spaceAfter=4)
    return {
        "body": base,
        "summary": ParagraphStyle("summary", parent=base, fontSize=11, leading=16, spaceAfter=10),
        "kicker": ParagraphStyle("kicker", parent=base, fontName=BOLD, fontSize=9,
                                 textColor=ACCENT, leading=12, spaceAfter=6),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=28, leading=33,
                                spaceAfter=8),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=12.5, leading=17,
                                   textColor=MUTED, spaceAfter=4),
        "h1": ParagraphStyle("h1", parent=base, fontName=BOLD, fontSize=15, leading=19,
                             spaceBefore=4, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=base, fontName=BOLD, fontSize=11.5, leading=15,
                             spaceBefore=10, spaceAfter=3),
        "meta": ParagraphStyle("meta", parent=base, fontSize=8.5, leading=12, textColor=MUTED,
                               spaceAfter=6),
        "fact": ParagraphStyle("fact", parent=base, leftIndent=14, firstLineIndent=-14,
                               spaceAfter=3),
        "note": ParagraphStyle("note", parent=base, fontSize=7.8, leading=10.4, leftIndent=14,
                               firstLineIndent=-14, spaceAfter=2.5, textColor=INK),
        "notes_head": ParagraphStyle("notes_head", parent=base, fontName=BOLD, fontSize=8,
                                     textColor=MUTED, spaceBefore=6, spaceAfter=3),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.8, leading=9.6, spaceAfter=0),
        "cell_head": ParagraphStyle("cell_head", parent=base, fontName=BOLD, fontSize=7.8,
                                    leading=9.6, textColor=colors.white, spaceAfter=0),
        "figure": ParagraphStyle("figure", parent=base, fontName=BOLD, fontSize=19, leading=23,
                                 textColor=ACCENT, spaceAfter=0),
        "figure_label": ParagraphStyle("figure_label", parent=base, fontSize=8, leading=10,
                                       textColor=MUTED, spaceAfter=0),
        "source": ParagraphStyle("source", parent=base, fontSize=8.5, leading=11.5, leftIndent=16,
                                 firstLineIndent=-16, spaceAfter=4),
    }


def page_decorator(header_left: str, header_right: str) -> Any:
    """onPage callback: a running header (not on the cover) with plain strings, no markup."""
    def draw(canvas: Canvas, doc: Any) -> None:
        if doc.page == 1:
            return
        width, height = PAGE
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        y = height - MARGIN_TOP + 9 * mm
        draw_plain(canvas, MARGIN_X, y, _fit(header_left, width / 2), FONT, 7.5)
        draw_plain(canvas, width - MARGIN_X, y, _fit(header_right, width / 2 - 2 * MARGIN_X),
                   FONT, 7.5, right=True)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, y - 2.5 * mm, width - MARGIN_X, y - 2.5 * mm)
        canvas.restoreState()
    return draw


def _fit(text: str, width: float) -> str:
    if plain_width(text, FONT, 7.5) <= width:
        return text
    while text and plain_width(text + "…", FONT, 7.5) > width:
        text = text[:-1]
    return text + "…"


class NumberedCanvas(Canvas):
    """Defers page output so the footer can say "Page 3 of 12"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT  # not Helvetica
        super().__init__(*args, **kwargs)
        self._saved: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            self._footer(total)
            super().showPage()
        super().save()

    def _footer(self, total: int) -> None:
        width, _ = PAGE
        self.saveState()
        self.setFont(FONT, 7.5)
        self.setFillColor(MUTED)
        self.drawRightString(width - MARGIN_X, 11 * mm, f"Page {self._pageNumber} of {total}")
        self.drawString(MARGIN_X, 11 * mm, "Takedown Atlas · figures footnoted to their sources")
        self.restoreState()
