"""A story ledger from hand-built records: counting with wire copies,
entities across scripts, event merging, summaries, statements."""

from __future__ import annotations

import dataclasses

from ledger_records import arg, article, entity, ev, extraction, mention, quantity, quote

from newsledger.corroborate.independence import source_groups
from newsledger.link import link_stories
from newsledger.link.entities import merge_entities, resolve_entities
from newsledger.records import Place

WIRE = "At least 6,700 people have been arrested, the interior ministry said. Two people died in Minsk."
WIRE_TRIMMED = "At least 6,700 people have been arrested, the interior ministry said."
FT = "More than 6,000 arrests were made since Sunday. Five people were killed in Minsk, Reuters reported."


def city(a, name, geonameid):
    start = a.text.index(name)
    return Place(evidence=ev(a.id, start, start + len(name)), text=name, resolved=True, geonameid=geonameid,
                 name=name, country_code="BY", precision="city")


def _member(a, arrests, deaths=None):
    events = [mention(a, arrests[0], "ARREST", [quantity(a, *arrests)], is_summary=True)]
    if deaths:
        events.append(mention(a, deaths[0], "KILLING", [quantity(a, *deaths)], place=city(a, "Minsk", 625144)))
    return a, extraction(a, events=tuple(events))


def _story():
    afp1 = article("afp-mt", WIRE, "AFP", "The Moscow Times")
    afp2 = article("afp-copy", WIRE_TRIMMED, None, "Some Aggregator")  # wire copy, wire not named
    ft = article("ft", FT, "Financial Times", "aggregator")
    return [
        _member(afp1, ("At least 6,700", 6700, None, "at_least", "arrested"), ("Two", 2, 2, "exact", "killed")),
        _member(afp2, ("At least 6,700", 6700, None, "at_least", "arrested")),
        _member(ft, ("More than 6,000", 6000, None, "more_than", "arrested"), ("Five", 5, 5, "exact", "killed")),
    ]


def test_wire_copies_count_once() -> None:
    groups = source_groups([a for a, _ in _story()])
    assert groups["afp-mt"] == groups["afp-copy"] == "AFP"
    assert groups["ft"] == "Financial Times"


def test_summary_figures_agree_and_count_two_sources() -> None:
    ledger = link_stories(_story(), "s1")
    arrests = [e for e in ledger.events if e.event_type == "ARREST"]
    assert len(arrests) == 1 and arrests[0].article_count == 3 and arrests[0].independent_source_count == 2
    claims = [c for c in ledger.claims if c.attribute == "arrested"]
    assert {c.article_count for c in claims} == {3} and {c.independent_source_count for c in claims} == {2}
    assert not [d for d in ledger.discrepancies if d.attribute == "arrested"]


def test_conflicting_death_tolls_are_a_discrepancy_naming_both() -> None:
    ledger = link_stories(_story(), "s1")
    killed = [d for d in ledger.discrepancies if d.attribute == "killed"]
    assert len(killed) == 1
    texts = {c.text for c in ledger.claims if c.id in killed[0].claim_ids}
    assert texts == {"Two", "Five"}


def test_speaker_and_reporting_fields() -> None:
    ledger = link_stories(_story(), "s1")
    by_article = {c.evidence.article_id: c for c in ledger.claims if c.attribute == "arrested"}
    assert by_article["afp-mt"].speaker == "the interior ministry"
    assert by_article["afp-mt"].originator == "AFP" and by_article["afp-mt"].reported_at == "2020-08-14"
    assert by_article["ft"].speaker is None


def test_member_order_does_not_matter() -> None:
    assert link_stories(_story(), "s1") == link_stories(list(reversed(_story())), "s1")


def test_undated_member_gets_inferred_date() -> None:
    members = _story()
    undated = article("ft", FT, "Financial Times", published=None)
    members[2] = (undated, members[2][1])
    assert link_stories(members, "s1").inferred_dates == {"ft": "2020-08-14"}


def test_summary_linked_not_merged() -> None:
    a = article("x", "Police detained 300 people on Sunday. Overall 6,700 were detained since Sunday.")
    single = mention(a, "detained 300", "ARREST", date="2020-08-09")
    summary = mention(a, "6,700", "ARREST", is_summary=True)
    summary = summary.__class__(**{**{f: getattr(summary, f) for f in summary.__dataclass_fields__},
                                   "summary_start": "2020-08-09", "summary_end": "2020-08-14"})
    ledger = link_stories([(a, extraction(a, events=(single, summary)))], "s")
    singles = [e for e in ledger.events if not e.is_summary]
    summaries = [e for e in ledger.events if e.is_summary]
    assert len(singles) == 1 and len(summaries) == 1
    assert singles[0].summarised_by == (summaries[0].id,)


