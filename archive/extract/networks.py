"""Network segmentation: which sentences describe which takedown unit.

A network is anchored by a sentence stating removed assets with a takedown verb (or,
failing any, a lead sentence reporting a takedown with a place or actor). A new anchor
starts a new network when its figures or origin disagree with the current one, or a
heading or a reference to an earlier takedown separates them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from archive.extract.caseless import Caseless
from archive.extract.layout import LABEL_LINE, LIST_ITEM, Layout, Sentence

TAKEDOWN = Caseless(
    r"\b(?:remov(?:ed|ing|e|es)|took down|taken down|take down|taking down|actioned|"
    r"discontinu(?:ed|ing)|"
    r"terminat(?:ed|ing|e)|suspend(?:ed|ing|s)?|disrupt(?:ed|ing|s)?|bann(?:ed|ing)|"
    r"block(?:ed|ing)|delet(?:ed|ing)|disabl(?:ed|ing)|dismantl(?:ed|ing)|shut down|"
    r"purg(?:ed|ing)|eliminat(?:ed|ing)|deactivat(?:ed|ing)|enforced against|"
    r"presence on|wiped|pulled down|took action against|closed|removal|deletion|"
    r"(?:took|taken|taking|take) (?:\w+ )?action against|crack(?:ed|ing)? down|thwart(?:ed|ing)?|"
    r"foil(?:ed|ing)|"
    r"takedowns?|take-down|suspension|termination|liquidation|purge|"
    # Spanish, French, Russian: the verbs platforms' removals are reported with
    r"elimin\w+|suspendi\w+|retir\w+|bloque\w+|dio de baja|dado de baja|desmantel\w+|"
    r"desarticul\w+|neutraliz\w+|medidas (?:\w+ )?contra|frustr[óa]\w*|interrumpi\w+|"
    r"perturb[ée]\w*|neutralis\w+|démantèlement|пресек\w+|пресеч\w+|нейтрализ\w+|"
    r"cancel[óa]\w*|cerr[óa]\w*|suprim\w+|inhabilit\w+|deshabilit\w+|desactiv\w+|désactiv\w+|"
    r"деактивир\w+|"
    r"supprim\w+|suspendu\w*|bloqu\w+|démantel\w+|fermé\w*|fermeture|banni\w*|suppression|"
    r"mis fin à|met fin à|mettre fin à|"
    r"retrait|blocage|eliminación|supresión|cierre|удаление|блокировк\w+|"
    r"удал\w+|заблокир\w+|блокир\w+|ликвидир\w+|приостанов\w+)\b")
PAST_TAKEDOWN = Caseless(r"\b(?:removed|took down|taken down|terminated|suspended|disrupted|banned|blocked|"
    r"deleted|dismantled|shut down|purged|deactivated|took action against|actioned|"
    r"eliminó|eliminado|eliminaron|suspendió|retiró|bloqueó|desmanteló|suprimió|supprimé|retiré|"
    r"desactivó|desactivado|inhabilitó|désactivé|mis fin à|"
    r"démantelé|bloqué|suspendu|banni|bannit|bannis|удалил\w*|удален\w*|удалён\w*|"
    r"заблокировал\w*|"
    # "vient de supprimer", "acaba de eliminar": a removal just made
    r"vient de (?:supprimer|retirer|bloquer|démanteler|suspendre|bannir)|"
    r"viennent de (?:supprimer|retirer|bloquer)|"
    r"acaba de (?:eliminar|suspender|retirar|bloquear|desmantelar|dar de baja))\b")
# The same in Spanish, French and Russian: "ya removió en julio pasado", "l'an dernier",
# "осенью прошлого года".
EARLIER_LOCAL = (
    r"ya (?:había |habían )?(?:removi\w+|elimin\w+|suspend\w+|retir\w+|bloque\w+|dado de baja)|"
    r"(?:en|el) (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
    r"noviembre|diciembre) (?:pasado|del año pasado)|el (?:mes|año) pasado|"
    r"el pasado (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
    r"noviembre|diciembre)|"
    r"l['’]an dernier|l['’]année dernière|(?:janvier|février|mars|avril|mai|juin|juillet|"
    r"août|septembre|octobre|novembre|décembre) dernier|avait déjà (?:supprimé|retiré|bloqué)|"
    r"в прошлом (?:году|месяце)|(?:осенью|весной|летом|зимой) прошлого года|"
    r"прошлой (?:осенью|весной|зимой)|прошлым летом|ранее(?! не)")
# "Last month, Facebook removed a network in Ecuador": a takedown recalled, told by when
RECALLED = Caseless(
    r"\b(?:last (?:year|month|week|spring|summer|autumn|fall|winter|January|February|March|April|"
    r"May|June|July|August|September|October|November|December)|earlier this (?:year|month)|"
    r"(?:a|one|two|three|four|five|several) (?:years?|months?|weeks?) ago|in (?:a|its) (?:previous|"
    r"prior|past|earlier) report)\b[^.;]{0,50}\b(?:removed|took down|taken down|suspended|"
    r"terminated|banned|disrupted|blocked|dismantled|deleted)\b|"
    r"\b(?:removed|took down|suspended|banned|disrupted|blocked)\b[^.;]{0,60}\b(?:last (?:year|"
    r"month|week)|earlier this year|(?:a|one|two|three|several) (?:years?|months?) ago)\b")
# "Both networks ...", "all three operations": what a sentence says of every unit (a pattern,
# for the modules that add other languages to it)
COLLECTIVE = (
    r"\b(?:both|all (?:three|four|five|six|seven|eight|of the|these|those|the)|each of the|"
    r"the (?:two|three|four|five|six) ?)\s*(?:\w+\s+)?(?:networks|operations|campaigns)\b")
# "This isn't the first time OpenAI has taken action": what follows tells earlier takedowns
NOT_THE_FIRST = Caseless(r"\b(?:is not|isn['’]t|was not|wasn['’]t|not) the first time\b|"
                         r"\bno es la primera vez\b|\bce n['’]est pas la première fois\b|"
                         r"\bне впервые\b|"
                         r"\bhas (?:previously|already) (?:taken action|acted)\b")
# "In the case of Russia, ...": a sentence (or paragraph) that opens on one network's country
CASE_OF = Caseless(
    r"^\W*(?:in the case of|as for|as to|turning to|en el caso de|en cuanto a|dans le cas d[eu']|"
    r"quant (?:à|au|aux)|в случае с|что касается)\s+(?:the\s+|la\s+|el\s+|les?\s+)?")
# "more than four months after the company took down almost 6,000 accounts": an earlier one
MONTHS_AFTER = (r"(?:days?|weeks?|months?|years?) (?:after|before) (?:[\w-]+ ){0,3}?(?:eliminat\w+|"
                r"remov(?:ed|ing)|took down|taking down|suspend(?:ed|ing)|bann(?:ed|ing)|"
                r"disrupt(?:ed|ing))")
# "These deletions are in addition to more than 200,000 accounts whose suspension it had
# already announced in August": another takedown's figure (segments, passing mentions and
# a network's own sentences all read it so)
IN_ADDITION_TO_EARLIER = (
    r"in addition to (?:the )?(?:(?:more than|over|some|about|nearly)\s+)?\d[\d,.]*\s+"
    r"(?:[\w-]+\s+){0,3}?(?:accounts|channels|Pages)\b[^.;]{0,80}\balready\b")
# "It comes a week after the government accused ...", "The move comes as ...": the news
# peg a story hangs its takedown on is another event (its places and figures are not the
# network's)
NEWS_PEG = (r"^\W*(?:(?:It|This|That|The (?:move|announcement|action|takedown|removal|decision|"
            r"disclosure|report|news|ban|suspension))\s+(?:comes?|came)\s+(?:[\w-]+\s+){0,3}?"
            r"(?:after|as|amid|following|on the heels of|just as|while)|"
            r"(?:Cette|Cet|Ce|La|Le) (?:annonce|décision|mesure|action|suppression|rapport)\s+"
            r"(?:intervient|survient|arrive)\s+(?:[\w-]+\s+){0,3}?(?:après|alors|au moment)|"
            r"(?:Esto|Este|Esta|La|El) (?:\w+ )?(?:se produce|llega|ocurre|tiene lugar)\s+"
            r"(?:[\w-]+\s+){0,3}?(?:después|tras|en medio|mientras|luego))\b")
_EARLIER = Caseless(
    NEWS_PEG + r"|\b(?:" + EARLIER_LOCAL + r"|previously(?! un\w+| not)|last year|earlier this year|a year (?:ago|earlier)|in a previous|"
    r"last (?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|month|spring|summer|autumn|fall|winter)|"
    r"had previously (?:removed|taken down|suspended|terminated)|years? ago|"
    r"in a (?:past|prior|previous|separate,? earlier)|back in (?:19|20)\d\d|"
    r"(?:in|since) (?:19|20)\d\d,? (?:it|the company|facebook|meta|twitter) (?:has|had)|"
    r"as we (?:\w+ )?(?:communicated|reported|announced|disclosed|shared|noted) (?:in|last|earlier)|"
    + MONTHS_AFTER + r"|(?:deleted|removed|suspended|banned) at the time|"
    r"would (?:go on to |later )?(?:remove|take down|suspend|ban|close)|"
    + IN_ADDITION_TO_EARLIER + r"|"
    r"already (?:announced|reported|disclosed|removed|suspended|taken down|shut down) (?:in|last|"
    r"earlier|on) )\b")
# "Last August, Google deleted 2,500 channels. A few weeks later, it disabled 210 more": a
# time told from an earlier takedown's is earlier too
LATER_THEN = Caseless(
    r"^\W*(?:(?:a few|several|two|three|four|some|a couple of|many|\d+)\s+(?:days|weeks|months|"
    r"years)\s+later|(?:a|one) (?:day|week|month|year) later|later that (?:day|week|month|year)|"
    r"the (?:following|next) (?:day|week|month|year)|(?:shortly|soon) (?:after|afterwards?|"
    r"thereafter)|unas semanas (?:después|más tarde)|(?:quelques|plusieurs) (?:jours|semaines|mois) "
    r"plus tard|(?:через|спустя) (?:несколько )?(?:дней|недел\w*|месяц\w*))\b")
# "They also closed 15 accounts on Instagram" right after an earlier takedown: the same one
ALSO_AFTER = Caseless(r"^\W*(?:They|It|He|She|The company|The platform|Ils|Elle|Il|Ellos|"
                       r"Ellas|Они|Она|Он)\s+(?:\w+\s+)?(?:also|aussi|également|también|также)\b")
_SUMMARY = Caseless(
    r"\b(?:to date|so far this year|"
    r"(?:across|in|from) (?:the|these|all|those|both) (?:\w+ )?(?:networks|operations|campaigns)|"
    r"since (?:19|20)\d\d,? we|networks? (?:this|last) (?:month|quarter|year)|"
    r"(?:networks|operations|campaigns) (?:we|that we) (?:removed|took down)|"
    r"total (?:number of )?(?:assets|accounts|pages) (?:removed|taken down|suspended))\b")
_NETWORK_NOUN = Caseless(
    r"\b(?:network|operation|campaign|accounts|activity|cluster|pages|channels|trolls?|bots?|"
    r"red|redes|cuentas|campaña|operación|réseaux?|comptes|campagne|opération|"
    r"сет[ьи]|сетей|аккаунт\w*|кампани\w*|операци\w*)\b")


@dataclass(slots=True)
class SentenceFacts:
    """What one content sentence states, before it is assigned to a network."""

    removed: dict[str, float] = field(default_factory=dict)
    origins: set[str] = field(default_factory=set)
    has_place_or_actor: bool = False


@dataclass(slots=True)
class Segment:
    sentences: list[int]  # indices into layout.sentences
    anchor: int
    earlier: bool = False  # a passing reference to an earlier takedown that states facts
    shared: list[int] = field(default_factory=list)  # sentences about every network


def _heading_between(layout: Layout, a: int, b: int, heading_starts: list[int]) -> bool:
    """A heading starts between sentences *a* and *b* (*heading_starts*: the headings'
    starts, in order, so one bisection answers)."""
    lo, hi = layout.sentences[a].end, layout.sentences[b].start
    k = bisect.bisect_left(heading_starts, lo)
    return k < len(heading_starts) and heading_starts[k] < hi


def is_summary(text: str) -> bool:
    return bool(_SUMMARY.search(text))


_SUBJECT = Caseless(
    r"\b(?:network|operation|campaign|cluster|réseau|campagne|opération|red|campaña|operación|"
    r"сеть|сети|кампани\w*|операци\w*)\b|\b(?:объединял\w*|включал\w*|состоял\w*|"
    r"насчитывал\w*|formad[ao]s? por|compuest[ao]s? por|composée?s? de|consist\w*|includ\w*|compris\w*|"
    r"involv\w*|encompass\w*|totall?ed|numbered|"
    r"(?:removal|takedown|action|measure|mesure|medida) (?:\w+ )?(?:affected|concerned|covered|"
    r"a concerné|concernait|afectó|ha afectado)|"
    r"made up of|spanned)\b")


_ORDINAL_UNIT = Caseless(
    r"^\W*(?:In (?:the )?(?:first|second|third|fourth|fifth|other|last|another)(?: one| case| network|"
    r" operation| campaign| set)?(?=,)|"
    r"(?:En (?:el|la) (?:primer[oa]?|segund[oa]|tercer[oa]?)|Dans le (?:premier|deuxième|second|"
    r"troisième)(?: cas)?)\b|"
    r"The (?:first|second|third|fourth|fifth|other|larger|smaller|largest|smallest|latter|"
    r"former)|One|Another|A (?:second|third|separate)|El (?:primero|segundo)|La (?:primera|segunda)|"
    r"Le (?:premier|second)|La (?:première|seconde)|Во? (?:первую|вторую|третью)|"
    r"Перв(?:ая|ый|ую)|Втор(?:ая|ой|ую)|Треть(?:я|ей|ю)|Четв[её]рт(?:ая|ой|ую)|"
    # "Еще семь каналов ...", "Остальные 17 каналов ...", "The remaining 17 channels ..."
    r"Ещё|Еще|Остальные|Другие|The remaining|A further|Otr[oa]s|L[oa]s (?:otr[oa]s|restantes)|"
    r"Les autres|D['’]autres)\b")
_ENUMERATED = re.compile(r"\(\d{1,2}\)\s+(?:about |around |more than |over )?\d")


_OWN_UNIT = Caseless(r"\b(?:out of (?:the|these|those)|of (?:the|these|those) (?:accounts|total)|"

                     r"(?:the )?(?:vast )?majority of (?:the )?(?:removed )?accounts|"
                     r"(?:подавляющая |большая )?часть (?:удаленных |удалённых )?аккаунтов|"
                     r"la (?:gran )?mayoría de (?:las )?cuentas|la majorité des comptes|"
                     r"(?:were|was) (?:run|operated|managed|created|controlled) by|"
                     r"из них|de ellas|de ellos|parmi (?:eux|elles|ces|ceux-ci|celles-ci)|"
                     # "Trente-cinq autres comptes ... le gouvernement arménien": more units
                     r"(?:other|further|autres|otras|otros|других|другие)\s+(?:[\w-]+\s+)?"
                     r"(?:accounts|comptes|cuentas|аккаунт\w*)|"
                     # "Most of them, 1,700, were linked to China", "Another 250 channels were
                     # tied to Russia": a share of the figure before, with its own origin
                     r"(?:most|many|some|of them|of these|another|a further)\b[^.;]{0,40}?"
                     r"\b(?:were|was) (?:\w+ )?(?:linked|tied|connected|associated|attributed|"
                     r"traced)|accounted for)\b")
# "Facebook said the 364 pages and accounts had almost 800,000 followers": the figures of
# the takedown the text reports, told with a definite article
# "In Serbia, 8,558 accounts boosted the ruling party": one country's figures after a lead
# that named several
_LOCATIVE_FIGURE = re.compile(
    r"^\W*(?:(?:Meanwhile|Separately|And|Also|Elsewhere),?\s+)?(?:In|En|Au|Aux|В)\s+(?:the\s+)?"
    r"[A-ZÀ-ÝА-Я][\w'’.-]+(?:\s+[A-ZÀ-ÝА-Я][\w'’.-]+){0,3},\s*(?:(?:about|around|some|nearly|"
    r"almost|more than|over|roughly|plus de|más de|более)\s+)?\d")
# "Twitter disclosed 4,169 accounts that originated in Iran": a disclosure of what it removed
_DISCLOSED_FIGURE = Caseless(
    r"\b(?:disclos(?:ed|es|ing)|released data on|published data on)\s+(?:(?:about|around|some|"
    r"nearly|more than|over|roughly)\s+)?\d[\d,.]*\s+(?:[\w-]+\s+){0,2}?(?:accounts|Pages|"
    r"channels|profiles)\b(?!\s+(?:in|to|from) (?:its|the|their) (?:\w+ ){0,3}?(?:archive|"
    r"database|library))")
_SAID_THE_FIGURES = Caseless(
    r"\b(?:said|says) (?:that )?the \d[\d,.]*\s+(?:[\w-]+\s+){0,2}?(?:pages|accounts|channels|"
    r"groups|profiles)\b")
PART_OF = Caseless(r"\b(?:a subset of|a sample of|a portion of|had access to|"
                      # "the core of a larger network of 88,000 accounts engaged in spam": the
                      # whole the removed network sat in, not its figure
                      r"(?:part|portion|core|subset|fraction|section) of an? (?:much |far )?"
                      r"(?:larger|wider|broader|bigger) (?:\w+ )?(?:network|operation|set|web)|"
                      r"(?<!as )part of (?:the|this|that) (?:network|operation|takedown))\b")
# ("As part of this network, we removed 23 accounts" is the network's own figure.)


# Figures others found: "A separate BBC investigation identified 800 fake accounts"
OTHERS_FOUND = Caseless(
    r"\b(?:investigation|researchers?|analysts?|analysis|study|journalists|reporters|"
    r"investigadores|investigación|análisis|chercheurs|enquête|analyse|исследовател\w*|"
    r"расследовани\w*)\b[^.;]{0,60}\b(?:identified|found|uncovered|discovered|counted|tracked|"
    r"mapped|identific\w+|encontr\w+|descubri\w+|identifi\w+|trouv\w+|découv\w+|"
    r"выявил\w*|обнаружил\w*|нашл\w*)\b")

def _is_anchor(text: str, facts: SentenceFacts) -> bool:
    """Removed assets stated with a takedown verb, or as the make-up of a named network.
    Figures for a part of a network already described ("a subset of the assets") are not."""
    if not facts.removed or is_summary(text) or PART_OF.search(text) or (
            OTHERS_FOUND.search(text) and not TAKEDOWN.search(text)):
        return False
    # "(2) 50 accounts that amplified ...": an enumerated item under "We removed two networks."
    # "The second, from Peru, had 70 accounts": one of the units a preamble announced.
    # "Out of the total, nearly 526 fake accounts were run by youth organisations tied to the
    # Cuban government": figures with their own origin or actor are a unit's figures too.
    return bool(TAKEDOWN.search(text) or _SUBJECT.search(text) or _ENUMERATED.match(text)
                or _ORDINAL_UNIT.match(text) or facts.has_place_or_actor and (
                    _OWN_UNIT.search(text) or _LOCATIVE_FIGURE.match(text))
                or _SAID_THE_FIGURES.search(text) or _DISCLOSED_FIGURE.search(text))




def _item(text: str) -> bool:
    """A list item, or a line that opens on a label ("Saudi Arabia: 5,350 accounts ...")."""
    return bool(LIST_ITEM.match(text) or LABEL_LINE.match(text))


def _item_under_removal(sents: list[Sentence], facts: list[SentenceFacts], i: int) -> bool:
    """"We removed these networks:" then "- Iran: 10 accounts targeting Israel": an item with
    figures, in a list whose lead-in reports the removal, is one unit's figures."""
    if (not facts[i].removed or not _item(sents[i].text) or is_summary(sents[i].text)
            or not facts[i].has_place_or_actor):
        return False  # ("– 182 comptes facebook supprimés": one network's breakdown)
    j = i - 1
    while j >= 0 and _item(sents[j].text):
        j -= 1
    k = i + 1
    while k < len(sents) and _item(sents[k].text):
        k += 1
    # (without the colon, "Twitter removed accounts from several countries." then two or
    # more such items: the same list)
    units = sum(bool(facts[x].removed and facts[x].has_place_or_actor) for x in range(j + 1, k))
    # (the removal verb may sit in the items: "- China: 2,232 YouTube channels terminated")
    return j >= 0 and i - j <= 12 and (sents[j].text.rstrip().endswith(":") or units >= 2) and bool(
        TAKEDOWN.search(sents[j].text) or j > 0 and TAKEDOWN.search(sents[j - 1].text)
        or units >= 2 and any(TAKEDOWN.search(sents[x].text) for x in range(j + 1, k)))


