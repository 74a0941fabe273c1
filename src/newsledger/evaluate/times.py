"""Score extract.times on gold data: resolution on GVDB, detection on ECB+.

``newsledger evaluate times [--data gvdb/dev.tsv | --data ecbplus] [--limit N]``

- GVDB TSV (default): each article's gold incident ``date``. GVDB gives no
  publication date, so the anchor is the date in the article URL ('/2014/05/03/'),
  which news sites set to the publication day; articles without one are skipped
  (they could only be scored as 'unresolved'). The prediction is the first time
  expression of day or time precision in the body (reports open with 'was shot
  and killed Tuesday'). Reported: exact-day accuracy and within one day, against
  the baseline 'incident date = publication date'.
- ECB+ folder: detection recall of gold TIME_DATE markables (share overlapped by
  a TimeExpr) and the share of those that got a resolved value when the anchor is
  the document's first explicit full date. ECB+ annotates only some sentences,
  so precision is not measurable there.

Nothing here is learned from the data.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from newsledger.config import Settings
from newsledger.evaluate.report import Report
from newsledger.records import Article

_URL_DATE = re.compile(r"/(20\d\d|19\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|[^\d])")


# '/2016/jan/26/' (month name) and '-20160223-story.html' (a compact stamp) are
# the other ways news sites put the publication day in a URL.
_URL_MONTH_DATE = re.compile(r"/(20\d\d|19\d\d)/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*/(\d{1,2})/",
                             re.I)
_URL_STAMP = re.compile(r"[-_/](20\d\d|19\d\d)(\d\d)(\d\d)(?=[-_./]|$)")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _url_date(url: str) -> dt.date | None:
    """The publication day a news URL carries ('/2016/01/27/', '/2016-01-18/',
    '/2016/jan/26/', '-20160223-story.html'), or None."""
    for pattern in (_URL_DATE, _URL_MONTH_DATE, _URL_STAMP):
        for m in pattern.finditer(url or ""):
            month = m.group(2)
            month_no = _MONTHS.index(month[:3].lower()) + 1 if month.isalpha() else int(month)
            try:
                return dt.date(int(m.group(1)), month_no, int(m.group(3)))
            except ValueError:
                continue
    return None


def _gvdb_rows(path: Path):
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            try:
                gold = json.loads(row["Json"])["date-and-time"]["date"]
            except (KeyError, ValueError, TypeError):
                continue
            anchor = _url_date(row.get("Article url", ""))
            title = row.get("Article title", "")
            text = row.get("Full text", "")
            if text.startswith(title):  # GVDB glues the title to the body
                text = text[len(title) :]
            if anchor and gold:
                yield row["Article id"], anchor, gold, text


def _score_gvdb(path: Path, settings: Settings, limit: int | None) -> Report:
    from newsledger.extract.times import read_times
    from newsledger.nlp import load_nlp

    nlp = load_nlp(settings.models)
    rows = list(_gvdb_rows(path))[: limit or None]
    exact = near = base_exact = base_near = predicted = 0
    # GVDB gold dates are sometimes a year off the article (an annotator's default
    # year): the 'plausible' subset keeps gold dates within 31 days before the anchor.
    plausible = plausible_exact = 0
    misses: list[str] = []
    for (aid, anchor, gold, text), doc in zip(
        rows, nlp.pipe((r[3] for r in rows), batch_size=settings.nlp_batch_size)
    ):
        article = Article(id=aid, source=aid, text=text, published=anchor.isoformat())
        guess = next(
            (t for t in read_times(doc, article, None) if t.precision in ("day", "time") and t.start), None
        )
        gold_d = dt.date.fromisoformat(gold[:10])
        is_plausible = 0 <= (anchor - gold_d).days <= 31
        plausible += is_plausible
        base_exact += anchor == gold_d
        base_near += abs((anchor - gold_d).days) <= 1
        if guess is None:
            continue
        predicted += 1
        got = dt.date.fromisoformat(guess.start[:10])
        exact += got == gold_d
        plausible_exact += is_plausible and got == gold_d
        near += abs((got - gold_d).days) <= 1
        if got != gold_d and len(misses) < 15:
            misses.append(f"{aid}: {guess.text!r} -> {got} gold {gold_d} (anchor {anchor})")
    n = len(rows) or 1
    report = Report(dataset="times", data_path=str(path))
    report.metrics = {
        "articles_with_url_date": len(rows),
        "predicted": predicted,
        "exact_day_accuracy": round(exact / n, 4),
        "within_1_day_accuracy": round(near / n, 4),
        "baseline_pubdate_exact": round(base_exact / n, 4),
        "baseline_pubdate_within_1_day": round(base_near / n, 4),
        "plausible_gold_articles": plausible,
        "plausible_exact_day_accuracy": round(plausible_exact / plausible, 4) if plausible else 0.0,
    }
    report.details["misses"] = misses
    report.notes.append("anchor = date in the article URL; prediction = first day/time-precision expression")
    return report


def _ecb_docs(folder: Path):
    for path in sorted(folder.rglob("*.xml")):
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
        gold = []
        markables = root.find("Markables")
        for m in markables if markables is not None else ():
            if m.tag != "TIME_DATE":
                continue
            anchors = [offsets[a.get("t_id")] for a in m.findall("token_anchor") if a.get("t_id") in offsets]
            if anchors:
                gold.append((min(a[0] for a in anchors), max(a[1] for a in anchors)))
        yield path.name, "".join(pieces), gold


def _score_ecb(path: Path, settings: Settings, limit: int | None) -> Report:
    from newsledger.extract.times import read_times, resolve
    from newsledger.nlp import load_nlp

    nlp = load_nlp(settings.models)
    docs = list(_ecb_docs(path))[: limit or None]
    total = found = resolved = 0
    for (name, text, gold), doc in zip(
        docs, nlp.pipe((d[1] for d in docs), batch_size=settings.nlp_batch_size)
    ):
        # anchor: the first full date the document states (ECB+ keeps web datelines)
        anchor = None
        for m in re.finditer(r"[A-Z][a-z]+\.? \d{1,2} ?, \d{4}|\d{4}-\d\d-\d\d", text):
            r = resolve(m.group(0), None)
            if r.start:
                anchor = r.start[:10]
                break
        times = list(read_times(doc, Article(id=name, source=name, text=text, published=anchor), None))
        for s, e in gold:
            total += 1
            hit = [t for t in times if t.evidence.start < e and t.evidence.end > s]
            found += bool(hit)
            resolved += any(t.start for t in hit)
    report = Report(dataset="times", data_path=str(path))
    report.metrics = {
        "gold_time_date": total,
        "detection_recall": round(found / total, 4) if total else 0.0,
        "resolved_share": round(resolved / total, 4) if total else 0.0,
    }
    report.notes.append("ECB+ annotates a subset of sentences: precision is not measurable")
    return report


def evaluate(data: Path, settings: Settings | None = None, limit: int | None = None, **_: object) -> Report:
    settings = settings or Settings()
    data = Path(data)
    if data.is_dir():
        return _score_ecb(data, settings, limit)
    return _score_gvdb(data, settings, limit)


__all__ = ["evaluate"]
