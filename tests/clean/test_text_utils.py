"""Decoding, language flag, identity hashes, the sources table."""

from __future__ import annotations

import pytest

from newsledger.clean.decode import decode
from newsledger.clean.identity import article_id, content_hash, normalise
from newsledger.clean.language import detect_language
from newsledger.clean.sources import host_of, load_table, parse_table
from newsledger.errors import BinaryInput, DecodeFailed, EmptyInput

RU = "Тысячи рабочих вышли на забастовку в Минске в пятницу, требуя новых выборов."
FR = "Des milliers d'ouvriers se sont mis en grève vendredi à Minsk pour exiger de nouvelles élections."


@pytest.mark.parametrize(
    "data, declared, expected",
    [
        ("Strike in Minsk — “Resign!”".encode("utf-8"), None, "Strike in Minsk — “Resign!”"),
        ("Strike in Minsk — “Resign!”".encode("utf-8"), "iso-8859-1", "Strike in Minsk — “Resign!”"),  # wrong label
        (RU.encode("cp1251"), "utf-8", RU),  # wrong label the other way
        (RU.encode("cp1251"), None, RU),
        ((RU + " " + RU).encode("cp1251"), "iso-8859-1", RU + " " + RU),  # a label that decodes, to mojibake
        (FR.encode("latin-1"), "latin-1", FR),
        ("\ufeffBOM first".encode("utf-8"), None, "BOM first"),
        ("UTF-16 text".encode("utf-16"), None, "UTF-16 text"),
        (b'<meta charset="windows-1251"><p>' + RU.encode("cp1251"), None, '<meta charset="windows-1251"><p>' + RU),
    ],
)
def test_decode(data, declared, expected):
    assert decode(data, declared) == expected


@pytest.mark.parametrize(
    "data, error",
    [
        (b"", EmptyInput),
        (b"  \n\t \n", EmptyInput),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", BinaryInput),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInput),
        (bytes(range(256)) * 4, BinaryInput),
        (b"text with a NUL\x00 byte", BinaryInput),
    ],
)
def test_decode_refuses(data, error):
    with pytest.raises(error) as info:
        decode(data)
    assert info.value.line().startswith(info.value.code + ": ")


def test_undecodable_bytes_fail_cleanly():
    # Valid-looking bytes in no encoding charset_normalizer accepts, and too many
    # bad sequences to replace: one DecodeFailed, never an exception of another type.
    data = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D] * 400)
    try:
        text = decode(data)
    except (DecodeFailed, BinaryInput) as err:
        assert err.code in ("NL-I004", "NL-I002")
    else:
        assert isinstance(text, str)


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Thousands of workers walked off the job on Friday as the protests against the election result grew, "
         "and police said they had detained more than 700 people in the capital.", "en"),
        (FR * 3, "xx"),
        (RU * 3, "xx"),
        ("Tausende Arbeiter legten am Freitag in Minsk die Arbeit nieder und forderten Neuwahlen, während die "
         "Polizei Hunderte Menschen festnahm. Die Opposition rief zu weiteren Kundgebungen auf.", "xx"),
        ("Too short to tell.", None),
        ("", None),
    ],
)  # fmt: skip
def test_language(text, lang):
    assert detect_language(text) == lang


def test_identity_ignores_spacing_case_and_quote_style():
    a = "He said: “I am alive.”\n\nThe strike went on."
    b = "he said: \"I am alive.\"  The strike   went on."
    assert normalise(a) == normalise(b)
    assert content_hash(a) == content_hash(b)
    assert article_id(a, "AFP") == article_id(b, "AFP")


def test_identity_differs_by_publisher_not_content_hash():
    body = "The same wire text."
    assert article_id(body, "The Moscow Times") != article_id(body, "Yahoo News")
    assert content_hash(body) == content_hash(body)
    assert len(article_id(body, None)) == 16


@pytest.mark.parametrize(
    "name, canonical",
    [
        ("Agence France-Presse", "AFP"),
        ("AFP", "AFP"),
        ("afp", None),  # short acronyms only match in their own case
        ("The Associated Press", "Associated Press"),
        ("AP", "Associated Press"),
        ("the financial times", "Financial Times"),
        ("FT", "Financial Times"),
        ("The New York Times", "The New York Times"),
        ("Daily Planet", None),
    ],
)
def test_sources_by_name(name, canonical):
    found = load_table().by_name(name)
    assert (found.name if found else None) == canonical


@pytest.mark.parametrize(
    "url, canonical, kind",
    [
        ("https://www.themoscowtimes.com/2020/08/14/x", "The Moscow Times", "outlet"),
        ("https://www.ft.com/content/abc", "Financial Times", "outlet"),
        ("https://news.bbc.co.uk/2/hi/europe/1.stm", "BBC", "outlet"),
        ("https://apnews.com/article/x", "Associated Press", "wire"),
        ("https://news.yahoo.com/x.html", "Yahoo News", "aggregator"),
        ("https://notft.com/x", None, None),
        ("themoscowtimes.com", "The Moscow Times", "outlet"),
    ],
)
def test_sources_by_domain(url, canonical, kind):
    found = load_table().by_domain(url)
    assert (found.name if found else None, found.kind if found else None) == (canonical, kind)


def test_host_of():
    assert host_of("https://WWW.FT.com:443/x") == "ft.com"
    assert host_of(None) is None


def test_table_rows_are_checked():
    with pytest.raises(ValueError):
        parse_table(["Bad Row\tnewspaper\tX\tx.com"])
    assert len(load_table().sources) > 50
