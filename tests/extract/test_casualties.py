"""Casualties of an article's incident: (role-bearing counts) -> (killed, injured)."""

from __future__ import annotations

import pytest

from newsledger.extract.casualties import EXTRACTOR, incident_casualties, totals
from newsledger.records import ArticleExtraction, Evidence, Quantity, TimeExpr


def _q(text: str, counts: str, low: float | None, high: float | None = None, implicit: bool = False,
       start: int = 0, sentence: int = 0, counted: str | None = None) -> Quantity:
    return Quantity(evidence=Evidence("a", start, start + len(text), sentence, "numbers@test"), text=text, low=low,
                    high=low if high is None else high, hedge="exact", counts=counts, implicit=implicit,
                    counted_text=counted)


def _counts(quantities: list[Quantity], times: tuple[TimeExpr, ...] = ()) -> tuple[int, int]:
    found = ArticleExtraction(article_id="a", quantities=tuple(quantities), times=times)
    return totals(incident_casualties(found))


@pytest.mark.parametrize(
    ("quantities", "expected"),
    [
        ([], (0, 0)),
        ([_q("A man", "killed", 1, implicit=True), _q("The man", "killed", 1, implicit=True)], (1, 0)),
        ([_q("three", "shot", 3), _q("one", "killed", 1)], (1, 2)),  # shot, one fatally
        ([_q("two", "injured", 2), _q("a man", "shot", 1, implicit=True)], (0, 2)),
        ([_q("Four", "killed", 4), _q("300", "killed", 300)], (4, 0)),  # a city tally is not an incident
        ([_q("2,000", "arrested", 2000)], (0, 0)),
        # the wounded counted first, then 'the victim died': one of them
        ([_q("Two", "injured", 2, start=0), _q("The victim", "killed", 1, implicit=True, start=50)], (1, 1)),
        # 'the victim was taken to hospital, where he died': one person, killed
        ([_q("The victim", "injured", 1, implicit=True, start=0), _q("he", "killed", 1, implicit=True, start=40)],
         (1, 0)),
        # 'the second victim' is someone new, not the one who died
        ([_q("one", "killed", 1, start=0), _q("The second victim", "injured", 1, implicit=True, start=30)], (1, 1)),
        # headline 'Man shot, killed' + body 'a 27-year-old man suffering from wounds': one man
        ([_q("Man", "killed", 1, implicit=True, counted="Man"),
          _q("a 27-year-old man", "injured", 1, implicit=True, start=40, sentence=1, counted="man")], (1, 0)),
        # a name starting with 'He...' is not the pronoun
        ([_q("Henderson", "shot", 1, implicit=True, start=0), _q("a man", "killed", 1, implicit=True, start=40)],
         (1, 0)),
        # 'a fatal shooting ... a man with a gunshot wound ... he later died': the
        # wounded man is the dead one ('a fatal shooting' names no one new)
        ([Quantity(evidence=Evidence("a", 0, 14, 0, "n@t"), text="fatal shooting", low=1, high=None,
                   hedge="at_least", counts="killed", implicit=True),
          _q("a 32-year-old man", "injured", 1, implicit=True, start=30, counted="man"),
          _q("he", "killed", 1, implicit=True, start=80, counted="he")], (1, 0)),
        # 'Rogers was taken to the hospital, where he later died': one person
        ([_q("A man", "killed", 1, implicit=True, counted="man"),
          _q("Rogers", "injured", 1, implicit=True, start=40, sentence=2, counted="Rogers"),
          _q("he", "killed", 1, implicit=True, start=80, sentence=2, counted="he")], (1, 0)),
        # 'Two men were found with gunshot wounds. One was pronounced dead': one of the two
        ([_q("Two", "injured", 2, counted="men"), _q("One", "killed", 1, start=50, sentence=1)], (1, 1)),
        # ... but 'One person was killed and two others were injured' names someone new
        ([_q("One", "killed", 1, counted="person"), _q("two", "injured", 2, start=30, counted="others")], (1, 2)),
        # 'A teenager was killed and his friend was injured': 'his friend' is someone new
        ([_q("A teenager", "killed", 1, implicit=True, counted="teenager"),
          _q("his friend", "injured", 1, implicit=True, start=30, counted="friend")], (1, 1)),
        # the suspect wounded by police in a report with another victim is the shooter...
        ([_q("A man", "killed", 1, implicit=True, counted="man"),
          _q("a suspect", "injured", 1, implicit=True, start=30, sentence=1, counted="suspect")], (1, 0)),
        # ... but alone, a suspect shot by police is the victim
        ([_q("a suspect", "shot", 1, implicit=True, counted="suspect")], (0, 1)),
        # 'shot his wife and then killed himself': the shooter is one more dead
        ([_q("his wife", "killed", 1, implicit=True, counted="wife"),
          _q("himself", "killed", 1, implicit=True, start=30, counted="himself")], (2, 0)),
        # 'killing his two children ... The gunman then took his own life' (next sentence)
        ([_q("two children", "killed", 2, counted="children"),
          _q("his own life", "killed", 1, implicit=True, start=60, sentence=1, counted="himself")], (3, 0)),
        # 'Four dead in murder-suicide' ... 'shot three women, then killed himself': four, not five
        ([_q("Four", "killed", 4), _q("three", "killed", 3, start=40, sentence=1, counted="women"),
          _q("himself", "killed", 1, implicit=True, start=70, sentence=1, counted="himself")], (4, 0)),
        # victims told one at a time: 'A man was shot ... Another man was shot' is two
        ([_q("A man", "shot", 1, implicit=True, counted="man"),
          _q("Another man", "shot", 1, implicit=True, start=40, sentence=1, counted="man")], (0, 2)),
        # ... but 'another' before anyone was told opposes the victim to the shooter
        ([_q("another man", "killed", 1, implicit=True, counted="man"),
          _q("The victim", "killed", 1, implicit=True, start=40, sentence=1, counted="victim")], (1, 0)),
        # ... and 'the other man' is one of people already counted
        ([_q("one man", "killed", 1, counted="man"), _q("another", "injured", 1, implicit=True, start=15),
          _q("The other man", "injured", 1, implicit=True, start=60, sentence=1, counted="man")], (1, 1)),
        # alone, he is the one dead
        ([_q("himself", "killed", 1, implicit=True, counted="himself")], (1, 0)),
    ],
)
def test_incident_counts(quantities: list[Quantity], expected: tuple[int, int]) -> None:
    assert _counts(quantities) == expected


