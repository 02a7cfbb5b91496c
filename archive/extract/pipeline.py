"""The extraction pipeline: layout -> per-sentence facts -> networks -> DocumentFacts.

Owns deduplication, the domestic rule (target = origin) and the evidence attached to
every fact; the rules for each kind of fact live in their own modules.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from archive.extract.actors import ActorHit, actor_country, find_actors, state_actor_country
from archive.extract.caseless import Caseless
from archive.extract.countries import DOMESTIC, PlaceHit, find_places, resolve_code
from archive.extract.counts import CountHit, find_counts
from archive.extract.discovery import collective_languages, discover
from archive.extract.document import (
    guess_language,
    guess_published,
    guess_publisher,
    guess_source_type,
    iso_published,
)
from archive.extract.gazetteer import Mention, scan
from archive.extract.languages import LanguageHit, find_languages
from archive.extract.layout import Layout, Sentence, build_layout, unwrap
from archive.extract.networks import (
    ALSO_AFTER,
    CASE_OF,
    COLLECTIVE,
    EARLIER_LOCAL,
    IN_ADDITION_TO_EARLIER,
    LATER_THEN,
    MONTHS_AFTER,
    NEWS_PEG,
    NOT_THE_FIRST,
    OTHERS_FOUND,
    PART_OF,
    RECALLED,
    TAKEDOWN,
    Segment,
    SentenceFacts,
    is_summary,
    segment,
)
from archive.extract.vocab import VocabHit, find_dates, find_operations, find_platforms
from archive.facts import (
    ABSTAIN_BELOW,
    REMOVED_METRICS,
    DocumentFacts,
    Evidence,
    Fact,
    NetworkFacts,
    fact_confidence,
)

# Languages whose cue words (takedown verbs, roles, asset nouns) the rules know.
SUPPORTED_LANGUAGES = frozenset({"en", "es", "fr", "ru"})

_METRIC_PLATFORM = {
    "facebook": "facebook", "instagram": "instagram", "threads": "threads",
    "twitter": "twitter", "tweets": "twitter", "youtube": "youtube", "tiktok": "tiktok",
    "telegram": "telegram", "blogger": "blogger", "play": "google_play",
    "adsense": "google_ads", "ads": "google_ads", "chatgpt": "chatgpt", "claude": "claude",
    "gemini": "gemini",
}


@dataclass(slots=True)
class _Found:
    """Everything the sentence-level rules found in one sentence."""

    counts: list[CountHit] = field(default_factory=list)
    places: list[PlaceHit] = field(default_factory=list)
    actors: list[ActorHit] = field(default_factory=list)
    languages: list[LanguageHit] = field(default_factory=list)
    vocab: list[VocabHit] = field(default_factory=list)


_PLATFORM_NAMES = (("twitter", r"\bTwitter\b|\bX\s*[(,]\s*formerly|(?<![\w.-])X (?:said|says|has|had|"
                    r"announced|suspended|removed|banned|took|disclosed)\b", ("Twitter", "X")),
                   ("facebook", r"\bFacebook\b|\bMeta\b", ("Facebook", "Meta")),
                   ("tiktok", r"\bTikTok\b", ("TikTok",)),
                   ("youtube", r"\bYouTube\b|\bGoogle\b|\bTAG\b", ("YouTube", "Google", "TAG")),
                   ("chatgpt", r"\bOpenAI\b|\bChatGPT\b", ("OpenAI", "ChatGPT")))


def _default_platform(text: str, publisher: str | None) -> str | None:
    """The platform whose accounts a bare "accounts" means: the one the text (and its
    publisher) names most often near the top; ties go to the first named."""
    probe = f"{publisher or ''} {text[:4000]}"
    best: tuple[int, int, str] | None = None
    for pid, pat, words in _PLATFORM_NAMES:
        if not any(w in probe for w in words):
            continue  # (the pattern needs one of its words)
        hits = list(re.finditer(pat, probe))
        if hits:
            score = (len(hits), -hits[0].start(), pid)
            if best is None or score[:2] > best[:2]:
                best = score
    return best[2] if best else None


_SHARE_JOIN = re.compile(r"of which|of them|among them|de las cuales|de los cuales|dont|из них")
_CLAUSE_JOIN = re.compile(r"(?:,\s*|\s+)(?:and|et|y|и|а также|as well as|while|whereas|where|of which|"
                          r"of them|among them|de las cuales|de los cuales|dont|mientras que|"
                          r"tandis que|followed by|seguid[ao] de|suivie? de)\s+(?:de\s+|d['’]\s*)?|"
                          r";\s*|,\s*")


_PERIOD_AFTER = Caseless(
    r"^\s*(?:\w+\s+){0,2}?(?:in|during|en|au cours de|в)\s+(?:January|February|March|April|May|"
    r"June|July|August|September|October|November|December|Q[1-4]|the (?:first|second|third|"
    r"fourth) quarter|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
    r"noviembre|diciembre|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
    r"novembre|décembre|январ\w+|феврал\w+|март\w*|апрел\w+|ма[ея]|июн\w+|июл\w+|август\w*|"
    r"сентябр\w+|октябр\w+|ноябр\w+|декабр\w+)\b")


def _without_breakdowns(s: str, hits: list[CountHit]) -> list[CountHit]:
    """"TAG removed 2,497 channels in July, 2,533 in August, and 6,484 in September": one
    network's figure told month by month is no figure of its own (the quarter's total is)."""
    dated = [h for h in hits if h.kind == "count" and _PERIOD_AFTER.match(s[h.end : h.end + 40])]
    keys = [h.key for h in dated]
    repeated = {k for k in keys if keys.count(k) >= 2}
    if not repeated:
        # "2,533 in August" has no noun: only the first of a month list names its asset
        firsts = [h for h in dated if re.match(r"^[^.;]{0,60}?\d[\d,.]*\s+(?:in|en|в)\s+\w+",
                                               s[h.end : h.end + 80])]
        if not firsts:
            return hits
        repeated = {h.key for h in firsts}
    return [h for h in hits if not (h.kind == "count" and h.key in repeated
                                    and _PERIOD_AFTER.match(s[h.end : h.end + 40]))]


_UNIT_CUE = Caseless(r"\b(?:linked|tied|connected|traced|attributed)\s+to\b|\b(?:run|operated|"
                     r"based|originating)\s+(?:from|in|out of)\b|\bfrom\s+[A-Z]")


def _two_units(text: str, first: CountHit, second: CountHit) -> bool:
    """"14 channels connected to a Russian campaign ..., and 2 Blogger blogs run from Mexico
    ...": figures of other kinds, each with its own origin, joined by ", and" are two units."""
    gap = text[first.end : second.start]
    join = re.search(r",\s+(?:and|as well as|plus)\s+(?:(?:about|some|nearly|another|more than)\s+)?$",
                     gap)
    if not join or not _UNIT_CUE.search(gap[: join.start()]):
        return False
    tail = re.split(r"[,;.]", text[second.end : second.end + 80], maxsplit=1)[0]
    return bool(_UNIT_CUE.search(tail))


def _split_repeated_figures(layout: Layout, platform: str | None) -> None:
    """"17 accounts and 18 Pages focused on Sudan, and 14 accounts and 12 Pages focused on
    Libya": a second set of the same figures in one sentence is a second network. The
    sentence becomes two clauses, split at the last "and" before the second set."""
    out: list[Sentence] = []
    prev: tuple[Sentence, list[CountHit]] | None = None
    for sent in layout.sentences:
        hits = [h for h in _without_breakdowns(sent.text, find_counts(sent.text, platform))
                if h.kind == "count"]
        lead = _bare_lead(sent.text, hits, prev[1] if prev and prev[0].para == sent.para else [])
        if lead is not None:
            hits.insert(0, lead)
        prev = (sent, hits)
        cuts: list[int] = []
        seen: set[str] = set()
        for k, h in enumerate(hits):
            if k > 0 and h.key not in seen and _two_units(sent.text, hits[k - 1], h):
                cuts.append(hits[k - 1].end + sent.text[hits[k - 1].end : h.start].rfind(","))
                seen = {h.key}
                continue
            if h.key in seen and k > 0:
                # (", 36 linked to Russia, 21 tied to Azerbaijan and 8 connected to Iran":
                # every repeat opens a clause of its own)
                gap = sent.text[hits[k - 1].end : h.start]
                # (a bare comma joins only where the figure follows it: not in ", with the
                # largest action removing 382 ...", a part of the first)
                joins = [j for j in _CLAUSE_JOIN.finditer(gap)
                         if j.group(0).strip() != "," or not gap[j.end() :].strip()]
                # (words between the figures, or the next clause's place before its figure:
                # "6,100 channels, followed by Russia with 1,500")
                # (or a people named inside each figure: "267 Emirati accounts, 259 Spanish
                # accounts and 1019 Ecuadorian accounts")
                if not joins or not (re.search(r"[^\W\d_]{3,}", gap[: joins[-1].start()])
                                     or _SHARE_JOIN.search(joins[-1].group(0))
                                     or re.match(r"(?:the\s+)?[A-Z][\w'’.-]+", gap[joins[-1].end() :])
                                     or re.search(r"\s[A-ZÀ-Ý][a-zà-ÿ]+", sent.text[h.start : h.end])
                                     and re.search(r"\s[A-ZÀ-Ý][a-zà-ÿ]+",
                                                   sent.text[hits[k - 1].start : hits[k - 1].end])
                                     ) or ":" in gap:
                    break  # ("1,594 accounts in 5 countries: 104 from Iran, 33 from ..." is
                    # one total's list, read as such later)
                cuts.append(hits[k - 1].end + joins[-1].start())
                seen = set()
            seen.add(h.key)
        if not cuts:
            out.append(sent)
            continue
        bounds = [0, *cuts, len(sent.text)]
        for n, (a, b) in enumerate(zip(bounds, bounds[1:])):
            out.append(Sentence(sent.start + a, sent.start + b, sent.text[a:b], sent.para,
                                sent.heading, continued=n > 0))
    layout.sentences[:] = out


_BARE_LEAD = re.compile(
    r"^\W*(?:(?:around|about|some|nearly|almost|more than|over|roughly|approximately)\s+)?"
    r"(?P<n>\d{1,3}(?:[,.\u00a0 ]\d{3})+|\d+)\s+(?:of (?:them|these|those)\s+)?"
    r"(?:were|was|had been|are)\s+(?:\w+\s+)?(?:linked|tied|connected|associated|attributed|"
    r"traced|operated|run|based|created|managed|controlled)\b", re.IGNORECASE)


