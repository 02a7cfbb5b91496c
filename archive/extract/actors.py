"""Actors in a sentence with a role: attributed (with wording and strength), beneficiary,
denied, researcher. Normalises names through the actor alias gazetteer.

Generic phrases ("individuals in Iran", "a past operation") never become actors.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import ahocorasick

from archive.extract.caseless import Caseless
from archive.extract.gazetteer import Mention, load_gazetteer, platform_data
from archive.facts import Fact

_ATTRIB = Caseless(
    r"\b(?P<w3>attribut(?:ed|e|es|ing)\s+(?:(?:this|the|it|them|these|that|both)\s+)?"
    r"(?:[\w-]+\s+){0,5}?to|(?:was|were|is|are)\s+(?:run|operated|orchestrated|directed|"
    r"controlled|managed|created|conducted|carried out)\s+by|(?:run|operated|"
    r"orchestrated|controlled|conducted|managed|owned|created and (?:managed|run|"
    r"operated)) by|"
    r"(?:administrad|operad|dirigid|gestionad|cread|manejad)[ao]s?\s+por|"
    r"(?:gérée?s?|opérée?s?|dirigée?s?|menée?s?|orchestrée?s?|attribuée?s?)\s+(?:par|à)|"
    r"(?:управля|руковод|созда|организова)\w*\s+(?:со стороны\s+)?)"
    r"|(?P<w2>originat\w*\s+(?:from|with)(?=\s+(?:the\s+)?[A-Z])|"
    r"(?:hired|paid|contracted|commissioned|directed|created|set up)\s+by|the work of|"
    r"(?:taking|took|take|takes|taken)\s+(?:its\s+)?directions?\s+from|"
    r"(?:signes?\s+d['’])?affiliation\s+(?:à|au|aux|avec)|affiliée?s?\s+(?:à|au|aux)|"
    r"(?:directly\s+|state[- ])?(?:backed|sponsored|funded|financed)\s+by|"
    r"belong(?:ed|ing|s)?\s+to|"
    r"detrás\s+de\s+(?:\w+\s+)?(?:estaba|estaría|está|están)|derrière\s+(?:\w+\s+)?(?:se trouv\w+)|"
    r"за\s+\w+\s+(?:якобы\s+)?сто\w+|"
    r"vinculad[ao]s?\s+(?:al|a|con)\b|liée?s?\s+(?:à|au|aux)|en liens?\s+avec|"
    # "Facebook vinculó la actividad con Rally Forge", "profils associés aux sociétés ... X"
    r"vincul(?:ó|aron|a|an)\s+(?:[\w-]+\s+){0,3}?(?:con|a|al)\b|associée?s?\s+(?:à|au|aux)|"
    r"ligad[ao]s?\s+(?:al|a|con)\b|"
    r"reli(?:er|é|ée|és|ées|ant)\s+(?:[\w'’-]+\s+){0,4}?(?:à|au|aux)|"
    r"rattach\w*\s+(?:à|au|aux)|связан\w*\s+с(?:о)?|связыва\w+\s+с(?:о)?|(?:found|identified|uncovered|revealed|established|discovered|noted|saw)?\s*"
    r"(?:(?:direct|strong|clear|technical|some)\s+)?(?:links?|ties|connections?)\s+(?:back\s+)?"
    r"(?:to|with)|(?:linked|tied|connected|traced)\s+(?:[\w-]+\s+){0,4}?(?:back\s+)?to)"
    # "linked to the mayor of X as well as to the PR firm Y": a second actor of the same cue
    r"|(?P<also>(?<=\S)\s+as well as (?:to|with)|,?\s+(?:así como|ainsi qu['’]?)\s*(?:a|al|à|au)\b)"
    r"|(?:on behalf of|at the behest of|at the direction of|en nombre de|pour le compte de)"
    r"(?=\s+(?:the\s+)?(?:employees\s+of\s+)?[A-Z])"
    r"|(?P<w1>(?:employees|staff|members|officials|operatives|emplead[oa]s|trabajador[ae]s|"
    r"funcionari[oa]s|employés|salariés)\s+(?:of|at|de|del|du|de la)(?=\s+(?:the\s+|la\s+|el\s+)?"
    r"(?:\w+\s+){0,4}[A-Z])|(?:individuals\s+|people\s+)?(?:working|worked)\s+for|"
    r"(?:individuals|people|persons|entities|employees|staff|users|accounts|"
    r"operators|someone)\s+(?:\w+\s+)?(?:associated|affiliated|connected)\s+with|"
    r"(?:associated|affiliated) with)")
_WEAK_PREFIX = Caseless(
    r"^(?:(?:the|a|an|some|several|two|three)\s+)?(?:individuals|people|persons|entities|"
    r"employees|staff|users|operators|members|someone|those)\s+(?:(?:who\s+(?:are|were)\s+)?"
    r"(?:associated|affiliated|connected)\s+with|(?:of|at|from|working for))\s+")
_STOP = re.compile(
    r"[.;:!?\"“”]|,\s(?!(?:Inc|Ltd|LLC|LLP)\b)|\s(?:which|who|that|but|while|as well as|"
    r"qui|que|quien|quienes|dont|donde|котор\w+|"
    r"according|in order|for violating|located|based|operating|working (?:on|with|from|in)|"
    r"including|although|was|were|is|are|has|have|had|will|would|for \w+ing|reportedly|"
    r"allegedly|apparently|used|using|"
    r"to (?:promote|spread|push|amplify|target|influence|post|share|boost|run|manage)|"
    r"though|because|after|before|since|when|and (?:we|the network|its|it|this|they|"
    r"Facebook|Meta|Twitter|Google)|in (?:an?|the) (?:effort|attempt)|in\s+(?=[A-Z]))\b"
)
_GENERIC = Caseless(
    r"^(?:(?:the|a|an|some|several|these|those|this|its|their|other|local|unknown|"
    r"unidentified|foreign|individual|multiple|various|same|state|government|"
    r"private|commercial|[A-Z][a-z]+(?:ian|ese|i|an|ish|ch))\s+)*(?:individuals?|people|"
    r"persons?|actors?|entities|entity|users|accounts|operators|someone|groups?|"
    r"activity|network|networks|operation|operations|campaigns?|clusters?|behaviou?r|"
    r"influence operations?|takedowns?|threat actors?|freelancers?|locals?|nationals|"
    r"residents|citizens|employees|contractors|IO|CIB|the same|them|it|firms?|companies|"
    r"company|agency|agencies|(?:group|number|team|network) of (?:individuals|people|accounts)|"
    r"(?:same|specific|particular|single) \w+|any \w+(?: \w+)?)$")
_PAST = Caseless(r"\b(?:past|previous|previously|earlier|prior|former|another|an older)\b")
_ORG_HEAD = Caseless(
    r"\b(?:firm|company|agency|government|military|ministry|party|army|intelligence|"
    r"services|organi[sz]ation|media|outlet|broadcaster|institute|union|movement|"
    r"consultancy|PR|marketing|group|wing|office|department|bureau|unit|corps|council|"
    r"committee|campaign team|foundation|center|centre|network of [A-Z])\b")
_DENY = Caseless(
    r"\b(?:denied|denies|deny|rejected|rejects|dismissed|dismisses|refuted|refutes|"
    r"(?:to|quickly|quick to|would) (?:dismiss|reject|refute)|"
    r"disputed (?:the|that|any|claims|allegations|findings)|nothing to do with|"
    r"called the (?:allegations|accusations|report|claims|findings)|"
    r"said (?:it|they|he|she) (?:had|has|was|were) (?:no|not)\b|"
    r"neg(?:ó|aron|a|aba)\b|niegan?\b|rechaz(?:ó|aron)\b|desmint(?:ió|ieron)\b|desmienten?\b|"
    r"(?:a|ont) (?:nié|démenti|rejeté)\b|nient?\b|dément(?:ent)?\b|"
    r"отрица(?:ет|ют|л|ли|ла)\b|опроверг\w*|отверг\w*)")
_BENEFIT = Caseless(
    r"\b(?:in (?:support|favou?r) of|supportive of|favou?rable to|to (?:benefit|boost|support|"
    r"promote)|benefit(?:ed|ing|s)?|promot(?:ed|ing|e)\s+(?:content\s+(?:favou?rable\s+to|about)\s+)?"
    r"|prais(?:ed|ing|e)|praise (?:of|for)|pro-|"
    # Spanish, French, Russian
    r"a favor de|en favor de|en apoyo (?:del?|a|al)|apoy(?:aba|aban|ó|aron|ando|ar)\b|"
    r"elogi(?:aba|aban|ó|aron|ando|ar)\b|favorables? (?:a|al|à|au|aux)\b|"
    r"soutien (?:à|au|de)|soutenant|soutenait|soutenaient|en faveur d[eu]|"
    r"в поддержку|поддерж(?:ивали|ивал|ивающ\w*|ки)\b|восхвал\w+)")
# A name that qualifies what was said ("Chinese Communist Party narratives", "the Kremlin's
# talking points") is the content's topic, not the network's beneficiary.
_TOPIC_AFTER = Caseless(r"^['’]?s?\s+(?:narratives?|talking points|messaging|messages|propaganda|"
                        r"content|views|positions|policies|policy|line|rhetoric|agenda)\b")
_CAP_NP = re.compile(
    r"(?:[A-Z][\w'’.-]*|[A-Z]{2,})(?:\s+(?:(?:of|and|for|the|de|du|al|el|on|in)\s+)?"
    r"(?:[A-Z][\w'’.-]*|\([A-Z]{2,}\)))*"
)
_NOT_SUBJECT = frozenset(
    ["The", "A", "An", "But", "However", "In", "On", "At", "It", "Its", "They", "We", "He", "She", "This", "That", "These", "Those", "And", "Or", "Facebook", "Meta", "Twitter", "Google", "Instagram", "YouTube", "TikTok", "OpenAI", "Microsoft", "Telegram", "Reuters", "AP", "AFP", "Asked", "When", "While", "After", "According", "Both", "Neither", "Officials", "Spokesperson", "Spokesman", "Spokeswoman", "Company", "Government", "Ministry", "Earlier", "Later", "Meanwhile", "Separately", "Asked", "Yet", "Still", "Instead", "Opposition"]
)


@dataclass(slots=True)
class ActorHit:
    name: str
    role: str  # attributed | beneficiary | denied | researcher
    start: int  # global offsets of the name as written
    end: int
    detail: dict[str, Any] = field(default_factory=dict)


def _actor_at(mentions: list[Mention], a: int, b: int) -> Mention | None:
    for m in mentions:
        if m.of_kind("actor") and a <= m.start and m.end <= b:
            return m
    return None


def _is_researcher(m: Mention) -> bool:
    return any(e.sub == "researcher" for e in m.of_kind("actor"))


def _clean_name(phrase: str) -> str:
    phrase = re.sub(r"^[\s—–-]*(?:the|a|an)\s+", "", phrase.strip(" —–-"), flags=re.I)
    tag = re.search(r"\s*\([^()]{1,12}\)\s*$", phrase)
    if tag and not _ORG_HEAD.search(phrase[: tag.start()]):
        phrase = phrase[: tag.start()]  # "Octavio Pedroza (PAN)": a person's party tag
    # "the PR firm Estraterra": the descriptor before a name is not part of it
    # ("Egyptian newspaper El Fagr", "the Russian media companies A and B" likewise)
    phrase = re.sub(r"^(?:[\w.-]+-based\s+|[A-Z][a-z]+(?:an|ian|ese|i|ish)\s+)?(?:(?:PR|marketing|"
                    r"consulting|advertising|media|communications|digital|political|news|"
                    r"public relations|IT|tech|technology|software|state|state-run|state-owned|"
                    r"private|security)\s+){0,2}"
                    r"(?:firms?|compan(?:y|ies)|agenc(?:y|ies)|consultanc(?:y|ies)|start-?ups?|"
                    r"newspapers?|outlets?|broadcasters?|news sites?|think tanks?)\s+"
                    r"(?=[A-Za-z]*[A-Z])", "", phrase)
    return phrase.strip(" ,'\"“”’")


_STATE_NP = re.compile(
    r"^(?:[A-Z][a-z]+(?:ian|ese|i|an|ish|ch|ic)|[A-Z][a-z]+)\s+(?:military|army|government|"
    r"law enforcement|intelligence|navy|police|security services|state media|authorities|"
    r"ministry of \w+|armed forces|KGB|GRU|FSB|SVR)$|^(?i:government|ministry \w+ \w+|army|"
    r"military) of (?:the )?[A-Z][\w ]+$"
)
_HYPERLINK = Caseless(
    r"\s*(?:(?:the|a|an|its|their|these|other)\s+)?(?:\w+\s+)?(?:websites?|sites?|articles?|"
    r"domains?|urls?|pages?|posts?|videos?|content|news|stor(?:y|ies)|channels?)\b")
_POSING = Caseless(
    r"\b(?:claim\w*|purport\w*|pretend\w*|pos(?:ed|ing)|masquerad\w*|appear\w*|"
    r"designed|made)\s+to\s+(?:be|have been)\b[^.;]*$|\bas if\b[^.;]*$")
_ASSET_WORDS = frozenset(
    ["Facebook", "Instagram", "Twitter", "YouTube", "TikTok", "Telegram", "Meta", "Google", "Page", "Pages", "Group", "Groups", "Account", "Accounts", "Channel", "Channels"]
)
_LEADING_LOWER = re.compile(r"^(?:[a-zà-ÿа-яё][a-zà-ÿа-яё'’-]*\s+)+(?=(?:[A-ZА-ЯЁ]))")


_NAME_CONNECTORS = frozenset("of and the for de du del la le el al on in y et des di da van von "
                             "bin ibn".split())


@lru_cache(maxsize=1)
def _demonym_words() -> frozenset[str]:
    return frozenset(_demonyms().values()) | {"IT", "PR", "AI", "US", "UK"}


def _until_lowercase(text: str) -> str:
    """A name ends at its first lower-case word that is not a connector: "Thai Royal Army
    supported the government" -> "Thai Royal Army"; "Internet Research Agency" stays."""
    words = text.split()
    if not words or not words[0][:1].isupper():
        return text
    keep: list[str] = []
    for w in words:
        low = w.lower().strip(".,")
        if w[:1].islower() and low not in _NAME_CONNECTORS and not re.search("[а-яё]", w):
            if low in _STATE_HEADS or low in ("regional", "provincial", "federal", "national"):
                keep.append(w)  # "Xinjiang regional government" is one name
                continue
            if low in _GENERIC_HEADS:
                if len(keep) >= 2 and not all(k in _demonym_words() for k in keep):
                    break  # "PAIS Alliance political party posted ...": the name before it
                return text  # "Indian IT firm": a description; the validator decides
            break
        keep.append(w)
    while keep and keep[-1].lower() in _NAME_CONNECTORS:
        keep.pop()
    return " ".join(keep) if keep else text


