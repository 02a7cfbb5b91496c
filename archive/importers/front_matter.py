"""Front matter at the head of a Markdown or text file: YAML (`---`) or TOML (`+++`).

Returns the body without it and the metadata it declares (title, publisher, published,
url, language). Parsing is safe (yaml.safe_load, tomllib); malformed front matter is
left in the text as it was, never an error.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from typing import Any

_OPEN = {"---": ("---", "..."), "+++": ("+++",)}
_MAX_LINES = 200
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_KEYS = {
    "title": ("title", "headline", "name"),
    # an author is a person, not who publishes: never the publisher
    "publisher": ("publisher", "site", "site_name", "outlet", "publication", "source"),
    "published": ("date", "published", "published_at", "pubdate", "created", "date_published"),
    "url": ("url", "source_url", "link", "canonical", "source", "original_url"),
    "language": ("lang", "language", "locale"),
}


@dataclass(slots=True)
class FrontMatter:
    body: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None
    offset: int = 0  # characters removed from the head


def _load(block: str, toml: bool) -> dict[str, Any] | None:
    try:
        if toml:
            return tomllib.loads(block)
        import yaml

        data = yaml.safe_load(block)
    except Exception:  # malformed front matter is text, not an error
        return None
    return data if isinstance(data, dict) else None


def _text(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
    if isinstance(value, str | int | float) and str(value).strip():
        return " ".join(str(value).split())[:300]
    return None


def _date(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _text(value)
    if not text:
        return None
    m = re.match(r"((?:19|20)\d\d)-(\d\d)-(\d\d)", text)
    if m:
        return m.group(0)
    from archive.extract.document import iso_published

    return iso_published(text) if re.search(r"(?:19|20)\d\d", text) else None


def split_front_matter(text: str) -> FrontMatter:
    lead = len(text) - len(text.lstrip("\ufeff \t\r\n"))
    lines = text[lead:].split("\n")
    fence = lines[0].strip() if lines else ""
    if fence not in _OPEN:
        return FrontMatter(text)
    for k in range(1, min(len(lines), _MAX_LINES)):
        if lines[k].strip() in _OPEN[fence]:
            data = _load("\n".join(lines[1:k]), toml=fence == "+++")
            if data is None:
                return FrontMatter(text)
            removed = lead + sum(len(x) + 1 for x in lines[: k + 1])
            return _from_data({str(key).lower(): v for key, v in data.items()},
                              text[removed:], removed)
    return FrontMatter(text)


def _from_data(data: dict[str, Any], body: str, offset: int) -> FrontMatter:
    out = FrontMatter(body, offset=offset)
    for key in _KEYS["title"]:
        if out.title is None:
            out.title = _text(data.get(key))
    for key in _KEYS["url"]:
        value = _text(data.get(key))
        if out.url is None and value and _URL.match(value):
            out.url = value
    for key in _KEYS["publisher"]:
        value = _text(data.get(key))
        if out.publisher is None and value and not _URL.match(value):
            out.publisher = value
    for key in _KEYS["published"]:
        if out.published is None:
            out.published = _date(data.get(key))
    for key in _KEYS["language"]:
        value = _text(data.get(key))
        if out.language is None and value and re.fullmatch(r"[a-zA-Z]{2,3}(?:[-_]\w+)?", value):
            out.language = re.split(r"[-_]", value)[0].lower()
    return out
