"""EXPECTED.md §2 (entities) and the relative-date line of §3 on the two seed articles.

Articles come from clean.article_from_path (boilerplate removed, so captions and
footers are not article prose); entities from extract.entities.read_entities on the
shipped spaCy model. Items the readers cannot find yet are xfailed with the reason.
"""

from __future__ import annotations

import dataclasses

import pytest

from newsledger.extract.entities import read_entities
from newsledger.extract.names import name_key, same_entity
from newsledger.extract.times import read_times

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeds(nlp, seed_paths):
    from newsledger.clean import article_from_path

    out = {}
    for name, path in zip(("afp", "ft"), seed_paths):
        article = article_from_path(path)
        doc = nlp(article.text)
        out[name] = (article, doc, list(read_entities(doc, article, None)))
    return out


def _clusters(mentions, label):
    """canonical name -> list of mentions of that cluster, for one label."""
    by_id: dict[int, list] = {}
    for m in mentions:
        if m.label == label:
            by_id.setdefault(m.cluster, []).append(m)
    return {ms[0].canonical: ms for ms in by_id.values()}


def _find(clusters, name):
    for canonical, ms in clusters.items():
        if canonical and same_entity(canonical, name):
            return ms
    return None


def _all_people(seeds):
    return {k: _clusters(v[2], "PERSON") for k, v in seeds.items()}


# (name, seed(s) it appears in, age, role words: any one must appear in a stated role)
PEOPLE = [
    ("Alexander Lukashenko", ("afp", "ft"), 65, ("president", "leader")),
    ("Svetlana Tikhanovskaya", ("afp", "ft"), 37, ("political novice", "candidate")),
    ("Maxim Dovzhenko", ("afp",), 25, ()),
    ("Mikhail Chernenkov", ("afp",), 43, ("entrepreneur",)),
    ("Yuri Karaev", ("ft",), None, ("interior minister",)),
    ("Alexander Barsukov", ("ft",), None, ("deputy",)),
    ("Roman Golovchenko", ("ft",), None, ("prime minister",)),
    ("Natalia Kochanova", ("ft",), None, ("chair of the upper house",)),
    ("Steffen Seibert", ("afp",), None, ("government spokesman",)),
    ("Angela Merkel", ("afp",), None, ()),
    ("Ursula von der Leyen", ("afp",), None, ("Commission President",)),
    ("Vladimir Makei", ("afp",), None, ("Foreign Minister",)),
    ("Yaroslav", ("ft",), None, ("protester",)),
]


@pytest.mark.parametrize(("name", "where", "age", "roles"), PEOPLE, ids=[p[0] for p in PEOPLE])
def test_each_person_is_one_cluster_with_role_and_age(seeds, name, where, age, roles):
    people = _all_people(seeds)
    ages, stated_roles = set(), []
    for seed in where:
        matches = [c for c in people[seed] if c and same_entity(c, name)]
        assert len(matches) == 1, (seed, name, sorted(c for c in people[seed] if c))
        for m in people[seed][matches[0]]:
            if m.age is not None:
                ages.add(m.age)
            if m.role:
                stated_roles.append(m.role)
    if age is not None:
        assert ages == {age}
    if roles:
        assert any(r.lower() in s.lower() for r in roles for s in stated_roles), stated_roles


def test_mixed_script_mention_resolves_to_tikhanovskaya(seeds):
    _, _, mentions = seeds["afp"]
    mixed = [m for m in mentions if m.text == "Tikhановская"]
    assert len(mixed) == 1
    her = [m for m in mentions if m.text == "Svetlana Tikhanovskaya"][0]
    assert mixed[0].label == "PERSON" and mixed[0].cluster == her.cluster
    assert mixed[0].key == her.key == name_key("Sviatlana Tsikhanouskaya") == name_key("Светлана Тихановская")
    assert mixed[0].age == 37


def test_one_key_for_her_across_the_two_articles(seeds):
    keys = {
        m.key
        for seed in ("afp", "ft")
        for m in seeds[seed][2]
        if m.label == "PERSON" and "Tikh" in (m.canonical or "")
    }
    assert keys == {name_key("Svetlana Tikhanovskaya")}


def test_lukashenko_mentions_link(seeds):
    """Full name, surname, 'Mr Lukashenko' and 'he' are one cluster (002)."""
    _, _, mentions = seeds["ft"]
    full = [m for m in mentions if m.text == "Alexander Lukashenko"][0]
    forms = {m.form for m in mentions if m.cluster == full.cluster}
    assert {"name", "honorific", "pronoun"} <= forms


