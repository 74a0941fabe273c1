"""Score quote attribution on PolNeAR (brat standoff): Source, Cue, Content spans.

Layout (the shared split, or any folder like it)::

    DIR/text/<stem>.txt
    DIR/attributions/<stem>_<annotator>.ann   # one or more per text

Gold: every ``T`` span typed Source, Cue, Content (or Content2) that takes part
in an ``E`` Attribution relation. When a text has several annotators' files
(the agreement set) we score against the alphabetically first annotator, so
the gold is deterministic. Spans may be discontinuous (``Content 10 20;30 40``).

Metrics, per span type (Source, Cue, Content), micro-averaged over documents:

* **exact**: a predicted span is correct when its fragments, after trimming
  whitespace at both ends of each fragment and joining fragments that only
  whitespace separates (gold multi-sentence quotes are cut at each sentence
  boundary), equal those of a gold span of the same type. Each distinct span counts once per document (several attributions
  sharing one source count one Source span).
* **overlap**: a predicted span is correct when it touches at least one word
  token (a ``\\w+`` run of the document text) that a gold span of the same
  type also touches; recall counts gold spans that share such a token with some
  predicted span. This is the lenient 'partial match' of the PARC literature.

Precision = correct predictions / predictions; recall = matched gold / gold;
F1 their harmonic mean. The same scorer runs textacy's ``direct_quotations``
as a side-by-side baseline when the optional ``eval`` extra is installed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from newsledger.config import Settings
from newsledger.evaluate.report import Report

if TYPE_CHECKING:
    from spacy.tokens import Doc

SPAN_TYPES = ("Source", "Cue", "Content")
_GOLD_TYPE = {"Source": "Source", "Cue": "Cue", "Content": "Content", "Content2": "Content"}
_WORD = re.compile(r"\w+")

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    source: Fragments | None
    cue: Fragments | None
    content: Fragments | None


@dataclass
class GoldDoc:
    stem: str
    text: str
    annotator: str
    attributions: list[GoldAttribution] = field(default_factory=list)

    def spans(self, kind: str) -> set[Fragments]:
        attr = kind.lower()
        return {getattr(a, attr) for a in self.attributions if getattr(a, attr)}


# --------------------------------------------------------------------------- #
# Reading the data
# --------------------------------------------------------------------------- #


def trim(text: str, fragments: Iterable[tuple[int, int]]) -> Fragments:
    """Fragments with surrounding whitespace removed, empty ones dropped, and
    neighbours separated by whitespace alone joined into one."""
    out = []
    for start, end in fragments:
        start, end = max(start, 0), min(end, len(text))  # offsets past the text: clip
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(out):
        # fragments split only at whitespace (the annotation tool cuts a span at
        # sentence boundaries) cover the same text as one span: join them
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _fragments(offsets: str) -> list[tuple[int, int]]:
    frags = []
    for part in offsets.split(";"):
        a, b = part.split()
        frags.append((int(a), int(b)))
    return frags


def parse_ann(ann: str, text: str) -> list[GoldAttribution]:
    """Attributions of one brat file (malformed lines are skipped)."""
    spans: dict[str, tuple[str, Fragments]] = {}
    relations: list[str] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            kind, _, offsets = parts[1].partition(" ")
            if kind in _GOLD_TYPE:
                try:
                    spans[parts[0]] = (_GOLD_TYPE[kind], trim(text, _fragments(offsets)))
                except ValueError:
                    continue
        elif parts[0].startswith("E"):
            relations.append(parts[1])
    out = []
    for rel in relations:
        roles: dict[str, Fragments] = {}
        for arg in rel.split()[1:]:
            _, _, tid = arg.partition(":")
            if tid in spans:
                kind, frags = spans[tid]
                roles.setdefault(kind, frags)
        if roles:
            out.append(GoldAttribution(roles.get("Source"), roles.get("Cue"), roles.get("Content")))
    return out


def annotation_files(folder: Path) -> dict[str, list[Path]]:
    """stem -> its .ann files, sorted by name (so by annotator id)."""
    by_stem: dict[str, list[Path]] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        by_stem.setdefault(stem, []).append(ann)
    return by_stem


def load_gold(folder: Path, limit: int | None = None) -> list[GoldDoc]:
    docs = []
    anns = annotation_files(folder)
    for txt in sorted((folder / "text").glob("*.txt")):
        files = anns.get(txt.stem)
        if not files:
            continue
        text = txt.read_text(encoding="utf-8")
        first = files[0]  # deterministic choice among annotators
        annotator = first.stem.rsplit("_", 1)[1]
        docs.append(GoldDoc(txt.stem, text, annotator, parse_ann(first.read_text(encoding="utf-8"), text)))
        if limit is not None and len(docs) >= limit:
            break
    return docs


# --------------------------------------------------------------------------- #
# Scoring
# --------------------------------------------------------------------------- #


@dataclass
class Tally:
    """Counts for one span type under one matching rule."""

    predicted: int = 0
    gold: int = 0
    correct_pred: int = 0
    matched_gold: int = 0

    def add(self, other: "Tally") -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.correct_pred += other.correct_pred
        self.matched_gold += other.matched_gold

    def prf(self) -> tuple[float, float, float]:
        p = self.correct_pred / self.predicted if self.predicted else 0.0
        r = self.matched_gold / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def _word_index(text: str) -> list[int]:
    """End offsets of the document's word tokens (``\\w+`` runs), in order."""
    return [m.end() for m in _WORD.finditer(text)]