def _bare_lead(s: str, hits: Sequence[CountHit], before: Sequence[CountHit]) -> CountHit | None:
    """"... suspended more than 5,000 accounts. Around 3,900 were tied to Peru, while 800
    accounts ...": a sentence that opens on a figure without its noun counts what the
    sentence before it (in its paragraph: *before*'s counts) counted."""
    bare = _BARE_LEAD.match(s)
    counted = [c for c in before if c.kind == "count"]
    if bare is None or not counted or any(h.start <= bare.start("n") < h.end for h in hits):
        return None
    return CountHit("count", counted[0].key, int(re.sub(r"\D", "", bare.group("n"))), "exact",
                    bare.start("n"), bare.end("n"), {"as_written": bare.group("n"), "elided": True})


def _sentence_facts(layout: Layout, mentions: list[Mention], platform: str | None,
                    context: str) -> list[_Found]:
    out: list[_Found] = []
    idx = 0
    for sent in layout.sentences:
        while idx < len(mentions) and mentions[idx].start < sent.start:
            idx += 1
        j = idx
        local: list[Mention] = []
        while j < len(mentions) and mentions[j].end <= sent.end:
            local.append(mentions[j])
            j += 1
        s, off = sent.text, sent.start
        places = find_places(s, off, local, context)
        counts = find_counts(s, platform)
        k = len(out)
        if not any(c.kind == "count" for c in counts) and k and (
                sent.continued or layout.sentences[k - 1].para == sent.para and out[-1].counts):
            # ", 36 linked to Russia" cut from "... 2,232 YouTube channels linked to China",
            # "Most of them, 2,500, were linked to China." after "... 3,000 YouTube channels.":
            # the figure's noun is in the clauses before (back to the sentence's head)
            while k > 0 and layout.sentences[k].continued and (
                    layout.sentences[k - 1].end == layout.sentences[k].start):
                k -= 1
            if k == len(out):
                k -= 1
            head = layout.text[layout.sentences[k].start : sent.start]
            carried = [CountHit(h.kind, h.key, h.value, h.qualifier, h.start - len(head),
                                h.end - len(head), {**h.detail, "elided": True})
                       for h in find_counts(head + s, platform) if h.start >= len(head)]
            if any(c.kind == "count" for c in carried):
                counts = carried
        k = len(out)
        lead = _bare_lead(s, counts, out[-1].counts
                          if k and layout.sentences[k - 1].para == sent.para else [])
        if lead is not None:
            counts = [lead, *counts]
        found = _Found(
            counts=[] if is_summary(s) else _flag_totals(
                s, _without_breakdowns(s, counts), places),
            places=places,
            actors=find_actors(s, off, local),
            languages=find_languages(s, off, local),
            vocab=find_platforms(s, off, local) + find_operations(s, off, local)
            + find_dates(s, off),
        )
        out.append(found)
    return out


_COLLECTIVE = Caseless(COLLECTIVE)


# In the lead, before any network's own sentences: "relier les réseaux en question à X".
_PLURAL_REF = Caseless(
    r"\b(?:the|these|those|les|ces|estas|esas|las|эти|все)\s+(?:\w+\s+)?(?:networks|operations|"
    r"campaigns|réseaux|opérations|campagnes|redes|operaciones|campañas|сети|операции|кампании)\b")


def _share_collective(layout: Layout, segments: list[Segment], facts: list[SentenceFacts]
                      ) -> None:
    """"Both networks were linked to X" speaks for every network; a preamble naming a single
    origin ("two networks originating in Russia") gives it to networks that state none."""
    if len(segments) < 2:
        return
    first = min(min(seg.sentences) for seg in segments if seg.sentences)
    shared = [i for i, s in enumerate(layout.sentences) if _COLLECTIVE.search(s.text)
              or i < first and _PLURAL_REF.search(s.text)]
    for seg in segments:
        if seg.earlier:
            continue
        own = set(seg.sentences)
        seg.shared = [i for i in shared if i not in own and (i < first or not facts[i].removed)]


_OFFSETS: dict[tuple[int, str], list[int]] = {}


def _offsets(items: Sequence[Any], attr: str) -> list[int]:
    """The *attr* offset ("start" or "end") of each of *items* (sorted by it), computed once
    per list: a long text has thousands of mentions and headings to bisect."""
    key = (id(items), attr)
    cached = _OFFSETS.get(key)
    # (an id can come back for a new list: the ends must agree too)
    if cached is None or len(cached) != len(items) or items and (
            cached[0] != getattr(items[0], attr) or cached[-1] != getattr(items[-1], attr)):
        if len(_OFFSETS) >= 8:
            _OFFSETS.clear()
        cached = _OFFSETS[key] = [getattr(x, attr) for x in items]
    return cached


def _starts(mentions: list[Mention]) -> list[int]:
    """Start offsets of *mentions* (sorted by start)."""
    return _offsets(mentions, "start")


_HEAD_PREFIX = re.compile(r"^[#=*\s]*(?:\d{1,2}[.)]\s*|[IVX]{1,4}\.\s+)?")
_HEAD_JOIN = Caseless(r"^(?:\s*(?:,|and|&|/)\s*)$")


def _heading_origins(layout: Layout, heading: Sentence, mentions: list[Mention],
                     context: str) -> list[tuple[str, Mention]]:
    """Countries a section heading names as the section's subject: "RUSSIA", "2. Canada and
    Ecuador", "== India: INC IT Cell ==", "Bad Grammar (Russia)"."""
    lo = bisect.bisect_left(_starts(mentions), heading.start)
    here = []
    for m in mentions[lo:]:
        if m.start >= heading.end:
            break
        if m.end <= heading.end and m.of_kind("country"):
            here.append(m)
    if not here:
        return []
    text = layout.text
    lead = _HEAD_PREFIX.match(text, heading.start, heading.end)
    pos = lead.end() if lead else heading.start
    named: list[Mention] = []
    for m in here:  # a run of countries at the start of the heading
        if _HEAD_JOIN.match(text[pos : m.start]) or (not named and m.start == pos):
            named.append(m)
            pos = m.end
        else:
            break
    rest = text[pos : heading.end].strip(" =#*")
    if not (named and (not rest or rest[0] in ":(-–—|")):
        named = []
        dash = re.search(r"\s[-–—]\s*(?:likely |probably |possibly |suspected |presumably )?"
                         r"([^-–—]+?)\W*$", text[heading.start : heading.end])
        if dash:  # 'Operation "Sneer Review" — likely China'
            a, b = heading.start + dash.start(1), heading.start + dash.end(1)
            inside = [m for m in here if a <= m.start and m.end <= b]
            gaps = [text[x.end : y.start] for x, y in zip(inside, inside[1:], strict=False)]
            if (inside and text[a : inside[0].start].strip() == ""
                    and text[inside[-1].end : b].strip() == ""
                    and all(_HEAD_JOIN.match(g) for g in gaps)):
                named = inside
        tail = re.search(r"\(([^()]+)\)\W*$", text[heading.start : heading.end])
        if tail:
            a = heading.start + tail.start(1)
            b = heading.start + tail.end(1)
            inside = [m for m in here if a <= m.start and m.end <= b]
            gaps = [text[x.end : y.start] for x, y in zip(inside, inside[1:], strict=False)]
            if (inside and text[a : inside[0].start].strip() == ""
                    and text[inside[-1].end : b].strip() == ""
                    and all(_HEAD_JOIN.match(g) for g in gaps)):
                named = inside
    out = []
    for m in named:
        resolved = resolve_code(m, context)
        if resolved:
            out.append((resolved[0], m))
    return out


def _heading_sections(layout: Layout, mentions: list[Mention], context: str) -> list[Segment]:
    """Sections under headings that name a country ("Bad Grammar (Russia)", "RUSSIA"), in a
    document that reports a takedown: one network each. Used when the figures alone find
    fewer networks than such sections (reports that describe operations without counts)."""
    sents = layout.sentences
    heads = [h for h in layout.headings if _heading_origins(layout, h, mentions, context)]
    if len(heads) < 2 or not any(TAKEDOWN.search(x.text) for x in sents
                                 if x.start < heads[0].start):
        return []
    out: list[Segment] = []
    heading_starts = _offsets(layout.headings, "start")
    starts, ends = _offsets(sents, "start"), _offsets(sents, "end")
    for h in heads:
        k = bisect.bisect_right(heading_starts, h.end)
        nxt = heading_starts[k] if k < len(heading_starts) else layout.content_end
        # (the sentences from the heading's end to the next heading: one range of them)
        members = list(range(bisect.bisect_left(starts, h.end), bisect.bisect_right(ends, nxt)))
        if members:
            out.append(Segment(members, members[0]))
    return out


# The takedown itself told as past: "previously removed", "in 2019 Meta took down", "as we
# communicated in October 2020" (not "tied to previously disclosed activity").
_PASSING = Caseless(
    r"\b(?:" + EARLIER_LOCAL + r"|" + MONTHS_AFTER + r")\b|"
    r"\bwould (?:go on to |later )?(?:remove|take down|suspend|ban|"
    r"close)\b|"
    r"\b(?:previously(?! un\w+| not)|last year|earlier this year|years? ago|back in (?:19|20)\d\d|"
    r"last (?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|month|spring|summer|autumn|fall|winter)|"
    r"in (?:19|20)\d\d)\b[^.;]{0,40}\b(?:removed|took down|taken down|suspended|terminated|"
    r"banned|disrupted|dismantled|deleted|disabled|blocked|shut down|eliminated|purged)\b|\bhad (?:previously |already )?(?:removed|taken down|"
    r"suspended|terminated|banned)\b|\bas we (?:\w+ )?(?:communicated|reported|announced|"
    r"disclosed|shared|noted) (?:in|last|earlier)\b|\b" + IN_ADDITION_TO_EARLIER)
_LOCATIVE = re.compile(
    r"^(?:(?:Mientras que|Meanwhile|Separately|And|Also|Asimismo|Además),?\s+)?"
    r"(?:In the case of|En el caso de|Dans le cas de|In|En|Au|Aux|В)\s+(?:the\s+|la\s+|le\s+|el\s+)?")
_LABEL = re.compile(r"^([^:;,.]{2,40}?)\s*(?::|\s[-–—]\s)\s*\S")


def _labels(layout: Layout, mentions: list[Mention], context: str
            ) -> list[tuple[str, str, Sentence] | None]:
    """Per content sentence, the country its paragraph is labelled with ("• Iran: ...",
    "Russia – ..."), if the paragraph opens with one."""
    firsts: dict[int, Sentence] = {}
    for x in layout.sentences:
        firsts.setdefault(x.para, x)
    by_para: dict[int, tuple[str, str, Sentence] | None] = {}
    k = 0
    for para, lead in sorted(firsts.items(), key=lambda kv: kv[1].start):
        by_para[para] = None
        label = _LABEL.match(lead.text)
        while k < len(mentions) and mentions[k].start < lead.start:
            k += 1
        if not label or k >= len(mentions):
            continue
        m = mentions[k]
        if m.start == lead.start and m.end == lead.start + len(label.group(1).rstrip()) and (
                m.of_kind("country")):
            resolved = resolve_code(m, context)
            if resolved:
                by_para[para] = (resolved[0], m.surface, lead)
    return [by_para.get(x.para) for x in layout.sentences]




