"""Counts in one sentence: removed assets, audience figures and ad spend, with qualifiers.

Owns the grammar "NUMBER [modifiers] NOUN [on PLATFORM]" and the metric names of
DESIGN §3. Works on one sentence at a time; knows nothing of networks or countries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from archive.extract.caseless import Caseless
from archive.extract.gazetteer import platform_data
from archive.extract.numbers import Number, _qualifier, find_numbers

_MODIFIERS = frozenset(
    ["fake", "inauthentic", "additional", "more", "related", "different", "various", "-plus", "linked", "separate", "fictitious", "bogus", "automated", "suspicious", "other", "new", "individual", "unique", "distinct", "active", "associated", "coordinated", "state-backed", "state-linked", "state-sponsored", "troll", "sock-puppet", "spam", "spammy", "duplicate", "bot", "fraudulent", "deceptive", "false", "such", "these", "of", "the", "total", "dormant", "compromised", "hacked", "authentic", "verified", "official", "affiliated", "connected", "corresponding", "personal", "business", "ad", "advertiser", "separate", "known", "identified", "faux", "fausses", "fake", "faux-", "falsas", "falsos", "de", "en", "sur", "в", "фейковых", "фейковые", "поддельных", "фальшивых", "ложных", "несуществующих", "неаутентичных", "страниц", "и", "autres", "otras", "otros",
     "других", "другие", "nouveaux", "nouvelles", "nuevas", "nuevos", "supplémentaires",
     "adicionales", "inauthentiques", "falsifiés", "falsos", "malicious", "abusive",
     "misleading", "coordinating", "propaganda", "maliciosas", "malveillants",
     # "120 were Instagram accounts and 80 were Facebook accounts"
     "were", "are", "eran", "étaient", "были"]
)
# "six state-run accounts", "40 government-controlled Pages", "12 pro-Kremlin accounts"
_STATE_MODIFIER = Caseless(r"(?:state|government|military|regime|party|pro|anti)-[\w-]+|"
                           r"[\w]+-(?:linked|based|backed|run|affiliated|connected|origin|aligned|"
                           r"language|speaking)")
_NOUN_METRIC = {
    "page": "facebook_pages", "group": "facebook_groups", "event": "facebook_events",
    "domain": "domains", "website": "websites", "blog": "blogger_blogs",
    "ad_account": "ads_accounts", "adsense": "adsense_accounts",
}
_ACCOUNT_METRIC = {
    "facebook": "facebook_accounts", "instagram": "instagram_accounts",
    "threads": "threads_accounts", "twitter": "twitter_accounts",
    "tiktok": "tiktok_accounts", "youtube": "youtube_channels",
    "telegram": "telegram_channels", "google_ads": "ads_accounts",
    "chatgpt": "chatgpt_accounts", "claude": "claude_accounts", "gemini": "gemini_accounts",
    "reddit": "reddit_accounts", "vk": "vk_accounts", "linkedin": "linkedin_accounts",
}
_AUDIENCE_VERB = Caseless(
    r"\s*(?:(?:that|who|which)\s+)?(?:had\s+)?(?:collectively\s+)?(?:followed|follow|follows|"
    r"following\b(?!\s+(?:the|a|an)\s+(?:takedown|removal|investigation|report))|"
    r"(?:были\s+)?подписан\w*|подписал\w*|"
    r"joined|join|subscribed|liked|were following|are following|were members|are members|"
    r"belonged to|belong to|belonging to|"
    r"suivai(?:en)?t|suivent|suit|ont suivi|avaient rejoint|ont rejoint|"
    r"segu[íi]an|siguen|sigue|segu[íi]a|se unieron|"
    r"(?:are|were) involved in (?:one|at least one|some|these|the))\b")
_AUDIENCE_NOUN = Caseless(
    r"\s+(?:\w+\s+){0,2}?(followers|subscribers|members|fans|abonnés|seguidores|suscriptores|"
    r"membres|miembros|подписчик\w*|участник\w*)(?!\w)")
_AUDIENCE_WORD = {"abonnés": "followers", "seguidores": "followers", "suscriptores": "subscribers",
                  "membres": "members", "miembros": "members"}
_AD_CONTEXT = Caseless(r"\bads?\b|advertis|\bspen[dt]|spending|\bpaid\b|promot|publicidad|anuncios|"
                       r"publicit|реклам|gast[óoa]|dépens|потрат")
_MONEY = Caseless(
    r"(?P<cur>US\$|USD\s?|\$|€|£|₹|₽|R\$|₦)\s?(?P<num>\d[\d,]*(?:\.\d+)?)"
    r"(?P<mult>\s*(?:million|thousand|billion|[kKmM])\b)?"
    r"|(?P<num2>\d[\d,]*(?:\.\d+)?)(?P<mult2>\s*(?:million|thousand))?\s+(?P<curw>"
    r"US dollars|U\.S\. dollars|dollars|euros|EUR|USD|GBP|pounds|rubles|roubles|rupees|"
    r"yuan|zlotys|hryvnias|naira|rands|reais|lira|manats)\b")
# "unos 3.000 dólares", "environ 3 000 dollars", "около 3000 долларов" (a dot or a space
# groups the thousands)
_MONEY_LOCAL = Caseless(
    r"(?P<num>\d{1,3}(?:[.\u00a0\u202f ]\d{3})+|\d+)\s+(?P<curw>dólares(?: estadounidenses)?|"
    r"dollars(?: américains)?|euros|долларов(?: США)?|евро|рублей)(?!\w)")
_LOCAL_CURRENCY = {"dólares": "USD", "dólares estadounidenses": "USD", "dollars": "USD",
                   "dollars américains": "USD", "euros": "EUR", "долларов": "USD",
                   "долларов сша": "USD", "евро": "EUR", "рублей": "RUB"}
_PAID_IN = Caseless(r"paid (?:for )?(?:\w+ )?in ([^.;]+?)(?:[.;]|, (?:likely|to|and (?:the|we))|$)")


@dataclass(slots=True)
class CountHit:
    kind: str  # count | audience | ad_spend
    key: str
    value: float
    qualifier: str
    start: int  # sentence-local offsets of the phrase
    end: int
    detail: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _nouns() -> list[tuple[str, str]]:
    nouns = [(w, k) for k, ws in platform_data()["asset_nouns"].items() for w in ws]
    return sorted(nouns, key=lambda p: -len(p[0]))


@lru_cache(maxsize=1)
def _platform_names() -> list[tuple[str, str]]:
    names = [(w, k) for k, ws in platform_data()["platforms"].items() for w in ws]
    names.append(("X", "twitter"))
    return sorted(names, key=lambda p: -len(p[0]))


_FIRST_LETTER: dict[int, tuple[list[tuple[str, str]], dict[str, list[tuple[str, str, str]]]]] = {}


def _by_first_letter(table: list[tuple[str, str]]) -> dict[str, list[tuple[str, str, str]]]:
    """The table's words grouped by their first letter (lower-cased), longest first. The
    tables are the cached gazetteer lists, so their identity keys the grouping."""
    hit = _FIRST_LETTER.get(id(table))
    if hit is None or hit[0] is not table:
        grouped: dict[str, list[tuple[str, str, str]]] = {}
        for word, key in table:
            grouped.setdefault(word[:1].lower(), []).append((word, word.lower(), key))
        hit = _FIRST_LETTER[id(table)] = (table, grouped)
    return hit[1]


_HELD_BEFORE = Caseless(r"\b(?:promot\w*|organi[sz]\w*|host\w*|advertis\w*|held|schedul\w*|"
                        r"announc\w*|organis\w*|organiz\w*|convoc\w*|organiz\w+|"
                        r"организова\w*|провел\w*|anunci\w*)\s+(?:\w+\s+){0,2}$")
_LOWER_OK = frozenset("facebook instagram tiktok youtube telegram twitter whatsapp".split())


def _match_word(text: str, pos: int, table: list[tuple[str, str]]) -> tuple[str, int] | None:
    if pos >= len(text):
        return None
    for word, lower, key in _by_first_letter(table).get(text[pos].lower(), ()):
        end = pos + len(word)
        if text[pos:end].lower() == lower and (end == len(text) or not text[end].isalnum()):
            if word[:1].isupper() and not text[pos].isupper() and lower not in _LOWER_OK:
                continue  # ("meta", "x" in lower case are words; "instagram" is a platform)
            return key, end
    return None


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \u00a0\t":
        pos += 1
    return pos


def _asset_phrase(s: str, pos: int) -> tuple[str, list[str], int] | None:
    """After a number: modifiers, platforms and the asset noun. Returns noun, platforms, end."""
    platforms: list[str] = []
    crossed = False
    for _ in range(6):
        pos = _skip_space(s, pos)
        noun = _match_word(s, pos, _nouns())
        if noun:
            return noun[0], platforms, noun[1]
        plat = _match_word(s, pos, _platform_names())
        if plat:
            platforms.append(plat[0])
            pos = plat[1] + (1 if s[plat[1] : plat[1] + 1] == "-" else 0)  # "YouTube-каналов"
            continue
        word = re.match(r"[\w'’-]+|,|/", s[pos:])
        # Russian puts whole participle phrases between the number and the noun
        # ("100 связанных с Россией аккаунтов"): Cyrillic words do not break the phrase,
        # but a comma after them does (it starts the next item of a list).
        cyrillic = bool(word and re.search("[а-яё]", word.group(0), re.IGNORECASE))
        if cyrillic and word and re.fullmatch(r"(?:сет(?:ь|и|ей|ям|ях)|операци\w*|кампани\w*)",
                                              word.group(0), re.IGNORECASE):
            return None  # "три сети фальшивых аккаунтов": three networks, not three assets
        if not word or (word.group(0).lower() not in _MODIFIERS | {"and", "or", ",", "/"}
                        and not cyrillic and not _is_demonym(word.group(0))
                        and not _STATE_MODIFIER.fullmatch(word.group(0))):
            return None  # "926 Thai Twitter accounts": a demonym qualifies, it does not stop
        if word.group(0) == "," and crossed:
            return None
        crossed = crossed or cyrillic
        pos += len(word.group(0))
    return None


def _audience_metric(s: str, pos: int, platform: str | None) -> str:
    obj = re.split(r"[,;]| and | et | y | и ", s[pos : pos + 90])[0]
    if re.search(r"Instagram accounts?|on Instagram|Instagram", obj):
        return "instagram_followers"
    if re.search(r"\bGroups?\b|групп|сообществ|\bgrupos?\b|\bgroupes?\b", obj, re.I):
        return "facebook_group_members"
    if re.search(r"\bPages?\b|страниц|\bpáginas?\b|\bpages\b", obj, re.I):
        return "facebook_page_followers"
    if re.search(r"\bchannels?\b", obj, re.I):
        return "youtube_subscribers" if platform in (None, "youtube") else "total_followers"
    if platform == "twitter":
        return "twitter_followers"
    if platform == "instagram":
        return "instagram_followers"
    return "total_followers"


def _follower_metric(s: str, num: Number, noun: str, platform: str | None) -> str:
    left = re.split(r"[,;]", s[max(0, num.start - 90) : num.start])[-1]
    # (up to the next figure: "59,000 followers on Facebook and 2,000 on Instagram")
    right = re.split(r"\d|\s(?:and|et|y|и)\s(?=(?:about |some |around |nearly )?\d)",
                     s[num.end : num.end + 60])[0]
    near = left + right
    wide = s[max(0, num.start - 90) : num.start]
    kinds = sum(bool(re.search(rx, wide, re.I)) for rx in (
        r"\baccounts\b|\bcomptes\b|\bcuentas\b|аккаунт|учетн\w+ запис",
        r"\bPages\b|\bpáginas\b|страниц", r"\bGroups\b|\bgrupos\b|\bgroupes\b|групп"))
    if kinds >= 2 and noun != "members":
        return "total_followers"  # "des comptes, pages et groupes suivis par 2,8 millions"
    if noun == "members" or re.search(r"\bGroups?\b|\bgrupos?\b|\bgroupes?\b|групп", left):
        return "facebook_group_members"
    if "Instagram" in near:
        return "instagram_followers"
    if re.search(r"\bPages?\b|\bpáginas?\b|страниц|\bon Facebook\b", near):
        return "facebook_page_followers"
    if noun == "subscribers":
        return "youtube_subscribers" if platform in (None, "youtube") else "total_followers"
    if re.search(r"combined|total|collectively|together|in all|overall", near, re.I):
        return "total_followers"
    if re.search(r"Twitter|\bX\b", near) or platform == "twitter":
        return "twitter_followers"
    return "total_followers"


_BY_PLATFORM = Caseless(r"\b(?:notified|alerted|tipped off|informed|warned)\s+by\s+$")


def _sentence_platform(s: str) -> tuple[str | None, int]:
    """The first platform a sentence names, and where (len(s) if none). A platform named as
    the one that tipped another off ("after being notified by Twitter, Facebook removed")
    is not whose assets the figures count."""
    first: tuple[str | None, int] = (None, len(s))
    low = s.lower()
    if not any(w in low for w in _platform_lower()):
        return first
    for m in _word_starts().finditer(s):
        i = m.start()
        hit = _match_word(s, i, _platform_names())
        if hit and not (hit[0] == "twitter" and s[i : hit[1]] == "X" and not _x_is_platform(s, i)):
            if _BY_PLATFORM.search(s[max(0, i - 25) : i]):
                if first[0] is None:
                    first = (hit[0], i)
                continue
            return hit[0], i
    return first


def _is_demonym(word: str) -> bool:
    from archive.extract.actors import place_words

    return word[:1].isupper() and word.lower() in place_words() and len(word) > 3


_QUOTES = re.compile(r"[\"«»“”„]")
_PAGES_GROUPS = re.compile(r"\b\d[\d,.]*\s+(?:Facebook\s+)?(?:Pages|Groups)\b")


@lru_cache(maxsize=1)
def _platform_lower() -> frozenset[str]:
    return frozenset(w.lower() for w, _ in _platform_names())


@lru_cache(maxsize=1)
def _word_starts() -> re.Pattern[str]:
    """Positions where a platform name can start: its first letters, at a word boundary."""
    firsts = sorted({w[0].lower() for w, _ in _platform_names()} | {w[0].upper()
                    for w, _ in _platform_names()})
    return re.compile(r"(?<!\w)[" + re.escape("".join(firsts)) + "]")


def _x_is_platform(s: str, i: int) -> bool:
    after = s[i + 1 : i + 30]
    before = s[max(0, i - 12) : i]
    return bool(
        re.match(r"\s*(?:\(formerly|,? formerly|said|suspended|removed|has|banned|took|"
                 r"announced|accounts?|account|posts?|users?|and|,)", after)
        or re.search(r"\b(?:on|across|including|and|to)\s+$", before)
    )


# "14 comptes, 12 pages et un groupe Facebook et d'un compte Instagram": the article "un"
# is the figure 1 when it continues a list of figures (same length, so offsets hold).
_ONE_IN_LIST = Caseless(
    r"(\d[^.;]{0,60}?(?:,|\bet|\band|\by|\bи)\s+(?:d['’]\s*|de\s+)?)"
    r"(une?|uno|una|один|одна|одну|одного|одной)(?=\s+(?:[\w-]+\s+)?(?:comptes?|pages?|groupes?|"
    r"cuentas?|páginas?|grupos?|аккаунт\w*|страниц\w*|групп\w*|канал\w*)\b)")


def find_counts(s: str, default_platform: str | None = None) -> list[CountHit]:
    """Counts stated in sentence *s* (offsets local to *s*). The same sentence is read twice
    (once to find repeated figures, once for its facts): the answers are kept for the last
    sentences and handed out as copies, since callers mark them."""
    return [CountHit(h.kind, h.key, h.value, h.qualifier, h.start, h.end, dict(h.detail))
            for h in _counts_of(s, default_platform)]


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=2048)
def _counts_of(s: str, default_platform: str | None) -> tuple[CountHit, ...]:
    if not _DIGIT.search(s) and not find_numbers(s):
        return ()  # every figure below is a digit or a number word
    return tuple(_find_counts(s, default_platform))


def _find_counts(s: str, default_platform: str | None) -> list[CountHit]:
    hits: list[CountHit] = []
    # Quotes around names (в "Facebook", «Instagram») do not change what a figure counts;
    # same length, so the offsets still point into the sentence.
    s = _QUOTES.sub(" ", s)
    while (one := _ONE_IN_LIST.sub(lambda m: m.group(1) + "1" + " " * (len(m.group(2)) - 1), s)) != s:
        s = one  # again: "одну группу Facebook и один аккаунт" after the first is a figure
    sent_platform, sent_platform_at = _sentence_platform(s)
    # Pages and Groups are Facebook's: bare "accounts" counted beside them are Facebook's too.
    facebook_list = bool(_PAGES_GROUPS.search(s))
    numbers = find_numbers(s)
    list_platform: str | None = None  # the platform of the previous count in a list
    for num in numbers:
        after = s[num.end : num.end + 3]
        if after.startswith("%") or s[num.end : num.end + 8].lower() == " percent":
            continue
        if re.fullmatch(r"(?:19|20)\d\d", num.written) and (after[:1] == "," or re.search(
                r"\b(?:in|since|of|by|until|from|to|during|en|desde|depuis|в|с)\s*$", s[: num.start],
                re.IGNORECASE)):
            continue  # "In 2020, the group nixed 2,600 channels": a year
        if re.search(r"(?:followed by|members?:|followers?:|подписан\w*|подписчик\w*\s+стал\w*|"
                     r"seguid[ao]s? por|"
                     r"suivie?s? par)\s*(?:\w+\s+){0,2}$", s[: num.start]) and not (
                         _asset_phrase(s, num.end)):
            # (not "May saw 2,357 channels removed, followed by 1,253 channels in June")
            metric = _follower_metric(s, num, "followers", sent_platform)
            hits.append(_hit("audience", metric, num, num.end))
            continue
        aud = _AUDIENCE_NOUN.match(s, num.end)
        if aud and not num.is_word or aud and num.value > 1:
            noun = aud.group(1).lower()
            noun = _AUDIENCE_WORD.get(noun, "followers" if noun.startswith("подписчик") else
                                      "members" if noun.startswith("участник") else noun)
            if noun in ("followers", "subscribers", "members", "fans"):
                metric = _follower_metric(s, num, noun, sent_platform)
                hits.append(_hit("audience", metric, num, aud.end()))
                continue
        share = None if num.is_word or num.value < 10 else _SHARE_OF_THE.match(s, num.end)
        if re.match(r"\s+(?:or more\s+)?of\b", s[num.end :]) and not share:
            continue  # "one or more of these Pages", "two of the accounts"
        by = _FOLLOWED_BY.search(s[max(0, num.start - 60) : num.start])
        who = re.match(r"\s+(?:[\w-]+\s+){0,2}?(?:accounts|users|people|profiles|followers|"
                       r"members|fans|subscribers)\b", s[num.end :]) if by else None
        if by and who:
            # "The Pages were followed by about 1.2 million accounts": their audience
            holder = by.group("holder").lower()
            metric = ("facebook_group_members" if holder.startswith("group") or by.group("verb")
                      .lower().startswith("joined") else "instagram_followers"
                      if "instagram" in holder else "youtube_subscribers" if "channel" in holder
                      else "facebook_page_followers" if holder.startswith("page")
                      else "total_followers")
            hits.append(_hit("audience", metric, num, num.end + who.end()))
            continue
        people = re.match(r"\s+(?:people|users|persons|individuals)\b", s[num.end :])
        if people and _AUDIENCE_VERB.match(s, num.end + people.end()):
            verb_end = _AUDIENCE_VERB.match(s, num.end + people.end())
            assert verb_end is not None
            metric = _audience_metric(s, verb_end.end(), sent_platform)
            hits.append(_hit("audience", metric, num, verb_end.end()))
            continue
        bare = None if num.is_word else _AUDIENCE_VERB.match(s, num.end)
        if bare and re.match(r"\s", s[num.end : num.end + 1]):
            # "... and about 917,000 followed the Instagram accounts": the figure is the audience
            metric = _audience_metric(s, bare.end(), sent_platform)
            hits.append(_hit("audience", metric, num, bare.end()))
            continue
        if _UNITS_OF_ACCOUNTS.match(s, num.end):
            continue  # "двух группах учетных записей", "three sets of accounts": networks
        # "Twitter says 2,048 of the accounts amplified ...": a share told by its noun
        phrase = _asset_phrase(s, share.end() if share else num.end)
        if share and phrase and not _ACTED_AFTER.match(s, phrase[2]):
            continue  # ("20 of the accounts' followers"): not a share that did something
        if not phrase and list_platform is not None or not phrase and hits and any(
                h.key.endswith("_accounts") for h in hits):
            # "162 cuentas de Facebook, otras 7 de Instagram": the noun is left out
            elided = re.match(r"\s+(?:de|on|sur|en|в|на)\s+(\w+)", s[num.end :])
            named = _match_word(elided.group(1), 0, _platform_names()) if elided else None
            elided_metric = _ACCOUNT_METRIC.get(named[0]) if named else None
            if elided and elided_metric:
                hits.append(_hit("count", elided_metric, num, num.end + elided.end()))
                continue
        if not phrase:
            continue
        noun, platforms, end = phrase
        written_noun = s[:end].split()[-1] if s[:end].split() else ""
        if noun in ("group", "event", "page") and num.is_word and not platforms and (
                written_noun in ("group", "groups", "page", "pages", "event", "events")
                or written_noun[:1].islower() and not any(h.kind == "count" for h in hits)
                ) and not _COUNT_LIST_AHEAD.match(s, end):
            # "one group turned its attention", "поделила аккаунты на две группы": a word
            # number with a bare "group" is not a count of Facebook Groups, unless it
            # continues a list of counts ("36 страниц и семь групп").
            continue  # "one group turned its attention...": a word, not a Facebook Group
        if noun == "event" and _HELD_BEFORE.search(s[max(0, num.start - 40) : num.start]):
            continue  # "They also promoted almost 200 events": what they did, not what went
        verb = _AUDIENCE_VERB.match(s, end)
        if verb and noun == "account" or verb and noun in ("page", "group") and not platforms:
            plat = platforms[0] if platforms else sent_platform
            hits.append(_hit("audience", _audience_metric(s, verb.end(), plat), num, verb.end()))
            continue
        tail = s[end : end + 60]
        on = re.match(r"\s+(?:(?:(?:spread|distributed|split)\s+)?(?:on|in|across|from|de|en|sur|в|на)"
                      r"\s+)?(\w[\w.]*"
                      r"(?:(?:\s*,\s*|\s*,?\s+(?:and|or|y|et|и)\s+)\w[\w.]*)*)", tail)
        # "accounts across YouTube, Blogger and AdSense": every platform of the list
        words = re.split(r"\s*,\s*|\s+(?:and|or|y|et|и)\s+", on.group(1)) if on else []
        for k, grp in enumerate(words):
            hit = _match_word(grp, 0, _platform_names()) if grp else None
            if hit:
                platforms.append(hit[0])
            elif k:
                break
        combined = re.match(
            r"\s*(?:,\s*|\s+(?:and|or|y|o|et|ou|и|или)\s+|\s*/\s*)(?:(?:Facebook|Instagram|fake)\s+)?"
            r"(?:accounts|Pages|Groups|pages|groups|profiles|channels|Events|cuentas|páginas|grupos|"
            r"perfiles|comptes|groupes|profils|аккаунт\w*|страниц\w*|групп\w*|сообществ\w*|"
            r"профил\w*)(?![\w-])", tail
        )
        if combined or len(set(platforms)) > 1 or noun == "assets":
            hits.append(_hit("count", "combined_assets", num, end))
            continue
        explicit = platforms[0] if platforms else None
        if explicit is None and noun == "account":
            # "29 cuentas vinculadas a Twinmark en Instagram": the platform ends the clause
            later = _PLATFORM_LATER.match(s, end)
            if later:
                named = _match_word(later.group("p"), 0, _platform_names())
                explicit = named[0] if named else None
        # "155 accounts, 11 Pages and 6 Instagram accounts": a platform named only later in the
        # list belongs to its own figure; a bare "accounts" before it is the document's platform.
        fallback = sent_platform if sent_platform_at < num.start else (
            "facebook" if facebook_list else default_platform or sent_platform)
        asset = _metric_for(noun, explicit, list_platform or fallback)
        if asset:
            if explicit and noun == "account":
                list_platform = explicit
            hits.append(_hit("count", asset, num, end))
    hits += _bracketed_counts(s, hits)
    hits += _listed_place_counts(s, hits, sent_platform or default_platform)
    hits += _elided_counts(s, hits)
    hits += _listed_figures(s, hits)
    hits += _dashed_counts(s, hits, sent_platform or default_platform)
    hits += find_ad_spend(s)
    # ("followed by Russia with 1,500": the figure a count of its own, no audience)
    elided_at = {h.start for h in hits if h.kind == "count" and h.detail.get("elided")}
    return [h for h in hits if not (h.kind == "audience" and h.start in elided_at)]


_BRACKETED = re.compile(r"\b(?P<plat>Facebook|Instagram|Threads|Twitter|X|TikTok|YouTube|Telegram)"
                        r"\s*\((?P<n>\d{1,3}(?:[ ,\u00a0]\d{3})*|\d+)\)")


_DASHED = Caseless(r"\b(?P<noun>аккаунт\w*|учетных записей|accounts|cuentas|comptes)\s*[–—-]\s*"
                   r"(?P<n>\d{1,3}(?:[ ,\u00a0]\d{3})+|\d+)\s*[–—-]")


def _dashed_counts(s: str, hits: list[CountHit], platform: str | None) -> list[CountHit]:
    """"Подавляющая часть удаленных аккаунтов – 23 750 – была связана с Китаем": the figure
    set off by dashes after its noun."""
    out: list[CountHit] = []
    for m in _DASHED.finditer(s):
        if any(h.start <= m.start("n") < h.end for h in hits):
            continue
        metric = _ACCOUNT_METRIC.get(platform or "")
        if metric:
            out.append(CountHit("count", metric, int(re.sub(r"\D", "", m.group("n"))), "exact",
                                m.start("n"), m.end("n"), {"as_written": m.group("n")}))
    return out


# "accounts in three countries: Egypt (2,541), Saudi Arabia (5,350) and the UAE (4,248)"
# "Saudi Arabia (5,350)": a place and its figure in brackets
_PLACE_AND_FIGURE = (r"(?:the\s+)?[A-ZÀ-ÝА-ЯЁ][\w'’.-]+(?:\s+[A-ZÀ-ÝА-ЯЁ][\w'’.-]+){0,3}"
                     r"\s*\((?P<n>\d{1,3}(?:[ ,.\u00a0]\d{3})+|\d+)\)")
_PLACE_BRACKETED = re.compile(r"(?:^|[,:;]\s*|\s(?:and|y|et|и)\s+)" + _PLACE_AND_FIGURE)
_PLACES_LEAD = re.compile(
    r"\b(?P<noun>accounts|cuentas|comptes|аккаунт\w*|Pages|channels|canales|chaînes)\b[^.;()]{0,80}?"
    r"\b(?:countries|pa[íi]ses|pays|стран\w*)\s*:"
    # "blocked channels tied to campaigns from China (2,232), Russia (36) and Iran (8)"
    r"|\b(?P<noun2>accounts|cuentas|comptes|Pages|channels|canales|chaînes)\b[^.;()]{0,80}?"
    r"\b(?:from|linked to|tied to|connected to|in|including|such as|de|desde|en)\s+"
    r"(?=(?:the\s+)?(?-i:[A-ZÀ-Ý][\w'’.-]+(?:\s+[A-ZÀ-Ý][\w'’.-]+){0,3})\s*\(\d)", re.IGNORECASE)
_FIRST_PLACE_BRACKETED = re.compile(_PLACE_AND_FIGURE)
# "China accounted for 7,700 channels, followed by Russia with 2,000 and Romania with 90"
_PLACE_WITH = re.compile(
    r"(?:[,;]\s*|\s(?:and|y|et|и)\s+|followed by\s+|seguid[ao] de\s+|suivie? de\s+)(?:the\s+)?"
    r"[A-ZÀ-Ý][\w'’.-]+(?:\s+[A-ZÀ-Ý][\w'’.-]+){0,3}\s+(?:with|con|avec)\s+"
    r"(?P<n>\d{1,3}(?:[ ,\u00a0]\d{3})+|\d+)\b(?!\s*(?:%|percent|por ciento|pour cent))")


def _listed_place_counts(s: str, hits: list[CountHit], platform: str | None) -> list[CountHit]:
    """"suspended accounts in three countries: Egypt (2,541), Saudi Arabia (5,350) ...": each
    place's bracketed figure counts the asset noun the lead-in named."""
    withs = [m for m in _PLACE_WITH.finditer(s) if not any(h.start <= m.start("n") < h.end
                                                          for h in hits if h.kind == "count")]
    before = [h for h in hits if h.kind == "count"]
    if withs and before and before[0].end <= withs[0].start("n"):
        return [CountHit("count", before[0].key, int(re.sub(r"\D", "", m.group("n"))), "exact",
                         m.start("n"), m.end("n"), {"as_written": m.group("n"), "elided": True})
                for m in withs]
    lead = _PLACES_LEAD.search(s)
    if not lead:
        return []
    noun = next((k for w, k in _nouns()
                 if w.lower() == (lead.group("noun") or lead.group("noun2")).lower()), None)
    metric = _metric_for(noun, None, platform) if noun else None
    if not metric:
        return []
    out: list[CountHit] = []
    first = _FIRST_PLACE_BRACKETED.match(s, lead.end()) if lead.group("noun2") else None
    if first and not any(h.start <= first.start("n") < h.end for h in hits):
        out.append(CountHit("count", metric, int(re.sub(r"\D", "", first.group("n"))), "exact",
                            first.start("n"), first.end(), {"as_written": first.group("n")}))
    for m in _PLACE_BRACKETED.finditer(s, lead.end() - 1):
        if any(h.start <= m.start("n") < h.end for h in hits):
            continue
        value = int(re.sub(r"\D", "", m.group("n")))
        out.append(CountHit("count", metric, value, "exact", m.start("n"), m.end(),
                            {"as_written": m.group("n")}))
    return out if len(out) >= 2 else []


