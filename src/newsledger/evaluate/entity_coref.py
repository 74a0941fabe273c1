"""Score within-article person linking (extract.coref) against ECB+ gold chains.

ECB+ ties HUMAN_PART_PER markables of a document to entity instances through
CROSS_DOC_COREF (and INTRA_DOC_COREF) relations; markables of one document that
point at the same instance are one within-document chain ('Tara Reid', 'Reid',
'she', 'her'). Markables in no relation are not scored (ECB+ links only the
participants of its annotated events, so they are not known singletons).
Each gold markable is aligned to the system PERSON mention (name, surname,
honorific, nominal or pronoun) that overlaps it most. Over every pair of aligned
gold markables we count whether gold and system put them in the same entity:
pairwise precision, recall and F1 of 'same entity' links. Mention recall is the
share of gold person markables aligned to some system mention at all.

Baseline: spaCy's raw PERSON entities, linked only when their text is identical
(no surnames, honorifics, pronouns or nominals).

    newsledger evaluate entity-coref [--data PATH/TO/ecbplus] [--limit N]
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from newsledger.config import Settings
from newsledger.evaluate.report import Report
from newsledger.records import Article


@dataclass(frozen=True, slots=True)
class GoldMention:
    start: int
    end: int
    chain: str
    head: tuple[int, int]  # char span of the head word (last word before 'of' / ',' / 'who')


def read_chains(path: Path) -> tuple[str, list[GoldMention]]:
    """Document text (tokens joined by spaces, a sentence per line) and its
    HUMAN_PART_PER markables with their within-document chain id."""
    root = ET.parse(path).getroot()
    pieces, offsets, pos, last = [], {}, 0, None
    for tok in root.iter("token"):
        sent, text = tok.get("sentence"), tok.text or ""
        if last is not None:
            pieces.append("\n" if sent != last else " ")
            pos += 1
        offsets[tok.get("t_id")] = (pos, pos + len(text))
        pieces.append(text)
        pos += len(text)
        last = sent
    text = "".join(pieces)
    spans: dict[str, tuple[int, int]] = {}
    markables = root.find("Markables")
    for m in markables if markables is not None else ():
        if m.tag != "HUMAN_PART_PER":
            continue
        anchors = [offsets[a.get("t_id")] for a in m.findall("token_anchor") if a.get("t_id") in offsets]
        if anchors:
            spans[m.get("m_id", "")] = (min(a[0] for a in anchors), max(a[1] for a in anchors))
    gold: list[GoldMention] = []
    relations = root.find("Relations")
    for rel in relations if relations is not None else ():
        if rel.tag not in ("CROSS_DOC_COREF", "INTRA_DOC_COREF"):
            continue
        target = rel.find("target")
        chain = rel.get("note") or (target.get("m_id") if target is not None else "") or rel.get("r_id", "")
        for src in rel.findall("source"):
            span = spans.pop(src.get("m_id", ""), None)
            if span is not None:
                gold.append(GoldMention(span[0], span[1], f"{rel.tag}:{chain}", _head(text, *span)))
    # Markables in no relation are left out: ECB+ links only the mentions that
    # take part in its annotated events, so an unlinked 'MacFarlane's' is not
    # evidence that it is a different person from a linked 'Seth MacFarlane'.
    return text, gold


def _head(text: str, start: int, end: int) -> tuple[int, int]:
    span = text[start:end]
    cut = len(span)
    for stop in (" of ", " , ", " who ", " that ", " ( "):
        i = span.find(stop)
        if 0 < i < cut:
            cut = i
    head_start = span.rfind(" ", 0, cut) + 1
    return start + head_start, start + cut


def _align(gold: list[GoldMention], system: list[tuple[int, int, int]]) -> list[tuple[str, int | None]]:
    """(gold chain, system cluster or None) for every gold mention."""
    out = []
    for g in gold:
        hs, he = g.head
        best, overlap = None, 0
        for s, e, cluster in system:
            # the system mention must cover the markable's head word: 'her' is not 'her rep'
            if not (s < he and e > hs):
                continue
            o = min(e, g.end) - max(s, g.start)
            if o > overlap:
                best, overlap = cluster, o
        out.append((g.chain, best))
    return out


def _pairs(aligned: list[tuple[str, int | None]]) -> tuple[int, int, int]:
    """Link counts over all pairs of gold mentions; an unaligned mention links to nothing."""
    tp = fp = fn = 0
    for (ga, sa), (gb, sb) in combinations(aligned, 2):
        same_gold, same_sys = ga == gb, sa is not None and sa == sb
        tp += same_gold and same_sys
        fp += same_sys and not same_gold
        fn += same_gold and not same_sys
    return tp, fp, fn


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
    }


def evaluate(data: Path, settings: Settings | None = None, limit: int | None = None, **_: object) -> Report:
    from newsledger.extract.entities import read_entities
    from newsledger.nlp import load_nlp

    settings = settings or Settings()
    nlp = load_nlp(settings.models)
    data = Path(data)
    paths = ([data] if data.is_file() else sorted(data.rglob("*.xml")))[: limit or None]
    docs = [(p.name, *read_chains(p)) for p in paths]
    totals = {"system": [0, 0, 0], "baseline": [0, 0, 0]}
    gold_n = aligned_n = base_aligned_n = 0
    for (name, text, gold), doc in zip(
        docs, nlp.pipe((d[1] for d in docs), batch_size=settings.nlp_batch_size)
    ):
        mentions = [
            m
            for m in read_entities(doc, Article(id=name, source=name, text=text), None)
            if m.label == "PERSON"
        ]
        system = [(m.evidence.start, m.evidence.end, m.cluster) for m in mentions]
        ids: dict[str, int] = {}
        baseline = [
            (e.start_char, e.end_char, ids.setdefault(e.text, len(ids)))
            for e in doc.ents
            if e.label_ == "PERSON"
        ]
        gold_n += len(gold)
        for key, spans in (("system", system), ("baseline", baseline)):
            aligned = _align(gold, spans)
            found = sum(1 for _, c in aligned if c is not None)
            if key == "system":
                aligned_n += found
            else:
                base_aligned_n += found
            for i, v in enumerate(_pairs(aligned)):
                totals[key][i] += v
    report = Report(dataset="entity-coref", data_path=str(data))
    sys_prf, base_prf = _prf(*totals["system"]), _prf(*totals["baseline"])
    report.metrics = {
        "documents": len(docs),
        "gold_person_mentions": gold_n,
        "mention_recall": round(aligned_n / gold_n, 4) if gold_n else 0.0,
        "pairwise_precision": sys_prf["precision"],
        "pairwise_recall": sys_prf["recall"],
        "pairwise_f1": sys_prf["f1"],
        "baseline_mention_recall": round(base_aligned_n / gold_n, 4) if gold_n else 0.0,
        "baseline_pairwise_precision": base_prf["precision"],
        "baseline_pairwise_recall": base_prf["recall"],
        "baseline_pairwise_f1": base_prf["f1"],
    }
    report.notes.append(
        "pairs over all gold HUMAN_PART_PER markables of a document; an unaligned one links to nothing"
    )
    report.notes.append("baseline: raw spaCy PERSON entities linked on identical text")
    return report


__all__ = ["evaluate", "read_chains"]
