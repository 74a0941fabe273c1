"""Quotes: who said what, direct ("…," she said) and indirect (said that …).

``read_quotes(doc, article, found)`` yields one :class:`~newsledger.records.Quote`
per attribution cue found in the article:

1. quoted stretches are found from the quote marks alone
   (:mod:`~newsledger.extract.quote_marks`, every quote style, strays dropped);
2. a linear model trained on PolNeAR train scores each token as a cue head
   (:mod:`~newsledger.extract.quote_cues`);
3. the parse around each cue gives the cue, source and content spans, with
   quote marks widening the content (:mod:`~newsledger.extract.quote_spans`);
4. the speaker is resolved to an entity cluster of the article
   (:mod:`~newsledger.extract.quote_speakers`): 'he said' goes to the right
   preceding person, 'the interior ministry said' to that organisation.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from newsledger.extract.base import evidence
from newsledger.extract.quote_cues import (
    CueModel,
    QuoteContext,
    features,
    is_candidate,
    load_model,
    speech_verbs,
)
from newsledger.extract.quote_marks import MAX_QUOTE_PARAGRAPHS, QuotedStretch, find_quotes
from newsledger.extract.quote_spans import (
    SpanSet,
    Tables,
    content_head,
    content_span,
    content_subject,
    cue_tokens,
    inner_content,
    noun_span,
    split_around,
    source_head,
    subtree_indices,
    widen_to_quotes,
)
from newsledger.extract.quote_speakers import SpeakerResolver
from newsledger.records import Article, ArticleExtraction, Quote, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan, Token

# session 3: raising/passive subjects (3), fallback content (4), object before a
# complement (5), quote set off by a dash (6), unsure cues inside another
# content dropped (7), more complement prepositions (8), source children table (9),
# no leading dash or quote mark in a source (10), a name inside a modifier of the
# source ('people jailed on Okrestina street') does not name the speaker (11)
VERSION = "11"
# Used only when the trained model file is missing: lexicon verbs with a
# subject count as cues (a floor, not the shipped behaviour).
_FALLBACK_TABLES = Tables(
    {"aux|L": [3, 3], "auxpass|L": [3, 3], "neg|L": [3, 3], "prt|R": [3, 3]},
    {"ccomp": [3, 3], "gov:parataxis": [3, 3]},
)


def read_quotes(doc: "Doc", article: Article, found: ArticleExtraction) -> Iterator[Quote]:
    """Every attribution in the article, in text order."""
    text = doc.text  # built from the tokens on every access: read it once
    model = load_model()
    extractor = f"quotes@{VERSION}.{model.version if model else 'lexicon'}"
    tables = model.tables if model else _FALLBACK_TABLES
    stretches = find_quotes(text)
    ctx = QuoteContext(text, stretches)
    resolver = SpeakerResolver(doc, found.entities)
    scored = []
    for cue, p in scored_cues(doc, ctx, model):
        spans = attribution(cue, tables, ctx)
        if spans is None and model is not None and p >= FALLBACK_MIN_PROB:
            spans = fallback_attribution(cue, tables, ctx)
        if spans is not None:
            scored.append((spans, p))
    found_spans = _outside_other_contents(scored, {(q.start, q.end) for q in stretches})
    found_spans.extend(dash_attributions(doc, text, stretches))
    cues = {s.cue for s in found_spans}
    found_spans.extend(s for s in colon_attributions(doc, text) if s.cue not in cues)
    for spans in sorted(found_spans, key=lambda s: s.cue):
        quote = _record(doc, text, article, spans, stretches, resolver, extractor)
        if quote is not None:
            yield quote


# PolNeAR never puts a gold cue inside another attribution's content (0 of
# 10,036 cues in 400 train articles), so a cue found inside another cue's
# content is dropped unless the model is this sure of it or its content is one
# whole quote. Train hold-out: nested cues were gold 31 times in 98. Exact F1
# source / cue / content with no such filter 0.6847 / 0.6260 / 0.5008; nested
# cues kept from p >= 0.45: 0.6889 / 0.6297 / 0.5044, 0.6: 0.6909 / 0.6308 /
# 0.5041, 0.75: 0.6894 / 0.6286 / 0.5031; 0.6 and the whole-quote exception
# (shipped): 0.6898 / 0.6305 / 0.5043.
NESTED_MIN_PROB = 0.6


def _outside_other_contents(
    scored: list[tuple[SpanSet, float]], quotes: set[tuple[int, int]]
) -> list[SpanSet]:
    """Attributions whose cue lies in no other attribution's content, plus the
    nested ones the model scores at least NESTED_MIN_PROB or whose content is
    one whole quote ('"…," he said, according to Belta')."""
    pieces = [(a, b, i) for i, (spans, _) in enumerate(scored) for a, b in spans.content]
    kept = []
    for i, (spans, p) in enumerate(scored):
        start, end = spans.cue
        nested = any(j != i and a <= start and end <= b for a, b, j in pieces)
        if not nested or p >= NESTED_MIN_PROB or all(c in quotes for c in spans.content):
            kept.append(spans)
    return kept


# '"…" ― Sonya Herridge': a quote signed with a dash and a name on its line
# (vox-pop lists, epigraphs). At most this many words in the name.
DASH_NAME_MAX_WORDS = 6
_DASH_SIGNATURE = re.compile(r"[ \t]*([―—–]|--)[ \t]*([A-Z][^\n]{0,80}?)[ \t.]*(?=\n|$)")
# ... or on the line after a quote that ends its paragraph ('"…"\n\n- Sanders.'),
# where a plain hyphen opening the line signs too; the name stops at a comma
# ('-President Obama, tweeting after the speech').
_NEXT_LINE_SIGNATURE = re.compile(
    r"[ \t]*\n\s*([―—–]|--|-)[ \t]*([A-Z][^\n,]{0,80}?)[ \t.]*(?=[\n,]|$)"
)


def dash_attributions(doc: "Doc", text: str, stretches: list[QuotedStretch]) -> Iterator[SpanSet]:
    """Quotes attributed by a dash and a name right after the closing mark."""
    for q in stretches:
        m = _DASH_SIGNATURE.match(text, q.end) or _NEXT_LINE_SIGNATURE.match(text, q.end)
        if m is None or len(m.group(2).split()) > DASH_NAME_MAX_WORDS:
            continue
        # 'expand': '-President' may be one token; the span itself is the regex's
        name = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        if name is None or len(name) == 0:
            continue
        yield SpanSet((m.start(1), m.end(1)), (m.start(2), m.end(2)), name.root.i, ((q.start, q.end),))


# 'Clinton: I support D.C. statehood.' / 'TRUMP: The deaths of…': a line opened
# by a speaker's name and a colon (headlines, transcripts). The name is at most
# five capitalised words and must hold a PERSON or ORG entity, or be one
# all-caps word (transcript style) that is not a label ('UPDATE:'). On PolNeAR
# train this shape matched 73 lines, 55 of them gold cues.
COLON_MIN_CONTENT_WORDS = 3
_COLON_LINE = re.compile(
    r"^[ \t]*((?:[A-Z][\w.'’@-]*)(?:[ \t]+(?:[A-Z][\w.'’@-]*|of|de|van|von)){0,4})"
    r"[ \t]*(:)[ \t]+(\S[^\n]*)$",
    re.M,
)
_COLON_LABELS = frozenset(
    {"UPDATE", "EXCLUSIVE", "BREAKING", "BOOM", "WATCH", "NOTE", "CORRECTION", "RELATED", "VIDEO",
     "PHOTO", "SOURCE", "WOW", "LIVE", "ALERT", "CLAIM", "FACT", "LOOK", "BUSTED", "READ", "MORE"}
)


def colon_attributions(doc: "Doc", text: str) -> Iterator[SpanSet]:
    """Lines of the shape 'Name: what they said'."""
    if ":" not in text:
        return
    for m in _COLON_LINE.finditer(text):
        if len(m.group(3).split()) < COLON_MIN_CONTENT_WORDS:
            continue
        name = doc.char_span(m.start(1), m.end(1), alignment_mode="contract")
        if name is None or len(name) == 0 or not _speaker_label(name, m.group(1)):
            continue
        end = m.end(3)
        while end > m.start(3) and (text[end - 1].isspace() or text[end - 1] == "."):
            end -= 1  # the line's full stop is not content; a closing quote mark is
        if end <= m.start(3):
            continue
        source = (name.start_char, name.end_char)
        yield SpanSet((m.start(2), m.end(2)), source, name.root.i, ((m.start(3), end),))


def _speaker_label(name: "SpacySpan", words: str) -> bool:
    if any(t.ent_type_ in ("PERSON", "ORG") for t in name):
        return True
    return words.isupper() and len(words) >= 3 and " " not in words and words not in _COLON_LABELS


def find_cues(doc: "Doc", ctx: QuoteContext, model: CueModel | None) -> list["Token"]:
    """Cue head tokens in document order."""
    return [tok for tok, _ in scored_cues(doc, ctx, model)]


def scored_cues(doc: "Doc", ctx: QuoteContext, model: CueModel | None) -> list[tuple["Token", float]]:
    """Cue head tokens in document order with the model's probability (1.0
    for lexicon cues when there is no model)."""
    cues = []
    for tok in doc:
        if not is_candidate(tok):
            continue
        if model is None:
            if tok.pos_ == "VERB" and tok.lemma_.lower() in speech_verbs():
                cues.append((tok, 1.0))
            continue
        p = model.probability(features(tok, *ctx.of(tok)))
        if p >= model.threshold or _quoting_verb(tok, ctx):
            cues.append((tok, p))
    return cues


def _quoting_verb(tok: "Token", ctx: QuoteContext) -> bool:
    """A speech verb with a subject whose own clause holds a quotation
    ('dismissed the demonstrators as "sheep"'): a cue even when the model,
    trained on PolNeAR's attribution-heavy politics, scores the lemma low."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in speech_verbs():
        return False
    if not any(c.dep_ == "nsubj" for c in tok.children):
        return False
    if ctx.inside(tok.idx) is not None:
        return False
    for child in tok.children:
        if child.dep_ in ("dobj", "prep", "ccomp", "oprd") and any(
            ctx.inside(t.idx) is not None for t in child.subtree
        ):
            return True
    return False