_AND_IN_NAME = re.compile(
    r"^(?:the\s+)?(?:ruling\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*\s+and\s+[A-Z][\w'’-]+"
    r"(?:\s+[A-Z][\w'’-]+)*\s+(?:Party|Front|Movement|Union|Alliance|Council|Committee|"
    r"Organi[sz]ation|Bureau|Agency)\b(?:\s*\([A-Z]{2,}\))?")


def _names_in(phrase: str, mentions: list[Mention], start: int) -> list[tuple[str, int]]:
    """Proper names in an attribution phrase, split on "and" ("et", "y", "и") and commas,
    places dropped."""
    out: list[tuple[str, int]] = []
    whole = _AND_IN_NAME.match(_clean_name(phrase))
    if whole:  # "Justice and Development Party (AKP)" is one name, not two
        name = re.sub(r"^(?:the\s+)?(?:ruling\s+)?", "", whole.group(0).strip())
        return [(name, start + phrase.find(name))] if valid_actor_name(name) else []
    for part in re.finditer(r"[^,]+?(?=\s+and\s+|\s+(?:et|y|и)\s+(?=[A-ZА-Я])|,|$)", phrase):
        text = part.group(0).strip()
        text = re.sub(r"^(?:and|or|et|ou|y|o|и|или)\s+", "", text)
        # "Partido Popular (People's Party)": a gloss in brackets is no part of the name
        text = re.sub(r"\s*\([^()]*['’]s\b[^()]*\)", "", text)  # (the 's split below)
        text = _clean_name(re.split(r"'s\b|’s\b", text, flags=re.I)[0])
        if not text or _GENERIC.match(text):
            continue
        offset = start + phrase.find(text)
        if (_STATE_NP.match(text) or _STATE_NP.match(text.lower().capitalize())
                or _country_state(text)):
            out.append((text, offset))
            continue
        text = _LEADING_LOWER.sub("", text)
        # "an Indonesia media firm InsightID": the description before the name is no part of it
        text = re.sub(r"^(?:[A-Z][\w-]+\s+)?(?:[a-z][\w-]*\s+){1,3}(?:firm|company|agency|"
                      r"outlet|consultancy)\s+(?=[A-Z])", "", text)
        text = re.split(r"\s+(?:in|from|of (?:the )?(?:city|town))\s+(?:the\s+)?(?=[A-Z])", text)[0]
        text = _until_lowercase(text)
        bare = re.sub(r"\b[\w ]+-(?:based|linked|backed|run)\b", " ", text)
        if not _CAP_NP.search(bare) or _only_places(text, offset, mentions):
            continue
        if len(text.split()) > 8 or text.split()[0] in _ASSET_WORDS or not valid_actor_name(text):
            continue
        if len(text.split()) == 1 and _RELATIVES.search(phrase[: phrase.find(text)]):
            continue  # "his sons Eduardo and Flavio": a first name alone names no one
        out.append((text, start + phrase.find(text)))
    return out


