"""A small yearly chart drawn with QPainter: networks as bars, removed assets as a line."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop import labels


class TimelineChart(QWidget):
    """Networks (bars, left scale) and assets removed (line, right scale) per year."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[tuple[int, int, int]] = []
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(520, 190)

    def set_points(self, points: list[tuple[int, int, int]]) -> None:
        self._points = list(points)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        dim = QColor(text)
        dim.setAlpha(90)
        bar = pal.color(QPalette.ColorRole.Highlight)
        line = QColor("#d9534f") if pal.color(QPalette.ColorRole.Base).lightness() > 128 else QColor("#ff8a80")
        fm = p.fontMetrics()
        left, right, top, bottom = 36, 56, 22, fm.height() + 8
        plot = QRectF(left, top, max(10, self.width() - left - right),
                      max(10, self.height() - top - bottom))
        p.setPen(text)
        p.drawText(QRectF(left, 2, plot.width(), top - 4), Qt.AlignmentFlag.AlignLeft,
                   "Networks per year (bars)")
        p.setPen(line)
        p.drawText(QRectF(left, 2, plot.width() + right - 4, top - 4), Qt.AlignmentFlag.AlignRight,
                   "Assets removed (line)")
        if not self._points:
            p.setPen(dim)
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No dated networks")
            return
        max_n = max(1, max(n for _, n, _ in self._points))
        max_a = max(1, max(a for _, _, a in self._points))
        p.setPen(QPen(dim, 1))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        p.setPen(text)
        p.drawText(QRectF(0, plot.top() - fm.height() / 2, left - 6, fm.height()),
                   Qt.AlignmentFlag.AlignRight, str(max_n))
        p.drawText(QRectF(0, plot.bottom() - fm.height() / 2, left - 6, fm.height()),
                   Qt.AlignmentFlag.AlignRight, "0")
        p.setPen(line)
        p.drawText(QRectF(plot.right() + 4, plot.top() - fm.height() / 2, right - 4, fm.height()),
                   Qt.AlignmentFlag.AlignLeft, _short(max_a))
        slot = plot.width() / len(self._points)
        every = max(1, int(len(self._points) / max(1, plot.width() / (fm.horizontalAdvance("2020") + 8))) + 1)
        path = QPainterPath()
        for i, (year, n, assets) in enumerate(self._points):
            x = plot.left() + i * slot
            h = plot.height() * n / max_n
            p.fillRect(QRectF(x + slot * 0.2, plot.bottom() - h, slot * 0.6, h), bar)
            pt = QPointF(x + slot / 2, plot.bottom() - plot.height() * assets / max_a)
            if i == 0:
                path.moveTo(pt)
            else:
                path.lineTo(pt)
            if i % every == 0:
                p.setPen(text)
                p.drawText(QRectF(x - 10, plot.bottom() + 2, slot + 20, fm.height() + 4),
                           Qt.AlignmentFlag.AlignHCenter, str(year))
        p.setPen(QPen(line, 2))
        p.drawPath(path)
        p.setBrush(line)
        for i, (_, _, assets) in enumerate(self._points):
            x = plot.left() + i * slot + slot / 2
            p.drawEllipse(QPointF(x, plot.bottom() - plot.height() * assets / max_a), 2.5, 2.5)
        p.end()


def _short(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f}M"
    if n >= 10_000:
        return f"{n / 1000:.0f}k"
    return labels.number(n)