def test_events_in_different_cities_stay_apart() -> None:
    a = article("a", "One man died in Minsk.")
    b = article("b", "One man died in Gomel.")
    c = article("c", "One man died in Minsk yesterday.")
    members = [
        (a, extraction(a, events=(mention(a, "died", "KILLING", place=city(a, "Minsk", 625144)),))),
        (b, extraction(b, events=(mention(b, "died", "KILLING", place=city(b, "Gomel", 627907)),))),
        (c, extraction(c, events=(mention(c, "died", "KILLING", place=city(c, "Minsk", 625144)),))),
    ]
    events = link_stories(members, "s").events
    assert sorted(e.article_count for e in events) == [1, 2]


def test_statements_same_across_outlets_and_contradiction() -> None:
    a = article("a", 'Lukashenko said: "I am alive and not abroad," he said.', "AFP")
    b = article("b", "\u201cFor a start, I'm alive, I haven't gone abroad,\u201d Mr Lukashenko said. "
                "Karaev said \u201cI want to apologise humanely\u201d to people who were beaten. "
                "Barsukov told a crowd that \u201cthere was no abuse.\u201d", "Financial Times")
    members = [
        (a, extraction(a, quotes=(quote(a, "I am alive and not abroad", "Alexander Lukashenko"),))),
        (b, extraction(b, quotes=(quote(b, "For a start, I'm alive, I haven't gone abroad", "Lukashenko"),
                                  quote(b, "I want to apologise humanely", "Yuri Karaev"),
                                  quote(b, "there was no abuse.", "Alexander Barsukov")))),
    ]
    ledger = link_stories(members, "s")
    alive = [c for c in ledger.claims if "alive" in c.text]
    assert {c.independent_source_count for c in alive} == {2}
    conflicts = [d for d in ledger.discrepancies if d.attribute == "statement"]
    assert len(conflicts) == 1 and "Karaev" in conflicts[0].reason and "Barsukov" in conflicts[0].reason


def test_entities_across_scripts_roles_ages() -> None:
    a = article("a", "Svetlana Tikhanovskaya, 37, left. Alexander Lukashenko, the president, spoke.")
    b = article("b", "Тихановская left for Lithuania. Sviatlana Tsikhanouskaya said. Lukashenko spoke.")
    from newsledger.link.features import name_key

    def ent(art, text, label, cluster, **kw):
        return entity(art, text, label, cluster, name_key(text), **kw)

    members = [
        (a, extraction(a, entities=(ent(a, "Svetlana Tikhanovskaya", "PERSON", 0, age=37),
                                    ent(a, "Alexander Lukashenko", "PERSON", 1, role="president")))),
        (b, extraction(b, entities=(ent(b, "Тихановская", "PERSON", 0, form="surname"),
                                    ent(b, "Sviatlana Tsikhanouskaya", "PERSON", 0),
                                    ent(b, "Lukashenko", "PERSON", 1, form="surname"),
                                    ent(b, "Lithuania", "GPE", 2)))),
    ]
    entities, entity_of = resolve_entities(members)
    assert entity_of[("a", 0)] == entity_of[("b", 0)]
    assert entity_of[("a", 1)] == entity_of[("b", 1)]
    tikh = next(e for e in entities if e.id == entity_of[("a", 0)])
    assert tikh.ages == (37,) and "Тихановская" in tikh.aliases and len(tikh.mentions) == 3
    luka = next(e for e in entities if e.id == entity_of[("a", 1)])
    assert luka.name == "Alexander Lukashenko" and luka.roles[0].role == "president"
    assert merge_entities(entities, entities) == entities


def test_actor_claims_use_entity_ids() -> None:
    a = article("a", "Police beat protesters in Minsk.")
    m = mention(a, "beat", "VIOLENCE_AGAINST_CIVILIANS", actors=[arg(a, "Police", 0)])
    x = extraction(a, events=(m,), entities=(entity(a, "Police", "ORG", 0, "police"),))
    ledger = link_stories([(a, x)], "s")
    perp = [c for c in ledger.claims if c.attribute == "perpetrator"]
    assert perp and perp[0].value == ledger.entities[0].id


def test_called_for_rally_is_not_the_rally() -> None:
    a = article("a", "Protesters rallied in Minsk. She called for mass rallies on Saturday.")
    b = article("b", "Thousands rallied in Minsk.")
    members = [
        (a, extraction(a, events=(mention(a, "rallied", "PEACEFUL_PROTEST"),
                                  mention(a, "called for mass rallies", "PEACEFUL_PROTEST", modality="called_for")))),
        (b, extraction(b, events=(mention(b, "rallied", "PEACEFUL_PROTEST"),))),
    ]
    events = link_stories(members, "s").events
    by_modality = {e.modality: e for e in events}
    assert by_modality["occurred"].article_count == 2 and by_modality["called_for"].article_count == 1


