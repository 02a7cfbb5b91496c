"""Shared helpers for the reliability suite: generated corpora, archive snapshots, invariants."""

from __future__ import annotations

import hashlib
import io
import shutil
import sqlite3
import sys
import zipfile
from pathlib import Path
from typing import Any

from archive.doc_text import unpack

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "samples"
# The interpreter running the tests, so `make upgrade-check`'s scratch venv tests itself.
PYTHON = Path(sys.executable)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_REPORTS = [
    ("Meta removed 589 Facebook accounts, 7,906 Pages and 447 Instagram accounts for "
     "coordinated inauthentic behavior. The network originated in Azerbaijan and targeted "
     "domestic audiences."),
    ("Twitter suspended 1,152 accounts linked to a network in Serbia that amplified content "
     "favourable to the ruling party. About 43 million tweets were removed."),
    ("Google's Threat Analysis Group terminated 2,400 YouTube channels as part of an "
     "investigation into coordinated influence operations linked to China (Spamouflage)."),
    ("OpenAI disrupted a covert influence operation from Russia, known as Doppelganger, that "
     "used its models to write comments in English, French and German."),
]


def make_pdf(text: str) -> bytes:
    """A small PDF with a real text layer, made here rather than committed as a binary."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=True)
    y = 800
    for word_line in [text[i:i + 80] for i in range(0, len(text), 80)]:
        c.drawString(40, y, word_line)
        y -= 14
    c.save()
    return buf.getvalue()


def make_mixed_corpus(folder: Path) -> Path:
    """A small generated corpus: text, Markdown, HTML, PDF, a zip bundle, a duplicate under
    another name, an unsupported image and a broken PDF (kept as unreadable)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a_report.txt").write_text(_REPORTS[0] + "\n\n" + _REPORTS[1] + "\n")
    (folder / "b_brief.md").write_text("# Quarterly brief\n\n" + _REPORTS[2] + "\n")
    (folder / "c_page.html").write_text(
        "<html><head><title>Network removed</title></head><body><article><h1>Network "
        f"removed</h1><p>{_REPORTS[3]}</p><p>{_REPORTS[0]}</p></article></body></html>")
    (folder / "d_report.pdf").write_bytes(make_pdf(_REPORTS[1] + " " + _REPORTS[2]))
    (folder / "e_cyrillic.txt").write_bytes(
        "Meta удалила 120 аккаунтов в Молдове, связанных с Россией.\n".encode("cp1251"))
    shutil.copy(folder / "a_report.txt", folder / "f_same_bytes_other_name.txt")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("inner/a note.txt", "Meta removed 12 Facebook accounts linked to Iran.\n" * 3)
        zf.writestr("inner/b note.md", "# Brief\n\nTwitter suspended 40 accounts in Serbia.\n")
    (folder / "m_bundle.zip").write_bytes(buf.getvalue())
    (folder / "n_image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(64)))
    (folder / "o_broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>> garbage\n%%EOF")
    (folder / "p_plain.txt").write_text("Google TAG terminated 7 YouTube channels.\n")
    return folder


def snapshot(db: Path) -> dict[str, dict[str, Any]]:
    """What makes a document whole: its row, networks and facts, keyed by id."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    out: dict[str, dict[str, Any]] = {}
    try:
        for row in conn.execute("SELECT id, sha256, title, text_z, media_type, flags, rowid "
                                "FROM document ORDER BY rowid"):
            nets = conn.execute("SELECT count(*) FROM network WHERE document_id = ?",
                                (row["id"],)).fetchone()[0]
            facts = conn.execute(
                "SELECT kind, key, value, role FROM fact WHERE document_id = ? "
                "ORDER BY kind, key, value, role", (row["id"],)).fetchall()
            out[row["id"]] = {
                "sha256": row["sha256"], "title": row["title"], "media_type": row["media_type"],
                "text": sha(unpack(row["text_z"]).encode("utf-8", "surrogatepass")),
                "flags": row["flags"], "networks": nets,
                "facts": [tuple(f) for f in facts], "order": row["rowid"],
            }
    finally:
        conn.close()
    return out


def process_gone(pid: int) -> bool:
    """True if *pid* no longer runs (absent, or a zombie left to init)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")
