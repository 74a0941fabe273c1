"""Publication dates written as a line of scraped text ('August 14, 2020',
'Published: 14 Aug 2020 10:32 GMT', '2020-08-14T09:00:00Z') or in a URL path."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_PATTERNS = (
    # August 14, 2020 / Aug. 14 2020 / Friday, August 14th, 2020
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    # 14 August 2020 / Friday 14 Aug 2020
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    # 2020-08-14, 2020/08/14, 2020-08-14T09:00:00Z
    re.compile(r"\b(?P<year>(?:19|20)\d\d)[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?|(?!\d))"),
    # 14.08.2020 (day first: the European convention; US sites write month names)
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d\d)\b"),
)  # fmt: skip

# Words that may surround a date on a dateline without making it prose.
_DATE_LINE_NOISE = re.compile(
    r"(?i)\b(?:published|updated|last|modified|posted|on|at|date|dated|first|created|"
    r"am|pm|a\.m\.|p\.m\.|gmt|utc|bst|cet|cest|est|edt|pst|pdt|msk|et|pt|local|time|"
    r"min|mins|minute|minutes|read|reading)\b|\d{1,2}[:.]\d{2}(?::\d{2})?|[+-]\d{2}:?\d{2}\b|[|,:()\-–—•·/]"
)
# A dateline holds the date, noise words ('Updated', a time zone, '3 min
# read') and at most this many other words ('Correction: October 2, 2016');
# checked on the PolNeAR texts, where 2 let 'Sept. 9, 2013 traffic problems.'
# (a fragment of prose) pass, and on tests/clean/test_scraped.py.
DATE_LINE_MAX_OTHER_WORDS = 1

_URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d\d)[/-](?P<month>0?[1-9]|1[0-2])[/-](?P<day>0?[1-9]|[12]\d|3[01])(?:/|-|$)")


def find_date(text: str) -> tuple[str, int, int] | None:
    """(ISO date, start, end) of the first full date written in ``text``."""
    best: tuple[str, int, int] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            iso = _iso(match)
            if iso and (best is None or match.start() < best[1]):
                best = (iso, match.start(), match.end())
                break
    return best


# A dateline is short: a date (at most 6 words) plus a few noise words
# ('Updated', times, zones, '3 min read'); longer lines are not even searched.
DATE_LINE_MAX_WORDS = 20


def date_line(line: str) -> str | None:
    """The ISO date if ``line`` is a dateline (a date and little else), else None."""
    if len(line.split()) > DATE_LINE_MAX_WORDS or not any(c.isdigit() for c in line):
        return None
    found = find_date(line)
    if found is None or line.rstrip().endswith((".", "!", "?")) and len(line.split()) > 6:
        return None
    iso, start, end = found
    rest = _DATE_LINE_NOISE.sub(" ", line[:start] + " " + line[end:])
    if len(rest.split()) > DATE_LINE_MAX_OTHER_WORDS:
        return None
    return iso


def url_date(url: str | None) -> str | None:
    """The date in a URL path such as /2020/08/14/slug."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    return _iso(match) if match else None


def _iso(match: re.Match[str]) -> str | None:
    month = match.group("month")
    month_no = int(month) if month.isdigit() else _MONTHS.get(month[:3].lower())
    try:
        return dt.date(int(match.group("year")), month_no or 0, int(match.group("day"))).isoformat()
    except ValueError:
        return None