def segment(layout: Layout, facts: list[SentenceFacts]) -> list[Segment]:
    sents = layout.sentences
    flags: list[bool] = []
    for i, s in enumerate(sents):
        # a clause cut from an anchor's sentence at a repeated figure is an anchor too
        flags.append(_is_anchor(s.text, facts[i]) or s.continued and i > 0 and bool(
            facts[i].removed) and flags[i - 1] or _item_under_removal(sents, facts, i))
    _second_figures(layout, facts, flags)
    anchors = [i for i, flag in enumerate(flags) if flag]
    if not anchors:
        lead = _lead_anchor(layout, facts)
        return [Segment([i for i in range(len(sents))], lead)] if lead is not None else []
    groups: list[list[int]] = []
    earlier: set[int] = set()
    heading_starts = [h.start for h in layout.headings]
    current: _Group | None = None  # the last group that is no earlier takedown's
    for i in anchors:
        chained = groups and groups[-1][0] in earlier and (LATER_THEN.match(sents[i].text) or (
            groups[-1][0] == i - 1 and sents[i - 1].para == sents[i].para
            and ALSO_AFTER.match(sents[i].text)))
        if (_EARLIER.search(sents[i].text) or chained) and groups:
            earlier.add(i)
            groups.append([i])
            continue
        if current is None or _starts_new(layout, facts, current, i, heading_starts):
            groups.append([i])
            current = _Group(groups[-1])
        current.add(i, facts[i])
    main = [g for g in groups if g[0] not in earlier]
    segments: list[Segment] = [Segment([g[0]], g[0], earlier=True) for g in groups
                               if g[0] in earlier]
    heading_ends = [h.end for h in layout.headings]
    starts = [_section_start(layout, g[0], main[k - 1][-1] if k else None,
                             heading_starts, heading_ends)
              for k, g in enumerate(main)]
    if len(main) == 1:
        starts = [0]
    for k, g in enumerate(main):
        end = starts[k + 1] if k + 1 < len(main) else len(sents)
        members = [i for i in range(starts[k], end) if i not in earlier]
        segments.append(Segment(members, g[0]))
    segments.sort(key=lambda seg: seg.anchor)
    return segments


