"""Time expressions, resolved against the article's publication date.

:func:`resolve` is a pure function ``(text, anchor) -> Resolved`` that never
raises. Its own rules cover what news text mostly says (weekdays, 'yesterday',
'last week', 'over the past six days', 'since 1994', 'by 6am on Friday', 'Aug. 15
and 16', 'August 14, 2020', 'in March', 'two days ago', 'next month'); dateparser
(``languages=["en"]``) is the fallback for the rest, called at most once per
distinct candidate text and anchor.

News conventions: a bare weekday is the most recent such day on or before the
publication date ('on Tuesday' in a Friday paper is three days earlier) unless the
context is future ('will', 'to organise ... on Saturday', 'next'); a day and month
without a year take the year that puts them nearest the anchor; a month alone is
the most recent one (the next one in future context).

Precision: time / day / week / month / year / range. How: stated (the text gives
the full date), inferred (month and day stated, year taken from the anchor),
relative (computed from the anchor), unresolved (no anchor, or not understood).

:func:`read_times` finds candidates from spaCy DATE / TIME entities and its own
patterns, widens them over 'late on', 'by', 'since', '6am on', and yields one
:class:`~newsledger.records.TimeExpr` per expression with its evidence span.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from newsledger.extract.base import evidence
from newsledger.records import Article, ArticleExtraction, TimeExpr

if TYPE_CHECKING:
    from spacy.tokens import Doc

EXTRACTOR = "times@0.1"

# A day-month on the unlikely side of the anchor (after it, in past-tense text)
# costs this many times its distance: 'Dec. 30' in an August report is last
# December. 2 is a convention, not fitted: no gold data here has day-months
# without years and publication dates together.
FUTURE_DISTANCE_WEIGHT = 2
WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}  # Monday=0
WEEKDAYS.update({name[:3].lower(): i for name, i in list(WEEKDAYS.items())})
WEEKDAYS.update({"tues": 1, "wed": 2, "thur": 3, "thurs": 3})
WEEKDAYS = {k.lower(): v for k, v in WEEKDAYS.items()}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "a couple of": 2,
    "a few": 3,
}

Precision = str
How = str


@dataclass(frozen=True, slots=True)
class Resolved:
    start: str | None  # ISO date, or datetime 'YYYY-MM-DDTHH:MM' for precision 'time'
    end: str | None  # inclusive
    precision: Precision
    how: How


UNRESOLVED = Resolved(None, None, "day", "unresolved")

_WD = (
    r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)"
)
_MON = (
    r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
)
_NUM = r"(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty|a couple of|a few)"
_UNIT = r"(?P<unit>day|week|month|year|fortnight)s?"
_PART = r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"
_CLOCK = r"(?P<h>\d{1,2})(?::(?P<mi>\d{2}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)?|(?P<noon>noon|midday|midnight)"


def _unnamed(pattern: str) -> str:
    return re.sub(r"\?P<\w+>", "?:", pattern)


_LEAD = re.compile(
    r"^(?:(?:late|early|earlier|later)\s+(?:on\s+|in\s+)?|on\s+|in\s+|at\s+|by\s+|until\s+|till\s+|"
    r"before\s+|after\s+|from\s+|during\s+|over\s+|as\s+of\s+|as\s+early\s+as\s+|as\s+late\s+as\s+|throughout\s+)+"
)
_POSSESSIVE = re.compile(r"(?:'s|’s|s'|s’)(?=\s|$)")
_SPACE = re.compile(r"\s+")
# "Sunday's election": the time expression ends at the possessive.
_POSSESSIVE_TAIL = re.compile(r"(?<=\w)(?:'s|’s)\b.*$", re.DOTALL)

# (name, compiled fullmatch pattern) tried in order on the normalised text.
_PATTERNS = [
    ("iso", re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[t ](?P<h>\d{2}):(?P<mi>\d{2})\S*)?")),
    ("slash", re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})")),
    (
        "mdy",
        re.compile(
            rf"(?:{_WD},?\s+)?{_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:-|–|and|to|through)\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,?\s+(?P<y>\d{{4}}))?{_PART}"
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"(?:{_WD},?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:-|–|and|to)\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?\s+(?:of\s+)?{_MON}(?:,?\s+(?P<y>\d{{4}}))?"
        ),
    ),
    ("month_year", re.compile(rf"{_MON},?\s+(?P<y>\d{{4}})")),
    ("month", re.compile(rf"(?P<rel>last|this|next|early|late|mid|mid-)?\s*{_MON}")),
    ("year", re.compile(r"(?P<rel>early|late|mid|mid-)?\s*(?P<y>1[5-9]\d\d|20\d\d)")),
    ("decade", re.compile(r"(?:the\s+)?(?P<y>1[5-9]\d0|20\d0)s")),
    (
        "today",
        re.compile(
            r"(?P<w>today|tonight|this morning|this afternoon|this evening|earlier today|later today|now)"
        ),
    ),
    (
        "yesterday",
        re.compile(
            rf"(?P<w>the day before yesterday|yesterday|tomorrow|the day after tomorrow){_PART}|last night"
        ),
    ),
    ("weekday", re.compile(rf"(?P<rel>last|this|next|this past|this coming|past|coming)?\s*{_WD}{_PART}")),
    ("ago", re.compile(rf"{_NUM}\s+{_UNIT}\s+(?P<dir>ago|earlier|before|later|from now|hence)")),
    ("rel_unit", re.compile(r"(?P<rel>last|this|next|previous|coming)\s+(?P<unit>week|month|year|weekend)")),
    (
        "past_n",
        re.compile(
            rf"(?:over\s+|in\s+|during\s+|for\s+|within\s+)?(?:the\s+)?(?P<dir>past|last|previous|next|coming)\s+(?:{_NUM}\s+)?{_UNIT}"
        ),
    ),
    ("weekend", re.compile(r"(?:the\s+)?(?P<rel>)weekend")),
    (
        "season",
        re.compile(
            r"(?:the\s+)?(?P<rel>last|this|next|past|coming|early|late)?\s*(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>\d{4}))?"
        ),
    ),
]
_SINCE = re.compile(r"^(?:ever\s+)?since\s+(?P<rest>.+)$")
_CLOCK_RE = re.compile(rf"^(?:{_CLOCK})$")
# '6am on Friday', 'Friday at 6am', '6am Friday', 'Friday 6am'
_TIME_DAY = re.compile(rf"^(?P<clock>(?:{_CLOCK}))(?:\s+(?:on|of))?\s+(?P<day>.+)$")
_DAY_TIME = re.compile(rf"^(?P<day>.+?)(?:\s+at)?\s+(?P<clock>(?:{_CLOCK}))$")


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _day(d: dt.date, how: How, precision: Precision = "day") -> Resolved:
    return Resolved(_iso(d), _iso(d), precision, how)


def _span(a: dt.date, b: dt.date, precision: Precision, how: How) -> Resolved:
    return Resolved(_iso(a), _iso(b), precision, how)


def _month_span(year: int, month: int, how: How) -> Resolved:
    last = calendar.monthrange(year, month)[1]
    return _span(dt.date(year, month, 1), dt.date(year, month, last), "month", how)


def _week_of(d: dt.date) -> tuple[dt.date, dt.date]:
    monday = d - dt.timedelta(days=d.weekday())
    return monday, monday + dt.timedelta(days=6)


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + delta
    return total // 12, total % 12 + 1


def _number(text: str | None) -> int | None:
    if text is None:
        return 1
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


def normalise(text: str) -> str:
    """Lowercase, possessives stripped ("Sunday's" -> 'sunday'), spaces collapsed."""
    low = _SPACE.sub(" ", (text or "").lower()).strip(" \t\n,.;:!?\"'()[]“”‘’")
    return _POSSESSIVE.sub("", low).strip()


def _nearest_year(month: int, day: int, anchor: dt.date, future: bool = False) -> dt.date | None:
    """The year that puts day-month nearest the anchor, with days on the unlikely
    side of the anchor (future ones in past-tense context) counted
    :data:`FUTURE_DISTANCE_WEIGHT` times: news mostly reports what happened."""
    best, best_cost = None, None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            continue
        delta = (cand - anchor).days
        unlikely = delta < 0 if future else delta > 0
        cost = abs(delta) * (FUTURE_DISTANCE_WEIGHT if unlikely else 1)
        if best_cost is None or cost < best_cost:
            best, best_cost = cand, cost
    return best


def _weekday(wd: int, rel: str | None, anchor: dt.date, future: bool) -> dt.date:
    back = (anchor.weekday() - wd) % 7
    fwd = (wd - anchor.weekday()) % 7
    rel = (rel or "").strip()
    if rel in ("last", "past", "this past"):
        return anchor - dt.timedelta(days=back or 7)
    if rel in ("next", "coming", "this coming"):
        return anchor + dt.timedelta(days=fwd or 7)
    if rel == "this":
        return anchor + dt.timedelta(days=fwd) if future else anchor - dt.timedelta(days=back)
    return anchor + dt.timedelta(days=fwd) if future else anchor - dt.timedelta(days=back)


def _apply(name: str, m: re.Match[str], anchor: dt.date | None, future: bool) -> Resolved | None:
    g = m.groupdict()
    if name == "iso":
        d = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
        if g.get("h"):
            return Resolved(
                f"{_iso(d)}T{int(g['h']):02d}:{g['mi']}",
                f"{_iso(d)}T{int(g['h']):02d}:{g['mi']}",
                "time",
                "stated",
            )
        return _day(d, "stated")
    if name == "slash":
        y = int(g["y"]) + (2000 if len(g["y"]) == 2 else 0)
        return _day(dt.date(y, int(g["m"]), int(g["d"])), "stated")
    if name == "decade":
        y = int(g["y"])
        return _span(dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "range", "stated")
    if name == "year":
        y = int(g["y"])
        return _span(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "stated")
    if name == "month_year":
        return _month_span(int(g["y"]), MONTHS[g["mon"]], "stated")
    if name in ("mdy", "dmy"):
        month, d1 = MONTHS[g["mon"]], int(g["d"])
        d2 = int(g["d2"]) if g.get("d2") else None
        if g.get("y"):
            start, how = dt.date(int(g["y"]), month, d1), "stated"
        elif anchor is not None:
            start, how = _nearest_year(month, d1, anchor, future), "inferred"
            if start is None:
                return None
        else:
            return UNRESOLVED
        if d2 is not None and d2 > d1:
            return _span(start, start.replace(day=d2), "range", how)
        return _day(start, how)
    if anchor is None:
        return UNRESOLVED
    if name == "season":
        return _season(g, anchor, future)
    if name == "month":
        month, rel = MONTHS[g["mon"]], (g.get("rel") or "").strip()
        if month == 5 and not rel and m.string.strip() == "may":
            return UNRESOLVED  # the verb 'may' (and no dateparser fallback)
        year = anchor.year
        if rel == "next" or (future and rel != "last" and month < anchor.month):
            year += 1 if month <= anchor.month else 0
        elif rel == "last" or (not future and month > anchor.month):
            year -= 1
        return _month_span(year, month, "relative")
    if name == "today":
        return _day(anchor, "relative")
    if name == "yesterday":
        w = g.get("w") or "yesterday"
        delta = {
            "the day before yesterday": -2,
            "yesterday": -1,
            "tomorrow": 1,
            "the day after tomorrow": 2,
        }.get(w, -1)
        return _day(anchor + dt.timedelta(days=delta), "relative")
    if name == "weekday":
        return _day(_weekday(WEEKDAYS[g["wd"]], g.get("rel"), anchor, future), "relative")
    if name == "ago":
        n = _number(g.get("n"))
        if n is None:
            return None
        sign = -1 if g["dir"] in ("ago", "earlier", "before") else 1
        unit = g["unit"]
        if unit == "day":
            return _day(anchor + dt.timedelta(days=sign * n), "relative")
        if unit in ("week", "fortnight"):
            days = 7 * n * (2 if unit == "fortnight" else 1)
            a, b = _week_of(anchor + dt.timedelta(days=sign * days))
            return _span(a, b, "week", "relative")
        if unit == "month":
            y, mo = _add_months(anchor.year, anchor.month, sign * n)
            return _month_span(y, mo, "relative")
        y = anchor.year + sign * n
        return _span(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "relative")
    if name == "past_n":
        n = _number(g.get("n"))
        if n is None:
            return None
        days = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}[g["unit"]] * n
        if g["dir"] in ("next", "coming"):
            return _span(anchor, anchor + dt.timedelta(days=days - 1), "range", "relative")
        # 'over the past six days' in a Friday paper: Sunday..Friday, six days inclusive
        return _span(anchor - dt.timedelta(days=days - 1), anchor, "range", "relative")
    if name in ("rel_unit", "weekend"):
        rel, unit = (g.get("rel") or "").strip(), g.get("unit") or "weekend"
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
        if unit == "week":
            a, b = _week_of(anchor + dt.timedelta(days=7 * step))
            return _span(a, b, "week", "relative")
        if unit == "month":
            y, mo = _add_months(anchor.year, anchor.month, step)
            return _month_span(y, mo, "relative")
        if unit == "year":
            y = anchor.year + step
            return _span(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "relative")
        # weekend: the coming one in future context or after 'next/this coming'
        if step > 0 or (step == 0 and future):
            sat = anchor + dt.timedelta(days=(5 - anchor.weekday()) % 7)
        else:
            sat = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
            if step < 0 and sat == anchor:
                sat -= dt.timedelta(days=7)
        return _span(sat, sat + dt.timedelta(days=1), "range", "relative")
    return None


# Northern-hemisphere meteorological seasons: (first month, number of months).
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _season_span(year: int, first: int) -> tuple[dt.date, dt.date]:
    y2, m2 = _add_months(year, first, 2)
    return dt.date(year, first, 1), dt.date(y2, m2, calendar.monthrange(y2, m2)[1])


def _season(g: dict, anchor: dt.date, future: bool) -> Resolved:
    """'last summer', 'this winter', 'spring 2019': a three-month range."""
    first = SEASONS[g["season"]]
    if g.get("y"):
        a, b = _season_span(int(g["y"]), first)
        return _span(a, b, "range", "stated")
    rel = (g.get("rel") or "").strip()
    # the latest occurrence that has started by the anchor
    year = anchor.year if dt.date(anchor.year, first, 1) <= anchor else anchor.year - 1
    start, end = _season_span(year, first)
    ongoing = start <= anchor <= end
    if rel in ("last", "past"):
        year -= 1 if ongoing else 0
    elif rel in ("next", "coming") or (future and not ongoing):
        year += 1
    a, b = _season_span(year, first)
    return _span(a, b, "range", "relative")


def _clock(text: str) -> tuple[int, int] | None:
    m = _CLOCK_RE.match(text)
    if not m:
        return None
    if m.group("noon"):
        return (0, 0) if m.group("noon") == "midnight" else (12, 0)
    hour, minute, ap = int(m.group("h")), int(m.group("mi") or 0), (m.group("ap") or "").replace(".", "")
    if not ap and not m.group("mi"):
        return None  # a bare number is not a time
    if ap == "pm" and hour < 12:
        hour += 12
    if ap == "am" and hour == 12:
        hour = 0
    return (hour, minute) if hour < 24 and minute < 60 else None


def _rules(text: str, anchor: dt.date | None, future: bool) -> Resolved | None:
    since = _SINCE.match(text)
    if since:
        inner = _rules(since.group("rest"), anchor, future)
        if inner is None or inner.start is None:
            return inner
        end = _iso(anchor) if anchor else None
        how = inner.how if anchor is None else ("stated" if inner.how == "stated" else "relative")
        return Resolved(inner.start, end, "range", how)
    body = _LEAD.sub("", text).strip()
    for name, pattern in _PATTERNS:
        m = pattern.fullmatch(body)
        if m:
            return _apply(name, m, anchor, future)
    for pattern in (_TIME_DAY, _DAY_TIME):
        m = pattern.match(body)
        if m:
            hm = _clock(m.group("clock").strip())
            day = _rules(m.group("day"), anchor, future)
            if hm is None or day is None:
                continue
            if day.start is None or day.precision not in ("day",):
                return day
            stamp = f"{day.start}T{hm[0]:02d}:{hm[1]:02d}"
            return Resolved(stamp, stamp, "time", day.how)
    hm = _clock(body)
    if hm is not None:
        if anchor is None:
            return UNRESOLVED
        stamp = f"{_iso(anchor)}T{hm[0]:02d}:{hm[1]:02d}"
        return Resolved(stamp, stamp, "time", "inferred")
    return None


_NAMED = re.compile(r"\b(?:" + _unnamed(_WD) + "|" + _unnamed(_MON).replace(r"\.?", "") + r")\b")
_RELATIVE_WORDS = re.compile(r"\b(?:ago|last|next|yesterday|today|tomorrow|this|past|coming|earlier|later)\b")


@lru_cache(maxsize=4096)
def _dateparser(text: str, anchor: dt.date | None, future: bool) -> Resolved | None:
    """dateparser for what the rules do not cover. Only day-level answers are kept."""
    if not _NAMED.search(text):
        return None  # no month or weekday name: bare numbers are not dates; skip the slow call
    import dateparser

    base = dt.datetime.combine(anchor or dt.date(2000, 1, 1), dt.time(12, 0))
    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "future" if future else "past",
        "STRICT_PARSING": False,
    }
    found = dateparser.parse(text, languages=["en"], settings=settings)
    if found is None:
        return None
    relative = bool(_RELATIVE_WORDS.search(text)) or not re.search(r"\d{4}", text)
    if anchor is None and relative:
        return UNRESOLVED
    return _day(found.date(), "relative" if relative else "stated")


def resolve(text: str, anchor: dt.date | str | None, future: bool = False) -> Resolved:
    """Resolve one time expression against ``anchor`` (the publication date).

    Never raises: returns ``Resolved(None, None, ..., 'unresolved')`` for text it
    cannot read, and for relative text when there is no anchor.
    """
    try:
        if isinstance(anchor, str):
            anchor = parse_anchor(anchor)
        if isinstance(anchor, dt.datetime):
            anchor = anchor.date()
        norm = normalise(_POSSESSIVE_TAIL.sub("", text or ""))
        if not norm or len(norm) > 80:
            return UNRESOLVED
        found = _rules(norm, anchor, future)
        if found is None:
            found = _dateparser(norm, anchor, future)
        return found or UNRESOLVED
    except Exception:  # dates out of range, odd Unicode digits, dateparser internals
        return UNRESOLVED


def parse_anchor(value: str | None) -> dt.date | None:
    """The date part of an ISO date / datetime string, or None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# --------------------------------------------------------------------------- #
