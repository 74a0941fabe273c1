"""Discrepancies: pairs of claims that cannot both be true.

``find_discrepancies(claims) -> list[Discrepancy]``

* values of one attribute of one event, reported by different articles, that
  disagree within their hedges (agreement.values_agree): 'two deaths' vs 'five
  killed'. Counts, dates and places only: an event having several actors or
  targets is normal, not a conflict. Two figures in one article are not
  compared ('one in Minsk, one in Gomel' next to 'two deaths' is a breakdown,
  and '80%' / '10%' are two candidates' shares): a discrepancy is between
  sources;
* statements where one denies what the other admits (statements.contradicts),
  by different speakers, anywhere in the story: an official's apology for
  beatings vs his deputy's 'there was no abuse'.

One discrepancy per pair of distinct values: when ten copies report '2' and three report '5', the pair is named once
(by the smallest claim ids). Deterministic.
"""

from __future__ import annotations

import hashlib
import re
from typing import Sequence

from newsledger.corroborate.agreement import reason, values_agree
from newsledger.corroborate.statements import contradicts
from newsledger.records import Claim, Discrepancy


VALUE_KINDS = ("count", "date", "place")
# A count is compared only when written as a number or a magnitude word; an
# implicit count ('he was detained' = 1) is one person inside the event, not a
# figure for the whole event.
_NUMERIC = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|dozen|several|few|scores?|dozens|hundreds|thousands|millions)\b",
    re.IGNORECASE,
)


def _id(a: Claim, b: Claim) -> str:
    return "dsc-" + hashlib.sha1(f"{a.id}|{b.id}".encode("utf-8")).hexdigest()[:16]


def _value_key(c: Claim) -> tuple:
    return (c.low, c.high, c.hedge, c.value, c.polarity)


def find_discrepancies(claims: Sequence[Claim]) -> list[Discrepancy]:
    out: dict[tuple[str, str], Discrepancy] = {}
    groups: dict[tuple[str, str], list[Claim]] = {}
    for c in sorted(claims, key=lambda c: c.id):
        if c.event_id is not None and c.kind in VALUE_KINDS and (c.kind != "count" or _NUMERIC.search(c.text)):
            groups.setdefault((c.event_id, c.attribute), []).append(c)
    for (event_id, attribute), members in sorted(groups.items()):
        seen: set[tuple[tuple, tuple]] = set()
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pair = tuple(sorted((_value_key(a), _value_key(b)), key=repr))
                if a.evidence.article_id == b.evidence.article_id or pair in seen or values_agree(a, b):
                    continue
                seen.add(pair)  # type: ignore[arg-type]
                out[(a.id, b.id)] = Discrepancy(_id(a, b), event_id, attribute, (a.id, b.id), reason(a, b))
    statements = sorted((c for c in claims if c.kind == "statement"), key=lambda c: c.id)
    for i, a in enumerate(statements):
        for b in statements[i + 1 :]:
            if a.speaker and b.speaker and a.speaker == b.speaker:
                continue
            shared = contradicts(a.text, a.value or a.text, b.text, b.value or b.text)
            if shared:
                why = f"{a.speaker or 'unattributed'} ({a.polarity}) vs {b.speaker or 'unattributed'} ({b.polarity}) on {', '.join(sorted(shared))}"
                event = a.event_id if a.event_id == b.event_id else None
                out[(a.id, b.id)] = Discrepancy(_id(a, b), event, "statement", (a.id, b.id), why)
    return [out[k] for k in sorted(out)]
