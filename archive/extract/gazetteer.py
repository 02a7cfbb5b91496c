"""Gazetteer loading and matching: every name list under resources/gazetteers, one automaton.

Owns the data files' shape and the word-boundary, case and longest-match rules; knows
nothing of roles or networks. Loaded once per process (module-level cache).
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import ahocorasick

from resources import path as resource_path

# Surfaces whose first letter is upper case must be capitalised in the text too ("Turkey"
# the country, not "turkey"); short all-caps surfaces ("US", "IRA") must match exactly.
_CURRENCY_WORDS = frozenset(
    ["dollar", "dollars", "rand", "rands", "naira", "nairas", "yuan", "rupee", "rupees", "zloty", "zlotys", "euro", "euros", "ruble", "rubles", "rouble", "roubles", "pound", "pounds", "lira", "liras", "dirham", "dirhams", "riyal", "riyals", "hryvnia", "hryvnias", "lari", "manat", "manats", "dram", "drams", "tenge", "new"]
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer surface: what it names and how strictly it must match."""

    kind: str  # country | region | language | platform | actor | operation | blocker
    value: str  # ISO code, canonical name, platform id...
    sub: str = ""  # country: name/alias/demonym/ambiguous; actor: actor kind
    case_sensitive: bool = False
    needs_capital: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    surface: str
    entries: tuple[Entry, ...]

    def of_kind(self, kind: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.kind == kind)


@cache
def load_gazetteer(name: str) -> Any:
    """A gazetteer file of resources/gazetteers, read once per process (do not mutate)."""
    with resource_path(f"gazetteers/{name}").open(encoding="utf-8") as fh:
        return json.load(fh)


_load = load_gazetteer


def _is_acronym(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return bool(letters) and len(letters) <= 5 and all(c.isupper() for c in letters)


def _entry(kind: str, value: str, surface: str, sub: str = "", cs: bool = False) -> Entry:
    first = surface[:1]
    return Entry(
        kind=kind,
        value=value,
        sub=sub,
        case_sensitive=cs or _is_acronym(surface),
        # "sub-Saharan Africa" is written both ways; a one-word name must keep its capital.
        needs_capital=first.isupper() and not (kind == "region" and " " in surface),
    )


def _iter_entries() -> list[tuple[str, Entry]]:
    out: list[tuple[str, Entry]] = []
    for code, c in _load("countries.json")["countries"].items():
        for names in c["names"].values():
            out += [(n, _entry("country", code, n, "name")) for n in names]
        out += [(n, _entry("country", code, n, "alias")) for n in c["aliases"]]
        out += [(n, _entry("country", code, n, "alias", cs=True)) for n in c["cs_aliases"]]
        out += [(n, _entry("country", code, n, "demonym")) for n in c["demonyms"]]
        out += [(n, _entry("country", code, n, "ambiguous")) for n in c["ambiguous"]]
    for name, surfaces in _load("regions.json")["regions"].items():
        out += [(s, _entry("region", name, s)) for s in surfaces]
    for code, names in _load("languages.json")["languages"].items():
        out += [(n, _entry("language", code, n)) for n in names]
    plat = _load("platforms.json")
    for pid, names in plat["platforms"].items():
        # Platform names are ordinary words too ("medium", "threads"): demand the case.
        out += [(n, _entry("platform", pid, n, cs=True)) for n in names]
    for actor in _load("actors.json")["actors"]:
        for alias in {actor["name"], *actor["aliases"]}:
            out.append((alias, _entry("actor", actor["name"], alias, actor["kind"])))
    for name, surfaces in _load("operations.json")["operations"].items():
        out += [(s, _entry("operation", name, s, cs=True)) for s in surfaces]
    blockers = resource_path("gazetteers/country_blockers.tsv").read_text(encoding="utf-8")
    for line in blockers.splitlines():
        if line.strip() and not line.startswith("#"):
            out.append((line.strip(), Entry("blocker", line.strip())))
    return out


def fold(text: str) -> str:
    """Lower-case *text* one character at a time so offsets survive ("İ" stays one char)."""
    low = text.lower()
    if len(low) != len(text) or "Σ" in text:  # (a final sigma lower-cases by its context)
        low = "".join(ch if len(x := ch.lower()) != 1 else x for ch in text)
    return low.replace("’", "'")


@lru_cache(maxsize=1)
def automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    table: dict[str, list[tuple[str, Entry]]] = {}
    for surface, entry in _iter_entries():
        table.setdefault(fold(surface), []).append((surface.replace("’", "'"), entry))
    for key, items in table.items():
        auto.add_word(key, (key, tuple(items)))
    auto.make_automaton()
    return auto


@lru_cache(maxsize=1)
def platform_data() -> dict[str, Any]:
    data: dict[str, Any] = _load("platforms.json")
    return data


@lru_cache(maxsize=1)
def actor_kinds() -> dict[str, str]:
    return {a["name"]: a["kind"] for a in _load("actors.json")["actors"]}


def _boundary_ok(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def _case_ok(written: str, surface: str, entry: Entry, all_caps: bool) -> bool:
    if all_caps:
        return not entry.case_sensitive or written.upper() == surface.upper()
    if entry.case_sensitive:
        return written == surface
    return not entry.needs_capital or written[:1].isupper()


def scan(text: str, all_caps: bool = False) -> list[Mention]:
    """All gazetteer mentions in *text*, longest first where they overlap; blockers masked."""
    folded = fold(text)
    raw: list[Mention] = []
    for end_idx, (key, items) in automaton().iter(folded):
        start = end_idx - len(key) + 1
        end = end_idx + 1
        if not _boundary_ok(folded, start, end):
            continue
        written = text[start:end].replace("’", "'")
        entries = tuple(e for s, e in items if _case_ok(written, s, e, all_caps))
        if entries:
            raw.append(Mention(start, end, text[start:end], entries))
    raw.sort(key=lambda m: (-(m.end - m.start), m.start))
    # Longest first; the kept spans are disjoint, so a sorted list of their starts and one
    # bisect per candidate decides overlap (linear-logarithmic, not quadratic).
    starts: list[int] = []
    kept: dict[int, Mention] = {}
    for m in raw:
        k = bisect.bisect_left(starts, m.start)
        if k < len(starts) and starts[k] < m.end:
            continue  # a kept span starts inside this one
        if k > 0 and kept[starts[k - 1]].end > m.start:
            continue  # the kept span before this one reaches into it
        starts.insert(k, m.start)
        kept[m.start] = m
    taken = [kept[s] for s in starts]
    return [m for m in taken if not _is_currency(text, m) and not m.of_kind("blocker")]


def _is_currency(text: str, m: Mention) -> bool:
    """"US dollars", "South African Rands": a country word that names a currency."""
    if not m.of_kind("country"):
        return False
    nxt = text[m.end : m.end + 12].strip().split(" ")[0].lower().strip(".,;")
    return nxt in _CURRENCY_WORDS
