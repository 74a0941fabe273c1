"""The table of known agencies, outlets and aggregators (data/sources.tsv).

Lookups only: which known source a name ('Agence France-Presse', 'AFP') or a
URL host ('www.themoscowtimes.com') refers to. Deciding who wrote an article and
who carried it is attribution.py's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from newsledger.records import SourceKind

# Acronyms this short ('AP', 'FT', 'AFP', 'TASS') only match with their exact
# case: 'ap' or 'Ft' in running text are not agencies.
CASE_SENSITIVE_MAX_LEN = 4


@dataclass(frozen=True, slots=True)
class KnownSource:
    name: str
    kind: SourceKind
    aliases: tuple[str, ...]
    domains: tuple[str, ...]


class SourceTable:
    """Name and domain lookups over the known sources."""

    def __init__(self, sources: list[KnownSource]) -> None:
        self.sources = tuple(sources)
        self._exact: dict[str, KnownSource] = {}
        self._folded: dict[str, KnownSource] = {}
        for src in sources:
            for alias in (src.name, *src.aliases):
                key = _squash(alias)
                if len(alias) <= CASE_SENSITIVE_MAX_LEN:
                    self._exact.setdefault(key, src)
                else:
                    self._folded.setdefault(key.casefold(), src)
        self._domains = sorted(
            ((d.lower(), src) for src in sources for d in src.domains), key=lambda p: -len(p[0])
        )
        # Longest alias first so 'The New York Times' wins over 'The Times'.
        aliases = sorted({a for s in sources for a in (s.name, *s.aliases)}, key=len, reverse=True)
        self._alias_re = re.compile(
            r"(?<![\w-])(" + "|".join(re.escape(a) for a in aliases) + r")(?![\w-])", re.IGNORECASE
        )

    def by_name(self, text: str | None) -> KnownSource | None:
        """The source a whole name refers to ('The Associated Press' -> Associated Press)."""
        if not text:
            return None
        key = _squash(text.strip(" .,;:-–—()[]\"'"))
        return self._exact.get(key) or self._folded.get(key.casefold()) if key else None

    def find(self, text: str) -> KnownSource | None:
        """The first known source named anywhere inside ``text`` (longest alias wins)."""
        for match in self._alias_re.finditer(text or ""):
            found = self.by_name(match.group(1))
            if found is not None:
                return found
        return None

    def by_domain(self, url_or_host: str | None) -> KnownSource | None:
        host = host_of(url_or_host)
        if not host:
            return None
        for domain, src in self._domains:
            if host == domain or host.endswith("." + domain):
                return src
        return None


def host_of(url_or_host: str | None) -> str | None:
    """'https://www.ft.com/x' -> 'ft.com'; 'news.bbc.co.uk' -> 'news.bbc.co.uk'."""
    if not url_or_host:
        return None
    value = url_or_host.strip()
    host = urlsplit(value if "//" in value else "//" + value).hostname or ""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host or None


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def parse_table(lines: list[str]) -> list[KnownSource]:
    rows: list[KnownSource] = []
    for line in lines:
        if not line.strip() or line.startswith("#") or line.startswith("name\t"):
            continue
        cells = line.rstrip("\n").split("\t")
        if len(cells) != 4 or cells[1] not in ("wire", "outlet", "aggregator"):
            raise ValueError(f"bad sources.tsv row: {line!r}")
        name, kind, aliases, domains = cells
        rows.append(
            KnownSource(
                name=name,
                kind=kind,  # type: ignore[arg-type]
                aliases=tuple(a for a in aliases.split("|") if a),
                domains=tuple(d for d in domains.split("|") if d),
            )
        )
    return rows


@lru_cache(maxsize=4)
def load_table(path: Path | None = None) -> SourceTable:
    """The shipped table, or one at ``path`` (same columns)."""
    if path is None:
        text = resources.files("newsledger").joinpath("data/sources.tsv").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return SourceTable(parse_table(text.splitlines()))