_TITLE_WITH_PLACE = re.compile(
    r"(?P<name>[A-Z][\w'’-]+(?: [A-Z0-9][\w'’-]*){0,3})\s*\([^)]{2,40}\)|"
    r"[^:]{2,40}:\s*[\"“«](?P<name2>[^\"”»]{2,40})[\"”»]")


def _origin_from_heading(layout: Layout, seg: Segment, net: NetworkFacts,
                         mentions: list[Mention], context: str,
                         labels: list[tuple[str, str, Sentence] | None]) -> None:
    """A network under a country heading that states no origin of its own comes from there.
    An operation the heading names ("Sneer Review (China)") is the network's name."""
    anchor = layout.sentences[seg.anchor]
    # (the heading just above the anchor, found by bisection: a long text has thousands)
    k = bisect.bisect_right(_offsets(layout.headings, "end"), anchor.start) if layout.headings else 0
    if k and not any(f.kind == "operation" for f in net.facts):
        head = layout.headings[k - 1]
        lo = bisect.bisect_left(_starts(mentions), head.start)
        inside = [m for m in mentions[lo : lo + 12] if head.start <= m.start and m.end <= head.end]
        ops = find_operations(head.text, head.start, inside)
        titled = _TITLE_WITH_PLACE.fullmatch(head.text)
        if not ops and titled and any(m.of_kind("country") for m in inside):
            # "Helgoland Bite (Russia)", 'China: "Uncle Spam"': the name beside the place
            name = titled.group("name") or titled.group("name2")
            at = head.start + (titled.start("name") if titled.group("name") else titled.start("name2"))
            if not any(m.of_kind("country") and m.start == at for m in inside):
                ops = [VocabHit("operation", name, None, at, at + len(name))]
        between = sum(x.start >= head.end for x in layout.sentences[max(0, seg.anchor - 4) :
                                                                     seg.anchor])
        if len(ops) == 1 and between <= 2:
            net.facts.append(Fact("operation", ops[0].key, None, None, None,
                                  {"from_heading": True}, _evidence(head)))
            net.operation_name = net.operation_name or ops[0].key
    if any(f.role == "origin" for f in net.facts):
        return
    label = labels[seg.anchor]
    if label:  # "• Saudi Arabia: A total of 33 accounts ...": the item's label is its origin
        code, surface, lead = label
        net.facts.append(Fact("country", code, None, None, "origin",
                              {"as_written": surface, "from_label": True, "confidence": 0.85},
                              _evidence(lead)))
        return
    lead_place = _LOCATIVE.match(anchor.text)
    if lead_place:  # "In Egypt, Twitter removed 2,541 accounts": where it was, weakly
        at = anchor.start + lead_place.end()
        lo = bisect.bisect_left(_starts(mentions), at)
        named = [m for m in mentions[lo : bisect.bisect_right(_starts(mentions), at)]
                 if m.of_kind("country")]
        resolved = resolve_code(named[0], context) if named else None
        if resolved and TAKEDOWN.search(anchor.text):
            net.facts.append(Fact("country", resolved[0], None, None, "origin",
                                  {"as_written": named[0].surface, "locative": True,
                                   "confidence": 0.65}, _evidence(anchor)))
            return
    # (the last heading that ends before the anchor)
    k = bisect.bisect_right(_offsets(layout.headings, "end"), anchor.start)
    if not k:
        return
    head = layout.headings[k - 1]
    for key, m in _heading_origins(layout, head, mentions, context):
        if any(f.kind == "country" and f.key == key and f.role == "origin" for f in net.facts):
            continue
        net.facts.append(Fact("country", key, None, None, "origin",
                              {"as_written": m.surface, "from_heading": True},
                              _evidence(head)))


def _countries_named(layout: Layout, mentions: list[Mention], context: str
                     ) -> list[list[tuple[str, int, int, str]]]:
    """Per content sentence, the countries it mentions in order, whatever their role:
    (code, start, end, as written), first mention of each code."""
    out: list[list[tuple[str, int, int, str]]] = []
    k = 0
    for sent in layout.sentences:
        while k < len(mentions) and mentions[k].start < sent.start:
            k += 1
        named: list[tuple[str, int, int, str]] = []
        j = k
        while j < len(mentions) and mentions[j].end <= sent.end:
            m = mentions[j]
            resolved = resolve_code(m, context) if m.of_kind("country") else None
            if resolved and all(resolved[0] != x[0] for x in named):
                named.append((resolved[0], m.start, m.end, m.surface))
            j += 1
        out.append(named)
    return out


# Words that show a sentence talks about the network itself (its accounts, content, people).
# "... connections with a small Iran-based network it previously removed, which targeted
# France": a sentence about an earlier takedown gives this network no places.
_PAST_NETWORK = Caseless(
    NEWS_PEG + r"|"
    # "Twitter's other suspensions in the region have tended to focus on ...": other takedowns
    r"\b(?:other|previous|past|prior|earlier|otras|anteriores|autres|précédentes|другие|прошлые)\s+"
    r"(?:[\w-]+\s+)?(?:suspensions|takedowns|removals|purges|bans|crackdowns|disclosures|"
    r"suspensiones|eliminaciones|suppressions|блокировки|удаления)\b|\bpreviously (?:shut|removed|suspended|taken down|banned|disrupted)\b|"
    r"\b" + MONTHS_AFTER + r"\b|"
    r"\b(?:deleted|removed|suspended|banned) at the time\b|"
    r"\bwould (?:go on to |later )?(?:remove|take down|suspend|ban|close)\b|"
    r"\b(?:network|operation|campaign|accounts)\b[^.;]{0,40}\b(?:(?:it|we|they|the company|Meta|"
    r"Facebook|Twitter|Google) (?:had )?previously (?:removed|took down|disrupted|suspended|banned|"
    r"reported|disclosed)|(?:removed|taken down|disrupted|suspended|banned) (?:in|last) "
    r"(?:19|20)\d\d|(?:removed|taken down|disrupted) (?:last|earlier this) (?:year|month))\b")
# "The accounts were similar to a network from Laos that the company took down before":
# a comparison with another network gives this one none of its places
# "En 2019, Facebook ya había eliminado una red similar", "l'an dernier", "в прошлом году"
# (not "en février dernier": the months a report covers are this takedown's)
_EARLIER_ELSEWHERE = Caseless(
    r"\b(?:ya (?:había |habían )?(?:removi\w+|elimin\w+|suspend\w+|retir\w+|bloque\w+|dado de baja)|"
    r"el (?:mes|año) pasado|del año pasado|l['’]an dernier|l['’]année dernière|"
    r"avait déjà (?:supprimé|retiré|bloqué)|в прошлом (?:году|месяце)|"
    r"(?:осенью|весной|летом|зимой) прошлого года|прошлой (?:осенью|весной|зимой)|прошлым летом|"
    r"ранее(?! не))")
_LIKE_AN_EARLIER = Caseless(
    r"\b(?:similar to|resembl\w*|reminiscent of|akin to|like (?:the|a|an)) (?:(?:the|a|an|one|"
    r"that|those)\s+)?(?:[\w-]+\s+){0,3}?(?:network|operation|campaign)s?\b|"
    # "In 2019, Facebook removed a similar network in Peru": another one, told in passing
    r"\b(?:removed|took down|suspended|banned|disrupted|dismantled) (?:a )?similar (?:[\w-]+ )?"
    r"(?:networks?|operations?|campaigns?)\b|"
    r"\bsimilar (?:patterns|trends|tactics|activity) (?:of|to|in|from)\b|"
    # "se parecen mucho a una conocida operación rusa", "ressemble à une campagne russe"
    r"\b(?:se parec\w+|parecid[ao]s?|similar(?:es)?|semejantes?) (?:\w+ )?a (?:la |el |una? |los |"
    r"las )?(?:[\w-]+\s+){0,3}?(?:red|redes|operaci[oó]n|operaciones|campañas?)\b|"
    r"\b(?:ressembl\w+|semblables?|similaires?|rappel\w+) (?:\w+ )?(?:à|aux?) (?:la |le |l['’]|une? |"
    r"des )?(?:[\w-]+\s+){0,3}?(?:réseaux?|opérations?|campagnes?)\b|"
    r"(?:похож\w*|напомина\w+|аналогичн\w+) (?:на )?(?:[\w-]+\s+){0,3}?(?:сет\w*|операци\w*|"
    r"кампани\w*)")
_IN_ADDITION_TO_EARLIER = Caseless(r"\b" + IN_ADDITION_TO_EARLIER)
_ABOUT_NETWORK = Caseless(
    r"\b(?:network|operation|campaign|cluster|activity|IOs?|accounts?|Pages?|Groups?|profiles?|"
    r"personas?|channels?|posts?|posted|content|videos?|comments?|tweets?|websites?|domains?|"
    r"operators?|people behind|individuals|actors?|trolls?|bots?|audiences?|targeted|targeting|"
    r"originated|removed|took down|terminated|suspended|banned|disrupted|"
    r"red|redes|cuentas|páginas|campaña|operación|réseaux?|comptes|campagne|opération|"
    r"сет[ьи]|сетей|аккаунт\w*|страниц\w*|кампани\w*|операци\w*|публикац\w*|деятельност\w*|"
    r"активност\w*|actividad\w*|activité\w*|cuenta\w*|compte\w*|páginas?|publicaba\w*|"
    r"publiaient|публиковал\w*)(?:s|es)?\b")
_STILL_UP = Caseless(
    r"\b(?:still (?:active|online|up|operating|running|available)|remain(?:s|ed)? (?:active|online|up)|"
    r"continu\w+ to (?:operate|post|run|work)|по-прежнему|продолжа\w+ работ\w*|siguen (?:activ|operando)|"
    r"todavía (?:activ|operan)|toujours (?:actif|actifs|en ligne))")
_KIND_CONFIDENCE = {"count": 0.9, "audience": 0.85, "ad_spend": 0.9, "language": 0.85,
                    "platform": 0.9, "operation": 0.9, "date": 0.8, "region": 0.75}


# "three networks", "dos redes", "трёх сетей": the text speaks of several units at once
_N_UNITS = Caseless(
    r"\b(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|both|all|dos|tres|cuatro|cinco|"
    r"deux|trois|quatre|cinq|две|два|три|четыре|пять|двух|трех|трёх|четырех|пяти)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:networks|operations|campaigns|redes|operaciones|campañas|réseaux|"
    r"opérations|campagnes|сет(?:и|ей)|операци[йи]|кампани[йи])\b")