# "513 из этих аккаунтов были связаны с Ираном, 1907 — с Россией", "..., 1,907 to Russia"
_ELIDED = re.compile(
    r"(?:,|\s(?:and|и|y|et|while|whereas|mientras|tandis que))\s+"
    r"(?:(?:of which|of them|of these|among them|de las cuales|de los cuales|dont|из них)\s+)?"
    r"(?:(?:about|around|some|nearly|almost|roughly|approximately|more than|over|unas|unos|"
    r"environ|около|примерно|более)\s+)?(?P<n>\d{1,3}(?:[ ,.\u00a0]\d{3})+|\d+)"
    r"(?:\s*[—–]\s*(?:с|со|to|a|à|with|de|из|from|в)?|\s+(?:to|a|à|с|со|with)"
    # ", 36 linked to Russia", "while 45 were linked to Iran", "y 12 vinculadas a Cuba"
    r"|,?\s+(?:(?:were|was|are)\s+)?(?:(?:also|likewise)\s+)?(?:linked|tied|connected|"
    r"associated|attributed|traced(?: back)?|related|vinculad[ao]s|ligad[ao]s|relacionad[ao]s|"
    r"liée?s|associée?s|связан\w*)\s+(?:to|with|a|al|à|au|aux|с|со)"
    r"|\s+(?:from|in|originating (?:in|from)|based in|de|desde|из|en))\s+"
    r"(?:the\s+|la\s+|le\s+|les\s+|l['’]\s*|el\s+|los\s+|las\s+)?(?=[A-ZА-ЯЁÀ-Ý])")


