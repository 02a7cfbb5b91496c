"""The importer registry supplies the open dialog's filter and the "unsupported" message."""

from __future__ import annotations

from archive import importers


def test_filter_and_message_list_every_registered_format() -> None:
    imps = importers.all_importers()
    assert {i.name for i in imps} >= {"text_plain", "text_markdown", "html_page", "mhtml_page",
                                      "pdf_report"}
    patterns = importers.file_patterns()
    for imp in imps:
        assert all(f"*{e}" in patterns for e in imp.extensions)
    assert "*.zip" in patterns and "*.shtml" in patterns
    flt = importers.file_dialog_filter()
    assert flt.startswith("Reports (*.") and flt.endswith(";;All files (*)")
    message = importers.describe_unsupported("x.bin", b"\x00\x01")
    for imp in imps:
        assert imp.label.lower() in message.lower()
    assert "PNG image" in importers.describe_unsupported("x.png", b"\x89PNG....")


PLUGIN = '''"""Tab-separated takedown lists (a test plugin: the whole importer is this one file)."""

from typing import ClassVar

from archive.importers import register
from archive.records import RawDocument


@register
class TsvImporter:
    name: ClassVar[str] = "test_tsv"
    label: ClassVar[str] = "Tab-separated list"
    extensions: ClassVar[tuple[str, ...]] = (".tsv",)

    def sniff(self, name, head):
        return 0.9 if name.endswith(".tsv") else 0.0

    def parse(self, data, name, limits):
        rows = [line.split("\\t") for line in data.decode("utf-8").splitlines()]
        return RawDocument(text=". ".join(" ".join(r) for r in rows) + ".",
                           media_type="text/tab-separated-values", importer=self.name)
'''


def test_a_new_importer_is_one_file(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from archive import importers as imp
    from archive.limits import Limits
    from archive.parsing import parse_bytes
    from archive.records import SourceFile

    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "tsv_list.py").write_text(PLUGIN, encoding="utf-8")
    monkeypatch.setattr(imp, "__path__", [*imp.__path__, str(folder)])
    monkeypatch.setattr(imp, "_loaded", False)
    monkeypatch.setattr(imp, "_registry", dict(imp._registry))
    monkeypatch.syspath_prepend(str(tmp_path))
    assert "test_tsv" in {i.name for i in imp.all_importers()}
    assert "*.tsv" in imp.file_dialog_filter()
    assert "tab-separated list" in imp.describe_unsupported("x.bin", b"\x00")
    raw = parse_bytes(SourceFile("list.tsv", b"Meta\tremoved 40 accounts"), Limits())
    assert raw.importer == "test_tsv" and "removed 40 accounts" in raw.text