def attribution(cue: "Token", tables: Tables, ctx: QuoteContext) -> SpanSet | None:
    """The cue, source and content spans around one cue head, or None without content."""
    cue_toks = _with_content_preposition(cue, cue_tokens(cue, tables), tables)
    cue_span = (cue_toks[0].idx, cue_toks[-1].idx + len(cue_toks[-1].text))
    if ctx.text[cue_span[1] : cue_span[1] + 1] == ":":
        # 'tweeted:': the gold keeps a colon that touches the cue (368 of 386 in train)
        cue_span = (cue_span[0], cue_span[1] + 1)
    subj = content_subject(cue, tables)
    found = _subject_attribution(cue, cue_toks, cue_span, subj, tables, ctx) if subj is not None else None
    if found is not None:
        return found
    src = source_head(cue)
    src_span = noun_span(src, cue, ctx.text, tables) if src is not None else None
    if src is None:
        src, src_span = _name_after_quote(cue_toks[0], ctx) or (None, None)
    pieces = _content(cue, cue_toks, src, src_span, tables, ctx)
    if not pieces:
        return None
    return SpanSet(cue_span, src_span, src.i if src is not None else None, pieces)


def _subject_attribution(
    cue: "Token",
    cue_toks: list["Token"],
    cue_span: tuple[int, int],
    subj: "Token",
    tables: Tables,
    ctx: QuoteContext,
) -> SpanSet | None:
    """'Trump seems to be …', 'Sanders is expected to win': the subject opens
    the content (a fragment before the cue) and the source is the passive's
    agent, if any ('was criticized by X'), else none."""
    agent = source_head(cue) if any(c.dep_ == "agent" for c in cue.children) else None
    src_span = noun_span(agent, cue, ctx.text, tables) if agent is not None else None
    subject = widen_to_quotes(noun_span(subj, cue, ctx.text), ctx.quotes)
    if subject[1] > cue_span[0]:
        return None
    rest = [p for p in _content(cue, cue_toks, subj, None, tables, ctx) if p[0] >= cue_span[1]]
    if not rest:
        return None  # 'he was criticized': no complement, read as usual
    pieces = [subject, *rest]
    return SpanSet(cue_span, src_span, agent.i if agent is not None else None, tuple(pieces))