# "The Iranian network consisted of 500 accounts, while the Russian one had 200."
_HAD_BARE = re.compile(
    r"\b(?:one|network|operation|campaign|set|cluster|la otra|l['’]autre|другая)\s+(?:had|comprised|"
    r"included|numbered|totall?ed|consisted of|tenía|contaba con|comptait|avait|насчитывала|"
    r"включала)\s+(?:(?:about|around|some|nearly|more than|over)\s+)?"
    r"(?P<n>\d{1,3}(?:[ ,.\u00a0]\d{3})+|\d+)\b(?!\s*(?:%|percent|[A-Za-zА-Яа-яÀ-ÿ]))")


_NUMBER_LIST_END = re.compile(
    r"(?P<list>(?:\d{1,3}(?:[,.\u00a0 ]\d{3})*\s*,\s*)+(?:\d{1,3}(?:[,.\u00a0 ]\d{3})*\s*,?\s*"
    r"(?:and|or|y|et|и)\s+)?)$")


def _listed_figures(s: str, hits: list[CountHit]) -> list[CountHit]:
    """"43, 37, 22, 12, 3, and 4 channel terminations": the figures listed before a count
    count what it counts, each marked as one of a list."""
    out: list[CountHit] = []
    for h in [h for h in hits if h.kind == "count"]:
        m = _NUMBER_LIST_END.search(s[max(0, h.start - 80) : h.start])
        if not m:
            continue
        base = max(0, h.start - 80) + m.start("list")
        figures = list(re.finditer(r"\d{1,3}(?:[.\u00a0 ]\d{3}|,\d{3}(?!\d))*", m.group("list")))
        if len(figures) < 1:
            continue
        h.detail["listed"] = True
        for f in figures:
            if any(x.start <= base + f.start() < x.end for x in hits):
                continue
            out.append(CountHit("count", h.key, int(re.sub(r"\D", "", f.group(0))), "exact",
                                base + f.start(), base + f.end(),
                                {"as_written": f.group(0), "listed": True}))
    return out


