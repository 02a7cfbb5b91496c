"""PDF briefings for a country, an actor, a search or a selection (reportlab).

Cover with a summary written from the facts, a table of networks, charts, one section per
network with every figure footnoted to its quoted sentence and document, a source list.
Document text only ever reaches markup through `briefing_text.esc`.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from archive.errors import ArchiveError
from archive.export.atomic import atomic_output
from archive.export.briefing_bidi import BidiParagraph as Paragraph
from archive.export.briefing_charts import over_time, platforms
from archive.export.briefing_fonts import collecting_missing, missing_warning
from archive.export.briefing_layout import (
    ACCENT,
    BAND,
    FONT,
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE,
    RULE,
    NumberedCanvas,
    lock_down_reportlab,
    page_decorator,
    register_fonts,
    styles,
)
from archive.export.briefing_notes import network_section
from archive.export.briefing_text import (
    clean,
    country_name,
    esc,
    number,
    removed_assets,
    summary_text,
)
from archive.export.model import Scope
from archive.export.registry import ExportParts, Warn
from archive.export.selection import gather
from archive.progress import CancelToken, Progress, ProgressCallback

CONTENT_WIDTH = PAGE[0] - 2 * MARGIN_X


def title_of(scope: Scope) -> tuple[str, str]:
    """(kicker, title) in plain text."""
    if scope.country:
        return "Country briefing", f"{country_name(scope.country)}"
    if scope.actor:
        return "Actor briefing", clean(scope.actor, 200)
    if scope.query:
        return "Search briefing", f"“{clean(scope.query, 200)}”"
    if scope.ids:
        return "Briefing", "Selected documents"
    return "Briefing", "The whole archive"


def build_story(archive_name: str, scope: Scope, docs: list[dict[str, Any]],
                nets: list[dict[str, Any]], today: str) -> list[Any]:
    st = styles()
    kicker, title = title_of(scope)
    story: list[Any] = [
        Spacer(1, 28 * mm),
        Paragraph(esc(f"TAKEDOWN ATLAS · {kicker.upper()}"), st["kicker"]),
        Paragraph(esc(title), st["title"]),
        Paragraph(esc(f"Platform takedowns of influence operations — {scope.describe()}"),
                  st["subtitle"]),
        Paragraph(esc(f"Prepared {today} from the archive “{archive_name}”"), st["meta"]),
        Spacer(1, 8 * mm), _key_figures(docs, nets), Spacer(1, 9 * mm),
        Paragraph("Summary", st["h2"]),
        Paragraph(esc(summary_text(nets, len(docs))), st["summary"]),
        Paragraph(esc("Every figure in the network sections carries a note quoting the sentence "
                      "it comes from and naming its source document. Figures marked “corrected” "
                      "were edited by a user of this archive."), st["meta"]),
        PageBreak(),
    ]
    if nets:
        story += [Paragraph("Networks at a glance", st["h1"]), _summary_table(nets),
                  Spacer(1, 8 * mm)]
        charts = [c for c in (over_time(nets, CONTENT_WIDTH, st["body"].fontName,
                                        st["h2"].fontName),
                              platforms(nets, CONTENT_WIDTH, st["body"].fontName,
                                        st["h2"].fontName)) if c is not None]
        for chart in charts:
            story += [CondPageBreak(chart.height + 10), chart, Spacer(1, 6 * mm)]
        story.append(PageBreak())
        story.append(Paragraph("The networks", st["h1"]))
        first_note = 1
        for i, net in enumerate(nets, start=1):
            flowables, first_note = network_section(i, net, first_note)
            story += flowables
    story += [CondPageBreak(60 * mm), Paragraph("Sources", st["h1"])]
    for i, doc in enumerate(sorted(docs, key=lambda d: (str(d["published"] or ""), d["id"])), 1):
        story.append(Paragraph(_source_line(i, doc), st["source"]))
    return story


def key_figures(docs: list[dict[str, Any]], nets: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The cover's figures as (value, label) in plain text: networks, removed assets
    (`archive.rules`), source documents, period."""
    dates = sorted(str(n["published"])[:4] for n in nets if n.get("published"))
    period = (dates[0] if dates[0] == dates[-1] else f"{dates[0]}–{dates[-1]}") if dates else "—"
    return [(number(len(nets)), "networks"),
            (number(sum(removed_assets(n) for n in nets)), "removed assets"),
            (number(len(docs)), "source documents"), (period, "period covered")]


def _key_figures(docs: list[dict[str, Any]], nets: list[dict[str, Any]]) -> Table:
    st = styles()
    cells = key_figures(docs, nets)
    row = [[Paragraph(esc(v), st["figure"]), Paragraph(esc(k), st["figure_label"])]
           for v, k in cells]
    t = Table([row], colWidths=[CONTENT_WIDTH * f for f in (0.2, 0.27, 0.23, 0.3)])
    t.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 1.2, ACCENT), ("FONT", (0, 0), (-1, -1), FONT),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("TOPPADDING", (0, 0), (-1, -1), 6)]))
    return t