_ALL_UNITS_REF = Caseless(r"\b(?:both|all(?: the)?|the|these|those)\s+(?:\w+\s+)?"
                          r"(?:networks|operations|campaigns)\b")


def _attach_by_origin(layout: Layout, found: list[_Found], networks: list[NetworkFacts],
                      named: list[list[tuple[str, int, int, str]]]) -> None:
    """Sentences no network took, in a document of several networks. One naming whom it
    attributes to and the origin of exactly one network ("It linked the activity to X and
    Y, two companies in Egypt") speaks of that network: its attributed actors join it,
    marked for review. One where researchers speak of all of them ("Graphika said the
    operations appeared ...") gives every network its researchers."""
    if len(networks) < 2:
        return
    by_origin: dict[str, list[int]] = {}
    for k, net in enumerate(networks):
        origins = {f.key for f in net.facts if f.kind == "country" and f.role == "origin"}
        if len(origins) == 1:
            by_origin.setdefault(next(iter(origins)), []).append(k)
    owner = {code: ks[0] for code, ks in by_origin.items() if len(ks) == 1}
    all_origins = {f.key for n in networks for f in n.facts
                   if f.kind == "country" and f.role == "origin"}
    used = {f.evidence.start for n in networks for f in n.facts if f.evidence is not None}
    for i, sent in enumerate(layout.sentences):
        for a in found[i].actors:
            # "linked to the governments of Iran and Armenia": each state to the one network
            # of its country
            code = state_actor_country(a.name) if a.role == "attributed" else None
            if code in owner and not _PASSING.search(sent.text):
                net = networks[owner[code]]
                if (a.name, "attributed") not in {(f.key, f.role) for f in net.facts}:
                    net.facts.append(Fact("actor", a.name, None, None, "attributed",
                                          {**a.detail, "by_origin": True}, _evidence(sent)))
    for i, sent in enumerate(layout.sentences):
        if sent.heading:
            continue
        actors = [a for a in found[i].actors if a.role == "attributed" and a.name != "@coref"]
        if (len({a.name for a in actors}) == 1 and _N_UNITS.search(sent.text)
                and TAKEDOWN.search(sent.text) and not _PASSING.search(sent.text)
                and len({c[0] for c in named[i]}) <= 1):
            # "removed three networks linked to businessman X": X for each of them
            for net in networks:
                if not any(f.kind == "actor" and f.role == "attributed" for f in net.facts):
                    net.facts.append(Fact("actor", actors[0].name, None, None, "attributed",
                                          {**actors[0].detail, "all_units": True},
                                          _evidence(sent)))
            continue
        if sent.start in used:
            continue
        if _ALL_UNITS_REF.search(sent.text):  # "Graphika ... said the operations appeared"
            for a in found[i].actors:
                if a.role != "researcher":
                    continue
                for net in networks:
                    if (a.name, "researcher") not in {(f.key, f.role) for f in net.facts}:
                        net.facts.append(Fact("actor", a.name, None, None, "researcher",
                                              {**a.detail, "all_units": True}, _evidence(sent)))
        actors = [a for a in found[i].actors if a.role == "attributed" and a.name != "@coref"]
        if not actors:
            continue
        codes = {c[0] for c in named[i]} & all_origins
        if len(codes) != 1 or next(iter(codes)) not in owner:
            continue
        net = networks[owner[next(iter(codes))]]
        have = {(f.key, f.role) for f in net.facts if f.kind == "actor"}
        for a in actors:
            if (a.name, "attributed") not in have:
                net.facts.append(Fact("actor", a.name, None, None, "attributed",
                                      {**a.detail, "by_origin": True}, _evidence(sent)))


def _attach_to_the_only_network(layout: Layout, found: list[_Found],
                                networks: list[NetworkFacts]) -> None:
    """A document of one network that names whom it attributes to only in a sentence the
    network did not take ("The platform removed the profiles associated with the media firms
    X and Y" after the lead): those actors are the network's, marked for review, unless the
    sentence tells of an earlier takedown or of another origin."""
    if len(networks) != 1:
        return
    net = networks[0]
    _researchers_of_the_only_network(layout, found, net)
    if any(f.kind == "actor" and f.role == "attributed" for f in net.facts):
        return
    origins = {f.key for f in net.facts if f.kind == "country" and f.role == "origin"}
    used = {f.evidence.start for f in net.facts if f.evidence is not None}
    for i, sent in enumerate(layout.sentences):
        actors = [a for a in found[i].actors if a.role == "attributed" and a.name != "@coref"]
        if not actors or sent.start in used or _PASSING.search(sent.text) or (
                _PAST_NETWORK.search(sent.text) or NOT_THE_FIRST.search(sent.text)
                or _LIKE_AN_EARLIER.search(sent.text)):
            continue
        theirs = {p.key for p in found[i].places if p.kind == "country" and p.role == "origin"}
        if theirs - origins:
            continue  # "accounts linked to X in Iran" beside a network from Russia: another
        have = {(f.key, f.role) for f in net.facts if f.kind == "actor"}
        for a in actors:
            if (a.name, "attributed") not in have:
                net.facts.append(Fact("actor", a.name, None, None, "attributed",
                                      {**a.detail, "by_origin": True}, _evidence(sent)))


def _researchers_of_the_only_network(layout: Layout, found: list[_Found],
                                     net: NetworkFacts) -> None:
    """"Last week, FireEye announced the discovery of ..." in the lead of a document of one
    network: the research group it names is the network's, wherever the sentence is."""
    if any(f.kind == "actor" and f.role == "researcher" for f in net.facts):
        return
    named = {a.name for f in found for a in f.actors if a.role == "researcher"}
    if len(named) != 1:
        return  # (several groups named: which of them looked into this one is not said)
    for i, sent in enumerate(layout.sentences):
        if _PASSING.search(sent.text) or _PAST_NETWORK.search(sent.text):
            continue
        for a in found[i].actors:
            if a.role == "researcher" and (a.name, "researcher") not in {
                    (f.key, f.role) for f in net.facts}:
                net.facts.append(Fact("actor", a.name, None, None, "researcher",
                                      {**a.detail, "by_origin": True}, _evidence(sent)))


def _origin_by_figure(layout: Layout, found: list[_Found], networks: list[NetworkFacts]) -> None:
    """A network without an origin whose figure another sentence repeats beside one origin
    ("... removed thousands of accounts, including 259 operated by Spain's ruling party" then
    "We have removed 259 accounts ..."): the same figure is the same network, from there."""
    starts = [x.start for x in layout.sentences]
    for net in networks:
        if any(f.kind == "country" and f.role == "origin" for f in net.facts):
            continue
        own = {f.evidence.start for f in net.facts if f.evidence is not None}
        figures = {int(f.value) for f in net.facts if f.kind == "count" and f.value >= 20}
        if not figures or not net.span:
            continue
        # (the sentences around the network: a long text has thousands)
        at = bisect.bisect_left(starts, net.span[0])
        for i in range(max(0, at - 12), min(len(layout.sentences), at + 40)):
            sent = layout.sentences[i]
            origins = {p.key: p for p in found[i].places if p.kind == "country"
                       and p.role == "origin"}
            if sent.start in own or len(origins) != 1 or not figures:
                continue
            said = {int(n.replace(",", "").replace(" ", "")) for n in
                    re.findall(r"(?<![\d.,])\d{1,3}(?:[, ]\d{3})*(?![\d.,]\d)", sent.text)}
            if figures & said:
                p = next(iter(origins.values()))
                net.facts.append(Fact("country", p.key, None, None, "origin",
                                      {**p.detail, "same_figure": True, "confidence": 0.75},
                                      _evidence(sent)))
                break


_STATE_WORDS = Caseless(r"\b(?:government|ministry|army|military|police|armed forces|"
                        r"presidency|presidential|presidencial|présidentiel\w*|party|gobierno|"
                        r"gouvernement|правительств\w*)\b")


def _denials_of_the_attributed(net: NetworkFacts) -> None:
    """A denial counts where it answers the attribution: the attributed party (or the state
    of the network's origin) denied it. Anyone else's denial in the text is left out."""
    attributed = {f.key.lower() for f in net.facts if f.kind == "actor" and f.role == "attributed"}

    def answers(f: Fact) -> bool:
        if any(f.key.lower() in a or a in f.key.lower() for a in attributed):
            return True
        if _STATE_WORDS.search(f.key):
            return True
        quote = f.evidence.quote if f.evidence is not None else ""
        at = quote.find(str(f.detail.get("as_written", f.key)))
        # "said Ofwono Opondo, a government spokesman": who speaks for the state
        return at >= 0 and bool(_STATE_WORDS.search(quote[at : at + len(f.key) + 40]))

    net.facts = [f for f in net.facts if not (f.kind == "actor" and f.role == "denied"
                                              and not answers(f))]


def _state_actors_of_its_origin(net: NetworkFacts) -> None:
    """A network from Egypt is not run by the Iranian government, nor a network from Cuba by
    the Royal Thai Army: an actor named by a country (its demonym) the network's stated
    origins do not include came from a sentence about another network (a roundup's "linked
    to the governments of Iran and Armenia")."""
    origins = {f.key for f in net.facts if f.kind == "country" and f.role == "origin"}
    if not origins:
        return
    net.facts = [f for f in net.facts if not (
        f.kind == "actor" and f.role == "attributed"
        and (state_actor_country(f.key) or actor_country(f.key) or next(iter(origins)))
        not in origins)]


def _posed_as_audience(net: NetworkFacts) -> None:
    """"posing as Americans", "fake personas of Ghanaian journalists": a network poses as
    the people it addresses, so the country it posed as is a target too, marked for review
    (where it says nothing of its targets)."""
    if any(f.kind == "country" and f.role == "target" for f in net.facts):
        return
    have = {f.key for f in net.facts if f.kind == "country" and f.role == "origin"}
    for f in list(net.facts):
        if f.kind == "country" and f.role == "impersonated" and f.key not in have:
            have.add(f.key)
            net.facts.append(Fact("country", f.key, None, None, "target",
                                  {**f.detail, "posed_as": True, "confidence": 0.7}, f.evidence))


# Asset kinds a lead's combined figure adds up ("735 accounts and groups" = 666 + 69).
_SUMMABLE = frozenset({"facebook_accounts", "facebook_pages", "facebook_groups", "facebook_events",
                       "instagram_accounts", "threads_accounts", "combined_assets"})