# Finding time expressions in a Doc
# --------------------------------------------------------------------------- #

# Candidate patterns beyond spaCy's DATE/TIME entities (which miss 'late on' and
# split '6am on Friday'); matched on the raw text, case-insensitively.
_P_CLOCK, _P_WD, _P_PART, _P_MON, _P_NUM, _P_UNIT = map(_unnamed, (_CLOCK, _WD, _PART, _MON, _NUM, _UNIT))
_CANDIDATE = re.compile(
    rf"\b(?:(?:late|early)\s+(?:on\s+)?|by\s+|since\s+|until\s+|over\s+|from\s+|in\s+)?(?:"
    rf"\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|(?:(?:{_P_CLOCK})\s+(?:on\s+)?)?(?:last\s+|next\s+|this\s+)?{_P_WD}(?:'s|’s)?{_P_PART}(?:\s+at\s+(?:{_P_CLOCK}))?"
    rf"|{_P_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:-|–|and|to)\s*\d{{1,2}})?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_P_MON}(?:,?\s+\d{{4}})?"
    rf"|(?:the\s+day\s+before\s+)?yesterday|today|tomorrow|tonight|this\s+(?:morning|afternoon|evening)"
    rf"|{_P_NUM}\s+{_P_UNIT}\s+ago"
    rf"|(?:the\s+)?(?:past|last|previous|next|coming)\s+(?:{_P_NUM}\s+)?{_P_UNIT}"
    rf"|(?:last|this|next|earlier\s+this)\s+(?:week|month|year|weekend)|(?:the\s+)?weekend"
    rf"|(?:in|since|until|by|from)\s+(?:{_P_MON}(?:\s+\d{{4}})?|1[5-9]\d\d|20\d\d)"
    rf")(?![\w-])",
    re.IGNORECASE,
)
# Widen a spaCy DATE/TIME entity over these words right before it.
_LEFT_WORDS = re.compile(r"(?:\b(?:late|early)\s+(?:on\s+)?|\b(?:by|since|until)\s+)$", re.IGNORECASE)
_AGE_CONTEXT = re.compile(r"^\s*\d{1,3}(?:[-\s]year[-\s]old)?\s*$")
_FUTURE_WORDS = frozenset(
    {
        "will",
        "shall",
        "'ll",
        "going",
        "plan",
        "plans",
        "planned",
        "scheduled",
        "set",
        "due",
        "expected",
        "upcoming",
        "next",
    }
)
# spaCy DATE entities that are durations or ages, not points in time
_NOT_A_TIME = re.compile(
    r"^(?:the\s+)?(?:years?|days?|months?|weeks?|decades?|\d{1,3}|\d{1,3}[-\s]years?[-\s]old|several\s+\w+|\w+\s+(?:years?|months?|days?)\s+old)$",
    re.IGNORECASE,
)


