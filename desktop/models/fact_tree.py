"""The reader's fact list: networks, each with its facts, and the document's corrections.

`fact_rows()` turns the archive's network view (DESIGN §5) into display rows, each
keeping what a correction needs (kind, key, role, network ordinal) and its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from archive.facts import REVIEW_THRESHOLD
from desktop import labels
from desktop.safe_text import literal

COUNTRY_ROLES = ("origin", "target", "sponsor", "impersonated", "topic")


class Role(IntEnum):
    FACT = Qt.ItemDataRole.UserRole + 1
    NETWORK = Qt.ItemDataRole.UserRole + 2
    CORRECTION = Qt.ItemDataRole.UserRole + 3


@dataclass(frozen=True, slots=True)
class FactRow:
    network: int  # ordinal, 1-based
    network_id: str
    kind: str
    key: str
    role: str | None
    value: Any
    qualifier: str | None
    label: str
    field: str
    start: int | None = None
    end: int | None = None
    quote: str | None = None
    corrected: bool = False
    confidence: float = 1.0  # how explicit the cue was; below REVIEW_THRESHOLD: check it

    @property
    def unsure(self) -> bool:
        return not self.corrected and self.confidence < REVIEW_THRESHOLD

    @property
    def entity(self) -> tuple[str, str] | None:
        """The country or actor page this fact leads to, if any."""
        if self.kind == "country":
            return "country", self.key
        if self.kind in ("actor", "operation"):
            return "actor", self.key
        return None


def ordinal_of(network_id: str) -> int:
    tail = network_id.rsplit("-n", 1)[-1]
    return int(tail) if tail.isdigit() else 1


def fact_rows(net: dict[str, Any]) -> list[FactRow]:
    """Display rows for one network view, in reading order of their kinds."""
    evidence = {e["field"]: e for e in net.get("evidence", [])}
    corrected = set(net.get("corrections", []))
    ordinal, nid = ordinal_of(net["id"]), net["id"]
    rows: list[FactRow] = []

    def add(kind: str, key: str, field: str, label: str, *, role: str | None = None,
            value: Any = None, qualifier: str | None = None) -> None:
        ev = evidence.get(field)
        is_corrected = field in corrected or bool(ev and ev.get("correction"))
        rows.append(FactRow(ordinal, nid, kind, key, role, value, qualifier, label, field,
                            ev["start"] if ev else None, ev["end"] if ev else None,
                            ev["quote"] if ev else None, is_corrected,
                            float(ev.get("confidence", 1.0)) if ev else 1.0))

    if net.get("operation_name"):
        name = net["operation_name"]
        add("operation", name, f"operation_name.{name}", f"Operation: {name}")
    quals = net.get("count_qualifiers", {})
    for key, value in net.get("counts", {}).items():
        add("count", key, f"counts.{key}",
            f"{labels.metric_name(key)}: {labels.number(value, quals.get(key))}",
            value=value, qualifier=quals.get(key))
    for key, value in net.get("followers", {}).items():
        add("audience", key, f"followers.{key}", f"{labels.metric_name(key)}: {labels.number(value)}",
            value=value)
    spend = net.get("ad_spend")
    if spend:
        add("ad_spend", spend["currency"], "ad_spend",
            f"Ad spend: {labels.number(spend['value'], spend.get('qualifier'))} {spend['currency']}",
            value=spend["value"], qualifier=spend.get("qualifier"))
    for role in COUNTRY_ROLES:
        for code in net.get(f"{role}_countries", []):
            add("country", code, f"{role}_countries.{code}",
                f"{labels.ROLE_LABELS[role]}: {labels.country_name(code)} ({code})", role=role)
    for region in net.get("regions", []):
        add("region", region["name"], f"regions.{region['name']}",
            f"Region ({region.get('role') or 'topic'}): {region['name']}", role=region.get("role"))
    for actor in net.get("actors", []):
        wording = f" — “{actor['wording']}”" if actor.get("wording") else ""
        role = actor.get("role") or "attributed"
        prefix = "Actor" if role == "attributed" else f"Actor ({role})"
        add("actor", actor["name"], f"actors.{actor['name']}", f"{prefix}: {actor['name']}{wording}",
            role=role)
    for key in net.get("platforms", []):
        add("platform", key, f"platforms.{key}", f"Platform: {labels.platform_name(key)}")
    for key in net.get("languages", []):
        add("language", key, f"languages.{key}", f"Language: {labels.language_name(key)}")
    for key, value in net.get("dates", {}).items():
        add("date", key, f"dates.{key}", f"{key.replace('_', ' ').capitalize()}: {value}", value=value)
    return rows


def network_title(net: dict[str, Any]) -> str:
    name = net.get("operation_name") or net.get("label") or "Network"
    return f"{ordinal_of(net['id'])}. {name}"


def correction_label(c: dict[str, Any]) -> str:
    verb = {"set": "Changed", "add": "Added", "delete": "Deleted"}.get(c["action"], c["action"])
    what = c.get("target_key") or c["key"]
    text = f"{verb} {c['kind']} {what}"
    if c["action"] == "set" and c.get("target_key") and c["key"] != c["target_key"]:
        text += f" → {c['key']}"
    if c.get("value") not in (None, "null"):
        text += f" = {c['value']}"
    return f"{text} (network {c['network_ordinal']})"


class FactTreeModel(QStandardItemModel):
    """Networks with their facts; corrected facts are italic and marked ✎, facts on a weak
    cue are marked ? with their confidence in the tooltip."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, 1, parent)
        self.setHorizontalHeaderLabels(["Facts"])

    def set_document(self, doc: dict[str, Any], corrections: list[dict[str, Any]]) -> None:
        self.clear()
        self.setHorizontalHeaderLabels(["Facts"])
        bold, italic = QFont(), QFont()
        bold.setBold(True)
        italic.setItalic(True)
        for net in doc.get("networks", []):
            head = QStandardItem(network_title(net))
            head.setFont(bold)
            head.setEditable(False)
            head.setData(net, Role.NETWORK)
            tip = [f"Network {ordinal_of(net['id'])}"]
            if net.get("tags"):
                tip.append("Tags: " + ", ".join(net["tags"]))
            if net.get("note"):
                tip.append("Note: " + net["note"])
            if net.get("starred"):
                head.setText("★ " + head.text())
            if net.get("needs_review"):
                head.setText(head.text() + "  — check the facts marked ?")
                tip.append("Some facts rest on a weak cue: read their sentences before use.")
            head.setToolTip(literal("\n".join(tip)))
            for row in fact_rows(net):
                mark = "✎ " if row.corrected else "? " if row.unsure else ""
                item = QStandardItem(mark + row.label)
                item.setEditable(False)
                item.setData(row, Role.FACT)
                item.setToolTip(literal(row.quote or "No sentence recorded for this fact."))
                if row.unsure:
                    item.setToolTip(literal(f"Unsure (confidence {row.confidence:.2f}): check "
                                            f"the sentence. {row.quote or ''}"))
                if row.corrected:
                    item.setFont(italic)
                    item.setToolTip(literal("Corrected by you. " + (row.quote or "")))
                head.appendRow(item)
            self.appendRow(head)
        if corrections:
            head = QStandardItem(f"Your corrections ({len(corrections)})")
            head.setFont(bold)
            head.setEditable(False)
            for c in corrections:
                item = QStandardItem(correction_label(c))
                item.setEditable(False)
                item.setData(c, Role.CORRECTION)
                item.setToolTip(literal(c.get("note") or "Select and press “Undo correction” to revert it."))
                head.appendRow(item)
            self.appendRow(head)

    def facts(self) -> list[FactRow]:
        out = []
        for r in range(self.rowCount()):
            head = self.item(r)
            for c in range(head.rowCount()):
                fact = head.child(c).data(Role.FACT)
                if fact is not None:
                    out.append(fact)
        return out

    def index_of_fact(self, predicate: Any) -> Any:
        for r in range(self.rowCount()):
            head = self.item(r)
            for c in range(head.rowCount()):
                fact = head.child(c).data(Role.FACT)
                if fact is not None and predicate(fact):
                    return head.child(c).index()
        return None
