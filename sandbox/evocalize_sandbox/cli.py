"""`evocalize sandbox`: serve the sandbox with uvicorn from the command line.

A typer sub-app that serves when called without a subcommand, so other commands (such as the
leads simulator's `send-leads`) can join it. Heavy imports wait until the command runs, so the
rest of the `evocalize` command line stays fast.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .clock_cli import clock_app
from .leads_cli import send_concierge, send_leads
from .seed_cli import seed as show_seed
from .settings import MAX_CONNECTIONS, READ_TIMEOUT_SECONDS

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

sandbox_app = typer.Typer(
    help="Run the offline Evocalize sandbox.",
    invoke_without_command=True,
    add_completion=False,
)


# Credentials given this way stay out of `ps` and the shell history, unlike --client.
CLIENTS_ENV = "EVOCALIZE_SANDBOX_CLIENTS"


def _parse_client(value: str, where: str = "--client") -> tuple[str, str]:
    key_id, colon, key = value.partition(":")
    if not colon or not key_id or not key:
        raise typer.BadParameter(
            "expected KEY_ID:KEY, for example partner:s3cret", param_hint=where
        )
    return key_id, key


def given_clients(values: list[str], client_file: Path | None) -> dict[str, str]:
    """The credentials of --client, of --client-file (one KEY_ID:KEY a line; blank lines and
    `#` comments skipped) and of the environment variable (separated by blanks)."""
    given = [(value, "--client") for value in values]
    if client_file is not None:
        try:
            lines = client_file.read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise typer.BadParameter(
                f"cannot read {client_file}: {error.strerror}", param_hint="--client-file"
            ) from None
        given += [(line.strip(), "--client-file") for line in lines]
    given += [(value, CLIENTS_ENV) for value in os.environ.get(CLIENTS_ENV, "").split()]
    return dict(
        _parse_client(value, where) for value, where in given if value and not value.startswith("#")
    )


@sandbox_app.callback()
def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8080, min=0, max=65535, help="Port to listen on."),
    db: str = typer.Option(
        "sqlite:///evocalize-sandbox.db",
        "--db",
        help="Where the sandbox keeps its data: a SQLite file (the default, "
        "evocalize-sandbox.db in the current folder; sqlite:///PATH for another file) or "
        "postgresql+psycopg://user:pw@host/db. The data survives a restart: a rerun tomorrow "
        "with the same --db sees today's users, orders and credentials. To start fresh, "
        "delete the file or give another --db. The banner prints which database is used.",
    ),
    client: Annotated[
        list[str] | None,
        typer.Option(
            "--client",
            help="A credential KEY_ID:KEY the sandbox accepts (repeatable). Each key is its "
            "own organization, seeing only its own data; KEY_ID@ORG:KEY makes keys share the "
            "organization ORG. Without one, a development credential is created, kept in the "
            "database and printed. A key given here shows in `ps`: prefer --client-file or the "
            f"environment variable {CLIENTS_ENV} (KEY_ID:KEY entries separated by blanks).",
        ),
    ] = None,
    client_file: Annotated[
        Path | None,
        typer.Option(
            "--client-file",
            help="A file of credentials the sandbox accepts, one KEY_ID:KEY a line.",
        ),
    ] = None,
    seed: str | None = typer.Option(
        None,
        "--seed",
        help="JSON or YAML seed file (repositories and other fixed data); "
        "`evocalize sandbox seed --show` prints the built-in one.",
    ),
    audience_seconds: float = typer.Option(
        24 * 60 * 60.0,
        "--audience-seconds",
        min=0,
        help="How long an uploaded audience CSV stays processing (the API: up to 24 hours).",
    ),
    lease_seconds: float = typer.Option(
        30.0,
        "--lease-seconds",
        min=0.1,
        help="How long a batch stays claimed by a sandbox process that stopped answering (a "
        "crash) before another process on the same database resumes it.",
    ),
    test_mode: bool = typer.Option(
        False,
        "--test-mode",
        help="Offer the admin routes under /sandbox/ that a real server has not: the test clock "
        "(`evocalize sandbox clock ...`) and fault injection (PUT /sandbox/faults).",
    ),
    faults: str | None = typer.Option(
        None,
        "--faults",
        help="A JSON or YAML file of faults to inject (429s, 5xx, latency, dropped connections, "
        "slow bodies), per operation, by rate or count, repeatable with its seed.",
    ),
    workers: int = typer.Option(
        1,
        "--workers",
        min=1,
        help="Server processes sharing the database (a SQLite file, or PostgreSQL, which "
        "sandboxes on other hosts may share too); each also applies batches.",
    ),
    read_timeout: float = typer.Option(
        READ_TIMEOUT_SECONDS,
        "--read-timeout",
        min=0.1,
        help="Seconds a connection may take to send a request's headers, and may stay silent "
        "in the middle of a body, before the sandbox closes it (or refuses the body).",
    ),
    max_connections: int = typer.Option(
        MAX_CONNECTIONS,
        "--max-connections",
        min=1,
        help="Open connections the sandbox keeps at most; it closes any further one at once.",
    ),
) -> None:
    """Start the sandbox. Its data lives in --db (by default the SQLite file
    evocalize-sandbox.db in the current folder) and survives a restart; delete the file, or give
    another --db, to start fresh.

    Example: evocalize sandbox --port 9000 --client partner:s3cret
    """
    if ctx.invoked_subcommand is not None:
        return
    clients = given_clients(client or [], client_file)
    if workers > 1 and _in_memory(db):
        raise typer.BadParameter(
            "several processes cannot share an in-memory database: give a file or PostgreSQL",
            param_hint="--workers",
        )
    if workers > 1 and (test_mode or faults is not None):
        # The test clock and the fault plan live in one process's memory.
        raise typer.BadParameter(
            "--test-mode and --faults keep their clock and faults in one process: use --workers 1",
            param_hint="--workers",
        )

    import uvicorn
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, OperationalError

    from .app import create_app
    from .auth import development_client
    from .faults import FaultError, read_faults
    from .organizations import CredentialError
    from .seed import SeedError
    from .serving import uvicorn_options
    from .settings import Settings

    try:
        settings = Settings(
            audience_processing_seconds=audience_seconds,
            lease_seconds=lease_seconds,
            test_mode=test_mode,
            faults=None if faults is None else read_faults(faults),
            body_idle_seconds=read_timeout,
            # Batches are applied on another core than the API's (worker_process.py), where
            # another process can open the database and the clock is the real one.
            worker_process=workers == 1 and not _in_memory(db) and not test_mode,
        )
        app = create_app(
            database_url=db,
            clients=clients,
            seed=seed,
            settings=settings,
            development_credential=not clients,
        )
    except FaultError as error:
        raise typer.BadParameter(str(error), param_hint="--faults") from None
    except SeedError as error:
        raise typer.BadParameter(str(error), param_hint="--seed") from None
    except CredentialError as error:
        raise typer.BadParameter(str(error), param_hint="--client") from None
    except (ArgumentError, OperationalError, ImportError) as error:
        message = str(error).splitlines()[0]
        raise typer.BadParameter(
            f"cannot open the database: {message}", param_hint="--db"
        ) from None
    base_url = f"http://{host}:{port}"
    typer.echo(
        f"Evocalize sandbox at {base_url} (API under /management/v1, its reference at /docs; "
        f"{describe_database(make_url(db))})"
    )
    if test_mode:
        typer.echo("Test mode: the test clock and fault injection are under /sandbox/")
    if settings.faults is not None:
        typer.echo(
            f"Injecting {len(settings.faults.faults)} fault rule(s), seed {settings.faults.seed}"
        )
    if clients:
        typer.echo(f"Accepting client key ids: {', '.join(sorted(clients))}")
    else:
        key_id, key = development_client(app.state.sandbox.engine)
        typer.echo(f"Development credential: X-Evocalize-Client-Key-Id={key_id}")
        typer.echo(f"                         X-Evocalize-Client-Key={key}")
        # What the client library and the command line read, ready to paste.
        typer.echo(
            f"export EVOCALIZE_BASE_URL={base_url} EVOCALIZE_CLIENT_KEY_ID={key_id} "
            f"EVOCALIZE_CLIENT_KEY={key}"
        )
    if workers == 1:
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_level="info",
            log_config=_log_config(),
            **uvicorn_options(read_timeout, max_connections),
        )
        return
    from .processes import ProcessOptions, serve_processes

    # The processes open the database themselves: this one only prepared it.
    app.state.sandbox.close()
    options = ProcessOptions(db, audience_seconds, lease_seconds, read_timeout)
    typer.echo(f"Serving from {workers} processes")
    serve_processes(
        options,
        workers,
        host=host,
        port=port,
        log_level="info",
        log_config=_log_config(),
        **uvicorn_options(read_timeout, max_connections),
    )


def _in_memory(db: str) -> bool:
    from sqlalchemy.engine import make_url

    url = make_url(db)
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def _log_config() -> dict[str, Any]:
    """uvicorn's logging, with the sandbox's own lines (each error answer's `EV_*` code and
    field, unexpected errors) beside its access log, in the same format."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["evocalize_sandbox"] = {
        "handlers": ["default"],
        "level": "INFO",
        "propagate": False,
    }
    return config


def describe_database(url: URL) -> str:
    """Where the data lives, for the banner: a SQLite file's absolute path, or the URL with
    its password hidden; and that it outlives the process."""
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            return "data in memory, gone when the sandbox stops"
        path = Path(url.database).resolve()
        return f"data in the SQLite file {path}, kept across restarts; delete it to start fresh"
    shown = url.render_as_string(hide_password=True)
    return f"data in the database {shown}, kept across restarts"


# The subcommands beside serving.
sandbox_app.command("send-leads")(send_leads)
sandbox_app.command("send-concierge")(send_concierge)
sandbox_app.command("seed")(show_seed)
sandbox_app.add_typer(clock_app, name="clock")
