"""Import end to end: originals kept byte-exact, duplicates, rejections, the seed's chrome."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from archive.api import Archive
from tests.conftest import SEED, SEED_DIR


def test_seed_import_keeps_original_and_drops_web_chrome(archive: Archive) -> None:
    result = archive.import_paths([SEED_DIR])
    assert len(result.added) == 1 and not result.rejected
    doc = archive.document(result.added[0])
    assert doc["sha256"] and doc["file"] == SEED.name
    name, data = archive.original(doc["id"])
    assert data == SEED.read_bytes()
    text = doc["text"].rstrip()
    assert text.endswith("Facebook stated.")
    for chrome in ("Leave a Reply", "You May Also Like", "Cyprus", "Newsletter", "Akismet"):
        assert chrome not in text


def test_same_bytes_twice_is_a_duplicate_not_a_second_document(archive: Archive, tmp_path: Path) -> None:
    copy = tmp_path / "renamed copy.txt"
    copy.write_bytes(SEED.read_bytes())
    first = archive.import_paths([SEED])
    second = archive.import_paths([copy])
    assert second.added == [] and second.duplicates[0].id == first.added[0]
    assert archive.store.count("document") == 1
    assert "renamed copy.txt" in " ".join(archive.document(first.added[0])["also_imported_as"])


def test_unsupported_file_is_rejected_and_batch_goes_on(archive: Archive, tmp_path: Path) -> None:
    png = tmp_path / "picture.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    good = tmp_path / "report.txt"
    good.write_text("Meta removed 12 Facebook accounts linked to Togo.\n", encoding="utf-8")
    result = archive.import_paths([png, good])
    assert len(result.added) == 1
    assert len(result.rejected) == 1 and result.rejected[0].file.endswith("picture.png")
    assert "PNG" in result.rejected[0].reason and "\n" not in result.rejected[0].reason


def test_zip_bundle_entries_import_and_unsafe_names_are_skipped(archive: Archive, tmp_path: Path) -> None:
    bundle = tmp_path / "bundle.zip"
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("reports/a.txt", "X suspended 40 accounts run from Iran.\n")
        z.writestr("../../escape.txt", "should never be imported")
    result = archive.import_paths([bundle])
    assert len(result.added) == 1
    assert any("escape.txt" in r.file for r in result.rejected)


def test_index_rebuilds_itself_after_its_folder_is_deleted(archive_dir: Path) -> None:
    import shutil

    with Archive.open(archive_dir) as a:
        a.import_paths([SEED])
        assert a.search("Azerbaijan").total == 1
    shutil.rmtree(archive_dir / "index")
    with Archive.open(archive_dir) as a:
        assert a.search("Azerbaijan").total == 1
        assert a.check().ok


def test_stale_index_generation_triggers_rebuild(archive_dir: Path) -> None:
    with Archive.open(archive_dir) as a:
        a.import_paths([SEED])
    (archive_dir / "index" / "GENERATION").write_text("999")
    with Archive.open(archive_dir) as a:
        assert not a.check().ok  # detected before the index is touched
        assert a.search("Azerbaijan").total == 1
        assert a.check().ok


def test_json_export_matches_contract(archive: Archive, tmp_path: Path) -> None:
    archive.import_paths([SEED])
    out = tmp_path / "out.json"
    assert archive.export_json(out) == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "takedown-atlas/1"
    doc = data["documents"][0]
    for key in ("id", "file", "sha256", "title", "publisher", "published", "source_type",
                "language", "networks"):
        assert key in doc
    net = doc["networks"][0]
    for key in ("id", "label", "operation_name", "origin_countries", "target_countries",
                "domestic", "platforms", "counts", "count_qualifiers", "actors", "languages",
                "ad_spend", "followers", "evidence"):
        assert key in net
    for ev in net["evidence"]:
        assert archive.document(doc["id"])["text"][ev["start"]:ev["end"]] == ev["quote"]


def test_cancel_between_files_keeps_committed_ones_indexed(archive: Archive, tmp_path: Path) -> None:
    from archive.progress import CancelToken

    class CancelAfter(CancelToken):
        """Cancels itself at the third check, i.e. after two files were committed."""

        def __init__(self) -> None:
            super().__init__()
            self.checks = 0

        def raise_if_cancelled(self) -> None:
            self.checks += 1
            if self.checks == 3:
                self.cancel()
            super().raise_if_cancelled()

    files = []
    for i in range(5):
        p = tmp_path / f"r{i}.txt"
        p.write_text(f"Report {i}: Meta removed {10 + i} Pages from Benin.\n", encoding="utf-8")
        files.append(p)
    result = archive.import_paths(files, cancel=CancelAfter())
    assert result.cancelled
    assert len(result.added) == 2
    assert archive.search("Benin", limit=50).total == len(result.added)
    assert archive.check().ok