# "... while a further 112 were connected to a private company", "y una red de 7,340
# comprometidas en ...": one more figure of the kind counted before, its noun left out
_FURTHER_BARE = re.compile(
    r"\b(?:a further|another|an additional|(?:the )?other|otr[oa]s|d['’]autres|autres|ещё|еще|"
    r"(?:una red|a network|un réseau|a set|a cluster|a group) (?:de|of))\s+"
    r"(?P<n>\d{1,3}(?:[ ,.\u00a0]\d{3})+|\d+)(?=\s+(?:were|was|are|had|have|that|which|who|"
    r"(?:also )?(?:linked|tied|connected|associated|attributed|posted|targeted|focused|"
    r"promoted|amplified|shared)|que|qui|comprometid\w*|vinculad\w*|dedicad\w*|ligad\w*|"
    r"relacionad\w*|liée?s|associée?s|связан\w*|был\w*)\b)", re.IGNORECASE)


_SHARE_OF_THE = re.compile(r"\s+of\s+(?:the|these|those|its|their)\s+")
# What a share of the accounts did: "... of the accounts “amplified ...”", "... were linked"
_ACTED_AFTER = Caseless(r"\s*[\"“”«]?\s*(?:were|was|had|have|are|\w+ed)\b")
# "The Pages were followed by (about) ...", "the groups had been joined by ..."
_FOLLOWED_BY = Caseless(
    r"\b(?P<holder>Pages|Groups|(?:Instagram )?accounts|channels|profiles)\s+(?:\w+\s+){0,2}?"
    r"(?:were|was|had been|are)\s+(?P<verb>followed|joined|subscribed to|liked)\s+by\s+"
    r"(?:(?:about|around|some|nearly|almost|more than|over|roughly|approximately|a total of|"
    r"a combined)\s+)?$")


