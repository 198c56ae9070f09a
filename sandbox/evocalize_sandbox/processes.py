"""Serving one sandbox database from several processes (`evocalize sandbox --workers N`).

The first process prepares the database (schema, seed, credentials: everything a request
reads is in the database, the page-token key too, so a token or a credential is good in every
process); then uvicorn starts N server processes on one listening socket, each building its
app from the database alone (`app_from_environment`, told where it is by an environment
variable, since uvicorn's workers import their app by name). Each runs a batch worker; the
reports' leases keep two of them off one report. On SQLite the processes queue for the write
lock in write_lock.py; on PostgreSQL, processes on several hosts may share one database.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from typing import Any

from starlette.applications import Starlette

# Where a server process finds its database and settings (JSON of `ProcessOptions`).
OPTIONS_VARIABLE = "EVOCALIZE_SANDBOX_PROCESS_OPTIONS"


@dataclass(frozen=True)
class ProcessOptions:
    database_url: str
    audience_processing_seconds: float | None = None
    lease_seconds: float | None = None
    body_idle_seconds: float | None = None

    def settings(self) -> Any:
        from .settings import Settings

        given = {
            name: value
            for name, value in asdict(self).items()
            if name != "database_url" and value is not None
        }
        return Settings(**given)


def app_from_environment() -> Starlette:
    """The app of one server process: the database and settings that `serve_processes` put in
    the environment (uvicorn calls this as the factory named there)."""
    from .app import create_app

    options = ProcessOptions(**json.loads(os.environ[OPTIONS_VARIABLE]))
    return create_app(database_url=options.database_url, settings=options.settings())


def serve_processes(options: ProcessOptions, workers: int, **uvicorn_options: Any) -> None:
    """Serves the database of `options` (already prepared: schema, seed, credentials) from
    `workers` processes until stopped."""
    import uvicorn

    os.environ[OPTIONS_VARIABLE] = json.dumps(asdict(options))
    uvicorn.run(
        f"{__name__}:{app_from_environment.__name__}",
        factory=True,
        workers=workers,
        **uvicorn_options,
    )