def test_tallies_are_not_victims() -> None:
    tally = _q("Nine", "killed", 9, start=100, sentence=3)
    this_year = TimeExpr(evidence=Evidence("a", 130, 144, 3, "times@test"), text="this year", start=None, end=None,
                         precision="year", how="unresolved")
    assert _counts([_q("a man", "killed", 1, implicit=True), tally], (this_year,)) == (1, 0)


def test_parts_point_at_their_phrases() -> None:
    """'three men were shot, one fatally': killed 1 from 'one', injured 2 derived
    from 'three men'; every part is marked as the casualties extractor's."""
    parts = incident_casualties(ArticleExtraction(
        article_id="a", quantities=(_q("three men", "shot", 3, start=0), _q("one", "killed", 1, start=20))))
    by_role = {rq.role: rq.quantity for rq in parts}
    assert (by_role["killed"].text, by_role["killed"].low) == ("one", 1)
    assert (by_role["injured"].text, by_role["injured"].low) == ("three men", 2)
    assert all(rq.quantity.evidence.extractor == EXTRACTOR for rq in parts)


def test_background_and_other_incidents_are_not_this_one() -> None:
    """A year earlier than the latest the article names, or a sentence opening
    'Earlier,' / 'In an unrelated shooting', tells another incident."""
    text = "A man was shot and killed Sunday, Dec. 14, 2014. He killed three men at a party in 2012."
    t2014 = TimeExpr(evidence=Evidence("a", 33, 48, 0, "times@t"), text="Dec. 14, 2014", start="2014-12-14",
                     end="2014-12-14", precision="day", how="stated")
    t2012 = TimeExpr(evidence=Evidence("a", 84, 91, 1, "times@t"), text="in 2012", start="2012-01-01",
                     end="2012-12-31", precision="year", how="stated")
    found = ArticleExtraction(article_id="a", times=(t2014, t2012), quantities=(
        _q("A man", "killed", 1, implicit=True), _q("three", "killed", 3, start=59, sentence=1)))
    assert totals(incident_casualties(found)) == (1, 0)
    from newsledger.records import Span

    text = "A man was wounded on Saturday. Earlier, two women were shot to death by police."
    found = ArticleExtraction(article_id="a", sentences=(Span(0, 30), Span(31, len(text))), quantities=(
        _q("A man", "injured", 1, implicit=True), _q("two", "killed", 2, start=40, sentence=1)))
    assert totals(incident_casualties(found, text=text)) == (0, 1)
    assert totals(incident_casualties(found)) == (2, 1)  # without the text, sentence openings are unread