def _elided_counts(s: str, hits: list[CountHit]) -> list[CountHit]:
    """A bare figure after a count, its noun left out and a new place named: the same kind."""
    before = [h for h in hits if h.kind == "count"]
    if not before:
        return []
    out: list[CountHit] = [
        CountHit("count", before[0].key, int(re.sub(r"\D", "", m.group("n"))), "exact",
                 m.start("n"), m.end("n"), {"as_written": m.group("n"), "elided": True})
        for m in _HAD_BARE.finditer(s, before[0].end)
        if not any(h.start <= m.start("n") < h.end for h in hits)]
    for m in _FURTHER_BARE.finditer(s, before[0].end):
        if not any(h.start <= m.start("n") < h.end for h in hits + out):
            out.append(CountHit("count", before[0].key, int(re.sub(r"\D", "", m.group("n"))),
                                "exact", m.start("n"), m.end("n"),
                                {"as_written": m.group("n"), "elided": True}))
    for m in _ELIDED.finditer(s, before[0].end):
        if any(h.start <= m.start("n") < h.end for h in hits):
            continue
        value = int(re.sub(r"\D", "", m.group("n")))
        out.append(CountHit("count", before[0].key, value, "exact", m.start("n"), m.end("n"),
                            {"as_written": m.group("n"), "elided": True}))
    return out


