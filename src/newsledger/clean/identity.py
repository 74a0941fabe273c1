"""Article identity: the same text ingested twice is one article; the same wire
text carried by two outlets is two articles (ids differ by publisher) that share
a content hash and an originator."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# 16 hex digits (64 bits): collision-free in practice for any corpus one
# machine holds, short enough to type in `newsledger show ID`.
ID_HEX_DIGITS = 16

_QUOTES = (("‘", "'"), ("’", "'"), ("‚", "'"), ("‛", "'"), ("“", '"'), ("”", '"'), ("„", '"'), ("«", '"'),
           ("»", '"'), ("–", "-"), ("—", "-"), ("‒", "-"), ("−", "-"))  # fmt: skip
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text as compared for identity: NFKC, case-folded, quotes/dashes unified, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text or "")
    for fancy, plain in _QUOTES:  # str.replace per character beats str.translate with a dict
        if fancy in text:
            text = text.replace(fancy, plain)
    return _SPACE.sub(" ", text.casefold()).strip()


def _digest(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=ID_HEX_DIGITS // 2)
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()


def content_hash(body: str, *, normalised: bool = False) -> str:
    """Hash of the normalised body text alone (near-duplicate and syndication checks)."""
    return _digest(body if normalised else normalise(body))


def article_id(body: str, publisher: str | None, *, normalised: bool = False) -> str:
    """Stable id: the normalised body plus who carried it."""
    return _digest(body if normalised else normalise(body), normalise(publisher or ""))
