"""Find quoted stretches of text from quote marks alone, in every common style.

Styles: curly doubles “ ” (and „ “), straight doubles " ", guillemets « » and
‹ ›, curly singles ‘ ’ and straight singles ' '. A quote may run over several
paragraphs when each new paragraph re-opens it (the English convention: the
closing mark is left off every paragraph but the last). Apostrophes
(don't, Belarus's, protesters') are told from single quote marks by context.

Robustness rule: a mark that never closes is a stray and is dropped; it never
swallows the rest of the article. No quoted stretch crosses a line break
except by the explicit re-opening convention, and a multi-paragraph quote is
capped at :data:`MAX_QUOTE_PARAGRAPHS` paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A multi-paragraph quote longer than this is cut here. Speeches quoted at
# length in PolNeAR train run up to 5 paragraphs; 8 leaves margin while
# bounding what a run of paragraphs that all start with a stray mark can join.
MAX_QUOTE_PARAGRAPHS = 8

# Shortest content between the marks worth keeping as a quote ('"" ' is noise).
MIN_QUOTE_CHARS = 1

_OPEN_DOUBLE = "“„«‹"
_CLOSE_DOUBLE = "”»›"
_MARKS = re.compile(r"[\"“”„«»‹›‘’']")
# Characters after which a straight/curly mark opens a quote, and before which one closes.
_BEFORE_OPEN = set(" \t([{—–-/:;,“‘\"'«")
_AFTER_CLOSE = set(" \t.,;:!?)]}—–-/”’\"'»…")
_PAIR = {"“": "”", "„": "“”", "«": "»", "‹": "›", '"': '"', "‘": "’", "'": "'"}


@dataclass(frozen=True, slots=True)
class QuotedStretch:
    """One quote: ``pieces`` are its per-paragraph parts, each from its opening
    mark to its closing mark inclusive (or to the paragraph end when the quote
    continues in the next paragraph)."""

    pieces: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    def inner(self, text: str) -> str:
        return " ".join(text[a:b] for a, b in self.pieces)


@dataclass
class _Open:
    mark: str
    pos: int
    pieces: list[tuple[int, int]]


def _role(text: str, i: int) -> str:
    """'open', 'close', 'either' or 'none' (an apostrophe) for the mark at i."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev == "\n":
        prev = " "
    if nxt == "\n":
        nxt = " "
    opens = prev in _BEFORE_OPEN and not nxt.isspace()
    closes = nxt in _AFTER_CLOSE and not prev.isspace()
    if ch in "“„«‹":
        return "open"
    if ch in "”»›":
        return "close"
    if ch == '"':
        if opens and not closes:
            return "open"
        if closes and not opens:
            return "close"
        return "either"
    # single marks: an apostrophe sits between letters (don't) or ends a word
    # with no quote open (protesters'); only a clear opening or closing counts
    if ch == "‘":
        return "open" if not nxt.isspace() else "none"
    if ch == "'" and opens and not closes:
        return "open"
    if ch in "’'" and closes and not opens:
        return "close"
    return "none"


def _family(ch: str) -> str:
    if ch in "“”„\"":
        return "double"
    if ch in "«»":
        return "guillemet"
    if ch in "‹›":
        return "angle"
    return "single"


def _closes(open_mark: str, ch: str) -> bool:
    return ch in _PAIR.get(open_mark, "") or (open_mark in "“„" and ch == '"') or (
        open_mark == '"' and ch == "”"
    ) or (open_mark == "‘" and ch == "'") or (open_mark == "'" and ch == "’")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Line spans of non-blank lines (a line break ends a paragraph)."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append((m.start(), m.end()))
    return out


def _reopens(text: str, para: tuple[int, int], family: str) -> int | None:
    """Offset of the mark that re-opens a quote at the start of ``para``."""
    start, end = para
    while start < end and text[start].isspace():
        start += 1
    if start < end and _family(text[start]) == family and _role(text, start) in ("open", "either"):
        return start
    return None


