"""read_quotes: table-driven cases for every quote shape the issue lists."""

from __future__ import annotations

import pytest

from newsledger.extract.quotes import read_quotes
from newsledger.records import Article, ArticleExtraction, Quote


def quotes(nlp, text: str, with_entities: bool = False) -> list[Quote]:  # type: ignore[no-untyped-def]
    article = Article(id="t", source="t", text=text)
    doc = nlp(text)
    found = ArticleExtraction(article_id="t")
    if with_entities:
        from newsledger.extract.entities import read_entities

        found = ArticleExtraction(article_id="t", entities=tuple(read_entities(doc, article, found)))
    return list(read_quotes(doc, article, found))


def find(qs: list[Quote], words: str) -> Quote:
    hits = [q for q in qs if words in q.content_text]
    assert hits, f"no quote with {words!r} in {[q.content_text for q in qs]}"
    return hits[0]


# (text, words of the content, expected content or None, cue, speaker text, kind).
# Span conventions follow the PolNeAR gold: auxiliaries belong to the cue ('has
# dismissed'), the source keeps its appositive or relative clause, the content
# keeps 'that' and the quote marks with the comma inside them.
CASES = [
    ("Officials said that 2,000 people had been released.",
     "2,000", "that 2,000 people had been released", "said", "Officials", "indirect"),
    ("The interior ministry said on Friday that more than 2,000 detainees had been freed.",
     "2,000", "that more than 2,000 detainees had been freed", "said", "The interior ministry", "indirect"),
    ("According to the interior ministry, 6,700 people were arrested.",
     "6,700", "6,700 people were arrested", "According to", "the interior ministry", "indirect"),
    ("Detainees told AFP that they had been beaten in custody.",
     "beaten", "that they had been beaten in custody", "told", "Detainees", "indirect"),
    ('"We will not give up," said Tikhanovskaya, who left for Lithuania.',
     "give up", '"We will not give up,"', "said", "Tikhanovskaya, who left for Lithuania", "direct"),
    ("“We will not give up,” she said.",
     "give up", "“We will not give up,”", "said", "she", "direct"),
    ("‘We will not give up,’ he said.",
     "give up", "‘We will not give up,’", "said", "he", "direct"),
    ("«We will not give up», the opposition leader said.",
     "give up", "«We will not give up»", "said", "the opposition leader", "direct"),
    ('The candidate accused the regime of a "bloody massacre" in the crackdown.',
     "massacre", None, "accused", "The candidate", "mixed"),
    ('Lukashenko has dismissed the demonstrators as foreign-controlled "sheep".',
     "sheep", None, "has dismissed", "Lukashenko", "mixed"),
    ('Mr Karaev said that “as a commander I want to apologise” to the people.',
     "apologise", None, "said", "Mr Karaev", "mixed"),
]


@pytest.mark.parametrize(("text", "words", "content", "cue", "speaker", "kind"), CASES, ids=[c[0][:40] for c in CASES])
def test_quote_shapes(nlp, text, words, content, cue, speaker, kind) -> None:  # type: ignore[no-untyped-def]
    q = find(quotes(nlp, text), words)
    if content is not None:
        assert q.content_text == content
    assert q.cue_text == cue
    assert q.speaker_text == speaker
    assert q.kind == kind


