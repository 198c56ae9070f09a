"""A PostgreSQL server for the benchmarks that measure the sandbox on it: the one named by
`EVOCALIZE_BENCH_POSTGRES_URL`, or else a private one started for the run, as `.ci/run`'s
`start_postgres` does (Debian's `postgresql` package: initdb in a temporary folder, trust
authentication, loopback only, run as the `postgres` user when this runs as root), stopped
when the block ends. None when neither is possible, so that a benchmark can skip its
PostgreSQL rows and say why.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from _common import free_port

URL_VARIABLE = "EVOCALIZE_BENCH_POSTGRES_URL"
USER = "evocalize"


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    return Path(found[-1]) if found else None


@contextmanager
def postgres_server() -> Iterator[str | None]:
    """Yields a SQLAlchemy URL of an empty-able PostgreSQL database, or None."""
    given = os.environ.get(URL_VARIABLE)
    if given:
        yield given
        return
    binaries = _binaries()
    if binaries is None:
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-postgres-"))
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(folder, "postgres")
    port = free_port()
    data = folder / "data"
    pg_ctl = [*as_postgres, str(binaries / "pg_ctl"), "-D", str(data)]
    try:
        subprocess.run(
            [*as_postgres, str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", USER],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                *pg_ctl,
                "-l",
                str(folder / "log"),
                "-w",
                "-o",
                f"-h 127.0.0.1 -p {port} -k {folder}",
                "start",
            ],
            check=True,
            capture_output=True,
        )
    except (OSError, subprocess.CalledProcessError):
        shutil.rmtree(folder, ignore_errors=True)
        yield None
        return
    try:
        yield f"postgresql+psycopg://{USER}@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "stop"], capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)


def emptied(url: str) -> str:
    """`url` with the sandbox's tables dropped, so that a sandbox started on it starts afresh."""
    from evocalize_sandbox.registry import load_resources
    from evocalize_sandbox.storage import metadata

    load_resources()
    engine = sa.create_engine(url)
    metadata.drop_all(engine)
    engine.dispose()
    return url
