"""Only PDFs and plain text leave the app for the system's viewer, judged by the core from
the stored media type, under a name the core chooses."""

from __future__ import annotations

from pathlib import Path

from archive.api import Archive
from archive.originals import viewer_copy
from tests.conftest import SAMPLES

PAGE = (b"<html><head><title>T</title></head><body><p>Meta removed 40 accounts in "
        b"Armenia.</p><script>fetch('http://x.invalid')</script></body></html>")
SVG = (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>'
       b'fetch("http://x.invalid")</script><text>Meta removed 40 accounts.</text></svg>')


def _imported(archive: Archive, folder: Path, files: dict[str, bytes]) -> dict[str, str]:
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    archive.import_paths([folder / n for n in files])
    return {r["file"]: r["id"] for r in archive.store.conn.execute("SELECT id, file FROM document")}


def test_saved_pages_and_scripted_svg_are_refused(archive: Archive, tmp_path: Path) -> None:
    # Each name alone, so a duplicate of the same bytes cannot hide one of them.
    for name, data in (("page.shtml", PAGE), ("page", PAGE + b" "), ("article.php", PAGE + b"  "),
                       ("evil.svg", SVG)):
        ids = _imported(archive, tmp_path / name.replace(".", "_"), {name: data})
        doc_id = next(i for f, i in ids.items() if f.endswith(name))
        assert archive.original(doc_id)[1] == data  # it is in the archive...
        assert archive.original_for_viewer(doc_id) is None, name  # ...but stays inside


def test_pdf_and_plain_text_open_under_a_name_the_core_chooses(archive: Archive,
                                                                tmp_path: Path) -> None:
    pdf = next(SAMPLES.glob("*.pdf"))
    txt = b"Meta removed 40 accounts in Armenia, the plain report said."
    ids = _imported(archive, tmp_path / "in", {"report.pdf": pdf.read_bytes(),
                                               "notes.v2.txt": txt})
    name, data = archive.original_for_viewer(ids["report.pdf"]) or ("", b"")
    assert name == "report.pdf" and data.startswith(b"%PDF-")
    assert archive.original_for_viewer(ids["notes.v2.txt"]) == ("notes.v2.txt", txt)


def test_the_media_type_decides_not_the_name() -> None:
    assert viewer_copy("page.txt", "text/html", b"hello") is None
    assert viewer_copy("report.html", "text/plain", b"plain words") == ("report.txt",
                                                                         b"plain words")
    assert viewer_copy("fake.pdf", "application/pdf", b"<html>") is None
    assert viewer_copy("x.md", "text/markdown", b"# title") is None
    assert viewer_copy("bundle.zip!../../etc/a.txt", "text/plain", b"ok") == ("a.txt", b"ok")
