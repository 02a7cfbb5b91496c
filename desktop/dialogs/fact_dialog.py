"""Ask for a corrected or added fact; returns Archive.correct() keyword arguments."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from archive.facts import ACTOR_ROLES, COUNTRY_ROLES, FACT_KINDS, QUALIFIERS
from desktop.models.fact_tree import FactRow

NUMERIC = ("count", "audience", "ad_spend")


class FactDialog(QDialog):
    """Edit one fact (fact given) or add one (fact None) to a network."""

    def __init__(self, fact: FactRow | None, networks: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fact = fact
        self.setWindowTitle("Correct fact" if fact else "Add a fact")
        self.network = QSpinBox(self)
        self.network.setRange(1, max(1, networks + 1))
        self.kind = QComboBox(self)
        self.kind.addItems(list(FACT_KINDS))
        self.key = QLineEdit(self)
        self.key.setPlaceholderText("e.g. facebook_accounts, AZ, Internet Research Agency")
        self.role = QComboBox(self)
        self.value = QLineEdit(self)
        self.qualifier = QComboBox(self)
        self.qualifier.addItems(list(QUALIFIERS))
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("why (optional)")
        form = QFormLayout(self)
        form.addRow("Network", self.network)
        form.addRow("Kind", self.kind)
        form.addRow("Key", self.key)
        form.addRow("Role", self.role)
        form.addRow("Value", self.value)
        form.addRow("Qualifier", self.qualifier)
        form.addRow("Note", self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.kind.currentTextChanged.connect(self._on_kind_current_text_changed)
        if fact:
            self.network.setValue(fact.network)
            self.network.setEnabled(False)
            self.kind.setCurrentText(fact.kind)
            self.kind.setEnabled(False)
            self.key.setText(fact.key)
            self._on_kind_current_text_changed(fact.kind)
            if fact.role:
                self.role.setCurrentText(fact.role)
            if fact.value is not None:
                self.value.setText(str(fact.value))
            if fact.qualifier:
                self.qualifier.setCurrentText(fact.qualifier)
        else:
            self._on_kind_current_text_changed(self.kind.currentText())

    def _on_kind_current_text_changed(self, kind: str) -> None:
        self.role.clear()
        roles = COUNTRY_ROLES if kind in ("country", "region") else ACTOR_ROLES if kind == "actor" else ()
        self.role.addItems(["", *roles])
        self.role.setEnabled(bool(roles))
        self.value.setEnabled(kind in NUMERIC or kind == "date")
        self.qualifier.setEnabled(kind in NUMERIC)

    def correction(self) -> dict[str, Any]:
        """The keyword arguments for Archive.correct (without the document id)."""
        kind = self.kind.currentText()
        role = self.role.currentText() or None
        value: Any = self.value.text().strip() or None
        qualifier = self.qualifier.currentText() if kind in NUMERIC else None
        note = self.note.text().strip() or None
        key = self.key.text().strip()
        if kind == "country":
            key = key.upper()
        if self.fact is None:
            return {"network": self.network.value(), "action": "add", "kind": kind, "key": key,
                    "role": role, "value": value, "qualifier": qualifier, "note": note}
        f = self.fact
        args: dict[str, Any] = {"network": f.network, "action": "set", "kind": f.kind, "key": f.key,
                                "role": f.role, "note": note}
        if key and key != f.key:
            args["new_key"] = key
        if role and role != f.role:
            args["new_role"] = role
        if kind in NUMERIC or kind == "date":
            args["value"] = value
            args["qualifier"] = qualifier
        return args
