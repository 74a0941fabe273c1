"""Discrepancies: pairs of claims that cannot both be true.

``find_discrepancies(claims) -> list[Discrepancy]``

* values of one attribute of one event that disagree within their hedges
  (agreement.values_agree): 'two deaths' vs 'five killed';
* statements where one denies what the other admits (statements.contradicts),
  by different speakers, anywhere in the story: an official's apology for
  beatings vs his deputy's 'there was no abuse'.

Claims from the same article are compared too (an article can report two
figures), but never a claim with itself. One discrepancy per pair of distinct
values: when ten copies report '2' and three report '5', the pair is named once
(by the smallest claim ids). Deterministic.
"""

from __future__ import annotations

import hashlib
from typing import Sequence

from newsledger.corroborate.agreement import reason, values_agree
from newsledger.corroborate.statements import contradicts
from newsledger.records import Claim, Discrepancy


def _id(a: Claim, b: Claim) -> str:
    return "dsc-" + hashlib.sha1(f"{a.id}|{b.id}".encode("utf-8")).hexdigest()[:16]


def _value_key(c: Claim) -> tuple:
    return (c.low, c.high, c.hedge, c.value, c.polarity)


def find_discrepancies(claims: Sequence[Claim]) -> list[Discrepancy]:
    out: dict[tuple[str, str], Discrepancy] = {}
    groups: dict[tuple[str, str], dict[tuple, Claim]] = {}
    for c in sorted(claims, key=lambda c: c.id):
        if c.event_id is None or c.kind == "statement":
            continue
        groups.setdefault((c.event_id, c.attribute), {}).setdefault(_value_key(c), c)
    for (event_id, attribute), reps in sorted(groups.items()):
        values = list(reps.values())
        for i, a in enumerate(values):
            for b in values[i + 1 :]:
                if not values_agree(a, b):
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