def _future(doc: "Doc", start: int, end: int) -> bool:
    """Future context: the verb the expression hangs off has 'will' / 'shall' or
    an infinitive 'to' ('to organise gatherings on Aug. 15'), or is a call / plan
    ('called for mass weekend rallies'). Perfect infinitives ('claim to have won
    Sunday's election') and anything past the first verb up the tree do not count."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    tok = span.root
    for _ in range(4):
        head = tok.head
        if head.i == tok.i:  # spaCy builds a new Token per access: compare indices
            return False
        if head.lemma_ in ("call", "plan", "schedule", "urge", "vow", "promise", "threaten"):
            return True
        if head.pos_ in ("VERB", "AUX"):
            kids = [c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")]
            if any(k in ("will", "shall", "'ll", "wo") for k in kids):
                return True
            return "to" in kids and not any(k in ("have", "has", "had") for k in kids)
        if head.lower_ in ("next", "upcoming"):
            return True
        tok = head
    return False


def _candidates(doc: "Doc", text: str) -> list[tuple[int, int]]:
    """Own patterns first (they know 'late on', 'by 6am on Friday'); spaCy DATE /
    TIME entities only where no pattern matched."""
    spans = [(m.start(), m.end()) for m in _CANDIDATE.finditer(text)]
    taken = list(spans)
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        s, e = ent.start_char, ent.end_char
        if any(s < te and e > ts for ts, te in taken):
            continue
        left = _LEFT_WORDS.search(text, max(0, s - 12), s)
        spans.append((left.start() if left else s, e))
    spans.sort(key=lambda x: (x[0], -x[1]))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        elif (
            merged
            and text[merged[-1][1] : s] in (" on ", " at ")
            and _clock(normalise(text[merged[-1][0] : merged[-1][1]]))
        ):
            merged[-1] = (merged[-1][0], e)  # '6am' + ' on ' + 'Friday'
        else:
            merged.append((s, e))
    return merged


def _trim_possessive(text: str, s: int, e: int) -> tuple[int, int]:
    while e > s and text[e - 1] in " ,.;:":
        e -= 1
    if text[s:e].endswith(("'s", "’s")):
        e -= 2
    return s, e


def read_times(doc: "Doc", article: Article, found: ArticleExtraction | None = None) -> Iterator[TimeExpr]:
    """Time expressions of one article, resolved against ``article.published``."""
    text = doc.text if "newsledger.text" not in doc.user_data else doc.user_data["newsledger.text"]
    anchor = parse_anchor(article.published)
    probe = anchor or dt.date(2000, 1, 1)  # decides what is a time expression at all
    for s, e in _candidates(doc, text):
        s, e = _trim_possessive(text, s, e)
        if e <= s:
            continue
        surface = text[s:e]
        if _NOT_A_TIME.match(surface.strip()) or "\n" in surface:
            continue
        future = _future(doc, s, e)
        if resolve(surface, probe, future).start is None:
            continue  # not something a date could be read from
        res = resolve(surface, anchor, future)
        yield TimeExpr(
            evidence=evidence(doc, article, s, e, EXTRACTOR),
            text=surface,
            start=res.start,
            end=res.end,
            precision=res.precision,  # type: ignore[arg-type]
            how=res.how,  # type: ignore[arg-type]
            anchor=anchor.isoformat() if anchor else None,
        )


__all__ = ["EXTRACTOR", "Resolved", "normalise", "parse_anchor", "read_times", "resolve"]
