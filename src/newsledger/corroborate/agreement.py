"""Do two reported values agree? Judged with their hedges.

A count claim is an interval: 'at least 6,700' is [6700, inf), 'more than 6,000'
is (6000, inf), 'about 200' is [200*(1-t), 200*(1+t)] with t =
:data:`ABOUT_TOLERANCE`, 'nearly 50' is [50*(1-t), 50], 'up to 30' is [0, 30],
'hundreds' is the range the number reader gave (e.g. [200, 999]). Two claims
agree when their intervals overlap: 'at least 6,700' and 'more than 6,000'
agree; 'two deaths' and 'five killed' ([2, 2] vs [5, 5]) conflict.

Dates agree when their day ranges overlap; places when they are the same
place or one contains the other (same country and one is the country);
actors / targets when they are the same entity. Statements: see statements.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from newsledger.records import Claim, Hedge

# 'about N' / 'nearly N' / 'some N' spread. Not fitted to data: news rounding
# ('about 200' for 180-220) is conventionally +-10%; a looser tolerance would let
# 'about 200' agree with 250, which analysts would flag.
ABOUT_TOLERANCE = 0.1


@dataclass(frozen=True, slots=True)
class Interval:
    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def overlaps(self, other: "Interval") -> bool:
        lo = max(self.low, other.low)
        hi = min(self.high, other.high)
        if lo < hi:
            return True
        if lo > hi:
            return False
        # touching at one point: both must include it
        lo_open = (self.low_open and self.low == lo) or (other.low_open and other.low == lo)
        hi_open = (self.high_open and self.high == hi) or (other.high_open and other.high == hi)
        return not (lo_open or hi_open)

    def describe(self) -> str:
        left = "(" if self.low_open else "["
        right = ")" if self.high_open or math.isinf(self.high) else "]"
        high = "inf" if math.isinf(self.high) else f"{self.high:g}"
        return f"{left}{self.low:g}, {high}{right}"


def interval(low: float | None, high: float | None, hedge: Hedge | None) -> Interval | None:
    """The set of values a hedged number allows; None when there is no number."""
    if low is None and high is None:
        return None
    lo = low if low is not None else 0.0
    hi = high if high is not None else math.inf
    match hedge:
        case "at_least":
            return Interval(lo, math.inf)
        case "more_than":
            return Interval(lo, math.inf, low_open=True)
        case "up_to":
            return Interval(0.0, hi if high is not None else lo)
        case "less_than":
            return Interval(0.0, hi if high is not None else lo, high_open=True)
        case "about":
            return Interval(lo * (1 - ABOUT_TOLERANCE), (hi if high is not None else lo) * (1 + ABOUT_TOLERANCE))
        case "nearly":
            return Interval(lo * (1 - ABOUT_TOLERANCE), hi if high is not None else lo)
        case _:  # exact, vague (range given by the reader), unknown
            return Interval(lo, hi if high is not None else (lo if hedge == "exact" or hedge is None else math.inf))


def counts_agree(a: Claim, b: Claim) -> bool:
    ia, ib = interval(a.low, a.high, a.hedge), interval(b.low, b.high, b.hedge)
    if ia is None or ib is None:
        return True  # nothing to compare
    return ia.overlaps(ib)


def dates_agree(a: str | None, b: str | None) -> bool:
    """ISO dates or 'start/end' ranges agree when the day ranges overlap."""
    if not a or not b:
        return True
    a0, _, a1 = a.partition("/")
    b0, _, b1 = b.partition("/")
    a1, b1 = a1 or a0, b1 or b0
    return a0[:10] <= b1[:10] and b0[:10] <= a1[:10]


def values_agree(a: Claim, b: Claim) -> bool:
    """Agreement of two claims about the same attribute (see module docstring)."""
    if a.kind == "count":
        return counts_agree(a, b)
    if a.kind == "date":
        return dates_agree(a.value, b.value)
    if a.kind == "place":
        return _places_agree(a.value, b.value)
    if a.kind == "statement":
        return a.polarity == b.polarity or a.value != b.value
    return a.value is None or b.value is None or a.value == b.value


def _places_agree(a: str | None, b: str | None) -> bool:
    # Place values are "CC" (a country) or "CC:geonameid"/"CC:name" (inside it).
    if not a or not b or a == b:
        return True
    ca, _, _ = a.partition(":")
    cb, _, _ = b.partition(":")
    return ca == cb and (":" not in a or ":" not in b)


def reason(a: Claim, b: Claim) -> str:
    if a.kind == "count":
        ia, ib = interval(a.low, a.high, a.hedge), interval(b.low, b.high, b.hedge)
        if ia and ib:
            return f"'{a.text}' {ia.describe()} and '{b.text}' {ib.describe()} do not overlap"
    if a.kind == "statement":
        return f"'{a.text}' ({a.polarity}) vs '{b.text}' ({b.polarity})"
    return f"'{a.text}' ({a.value}) vs '{b.text}' ({b.value})"