def _words(ends: list[int], text: str, frags: Fragments) -> set[int]:
    """Indices of the document word tokens a span touches."""
    out: set[int] = set()
    for a, b in frags:
        i = bisect_right(ends, a)  # first word ending after a
        while i < len(ends) and ends[i] - _word_len(text, ends[i]) < b:
            out.add(i)
            i += 1
    return out


def _word_len(text: str, end: int) -> int:
    start = end
    while start > 0 and _WORD.match(text[start - 1]):
        start -= 1
    return end - start


def score_spans(text: str, predicted: set[Fragments], gold: set[Fragments]) -> tuple[Tally, Tally]:
    """(exact, overlap) tallies for one document and one span type."""
    exact = Tally(len(predicted), len(gold), len(predicted & gold), len(predicted & gold))
    ends = _word_index(text)
    pw = {p: _words(ends, text, p) for p in predicted}
    gw = {g: _words(ends, text, g) for g in gold}
    overlap = Tally(
        len(predicted),
        len(gold),
        sum(1 for p in predicted if any(pw[p] & w for w in gw.values())),
        sum(1 for g in gold if any(gw[g] & w for w in pw.values())),
    )
    return exact, overlap


# A system maps (Doc, text) to predicted attributions (source, cue, content).
System = Callable[["Doc", str], Iterable[GoldAttribution]]


def score_system(
    docs: Sequence[GoldDoc], parsed: Sequence["Doc"], system: System
) -> dict[str, dict[str, Tally]]:
    totals = {m: {k: Tally() for k in SPAN_TYPES} for m in ("exact", "overlap")}
    for gold, doc in zip(docs, parsed):
        predicted = [trimmed(gold.text, a) for a in system(doc, gold.text)]
        for kind in SPAN_TYPES:
            attr = kind.lower()
            pred = {getattr(a, attr) for a in predicted if getattr(a, attr)}
            exact, overlap = score_spans(gold.text, pred, gold.spans(kind))
            totals["exact"][kind].add(exact)
            totals["overlap"][kind].add(overlap)
    return totals


def trimmed(text: str, a: GoldAttribution) -> GoldAttribution:
    return GoldAttribution(
        trim(text, a.source) if a.source else None,
        trim(text, a.cue) if a.cue else None,
        trim(text, a.content) if a.content else None,
    )


def metrics_of(totals: dict[str, dict[str, Tally]], prefix: str = "") -> dict[str, float]:
    out: dict[str, float] = {}
    for match, by_kind in totals.items():
        for kind, tally in by_kind.items():
            p, r, f = tally.prf()
            key = f"{prefix}{kind.lower()}_{match}"
            out[f"{key}_p"], out[f"{key}_r"], out[f"{key}_f1"] = p, r, f
    return out


# --------------------------------------------------------------------------- #
# Systems
# --------------------------------------------------------------------------- #


def newsledger_system(doc: "Doc", text: str) -> Iterator[GoldAttribution]:
    """The shipped quote reader, seen as PolNeAR attributions."""
    from newsledger.extract.quotes import read_quotes
    from newsledger.records import Article, ArticleExtraction

    article = Article(id="polnear", source="polnear", text=text)
    for q in read_quotes(doc, article, ArticleExtraction(article_id=article.id)):
        parts = q.content_parts or (q.content,)
        yield GoldAttribution(
            ((q.speaker.start, q.speaker.end),) if q.speaker else None,
            ((q.cue.start, q.cue.end),) if q.cue else None,
            tuple((p.start, p.end) for p in parts),
        )


def textacy_system(doc: "Doc", text: str) -> Iterator[GoldAttribution]:
    """textacy's rule-based direct_quotations (direct quotes only)."""
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # textacy bails out on an odd number of quote marks
        return
    for t in triples:
        yield GoldAttribution(
            _token_span(t.speaker), _token_span(t.cue), ((t.content.start_char, t.content.end_char),)
        )


def _token_span(tokens: Sequence) -> Fragments | None:
    if not tokens:
        return None
    return ((min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)),)


def _textacy_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("textacy") is not None


def evaluate(path: Path, settings: Settings, limit: int | None = None, cv: int | None = None, **_: object) -> Report:
    """Score the quote reader (and textacy, if installed) on a PolNeAR-style folder.

    No cross-validation: the shipped cue model learned from polnear/train only
    (``python -m newsledger.extract.quote_train``), so any other split is unseen."""
    from newsledger.nlp import load_nlp, parse_texts

    docs = load_gold(Path(path), limit)
    nlp = load_nlp(settings.models)
    parsed = list(parse_texts([d.text for d in docs], nlp, settings.nlp_batch_size))
    report = Report("polnear", str(path))
    report.metrics["documents"] = float(len(docs))
    report.metrics["gold_attributions"] = float(sum(len(d.attributions) for d in docs))
    report.metrics.update(metrics_of(score_system(docs, parsed, newsledger_system)))
    if _textacy_available():
        report.details["textacy_direct_quotations"] = metrics_of(
            score_system(docs, parsed, textacy_system)
        )
    else:
        report.notes.append("textacy not installed (pip install 'newsledger[eval]'): baseline skipped")
    if cv is not None:
        report.notes.append("--cv ignored: the cue model is trained on polnear/train, never on the scored split")
    report.notes.append(
        "exact: trimmed fragments equal; overlap: shares >= 1 word token; "
        "multi-annotator texts scored against the alphabetically first annotator"
    )
    return report
