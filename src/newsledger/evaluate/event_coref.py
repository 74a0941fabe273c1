"""Score event merging (link.events.merge_events) against ECB+ event coreference.

ECB+ (Cybulska & Vossen 2014) marks event mentions (ACTION_* and NEG_ACTION_*
markables) and ties them to event instances through CROSS_DOC_COREF relations
(the ``note`` names the instance, shared across documents) and INTRA_DOC_COREF
relations; an action markable in no relation is a singleton event. Only the
sentences listed in ECBplus_coreference_sentences.csv were annotated, so only
markables there are gold.

The run is the pipeline's, on text alone (no publication dates): each
document's text is rebuilt from its tokens, every reader runs
(:func:`newsledger.extract.extract_article`), and per *topic* (each topic
mixes two different real events of one kind: the ``ecb`` and ``ecbplus``
sub-topics) the documents are linked as one story (entities, source groups,
then :func:`merge_events`). A gold markable is aligned to the system event
mention whose trigger span overlaps it; only aligned gold mentions are scored
(the reader types only the event kinds of its ontology), and mention recall
says how many that is. On those mentions the system's events are scored
against the gold instances with MUC, B-cubed, CEAF-e and their mean (CoNLL F1),
plus pairwise precision/recall/F1 of cross-document 'same event' links.

Baselines on the same aligned mentions: ``singletons`` (nothing merged),
``same_type`` (one event per type and modality per topic) and ``same_lemma``
(one event per trigger lemma per topic: the classic strong ECB+ baseline).

    newsledger evaluate event-coref [--data PATH/TO/ecbplus] [--limit N_TOPICS]
    python -m newsledger.evaluate.event_coref [--data DIR] [--limit N] [--cache FILE] [--sweep NAME [--subtopics]]
"""

from __future__ import annotations

import csv
import pickle
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any, Callable, Hashable, Mapping, Sequence

from newsledger.evaluate.report import Report
from newsledger.records import Article, ArticleExtraction

_NO_SPACE_BEFORE = {".", ",", ":", ";", "!", "?", ")", "]", "}", "'s", "n't", "''", "%", "'"}
_NO_SPACE_AFTER = {"(", "[", "{", "``", "$"}
_URL = re.compile(r"^(https?|www\.)", re.I)


@dataclass(frozen=True, slots=True)
class GoldEvent:
    start: int
    end: int
    chain: str


@dataclass
class EcbEventDoc:
    name: str
    topic: str
    subtopic: str
    text: str
    gold: list[GoldEvent] = field(default_factory=list)


# --------------------------------------------------------------------------- #
# Reading
# --------------------------------------------------------------------------- #


def annotated_sentences(data: Path) -> dict[str, set[int]] | None:
    """{document stem ('1_10ecbplus'): annotated sentence numbers}, or None
    when the folder has no ECBplus_coreference_sentences.csv (then every
    sentence counts)."""
    path = Path(data) / "ECBplus_coreference_sentences.csv"
    if not path.is_file():
        return None
    out: dict[str, set[int]] = defaultdict(set)
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return out