# Two apostrophes standing for one double mark (''Girl Power'', the New York
# Times' house style in PolNeAR: 116 of 840 train texts); three in a row are
# read as a closing single mark then a closing double (line,''' Ms. X said).
_DOUBLED_SINGLE = re.compile(r"(?<!')''(?!')")
_TRIPLED_SINGLE = re.compile(r"(?<=\S)'''(?!')")


def _fold_doubled_singles(text: str) -> str:
    """``text`` with each '' rewritten, offsets unchanged, as a straight double
    mark on the outer side plus a filler letter on the inner side: an opening
    '' becomes '"x', a closing one 'x"'. The quoted stretch found in the folded
    text then runs from the first apostrophe to the last, as the gold wants."""
    if "''" not in text:
        return text
    chars = list(text)
    for m in _DOUBLED_SINGLE.finditer(text):
        i = m.start()
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 2] if i + 2 < len(text) else " "
        if (prev.isspace() or prev in _BEFORE_OPEN) and not nxt.isspace():
            chars[i], chars[i + 1] = '"', "x"
        elif not prev.isspace() and (nxt.isspace() or nxt in _AFTER_CLOSE):
            chars[i], chars[i + 1] = "x", '"'
    for m in _TRIPLED_SINGLE.finditer(text):
        chars[m.start() + 1], chars[m.start() + 2] = "x", '"'
    return "".join(chars)


def find_quotes(text: str) -> list[QuotedStretch]:
    """Top-level quoted stretches of ``text`` in document order (inner quotes,
    such as ‘insiders’ inside a “…” quote, are not returned separately)."""
    return _find_quotes(_fold_doubled_singles(text))


def _find_quotes(text: str) -> list[QuotedStretch]:
    paragraphs = _paragraphs(text)
    found: list[QuotedStretch] = []
    carry: dict[str, _Open] = {}  # quotes continuing from the previous paragraph
    for n, (p_start, p_end) in enumerate(paragraphs):
        open_: dict[str, _Open] = {}
        for fam, state in carry.items():
            mark_at = _reopens(text, (p_start, p_end), fam)
            if mark_at is not None and len(state.pieces) < MAX_QUOTE_PARAGRAPHS:
                open_[fam] = _Open(state.mark, mark_at, state.pieces)
        carry = {}
        skip = {o.pos for o in open_.values()}
        for m in _MARKS.finditer(text, p_start, p_end):
            i = m.start()
            if i in skip:
                continue
            ch, fam, role = text[i], _family(text[i]), _role(text, i)
            if role == "none":
                continue
            current = open_.get(fam)
            if current is not None and current.mark == "„" and ch == "“":
                role = "close"  # German style „…“
            if current is not None and role in ("close", "either") and _closes(current.mark, ch):
                pieces = current.pieces + [(current.pos, i + 1)]
                del open_[fam]
                if i - current.pos - 1 >= MIN_QUOTE_CHARS or len(pieces) > 1:
                    found.append(QuotedStretch(tuple(pieces)))
            elif role in ("open", "either") and (current is None or role == "open"):
                open_[fam] = _Open(ch, i, [])  # a second opener replaces a stray one
        # an unclosed quote continues only if the next paragraph re-opens it
        nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
        for fam, state in open_.items():
            if fam in ("double", "guillemet") and nxt is not None and _reopens(text, nxt, fam) is not None:
                carry[fam] = _Open(state.mark, state.pos, state.pieces + [(state.pos, p_end)])
    return _top_level(found)


def _top_level(stretches: list[QuotedStretch]) -> list[QuotedStretch]:
    stretches.sort(key=lambda q: (q.start, -q.end))
    out: list[QuotedStretch] = []
    for q in stretches:
        if out and q.start < out[-1].end:
            continue  # nested in (or tangled with) the previous one
        out.append(q)
    return out
