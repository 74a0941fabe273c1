"""link.events: one real-world event told by several mentions/articles is one Event,
different events stay apart. Hand-built records (tests/corroborate/ledger_records.py)."""

from __future__ import annotations

import dataclasses
import random

import pytest

from ledger_records import arg, article, entity, extraction, mention, quantity
from newsledger.corroborate.independence import source_groups
from newsledger.link.entities import resolve_entities
from newsledger.link.events import merge_events, places_agree
from newsledger.records import Evidence, Place


def place(a, name, geonameid, precision="city", cc="BY", admin1="BY.04", lat=None, lon=None):
    start = a.text.index(name)
    ev = Evidence(a.id, start, start + len(name), 0, "test@1")
    return Place(ev, name, True, geonameid, name, lat, lon, cc, admin1, None, precision)  # type: ignore[arg-type]


def merged(members):
    _, entity_of = resolve_entities(members)
    events, event_of = merge_events(members, "s", entity_of, source_groups([a for a, _ in members]))
    return events, event_of


def _released(aid, text, trigger, actor_text, named):
    a = article(aid, text, originator=aid.upper())
    ents = (entity(a, actor_text, "PERSON", 1, actor_text.casefold()),) if named else ()
    m = mention(a, trigger, "RELEASE", modality="promised", actors=(arg(a, actor_text, 1 if named else None),))
    return a, extraction(a, events=(m,), entities=ents)


def test_generic_actor_does_not_veto_a_named_one() -> None:
    members = [
        _released("a", "Officials promised to free the detainees.", "free", "Officials", named=False),
        _released("b", "Yuri Karaev promised that everyone would be freed.", "freed", "Yuri Karaev", named=True),
    ]
    events, _ = merged(members)
    assert len(events) == 1 and events[0].independent_source_count == 2


@pytest.mark.parametrize(
    ("speaker_a", "speaker_b", "n_events"),
    [
        ("Amnesty International", "Svetlana Tikhanovskaya", 2),  # two speakers, two accusations
        ("Svetlana Tikhanovskaya", "Svetlana Tikhanovskaya", 1),
    ],
)
def test_speech_acts_are_their_speakers(speaker_a: str, speaker_b: str, n_events: int) -> None:
    members = []
    for aid, who in (("a", speaker_a), ("b", speaker_b)):
        a = article(aid, f"{who} accused the police of torture.", originator=aid.upper())
        ents = (entity(a, who, "PERSON", 1, who.casefold()),)
        m = mention(a, "accused", "ACCUSATION", actors=(arg(a, who, 1),))
        members.append((a, extraction(a, events=(m,), entities=ents)))
    assert len(merged(members)[0]) == n_events


def test_one_article_returning_to_an_event_without_its_place_is_one_event() -> None:
    a = article("a", "Police beat detainees in Minsk. They were beaten for hours.")
    minsk = place(a, "Minsk", 625144)
    members = [(a, extraction(a, events=(
        mention(a, "beat", "TORTURE", place=minsk),
        mention(a, "beaten", "TORTURE"),
    )))]
    events, _ = merged(members)
    assert len(events) == 1 and events[0].place_name == "Minsk"


@pytest.mark.parametrize(
    ("text", "figures", "n_events"),
    [
        # the same article telling two different figures: two events
        ("Two people were killed. Five people were killed.", [("Two people", 2), ("Five people", 5)], 2),
        # hedged figures that can be one value: one event
        ("At least 6,700 were detained. More than 6,000 were detained.",
         [("At least 6,700", 6700), ("More than 6,000", 6000)], 1),
    ],
)
def test_within_article_figures(text: str, figures, n_events: int) -> None:
    a = article("a", text)
    hedges = {"Two": "exact", "Five": "exact", "At least": "at_least", "More than": "more_than"}
    events = []
    for phrase, value in figures:
        hedge = next(h for k, h in hedges.items() if phrase.startswith(k))
        trigger_at = text.index(phrase) + len(phrase)
        trigger = text[trigger_at:].split()[1].rstrip(".")
        role = "killed" if "killed" in trigger else "detained"
        m = mention(a, phrase, "DEATH" if role == "killed" else "ARREST", [quantity(a, phrase, value, None, hedge, role)])
        events.append(dataclasses.replace(m, trigger=trigger))
    assert len(merged([(a, extraction(a, events=tuple(events)))])[0]) == n_events