def read_doc(path: Path, annotated: set[int] | None = None) -> EcbEventDoc:
    """Text (detokenised, a sentence per line, a URL first line dropped) and the
    gold event mentions of the annotated sentences, as char spans into it."""
    root = ET.parse(path).getroot()
    by_sentence: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for tok in root.iter("token"):
        by_sentence[int(tok.get("sentence", "0"))].append((tok.get("t_id", ""), tok.text or ""))
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, int] = {}
    pos = 0
    for n, (sent, toks) in enumerate(sorted(by_sentence.items())):
        if n == 0 and _URL.match("".join(t for _, t in toks)):
            continue  # the source URL: metadata, not prose
        if pieces:
            pieces.append("\n")
            pos += 1
        glue = True
        for tid, tok in toks:
            if not glue and tok not in _NO_SPACE_BEFORE:
                pieces.append(" ")
                pos += 1
            offsets[tid] = (pos, pos + len(tok))
            sentence_of[tid] = sent
            pieces.append(tok)
            pos += len(tok)
            glue = tok in _NO_SPACE_AFTER
    text = "".join(pieces)
    spans: dict[str, tuple[int, int]] = {}
    markables = root.find("Markables")
    for m in markables if markables is not None else ():
        if not (m.tag.startswith("ACTION") or m.tag.startswith("NEG_ACTION")):
            continue
        tids = [a.get("t_id", "") for a in m.findall("token_anchor") if a.get("t_id") in offsets]
        if not tids or (annotated is not None and sentence_of[tids[0]] not in annotated):
            continue
        spans[m.get("m_id", "")] = (min(offsets[t][0] for t in tids), max(offsets[t][1] for t in tids))
    gold: list[GoldEvent] = []
    relations = root.find("Relations")
    for rel in relations if relations is not None else ():
        if rel.tag not in ("CROSS_DOC_COREF", "INTRA_DOC_COREF"):
            continue
        note = rel.get("note") or rel.get("r_id", "")
        chain = note if rel.tag == "CROSS_DOC_COREF" else f"{path.name}:{note}"
        for src in rel.findall("source"):
            span = spans.pop(src.get("m_id", ""), None)
            if span is not None:
                gold.append(GoldEvent(span[0], span[1], chain))
    # Action markables in no relation are singleton events.
    gold.extend(GoldEvent(s, e, f"{path.name}:single:{m}") for m, (s, e) in spans.items())
    topic = path.parent.name
    sub = "ecbplus" if path.name.endswith("ecbplus.xml") else "ecb"
    return EcbEventDoc(path.name, topic, f"{topic}_{sub}", text, sorted(gold, key=lambda g: g.start))


def read_corpus(data: Path, limit: int | None = None) -> list[EcbEventDoc]:
    """Documents of every topic folder under ``data``; ``limit`` keeps the first N topics."""
    data = Path(data)
    annotated = annotated_sentences(data)
    if data.is_file():
        return [read_doc(data, annotated.get(data.stem) if annotated else None)]
    topics = sorted((d for d in data.iterdir() if d.is_dir()), key=lambda d: (len(d.name), d.name))
    if limit is not None:
        topics = topics[:limit]
    return [
        read_doc(f, annotated.get(f.stem, set()) if annotated is not None else None)
        for d in topics
        for f in sorted(d.glob("*.xml"))
    ]


# --------------------------------------------------------------------------- #
# Extraction (the expensive part: cached by the sweep)
# --------------------------------------------------------------------------- #

Member = tuple[Article, ArticleExtraction]
FAILURES: list[str] = []  # documents a reader raised on (scored as having no event mentions)


def extract(docs: Sequence[EcbEventDoc], settings: Any = None) -> tuple[list[Member], dict[tuple[str, int], str]]:
    """Every reader on every document; also the trigger lemma of each event
    mention ({(doc, index): lemma}) for the lemma baseline."""
    from newsledger.config import Settings
    from newsledger.extract import extract_article
    from newsledger.nlp import load_nlp

    settings = settings or Settings()
    nlp = load_nlp(settings.models)
    members: list[Member] = []
    lemmas: dict[tuple[str, int], str] = {}
    for d, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=settings.nlp_batch_size)):
        article = Article(id=d.name, source=d.name, text=d.text)
        try:
            x = extract_article(doc, article)
        except Exception as exc:  # a reader bug must not lose the whole run: counted, reported
            FAILURES.append(f"{d.name}: {type(exc).__name__}: {exc}")
            x = ArticleExtraction(article_id=article.id)
        members.append((article, x))
        for i, m in enumerate(x.events):
            span = doc.char_span(m.evidence.start, m.evidence.end, alignment_mode="expand")
            lemmas[(d.name, i)] = (span.root.lemma_ if span is not None and len(span) else m.trigger).lower()
    return members, lemmas


# --------------------------------------------------------------------------- #
# Alignment and metrics
# --------------------------------------------------------------------------- #


