"""Numbers reader: hedges, number words, vague magnitudes, ranges, percentages,
attachment to what is counted, implicit counts."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from newsledger.extract.numbers import read_quantities, words_to_number
from newsledger.records import Article, ArticleExtraction, Quantity


def quantities(nlp, text: str, title: str | None = None) -> list[Quantity]:
    article = Article(id="t", source="test", text=text, title=title)
    return list(read_quantities(nlp(text), article, ArticleExtraction(article_id="t")))


def one(nlp, text: str, phrase: str) -> Quantity:
    found = quantities(nlp, text)
    matches = [q for q in found if q.text == phrase]
    assert matches, [q.text for q in found]
    return matches[0]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["two"], 2),
        (["twenty", "-", "five"], 25),
        (["6,700"], 6700),
        (["1.5", "million"], 1_500_000),
        (["three", "hundred"], 300),
        (["two", "thousand", "five", "hundred"], 2500),
        (["many"], None),
    ],
)
def test_words_to_number(words: list[str], value: float | None) -> None:
    assert words_to_number(words) == value


@pytest.mark.parametrize(
    ("text", "phrase", "low", "high", "hedge"),
    [
        ("At least 6,700 people have been detained.", "At least 6,700", 6700, None, "at_least"),
        ("More than 6,000 people were arrested.", "More than 6,000", 6000, None, "more_than"),
        ("Over 200 workers walked out.", "Over 200", 200, None, "more_than"),
        ("About 300 people gathered.", "About 300", 300, 300, "about"),
        ("Some 50 protesters were held.", "Some 50", 50, 50, "about"),
        ("Nearly 100 people were hurt.", "Nearly 100", None, 100, "nearly"),
        ("Up to 5,000 people marched.", "Up to 5,000", None, 5000, "up_to"),
        ("Fewer than 10 people were injured.", "Fewer than 10", None, 10, "less_than"),
        ("Two people were wounded.", "Two", 2, 2, "exact"),
        ("Twenty-five protesters were detained.", "Twenty-five", 25, 25, "exact"),
        ("Dozens of people were detained.", "Dozens", 24, 99, "vague"),
        ("Hundreds of employees walked out.", "Hundreds", 200, 999, "vague"),
        ("Thousands of people formed human chains.", "Thousands", 2000, 9999, "vague"),
        ("Tens of thousands of people rallied.", "Tens of thousands", 20_000, 99_999, "vague"),
        ("A dozen people were arrested.", "A dozen", 12, 12, "about"),
        ("Half a dozen cities saw protests.", "Half a dozen", 6, 6, "about"),
        ("A handful of workers went on strike.", "A handful", 2, 5, "vague"),
        ("Several people were injured.", "Several", 3, 9, "vague"),
        ("Between 5 and 10 people were hurt.", "Between 5 and 10", 5, 10, "exact"),
        ("Officials said 10 to 15 people were detained.", "10 to 15", 10, 15, "exact"),
    ],
)
def test_hedges_and_values(nlp, text: str, phrase: str, low, high, hedge: str) -> None:
    q = one(nlp, text, phrase)
    assert (q.low, q.high, q.hedge, q.unit) == (low, high, hedge, "count")


@pytest.mark.parametrize(
    ("text", "phrase", "value", "counts"),
    [
        ("Lukashenko claimed 80% of the vote.", "80%", 80, "votes"),
        ("Tikhanovskaya officially won 10 percent in the election.", "10 percent", 10, "votes"),
        ("Prices rose 5 per cent.", "5 per cent", 5, None),
    ],
)
def test_percentages(nlp, text: str, phrase: str, value: float, counts: str | None) -> None:
    q = one(nlp, text, phrase)
    assert (q.unit, q.low, q.counts) == ("percent", value, counts)


@pytest.mark.parametrize(
    ("text", "phrase", "counts", "counted"),
    [
        ("At least 6,700 people have been arrested since Sunday.", "At least 6,700", "arrested", "people"),
        ("More than 2,000 detainees were set free.", "More than 2,000", "released", "detainees"),
        ("Twenty-five protesters were detained.", "Twenty-five", "detained", "protesters"),
        ("Two people were wounded in the attack.", "Two", "injured", "people"),
        ("One person died in custody.", "One", "killed", "person"),
        ("Troops opened fire, killing 6 civilians.", "6", "killed", "civilians"),
        ("Hundreds of employees walked out.", "Hundreds", "workers", "employees"),
        ("The shooting left two dead.", "two", "killed", None),
        ("Police said three men were shot.", "three", "shot", "men"),
        ("Thousands of protesters marched.", "Thousands", "protesters", "protesters"),
        ("There were three deaths.", "three", "killed", "deaths"),
        # the perpetrator is not counted: the victims are
        ("A gunman killed two people.", "two", "killed", "people"),
        ("The man who shot three women then killed himself.", "three", "shot", "women"),
        # shots and times are not people
        # a conjoined verb with its own object does not take the first verb's role
        ("He killed three people and wounded nine others.", "nine", "injured", "others"),
        ("Police said both men were shot in the legs.", "both", "shot", "men"),
        ("Five people were shot, two of them fatally.", "two", "killed", "them"),
        ("Two men were treated for gunshot wounds.", "Two", "injured", "men"),
        ("He shot him several times.", "several", None, "times"),
        ("Police found 15 shell casings.", "15", None, "shell casings"),
    ],
)
def test_attachment(nlp, text: str, phrase: str, counts: str | None, counted: str | None) -> None:
    q = one(nlp, text, phrase)
    assert q.counts == counts
    assert q.counted_text == counted
    if counted is not None:
        assert text[q.counted_span.start : q.counted_span.end] == counted


def test_two_dead_three_injured(nlp) -> None:
    found = {q.text: q.counts for q in quantities(nlp, "The shooting left two dead and three injured.")}
    assert found == {"two": "killed", "three": "injured"}


def test_headline_counts_keep_their_own_verbs(nlp) -> None:
    title = "2 killed, 3 wounded in shooting at homeless encampment"
    found = {q.text: q.counts for q in quantities(nlp, f"{title}\n\nPolice said.", title=title) if not q.implicit}
    assert found == {"2": "killed", "3": "injured"}


def test_separate_clauses_keep_their_roles(nlp) -> None:
    text = "At least 6,700 people have been arrested, and more than 2,000 were set free."
    found = {q.text: q.counts for q in quantities(nlp, text)}
    assert found["At least 6,700"] == "arrested" and found["more than 2,000"] == "released"


@pytest.mark.parametrize(
    ("text", "phrase", "counts", "value"),
    [
        ("A man was shot and killed Tuesday.", "A man", "killed", 1),
        ("A 19-year-old man is hospitalized after a shooting.", "A 19-year-old man", "injured", 1),
        ("The victim died at the hospital.", "The victim", "killed", 1),
        ("John Smith was shot in the leg.", "John Smith", "shot", 1),
        ("A 22-year-old man and a 16-year-old boy were shot.", "A 22-year-old man and a 16-year-old boy", "shot", 2),
        ("Paramedics pronounced the woman dead at the scene.", "the woman", "killed", 1),
        ("The attack left the victim in critical condition.", "the victim", "injured", 1),
        ("Police found a man with a gunshot wound to the leg.", "a man", "injured", 1),
        ("Jon Boring, 51, who was shot and killed in his home, was a teacher.", "Jon Boring", "killed", 1),
        ("The victim, who was driving, was struck once and is in critical condition.", "The victim", "injured", 1),
        ("A 19-year-old was shot in the arm.", "A 19-year-old", "shot", 1),
        ("A woman was grazed by a bullet.", "A woman", "injured", 1),
        ("She was treated and released from the hospital.", "She", "injured", 1),  # a patient, not a detainee
        ("A man was airlifted to a trauma center.", "A man", "injured", 1),
        ("A man was gunned down outside his home.", "A man", "killed", 1),
        ("He was found unresponsive with a gunshot wound and later died.", "He", "killed", 1),
        ("A man sustained a gunshot wound to the hand.", "A man", "injured", 1),
        ("The officer hit an innocent bystander instead of the suspect.", "an innocent bystander", "shot", 1),
        ("The 22-year-old died at the hospital.", "The 22-year-old", "killed", 1),
    ],
)
def test_implicit_counts(nlp, text: str, phrase: str, counts: str, value: int) -> None:
    q = one(nlp, text, phrase)
    assert (q.counts, q.low, q.high, q.implicit) == (counts, value, value, True)


def test_another_with_its_own_state(nlp) -> None:
    text = "The shooting left one man dead and another with life-threatening injuries."
    found = {q.text: q.counts for q in quantities(nlp, text)}
    assert found["one"] == "killed" and found["another"] == "injured"


@pytest.mark.parametrize(
    "text",
    ["The bullet came within inches of possibly killing the trooper.", "He could have killed someone.",
     "The officer was nearly killed.", "The officer returned fire, but the suspect was not struck."],
)
def test_unrealised_harm_counts_no_one(nlp, text: str) -> None:
    assert not [q for q in quantities(nlp, text) if q.counts in ("killed", "shot", "injured")]


def test_surnames_count_with_the_entities_reader(nlp) -> None:
    from newsledger.extract import extract_article

    text = "Officers encountered William Waldron, 26, armed with a shotgun. Waldron was subsequently shot and killed."
    x = extract_article(nlp(text), Article(id="t", source="test", text=text))
    assert [(q.text, q.counts) for q in x.quantities if q.implicit and q.counts == "killed"] == [("Waldron", "killed")]


def test_perpetrator_is_not_counted(nlp) -> None:
    found = [q for q in quantities(nlp, "Police believe the man who shot Boring is Robert Pasillas.") if q.implicit]
    assert [q.text for q in found if q.counts == "shot"] != ["the man"]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [("Police are investigating a fatal shooting.", "fatal shooting"), ("He was charged with murder.", "murder")],
)
def test_nominal_deaths(nlp, text: str, phrase: str) -> None:
    q = one(nlp, text, phrase)
    assert (q.counts, q.low, q.high, q.hedge, q.implicit) == ("killed", 1, None, "at_least", True)


@pytest.mark.parametrize(
    ("text", "phrase", "counts", "value"),
    [("Police are investigating a double shooting.", "double shooting", "shot", 2),
     ("Detectives are working a triple homicide.", "triple homicide", "killed", 3)],
)
def test_multiple_victim_words(nlp, text: str, phrase: str, counts: str, value: int) -> None:
    q = next(q for q in quantities(nlp, text) if q.text == phrase and q.low == value)
    assert (q.counts, q.high, q.implicit) == (counts, value, True)


def test_attempted_murder_is_no_death(nlp) -> None:
    assert not [q for q in quantities(nlp, "He is wanted for attempted murder.") if q.counts == "killed"]


def test_headline_without_articles(nlp) -> None:
    title = "Woman shot, killed in West Philadelphia"
    text = f"{title}\n\nPolice are investigating."
    found = [q for q in quantities(nlp, text, title=title) if q.implicit]
    assert [(q.text, q.counts) for q in found] == [("Woman", "killed")]


@pytest.mark.parametrize(
    "text",
    [
        "A 24-year-old man was arrested.",  # age, not a count
        "It happened in the 1000 block of McFarland Avenue.",
        "The shooting happened at 9 p.m. on Jan. 27, 2016.",
        "He was held on a $100,000 bond.",
        "Maxim Dovzhenko, 25, said he was beaten.",
        "Boy, 9, accidentally shot in head dies.",
        "Police make arrest after shooting | Fox 59\n\nThe man was arrested.",  # a station, not people
        "A young mother of three was killed.",  # her children are not victims
        "Shooting at encampment - FOX 8 WVUE New Orleans News",
        "No one was injured in the shooting, police said.",
    ],
)
def test_not_counts(nlp, text: str) -> None:
    assert [q.text for q in quantities(nlp, text) if not q.implicit] == []


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200))
def test_never_raises_and_spans_quote_text(nlp, text: str) -> None:
    for q in quantities(nlp, text):
        assert text[q.evidence.start : q.evidence.end] == q.text
        if q.counted_span is not None:
            assert text[q.counted_span.start : q.counted_span.end] == q.counted_text


@hsettings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(["at", "least", "two", "-", "five", "6,700", "people", "were", "killed", "and",
                                       "hundreds", "of", "a", "dozen", "%", "between", "to", "man", "shot", "the"]),
                      max_size=30))
def test_number_like_noise(nlp, words: list[str]) -> None:
    text = " ".join(words)
    for q in quantities(nlp, text):
        assert text[q.evidence.start : q.evidence.end] == q.text
        assert q.low is None or q.high is None or q.low <= q.high


@pytest.mark.parametrize(
    ("text", "phrase", "counts", "value"),
    [
        ("The gunman killed two children and their mother.", "two children and their mother", "killed", 3),
        ("Three men and two women were shot.", "Three men and two women", "shot", 5),
        ("He opened fire, killing his five children as well as his wife.",
         "five children as well as his wife", "killed", 6),
    ],
)
def test_conjoined_people_add_to_the_count(nlp, text: str, phrase: str, counts: str, value: int) -> None:
    q = one(nlp, text, phrase)
    assert (q.counts, q.low, q.high) == (counts, value, value)


def test_conjoined_people_only_for_victims(nlp) -> None:
    q = one(nlp, "Police arrested two men and a woman.", "two")
    assert (q.counts, q.low) == ("arrested", 2)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The man shot his wife and then killed himself.", "himself"),
        ("The gunman then took his own life, police said.", "his own life"),
        ("He shot his neighbor before turning the gun on himself.", "himself"),
    ],
)
def test_the_shooter_who_killed_himself(nlp, text: str, phrase: str) -> None:
    q = one(nlp, text, phrase)
    assert (q.counts, q.low, q.implicit, q.counted_text) == ("killed", 1, True, "himself")


@pytest.mark.parametrize("text", ["He threatened to kill himself.", "She tried to take her own life."])
def test_a_threat_of_suicide_is_no_death(nlp, text: str) -> None:
    assert not [q for q in quantities(nlp, text) if q.counted_text == "himself"]


@pytest.mark.parametrize(
    ("title", "phrase", "counts"),
    [
        ("3 killed, 2 wounded in shooting", "2", "injured"),
        ("Teen dead from gunshot wound", "Teen", "killed"),
        ("Girl shot at party dies; woman held", "Girl", "killed"),
        ("Two shot near race course", "Two", "shot"),
        ("Gunman kills 2 at bar", "2", "killed"),
        ("Police: Man found dead in car", "Man", "killed"),
        ("Officer shot, suspect killed", "Officer", "shot"),
        ("Man shot multiple times, critically wounded", "multiple", None),
        ("Child shoots himself at paintball park", "Child", "shot"),
        # a headline list shares its state: 'Woman, 2 children killed' is three
        ("Woman, 2 children killed in shooting", "Woman, 2 children", "killed"),
        # an age between commas is not a count of people
        ("Man, 19, shot in Englewood", "Man", "shot"),
        # the count's state must follow it: these men are not the ones shot at
        ("Search continues for 2 men after patrol car shot at", "2", None),
    ],
)
def test_headline_grammar(nlp, title: str, phrase: str, counts: str | None) -> None:
    """Headlines drop articles and auxiliaries and have no final stop (the parser
    glues them to the first body sentence): the state after a count is read off
    the words."""
    text = f"{title}\n\nPolice said the man was found on Main Street on Sunday."
    found = {q.text: q.counts for q in quantities(nlp, text, title=title) if q.evidence.start < len(title)}
    assert found.get(phrase) == counts


def test_headline_subject_of_an_active_verb_is_the_shooter(nlp) -> None:
    title = "Man shoots neighbor over parking spot"
    text = f"{title}\n\nPolice said the neighbor was taken to a hospital."
    found = {q.text: q.counts for q in quantities(nlp, text, title=title) if q.evidence.start < len(title)}
    assert found.get("Man") is None and found.get("neighbor") == "shot"


def test_the_one_who_killed_himself_is_counted_once(nlp) -> None:
    """'the man who police say killed himself': the man is the reflexive, not a
    second person killed ('killed' with an object is a verb, not an adjective)."""
    found = quantities(nlp, "Bunn is the man who police say killed himself after taking two hostages.")
    assert [(q.text, q.counts) for q in found if q.counts == "killed"] == [("himself", "killed")]


def test_headline_list_counts_everyone_listed(nlp) -> None:
    title = "Woman, 2 children killed in shooting"
    text = f"{title}\n\nPolice are investigating the deaths."
    found = [q for q in quantities(nlp, text, title=title) if q.evidence.start < len(title) and q.counts]
    assert {(q.counts, q.low) for q in found} == {("killed", 3)}


@pytest.mark.parametrize(
    ("text", "phrase", "counts"),
    [
        ("A shooting left two people dead and a third injured.", "a third", "injured"),
        ("Police found the bodies of two men in a car.", "two", "killed"),
        ("Her cousin was wounded in the shooting.", "Her cousin", "injured"),
    ],
)
def test_more_ways_to_tell_a_person(nlp, text: str, phrase: str, counts: str) -> None:
    assert one(nlp, text, phrase).counts == counts


@pytest.mark.parametrize("text", ["He started yelling at officers to go ahead and kill him.",
                                  'The robbers yelled, "Shoot him, shoot him."'])
def test_a_base_form_is_not_a_deed(nlp, text: str) -> None:
    """What was wanted, ordered or feared is not what happened."""
    assert not [q for q in quantities(nlp, text) if q.counts in ("killed", "shot", "injured")]


def test_future_in_the_past_is_a_deed(nlp) -> None:
    q = one(nlp, "A man was taken to a hospital, where he would later die.", "he")
    assert q.counts == "killed"


def test_a_body_phrase_hung_from_the_headline_keeps_its_own_verb(nlp) -> None:
    """'Shooting' + 'John Smith, 40, was shot and killed': the parser makes Smith the
    object of the headline's 'Shooting'; his own predicate is the body verb."""
    title = "Shooting"
    text = f"{title}\n\nJohn Smith, 40, was shot and killed Saturday."
    found = {q.text: q.counts for q in quantities(nlp, text, title=title)}
    assert found.get("John Smith") == "killed"


def test_headline_age_is_not_people(nlp) -> None:
    title = "Man, 19, shot in Englewood"
    text = f"{title}\n\nPolice are investigating."
    found = [q for q in quantities(nlp, text, title=title) if q.evidence.start < len(title) and q.counts]
    assert found and all(q.low == 1 for q in found)
