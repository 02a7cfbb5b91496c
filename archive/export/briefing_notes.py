"""One network's section of a briefing: its facts, each figure with a footnote number, and the
notes quoting the sentence and naming the document (publisher, title, date, file) behind it.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

from archive.export.briefing_bidi import BidiParagraph as Paragraph
from archive.export.briefing_layout import styles
from archive.export.briefing_text import (
    clean,
    country_name,
    esc,
    figure,
    language_name,
    money,
    platform_name,
)
from archive.facts import AUDIENCE_METRICS, REMOVED_METRICS

QUOTE_LIMIT = 1500  # characters of a quoted sentence printed in a note
COUNTRY_ROLES = (("origin_countries", "Origin"), ("target_countries", "Targets"),
                 ("sponsor_countries", "Sponsor"), ("impersonated_countries", "Impersonated"),
                 ("topic_countries", "Also mentioned"))
ACTOR_ROLES = (("attributed", "Attributed to"), ("beneficiary", "Beneficiary"),
               ("denied", "Denied by"), ("researcher", "Researchers"))
DATE_WORDS = {"active_since": "active since", "active_until": "active until",
              "removed": "removed", "announced": "announced"}


class Notes:
    """Footnotes of one section, numbered on from the previous section's last note."""

    def __init__(self, net: dict[str, Any], first: int) -> None:
        self.net = net
        self.next = first
        self.items: list[tuple[int, str]] = []
        self._by_quote: dict[tuple[Any, ...], int] = {}
        self._evidence: dict[str, dict[str, Any]] = {}
        for ev in net.get("evidence") or []:
            self._evidence.setdefault(str(ev.get("field")), ev)
        self._corrected = set(net.get("corrections") or [])

    def cite(self, field: str) -> str:
        """Markup for the note mark of *field* (plus "corrected" if a user changed it)."""
        ev = self._evidence.get(field)
        corrected = field in self._corrected or bool(ev and ev.get("correction"))
        key: tuple[Any, ...] = ((ev.get("start"), ev.get("end"), ev.get("quote"), corrected)
                                if ev else ("none", field))
        n = self._by_quote.get(key)
        if n is None:
            n = self.next
            self.next += 1
            self._by_quote[key] = n
            self.items.append((n, self._note_text(n, ev, corrected)))
        mark = f"<super><font color='#b3261e'>{n}</font></super>"
        return mark + (" <font color='#b3261e' size='7.5'>[corrected]</font>" if corrected else "")

    def _note_text(self, n: int, ev: dict[str, Any] | None, corrected: bool) -> str:
        net = self.net
        source = (esc(net.get("publisher") or "Unknown publisher", 160) + ", “"
                  + esc(net.get("title") or net.get("file"), 240) + "”, "
                  + esc(net.get("published") or "undated") + ", file "
                  + esc(net.get("file"), 160) + ".")
        if ev and ev.get("quote"):
            quote = clean(ev["quote"]).lstrip("•·*-–— ")  # list bullets are layout, not words
            body = "“" + esc(quote, QUOTE_LIMIT) + "” — " + source
        elif corrected:
            body = "Entered as a correction by a user of this archive; no source sentence. " + source
        else:
            body = "No source sentence was recorded for this figure. " + source
        if corrected and ev and ev.get("quote"):
            body += " <i>Corrected by a user of this archive.</i>"
        return f"<b>{n}.</b> {body}"


def network_section(i: int, net: dict[str, Any], first_note: int) -> tuple[list[Flowable], int]:
    """Flowables for network number *i*; returns them and the next free note number."""
    st = styles()
    notes = Notes(net, first_note)
    label = net.get("operation_name") or net.get("label") or f"Network {i}"
    head = [Paragraph(f"{i}. " + esc(label, 200), st["h2"]),
            Paragraph(esc(" · ".join(x for x in (
                clean(net.get("publisher"), 120) or "Unknown publisher",
                clean(net.get("published"), 20) or "undated",
                "“" + clean(net.get("title") or net.get("file"), 200) + "”",
                "file " + clean(net.get("file"), 120)) if x)), st["meta"])]
    lines = [_line("Removed", _counts(net, notes, REMOVED_METRICS, "counts")),
             _line("Audience", _counts(net, notes, AUDIENCE_METRICS, "followers"))]
    if net.get("ad_spend"):
        lines.append(_line("Ad spend", [esc(money(net["ad_spend"])) + notes.cite("ad_spend")]))
    for key, word in COUNTRY_ROLES:
        lines.append(_line(word, [esc(f"{country_name(c)} ({c})", 80)
                                  + notes.cite(f"{key}.{c}") for c in net.get(key) or []]))
    if net.get("domestic"):
        lines.append(_line("Audience type", ["domestic (origin and target are the same)"]))
    for role, word in ACTOR_ROLES:
        lines.append(_line(word, [_actor(a, notes) for a in net.get("actors") or []
                                  if a.get("role") == role]))
    lines.append(_line("Regions", [esc(r.get("name"), 80) + notes.cite(f"regions.{r.get('name')}")
                                   for r in net.get("regions") or []]))
    lines.append(_line("Platforms", [esc(platform_name(p)) + notes.cite(f"platforms.{p}")
                                     for p in net.get("platforms") or []]))
    lines.append(_line("Languages", [esc(language_name(lg)) + notes.cite(f"languages.{lg}")
                                     for lg in net.get("languages") or []]))
    lines.append(_line("Dates", [esc(f"{DATE_WORDS.get(k, k)} {clean(v, 20)}")
                                 + notes.cite(f"dates.{k}")
                                 for k, v in (net.get("dates") or {}).items()]))
    if net.get("operation_name"):
        lines.append(_line("Operation", [esc(net["operation_name"], 120)
                                         + notes.cite(f"operation_name.{net['operation_name']}")]))
    body: list[Flowable] = [Paragraph(s, st["fact"]) for s in lines if s]
    if not body:
        body = [Paragraph("The archive read no figures for this network.", st["body"])]
    out: list[Flowable] = [CondPageBreak(45 * 2.8346), KeepTogether(head + body[:3]), *body[3:]]
    if notes.items:
        out.append(Paragraph("Notes", st["notes_head"]))
        out += [Paragraph(text, st["note"]) for _, text in notes.items]
    return out, notes.next


def _line(label: str, items: list[str]) -> str:
    if not items:
        return ""
    return f"<b>{label}</b>  " + "; ".join(items)


def _counts(net: dict[str, Any], notes: Notes, metrics: tuple[str, ...], key: str) -> list[str]:
    values = net.get(key) or {}
    quals = net.get("count_qualifiers") or {}
    order = [m for m in metrics if m in values] + sorted(m for m in values if m not in metrics)
    return [esc(figure(m, values[m], quals.get(m))) + notes.cite(f"{key}.{m}") for m in order]


def _actor(a: dict[str, Any], notes: Notes) -> str:
    name = str(a.get("name") or "")
    text = "<b>" + esc(name, 200) + "</b>"
    extra = []
    written = str(a.get("as_written") or "")
    if written and written != name:
        extra.append("as written: “" + esc(written, 200) + "”")
    if a.get("wording"):
        extra.append("wording: “" + esc(a["wording"], 200) + "”")
    if extra:
        text += " (" + "; ".join(extra) + ")"
    return text + notes.cite(f"actors.{name}")
