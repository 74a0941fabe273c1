"""From a cue token to the three spans of an attribution: cue, source, content.

The parse gives the skeleton ('X said that Y': X is the subject of the cue, Y its
clausal complement); which neighbours belong to the cue span and which child
holds the content are read from tables learned on PolNeAR train (stored with
the cue model, see :mod:`newsledger.extract.quote_train`). Quote marks then
widen a content span to the whole quoted stretch, marks included, as the gold
convention wants.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from newsledger.extract.quote_marks import QuotedStretch

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# A child of the cue joins the cue span when annotators included it at least
# this often in PolNeAR train (e.g. aux 'has said' 0.98, prep 'according to').
CUE_CHILD_MIN_RATE = 0.5
# A child (or the governor) of the cue is taken as the content head when it was
# the gold content head at least this often for that (lemma, relation) in train.
CONTENT_MIN_RATE = 0.2
# Tables need this many train observations before a specific key overrides the
# backoff key (dependency relation alone).
MIN_TABLE_COUNT = 3

CONTENT_DEPS = frozenset(
    {"ccomp", "dobj", "xcomp", "prep", "acl", "advcl", "nsubjpass", "nsubj", "oprd", "attr", "pobj", "conj"}
)
# Before the cue these are scene-setting adjuncts ('In 2008, he called…',
# 'Speaking to reporters, she said…'), never what was said.
RIGHT_ONLY_DEPS = frozenset({"prep", "advcl", "xcomp", "acl", "oprd", "attr"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Cue relations that take their source from the governing verb's subject:
# 'he said, adding that…', 'she went on to say', 'they met and said…', 'he
# said, before warning that…' (pcomp of a preposition of the verb).
INHERIT_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "ccomp", "prep"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_TRIM = set(",.;:—–-()[]")


@dataclass(frozen=True)
class Tables:
    """Rates learned on PolNeAR train: key -> [hits, count]."""

    cue_children: Mapping[str, Sequence[float]]
    content_children: Mapping[str, Sequence[float]]
    # how often the subject left of the cue lies inside the gold content
    # ('Trump seems to be …', 'X was expected to …'), keyed 'lemma|dep', 'dep'
    subject_content: Mapping[str, Sequence[float]] = field(default_factory=dict)
    # how often a child of the gold source's head lies inside the gold source
    # ('Clinton, *speaking in Ohio*, said': acl 0.35), keyed by source_child_keys
    source_children: Mapping[str, Sequence[float]] = field(default_factory=dict)

    def rate(self, table: Mapping[str, Sequence[float]], *keys: str) -> float:
        for key in keys:  # most specific first
            hit = table.get(key)
            if hit and hit[1] >= MIN_TABLE_COUNT:
                return hit[0] / hit[1]
        return 0.0


@dataclass(frozen=True)
class SpanSet:
    """One attribution's spans as character offsets into the text."""

    cue: tuple[int, int]
    source: tuple[int, int] | None
    source_head: int | None  # token index of the source head
    content: tuple[tuple[int, int], ...]


# A child joins the cue with its whole subtree ('said in a statement', 'said
# Sunday on NBC') only when that subtree is this short; longer ones are content.
MAX_CUE_CHILD_TOKENS = 6
_SUBTREE_DEPS = frozenset({"prep", "npadvmod", "dobj", "advmod", "acomp", "attr", "xcomp", "prt"})


# The subject of a cue is part of the content, not the source, when it was so
# at least this often in PolNeAR train for that (lemma, relation): raising and
# passive cues ('Trump seems to be …' 0.68, 'appear' 0.82, 'is expected to'
# 0.94; backoff: any passive subject 0.74, any active subject 0.03).
# Measured on the train hold-out (every 10th article): exact F1 source / cue /
# content 0.6809 / 0.6204 / 0.4918 -> 0.6818 / 0.6213 / 0.4954; not tuned (0.5 is
# "more often content than not").
SUBJECT_CONTENT_MIN_RATE = 0.5