_RELATIVES = Caseless(r"\b(?:sons?|daughters?|brothers?|sisters?|wife|husband|children|fils|filles?|"
                      r"frères?|sœurs?|épouse|hij[oa]s?|herman[oa]s?|esposa|сыновь\w*|сын\w*|"
                      r"доч\w*|брат\w*)\b")
_ACRONYM_DOTS = re.compile(r"\b(?:[A-Z]\.){2,}")


_GOVERNMENT_OF = re.compile(r"^(?i:the\s+)?(?i:government|regime)\s+of\s+(?:the\s+)?(.+)$")


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    data = load_gazetteer("countries.json")["countries"]
    out: dict[str, str] = {}
    for c in data.values():
        english = [d for d in c["demonyms"] if re.fullmatch(r"[A-Z][a-z]+", d)]
        if english:
            for name in [*c["aliases"], c["name"], *c["names"].get("en", [])]:
                out.setdefault(name.lower(), english[0])
    return out


_OFFICE_BEFORE_NAME = re.compile(
    r"^(?:[A-Z][a-z]+(?:an|ian|ese|i|ish|ch)\s+)?(?:former\s+)?(?:President|Prime Minister|"
    r"Premier|Chancellor|Vice President|Minister|Senator|Governor|Mayor)\s+"
    r"(?=[A-ZÀ-Ý][\w'’.-]+\s+[A-ZÀ-Ý])")


_COUNTRY_STATE = re.compile(r"^(?:the\s+)?(?P<c>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})\s+"
                            r"(?P<h>government)$")


def _country_state(name: str) -> str | None:
    """ "Saudi Arabia government" -> "Saudi government": a state body named by its country's
    name rather than its demonym; None for anything else."""
    m = _COUNTRY_STATE.match(name.strip())
    demonym = _demonyms().get(m.group("c").lower()) if m else None
    if not m or not demonym:
        return None
    return f"{demonym} government"


def canonical_actor(name: str) -> str:
    """One spelling for a state actor: "Government of Armenia" -> "Armenian government",
    "Saudi Arabia government" -> "Saudi government"; a person without the office before the
    name: "Belarusian President Alexander Lukashenko" -> "Alexander Lukashenko"."""
    name = _OFFICE_BEFORE_NAME.sub("", name.strip())
    state = _country_state(name)
    if state:
        return state
    m = _GOVERNMENT_OF.match(name.strip())
    if m:
        demonym = _demonyms().get(m.group(1).strip().lower())
        if demonym:
            return f"{demonym} government"
    return _known_names().get(name.lower(), name)  # "American military": the gazetteer's name


@lru_cache(maxsize=1)
def _known_names() -> dict[str, str]:
    return {alias.lower(): a["name"] for a in load_gazetteer("actors.json")["actors"]
            for alias in a["aliases"]}


def _attributed(s: str, off: int, mentions: list[Mention]) -> list[ActorHit]:
    # "U.S.-based PR firm": the dots of an acronym do not end the phrase (same length kept).
    s = _ACRONYM_DOTS.sub(lambda m: m.group(0).replace(".", "\u2024"), s)
    hits = _attributed_masked(s, off, mentions)
    for h in hits:
        h.name = h.name.replace("\u2024", ".")
        if "as_written" in h.detail:
            h.detail["as_written"] = str(h.detail["as_written"]).replace("\u2024", ".")
    return hits


# Every _ATTRIB cue holds one of these (case-folded), at most a few words and spaces after
# its start: "за", "individuals" and "people" are here for the cues that begin with them.
_ATTRIB_KEYS = (
    # ("... by", "... por", "... par|à": the verbs before them)
    "attribu", "run", "operat", "orchestrat", "direct", "control", "manag", "creat", "conduct",
    "carried out", "owned", "hired", "paid", "contract", "commission", "set up", "backed",
    "sponsor", "funded", "financed", "administrad", "operad", "dirigid", "gestionad", "cread",
    "manejad", "géré", "opéré", "dirigé", "mené", "orchestré", "управля", "руковод", "созда",
    "организова", "originat", "work", "affili", "belong", "detrás", "derrière", "за", "vincul",
    "lié", "en lien", "associ", "ligad", "reli", "rattach", "связ", "link", "ties", "tied",
    "connect", "traced", "as well as", "así como", "ainsi qu", "behalf", "behest",
    "en nombre de", "pour le compte de", "employees", "staff", "members", "officials",
    "operatives", "emplead", "trabajador", "funcionari", "employés", "salariés",
)


