"""Source independence: who wrote an article (originator) and who carried it (publisher).

Evidence, strongest first, for the originator: the byline's agency ('By X for
AFP'), a credit line ('Via Financial Times', 'Source: Reuters'), a wire
dateline ('MINSK (Reuters) -', '(AFP) -'), a sign-off ('— AP'). The publisher is
the site the text was read from (URL domain, the outlet field of a JSONL/feed
record, the HTML page's site name). With no evidence of another originator, an
outlet wrote its own article. A text credited to someone else with no known
carrier was re-posted by an unknown aggregator.
"""

from __future__ import annotations

import re

from newsledger.clean.parsed import Parsed
from newsledger.clean.sources import KnownSource, SourceTable, host_of
from newsledger.records import SourceInfo, SourceKind

# How far into the body a wire dateline may sit: it opens the first paragraph,
# after an optional place name and date ('MINSK, Belarus, Aug 14 (Reuters) -').
DATELINE_MAX_CHARS = 80

_DATELINE = re.compile(
    r"^[^\n(]{0," + str(DATELINE_MAX_CHARS) + r"}?\((?P<agency>[A-Za-z][\w&./' -]{0,40})\)\s*(?:[-–—:]+|$)"
)
_SIGN_OFF_TAIL = re.compile(r"[\s.]\s*(?:[—–]|--)\s*(?P<agency>[A-Z][\w&./' -]{0,40}?)\s*$")
_COPYRIGHT_AGENCY = re.compile(r"(?i)(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?P<agency>[A-Za-z][\w&./' -]{1,60})")


def attribute(parsed: Parsed, table: SourceTable, outlet_hint: str | None = None) -> SourceInfo:
    """SourceInfo for a cleaned text; ``outlet_hint`` is a carrier named by the input
    (JSONL 'outlet', feed title) when the text itself has no URL."""
    publisher, publisher_kind, pub_evidence = _publisher(parsed, table, outlet_hint)
    origin = _originator(parsed, table)
    if origin is None:
        if publisher is None:
            return SourceInfo(evidence=pub_evidence)
        return SourceInfo(publisher, publisher_kind, publisher, publisher_kind, pub_evidence)
    name, kind, evidence, carried = origin
    if publisher is None:
        # A carried-by credit ('Via Financial Times') says someone re-posted the
        # text: an unknown aggregator. A byline or dateline alone says nothing
        # about who carried it.
        return SourceInfo(name, kind, None, "aggregator" if carried else "unknown", evidence)
    both = "; ".join(e for e in (evidence, pub_evidence) if e)
    return SourceInfo(name, kind, publisher, publisher_kind, both)


def _publisher(parsed: Parsed, table: SourceTable, hint: str | None) -> tuple[str | None, SourceKind, str | None]:
    host = host_of(parsed.url)
    known = table.by_domain(host) if host else None
    if known is not None:
        return known.name, known.kind, f"url {host}"
    for name in (hint, parsed.sitename):
        if name:
            named = table.by_name(name) or table.by_domain(name)
            if named is not None:
                return named.name, named.kind, f"outlet {name}"
    if hint:
        return hint.strip(), "unknown", f"outlet {hint.strip()}"
    if parsed.sitename:
        return parsed.sitename.strip(), "unknown", f"site {parsed.sitename.strip()}"
    if host:
        return host, "unknown", f"url {host}"
    return None, "unknown", None


def _originator(parsed: Parsed, table: SourceTable) -> tuple[str, SourceKind, str, bool] | None:
    """(name, kind, evidence line, whether the evidence says the text was carried by someone else)."""
    if parsed.byline_agency:
        known = table.by_name(parsed.byline_agency)
        return (*_named(known, parsed.byline_agency, parsed.byline or parsed.byline_agency), False)
    for _, name, line in parsed.credits:
        if name:
            return (*_named(table.by_name(name), name, line), _CARRIED.match(line) is not None)
    found = _wire_mark(parsed, table)
    return (*found, False) if found else None


# Credit lines that say the text was carried by another site ('Via X', 'This
# article first appeared in X'), as opposed to a sign-off ('— AP').
_CARRIED = re.compile(
    r"(?i)^\W*(?:via|source|courtesy|distributed|syndicated|republished|reprinted|content\s+from|this|first|originally)\b"
)


def _wire_mark(parsed: Parsed, table: SourceTable) -> tuple[str, SourceKind, str] | None:
    """A wire dateline ('MINSK (Reuters) -'), sign-off ('— AP') or copyright footer."""
    body = parsed.body.lstrip()
    first = body.split("\n", 1)[0] if body else ""
    match = _DATELINE.match(first)
    if match and table.by_name(match.group("agency")):
        return _named(table.by_name(match.group("agency")), "", match.group(0).strip())
    last = body.rstrip().rsplit("\n", 1)[-1] if body else ""
    match = _SIGN_OFF_TAIL.search(last)
    if match and table.by_name(match.group("agency")):
        return _named(table.by_name(match.group("agency")), "", match.group(0).strip(" .—–-"))
    for block in parsed.removed:
        if block.kind == "footer":
            match = _COPYRIGHT_AGENCY.search(block.text)
            known = table.find(match.group("agency")) if match else None
            if known is not None and known.kind == "wire":
                return known.name, known.kind, block.text.strip()
    return None


def _named(known: KnownSource | None, written: str, evidence: str) -> tuple[str, SourceKind, str]:
    if known is not None:
        return known.name, known.kind, evidence
    return written.strip(), "unknown", evidence
