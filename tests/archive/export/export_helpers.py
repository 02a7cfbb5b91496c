"""Build small archives for export tests by writing facts straight through the Store.

`add_document` takes plain values so a test can put hostile text in every field.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path
from typing import Any

from archive.api import Archive
from archive.facts import DocumentFacts, Evidence, Fact, NetworkFacts
from archive.records import RawDocument

HOSTILE = [
    "<font size=40>BIG</font>", "S&P 500 & co", "&#9999999; &nbsp; &foo;",
    '<img src="/etc/passwd"/>', '<a href="javascript:x">click</a>', "<b>unbalanced <i>",
    "ctl\x00\x07\x1b\x7fchars", "=HYPERLINK(\"http://x.invalid\",\"go\")", "+1+1", "-2+3",
    "@SUM(A1)", "\tTAB", "\rCR",
]
LONG_WORD = "W" * 50_000


def add_document(archive: Archive, *, file: str, title: str | None, publisher: str | None,
                 published: str | None, text: str, networks: list[dict[str, Any]]) -> str:
    """Insert one document with networks given as {"label", "facts": [Fact, ...]}."""
    data = (file + text).encode("utf-8", "surrogatepass")
    sha = hashlib.sha256(data).hexdigest()
    doc_id = sha[:16]
    raw = RawDocument(text=text, media_type="text/plain", title=title, publisher=publisher,
                      published=published, importer="test")
    facts = DocumentFacts(publisher=publisher, published=published, source_type="news",
                          networks=[NetworkFacts(label=n["label"], facts=n["facts"],
                                                 operation_name=n.get("operation"))
                                    for n in networks])
    with archive.write_transaction() as store:
        store.insert_document(doc_id=doc_id, sha=sha, file=file, size=len(data), raw=raw,
                              facts=facts, extractor_version="test")
    return doc_id


def quoted(text: str, sentence: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(start, start + len(sentence), sentence)


def seed_like(archive: Archive) -> str:
    """An Azerbaijani network shaped like the seed, with Azerbaijani and Cyrillic text."""
    s1 = ("Facebook has removed 589 Facebook accounts, 7,906 Pages and 447 accounts on "
          "Instagram that were involved in coordinated inauthentic behavior.")
    s2 = "Our investigation linked this activity to the Youth Union of New Azerbaijani Party."
    s3 = "Şərhlər azərbaycan dilində yazılıb: ə ğ ş ı; по-русски тоже."
    text = " ".join([s1, s2, s3])
    ev1, ev2, ev3 = quoted(text, s1), quoted(text, s2), quoted(text, s3)
    facts = [
        Fact("count", "facebook_accounts", 589, "exact", evidence=ev1),
        Fact("count", "facebook_pages", 7906, "exact", evidence=ev1),
        Fact("count", "instagram_accounts", 447, "exact", evidence=ev1),
        Fact("country", "AZ", role="origin", evidence=ev1),
        Fact("country", "AZ", role="target", evidence=ev1),
        Fact("actor", "Youth Union of New Azerbaijan Party", role="attributed",
             detail={"as_written": "Youth Union of New Azerbaijani Party",
                     "wording": "linked this activity to"}, evidence=ev2),
        Fact("platform", "facebook", evidence=ev1), Fact("platform", "instagram", evidence=ev1),
        Fact("language", "az", evidence=ev3), Fact("language", "ru", evidence=ev3),
    ]
    return add_document(archive, file="massis_az_2020.txt",
                        title="Facebook removes Azerbaijani network — Yeni Azərbaycan, Новости",
                        publisher="Massis Post", published="2020-10-09", text=text,
                        networks=[{"label": "Azerbaijan", "facts": facts}])


def hostile_document(archive: Archive, bad: str, n: int = 0) -> str:
    """Every field that reaches a PDF or a spreadsheet carries *bad*."""
    sentence = f"They removed 12 accounts run by {bad} in Azerbaijan."
    text = f"Intro {bad}. {sentence} End."
    ev = quoted(text, sentence)
    facts = [
        Fact("count", "facebook_accounts", 12, "about", evidence=ev),
        Fact("count", "twitter_accounts", 3, "more_than", evidence=ev),
        Fact("country", "AZ", role="origin", evidence=ev),
        Fact("country", "RU", role="target", evidence=ev),
        Fact("actor", bad, role="attributed", detail={"as_written": bad, "wording": bad},
             evidence=ev),
        Fact("platform", bad, evidence=ev), Fact("language", bad[:8], evidence=ev),
        Fact("region", bad, role="target", evidence=ev),
        Fact("operation", bad, evidence=ev),
        Fact("ad_spend", "USD", 1500.0, "about", evidence=ev),
    ]
    return add_document(archive, file=f"{bad[:200]}-{n}.txt", title=bad, publisher=bad,
                        published="2021-03-01", text=text,
                        networks=[{"label": bad, "facts": facts, "operation": bad}])


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         check=True)
    return out.stdout.decode("utf-8")


def pdf_fonts(path: Path) -> str:
    return subprocess.run(["pdffonts", str(path)], capture_output=True, check=True,
                          text=True).stdout


def have_poppler() -> bool:
    return shutil.which("pdftotext") is not None and shutil.which("pdffonts") is not None