@dataclass(slots=True)
class _Group:
    """The anchors of one network so far, with the figures and origins they state (kept as
    anchors join, so a long text is not read again for every anchor)."""

    members: list[int]
    seen: dict[str, float] = field(default_factory=dict)
    origins: set[str] = field(default_factory=set)

    def add(self, i: int, facts: SentenceFacts) -> None:
        if not self.members or self.members[-1] != i:
            self.members.append(i)
        self.seen.update(facts.removed)
        self.origins |= facts.origins


def _starts_new(layout: Layout, facts: list[SentenceFacts], group: _Group, i: int,
                heading_starts: list[int]) -> bool:
    seen, origins = group.seen, group.origins
    new = facts[i].removed
    parts = [v for k, v in new.items() if k != "combined_assets"]
    if len(parts) >= 2 and seen and set(seen.values()) == {sum(parts)}:
        return False  # "97 accounts" in the lead, then "62 accounts, 10 Pages and 25 Groups"
    if any(k in seen and not _same_figure(seen[k], v) for k, v in new.items()):
        return True
    if origins and facts[i].origins and not origins & facts[i].origins:
        return True
    if len(new) >= 2 and all(seen.get(k) == v for k, v in new.items()):
        return False  # the same figures restated (a summary table, a quote of the release)
    last = group.members[-1]
    same_para = layout.sentences[i].para == layout.sentences[last].para
    if not same_para and any(k in seen for k in new) and facts[i].origins:
        return True  # bulletin lines: same figures, separate campaigns
    return _heading_between(layout, last, i, heading_starts)


