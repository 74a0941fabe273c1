"""Cue detection: which tokens head an attribution cue ('said', 'according to', ':').

A linear model (logistic regression, trained by :mod:`newsledger.extract.quote_train`
on PolNeAR train) scores each candidate token from sparse features of the parse
around it. The model ships as a small JSON file of feature weights
(``data/quote_cues.json``), so loading needs neither pickle nor scikit-learn.
A plain lexicon of speech verbs (``data/speech_verbs.txt``) is one feature among
others and the fallback when the model file is missing.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Iterable

from newsledger.extract.quote_marks import QuotedStretch
from newsledger.extract.quote_spans import Tables

if TYPE_CHECKING:
    from spacy.tokens import Token

MODEL_FILE = "quote_cues.json"
LEXICON_FILE = "speech_verbs.txt"

# Parts of speech that can head a cue in PolNeAR train (verbs, nominal cues such
# as 'statement', 'according', colons and dashes); others are never scored.
CANDIDATE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ", "ADP", "PUNCT"})


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    text = resources.files("newsledger.data").joinpath(LEXICON_FILE).read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def is_candidate(tok: "Token") -> bool:
    if tok.pos_ == "PUNCT":
        return tok.text in (":", "―", "—", "-")
    return tok.pos_ in CANDIDATE_POS


def features(tok: "Token", in_quote: bool, quote_before: bool, quote_after: bool) -> list[str]:
    """Sparse binary features of one candidate token.

    ``in_quote``: the token lies inside quote marks; ``quote_before`` /
    ``quote_after``: a quoted stretch ends just before / starts just after the
    token's clause (the '"…," he said' and 'he said: "…"' shapes).
    """
    lemma = tok.lemma_.lower()
    head = tok.head
    lex = lemma in speech_verbs()
    child_deps = sorted({c.dep_ for c in tok.children})
    nxt = tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else "<end>"
    prev = tok.nbor(-1).lower_ if tok.i > 0 else "<start>"
    f = [
        "bias",
        f"lemma={lemma}",
        f"pos={tok.pos_}",
        f"tag={tok.tag_}",
        f"dep={tok.dep_}",
        f"pos_dep={tok.pos_}_{tok.dep_}",
        f"lemma_dep={lemma}_{tok.dep_}",
        f"lemma_tag={lemma}_{tok.tag_}",
        f"next={nxt}",
        f"prev={prev}",
        f"lemma_next={lemma}_{nxt}",
        f"head_pos={head.pos_}",
        f"head_lemma_dep={head.lemma_.lower()}_{tok.dep_}",
        f"lex={lex}",
        f"lex_pos={lex}_{tok.pos_}",
        f"in_quote={in_quote}",
        f"quote_before={quote_before}",
        f"quote_after={quote_after}",
        f"lex_quote={lex}_{quote_before}_{quote_after}_{in_quote}",
    ]
    f.extend(f"child={d}" for d in child_deps)
    f.extend(f"lemma_child={lemma}_{d}" for d in child_deps if d in _INFORMATIVE_CHILDREN)
    f.extend(f"lex_child={lex}_{d}" for d in child_deps if d in _INFORMATIVE_CHILDREN)
    f.extend(_context_features(tok, lemma, nxt, prev, in_quote, quote_before, quote_after))
    return f


def _context_features(
    tok: "Token", lemma: str, nxt: str, prev: str, in_quote: bool, quote_before: bool, quote_after: bool
) -> Iterable[str]:
    """Who the subject is, what the complement looks like, the words around."""
    doc = tok.doc
    nxt2 = doc[tok.i + 2].lower_ if tok.i + 2 < len(doc) else "<end>"
    prev2 = doc[tok.i - 2].lower_ if tok.i > 1 else "<start>"
    yield f"prev2={prev2}_{prev}"
    yield f"next2={nxt}_{nxt2}"
    yield f"dep_headdep={tok.dep_}_{tok.head.dep_}"
    yield f"lemma_quote={lemma}_{quote_before}_{quote_after}_{in_quote}"
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            yield f"subj_ent={c.ent_type_ or c.pos_}"
            yield f"lemma_subj_ent={lemma}_{c.ent_type_ or c.pos_}"
            if c.pos_ == "PRON":
                yield f"subj_pron={c.lower_}"
        elif c.dep_ == "ccomp":
            marks = [g.lower_ for g in c.children if g.dep_ == "mark"]
            yield f"ccomp_mark={marks[0] if marks else '-'}"
            yield f"ccomp_subj={any(g.dep_ in ('nsubj', 'nsubjpass') for g in c.children)}"
        elif c.dep_ == "xcomp":
            yield f"lemma_xcomp={lemma}_{c.lemma_.lower()}"
        elif c.dep_ in ("prep", "prt", "acomp"):
            yield f"lemma_{c.dep_}={lemma}_{c.lower_}"
        elif c.dep_ == "dobj":
            yield f"lemma_dobj={lemma}_{c.lemma_.lower()}"


# How close (in characters, same line) a quoted stretch must end before / start
# after a token for the '"…," he said' / 'he said: "…"' features; 30 covers
# 'said Maxim Dovzhenko' and 'told reporters on Friday:' in PolNeAR train.
QUOTE_NEAR_CHARS = 30


class QuoteContext:
    """Where quoted stretches lie, for per-token quote features."""

    def __init__(self, text: str, quotes: list[QuotedStretch]) -> None:
        self.text = text
        self.quotes = quotes
        self._starts = [q.start for q in quotes]
        self._ends = sorted(q.end for q in quotes)

    def inside(self, char: int) -> QuotedStretch | None:
        i = bisect_right(self._starts, char) - 1
        if i >= 0 and self.quotes[i].start <= char < self.quotes[i].end:
            return self.quotes[i]
        return None

    def ends_before(self, char: int) -> bool:
        i = bisect_right(self._ends, char) - 1
        if i < 0 or char - self._ends[i] > QUOTE_NEAR_CHARS:
            return False
        return "\n" not in self.text[self._ends[i] : char]

    def starts_after(self, char: int) -> bool:
        i = bisect_left(self._starts, char)
        if i >= len(self._starts) or self._starts[i] - char > QUOTE_NEAR_CHARS:
            return False
        gap = self.text[char : self._starts[i]]
        return "\n" not in gap or gap.strip() in ("", ":")

    def of(self, tok: "Token") -> tuple[bool, bool, bool]:
        end = tok.idx + len(tok.text)
        return self.inside(tok.idx) is not None, self.ends_before(tok.idx), self.starts_after(end)


_INFORMATIVE_CHILDREN = frozenset(
    {"nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "prep", "agent", "dative", "punct", "advcl", "poss", "pobj"}
)


@dataclass(frozen=True)
class CueModel:
    weights: dict[str, float]
    threshold: float
    version: str
    tables: Tables

    def probability(self, feats: Iterable[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


@lru_cache(maxsize=1)
def load_model() -> CueModel | None:
    """The shipped cue model, or None when it has not been built."""
    path = resources.files("newsledger.data").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    t = data["tables"]
    tables = Tables(
        t["cue_children"], t["content_children"], t.get("subject_content", {}), t.get("source_children", {})
    )
    return CueModel(data["weights"], float(data["threshold"]), str(data.get("version", "0")), tables)
