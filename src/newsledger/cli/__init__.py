"""Command-line interface, thin over the library. Entry point: ``newsledger``."""

from __future__ import annotations

import importlib

from newsledger.cli.app import app

# Command groups, each a module registering its commands on ``app``.
_COMMAND_MODULES = ("run", "articles", "query", "extract", "serve", "export", "evaluate")


def _register() -> None:
    for name in _COMMAND_MODULES:
        try:
            importlib.import_module(f"newsledger.cli.{name}")
        except ModuleNotFoundError as err:
            # A command group not built yet must not break the others.
            if err.name != f"newsledger.cli.{name}":
                raise


def main() -> None:
    _register()
    app()


_register()