@pytest.mark.parametrize(
    ("seed", "sentence_start", "speaker"),
    [
        ("afp", '"I ask the mayors', "Svetlana Tikhanovskaya"),
        ("afp", '"They hit me on the head', "Maxim Dovzhenko"),
        ("afp", '"This is torture,"', "Mikhail Chernenkov"),
        ("afp", '"In our view sanctions', "Steffen Seibert"),
        ("afp", '"I am alive and not abroad,"', "Alexander Lukashenko"),
    ],
)
def test_he_she_said_resolves_to_the_speaker(seeds, seed, sentence_start, speaker):
    article, _, mentions = seeds[seed]
    at = article.text.index(sentence_start)
    end = article.text.index("said", at)
    pronouns = [m for m in mentions if m.form == "pronoun" and at <= m.evidence.start < end + 5]
    assert pronouns, "no pronoun found before 'said'"
    assert same_entity(pronouns[-1].canonical or "", speaker)


# Organisations and places named in the article prose (after cleaning).
ORGS = [
    ("AFP", "afp"),
    ("Amnesty International", "afp"),
    ("European Union", "afp"),
    ("Minsk Automobile Plant", "afp"),
    ("Minsk Tractor Works", "afp"),
    ("Belta", "ft"),
    ("Financial Times", "ft"),
]
PLACES = [
    ("Belarus", "afp"),
    ("Minsk", "afp"),
    ("Gomel", "afp"),
    ("Lithuania", "afp"),
    ("Brussels", "afp"),
    ("Germany", "afp"),
    ("Minsk", "ft"),
    ("Uzbekistan", "ft"),
    ("Andijan", "ft"),
    ("Okrestina street", "ft"),
]


@pytest.mark.parametrize(("name", "seed"), ORGS)
def test_organisations(seeds, name, seed):
    orgs = _clusters(seeds[seed][2], "ORG")
    assert _find(orgs, name) is not None, sorted(c for c in orgs if c)


def test_acronyms_join_their_organisations(seeds):
    orgs = _clusters(seeds["afp"][2], "ORG")
    assert {m.text for m in _find(orgs, "Minsk Automobile Plant")} >= {"MAZ"}
    assert {m.text for m in _find(orgs, "Minsk Tractor Works")} >= {"MTZ"}
    assert {m.text for m in _find(orgs, "European Union")} >= {"EU"}


@pytest.mark.xfail(
    reason="named only in the removed caption ('/ TASS') and 'Original url:' footer, "
    "kept as article metadata by clean, not as prose entities",
    strict=False,
)
@pytest.mark.parametrize("name", ["The Moscow Times", "TASS"])
def test_organisations_only_in_metadata(seeds, name):
    orgs = _clusters(seeds["afp"][2], "ORG")
    assert _find(orgs, name) is not None


@pytest.mark.parametrize(("name", "seed"), PLACES)
def test_places(seeds, name, seed):
    mentions = seeds[seed][2]
    places = {**_clusters(mentions, "GPE"), **_clusters(mentions, "LOC"), **_clusters(mentions, "FAC")}
    assert _find(places, name) is not None, sorted(c for c in places if c)


def test_no_place_or_org_is_a_seed_person(seeds):
    """The repair keeps the listed people out of ORG/GPE (the raw model tags
    'Tikhanovskaya' ORG and 'Natalia' GPE in these texts)."""
    for seed in ("afp", "ft"):
        for m in seeds[seed][2]:
            if m.label in ("ORG", "GPE", "NORP", "LOC", "FAC"):
                for name, *_ in PEOPLE:
                    assert not same_entity(m.text, name), (seed, m.text, m.label)


# ---------------------------------------------------------------- §3: relative dates


@pytest.mark.parametrize(
    ("seed", "surface", "start"),
    [
        ("afp", "Friday", "2020-08-14"),
        ("afp", "Tuesday", "2020-08-11"),
        ("afp", "Sunday", "2020-08-09"),  # "Sunday's election"
        ("afp", "Thursday", "2020-08-13"),
        ("afp", "since 1994", "1994-01-01"),
        ("afp", "over the past six days", "2020-08-09"),
        ("afp", "Aug. 15 and 16", "2020-08-15"),
        ("ft", "late on Thursday", "2020-08-13"),
        ("ft", "by 6am on Friday", "2020-08-14T06:00"),
        ("ft", "Tuesday", "2020-08-11"),
        ("ft", "since Sunday", "2020-08-09"),
    ],
)
def test_relative_dates_resolve_against_2020_08_14(seeds, seed, surface, start):
    article, doc, _ = seeds[seed]
    if article.published is None:  # 002 has no date: the story's date, marked inferred
        article = dataclasses.replace(article, published="2020-08-14", published_how="inferred")
    times = [t for t in read_times(doc, article, None) if t.text == surface]
    assert times, surface
    assert {t.start for t in times} == {start}


def test_undated_article_keeps_its_times_unresolved(seeds):
    article, doc, _ = seeds["ft"]
    assert article.published is None
    times = list(read_times(doc, article, None))
    assert times and all(t.how == "unresolved" and t.start is None for t in times if t.text != "in 2005")