def _same_figure(a: float, b: float) -> bool:
    """78 and "about 80" are one figure told twice; 7 and 8 are two networks."""
    return a == b or max(a, b) >= 50 and abs(a - b) <= 0.05 * max(a, b)


def _section_start(layout: Layout, anchor: int, prev_anchor: int | None,
                   heading_starts: list[int], heading_ends: list[int]) -> int:
    sents = layout.sentences
    floor = prev_anchor + 1 if prev_anchor is not None else 0
    anchor_start = sents[anchor].start
    # (the last heading starting before the anchor, if it starts after the previous anchor)
    k = bisect.bisect_left(heading_starts, anchor_start)
    if k and (prev_anchor is None or heading_starts[k - 1] > sents[prev_anchor].end):
        cut = heading_ends[k - 1]
        for i in range(floor, anchor + 1):
            if sents[i].start >= cut:
                return i
    # No heading: the network starts with the paragraph of its anchor.
    i = anchor
    while i > floor and sents[i - 1].para == sents[anchor].para:
        i -= 1
    return i


def _lead_anchor(layout: Layout, facts: list[SentenceFacts]) -> int | None:
    """A story with no figures still describes one network if its lead reports a takedown."""
    sents = layout.sentences
    for i, s in enumerate(sents[:4]):
        if not (PAST_TAKEDOWN.search(s.text) and _NETWORK_NOUN.search(s.text)
                and not is_summary(s.text)):
            continue
        # "Facebook vient de supprimer des comptes ... Ces comptes auraient été créés en
        # Israël": the place may come a sentence or two after the verb
        if facts[i].has_place_or_actor or any(
                facts[j].has_place_or_actor for j in range(i + 1, min(i + 3, len(sents)))):
            return i
    return None


