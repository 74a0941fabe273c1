"""Failure records: one per input that could not become an Article."""

from __future__ import annotations

import datetime as dt

from newsledger.errors import InputError
from newsledger.records import Failure


def now_utc() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def failure(source: str, err: InputError) -> Failure:
    """The Failure for ``err``: its stable code and one clear line."""
    message = " ".join(str(err).split()) or type(err).__name__
    return Failure(source=source, code=err.code, message=message, at=now_utc())
