"""Networks described without figures, and country lists spread over the networks they name.

Runs after the figure-anchored segmentation. Finds the units a document introduces by name
or by enumeration ("two operations originating in Iraq and Ukraine", "five campaigns
associated with five countries: ...", "known as 'Bad Grammar' and 'Doppelganger'") and
makes one network per unit, with one origin each; a figure network that names one of them
becomes that unit, and a summary network that merely repeats the list loses the copies.
Pure: takes sentences and their facts, returns NetworkFacts.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from archive.extract.caseless import Caseless
from archive.extract.countries import DOMESTIC
from archive.extract.counts import find_counts
from archive.extract.gazetteer import scan
from archive.extract.layout import Layout, Sentence
from archive.extract.networks import (
    CASE_OF,
    COLLECTIVE,
    NOT_THE_FIRST,
    RECALLED,
    TAKEDOWN,
    Segment,
)
from archive.facts import Evidence, Fact, NetworkFacts

_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "both": 2,
                 "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "deux": 2, "trois": 3,
                 "quatre": 4, "cinq": 5, "две": 2, "два": 2, "три": 3, "четыре": 4, "пять": 5}
def _count_of(word: str | None) -> int:
    """"3", "three", "trois", "одна": the number a count of units is written as (0 if none)."""
    w = (word or "").lower()
    if w.isdigit():
        return int(w)
    return _NUMBER_WORDS.get(w, 1 if w in ("one", "un", "una", "une", "одна", "одну") else 0)


_PLURAL_UNIT = Caseless(
    r"\b(?:(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|both|"
    r"dos|tres|cuatro|cinco|deux|trois|quatre|cinq|две|два|три|четыре|пять)\s+"
    r"(?:(?:[\w-]+\s+){0,3}))?"
    r"(?:networks|operations|campaigns|IOs|clusters|groups|sets of accounts|account sets|"
    r"influence operations|information operations|redes|operaciones|campañas|réseaux|"
    r"opérations|campagnes|сети|сетей|операции|операций|кампании|кампаний|"
    r"групп[ыа]? (?:учетных|учётных) записей|групп[ыа]? аккаунтов)\b")
_SOCIAL_NETWORK = Caseless(r"(?:социальн\w*|social|sociales|sociaux)\s+$")


# Every unit noun of _PLURAL_UNIT holds one of these (lower case).
_UNIT_KEYS = ("network", "operation", "campaign", "ios", "cluster", "group", "set", "redes",
              "operac", "campañ", "réseau", "opérat", "campagn", "сет", "операц", "кампан",
              "групп")


@lru_cache(maxsize=1024)
def _plural_unit(text: str) -> re.Match[str] | None:
    """The sentence's mention of several units, the one with a number first ("удалила три
    группы ..." after "социальной сети Facebook"); social networks are not units."""
    low = text.lower()
    if not any(k in low for k in _UNIT_KEYS):
        return None
    found = [m for m in _PLURAL_UNIT.finditer(text)
             if not _SOCIAL_NETWORK.search(text[max(0, m.start() - 14) : m.start()])]
    return next((m for m in found if m.group("n")), found[0] if found else None)


_EARLIER = Caseless(
    r"\b(?:previously(?! un\w+| not)|in the past(?! (?:\w+ )?(?:days|weeks|months|quarter))|last year|years? ago|in (?:19|20)\d\d,? (?:it|the company|we)|"
    r"similar to|such as those|like the|resembl\w*|reminiscent|earlier (?:this|last)|"
    # "... coverage of the Q3 report showed similar patterns of operations from A and B"
    r"similar (?:patterns|trends|tactics|activity)|(?:previous|prior|past|earlier) (?:quarters?|"
    r"reports?|bulletins?|disclosures))\b"
    # "In May, OpenAI reported that ... networks from A, B and C": an earlier report retold
    r"|^\W*In (?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)(?: (?:19|20)\d\d)?, [^.;]{0,40}?\b(?:reported|disclosed|announced|"
    r"revealed|published|said)\b")
_ALL_UNITS = Caseless(r"\b(?:all|each|every one) (?:of )?(?:these|the|those) (?:\w+ )?"
                      r"(?:networks|operations|campaigns)\b|\beach (?:network|operation)\b")
_ONE_CAMPAIGN_IDIOM = Caseless(r"\b(?:investigation into|as part of)\s+(?:\w+\s+){0,3}operations\b")
# "... found that the operations, linked to governments in Cuba, Serbia and Bolivia, ...":
# the units the sentence before counted
_THE_UNITS = Caseless(r"\b(?:the|these|those|ces|les|estas|las|эти)\s+(?:operations|networks|"
                      r"campaigns|opérations|réseaux|campagnes|operaciones|redes|campañas|"
                      r"операции|сети|кампании)\b")
_AMONG_THEM = Caseless(r"\b(?:among them|of them|of these|среди них|из них|entre ell[oa]s|parmi eux|"
                       r"parmi ceux-ci|parmi celles-ci|de ell[oa]s|de estas|de estos|"
                       r"parmi elles|d['’]entre eux)\b")
# "Others were linked to ...", "The rest came from ...": the units a sentence before counted
_THE_OTHERS = Caseless(r"\W*(?:the\s+)?(?:others|rest|remaining\s+(?:\w+\s+)?(?:operations|"
                       r"networks|campaigns)|other\s+(?:\w+\s+)?(?:operations|networks|"
                       r"campaigns))\b|\W*(?:las|los)\s+(?:demás|otras|otros)\b|"
                       r"\W*(?:les\s+autres|d['’]autres)\b|\W*(?:остальные|другие)\b")
_GOVERNMENTS = Caseless(r"\b(?:governments|правительствами|правительств|gobiernos|gouvernements)\b")
def _earlier(layout: Layout, i: int) -> bool:
    """Sentence *i* tells an earlier takedown: itself, or right after "This isn't the first
    time OpenAI has taken action ..." in its paragraph."""
    sents = layout.sentences
    if _EARLIER.search(sents[i].text) or RECALLED.search(sents[i].text):
        return True
    return i > 0 and sents[i - 1].para == sents[i].para and bool(
        NOT_THE_FIRST.search(sents[i - 1].text))


_N_COUNTRIES = Caseless(r"\b(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                        r"twelve)\s+(?:different\s+|separate\s+)?countries\b")
_COUNTRIES_WORD = Caseless(r"\b(?:countries|nations|pa[íi]ses|pays|стран\w*)\b")
ENUMERATION_CONFIDENCE = 0.8
OPERATION_ORIGIN_CONFIDENCE = 0.85
NEIGHBOUR_ORIGIN_CONFIDENCE = 0.7


@dataclass(slots=True)
class _Unit:
    kind: str  # country | operation | ordinal ("another operation") | also ("also a network ...")
    value: str
    sentence: int
    facts: list[Fact] = field(default_factory=list)
    network: NetworkFacts | None = None


def _evidence(sent: Sentence) -> Evidence:
    return Evidence(sent.start, sent.end, sent.text)


def _origins(found: Any) -> list[Any]:
    seen: dict[str, Any] = {}
    for p in found.places:
        if p.kind == "country" and p.role == "origin":
            seen.setdefault(p.key, p)
    return list(seen.values())


def _operations(found: Any) -> list[Any]:
    seen: dict[str, Any] = {}
    for v in found.vocab:
        if v.kind == "operation":
            seen.setdefault(v.key, v)
    return list(seen.values())


_LIST_AFTER_UNIT = re.compile(
    r"\s*(?:of (?:fake )?accounts\s+|de cuentas\s+|de comptes\s+|аккаунтов\s+|учетных записей\s+)?"
    r"(?:[—–:,(-]\s*)?(?:in|from|en|de|desde|в|из|d['’]|du|des)\s*(?:the\s+)?")
# "5 networks engaged in foreign or government interference in Egypt, India, ...": a few
# words that aim nowhere, then the list (taken only when the number matches it)
_LIST_AFTER_WORDS = Caseless(
    r"\s+(?!(?:\w+\s+){0,5}?(?:target|aim|focus|against|at\b|toward|to\b|dirig|visa|ciblant|"
    r"против|нацел))(?:[\w'’-]+\s+){1,6}?(?:in|from|en|de|desde|в|из)\s+(?:the\s+)?")