# "Of these, 300 accounts ...", "la mayoría de ellas": a share of a figure told before
_SHARE_OF = Caseless(
    r"\b(?:of (?:them|these|those|which|the (?:\w+ )?(?:accounts|total))|among (?:them|these|"
    r"which)|out of|including|includ\w+|majority|most of|half of|part of|some of|"
    r"de ell[oa]s|de (?:ces|les) |parmi|dont|из них|среди них|в том числе|of the)\b")
# "these accounts", "эти учетные записи": the figures of the network told before
_THESE_UNITS = Caseless(r"\b(?:these|those|the same|such|estas|estos|esas|esos|ces|эти|этих|"
                        r"previous\w*|earlier|prior)\b")
_TOTAL_WORD = Caseless(r"\b(?:total|in all|altogether|overall|combined|en total|au total|"
                       r"всего|в общей сложности|en conjunto|this (?:month|quarter|year))\b")


_ASSET_KEYS = ("_accounts", "_pages", "_channels", "_groups", "_profiles", "_blogs")


def _second_figures(layout: Layout, facts: list[SentenceFacts], flags: list[bool]) -> None:
    """A sentence giving a second, different figure of a kind the network before it already
    has ("... 5,350 accounts praising the Saudi authorities." then "Indonesia used 795
    accounts ...") tells another network, takedown verb or not: one network has one figure
    of each kind. Shares ("of them"), totals and passing history are not."""
    sents = layout.sentences
    seen: dict[str, float] = {}
    for i, s in enumerate(sents):
        new = facts[i].removed
        if flags[i]:
            if seen and any(k in seen and not _same_figure(seen[k], v) for k, v in new.items()):
                seen = {}
            seen.update(new)
            continue
        if not new or not seen or s.continued:
            continue  # (a clause cut from the sentence before is that sentence's)
        if (is_summary(s.text) or _THESE_UNITS.search(s.text) or PART_OF.search(s.text) or _SHARE_OF.search(s.text)
                or _TOTAL_WORD.search(s.text) or _EARLIER.search(s.text)
                or OTHERS_FOUND.search(s.text)):
            continue
        if any(k in seen and not _same_figure(seen[k], v) and v < 10 * seen[k]
               and k.endswith(_ASSET_KEYS) and (v >= 10 or facts[i].origins)
               for k, v in new.items()):
            flags[i] = True
            seen = dict(new)