# A cue the model is this sure of keeps its attribution even when the tables
# name no content: its first complement right of the cue is taken instead.
# On the train hold-out (every 10th article), cues left without content at
# p >= 0.6 were gold cue heads 47 times in 77 (0.45-0.6: 22 in 39). Exact F1
# source / cue / content without the fallback 0.6823 / 0.6246 / 0.4959; with
# it at 0.45: 0.6830 / 0.6232 / 0.4923, 0.6: 0.6841 / 0.6260 / 0.4942,
# 0.8: 0.6847 / 0.6260 / 0.4953 (kept: a small gain for source and cue).
FALLBACK_MIN_PROB = 0.8
FALLBACK_DEPS = ("ccomp", "dobj", "xcomp", "prep", "oprd", "acomp", "attr", "advcl", "dative")


def fallback_attribution(cue: "Token", tables: Tables, ctx: QuoteContext) -> SpanSet | None:
    """The cue with its first complement to the right as content."""
    cue_toks = cue_tokens(cue, tables)
    in_cue = {t.i for t in cue_toks}
    cue_span = (cue_toks[0].idx, cue_toks[-1].idx + len(cue_toks[-1].text))
    for child in sorted(cue.children, key=lambda t: t.i):
        if child.i <= cue.i or child.dep_ not in FALLBACK_DEPS:
            continue
        head = inner_content(child) if child.i in in_cue else child
        if head is None:
            continue
        span = content_span(head, False, in_cue, ctx.text)
        if span is None or span[0] < cue_span[1]:
            continue
        src = source_head(cue)
        src_span = noun_span(src, cue, ctx.text, tables) if src is not None else None
        if src_span is not None and src_span[0] < span[1] and span[0] < src_span[1]:
            return None
        content = (widen_to_quotes(span, ctx.quotes),)
        return SpanSet(cue_span, src_span, src.i if src is not None else None, content)
    return None


