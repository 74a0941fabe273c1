"""The served application: REST API under /api/v1, the web UI at /, static
assets under /static, OpenAPI at /openapi.json. One process, one ledger.

No page or asset loads anything from outside (the interactive /docs of FastAPI
pulls its scripts from a CDN, so it is switched off: the UI must work
air-gapped). Every response carries a Content-Security-Policy that allows
scripts and styles only from this server's files: article text is hostile
input, and even if an escaping bug let markup through, inline scripts and
inline event handlers would not run.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles

from newsledger import __version__
from newsledger.api.db import Readers
from newsledger.api.ingest import IngestArticle, IngestFn, run_pipeline
from newsledger.config import Settings

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"


class SecurityHeaders:
    """Pure ASGI middleware (cheaper than BaseHTTPMiddleware on every request)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(settings: Settings | None = None, *, ingest: IngestFn | None = None) -> FastAPI:
    """Build the app for ``settings.db_path``. ``ingest`` replaces the pipeline
    call behind POST /api/v1/articles (tests inject a light one)."""
    from newsledger.api.routes import hot, read, write
    from newsledger.web.views import router as web_router

    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.readers.close()

    app = FastAPI(
        title="newsledger",
        version=__version__,
        description="A source-attributed ledger of events read from news articles.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.readers = Readers(settings.db_path)
    app.state.ingest = ingest or run_pipeline
    app.state.write_lock = asyncio.Lock()
    app.include_router(hot)  # first: the event list and detail (see routes.hot)
    app.include_router(read)
    app.include_router(write)
    app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """API paths and JSON twins get FastAPI's JSON error; browsers get a page
    (and a 401 on a page sends them to /login)."""
    path = request.url.path
    accept = request.headers.get("accept", "")
    if path.startswith(("/api/", "/static/")) or path.endswith(".json") or "text/html" not in accept:
        return await http_exception_handler(request, exc)
    if exc.status_code == 401:
        return RedirectResponse("/login", status_code=303)
    from newsledger.web.views import templates

    return templates.TemplateResponse(
        request, "error.html", {"status": exc.status_code, "detail": exc.detail}, status_code=exc.status_code
    )


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema is None:
        schema = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        schema.setdefault("components", {}).setdefault("schemas", {})["IngestArticle"] = (
            IngestArticle.model_json_schema()
        )
        app.openapi_schema = schema
    return app.openapi_schema


def app_from_env() -> FastAPI:
    """Factory for multi-process serving: the ledger path comes from NEWSLEDGER_DB."""
    import os

    return create_app(Settings(db_path=Path(os.environ.get("NEWSLEDGER_DB", "newsledger.db"))))
