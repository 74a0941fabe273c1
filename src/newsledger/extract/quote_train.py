"""Train the quote cue model on a PolNeAR-style folder (the train split).

    python -m newsledger.extract.quote_train \\
        --data ../shared/data/polnear/train --out src/newsledger/data/quote_cues.json

What it learns, all from the gold attributions of the folder it is given:

* a logistic regression over :func:`quote_cues.features` that says whether a
  token heads a cue span (positives: the syntactic head of each gold Cue span);
* its decision threshold, chosen to maximise cue-head F1 on every tenth
  article (:data:`HOLDOUT_SHARE`; files sort by outlet, so this spans all of
  them) with a model fitted on the rest; the shipped weights are then refitted
  on every article;
* three rate tables: how often each child relation of a cue head lies inside the
  gold cue span, how often each child (or the governor) is the gold content
  head, keyed by (cue lemma, relation) with a relation-only backoff, and how
  often the subject left of the cue lies inside the gold content ('Trump seems
  to be …': raising and passive cues).

Never point it at the data you will score (``newsledger evaluate polnear``
defaults to the dev split, which this never reads).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from newsledger.evaluate.polnear import GoldDoc, load_gold
from newsledger.extract.quote_cues import MODEL_FILE, QuoteContext, features, is_candidate
from newsledger.extract.quote_marks import find_quotes
from newsledger.extract.quote_spans import (
    CONTENT_DEPS,
    MIN_TABLE_COUNT,
    SUBJECT_DEPS,
    cue_child_keys,
    inner_content,
    source_child_keys,
    subject_keys,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

VERSION = "4"  # 3: subject_content table; 4: source_children table
# Share of train articles held out to pick the threshold.
HOLDOUT_SHARE = 0.1
# L2 strength. Not tuned: half sklearn's default, a mild extra smoothing for
# ~40k sparse indicator features from 840 articles.
C = 0.5
# Features seen fewer times than this in train are dropped, and weights smaller
# than MIN_WEIGHT are not stored: together they keep the JSON file near 1.5 MB
# (count 3 / |w| > 1e-4 gave a 2.9 MB file).
MIN_FEATURE_COUNT = 5
MIN_WEIGHT = 0.01


def gold_head(doc: "Doc", frags: Sequence[tuple[int, int]]) -> "Token | None":
    """The token of a gold span whose head lies outside it (its syntactic head)."""
    span = doc.char_span(frags[0][0], frags[-1][1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    toks = [t for t in span if not t.is_punct] or list(span)
    for t in toks:
        if not (span.start <= t.head.i < span.end) or t.head.i == t.i:
            return t
    return toks[0]


def examples(gold: GoldDoc, doc: "Doc") -> Iterator[tuple[list[str], int]]:
    heads = {h.i for a in gold.attributions if a.cue for h in [gold_head(doc, a.cue)] if h is not None}
    ctx = QuoteContext(gold.text, find_quotes(gold.text))
    for tok in doc:
        if is_candidate(tok):
            yield features(tok, *ctx.of(tok)), int(tok.i in heads)


def _tally(table: dict[str, list[int]], keys: Iterable[str], hit: bool) -> None:
    for key in keys:
        table[key][0] += int(hit)
        table[key][1] += 1


def _tally_source(table: dict[str, list[int]], doc: "Doc", source: Sequence[tuple[int, int]] | None) -> None:
    """Which children of the gold source's head lie (wholly) inside it."""
    head = gold_head(doc, source) if source else None
    if head is None or not source:
        return
    start, end = source[0][0], source[-1][1]
    for child in head.children:
        words = [t for t in child.subtree if not t.is_punct]
        if words:
            _tally(table, source_child_keys(head, child), all(start <= t.idx < end for t in words))


def tables(pairs: Sequence[tuple[GoldDoc, "Doc"]]) -> dict[str, dict[str, list[int]]]:
    cue_children: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    content_children: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    subject_content: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    source_children: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for gold, doc in pairs:
        for a in gold.attributions:
            _tally_source(source_children, doc, a.source)
            if not a.cue:
                continue
            cue = gold_head(doc, a.cue)
            if cue is None:
                continue
            in_cue = {t.i for s, e in a.cue for t in (doc.char_span(s, e, alignment_mode="expand") or [])}
            for child in cue.children:
                _tally(cue_children, cue_child_keys(cue, child), child.i in in_cue)
            if not a.content:
                continue
            frags = a.content
            subj = next((c for c in cue.children if c.dep_ in SUBJECT_DEPS and c.i < cue.i), None)
            if subj is not None:
                inside = any(s <= subj.idx < e for s, e in a.content)
                _tally(subject_content, subject_keys(cue, subj), inside)
                # 'Trump | seems | to be …': the content head is in the part after the cue
                after = tuple(f for f in frags if f[0] >= cue.idx + len(cue.text))
                if inside and after:
                    frags = after
            content = gold_head(doc, frags)
            if content is None:
                continue
            lemma = cue.lemma_.lower()
            for child in cue.children:
                if child.dep_ in CONTENT_DEPS:
                    target = child
                    if child.i in in_cue:
                        target = inner_content(child) or child
                    _tally(content_children, (f"{lemma}|{child.dep_}", child.dep_), target.i == content.i)
            if cue.head.i != cue.i:
                _tally(content_children, (f"{lemma}|gov:{cue.dep_}", f"gov:{cue.dep_}"), cue.head.i == content.i)
    return {
        name: {k: v for k, v in sorted(t.items()) if v[1] >= MIN_TABLE_COUNT}
        for name, t in (
            ("cue_children", cue_children),
            ("content_children", content_children),
            ("subject_content", subject_content),
            ("source_children", source_children),
        )
    }