def _with_content_preposition(cue: "Token", cue_toks: list["Token"], tables: Tables) -> list["Token"]:
    """'talks about X': when the content would start with a preposition right
    after the cue, the preposition joins the cue and its object is the content
    (PolNeAR train: preposition in the cue 1,338 times, in the content 187)."""
    found = content_head(cue, cue_toks, tables)
    if found is None or found[1]:
        return cue_toks
    prep = found[0]
    touches = prep.head.i == cue.i and prep.i == cue_toks[-1].i + 1
    if prep.dep_ != "prep" or not touches or inner_content(prep) is None:
        return cue_toks
    return [*cue_toks, prep]


# Longest name (with its appositive) between a closing quote mark and the cue.
NAME_GAP_MAX_TOKENS = 15


def _name_after_quote(first: "Token", ctx: QuoteContext) -> tuple["Token", tuple[int, int]] | None:
    """'"…," Gene Sperling, a top Clinton adviser, said': the small parser often
    hangs the name inside the quoted clause, leaving the cue without a subject.
    The head of the noun phrase filling the gap between the closing mark and
    the cue (same line) is then the source."""
    doc = first.doc
    i = first.i - 1
    while i >= 0 and first.i - i <= NAME_GAP_MAX_TOKENS and ctx.inside(doc[i].idx) is None:
        if "\n" in doc[i].text:
            return None
        i -= 1
    if i < 0 or first.i - i > NAME_GAP_MAX_TOKENS:
        return None
    gap = [t for t in doc[i + 1 : first.i] if not t.is_punct and not t.is_space]
    if not gap or not gap[0].text[:1].isupper() or any(t.pos_ in ("VERB", "AUX") for t in gap):
        return None
    inside = {t.i for t in gap}
    roots = [t for t in gap if t.head.i not in inside or t.head.i == t.i]
    head = roots[0] if roots else gap[-1]
    if head.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    end = gap[-1].idx + len(gap[-1].text)
    if "," in ctx.text[gap[0].idx : end] and ctx.text[end : end + 1] == ",":
        end += 1  # the comma closing an appositive belongs to the source (gold convention)
    return head, (gap[0].idx, end)


