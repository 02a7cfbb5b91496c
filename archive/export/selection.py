"""Which networks an export covers: the selected documents' networks, narrowed to the scope.

A country briefing keeps only the networks that involve the country; an actor briefing only
those naming the actor. PDF, tables and STIX all ask here, so they never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from archive import rules
from archive.export.model import Scope, document_view
from archive.progress import CancelToken, Progress, ProgressCallback
from archive.store import Store


def gather(store: Store, doc_ids: Sequence[str], scope: Scope, *,
           on_progress: ProgressCallback | None = None,
           cancel: CancelToken | None = None,
           require_facts: bool = True) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The documents and, flattened, the networks in scope (each with its document's fields)."""
    docs, nets = [], []
    for n, doc_id in enumerate(doc_ids, start=1):
        if cancel:
            cancel.raise_if_cancelled()
        doc = document_view(store, doc_id)
        docs.append(doc)
        for net in doc["networks"]:
            if in_scope(net, scope, require_facts=require_facts):
                net = dict(net, document_id=doc["id"], published=doc["published"],
                           publisher=doc["publisher"], title=doc["title"] or doc["file"],
                           file=doc["file"])
                nets.append(net)
        if on_progress:
            on_progress(Progress("export", n, len(doc_ids), "reading documents"))
    nets.sort(key=lambda x: (str(x.get("published") or ""), x["id"]), reverse=True)
    return docs, nets


def in_scope(net: dict[str, Any], scope: Scope, *, require_facts: bool = True) -> bool:
    """True if *net* involves the scope's country and actor (and states anything at all)."""
    if not rules.involves(net, country=scope.country, actor=scope.actor):
        return False
    return not require_facts or bool(net.get("counts") or net.get("actors") or net.get("origin_countries")
                or net.get("target_countries") or net.get("evidence"))