def _fit(rows: list[tuple[list[str], int]]) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = defaultdict(int)
    for feats, _ in rows:
        for f in feats:
            counts[f] += 1
    keep = {f for f, n in counts.items() if n >= MIN_FEATURE_COUNT}
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in feats if f in keep} for feats, _ in rows]).tocsr()
    x.indices = x.indices.astype("int32")  # liblinear wants 32-bit sparse indices
    x.indptr = x.indptr.astype("int32")
    y = [label for _, label in rows]
    model = LogisticRegression(C=C, max_iter=2000, solver="liblinear", random_state=0)
    model.fit(x, y)
    weights = {name: float(w) for name, w in zip(vec.get_feature_names_out(), model.coef_[0]) if abs(w) >= MIN_WEIGHT}
    weights["bias"] = weights.get("bias", 0.0) + float(model.intercept_[0])
    return weights


def _best_threshold(weights: dict[str, float], rows: list[tuple[list[str], int]]) -> tuple[float, float]:
    import math

    scored = []
    for feats, label in rows:
        z = sum(weights.get(f, 0.0) for f in feats)
        scored.append((1 / (1 + math.exp(-max(min(z, 30), -30))), label))
    best = (0.5, 0.0)
    positives = sum(label for _, label in scored)
    for step in range(10, 90, 2):
        t = step / 100
        tp = sum(1 for p, label in scored if p >= t and label)
        predicted = sum(1 for p, _ in scored if p >= t)
        prec = tp / predicted if predicted else 0.0
        rec = tp / positives if positives else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        if f1 > best[1]:
            best = (t, f1)
    return best


def train(pairs: Sequence[tuple[GoldDoc, "Doc"]]) -> dict:
    every = round(1 / HOLDOUT_SHARE)  # every 10th article: all outlets, not the last one alone
    fit_rows = [r for i, (g, d) in enumerate(pairs) if i % every != every - 1 for r in examples(g, d)]
    hold_rows = [r for i, (g, d) in enumerate(pairs) if i % every == every - 1 for r in examples(g, d)]
    threshold, holdout_f1 = _best_threshold(_fit(fit_rows), hold_rows)
    weights = _fit(fit_rows + hold_rows)
    return {
        "version": VERSION,
        "threshold": threshold,
        "holdout_cue_head_f1": round(holdout_f1, 4),
        "trained_on": f"{len(pairs)} articles",
        "weights": {k: round(v, 4) for k, v in sorted(weights.items())},
        "tables": tables(pairs),
    }


def parse(gold: Sequence[GoldDoc]) -> list["Doc"]:
    from newsledger.nlp import load_nlp, parse_texts

    return list(parse_texts([g.text for g in gold], load_nlp()))


def main(argv: Sequence[str] | None = None) -> None:
    here = Path(__file__).resolve().parents[1] / "data" / MODEL_FILE
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="PolNeAR-style folder (train split)")
    ap.add_argument("--out", type=Path, default=here)
    ap.add_argument("--docbin", type=Path, help="cache of the parsed texts (.spacy), reused if present")
    args = ap.parse_args(argv)
    gold = load_gold(args.data)
    docs = _cached_parse(gold, args.docbin)
    model = train(list(zip(gold, docs)))
    args.out.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {args.out}: {len(model['weights'])} weights, threshold {model['threshold']}, "
          f"holdout cue-head F1 {model['holdout_cue_head_f1']}")


def _cached_parse(gold: Sequence[GoldDoc], cache: Path | None) -> list["Doc"]:
    from spacy.tokens import DocBin

    from newsledger.nlp import load_nlp

    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(load_nlp().vocab))
        if len(docs) == len(gold) and all(d.text == g.text for d, g in zip(docs, gold)):
            return docs
    docs = parse(gold)
    if cache is not None:
        bin_ = DocBin(store_user_data=False)
        for d in docs:
            bin_.add(d)
        bin_.to_disk(cache)
    return docs


if __name__ == "__main__":
    main()