def test_link_item_uses_extracted_keys_and_skips_inferred_dates() -> None:
    from newsledger.link import link_item
    import dataclasses

    a = article("a", "Svetlana Tikhanovskaya left.")
    x = extraction(a, entities=(entity(a, "Svetlana Tikhanovskaya", "PERSON", 0, "svtln tkhnvska"),))
    item = link_item(a, x)
    assert item.entity_keys == ("svtln tkhnvska",) and item.date == "2020-08-14"
    assert link_item(dataclasses.replace(a, published_how="inferred"), x).date is None


import pytest  # noqa: E402


@pytest.mark.parametrize(
    ("text", "phrase", "speaker"),
    [
        ("At least 6,700 people have been arrested, the interior ministry said.", "At least 6,700", "the interior ministry"),
        ("The interior ministry said Friday more than 2,000 had been set free.", "more than 2,000", "The interior ministry"),
        ("At least 6,700 people have been arrested, but on Thursday officials announced they would start releasing detainees.",
         "At least 6,700", None),
        ("According to Amnesty International, 300 people were tortured.", "300", "Amnesty International"),
        ("Hundreds were injured.", "Hundreds", None),
    ],
)
def test_speaker_of_a_figure(text: str, phrase: str, speaker: str | None) -> None:
    from newsledger.corroborate.claims import speaker_for

    a = article("a", text)
    start = text.index(phrase)
    assert speaker_for(start, start + len(phrase), (), a, extraction(a)) == speaker


def test_bad_input_duplicates_and_other_languages() -> None:
    ru = article("ru", "Задержаны более 6000 человек.", None, "tut.by", published=None)
    a = article("a", WIRE, "AFP", "The Moscow Times")
    members = [(ru, extraction(ru)), (a, extraction(a)), (a, extraction(a))]  # a twice
    ledger = link_stories(members, "s")
    assert ledger.source_groups == {"a": "AFP", "ru": "tut.by"}
    assert ledger.inferred_dates == {"ru": "2020-08-14"}
    assert ledger.events == () and ledger.discrepancies == ()


# Session 2: whether a vague report (no place, or only the country) may join an
# event told at a specific place is decided on ECB+ event coreference
# (link.events.VAGUE_JOINS_SPECIFIC, docs/accuracy.md): it may, but it never
# chains two specific events into one.
def test_vague_report_never_chains_specific_events() -> None:
    a = article("a", "One man died in Minsk. One man died in Gomel.")
    b = article("b", "A man died in Belarus.")
    belarus = dataclasses.replace(city(b, "Belarus", 630336), precision="country", country_code="BY")
    members = [
        (a, extraction(a, events=(mention(a, "died", "KILLING", place=city(a, "Minsk", 625144)),
                                  mention(a, "died in Gomel", "KILLING", place=city(a, "Gomel", 627907))))),
        (b, extraction(b, events=(mention(b, "died", "KILLING", place=belarus),))),
    ]
    ledger = link_stories(members, "s")
    assert len(ledger.events) == 2
    assert {e.place_name for e in ledger.events} == {"Minsk", "Gomel"}
    assert sorted(e.independent_source_count for e in ledger.events) == [1, 2]


def test_vague_report_confirms_the_specific_event() -> None:
    a = article("a", "One man died in Gomel.")
    b = article("b", "A man died in Belarus.")
    belarus = dataclasses.replace(city(b, "Belarus", 630336), precision="country", country_code="BY")
    members = [
        (a, extraction(a, events=(mention(a, "died", "KILLING", place=city(a, "Gomel", 627907)),))),
        (b, extraction(b, events=(mention(b, "died", "KILLING", place=belarus),))),
    ]
    assert [e.independent_source_count for e in link_stories(members, "s").events] == [2]


def test_one_article_telling_an_event_twice_is_one_event() -> None:
    a = article("a", "Police detained protesters in Minsk. Later, police detained more people in Minsk.")
    b = article("b", "Police detained protesters in Gomel and Minsk.")
    minsk1, minsk2 = (city(a, "Minsk", 625144), dataclasses.replace(
        city(a, "Minsk", 625144), evidence=ev(a.id, a.text.rindex("Minsk"), a.text.rindex("Minsk") + 5)))
    members = [
        (a, extraction(a, events=(mention(a, "detained", "ARREST", place=minsk1),
                                  mention(a, "detained more", "ARREST", place=minsk2)))),
        (b, extraction(b, events=(mention(b, "detained", "ARREST", place=city(b, "Gomel", 627907)),))),
    ]
    events = link_stories(members, "s").events
    assert sorted(len(e.mentions) for e in events) == [1, 2]  # Minsk told twice: one event; Gomel apart
