"""CSV and XLSX exports (pandas): one row per network with its document, metrics and countries.

Any text cell a spreadsheet would run as a formula gets a leading apostrophe, and XLSX
cells are written as text, never as formulas (pandas-dev/pandas#29095).
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from typing import Any

import pandas as pd

from archive.export.atomic import atomic_output
from archive.export.model import Scope
from archive.export.registry import ExportParts, Warn
from archive.export.selection import gather
from archive.facts import AUDIENCE_METRICS, REMOVED_METRICS
from archive.progress import CancelToken, ProgressCallback
from archive.rules import removed_assets
from archive.safe_text import printable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_CELL_LIMIT = 32_000  # Excel refuses cells over 32,767 characters

DOC_COLUMNS = ["document_id", "title", "publisher", "published", "file", "network_id",
               "network_label", "operation_name", "enforcement"]
LIST_COLUMNS = ["origin_countries", "target_countries", "topic_countries", "sponsor_countries",
                "impersonated_countries", "languages", "platforms"]


def columns() -> list[str]:
    metric_cols = []
    for m in (*REMOVED_METRICS, *AUDIENCE_METRICS):
        metric_cols += [m, f"{m}_qualifier"]
    return [*DOC_COLUMNS, *metric_cols, *LIST_COLUMNS, "actors_attributed", "actors_other",
            "ad_spend", "ad_spend_currency", "ad_spend_qualifier", "domestic",
            "corrected_fields", "removed_assets"]


def neutralise(value: Any) -> Any:
    """Text a spreadsheet would evaluate gets a leading apostrophe, and controls, bidi
    overrides and non-XML characters (U+FFFE breaks a whole XLSX) are shown as escapes
    (`archive.safe_text`); other values pass."""
    if not isinstance(value, str):
        return value
    value = printable(value)
    if value.startswith(FORMULA_START):
        return "'" + value
    return value


def rows(docs: list[dict[str, Any]], nets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One dict per network (documents without networks get one row with the document only)."""
    out: list[dict[str, Any]] = []
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for n in nets:
        by_doc.setdefault(n["document_id"], []).append(n)
    for doc in docs:
        doc_nets = by_doc.get(doc["id"])
        if doc_nets is None:
            if doc["networks"]:
                continue  # it has networks, none in scope
            doc_nets = [{}]
        for net in sorted(doc_nets, key=lambda x: str(x.get("id", ""))):
            out.append(_row(doc, net))
    return out


def _row(doc: dict[str, Any], net: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {
        "document_id": doc["id"], "title": doc["title"], "publisher": doc["publisher"],
        "published": doc["published"], "file": doc["file"], "network_id": net.get("id"),
        "network_label": net.get("label"), "operation_name": net.get("operation_name"),
        "enforcement": net.get("enforcement"),
    }
    counts, quals = net.get("counts") or {}, net.get("count_qualifiers") or {}
    followers = net.get("followers") or {}
    for m in REMOVED_METRICS:
        row[m] = counts.get(m)
        row[f"{m}_qualifier"] = quals.get(m) if m in counts else None
    for m in AUDIENCE_METRICS:
        row[m] = followers.get(m)
        row[f"{m}_qualifier"] = "exact" if m in followers else None
    for col in LIST_COLUMNS:
        row[col] = "; ".join(str(x) for x in net.get(col) or []) or None
    actors = net.get("actors") or []
    row["actors_attributed"] = "; ".join(
        str(a["name"]) for a in actors if a.get("role") == "attributed") or None
    row["actors_other"] = "; ".join(
        f"{a['name']} ({a.get('role')})" for a in actors if a.get("role") != "attributed") or None
    spend = net.get("ad_spend") or {}
    row["ad_spend"] = spend.get("value")
    row["ad_spend_currency"] = spend.get("currency")
    row["ad_spend_qualifier"] = spend.get("qualifier")
    row["domestic"] = net.get("domestic") if net else None
    row["corrected_fields"] = "; ".join(net.get("corrections") or []) or None
    row["removed_assets"] = removed_assets(counts) if net else None  # archive.rules
    return row


def frame(docs: list[dict[str, Any]], nets: list[dict[str, Any]]) -> pd.DataFrame:
    df = pd.DataFrame(rows(docs, nets), columns=columns())
    for col in df.columns:
        if df[col].dtype == object or str(df[col].dtype).startswith("str"):
            df[col] = df[col].map(neutralise)
    return df


def to_csv(df: pd.DataFrame) -> bytes:
    # utf-8-sig so that Excel reads Azerbaijani and Cyrillic correctly when double-clicked
    text: str = df.to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def to_xlsx(df: pd.DataFrame) -> bytes:
    from openpyxl.styles import Font

    df = df.map(lambda v: v[:XLSX_CELL_LIMIT] + "…" if isinstance(v, str)
                and len(v) > XLSX_CELL_LIMIT else v)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        df.to_excel(writer, index=False, sheet_name="networks")
        ws = writer.sheets["networks"]
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" or isinstance(cell.value, str):
                    cell.data_type = "s"  # text, whatever it looks like
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    return buf.getvalue()


def export(parts: ExportParts, doc_ids: Sequence[str], target: str | os.PathLike[str], *,
           scope: Scope, fmt: str = "csv", on_progress: ProgressCallback | None = None,
           cancel: CancelToken | None = None, on_warning: Warn | None = None) -> int:
    """The registry's entry point for "csv" and "xlsx"; returns the documents covered."""
    docs, nets = gather(parts.store, doc_ids, scope, on_progress=on_progress,
                        cancel=cancel, require_facts=False)
    df = frame(docs, nets)
    data = to_xlsx(df) if fmt == "xlsx" else to_csv(df)
    with atomic_output(target, archive_root=parts.root) as fh:
        fh.write(data)
    return len(docs)
