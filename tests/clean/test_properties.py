"""Arbitrary input never crashes ingest or clean: it becomes an Article or an InputError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.clean import clean
from newsledger.clean.markdown import strip_markdown
from newsledger.clean.scraped import parse_scraped
from newsledger.clean.sources import load_table
from newsledger.errors import InputError
from newsledger.records import RawArticle

LINES = st.sampled_from([
    "By Jane Doe for AFP", "August 14, 2020", "READ ALSO  Something", "Embed:", "— x (@y) August 1, 2020",
    "Original url:", "<https://www.ft.com/x>", "Via Financial Times", "**bold**", "[link](#)", "© A/B",
    "MINSK (Reuters) - Workers struck.", "", "\u00a0", "Тихановская", "(AP Photo/X)",
])  # fmt: skip
TEXTS = st.lists(st.one_of(LINES, st.text(max_size=80)), max_size=25).map("\n\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_parse_scraped_never_raises(text):
    parsed = parse_scraped(text, load_table())
    assert isinstance(parsed.body, str)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600) | TEXTS.map(lambda t: t.encode("utf-8")))
def test_clean_raises_only_input_errors(data):
    try:
        article = clean(RawArticle(source="fuzz", kind="text", data=data))
    except InputError as err:
        assert err.code.startswith("NL-I") and "\n" not in err.line()
    else:
        assert article.text.strip() and len(article.id) == 16


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_strip_markdown_total(text):
    assert isinstance(strip_markdown(text), str)