def _content(
    cue: "Token",
    cue_toks: list["Token"],
    src: "Token | None",
    src_span: tuple[int, int] | None,
    tables: Tables,
    ctx: QuoteContext,
) -> tuple[tuple[int, int], ...]:
    found = content_head(cue, cue_toks, tables)
    clause = _clause(cue_toks, src_span)
    if found is not None:
        split = split_around(found[0], _excluded(cue, cue_toks, src, found[1]), clause, ctx.text)
        if split is not None:
            pieces = [widen_to_quotes(p, ctx.quotes) for p in split]
            if all(p[1] <= clause[0] or p[0] >= clause[1] for p in pieces):
                return tuple(_clip_paragraphs(p, ctx.text) for p in pieces)
    span = _content_from(found, cue, cue_toks, src, ctx)
    if span is None:
        near = _adjacent_stretch(clause, ctx)
        return ((near.start, near.end),) if near else ()
    span = _quote_after_break(widen_to_quotes(span, ctx.quotes), clause, ctx)
    if span[0] < clause[1] and clause[0] < span[1]:
        return ()  # content tangled with its own cue: a parse error, skip
    pieces = [span]
    after = _stretch_after(clause, ctx)
    if (
        span[1] <= clause[0]
        and src_span is not None
        and after is not None
        and after.start >= clause[1]
        and _punctuation_before(ctx.text[clause[1] : after.start])
        and ("." not in ctx.text[clause[1] : after.start] or _bare(after, ctx))
    ):
        pieces.append((after.start, after.end))  # '"A," he said, "B."'
    elif span[1] <= clause[0] and src_span is not None and any((q.start, q.end) == span for q in ctx.quotes):
        nxt = _bare_quote_after_sentence(cue, ctx)
        if nxt is not None:
            pieces.append((nxt.start, nxt.end))  # '"A," said X, a historian. "B."'
    return tuple(_clip_paragraphs(p, ctx.text) for p in pieces)


def _quote_after_break(span: tuple[int, int], clause: tuple[int, int], ctx: QuoteContext) -> tuple[int, int]:
    """'Mr. Biden hinted at X - "He would have loved Stalin," he said': content
    that ends with a quote right before its cue starts at that quote when a
    dash, a colon or a line break sets the quote off from the words before."""
    if span[1] > clause[0]:
        return span
    q = next((q for q in reversed(ctx.quotes) if q.end <= clause[0] and q.end >= span[1] - 1), None)
    if q is None or q.start <= span[0] or q.start >= span[1]:
        return span
    before = ctx.text[span[0] : q.start].rstrip(" \t")
    if before.endswith(("-", "—", "–", ":")) or "\n" in ctx.text[span[0] : q.start]:
        return q.start, span[1]
    return span


def _bare_quote_after_sentence(cue: "Token", ctx: QuoteContext) -> QuotedStretch | None:
    """A quoted stretch that opens the sentence after the cue's, on the same line,
    and ends its line with no cue of its own ('"B," she added' is not bare)."""
    end = cue.sent.end_char
    rest = ctx.text[end : end + 3]
    start = end + len(rest) - len(rest.lstrip(" \t"))
    q = ctx.inside(start)
    return q if q is not None and q.start == start and _bare(q, ctx) else None


def _bare(q: QuotedStretch, ctx: QuoteContext) -> bool:
    """Nothing but punctuation follows the quote on its line (no cue of its own)."""
    line_end = ctx.text.find("\n", q.end)
    tail = ctx.text[q.end : line_end if line_end >= 0 else len(ctx.text)]
    return not any(ch.isalnum() for ch in tail)


def _punctuation_before(gap: str) -> bool:
    """', "B."' continues a quote; 'told "Fox News"' and 'said on "Meet the
    Press"' name a show, not a second quote."""
    gap = gap.strip()
    return bool(gap) and not gap[-1].isalnum()


