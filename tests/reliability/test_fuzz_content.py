"""Issue 15: a fuzz run whose oracle checks content, not only "no exception".

Each example is a small report in a random wrapper (plain text, HTML with hostile markup,
Markdown, a legacy encoding) with random noise around known words: after the import through
the real (sandboxed) path, the stored text holds every word, JSON, CSV, XLSX and STIX
exports parse and name the document, and `check` passes. One archive serves all examples
(a fresh one per example would measure archive creation, not the content).
TAKEDOWN_ATLAS_FUZZ_SCALE multiplies the example count.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.api import Archive

SCALE = float(os.environ.get("TAKEDOWN_ATLAS_FUZZ_SCALE", "1"))

WORDS = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=5, max_size=9),
                 min_size=3, max_size=8, unique=True)
# noise that must never cost a word: controls, bidi overrides (raw and as entities),
# markup fragments, odd whitespace
NOISE = st.lists(st.sampled_from([
    "\x1b[2J", "\x07", "\u202e", "&#27;[31m", "&#x202E;", "&#7;", "<b>", "</i>", "<!-- c -->",
    "\u00a0", "\t", "\r\n", "&amp;", "&lt;tag&gt;", "\u200b", "\ufeff", "%s", "{0}", "\\",
]), max_size=6)
WRAPPERS = st.sampled_from(["txt", "html", "md", "cp1251"])


def _wrap(kind: str, words: list[str], noise: list[str]) -> tuple[str, bytes]:
    sentence = " ".join(f"{n} {w}" for n, w in zip(noise + [""] * len(words), words))
    body = f"Meta removed 12 Facebook accounts. {sentence} end."
    if kind == "html":
        page = (f"<html><head><title>Takedown note</title><script>alert('{words[0]}x')</script>"
                f"</head><body><p>{body}</p><embed src='x.swf'><p>{' '.join(words)}</p>"
                "</body></html>")
        return "note.html", page.encode("utf-8")
    if kind == "md":
        return "note.md", f"# Takedown note\n\n{body}\n\n- {' '.join(words)}\n".encode()
    if kind == "cp1251":
        return "note.txt", (f"Удалено 12 аккаунтов. {body}").encode("cp1251", "replace")
    return "note.txt", body.encode("utf-8")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    a = Archive.open(tmp_path_factory.mktemp("fuzz") / "a")
    yield a
    a.close()


@settings(max_examples=max(1, int(40 * SCALE)), deadline=None, derandomize=SCALE == 1,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(words=WORDS, noise=NOISE, kind=WRAPPERS, salt=st.integers(0, 1 << 30))
def test_imported_text_keeps_the_words_and_every_export_parses(
        archive: Archive, tmp_path: Path, words: list[str], noise: list[str], kind: str,
        salt: int) -> None:
    # Hypothesis seeds the global random module the same way for every example, and Whoosh
    # names its segments with it: the same name twice would collide inside one index.
    random.seed(os.urandom(16))
    name, data = _wrap(kind, words, noise)
    src = tmp_path / f"{salt}-{name}"
    src.write_bytes(data + f"\n{salt}\n".encode())  # distinct bytes: never a duplicate
    result = archive.import_paths([src])
    assert not result.rejected, result.rejected
    (doc_id,) = [*result.added, *(d.id for d in result.duplicates)]
    text = archive.document(doc_id)["text"]
    for w in words:
        assert w in text, (w, text[:300])
    assert not any(c in text for c in "\x1b\x07\u202e"), repr(text[:200])
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    archive.export("json", out / "a.json", ids=[doc_id])
    exported = json.loads((out / "a.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in exported["documents"]] == [doc_id]
    archive.export("csv", out / "a.csv", ids=[doc_id])
    rows = list(csv.reader(io.StringIO((out / "a.csv").read_text(encoding="utf-8-sig"))))
    assert rows and all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    archive.export("xlsx", out / "a.xlsx", ids=[doc_id])
    with zipfile.ZipFile(out / "a.xlsx") as z:
        assert z.testzip() is None and "xl/workbook.xml" in z.namelist()
    archive.export("stix", out / "a.stix.json", ids=[doc_id])
    assert json.loads((out / "a.stix.json").read_text(encoding="utf-8"))["type"] == "bundle"
    rep = archive.check(verify_hashes=False)
    assert rep.ok, rep.problems
