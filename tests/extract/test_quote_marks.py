"""Quote marks scanner: every style, multi-paragraph quotes, strays contained."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.extract.quote_marks import MAX_QUOTE_PARAGRAPHS, find_quotes


def quoted(text: str) -> list[list[str]]:
    return [[text[a:b] for a, b in q.pieces] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win," and left.', [['"we will win,"']]),
        ("“Belarusians will never want it,” said Tikhanovskaya.", [["“Belarusians will never want it,”"]]),
        ("Il a dit «nous gagnerons» hier.", [["«nous gagnerons»"]]),
        ("German „Anführung“ style.", [["„Anführung“"]]),
        ("After 'Bloody' Vote Crackdown", [["'Bloody'"]]),
        ("After ‘Bloody’ Vote Crackdown", [["‘Bloody’"]]),
        # apostrophes are not quote marks
        ("Belarus's leader didn't budge; the protesters' demands stand.", []),
        ("Belarus’s leader didn’t budge; the protesters’ demands stand.", []),
        # inner quotes stay inside the outer quote
        ("“As our ‘insiders’ spin it,” he said.", [["“As our ‘insiders’ spin it,”"]]),
        # a quote over two paragraphs: the first paragraph has no closing mark
        ("“First part.\n\n“Second part,” she said.", [["“First part.", "“Second part,”"]]),
        ('"First part.\n\n"Second part," she said.', [['"First part.', '"Second part,"']]),
        # a stray opening mark is dropped and does not swallow what follows
        ("A stray “ mark.\n\nThen “a real quote” here.", [["“a real quote”"]]),
        ("“Never closed.\n\nPlain paragraph with “a quote” in it.", [["“a quote”"]]),
        ('Odd " mark here.\nNext "line" ok.', [['"line"']]),
        # two apostrophes for one double mark (New York Times style), marks kept
        ("waved ''Girl Power'' signs", [["''Girl Power''"]]),
        ("''We won,'' she said. ''Again.''", [["''We won,''"], ["''Again.''"]]),
        ("''She said, 'no,''' he recalled.", [["''She said, 'no,'''"]]),
        ("Don''t read it'' as a quote", []),
        ("", []),
    ],
)
def test_find_quotes(text: str, expected: list[list[str]]) -> None:
    assert quoted(text) == expected


def test_multi_paragraph_cap() -> None:
    paragraphs = ["“Part %d." % i for i in range(MAX_QUOTE_PARAGRAPHS + 4)]
    text = "\n\n".join(paragraphs) + "”"
    for q in find_quotes(text):
        assert len(q.pieces) <= MAX_QUOTE_PARAGRAPHS


MARKS = st.sampled_from(list("\"“”„«»‹›‘’'\n ") + ["\n\n", "said", "he", "A", ".", ","])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(MARKS, st.text(max_size=8)), max_size=60).map("".join))
def test_quotes_lie_in_text_and_never_cross_unreopened_lines(text: str) -> None:
    for q in find_quotes(text):
        assert 0 <= q.start < q.end <= len(text)
        assert len(q.pieces) <= MAX_QUOTE_PARAGRAPHS
        for a, b in q.pieces:
            assert "\n" not in text[a:b]  # each piece stays inside one paragraph