def _bracketed_counts(s: str, hits: list[CountHit]) -> list[CountHit]:
    """"неподлинные аккаунты в Facebook (89) и Instagram (11)": the figure in brackets after
    each platform, counting the asset noun the clause named before them."""
    out: list[CountHit] = []
    for m in _BRACKETED.finditer(s):
        if any(h.start <= m.start("n") < h.end for h in hits):
            continue
        before = re.split(r"[.;]", s[max(0, m.start() - 60) : m.start()])[-1]
        nouns = [(w, k) for w, k in _nouns() if re.search(rf"\b{re.escape(w)}\b", before)]
        if not nouns:
            continue
        noun = max(nouns, key=lambda p: before.rfind(p[0]))[1]
        plat = _match_word(m.group("plat"), 0, _platform_names())
        metric = _metric_for(noun, plat[0] if plat else None, None)
        if metric:
            value = int(re.sub(r"\D", "", m.group("n")))
            out.append(CountHit("count", metric, value, "exact", m.start("n"), m.end(),
                                {"as_written": m.group("n")}))
    return out


# "... removed seven pages, three groups and five accounts": a list of figures follows
_COUNT_LIST_AHEAD = Caseless(
    r"\s*(?:,|and)\s+(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|dozens of|hundreds of)\s+(?:[\w-]+\s+)?(?:pages|groups|accounts|channels|profiles)\b")