def test_conflicting_figures_across_articles_are_one_event_with_a_discrepancy() -> None:
    from newsledger.link import link_stories

    a = article("a", "Two people were killed in Minsk.", originator="AFP")
    b = article("b", "Five people were killed in Minsk.", originator="Reuters")
    members = [
        (x, extraction(x, events=(mention(x, "killed", "DEATH", [quantity(x, n, v, None, "exact", "killed")],
                                          place=place(x, "Minsk", 625144)),)))
        for x, n, v in ((a, "Two people", 2), (b, "Five people", 5))
    ]
    ledger = link_stories(members, "s")
    assert len(ledger.events) == 1
    assert [d.attribute for d in ledger.discrepancies] == ["killed"]


@pytest.mark.parametrize(
    ("big", "small", "agree"),
    [
        (("Belarus", 630336, "country", "BY", None), ("Minsk", 625144, "city", "BY", "BY.04"), True),
        (("California", 5332921, "admin1", "US", "California"), ("Newport Beach", 5376890, "city", "US", "California"), True),
        (("Texas", 4736286, "admin1", "US", "Texas"), ("Newport Beach", 5376890, "city", "US", "California"), False),
        (("Minsk", 625144, "city", "BY", "BY.04"), ("Homyel", 627907, "city", "BY", "BY.02"), False),
        (("Minsk", 625144, "city", "BY", "BY.04"), ("Vilnius", 593116, "city", "LT", "LT.65"), False),
    ],
)
def test_places_agree_by_containment(big, small, agree: bool) -> None:
    a = article("a", f"{big[0]} {small[0]}")
    pb, ps = place(a, *big[:2], big[2], big[3], big[4]), place(a, *small[:2], small[2], small[3], small[4])
    assert places_agree(pb, ps) is agree and places_agree(ps, pb) is agree


def test_facility_lies_in_its_city() -> None:
    a = article("a", "Minsk Okrestina Gomel")
    minsk = place(a, "Minsk", 625144, lat=53.9, lon=27.5667)
    okrestina = place(a, "Okrestina", -1001, precision="facility", lat=53.862, lon=27.446)
    gomel = place(a, "Gomel", 627907, lat=52.4345, lon=30.9754)
    assert places_agree(minsk, okrestina) and not places_agree(gomel, okrestina)


@pytest.mark.parametrize(
    ("modality_b", "n_events"),
    [("occurred", 1), ("called_for", 2)],  # 'called for rallies' is not a rally
)
def test_modality_keeps_events_apart(modality_b: str, n_events: int) -> None:
    a = article("a", "Thousands rallied in Minsk.", originator="AFP")
    b = article("b", "Thousands rallied in Minsk.", originator="FT", content_hash="other")
    members = [
        (a, extraction(a, events=(mention(a, "rallied", "PEACE_PROTEST", place=place(a, "Minsk", 625144)),))),
        (b, extraction(b, events=(mention(b, "rallied", "PEACE_PROTEST", modality=modality_b,
                                          place=place(b, "Minsk", 625144)),))),
    ]
    assert len(merged(members)[0]) == n_events


