"""Where the sandbox keeps credentials: a SQLite file (and its -wal and -shm) that only its owner
can read; client keys given by a file or the environment rather than on the command line, where
`ps` would show them to every user of the machine."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from evocalize.cli import app
from evocalize_sandbox.app import create_app
from sandbox_support import BASE_URL, shared_secret_auth
from starlette.applications import Starlette
from starlette.testclient import TestClient
from typer.testing import CliRunner


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_sqlite_file_its_wal_shm_and_write_lock_are_owner_only(tmp_path: Path) -> None:
    database = tmp_path / "sandbox.db"
    sandbox = create_app(database_url=f"sqlite:///{database}", clients={"p": "k"})
    with TestClient(sandbox, base_url=BASE_URL) as http:
        http.auth = shared_secret_auth("p", "k")
        assert http.post("/management/v1/group", json={"id": "g", "name": "G"}).status_code == 201
        files = sorted(tmp_path.glob("sandbox.db*"))
        names = ["sandbox.db", "sandbox.db-shm", "sandbox.db-wal", "sandbox.db-writelock"]
        assert [path.name for path in files] == names
        assert {path.name: mode_of(path) for path in files} == {path.name: 0o600 for path in files}
    sandbox.state.sandbox.engine.dispose()


def test_an_older_world_readable_file_is_made_owner_only(tmp_path: Path) -> None:
    database = tmp_path / "sandbox.db"
    create_app(database_url=f"sqlite:///{database}").state.sandbox.engine.dispose()
    database.chmod(0o644)
    create_app(database_url=f"sqlite:///{database}").state.sandbox.engine.dispose()
    assert mode_of(database) == 0o600


@pytest.fixture
def served_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Starlette]:
    """The app `evocalize sandbox` would serve, instead of serving it."""
    served: list[Starlette] = []

    def run(application: Starlette, **_options: Any) -> None:
        served.append(application)

    monkeypatch.setattr(uvicorn, "run", run)
    monkeypatch.chdir(tmp_path)
    return served


def accepts(application: Starlette, key_id: str, key: str) -> bool:
    with TestClient(application, base_url=BASE_URL) as http:
        http.auth = shared_secret_auth(key_id, key)
        status: int = http.get("/management/v1/users").status_code
        return status == 200


def test_clients_come_from_a_file_and_the_environment(
    served_app: list[Starlette], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clients = tmp_path / "clients"
    clients.write_text("# partners\nfrom-file:file-key\n\nsecond:second-key\n")
    monkeypatch.setenv("EVOCALIZE_SANDBOX_CLIENTS", "from-env:env-key other:other-key")
    result = CliRunner().invoke(app, ["sandbox", "--client-file", str(clients)])
    assert result.exit_code == 0, result.output
    assert "Accepting client key ids: from-env, from-file, other, second" in result.output
    assert "file-key" not in result.output and "env-key" not in result.output
    (application,) = served_app
    for key_id, key in [
        ("from-file", "file-key"),
        ("second", "second-key"),
        ("from-env", "env-key"),
    ]:
        assert accepts(application, key_id, key)
    assert not accepts(application, "from-file", "env-key")
    application.state.sandbox.engine.dispose()


def test_a_bad_line_in_the_client_file_is_a_one_line_error(
    served_app: list[Starlette], tmp_path: Path
) -> None:
    clients = tmp_path / "clients"
    clients.write_text("no-colon-here\n")
    result = CliRunner().invoke(app, ["sandbox", "--client-file", str(clients)])
    assert result.exit_code == 2
    assert "--client-file" in result.output and "KEY_ID:KEY" in result.output
    assert "no-colon-here" not in result.output  # it may be a key
    assert served_app == []


def test_a_missing_client_file_is_a_one_line_error(served_app: list[Starlette]) -> None:
    result = CliRunner().invoke(app, ["sandbox", "--client-file", "nowhere"])
    assert result.exit_code == 2
    assert "cannot read nowhere" in result.output
