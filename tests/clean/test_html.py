"""HTML pages: body and metadata through trafilatura, hostile markup, embeds, no article."""

from __future__ import annotations

import pytest

from newsledger.clean import clean
from newsledger.errors import NoArticle
from newsledger.records import RawArticle

PARAS = [
    "Thousands of workers walked off the job at state factories in Minsk on Friday, joining protests "
    "against the disputed presidential election result announced at the weekend.",
    "Police said more than 700 people had been detained overnight in the capital and in several other "
    "cities, while rights groups reported beatings in detention centres.",
    "The opposition candidate called for peaceful rallies in every city on Saturday and Sunday, and union "
    "leaders said the strike at the tractor plant would continue until new elections were called.",
    "European Union foreign ministers were due to meet in Brussels to discuss sanctions against officials "
    "responsible for the crackdown, diplomats said.",
]


def page(body: str, head: str = "") -> bytes:
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">{head}</head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>{body}</article>
<footer><p>© 2020 Example Media. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>""".encode()


def html_article(data: bytes, **raw):
    return clean(RawArticle(source="p.html", kind="html", data=data, **raw))


def test_body_and_metadata():
    head = (
        '<title>Workers strike in Minsk | Example News</title>'
        '<meta property="og:title" content="Workers strike in Minsk">'
        '<meta name="author" content="Jane Doe">'
        '<meta property="article:published_time" content="2020-08-14T10:00:00+00:00">'
        '<link rel="canonical" href="https://www.theguardian.com/world/2020/aug/14/minsk-strike">'
    )
    body = "<h1>Workers strike in Minsk</h1>" + "".join(f"<p>{p}</p>" for p in PARAS)
    a = html_article(page(body, head))
    assert a.title == "Workers strike in Minsk"
    assert a.authors == ("Jane Doe",)
    assert (a.published, a.published_how) == ("2020-08-14", "metadata")
    assert a.url == "https://www.theguardian.com/world/2020/aug/14/minsk-strike"
    assert a.sources.publisher == "The Guardian" and a.sources.originator == "The Guardian"
    assert "Thousands of workers walked off the job" in a.text
    assert "Privacy" not in a.text and "Home" not in a.text
    assert a.language == "en"


def test_hostile_markup_never_leaks_script():
    body = (
        '<script>document.write("STEAL-COOKIES")</script>'
        f'<p onclick="alert(\'XSS-ONCLICK\')" onmouseover="evil()">{PARAS[0]}</p>'
        '<style>.x { content: "STYLE-TEXT" }</style>'
        '<noscript>NOSCRIPT-TEXT</noscript>'
        '<iframe src="javascript:alert(1)">IFRAME-TEXT</iframe>'
        f'<p>{PARAS[1]}<script>var leaked = "INLINE-SCRIPT";</script></p>'
        f'<p><a href="javascript:alert(2)">{PARAS[2]}</a></p>'
        '<svg><script>alert("SVG-SCRIPT")</script></svg>'
        f'<p>{PARAS[3]}</p>'
    )
    a = html_article(page(body))
    for marker in ("STEAL-COOKIES", "XSS-ONCLICK", "STYLE-TEXT", "INLINE-SCRIPT", "SVG-SCRIPT", "alert(",
                   "evil()", "document.write", "javascript:"):  # fmt: skip
        assert marker not in a.text
    assert "Thousands of workers" in a.text


@pytest.mark.parametrize(
    "data",
    [
        page('<ul><li><a href="/a">Home</a></li><li><a href="/b">News</a></li><li><a href="/c">Contact</a></li></ul>'),
        b"<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>",
        b"<html><body><script>var x = 1;</script></body></html>",
    ],
)
def test_page_without_an_article(data):
    with pytest.raises(NoArticle) as info:
        html_article(data)
    assert info.value.code == "NL-I005"
    assert "no article text" in str(info.value)


def test_embedded_tweet_becomes_a_post():
    tweet = (
        '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Workers at MAZ chant "Resign!" '
        '<a href="https://t.co/abc">pic.twitter.com/abc</a></p>&mdash; Jane Doe (@janedoe) '
        '<a href="https://twitter.com/janedoe/status/123">August 14, 2020</a></blockquote>'
    )
    body = f"<p>{PARAS[0]}</p>{tweet}<p>{PARAS[1]}</p><p>{PARAS[2]}</p>"
    a = html_article(page(body))
    assert len(a.embeds) == 1
    post = a.embeds[0]
    assert (post.author, post.handle, post.platform, post.date) == ("Jane Doe", "@janedoe", "twitter", "2020-08-14")
    assert post.url == "https://twitter.com/janedoe/status/123"
    assert post.text.startswith("Workers at MAZ chant")
    assert "Resign" not in a.text and "@janedoe" not in a.text
    assert any(b.kind == "embed" for b in a.removed)


def test_caption_and_related_inside_the_article():
    body = (
        f"<p>{PARAS[0]}</p>"
        "<figure><img src='x.jpg'><figcaption>Workers outside the plant. Photo: Sergei Grits/AP</figcaption></figure>"
        f"<p>{PARAS[1]}</p><p>READ MORE: EU weighs sanctions</p><p>{PARAS[2]}</p>"
    )
    a = html_article(page(body))
    assert "READ MORE" not in a.text and "Sergei Grits" not in a.text
    assert "Police said more than 700 people" in a.text


def test_html_fragment_in_a_text_record_is_sniffed():
    raw = RawArticle(source="x.jsonl#L1", kind="jsonl", data="".join(f"<p>{p}</p>" for p in PARAS).encode())
    a = clean(raw)
    assert "<p>" not in a.text and "Thousands of workers" in a.text


def test_wrong_declared_charset_in_html():
    ru = "Тысячи рабочих вышли на забастовку в Минске в пятницу, требуя новых выборов и отставки президента."
    data = ('<html><head><meta charset="utf-8"></head><body><article>'
            + "".join(f"<p>{ru} {i}</p>" for i in range(6)) + "</article></body></html>").encode("cp1251")  # fmt: skip
    a = html_article(data)
    assert "забастовку" in a.text
    assert a.language == "xx"


@pytest.mark.parametrize(
    "author, authors, originator",
    [
        ("Jane Doe", ("Jane Doe",), "The Guardian"),
        ("Jane Doe for AFP", ("Jane Doe",), "AFP"),
        ("AFP", (), "AFP"),
        ("Jane Doe; John Smith", ("Jane Doe", "John Smith"), "The Guardian"),
    ],
)
def test_author_metadata_as_byline(author, authors, originator):
    head = (f'<meta name="author" content="{author}">'
            '<link rel="canonical" href="https://www.theguardian.com/world/2020/aug/14/minsk-strike">')  # fmt: skip
    a = html_article(page("".join(f"<p>{p}</p>" for p in PARAS), head))
    assert a.authors == authors
    assert a.sources.originator == originator and a.sources.publisher == "The Guardian"
