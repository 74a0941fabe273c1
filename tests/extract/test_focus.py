"""Where did it happen: the incident place of a report (extract/focus.py)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from newsledger.config import Settings
from newsledger.extract.focus import incident_place, incident_place_why
from newsledger.extract.gazetteer import Gazetteer
from newsledger.extract.places import read_places
from newsledger.records import Article, ArticleExtraction, Evidence, Place

TEST_CITIES = "cities15000.json"  # see test_gazetteer.py


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load(Settings(), cities_file=TEST_CITIES)


def _article(title: str, body: str) -> Article:
    text = f"{title}\n\n{body}" if title else body
    return Article(id="t", source="test", text=text, title=title or None)


def _focus(nlp, gaz: Gazetteer, title: str, body: str) -> tuple[Place | None, str]:
    article = _article(title, body)
    places = tuple(read_places(nlp(article.text), article, ArticleExtraction(article_id="t"), gazetteer=gaz))
    return incident_place_why(ArticleExtraction(article_id="t", places=places), article, gaz)


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        # the dateline names it, whatever the body says
        ("Man shot", "MEMPHIS, Tenn. (AP) — A man from Nashville was shot on Friday.", "MEMPHIS"),
        # the headline's scene beats the county whose officers investigate
        ("Man injured in accidental shooting in Glassboro, NJ | 6abc.com",
         "Gloucester County authorities are investigating a shooting that left a man injured in Glassboro, "
         "New Jersey.", "Glassboro"),
        # 'X shooting' in a headline is a scene too
        ("Cicero shooting stemmed from neighbor's dispute, officials say",
         "Two people were injured Monday when their neighbor opened fire, Cicero officials say.", "Cicero"),
        # a home town in the headline is not the scene
        ("Racine man charged with murder", "The man is accused of a shooting in Kenosha on Friday.", "Kenosha"),
        # a county named as the agency gives way to the town the lede puts the incident in
        ("Child shoots himself", "Kaufman County sheriff's deputies are investigating how a boy got a gun. "
         "Investigators said two boys were at a paintball facility in Forney, east of Dallas.", "Forney"),
        # a neighbourhood gives way to its city
        ("Man critical after shooting in Kensington | 6abc.com",
         "One person is critically injured following a shooting in Philadelphia's Kensington section.",
         "Philadelphia"),
        ("Two shot", "Two men were shot Tuesday in the Arlington neighborhood of Baltimore, police said.",
         "Baltimore"),
        # a name the gazetteer lacks, placed as the scene, that another mention calls a neighbourhood
        ("Suspect sought after 3 shot at a hotel in Streeterville | abc7chicago.com",
         "Chicago police are searching for a suspect after three people were shot at a hotel in the upscale "
         "Streeterville neighborhood.", "Chicago"),
        # ... and one nothing calls a neighbourhood is kept as written
        ("Boy shot in Meyerland", "A boy was accidentally shot Saturday in Meyerland, police said.", "Meyerland"),
        # a broadcaster's dateline is its own city: the headline's scene town, also in the body, wins
        ("Man Shot And Killed In Evanston « CBS Chicago",
         "CHICAGO (CBS) — A man was shot to death Sunday afternoon in north suburban Evanston. "
         "Evanston police are investigating.", "Evanston"),
        # ... but a neighbourhood of the dateline's city leaves the city the answer
        ("Teen killed in Englewood shooting", "CHICAGO (CBS) — A teen was shot and killed in Englewood on Sunday. "
         "Englewood residents gathered.", "CHICAGO"),
        # ... also when the headline names the dateline's city as someone's home
        ("Chicago Man Shot And Killed In Evanston « CBS Chicago",
         "CHICAGO (CBS) — A Chicago man was shot to death Sunday in Evanston.", "Evanston"),
        # ... but not when the headline names the dateline's city as a place too
        ("Shootings in Evanston and Chicago overnight",
         "CHICAGO (AP) — Two men were shot in Evanston and one in Chicago.", "CHICAGO"),
        # ... nor a feature the gazetteer lacks ('in the Black River')
        ("Body found in the Black River", "WAYNE COUNTY, Mo. (KTVI) — A fisherman found a body in the Black "
         "River on Saturday. The man was from Farmington.", "WAYNE COUNTY"),
        # a county dateline gives way to the town the lede places the incident in
        ("Juvenile dead from gunshot wound", "DAUPHIN COUNTY, Pa. – Police responded to a home in Harrisburg "
         "shortly before 6 pm Thursday.", "Harrisburg"),
        # of two scenes in a headline, the one the shooting happened at
        ("Teen found dead in Gretna after being shot along canal bank in Harvey",
         "A 17-year-old was found shot to death in Gretna. The shooting was reported in Harvey.", "Harvey"),
        # a county's prosecutors, then the town whose police department reported it
        ("Charges weighed in death of boy", "Prosecutors in Putnam County will decide whether to file "
         "charges. The boy was shot, according to a Cookeville Police Department report.", "Cookeville"),
        # a town after a street address is the scene, however late the report tells it
        ("Teen shot during home invasion", "Investigators in Pasco County are calling the home a drug house. "
         "The sheriff said so. He said it again. It was not random. Deputies had been there before. "
         "It wasn't the first time deputies had been to the home on Garfield Drive in Lakeland.", "Lakeland"),
        # a town with its own police is not a neighbourhood of the big city nearby
        ("Suspect shot by Burbank police pleads not guilty",
         "A man who was shot by Burbank police after he rammed a patrol car in Burbank appeared in a Los Angeles "
         "court.", "Burbank"),
        # nothing local in the report: the publisher's city in the title
        ("Man Seriously Wounded In Homan Square Shooting « CBS Chicago",
         "He was outside in the 3700 block of West Polk Street when a gunman started shooting.", "Chicago"),
    ],
)
def test_incident_place(nlp, gaz, title: str, body: str, expected: str) -> None:
    place, why = _focus(nlp, gaz, title, body)
    assert place is not None and place.text == expected, why
    assert why


def test_no_place(nlp, gaz) -> None:
    assert _focus(nlp, gaz, "Man shot", "A man was shot on Friday, police said.") == (None, "no local place")
    assert incident_place(ArticleExtraction(article_id="t"), _article("", "")) is None


def test_county_stays_without_a_scene_town() -> None:
    article = _article("Teen shot", "Pasco County deputies said a teen was shot.")
    start = article.text.index("Pasco")
    county = Place(evidence=Evidence("t", start, start + 12, 0, "places@test"), text="Pasco County", resolved=True,
                   name="Pasco County", precision="admin2", reason="only candidate")
    assert incident_place(ArticleExtraction(article_id="t", places=(county,)), article) == county


def test_unknown_name_of_a_facility_is_not_the_scene() -> None:
    # a name the gazetteer lacks that runs on into a facility's name ('Wexmoor and Women's Hospital')
    article = _article("Doctor shot at Wexmoor and Women's Hospital", "A doctor was shot, Boston police said.")
    def place(text: str, resolved: bool, reason: str) -> Place:
        start = article.text.index(text)
        return Place(evidence=Evidence("t", start, start + len(text), 0, "places@test"), text=text,
                     resolved=resolved, name=text if resolved else None, precision="city" if resolved else None,
                     reason=reason)
    wexmoor, boston = place("Wexmoor", False, "not in the gazetteer"), place("Boston", True, "largest")
    assert incident_place(ArticleExtraction(article_id="t", places=(wexmoor, boston)), article) == boston
    plain = _article("Doctor shot in Wexmoor", "A doctor was shot, Boston police said.")
    wexmoor = dataclasses.replace(wexmoor, evidence=Evidence("t", 15, 22, 0, "places@test"))
    boston = dataclasses.replace(boston, evidence=Evidence("t", plain.text.index("Boston"),
                                                           plain.text.index("Boston") + 6, 0, "places@test"))
    assert incident_place(ArticleExtraction(article_id="t", places=(wexmoor, boston)), plain) == wexmoor


_WORDS = ["Chicago", "in", "Kensington", "section", "neighborhood", "of", "the", "|", "«", "CBS", "Cook County",
          "deputies", "man", "shooting", "—", "\n\n", "MEMPHIS,", "Tenn.", "police", "said", "Racine", ",", "WI",
          "'s", "north", "side", "Meyerland", "Oak", "Street"]


@hsettings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.lists(st.sampled_from(_WORDS), max_size=8), body=st.lists(st.sampled_from(_WORDS), max_size=25))
def test_never_raises_and_returns_a_place_of_the_article(nlp, gaz, title: list[str], body: list[str]) -> None:
    article = _article(" ".join(title), " ".join(body))
    extraction = ArticleExtraction(article_id="t", places=tuple(
        read_places(nlp(article.text), article, ArticleExtraction(article_id="t"), gazetteer=gaz)))
    place, why = incident_place_why(extraction, article, gaz)
    assert place is None or place in extraction.places
    assert why


@hsettings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(max_size=60), body=st.text(max_size=200))
def test_never_raises_on_arbitrary_text(nlp, gaz, title: str, body: str) -> None:
    article = _article(title, body)
    extraction = ArticleExtraction(article_id="t", places=tuple(
        read_places(nlp(article.text), article, ArticleExtraction(article_id="t"), gazetteer=gaz)))
    place = incident_place(extraction, article, gaz)
    assert place is None or place in extraction.places


def test_places_reader_flags_the_incident_place(nlp, gaz) -> None:
    article = _article("Man injured in accidental shooting in Glassboro, NJ | 6abc.com",
                       "Gloucester County authorities are investigating a shooting in Glassboro, New Jersey.")
    found = list(read_places(nlp(article.text), article, ArticleExtraction(article_id="t"), gazetteer=gaz))
    flagged = [p for p in found if p.incident]
    assert [p.text for p in flagged] == ["Glassboro"] and flagged[0].evidence.start < len(article.title)
    assert flagged[0] == incident_place(ArticleExtraction(article_id="t", places=tuple(found)), article, gaz)
