"""A country or actor page: every network concerned, totals by platform, a timeline,
aliases with their sources, and related countries and actors as links."""

from __future__ import annotations

from html import escape
from urllib.parse import quote, unquote

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from archive.entity import EntitySummary
from desktop import labels
from desktop.models.network_table import NetworkTableModel, Role
from desktop.views.timeline_chart import TimelineChart


class EntityPage(QScrollArea):
    """Signals:
    entity_requested(str, str): a related country or actor was clicked (kind, key).
    document_requested(str): a network's report should open in the reader.
    """

    entity_requested = Signal(str, str)
    document_requested = Signal(str)

    def __init__(self, kind: str, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind, self.key = kind, key
        self.summary: EntitySummary | None = None
        self.setWidgetResizable(True)
        body = QWidget(self)
        self.title = QLabel(body)
        self.title.setObjectName("entityTitle")
        self.subtitle = QLabel("Loading…", body)
        self.subtitle.setWordWrap(True)
        self.chart = TimelineChart(body)
        self.totals = QLabel(body)
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        self.totals.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.related = QLabel(body)
        self.related.setWordWrap(True)
        self.related.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.aliases = QLabel(body)
        self.aliases.setWordWrap(True)
        self.aliases.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.model = NetworkTableModel(self)
        self.table = QTableView(body)
        self.table.setObjectName("entityNetworks")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(260)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for label in (self.related, self.aliases):
            label.setTextFormat(Qt.TextFormat.RichText)
            label.linkActivated.connect(self._on_link_activated)

        chart_box = QGroupBox("Timeline")
        QVBoxLayout(chart_box).addWidget(self.chart)
        totals_box = QGroupBox("Removed assets by platform")
        QVBoxLayout(totals_box).addWidget(self.totals)
        related_box = QGroupBox("Related")
        related_layout = QVBoxLayout(related_box)
        related_layout.addWidget(self.related)
        related_layout.addWidget(self.aliases)
        grid = QGridLayout()
        grid.addWidget(chart_box, 0, 0)
        grid.addWidget(totals_box, 0, 1)
        grid.addWidget(related_box, 0, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 2)
        nets_box = QGroupBox("Networks (double-click to read the report)")
        QVBoxLayout(nets_box).addWidget(self.table)
        layout = QVBoxLayout(body)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(grid)
        layout.addWidget(nets_box, 1)
        self.setWidget(body)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.title.setText(f"<span style='font-size:16pt; font-weight:600'>{escape(key)}</span>")

    @property
    def page_title(self) -> str:
        return labels.country_name(self.key) if self.kind == "country" else self.key

    def show_summary(self, s: EntitySummary) -> None:
        self.summary = s
        self.title.setText(f"<span style='font-size:16pt; font-weight:600'>{escape(s.title)}</span>"
                           f"&nbsp;&nbsp;<span style='color:gray'>{s.kind} page</span>")
        role = "originating in, targeting or naming" if s.kind == "country" else "attributed to"
        self.subtitle.setText(
            f"{len(s.networks):,} network{'s' if len(s.networks) != 1 else ''} {role} "
            f"{escape(s.title)}, in {s.documents:,} report{'s' if s.documents != 1 else ''}; "
            f"{labels.number(s.total_assets)} assets removed in all.")
        self.chart.set_points(s.timeline)
        rows = "".join(f"<tr><td>{escape(name)}</td><td align='right'>&nbsp;&nbsp;{labels.number(n)}</td></tr>"
                       for name, n in s.totals) or "<tr><td>No counts stated</td></tr>"
        self.totals.setText(f"<table>{rows}</table>")
        countries = ", ".join(f'<a href="country:{quote(c)}">{escape(name)}</a> ({n})'
                              for c, name, n in s.related_countries)
        actors = ", ".join(f'<a href="actor:{quote(a)}">{escape(a)}</a> ({n})'
                           for a, n in s.related_actors)
        self.related.setText(f"<b>Countries:</b> {countries or '—'}<br><b>Actors:</b> {actors or '—'}")
        if s.kind == "actor":
            aliases = "<br>".join(f'“{escape(alias)}” in <a href="doc:{quote(d)}">{escape(t)}</a>'
                                  for alias, d, t in s.aliases)
            self.aliases.setText(f"<b>Written as:</b><br>{aliases or '—'}")
        else:
            self.aliases.hide()
        self.model.set_rows(s.networks)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.resizeColumnsToContents()
        for col in (1, 7):
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), 320))

    def _on_link_activated(self, link: str) -> None:
        kind, _, key = link.partition(":")
        if kind in ("country", "actor"):
            self.entity_requested.emit(kind, unquote(key))
        elif kind == "doc":
            self.document_requested.emit(unquote(key))

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        doc_id = index.data(Role.DOCUMENT_ID)
        if doc_id:
            self.document_requested.emit(doc_id)