_PLATFORM_LATER = re.compile(
    r"[^,;.()\d]{0,45}?\s(?:en|on|in|sur|на|в)\s+(?P<p>Instagram|Twitter|TikTok|YouTube|Telegram|"
    r"Threads|VKontakte|Reddit)\b")
_UNITS_OF_ACCOUNTS = Caseless(
    r"\s+(?:групп\w*|сет(?:ей|и|ях)|groups?|sets?|clusters?|networks?|grupos?|redes|groupes?|"
    r"réseaux)\s+(?:of\s+|de\s+|d['’]\s*)?(?:fake\s+|falsas\s+|faux\s+|фейковых\s+)?"
    r"(?:учетн\w+ запис\w*|учётн\w+ запис\w*|аккаунт\w*|accounts|cuentas|comptes)")


def _metric_for(noun: str, platform: str | None, fallback: str | None) -> str | None:
    if noun in _NOUN_METRIC:
        return _NOUN_METRIC[noun]
    plat = platform or fallback
    if noun == "account":
        return _ACCOUNT_METRIC.get(plat or "")
    if noun == "channel":
        if plat == "telegram":
            return "telegram_channels"
        if plat == "tiktok":
            return "tiktok_accounts"
        return "youtube_channels"
    if noun == "tweet":
        return "tweets" if plat == "twitter" else None
    if noun == "developer":
        return "play_developers" if plat == "google_play" or platform is None else None
    return None


