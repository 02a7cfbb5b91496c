"""Generate the PDF files of the sample corpus.

Run from anywhere:  python resources/samples/make_pdfs.py

The texts were written for Takedown Atlas; the layouts imitate the look of platform
reports (running header, page numbers, a two-column report) so the PDF importer
meets realistic input. Output is deterministic (reportlab "invariant" mode), so
re-running the script does not change committed files.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

HERE = Path(__file__).resolve().parent.parent / "samples"

_base = getSampleStyleSheet()
BODY = ParagraphStyle("body", parent=_base["BodyText"], fontName="Helvetica",
                      fontSize=9.5, leading=13, spaceAfter=6, alignment=TA_LEFT)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8, leading=10, textColor=colors.grey)
H1 = ParagraphStyle("h1", parent=_base["Heading1"], fontName="Helvetica-Bold",
                    fontSize=20, leading=24, spaceAfter=10)
H2 = ParagraphStyle("h2", parent=_base["Heading2"], fontName="Helvetica-Bold",
                    fontSize=13, leading=16, spaceBefore=10, spaceAfter=6)
H3 = ParagraphStyle("h3", parent=_base["Heading3"], fontName="Helvetica-Bold",
                    fontSize=10.5, leading=13, spaceBefore=6, spaceAfter=4)
BULLET = ParagraphStyle("bullet", parent=BODY, leftIndent=12, bulletIndent=2)


def P(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(text, style)


def bullets(items: list[str]) -> list[Paragraph]:
    return [Paragraph(item, BULLET, bulletText="\u2022") for item in items]


def facts_table(rows: list[tuple[str, str]], width: float) -> Table:
    data = [[P(f"<b>{k}</b>"), P(v)] for k, v in rows]
    t = Table(data, colWidths=[width * 0.28, width * 0.72])
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f4f7")),
    ]))
    return t


def _decorations(header: str, footer: str, pagesize):
    """onPage callback: running header, rule, footer with page number."""
    w, h = pagesize

    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(18 * mm, h - 12 * mm, header)
        canvas.setStrokeColor(colors.HexColor("#1f4fd1"))
        canvas.setLineWidth(0.8)
        canvas.line(18 * mm, h - 14 * mm, w - 18 * mm, h - 14 * mm)
        canvas.drawString(18 * mm, 10 * mm, footer)
        canvas.drawRightString(w - 18 * mm, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    return draw


def build(filename: str, story: list, *, title: str, author: str, header: str,
          footer: str, pagesize=LETTER, columns: int = 1) -> Path:
    out = HERE / filename
    w, h = pagesize
    margin = 18 * mm
    top, bottom = 20 * mm, 18 * mm
    doc = BaseDocTemplate(str(out), pagesize=pagesize, title=title, author=author,
                          subject="Takedown Atlas sample corpus", creator="make_pdfs.py",
                          invariant=1, leftMargin=margin, rightMargin=margin,
                          topMargin=top, bottomMargin=bottom)
    deco = _decorations(header, footer, pagesize)
    fw, fh = w - 2 * margin, h - top - bottom
    single = Frame(margin, bottom, fw, fh, id="single")
    if columns == 1:
        templates = [PageTemplate(id="one", frames=[single], onPage=deco)]
    else:
        # first page: a full-width band for the title and lead, two columns below it;
        # later pages: two columns.
        gap, band = 8 * mm, 50 * mm
        cw = (fw - gap) / 2
        first = [Frame(margin, bottom + fh - band, fw, band, id="band"),
                 Frame(margin, bottom, cw, fh - band, id="left1"),
                 Frame(margin + cw + gap, bottom, cw, fh - band, id="right1")]
        cols = [Frame(margin, bottom, cw, fh, id="left"),
                Frame(margin + cw + gap, bottom, cw, fh, id="right")]
        templates = [PageTemplate(id="first", frames=first, onPage=deco),
                     PageTemplate(id="two", frames=cols, onPage=deco)]
    doc.addPageTemplates(templates)
    doc.build(story)
    return out


# --------------------------------------------------------------------------------------
# 05  Facebook, July 2020 CIB update (multi-page, running header, page numbers)
# --------------------------------------------------------------------------------------

def meta_2020_07() -> Path:
    W = LETTER[0] - 36 * mm
    s = [
        P("Removing Coordinated Inauthentic Behavior", H1),
        P("July 2020 update &middot; Facebook &middot; Published July 8, 2020", SMALL),
        Spacer(1, 6),
        P("Today we are sharing our findings on three networks we removed for coordinated "
          "inauthentic behavior (CIB). Each network was made up of groups of Pages and accounts "
          "that worked together to mislead people about who was behind them and what they were "
          "doing. We removed them because of their deceptive behavior, not because of what they "
          "posted. Two of the networks were focused on domestic politics; the third was run by a "
          "commercial firm working across several countries in Latin America."),
        P("Summary", H2),
        facts_table([
            ("Brazil", "35 Facebook accounts, 14 Pages, 1 Group and 38 Instagram accounts"),
            ("United States", "54 Facebook accounts, 50 Pages and 4 Instagram accounts"),
            ("Canada and Ecuador", "41 Facebook accounts, 77 Pages and 56 Instagram accounts"),
        ], W),
        Spacer(1, 8),
        P("1. Brazil", H2),
        P("We removed 35 Facebook accounts, 14 Pages, 1 Group and 38 Instagram accounts that "
          "originated in Brazil and focused on domestic audiences. The network used a mix of "
          "duplicate and fake accounts, some of which had already been caught by our automated "
          "systems, to pose as reporters, post content and manage Pages that presented themselves "
          "as news outlets. The posts, in Portuguese, dealt with local news and politics, the "
          "upcoming municipal elections, memes and satire about the political opposition, the "
          "coronavirus pandemic, and praise for the president."),
        facts_table([
            ("Followers", "About 883,000 accounts followed one or more of these Pages, about 350 "
                          "accounts joined the Group, and about 917,000 people followed one or "
                          "more of these Instagram accounts."),
            ("Advertising", "Around $1,500 in spending for ads on Facebook and Instagram, paid "
                            "for in Brazilian reais."),
            ("Attribution", "Individuals associated with the Partido Social Liberal (PSL) and "
                            "employees of the offices of President Jair Bolsonaro, his sons "
                            "Eduardo and Flavio Bolsonaro, and state legislators Anderson "
                            "Moraes and Alana Passos."),
        ], W),
        P("We identified this activity as part of our review of coordinated inauthentic behavior "
          "in the region after reports by local journalists and a parliamentary inquiry into "
          "fake news in Brazil."),
        P("2. United States", H2),
        P("We removed 54 Facebook accounts, 50 Pages and 4 Instagram accounts that originated "
          "in the United States and focused on domestic audiences, with smaller activity aimed "
          "at Florida in particular. The network consisted of several clusters of fake accounts "
          "and Pages, some of which posed as residents of Florida, and was used to post and "
          "comment on political topics and to amplify the operator's own books, websites and "
          "media appearances. It posted in English about local politics, the 2016 election, "
          "the Mueller investigation, and the criminal trial of one of its principals."),
        facts_table([
            ("Followers", "About 260,000 accounts followed one or more of these Pages and around "
                          "61,500 people followed one or more of these Instagram accounts."),
            ("Advertising", "Around $308,000 in spending for ads on Facebook and Instagram, paid "
                            "for in US dollars."),
            ("Attribution", "Roger Stone and his associates."),
        ], W),
        PageBreak(),
        P("3. Canada and Ecuador", H2),
        P("We removed 41 Facebook accounts, 77 Pages and 56 Instagram accounts. This network "
          "originated in Canada and Ecuador and targeted El Salvador, Argentina, Uruguay, "
          "Venezuela, Ecuador and Chile. The people behind it used fake accounts, some of which "
          "had been disabled by our automated systems, to run Pages posing as independent news "
          "outlets and to comment on posts by public figures. They posted in Spanish about "
          "local elections and politics, supporting some candidates and attacking others, and "
          "about Venezuela's government."),
        facts_table([
            ("Followers", "About 276,000 accounts followed one or more of these Pages and around "
                          "78,000 people followed one or more of these Instagram accounts."),
            ("Advertising", "Around $1.38 million in spending for ads on Facebook and Instagram, "
                            "paid for primarily in US dollars."),
            ("Attribution", "Estraterra, a Canada-based political consultancy. Estraterra is now "
                            "banned from our services."),
        ], W),
        P("How we define CIB", H2),
        P("We view CIB as coordinated efforts to manipulate public debate for a strategic goal "
          "where fake accounts are central to the operation. There are two tiers of these "
          "activities that we work to stop: (1) coordinated inauthentic behavior in the context "
          "of domestic, non-government campaigns, and (2) coordinated inauthentic behavior on "
          "behalf of a foreign or government actor. When we find domestic, non-government "
          "campaigns that include groups of accounts and Pages seeking to mislead people about "
          "who they are and what they are doing, we remove both inauthentic and authentic "
          "accounts, Pages and Groups directly involved in this activity."),
        P("Sample content", H2),
        P("The images below illustrate the kind of content these networks posted. They are "
          "described rather than reproduced in this version of the report.", SMALL),
        *bullets([
            "Brazil: a Page styled as a local news outlet sharing a satirical photomontage of an "
            "opposition congressman.",
            "United States: a Page promoting a book launch, with comments from accounts presenting "
            "themselves as Florida voters.",
            "Canada and Ecuador: a Page called \u201cNoticias al Minuto\u201d sharing a poll graphic "
            "about a presidential candidate in El Salvador.",
        ]),
        Spacer(1, 10),
        P("We shared information about our findings with law enforcement, policymakers and "
          "industry partners. We know that influence operations will keep evolving in response "
          "to our enforcement, and we will keep reporting what we find.", BODY),
    ]
    return build("05_meta_cib_report_2020_07.pdf", s,
                 title="Removing Coordinated Inauthentic Behavior - July 2020",
                 author="Facebook", header="Facebook  |  Coordinated Inauthentic Behavior Report  |  July 2020",
                 footer="about.fb.com/news")


# --------------------------------------------------------------------------------------
# 11  OpenAI, May 2024 (two columns, multi-page)
# --------------------------------------------------------------------------------------

def openai_2024_05() -> Path:
    s = [
        P("AI and covert influence operations: latest trends", H1),
        P("OpenAI threat intelligence report &middot; May 30, 2024", SMALL),
        P("Over the last three months, our work against deceptive uses of our models has "
          "disrupted five covert influence operations (IO) that sought to use AI to manipulate "
          "public opinion or influence political outcomes without revealing the true identity "
          "or intentions of the actors behind them. As of May 2024, these campaigns do not "
          "appear to have meaningfully increased their audience engagement or reach as a result "
          "of our services."),
        NextPageTemplate("two"),
        FrameBreak(),
        P("Bad Grammar (Russia)", H2),
        P("A previously unreported operation from Russia, which we named after its repeated "
          "grammatical mistakes in English. It operated mainly on Telegram and targeted Ukraine, "
          "Moldova, the Baltic States and the United States. The operators used our models to "
          "debug code for a Telegram bot that posted comments automatically, and to generate "
          "short political comments in Russian and English."),
        P("In Russian, the comments said Ukraine's leadership had betrayed its people and that "
          "Moldova's government was leading the country into poverty. In English, the network "
          "posed as Americans from across the political spectrum and argued that the United "
          "States should stop supporting Ukraine."),
        P("<b>Platforms:</b> Telegram. <b>Languages:</b> Russian, English. <b>Impact:</b> "
          "Category 2 on the Breakout Scale."),
        P("Doppelganger (Russia)", H2),
        P("A persistent Russian operation, known to researchers since 2022, that posts "
          "anti-Ukrainian content across the internet. The operators used our models to "
          "generate comments in English, French, German, Italian and Polish that were posted "
          "on X and 9GAG; to translate and edit articles that were posted on websites linked to "
          "the operation; to generate headlines; and to turn news articles into Facebook posts."),
        P("<b>Platforms:</b> X, 9GAG, operation websites, Facebook. <b>Targets:</b> Europe and "
          "the United States. <b>Languages:</b> English, French, German, Italian, Polish. "
          "<b>Impact:</b> Category 2."),
        P("Spamouflage (China)", H2),
        P("A long-running operation from China that has posted across many platforms since at "
          "least 2019. Its operators used our models to research public social media activity, "
          "to generate texts in Chinese, English, Japanese and Korean that were then posted on "
          "X, Medium and Blogspot, and to debug code for managing databases and websites, "
          "including a previously unreported domain. The content praised China and criticised "
          "critics of the Chinese government, including members of the Chinese diaspora."),
        P("<b>Platforms:</b> X, Medium, Blogspot, revealscum[.]com. <b>Languages:</b> Chinese, "
          "English, Japanese, Korean. <b>Impact:</b> Category 2."),
        P("International Union of Virtual Media (Iran)", H2),
        P("A persistent Iranian operation, the International Union of Virtual Media (IUVM), "
          "used our models to generate and translate long-form articles, headlines and website "
          "tags in English and French that were then published on its website. The content "
          "was strongly pro-Iran and anti-Israel and anti-US."),
        P("<b>Platforms:</b> iuvmpress[.]co. <b>Languages:</b> English, French. "
          "<b>Impact:</b> Category 2."),
        P("Zero Zeno (Israel)", H2),
        P("A commercial company in Israel called STOIC, a political campaign management firm "
          "in Tel Aviv, ran this operation. We named it after the founder of the Stoic school "
          "of philosophy. Only the AI activity was disrupted, not the company. The operators "
          "used our models to generate articles and comments that were then posted across "
          "Instagram, Facebook, X and websites associated with the operation."),
        P("The content focused on the war in Gaza and, to a lesser extent, on the Histadrut "
          "trade union in Israel and the Indian elections. It targeted audiences in Canada, "
          "the United States and Israel, and was written in English and Hebrew. In early May "
          "it began targeting audiences in India with English-language content critical of "
          "the ruling BJP."),
        P("<b>Platforms:</b> Instagram, Facebook, X, operation websites. <b>Languages:</b> "
          "English, Hebrew. <b>Impact:</b> Category 2."),
        P("Attacker trends", H2),
        *bullets([
            "<b>Content generation:</b> all five operations used AI to produce text, sometimes "
            "in larger volumes and with fewer language errors than human operators could manage.",
            "<b>Mixing old and new:</b> AI-generated material was only one type of content; the "
            "operations also posted manually written texts and memes copied from the internet.",
            "<b>Faking engagement:</b> some networks generated replies to their own posts to "
            "create the appearance of engagement. None attracted significant authentic engagement.",
            "<b>Productivity:</b> operators used our models to summarise social media posts and "
            "debug code, as well as for content.",
        ]),
        P("Defender trends", H2),
        *bullets([
            "<b>Defensive design:</b> our models refused some requests, imposing friction on "
            "operators.",
            "<b>AI-enhanced investigation:</b> our own AI tools cut some investigations from "
            "weeks to days.",
            "<b>Distribution matters:</b> like traditional content, AI-generated material must "
            "still find an audience to have impact.",
            "<b>Industry sharing:</b> we benefited from years of open-source analysis by the "
            "wider research community.",
        ]),
        P("We will continue to report on influence operations we disrupt and to share threat "
          "indicators with industry peers.", SMALL),
    ]
    return build("11_openai_threat_report_2024_05.pdf", s,
                 title="AI and covert influence operations: latest trends",
                 author="OpenAI", header="OpenAI  |  AI and covert influence operations: latest trends  |  May 2024",
                 footer="openai.com", pagesize=LETTER, columns=2)


# --------------------------------------------------------------------------------------
# 15  Meta, Adversarial Threat Report Q1 2024 (multi-page)
# --------------------------------------------------------------------------------------

def meta_2024_q1() -> Path:
    W = A4[0] - 36 * mm
    s = [
        P("Adversarial Threat Report", H1),
        P("First Quarter 2024 &middot; Meta &middot; May 29, 2024", SMALL),
        P("Our public threat reporting began more than six years ago, when we first shared our "
          "findings about coordinated inauthentic behavior (CIB) by a Russian influence "
          "operation. Since then, we have taken down more than 200 such networks. In this "
          "report we share findings on three networks we removed in the first quarter of "
          "2024, in Bangladesh, China and Israel, and our observations on the use of "
          "generative AI by these operations."),
        P("1. Bangladesh", H2),
        P("We removed 50 Facebook accounts and 98 Pages for violating our policy against "
          "coordinated inauthentic behavior. This network originated in Bangladesh and targeted "
          "domestic audiences in that country. The operators used both authentic and fake "
          "accounts to manage Pages posing as independent news outlets and as opposition "
          "supporters, and posted in Bengali and English about the January 2024 election, "
          "praising the ruling party and accusing the opposition Bangladesh Nationalist Party "
          "(BNP) of political violence and corruption."),
        facts_table([
            ("Presence", "50 Facebook accounts and 98 Pages"),
            ("Followers", "About 3.4 million accounts followed one or more of these Pages."),
            ("Advertising", "About $1,350 in spending for ads on Facebook and Instagram, paid "
                            "for mostly in US dollars and Bangladeshi taka."),
            ("Attribution", "Individuals associated with the Awami League."),
        ], W),
        P("2. China", H2),
        P("We removed 37 Facebook accounts, 13 Pages, 5 Groups and 7 Instagram accounts. This "
          "network originated in China and targeted the global Sikh community, including in "
          "Australia, Canada, India, New Zealand, Pakistan, the United Kingdom and Nigeria. "
          "The operators created fictitious personas and a fake activist movement, posting in "
          "English, Hindi and Punjabi about floods in the Punjab region, the Sikh community "
          "worldwide, the Khalistan independence movement and criticism of the Indian "
          "government."),
        facts_table([
            ("Presence", "37 Facebook accounts, 13 Pages, 5 Groups and 7 Instagram accounts"),
            ("Followers", "About 2,700 accounts followed one or more of these Pages, about 1,300 "
                          "accounts joined one or more of these Groups, and about 100 accounts "
                          "followed one or more of these Instagram accounts."),
            ("Advertising", "No ads were found."),
            ("Attribution", "We could not attribute this activity to a specific organization. "
                            "It shows links to an unattributed China-based network we removed in "
                            "2023."),
        ], W),
        PageBreak(),
        P("3. Israel", H2),
        P("We removed 510 Facebook accounts, 11 Pages, 1 Group and 32 Instagram accounts. This "
          "network originated in Israel and targeted audiences primarily in the United States "
          "and Canada. The operators posed as locals in the countries they targeted, including "
          "as Jewish students, African Americans and concerned citizens, and posted in English "
          "about the Israel-Hamas war, including calls for the release of hostages and praise "
          "for Israel's military actions, along with criticism of campus antisemitism and of "
          "the United Nations Relief and Works Agency (UNRWA)."),
        P("Some of the comments left by the network on Pages of media organizations and public "
          "figures were likely generated with AI. Authentic users frequently replied to call "
          "these comments propaganda."),
        facts_table([
            ("Presence", "510 Facebook accounts, 11 Pages, 1 Group and 32 Instagram accounts"),
            ("Followers", "About 500 accounts followed one or more of these Pages, about 1,500 "
                          "accounts were members of the Group, and about 32,000 accounts "
                          "followed one or more of these Instagram accounts."),
            ("Advertising", "About $104,000 in spending for ads on Facebook and Instagram, paid "
                            "for mostly in US dollars."),
            ("Attribution", "STOIC, a political marketing and business intelligence firm based "
                            "in Tel Aviv. We have banned STOIC from our platforms and issued a "
                            "cease-and-desist letter."),
        ], W),
        P("Observations on generative AI", H2),
        P("So far, we have not seen novel generative AI-driven tactics that would impede our "
          "ability to disrupt the adversarial networks behind them. We have seen operators use "
          "AI-generated profile photos, and in the Israel network likely AI-generated comments, "
          "but our detection relies on behavior, not on the content alone."),
        P("Threat indicators", H2),
        P("The threat indicators for these networks are available in our public repository. "
          "We share them so that researchers and other platforms can look for related "
          "activity.", BODY),
        P("Appendix: definitions", H3),
        P("<b>Coordinated inauthentic behavior (CIB)</b> is any coordinated effort to manipulate "
          "public debate for a strategic goal in which fake accounts are central to the "
          "operation. <b>Followers</b> figures count accounts that followed at least one asset "
          "and may include inauthentic accounts and overlap between assets.", SMALL),
    ]
    return build("15_meta_adversarial_threat_report_q1_2024.pdf", s,
                 title="Adversarial Threat Report - First Quarter 2024", author="Meta",
                 header="Meta  |  Adversarial Threat Report  |  Q1 2024",
                 footer="transparency.meta.com", pagesize=A4)


# --------------------------------------------------------------------------------------
# 20  Meta, November 2021 CIB report (multi-page)
# --------------------------------------------------------------------------------------

def meta_2021_11() -> Path:
    W = A4[0] - 36 * mm
    s = [
        P("November 2021 Coordinated Inauthentic Behavior Report", H1),
        P("Meta &middot; December 1, 2021", SMALL),
        P("In November, we removed four networks from four countries for coordinated "
          "inauthentic behavior: Belarus, Poland, Nicaragua and China. Two of them, from "
          "Belarus and Poland, targeted the crisis on the border between the two countries. "
          "We are also publishing, in a separate report, our first findings on mass reporting "
          "and brigading networks."),
        P("Belarus", H2),
        P("We removed 41 Facebook accounts, 5 Groups and 4 Instagram accounts. This network "
          "originated in Belarus and targeted primarily audiences in the Middle East and "
          "Europe, including Poland and Lithuania. The fake accounts posed as journalists and "
          "activists, and as migrants from Iraq and Syria, and posted in English, Polish and "
          "Kurdish about the treatment of migrants on the border and what they described as "
          "Polish aggression. Some of the accounts tried to contact reporters and to join "
          "groups of migrants."),
        facts_table([
            ("Presence", "41 Facebook accounts, 5 Groups and 4 Instagram accounts"),
            ("Followers", "About 1,200 accounts joined one or more of these Groups and fewer "
                          "than 100 accounts followed one or more of these Instagram accounts."),
            ("Attribution", "Individuals associated with the Belarusian KGB."),
        ], W),
        P("Poland", H2),
        P("We removed 31 Facebook accounts, 4 Groups, 2 Facebook Events and 4 Instagram "
          "accounts. This network originated in Poland and targeted Belarus and Iraq. It "
          "posed as migrants and posted in Arabic and Kurdish about the difficulties of "
          "crossing into Poland, warning people not to attempt the journey. We did not find "
          "links to any organisation."),
        facts_table([
            ("Presence", "31 Facebook accounts, 4 Groups, 2 Events and 4 Instagram accounts"),
            ("Followers", "About 2,000 accounts joined one or more of these Groups and about 15 "
                          "accounts followed one or more of these Instagram accounts."),
        ], W),
        PageBreak(),
        P("Nicaragua", H2),
        P("We removed 937 Facebook accounts, 140 Pages, 24 Groups and 363 Instagram accounts. "
          "This network originated in Nicaragua and targeted domestic audiences in the country. "
          "It was a troll farm run by several government agencies, with staff working from the "
          "Nicaraguan postal service and the telecommunications regulator, among others. They "
          "posted in Spanish in support of the government and the ruling party and attacked "
          "the opposition, including students who had taken part in the 2018 protests."),
        facts_table([
            ("Presence", "937 Facebook accounts, 140 Pages, 24 Groups and 363 Instagram accounts"),
            ("Followers", "About 650,000 accounts followed one or more of these Pages, about "
                          "8,000 accounts joined one or more of these Groups, and about 74,000 "
                          "accounts followed one or more of these Instagram accounts."),
            ("Attribution", "The Government of Nicaragua and the Sandinista National Liberation "
                            "Front (FSLN)."),
        ], W),
        P("China", H2),
        P("We removed 524 Facebook accounts, 20 Pages, 4 Groups and 86 Instagram accounts. "
          "This network originated in China and targeted global English-speaking audiences in "
          "the United States and the United Kingdom, and Chinese-speaking audiences in Taiwan, "
          "Hong Kong and Tibet. It was centred on a fictitious Swiss biologist, \u201cWilson "
          "Edwards\u201d, whose claims that the United States was pressuring scientists over "
          "the origins of COVID-19 were amplified by fake accounts and then picked up by "
          "Chinese state media."),
        facts_table([
            ("Presence", "524 Facebook accounts, 20 Pages, 4 Groups and 86 Instagram accounts"),
            ("Followers", "About 1,600 accounts followed one or more of these Pages and about "
                          "7,000 accounts followed one or more of these Instagram accounts."),
            ("Advertising", "Less than $5,000 in spending for ads on Facebook and Instagram, "
                            "paid for mostly in US dollars."),
            ("Attribution", "Individuals in China, including employees of Sichuan Silence "
                            "Information Technology Co., Ltd, an information security firm, and "
                            "individuals associated with Chinese state infrastructure companies."),
        ], W),
        P("Threat indicators for these networks are shared with researchers and industry "
          "peers.", SMALL),
    ]
    return build("20_meta_cib_report_2021_11.pdf", s,
                 title="November 2021 Coordinated Inauthentic Behavior Report", author="Meta",
                 header="Meta  |  November 2021 Coordinated Inauthentic Behavior Report",
                 footer="about.fb.com/news", pagesize=A4)


# --------------------------------------------------------------------------------------
# 21  Google TAG bulletin Q3 2024 (one page, one line per campaign)
# --------------------------------------------------------------------------------------

def tag_2024_q3() -> Path:
    lines = [
        "We terminated 29 YouTube channels as part of our investigation into coordinated "
        "influence operations linked to Russia. The campaign uploaded content in Romanian and "
        "Russian that was critical of Moldovan President Maia Sandu and of the European Union "
        "ahead of the October referendum in Moldova.",
        "We terminated 5,620 YouTube channels and 21 Blogger blogs as part of our ongoing "
        "investigation into coordinated influence operations linked to the People's Republic "
        "of China (PRC). The network uploaded spammy content in Chinese and English about China "
        "and US foreign affairs. These findings are consistent with our previous reporting on "
        "DRAGONBRIDGE.",
        "We terminated 5 YouTube channels as part of our investigation into coordinated "
        "influence operations linked to Azerbaijan. The campaign uploaded content in "
        "Azerbaijani and English that was critical of Armenia and of France.",
        "We terminated 3 YouTube channels and 1 Ads account as part of our investigation into "
        "coordinated influence operations linked to Pakistan. The campaign uploaded content in "
        "Urdu and English that was critical of India's government.",
        "We terminated 12 YouTube channels as part of our investigation into coordinated "
        "influence operations linked to Iran. The campaign uploaded content in Hebrew, Arabic "
        "and English that was supportive of Iran and critical of Israel.",
        "We terminated 1 YouTube channel as part of our investigation into coordinated "
        "influence operations linked to Israel. The campaign was linked to the political "
        "marketing firm STOIC and uploaded content in English about the Israel-Hamas war. Our "
        "findings are similar to findings reported by Meta and OpenAI.",
        "We terminated 4 YouTube channels as part of our investigation into coordinated "
        "influence operations linked to Vietnam. The campaign uploaded content in Vietnamese "
        "that was critical of overseas democracy activists.",
    ]
    s = [
        P("TAG Bulletin: Q3 2024", H1),
        P("Google Threat Analysis Group &middot; Published September 12, 2024 &middot; "
          "Last updated October 24, 2024", SMALL),
        P("This bulletin includes coordinated influence operation campaigns terminated on our "
          "platforms in Q3 2024."),
        *bullets(lines),
    ]
    return build("21_tag_bulletin_q3_2024.pdf", s, title="TAG Bulletin: Q3 2024",
                 author="Google Threat Analysis Group",
                 header="Google Threat Analysis Group  |  TAG Bulletin: Q3 2024",
                 footer="blog.google/threat-analysis-group", pagesize=LETTER)


def main() -> None:
    for make in (meta_2020_07, openai_2024_05, meta_2024_q1, meta_2021_11, tag_2024_q3):
        path = make()
        print(path.name)


if __name__ == "__main__":
    main()
