"""Markdown residue left by scrapers: links, emphasis, images, headings, autolinks.

Scraped text often carries half-rendered Markdown ('By [Jane Doe](#)',
'**Photo / AFP**'). It becomes plain text: the words stay, the markup goes.
"""

from __future__ import annotations

import re
from functools import lru_cache

_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\((?:[^()\s\n]|\([^()\n]*\))*(?:\s+\"[^\"\n]*\")?\)")
_REF_LINK = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_EMPTY_LINK = re.compile(r"\[\]\([^)\n]*\)")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+|mailto:[^>\s]+)>")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
# Single '*' or '_' emphasis only between word boundaries, so '5 * 3' and
# snake_case survive.
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_ITALIC_US = re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$", re.MULTILINE)
_QUOTE = re.compile(r"^\s{0,3}>\s?", re.MULTILINE)
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$", re.MULTILINE)
_CODE = re.compile(r"`([^`\n]+)`")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")

# Escaped ASCII characters are parked in the Supplementary Private Use Area-A.
_PRIVATE = 0xF0000
_HIDDEN = re.compile("[\U000F0000-\U000F007F]")

_MARKERS = re.compile(r"\]\(|\*\*|__|^#{1,6}\s|<https?://|!\[|`", re.MULTILINE)


def has_markdown(text: str) -> bool:
    """True when ``text`` still holds Markdown markup (used by tests and checks)."""
    return bool(_MARKERS.search(text))


# Characters without which no rule below can match: most prose paragraphs have
# none, and skip the rules entirely.
_ANY_MARKUP = re.compile(r"[\[*_`<\\]|^\s{0,3}(?:#|>|[-*_]\s*[-*_]\s*[-*_])", re.MULTILINE)


@lru_cache(maxsize=4096)  # the line rules ask for the plain form of one unit several times
def strip_markdown(text: str) -> str:
    """Plain text of a Markdown-ish line or paragraph."""
    if not _ANY_MARKUP.search(text):
        return text
    # Escaped characters ('\\*') are literal: hide them from the rules, restore at the end.
    text = _ESCAPE.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), text)
    text = _IMAGE.sub("", text)  # an image is not prose; its alt text neither
    text = _EMPTY_LINK.sub("", text)
    for _ in range(2):  # links nested in emphasis and vice versa
        text = _LINK.sub(lambda m: m.group(1), text)
        text = _REF_LINK.sub(lambda m: m.group(1), text)
        text = _BOLD.sub(lambda m: m.group(2), text)
    text = _AUTOLINK.sub(lambda m: m.group(1), text)
    text = _ITALIC.sub(lambda m: m.group(1), text)
    text = _ITALIC_US.sub(lambda m: m.group(1), text)
    text = _HEADING.sub(lambda m: m.group(1), text)
    text = _QUOTE.sub("", text)
    text = _RULE.sub("", text)
    text = _CODE.sub(lambda m: m.group(1), text)
    return _HIDDEN.sub(lambda m: chr(ord(m.group(0)) - _PRIVATE), text)