_PREPOSITION = Caseless(r"\b(?:in|from|en|de|desde|в|из)\s+(?:the\s+)?")
# "nine networks in its latest report: in China, Russia, ...": a few words, a colon, the list
_LIST_AFTER_COLON = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,5}?[\w'’-]+\s*:\s*(?:(?:in|from|en|de|desde|в|из)\s+)?(?:the\s+)?")
_LIST_JOIN = re.compile(r"^(?:\s*(?:,|and|y|et|и|&|/)\s*|\s*,\s*(?:and|y|et|и)\s+)(?:the\s+)?"
                        r"(?:d['’]\s*|du\s+|des\s+|de\s+(?:la\s+|l['’]\s*)?)?$")


def _listed_after(sent: Sentence, plural: re.Match[str], named: list[tuple[str, int, int, str]]
                  ) -> list[Any]:
    """"six CIB networks — in the United States, Iran, China ...": the list right after."""
    for rx in (_LIST_AFTER_UNIT, _LIST_AFTER_COLON):
        lead = rx.match(sent.text, plural.end())
        found = _list_at(sent, lead.end(), named) if lead else []
        if len(found) >= 2:
            return found
    n = plural.group("n")
    count = _count_of(n)
    if not count or not _LIST_AFTER_WORDS.match(sent.text, plural.end()):
        return []
    window = sent.text[plural.end() : plural.end() + 80]
    for prep in _PREPOSITION.finditer(window):
        found = _list_at(sent, plural.end() + prep.end(), named)
        if len(found) >= 2 and count == len(found) - len({p.partner for p in found if p.partner}):
            return found
    return []


def _list_at(sent: Sentence, at: int, named: list[tuple[str, int, int, str]]) -> list[Any]:
    pos = sent.start + at
    out: list[_Listed] = []
    joins: list[str] = []
    for code, a, b, surface in named:
        if a < pos:
            continue
        gap = sent.text[pos - sent.start : a - sent.start]
        if a != pos and not _LIST_JOIN.match(gap):
            break
        if out:
            joins.append(gap.strip().lower())
        out.append(_Listed(code, {"as_written": surface}))
        pos = b
    # "in the United States and Venezuela, Iran, China ... and Togo": an "and" before the last
    # join binds a pair that is one unit.
    for k, join in enumerate(joins[:-1]):
        if join in ("and", "y", "et", "и") and "," in "".join(joins[k + 1 :]):
            out[k].partner = out[k + 1].key
    for k, join in enumerate(joins):
        if join == "/":  # "Myanmar/Vietnam": one unit run from both
            out[k].partner = out[k + 1].key
    return out


@dataclass(slots=True)
class _Listed:
    key: str
    detail: dict[str, Any]
    kind: str = "country"
    role: str = "origin"
    partner: str | None = None  # the next item, when the two are one unit ("A and B, C")


_ITEM_BEFORE = re.compile(
    r"(?:^|[\s,:;(])(?P<num>\d{1,3}(?:[,\u00a0 ]\d{3})*|\d+)\s+(?:\w+\s+)?(?:from|in|linked to|"
    r"tied to|based in|originating in|de|desde|из|в)\s+(?:the\s+|la\s+|el\s+)?(?:fake\s+)?$")


_OF_THEM = Caseless(
    r"(?:^|[\s,:;(])(?:более|свыше|около|more than|over|about|some|más de|plus de)?\s*"
    r"(?P<num>\d{1,3}(?:[,\u00a0 ]\d{3})*|\d+)\s+(?:из них|of them|of these|de ellas|de ellos|"
    r"d'entre eux|d’entre eux)\s*(?:[—–-]|were|are|was|eran|étaient|были)?\s*$")


# "Parmi ceux-ci, 100 sont soupçonnés d'être associés à la Russie", "Of these, 100 were
# linked to Russia": the figure first, its country at the end of the clause
_AMONG_THEM_NUM = Caseless(
    r"^\W*(?:parmi (?:ceux-ci|eux|elles|celles-ci)|of (?:these|them|those)|among (?:them|these)|"
    r"de (?:ellas|ellos|estas|estos)|entre (?:ellas|ellos)|из них|среди них)\s*,?\s*"
    r"(?:(?:more than|over|about|plus de|environ|más de|cerca de|более|около)\s+)?"
    r"(?P<num>\d{1,3}(?:[,\u00a0 ]\d{3})*|\d+)\s+(?:[\w'’-]+\s+){1,7}?"
    r"(?:à|au|aux|a|al|с|со|to|with|de|from|in|en)\s+(?:la\s+|le\s+|l['’]\s*|the\s+)?$")


def _itemised_units(layout: Layout, found: Sequence[Any],
                    named_in: Sequence[list[tuple[str, int, int, str]]]) -> list[_Unit]:
    """"1,594 accounts ... in 5 countries: 104 from Iran, 33 from Saudi Arabia, 526 from
    Cuba": a list of figures, each with its origin, is one network per item; so is "more
    than 7,700 of them were Chinese" after a total."""
    units: list[_Unit] = []
    last_metric: str | None = None
    for i, sent in enumerate(layout.sentences):
        counts = [c for c in found[i].counts if c.kind == "count"]
        if counts:
            last_metric = counts[0].key
        if last_metric is None:
            continue
        of_them = (_numbered_before(sent, named_in[i], _OF_THEM, 60)
                   or _numbered_before(sent, named_in[i][:1], _AMONG_THEM_NUM, 90))
        if len(of_them) == 1 and not any(u.value == of_them[0][0] for u in units):
            units.append(_itemised_unit(sent, i, *of_them[0], last_metric, 0.8))
            continue
        if not counts or len(named_in[i]) < 2:
            continue
        items = _numbered_before(sent, named_in[i], _ITEM_BEFORE, 40)
        if len(items) < 2:  # "Mexico (276), China (2,048) and Uganda (418)"
            items = _numbered_after(sent, named_in[i])
        if len(items) < 2 or len({c for c, _, _ in items}) != len(items):
            continue
        for code, value, surface in items:
            if not any(u.value == code for u in units):
                units.append(_itemised_unit(sent, i, code, value, surface, counts[0].key, 0.85))
    return units


def _listed_figure_units(layout: Layout, found: Sequence[Any]) -> list[_Unit]:
    """"additional Russian operations resulting in 43, 37, 22 and 4 channel terminations
    across separate campaigns": each listed figure is one unit, from the sentence's one
    origin (or the one its paragraph's sentence before gives)."""
    units: list[_Unit] = []
    sents = layout.sentences
    for i, sent in enumerate(sents):
        listed = [c for c in found[i].counts if c.kind == "count" and c.detail.get("listed")]
        if len(listed) < 2 or len({c.key for c in listed}) != 1 or _earlier(layout, i):
            continue
        origins = _origins(found[i])
        if not origins and i and sents[i - 1].para == sent.para:
            origins = _origins(found[i - 1])
        if len(origins) != 1 or not (_plural_unit(sent.text) or _UNIT_NOUN.search(sent.text)):
            continue
        p = origins[0]
        for k, c in enumerate(sorted(listed, key=lambda c: c.start)):
            units.append(_Unit("ordinal", f"#{i}.{k}", i, [
                Fact("country", p.key, None, None, "origin",
                     {**p.detail, "confidence": ENUMERATION_CONFIDENCE}, _evidence(sent)),
                Fact("count", c.key, c.value, c.qualifier, None,
                     {**c.detail, "confidence": 0.8, "itemised": True}, _evidence(sent))]))
    return units


def _numbered_before(sent: Sentence, named: list[tuple[str, int, int, str]],
                     rx: re.Pattern[str] | Caseless, window: int) -> list[tuple[str, int, str]]:
    """(code, figure, as written) for each named country with a figure just before it."""
    out: list[tuple[str, int, str]] = []
    for code, a, _b, surface in named:
        m = rx.search(sent.text[max(0, a - sent.start - window) : a - sent.start])
        if m:
            out.append((code, int(re.sub(r"\D", "", m.group("num"))), surface))
    return out


# "Mexico (276)", "Russia (45 channels)", "Iran with 12"
_ITEM_AFTER = re.compile(r"\s*\((?P<num>\d{1,3}(?:[,.\u00a0 ]\d{3})*|\d+)(?:\s+(?:[\w-]+\s+){0,2}?"
                         r"(?:accounts|channels|Pages|Groups|profiles|blogs|domains|cuentas|canales|"
                         r"comptes|chaînes|аккаунт\w*|канал\w*))?\)|\s+with\s+"
                         r"(?P<num2>\d{1,3}(?:[,.\u00a0 ]\d{3})*|\d+)\b(?!\s*%)")


def _numbered_after(sent: Sentence, named: list[tuple[str, int, int, str]]
                    ) -> list[tuple[str, int, str]]:
    """(code, figure, as written) for each named country with its figure right after it."""
    out: list[tuple[str, int, str]] = []
    for code, _a, b, surface in named:
        m = _ITEM_AFTER.match(sent.text, b - sent.start)
        if m:
            out.append((code, int(re.sub(r"\D", "", m.group("num") or m.group("num2"))), surface))
    return out


def _itemised_unit(sent: Sentence, i: int, code: str, value: int, surface: str, metric: str,
                   confidence: float) -> _Unit:
    """A unit of one list item: "104 from Iran" is a network from Iran of 104 <metric>."""
    return _Unit("country", code, i, [
        Fact("country", code, None, None, "origin",
             {"as_written": surface, "confidence": ENUMERATION_CONFIDENCE, "itemised": True},
             _evidence(sent)),
        Fact("count", metric, value, "exact", None,
             {"as_written": str(value), "confidence": confidence, "itemised": True},
             _evidence(sent))])


def _enumerated_units(layout: Layout, found: Sequence[Any],
                      named_in: Sequence[list[tuple[str, int, int, str]]],
                      repeats: set[int]) -> list[_Unit]:
    """Countries a sentence lists as the origins of as many units as it names. *repeats*
    collects the sentences that list them again."""
    units: list[_Unit] = []
    for i, sent in enumerate(layout.sentences):
        origins = _origins(found[i])
        if not origins:
            # "в интересах властей Китая, Турции и России": on whose behalf, one unit each
            origins = list({p.key: p for p in found[i].places
                            if p.kind == "country" and p.role == "sponsor"}.values())
            if len(origins) < 2:
                origins = []
        unit_match = _plural_unit(sent.text)
        if unit_match:
            # (the list as written says which items go in pairs: "in the US and Venezuela, Iran")
            listed = _listed_after(sent, unit_match, list(named_in[i]))
            n_unit = unit_match.group("n")
            units_said = _count_of(n_unit)
            if len(origins) < 2 or listed and ({p.key for p in listed} >= {p.key for p in origins}
                                               or len(listed) == units_said):
                # ("... an operation from Chile known as B, and three campaigns from Bolivia,
                # Ecuador and Colombia": the three the number counts are the list after it)
                origins = listed or origins
        prior = layout.sentences[i - 1].text if i and layout.sentences[i - 1].para in (
            sent.para, sent.para - 1) else ""
        counted = None
        said = _N_COUNTRIES.search(prior) if prior and not origins and not unit_match else None
        if said and TAKEDOWN.search(prior):
            # "... suspended accounts in seven countries. The announcement covered A, B, ...":
            # as many countries named as the sentence before counted
            n_said = said.group("n")
            want = _count_of(n_said)
            listed_here = list({c: (c, surf) for c, _a, _b, surf in named_in[i]}.values())
            if want >= 2 and len(listed_here) == want:
                origins = [_Listed(c, {"as_written": surf}) for c, surf in listed_here]
                counted = re.match(r"(?P<n>)", "")
        if len(origins) < 2 or _earlier(layout, i):
            continue
        plural = _plural_unit(sent.text) or counted
        back = 2 if _AMONG_THEM.search(sent.text) or _THE_UNITS.search(sent.text) else 1
        if _THE_OTHERS.match(sent.text):
            back = 3  # "Four were from China. Others were linked to A, B and C."
        for j in range(i - 1, max(-1, i - 1 - back), -1):
            if plural or not (back > 1 or layout.sentences[j].para == sent.para):
                break
            # "... disclosed five distinct networks. The accounts were attributed to Iran,
            # Saudi Arabia, Cuba, Thailand and Russia.": the number is in the sentence before
            # (or two before, when this one says "among them")
            before = _plural_unit(layout.sentences[j].text)
            if before and before.group("n"):
                # (the others are some of the number counted, one unit per country named)
                plural = re.match(r"(?P<n>)", "") if back == 3 else before
        if not plural and len(origins) >= 2 and TAKEDOWN.search(sent.text) and _GOVERNMENTS.search(
                sent.text):
            # "удалил аккаунты, связанные с правительствами Ирана и Армении": two governments,
            # two networks
            plural = re.match(r"(?P<n>)", "")
        if not plural and len(origins) >= 3 and (TAKEDOWN.search(sent.text) or TAKEDOWN.search(
                prior) and re.search(r"\b(?:channels|accounts|campaigns|operations|others|the bulk|"
                                     r"the rest|the remainder|most of them)\b", sent.text, re.I)):
            # "suspended accounts that originated in China, UAE, Egypt, Saudi Arabia, Spain and
            # Ecuador": a takedown from three or more countries at once is as many networks
            plural = re.match(r"(?P<n>)", "")
        if not plural:
            continue
        n = plural.group("n")
        if not n and _ONE_CAMPAIGN_IDIOM.search(sent.text) and not _COUNTRIES_WORD.search(sent.text):
            continue  # "investigation into coordinated influence operations linked to A and B"
        partners = {p.partner for p in origins if getattr(p, "partner", None)}
        if re.search(r"\b(?:respectively|respectivamente|respectivement|соответственно)\b",
                     sent.text, re.IGNORECASE):
            pass  # "the assets originating in A and B, C, and D, respectively": one per item
        elif n:
            count = _count_of(n)
            if count == len(origins) - len(partners):
                pass  # pairs joined by "and" are one unit each
            elif count == len(origins):
                partners = set()
            else:
                continue  # "three networks from Russia and Iran": which is which is unknown
        else:
            partners = set()
        domestic = bool(DOMESTIC.search(sent.text))
        if {p.key for p in origins} <= {u.value for u in units}:
            repeats.add(i)
            continue  # the same list again (a caption repeating the lead)
        # "influence campaigns in A, B and C that tried to sway politics": where the sentence
        # itself reads every listed country as a target, the units are aimed there
        roles: dict[str, set[str]] = {}
        for pl in found[i].places:
            if pl.kind == "country":
                roles.setdefault(pl.key, set()).add(pl.role)
        # (not "5 networks engaged in interference in A, B, ...": a count of units, then where
        # each is from)
        aimed = not n and all(isinstance(p, _Listed) and roles.get(p.key) == {"target"}
                              for p in origins)
        role = "target" if aimed else "origin"
        # "... from Peru and Bolivia, which targeted Chile and Ecuador respectively": one
        # target per unit, in order
        paired: dict[str, Any] = {}
        if not aimed and _RESPECTIVELY.search(sent.text):
            targets = list({pl.key: pl for pl in found[i].places
                            if pl.kind == "country" and pl.role == "target"}.values())
            if len(targets) == len(origins):
                paired = {p.key: t for p, t in zip(origins, targets, strict=True)}
        for p in origins:
            if any(u.value == p.key for u in units) or p.key in partners:
                continue
            fact = Fact("country", p.key, None, None, role,
                        {**p.detail, "confidence": ENUMERATION_CONFIDENCE, "enumerated": True},
                        _evidence(sent))
            unit = _Unit("country", p.key, i, [fact])
            partner = getattr(p, "partner", None)
            if partner in partners:
                unit.facts.append(Fact("country", str(partner), None, None, role,
                                       {"confidence": ENUMERATION_CONFIDENCE, "enumerated": True},
                                       _evidence(sent)))
            if domestic and not aimed:  # "two operations in Iraq and Ukraine engaging in domestic-focused ..."
                unit.facts.append(Fact("country", p.key, None, None, "target",
                                       {"as_written": p.detail.get("as_written"), "domestic": True,
                                        "confidence": ENUMERATION_CONFIDENCE}, _evidence(sent)))
            if p.key in paired:
                t = paired[p.key]
                unit.facts.append(Fact("country", t.key, None, None, "target",
                                       {**t.detail, "confidence": ENUMERATION_CONFIDENCE,
                                        "respectively": True}, _evidence(sent)))
            units.append(unit)
    return units


_RESPECTIVELY = Caseless(r"\b(?:respectively|respectivamente|respectivement|соответственно)\b")
_ONE_OF = Caseless(
    r"(?:\b|(?<=\s))(?:(?:one|another|the other|a third|una|uno|otra|otro|une|un autre|une autre|l['’]autre|"
    r"l['’]une?|une? (?:deuxième|second|seconde|troisième|quatrième)|una (?:segunda|tercera|cuarta)|"
    r"un (?:segundo|tercero|cuarto)|"
    r"(?:a|an)(?=\s+(?:[\w-]+\s+)?(?:network|operation|campaign)\s)|"
    r"одн[ау]|друг\w+|ещё одн[ау]|еще одн[ау]|"
    # "the first, based in Iran, ...; the second, in China": ordinals in each language
    r"the (?:first|second|third|fourth|last|latter|former)|"
    r"(?:le|la) (?:premi[eè]re?|deuxième|second|seconde|troisième|quatrième|dernière?)|"
    r"(?:el|la) (?:primer[oa]|segund[oa]|tercer[oa]|cuart[oa]|últim[oa])|"
    r"перв(?:ая|ый)|втор(?:ая|ой)|треть(?:я|ий)|последн(?:яя|ий))"
    r",?\s+(?:(?:[\w-]+,?\s+){0,2}?)|"
    # "L'un d'eux – de Tunisie – se concentrait sur ..."
    r"l['’]une?\s+d['’](?:eux|elles)\s*[,–—-]?\s*|"
    # "Some of this activity originated in Iran, and some originated in Russia"
    r"(?:some|others)\s+(?:(?:[\w-]+\s+){0,4}?)(?:originated|came|were based|was based|"
    r"operated|was run|were run)\s+)"
    r"(?:(?:in|from|based in|en|au|aux|de|desde|в|из)\s+|d['’]\s*)(?:the\s+|la\s+|el\s+|l['’]\s*)?$")


_COUNTRIES_INCLUDING = Caseless(
    r"\b(?:(?:in|across|from|linked to) (?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|"
    r"multiple) (?:different )?countries,?\s+(?:including|such as|among them|notably)|"
    r"en (?:\d+|dos|tres|cuatro|cinco|seis|varios) países,?\s+(?:incluyendo a|incluidos|entre ellos|"
    r"como)|dans (?:\d+|deux|trois|quatre|cinq|six|plusieurs) pays,?\s+(?:dont|notamment|"
    r"parmi lesquels)|в (?:\d+|двух|трех|трёх|четырех|четырёх|пяти|нескольких) странах,?\s+"
    r"(?:в том числе|включая))\s+(?:the\s+|la\s+|le\s+|el\s+)?")
_OTHER_NATIONS = Caseless(r"\b(?:the other countries|other countries|las otras naciones|los otros "
                          r"países|otros países|les autres pays|другие страны|остальные страны)\b")


def _countries_including_units(layout: Layout,
                               named_in: Sequence[list[tuple[str, int, int, str]]]) -> list[_Unit]:
    """"shut down 3,500 accounts ... in six countries, including Tanzania, Uganda, China, and
    Russia": a takedown spanning countries, some of them named: one unit per named one."""
    units: list[_Unit] = []
    for i, sent in enumerate(layout.sentences):
        m = _COUNTRIES_INCLUDING.search(sent.text)
        if not m or not TAKEDOWN.search(sent.text) or _earlier(layout, i):
            continue
        listed = list(_list_at(sent, m.end(), list(named_in[i])))
        nxt = i + 1 < len(layout.sentences) and layout.sentences[i + 1]
        if nxt and _OTHER_NATIONS.search(nxt.text) and named_in[i + 1]:
            # "... en cuatro países, incluyendo a Honduras. Tailandia, Rusia, Ucrania son las
            # otras naciones afectadas": the list goes on in the next sentence
            listed += [_Listed(c, {"as_written": w}) for c, *_rest, w in named_in[i + 1]
                       if not any(x.key == c for x in listed)]
        for p in listed:
            units.append(_Unit("country", p.key, i, [Fact(
                "country", p.key, None, None, "origin",
                {**p.detail, "confidence": 0.75, "enumerated": True}, _evidence(sent))]))
    return units if len(units) >= 2 else []


_A_NETWORK_TARGETING = Caseless(
    r"\b(?:a|one)\s+(?:[\w-]+\s+)?(?:network|operation|campaign)\s+(?:that\s+)?"
    r"(?:targeting|targeted|aimed at|focused on)\b")
_ANOTHER_TARGETING = Caseless(r"\banother\s+(?:one\s+)?(?:that\s+)?(?:targeting|targeted|aimed at|focused on)\b")


_NETWORKS_AIMED = Caseless(
    r"\b(?:networks|operations|campaigns|redes|operaciones|campañas|réseaux|opérations|"
    r"campagnes|сети|операции|кампании)\b[^.;]{0,80}?\b(?:target\w*|aim\w*|influenc\w*|"
    r"focus\w*|dirigid\w*|visant|ciblant|influir|нацелен\w*|направлен\w*)\b")
_FOUND_UNITS = Caseless(r"\b(?:found|identified|uncovered|detected|encontr\w+|identific\w+|"
                        r"détect\w+|identifi\w+|выявил\w*|обнаружил\w*)\b")


def _aimed_list_units(layout: Layout, found: Sequence[Any],
                      named_in: Sequence[list[tuple[str, int, int, str]]]) -> list[_Unit]:
    """"TikTok found larger networks aiming to influence political discourse in Bangladesh,
    Venezuela and Serbia": networks, plural, each aimed at one of the listed countries; no
    origin is said, so the units have a target only."""
    units: list[_Unit] = []
    for i, sent in enumerate(layout.sentences):
        m = _NETWORKS_AIMED.search(sent.text)
        before = sent.text[max(0, m.start() - 40) : m.start()] if m else ""
        # (the networks are what was found or removed: "removed networks targeting ...", not
        # "in one of the operations" or "a network that ran campaigns aimed at ...")
        if (not m or _earlier(layout, i) or _origins(found[i])
                or not re.search(r"(?:" + TAKEDOWN.pattern + r"|" + _FOUND_UNITS.pattern
                                 + r")\s+(?:[\w-]+\s+){0,3}$", before, re.IGNORECASE)
                or re.search(r"\bone of\b", before, re.I)):
            continue
        roles = {p.key: p.role for p in found[i].places if p.kind == "country"}
        listed: list[tuple[str, str]] = []
        for code, a, _b, surface in named_in[i]:
            if a - sent.start >= m.end() and roles.get(code) in (None, "target", "topic") and (
                    code not in (c for c, _ in listed)):
                listed.append((code, surface))
        if len(listed) < 2:
            continue
        for k, (code, surface) in enumerate(listed):
            units.append(_Unit("ordinal", f"#{i}.{k}", i, [Fact(
                "country", code, None, None, "target",
                {"as_written": surface, "confidence": ENUMERATION_CONFIDENCE - 0.1},
                _evidence(sent))]))
    return units


# "one ... the other", "the first ... the second": where each of several units begins
_ONE_AND_OTHER = Caseless(r"\b(?:one|another|the (?:first|second|third|last|other)|"
                          r"l['’]une?|l['’]autre|le premier|la première|le second|"
                          r"le deuxième|la deuxième|una|uno|la otra|el otro|la primera|"
                          r"la segunda|el primero|el segundo|одна|другая|первая|вторая)\b")


def _targets_told_next(layout: Layout, found: Sequence[Any], units: list[_Unit]) -> None:
    """"Meta removed two networks from Russia. The first targeted Ukraine; the second
    Moldova.": units one sentence introduces get their targets, in order, from the next
    sentence's "the first ... the second ..." stretches."""
    by_sentence: dict[int, list[_Unit]] = {}
    for u in units:
        by_sentence.setdefault(u.sentence, []).append(u)
    sents = layout.sentences
    for i, group in by_sentence.items():
        if len(group) < 2 or i + 1 >= len(sents) or sents[i + 1].para != sents[i].para or any(
                f.role == "target" for u in group for f in u.facts):
            continue
        nxt = sents[i + 1]
        marks = [m.start() + nxt.start for m in _ONE_AND_OTHER.finditer(nxt.text)]
        if len(marks) != len(group) or marks[0] - nxt.start > 4:
            continue
        for unit, a, b in zip(group, marks, [*marks[1:], nxt.end], strict=True):
            unit.facts += [Fact("country", t.key, None, None, "target",
                                {**t.detail, "confidence": ENUMERATION_CONFIDENCE},
                                _evidence(nxt))
                           for t in found[i + 1].places
                           if t.kind == "country" and t.role == "target" and a <= t.start < b]


_THE_DEMONYM_UNIT = Caseless(
    r"\b(?:the|a|an|la|el|le|l['’])\s*(?P<dem>[A-ZÀ-Ý][\w-]+)\s+(?:network|one|operation|campaign|group|"
    r"cluster)\b|\b(?:la|el|le)\s+(?:red|réseau|operación|opération|campaña|campagne)\s+"
    r"(?P<dem2>[a-zà-ý][\w-]+)|"
    # "while the one in Laos focused on Thailand"
    r"\bthe\s+(?:one|network|operation|campaign)\s+(?:in|from|based in|run from)\s+(?:the\s+)?"
    r"(?P<dem3>[A-ZÀ-Ý][\w-]+)")


def _targets_by_demonym(layout: Layout, found: Sequence[Any],
                        named_in: Sequence[list[tuple[str, int, int, str]]],
                        units: list[_Unit]) -> None:
    """"... took down networks in China, Iran and Romania. The Chinese network targeted
    Myanmar and Japan; the Iranian one focused on Azerbaijan": the units listed get their
    targets from the clauses that name them by their people after."""
    sents = layout.sentences
    by_sentence: dict[int, list[_Unit]] = {}
    for u in units:
        if u.kind == "country":
            by_sentence.setdefault(u.sentence, []).append(u)
    for i, group in by_sentence.items():
        if len(group) < 2 or any(f.role == "target" for u in group for f in u.facts):
            continue
        mine = {u.value: u for u in group}
        for j in range(i + 1, min(len(sents), i + 5)):
            if sents[j].para > sents[i].para + 2:
                break  # (the next paragraphs may tell them apart, not the rest of the text)
            marks = []
            for m in _THE_DEMONYM_UNIT.finditer(sents[j].text):
                which = "dem" if m.group("dem") else "dem2" if m.group("dem2") else "dem3"
                at = sents[j].start + m.start(which)
                key = next((code for code, a, _b, _s in named_in[j] if a == at), None)
                if key in mine:
                    marks.append((sents[j].start + m.start(), key))
            if not marks:
                continue
            for (a, key), b in zip(marks, [*(m[0] for m in marks[1:]), sents[j].end],
                                   strict=True):
                mine[key].facts += [Fact("country", t.key, None, None, "target",
                                         {**t.detail, "confidence": ENUMERATION_CONFIDENCE,
                                          "by_demonym": True}, _evidence(sents[j]))
                                    for t in found[j].places if t.kind == "country"
                                    and t.role == "target" and a <= t.start < b]


def _same_origin_units(layout: Layout, found: Sequence[Any]) -> list[_Unit]:
    """"The two operations were found to have originated in Russia, with one active in
    multiple countries and the other specific to Ukraine": as many units as the sentence
    counts, every one from its single origin; each "one ... the other" stretch keeps its
    own targets."""
    units: list[_Unit] = []
    sents = layout.sentences
    for i, sent in enumerate(sents):
        plural = _plural_unit(sent.text)
        n = plural.group("n") if plural else None
        origins = _origins(found[i])
        if (not plural or not n or n.lower() == "both" or len(origins) != 1 or _earlier(layout, i)
                or re.search(r"\bgroups?\b|\bgrup|\bgroupes?\b|групп", plural.group(0), re.I)
                or TAKEDOWN.search(plural.group(0)) or re.search(
                    r"\b(?:of|de|из|d['’]entre)\s+(?:these|the|them|those|ces|ellas|ellos|них)\b",
                    plural.group(0), re.I)):
            continue  # ("both disrupted operations", "two Groups", "two of these": no count)
        count = _count_of(n)
        before = sents[i - 1].text if i and sents[i - 1].para in (sent.para, sent.para - 1) else ""
        if not 2 <= count <= 4 or not (TAKEDOWN.search(sent.text) or TAKEDOWN.search(before)):
            continue
        marks = [m.start() + sent.start for m in _ONE_AND_OTHER.finditer(sent.text)
                 if m.start() > plural.end()]
        stretches = (list(zip(marks, [*marks[1:], sent.end], strict=True))
                     if len(marks) == count else [])
        p = origins[0]
        for k in range(count):
            unit = _Unit("ordinal", f"#{i}.{k}", i, [Fact(
                "country", p.key, None, None, "origin",
                {**p.detail, "confidence": ENUMERATION_CONFIDENCE}, _evidence(sent))])
            if stretches:
                a, b = stretches[k]
                unit.facts += [Fact("country", t.key, None, None, "target",
                                    {**t.detail, "confidence": ENUMERATION_CONFIDENCE},
                                    _evidence(sent))
                               for t in found[i].places
                               if t.kind == "country" and t.role == "target" and a <= t.start < b]
            units.append(unit)
        return units  # one such sentence per text
    return units


_A_UNIT = Caseless(r"\b(?:a|an|one)\s+(?:[\w-]+\s+){0,2}?(?:network|operation|campaign)\b")
_AND_ANOTHER_UNIT = Caseless(
    r",?\s+and\s+(?:(?:a\s+(?:second|separate|further|third)|another)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:network|operation|campaign)|another\s+(?:one\s+)?(?:(?:operating|operated|run|based|"
    r"originating|linked|tied)\s+)?(?:from|in|out of|to))\b")


_FROM_A_PLACE = (r"accounts\s+(?:(?:that\s+were\s+)?(?:operating|operated|based|run|linked|tied|"
                 r"connected)\s+)?(?:from|in|to|out of)\b")
_ACCOUNTS_FROM = Caseless(r"\b" + _FROM_A_PLACE)
_AND_ACCOUNTS_FROM = Caseless(r",\s+and\s+(?:[\w-]+\s+){0,2}?" + _FROM_A_PLACE)


def _paired_units(layout: Layout, found: Sequence[Any]) -> list[_Unit]:
    """"removed a network operating from Russia that targeted Germany, and a second Russian
    network aimed at Ukraine": two units in one sentence, each with the places of its part."""
    units: list[_Unit] = []
    for i, sent in enumerate(layout.sentences):
        first = _A_UNIT.search(sent.text)
        second = _AND_ANOTHER_UNIT.search(sent.text, first.end()) if first else None
        by_accounts = False
        if not (first and second):
            # "banned accounts from North Korea that posed as job seekers, and accounts
            # operating from the Philippines that ...": two sets of accounts, each from a place
            first = _ACCOUNTS_FROM.search(sent.text)
            second = _AND_ACCOUNTS_FROM.search(sent.text, first.end()) if first else None
            by_accounts = True
        if not first or not second or not TAKEDOWN.search(sent.text) or _earlier(layout, i):
            continue
        cut = sent.start + second.start()
        parts = [[p for p in found[i].places if p.kind == "country" and p.start < cut],
                 [p for p in found[i].places if p.kind == "country" and p.start >= cut]]
        made: list[_Unit] = []
        for k, places in enumerate(parts):
            origins = {p.key: p for p in places if p.role == "origin"}
            if len(origins) > 1:
                break
            unit = _Unit("ordinal", f"#{i}.{k}", i)
            unit.facts = [Fact("country", p.key, None, None, p.role,
                               {**p.detail, "confidence": 0.75}, _evidence(sent))
                          for p in [*origins.values(), *{p.key: p for p in places
                                                          if p.role == "target"}.values()]]
            made.append(unit)
        if len(made) == 2 and all(u.facts for u in made) and not (by_accounts and not all(
                sum(f.role == "origin" for f in u.facts) == 1 for u in made)):
            units += made
    return units


def _targeted_pair_units(layout: Layout, found: Sequence[Any]) -> list[_Unit]:
    """"disrupted a network targeting an Indonesian audience ..., and another targeting the
    U.K.": two units, each with its own target and no origin said."""
    units: list[_Unit] = []
    for i, sent in enumerate(layout.sentences):
        first = _A_NETWORK_TARGETING.search(sent.text)
        second = _ANOTHER_TARGETING.search(sent.text, first.end()) if first else None
        if not first or not second or not TAKEDOWN.search(sent.text) or re.search(
                r"\b(?:previously|last year|in (?:19|20)\d\d)\b", sent.text, re.I):
            continue
        targets = [p for p in found[i].places if p.kind == "country" and p.role == "target"]
        one = [p for p in targets if first.end() <= p.start - sent.start < second.start()]
        two = [p for p in targets if p.start - sent.start >= second.end()]
        if not one or not two:
            continue
        for k, group in enumerate((one[:1], two[:1])):
            unit = _Unit("ordinal", f"#{i}.{k}", i)
            unit.facts = [Fact("country", p.key, None, None, "target",
                               {**p.detail, "confidence": 0.75}, _evidence(sent)) for p in group]
            units.append(unit)
    return units


def _elliptic_units(layout: Layout, named_in: Sequence[list[tuple[str, int, int, str]]],
                    found: Sequence[Any] = ()) -> list[_Unit]:
    """"removed two networks, one from Iran and one from Russia", "una en Palestina, otra en
    Azerbaiyán y otra en ...": each item is a unit with its own origin."""
    units: list[_Unit] = []
    for i, sent in enumerate(layout.sentences):
        if _earlier(layout, i):
            continue
        items = [(code, surface, a) for code, a, _b, surface in named_in[i]
                 if _ONE_OF.search(sent.text[max(0, a - sent.start - 40) : a - sent.start])]
        codes = [c for c, _, _ in items]
        if len(items) < 2 or len(set(codes)) != len(codes):
            continue
        before = layout.sentences[i - 1].text if i else ""
        if not (TAKEDOWN.search(sent.text) or _plural_unit(sent.text) or TAKEDOWN.search(before)):
            continue
        ends = [a for _c, _s, a in items[1:]] + [sent.end]
        for (code, surface, at), end in zip(items, ends, strict=True):
            unit = _Unit("country", code, i, [Fact(
                "country", code, None, None, "origin",
                {"as_written": surface, "confidence": ENUMERATION_CONFIDENCE, "enumerated": True},
                _evidence(sent))])
            # ("una en Rusia dirigida a Ucrania, otra en China dirigida a ..."): each its own
            unit.facts += [Fact("country", t.key, None, None, "target",
                                {**t.detail, "confidence": ENUMERATION_CONFIDENCE}, _evidence(sent))
                           for t in (found[i].places if found else ())
                           if t.kind == "country" and t.role == "target" and at < t.start < end]
            units.append(unit)
    return units


def _stretch_targets(layout: Layout, found: Sequence[Any],
                     named_in: Sequence[list[tuple[str, int, int, str]]], units: list[_Unit]) -> None:
    """"a network in Moldova targeting Romanian speakers, and another in Iran targeting
    Israel": where one sentence lists several units by origin, the targets in each item's
    stretch of the sentence (up to the next item) are that unit's own."""
    by_sentence: dict[int, list[_Unit]] = {}
    for u in units:
        if u.kind == "country":
            by_sentence.setdefault(u.sentence, []).append(u)
    for i, group in by_sentence.items():
        values = {u.value for u in group}
        if len(group) < 2 or any(f.role == "target" or f.kind == "count"
                                 for u in group for f in u.facts) or any(
                p.role == "target" and p.key in values for p in found[i].places):
            continue  # (where the listed origins read as targets, the roles are unsure)
        sent = layout.sentences[i]
        at = {code: a for code, a, _b, _s in reversed(named_in[i])}
        items = sorted(((at[u.value], u) for u in group if u.value in at), key=lambda x: x[0])
        if len(items) != len(group):
            continue
        ends = [a for a, _ in items[1:]] + [sent.end]
        listed = {u.value for u in group} | {code for code, *_rest in named_in[i]
                                             if any(x.key == code and x.role == "origin"
                                                    for x in found[i].places)}
        # "Egypt (2,541), Saudi Arabia (5,350) and the UAE (4,248)": one figure per stretch
        counts = [c for c in found[i].counts if c.kind == "count"]
        owned = [[c for c in counts if start <= sent.start + c.start < end]
                 for (start, _u), end in zip(items, ends, strict=True)]
        if len(counts) >= len(items) and all(len(o) == 1 for o in owned):
            for (_start, unit), (c,) in zip(items, owned, strict=True):
                detail = {k: v for k, v in c.detail.items() if k != "total_cue"}
                unit.facts.append(Fact("count", c.key, c.value, c.qualifier, None, detail,
                                       _evidence(sent)))  # (each item's own, no total)
        for (start, unit), end in zip(items, ends, strict=True):
            unit.facts += [Fact("country", p.key, None, None, "target",
                                {**p.detail, "confidence": ENUMERATION_CONFIDENCE},
                                _evidence(sent))
                           for p in found[i].places
                           if p.kind == "country" and p.role == "target" and start < p.start < end
                           and p.key not in listed]


_SOME_FROM = Caseless(
    r"(?:^|[\s,(])(?P<n>\d{1,2}|one|two|three|four|five|six|una?|dos|tres|une?|deux|trois|"
    r"одн[ау]|две|два|три)\s+(?:of (?:them|these|which)\s+)?(?:[\w-]+\s+)?"
    r"(?:(?:(?:were|was)\s+)?(?:originating|operating|coming|based|run)\s+)?"
    r"(?:from|in|out of|de|desde|en|из|в|(?:run|operated|linked|tied|connected)\s+(?:by|to)"
    r"(?:\s+an?)?)\s+(?:the\s+|la\s+|el\s+)?$")


_ONE_EACH = Caseless(r"\bone each (?:from|in|based in|out of)\s+")


def _split_count_units(layout: Layout, named_in: Sequence[list[tuple[str, int, int, str]]]
                       ) -> list[_Unit]:
    """"three operations ... two originating from China and one from Russia": as many units
    per country as the numbers say, when they add up to the number of units."""
    units: list[_Unit] = []
    for i, sent in enumerate(layout.sentences):
        items: list[tuple[str, int, str]] = []
        each = _ONE_EACH.search(sent.text)
        for code, a, _b, surface in named_in[i]:
            m = _SOME_FROM.search(sent.text[max(0, a - sent.start - 60) : a - sent.start])
            if m:
                items.append((code, _count_of(m.group("n")), surface))
            elif each and a - sent.start >= each.end():
                items.append((code, 1, surface))  # "two from Peru, and one each from A, B and C"
        if len(items) < 2 or len({c for c, _, _ in items}) != len(items) or _earlier(layout, i):
            continue
        total = sum(k for _, k, _ in items)
        said = [_plural_unit(layout.sentences[j].text) for j in (i, i - 1) if j >= 0]
        wanted = {_count_of(p.group("n")) for p in said if p and p.group("n")}
        if total not in wanted:
            continue
        for code, k, surface in items:
            for _ in range(k):
                units.append(_Unit("country", code, i, [Fact(
                    "country", code, None, None, "origin",
                    {"as_written": surface, "confidence": ENUMERATION_CONFIDENCE,
                     "enumerated": True}, _evidence(sent))]))
    return units


def _repeated_units(layout: Layout, named_in: Sequence[list[tuple[str, int, int, str]]],
                    found_in: Sequence[Any] = ()) -> list[_Unit]:
    """"eliminó otras 2 redes en Ucrania", "two networks from Iran": as many units as the
    number says, all from the one country; also "удалила три сети ... Эти сети возникли в
    России", the one origin told of them in the next sentences."""
    units: list[_Unit] = []
    sents = layout.sentences
    for i, sent in enumerate(sents):
        plural = _plural_unit(sent.text)
        if not plural or not plural.group("n") or _earlier(layout, i):
            continue
        n = plural.group("n")
        count = _count_of(n)
        if not 2 <= count <= 6 or n.lower() == "both":
            continue
        lead = _LIST_AFTER_UNIT.match(sent.text, plural.end())
        found = _list_at(sent, lead.end(), list(named_in[i])) if lead else []
        after = sent.text[lead.end():] if lead else ""
        if not lead and found_in and not named_in[i]:
            # the number here, the origin of all of them in one of the next two sentences
            for j in range(i + 1, min(i + 3, len(sents))):
                origins = _origins(found_in[j])
                subject = _THE_UNITS.search(sents[j].text)
                if (subject and subject.start() <= 30 and len(origins) == 1
                        and not re.search(r"\b(?:one|two|three|some|one of|una|uno|une|одн\w+)\b",
                                          sents[j].text[: origins[0].start - sents[j].start],
                                          re.I)):
                    found, after, sent = [_Listed(origins[0].key, dict(origins[0].detail))], "", \
                        sents[j]
                    break
        if len(found) != 1 or re.match(r"[^,;.]{0,40}\b(?:and|y|et|и)\b", after):
            continue  # "two networks from Iran and Russia" is the enumeration's case
        code = found[0].key
        if any(u.value == code for u in units):
            continue  # "удалила три сети ... Мы удалили три отдельные сети": the same three
        for _ in range(count):
            units.append(_Unit("country", code, i, [Fact(
                "country", code, None, None, "origin",
                {**found[0].detail, "confidence": 0.75, "enumerated": True}, _evidence(sent))]))
    return units


_ORDINAL_SUBJECT = Caseless(
    r"\b(?:one of (?:the|these|those) (?:operations|networks|campaigns)|"
    r"(?:another|the (?:first|second|third|fourth|fifth|other|last|final)|a (?:second|third|fourth|"
    r"separate))\s+(?:[\w-]+\s+){0,2}?(?:operation|network|campaign)|"
    r"(?:otra|la (?:primera|segunda|tercera|cuarta|otra|última)|una (?:segunda|tercera))\s+(?:\w+\s+)?"
    r"(?:red|operación|campaña)|"
    r"(?:une autre|une (?:deuxième|seconde|troisième|quatrième)|la (?:première|deuxième|"
    r"troisième|seconde|dernière))\s+(?:\w+\s+)?(?:opération|campagne)|"
    r"(?:un autre|un (?:deuxième|second|troisième|quatrième)|le (?:premier|deuxième|troisième|"
    r"second|dernier))\s+(?:\w+\s+)?réseau|"
    r"(?:друг(?:ая|ой)|перв(?:ая|ый)|втор(?:ая|ой)|треть(?:я|ей)|ещё одна|еще одна)\s+(?:\w+\s+)?"
    r"(?:сеть|операция|кампания))\b"
    # "In one instance, users had ChatGPT ... In a second instance, actors tied to ..."
    r"|^\W*in (?:one|a second|another|a third|the (?:first|second|third|last)) (?:instance|case)\b"
    # "One, dubbed ..., was run from China. Another, ..., came from ... A third, from Iran, ...
    # The fourth was a Russian operation"
    r"|^\W*(?:one|another|a (?:second|third|fourth|fifth|sixth)|the (?:first|second|third|fourth|"
    r"fifth|sixth|last|other))(?:,\s| (?:was|is|came|one)\b)"
    # "One Chinese network, which ...", "The other targeted audiences in India": a unit each
    r"|^\W*one\s+(?:[\w-]+\s+)?(?:network|operation|campaign)\b"
    r"|^\W*the other (?:(?:network|operation|campaign|one)\s+)?(?:targeted|focused|posted|used|"
    r"ran|operated|originated|had|posed|shared|spread|created|aimed)\b"
    # "La primera, originada en Perú, ... La segunda operaba desde Chile": the same in Spanish,
    # French and Russian
    r"|^\W*(?:la|el) (?:primera|segunda|tercera|cuarta|quinta|última|otra|primero|segundo|"
    r"tercero|cuarto)(?:,\s| (?:operaba|estaba|era|tenía|fue|provenía|venía|apuntaba|se)\b)"
    r"|^\W*(?:la|le) (?:première|premier|deuxième|seconde?|troisième|quatrième|dernière|dernier|"
    r"autre)(?:,\s| (?:était|opérait|visait|ciblait|venait|provenait|a|avait)\b)"
    r"|^\W*(?:перв|втор|треть|четв[её]рт|последн|друг)(?:ая|ой|ый|ья|ий)(?:,\s| (?:был\w*|"
    r"действовал\w*|работал\w*|базировал\w*|нацелен\w*))"
    # "Operators in China used ChatGPT ... Actors based in Iran generated ..."
    r"|^\W*(?:operators|actors|users|individuals|people|threat actors|hackers)\s+(?:\w+\s+)?"
    r"(?:in|from|based in|linked to|tied to|associated with)\b"
    # "Separately, a network run from Ghana ...", "A smaller operation originated in ..."
    r"|^\W*(?:separately|in a separate (?:case|action)|additionally|elsewhere),\s+(?:a|an|the)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:network|operation|campaign)\b"
    r"|^\W*(?:a|an)\s+(?:smaller|larger|different|distinct|new|similar)\s+(?:[\w-]+\s+)?"
    r"(?:network|operation|campaign)\b"
    # a list item: "- A small set of accounts that likely originated in China ..."
    r"|^\W*(?:a|an|another)\s+(?:[\w-]+\s+){0,2}?(?:set|cluster|network|group|batch)\s+of\s+"
    r"(?:[\w-]+\s+)?accounts\b")


def _ordinal_units(layout: Layout, found: Sequence[Any],
                   named_in: Sequence[list[tuple[str, int, int, str]]],
                   anchors: set[int], others: int = 0,
                   networks: Sequence[NetworkFacts] = ()) -> list[_Unit]:
    """"One of the operations shared local news ... Another smaller operation was
    domestic-focused, in Indonesia. The third operation, from Egypt, targeted ...": each
    sentence that opens on one of several units is that unit, figures or not."""
    sents = layout.sentences
    hits = [i for i, x in enumerate(sents) if (m := _ORDINAL_SUBJECT.search(x.text))
            and m.start() <= 60 and not _EARLIER.search(x.text)]
    # ("In one case, an Iranian operation ..." beside another unit the text gives is one too)
    at = sents[hits[0]].start if hits else -1
    known = {f.key for n in networks for f in n.facts if f.kind == "country" and f.role == "origin"
             and not (f.evidence is not None and f.evidence.start == at)}
    one_case = len(hits) == 1 and others > 0 and bool(
        re.match(r"^\W*in (?:one|a) (?:instance|case)\b", sents[hits[0]].text, re.I)
        or len(_origins(found[hits[0]])) == 1 and _origins(found[hits[0]])[0].key not in known
        and re.match(r"^\W*(?:separately|in a separate|additionally|elsewhere|a |an |un |une |una |"
                     r"otr[ao] |par ailleurs|por otra parte|además,? |asimismo,? |втор\w+ |"
                     r"друг\w+ |треть\w+ |ещё одн\w+ |еще одн\w+ )",
                     sents[hits[0]].text, re.I))
    if len(hits) < 2 and not one_case:
        return []  # a lone "another operation" is told by the figures around it
    units: list[_Unit] = []
    for i in hits:
        if i in anchors:
            continue
        sent = sents[i]
        unit = _Unit("ordinal", f"#{i}", i)
        origins = _origins(found[i])
        if len(origins) == 1:
            unit.facts.append(Fact("country", origins[0].key, None, None, "origin",
                                   {**origins[0].detail, "confidence": 0.8}, _evidence(sent)))
        named = {c for c, *_ in named_in[i]}
        if not origins and DOMESTIC.search(sent.text) and len(named) == 1:
            code = next(iter(named))  # "domestic-focused ... in Indonesia": from and for there
            for role in ("origin", "target"):
                unit.facts.append(Fact("country", code, None, None, role,
                                       {"domestic": True, "confidence": 0.75}, _evidence(sent)))
        for p in found[i].places:
            if p.kind == "country" and p.role == "target" and not any(
                    f.key == p.key and f.role == "target" for f in unit.facts):
                unit.facts.append(Fact("country", p.key, None, None, "target",
                                       {**p.detail, "confidence": 0.8}, _evidence(sent)))
        units.append(unit)
    return units


_ALSO_UNIT = Caseless(
    r"\b(?:also|as well|in addition|además|también|aussi|également|также|кроме того)\b[^.;]{0,70}?"
    r"\b(?:a|an|another|one|una?|otra|une?|autre|ещё одн\w+|еще одн\w+|одн[ау])\s+"
    r"(?:[\w,-]+\s+){0,3}?(?:network|campaign|operation|red|campaña|operación|réseau|campagne|"
    r"opération|сеть|кампани[юя]|операци[юя])\b"
    # "OpenAI also took action in July to ban ChatGPT accounts in Rwanda"
    r"|\b(?:also|as well|in addition|además|también|aussi|également|также)\b[^.;]{0,50}?"
    r"\b(?:bann?\w*|remov\w*|suspend\w*|took down|disrupt\w*|terminat\w*|elimin\w+|supprim\w+|"
    r"удалил\w*|заблокировал\w*)\b[^.;\d]{0,30}?\b(?:accounts|channels|cuentas|canales|comptes|"
    r"chaînes|аккаунт\w*|канал\w*)\b")


def _also_units(layout: Layout, found: Sequence[Any],
                named_in: Sequence[list[tuple[str, int, int, str]]]) -> list[_Unit]:
    """"Twitter has also detailed a campaign it discovered in Tanzania", "the report also
    describes a smaller, similar network launched by China": one more unit, from there."""
    units: list[_Unit] = []
    for i, sent in enumerate(layout.sentences):
        m = _ALSO_UNIT.search(sent.text)
        if not m or _earlier(layout, i):
            continue
        after = [p for p in found[i].places if p.kind == "country" and p.start >= sent.start
                 + m.start()]
        origins = {p.key for p in after if p.role == "origin"}
        named = [c for c, a, _b, _s in named_in[i] if a >= sent.start + m.end()]
        before_last = sent.text[: named_in[i][-1][1] - sent.start] if named_in[i] else ""
        if len(origins) == 1:
            code = next(iter(origins))
        elif len(set(named)) == 1 and (not after and re.search(
                r"\b(?:in|en|au|в)\s+(?:the\s+)?$", before_last) or re.search(
                r"\b(?:accounts|channels|cuentas|comptes|аккаунт\w*)\s+(?:in|en|au|в)\s+"
                r"(?:the\s+)?$", before_last)):
            code = named[0]  # "a campaign it discovered in Tanzania", "ban accounts in Rwanda"
        else:
            continue
        unit = _Unit("also", code, i, [Fact(
            "country", code, None, None, "origin",
            {"confidence": 0.7, "enumerated": True}, _evidence(sent))])
        unit.facts += [Fact("country", p.key, None, None, "target",
                            {**p.detail, "confidence": 0.7}, _evidence(sent))
                       for p in {p.key: p for p in after if p.role == "target"}.values()]
        units.append(unit)
    return units


_CASE_HEADING = re.compile(
    r"(?:Operation\s+)?[\"“'‘]?[A-Z][\w-]*(?:\s+(?:of\s+|the\s+|and\s+)?[A-Z0-9][\w-]*){0,4}[\"”'’]?")
_SECTION_WORDS = re.compile(
    r"\b(?:Introduction|Conclusions?|Summary|Overview|Background|Methodology|Findings|"
    r"Research|Analysis|News|Reading|Links|Events|Highlights|Takeaways|Elsewhere|Quick hits|"
    r"This week|Top stories|In brief|Briefly|What we.re reading|Policy|Podcasts?|Jobs|"
    r"Key|Executive|About|Contents|Appendix|Annex|Recommendations|Trends|Notes|Sources|"
    r"References|Acknowledg\w*|Resources|Related|Read|More|Share|Comments|Update[sd]?|"
    r"Threat|Report|Case Stud(?:y|ies)|Takedowns?|Networks?|Actors?|Platforms?|Impact|"
    r"Assessment|Indicators|IOCs?|Q[1-4]|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Adversarial|Coordinated|Inauthentic|"
    r"Behaviou?r|Influence|Operations?|Campaigns?|Meta|Facebook|Google|OpenAI|TikTok|"
    r"Microsoft|Twitter|YouTube|Instagram|Telegram)\b")


def _heading_operation_units(layout: Layout, found: Sequence[Any]) -> list[_Unit]:
    """Case studies under headings that name them ("Sneer Review", then "This operation
    likely originated in China ..."): each such heading is an operation, with the origin and
    targets the first sentences of its section give. Only where two or more headings read
    this way, in a text that reports the removal."""
    sents = layout.sentences
    units: list[_Unit] = []
    for k, h in enumerate(layout.headings):
        name = h.text.strip()
        # "Sneer Review: likely Peru origin", "High Five: Bolivia": the name, then the origin
        head_origin: Any = None
        left, colon, right = name.partition(":")
        if colon and right.strip():
            places = {e.value: m for m in scan(right) for e in m.of_kind("country")}
            if len(places) == 1 and not _SECTION_WORDS.search(left) and not any(
                    m.of_kind("country") or m.of_kind("region") or m.of_kind("platform")
                    for m in scan(left)):
                name = left.strip()
                code, m = next(iter(places.items()))
                head_origin = Fact("country", code, None, None, "origin",
                                   {"as_written": m.surface, "from_label": True,
                                    "confidence": 0.85}, Evidence(h.start, h.end, h.text))
        if (not _CASE_HEADING.fullmatch(name) or _SECTION_WORDS.search(name)
                or name.isupper() and _SECTION_WORDS.search(name.title())
                or any(m.of_kind("country") or m.of_kind("region") or m.of_kind("platform")
                       for m in scan(name))):
            continue  # (a heading naming a country is a section by origin, told elsewhere)
        nxt = layout.headings[k + 1].start if k + 1 < len(layout.headings) else layout.content_end
        section = [i for i, x in enumerate(sents) if h.end <= x.start and x.end <= nxt][:3]
        if not section or not any(_UNIT_NOUN.search(sents[i].text) for i in section):
            continue
        unit = _Unit("operation", name.strip("\"“”'‘’"), section[0], [Fact(
            "operation", name.strip("\"“”'‘’"), None, None, None, {"confidence": 0.75},
            _evidence(sents[section[0]]))])
        with_origin = next((i for i in section if len(_origins(found[i])) == 1), None)
        if head_origin is not None:
            unit.facts.append(head_origin)
        elif with_origin is not None:
            p = _origins(found[with_origin])[0]
            unit.facts.append(Fact("country", p.key, None, None, "origin",
                                   {**p.detail, "confidence": OPERATION_ORIGIN_CONFIDENCE},
                                   _evidence(sents[with_origin])))
        for i in section:
            unit.facts += [Fact("country", p.key, None, None, "target",
                                {**p.detail, "confidence": OPERATION_ORIGIN_CONFIDENCE},
                                _evidence(sents[i]))
                           for p in found[i].places if p.kind == "country" and p.role == "target"]
        units.append(unit)
    reported = units and any(TAKEDOWN.search(x.text) for x in sents)
    return units if len(units) >= 2 and reported else []


# A case study's heading lines: "Likely China origin", "Russia-origin", "Origin: Iran",
# "Country of origin: Iran"; "Targets: United States, Canada"; 'Covert IO: "Helgoland Bite"',
# "Operation name: Storm-2035"
_ORIGIN_LINE = Caseless(
    r"\W*(?:(?:likely|probably|probable|possibly|possible|suspected|assessed|almost certainly)"
    r"\s+)?(?P<a>[^:]{2,40}?)[\s-]+(?:origin|origins|nexus)\W*|"
    r"\W*(?:(?:likely|suspected|probable)\s+)?(?:(?:country|network) of\s+|network\s+)?origins?"
    r"(?:\s+country)?\s*:\s*(?P<b>.{2,60}?)\W*|"
    # "Operated from: Peru", TikTok's reports
    r"\W*(?:operated|run|based)\s+(?:from|in|out of)\s*:\s*(?P<c>.{2,60}?)\W*")
_TARGET_LINE = Caseless(r"\W*(?:targets?|targeted countries|target countries|audiences?|"
                          r"target(?:ed)? audiences?|target(?:ed)? (?:countr(?:y|ies)|markets?|"
                          r"regions?))\s*:\s*(?P<t>.{2,120}?)\W*")
# "Number of followers: 110,000", "Number of accounts in network: 41", "Accounts: 41"
_LINE_FIGURE = (r"\s*:\s*(?:(?:about|approximately|around|some|over|more than)\s+)?"
                r"(?P<n>\d{1,3}(?:[,.\u00a0 ]\d{3})*|\d+)\W*")
_FOLLOWERS_LINE = Caseless(r"\W*(?:(?:total\s+)?number of\s+)?followers(?:\s+of(?:\s+the)?\s+"
                             r"network)?" + _LINE_FIGURE)
_ACCOUNTS_LINE = Caseless(r"\W*(?:(?:total\s+)?number of\s+)?accounts(?:\s+in(?:\s+the)?\s+"
                            r"network)?" + _LINE_FIGURE)
_NAME_LINE = re.compile(
    r"\W*(?i:operation(?:'s)?\s+name|name|campaign|operation)\s*:\s*[\"“'‘]?(?P<n>[A-Z][\w-]*"
    r"(?:\s+[A-Z0-9][\w-]*){0,4})[\"”'’]?\W*|"
    r"[^:\"“]{2,40}:\s*(?:Operation\s+)?[\"“«](?P<q>[^\"”»]{2,50})[\"”»]\W*|"
    r"\W*Operation\s+[\"“«](?P<o>[^\"”»]{2,50})[\"”»]\W*")


def _line_countries(text: str) -> list[tuple[str, str]]:
    return [(m.of_kind("country")[0].value, m.surface) for m in scan(text) if m.of_kind("country")]


def _case_block_units(layout: Layout, found: Sequence[Any], platform: str | None = None
                      ) -> list[_Unit]:
    """Case studies whose heading lines give the origin ("Likely China origin", "Origin:
    Iran") and perhaps the name ('Covert IO: "Helgoland Bite"') and targets: one unit per
    case, with the section below it. A run of heading lines is one case's heading; only
    where two or more cases read this way, in a text that reports the removal."""
    sents = layout.sentences
    cases: list[tuple[int, str | None, list[tuple[str, str]], list[tuple[str, str]], Sentence]] = []
    figures: dict[int, tuple[int, Sentence]] = {}  # a case's "Number of accounts: N" line
    audiences: dict[int, tuple[int, Sentence]] = {}  # and its "Number of followers: N" line
    for h in layout.headings:
        line = h.text.strip()
        origin = _ORIGIN_LINE.fullmatch(line)
        target = _TARGET_LINE.fullmatch(line)
        named = _NAME_LINE.fullmatch(line)
        accounts = _ACCOUNTS_LINE.fullmatch(line)
        followers = _FOLLOWERS_LINE.fullmatch(line)
        if not (origin or target or named or accounts or followers):
            continue
        # (heading lines with no sentence between them belong to one case)
        joined = bool(cases) and not any(cases[-1][4].end <= x.start < h.start for x in sents)
        if not joined:
            cases.append((h.start, None, [], [], h))
        at, name, origins, targets, _last = cases[-1]
        if accounts:
            figures.setdefault(len(cases) - 1, (int(re.sub(r"\D", "", accounts.group("n"))), h))
        if followers:
            audiences.setdefault(len(cases) - 1, (int(re.sub(r"\D", "", followers.group("n"))), h))
        if origin:
            origins = origins + _line_countries(origin.group("a") or origin.group("b")
                                                or origin.group("c"))
        if target:
            targets = targets + _line_countries(target.group("t"))
        if named and name is None:
            name = (named.group("n") or named.group("q") or named.group("o")).strip()
        cases[-1] = (at, name, origins, targets, h)
    units: list[_Unit] = []
    for k, (at, name, origins, targets, last) in enumerate(cases):
        codes = list(dict.fromkeys(code for code, _ in origins))
        if len(codes) != 1 and name is None:
            continue
        nxt = cases[k + 1][0] if k + 1 < len(cases) else layout.content_end
        section = [i for i, x in enumerate(sents) if last.end <= x.start and x.end <= nxt]
        if not section:
            continue
        first = sents[section[0]]
        unit = (_Unit("operation", name, section[0], [Fact("operation", name, None, None, None,
                                                             {"confidence": 0.8}, _evidence(first))])
                if name else _Unit("ordinal", f"#case{k}", section[0]))
        head = Evidence(at, last.end, layout.text[at : last.end])
        if len(codes) == 1:
            unit.facts.append(Fact("country", codes[0], None, None, "origin",
                                   {"as_written": origins[0][1], "from_heading": True,
                                    "confidence": OPERATION_ORIGIN_CONFIDENCE}, head))
        for code, surface in dict(reversed(targets)).items():
            unit.facts.append(Fact("country", code, None, None, "target",
                                   {"as_written": surface, "from_heading": True,
                                    "confidence": OPERATION_ORIGIN_CONFIDENCE}, head))
        if k in figures:
            value, said = figures[k]
            hit = next((c for c in find_counts(f"{value} accounts", platform)
                        if c.kind == "count"), None)
            if hit is not None:
                unit.facts.append(Fact("count", hit.key, value, "exact", None,
                                       {"as_written": said.text, "confidence": 0.85},
                                       _evidence(said)))
        if k in audiences:
            value, said = audiences[k]
            unit.facts.append(Fact("audience", "total_followers", value, "exact", None,
                                   {"as_written": said.text, "confidence": 0.85}, _evidence(said)))
        units.append(unit)
    reported = any(TAKEDOWN.search(x.text) for x in [*sents, *layout.headings])
    return units if len(units) >= 2 and reported else []


# Operations named as examples of a kind, not as what was taken down
_EXAMPLE_BEFORE = Caseless(
    r"\b(?:such as|like|e\.g\.|for example|for instance|comme|tel(?:le)?s? que|par exemple|"
    r"como|tales como|por ejemplo|такие как|например|вроде)\s+(?:the\s+|la\s+|le\s+|el\s+)?"
    r"(?:[\w'’«»\"“”-]+(?:\s*,\s*|\s+(?:and|or|et|ou|y|o|и|или)\s+)){0,4}[«\"“]?$")


def _operation_units(layout: Layout, found: Sequence[Any], labels: Sequence[Any]) -> list[_Unit]:
    units: dict[str, _Unit] = {}
    sents = layout.sentences
    for i, sent in enumerate(sents):
        ops = _operations(found[i])
        if not ops or _earlier(layout, i):
            continue
        origins = _origins(found[i])
        targets = [p for p in found[i].places if p.kind in ("country", "region")
                   and p.role == "target"]
        # A sentence naming several operations and several origins does not say which is which,
        # unless each origin sits in its operation's own item ("a Peruvian network dubbed A ...,
        # an operation from Chile known as B").
        shared = len(ops) == 1 or len(origins) <= 1
        own = _own_origins(sent, ops, origins) if not shared else {}
        for op in ops:
            if _EXAMPLE_BEFORE.search(sent.text[max(0, op.start - sent.start - 60) : op.start - sent.start]):
                continue  # "several strands such as RRN or Storm-1099": named as examples
            unit = units.get(op.key)
            if unit is None:
                unit = units[op.key] = _Unit("operation", op.key, i)
                unit.facts.append(Fact("operation", op.key, None, None, None,
                                       {"confidence": 0.9}, _evidence(sent)))
            if not shared:
                p = own.get(op.key)
                if p is not None and not any(f.role == "origin" for f in unit.facts):
                    unit.facts.append(Fact("country", p.key, None, None, "origin",
                                           {**p.detail, "confidence": NEIGHBOUR_ORIGIN_CONFIDENCE},
                                           _evidence(sent)))
                continue
            have = {(f.kind, f.key, f.role) for f in unit.facts}
            for p in origins:
                if ("country", p.key, "origin") not in have and not any(
                        f.role == "origin" for f in unit.facts):
                    unit.facts.append(Fact("country", p.key, None, None, "origin",
                                           {**p.detail, "confidence": OPERATION_ORIGIN_CONFIDENCE},
                                           _evidence(sent)))
            for p in targets:
                if (p.kind, p.key, "target") not in have:
                    unit.facts.append(Fact(p.kind, p.key, None, None, "target",
                                           {**p.detail, "confidence": 0.8}, _evidence(sent)))
            for lang in getattr(found[i], "languages", ()) if len(ops) == 1 else ():
                if ("language", lang.code, None) not in have:
                    unit.facts.append(Fact("language", lang.code, None, None, None,
                                           {"confidence": 0.85}, _evidence(sent)))
                    have.add(("language", lang.code, None))
    for unit in units.values():
        if any(f.role == "origin" for f in unit.facts):
            continue
        label = labels[unit.sentence] if labels else None
        if label:  # "• Russia: ... a fake news agency called PeaceData ..."
            unit.facts.append(Fact("country", label[0], None, None, "origin",
                                   {"as_written": label[1], "from_label": True,
                                    "confidence": 0.85}, _evidence(label[2])))
            continue
        # "Meta dismantled a Chinese campaign ... Dubbed 'Spamouflage', the operation ...":
        # the sentence before, in the same paragraph, naming one origin and no other operation.
        i = unit.sentence
        if i > 0 and sents[i - 1].para >= sents[i].para - 1 and not _operations(found[i - 1]):
            prev = _origins(found[i - 1])
            if len(prev) == 1:
                unit.facts.append(Fact("country", prev[0].key, None, None, "origin",
                                       {**prev[0].detail, "confidence": NEIGHBOUR_ORIGIN_CONFIDENCE},
                                       _evidence(sents[i - 1])))
    return list(units.values())


def _own_origins(sent: Sentence, ops: list[Any], origins: list[Any]) -> dict[str, Any]:
    """Each operation's origin where the sentence names it inside that operation's item:
    between the item's start (the comma or operation before it) and the name, or just after
    the name up to the next comma. An item with two origins, or none, gives nothing."""
    text, base = sent.text, sent.start
    ordered = sorted(ops, key=lambda v: v.start)
    out: dict[str, Any] = {}
    for k, op in enumerate(ordered):
        lo = ordered[k - 1].end if k else base
        cut = text.rfind(",", lo - base, op.start - base)
        lo = max(lo, base + cut + 1) if cut >= 0 else lo
        hi = ordered[k + 1].start if k + 1 < len(ordered) else base + len(text)
        comma = text.find(",", op.end - base + 1, hi - base)
        after_hi = base + comma if comma >= 0 else hi
        before = [p for p in origins if lo <= p.start < op.start]
        after = [p for p in origins if op.end <= p.start < after_hi]
        mine = before or after
        if len({p.key for p in mine}) == 1:
            out[op.key] = mine[0]
    return out


def _same_name(a: str, b: str) -> bool:
    return re.sub(r"\W+", "", a).lower() == re.sub(r"\W+", "", b).lower()


def _origin_keys_of(facts: list[Fact]) -> set[str]:
    return {f.key for f in facts if f.kind == "country" and f.role == "origin"}


def _origin_keys(net: NetworkFacts) -> set[str]:
    return {f.key for f in net.facts if f.kind == "country" and f.role == "origin"}


_ANOTHER = Caseless(r"\b(?:second|third|fourth|another|separate|other|a further|autre|otra|otro|"
                     r"segund[ao]|deuxième|seconde?|troisième|tercer[ao]?|separad[ao]|distinct[ae]|"
                     r"друг(?:ая|ую|ой)|втор(?:ая|ую)|ещё одн[ау]|еще одн[ау])\s+(?:[\w-]+\s+)?"
                     r"(?:operation|network|campaign|group|cluster|IO|réseau|opération|campagne|red|"
                     r"operación|campaña|сеть|сети|операци[юя]|кампани[юя])\b")


def layout_text(unit: _Unit) -> str:
    """The sentence that introduced *unit* (its first fact's evidence)."""
    return next((f.evidence.quote for f in unit.facts if f.evidence is not None), "")


def _domestic_follows_origin(net: NetworkFacts) -> None:
    """"... targeted domestic audiences" made every origin of the segment a target; once the
    listed origins went to their own networks, the domestic target is the origin kept."""
    domestic = [f for f in net.facts if f.kind == "country" and f.role == "target"
                and f.detail.get("domestic")]
    if not domestic:
        return
    origins = [f for f in net.facts if f.kind == "country" and f.role == "origin"]
    keep = {o.key for o in origins}
    net.facts = [f for f in net.facts if not (f in domestic and f.key not in keep)]
    have = {f.key for f in net.facts if f.kind == "country" and f.role == "target"}
    for o in origins:
        if o.key not in have:
            net.facts.append(Fact("country", o.key, None, None, "target",
                                  {**domestic[0].detail, "as_written": o.detail.get("as_written")},
                                  domestic[0].evidence))


def _claim(layout: Layout, net: NetworkFacts, seg: Segment, units: list[_Unit],
           named_in: Sequence[list[tuple[str, int, int, str]]],
           found_at: Sequence[Any] = ()) -> list[_Unit]:
    """The introduced units a figure network is: an operation it names (unless the
    operation's own intro gives another origin), and the country unit of its origin."""
    free = [u for u in units if u.network is None]
    ops = {f.key for f in net.facts if f.kind == "operation"}
    origins = _origin_keys(net)
    out: list[_Unit] = []
    # "Another operation targeted Peru. It ran 20 accounts.": the unit its anchor's paragraph opens
    def elsewhere(u: _Unit) -> set[str]:  # the network's origins, said outside u's sentence
        at = layout.sentences[u.sentence].start
        return {f.key for f in net.facts if f.kind == "country" and f.role == "origin"
                and not (f.evidence is not None and f.evidence.start == at)}

    # (not a unit with its own figures, nor one from a country the network is not from:
    # "... accounts linked to Russia. A smaller operation originated in Bangladesh")
    para = [u for u in free if u.kind == "ordinal" and u.sentence in seg.sentences
            and layout.sentences[u.sentence].para == layout.sentences[seg.anchor].para
            and not any(f.kind == "count" for f in u.facts)
            and not ((theirs := {f.key for f in u.facts if f.kind == "country"
                                 and f.role == "origin"}) and elsewhere(u)
                     and not theirs & elsewhere(u))]
    if para:
        return [para[0]]
    for u in free:
        if u.kind == "operation" and u.value in ops:
            theirs = {f.key for f in u.facts if f.role == "origin"}
            if u.sentence > seg.anchor and _ANOTHER.search(layout_text(u)):
                continue  # "A second Russian operation, dubbed X": not the network before it
            told = elsewhere(u) if u.sentence > seg.anchor else origins
            if not (theirs and told and not theirs & told):
                # (the network's origins told outside the operation's own sentence: "OpenAI
                # blocked a Russian operation dubbed X" after Meta's network from Israel)
                out.append(u)
                break
    also = [u for u in free if u.kind == "also" and origins == {u.value} and not (
        u.sentence > seg.anchor and _ANOTHER.search(layout_text(u)))]  # ("a separate network")
    if also:  # "the Chinese network had 50 accounts" after "also ... a network from China"
        return [*out, also[0]]
    country_units = {u.value for u in units if u.kind == "country"}
    # (not a unit told in another paragraph than the anchor, whose own sentence gives another
    # origin: "Facebook removed a network in Peru ..." then "Facebook also removed 200
    # accounts in Bolivia")
    anchor_own = {p.key for p in _origins(found_at[seg.anchor])} if found_at else set()
    hits = [u for u in free if u.kind == "country" and u.value in origins and not (
        anchor_own and u.value not in anchor_own
        and layout.sentences[u.sentence].para != layout.sentences[seg.anchor].para)]
    if hits and len({u.value for u in hits}) == 1 and len(origins & country_units) == 1:
        return [*out, hits[0]]  # of "two networks from Iran", the first still free
    if not origins and not out and free and all(
            u.kind == "country" and u.value == free[0].value for u in free) and len(free) >= 2:
        # "three networks from Russia", then "one of the removed networks had 214 accounts"
        return [free[0]]
    if not origins and not out:
        # "In Egypt, Twitter removed 2,541 accounts": the unit the anchor sentence names, or,
        # of several, the one it opens with.
        named = [x[0] for x in named_in[seg.anchor]]
        hits = [u for u in free if u.kind == "country" and u.value in named]
        if len(hits) == 1:
            return hits
        if hits and named and hits[0].value == named[0]:
            return [next(u for u in hits if u.value == named[0])]
    return out


def _shared_origin(layout: Layout, found: Sequence[Any]) -> Fact | None:
    """"two operations originating from China": one origin stated for several units."""
    for i, sent in enumerate(layout.sentences):
        plural = _plural_unit(sent.text)
        origins = _origins(found[i])
        if plural and plural.group("n") and len(origins) == 1 and not _earlier(layout, i):
            p = origins[0]
            n = plural.group("n")
            return Fact("country", p.key, _count_of(n),
                        None, "origin", {**p.detail, "confidence": 0.75, "shared": True},
                        _evidence(sent))
    return None


_EVERY_UNIT = Caseless(
    COLLECTIVE + r"|\b(?:les deux|tous les|toutes les) (?:réseaux|opérations|campagnes)\b|"
    r"\b(?:ambas|las dos|todas las) (?:redes|operaciones|campañas)\b|\b(?:обе|все) (?:сети|операции)\b")


def collective_languages(layout: Layout, found: Sequence[Any], networks: list[NetworkFacts]
                         ) -> None:
    """"Both networks posted in Spanish and Quechua": languages every network posted in."""
    if len(networks) < 2:
        return
    for i, sent in enumerate(layout.sentences):
        langs = found[i].languages
        if not langs or not _EVERY_UNIT.search(sent.text) or _earlier(layout, i):
            continue
        for net in networks:
            have = {f.key for f in net.facts if f.kind == "language"}
            net.facts += [Fact("language", lang.code, None, None, None,
                               {"confidence": 0.75, "shared": True}, _evidence(sent))
                          for lang in langs if lang.code not in have]


def _give_shared_origin(layout: Layout, found: Sequence[Any], networks: list[NetworkFacts]
                        ) -> None:
    """"trois réseaux ... russes", then each network's figures: the one origin stated for all
    of them goes to every network that states none of its own."""
    shared = _shared_origin(layout, found)
    if shared is None or len(networks) < 2 or shared.value != len(networks):
        return  # "three networks from Russia" speaks for three networks, not for a fourth
    for net in networks:
        if not _origin_keys(net):
            net.facts.append(Fact(shared.kind, shared.key, None, None, "origin",
                                  dict(shared.detail), shared.evidence))


# The nouns a takedown's object goes by: "a network", "accounts", "una operación", "сеть".
_UNIT_NOUN = Caseless(
    r"\b(?:networks?|operations?|campaigns?|efforts?|accounts|pages|clusters?|hackers|"
    r"threat actors|operatives|"
    r"red(?:es)?|operaci[oó]n(?:es)?|campañas?|esfuerzos?|cuentas|réseaux?|opérations?|"
    r"campagnes?|comptes|сет(?:ь|и|ей)|операци\w*|кампани\w*|аккаунт\w*|учётн\w*|учетн\w*)\b")
LONE_ORIGIN_CONFIDENCE = 0.7
# History told in passing: "reports since 2017, when it first took down networks linked to X"
_HISTORY = Caseless(r"\b(?:since|desde|depuis|с) (?:19|20)\d\d\b|\bfirst (?:took|removed|banned|"
                    r"suspended|disrupted)\b|\b(?:in|en|в) (?:19|20)\d\d\b")


def _lone_unit(layout: Layout, found: Sequence[Any]) -> _Unit | None:
    """A text that tells one takedown without figures or a name ("took action against accounts
    linked to an Iranian influence effort"): the first sentence giving one origin to the
    takedown's object, in a paragraph that reports the removal, is the unit. None where the
    sentence names two origins or tells an earlier takedown: then there is nothing sure."""
    sents = layout.sentences
    for i, sent in enumerate(sents):
        origins = _origins(found[i])
        if (len(origins) != 1 or _earlier(layout, i) or not _UNIT_NOUN.search(sent.text)
                or _HISTORY.search(sent.text)):
            continue
        # (a list item's removal verb is in the lead-in: "... removed N networks. This includes:")
        # (or the next paragraph: "... uncovered another network tied to X." then "It
        # disclosed the takedowns, saying ...")
        near = [x for x in sents[max(0, i - 2) : i + 3] if x.para == sent.para
                or x.para == sent.para - 1 and sents[i - 1].text.rstrip().endswith(":")
                or x.para == sent.para + 1 and x.start > sent.start]
        if not any(TAKEDOWN.search(x.text) for x in near):
            continue
        p = origins[0]
        unit = _Unit("country", p.key, i, [Fact(
            "country", p.key, None, None, "origin",
            {**p.detail, "confidence": LONE_ORIGIN_CONFIDENCE}, _evidence(sent))])
        unit.facts += [Fact("country", t.key, None, None, "target",
                            {**t.detail, "confidence": LONE_ORIGIN_CONFIDENCE}, _evidence(sent))
                       for t in found[i].places if t.kind == "country" and t.role == "target"]
        return unit
    return None


# "an operation from Russia, dubbed ...", "One operation originating in Ghana ...", "a network
# of accounts operating from Cambodia": a unit introduced with its one origin
_INTRODUCED_UNIT = Caseless(
    r"\b(?:a|an|one|another|a (?:second|third|separate|new|further))\s+(?:[\w-]+\s+){0,3}?"
    r"(?:network|operation|campaign|cluster|influence operation)s?\b")


def _introduced_units(layout: Layout, found: Sequence[Any], units: list[_Unit],
                      networks: list[NetworkFacts]) -> list[_Unit]:
    """Units a sentence introduces by article and origin, whose origin no other unit or
    network has: each is one more network, figures or not."""
    # (a network's origins as told by sentences of its own: the one a segment took from the
    # sentence that introduces another unit does not cover that unit)
    cited: dict[str, set[int]] = {}
    for n in networks:
        for f in n.facts:
            if f.kind == "country" and f.role == "origin":
                cited.setdefault(f.key, set()).add(f.evidence.start if f.evidence else -1)
    covered = {f.key for u in units for f in u.facts if f.kind == "country" and f.role == "origin"}
    covered |= {u.value for u in units if u.kind == "country"}
    taken = {u.sentence for u in units}
    out: list[_Unit] = []
    for i, sent in enumerate(layout.sentences):
        origins = _origins(found[i])
        if len(origins) == 1 and cited.get(origins[0].key, set()) - {sent.start}:
            covered.add(origins[0].key)
        if (i in taken or len(origins) != 1 or origins[0].key in covered
                or _earlier(layout, i)
                or _HISTORY.search(sent.text) or not _INTRODUCED_UNIT.search(sent.text)):
            continue
        p = origins[0]
        unit = _Unit("country", p.key, i, [Fact(
            "country", p.key, None, None, "origin",
            {**p.detail, "confidence": LONE_ORIGIN_CONFIDENCE, "introduced": True},
            _evidence(sent))])
        unit.facts += [Fact("country", t.key, None, None, "target",
                            {**t.detail, "confidence": LONE_ORIGIN_CONFIDENCE}, _evidence(sent))
                       for t in found[i].places if t.kind == "country" and t.role == "target"]
        unit.facts += [Fact("language", lang.code, None, None, None, {"confidence": 0.8},
                            _evidence(sent)) for lang in found[i].languages]
        covered.add(p.key)
        out.append(unit)
    return out


def _total_after_list(layout: Layout, found: Sequence[Any], seg: Segment, net: NetworkFacts,
                      listing: set[int], units: list[_Unit]) -> bool:
    """The segment's figures come after a sentence listing two or more units, and all it says
    of origin is that list: the figures are the list's total, no one unit's."""
    starts = {layout.sentences[i].start: i for i in seg.sentences if i in listing
              and sum(u.sentence == i and u.kind == "country" for u in units) >= 2}
    origins = [f for f in net.facts if f.kind == "country" and f.role == "origin"]
    counts = [f for f in net.facts if f.kind == "count"]
    if not starts or not counts or any(f.kind == "actor" for f in net.facts):
        return False
    first = min(starts)
    if any(_origins(found[i]) for i in seg.sentences if layout.sentences[i].start not in starts):
        return False  # "In Kenya, Twitter removed 310 accounts": its own origin
    return all(f.evidence is not None and f.evidence.start in starts for f in origins) and all(
        f.evidence is not None and f.evidence.start > first and f.evidence.start not in starts
        for f in counts)


_JOINT_GAP = re.compile(r"^\s*(?:,|,?\s*(?:and|y|et|и|&|or|/))?\s*(?:the\s+|la\s+|el\s+|le\s+|l['’]\s*)?$")


def _joint_units(layout: Layout, seg: Segment, net: NetworkFacts, units: list[_Unit],
                 found: Sequence[Any], listing: set[int]) -> list[_Unit]:
    """The free country units a figure network is jointly: its anchor, no list itself, gives
    two or more of the listed countries as origins, and fewer than the list holds."""
    if seg.anchor in listing:
        return []
    listed = {u.value for u in units if u.kind == "country"}
    places = [p for p in _origins(found[seg.anchor]) if p.key in listed]
    here = {p.key for p in places}
    if len(here) < 2 or not here < listed or not here <= _origin_keys(net):
        return []
    at = layout.sentences[seg.anchor].start  # (counts hold offsets in their sentence)
    first, last = min(p.start for p in places), max(p.start for p in places)
    if any(first < at + c.start < last for c in found[seg.anchor].counts):
        return []  # "23,750 accounts from China, 7,300 from Turkey": one unit each
    text = layout.sentences[seg.anchor].text
    places.sort(key=lambda p: p.start)
    for p, q in zip(places, places[1:], strict=False):
        gap = re.sub(r"\([^()]{1,12}\)", "", text[p.end - at : q.start - at])
        if p.key != q.key and not _JOINT_GAP.match(gap):
            return []  # "from Nepal that targeted India, and a Chilean network": two units
    free = {u.value: u for u in reversed(units) if u.kind == "country" and u.network is None
            and u.value in here}
    return list(free.values()) if len(free) == len(here) else []


def _fold_told_again(units: list[_Unit]) -> list[_Unit]:
    """"removed accounts of users from China and North Korea ... In one instance, users from
    China ... In a second instance, actors connected to North Korea": a unit told again on
    its own, from the one origin a listed unit has, is that unit."""
    listed = {u.value: u for u in units if u.kind == "country"}
    out: list[_Unit] = []
    for u in units:
        origins = {f.key for f in u.facts if f.kind == "country" and f.role == "origin"}
        home = listed.get(next(iter(origins))) if u.kind == "ordinal" and len(origins) == 1 and not (
            any(f.kind == "count" for f in u.facts)) else None  # (figures make it one of its own)
        if home is not None and home.sentence < u.sentence:
            home.facts += [f for f in u.facts if not (f.kind == "country" and f.role == "origin")]
            continue
        out.append(u)
    return out


def discover(layout: Layout, found: Sequence[Any], segments: list[Segment],
             networks: list[NetworkFacts], named_in: Sequence[list[tuple[str, int, int, str]]],
             labels: Sequence[Any] = (), platform: str | None = None) -> list[NetworkFacts]:
    """*networks* (one per segment) plus the units the text introduces without figures.
    *named_in* lists, per sentence, the countries it mentions in order (any role)."""
    # (labelled case blocks may carry their only takedown verb in a heading)
    blocks = _case_block_units(layout, found, platform)
    if not blocks and not any(TAKEDOWN.search(s.text) for s in layout.sentences):
        return networks
    repeats: set[int] = set()
    itemised = _itemised_units(layout, found, named_in) + _listed_figure_units(layout, found)
    enumerated = _enumerated_units(layout, found, named_in, repeats)
    enumerated = itemised + [u for u in enumerated
                             if not any(i.value == u.value for i in itemised)]
    enumerated += [u for u in _countries_including_units(layout, named_in)
                   if not any(e.value == u.value for e in enumerated)]
    enumerated += [u for u in _elliptic_units(layout, named_in, found)
                   if not any(e.value == u.value for e in enumerated)]
    enumerated += [u for u in _also_units(layout, found, named_in)
                   if not any(e.value == u.value for e in enumerated)]
    split = _split_count_units(layout, named_in)
    if split:  # the numbers add up: these units replace what else the sentence gave
        split_at = {u.sentence for u in split}
        enumerated = [e for e in enumerated if e.sentence not in split_at] + [
            u for u in split if not any(e.value == u.value and e.sentence not in split_at
                                        for e in enumerated)]
    enumerated += [u for u in _repeated_units(layout, named_in, found)
                   if not any(e.value == u.value and e.sentence != u.sentence for e in enumerated)]
    _stretch_targets(layout, found, named_in, enumerated)
    _targets_told_next(layout, found, enumerated)
    _targets_by_demonym(layout, found, named_in, enumerated)
    units = enumerated + [u for u in _operation_units(layout, found, labels)
                          if not any(e.kind == "operation" and e.value == u.value
                                     for e in enumerated)]
    studies = [u for u in _heading_operation_units(layout, found)
               if not any(x.kind == "operation" and _same_name(x.value, u.value) for x in units)]
    studies += [u for u in blocks
                if not any(x.kind == "operation" and _same_name(x.value, u.value)
                           for x in units + studies) and not any(x.sentence == u.sentence
                                                                for x in studies)]
    units += studies
    units += [u for u in _targeted_pair_units(layout, found)
              if not any(x.sentence == u.sentence for x in units)]
    units += [u for u in _paired_units(layout, found)
              if not any(x.sentence == u.sentence for x in units)]
    units += [u for u in _aimed_list_units(layout, found, named_in)
              if not any(x.sentence == u.sentence for x in units)]
    if not units and len(segments) <= 1:
        units = _same_origin_units(layout, found)
    taken = {u.sentence for u in units}
    ordinals = [u for u in _ordinal_units(layout, found, named_in, {g.anchor for g in segments},
                                          len(units) + len(segments), networks)
                if u.sentence not in taken]
    if not any(u.kind == "operation" for u in units):
        units += ordinals
        units = _fold_told_again(units)
    else:
        # (where operations have names, "the second campaign" is one of them again, unless
        # it comes from a country none of them does: "A third, from Iran, posted ...")
        known = {f.key for u in units for f in u.facts if f.kind == "country" and f.role == "origin"}
        units += [u for u in ordinals if (o := {f.key for f in u.facts if f.kind == "country"
                                                and f.role == "origin"}) and not o & known]
    per_sentence = Counter(u.sentence for u in units)
    for u in units:  # "la inhabilitación de páginas de Facebook e Instagram ... una red en Rusia"
        if u.kind in ("country", "ordinal", "also"):
            for v in found[u.sentence].vocab:
                if v.kind == "platform" and not any(f.kind == "platform" and f.key == v.key
                                                    for f in u.facts):
                    u.facts.append(Fact("platform", v.key, None, None, None, {"confidence": 0.8},
                                        _evidence(layout.sentences[u.sentence])))
            if per_sentence[u.sentence] == 1:
                # "... accounts linked to a Chilean firm that wrote comments in English and
                # Spanish": what the unit's own sentence says it posted in
                for lang in found[u.sentence].languages:
                    if not any(f.kind == "language" and f.key == lang.code for f in u.facts):
                        u.facts.append(Fact("language", lang.code, None, None, None,
                                            {"confidence": 0.8},
                                            _evidence(layout.sentences[u.sentence])))
    single = len(units) == 1 and networks and not any(f.kind == "count" for f in units[0].facts)
    if single and units[0].kind in ("country", "also", "ordinal"):
        at = layout.sentences[units[0].sentence].start
        mine = [{f.key for f in n.facts if f.kind == "country" and f.role == "origin"
                and not (f.evidence is not None and f.evidence.start == at)} for n in networks]
        value = units[0].value if units[0].kind != "ordinal" else next(
            (f.key for f in units[0].facts if f.kind == "country" and f.role == "origin"), "")
        if value and all(o and value not in o for o in mine) or units[0].kind == "also" and (
                _ANOTHER.search(layout.sentences[units[0].sentence].text)):
            # "also ... a campaign in Tanzania" beside the Chinese network; "It also removed a
            # separate network in Nigeria": another one, whatever its origin
            single = False
    elif single and units[0].kind == "operation":
        # "OpenAI ... blocked accounts of a Russian operation dubbed X" after Meta's network
        # from Israel: an operation whose own sentence gives another origin is another unit
        at = layout.sentences[units[0].sentence].start
        theirs = {f.key for f in units[0].facts if f.kind == "country" and f.role == "origin"}
        mine = [{f.key for f in n.facts if f.kind == "country" and f.role == "origin"
                 and not (f.evidence is not None and f.evidence.start == at)} for n in networks]
        if theirs and all(o and not o & theirs for o in mine):
            single = False
    if not units and not networks:
        lone = _lone_unit(layout, found)
        units = [lone] if lone is not None else []
    units += _introduced_units(layout, found, units, networks)
    if not units or single:
        # One operation named in a text whose figures are already a network: the same unit.
        if units and len(networks) == 1:
            _adopt(networks[0], units[0])
        _give_shared_origin(layout, found, networks)
        return networks
    country_units = {u.value for u in units if u.kind == "country"}
    kept: list[NetworkFacts] = []
    listing = {u.sentence for u in enumerated} | repeats
    items_at = {u.sentence for u in itemised}
    cases = _case_countries(layout, named_in)
    for seg, net in zip(segments, networks, strict=True):
        if seg.anchor in items_at:
            continue  # "1,594 accounts: 104 from Iran, 33 from Saudi Arabia ...": the total
        listed_here = {u.value for u in units if u.sentence == seg.anchor and u.kind == "country"}
        if seg.anchor in listing and (len(_origin_keys(net) & country_units) >= 2
                                      or len(listed_here) >= 2 and not _origin_keys(net)
                                      - listed_here):
            continue  # figures stated with the list are its total, not one unit's
        if _total_after_list(layout, found, seg, net, listing, units):
            continue  # "Five networks (from A, B, ...) ... In the month we removed N accounts"
        joint = _joint_units(layout, seg, net, units, found, listing)
        if joint:
            # "... cuentas en A, B, C y D. Eliminó 267 cuentas con origen en A y B": the figures'
            # own sentence names some of the listed countries together: one unit run from them
            # (its origins are those of its own sentence, and no other network whose sole
            # origin is one of them takes it away)
            anchor = layout.sentences[seg.anchor]
            net.facts = [f for f in net.facts if not (f.kind == "country" and f.role == "origin")]
            net.facts += [Fact("country", p.key, None, None, "origin",
                               {**p.detail, "joint": True}, _evidence(anchor))
                          for p in _origins(found[seg.anchor]) if p.key in {u.value for u in joint}]
            for unit in joint:
                unit.network = net
                _adopt(net, unit)
            kept.append(net)
            continue
        if len(_origin_keys(net) & country_units) >= 2:
            # A summary restating the list: the countries belong to their own networks. What
            # the network's own sentences say of its origin stays.
            net.facts = [f for f in net.facts if not (f.kind == "country" and f.role == "origin"
                                                      and f.key in country_units)]
            own = {p.key: (p, i) for i in seg.sentences if i not in listing
                   for p in _origins(found[i]) if p.key in country_units
                   and p.key not in cases.get(layout.sentences[i].para, ())}
            if len(own) > 1:  # the anchor's own paragraph speaks for it
                para = layout.sentences[seg.anchor].para
                own = {k: v for k, v in own.items() if layout.sentences[v[1]].para == para}
            if len(own) == 1:
                p, i = next(iter(own.values()))
                net.facts.append(Fact("country", p.key, None, None, "origin", dict(p.detail),
                                      _evidence(layout.sentences[i])))
            _domestic_follows_origin(net)
            if not any(f.kind in ("count", "operation") for f in net.facts):
                continue
        if not (seg.anchor in listing and not _origin_keys(net)):
            # (the figure stated with the list itself is no one unit's)
            for unit in _claim(layout, net, seg, units, named_in, found):
                unit.network = net
                _adopt(net, unit)
        kept.append(net)
    for unit in units:
        if unit.network is None:
            net = NetworkFacts(label=_label(unit), facts=list(unit.facts),
                               operation_name=unit.value if unit.kind == "operation" else None,
                               span=(layout.sentences[unit.sentence].start,
                                     layout.sentences[unit.sentence].end))
            unit.network = net
            kept.append(net)
    # A sentence that opens on one unit ("Another operation targeted ...") speaks for it.
    # (by sentence, the units in it and the networks with a place cited from it: a long text
    # has thousands of each)
    in_sentence: dict[int, list[_Unit]] = {}
    for unit in units:
        in_sentence.setdefault(unit.sentence, []).append(unit)
    cited_at: dict[int, dict[int, NetworkFacts]] = {}
    for net in kept:
        for f in net.facts:
            if f.kind in ("country", "region", "language") and f.evidence is not None:
                cited_at.setdefault(f.evidence.start, {})[id(net)] = net
    for unit in units:
        if unit.kind not in ("ordinal", "also"):
            continue
        start = layout.sentences[unit.sentence].start
        siblings = [u.network for u in in_sentence[unit.sentence]]
        for net in cited_at.get(start, {}).values():
            if not any(net is x for x in siblings):
                net.facts = [f for f in net.facts if not (
                    f.kind in ("country", "region", "language") and f.evidence is not None
                    and f.evidence.start == start)]
            elif len(siblings) >= 2 and net is unit.network:
                # (of two units in one sentence, each keeps the places of its own part)
                kept_here = {(f.key, f.role) for f in unit.facts if f.kind == "country"}
                net.facts = [f for f in net.facts if not (
                    f.kind == "country" and f.role in ("origin", "target") and f.evidence
                    is not None and f.evidence.start == start and (f.key, f.role) not in kept_here)]
    # A sentence that introduces one operation speaks for it, not for the network around it.
    for unit in units:
        if unit.kind != "operation":
            continue
        for net in kept:
            if net is not unit.network:
                net.facts = [f for f in net.facts
                             if not (f.kind == "operation" and f.key == unit.value)]
                if net.operation_name == unit.value:
                    net.operation_name = None
        spans = {f.evidence.start for f in unit.facts if f.evidence is not None}
        # Operations introduced together ("known as A and B") share what that sentence says.
        together = {u.value for u in units if u.kind == "operation" and u.sentence == unit.sentence}
        theirs = {f.key for f in unit.facts if f.kind == "country" and f.role == "origin"}
        for net in kept:
            if net is unit.network or net.operation_name in together:
                continue
            if net.operation_name is None:
                # (an unnamed network keeps them, unless it is from elsewhere: "OpenAI blocked
                # a Russian operation dubbed X ... in Russian" beside Meta's Israeli network)
                said = {f.key for f in net.facts if f.kind == "country" and f.role == "origin"
                        and not (f.evidence is not None and f.evidence.start in spans)}
                if not (theirs and said and not said & theirs) or unit.network is None:
                    continue
                net.facts = [f for f in net.facts if not (
                    f.kind in ("country", "language") and f.evidence is not None
                    and f.evidence.start in spans)]
                continue
            net.facts = [f for f in net.facts if not (
                f.kind == "country" and f.evidence is not None and f.evidence.start in spans)]
    # A sentence that introduces a unit from another country ("OpenAI, for its part, blocked
    # accounts of a Russian operation ...") speaks for it, not for a network from elsewhere.
    for unit in units:
        if unit.network is None or not any(f.detail.get("introduced") for f in unit.facts):
            continue
        at = layout.sentences[unit.sentence].start
        for net in kept:
            if net is unit.network:
                continue
            said = {f.key for f in net.facts if f.kind == "country" and f.role == "origin"
                    and not (f.evidence is not None and f.evidence.start == at)}
            if said and unit.value not in said:
                net.facts = [f for f in net.facts if not (
                    f.kind in ("country", "language") and f.evidence is not None
                    and f.evidence.start == at)]
    # A target listed as a unit of its own is that unit's, not the network around the list's
    aimed_at: dict[int, set[str]] = {}
    for unit in units:
        if unit.kind == "country" and not _origin_keys_of(unit.facts):
            aimed_at.setdefault(layout.sentences[unit.sentence].start, set()).add(unit.value)
    if aimed_at:
        for net in kept:
            adopted = {u.value for u in units if u.network is net}
            net.facts = [f for f in net.facts if not (
                f.kind == "country" and f.role == "target" and f.evidence is not None
                and f.key in aimed_at.get(f.evidence.start, ()) and f.key not in adopted)]
    _follow_operations(layout, found, kept)
    # "While all these networks targeted local audiences": each unit targets its own country.
    if any(DOMESTIC.search(x.text) and _ALL_UNITS.search(x.text) for x in layout.sentences):
        for net in kept:
            origins = _origin_keys(net)
            if len(origins) == 1 and not any(f.role == "target" for f in net.facts):
                src = next(f for f in net.facts if f.kind == "country" and f.role == "origin")
                net.facts.append(Fact("country", src.key, None, None, "target",
                                      {"domestic": True, "confidence": 0.75}, src.evidence))
    _give_shared_origin(layout, found, kept)
    unit_nets = [u.network for u in units if u.network is not None]
    if len(unit_nets) >= 2:
        # a lead that only says "it banned accounts linked to several operations" is the
        # units' preamble, not one more network
        kept = [n for n in kept if any(n is u for u in unit_nets) or any(
            f.kind in ("count", "audience", "actor", "operation") or f.kind == "country"
            and f.role in ("origin", "target") for f in n.facts)]
    if studies:  # under case-study headings, a figureless network around them is no other one
        kept = [n for n in kept if any(n is u.network for u in units)
                or any(f.kind in ("count", "audience") for f in n.facts)]
    # "... 12 accounts from Nepal that targeted India, and a Chilean network focused on
    # Argentina": a target told of one unit by its people is that unit's alone
    told = {(f.key, f.evidence.start): net for net in kept for f in net.facts
            if f.role == "target" and f.detail.get("by_demonym") and f.evidence is not None}
    for net in kept:
        net.facts = [f for f in net.facts if not (
            f.role == "target" and f.evidence is not None and not f.detail.get("by_demonym")
            and told.get((f.key, f.evidence.start), net) is not net)]
    kept.sort(key=lambda n: n.span[0] if n.span else 0)
    _follow_paragraphs(layout, kept, named_in, found)
    _case_paragraphs(layout, kept, named_in)
    return kept


_MOVABLE = ("language", "audience", "actor", "region")


def _follow_operations(layout: Layout, found: Sequence[Any], networks: list[NetworkFacts]) -> None:
    """A sentence that names one operation, and not this network's, speaks of that one: "The
    'Sponsored Discontent' accounts wrote in Spanish" under the Peer Review network."""
    by_name = {n.operation_name: n for n in networks if n.operation_name}
    if len(by_name) < 2:
        return
    starts = [x.start for x in layout.sentences]
    for net in networks:
        moved: list[Fact] = []
        for f in net.facts:
            if f.evidence is None or f.kind in ("operation", "count"):
                continue
            i = bisect.bisect_right(starts, f.evidence.start) - 1
            if i < 0 or layout.sentences[i].start != f.evidence.start:
                continue
            named = {o.key for o in _operations(found[i])}
            if len(named) != 1 or net.operation_name in named:
                continue
            other = by_name.get(next(iter(named)))
            if other is None or other is net:
                continue
            moved.append(f)
            if not any((g.kind, g.key, g.role) == (f.kind, f.key, f.role) for g in other.facts):
                other.facts.append(f)
        if moved:
            net.facts = [f for f in net.facts if f not in moved]


def _follow_paragraphs(layout: Layout, networks: list[NetworkFacts],
                       named_in: Sequence[list[tuple[str, int, int, str]]],
                       found: Sequence[Any]) -> None:
    """"Facebook said the accounts in China, with posts in Filipino ..." under the Philippine
    network speaks of the Chinese one: a paragraph that opens by naming another network's
    (sole) origin, and not its own, takes its languages, audience and actors there."""
    owners: dict[str, NetworkFacts | None] = {}
    for net in networks:
        origins = _origin_keys(net)
        if len(origins) == 1:
            key = next(iter(origins))
            # a country two networks come from owns neither's paragraphs
            owners[key] = net if key not in owners else None
    starts = [x.start for x in layout.sentences]
    lead_of: dict[int, int] = {}
    for i, x in enumerate(layout.sentences):
        lead_of.setdefault(x.para, i)
    for net in networks:
        mine = _origin_keys(net)
        moved: list[Fact] = []
        for f in net.facts:
            if f.kind not in _MOVABLE or f.evidence is None or f.role == "researcher":
                continue
            i = bisect.bisect_right(starts, f.evidence.start) - 1
            if i < 0 or f.evidence.start >= layout.sentences[i].end:
                continue  # (said on a heading line: the case it heads owns it)
            lead = lead_of[layout.sentences[i].para]
            named = [x[0] for x in named_in[lead]]
            if not named or named[0] in mine or mine & {p.key for p in found[i].places
                                                           if p.role != "topic"}:
                continue  # (nor where the fact's own sentence places this network, not as a topic)
            other = owners.get(named[0])
            if other is not None and other is not net:
                moved.append(f)
                if not any(g.kind == f.kind and g.key == f.key and g.role == f.role
                           for g in other.facts):
                    other.facts.append(f)
        if moved:
            net.facts = [f for f in net.facts if f not in moved]


def _case_countries(layout: Layout, named_in: Sequence[list[tuple[str, int, int, str]]]
                    ) -> dict[int, set[str]]:
    """Paragraph -> the country its opening "In the case of X," names."""
    out: dict[int, set[str]] = {}
    for i, x in enumerate(layout.sentences):
        if i and layout.sentences[i - 1].para == x.para:
            continue
        m = CASE_OF.match(x.text)
        if m and named_in[i] and named_in[i][0][1] - x.start <= m.end() + 8:
            out[x.para] = {named_in[i][0][0]}
    return out


def _case_paragraphs(layout: Layout, networks: list[NetworkFacts],
                     named_in: Sequence[list[tuple[str, int, int, str]]]) -> None:
    """"In the case of Russia, the terminated accounts were critical of NATO ... Some Russian
    accounts shared content in French": a paragraph that opens "in the case of X" is about the
    network from X; what other networks took from it (places, languages, actors) moves there."""
    owners: dict[str, list[NetworkFacts]] = {}
    for net in networks:
        origins = _origin_keys(net)
        if len(origins) == 1:
            owners.setdefault(next(iter(origins)), []).append(net)
    paras: dict[int, list[Sentence]] = {}
    for x in layout.sentences:
        paras.setdefault(x.para, []).append(x)
    lead_index = {x.start: i for i, x in enumerate(layout.sentences)}
    for sents in paras.values():
        lead = sents[0]
        m = CASE_OF.match(lead.text)
        named = named_in[lead_index[lead.start]]
        if not m or not named or named[0][1] - lead.start > m.end() + 8:
            continue
        code = named[0][0]
        if len(owners.get(code, [])) != 1:
            continue
        owner = owners[code][0]
        starts = {x.start for x in sents}
        for net in networks:
            if net is owner:
                continue
            moved = [f for f in net.facts if f.kind in ("country", "language", "actor")
                     and f.evidence is not None and f.evidence.start in starts]
            if not moved:
                continue
            net.facts = [f for f in net.facts if f not in moved]
            for f in moved:
                if not any((g.kind, g.key, g.role) == (f.kind, f.key, f.role) for g in owner.facts):
                    owner.facts.append(f)


def _adopt(net: NetworkFacts, unit: _Unit) -> None:
    """A figure network that is one of the introduced units takes what the intro said."""
    have_origin = bool(_origin_keys(net))
    have = {(f.kind, f.key, f.role) for f in net.facts}
    for f in unit.facts:
        if f.role == "origin" and have_origin:
            continue
        if (f.kind, f.key, f.role) not in have:
            net.facts.append(f)
    if unit.kind == "operation" and net.operation_name is None:
        net.operation_name = unit.value
        net.label = unit.value


def _label(unit: _Unit) -> str:
    if unit.kind == "operation":
        return unit.value
    return f"{unit.value}-based network"
