"""Text in every script for briefings: plain text (from `briefing_text.clean`) made into
Paragraph markup, each run in a bundled font that draws it, Arabic joined, right-to-left
pieces isolated; and plain strings drawn on a canvas the same way. It never decides what
a briefing says.
"""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics

from archive.export.briefing_bidi import RTL_RE, clusters, has_rtl, isolate, visual_order
from archive.export.briefing_fonts import font_runs, join_arabic

# Format characters (Unicode category Cf) but the soft hyphen, which reportlab breaks at;
# the isolate marks are among them, so document text cannot forge one.
_FORMAT_RE = re.compile("[\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
                        "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
                        "\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
                        "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
                        "\U000e0020-\U000e007f]")


def markup(text: str) -> str:
    """Escaped Paragraph markup for plain *text*: Arabic joined, each run in a font that has
    its glyphs; characters that none has are noted for the export report."""
    text = _FORMAT_RE.sub("", join_arabic(text))
    if not text:
        return ""
    out = []
    for font, run in font_runs(text):
        safe = escape(run)
        out.append(f'<font name="{font}">{safe}</font>' if font else safe)
    # only text holding right-to-left letters needs isolating from what surrounds it
    return isolate("".join(out), text) if RTL_RE.search(text) else "".join(out)


def draw_plain(canvas: Any, x: float, y: float, text: str, font: str, size: float,
               *, right: bool = False) -> None:
    """Draw plain *text* on a canvas (running headers): per-font runs, visual order."""
    runs = [(t, f or font)
            for f, t in font_runs(join_arabic(text))]
    units = [u for t, f in runs for u in clusters(t, f)]
    ordered = _regroup_by_value(visual_order(units) if has_rtl(text) else units)
    if right:
        x -= sum(pdfmetrics.stringWidth(t, f, size) for t, f in ordered)
    for t, f in ordered:
        canvas.setFont(f, size)
        canvas.drawString(x, y, t)
        x += pdfmetrics.stringWidth(t, f, size)


def plain_width(text: str, font: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(t, f or font, size)
               for f, t in font_runs(join_arabic(text)))


def _regroup_by_value(units: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for text, tag in units:
        if out and out[-1][1] == tag:
            out[-1] = (out[-1][0] + text, tag)
        else:
            out.append((text, tag))
    return out