def subject_keys(cue: "Token", subj: "Token") -> tuple[str, str]:
    """Table keys for 'is this subject part of the content?'."""
    return f"{cue.lemma_.lower()}|{subj.dep_}", subj.dep_


def content_subject(cue: "Token", tables: Tables) -> "Token | None":
    """The subject left of the cue when annotators count it as content."""
    for child in cue.children:
        if child.dep_ in SUBJECT_DEPS and child.i < cue.i:
            rate = tables.rate(tables.subject_content, *subject_keys(cue, child))
            return child if rate >= SUBJECT_CONTENT_MIN_RATE else None
    return None


def cue_child_keys(cue: "Token", child: "Token") -> tuple[str, ...]:
    """Table keys for 'is this child part of the cue?', most specific first."""
    obj = next((c.lemma_.lower() for c in child.children if c.dep_ == "pobj"), "")
    side = "L" if child.i < cue.i else "R"
    return (
        f"{child.dep_}|{child.lower_}|{obj}",  # 'in a statement', 'on Twitter'
        f"{cue.lemma_.lower()}|{child.dep_}|{child.lower_}",
        f"{child.dep_}|{child.lower_}",
        f"{child.dep_}|{side}|ent={child.ent_type_}",
        f"{child.dep_}|{side}",
    )


def cue_tokens(cue: "Token", tables: Tables) -> list["Token"]:
    """The cue head plus the children annotators count as part of the cue."""
    toks = [cue]
    for child in cue.children:
        if abs(child.i - cue.i) > MAX_CUE_CHILD_TOKENS:
            continue
        if tables.rate(tables.cue_children, *cue_child_keys(cue, child)) < CUE_CHILD_MIN_RATE:
            continue
        sub = list(child.subtree)
        # 'according to X' / 'claim of X': the preposition is cue, its object is not
        keep_object = cue.lower_ != "according" and cue.pos_ != "NOUN"
        if child.dep_ in _SUBTREE_DEPS and keep_object and len(sub) <= MAX_CUE_CHILD_TOKENS:
            toks.extend(sub)
        else:
            toks.append(child)
    return _contiguous(cue, toks)


def _contiguous(anchor: "Token", toks: Iterable["Token"]) -> list["Token"]:
    """The run of ``toks`` around ``anchor`` without gaps."""
    idx = {t.i for t in toks}
    lo = hi = anchor.i
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx:
        hi += 1
    return [anchor.doc[i] for i in range(lo, hi + 1)]


def source_head(cue: "Token") -> "Token | None":
    """Who the cue attributes to, from the parse around it."""
    if cue.lower_ == "according":
        for to in cue.children:
            for obj in to.children:
                if obj.dep_ == "pobj":
                    return obj
        return None
    for child in cue.children:
        if child.dep_ == "nsubj":
            return child  # a relative 'who' is the gold source; quote_speakers resolves it
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    if cue.pos_ == "NOUN":
        for child in cue.children:
            if child.dep_ == "poss":
                return child
        return None
    if cue.dep_ in ("relcl", "acl") and cue.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return cue.head
    governor = cue
    for _ in range(3):
        if governor.dep_ not in INHERIT_DEPS or governor.head.i == governor.i:
            break
        governor = governor.head
        for child in governor.children:
            if child.dep_ == "nsubj" and child.lower_ not in RELATIVE_PRONOUNS:
                return child
    return None


# A child of the source head is cut from the source (with its subtree) when
# annotators included it less often than this in PolNeAR train: participial
# 'acl' 0.35 ('The poll, released on Wednesday, found'), 'advcl' 0.11, 'ccomp'
# 0.25, a leading 'even' 0.17; relative clauses (0.49) and prepositions (0.82)
# stay. Train hold-out exact source F1: without 0.6898, at 0.4 0.6931, at 0.5
# 0.6916 (also cuts relative clauses). Punctuation children are never cut.
SOURCE_CHILD_MIN_RATE = 0.4


