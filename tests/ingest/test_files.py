"""Files, directories, gzip, JSON Lines, WARC, and the bad inputs of issue 2 item 8."""

from __future__ import annotations

import gzip
import io
import json
import random

import pytest

from newsledger.clean import article_from_path, clean_inputs
from newsledger.config import Settings
from newsledger.errors import InputError
from newsledger.ingest import read_inputs
from newsledger.records import Article, Failure, RawArticle

PROSE = (
    "Thousands of workers walked off the job at state factories in Minsk on Friday, joining protests "
    "against the disputed presidential election result announced at the weekend. Police said more than "
    "700 people had been detained overnight in the capital and in several other cities."
)
SETTINGS = Settings(max_input_bytes=20 * 1024 * 1024)


def run(*paths, settings: Settings = SETTINGS):
    return list(clean_inputs([str(p) for p in paths], settings))


def only_failure(results) -> Failure:
    assert len(results) == 1 and isinstance(results[0], Failure), results
    failure = results[0]
    assert failure.message and "\n" not in failure.message
    assert failure.at.endswith("+00:00")
    return failure


# ------------------------------------------------------------------ bad inputs


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    failure = only_failure(run(path))
    assert (failure.code, failure.source) == ("NL-I001", str(path))
    assert "empty" in failure.message


def test_binary_file(tmp_path):
    path = tmp_path / "photo.html"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 8)
    failure = only_failure(run(path))
    assert failure.code == "NL-I002" and "binary" in failure.message


def test_fifty_megabyte_file_is_refused_unread(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:  # sparse: 50 MB on paper, nothing on disk
        f.truncate(50 * 1024 * 1024)
    reads = []
    monkeypatch.setattr(type(path), "read_bytes", lambda self: reads.append(self) or b"")
    failure = only_failure(run(path))
    assert failure.code == "NL-I003"
    assert "50.0 MB" in failure.message and "20.0 MB" in failure.message
    assert reads == []  # refused from its size, never read


def test_gzip_bomb_is_capped(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    with gzip.open(path, "wb") as f:
        for _ in range(30):
            f.write(b"A" * (1024 * 1024))
    failure = only_failure(run(path))
    assert failure.code == "NL-I003" and "decompressed" in failure.message


def test_undecodable_and_wrongly_declared(tmp_path):
    ru = "Тысячи рабочих вышли на забастовку в Минске в пятницу, требуя новых выборов и отставки президента."
    wrong = tmp_path / "wrong-charset.html"
    wrong.write_bytes(('<html><head><meta charset="utf-8"></head><body><article>'
                       + f"<p>{ru}</p>" * 5 + "</article></body></html>").encode("cp1251"))  # fmt: skip
    garbage = tmp_path / "garbage.txt"
    rng = random.Random(1)
    garbage.write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(3000)))  # fits no encoding
    results = run(wrong, garbage)
    assert isinstance(results[0], Article) and "забастовку" in results[0].text
    assert isinstance(results[1], Failure) and results[1].code == "NL-I004"
    assert "could not decode" in results[1].message


def test_html_with_no_article(tmp_path):
    path = tmp_path / "nav.html"
    path.write_text("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>")
    failure = only_failure(run(path))
    assert failure.code == "NL-I005"


def test_missing_path(tmp_path):
    failure = only_failure(run(tmp_path / "nope.txt"))
    assert failure.code == "NL-I000" and "no such file" in failure.message


def test_jsonl_with_a_broken_line(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": PROSE, "url": "https://www.reuters.com/a", "title": "One", "lang_hint": "en"}),
        '{"text": "unterminated',
        json.dumps({"html": f"<p>{PROSE}</p>", "outlet": "The Guardian", "author": ["A B", "C D"]}),
        json.dumps({"title": "no body"}),
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": PROSE + " Later.", "published": "2020-08-14"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    results = run(path)
    kinds = [(type(r).__name__, r.source.rsplit("#", 1)[1]) for r in results]
    assert kinds == [("Article", "L1"), ("Failure", "L2"), ("Article", "L3"), ("Failure", "L4"),
                     ("Failure", "L6"), ("Article", "L7")]  # fmt: skip
    first, bad_json, html, no_body, not_object, dated = results
    assert first.title == "One" and first.sources.publisher == "Reuters" and first.extra == {"lang_hint": "en"}
    assert bad_json.code == "NL-I006" and "invalid JSON" in bad_json.message
    assert html.outlet == "The Guardian" and html.authors == ("A B, C D",)
    assert no_body.code == "NL-I006" and not_object.code == "NL-I006"
    assert (dated.published, dated.published_how) == ("2020-08-14", "metadata")


def test_json_file_holding_json_lines(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"text": PROSE}) + "\n" + json.dumps({"text": PROSE + " More."}) + "\n")
    assert [type(r).__name__ for r in run(path)] == ["Article", "Article"]


def test_broken_json_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"text": "unterminated')
    failure = only_failure(run(path))
    assert failure.code == "NL-I006"


def test_json_file_with_a_list(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"text": PROSE}, {"nope": 1}]))
    results = run(path)
    assert [type(r).__name__ for r in results] == ["Article", "Failure"]


# ------------------------------------------------------------------ files and directories


def test_directory_recursive_by_extension_with_gzip(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(PROSE)
    with gzip.open(tmp_path / "a" / "b" / "two.html.gz", "wt") as f:
        f.write(f"<html><body><article><p>{PROSE}</p><p>{PROSE} Again.</p></article></body></html>")
    (tmp_path / "a" / "notes.docx").write_bytes(b"PK\x03\x04")  # unknown extension: skipped in a walk
    (tmp_path / ".hidden.txt").write_text(PROSE)
    raws = list(read_inputs([tmp_path], SETTINGS))
    assert [r.source.removeprefix(str(tmp_path)) for r in raws] == ["/a/one.txt", "/a/b/two.html.gz"]
    assert [r.kind for r in raws] == ["text", "html"]
    assert all(isinstance(r, Article) for r in run(tmp_path))


def test_explicit_file_with_unknown_extension_is_sniffed(tmp_path):
    path = tmp_path / "article.dat"
    path.write_text(PROSE)
    (article,) = run(path)
    assert isinstance(article, Article)


def test_the_same_file_twice_is_one_article(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(PROSE)
    b.write_text("  " + PROSE.replace(" ", "  ") + "\n")
    x, y = run(a, b)
    assert x.id == y.id and x.content_hash == y.content_hash


def test_article_from_path_raises_with_the_failure_code(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError) as info:
        article_from_path(path)
    assert info.value.code == "NL-I001"


def test_warc(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    page = f"<html><head><title>Strike</title></head><body><article><p>{PROSE}</p></article></body></html>".encode()
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for uri, status, ctype, body in [
            ("https://www.reuters.com/world/strike", "200 OK", "text/html; charset=utf-8", page),
            ("https://www.reuters.com/logo.png", "200 OK", "image/png", b"\x89PNG"),
            ("https://www.reuters.com/gone", "404 Not Found", "text/html", b"gone"),
        ]:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
    raws = list(read_inputs([path], SETTINGS))
    assert len(raws) == 1 and isinstance(raws[0], RawArticle)
    assert raws[0].kind == "warc" and raws[0].url == "https://www.reuters.com/world/strike"
    (article,) = run(path)
    assert article.sources.publisher == "Reuters"


def test_broken_warc(tmp_path):
    path = tmp_path / "broken.warc"
    path.write_bytes(b"WARC/1.0\r\nnot really\r\n\r\n")
    failure = only_failure(run(path))
    assert failure.code.startswith("NL-I")
