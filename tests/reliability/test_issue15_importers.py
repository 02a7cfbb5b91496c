"""Issue 15, importers and text safety (S15-07, -08, -11, -13, -14f/g/h): nothing an importer
reads is lost, and no character read from a file can drive a terminal, reorder a name or
break an export. Every fixture is made here; each test ends with `check()` passing."""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from archive.api import Archive
from archive.cli import main
from archive.limits import Limits

from .helpers import PYTHON, ROOT

LIMITS = Limits(parse_timeout_s=20.0)
# What must never reach a terminal, a label or an export raw: ESC, BEL, CR, the C1 CSI,
# bidi overrides / embeddings / isolates, and the XML-incompatible U+FFFE / U+FFFF.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


@pytest.fixture
def arch(tmp_path: Path) -> Iterator[Archive]:
    a = Archive.open(tmp_path / "arch", limits=LIMITS)
    yield a
    try:
        report = a.check()
        assert report.ok, report.problems
    finally:
        a.close()


def put(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_bytes(data)
    return p


def stored(a: Archive, doc_id: str) -> dict[str, object]:
    return dict(a.store.document_row(doc_id))


# --- S15-07: text after a void <embed>, an unclosed <source> or <object> ---------------------

SWALLOWED_PAGE = """<!doctype html><html><head><title>Iranian network removed</title></head>
<body><article><h1>Coordinated inauthentic behaviour from Iran</h1>
<p>We removed a network that originated in Iran and targeted audiences in Israel.</p>
{element}
<p>We removed 42 Facebook accounts, 7 Pages and 3 Instagram accounts for violating our
policy against coordinated inauthentic behavior.</p>
<p>Although the people behind it attempted to conceal their identities, our investigation
found links to the Islamic Revolutionary Guard Corps.</p>
</article></body></html>"""


@pytest.mark.parametrize("element", [
    '<embed src="clip.swf">', '<source src="clip.mp4" type="video/mp4">',
    '<object data="clip.swf" type="application/x-shockwave-flash">',
    '<video controls><source src="clip.mp4">', '<track kind="captions" src="c.vtt">',
])
def test_S15_07_text_after_void_or_unclosed_media_elements_is_kept_and_extracted(
        arch: Archive, tmp_path: Path, element: str) -> None:
    page = put(tmp_path / "in", "report.html", SWALLOWED_PAGE.format(element=element).encode())
    res = arch.import_paths([page])
    assert len(res.added) == 1, res
    text = str(stored(arch, res.added[0])["text"])
    assert "42 Facebook accounts" in text and "Islamic Revolutionary Guard Corps" in text, text
    nets = arch.document(res.added[0])["networks"]
    assert any(n["counts"].get("facebook_accounts") == 42 for n in nets), nets
    assert any(a["name"] == "Islamic Revolutionary Guard Corps" and a["role"] == "attributed"
               for n in nets for a in n["actors"]), nets


# --- S15-08: UTF-8 with a stray byte ---------------------------------------------------------

RU_EN = ("Meta removed 42 Facebook accounts linked to the network. "
         "Компания удалила сеть из 42 аккаунтов, связанных с Беларусью. ")


def test_S15_08_utf8_with_one_stray_byte_is_read_as_utf8_with_a_warning(
        arch: Archive, tmp_path: Path) -> None:
    body = (RU_EN * 60).encode("utf-8")
    long = body[:1500] + b"\xff" + body[1500:]
    short = "Сеть из 42 аккаунтов в Беларуси удалена.".encode() + b"\xe9 ok"
    res = arch.import_paths([put(tmp_path / "in", "long.txt", long),
                             put(tmp_path / "in", "short.txt", short)])
    assert not res.rejected, res.rejected
    assert len(res.added) == 2
    for doc_id in res.added:
        row = stored(arch, doc_id)
        assert row["encoding"] == "utf-8", row["encoding"]
        assert "аккаунтов" in str(row["text"]) and "Беларус" in str(row["text"])
        assert "Ð" not in str(row["text"]) and "Р°" not in str(row["text"])  # no mojibake
        assert any("not valid UTF-8" in w for w in json.loads(str(row["warnings"])))


def test_S15_08_legacy_code_pages_are_still_detected(arch: Archive, tmp_path: Path) -> None:
    ru = "Компания Meta удалила 120 аккаунтов в Молдове, связанных с Россией. " * 3
    files = [put(tmp_path / "in", f"{codec}.txt", ru.encode(codec))
             for codec in ("cp1251", "koi8-r", "utf-16")]
    res = arch.import_paths(files)
    assert len(res.added) == 3
    for doc_id in res.added:
        assert "аккаунтов" in str(stored(arch, doc_id)["text"])


# --- S15-13: control and bidi characters, raw or entity-encoded ------------------------------

ENTITY_PAGE = ("<!doctype html><html><head><title>Network &#27;[2J&#7; &#x202E;gnp.exe"
               "</title></head><body><article><h1>Removed</h1><p>Meta removed 12 Facebook "
               "accounts linked to Iran.&#27;[2J&#27;[1A&#7; The &#x202E;txt.exe network &#155;"
               "posted about elections &#x2066;in&#x2069; Israel.</p><p>More prose about the "
               "network that was removed for coordinated inauthentic behavior.</p></article>"
               "</body></html>")


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_S15_13_entity_encoded_controls_never_reach_the_stored_text_or_title(
        arch: Archive, tmp_path: Path) -> None:
    res = arch.import_paths([put(tmp_path / "in", "page.html", ENTITY_PAGE.encode())])
    row = stored(arch, res.added[0])
    assert "12 Facebook accounts" in str(row["text"]) and "Israel" in str(row["text"])
    for value in (row["text"], row["title"]):
        assert value and not UNSAFE.search(str(value)), repr(value)
    assert any("control or bidirectional" in w for w in json.loads(str(row["warnings"])))


def _legacy_title(archive_dir: Path, doc_id: str, title: str) -> None:
    """A row stored before import cleaned titles, written straight to SQLite (with the
    checksum the schema 3 migration gave such rows, so check sees an old row, not damage)."""
    from archive import doc_text
    from archive.schema import DOCUMENT_DIGEST, digest

    conn = sqlite3.connect(archive_dir / "archive.sqlite")
    conn.create_function("ta_digest", -1, digest, deterministic=True)
    doc_text.register(conn)  # (the checksum reads the stored text: archive.doc_text)
    with conn:
        conn.execute("UPDATE document SET title = ?, publisher = ? WHERE id = ?",
                     (title, title, doc_id))
        conn.execute(f"UPDATE document SET digest = {DOCUMENT_DIGEST} WHERE id = ?", (doc_id,))
    conn.close()


NASTY_TITLE = "Report \x1b[2J\x1b]0;owned\x07 \x9b31m \u202egnp.exe \ufffe\uffff end"


def test_S15_13_terminal_output_of_search_show_import_and_errors_is_safe(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    arch = str(tmp_path / "arch")
    folder = tmp_path / "in"
    put(folder, "good.txt", b"Meta removed 12 Facebook accounts linked to Iran in 2020.\n")
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr("\x1b[1A\x1b[2Kerased.txt", "Meta removed 9 Facebook accounts in Chad.\n")
        zf.writestr("\u202egnp.exe.txt", "Meta removed 8 Facebook accounts in Mali.\n")
        zf.writestr("broken\x1b[2J.pdf", b"%PDF-1.4\n2 0 obj <<>> other garbage\n%%EOF")
    put(folder, "bundle.zip", bundle.getvalue())
    put(folder, "bad\nname\rhere.pdf", b"%PDF-1.4\n1 0 obj <<>> garbage\n%%EOF")
    code, out, err = _cli(capsys, "--archive", arch, "import", str(folder))
    assert code == 1  # the two broken PDFs are rejected (kept as unreadable)
    for stream in (out, err):
        assert not UNSAFE.search(stream), repr(stream)
    error_lines = [line for line in err.splitlines() if line.startswith("takedown-atlas:")]
    assert len(error_lines) == len(err.splitlines()) == 2, err  # nothing cut onto a new line
    assert any("bad\\nname\\rhere.pdf" in line for line in error_lines), err
    assert any("broken\\u001b[2J.pdf" in line for line in error_lines), err

    with Archive.open(tmp_path / "arch") as a:
        doc_id = next(i for i in a.store.document_ids()
                      if "12 Facebook" in str(a.store.document_row(i)["text"]))
        files = {str(a.store.document_row(i)["file"]) for i in a.store.document_ids()}
    assert not any(UNSAFE.search(f) for f in files), files
    _legacy_title(tmp_path / "arch", doc_id, NASTY_TITLE)
    with Archive.open(tmp_path / "arch") as a:
        a.reindex()
    for argv in (("search", "Facebook"), ("show", doc_id), ("search", "Facebook", "--json"),
                 ("show", doc_id, "--json"), ("show", "no-such-\x1b[2J-id")):
        code, out, err = _cli(capsys, "--archive", arch, *argv)
        assert not UNSAFE.search(out + err), (argv, out[:300], err)
        if "--json" in argv:
            data = json.loads(out)  # the escapes keep it JSON, and mean the same characters
            titles = [h["title"] for h in data["hits"]] if "hits" in data else [data["title"]]
            assert NASTY_TITLE in titles or "Report" in " ".join(titles)
    assert "Report \\u001b[2J" in _cli(capsys, "--archive", arch, "show", doc_id)[1]


def test_S15_13_gui_rows_and_every_export_show_no_raw_control_or_bidi(
        tmp_path: Path) -> None:
    folder = tmp_path / "in"
    put(folder, "good.txt", b"Meta removed 12 Facebook accounts linked to Iran in 2020.\n")
    with Archive.open(tmp_path / "arch", limits=LIMITS) as a:
        doc_id = a.import_paths([folder]).added[0]
        a.correct(doc_id, action="add", kind="actor", key="Troll\x1b[2J \u202eFarm\ufffe",
                  role="attributed")
    _legacy_title(tmp_path / "arch", doc_id, NASTY_TITLE)
    with Archive.open(tmp_path / "arch", limits=LIMITS) as a:
        for cell in a.document_rows([doc_id])[doc_id].values():  # the result table's labels
            assert not (isinstance(cell, str) and UNSAFE.search(cell)), cell
        doc = a.document(doc_id)  # the reader's title and file labels
        assert not any(UNSAFE.search(str(doc[k])) for k in ("title", "publisher", "file"))
        out = tmp_path / "out"
        out.mkdir()
        for fmt in ("csv", "xlsx", "stix", "pdf", "json"):
            a.export(fmt, out / f"x.{fmt}")
        csv_text = (out / "x.csv").read_text("utf-8-sig")
        assert "Report \\u001b[2J" in csv_text and not UNSAFE.search(csv_text)
        cells = [str(c.value) for row in openpyxl.load_workbook(out / "x.xlsx").active.iter_rows()
                 for c in row if isinstance(c.value, str)]
        assert any("Troll" in c for c in cells) and not any(UNSAFE.search(c) for c in cells)
        stix = (out / "x.stix").read_text("utf-8")
        json.loads(stix)
        assert "Troll" in stix and not UNSAFE.search(stix)
        pdf_text = _pdf_text(out / "x.pdf")
        assert "Report" in pdf_text and not UNSAFE.search(pdf_text), pdf_text[:300]
        assert a.check().ok


def _pdf_text(path: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        parts = []
        for page in pdf:
            textpage = page.get_textpage()
            parts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(parts).replace("\r", "").replace("\ufffe", "-")  # PDFium's soft hyphen
    finally:
        pdf.close()


# --- S15-11: one XML-incompatible code point must not break an export ------------------------


@pytest.mark.parametrize("bad", ["\ufffe", "\uffff", "\x0b", "\x1b", "\x00"])
def test_S15_11_one_non_xml_title_never_breaks_an_export(tmp_path: Path, bad: str) -> None:
    folder = tmp_path / "in"
    for i, country in enumerate(("Iran", "Chad", "Mali")):
        put(folder, f"r{i}.txt", f"Meta removed {10 + i} Facebook accounts in {country}.\n".encode())
    with Archive.open(tmp_path / "arch", limits=LIMITS) as a:
        ids = a.import_paths([folder]).added
    assert len(ids) == 3
    _legacy_title(tmp_path / "arch", ids[0], f"Title {bad} with a non-XML character")
    with Archive.open(tmp_path / "arch", limits=LIMITS) as a:
        out = tmp_path / "out"
        out.mkdir()
        for fmt in ("xlsx", "stix", "json", "csv", "pdf"):
            assert a.export(fmt, out / f"x.{fmt}") == 3, fmt
        rows = list(openpyxl.load_workbook(out / "x.xlsx").active.iter_rows(values_only=True))
        assert len(rows) == 4  # header + every network: the whole archive, not nothing
        assert any("Title" in str(v) for r in rows for v in r)
        assert sum(o["type"] == "report" for o in json.loads((out / "x.stix").read_text())
                   ["objects"]) == 3
        assert len(json.loads((out / "x.json").read_text())["documents"]) == 3
        assert (out / "x.pdf").read_bytes().startswith(b"%PDF")
        assert a.check().ok


# --- S15-14f: a FIFO ---------------------------------------------------------------------------


def test_S15_14f_a_fifo_is_refused_at_once_and_the_folder_still_imports(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    put(folder, "a.txt", b"Meta removed 3 Facebook accounts linked to Chad.\n")
    put(folder, "z.txt", b"Meta removed 4 Facebook accounts linked to Mali.\n")
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(tmp_path / "lone.fifo")
    # A subprocess with a timeout: if the FIFO blocked, the test fails instead of hanging.
    proc = subprocess.run(
        [str(PYTHON), "-m", "archive", "--archive", str(tmp_path / "arch"), "import",
         str(tmp_path / "lone.fifo"), str(folder)],
        capture_output=True, text=True, timeout=120, cwd=ROOT, stdin=subprocess.DEVNULL)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("2 added"), proc.stdout
    lines = proc.stderr.splitlines()
    assert len(lines) == 2 and all("named pipe (FIFO)" in line for line in lines), proc.stderr
    assert any("lone.fifo" in line for line in lines) and any("pipe.txt" in line for line in lines)
    with Archive.open(tmp_path / "arch") as a:
        assert a.store.count("document") == 2 and a.check().ok


# --- S15-14g: a `!` in a file name -------------------------------------------------------------


def test_S15_14g_an_exclamation_mark_is_part_of_the_stored_name(
        arch: Archive, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    put(folder, "Breaking! Meta removes 5 accounts.txt", b"Meta removed 5 Facebook accounts in Chad.\n")
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr("sub/Wow! 6 accounts.txt", "Meta removed 6 Facebook accounts in Mali.\n")
    put(folder, "news!.zip", bundle.getvalue())
    res = arch.import_paths([folder])
    assert len(res.added) == 2, res
    files = {str(stored(arch, i)["file"]) for i in res.added}
    assert files == {"Breaking! Meta removes 5 accounts.txt", "Wow! 6 accounts.txt"}, files
    viewer = [arch.original_for_viewer(i) for i in res.added]
    assert {v[0] for v in viewer if v} == {"Breaking_ Meta removes 5 accounts.txt",
                                          "Wow_ 6 accounts.txt"}


# --- S15-14h: PDF pages that differ only in numbers --------------------------------------------


def _pdf(pages: list[list[str]]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=True)
    for lines in pages:
        y = 800
        for line in lines:
            c.drawString(40, y, line)
            y -= 14
        c.showPage()
    c.save()
    return buf.getvalue()


def test_S15_14h_pdf_pages_differing_only_in_numbers_keep_their_text(
        arch: Archive, tmp_path: Path) -> None:
    counts = [120, 45, 980, 61]
    pages = [[f"In 2021 Meta removed {n} Facebook accounts and {n // 5} Pages linked to Iran."]
             for n in counts]
    res = arch.import_paths([put(tmp_path / "in", "numbers.pdf", _pdf(pages))])
    assert len(res.added) == 1, res
    text = str(stored(arch, res.added[0])["text"])
    for n in counts:
        assert f"removed {n} Facebook accounts" in text, text
    assert arch.search("Facebook").total == 1


def test_S15_14h_running_heads_and_folios_are_still_removed(
        arch: Archive, tmp_path: Path) -> None:
    body = [["Meta removed 120 Facebook accounts linked to Iran.",
             "The network targeted audiences in Israel."],
            ["Meta also removed 45 Instagram accounts.", "They posted about elections."],
            ["Twitter suspended 980 accounts in Serbia.", "The accounts amplified the party."]]
    pages = [["Quarterly Adversarial Threat Report", *lines, f"Threat report · {i + 3}"]
             for i, lines in enumerate(body)]
    res = arch.import_paths([put(tmp_path / "in", "heads.pdf", _pdf(pages))])
    text = str(stored(arch, res.added[0])["text"])
    assert "Quarterly Adversarial Threat Report" not in text and "Threat report ·" not in text
    assert "120 Facebook accounts" in text and "980 accounts" in text


def test_S15_14h_text_that_only_looks_like_a_running_line_is_kept_with_a_warning(
        arch: Archive, tmp_path: Path) -> None:
    pages = [[f"Network {i}: Meta removed the accounts of this network."] for i in range(1, 5)]
    res = arch.import_paths([put(tmp_path / "in", "folio-like.pdf", _pdf(pages))])
    row = stored(arch, res.added[0])
    assert "Network 3: Meta removed the accounts" in str(row["text"])
    assert any("were kept" in w for w in json.loads(str(row["warnings"])))