def _summary_table(nets: list[dict[str, Any]]) -> Table:
    st = styles()
    head = ["Date", "Publisher", "Network", "Origin → targets", "Removed assets", "Attributed to"]
    rows: list[list[Any]] = [[Paragraph(h, st["cell_head"]) for h in head]]
    for i, n in enumerate(nets, start=1):
        origin = ", ".join(country_name(c) for c in n.get("origin_countries") or []) or "not stated"
        targets = ", ".join(country_name(c) for c in n.get("target_countries") or []) or "not stated"
        actors = "; ".join(clean(a.get("name"), 60) for a in n.get("actors") or []
                           if a.get("role") == "attributed") or "—"
        label = n.get("operation_name") or n.get("label") or f"Network {i}"
        assets = removed_assets(n)
        rows.append([Paragraph(esc(n.get("published") or "undated", 12), st["cell"]),
                     Paragraph(esc(n.get("publisher") or "unknown", 60), st["cell"]),
                     Paragraph(f"{i}. " + esc(label, 80), st["cell"]),
                     Paragraph(esc(f"{origin} → {targets}", 120), st["cell"]),
                     Paragraph(esc(number(assets) if assets else "—"), st["cell"]),
                     Paragraph(esc(actors, 140), st["cell"])])
    widths = [19.5 * mm, 27 * mm, 36 * mm, 37 * mm, 17 * mm, CONTENT_WIDTH - 136.5 * mm]
    t = Table(rows, colWidths=widths, repeatRows=1)
    t.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), INK), ("FONT", (0, 0), (-1, -1), FONT),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, BAND]),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (4, 1), (4, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return t


def _source_line(i: int, doc: dict[str, Any]) -> str:
    bits = [f"<b>[{i}]</b> " + esc(doc.get("publisher") or "Unknown publisher", 200) + ".",
            "“" + esc(doc.get("title") or doc.get("file"), 300) + "”.",
            esc(doc.get("published") or "undated") + ".",
            "File: " + esc(doc.get("file"), 200) + ".",
            "Archive id " + esc(str(doc.get("id"))[:12]) + ", sha256 "
            + esc(str(doc.get("sha256"))[:16]) + "…"]
    return " ".join(bits)


def render(archive_name: str, scope: Scope, docs: list[dict[str, Any]],
           nets: list[dict[str, Any]], *, today: str | None = None,
           cancel: CancelToken | None = None,
           on_progress: ProgressCallback | None = None,
           on_warning: Callable[[str], None] | None = None) -> bytes:
    """The briefing as PDF bytes; LayoutError becomes a one-line ArchiveError.

    Dated now, or by SOURCE_DATE_EPOCH when it is set (then the bytes are reproducible).
    Characters that no bundled font draws are reported through *on_warning*, once.
    """
    lock_down_reportlab()
    register_fonts()
    fixed = reproducible_time()
    today = today or (fixed.date() if fixed else dt.date.today()).isoformat()
    kicker, title = title_of(scope)
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=PAGE, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                          topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
                          invariant=1 if fixed else 0,
                          initialFontName=FONT,
                          title=clean(f"{kicker}: {title}", 200), author="Takedown Atlas",
                          creator="Takedown Atlas",
                          subject=clean("Platform takedowns of influence operations — "
                                        + scope.describe(), 200))
    decorate = page_decorator(clean(f"Takedown Atlas · {kicker}: {title}", 200), today)

    def on_page(canvas: Any, d: Any) -> None:
        if cancel:
            cancel.raise_if_cancelled()
        if on_progress:
            on_progress(Progress("layout", d.page, None, f"page {d.page}"))
        decorate(canvas, d)

    frame = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM,
                  id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    with collecting_missing() as missing:
        try:
            doc.build(build_story(archive_name, scope, docs, nets, today),
                      canvasmaker=NumberedCanvas)
        except LayoutError as exc:
            first = str(exc).splitlines()[0][:160] if str(exc) else "layout error"
            raise ArchiveError(f"the briefing could not be laid out ({first})") from None
    warning = missing_warning(missing)
    if warning and on_warning:
        on_warning(warning)
    return buf.getvalue()


def reproducible_time() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention, which
    reportlab also reads for the PDF dates) as a UTC time; None when unset."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        return dt.datetime.fromtimestamp(int(raw), dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise ArchiveError(f"SOURCE_DATE_EPOCH is not a number of seconds: {raw[:40]!r}") from None


def export(parts: ExportParts, doc_ids: Sequence[str], target: str | os.PathLike[str], *,
           scope: Scope, fmt: str = "pdf", on_progress: ProgressCallback | None = None,
           cancel: CancelToken | None = None,
           on_warning: Warn | None = None) -> int:
    """The registry's entry point for "pdf": write the briefing; return documents covered."""
    docs, nets = gather(parts.store, doc_ids, scope, on_progress=on_progress, cancel=cancel)
    name = clean(parts.archive_name or "archive", 80)
    data = render(name, scope, docs, nets, cancel=cancel, on_progress=on_progress,
                  on_warning=on_warning)
    with atomic_output(target, archive_root=parts.root) as fh:
        fh.write(data)
    return len(docs)