ARTICLES = [
    ("Man killed, woman hurt in shooting",
     "A man was shot and killed and a woman was wounded early Sunday. The man, 25, died at the scene. "
     "The woman, 22, was taken to a hospital in stable condition.", (1, 1)),
    ("Police: Teen killed",
     "A 16-year-old boy was shot and killed Friday. It was the city's 45th homicide this year. "
     "Last year, 12 teens were killed.", (1, 0)),
    ("Double shooting", "Two men were shot outside a store. One man died at the scene. "
     "The other was taken to a hospital.", (1, 1)),
    ("Shooting", "A man was shot in the leg. In an unrelated shooting, two teens were wounded in another "
     "neighborhood.", (0, 1)),
    ("Shooting", "Two people were killed and four others were injured. Police said the four injured were taken "
     "to area hospitals.", (2, 4)),
    ("Three shot, one fatally", "Three people were shot, one fatally, at a party late Friday.", (1, 2)),
    ("Shooting", "Two men were found with gunshot wounds. One was pronounced dead at the scene and the other was "
     "taken to hospital.", (1, 1)),
    ("Shooting", "No one was injured in the shooting, police said.", (0, 0)),
    ("Police investigate shooting", "A man was shot in the leg Saturday. A woman was also hit by a bullet.",
     (0, 2)),
    ("Police investigate shooting", "A man was shot in the leg Saturday. Another man was shot in the arm.",
     (0, 2)),
    ("Police investigate weekend shooting", "Mark Lee, 22, was pronounced dead at the scene. David Park, 24, "
     "also died.", (2, 0)),
    ("Two men shot", "A shooting left one man dead and another with life-threatening injuries. The other "
     "man, 23, was found inside a car with gunshot wounds.", (1, 1)),
    ("Man dies days after shooting", "A man who was shot last week has died, police said. Another man who was "
     "shot in the same incident remains hospitalized.", (1, 1)),
    ("Shooting", "John Smith, 40, was shot and killed Saturday. Smith was found lying in the driveway. Police said "
     "Smith's son, 19, also was shot and is in critical condition.", (1, 1)),
    ("Officer-involved shooting in Reno", "A man was shot and killed by Reno police officers Tuesday night after "
     "he pointed a gun at them, police said. No officers were injured.", (1, 0)),
    ("Woman survives shooting", "A woman survived being shot three times Saturday, police said.", (0, 1)),
    ("Shooting leaves 2 dead", "A shooting Sunday left two people dead and a third injured.", (2, 1)),
    ("Bodies found in car", "Police found the bodies of two men in a car on Monday. Both had been shot.", (2, 0)),
    ("Brothers killed", "Two brothers were killed and their cousin was wounded early Sunday.", (2, 1)),
    ("Gunman kills wife, then himself", "A man shot and killed his wife and then turned the gun on himself, "
     "police said.", (2, 0)),
    ("Family killed in murder-suicide", "A man opened fire at his home, killing his two young children as "
     "well as his wife, police said. The gunman then took his own life.", (4, 0)),
    ("Man wounded", "A man was wounded Friday. In 2015, three people were killed at the same corner.", (0, 1)),
    ("Man wounded", "A man was wounded Friday. Last month, two people were killed at the same corner.", (0, 1)),
    ("Man wounded", "A man was wounded Friday on Elm Street. Also on Friday, two men were shot dead in a "
     "different neighborhood.", (0, 1)),
    ("Man wounded", "A man was wounded Friday. Three weeks ago, two teens were shot dead nearby.", (0, 1)),
    ("Man wounded in shooting", "A man was shot in the arm Friday night. His brother was shot and killed at the "
     "same corner two years ago.", (0, 1)),
    # ... but alone, the earlier time is the report's own incident
    ("Arrest in killing", "Police arrested a man Friday. A woman was shot and killed two weeks ago.", (1, 0)),
    ("Man killed", "A man was shot and killed Friday. Four people have been killed in shootings in the city "
     "since Friday.", (1, 0)),
]


