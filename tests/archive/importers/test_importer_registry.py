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
