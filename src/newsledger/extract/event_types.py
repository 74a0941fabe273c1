"""Event typing: classify a snippet or sentence into the event ontology.

A linear model (multinomial logistic regression) over three feature blocks:

1. TF-IDF of character 3- to 5-grams inside word boundaries (session 1's models:
   word uni- and bigrams; a model file says which);
2. cue-group features from data/event_lexicons.json (weapon words, protest,
   police intervention, lethal force, violent demonstrators, mobs ...), their
   pairwise conjunctions (protest AND lethal, protest AND disperse ...), and,
   when a parse is given, who-acts-on-whom features (protesters as the subject
   of violent verbs vs as the object of force verbs; state vs non-state
   attackers; civilians vs armed targets);
3. optionally, all-MiniLM-L6-v2 sentence embeddings (extract/minilm.py) when the
   weights are installed; the shipped model file says whether it uses them.

The model is trained by ``python -m newsledger.extract.training.event_types``
from the hand-written examples in data/event_examples.tsv, the type
definitions of data/ontology.json and (optionally) the CASE 2021 dev split.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import combinations
from typing import TYPE_CHECKING, Iterable, Sequence

import numpy as np
from scipy.sparse import csr_matrix, hstack

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token as SpacyToken

VERSION = "1.2"  # session 3: MiniLM model with balanced class weights (1.1), hand-written rows x3 (1.2)
EXTRACTOR = f"event_types@{VERSION}"
MODEL_FILE = "event_types_model.npz"
MODEL_FILE_LEXICAL = "event_types_model_lexical.npz"

# Relative weights of the feature blocks before the linear model. Calibrated by
# 5-fold CV on CASE 2021 dev (C=3). Session 1, word TF-IDF, seed 0, weighted F1:
# tfidf/cues/embed 1/0.3/1 0.780; 1.5/0.3/1 0.767; 1/0.2/1 0.771. Session 2,
# character TF-IDF, mean over fold seeds 0/1/2: MiniLM model cues 0.3 0.787,
# 0.2 0.796, 0.15 0.796, tfidf 1.5 0.793, tfidf 1.5 + cues 0.2 0.788, C=10 0.786;
# lexical model cues 0.3 0.724, 0.2 0.742. Differences under ~1 point are
# within fold noise.
WEIGHT_TFIDF = 1.0
WEIGHT_CUES = 0.2
WEIGHT_EMBED = 1.0

# What the TF-IDF block counts. 5-fold CV on CASE dev, mean weighted F1 over fold
# seeds 0/1/2: MiniLM model, word 1-2-grams 0.773, char_wb 3-5 0.787, 2-5 0.785,
# 3-6 0.787, word + char 0.783; lexical model, word 0.704, char_wb 3-5 0.724,
# word + char 0.715. Character n-grams share evidence across inflections and
# compounds (shelled/shelling, car-bomb/carbomb) that 900 training rows rarely repeat.
TFIDF_ANALYZER = "char_wb"
TFIDF_NGRAMS = (3, 5)

# Cue groups whose pairwise conjunctions are features (the hard distinctions are
# conjunctions: a protest with lethal force is not a protest with dispersal).
CONJUNCTION_GROUPS = (
    "protest", "protester", "security", "disperse", "detain", "lethal", "injured", "riot",
    "mob", "clash", "nonstate", "civilians", "kill", "shoot", "take", "withdraw", "gain_gov",
    "weapons", "weapons_seized", "property", "agreement", "change", "hq", "claim", "ied",
)

# Who-acts-on-whom features from the parse: verb lemma sets, and word patterns
# that say whether an argument (its whole subtree) is protesters, state forces,
# a non-state armed group, or a place/position.
_VIOLENT_VERBS = frozenset(
    "throw hurl clash attack torch burn storm smash loot vandalise vandalize set block fight pelt riot".split()
)
_FORCE_VERBS = frozenset(
    "fire shoot kill disperse beat detain arrest use open break suppress wound injure".split()
)
_ATTACK_VERBS = _FORCE_VERBS | frozenset("attack storm raid ambush target charge hit".split())
_TAKE_VERBS = frozenset(
    "capture seize recapture retake regain liberate take free occupy recover control clear advance "
    "overrun enter win push".split()
)
_PROTESTERS = re.compile(r"\b(protesters?|demonstrators?|rioters?|crowds?|marchers?|rally|protest)", re.I)
_STATE = re.compile(
    r"\b(army|troops|soldiers|government|military|security forces|police|forces loyal|state forces|"
    r"armed forces|national guard|gendarm|regime|syrian forces|iraqi forces|afghan forces)", re.I
)
_NONSTATE = re.compile(
    r"\b(militants?|rebels?|insurgents?|gunmen|gunman|terrorists?|fighters|jihadists?|bandits|militia|"
    r"islamic state|isis|isil|daesh|taliban|al-shabaa?b|boko haram|houthis?|attackers|assailants|"
    r"al-qaeda|separatists?|extremists?|group)", re.I
)
_CIVILIANS = re.compile(
    r"\b(civilians?|villagers?|village|residents|passengers|worshippers|students|farmers|women|children|"
    r"families|journalists?|school|church|mosque|market|bus|homes?|people)", re.I
)


def _args(tok: "SpacyToken") -> tuple[str, str]:
    """(subject text, object text) of a verb: nsubj/agent vs dobj/nsubjpass/'on X'."""
    subj, obj = [], []
    for c in tok.children:
        if c.dep_ == "nsubj":
            subj.append(c)
        elif c.dep_ == "agent":
            subj.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ in ("dobj", "nsubjpass"):
            obj.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("on", "at", "into", "against", "from"):
            obj.extend(g for g in c.children if g.dep_ == "pobj")
    if not subj and tok.dep_ in ("xcomp", "conj", "advcl") and tok.head.i != tok.i:
        subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
    text = lambda toks: " ".join(t.doc[t.left_edge.i : t.right_edge.i + 1].text for t in toks)  # noqa: E731
    return text(subj), text(obj)


PARSE_FEATURES = (
    "protester_subj_violent",
    "protester_obj_force",
    "state_subj_force",
    "nonstate_subj_attack",
    "armed_obj_attack",
    "civilian_obj_attack",
    "state_subj_take",
    "nonstate_subj_take",
)


def _parse_cues(span: "SpacySpan") -> dict[str, float]:
    out = dict.fromkeys(PARSE_FEATURES, 0.0)
    for tok in span:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        lemma = tok.lemma_.lower()
        if lemma not in _VIOLENT_VERBS and lemma not in _ATTACK_VERBS and lemma not in _TAKE_VERBS:
            continue
        subj, obj = _args(tok)
        subj_state = bool(_STATE.search(subj)) and not _NONSTATE.search(subj)
        subj_nonstate = bool(_NONSTATE.search(subj))
        if lemma in _VIOLENT_VERBS and _PROTESTERS.search(subj):
            out["protester_subj_violent"] = 1.0
        if lemma in _FORCE_VERBS and _PROTESTERS.search(obj):
            out["protester_obj_force"] = 1.0
        if lemma in _FORCE_VERBS and subj_state:
            out["state_subj_force"] = 1.0
        if lemma in _ATTACK_VERBS and subj_nonstate:
            out["nonstate_subj_attack"] = 1.0
        if lemma in _ATTACK_VERBS and (_STATE.search(obj) or re.search(r"\b(base|post|checkpoint|camp|convoy|positions?)\b", obj, re.I)):
            out["armed_obj_attack"] = 1.0
        if lemma in _ATTACK_VERBS and _CIVILIANS.search(obj) and not _STATE.search(obj):
            out["civilian_obj_attack"] = 1.0
        if lemma in _TAKE_VERBS and subj_state:
            out["state_subj_take"] = 1.0
        if lemma in _TAKE_VERBS and subj_nonstate:
            out["nonstate_subj_take"] = 1.0
    return out


@lru_cache(maxsize=1)
def cue_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    raw = json.loads(resources.files("newsledger.data").joinpath("event_lexicons.json").read_text("utf-8"))
    return tuple(
        # matched against lower-cased text: faster than re.IGNORECASE
        (name, re.compile(r"\b(?:" + "|".join(p.lower() for p in pats) + ")"))
        for name, pats in raw.items()
        if not name.startswith("_")
    )


def cue_names() -> list[str]:
    names = [n for n, _ in cue_patterns()]
    names += [f"{a}&{b}" for a, b in combinations(CONJUNCTION_GROUPS, 2)]
    names += list(PARSE_FEATURES)
    return names


def cue_features(texts: Sequence[str], spans: Sequence["SpacySpan"] | None = None) -> np.ndarray:
    """Binary cue-group, conjunction and parse features, one row per text."""
    patterns = cue_patterns()
    index = {n: i for i, (n, _) in enumerate(patterns)}
    pairs = list(combinations(CONJUNCTION_GROUPS, 2))
    width = len(patterns) + len(pairs) + len(PARSE_FEATURES)
    out = np.zeros((len(texts), width), dtype=np.float32)
    left = np.array([index[a] for a, _ in pairs], dtype=np.int64)
    right = np.array([index[b] for _, b in pairs], dtype=np.int64)
    for row, text in enumerate(texts):
        text = text.lower()
        hit = np.array([1.0 if pat.search(text) else 0.0 for _, pat in patterns], dtype=np.float32)
        out[row, : len(hit)] = hit
        out[row, len(patterns) : len(patterns) + len(pairs)] = hit[left] * hit[right]
        if spans is not None:
            parsed = _parse_cues(spans[row])
            base = len(patterns) + len(pairs)
            for j, name in enumerate(PARSE_FEATURES):
                out[row, base + j] = parsed[name]
    return out


# --------------------------------------------------------------------------- #
# The model
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class Prediction:
    code: str
    confidence: float  # softmax probability of the chosen code among allowed ones


@dataclass
class TypingModel:
    classes: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # (n_classes, n_features)
    intercept: np.ndarray
    uses_embeddings: bool
    uses_parse: bool
    version: str = VERSION
    analyzer: str = "word"  # TF-IDF analyzer and n-gram range the vocabulary was built with
    ngram_range: tuple[int, int] = (1, 2)

    # -- features -------------------------------------------------------- #
    def _tfidf(self, texts: Sequence[str]) -> csr_matrix:
        """Same output as sklearn's TfidfVectorizer(analyzer, ngram_range,
        sublinear_tf=True) fitted with this vocabulary and idf, without its
        per-call validation (which cost 8 ms a sentence inside read_events)."""
        analyze = self.__dict__.get("_analyzer")
        if analyze is None:
            from sklearn.feature_extraction.text import TfidfVectorizer

            analyze = TfidfVectorizer(analyzer=self.analyzer, ngram_range=self.ngram_range).build_analyzer()
            self.__dict__["_analyzer"] = analyze
        rows, cols, vals = [], [], []
        for r, text in enumerate(texts):
            counts: dict[int, int] = {}
            for term in analyze(text):
                j = self.vocabulary.get(term)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            if not counts:
                continue
            idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
            w = tf * self.idf[idx]
            w /= np.linalg.norm(w)
            rows.extend([r] * len(idx))
            cols.extend(idx.tolist())
            vals.extend(w.tolist())
        return csr_matrix((vals, (rows, cols)), shape=(len(texts), len(self.vocabulary)))

    def features(self, texts: Sequence[str], spans: Sequence["SpacySpan"] | None = None) -> csr_matrix:
        return build_features(
            self._tfidf(texts), texts, spans if self.uses_parse else None, self.uses_embeddings
        )

    # -- prediction ------------------------------------------------------ #
    def scores(self, texts: Sequence[str], spans: Sequence["SpacySpan"] | None = None) -> np.ndarray:
        x = self.features(texts, spans)
        return np.asarray(x @ self.coef.T) + self.intercept

    def predict(
        self,
        texts: Sequence[str],
        spans: Sequence["SpacySpan"] | None = None,
        allowed: Iterable[str] | None = None,
    ) -> list[Prediction]:
        if not texts:
            return []
        scores = self.scores(texts, spans)
        if allowed is not None:
            keep = set(allowed)
            mask = np.array([c not in keep for c in self.classes])
            scores[:, mask] = -np.inf
        scores = scores - scores.max(axis=1, keepdims=True)
        prob = np.exp(scores)
        prob /= prob.sum(axis=1, keepdims=True)
        best = prob.argmax(axis=1)
        return [Prediction(self.classes[b], float(prob[i, b])) for i, b in enumerate(best)]

    # -- persistence ----------------------------------------------------- #
    def to_bytes(self) -> bytes:
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        meta = {
            "classes": list(self.classes),
            "uses_embeddings": self.uses_embeddings,
            "uses_parse": self.uses_parse,
            "version": self.version,
            "analyzer": self.analyzer,
            "ngram_range": list(self.ngram_range),
        }
        buf = io.BytesIO()
        np.savez_compressed(
            buf,
            meta=np.array(json.dumps(meta)),
            terms=np.array("\n".join(terms)),
            idf=self.idf.astype(np.float32),
            coef=self.coef.astype(np.float16),  # halves the file; scores move < 1e-3
            intercept=self.intercept.astype(np.float32),
        )
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> "TypingModel":
        z = np.load(io.BytesIO(data), allow_pickle=False)
        meta = json.loads(str(z["meta"]))
        terms = str(z["terms"]).split("\n")
        return cls(
            classes=tuple(meta["classes"]),
            vocabulary={t: i for i, t in enumerate(terms)},
            idf=z["idf"].astype(np.float64),
            coef=z["coef"].astype(np.float32),
            intercept=z["intercept"].astype(np.float32),
            uses_embeddings=bool(meta["uses_embeddings"]),
            uses_parse=bool(meta["uses_parse"]),
            version=meta.get("version", VERSION),
            analyzer=meta.get("analyzer", "word"),
            ngram_range=tuple(meta.get("ngram_range", (1, 2))),
        )


def build_features(
    tfidf: csr_matrix,
    texts: Sequence[str],
    spans: Sequence["SpacySpan"] | None,
    use_embeddings: bool,
    embeddings: np.ndarray | None = None,
) -> csr_matrix:
    """Stack the weighted blocks: [tfidf | cues | embeddings?]."""
    blocks = [tfidf * WEIGHT_TFIDF, csr_matrix(cue_features(texts, spans) * WEIGHT_CUES)]
    if use_embeddings:
        if embeddings is None:
            from newsledger.extract import minilm

            encoder = minilm.load()
            if encoder is None:
                # model trained with embeddings but weights absent: zeros keep the
                # other blocks usable (accuracy drops; evaluate reports it).
                embeddings = np.zeros((len(texts), minilm.DIM), dtype=np.float32)
            else:
                embeddings = encoder.encode(list(texts))
        blocks.append(csr_matrix(embeddings * WEIGHT_EMBED))
    return hstack(blocks).tocsr()


@lru_cache(maxsize=2)
def load_model(prefer_embeddings: bool = True) -> TypingModel:
    """The shipped model: the embedding model when MiniLM weights are installed
    and wanted, else the lexical one (TF-IDF + cues, no embeddings)."""
    from newsledger.extract import minilm

    data_dir = resources.files("newsledger.data")
    name = MODEL_FILE if prefer_embeddings and minilm.available() else MODEL_FILE_LEXICAL
    if not data_dir.joinpath(name).is_file():
        name = MODEL_FILE_LEXICAL
    data = data_dir.joinpath(name).read_bytes()
    return TypingModel.from_bytes(data)


def classify(
    texts: Sequence[str],
    spans: Sequence["SpacySpan"] | None = None,
    allowed: Iterable[str] | None = None,
    model: TypingModel | None = None,
) -> list[Prediction]:
    """Ontology code and confidence for each snippet. ``allowed`` restricts the
    answer (e.g. to the 30 CASE 2021 labels, or to one ACLED family)."""
    return (model or load_model()).predict(list(texts), spans, allowed)


__all__ = ["EXTRACTOR", "Prediction", "TypingModel", "classify", "cue_features", "load_model"]
