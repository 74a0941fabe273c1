"""A real uvicorn server on a free loopback port, a hostile ledger, and headless
Chromium driven by Playwright (Debian's /usr/bin/chromium: Playwright's own
browser download is not available offline)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from newsledger.api.sample import add_hostile_story

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn in a background thread of this process, stopped at teardown."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def ui_db(tmp_path_factory):
    from newsledger.api.sample import build

    db = build(tmp_path_factory.mktemp("ui") / "ui.db")
    add_hostile_story(db)
    return db


@pytest.fixture(scope="session")
def live_server(ui_db):
    from newsledger.api.app import create_app
    from newsledger.config import Settings

    with LiveServer(create_app(Settings(db_path=ui_db, api_token=None, read_token=None))) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright not installed (pip install -e '.[dev]')"
    )
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install it with `make browser` (apt-get install chromium)")
    if shutil.which("chromium") is None and not CHROMIUM.exists():
        pytest.skip("chromium not on PATH")
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except Exception as err:  # a broken browser install is an environment problem, reported as such
            pytest.skip(f"Chromium at {CHROMIUM} cannot start: {err}")
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    yield pg
    context.close()
