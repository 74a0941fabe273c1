"""Places reader: toponyms resolved by context, datelines, curated places, seeds."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from newsledger.config import Settings
from newsledger.extract.gazetteer import Gazetteer
from newsledger.extract.places import read_places
from newsledger.records import Article, ArticleExtraction, Place

TEST_CITIES = "cities15000.json"  # see test_gazetteer.py


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load(Settings(), cities_file=TEST_CITIES)


def places(nlp, gaz: Gazetteer, text: str, title: str | None = None) -> list[Place]:
    article = Article(id="t", source="test", text=text, title=title)
    return list(read_places(nlp(text), article, ArticleExtraction(article_id="t"), gazetteer=gaz))


def first(found: list[Place], text: str) -> Place:
    return next(p for p in found if p.text == text)


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        # (text, mention, (resolved name, country, admin1 or None, precision)) or None = unresolved
        ("Thousands protested in Minsk on Sunday.", "Minsk", ("Minsk", "BY", "BY.04", "city")),
        ("A man died in custody in Gomel, officials said.", "Gomel", ("Homyel'", "BY", "BY.02", "city")),
        ("She left Belarus for Lithuania on Tuesday.", "Lithuania", ("Lithuania", "LT", None, "country")),
        ("She left Belarus for Lithuania on Tuesday.", "Belarus", ("Belarus", "BY", None, "country")),
        ("Ministers met in Brussels on Friday.", "Brussels", ("Brussels", "BE", "BE.BRU", "city")),
        # country names resolve to the country, never a same-named town
        ("Leaders from Germany arrived.", "Germany", ("Germany", "DE", None, "country")),
        # population decides when nothing else does (2.1M vs 25k)
        ("Police in Paris arrested two people.", "Paris", ("Paris", "FR", "FR.11", "city")),
        # ... but a state named next to the city wins
        ("A man was shot in Paris, Texas, on Monday.", "Paris", ("Paris", "US", "Texas", "city")),
        ("SPRINGFIELD, Ill. - Two people were hurt.", "SPRINGFIELD", ("Springfield", "US", "Illinois", "city")),
        # ... and so does another place of the article
        ("The shooting happened in Paris. Police in Dallas and Houston, Texas, helped.", "Paris",
         ("Paris", "US", "Texas", "city")),
        # Georgia: the US state among US places, the country among its neighbours
        ("Police in Atlanta, Georgia, said the suspect fled to Savannah.", "Georgia", ("Georgia", "US", "Georgia", "admin1")),
        ("Tbilisi said Georgia would not yield to Russia.", "Georgia", ("Georgia", "GE", None, "country")),
        # US state abbreviations are states, not towns called 'Pa'
        ("The crash near Harrisburg, Pa. closed the road.", "Harrisburg", ("Harrisburg", "US", "Pennsylvania", "city")),
        # districts resolve to their city
        ("A teen was shot in South Philadelphia.", "South Philadelphia", ("Philadelphia", "US", "Pennsylvania", "city")),
    ],
)
def test_resolution(nlp, gaz, text: str, mention: str, expected: tuple) -> None:
    place = first(places(nlp, gaz, text), mention)
    assert place.resolved, place.reason
    assert (place.name, place.country_code, place.admin1, place.precision) == expected
    assert place.reason


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Officials in Georgia said nothing.", "Georgia"),  # country or US state: no context
        ("He grew up in Springfield.", "Springfield"),  # many Springfields, none dominant
    ],
)
def test_left_unresolved_when_evidence_is_thin(nlp, gaz, text: str, mention: str) -> None:
    place = first(places(nlp, gaz, text), mention)
    assert not place.resolved
    assert place.geonameid is None and place.latitude is None
    assert "ambiguous" in place.reason


def test_adjectives_are_not_places(nlp, gaz) -> None:
    found = places(nlp, gaz, "Belarusian police detained German and Lithuanian journalists.")
    assert [p.text for p in found if p.resolved] == []


def test_dateline(nlp, gaz) -> None:
    text = "Man shot on north side\n\nMILWAUKEE (AP) — A man was shot Tuesday near 35th Street, police said."
    found = places(nlp, gaz, text, title="Man shot on north side")
    dateline = first(found, "MILWAUKEE")
    assert dateline.reason.startswith("dateline") and dateline.name == "Milwaukee"


def test_curated_facility(nlp, gaz) -> None:
    found = places(nlp, gaz, "Detainees released from the jail on Okrestina street in Minsk described beatings.")
    okrestina = first(found, "Okrestina street")
    assert (okrestina.precision, okrestina.country_code, okrestina.feature_class) == ("facility", "BY", "S")
    assert okrestina.latitude is not None and okrestina.geonameid == -1001


def test_country_has_no_centroid(nlp, gaz) -> None:
    belarus = first(places(nlp, gaz, "Protests spread across Belarus."), "Belarus")
    assert belarus.precision == "country" and belarus.latitude is None and belarus.longitude is None


def test_uses_entities_reader_when_present(nlp, gaz) -> None:
    from newsledger.records import EntityMention, Evidence

    text = "Crowds gathered in Vitebsk."
    start = text.index("Vitebsk")
    mention = EntityMention(evidence=Evidence("t", start, start + 7, 0, "entities@test"), text="Vitebsk",
                            label="GPE", key="vitebsk", cluster=0)
    found = ArticleExtraction(article_id="t", entities=(mention,))
    article = Article(id="t", source="test", text=text)
    out = list(read_places(nlp(text), article, found, gazetteer=gaz))
    assert [(p.text, p.country_code) for p in out] == [("Vitebsk", "BY")]


# EXPECTED.md §2 places, as read from the two seed articles
SEED_PLACES = {
    "Belarus": ("BY", "country"),
    "Minsk": ("BY", "city"),
    "Gomel": ("BY", "city"),
    "Okrestina": ("BY", "facility"),
    "Lithuania": ("LT", "country"),
    "Brussels": ("BE", "city"),
    "Germany": ("DE", "country"),
    "Andijan": ("UZ", "city"),
}


@pytest.fixture(scope="module")
def seed_places(nlp, gaz, seed_paths) -> dict[str, set[tuple[str | None, str | None]]]:
    from newsledger.clean import article_from_path

    out: dict[str, set] = {}
    for path in seed_paths:
        article = article_from_path(path)
        for p in read_places(nlp(article.text), article, ArticleExtraction(article_id=article.id), gazetteer=gaz):
            assert article.text[p.evidence.start : p.evidence.end] == p.text
            if p.resolved:
                out.setdefault(p.text.split()[0], set()).add((p.country_code, p.precision))
    return out


@pytest.mark.parametrize(("name", "expected"), sorted(SEED_PLACES.items()))
def test_seed_places(seed_places, name: str, expected: tuple[str, str]) -> None:
    assert expected in seed_places.get(name, set())


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200))
def test_never_raises_and_spans_quote_text(nlp, gaz, text: str) -> None:
    for place in places(nlp, gaz, text):
        assert text[place.evidence.start : place.evidence.end] == place.text
        assert place.resolved or place.geonameid is None


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(["Minsk", "in", "Paris", ",", "Texas", "GEORGIA", "—", "\n\n", "Окрестина",
                                       "police", "the", "city", "of", "Ill.", "(AP)"]), max_size=25))
def test_place_like_noise(nlp, gaz, words: list[str]) -> None:
    text = " ".join(words)
    for place in places(nlp, gaz, text):
        assert text[place.evidence.start : place.evidence.end] == place.text


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        # a town before the incident noun, even when spaCy calls it a person
        ("Police investigate Wilmington double shooting\n\nA man was hurt.", "Wilmington", None),
        ("Cicero shooting stemmed from neighbor's dispute, officials say.", "Cicero", None),
        # a town inside an agency name: the whole county, never its tail
        ("Salt Lake County Sheriff's Office deputies responded.", "Salt Lake County", None),
        ("Two people were hurt, Cicero officials say.", "Cicero", None),
        ("One man died, Indianapolis Metropolitan Police said.", "Indianapolis", "Indianapolis"),
        # 'City, ST' with a postal code
        ("Man injured in accidental shooting in Glassboro, NJ", "Glassboro", "Glassboro"),
        # the city whose side of town it is (a mangled apostrophe too)
        ("Man shot and killed on Milwaukee?s northwest side", "Milwaukee", "Milwaukee"),
        # a district or municipality named after its town
        ("Investigators: robbery ends with fatal shooting in E. Houston", "E. Houston", "Houston"),
        ("A man was hospitalized following a shooting in York City, Pa., on Sunday.", "York City", "York"),
        # a dateline whose dash runs into the next word
        ("YORK CITY, Pa.–A man was hospitalized.", "YORK CITY", "York"),
        ("SALT LAKE CITY ??? A police officer was killed Sunday.", "SALT LAKE CITY", "Salt Lake City"),
        # a county dateline, and a title-case one with its state
        ("SCOTT COUNTY, Ky. - The sheriff is investigating a murder.", "SCOTT COUNTY", "Scott County"),
        ("Port St. Lucie, Fla. — One man is behind bars.", "Port St. Lucie", "Port Saint Lucie"),
        # a direction abbreviation before the city
        ("Four wounded after party in NW Houston", "NW Houston", "Houston"),
        # a dateline names a town, never the state of the same name
        ("NEW YORK (AP) — The mayor praised the city.", "NEW YORK", "New York City"),
        # a name spaCy runs on into the site name ends at the separator
        ("Teenager shot in Temple - KXXV-TV News Channel 25 - Central Texas News\n\nA boy was shot.", "Temple",
         None),
        # overlapping locatives in a title-case headline
        ("Officer Shot In Leg In Dorchester « CBS Boston", "Dorchester", None),
    ],
)
def test_local_news_mentions(nlp, gaz, text: str, mention: str, name: str | None) -> None:
    place = first(places(nlp, gaz, text), mention)
    if name is not None:
        assert place.resolved and place.name == name, place.reason


def test_datelines_are_flagged(nlp, gaz) -> None:
    for text, name in (("SCOTT COUNTY, Ky. - The sheriff is investigating.", "SCOTT COUNTY"),
                       ("Port St. Lucie, Fla. — One man is behind bars.", "Port St. Lucie")):
        assert first(places(nlp, gaz, text), name).reason.startswith("dateline")
    # title case needs its state, and is never read in the title
    title = "Teen Shot In Ashland, Ky. - WSAZ"
    assert not any(p.reason.startswith("dateline") for p in places(nlp, gaz, f"{title}\n\nA teen was shot.",
                                                                    title=title))
    assert not any(p.reason.startswith("dateline") for p in places(nlp, gaz, "Police Chief Smith — said no."))


def test_resolved_places_are_context(nlp, gaz) -> None:
    # 'Boston' resolves by size; it then makes 'Dorchester' the Massachusetts one, not the English town
    found = places(nlp, gaz, "A Boston police officer was shot Friday. Officers saw him driving in Dorchester.")
    place = first(found, "Dorchester")
    assert place.resolved and place.admin1 == "Massachusetts", place.reason


def test_site_name_town(nlp, gaz) -> None:
    title = "Man Seriously Wounded In Homan Square Shooting « CBS Chicago"
    found = places(nlp, gaz, f"{title}\n\nHe was shot in the 3700 block of West Polk Street.", title=title)
    assert first(found, "Chicago").name == "Chicago"
    assert not any(p.text == "Homan Square" and p.resolved for p in found)