def test_a_told_date_after_the_other_report_was_published_is_another_event() -> None:
    a = article("a", "Police detained protesters.", published="2020-08-10")  # date inferred: 08-10
    b = article("b", "Police detained protesters on 20 August.", published="2020-08-21")
    inferred = mention(a, "detained", "ARREST")
    inferred = dataclasses.replace(inferred, time=dataclasses.replace(
        mention(a, "detained", "ARREST", date="2020-08-10").time, how="inferred"))
    members = [
        (a, extraction(a, events=(inferred,))),
        (b, extraction(b, events=(mention(b, "detained", "ARREST", date="2020-08-20"),))),
    ]
    assert len(merged(members)[0]) == 2


@pytest.mark.parametrize("collapse_above", [400, 0])  # exact order, and the big-story fast path
def test_merging_does_not_depend_on_member_order(collapse_above: int, monkeypatch) -> None:
    from newsledger.link import events as link_events

    monkeypatch.setattr(link_events, "COLLAPSE_ABOVE", collapse_above)
    texts = ["Police detained 50 people in Minsk.", "Dozens were detained in Belarus.", "Arrests in Gomel.",
             "People were detained in Belarus."]
    members = []
    for i, text in enumerate(texts):
        a = article(f"a{i}", text, originator=f"O{i}")
        trig = next(w for w in ("detained", "Arrests") if w in text)
        where = next(n for n in ("Minsk", "Belarus", "Gomel") if n in text)
        gid, prec = {"Minsk": (625144, "city"), "Belarus": (630336, "country"), "Gomel": (627907, "city")}[where]
        members.append((a, extraction(a, events=(mention(a, trig, "ARREST", place=place(a, where, gid, prec)),))))
    reference = merged(members)
    for seed in range(3):
        shuffled = members[:]
        random.Random(seed).shuffle(shuffled)
        assert merged(shuffled) == reference


def test_no_members_no_events() -> None:
    assert merge_events([], "s", {}, {}) == ([], {})


def test_summary_is_linked_not_merged() -> None:
    a = article("a", "At least 6,700 people have been detained since Sunday. Police detained him in Minsk.")
    summary = dataclasses.replace(
        mention(a, "detained", "ARREST", [quantity(a, "At least 6,700", 6700, None, "at_least", "arrested")],
                is_summary=True), summary_start="2020-08-09", summary_end="2020-08-14")
    single = mention(a, "detained him", "ARREST", date="2020-08-12", place=place(a, "Minsk", 625144))
    events, _ = merged([(a, extraction(a, events=(summary, single)))])
    by_kind = {e.is_summary: e for e in events}
    assert len(events) == 2 and by_kind[False].summarised_by == (by_kind[True].id,)


@pytest.mark.parametrize(("inherited", "n_events"), [(False, 2), (None, 2), (True, 1)])
def test_reader_flag_says_whether_the_place_was_told(inherited, n_events) -> None:
    # a place the reader inherited from the article is context (same country: no
    # veto), a told one is the event's place; without the flag, offsets decide
    a = article("a", "Police detained protesters in Minsk.")
    b = article("b", "Police detained protesters in Brest.")
    ma = dataclasses.replace(mention(a, "detained", "ARREST", place=place(a, "Minsk", 625144)),
                             place_inherited=inherited)
    mb = mention(b, "detained", "ARREST", place=place(b, "Brest", 629634, admin1="BY.01"))
    members = [(a, extraction(a, events=(ma,))), (b, extraction(b, events=(mb,)))]
    assert len(merged(members)[0]) == n_events


@pytest.mark.parametrize(("inherited", "n_events"), [(False, 2), (None, 1), (True, 1)])
def test_reader_flag_says_whether_the_time_was_told(inherited, n_events) -> None:
    # 'on 21 August' with its year inferred by the times reader (how='inferred') is
    # still told with the event; only the reader's fallback (the publication day)
    # is not. Without the flag, how='inferred' is read as the fallback.
    a = article("a", "Police detained protesters on 21 August.", published="2020-08-21")
    b = article("b", "Police detained protesters on 10 August.", published="2020-08-11")
    ma = mention(a, "detained", "ARREST", date="2020-08-21")
    ma = dataclasses.replace(ma, time=dataclasses.replace(ma.time, how="inferred"), time_inherited=inherited)
    mb = mention(b, "detained", "ARREST", date="2020-08-10")
    members = [(a, extraction(a, events=(ma,))), (b, extraction(b, events=(mb,)))]
    assert len(merged(members)[0]) == n_events