def source_child_keys(head: "Token", child: "Token") -> tuple[str, str]:
    """Table keys for 'is this child of the source head part of the source?'."""
    side = "L" if child.i < head.i else "R"
    return f"{child.dep_}|{side}|{child.lower_}", f"{child.dep_}|{side}"


def noun_span(
    head: "Token", cue: "Token | None" = None, text: str | None = None, tables: Tables | None = None
) -> tuple[int, int]:
    """Character span of a source noun phrase: its subtree without the cue
    clause ('Beck, who said …' is 'Beck'), trimmed of punctuation except the
    comma, dash or bracket that closes an appositive ('X, the GOP chairman,'),
    which the gold convention keeps. With ``tables``, children annotators
    rarely include are cut too."""
    drop = {t.i for t in cue.subtree} if cue is not None and head.is_ancestor(cue) else set()
    if tables is not None and tables.source_children:
        for child in head.children:
            if child.is_punct:
                continue  # commas around an appositive hold the source together
            keys = source_child_keys(head, child)
            known = any(tables.source_children.get(k, (0, 0))[1] >= MIN_TABLE_COUNT for k in keys)
            if known and tables.rate(tables.source_children, *keys) < SOURCE_CHILD_MIN_RATE:
                drop |= {t.i for t in child.subtree}
    toks = [t for t in head.subtree if t.i not in drop]
    if text is not None:  # a heading line is never part of the next line's source
        lo, hi = _line_bounds(text, head.idx)
        toks = [t for t in toks if lo < t.idx < hi]
    run = _run_with(_runs(toks), head)
    trimmed = _trim_tokens(run)
    if not trimmed:
        return _char_span([head])
    last = trimmed[-1]
    after = head.doc[last.i + 1] if last.i + 1 < len(head.doc) else None
    if after is not None and after.text in _CLOSERS and after.i not in drop:
        opener = _CLOSERS[after.text]
        if any(t.text == opener for t in trimmed[1:]):
            trimmed = trimmed + [after]
    span = _char_span(_close_bracket(trimmed, drop))
    return _strip_leading_marks(span, text) if text is not None else span


# Marks a source never starts with: a dash glued to a list item ('-One poll')
# or the closing quote mark of the quote before it ('” reporter X'). Train
# hold-out exact source F1 0.6931 -> 0.6970.
_SOURCE_LEADERS = "-–—\"“”‘’' \t"


def _strip_leading_marks(span: tuple[int, int], text: str) -> tuple[int, int]:
    start, end = span
    while start < end - 1 and text[start] in _SOURCE_LEADERS:
        start += 1
    return start, end


# How far past a source's last token its closing bracket may lie ('(I-Vt.)').
BRACKET_LOOKAHEAD = 3


def _close_bracket(toks: list["Token"], drop: set[int]) -> list["Token"]:
    """A source that opens '(' and lost its ')' to punctuation trimming gets it
    back: 'Sen. Bernie Sanders (I-Vt.)' (brackets balance in 153 of 155 train
    sources that hold one)."""
    if sum(t.text == "(" for t in toks) <= sum(t.text == ")" for t in toks):
        return toks
    doc, last = toks[0].doc, toks[-1].i
    for i in range(last + 1, min(last + 1 + BRACKET_LOOKAHEAD, len(doc))):
        if i in drop or doc[i].text not in (")", ".", ","):
            break
        if doc[i].text == ")":
            return toks + [doc[j] for j in range(last + 1, i + 1)]
    return toks


# Closing punctuation of an appositive or aside -> the mark that opened it.
_CLOSERS = {",": ",", "—": "—", "–": "–", ")": "("}


def _runs(toks: list["Token"]) -> list[list["Token"]]:
    runs: list[list["Token"]] = [[toks[0]]] if toks else []
    for t in toks[1:]:
        if t.i == runs[-1][-1].i + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return runs


