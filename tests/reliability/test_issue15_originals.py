"""S15-04: "Open original" never hands a web page, an SVG or a web archive to the system.

The core decides from the stored media type and the bytes, never from the name. Every file
is imported for real; each is made here. The desktop glue (QDesktopServices.openUrl) is
tested in tests/desktop/test_issue15_desktop.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from archive.api import Archive
from archive.originals import viewer_copy

from .helpers import make_pdf

PAGE = (b"<!DOCTYPE html><html><head><title>Takedown</title></head><body><p>Meta removed 40 "
        b"Facebook accounts linked to Armenia.</p><img src='http://x.invalid/beacon.png'>"
        b"<script>fetch('http://x.invalid/')</script></body></html>")
XHTML = (b'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
         b"<head><title>Takedown</title></head><body><p>Meta removed 41 Facebook accounts "
         b"linked to Armenia.</p><script>fetch('http://x.invalid/')</script></body></html>")
SVG = (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>'
       b'fetch("http://x.invalid")</script><text>Meta removed 42 accounts.</text></svg>')
MHT = (b"From: <Saved by a browser>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; "
       b'boundary="b"; type="text/html"\r\n\r\n--b\r\nContent-Type: text/html; charset=utf-8\r\n'
       b"Content-Location: http://x.invalid/article\r\n\r\n<html><body><p>Meta removed 43 "
       b"Facebook accounts linked to Armenia.</p><script>x()</script></body></html>\r\n--b--\r\n")
TEXT = b"Meta removed 44 Facebook accounts linked to Armenia, the plain report said.\n"

# name -> (bytes, may it leave the app?)
CASES: dict[str, tuple[bytes, bool]] = {
    "saved_page": (PAGE, False),                      # HTML, no extension
    "article.php": (PAGE.replace(b"40", b"50"), False),
    "page.shtml": (PAGE.replace(b"40", b"51"), False),
    "page.xhtml": (XHTML, False),
    "scripted.svg": (SVG, False),
    "saved.mht": (MHT, False),
    "saved.mhtml": (MHT.replace(b"43", b"53"), False),
    "renamed_page.txt": (PAGE.replace(b"40", b"52"), False),
    # A .txt that file(1) (so xdg-open without a desktop) calls HTML: a link, a title.
    "links.txt": (b"Meta removed 45 accounts.\n<a href='http://x.invalid/'>source</a>\n", False),
    "titled.txt": (b"Meta removed 46 accounts. <title>T</title><style>a{}</style>\n", False),
    # An SVG in UTF-16: no ASCII "<svg" in its bytes, yet file(1) calls it HTML.
    "utf16_svg.txt": (SVG.decode().replace("42", "47").encode("utf-16"), False),
    # Markup after the first 64 KB.
    "late_markup.txt": (b"Meta removed 48 accounts. " * 3000 + b"<html><script>x()</script>",
                        False),
    "report.pdf": (make_pdf("Meta removed 49 Facebook accounts linked to Armenia."), True),
    "notes.txt": (TEXT, True),
    "angles.txt": (b"Meta removed 4 < 5 accounts; contact <press@meta.invalid> or x > y.\n",
                   True),
}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Archive, str]]]:
    root = tmp_path_factory.mktemp("s15_04")
    archive = Archive.open(root / "archive")
    ids: dict[str, tuple[Archive, str]] = {}
    for name, (data, _) in CASES.items():
        folder = root / "in" / name.replace(".", "_")
        folder.mkdir(parents=True)
        (folder / name).write_bytes(data)
        result = archive.import_paths([folder / name])
        assert not result.rejected and not result.duplicates, (name, result)
        ids[name] = (archive, result.added[0])
    yield ids
    report = archive.check()
    archive.close()
    assert report.ok, report.problems


@pytest.mark.parametrize("name", list(CASES))
def test_S15_04_only_real_pdf_and_plain_text_leave_the_app(
        imported: dict[str, tuple[Archive, str]], name: str) -> None:
    archive, doc_id = imported[name]
    data, may_leave = CASES[name]
    stored_name, stored = archive.original(doc_id)
    assert stored == data  # the original itself is kept whole either way
    out = archive.original_for_viewer(doc_id)
    if not may_leave:
        assert out is None, f"{name} ({archive.document(doc_id, with_text=False)}) would open"
        return
    assert out is not None, name
    safe_name, safe_data = out
    assert safe_data == data
    suffix = ".pdf" if name.endswith(".pdf") else ".txt"
    assert safe_name.endswith(suffix) and "/" not in safe_name and "\\" not in safe_name


def test_S15_04_the_name_never_decides() -> None:
    # A web page called report.pdf or notes.txt stays inside; a stored type of text/html
    # stays inside whatever the name says.
    assert viewer_copy("report.pdf", "application/pdf", PAGE) is None
    assert viewer_copy("notes.txt", "text/plain", PAGE) is None
    assert viewer_copy("notes.txt", "text/html", TEXT) is None
    assert viewer_copy("saved_page", "image/svg+xml", SVG) is None
    assert viewer_copy("saved.mht", "multipart/related", MHT) is None
    assert viewer_copy("saved.mht", "message/rfc822", MHT) is None
    # A plain text named like a page goes out as .txt, under no name of its own choosing.
    assert viewer_copy("page.html", "text/plain", TEXT) == ("page.txt", TEXT)