def _attribution_cues(s: str) -> Iterator[re.Match[str]]:
    """What _ATTRIB.finditer(s) gives, found faster: _ATTRIB, whose branches may start at any
    word, is searched only from shortly before the next key word. No cue starts more than
    `reach` characters before a key word inside it (the longest lead is "individuals", two
    runs of spaces and one word before "associated with"), so nothing is skipped."""
    low = s.casefold()
    if len(low) != len(s):  # ("ß" folds to two letters: offsets would not line up)
        yield from _ATTRIB.finditer(s)
        return
    tokens = s.split()
    if not tokens:
        return
    reach = 40 + max(map(len, tokens)) + 3 * max(map(len, _SPACES.findall(s)), default=0)
    pos = 0
    keys = _attrib_keys()
    while pos < len(s):
        # (the first key to end: no key starts more than the longest key's length before it)
        first = next(keys.iter(low, pos), None)
        if first is None:
            return
        cue = _ATTRIB.search(s, max(pos, first[0] + 1 - _LONGEST_KEY - reach))
        if cue is None:
            return
        yield cue
        pos = cue.end()


_SPACES = re.compile(r"\s+")
_LONGEST_KEY = max(map(len, _ATTRIB_KEYS))


@lru_cache(maxsize=1)
def _attrib_keys() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for k in _ATTRIB_KEYS:
        auto.add_word(k, k)
    auto.make_automaton()
    return auto


def _attributed_masked(s: str, off: int, mentions: list[Mention]) -> list[ActorHit]:
    out: list[ActorHit] = []
    seen_cue = False
    for cue in _attribution_cues(s):
        if cue.group("also") is not None and not seen_cue:
            continue  # (only after a cue of its own)
        seen_cue = True
        strength = 3 if cue.group("w3") else 2 if cue.group("w2") else 1
        if re.search(r"\b(?:not|no|never|unable to|without|cannot|n't)\b(?:\s+\w+){0,2}\s*$",
                     s[max(0, cue.start() - 25) : cue.start()], re.I):
            continue
        rest = s[cue.end() :]
        before = s[max(0, cue.start() - 40) : cue.start()]
        if _HYPERLINK.match(rest) or _POSING.search(before + cue.group(0)):
            continue  # "sharing links to the website", "claimed to be run by locals"
        if _ORG_WITH_TIES.search(before + cue.group(0)):
            continue  # "IUVM, a propaganda group with close links to X": the group's ties
        lead = len(rest) - len(rest.lstrip(" ,\t\n"))  # ("directly backed by, the X")
        stop = _STOP.search(rest, lead)
        phrase_end = cue.end() + (stop.start() if stop else len(rest))
        phrase = s[cue.end() + lead : phrase_end]
        wording = cue.group(0).strip()
        weak = _WEAK_PREFIX.match(phrase)
        if weak:
            strength = 1
            wording = f"{wording} {weak.group(0).strip()}"
            phrase = phrase[weak.end() :]
        phrase_start = phrase_end - len(phrase)
        if _OFFICE_OF_A_PLACE.match(phrase):
            # "the mayor of Progreso and candidate for re-election, Julián Zacarías": the
            # office is a place's, the name after it the person's
            named = _OFFICE_HOLDER.match(s[phrase_end : phrase_end + 120])
            if named and valid_actor_name(named.group(1)):
                a = off + phrase_end + named.start(1)
                out.append(ActorHit(named.group(1), "attributed", a, a + len(named.group(1)),
                                    {"wording": wording, "strength": strength,
                                     "as_written": named.group(1)}))
            continue
        if _SUBNATIONAL.match(phrase):
            continue  # "ligadas al estado de Quintana Roo", "the mayor of Progreso": a place
        if _PAST.search(phrase) or _PAST.search(s[max(0, cue.start() - 25) : cue.start()]):
            continue
        detail: dict[str, Any] = {"wording": wording, "strength": strength}
        clause_end = off + cue.end() + (re.search(r"[.;]|\s(?:which|who|but)\s", rest) or
                                        re.search(r"$", rest)).start()  # type: ignore[union-attr]
        # (the mentions, sorted by start, from the phrase's start to the clause's end)
        limit = min(clause_end, off + phrase_end + 120)
        first = bisect.bisect_left(mentions, off + phrase_start, key=lambda m: m.start)
        gms = []
        for m in mentions[first:]:
            if m.start >= limit:
                break
            if m.of_kind("actor") and m.end <= limit and not _is_researcher(m):
                between = s[cue.end() : max(cue.end(), m.start - off)]
                if _FAVOUR.search(between) or _AGAINST.search(between):
                    continue  # "linked to X and sharing content supportive of Y": Y gained
                gms.append(m)
        if gms:
            for gm in gms:
                out.append(ActorHit(gm.of_kind("actor")[0].value, "attributed", gm.start, gm.end,
                                    {**detail, "as_written": gm.surface}))
            continue
        names = _names_in(phrase, mentions, off + phrase_start)
        if not names:
            # «Медиасфера», "Fish Food": a quoted name right after the cue is the actor's
            quoted = re.match(r"\s*(?:[\w-]+\s+){0,3}?[«\"“]([^»\"”]{2,60})[»\"”]",
                              s[cue.end() : cue.end() + 120])
            inner = quoted.group(1).rstrip(" .,") if quoted else ""
            if quoted and valid_actor_name(inner):
                a = cue.end() + quoted.start(1)
                halves = re.split(r"\s+and\s+", inner)
                if len(halves) == 2 and all(len(h.split()) >= 2 and valid_actor_name(h)
                                            for h in halves):
                    # “Philippine military and Philippine police”: two actors
                    names = [(halves[0], off + a),
                             (halves[1], off + a + inner.rfind(halves[1]))]
                else:
                    names = [(inner, off + a)]
        if not names and stop and s[phrase_end : phrase_end + 2] == ", " and re.match(
                r"[A-ZÀ-ÝА-ЯЁ«\"“]", s[phrase_end + 2 : phrase_end + 3]):
            # Apposition: "a local advertising agency, Spectrum Media" (a name, not a clause:
            # "an account, while others tried to tag Minister X")
            tail = s[phrase_end + 2 :]
            tail_stop = re.search(r"[.;:]|,\s(?:a|an|the|which|who)\b|\s(?:which|who)\b", tail)
            appos = tail[: tail_stop.start() if tail_stop else len(tail)]
            names = _names_in(appos, mentions, off + phrase_end + 2)
        for name, start in names:
            out.append(ActorHit(name, "attributed", start, start + len(name),
                                {**detail, "as_written": name}))
    return out


# An organisation's own ties, told in passing ("run by youth groups with ties to X", "Y, a
# media group with close links to X"): X is whom the organisation is tied to, not the network.
_ORG_WITH_TIES = Caseless(
    r"\b(?:groups?|organi[sz]ations?|firms?|compan(?:y|ies)|agenc(?:y|ies)|outlets?|movements?|"
    r"part(?:y|ies)|media)\s+(?:with\s+(?:\w+\s+)?(?:links?|ties|connections?)\s+(?:to|with)|"
    r"(?:(?:closely|directly)\s+)?(?:connected|linked|tied|affiliated|associated)\s+(?:to|with))$")
_OFFICE_HOLDER = re.compile(r"^(?:,?\s+(?:y|and|et)\s+[^,.;]{0,60})?,\s+((?:[A-ZÀ-Ý][\w'’-]+\s*){2,4})"
                            r"(?=\s*(?:\([^()]{1,12}\))?\s*(?:[,.;]|$|y\b|and\b|así|as well))")
_OFFICE_OF_A_PLACE = Caseless(
    r"^(?:the\s+|el\s+|la\s+|le\s+)?(?:mayor|governor|alcalde|alcaldesa|gobernador[a]?|maire|"
    r"gouverneur)\s+(?:of|de|del|de la)\s+")
