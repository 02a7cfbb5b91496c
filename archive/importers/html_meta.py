"""Helpers for saved web pages: safe lxml parsing, metadata, external-resource counting,
active-content removal and the selectolax fallback extractor.

Never fetches, resolves or follows anything: URLs are only counted, entities are not expanded.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import lxml.etree
import lxml.html
from selectolax.lexbor import LexborHTMLParser

# libxml2's HTML parser: no network, no huge text nodes, comments and PIs dropped.
_PARSER = lxml.html.HTMLParser(
    no_network=True, huge_tree=False, remove_comments=True, remove_pis=True,
    collect_ids=False, default_doctype=False,
)
_ACTIVE = ("script", "style", "noscript", "iframe", "frame", "frameset", "object", "embed",
           "applet", "template", "svg", "canvas", "link", "base", "portal", "dialog")
_RESOURCE_ATTRS = ("src", "srcset", "data-src", "poster", "background", "data", "href")
_LOADABLE_HREF_TAGS = ("link",)
_REMOTE = re.compile(r"^\s*(https?:|ftp:|file:|//)", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*((?:https?:|ftp:|file:|//)[^'\")\s]+)", re.IGNORECASE)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_FALLBACK_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form",
                  "figure", "iframe", "button", "select", "template", "svg")
_FALLBACK_CLASS = re.compile(
    r"comment|related|share|social|newsletter|subscribe|cookie|consent|banner|footer|"
    r"\bnav|menu|sidebar|promo|advert|\bad-|popular|most-read|recommend|breadcrumb",
    re.IGNORECASE)


def parse_tree(html: str) -> lxml.html.HtmlElement:
    """Parse with the safe parser; raises lxml.etree.ParserError on empty input."""
    # lxml refuses str input that still carries an XML encoding declaration.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html, count=1)
    root: lxml.html.HtmlElement = lxml.html.document_fromstring(html, parser=_PARSER)
    return root


# Elements that never have content in HTML; libxml2 (2.14) still opens some of them
# (embed, source, track, wbr, keygen, ...) as containers that swallow the rest of the page.
_VOID = ("area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image",
         "img", "input", "keygen", "link", "menuitem", "meta", "param", "source", "track", "wbr")
# Media and plug-in elements whose content is fallback for readers; left unclosed they hold
# everything after them, which the extractors then drop with the element.
_FALLBACK_HOLDERS = ("object", "applet", "video", "audio", "picture", "canvas", "map")
_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "article",
           "section", "blockquote", "pre", "main", "header", "footer", "aside", "dl", "figure",
           "form", "hr")


def release_swallowed_content(root: lxml.html.HtmlElement) -> None:
    """Give back text that a void or unclosed media element swallowed: the content of a void
    element moves out after it, and a media or plug-in element holding paragraphs is
    replaced by its content. Run before `remove_active_content` and the extractors."""
    for el in list(root.iter(*_VOID)):
        if len(el) or el.text:
            _hoist_content(el)
    for el in list(root.iter(*_FALLBACK_HOLDERS)):
        if el.getparent() is not None and next(el.iter(*_BLOCKS), None) is not None:
            for inner in list(el.iter("param", "source", "track")):
                inner.drop_tree()
            el.drop_tag()


def _hoist_content(el: lxml.html.HtmlElement) -> None:
    parent = el.getparent()
    if parent is None:
        return
    children = list(el)
    tail, el.tail, el.text = el.tail, el.text, None
    index = parent.index(el)
    for offset, child in enumerate(children, start=1):
        parent.insert(index + offset, child)  # moves it out of el, keeping its own tail
    last = children[-1] if children else el
    last.tail = (last.tail or "") + (tail or "") or None


def _meta(root: lxml.html.HtmlElement, *keys: str) -> str | None:
    for key in keys:
        for el in root.iter("meta"):
            name = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
            content = (el.get("content") or "").strip()
            if name == key and content:
                return content
    return None


def _json_ld(root: lxml.html.HtmlElement) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for el in root.iter("script"):
        if (el.get("type") or "").lower() != "application/ld+json" or not el.text:
            continue
        try:
            data = json.loads(el.text[:200_000])
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack and len(found) < 50:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item[:50])
            elif isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph[:50])
    return found


def iso_date(value: str | None) -> str | None:
    """YYYY-MM-DD from an ISO-like string, or None when it is not a real date."""
    if not value:
        return None
    m = _ISO_DATE.search(value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def page_metadata(root: lxml.html.HtmlElement) -> dict[str, str | None]:
    """Title, publisher, published date and language declared by the page itself."""
    ld = _json_ld(root)

    def ld_value(*keys: str) -> str | None:
        for item in ld:
            for key in keys:
                value = item.get(key)
                if isinstance(value, dict):
                    value = value.get("name")
                if isinstance(value, str) and value.strip():
                    return value.strip()
        return None

    title_el = root.find(".//title")
    h1 = root.find(".//h1")
    title = (_meta(root, "og:title", "twitter:title") or ld_value("headline")
             or (title_el.text_content().strip() if title_el is not None else None)
             or (h1.text_content().strip() if h1 is not None else None))
    time_el = next((t for t in root.iter("time") if t.get("datetime")), None)
    published = (iso_date(_meta(root, "article:published_time", "datepublished",
                                "og:published_time", "pubdate", "publishdate", "date",
                                "dc.date.issued", "dc.date", "sailthru.date"))
                 or iso_date(ld_value("datePublished"))
                 or iso_date(time_el.get("datetime") if time_el is not None else None))
    publisher = _meta(root, "og:site_name", "application-name") or ld_value("publisher")
    lang = (root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
            or _meta(root, "og:locale", "content-language", "language") or "")
    language = lang.strip().replace("_", "-").split("-")[0].lower() or None
    if language and not re.fullmatch(r"[a-z]{2,3}", language):
        language = None
    return {"title": _clean(title), "publisher": _clean(publisher), "published": published,
            "language": language}


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(value.split())
    return value[:500] or None


def count_external_resources(root: lxml.html.HtmlElement) -> int:
    """Unique remote or file: URLs the page would load (links to click are not counted)."""
    urls: set[str] = set()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in _RESOURCE_ATTRS:
            value = el.get(attr)
            if not value or (attr == "href" and el.tag not in _LOADABLE_HREF_TAGS):
                continue
            candidates = [p.strip().split(" ")[0] for p in value.split(",")] if attr == "srcset" else [value]
            urls.update(c.strip() for c in candidates if _REMOTE.match(c))
        style = el.get("style")
        if style:
            urls.update(_CSS_URL.findall(style))
        if el.tag == "style" and el.text:
            urls.update(_CSS_URL.findall(el.text))
    return len(urls)


def remove_active_content(root: lxml.html.HtmlElement) -> None:
    """Drop scripts, styles, frames, embedded objects and refresh/redirect metas in place."""
    for el in list(root.iter(*_ACTIVE)):
        el.drop_tree()
    for el in list(root.iter("meta")):
        if (el.get("http-equiv") or "").lower() in ("refresh", "set-cookie"):
            el.drop_tree()


def fallback_text(html: str) -> str:
    """Text of the node with the most paragraph text, after removing page furniture."""
    tree = LexborHTMLParser(html)
    for tag in _FALLBACK_DROP:
        for node in tree.css(tag):
            node.decompose()
    for node in tree.css("[class], [id]"):
        marker = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if _FALLBACK_CLASS.search(marker) and node.tag not in ("html", "body", "main", "article"):
            node.decompose()
    best, best_len = None, 0
    for node in tree.css("article, main, div, section, td, body"):
        size = sum(len(p.text(strip=True)) for p in node.iter() if p.tag == "p")
        if size > best_len:
            best, best_len = node, size
    if best is None:
        body = tree.body
        return body.text(separator="\n", strip=True) if body is not None else ""
    parts = [n.text(separator=" ", strip=True) for n in best.css("h1, h2, h3, h4, p, li, blockquote")]
    return "\n".join(p for p in parts if p)
