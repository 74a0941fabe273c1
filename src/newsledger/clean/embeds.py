"""Embedded social posts in HTML (tweets, Instagram, TikTok blockquotes): taken
out of the page before extraction and kept as EmbeddedPost records, because
they are their authors' words, not the outlet's prose."""

from __future__ import annotations

import re

from newsledger.clean.blocks import _INSTAGRAM
from newsledger.clean.dates import find_date
from newsledger.records import EmbeddedPost

_EMBED_CLASSES = {"twitter-tweet": "twitter", "twitter-video": "twitter", "instagram-media": "instagram",
                  "tiktok-embed": "tiktok"}  # fmt: skip
# '… text — Name (@handle) November 4, 2019' at the end of a tweet blockquote.
_SIGNATURE = re.compile(r"[—–]\s*(?P<name>[^()\n—–]{1,80}?)\s*\(\s*(?P<handle>@\w{1,30})\s*\)\s*(?P<date>[^()]{0,40}?)\s*$")
_QUICK = re.compile(r"class=[\"'][^\"']*\b(?:" + "|".join(_EMBED_CLASSES) + r")\b")


def pull_embeds(html: str) -> tuple[str, list[EmbeddedPost]]:
    """(page without its embedded posts, the posts). Pages without any are returned as is."""
    if not _QUICK.search(html):
        return html, []
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return html, []
    posts: list[EmbeddedPost] = []
    for node in root.xpath("//blockquote[@class] | //div[@class]"):
        classes = set((node.get("class") or "").split())
        platform = next((_EMBED_CLASSES[c] for c in classes if c in _EMBED_CLASSES), None)
        if platform is None:
            continue
        posts.append(_post(node, platform))
        parent = node.getparent()
        if parent is not None:
            _drop(node)
    return lxml.html.tostring(root, encoding="unicode"), posts


def _post(node, platform: str) -> EmbeddedPost:
    paragraphs = [" ".join(p.text_content().split()) for p in node.iter("p")]
    whole = " ".join(node.text_content().split())
    text = " ".join(p for p in paragraphs if p) or whole
    links = [a.get("href") for a in node.iter("a") if a.get("href")]
    url = next((h for h in reversed(links) if "/status/" in h or "/p/" in h or "/video/" in h), None)
    signature = _SIGNATURE.search(whole) or _INSTAGRAM.search(whole)
    if signature is None:
        return EmbeddedPost(text=text, platform=platform, url=url)
    if signature.group(0).strip() in text or not paragraphs:
        text = whole[: signature.start()].strip()
    found = find_date(signature.group("date") or "")
    return EmbeddedPost(
        text=text,
        author=signature.group("name").strip() or None,
        handle=signature.group("handle"),
        platform=platform,
        url=url,
        date=found[0] if found else None,
    )


def _drop(node) -> None:
    """Remove ``node`` but keep its tail text (it belongs to the parent)."""
    parent = node.getparent()
    prev = node.getprevious()
    if node.tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)