_SUBNATIONAL = Caseless(r"^(?:the\s+|el\s+|la\s+|le\s+)?(?:state|province|region|city|"
                         r"estado|provincia|región|ciudad|municipio|état|région|ville)\s+"
                         r"(?:of|de|del|du|d['’])\s")


def _only_places(name: str, start: int, mentions: list[Mention]) -> bool:
    rest = name
    for m in mentions:
        if m.of_kind("country") or m.of_kind("region"):
            rest = rest.replace(m.surface, " ")
    rest = re.sub(r"\b(?:the|and|or|government|state|of|in|individuals|people|based|"
                  r"authorities|regime)\b|[-,'s]", " ", rest, flags=re.I)
    return not rest.strip() and rest != name


def _denied(s: str, off: int, mentions: list[Mention]) -> list[ActorHit]:
    out: list[ActorHit] = []
    for d in _DENY.finditer(s):
        left = s[: d.start()]
        clause = re.split(r"[;.]\s|,\s(?=but|while|and)", left)[-1]
        base = off + len(left) - len(clause)
        gms = [m for m in mentions if m.of_kind("actor") and base <= m.start < off + d.start()
               and not _is_researcher(m)]
        if gms:
            m = gms[-1]
            out.append(ActorHit(m.of_kind("actor")[0].value, "denied", m.start, m.end,
                                {"as_written": m.surface, "wording": d.group(0)}))
            continue
        coref = re.match(r"\s*(?:[^,]{0,40},\s*)?(?:the|The)\s+(group|party|company|firm|agency|ministry|army|"
                         r"military|organi[sz]ation|companies|firms|government)\b", clause)
        if coref:
            out.append(ActorHit("@coref", "denied", base, base + len(coref.group(0)),
                                {"as_written": coref.group(0).strip(), "wording": d.group(0)}))
            continue
        for np in _CAP_NP.finditer(clause):
            if _only_places(re.split(r"'s\b|’s\b", np.group(0))[0], 0, mentions):
                continue
            words = re.split(r"'s\b|’s\b", np.group(0))[0].split()
            while words and (words[0] in _NOT_SUBJECT or words[0].lower() == "the"):
                words.pop(0)
            if not words or _only_places(" ".join(words), 0, mentions):
                continue
            name = " ".join(words)
            start = base + np.start() + np.group(0).find(name)
            out.append(ActorHit(name, "denied", start, start + len(name),
                                {"as_written": name, "wording": d.group(0)}))
            break
    return out


_PRONOUNS = frozenset(
    "i me my we us our ours you your he him his she her it its they them their theirs this that "
    "these those who whom which what as so such one ones someone somebody anyone everyone "
    "nobody none all both each either neither other others another two three four five six "
    "several many".split())
_GENERIC_HEADS = frozenset(
    "firm firms company companies agency agencies entity entities actor actors operator operators "
    "individual individuals people person persons user users account accounts network networks "
    "operation operations campaign campaigns cluster clusters group groups forces force activity "
    "activities team teams outlet outlets sites site website websites page pages channel channels "
    "content propaganda account cloud server servers tools tool ai model models pr marketing "
    "consulting consultancy advertising media digital communications public relations political "
    "private local foreign commercial firm's facebook instagram twitter youtube tiktok telegram "
    "meta google sur et aux les des du information influence operation operations countries "
    "country state-run gobierno gouvernement правительство ejército armée армия partido parti "
    "empresa entreprise compañía société it tech technology software".split())
_CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night "
    "today yesterday tomorrow january february march april may june july august september "
    "october november december jan feb mar apr jun jul aug sep sept oct nov dec week month "
    "year last next this early late".split())
_STATE_HEADS = frozenset(
    "government military army navy police intelligence ministry regime authorities state "
    "kgb gru fsb svr law enforcement security services armed forces".split())
_VERB_INSIDE = Caseless(r"\b(?:to|is|are|was|were|has|have|had|will|would|can|could|said|says|"
                        r"told|known as|called|dubbed|that|who|which|used|using|"
                        r"a|ont|est|sont|été|ha|han|fue|es|son|fueron|был\w*|являет\w*)\b"
                        r"|\b\d+\b")
_SPEAKER_AFTER = Caseless(r"^\s*(?:,\s*(?:a|an|the)\s+[\w\s]{0,40}?spokes|,?\s*(?:said|says|"
                          r"told|stated|added|noted|wrote)\b|"
                          # "Nathaniel Gleicher, Facebook's head of cybersecurity policy, told"
                          r",\s*[^,;.]{3,70},\s*(?:said|says|told|stated|added|wrote|explained)\b)")
# "... told the AP", "according to Reuters": whom a speaker told, or who reported
_TOLD_BEFORE = Caseless(r"\b(?:told|according to|reported by|reports?|via|says|said|explained|"
                        r"added|noted|wrote|stated|citing|по данным|согласно|según|selon|"
                        r"d['’]après|de acuerdo con)\s+(?:the\s+|la\s+|le\s+|el\s+)?$")
_IMITATING = Caseless(r"\b(?:imitat\w*|impersonat\w*|mimick?\w*|spoof\w*|pos(?:ed|ing) as|"
                      r"masquerad\w* as|имитирующ\w*|имитир\w*|выдава\w+ себя за|"
                      r"se faisant passer pour|usurp\w*|suplant\w*|haci[ée]ndose pasar por)\b"
                      r"[^.;]{0,60}$")
# "accounts that seemed similar to the ones previously traced to the IRA": an earlier
# network's actor, not this one's
_RESEMBLING = Caseless(r"\b(?:similar to|resembl\w*|like (?:the )?(?:ones|those)|reminiscent of|"
                       r"previously (?:traced|linked|attributed|tied))\b[^.;]{0,60}$")


# Territories that are no country of the gazetteer but are never anyone's name.
_TERRITORIES = ("crimea crimean donbas donbass donetsk luhansk lugansk zaporizhzhia kherson "
                "transnistria abkhazia ossetia karabakh nagorno-karabakh kashmir xinjiang tibet "
                "balochistan baluchistan catalonia kurdistan gaza sahel mindanao papua "
                # (and their demonyms: "an Abkhazian news agency" names no one)
                "abkhazian abkhaz ossetian transnistrian kashmiri tibetan uyghur uighur kurdish "
                "catalan baloch balochi chechen papuan")


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Lower-case words of every country's names, aliases and demonyms (all languages)."""
    data = load_gazetteer("countries.json")["countries"]
    words: set[str] = set(_TERRITORIES.split())
    for aliases in load_gazetteer("regions.json")["regions"].values():
        for name in aliases:
            words.update(w.lower() for w in re.findall(r"[\w-]+", name))
    for c in data.values():
        local = [n for names in c["names"].values() for n in names]
        for name in [*c["demonyms"], *c["aliases"], c["name"], *local]:
            words.update(w.lower() for w in re.findall(r"[\w-]+", name))
    # Words of long official names that are not places by themselves.
    return frozenset(words - {"the", "of", "and", "republic", "islands", "island", "united",
                              "democratic", "people", "people's", "state", "states", "federal",
                              "kingdom", "new", "south", "north", "east", "west", "central",
                              "saint", "st", "great", "federation", "union", "national",
                              # ("República Popular China": "Partido Popular" is no place)
                              "popular", "populaire", "socialista", "socialiste"})


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    data = load_gazetteer("countries.json")["countries"]
    return frozenset(n.lower() for c in data.values()
                     for n in [c["name"], *c["aliases"], *(x for v in c["names"].values() for x in v)])