def content_head(cue: "Token", cue_toks: Sequence["Token"], tables: Tables) -> tuple["Token", bool] | None:
    """(content head, is_governor): the child (or governor) holding the content."""
    in_cue = {t.i for t in cue_toks}
    lemma = cue.lemma_.lower()
    best: tuple[float, "Token", bool] | None = None
    for child in cue.children:
        if child.dep_ not in CONTENT_DEPS or (child.i < cue.i and child.dep_ in RIGHT_ONLY_DEPS):
            continue
        target = child
        if child.i in in_cue:  # 'called for X', 'pointed to X': content is the object
            target = inner_content(child)
            if target is None:
                continue
        rate = tables.rate(tables.content_children, f"{lemma}|{child.dep_}", child.dep_)
        if rate >= CONTENT_MIN_RATE and (best is None or rate > best[0]):
            best = (rate, target, False)
    if cue.head.i != cue.i:
        rate = tables.rate(tables.content_children, f"{lemma}|gov:{cue.dep_}", f"gov:{cue.dep_}")
        if rate >= CONTENT_MIN_RATE and (best is None or rate > best[0]):
            best = (rate, cue.head, True)
    return (best[1], best[2]) if best else None


# Inside a cue word that takes the content as its own object ('talking about
# X', 'went on to say that X', 'called for X'), the content hangs here.
INNER_DEPS = ("pobj", "pcomp", "ccomp", "dobj", "xcomp")


def inner_content(tok: "Token") -> "Token | None":
    for dep in INNER_DEPS:
        for child in tok.children:
            if child.dep_ == dep:
                return child
    return None


def content_span(
    head: "Token", is_governor: bool, exclude: set[int], text: str | None = None
) -> tuple[int, int] | None:
    """Content from its head's subtree; for a governor ('X, he said' / 'according
    to Y, X'), its subtree minus the cue clause, largest contiguous part."""
    toks = [t for t in head.subtree if t.i not in exclude]
    if text is not None:  # the parser's sentences sometimes run over a line break
        lo, hi = _line_bounds(text, head.idx)
        toks = [t for t in toks if lo < t.idx < hi]
    if not toks:
        return None
    runs = _runs(toks)
    run = max(runs, key=len) if is_governor else _run_with(runs, head)
    if not is_governor and head.i > head.head.i:
        run = _left_object(head, exclude) + run + _right_complements(head, exclude)
    run = _trim_tokens(run)
    return _char_span(run) if run else None


# 'accused Y of X', 'dismissed Y as X', 'urged Y to X', 'called Y "X"': what is
# said runs on over the cue's next complements after the first one.
RIGHT_COMPLEMENTS = frozenset({"dobj", "dative", "xcomp", "oprd", "ccomp", "prep"})
# Prepositions whose phrase right after an object content stays in the content
# more often than not in PolNeAR train (seen >= 5 times): of 56/56, as 220/227,
# for 139/154, to 71/83, with 51/64, about 11/11, from 21/30, over 11/15,
# against 7/8, since 7/8, into 5/5, among 5/6, including 4/5, in 94/162,
# on 45/85, at 30/53, by 17/31 (left out: during 10/27, after 5/16, before
# 3/12, despite 2/7, through 3/7). Session 2 had the first four only; the
# rest moved train hold-out content exact F1 0.5043 -> 0.5082.
COMPLEMENT_PREPS = frozenset(
    {"of", "as", "for", "to", "with", "about", "from", "over", "against", "since", "into", "among",
     "including", "in", "on", "at", "by"}
)


def _right_complements(head: "Token", exclude: set[int]) -> list["Token"]:
    """The cue's complements that directly follow the content head's phrase."""
    verb = head.head
    end = max(t.i for t in head.subtree)
    out: list["Token"] = []
    for sib in sorted(verb.children, key=lambda t: t.i):
        if sib.i <= head.i or sib.i in exclude:
            continue
        first = min(t.i for t in sib.subtree)
        if first != end + 1 or sib.dep_ not in RIGHT_COMPLEMENTS:
            break
        if sib.dep_ == "prep" and sib.lower_ not in COMPLEMENT_PREPS:
            break
        out.extend(sib.subtree)
        end = max(t.i for t in sib.subtree)
    return out