def _drop_inner_totals(net: NetworkFacts) -> None:
    """A combined figure that is the sum of two or more of the network's other figures ("301
    groups, Pages and accounts" beside 214 accounts, 35 Pages, 18 Groups and 34 Instagram
    accounts) is their total told in the lead: the parts stay, the total goes."""
    counts = [f for f in net.facts if f.kind == "count" and f.key in _SUMMABLE]
    if len(counts) < 3:
        return
    drop: set[int] = set()
    for f in counts:
        if f.key != "combined_assets":
            continue  # (small figures of single kinds add up by chance: 12 = 5 + 7)
        parts = [float(g.value) for g in counts if g is not f and g.key != f.key]
        value = float(f.value)
        slack = 0.0 if f.qualifier in (None, "exact") else 0.02 * value
        for size in range(2, len(parts) + 1):
            if any(abs(sum(c) - value) <= slack for c in combinations(parts, size)):
                drop.add(id(f))
                break
    net.facts = [f for f in net.facts if id(f) not in drop]


def _rate(net: NetworkFacts) -> None:
    """Give every fact a confidence (how explicit its cue was) and abstain below the floor."""
    for f in net.facts:
        d = f.detail
        if f.kind == "actor":
            base = {3: 0.9, 2: 0.8, 1: 0.65}.get(int(d.get("strength", 2)), 0.8)
            conf = {"attributed": base, "denied": 0.8, "beneficiary": 0.7,
                    "researcher": 0.9}.get(f.role or "", 0.7)
            if d.get("all_units"):
                conf = 0.7
            if d.get("by_origin"):
                conf = min(conf, 0.65)  # placed by the country it names: for review
        elif f.kind == "country":
            conf = d.get("confidence", 0.8)
            if d.get("from_heading"):
                conf = 0.8
            if d.get("domestic"):
                conf = 0.85
        elif f.kind == "count":
            conf = 0.8 if f.key == "combined_assets" else 0.9
            if f.qualifier not in (None, "exact"):
                conf -= 0.05
        else:
            conf = d.get("confidence", _KIND_CONFIDENCE.get(f.kind, 0.8))
        d["confidence"] = round(float(conf), 2)
    net.facts = [f for f in net.facts if f.detail["confidence"] >= ABSTAIN_BELOW]


# Words that make a figure the disclosure's total when the text describes several networks.
_TOTAL_CUE = Caseless(
    r"\b(?:this time|this round|in this (?:round|batch|disclosure|update|report)|"
    r"bringing (?:the|its) (?:total|number)|across (?:all|the) (?:\w+ )?networks|"
    # "over 31,000 channels removed over the last seven months", "at the start of this year"
    r"over the (?:last|past) (?:\w+ )?(?:months|years|quarters)|at the (?:start|beginning) of "
    r"(?:this|the|last) year|so far this year|since the start of|in the (?:last|past) (?:\w+ )?"
    r"years|"
    r"en esta ocasión|cette fois|в общей сложности|всего (?:было )?(?:удален\w*|заблокирован\w*)|"
    # "nearly 3,500 accounts worldwide ... in six countries": the sum over several networks
    r"(?:in|across|from) (?:\w+ )?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|"
    r"multiple) (?:different )?countries|accounts worldwide|"
    # "373 accounts ... for their presumed links to certain states": figures over several
    r"certain (?:states|governments)|certains (?:États|Etats|gouvernements)|"
    r"ciertos (?:Estados|gobiernos)|определённ\w+ государств\w*|определенн\w+ государств\w*)\b|"
    r"^\W*(?:всего|en total|au total|in total|in all|altogether|en conjunto)\b")
# "Of the 1,594 accounts Twitter removed, 526 were tied to Cuba": that first figure is a total
_OF_THE_TOTAL = Caseless(
    r"^\W*(?:of|out of|de|sur|из) (?:the |these |les |ces |las |los )?(?:more than |over |some )?"
    r"(?=\d)")


# "from March to June this year, it has removed 67,013 fake accounts", "144 accounts were
# banned for impersonation": a period's tally or another rule's enforcement, where the clause
# ties the figure to no origin (a quarterly bulletin's "accounts linked to Russia" are its own)
_TALLY = Caseless(r"\b(?:(?:from|between) (?:January|February|March|April|May|June|July|August|"
                  r"September|October|November|December) (?:to|and|through|until) (?:January|"
                  r"February|March|April|May|June|July|August|September|October|November|"
                  r"December)|for (?:impersonation|spam|spamming)|"
                  r"fake (?:accounts|profiles)\b[^.;]{0,40}\b(?:in|during|over) (?:the )?(?:first|second|"
                  r"third|fourth|last|past) (?:quarter|half)|fake (?:accounts|profiles)\b[^.;]{0,40}"
                  r"\b(?:in|during) Q[1-4])\b")
_SHARE_AFTER = Caseless(r",\s*(?:including|among them|of which|of them)\b[^.;]{0,60}?,\s*where\b|"
                        r",\s*(?:of which|of them|among them)\b")
# A tally of networks, not of the figures before it
_UNITS_TOTAL = Caseless(r"\bbringing (?:the|its) (?:total )?(?:number|total) of (?:[\w-]+ ){0,2}?"
                        r"(?:networks|operations|campaigns|takedowns)\b")
_A_TOTAL_OF = Caseless(r"\b(?:a total of|un total de|au total|en total|in total)\b")
# "disrupted 15 such networks ... 3,001 accounts": figures beside a number of networks
_SEVERAL_UNITS = Caseless(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:[\w-]+\s+){0,2}(?:networks|operations|campaigns)\b")


def _flag_totals(s: str, hits: list[CountHit], places: list[PlaceHit]) -> list[CountHit]:
    origins = {p.key for p in places if p.role == "origin"}
    of_the = _OF_THE_TOTAL.match(s)
    if of_the:
        for h in hits:
            if h.start == of_the.end():
                h.detail["total_cue"] = True
    if _TOTAL_CUE.search(s) or _SEVERAL_UNITS.search(s) or (
            _A_TOTAL_OF.search(s) and len(origins) >= 2) or not places and _TALLY.search(s):
        # "a total of 443 accounts ... originating in A, B, C and D" sums several networks;
        # "a total of 2,596 channels linked to China" is one network's whole figure
        # (but "15 operations, including a network of 52 accounts ...": that one's own)
        total = _TOTAL_CUE.search(s)
        part = None if total else _ONE_OF_THEM.search(s)
        units_total = _UNITS_TOTAL.search(s)
        # ("... accounts in six countries, including Peru, where 1,800 accounts ...": one
        # country's share, after the total)
        share = _SHARE_AFTER.search(s, total.end()) if total else None
        for h in hits:
            if units_total and h.start < units_total.start():
                continue  # "... 310 accounts, bringing the total number of networks to 15"
            if share and h.start > share.start():
                continue
            if part is None or h.start < part.end():
                h.detail["total_cue"] = True
    return hits


_ONE_OF_THEM = Caseless(r"\b(?:including|among them|among which|such as)\s+(?:a|an|one)\s+"
                        r"(?:[\w-]+\s+){0,2}?(?:network|operation|campaign|cluster)\b|"
                        # "Of the three networks ..., the largest was based in Laos, with 80"
                        r"\bthe (?:largest|biggest|smallest|first|second|third|last)"
                        r"(?:\s+(?:one|network|operation|campaign))?(?=\s*,|\s+(?:was|is|had|"
                        r"included|consisted|came|originated)\b)")


def _drop_flagged_totals(networks: list[NetworkFacts]) -> list[NetworkFacts]:
    """With several networks in the text, a figure given as a total ("3,465 accounts this
    time", "in total") belongs to none of them."""
    if len(networks) < 2:
        return networks
    out = []
    sums: dict[str, float] = {}
    for net in networks:
        for f in net.facts:
            if f.kind == "count" and not f.detail.get("total_cue"):
                sums[f.key] = sums.get(f.key, 0) + f.value
    for net in networks:
        had = any(f.kind == "count" for f in net.facts)
        own = {f.key: f.value for f in net.facts if f.kind == "count" and not f.detail.get("total_cue")}
        # (a "total" smaller than what the other networks have of its kind is no total of
        # theirs: "in total, 54 accounts ... were removed" beside another network's 80)
        net.facts = [f for f in net.facts if not (
            f.kind == "count" and f.detail.get("total_cue")
            and not sums.get(f.key, 0) - own.get(f.key, 0) > f.value)]
        listed = _listed_origin_sentences(net)
        # (a region is no origin of its own: "1,300 accounts in total across two networks in
        # Latin America" is the summary, not a network)
        if not had or any(f.kind in ("count", "operation") or f.role == "origin" and f.kind
                          == "country" and not (f.evidence is not None
                                                and f.evidence.start in listed)
                          for f in net.facts):
            out.append(net)
    return out


def _listed_origin_sentences(net: NetworkFacts) -> set[int]:
    """Where (evidence start) three or more origins of *net* are listed in one sentence."""
    by_sentence: dict[int, set[str]] = {}
    for f in net.facts:
        if f.kind == "country" and f.role == "origin" and f.evidence is not None:
            by_sentence.setdefault(f.evidence.start, set()).add(f.key)
    return {start for start, keys in by_sentence.items() if len(keys) >= 3}


def _drop_total_of_listed(networks: list[NetworkFacts]) -> list[NetworkFacts]:
    """"We removed 2,632 Pages, Groups and accounts. The operations were linked to Iran,
    Russia, Macedonia and Kosovo.": three or more networks listed by origin alone, and one
    network of figures alone that names no place or actor. The figures are the disclosure's
    total, not a further network."""
    def listed(net: NetworkFacts) -> bool:
        origins = [f for f in net.facts if f.kind == "country" and f.role == "origin"]
        return bool(origins) and all(f.detail.get("enumerated") for f in origins) and not any(
            f.kind == "count" for f in net.facts)

    def bare(net: NetworkFacts) -> bool:
        return any(f.kind == "count" for f in net.facts) and not any(
            f.kind in ("country", "region", "actor", "operation") for f in net.facts)

    if len(networks) < 4 or sum(map(listed, networks)) < 3:
        return networks
    others = [n for n in networks if not listed(n) and not bare(n)]

    def above_the_rest(net: NetworkFacts) -> bool:
        # "we removed 1,167 accounts" over the month, beside one network of 21 described
        return all(float(f.value) > sum(float(g.value) for o in others for g in o.facts
                                        if g.kind == "count" and g.key == f.key)
                   for f in net.facts if f.kind == "count")

    return [n for n in networks if not (bare(n) and above_the_rest(n))]