@pytest.mark.parametrize(("title", "body", "expected"), ARTICLES)
def test_articles_end_to_end(nlp, title: str, body: str, expected: tuple[int, int]) -> None:
    """Hand-written reports (not from any data set) through every reader: the
    incident event carries the article's killed / injured."""
    from newsledger.extract import extract_article
    from newsledger.extract.casualties import article_casualties
    from newsledger.records import Article

    text = f"{title}\n\n{body}"
    x = extract_article(nlp(text), Article(id="t", source="test", text=text, title=title))
    assert article_casualties(x) == expected


def test_people_told_one_at_a_time_are_one_part_each() -> None:
    """'A man was shot ... Another man was shot in the arm': two parts, each
    pointing at its own phrase."""
    parts = incident_casualties(ArticleExtraction(article_id="a", quantities=(
        _q("A man", "shot", 1, implicit=True, counted="man"),
        _q("Another man", "shot", 1, implicit=True, start=40, sentence=1, counted="man"))))
    assert sorted((rq.role, rq.quantity.text, rq.quantity.low) for rq in parts) == [
        ("injured", "A man", 1), ("injured", "Another man", 1)]


def test_the_wounded_are_read_beside_the_events_counts() -> None:
    """The events reader kept 'A man' (killed) and 'He' (injured) at its triggers;
    'Officer Jon Richey suffered three gunshot wounds' has no trigger: the wounded
    officer is still read off the numbers reader, a killed count is not."""
    from newsledger.records import EventMention, RoleQuantity

    man = _q("A man", "killed", 1, implicit=True, counted="man")
    he = _q("He", "injured", 1, implicit=True, start=20, sentence=1, counted="He")
    officer = _q("Jon Richey", "injured", 1, implicit=True, start=60, sentence=3, counted="Richey")
    other_dead = _q("Henderson", "killed", 1, implicit=True, start=90, sentence=4, counted="Henderson")
    event = EventMention(evidence=Evidence("a", 0, 5, 0, "events@t"), event_type="ATTACK", trigger="shot",
                         quantities=(RoleQuantity("killed", man), RoleQuantity("injured", he)))
    found = ArticleExtraction(article_id="a", quantities=(man, he, officer, other_dead))
    from newsledger.extract.casualties import role_quantities

    roles = [(r, q.text) for r, q in role_quantities(found, [event])]
    assert ("injured", "Jon Richey") in roles and ("killed", "Henderson") not in roles