def align(doc: EcbEventDoc, extraction: ArticleExtraction) -> list[tuple[GoldEvent, int]]:
    """(gold mention, index of the system mention whose trigger overlaps it most);
    unaligned gold mentions are left out, and each system mention takes at most
    one gold mention (the one it overlaps most, then the first)."""
    taken: dict[int, tuple[int, GoldEvent]] = {}
    for g in doc.gold:
        best, overlap = None, 0
        for i, m in enumerate(extraction.events):
            o = min(m.evidence.end, g.end) - max(m.evidence.start, g.start)
            if o > overlap:
                best, overlap = i, o
        if best is not None and (best not in taken or taken[best][0] < overlap):
            taken[best] = (overlap, g)
    return sorted(((g, i) for i, (_, g) in taken.items()), key=lambda p: p[0].start)


def _clusters(labels: Sequence[Hashable]) -> list[set[int]]:
    out: dict[Hashable, set[int]] = defaultdict(set)
    for i, lab in enumerate(labels):
        out[lab].add(i)
    return list(out.values())


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def muc(key: Sequence[Hashable], response: Sequence[Hashable]) -> tuple[float, float, float]:
    def score(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
        where = {i: lab for i, lab in enumerate(b)}
        num = den = 0
        for cluster in _clusters(a):
            num += len(cluster) - len({where[i] for i in cluster})
            den += len(cluster) - 1
        return num / den if den else 0.0

    r, p = score(key, response), score(response, key)
    return p, r, _f(p, r)


def b_cubed(key: Sequence[Hashable], response: Sequence[Hashable]) -> tuple[float, float, float]:
    kc = {i: c for c in _clusters(key) for i in c}
    rc = {i: c for c in _clusters(response) for i in c}
    n = len(key) or 1
    p = sum(len(kc[i] & rc[i]) / len(rc[i]) for i in range(len(key))) / n
    r = sum(len(kc[i] & rc[i]) / len(kc[i]) for i in range(len(key))) / n
    return p, r, _f(p, r)


def ceaf_e(key: Sequence[Hashable], response: Sequence[Hashable]) -> tuple[float, float, float]:
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    k, s = _clusters(key), _clusters(response)
    if not k or not s:
        return 0.0, 0.0, 0.0
    sim = np.array([[2 * len(a & b) / (len(a) + len(b)) for b in s] for a in k])
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    p, r = total / len(s), total / len(k)
    return p, r, _f(p, r)


def pairwise(key: Sequence[Hashable], response: Sequence[Hashable], docs: Sequence[str]) -> tuple[float, float, float]:
    """'Same event' links between mentions of different documents."""
    tp = fp = fn = 0
    for i, j in combinations(range(len(key)), 2):
        if docs[i] == docs[j]:
            continue
        g, s = key[i] == key[j], response[i] == response[j]
        tp += g and s
        fp += s and not g
        fn += g and not s
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, _f(p, r)


def scores(key: Sequence[Hashable], response: Sequence[Hashable], docs: Sequence[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    conll = 0.0
    for name, fn in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e)):
        p, r, f = fn(key, response)
        out[f"{name}_precision"], out[f"{name}_recall"], out[f"{name}_f1"] = round(p, 4), round(r, 4), round(f, 4)
        conll += f / 3
    out["conll_f1"] = round(conll, 4)
    p, r, f = pairwise(key, response, docs)
    out["xdoc_pair_precision"], out["xdoc_pair_recall"], out["xdoc_pair_f1"] = round(p, 4), round(r, 4), round(f, 4)
    out["events"] = float(len(set(response)))
    return out


# --------------------------------------------------------------------------- #
# Linking and the report
# --------------------------------------------------------------------------- #

Merger = Callable[[Sequence[Member], str], Mapping[tuple[str, int], str]]


def merge(members: Sequence[Member], story: str) -> dict[tuple[str, int], str]:
    """The ledger's event merging on one story: {(article, mention index): event id}."""
    from newsledger.corroborate.independence import source_groups
    from newsledger.link.entities import resolve_entities
    from newsledger.link.events import merge_events

    groups = source_groups([a for a, _ in members])
    _, entity_of = resolve_entities(members)
    _, event_of = merge_events(members, story, entity_of, groups)
    return event_of


def run(
    docs: Sequence[EcbEventDoc],
    members: Sequence[Member],
    lemmas: Mapping[tuple[str, int], str],
    merger: Merger = merge,
    story: str = "topic",
) -> dict[str, Any]:
    """Aligned gold chains vs the merger's and the baselines' events, per story:
    the gold ``topic`` (two real events per story: the hard setting) or the gold
    ``subtopic`` (one real event kind per story, as a perfect story linker gives)."""
    by_topic: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        by_topic[d.topic if story == "topic" else d.subtopic].append(i)
    key: list[str] = []
    mention_docs: list[str] = []
    system: list[str] = []
    same_type: list[str] = []
    same_lemma: list[str] = []
    gold_n = 0
    for topic, idx in by_topic.items():
        event_of = merger([members[i] for i in idx], f"topic-{topic}")
        for i in idx:
            d, (article, x) = docs[i], members[i]
            gold_n += len(d.gold)
            for g, m in align(d, x):
                key.append(g.chain)
                mention_docs.append(d.name)
                system.append(event_of.get((article.id, m), f"{d.name}:{m}"))
                ev = x.events[m]
                same_type.append(f"{topic}|{ev.event_type}|{ev.modality}")
                same_lemma.append(f"{topic}|{lemmas.get((d.name, m), ev.trigger.lower())}")
    singletons = [str(i) for i in range(len(key))]
    return {
        "gold_mentions": gold_n,
        "aligned": len(key),
        "system": scores(key, system, mention_docs),
        "singletons": scores(key, singletons, mention_docs),
        "same_type": scores(key, same_type, mention_docs),
        "same_lemma": scores(key, same_lemma, mention_docs),
        "gold_events": len(set(key)),
    }


def evaluate(data: Path, settings: Any = None, limit: int | None = None, **_: object) -> Report:
    docs = read_corpus(Path(data), limit)
    report = Report(dataset="event-coref", data_path=str(data))
    if not docs:
        report.notes.append("no documents found")
        return report
    members, lemmas = extract(docs, settings)
    return _report(report, docs, run(docs, members, lemmas), run(docs, members, lemmas, story="subtopic"))


def _report(
    report: Report, docs: Sequence[EcbEventDoc], result: dict[str, Any], by_subtopic: dict[str, Any] | None = None
) -> Report:
    s = result["system"]
    report.metrics = {
        "documents": len(docs),
        "gold_event_mentions": result["gold_mentions"],
        "aligned_mentions": result["aligned"],
        "mention_recall": round(result["aligned"] / result["gold_mentions"], 4) if result["gold_mentions"] else 0.0,
        "gold_events": result["gold_events"],
        "reader_failures": len(FAILURES),
        **{k: v for k, v in s.items()},
    }
    if FAILURES:
        report.details["reader_failures"] = FAILURES[:10]
    for name in ("singletons", "same_type", "same_lemma"):
        b = result[name]
        report.details[f"baseline_{name}"] = {
            k: b[k] for k in ("conll_f1", "muc_f1", "b3_f1", "ceafe_f1", "xdoc_pair_f1", "events")
        }
    if by_subtopic is not None:
        report.details["stories_are_subtopics"] = {
            f"{name}_{k}": by_subtopic[name][k]
            for name in ("system", "same_type", "same_lemma")
            for k in ("conll_f1", "b3_precision", "b3_f1", "xdoc_pair_f1")
        }
    report.notes.append(
        "stories = ECB+ topics (each mixes two different real events of one kind); only gold "
        "action mentions aligned to a reader trigger are scored"
    )
    return report


# --------------------------------------------------------------------------- #
# Sweep of link.events constants: two-fold by topic parity (choose on one
# half, report the other), never changes the shipped constants by itself.
# --------------------------------------------------------------------------- #

# The sweeps that chose the shipped link.events constants (docs/accuracy.md).
SWEEPS: dict[str, dict[str, tuple[Any, ...]]] = {
    "participants-places": {
        "ACTOR_VETO": ("named", "none"),
        "TARGET_VETO": (True, False),
        "VAGUE_JOINS_SPECIFIC": (True, "unambiguous", False),
    },
    "context": {"CONTEXT_VETO": (True, False), "SPEECH_ACTOR_VETO": (True, False)},
    "places": {"NEAR_KM": (0.0, 20.0, 40.0, 80.0)},
    "collapse": {"COLLAPSE_ABOVE": (0, 400)},
    "modality": {"REALIS": (frozenset({"occurred"}), frozenset({"occurred", "rumoured"}))},
    "linkage": {
        "LINKAGE": ("complete", "average"),
        "REALIS": (frozenset({"occurred", "rumoured"}), frozenset({"occurred", "rumoured", "denied"})),
        "FAMILY_MERGE": (False, True),
        "HARD_VETOES": (frozenset({"place"}), frozenset({"place", "articles"})),
    },
    "vetoes-average": {
        "HARD_VETOES": (
            frozenset({"place"}), frozenset({"articles"}), frozenset({"place", "articles"}),
            frozenset({"place", "time", "articles"}),
        ),
        "AVERAGE_MIN": (0.35, 0.5, 0.67, 0.8),
    },
    "times-types": {"MAX_TOLD_SPAN_DAYS": (None, 366, 31), "FAMILY_MERGE": (False, True)},
}


def sweep(
    docs: Sequence[EcbEventDoc], members: Sequence[Member], lemmas: Mapping[tuple[str, int], str],
    grid: Mapping[str, tuple[Any, ...]], story: str = "topic",
) -> list[str]:
    import itertools

    from newsledger.link import events

    halves = {"odd": [], "even": []}  # type: dict[str, list[int]]
    for i, d in enumerate(docs):
        halves["odd" if (int(d.topic) if d.topic.isdigit() else 0) % 2 else "even"].append(i)
    shipped = {k: getattr(events, k) for k in grid}
    results: dict[str, dict[tuple, float]] = {"all": {}, "odd": {}, "even": {}}
    lines = []
    try:
        for combo in itertools.product(*grid.values()):
            for k, v in zip(grid, combo):
                setattr(events, k, v)
            for name, idx in (("all", range(len(docs))), *halves.items()):
                sub_docs, sub_members = [docs[i] for i in idx], [members[i] for i in idx]
                results[name][combo] = run(sub_docs, sub_members, lemmas, story=story)["system"]["conll_f1"]
            lines.append(f"{dict(zip(grid, combo))}: all {results['all'][combo]:.4f}")
    finally:
        for k, v in shipped.items():
            setattr(events, k, v)
    for train, test in (("odd", "even"), ("even", "odd")):
        best = max(results[train], key=lambda c: results[train][c])
        lines.append(
            f"chosen on {train} topics: {dict(zip(grid, best))} -> {train} {results[train][best]:.4f}, "
            f"held-out {test} {results[test][best]:.4f}"
        )
    return lines


if __name__ == "__main__":  # python -m newsledger.evaluate.event_coref [--data DIR] [--limit N] [--cache FILE] [--sweep NAME [--subtopics]]
    from newsledger.config import Settings

    args = sys.argv[1:]
    data = Path(args[args.index("--data") + 1]) if "--data" in args else Settings().data_dir / "ecbplus"
    limit = int(args[args.index("--limit") + 1]) if "--limit" in args else None
    cache = Path(args[args.index("--cache") + 1]) if "--cache" in args else None
    docs = read_corpus(data, limit)
    if cache is not None and cache.is_file():
        members, lemmas = pickle.loads(cache.read_bytes())
    else:
        members, lemmas = extract(docs)
        if cache is not None:
            cache.write_bytes(pickle.dumps((members, lemmas)))
    if "--sweep" in args:
        story = "subtopic" if "--subtopics" in args else "topic"
        print("\n".join(sweep(docs, members, lemmas, SWEEPS[args[args.index("--sweep") + 1]], story)))
    else:
        report = Report(dataset="event-coref", data_path=str(data))
        print(_report(report, docs, run(docs, members, lemmas), run(docs, members, lemmas, story="subtopic")).to_text())