def _abstain_on_lists(net: NetworkFacts) -> None:
    """Three or more origins stated in one sentence are a summary of several networks that
    the text does not tell apart ("accounts originated in China, UAE, Egypt, ..."): no single
    network came from all of them, so none of them is kept as this network's origin."""
    by_sentence: dict[int, set[str]] = {}
    for f in net.facts:
        if f.kind == "country" and f.role == "origin" and f.evidence is not None:
            by_sentence.setdefault(f.evidence.start, set()).add(f.key)
    listed = {start for start, keys in by_sentence.items() if len(keys) >= 3}
    # "the removal of Armenian and Russian accounts" inside the Iranian network's section:
    # two origins in one sentence, after a sentence that gives the network its own.
    own = {start for start, keys in by_sentence.items() if len(keys) == 1}
    if own:
        listed |= {start for start, keys in by_sentence.items() if len(keys) == 2
                   and start > min(own) and not any(keys & by_sentence[o] for o in own)}
    if listed:
        net.facts = [f for f in net.facts if not (
            f.kind == "country" and f.role == "origin" and f.evidence is not None
            and f.evidence.start in listed)]


def _merge_retold(networks: list[NetworkFacts]) -> list[NetworkFacts]:
    """The lead's "more than 2,500 channels linked to China" and the body's "2,596 channels
    linked to China" are one network told twice: same origin, the same figure (one of them
    rounded), no figure or operation that disagrees. The exact figure stays."""
    out: list[NetworkFacts] = []
    for net in networks:
        origins = {f.key for f in net.facts if f.kind == "country" and f.role == "origin"}
        mine = {f.key: f for f in net.facts if f.kind == "count"}
        host = None
        # (the lead's networks and the last few: a retelling is near them; a long text holds
        # thousands of networks, and every pair would be quadratic)
        near = out if len(out) <= 48 else out[:8] + out[-40:]
        for prev in near:
            theirs = {f.key: f for f in prev.facts if f.kind == "count"}
            shared = set(mine) & set(theirs)
            if not shared and not (_lead_accounts(net, prev) or _lead_accounts(prev, net)):
                continue
            prev_origins = {f.key for f in prev.facts if f.kind == "country" and f.role == "origin"}
            if net.operation_name and prev.operation_name and net.operation_name != prev.operation_name:
                continue
            lead = _lead_accounts(net, prev) or _lead_accounts(prev, net)
            if lead is not None and origins == prev_origins and origins:
                # "более 60 аккаунтов из Грузии" in the lead, then 39 Facebook and 22 Instagram
                # accounts from Georgia: the lead rounds their sum
                host = prev
                net.facts = [f for f in net.facts if f is not lead]
                prev.facts = [f for f in prev.facts if f is not lead]
                break
            if origins and origins == prev_origins:
                # the same place: one figure rounded, the other exact
                same = all(_same_figure(mine[k], theirs[k]) or _within_bound(mine[k], theirs[k])
                           for k in shared) and any(
                    "exact" in (mine[k].qualifier, theirs[k].qualifier)
                    and mine[k].qualifier != theirs[k].qualifier
                    or float(mine[k].value) == float(theirs[k].value) for k in shared) and not (
                    set(mine) - set(theirs) and set(theirs) - set(mine))
            else:
                # "about 90 'pro-Russian' channels" in the lead, "about 90 channels linked to
                # Russia" below: one side names no place, and every figure is the same; or the
                # places of one are within the other's ("6 Saudi accounts", then the same 6
                # in a sentence that also names Spain and Ecuador): the places both give
                nested = bool(origins) and bool(prev_origins) and (
                    origins <= prev_origins or prev_origins <= origins)
                same = (bool(origins) != bool(prev_origins) or nested) and set(mine) == set(
                    theirs) and all(float(mine[k].value) == float(theirs[k].value) for k in shared)
                if same and nested:
                    both = origins & prev_origins
                    # (the telling with more places speaks of more than this network: only
                    # its figures and platforms join)
                    wider, narrower = (net, prev) if len(origins) > len(prev_origins) else (prev, net)
                    wider.facts = [f for f in wider.facts if f.kind in ("count", "platform")
                                   or f.kind == "country" and f.role == "origin" and f.key in both]
                    narrower.facts = [f for f in narrower.facts if not (
                        f.kind == "country" and f.role == "origin" and f.key not in both)]
            if same:
                host = prev
                break
        if host is None:
            out.append(net)
            continue
        have = {(f.kind, f.key, f.role): f for f in host.facts}
        for f in net.facts:
            old = have.get((f.kind, f.key, f.role))
            if old is None:
                host.facts.append(f)
            elif f.kind == "count" and f.qualifier == "exact" and old.qualifier != "exact":
                host.facts[host.facts.index(old)] = f
    return out


_UNITS_NOUN = Caseless(r"\b(?:networks|operations|campaigns|redes|operaciones|campañas|"
                      r"réseaux|opérations|campagnes|сети|сетей|операци[йи]|кампани[йи])\b")


def _drop_counted_told_by_name(networks: list[NetworkFacts]) -> list[NetworkFacts]:
    """"... two of them based in China and one in Russia. The Russian campaign, known as
    Doppelganger, ...": a unit the lead only counted by country, with nothing else told of
    it, is the named operation from that country, told again; one such unit per operation."""
    def bare(net: NetworkFacts) -> str | None:
        facts = [f for f in net.facts if f.kind != "platform"]
        if len(facts) == 1 and facts[0].role == "origin" and facts[0].detail.get("enumerated"):
            return facts[0].key
        return None

    out = list(networks)
    for named in [n for n in networks if n.operation_name]:
        origins = {f.key for f in named.facts if f.kind == "country" and f.role == "origin"}
        if len(origins) != 1:
            continue
        twin = next((n for n in out if bare(n) == next(iter(origins))), None)
        if twin is not None:
            out.remove(twin)
    return out


def _domestic_target(net: NetworkFacts) -> None:
    """A network of one origin and no target, whose own sentence says it aimed at domestic
    audiences ("The Ecuadorian campaign targeted domestic audiences"): from there, for there."""
    origins = [f for f in net.facts if f.kind == "country" and f.role == "origin"]
    if len({f.key for f in origins}) != 1 or any(
            f.kind in ("country", "region") and f.role == "target" for f in net.facts):
        return
    said = next((f.evidence for f in net.facts if f.evidence is not None
                 and DOMESTIC.search(f.evidence.quote)), None)
    if said is not None:
        net.facts.append(Fact("country", origins[0].key, None, None, "target",
                              {"as_written": origins[0].detail.get("as_written"),
                               "domestic": True, "confidence": 0.75}, said))


def _summary_places_owned_elsewhere(networks: list[NetworkFacts]) -> None:
    """A sentence that names the places of several networks ("three operations, in Peru,
    Chile and Bolivia"), cited by one of them: where two or more of its countries are other
    networks' origins, told in their own sentences, it is the lead's summary, and this
    network keeps none of its places (its own origin, told elsewhere, stays)."""
    if len(networks) < 3:
        return
    own: list[dict[str, set[int]]] = []
    for net in networks:
        seen: dict[str, set[int]] = {}
        for f in net.facts:
            if f.kind == "country" and f.role == "origin" and f.evidence is not None:
                seen.setdefault(f.key, set()).add(f.evidence.start)
        own.append(seen)
    for k, net in enumerate(networks):
        by_sentence: dict[int, set[str]] = {}
        for f in net.facts:
            if f.kind == "country" and f.evidence is not None and _UNITS_NOUN.search(
                    f.evidence.quote):
                by_sentence.setdefault(f.evidence.start, set()).add(f.key)
        for start, keys in by_sentence.items():
            if len(keys) < 2:
                continue
            elsewhere = {key for key in keys for j, o in enumerate(own)
                         if j != k and key in o and start not in o[key]}
            if len(elsewhere) < 2:
                continue
            net.facts = [f for f in net.facts if not (
                f.kind == "country" and f.evidence is not None and f.evidence.start == start)]


def _origins_owned_elsewhere(networks: list[NetworkFacts]) -> None:
    """A network with several origins, one of which is another network's only origin, told in
    other sentences: that origin is the other network's ("... networks from Russia and China"
    in the lead, then the Chinese network of its own), and this network keeps the rest."""
    sole: dict[str, list[NetworkFacts]] = {}
    for net in networks:
        keys = {f.key for f in net.facts if f.kind == "country" and f.role == "origin"}
        if len(keys) == 1:
            sole.setdefault(next(iter(keys)), []).append(net)
    for net in networks:
        mine = [f for f in net.facts if f.kind == "country" and f.role == "origin"]
        if len({f.key for f in mine}) < 2:
            continue
        spans = {f.evidence.start for f in mine if f.evidence is not None}
        taken = {f.key for f in mine if f.key in sole and not f.detail.get("joint") and any(
            o is not net and not any(g.evidence is not None and g.evidence.start in spans
                                     for g in o.facts if g.kind == "country" and g.role == "origin")
            for o in sole[f.key])}
        if taken and taken != {f.key for f in mine}:
            net.facts = [f for f in net.facts if not (
                f.kind == "country" and f.role == "origin" and f.key in taken)]
    # ... and so is one that another network states plainly ("This network originated in
    # France") where this one only mentions it ("the French network") beside its own plain
    # origin: the section that tells how the two networks met speaks of both
    best: dict[str, list[NetworkFacts]] = {}
    for net in networks:
        mine = [f for f in net.facts if f.kind == "country" and f.role == "origin"]
        top = max((fact_confidence(f.detail) for f in mine), default=0.0)
        for f in mine:
            if fact_confidence(f.detail) >= 0.9 and fact_confidence(f.detail) == top:
                best.setdefault(f.key, []).append(net)
    for net in networks:
        mine = [f for f in net.facts if f.kind == "country" and f.role == "origin"]
        top = max((fact_confidence(f.detail) for f in mine), default=0.0)
        weak = {f.key for f in mine if fact_confidence(f.detail) < top and top >= 0.9
                and any(o is not net for o in best.get(f.key, ()))}
        if weak:
            net.facts = [f for f in net.facts if not (
                f.kind == "country" and f.role == "origin" and f.key in weak)]


def _lead_accounts(lead: NetworkFacts, body: NetworkFacts) -> Fact | None:
    """*lead*'s one figure, a rounded count of accounts ("more than 60 accounts"), when it is
    the sum of *body*'s accounts on every platform (39 + 22)."""
    mine = [f for f in lead.facts if f.kind == "count"]
    if len(mine) != 1 or mine[0].qualifier == "exact" or not mine[0].key.endswith("_accounts"):
        return None
    total = sum(float(f.value) for f in body.facts if f.kind == "count" and f.key.endswith(
        "_accounts"))
    parts = [f for f in body.facts if f.kind == "count" and f.key.endswith("_accounts")]
    if len(parts) < 2 or not total or abs(float(mine[0].value) - total) > 0.1 * total:
        return None
    return mine[0]


def _within_bound(a: Fact, b: Fact) -> bool:
    """"Over 1,000 accounts" in the lead and "1,196 accounts" below: a round lower bound and
    an exact figure just above it are one figure told twice."""
    bound, exact = (a, b) if a.qualifier == "more_than" else (b, a)
    if bound.qualifier != "more_than" or exact.qualifier != "exact":
        return False
    low, value = float(bound.value), float(exact.value)
    return low >= 100 and low == float(f"{low:.2g}") and low <= value < 1.25 * low


