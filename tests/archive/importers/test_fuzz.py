"""Hypothesis fuzzing: whatever the bytes, an importer returns a document or raises an
ArchiveError ("this file is bad"); any other exception is a bug."""

from __future__ import annotations

import codecs
import io
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importer_helpers import DATA

from archive.errors import ArchiveError
from archive.importers import all_importers
from archive.importers.bundle import iter_sources
from archive.limits import Limits
from archive.records import RawDocument

LIMITS = Limits(max_pdf_pages=5, max_text_chars=100_000)
PREFIXES = [b"", b"%PDF-1.4\n", b"<!DOCTYPE html><html><body>", codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
            b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\n"
            b"Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n",
            b"# Heading\n\n[link](", b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]>"]
SEEDS = [(DATA / "news_page_full_chrome.html").read_bytes()[:3000],
         (DATA / "news_page_full_chrome.mhtml").read_bytes()[:3000]]

hostile_bytes = st.one_of(
    st.tuples(st.sampled_from(PREFIXES), st.binary(max_size=2000)).map(lambda t: t[0] + t[1]),
    st.tuples(st.sampled_from(SEEDS), st.integers(0, 2999), st.binary(min_size=1, max_size=50)).map(
        lambda t: t[0][: t[1]] + t[2] + t[0][t[1]:]),
    st.text(max_size=500).map(lambda s: s.encode("utf-8", "surrogatepass")),
)


@pytest.mark.parametrize("importer", all_importers(), ids=lambda imp: imp.name)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=hostile_bytes)
def test_parse_raises_only_archive_errors(importer: object, data: bytes) -> None:
    try:
        doc = importer.parse(data, "fuzz.bin", LIMITS)  # type: ignore[attr-defined]
    except ArchiveError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(doc, RawDocument) and isinstance(doc.text, str)
    doc.text.encode("utf-8")  # storable: no lone surrogates
    assert "\x00" not in doc.text


@pytest.mark.parametrize("importer", all_importers(), ids=lambda imp: imp.name)
@settings(max_examples=100, deadline=None)
@given(head=st.binary(max_size=300))
def test_sniff_is_total_and_bounded(importer: object, head: bytes) -> None:
    score = importer.sniff("x", head)  # type: ignore[attr-defined]
    assert 0.0 <= score <= 1.0


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.txt", "Şəbəkə " * 50)
        zf.writestr("b/c.html", "<html><body><p>x</p></body></html>" * 20)
    return buf.getvalue()


ZIP = _zip_bytes()


@settings(max_examples=150, deadline=None)
@given(pos=st.integers(0, len(ZIP) - 1), junk=st.binary(min_size=1, max_size=8))
def test_damaged_bundles_never_raise(pos: int, junk: bytes) -> None:
    data = ZIP[:pos] + junk + ZIP[pos + len(junk):]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.zip"
        path.write_bytes(data)
        for item in iter_sources([path], Limits()):
            assert item.name if hasattr(item, "name") else item.reason  # type: ignore[union-attr]