def _hit(kind: str, key: str, num: Number, end: int) -> CountHit:
    value = int(num.value) if float(num.value).is_integer() else num.value
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", num.written.strip()):
        value = int(num.written.replace(".", ""))  # "4.258 cuentas": a dot between thousands
    return CountHit(kind, key, value, num.qualifier, num.start, end, {"as_written": num.written})


_CURRENCY_CODES = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "us dollars": "USD",
    "u.s. dollars": "USD", "€": "EUR", "eur": "EUR", "euros": "EUR", "£": "GBP",
    "gbp": "GBP", "pounds": "GBP", "₽": "RUB", "rubles": "RUB", "roubles": "RUB",
    "₹": "INR", "rupees": "INR", "yuan": "CNY", "zlotys": "PLN", "hryvnias": "UAH",
    "naira": "NGN", "₦": "NGN", "rands": "ZAR", "r$": "BRL", "reais": "BRL", "lira": "TRY",
    "manats": "AZN",
}


def find_ad_spend(s: str) -> list[CountHit]:
    if not _AD_CONTEXT.search(s):
        return []
    out: list[CountHit] = []
    for m in _MONEY.finditer(s):
        if re.search(r"\d[.\u00a0\u202f ]$", s[: m.start()]):
            continue  # the end of "3 000 dollars": a figure the grouped reading below takes
        cur = (m.group("cur") or m.group("curw") or "").strip().lower()
        num = m.group("num") or m.group("num2")
        mult = (m.group("mult") or m.group("mult2") or "").strip().lower()
        value = float(num.replace(",", "")) * {
            "million": 1e6, "m": 1e6, "thousand": 1e3, "k": 1e3, "billion": 1e9
        }.get(mult, 1.0)
        qual = _qualifier(s, m.start(), m.end(), False)
        detail: dict[str, Any] = {"currency_text": m.group("cur") or m.group("curw")}
        paid = _PAID_IN.search(s, m.end())
        if paid:
            detail["paid_in"] = paid.group(1).strip()
        code = _CURRENCY_CODES.get(cur, "USD" if "$" in cur else cur.upper())
        out.append(CountHit("ad_spend", code, value, qual, m.start(), m.end(), detail))
    for m in _MONEY_LOCAL.finditer(s):
        if any(h.start <= m.start() < h.end or m.start() <= h.start < m.end() for h in out):
            continue
        word = m.group("curw").lower()
        out.append(CountHit("ad_spend", _LOCAL_CURRENCY.get(word, "USD"),
                            float(re.sub(r"\D", "", m.group("num"))),
                            _qualifier(s, m.start(), m.end(), False), m.start(), m.end(),
                            {"currency_text": m.group("curw")}))
    return out