def _report(aid: str, text: str, trigger: str, event_type: str, names=(), modality="occurred", actor=None,
            where=None):  # type: ignore[no-untyped-def]
    """One article with one event mention; ``names``: (text, label) entities it names."""
    a = article(aid, text, originator=aid.upper())
    ents = tuple(entity(a, n, label, k + 1, n.casefold()) for k, (n, label) in enumerate(names))
    cluster = {n: k + 1 for k, (n, _) in enumerate(names)}
    actors = (arg(a, actor, cluster.get(actor)),) if actor else ()
    m = mention(a, trigger, event_type, modality=modality, actors=actors, place=where(a) if where else None)
    return a, extraction(a, events=(m,), entities=ents)


@pytest.mark.parametrize(
    ("second", "n_events"),
    [
        # the same happening: the articles name the same man
        ("Police said John Smith was shot dead on Friday.", 1),
        # two articles naming nobody in common tell two happenings
        ("Police said Maria Lopez was shot dead on Friday.", 2),
        # an article naming nobody cannot tell
        ("Police said a man was shot dead on Friday.", 1),
    ],
)
def test_articles_naming_nothing_in_common_tell_different_events(second: str, n_events: int) -> None:
    names = [(n, "PERSON") for n in ("John Smith", "Maria Lopez") if n in second]
    members = [
        _report("a", "John Smith was shot dead in his home.", "shot", "ATTACK", [("John Smith", "PERSON")]),
        _report("b", second, "shot", "ATTACK", names),
    ]
    assert len(merged(members)[0]) == n_events


@pytest.mark.parametrize(
    ("denier", "n_events"),
    [
        # 'there was no abuse': a stance on the abuse the other report tells, one event
        (None, 1),
        # 'he denied he had fled' is not a stance on her leaving
        ("Alexander Lukashenko", 2),
    ],
)
def test_a_denial_is_a_stance_on_the_event_it_denies(denier, n_events: int) -> None:
    names = [("Svetlana Tikhanovskaya", "PERSON"), ("Belarus", "GPE")]
    first = _report("a", "Svetlana Tikhanovskaya left Belarus.", "left", "EXILE", names,
                    actor="Svetlana Tikhanovskaya")
    text = f"{denier or 'An official'} denied that anyone had left Belarus."
    second = _report("b", text, "left", "EXILE", [(denier, "PERSON"), ("Belarus", "GPE")] if denier
                     else [("Belarus", "GPE")], modality="denied", actor=denier)
    events, _ = merged([first, second])
    assert len(events) == n_events
    assert any(e.modality == "occurred" for e in events)


def test_one_misread_context_does_not_keep_a_report_apart() -> None:
    # average linkage: c's context (a place it inherited from its article) was
    # misread as Riga; c fits b, not a, and joins the event a and b tell; a
    # complete link would keep it apart
    a = article("a", "A man died in Minsk on Friday.", originator="A")
    b = article("b", "A man died on Friday.", originator="B")
    c = article("c", "A man died on Friday, in Riga.", originator="C")
    riga = place(c, "Riga", 456172, cc="LV", admin1="LV.25")
    members = [
        (a, extraction(a, events=(mention(a, "died", "DEATH", place=place(a, "Minsk", 625144)),))),
        (b, extraction(b, events=(mention(b, "died", "DEATH"),))),
        (c, extraction(c, events=(
            dataclasses.replace(mention(c, "died", "DEATH", place=riga), place_inherited=True),
        ))),
    ]
    events, _ = merged(members)
    assert len(events) == 1 and events[0].place_name == "Minsk"
