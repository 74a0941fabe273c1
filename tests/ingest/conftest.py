"""A real HTTP server on 127.0.0.1 for URL and feed tests (started per session)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

PARAS = (
    "Thousands of workers walked off the job at state factories in Minsk on Friday, joining protests against "
    "the disputed presidential election result announced at the weekend.",
    "Police said more than 700 people had been detained overnight in the capital and in several other cities, "
    "while rights groups reported beatings in detention centres.",
    "The opposition candidate called for peaceful rallies in every city on Saturday and Sunday, and union "
    "leaders said the strike would continue until new elections were called.",
)
ARTICLE_HTML = (
    "<html><head><title>Workers strike in Minsk</title></head><body><article><h1>Workers strike in Minsk</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAS)
    + "</article></body></html>"
).encode()
LONG_CONTENT = " ".join(PARAS * 4)  # > feed.FULL_TEXT_MIN_WORDS


def rss(host: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>http://{host}/</link>
<item><title>Full text entry</title><link>http://{host}/entry-full</link>
  <pubDate>Fri, 14 Aug 2020 09:00:00 GMT</pubDate><description><![CDATA[<p>{LONG_CONTENT}</p>]]></description></item>
<item><title>Teaser entry</title><link>http://{host}/article.html</link><description>Workers strike.</description></item>
<item><title>Dead link</title><link>http://{host}/missing</link><description>Gone.</description></item>
<item><title>No link, no text</title><description>Short.</description></item>
</channel></rss>""".encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", length: bool = True):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, where: str):
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):  # noqa: N802 (http.server API)
        path = self.path
        host = self.headers.get("Host", "127.0.0.1")
        if path == "/article.html":
            self._send(200, ARTICLE_HTML)
        elif path == "/article-nolength":
            self._send(200, ARTICLE_HTML, length=False)
        elif path == "/redirect":
            self._redirect("/redirect2")
        elif path == "/redirect2":
            self._redirect("/article.html")
        elif path == "/loop":
            self._redirect("/loop")
        elif path == "/image.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, ctype="image/png")
        elif path == "/big":
            self._send(200, b"<p>" + b"x" * 200_000 + b"</p>")
        elif path == "/big-chunked":
            self._send(200, b"<p>" + b"x" * 200_000 + b"</p>", length=False)
        elif path == "/slow":
            time.sleep(3)
            self._send(200, ARTICLE_HTML)
        elif path == "/feed.xml":
            self._send(200, rss(host), ctype="application/rss+xml")
        elif path == "/broken-feed":
            self._send(200, b"<?xml version='1.0'?><rss><channel><item><title>x", ctype="application/rss+xml")
        elif path == "/records.jsonl":
            body = b'{"text": "%s", "outlet": "Reuters"}\n{broken\n' % PARAS[0].encode()
            self._send(200, body, ctype="application/x-ndjson")
        elif path == "/empty":
            self._send(200, b"")
        else:
            self._send(404, b"not found")


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):  # a client that timed out and left is expected
        pass


@pytest.fixture(scope="session")
def http_server():
    server = QuietServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 with nothing listening (bound, then released)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