# 'urged the Justice Department to investigate …', 'devoted enormous resources
# to that state': when the content is such a complement of the cue, the cue's
# object right before it opens the content. PolNeAR train, object inside the
# gold content when the complement is: prep 0.95-1.0 (as 222/223, for 140/147),
# oprd 0.96, xcomp 0.74; ccomp only 0.20 ('told reporters that …'), left out.
LEFT_OBJECT_HEADS = frozenset({"xcomp", "oprd", "prep"})
OBJECT_DEPS = frozenset({"dobj", "dative"})


def _left_object(head: "Token", exclude: set[int]) -> list["Token"]:
    """The cue's object whose phrase ends right where the content head's begins."""
    if head.dep_ not in LEFT_OBJECT_HEADS:
        return []
    verb, start = head.head, min(t.i for t in head.subtree)
    for sib in verb.children:
        if sib.dep_ not in OBJECT_DEPS or not verb.i < sib.i < head.i or sib.i in exclude:
            continue
        sub = list(sib.subtree)
        if sub[-1].i + 1 == start and not any(t.i in exclude for t in sub):
            return sub
    return []


def _line_bounds(text: str, char: int) -> tuple[int, int]:
    """Offsets of the line breaks around ``char`` (-1 / len(text) at the ends)."""
    hi = text.find("\n", char)
    return text.rfind("\n", 0, char), len(text) if hi < 0 else hi


def _run_with(runs: list[list["Token"]], head: "Token") -> list["Token"]:
    for run in runs:
        if run[0].i <= head.i <= run[-1].i:
            return run
    return max(runs, key=len)


def _trim_tokens(toks: list["Token"]) -> list["Token"]:
    lo, hi = 0, len(toks)
    while lo < hi and (toks[lo].text in _TRIM or toks[lo].is_space):
        lo += 1
    while hi > lo and (toks[hi - 1].text in _TRIM or toks[hi - 1].is_space):
        hi -= 1
    return toks[lo:hi]


def _char_span(toks: Sequence["Token"]) -> tuple[int, int]:
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def widen_to_quotes(
    span: tuple[int, int], quotes: Sequence[QuotedStretch]
) -> tuple[int, int]:
    """Grow a content span over every quoted stretch it overlaps (marks included)."""
    start, end = span
    for q in quotes:
        if q.start < end and start < q.end:
            start, end = min(start, q.start), max(end, q.end)
    return start, end


def subtree_indices(tok: "Token") -> set[int]:
    return {t.i for t in tok.subtree}


def tokens_of(doc: "Doc", span: tuple[int, int]) -> set[int]:
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    return {t.i for t in sp} if sp is not None else set()


def split_around(
    head: "Token", exclude: set[int], clause: tuple[int, int], text: str | None = None
) -> list[tuple[int, int]] | None:
    """'The outreach, he said, raised new worries' / '…, which he said had
    harmed the economy': when the cue clause interrupts the content head's
    subtree, PolNeAR's content is the two parts on either side of it (two
    fragments), not the longer part alone. None unless the clause sits between
    two runs of the subtree, touching both with nothing but punctuation between."""
    toks = [t for t in head.subtree if t.i not in exclude]
    if text is not None:
        lo, hi = _line_bounds(text, head.idx)
        toks = [t for t in toks if lo < t.idx < hi]
    runs = [r for r in (_trim_tokens(r) for r in _runs(toks)) if r]
    before = [r for r in runs if r[-1].idx + len(r[-1].text) <= clause[0]]
    after = [r for r in runs if r[0].idx >= clause[1]]
    if not before or not after:
        return None
    left, right = _char_span(before[-1]), _char_span(after[0])
    if text is not None and (_has_word(text[left[1] : clause[0]]) or _has_word(text[clause[1] : right[0]])):
        return None
    return [left, right]


def _has_word(gap: str) -> bool:
    return any(ch.isalnum() for ch in gap)