_PRODUCTS = frozenset("chatgpt openai gpt gpt-4 gpt-4o claude gemini llama facebook instagram "
                      "whatsapp messenger threads twitter youtube tiktok telegram meta google "
                      "openai's meta's google's".split())
_PRODUCT_WORDS = frozenset("technology technologies model models tool tools platform platforms "
                           "service services chatbot chatbots app apps products api".split())


def valid_actor_name(name: str) -> bool:
    """A name that can be an actor: not a pronoun, a single letter, a fragment, a phrase
    with a verb in it, or generic words ("Russian consulting firm", "their cloud account").
    "<Demonym> government" and the like are kept: they name a state actor."""
    name = re.sub(r"[\w.]+-(?:based|linked|backed|run|owned|affiliated|aligned|sponsored|"
                  r"controlled|connected|directed|allied|friendly|related)\b", " ", name)
    if all(w.lower() in place_words() for w in re.findall(r"[^\W\d_]+", name)):
        return False  # "Saudi-Arabia", "South-Korea": a place however it is hyphenated
    if re.sub(r"^(?:the|la|el|le)\s+", "", name.strip().lower()) in _country_names():
        return False  # "República Popular China": a country's full name
    words = re.findall(r"[\w'’.-]+", name)
    if not words or len(name.strip(" .")) < 2 or len(words) > 9:
        return False
    if name.count("(") != name.count(")") or name.strip()[:1] in "(,-)" or name.strip()[-1:] in "(,-":
        return False  # a parenthesised fragment of a longer name
    low = [w.lower().strip(".'’") for w in words]
    if all(w in _PRONOUNS for w in low) or low[0] in _PRONOUNS and len(low) <= 2:
        return False
    if len(words) == 1 and len(words[0].strip(".")) <= 1:
        return False
    if all(w in _CALENDAR_WORDS for w in low):
        return False  # "On Friday afternoon, the army denied": a day is nobody
    if len(words) == 1 and (not words[0][:1].isupper() or words[0].lower().endswith("ing")):
        return False  # "Disrupting" in a headline is a verb, not a name
    if _VERB_INSIDE.search(name):
        return False
    if low[0] in _PRODUCTS and all(w in _PRODUCTS or w in _PRODUCT_WORDS for w in low):
        return False  # "ChatGPT technology", "OpenAI's models": the platform's own product
    places = place_words()
    content = [w for w in low if w not in places and w not in ("the", "of", "and", "-", "state",
                                                              "based", "linked", "backed")]
    if not content:
        return False  # only places: "Russia", "Iranian"
    if all(w in _GENERIC_HEADS for w in content):
        return False
    if any(w in _STATE_HEADS for w in content) and all(
            w in _STATE_HEADS or w in _GENERIC_HEADS for w in content):
        return any(w in places for w in low)  # "Saudi government" yes, "the government" no
    # a name needs a capitalised word that is neither a place nor a generic noun
    return any(w[:1].isupper() and w.lower() not in places and w.lower() not in _GENERIC_HEADS
               for w in words)


_PRONOUN_NAMES = frozenset("i we our us you he she it its they them their this that these those "
                           "as who".split())


def actor_fault(fact: Fact) -> str | None:
    """Why an extracted actor fact could not be one (a pronoun, a single letter, a fragment,
    an invalid name, the speaker of a quote), or None. The property the corpora are checked
    on, in the suite and in the genuine-corpus bench."""
    name, role = fact.key, fact.role
    written = fact.detail.get("as_written")
    as_written = str(written) if written else None
    quote = fact.evidence.quote if fact.evidence is not None else None
    if name.lower() in _PRONOUN_NAMES:
        return "pronoun"
    if len(name.replace(".", "").strip()) <= 1:
        return "single letter"
    if name.count("(") != name.count(")"):
        return "fragment"
    if not valid_actor_name(name) and (as_written or name) == name:
        return "invalid name"
    if quote is not None and role == "attributed":
        after = quote.split(as_written or name, 1)[-1]
        if after.lstrip().startswith(("said", "says", "told")):
            return "speaker of a quote"
    return None


def find_actors(s: str, offset: int, mentions: list[Mention]) -> list[ActorHit]:
    """Actors stated in sentence *s* (starting at *offset*), each with its role."""
    hits = [h for h in _attributed(s, offset, mentions) + _denied(s, offset, mentions)
            if _keep(h, s, offset, mentions)]
    for h in hits:
        if h.role == "attributed" and _NAMER_AFTER.match(s[h.end - offset :]):
            h.role = "researcher"  # "a group Microsoft Threat Intelligence tracks as X": who named it
    for h in hits:
        h.name = canonical_actor(h.name)
    taken = {(h.start, h.end) for h in hits}
    for m in mentions:
        actors = m.of_kind("actor")
        if not actors or (m.start, m.end) in taken:
            continue
        if _is_researcher(m):
            if not _RESEMBLING.search(s[max(0, m.start - offset - 60) : m.start - offset]):
                # (not "similar to the findings in a recent Graphika report": another study)
                hits.append(ActorHit(actors[0].value, "researcher", m.start, m.end,
                                     {"as_written": m.surface}))
            continue
        before = s[max(0, m.start - offset - 60) : m.start - offset]
        cue = list(_BENEFIT.finditer(before))
        if cue and not re.search(r"[.;]", before[cue[-1].end() :]) and not _TOPIC_AFTER.match(
                s[m.end - offset :]):
            hits.append(ActorHit(actors[0].value, "beneficiary", m.start, m.end,
                                 {"as_written": m.surface, "wording": cue[-1].group(0).strip()}))
    taken = {(h.start, h.end) for h in hits}
    hits += [h for h in _agents(s, offset)
             if not any(a < h.end and h.start < b for a, b in taken) and h.name not in
             {x.name for x in hits}]
    taken = {(h.start, h.end) for h in hits}
    known = {h.name.lower() for h in hits}
    hits += [h for h in _state_actors(s, offset, mentions)
             if not any(a < h.end and h.start < b for a, b in taken)
             and h.name.lower() not in known]
    taken = {(h.start, h.end) for h in hits}
    hits += [h for h in _beneficiaries(s, offset, mentions)
             if not any(a < h.end and h.start < b for a, b in taken)]
    for h in hits:
        if h.name != "@coref":
            h.name = canonical_actor(h.name)  # (the state bodies too: one spelling each)
    # (whichever way a name came: an operation's or a platform's name is no actor's)
    return [h for h in hits if h.name == "@coref" or (
        h.name.lower() not in _operation_names() and h.name.lower() not in _platform_words())]


_TITLED = re.compile(
    r"\b(?:President|Prime Minister|Premier|Chancellor|King|Crown Prince|Senator|Governor|"
    r"Vice President|Minister|opposition leader|candidate|Mayor|Emir|Sheikh|incumbent|"
    r"[Pp]resident(?:e|a)?|[Pp]résident|[Cc]andidat[oae]?|[Gg]obernador|[Aa]lcalde|"
    r"[Pp]remier ministre|[Pp]rimer ministro|[Пп]резидент\w*|[Кк]андидат\w*|"
    r"[Ss]enador[a]?|[Ss]énat(?:eur|rice)|[Pp]rimera ministra|[Pp]remière ministre|"
    r"[Dd]iputad[oa]|[Dd]éputée?)"
    # "le président brésilien Jair Bolsonaro", "del presidente del país, Juan Orlando Hernández"
    r"(?:\s+(?P<adj>[a-zà-ÿ]{3,}))?(?:\s+(?:del país|du pays))?,?\s+"
    r"(?P<name>(?:[A-ZÀ-Ý][\w'’.-]+(?:\s+|$)){1,4})")
