"""Score the NER repair of extract.entities against ECB+ gold markables.

ECB+ (../shared/data/ecbplus) marks people (HUMAN_PART_PER), organisations
(HUMAN_PART_ORG), places (LOC_GEO, HUMAN_PART_GPE) and facilities (LOC_FAC) in
real news text, named or not. We keep the *named* ones (a capitalised token that
does not open its sentence), parse each document with the shipped spaCy model,
and compare the label of the predicted entity that best overlaps each gold
markable, before (spaCy raw) and after :func:`extract.entities.name_spans`.

Classes: PER, ORG, PLACE (GPE or LOC), FAC; a gold markable with no overlapping
predicted entity counts as MISSING. Reported: label accuracy over PER/ORG/PLACE,
per-class precision / recall / F1 (prediction of class c on gold markables), and
how many labels the repair fixed and broke. Nothing is learned from this data:
the repair's thresholds were set once (see entities.CITY_POPULATION) and this
command only reads.

    newsledger evaluate ner-repair [--data PATH/TO/ecbplus] [--limit N]
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from newsledger.config import Settings
from newsledger.evaluate.report import Report

GOLD_CLASS = {
    "HUMAN_PART_PER": "PER",
    "HUMAN_PART_ORG": "ORG",
    "LOC_GEO": "PLACE",
    "HUMAN_PART_GPE": "PLACE",
    "LOC_FAC": "FAC",
}
PRED_CLASS = {"PERSON": "PER", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "FAC", "NORP": "NORP"}
MAIN = ("PER", "ORG", "PLACE")


@dataclass(frozen=True, slots=True)
class GoldSpan:
    start: int  # char offsets into the rebuilt document text
    end: int
    cls: str
    text: str


@dataclass(frozen=True, slots=True)
class GoldDoc:
    name: str
    text: str
    spans: tuple[GoldSpan, ...]


def read_document(path: Path) -> GoldDoc:
    """Rebuild an ECB+ document's text (tokens joined by spaces, one sentence per
    line) and its named entity markables as character spans."""
    root = ET.parse(path).getroot()
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int, bool]] = {}  # t_id -> (start, end, sentence-initial)
    pos, last_sent = 0, None
    for tok in root.iter("token"):
        sent = tok.get("sentence")
        text = tok.text or ""
        if last_sent is not None:
            sep = "\n" if sent != last_sent else " "
            pieces.append(sep)
            pos += 1
        offsets[tok.get("t_id", "")] = (pos, pos + len(text), sent != last_sent)
        pieces.append(text)
        pos += len(text)
        last_sent = sent
    doc_text = "".join(pieces)
    spans = []
    markables = root.find("Markables")
    for m in markables if markables is not None else ():
        cls = GOLD_CLASS.get(m.tag)
        anchors = [offsets[a.get("t_id", "")] for a in m.findall("token_anchor") if a.get("t_id") in offsets]
        if cls is None or not anchors:
            continue
        named = [a for a in anchors if doc_text[a[0] : a[1]][:1].isupper() and not a[2]]
        if not named:
            continue
        start, end = min(a[0] for a in named), max(a[1] for a in named)
        spans.append(GoldSpan(start, end, cls, doc_text[start:end]))
    return GoldDoc(path.name, doc_text, tuple(spans))


def documents(data: Path) -> Iterator[Path]:
    files = [data] if data.is_file() else sorted(data.rglob("*.xml"))
    yield from files


def _best(spans: list[tuple[int, int, str]], gold: GoldSpan) -> str:
    best, overlap = "MISSING", 0
    for s, e, label in spans:
        o = min(e, gold.end) - max(s, gold.start)
        if o > overlap:
            best, overlap = PRED_CLASS.get(label, "OTHER"), o
    return best


def _prf(pairs: list[tuple[str, str]], cls: str) -> dict[str, float]:
    tp = sum(1 for g, p in pairs if g == cls and p == cls)
    pred = sum(1 for _, p in pairs if p == cls)
    gold = sum(1 for g, _ in pairs if g == cls)
    prec = tp / pred if pred else 0.0
    rec = tp / gold if gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "gold": gold}


def evaluate(data: Path, settings: Settings | None = None, limit: int | None = None, **_: object) -> Report:
    from newsledger.extract.entities import name_spans, raw_spans
    from newsledger.nlp import load_nlp

    settings = settings or Settings()
    nlp = load_nlp(settings.models)
    paths = list(documents(Path(data)))[: limit or None]
    gold_docs = [read_document(p) for p in paths]
    raw_pairs: list[tuple[str, str]] = []
    fixed_pairs: list[tuple[str, str]] = []
    changes: Counter[str] = Counter()
    examples: list[str] = []
    for gd, doc in zip(gold_docs, nlp.pipe((g.text for g in gold_docs), batch_size=settings.nlp_batch_size)):
        raw = [(s.start, s.end, s.label) for s in raw_spans(doc)]
        repaired = [(s.start, s.end, s.label) for s in name_spans(doc)]
        for g in gd.spans:
            before, after = _best(raw, g), _best(repaired, g)
            raw_pairs.append((g.cls, before))
            fixed_pairs.append((g.cls, after))
            if before != after:
                verdict = "fixed" if after == g.cls else "broken" if before == g.cls else "changed"
                changes[verdict] += 1
                if len(examples) < 40:
                    examples.append(f"{verdict}: {g.text!r} gold {g.cls} {before} -> {after} ({gd.name})")
    report = Report(dataset="ner-repair", data_path=str(data))
    for name, pairs in (("raw", raw_pairs), ("repaired", fixed_pairs)):
        main = [(g, p) for g, p in pairs if g in MAIN]
        report.metrics[f"{name}_accuracy"] = (
            round(sum(g == p for g, p in main) / len(main), 4) if main else 0.0
        )
        per_class = {cls: _prf(pairs, cls) for cls in (*MAIN, "FAC")}
        report.metrics[f"{name}_macro_f1"] = round(sum(per_class[c]["f1"] for c in MAIN) / len(MAIN), 4)
        report.details[f"{name}_per_class"] = per_class
    report.metrics["gold_named_markables"] = len(raw_pairs)
    report.metrics["documents"] = len(gold_docs)
    report.details["changes"] = dict(changes)
    report.details["examples"] = examples
    report.details["raw_confusions"] = dict(
        Counter(f"{g}->{p}" for g, p in raw_pairs if g != p).most_common(12)
    )
    report.details["repaired_confusions"] = dict(
        Counter(f"{g}->{p}" for g, p in fixed_pairs if g != p).most_common(12)
    )
    report.notes.append(
        "accuracy/macro F1 over PER, ORG, PLACE; FAC reported apart (ECB+ facilities are often ORG-like names)"
    )
    return report


__all__ = ["GoldDoc", "GoldSpan", "evaluate", "read_document"]
