"""R5: hypothesis fuzz of every importer and the bundle expander, pdfminer-style oracle.

A listed ArchiveError ("this file is bad") is fine; any other exception is a bug. Importers
are called directly, not through parse_bytes, whose catch-all would hide the bugs.
TAKEDOWN_ATLAS_FUZZ_SCALE multiplies the example counts for longer local runs.
"""

from __future__ import annotations

import io
import os
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive import importers
from archive.errors import ArchiveError
from archive.importers.bundle import iter_sources
from archive.limits import Limits

from .helpers import make_pdf

SCALE = float(os.environ.get("TAKEDOWN_ATLAS_FUZZ_SCALE", "1"))
LIMITS = Limits(max_text_chars=200_000, max_pdf_pages=20)
_BY_NAME = {imp.name: imp for imp in importers.all_importers()}
_SEED_PDF = make_pdf("Meta removed 589 Facebook accounts in Azerbaijan.")


def _settings(n: int) -> settings:
    return settings(max_examples=max(1, int(n * SCALE)), deadline=None, derandomize=SCALE == 1,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _oracle(importer_name: str, data: bytes, name: str) -> None:
    try:
        _BY_NAME[importer_name].parse(data, name, LIMITS)
    except ArchiveError:
        pass


def _mutate(seed: bytes, edits: list[tuple[int, bytes]], cut: int) -> bytes:
    out = bytearray(seed[: max(1, len(seed) - cut)])
    for pos, chunk in edits:
        p = pos % len(out)
        out[p:p + len(chunk)] = chunk
    return bytes(out)


EDITS = st.lists(st.tuples(st.integers(0, 1 << 20), st.binary(min_size=1, max_size=8)),
                 max_size=8)


@_settings(1000)
@given(st.binary(max_size=2000) | st.text(max_size=1000).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_text_importer_fuzz(data: bytes) -> None:
    _oracle("text_plain", data, "fuzz.txt")


@_settings(600)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' &;!-[]abpqhtml\n\u202e\x00é中")), max_size=600))
def test_html_importer_fuzz(text: str) -> None:
    _oracle("html_page", ("<html><body>" + text).encode("utf-8", "surrogatepass"), "fuzz.html")


@_settings(200)
@given(st.binary(max_size=600))
def test_mhtml_importer_fuzz(body: bytes) -> None:
    head = (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n"
            b"--B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
    _oracle("mhtml_page", head + body + b"\r\n--B--\r\n", "fuzz.mhtml")


@_settings(400)
@given(EDITS, st.integers(0, 2000))
def test_pdf_importer_fuzz(edits: list[tuple[int, bytes]], cut: int) -> None:
    _oracle("pdf_report", _mutate(_SEED_PDF, edits, cut), "fuzz.pdf")


def _seed_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.txt", "Meta removed 3 accounts. " * 20)
        zf.writestr("dir/b.html", "<p>Twitter suspended 40 accounts.</p>" * 10)
    return buf.getvalue()


_SEED_ZIP = _seed_zip()


@_settings(400)
@given(EDITS, st.integers(0, 200))
def test_bundle_expander_fuzz(edits: list[tuple[int, bytes]], cut: int) -> None:
    from pathlib import Path
    from tempfile import mkdtemp

    p = Path(mkdtemp()) / "fuzz.zip"
    p.write_bytes(_mutate(_SEED_ZIP, edits, cut))
    try:
        for item in iter_sources([p], LIMITS):
            assert item is not None
    finally:
        p.unlink()
        p.parent.rmdir()