def test_quote_over_two_paragraphs(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“The first paragraph of the statement.\n\n“The second paragraph ends here,” she said."
    q = find(quotes(nlp, text), "second paragraph")
    assert q.content_text.startswith("“The first paragraph")
    assert q.content_text.endswith("ends here,”")
    assert q.kind == "direct"


def test_stray_mark_does_not_swallow_the_article(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'A stray " mark opens here.\n\nOfficials said that the protests had ended.\n\nMore text follows.'
    q = find(quotes(nlp, text), "protests")
    assert q.content_text == "that the protests had ended"


# Pronoun speakers go to the right earlier person, not merely the nearest name.
PRONOUNS = [
    ('Maxim Dovzhenko, 25, was released on Friday. "They hit me on the head," he said.',
     "hit me", "Dovzhenko"),
    ('German government spokesman Steffen Seibert said Chancellor Angela Merkel had been "shocked". '
     '"Sanctions will have to be discussed," he said.', "Sanctions", "Seibert"),
    ('"We will win," said Svetlana Tikhanovskaya. "I ask the mayors to organize rallies," she added.',
     "mayors", "Tikhanovskaya"),
    ('"They burned my hands," said Maxim Dovzhenko. Lukashenko spoke on television. '
     '"I am alive," he said.', "alive", "Lukashenko"),
]


@pytest.mark.parametrize(("text", "words", "who"), PRONOUNS, ids=[p[2] for p in PRONOUNS])
@pytest.mark.parametrize("with_entities", [False, True], ids=["doc.ents", "entities"])
def test_pronoun_speaker(nlp, text, words, who, with_entities) -> None:  # type: ignore[no-untyped-def]
    hits = [q for q in quotes(nlp, text, with_entities) if words in q.content_text]
    assert any(who in (q.speaker_name or "") for q in hits), [(q.cue_text, q.speaker_name) for q in hits]


def test_named_speaker_after_quote_resolves_to_entity_cluster(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"We will not give up," said Svetlana Tikhanovskaya, who left for Lithuania on Tuesday.'
    q = find(quotes(nlp, text, with_entities=True), "give up")
    assert q.speaker_cluster is not None and "Tikhanovskaya" in (q.speaker_name or "")


# A name inside the speaker's noun phrase names the speaker only when it is part
# of the speaker's own name, not of a modifier (a place they were held, a person
# they met): then the speaker stays unresolved rather than wrongly named.
SPEAKER_NAMES = [
    ("Several people who were jailed at a detention centre on Okrestina street in Minsk told the FT "
     "that police beat them.", "police beat", None),
    ("The man who met Angela Merkel on Friday said that sanctions were coming.", "sanctions", None),
    ("State news agency Belta reported that the president was alive.", "president", "Belta"),
    ("EU Commission President Ursula von der Leyen said that sanctions were coming.", "sanctions", "Leyen"),
]


@pytest.mark.parametrize(("text", "words", "who"), SPEAKER_NAMES, ids=[str(c[2]) for c in SPEAKER_NAMES])
def test_speaker_named_only_by_its_own_name(nlp, text, words, who) -> None:  # type: ignore[no-untyped-def]
    q = find(quotes(nlp, text, with_entities=True), words)
    if who is None:
        assert q.speaker_name is None, q.speaker_name
    else:
        assert who in (q.speaker_name or ""), q.speaker_name


def test_evidence_and_spans(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'Officials said that 2,000 people had been released.'
    (q,) = quotes(nlp, text)
    assert q.evidence.article_id == "t" and q.evidence.extractor.startswith("quotes@")
    assert (q.evidence.start, q.evidence.end) == (0, len(text) - 1)
    assert text[q.cue.start : q.cue.end] == "said"


def test_relative_pronoun_source_resolves_to_its_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Svetlana Tikhanovskaya, who said the vote was rigged, left for Lithuania."
    q = find(quotes(nlp, text), "rigged")
    assert q.speaker_text == "who"  # the gold convention marks the relative pronoun
    assert "Tikhanovskaya" in (q.speaker_name or "")


def test_quote_signed_with_a_dash(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“He represents our greatest shame.” ― Sonya Herridge\n“I am afraid.” — Krystal Correa"
    qs = quotes(nlp, text)
    assert [(q.content_text, q.cue_text, q.speaker_text) for q in qs] == [
        ("“He represents our greatest shame.”", "―", "Sonya Herridge"),
        ("“I am afraid.”", "—", "Krystal Correa"),
    ]


def test_heading_line_is_not_part_of_the_next_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "'Campaign of widespread torture'\n\nOfficials have confirmed that two people died."
    for q in quotes(nlp, text):
        assert q.speaker_text is None or "\n" not in q.speaker_text
        assert "\n" not in q.content_text


def test_lexicon_fallback_without_model_file(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import newsledger.extract.quotes as quotes_module

    monkeypatch.setattr(quotes_module, "load_model", lambda: None)
    (q,) = quotes(nlp, "Officials have said that 2,000 people were released.")
    assert (q.cue_text, q.speaker_text, q.content_text) == ("have said", "Officials", "that 2,000 people were released")
    assert q.evidence.extractor.endswith("lexicon")


def test_cue_inside_the_content_splits_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # PolNeAR: content on both sides of an inserted ', he said,' is two fragments
    text = "The outreach, he said, raised new worries about the campaign."
    q = find(quotes(nlp, text), "worries")
    assert [text[p.start : p.end] for p in q.content_parts] == [
        "The outreach",
        "raised new worries about the campaign",
    ]
    assert (q.cue_text, q.speaker_text) == ("said", "he")


def test_show_title_after_the_cue_is_not_a_second_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"She is a flawed candidate," Trump said on "Good Morning America."'
    q = find(quotes(nlp, text), "flawed")
    assert q.content_text == '"She is a flawed candidate,"' and not q.content_parts


def test_quote_continued_after_the_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"We will win," she said. "We will never give up."'
    q = find(quotes(nlp, text), "win")
    assert [text[p.start : p.end] for p in q.content_parts] == ['"We will win,"', '"We will never give up."']


LINE_SHAPES = [
    # (text, cue, speaker, content): headline / transcript lines 'Name: words'
    ("Ted Cruz: Physically assaulting a reporter is a fireable offense.\n", ":", "Ted Cruz",
     "Physically assaulting a reporter is a fireable offense"),
    ("Talk went on.\n\nBOULDUAN: You guys, back in January, wanted a debate.\n", ":", "BOULDUAN",
     "You guys, back in January, wanted a debate"),
    # the signature on the line after the quote
    ('"I helped write that bill."\n\n- Sanders.\n\nHe said more.', "-", "Sanders",
     '"I helped write that bill."'),
    ('"She never quits."\n\n-President Obama, tweeting after the speech', "-", "President Obama",
     '"She never quits."'),
]


@pytest.mark.parametrize(("text", "cue", "speaker", "content"), LINE_SHAPES, ids=[c[2] for c in LINE_SHAPES])
def test_line_shaped_attributions(nlp, text, cue, speaker, content) -> None:  # type: ignore[no-untyped-def]
    hits = [(q.cue_text, q.speaker_text, q.content_text) for q in quotes(nlp, text)]
    assert (cue, speaker, content) in hits


LABELS = ["UPDATE: The story was changed on Friday.\n", "Q: Have you talked to her?\n"]


@pytest.mark.parametrize("text", LABELS)
def test_labels_are_not_speakers(nlp, text) -> None:  # type: ignore[no-untyped-def]
    assert not [q for q in quotes(nlp, text) if q.cue_text == ":"]


def test_colon_touching_the_cue_is_part_of_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'Trump tweeted: "The media is so dishonest."'
    q = find(quotes(nlp, text), "dishonest")
    assert q.cue_text == "tweeted:"


def test_relative_pronoun_before_the_cue_is_a_content_fragment(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "He attacked the policies, which he said had harmed the economy."
    q = find(quotes(nlp, text), "harmed")
    assert [text[p.start : p.end] for p in q.content_parts] == ["which", "had harmed the economy"]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # a bare quote opening the next sentence continues the speaker
        ('"We will win," said Mike Purdy, a historian. "Nobody can stop us."\n',
         ['"We will win,"', '"Nobody can stop us."']),
        # ... not when it carries its own cue
        ('"We will win," said Mike Purdy, a historian. "Nobody can stop us," she added.\n',
         []),
    ],
)
def test_quote_in_the_next_sentence(nlp, text, parts) -> None:  # type: ignore[no-untyped-def]
    q = find(quotes(nlp, text), "We will win")
    assert [text[p.start : p.end] for p in q.content_parts] == parts


def test_name_between_quote_and_cue_is_the_source(nlp) -> None:  # type: ignore[no-untyped-def]
    # the small parser hangs the name inside the quoted clause; the gap still names the speaker
    text = "“It is not the position that everything is hunky-dory,” Gene Sperling, a top outside Clinton adviser, said."
    q = find(quotes(nlp, text), "hunky-dory")
    assert q.speaker_text == "Gene Sperling, a top outside Clinton adviser,"
    assert q.content_text == "“It is not the position that everything is hunky-dory,”"


def test_preposition_after_the_cue_joins_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "He complained about the media coverage of the race."
    q = find(quotes(nlp, text), "coverage")
    assert (q.cue_text, q.content_text) == ("complained about", "the media coverage of the race")


def _subject_case(nlp, rate: list[int]):  # type: ignore[no-untyped-def]
    from newsledger.extract.quote_cues import QuoteContext
    from newsledger.extract.quote_marks import find_quotes
    from newsledger.extract.quote_spans import Tables
    from newsledger.extract.quotes import attribution

    text = "The senator seems to be losing patience with the delay."
    doc = nlp(text)
    cue = next(t for t in doc if t.lower_ == "seems")
    tables = Tables({}, {"xcomp": [5, 5]}, {"seem|nsubj": rate})
    return text, attribution(cue, tables, QuoteContext(text, find_quotes(text)))


def test_raising_subject_opens_the_content(nlp) -> None:  # type: ignore[no-untyped-def]
    # PolNeAR: 'X seems to …' has no source; X and the complement are the content
    text, spans = _subject_case(nlp, [4, 5])
    assert spans is not None and spans.source is None
    assert [text[a:b] for a, b in spans.content] == ["The senator", "to be losing patience with the delay"]


def test_subject_stays_the_source_below_the_rate(nlp) -> None:  # type: ignore[no-untyped-def]
    text, spans = _subject_case(nlp, [1, 5])
    assert spans is not None and spans.source is not None
    assert text[spans.source[0] : spans.source[1]] == "The senator"
    assert [text[a:b] for a, b in spans.content] == ["to be losing patience with the delay"]


def test_fallback_takes_the_first_complement(nlp) -> None:  # type: ignore[no-untyped-def]
    from newsledger.extract.quote_cues import QuoteContext
    from newsledger.extract.quote_spans import Tables
    from newsledger.extract.quotes import attribution, fallback_attribution

    text = "Sutton voiced confidence in the plan."
    doc = nlp(text)
    cue = next(t for t in doc if t.lower_ == "voiced")
    ctx = QuoteContext(text, [])
    assert attribution(cue, Tables({}, {}), ctx) is None  # no table names a content
    spans = fallback_attribution(cue, Tables({}, {}), ctx)
    assert spans is not None and spans.source is not None
    assert text[spans.source[0] : spans.source[1]] == "Sutton"
    assert text[spans.content[0][0] : spans.content[0][1]].startswith("confidence")


def test_object_before_the_complement_opens_the_content(nlp) -> None:  # type: ignore[no-untyped-def]
    from newsledger.extract.quote_cues import QuoteContext
    from newsledger.extract.quote_spans import Tables
    from newsledger.extract.quotes import attribution

    text = "The senator urged the Justice Department to investigate the leak."
    doc = nlp(text)
    cue = next(t for t in doc if t.lower_ == "urged")
    assert [c.dep_ for c in cue.children if c.i > cue.i][:2] == ["dobj", "xcomp"]  # the shape under test
    spans = attribution(cue, Tables({}, {"xcomp": [5, 5]}), QuoteContext(text, []))
    assert spans is not None
    assert [text[a:b] for a, b in spans.content] == ["the Justice Department to investigate the leak"]


def test_quote_set_off_by_a_dash_is_the_whole_content(nlp) -> None:  # type: ignore[no-untyped-def]
    from newsledger.extract.quote_marks import QuotedStretch
    from newsledger.extract.quotes import QuoteContext, _quote_after_break

    text = 'Biden hinted at his views - "He would have loved Stalin," he said.'
    q0, q1 = text.index('"'), text.index(',"') + 2
    ctx = QuoteContext(text, [QuotedStretch(((q0, q1),))])
    clause = (text.index("he said"), text.index("he said") + 7)
    assert _quote_after_break((0, q1), clause, ctx) == (q0, q1)
    plain = 'Biden said the plan was "a disaster," he said.'
    p0, p1 = plain.index('"'), plain.index(',"') + 2
    ctx = QuoteContext(plain, [QuotedStretch(((p0, p1),))])
    clause = (plain.index("he said"), plain.index("he said") + 7)
    assert _quote_after_break((0, p1), clause, ctx) == (0, p1)  # no dash, colon or break: kept


def test_cue_inside_another_content_needs_a_sure_model() -> None:
    from newsledger.extract.quote_spans import SpanSet
    from newsledger.extract.quotes import NESTED_MIN_PROB, _outside_other_contents

    outer = SpanSet((0, 4), None, None, ((5, 40),))
    inner = SpanSet((10, 15), None, None, ((16, 30),))
    alone = SpanSet((50, 54), None, None, ((55, 60),))
    low, high = NESTED_MIN_PROB - 0.1, NESTED_MIN_PROB + 0.1
    assert _outside_other_contents([(outer, low), (inner, low), (alone, low)], set()) == [outer, alone]
    assert _outside_other_contents([(outer, low), (inner, high)], set()) == [outer, inner]
    # a nested cue whose content is one whole quote stays ('"…," he said, according to X')
    assert _outside_other_contents([(outer, low), (inner, low)], {(16, 30)}) == [outer, inner]


def test_object_content_runs_on_over_a_with_phrase(nlp) -> None:  # type: ignore[no-untyped-def]
    from newsledger.extract.quote_cues import QuoteContext
    from newsledger.extract.quote_spans import Tables
    from newsledger.extract.quotes import attribution

    text = "The poll found Clinton with a lead of seven points."
    doc = nlp(text)
    cue = next(t for t in doc if t.lower_ == "found")
    if [c.dep_ for c in cue.children if c.i > cue.i][:2] != ["dobj", "prep"]:
        pytest.skip("parser attaches the phrase elsewhere")
    spans = attribution(cue, Tables({}, {"dobj": [5, 5]}), QuoteContext(text, []))
    assert spans is not None
    assert [text[a:b] for a, b in spans.content] == ["Clinton with a lead of seven points"]


def test_source_loses_children_annotators_leave_out(nlp) -> None:  # type: ignore[no-untyped-def]
    from newsledger.extract.quote_spans import Tables, noun_span

    text = "The poll, released on Wednesday, found a close race."
    doc = nlp(text)
    head = next(t for t in doc if t.lower_ == "poll")
    if not any(c.dep_ == "acl" for c in head.children):
        pytest.skip("parser attaches the participle elsewhere")
    plain = noun_span(head, None, text)
    assert text[plain[0] : plain[1]].startswith("The poll, released")
    cut = noun_span(head, None, text, Tables({}, {}, {}, {"acl|R": [1, 10]}))
    assert text[cut[0] : cut[1]] == "The poll"


def test_source_never_starts_with_a_dash_or_closing_mark(nlp) -> None:  # type: ignore[no-untyped-def]
    from newsledger.extract.quote_spans import _strip_leading_marks

    text = '-One poll found it. ” reporter Jo Day said'
    assert _strip_leading_marks((0, 9), text) == (1, 9)
    start = text.index("”")
    assert text[slice(*_strip_leading_marks((start, len(text) - 5), text))] == "reporter Jo Day"
    assert _strip_leading_marks((1, 4), text) == (1, 4)  # nothing to strip
