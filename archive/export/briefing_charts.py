"""Charts for briefings, drawn with reportlab.graphics: networks and removed assets over time,
removed assets by platform. Labels are plain strings (graphics do not parse markup).
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from archive.export.briefing_text import assets_by_platform, removed_assets

INK = colors.HexColor("#1f2a36")
ACCENT = colors.HexColor("#b3261e")
MUTED = colors.HexColor("#5b6b7a")
GRID = colors.HexColor("#d9dee3")


def periods(nets: list[dict[str, Any]]) -> list[tuple[str, int, int]]:
    """(period, networks, removed assets) by year, or by quarter when all fall in two years."""
    dated = [n for n in nets if n.get("published")]
    years = sorted({str(n["published"])[:4] for n in dated})
    by_quarter = 0 < len(years) <= 2

    def key(n: dict[str, Any]) -> str:
        d = str(n["published"])
        if by_quarter and len(d) >= 7 and d[5:7].isdigit():
            return f"{d[:4]} Q{(int(d[5:7]) - 1) // 3 + 1}"
        return d[:4]

    out: dict[str, list[int]] = {}
    if years and not by_quarter:  # show empty years too, so gaps read as gaps
        for y in range(int(years[0]), int(years[-1]) + 1):
            out[str(y)] = [0, 0]
    for n in dated:
        slot = out.setdefault(key(n), [0, 0])
        slot[0] += 1
        slot[1] += removed_assets(n)
    return [(k, v[0], v[1]) for k, v in sorted(out.items())]


def _title(d: Drawing, text: str, font: str) -> None:
    d.add(String(0, d.height - 12, text, fontName=font, fontSize=9.5, fillColor=INK))


def _style_axis(chart: Any, font: str) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = font
        axis.labels.fontSize = 7
        axis.labels.fillColor = MUTED
        axis.strokeColor = GRID
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.forceZero = True
    chart.valueAxis.labelTextFormat = lambda v: f"{int(v):,}" if v == int(v) else f"{v:,.1f}"


def over_time(nets: list[dict[str, Any]], width: float, font: str, bold: str) -> Drawing | None:
    rows = periods(nets)
    if not rows:
        return None
    d = Drawing(width, 150, initialFontName=font)
    half = (width - 24) / 2
    for i, (title, values, colour) in enumerate((
            ("Networks per period", [r[1] for r in rows], INK),
            ("Removed assets per period", [r[2] for r in rows], ACCENT))):
        x0 = i * (half + 24)
        d.add(String(x0, 138, title, fontName=bold, fontSize=9, fillColor=INK))
        chart = VerticalBarChart()
        chart.x, chart.y, chart.width, chart.height = x0 + 34, 22, half - 40, 104
        chart.data = [values]
        chart.categoryAxis.categoryNames = [r[0] for r in rows]
        chart.bars[0].fillColor = colour
        chart.bars[0].strokeColor = None
        chart.barSpacing = 1
        _style_axis(chart, font)
        if len(rows) > 8:
            chart.categoryAxis.labels.angle = 45
            chart.categoryAxis.labels.boxAnchor = "ne"
        if max(values) <= 5:
            chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 5, 1
        d.add(chart)
    return d


def platforms(nets: list[dict[str, Any]], width: float, font: str, bold: str) -> Drawing | None:
    rows = assets_by_platform(nets)[:10]
    if not rows:
        return None
    height = 34 + 16 * len(rows)
    d = Drawing(width, height, initialFontName=font)
    d.add(String(0, height - 12, "Removed assets by platform", fontName=bold, fontSize=9,
                 fillColor=INK))
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 80, 14, width - 140, height - 34
    chart.data = [[v for _, v in reversed(rows)]]
    chart.categoryAxis.categoryNames = [k for k, _ in reversed(rows)]
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    _style_axis(chart, font)
    chart.barLabelFormat = lambda v: f"{int(v):,}"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.fillColor = INK
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    d.add(chart)
    return d