def _same_figure(a: Fact, b: Fact) -> bool:
    x, y = float(a.value), float(b.value)
    return abs(x - y) <= 0.1 * max(x, y)


def _drop_totals(networks: list[NetworkFacts]) -> list[NetworkFacts]:
    """A figure that is the sum of other networks' figures is the document's total ("Twitter
    blocked 100 accounts" over networks of 69 and 31), not a network of its own: the figure
    leaves, and a network left with nothing but the summary's places goes with it."""
    if len(networks) < 3:
        return networks

    counts = [{f.key: f for f in net.facts if f.kind == "count"} for net in networks]
    sums: dict[str, float] = {}
    holders: dict[str, int] = {}
    for c in counts:
        for key, f in c.items():
            sums[key] = sums.get(key, 0.0) + float(f.value)
            holders[key] = holders.get(key, 0) + 1
    totals: dict[int, set[str]] = {}
    # Smallest first, and a total found leaves the sum: "more than 2,500 channels" over 2,596
    # and 90 is the total, and 2,596 is then no sum of the rest.
    for value, i, key in sorted((float(f.value), i, key) for i, c in enumerate(counts)
                                for key, f in c.items()):
        f = counts[i][key]
        if holders[key] < 3:
            continue  # a total needs at least two other networks to add up
        whole = sums[key] - value
        slack = 0.1 if f.qualifier in ("about", "more_than", "fewer_than") else 0.01
        # ("Google removed 9,000 channels" over 6,100 from China, 1,500 from Russia, 40 from
        # Ghana: a figure of nowhere, above the sum of the rest, is the period's total)
        bare = not any(x.kind in ("actor", "operation") or x.kind == "country"
                       and x.role in ("origin", "target") for x in networks[i].facts)
        if whole and (abs(value - whole) <= slack * whole or bare and value > whole):
            totals.setdefault(i, set()).add(key)
            sums[key] -= value
            holders[key] -= 1
    for i, c in enumerate(counts):
        summed = [k for k in c if k in totals.get(i, ()) or holders[k] >= 3]
        if i in totals and len(totals[i]) < len(summed):
            del totals[i]  # 6 = 5 + 1 Instagram accounts, but 17 Facebook accounts are no sum
    out: list[NetworkFacts] = []
    for i, net in enumerate(networks):
        keys = totals.get(i)
        if not keys:
            out.append(net)
            continue
        parts = [n for j, n in enumerate(networks) if j != i and any(
            f.kind == "count" and f.key in keys for f in n.facts)]
        _share_with_parts(net, parts)
        net.facts = [f for f in net.facts if not (f.kind == "count" and f.key in keys)]
        # (the tweets a total's accounts posted are the total's too)
        if any(f.kind == "operation" or f.kind == "count" and f.key != "tweets"
               for f in net.facts):
            out.append(net)
    return out


def _share_with_parts(total: NetworkFacts, parts: list[NetworkFacts]) -> None:
    """"100 accounts linked to Russia": 69 and 31 of them are linked to Russia too. A total
    with one origin gives it to the parts that state none (and its one target likewise)."""
    for role in ("origin", "target"):
        mine = [f for f in total.facts if f.kind == "country" and f.role == role]
        if len({f.key for f in mine}) != 1:
            continue
        for part in parts:
            if not any(f.kind == "country" and f.role == role for f in part.facts):
                part.facts.append(Fact("country", mine[0].key, None, None, role,
                                       {**mine[0].detail, "shared": True,
                                        "confidence": min(0.7, fact_confidence(mine[0].detail))},
                                       mine[0].evidence))


def _headlines_as_statements(layout: Layout) -> None:
    """A headline that states a takedown with figures ("Twitter removes 926 accounts linked to
    the Royal Thai Army") is a statement too: the body may never repeat its figure."""
    if any(TAKEDOWN.search(x.text) and re.search(r"\d", x.text) for x in layout.sentences):
        return
    extra = [Sentence(h.start, h.end, h.text, h.para) for h in layout.headings[:3]
             if TAKEDOWN.search(h.text) and re.search(r"\d", h.text) and len(h.text.split()) >= 4]
    if extra:
        layout.sentences = sorted([*layout.sentences, *extra], key=lambda x: x.start)


def _evidence(sent: Sentence) -> Evidence:
    return Evidence(sent.start, sent.end, sent.text)


# "деятельность сетей была направлена на Сирию и Украину", "the networks targeted ...": a
# sentence about several networks at once gives none of them its places.
_NETWORKS_SUBJECT = Caseless(
    r"\b(?:деятельность сетей|эти сети|сети были|the (?:two |three |four |five )?networks|"
    r"these networks|those networks|ces réseaux|les réseaux|estas redes|las redes|esas redes)\b")


def _build_network(layout: Layout, seg: Segment, found: list[_Found], n: int,
                   several: bool = False) -> NetworkFacts:
    facts: list[Fact] = []
    seen: set[tuple[str, str, str | None]] = set()

    def add(fact: Fact, sent: Sentence) -> None:
        ident = (fact.kind, fact.key, fact.role)
        if ident in seen:
            # "more than 3,000 accounts" in the lead, "3,104 accounts" later: keep the exact one
            if fact.kind == "count" and fact.qualifier == "exact":
                old = next(f for f in facts if (f.kind, f.key, f.role) == ident)
                if old.qualifier != "exact" and abs(float(old.value) - float(fact.value)) <= (
                        0.1 * max(float(old.value), float(fact.value))):
                    fact.evidence = _evidence(sent)
                    facts[facts.index(old)] = fact
            return
        seen.add(ident)
        fact.evidence = _evidence(sent)
        facts.append(fact)

    sents = layout.sentences
    for i in seg.sentences + seg.shared:
        if len({p.key for p in found[i].places if p.role in ("origin", "sponsor")}) > 1:
            continue  # a list of origins is not what every network shares
        for p in found[i].places:
            if p.role in ("origin", "sponsor", "target") and i in seg.shared:
                # ("Both networks targeted Chile": every network's target too)
                shared = {**p.detail, "shared": True,
                          "confidence": min(0.7, p.detail.get("confidence", 0.7))}
                add(Fact(p.kind, p.key, None, None, p.role, shared), sents[i])
    past = {i for i in seg.sentences if i != seg.anchor and (
        _PAST_NETWORK.search(sents[i].text) or RECALLED.search(sents[i].text)
        or _EARLIER_ELSEWHERE.search(sents[i].text)
        or NOT_THE_FIRST.search(sents[i].text)
        or _LIKE_AN_EARLIER.search(sents[i].text) or _IN_ADDITION_TO_EARLIER.search(sents[i].text)
        or i > 0 and sents[i - 1].para == sents[i].para and NOT_THE_FIRST.search(
            sents[i - 1].text))}
    for i in seg.sentences:
        still = i != seg.anchor and _STILL_UP.search(sents[i].text)
        part = i != seg.anchor and PART_OF.search(sents[i].text)
        found_by_others = i != seg.anchor and OTHERS_FOUND.search(sents[i].text) and not (
            TAKEDOWN.search(sents[i].text))
        if not (still or part or i in past or found_by_others):
            _breakdown_of_a_figure(facts, seen, found[i].counts)
        for c in found[i].counts:
            kind = c.kind
            if kind == "count" and (c.key not in REMOVED_METRICS or still or part or i in past
                                    or found_by_others):
                continue  # "12 Telegram channels ... are still operating": not removed;
                # "researchers saw a subset of the assets: 23 Pages": not the network's figure;
                # "months after it took down 6,000 accounts": an earlier takedown's;
                # "a BBC investigation identified 800 accounts": not the platform's removal
            add(Fact(kind, c.key, c.value, c.qualifier, None, dict(c.detail)), sents[i])
    anchored = {p.key for p in found[seg.anchor].places if p.role == "origin"}
    # Paragraphs that open "In the case of Russia, ..." about another network than the anchor's
    other_case: dict[int, set[str]] = {}
    for i in seg.sentences:
        lead = CASE_OF.match(sents[i].text)
        if lead and i != seg.anchor and (i == 0 or sents[i - 1].para != sents[i].para):
            near = {p.key for p in found[i].places if p.kind == "country"
                    and p.start - sents[i].start <= lead.end() + 12}
            theirs = near - anchored
            if theirs and anchored:
                other_case[sents[i].para] = theirs
    # Once a sentence has given the network one origin, a later sentence naming several
    # ("Fake accounts in the French network liked posts by the Russian one") speaks of more
    # than this network: of its origins, only those already given count.
    told: set[str] = set()
    for i in seg.sentences:
        about = i == seg.anchor or bool(_ABOUT_NETWORK.search(sents[i].text))
        here = {p.key for p in found[i].places if p.kind == "country" and p.role == "origin"}
        if len(here) == 1 and about and i not in past and not told:
            told = set(here)
        case = CASE_OF.match(sents[i].text) if i != seg.anchor else None
        history = i in past
        together = i != seg.anchor and several and bool(_NETWORKS_SUBJECT.search(sents[i].text))
        for p in found[i].places:
            if (p.role == "origin" and not about or history and p.role in ("origin", "target")
                    or together and p.role in ("origin", "target")):
                continue  # a sentence not about the network (commentary, history) states no role
            if (case and p.role == "origin" and anchored and p.key not in anchored
                    and p.start - sents[i].start <= case.end() + 12):
                continue  # "In the case of the Armenian accounts, ..." speaks of another one
            if p.role == "origin" and sents[i].para in other_case and p.key in other_case[
                    sents[i].para]:
                continue  # ... and so does the rest of that paragraph
            if p.role == "origin" and told and len(here) >= 2 and p.key not in told:
                continue
            add(Fact(p.kind, p.key, None, None, p.role, dict(p.detail)), sents[i])
    origins = [f for f in facts if f.kind == "country" and f.role == "origin"]
    for i in seg.sentences:
        if DOMESTIC.search(sents[i].text):
            for o in origins:
                add(Fact("country", o.key, None, None, "target",
                         {"domestic": True, "as_written": o.detail.get("as_written")}), sents[i])
            break
    strong = {(f.kind, f.key) for f in facts if f.role in ("origin", "target", "sponsor")}
    facts = [f for f in facts if not (f.role == "topic" and (f.kind, f.key) in strong)]
    _add_actors(facts, seg, found, sents, past)
    _origin_from_state_actor(facts)
    _origin_from_sponsor(facts)
    for i in seg.sentences + [k for k in seg.shared if k not in seg.sentences]:
        # (a shared sentence's too: "Both networks posted in Spanish and Quechua")
        for lang in found[i].languages if i not in past else ():
            add(Fact("language", lang.code), sents[i])
    for i in seg.sentences:
        for v in found[i].vocab:
            add(Fact(v.kind, v.key, v.value), sents[i])
    _add_count_platforms(facts, add, sents, seg, found)
    ops = [f.key for f in facts if f.kind == "operation"]
    anchor = sents[seg.anchor]
    verb = TAKEDOWN.search(anchor.text)
    return NetworkFacts(
        label=_label(facts, ops, n),
        facts=facts,
        operation_name=ops[0] if ops else None,
        enforcement=verb.group(0).lower() if verb else None,
        span=(sents[seg.sentences[0]].start, sents[seg.sentences[-1]].end),
    )


