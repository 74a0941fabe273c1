"""URLs against a real local HTTP server: redirects, loops, content types, size, timeout."""

from __future__ import annotations

import pytest

from newsledger.clean import clean, clean_inputs
from newsledger.config import Settings
from newsledger.ingest import read_inputs
from newsledger.records import Failure, RawArticle

SETTINGS = Settings(http_timeout_s=1.0, http_max_redirects=3, max_input_bytes=100_000)


def items(url: str, settings: Settings = SETTINGS):
    return list(read_inputs([url], settings))


def one_failure(url: str, settings: Settings = SETTINGS) -> Failure:
    got = items(url, settings)
    assert len(got) == 1 and isinstance(got[0], Failure), got
    assert got[0].source == url
    assert "\n" not in got[0].message and got[0].at.endswith("+00:00")
    return got[0]


@pytest.mark.parametrize("path", ["/article.html", "/article-nolength", "/redirect"])
def test_fetches_a_page(http_server, path):
    (raw,) = items(http_server + path)
    assert isinstance(raw, RawArticle) and raw.kind == "url"
    assert raw.url == http_server + ("/article.html" if path == "/redirect" else path)
    assert raw.content_type == "text/html" and raw.charset == "utf-8"
    article = clean(raw, SETTINGS)
    assert article.title == "Workers strike in Minsk"
    assert article.url == raw.url


@pytest.mark.parametrize(
    "path, code, words",
    [
        ("/loop", "NL-I007", "redirects"),
        ("/missing", "NL-I007", "HTTP 404"),
        ("/image.png", "NL-I008", "image/png"),
        ("/big", "NL-I003", "limit"),
        ("/big-chunked", "NL-I003", "limit"),
        ("/slow", "NL-I007", "timed out"),
    ],
)
def test_url_failures(http_server, path, code, words):
    failure = one_failure(http_server + path)
    assert failure.code == code
    assert words in failure.message


def test_unreachable_url(closed_port):
    failure = one_failure(f"http://127.0.0.1:{closed_port}/article.html")
    assert failure.code == "NL-I007"
    assert "cannot connect" in failure.message


def test_empty_response_fails_in_clean(http_server):
    got = list(clean_inputs([http_server + "/empty"], SETTINGS))
    assert len(got) == 1 and isinstance(got[0], Failure) and got[0].code == "NL-I001"


def test_jsonl_over_http_keeps_going(http_server):
    got = items(http_server + "/records.jsonl")
    assert [type(x).__name__ for x in got] == ["RawArticle", "Failure"]
    assert got[0].outlet == "Reuters"
    assert got[1].code == "NL-I006" and got[1].source.endswith("#L2")


def test_batch_goes_on_after_failures(http_server, closed_port, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("\n\n".join(["Strikes Spread"] + [
        "Thousands of workers walked off the job at state factories in Minsk on Friday, joining protests."] * 2))
    inputs = [f"http://127.0.0.1:{closed_port}/x", http_server + "/loop", str(good), http_server + "/article.html"]
    got = list(clean_inputs(inputs, SETTINGS))
    assert [type(x).__name__ for x in got] == ["Failure", "Failure", "Article", "Article"]
