"""The event ontology (data/ontology.json): types, ACLED and PLOVER mappings.

The ontology is data, not code: each type has a code (the value of
``EventMention.event_type``), a definition paraphrased from ACLED's public
codebook, its ACLED (event_type, sub_event_type) or None for OTHER, its PLOVER
event type and mode, trigger words, and the quantity roles it carries. The 30
CASE 2021 task-2 labels are the types with ``case2021: true``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class EventType:
    code: str
    label: str
    definition: str
    acled_event_type: str | None  # None: ACLED has no such type (exported as OTHER)
    acled_sub_event_type: str | None
    plover_event: str
    plover_mode: str | None
    case2021: bool
    triggers: tuple[str, ...]
    roles: tuple[str, ...]

    @property
    def acled(self) -> tuple[str, str] | None:
        if self.acled_event_type is None or self.acled_sub_event_type is None:
            return None
        return self.acled_event_type, self.acled_sub_event_type


@dataclass(frozen=True, slots=True)
class Ontology:
    name: str
    version: str
    types: tuple[EventType, ...]

    def __getitem__(self, code: str) -> EventType:
        return self.by_code()[code]

    def __contains__(self, code: object) -> bool:
        return code in self.by_code()

    def by_code(self) -> dict[str, EventType]:
        return {t.code: t for t in self.types}

    def codes(self, case2021_only: bool = False) -> tuple[str, ...]:
        return tuple(t.code for t in self.types if t.case2021 or not case2021_only)


def _parse(data: dict) -> Ontology:
    types = []
    for row in data["types"]:
        acled = row.get("acled") or {}
        plover = row.get("plover") or {}
        types.append(
            EventType(
                code=row["code"],
                label=row["label"],
                definition=row["definition"],
                acled_event_type=acled.get("event_type"),
                acled_sub_event_type=acled.get("sub_event_type"),
                plover_event=plover.get("event") or "OTHER",
                plover_mode=plover.get("mode"),
                case2021=bool(row.get("case2021")),
                triggers=tuple(row.get("triggers", ())),
                roles=tuple(row.get("roles", ())),
            )
        )
    return Ontology(name=data["name"], version=data["version"], types=tuple(types))


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """The shipped ontology, read once per process."""
    text = resources.files("newsledger.data").joinpath("ontology.json").read_text(encoding="utf-8")
    return _parse(json.loads(text))


def acled_of(code: str) -> tuple[str, str] | None:
    """ACLED (event_type, sub_event_type) of an ontology code, None for OTHER."""
    onto = load_ontology()
    return onto[code].acled if code in onto else None


def plover_of(code: str) -> tuple[str, str | None]:
    onto = load_ontology()
    if code not in onto:
        return "OTHER", None
    t = onto[code]
    return t.plover_event, t.plover_mode


__all__ = ["EventType", "Ontology", "acled_of", "load_ontology", "plover_of"]