def _breakdown_of_a_figure(facts: list[Fact], seen: set[tuple[str, str, str | None]],
                           counts: list[CountHit]) -> None:
    """"Facebook removed 97 accounts" in the lead, "62 accounts, 10 Pages and 25 Groups"
    later: the parts that add up to a figure already taken are the network's counts, and
    that figure is their sum (combined assets), not a number of accounts."""
    parts = {c.key: c.value for c in counts if c.kind == "count" and c.key in REMOVED_METRICS
             and c.key != "combined_assets"}
    if len(parts) < 2:
        return
    total = sum(parts.values())
    whole = [f for f in facts if f.kind == "count" and float(f.value) == total]
    if not whole or not any(f.key in parts and float(f.value) != parts[f.key]
                            for f in facts if f.kind == "count"):
        return
    keep = next((f for f in whole if f.key == "combined_assets"), None)
    for f in whole:
        if f is not keep:
            facts.remove(f)
            seen.discard((f.kind, f.key, f.role))
    if keep is None:
        first = whole[0]
        facts.append(Fact("count", "combined_assets", first.value, first.qualifier, None,
                          {**first.detail, "sum_of_parts": True}, first.evidence))
        seen.add(("count", "combined_assets", None))


_STATE_ACTOR = Caseless(r"\b(?:army|military|government|ministry|intelligence|police|armed forces|"
                        r"security services|navy|air force|KGB|GRU|FSB|regime)\b")


def _origin_from_sponsor(facts: list[Fact]) -> None:
    """A network run "on behalf of the government of Thailand" states no other origin: the
    state it worked for is where it came from, less surely."""
    if any(f.kind == "country" and f.role == "origin" for f in facts):
        return
    sponsors = [f for f in facts if f.kind == "country" and f.role == "sponsor"]
    if len({f.key for f in sponsors}) == 1:
        f = sponsors[0]
        facts.append(Fact("country", f.key, None, None, "origin",
                          {**f.detail, "from_sponsor": True, "confidence": 0.7}, f.evidence))


def _origin_from_state_actor(facts: list[Fact]) -> None:
    """A network run by a state body ("the Royal Thai Army", "the Iranian government")
    comes from that state, when the text names no origin itself."""
    if any(f.kind == "country" and f.role == "origin" for f in facts):
        return
    found: dict[str, Fact] = {}
    for f in facts:
        if f.kind != "actor" or f.role != "attributed" or not _STATE_ACTOR.search(f.key):
            continue
        for word in re.findall(r"[\w'-]+", f.key):  # "Royal Thai Army" is one actor mention
            for m in scan(word):
                resolved = resolve_code(m, f.key) if m.of_kind("country") else None
                if resolved:
                    found.setdefault(resolved[0], f)
    if len(found) == 1:
        code, actor = next(iter(found.items()))
        facts.append(Fact("country", code, None, None, "origin",
                          {"as_written": actor.key, "from_actor": True, "confidence": 0.75},
                          actor.evidence))


def _add_actors(facts: list[Fact], seg: Segment, found: list[_Found], sents: list[Sentence],
                past: AbstractSet[int] = frozenset()) -> None:
    best: dict[tuple[str, str], tuple[ActorHit, Sentence]] = {}
    for i in [k for k in seg.sentences + seg.shared if k not in past]:
        for a in found[i].actors:
            key = (a.name, a.role)
            old = best.get(key)
            if old is None or a.detail.get("strength", 0) > old[0].detail.get("strength", 0):
                best[key] = (a, sents[i])
    attributed = [name for name, role in best if role == "attributed"]
    if ("@coref", "denied") in best:
        hit, sent = best.pop(("@coref", "denied"))
        if attributed:
            hit.name = attributed[-1]
            best.setdefault((attributed[-1], "denied"), (hit, sent))
    researchers = {name for name, role in best if role == "researcher"}
    for (name, role), (hit, sent) in best.items():
        if role == "attributed" and name in researchers:
            continue
        if role == "beneficiary" and name in attributed:
            continue  # "run by the army ... amplifying pro-army content": who ran it, foremost
        facts.append(Fact("actor", name, None, None, role, dict(hit.detail), _evidence(sent)))


def _add_count_platforms(facts: list[Fact], add: object, sents: list[Sentence], seg: Segment,
                         found: list[_Found]) -> None:
    have = {f.key for f in facts if f.kind == "platform"}
    for f in list(facts):
        if f.kind not in ("count", "audience") or f.evidence is None:
            continue
        pid = _METRIC_PLATFORM.get(f.key.split("_")[0])
        if pid and pid not in have:
            have.add(pid)
            facts.append(Fact("platform", pid, evidence=f.evidence))


def _label(facts: list[Fact], ops: list[str], n: int) -> str:
    if ops:
        return ops[0]
    origin = [f.key for f in facts if f.kind in ("country", "region") and f.role == "origin"]
    target = [f.key for f in facts if f.kind in ("country", "region") and f.role == "target"]
    label = f"Network {n}"
    if origin:
        label = f"{'/'.join(origin[:3])}-based network"
    if target:
        label += f" targeting {'/'.join(target[:3])}"
    return label


def extract_facts(
    text: str,
    *,
    title: str | None = None,
    publisher: str | None = None,
    published: str | None = None,
    filename: str | None = None,
    media_type: str | None = None,
    language: str | None = None,
) -> DocumentFacts:
    """Every network, count, place, actor, language and date *text* states, with evidence.

    *language* is what the file declared; the text's own language, as detected, wins. In a
    language whose cue words the rules do not know, no facts are extracted (and the result
    says so) rather than wrong ones."""
    original, text = text, unwrap(text)
    layout = build_layout(text, title)
    _headlines_as_statements(layout)
    content = text[: layout.content_end]
    doc_language = guess_language(content) or language
    if doc_language and doc_language not in SUPPORTED_LANGUAGES:
        return DocumentFacts(
            publisher=publisher, published=iso_published(published) or guess_published(text),
            source_type=guess_source_type(text, layout, 0, filename, media_type),
            language=doc_language,
            warnings=[f"facts not extracted: language not supported yet ({doc_language})"])
    mentions = [m for m in scan(text, layout.all_caps) if m.end <= layout.content_end]
    platform = _default_platform(content, publisher)
    _split_repeated_figures(layout, platform)
    found = _sentence_facts(layout, mentions, platform, content)
    for i in range(len(found) - 1):
        # "Twitter has removed 3,465 accounts ... The account sets include eight distinct
        # operations": the lead's figures are the sum over the units the next sentence counts
        nxt = layout.sentences[i + 1]
        own = any(p.role in ("origin", "target") for p in found[i].places) or any(
            a.role == "attributed" for a in found[i].actors)
        if nxt.para - layout.sentences[i].para <= 1 and _SEVERAL_UNITS.search(nxt.text) and not (
                found[i + 1].counts) and not own:
            for c in found[i].counts:
                c.detail["total_cue"] = True
    per_sentence = [
        SentenceFacts(
            removed={c.key: c.value for c in f.counts if c.kind == "count"},
            origins={p.key for p in f.places if p.role == "origin"},
            has_place_or_actor=bool(
                [p for p in f.places if p.role in ("origin", "target")]
                or [a for a in f.actors if a.role == "attributed"]
            ),
        )
        for f in found
    ]
    segments = segment(layout, per_sentence)
    sections = _heading_sections(layout, mentions, content)
    if len(sections) >= 2 and len([g for g in segments if not g.earlier]) < len(sections):
        segments = [g for g in segments if g.earlier] + sections
        segments.sort(key=lambda g: g.anchor)
    _share_collective(layout, segments, per_sentence)
    several = len(segments) > 1 or any(
        re.search(r"\b(?:\d|two|three|four|five|six|две|два|три|четыре|пять|dos|tres|deux|trois)\s+"
                  r"(?:\w+\s+)?(?:networks|сет(?:и|ей)|redes|réseaux)\b", x.text, re.I)
        for x in layout.sentences)
    networks = [_build_network(layout, seg, found, k + 1, several)
                for k, seg in enumerate(segments)]
    labels = _labels(layout, mentions, content)
    for seg, net in zip(segments, networks, strict=True):
        _origin_from_heading(layout, seg, net, mentions, content, labels)
    # A passing mention of an earlier takedown is a reference, not a network of this document.
    kept = [(seg, net) for seg, net in zip(segments, networks, strict=True)
            if not (seg.earlier and (_PASSING.search(layout.sentences[seg.anchor].text)
                                     or LATER_THEN.match(layout.sentences[seg.anchor].text)
                                     or ALSO_AFTER.match(layout.sentences[seg.anchor].text)))]
    segments, networks = [k[0] for k in kept], [k[1] for k in kept]
    named = _countries_named(layout, mentions, content)
    networks = discover(layout, found, segments, networks, named, labels, platform)
    collective_languages(layout, found, networks)
    _attach_by_origin(layout, found, networks, named)
    _attach_to_the_only_network(layout, found, networks)
    _origin_by_figure(layout, found, networks)
    networks = _drop_totals(_merge_retold(_drop_flagged_totals(_drop_total_of_listed(networks))))
    _origins_owned_elsewhere(networks)
    _summary_places_owned_elsewhere(networks)
    networks = _drop_counted_told_by_name(networks)
    for k, net in enumerate(networks, start=1):
        _state_actors_of_its_origin(net)
        _drop_inner_totals(net)
        _domestic_target(net)
        _posed_as_audience(net)
        _denials_of_the_attributed(net)
        _abstain_on_lists(net)
        _rate(net)
        if net.operation_name is None:
            net.label = _label(net.facts, [], k)  # what is left after discovery decides
    if text != original:  # evidence quotes the text as given, line breaks and all
        for net in networks:
            for f in net.facts:
                if f.evidence is not None:
                    ev = f.evidence
                    f.evidence = Evidence(ev.start, ev.end, original[ev.start : ev.end])
    source_type = guess_source_type(text, layout, len(segments), filename, media_type)
    return DocumentFacts(
        publisher=publisher or guess_publisher(text, layout, source_type),
        published=iso_published(published) or guess_published(text),
        source_type=source_type,
        language=doc_language,
        networks=networks,
    )
