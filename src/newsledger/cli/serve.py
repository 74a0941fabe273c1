"""`newsledger serve`: the REST API and web UI over one ledger (uvicorn)."""

from __future__ import annotations

from pathlib import Path

import typer

from newsledger.cli.app import DB_OPTION, app, settings_for

# Loopback by default: the ledger may hold sensitive material, and exposing it
# on a network must be a deliberate --host choice.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


@app.command()
def serve(
    db: Path = DB_OPTION,
    host: str = typer.Option(DEFAULT_HOST, "--host", help="Interface to listen on (loopback by default)."),
    port: int = typer.Option(DEFAULT_PORT, "--port", help="TCP port."),
    sample: bool = typer.Option(
        False, "--sample", help="First write a small sample ledger into --db (demo)."
    ),
    workers: int = typer.Option(1, "--workers", help="Server processes (reads scale with processes)."),
) -> None:
    """Serve the REST API (/api/v1, OpenAPI at /openapi.json) and the web UI (/).

    Write endpoints need NEWSLEDGER_TOKEN; reads need NEWSLEDGER_READ_TOKEN if set."""
    import uvicorn

    from newsledger.api.app import create_app

    if sample:
        from newsledger.api.sample import build

        build(db)
    settings = settings_for(db)
    typer.echo(
        f"newsledger: serving {db} on http://{host}:{port}/ (API /api/v1, OpenAPI /openapi.json)", err=True
    )
    if not settings.api_token:
        typer.echo("newsledger: write endpoints disabled (set NEWSLEDGER_TOKEN to enable ingest)", err=True)
    if workers > 1:
        # Several processes need an import string; the factory reads its ledger from the environment.
        import os

        os.environ["NEWSLEDGER_DB"] = str(db)
        uvicorn.run(
            "newsledger.api.app:app_from_env",
            host=host,
            port=port,
            workers=workers,
            factory=True,
            log_level="warning",
        )
    else:
        uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
