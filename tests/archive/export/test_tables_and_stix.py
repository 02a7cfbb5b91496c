"""CSV/XLSX (formula neutralising, text cells) and STIX 2.1 (parses, identical on re-export)."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import stix2
from export_helpers import HOSTILE, LONG_WORD

from archive.api import Archive
from archive.errors import StorageError
from archive.export import tables
from archive.safe_text import is_printable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def test_csv_one_row_per_network_with_figures(az_archive: Archive, out: Path) -> None:
    az_archive.export("csv", out / "n.csv")
    df = pd.read_csv(out / "n.csv", encoding="utf-8-sig")
    assert len(df) == 1 and list(df.columns) == tables.columns()
    row = df.iloc[0]
    assert (row.facebook_accounts, row.facebook_pages, row.instagram_accounts) == (589, 7906, 447)
    assert row.facebook_pages_qualifier == "exact"
    assert row.origin_countries == "AZ" and row.target_countries == "AZ"
    assert row.actors_attributed == "Youth Union of New Azerbaijan Party"
    assert row.publisher == "Massis Post" and row.published == "2020-10-09"
    assert "Yeni Azərbaycan, Новости" in row.title
    assert row.languages == "az; ru"


def test_csv_neutralises_formulas_in_every_field(hostile_archive: Archive, out: Path) -> None:
    hostile_archive.export("csv", out / "h.csv")
    df = pd.read_csv(out / "h.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(df) == len(HOSTILE) + 2
    for value in df.to_numpy().ravel():
        assert not str(value).startswith(FORMULA_START), value
    titles = set(df["title"])
    assert "'=HYPERLINK(\"http://x.invalid\",\"go\")" in titles
    assert "'@SUM(A1)" in titles and "'-2+3" in titles and "'\tTAB" in titles
    # controls shown as escapes (archive.safe_text), never written raw
    assert "<font size=40>BIG</font>" in titles and "ctl\\u0000\\u0007\\u001b\\u007fchars" in titles


def test_xlsx_cells_are_text_never_formulas(hostile_archive: Archive, out: Path) -> None:
    hostile_archive.export("xlsx", out / "h.xlsx")
    wb = openpyxl.load_workbook(out / "h.xlsx")
    ws = wb.active
    cells = [c for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    strings = [c.value for c in cells if isinstance(c.value, str)]
    assert all(not s.startswith(FORMULA_START) for s in strings)
    assert "'=HYPERLINK(\"http://x.invalid\",\"go\")" in strings
    assert any(s.startswith("W" * 1000) and len(s) <= 32_767 for s in strings)
    assert ws.max_row == len(HOSTILE) + 3  # header + rows


def test_neutralise_property() -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    @given(st.text())
    def check(s: str) -> None:
        v = tables.neutralise(s)
        assert not v.startswith(FORMULA_START)
        assert is_printable(v)  # no control, bidi override or non-XML character survives
        if not s.startswith(FORMULA_START) and is_printable(s):
            assert v == s  # ordinary text passes unchanged

    check()


def test_stix_bundle_parses_and_is_identical_on_reexport(hostile_archive: Archive,
                                                         out: Path) -> None:
    n = hostile_archive.export("stix", out / "a.json")
    hostile_archive.export("stix", out / "b.json")
    assert (out / "a.json").read_bytes() == (out / "b.json").read_bytes()
    bundle = stix2.parse((out / "a.json").read_text(encoding="utf-8"), allow_custom=False)
    types = [o.type for o in bundle.objects]
    assert n == types.count("report") == len(HOSTILE) + 2
    assert {"campaign", "threat-actor", "location", "relationship", "identity"} <= set(types)
    rels = {o.relationship_type for o in bundle.objects if o.type == "relationship"}
    assert rels == {"attributed-to", "targets", "originates-from"}
    names = {o.name for o in bundle.objects if o.type == "threat-actor"}
    assert "Youth Union of New Azerbaijan Party" in names and LONG_WORD in names
    az = [o for o in bundle.objects if o.type == "location" and o.country == "AZ"]
    assert len(az) == 1 and az[0].name == "Azerbaijan"
    ids = {o.id for o in bundle.objects}
    for o in bundle.objects:
        for ref in [*getattr(o, "object_refs", []), getattr(o, "source_ref", None),
                    getattr(o, "target_ref", None)]:
            assert ref is None or ref in ids


def test_stix_ids_do_not_depend_on_the_archive_folder(az_archive: Archive, out: Path,
                                                      tmp_path: Path) -> None:
    from export_helpers import seed_like

    az_archive.export("stix", out / "a.json")
    with Archive.open(tmp_path / "other") as other:
        seed_like(other)
        other.export("stix", out / "b.json")
    a, b = (json.loads((out / f).read_text()) for f in ("a.json", "b.json"))
    assert a == b


def test_stix_firms_become_identities(tmp_path: Path, out: Path) -> None:
    from export_helpers import add_document, quoted

    from archive.facts import Fact

    text = "Meta removed 40 accounts linked to Acme PR, a marketing firm."
    ev = quoted(text, text)
    with Archive.open(tmp_path / "a") as a:
        add_document(a, file="f.txt", title="t", publisher="Meta", published="2022-01-01",
                     text=text, networks=[{"label": "n", "facts": [
                         Fact("count", "facebook_accounts", 40, evidence=ev),
                         Fact("actor", "Acme PR", role="attributed", evidence=ev)]}])
        with a.write_transaction() as store:
            store.conn.execute("INSERT OR REPLACE INTO actor(name, kind) VALUES ('Acme PR', 'company')")
        a.export("stix", out / "s.json")
    bundle = stix2.parse((out / "s.json").read_text(), allow_custom=False)
    acme = [o for o in bundle.objects if getattr(o, "name", "") == "Acme PR"]
    assert [o.type for o in acme] == ["identity"]


@pytest.mark.parametrize("fmt", ["pdf", "csv", "xlsx", "stix", "json"])
def test_disk_full_leaves_no_file_under_the_final_name(fmt: str, az_archive: Archive, out: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    target = out / f"export.{fmt}"
    target.write_bytes(b"previous export")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StorageError, match="disk full"):
        az_archive.export(fmt, target, country="AZ")
    assert target.read_bytes() == b"previous export"
    assert [p.name for p in out.iterdir()] == [target.name]  # no .part left behind


def test_missing_folder_is_a_plain_error(az_archive: Archive, out: Path) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        az_archive.export("csv", out / "nope" / "x.csv")


def test_export_job_proposes_a_safe_name_and_runs(az_archive: Archive, out: Path) -> None:
    from archive.export.jobs import ExportJob
    from archive.progress import Progress

    job = ExportJob("pdf", country="az", today="2026-05-01")
    assert job.proposed_filename() == "Azerbaijan briefing 2026-05-01.pdf"
    hostile = ExportJob("xlsx", actor='../../etc/<passwd>:"CON"', today="2026-05-01")
    name = hostile.proposed_filename()
    assert "/" not in name and "<" not in name and name.endswith(".xlsx")
    seen: list[Progress] = []
    assert job.run(az_archive, out / job.proposed_filename(), on_progress=seen.append) == 1
    assert seen and (out / "Azerbaijan briefing 2026-05-01.pdf").exists()
