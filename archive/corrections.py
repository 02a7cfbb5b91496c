"""A journalist's corrections of extracted facts: stored apart, re-applied after every extraction.

Extractor facts are never deleted by a correction, only suppressed (fact.suppressed_by),
so undoing a correction restores exactly what the extractor found.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from archive.errors import ArchiveError
from archive.facts import ACTOR_ROLES, COUNTRY_ROLES, FACT_KINDS, QUALIFIERS, Evidence, Fact
from archive.store import Store, network_id, now_iso

ACTIONS = ("set", "add", "delete")


@dataclass(slots=True)
class Correction:
    document_id: str
    network: int  # ordinal, 1-based
    action: str
    kind: str
    key: str  # the fact's key (for set/delete: the fact to change; for add: the new key)
    role: str | None = None
    value: Any = None
    qualifier: str | None = None
    new_key: str | None = None  # set: replace the key (e.g. a wrong country code)
    new_role: str | None = None
    note: str | None = None
    quote: str | None = None
    start: int | None = None
    end: int | None = None


def validate(c: Correction) -> None:
    if c.action not in ACTIONS:
        raise ArchiveError(f"unknown correction action {c.action!r} (use set, add or delete)")
    if c.kind not in FACT_KINDS:
        raise ArchiveError(f"unknown fact kind {c.kind!r} (one of {', '.join(FACT_KINDS)})")
    if c.qualifier is not None and c.qualifier not in QUALIFIERS:
        raise ArchiveError(f"unknown qualifier {c.qualifier!r} (one of {', '.join(QUALIFIERS)})")
    for role in (c.role, c.new_role):
        if role is None:
            continue
        allowed = COUNTRY_ROLES if c.kind in ("country", "region") else ACTOR_ROLES
        if c.kind in ("country", "region", "actor") and role not in allowed:
            raise ArchiveError(f"unknown role {role!r} for {c.kind} (one of {', '.join(allowed)})")
    if c.network < 1:
        raise ArchiveError("network numbers start at 1")
    if c.kind in ("count", "audience", "ad_spend") and c.action in ("set", "add") and c.value is not None:
        try:
            float(c.value)
        except (TypeError, ValueError):
            raise ArchiveError(f"a {c.kind} needs a number, not {c.value!r}") from None


def record(store: Store, c: Correction) -> int:
    """Inside a transaction: store a correction and apply it; return its id."""
    validate(c)
    if c.kind in ("count", "audience") and c.value is not None:
        c.value = int(float(c.value))
    elif c.kind == "ad_spend" and c.value is not None:
        c.value = float(c.value)
    if c.action == "add":
        key, role, target_key, target_role = c.key, c.role, None, None
    else:
        key, role = c.new_key or c.key, c.new_role or c.role
        target_key, target_role = c.key, c.role
        if not _matching(store, c.document_id, c.network, c.kind, c.key, c.role):
            raise ArchiveError(
                f"network {c.network} of {c.document_id} has no {c.kind} fact {c.key!r}"
                + (f" with role {c.role}" if c.role else ""))
    detail: dict[str, Any] = {"note": c.note} if c.note else {}
    detail["anchor"] = _anchor_of(store, c)
    cur = store.conn.execute(
        "INSERT INTO correction(document_id, network_ordinal, action, kind, key, role, value, "
        "qualifier, detail, ev_start, ev_end, quote, note, created_at, target_key, target_role) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (c.document_id, c.network, c.action, c.kind, key, role, json.dumps(c.value),
         c.qualifier, json.dumps(detail), c.start, c.end, c.quote, c.note, now_iso(),
         target_key, target_role))
    cid = int(cur.lastrowid or 0)
    _apply_one(store, store.conn.execute("SELECT * FROM correction WHERE id = ?", (cid,)).fetchone())
    return cid


def undo(store: Store, correction_id: int) -> str:
    """Inside a transaction: remove a correction, restoring what it replaced; return its doc id."""
    row = store.conn.execute("SELECT * FROM correction WHERE id = ?", (correction_id,)).fetchone()
    if row is None:
        raise ArchiveError(f"no correction with id {correction_id}")
    store.conn.execute("DELETE FROM fact WHERE correction_id = ?", (correction_id,))
    store.conn.execute("UPDATE fact SET suppressed_by = NULL WHERE suppressed_by = ?", (correction_id,))
    store.conn.execute("DELETE FROM correction WHERE id = ?", (correction_id,))
    return str(row["document_id"])


def apply_corrections(store: Store, doc_id: str) -> int:
    """Inside a transaction: re-apply every correction of a document after (re)extraction."""
    rows = store.conn.execute(
        "SELECT * FROM correction WHERE document_id = ? ORDER BY id", (doc_id,)).fetchall()
    for row in rows:
        _apply_one(store, row)
    return len(rows)


def _anchor_of(store: Store, c: Correction) -> dict[str, Any]:
    """Where in the text the corrected network and fact are, so the correction finds them
    again after a new extractor renumbers or splits the networks."""
    net = store.conn.execute("SELECT span_start, span_end FROM network WHERE id = ?",
                             (network_id(c.document_id, c.network),)).fetchone()
    anchor: dict[str, Any] = {}
    if net is not None and net["span_start"] is not None:
        anchor["span"] = [net["span_start"], net["span_end"]]
    if c.action != "add":
        facts = _matching(store, c.document_id, c.network, c.kind, c.key, c.role)
        if facts and facts[0]["ev_start"] is not None:
            anchor["ev"] = [facts[0]["ev_start"], facts[0]["ev_end"]]
    return anchor


def _resolve_ordinal(store: Store, row: sqlite3.Row) -> int:
    """The network a stored correction means now: the one holding the same fact at the
    same words, else the one whose text span holds them, else the recorded number."""
    ordinal = int(row["network_ordinal"])
    anchor = json.loads(row["detail"] or "{}").get("anchor") or {}
    nets = store.conn.execute(
        "SELECT ordinal, span_start, span_end FROM network WHERE document_id = ? ORDER BY ordinal",
        (row["document_id"],)).fetchall()
    if not nets or not anchor:
        return ordinal
    ev = anchor.get("ev")
    if ev and row["action"] in ("set", "delete"):
        for net in nets:
            for f in _matching(store, row["document_id"], net["ordinal"], row["kind"],
                               row["target_key"], row["target_role"]):
                if f["ev_start"] == ev[0]:
                    return int(net["ordinal"])
    point = ev[0] if ev else (anchor["span"][0] if anchor.get("span") else None)
    if point is not None:
        holding = [n for n in nets if n["span_start"] is not None
                   and n["span_start"] <= point < n["span_end"]]
        if len(holding) == 1:
            return int(holding[0]["ordinal"])
    return ordinal


def _apply_one(store: Store, row: sqlite3.Row) -> None:
    doc_id, ordinal = row["document_id"], _resolve_ordinal(store, row)
    net_id = _ensure_network(store, doc_id, ordinal)
    cid = row["id"]
    replaced: list[dict[str, Any]] = []
    if row["action"] in ("set", "delete"):
        replaced = store.with_quotes(  # (the quote the corrected fact keeps)
            _matching(store, doc_id, ordinal, row["kind"], row["target_key"], row["target_role"]))
        for f in replaced:
            store.conn.execute("UPDATE fact SET suppressed_by = ? WHERE id = ?", (cid, f["id"]))
    if row["action"] == "delete":
        return
    old = replaced[0] if replaced else None
    value = json.loads(row["value"]) if row["value"] is not None else None
    if value is None and old is not None:
        value = json.loads(old["value"] or "null")
    detail: dict[str, Any] = dict(json.loads(old["detail"])) if old is not None else {}
    detail["correction"] = True
    if old is not None:
        detail["corrected_from"] = {"key": old["key"], "value": json.loads(old["value"] or "null"),
                                    "qualifier": old["qualifier"], "role": old["role"]}
    if row["note"]:
        detail["note"] = row["note"]
    evidence = None
    if row["ev_start"] is not None:
        evidence = Evidence(row["ev_start"], row["ev_end"], row["quote"] or "")
    elif old is not None and old["ev_start"] is not None:
        evidence = Evidence(old["ev_start"], old["ev_end"], old["quote"] or "")
    qualifier = row["qualifier"] or (old["qualifier"] if old is not None else None)
    if qualifier is None and row["kind"] in ("count", "audience", "ad_spend"):
        qualifier = "exact"
    fact = Fact(kind=row["kind"], key=row["key"], value=value, qualifier=qualifier,
                role=row["role"], detail=detail, evidence=evidence)
    store.insert_facts(doc_id, net_id, [fact], origin="correction", correction_id=cid)


def _matching(store: Store, doc_id: str, ordinal: int, kind: str, key: str | None,
              role: str | None) -> list[sqlite3.Row]:
    sql = ("SELECT * FROM fact WHERE network_id = ? AND kind = ? AND key = ? "
           "AND suppressed_by IS NULL")
    args: list[Any] = [network_id(doc_id, ordinal), kind, key]
    if role is not None:
        sql += " AND role IS ?"
        args.append(role)
    return store.conn.execute(sql, args).fetchall()


def _ensure_network(store: Store, doc_id: str, ordinal: int) -> str:
    net_id = network_id(doc_id, ordinal)
    if store.conn.execute("SELECT 1 FROM network WHERE id = ?", (net_id,)).fetchone() is None:
        store.conn.execute(
            "INSERT INTO network(id, document_id, ordinal, label, starred) VALUES (?,?,?,?,0)",
            (net_id, doc_id, ordinal, "Network added by a correction"))
    return net_id


def list_corrections(store: Store, doc_id: str | None = None) -> list[dict[str, Any]]:
    sql = "SELECT * FROM correction"
    args: tuple[Any, ...] = ()
    if doc_id:
        sql += " WHERE document_id = ?"
        args = (doc_id,)
    return [dict(r) for r in store.conn.execute(sql + " ORDER BY id", args)]
