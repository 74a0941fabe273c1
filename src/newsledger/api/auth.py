"""Token checks. Write endpoints need ``Settings.api_token`` (env
NEWSLEDGER_TOKEN) and are disabled when none is configured; read endpoints need
``Settings.read_token`` only when one is set.

A token is accepted as ``Authorization: Bearer <token>``, as the header
``X-Newsledger-Token``, or (reads only, for the browser UI) as the cookie set by
``/login``. Comparisons are constant-time."""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Request

COOKIE = "newsledger_token"

WRITE_DISABLED = (
    "write endpoints are disabled: no API token is configured (set NEWSLEDGER_TOKEN or Settings.api_token)"
)


def presented_token(request: Request, *, allow_cookie: bool) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    if request.headers.get("x-newsledger-token"):
        return request.headers["x-newsledger-token"].strip()
    if allow_cookie:
        return request.cookies.get(COOKIE)
    return None


def _matches(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


async def require_write(request: Request) -> None:
    expected = request.app.state.settings.api_token
    if not expected:
        raise HTTPException(403, WRITE_DISABLED)
    if not _matches(presented_token(request, allow_cookie=False), expected):
        raise HTTPException(
            401,
            "a valid API token is required (Authorization: Bearer <token>)",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def require_read(request: Request) -> None:
    settings = request.app.state.settings
    if not settings.read_token:
        return
    given = presented_token(request, allow_cookie=True)
    # The write token can read too: whoever may change the ledger may see it.
    if _matches(given, settings.read_token) or (settings.api_token and _matches(given, settings.api_token)):
        return
    raise HTTPException(
        401,
        "a valid read token is required (Authorization: Bearer <token>, or log in at /login)",
        headers={"WWW-Authenticate": "Bearer"},
    )
