"""Input builders for the importer tests: paths and reportlab-generated PDFs."""

from __future__ import annotations

import io
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data" / "importers"


def make_two_column_pdf(paragraphs: int = 24, title: str = "Quarterly Adversarial Threat Report") -> bytes:
    """A multi-page two-column report with a running header and 'Page N of M' footers."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4, title=title)
    width, height = A4
    margin, gap = 50, 20
    col = (width - 2 * margin - gap) / 2
    frames = [Frame(margin, margin, col, height - 2 * margin, id="left"),
              Frame(margin + col + gap, margin, col, height - 2 * margin, id="right")]

    def decorate(canvas: object, d: object) -> None:
        canvas.setFont("Helvetica", 8)  # type: ignore[attr-defined]
        canvas.drawString(margin, height - 30, "Adversarial Threat Report - Q3 2020 - Internal")  # type: ignore[attr-defined]
        canvas.drawCentredString(width / 2, 25, f"Page {d.page} of 9")  # type: ignore[attr-defined]

    doc.addPageTemplates([PageTemplate(frames=frames, onPage=decorate)])
    styles = getSampleStyleSheet()
    story = [Paragraph("Coordinated inauthentic behaviour in Azerbaijan", styles["Heading1"])]
    for i in range(paragraphs):
        filler = " ".join(f"w{i}x{j} " + ("accounts" if j % 5 else "removed") for j in range(70))
        story.append(Paragraph(f"Paragraph {i} starts. {filler} Paragraph {i} stops.", styles["BodyText"]))
        if i % 6 == 5:
            story.append(Paragraph(f"Findings part {i}", styles["Heading2"]))
    doc.build(story)
    return buf.getvalue()


def make_canvas_pdf(draw: object, encrypt: object = None) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=encrypt)
    draw(c)  # type: ignore[operator]
    c.showPage()
    c.save()
    return buf.getvalue()