def _content_from(
    found: tuple["Token", bool] | None,
    cue: "Token",
    cue_toks: list["Token"],
    src: "Token | None",
    ctx: QuoteContext,
) -> tuple[int, int] | None:
    if found is None:
        return None
    head, is_governor = found
    return content_span(head, is_governor, _excluded(cue, cue_toks, src, is_governor), ctx.text)


def _excluded(cue: "Token", cue_toks: list["Token"], src: "Token | None", is_governor: bool) -> set[int]:
    """Tokens never in the content: the cue (with its clause, for a governor) and the source."""
    exclude = {t.i for t in cue_toks} | subtree_indices(cue) if is_governor else {t.i for t in cue_toks}
    if src is not None:
        exclude |= subtree_indices(src)
    return exclude


def _clip_paragraphs(span: tuple[int, int], text: str) -> tuple[int, int]:
    """Cut content after MAX_QUOTE_PARAGRAPHS paragraphs: a parse that runs
    unpunctuated paragraphs into one sentence must not swallow the article."""
    start, end = span
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text, start, end)]
    if len(breaks) < MAX_QUOTE_PARAGRAPHS:
        return span
    cut = breaks[MAX_QUOTE_PARAGRAPHS - 1]
    return start, len(text[start:cut].rstrip()) + start


# A paragraph ends at a line break followed by more text (quote_marks' definition).
_PARAGRAPH_BREAK = re.compile(r"\n\s*(?=\S)")


def _clause(cue_toks: list["Token"], src_span: tuple[int, int] | None) -> tuple[int, int]:
    start, end = cue_toks[0].idx, cue_toks[-1].idx + len(cue_toks[-1].text)
    if src_span is not None:
        start, end = min(start, src_span[0]), max(end, src_span[1])
    return start, end


def _adjacent_stretch(clause: tuple[int, int], ctx: QuoteContext) -> QuotedStretch | None:
    after = _stretch_after(clause, ctx)
    if after is not None:
        return after
    if ctx.ends_before(clause[0]):
        before = [q for q in ctx.quotes if q.end <= clause[0]]
        return before[-1] if before else None
    return None


def _stretch_after(clause: tuple[int, int], ctx: QuoteContext) -> QuotedStretch | None:
    if not ctx.starts_after(clause[1]):
        return None
    return next((q for q in ctx.quotes if q.start >= clause[1]), None)


def _record(
    doc: "Doc",
    text: str,
    article: Article,
    spans: SpanSet,
    stretches: list[QuotedStretch],
    resolver: SpeakerResolver,
    extractor: str,
) -> Quote | None:
    pieces = spans.content
    first, last = pieces[0][0], pieces[-1][1]
    if first >= last:
        return None
    bounds = [spans.cue, *pieces] + ([spans.source] if spans.source else [])
    start, end = min(b[0] for b in bounds), max(b[1] for b in bounds)
    speaker = resolver.resolve(spans.source, spans.source_head, spans.cue[0])
    return Quote(
        evidence=evidence(doc, article, start, end, extractor),
        kind=_kind(pieces, stretches),
        content=Span(first, last),
        content_text=text[first:last],
        cue=Span(*spans.cue),
        cue_text=text[spans.cue[0] : spans.cue[1]],
        speaker=Span(*spans.source) if spans.source else None,
        speaker_text=text[spans.source[0] : spans.source[1]] if spans.source else None,
        speaker_cluster=speaker.cluster,
        speaker_name=speaker.name,
        content_parts=tuple(Span(a, b) for a, b in pieces) if len(pieces) > 1 else (),
    )


def _kind(pieces: tuple[tuple[int, int], ...], stretches: list[QuotedStretch]) -> str:
    """direct: every piece is a quoted stretch; mixed: quotes inside; else indirect."""
    exact = {(q.start, q.end) for q in stretches}
    if all(p in exact for p in pieces):
        return "direct"
    if any(q.start < b and a < q.end for a, b in pieces for q in stretches):
        return "mixed"
    return "indirect"


__all__ = ["read_quotes", "find_cues", "attribution"]