_PARTY = re.compile(
    r"\b(?P<name>(?:[A-ZÀ-Ý][\w'’.-]+\s+){0,4}(?:Party|Front|Movement|Alliance|Congress|"
    r"Partido|Parti|Frente|League|Coalition)(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]+)?)\b"
    r"(?:\s*\([A-Z]{2,}\))?")
_FAVOUR = Caseless(
    r"\b(?:supportive of|in (?:support|favou?r) of|support(?:ing)? for|favou?rable to|"
    r"to (?:benefit|boost|support|promote|praise)|promot(?:ed|ing|e)|prais(?:ed|ing|e)|praise of|"
    r"cheerlead(?:ing)? for|amplif(?:y|ied|ying)(?: the account of)?|retweeting the account of|"
    r"boost(?:ing|ed)?|positive (?:narratives|coverage|content) about|backed|backing|"
    r"campaign(?:ed|ing) for|pro-|"
    # Spanish, French, Russian
    r"apoy\w+|en apoyo (?:de|a)|a favor de|en favor de|elogi\w+|respald\w+|favorables? (?:a|al)|"
    r"(?:contenido|mensajes?|imagen) positiv[oa]s? (?:del?|sobre)|"
    r"soutien (?:à|au|de)|soutenir|soutenant|soutenait|soutenaient|en faveur d[eu]|"
    r"fais\w+ l['’]éloge|favorables? (?:à|au|aux)|"
    r"burnish\w*|bolster\w*|"
    r"поддерж\w+|в поддержку|восхвал\w+)")
_AGAINST = Caseless(
    r"\b(?:critical of|critici[sz]\w*|against|attack\w*|denigrat\w*|opponents?|opposition|"
    r"smear\w*|disparag\w*|mock\w*|negative|crític\w*|critic\w+|contra|contre|critiqu\w+|"
    r"против|критик\w*|оппозици\w*)\b")


_AGENT = re.compile(
    # (words start at a word boundary and are bounded: a 50,000-letter "word" is no name, and
    # an unbounded run would be tried from every letter of it)
    r"(?<![\w'’.-])(?P<np>(?:[A-Z][\w'’.-]{0,40}\s+){0,4}(?:[A-Z][\w'’.-]{0,40}))\s+"
    r"(?:(?:has|had|have)\s+)?"
    r"(?:set up|created|ran|operated|orchestrated|was behind|were behind|is behind|are behind)\b"
    r"(?=[^.;]{0,80}\b(?:accounts|network|campaign|operation|Pages|pages|profiles|channels)\b)")


def _agents(s: str, offset: int) -> list[ActorHit]:
    """"the Belarusian KGB has set up dozens of fake accounts": the subject who ran it."""
    out: list[ActorHit] = []
    for m in _AGENT.finditer(s):
        words = m.group("np").split()
        while words and (words[0] in _NOT_SUBJECT or words[0].lower() in ("the", "a")):
            words.pop(0)
        name = " ".join(words)
        if not name or not valid_actor_name(name) or name in _NOT_SUBJECT:
            continue
        a = offset + m.start("np") + m.group("np").find(name)
        out.append(ActorHit(name, "attributed", a, a + len(name),
                            {"as_written": name, "wording": "set up by", "strength": 2}))
    return out


# A state actor named by its country: "the Iranian government's campaign", "backed by the
# Iranian government", "en lien avec le gouvernement arménien", "vinculadas al gobierno cubano".
_STATE_AFTER = Caseless(r"^(?:['’]s)?\s+(?P<w>government|military|army|intelligence services|"
                        r"security services)\b(?P<poss>['’]s)?")
_STATE_BEFORE = Caseless(
    r"\b(?P<w>gouvernement|gobierno|правительств\w*|армии|армией|армия|armée|ejército|"
    r"вооруж[её]нн\w*\s+сил\w*|fuerzas armadas|forces armées|"
    r"(?:services|servicios) (?:de renseignement|secretos|de inteligencia)|"
    r"спецслужб\w*|разведк\w*)\s+(?:(?:de|del|d['’]|du)\s*)?(?:la\s+|l['’]\s*)?$")
# Russian puts the demonym before the body: "российскими спецслужбами", "иранским правительством"
_STATE_AFTER_RU = Caseless(r"^\s+(?P<w>(?:служб\w*\s+)?военн\w*\s+разведк\w*|спецслужб\w*|"
                           r"правительств\w*|арми\w*|вооруж[её]нн\w*\s+сил\w*|разведк\w*)")


def _russian_state_word(word: str) -> str:
    low = word.lower()
    if "военн" in low:
        return "military intelligence"
    if low.startswith(("спецслужб", "разведк")):
        return "intelligence services"
    return "government" if low.startswith("правительств") else "military"


_STATE_WORD = {"gouvernement": "government", "gobierno": "government", "armée": "military",
               "ejército": "military", "army": "military", "fuerzas armadas": "military",
               "forces armées": "military",
               "services de renseignement": "intelligence services",
               "servicios secretos": "intelligence services",
               "servicios de inteligencia": "intelligence services"}
_OWN_UNIT = Caseless(r"^\s+(?:\w+\s+){0,2}(?:influence|propaganda|disinformation|campaigns?|"
                     r"operations?|networks?|efforts?|trolls?)\b")


@lru_cache(maxsize=1)
def _english_demonym() -> dict[str, str]:
    data = load_gazetteer("countries.json")["countries"]
    out = {code: d for code, c in data.items()
           for d in c["demonyms"][:1] if re.fullmatch(r"[A-Z][a-z]+", d)}
    out["MM"] = "Myanmar"  # "the Myanmar military", as the platforms and the press write it
    return out


@lru_cache(maxsize=1)
def _demonym_codes() -> dict[str, str]:
    return {d: code for code, d in _english_demonym().items()}


def state_actor_country(name: str) -> str | None:
    """The country of a state actor written "<Demonym> government|military|...": "Iranian
    government" -> "IR"; None for any other name."""
    m = re.fullmatch(r"(\w+) (?:government|military|intelligence services|security services|"
                     r"military intelligence|army|law enforcement|police)", name)
    return _demonym_codes().get(m.group(1)) if m else None


def actor_country(name: str) -> str | None:
    """The country a name holds by its demonym ("Royal Thai Army" -> "TH", "Serbian
    Progressive Party" -> "RS"), when it holds exactly one; else None."""
    codes = {_demonym_codes()[w] for w in re.findall(r"[A-Z][a-z]+", name) if w in _demonym_codes()}
    return next(iter(codes)) if len(codes) == 1 else None


def _state_actors(s: str, offset: int, mentions: list[Mention]) -> list[ActorHit]:
    """The government (or military) of a named country the network is tied to: after an
    attribution cue ("associated with — or directly backed by — the Iranian government"),
    or owning the operation ("the Chinese government's influence campaign")."""
    out: list[ActorHit] = []
    for m in mentions:
        countries = m.of_kind("country")
        if not countries or countries[0].value not in _english_demonym():
            continue
        a, b = m.start - offset, m.end - offset
        after = _STATE_AFTER.match(s[b:])
        before = _STATE_BEFORE.search(s[max(0, a - 30) : a])
        russian = _STATE_AFTER_RU.match(s[b:]) if re.match(r"[а-яё]", m.surface) else None
        if russian:  # "связаны с российскими службами военной разведки"
            word, start, end = _russian_state_word(russian.group("w")), a, b + russian.end()
            owns = False
            before = russian  # (a state body named in full: the ties' only name)
        elif after and m.surface[:1].isupper():
            word, start, end = after.group("w").lower(), a, b + after.end("w")
            owns = bool(after.group("poss")) and bool(_OWN_UNIT.match(s[b + after.end() :]))
        elif before and m.surface[:1].islower() or before and before.group("w").lower().startswith(
                ("gouvernement", "gobierno", "armée", "ejército", "services", "servicios",
                 "правительств", "арми", "спецслужб", "разведк", "вооруж", "fuerzas", "forces")):
            word, start, end = before.group("w").lower(), a - len(before.group(0)), b
            owns = False
            if word.startswith("правительств"):
                word = "government"
            elif word.startswith("арми"):
                word = "military"
            elif word.startswith(("спецслужб", "разведк")):
                word = "intelligence services"
            elif word.startswith("вооруж"):
                word = "military"
        else:
            continue
        # ("ties to Russia's intelligence services", "liés au gouvernement arménien": the
        # only name these ties give; a plain "linked to the Iranian government" is read as a
        # name elsewhere, so only the explicit cues count for it here)
        any_cue = bool(before) or bool(after and not after.group(0).lstrip()[:1].isalpha())
        lead = s[max(0, start - 70) : start]
        cue = list(_ATTRIB.finditer(lead))
        # Only an explicit cue names a state actor: "run by", "attributed to", "backed by"
        # (not "associated with" or "linked to", which the press uses for mere ties).
        cue = [c for c in cue if any_cue or c.group("w3") or re.search(
            r"\b(?:backed|sponsored|funded|financed|directed|commissioned)\s+by\b", c.group(0), re.I)]
        attributed = bool(cue) and bool(re.fullmatch(
            r"\s*(?:[—–-]\s*)?(?:the|le|la|les|el|los|las|al|du|des|del|de la|l['’])?\s*", lead[cue[-1].end() :],
            re.IGNORECASE))
        if not (attributed or owns):
            continue
        word = _STATE_WORD.get(word, word)
        name = f"{_english_demonym()[countries[0].value]} {word}"
        out.append(ActorHit(name, "attributed", offset + start, offset + end,
                            {"as_written": s[start:end], "wording": "state actor",
                             "strength": 2 if attributed else 1}))
    return out


def _beneficiaries(s: str, offset: int, mentions: list[Mention]) -> list[ActorHit]:
    """Named people ("President Vladimir Putin") and parties a network praised or promoted:
    the nearest cue to their left in the clause decides; criticism makes them a topic."""
    out: list[ActorHit] = []
    found = [(m.start("name"), m.group("name").strip()) for m in _TITLED.finditer(s)
             if not m.group("adj") or m.group("adj") in place_words()]
    found += [(m.start("name"), m.group("name").strip()) for m in _PARTY.finditer(s)]
    for start, name in sorted(found):
        name = re.sub(r"^(?:the|ruling|governing)\s+", "", name, flags=re.I).strip(" '’.,")
        name = re.split(r"['’]s\b", name)[0].strip()
        if not valid_actor_name(name) or len(name.split()) < 2 and not name.isupper():
            continue
        clause = re.split(r"[;.]\s|—|\bwhile\b|\bbut\b", s[max(0, start - 120) : start])[-1]
        clause = re.sub(r"[\"“”‘’]", "", clause)  # "heavily retweeting the account" of ...
        pro = list(_FAVOUR.finditer(clause))
        con = list(_AGAINST.finditer(clause))
        if not pro or (con and con[-1].start() > pro[-1].start()):
            continue
        if re.search(r"\b(?:about|on|regarding|concerning|of|toward|towards)\s+(?:the\s+)?$",
                     clause) and not re.sub(r"\s+the\s*$", "", clause).rstrip().endswith((
                                                                "supportive of", "in support of",
                                                                "praise of", "in favour of",
                                                                "in favor of")):
            continue  # "narratives about the Communist Party": a topic, not who gained
        a = offset + start + s[start:].find(name)
        if _TOPIC_AFTER.match(s[a - offset + len(name) :]):
            continue  # "amplified Chinese Communist Party narratives": what it said, not for whom
        out.append(ActorHit(name, "beneficiary", a, a + len(name),
                            {"as_written": name, "wording": pro[-1].group(0).strip()}))
    return out


_NAMER_AFTER = Caseless(r"^\s+(?:identifies|identified|tracks|tracked|calls|called|dubs|dubbed|"
                        r"refers to|referred to|labels|labelled|labeled|designates)\s+"
                        r"(?:it\s+|them\s+)?as\b")
_FOLLOWERS_AFTER = Caseless(r"^['’]?s?\s+(?:loyalists|supporters|sympathi[sz]ers|followers|"
                            r"fans|partisans|seguidores|simpatizantes|partidarios|"
                            r"sympathisants|partisans|сторонник\w*)\b")


_UNIT_WORDS = frozenset("campaigns campaign operations operation networks network accounts "
                        "channels pages groups clusters efforts activity".split())


@lru_cache(maxsize=1)
def _operation_names() -> frozenset[str]:
    data = load_gazetteer("operations.json")["operations"]
    return frozenset(w.lower() for k, ws in data.items() for w in [k, *ws])


@lru_cache(maxsize=1)
def _platform_words() -> frozenset[str]:
    products = {"adsense", "google adsense", "blogger", "gmail", "google news", "discover",
                "tag", "threat analysis group", "google tag", "google threat analysis group"}
    return frozenset(w.lower() for ws in platform_data()["platforms"].values() for w in ws) | products


def _keep(hit: ActorHit, s: str, offset: int, mentions: list[Mention]) -> bool:
    known = any(m.start == hit.start and m.of_kind("actor") for m in mentions)
    if hit.name == "@coref":
        return True
    if not known and not valid_actor_name(hit.name):
        return False
    if not known and hit.name.lower() in _platform_words():
        return False  # "money received from AdSense": a platform, not who ran the network
    if hit.role == "attributed" and _FOLLOWERS_AFTER.match(s[hit.end - offset :]):
        return False  # "linked to Bashir loyalists": the people who back him ran it, not he
    if hit.role == "attributed" and (_RESEMBLING.search(s[max(0, hit.start - offset - 80) :
                                                           hit.start - offset])
                                     or _IMITATING.search(s[max(0, hit.start - offset - 70) :
                                                            hit.start - offset])):
        return False  # (nor the outlets it imitated: "сайтов, имитирующих ... The Guardian")
    if hit.name.lower() in _operation_names():
        return False  # "DRAGONBRIDGE" is the operation's name, not who ran it
    if not known and hit.name.split()[-1].lower() in _UNIT_WORDS:
        # "linked to the El Fagr network": the name is El Fagr; "channels affiliated with
        # Russian and Central Asian campaigns": no name at all
        rest = " ".join(hit.name.split()[:-1])
        if not rest or not valid_actor_name(rest) or all(
                w in set(_demonyms().values()) or w in ("Central", "South", "North", "East", "West", "Asian",
                                          "African", "European", "American", "and")
                for w in rest.split()):
            return False
        hit.name = rest
    if not known and any(m.of_kind("operation") and hit.start <= m.start and m.end <= hit.end
                         for m in mentions):
        return False  # "the Russian operation known as Doppelganger" is an operation
    # The speaker of a quote ("X, a spokesperson, said") is not who ran the network.
    if hit.role != "denied" and _TOLD_BEFORE.search(
            s[max(0, hit.start - offset - 20) : hit.start - offset]):
        return False  # "says Nathaniel Gleicher", "told the AP": speakers and their audience
    return hit.role == "denied" or not _SPEAKER_AFTER.match(s[hit.end - offset :])
