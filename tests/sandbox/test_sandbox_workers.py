"""Several sandbox processes on one database: `evocalize sandbox --workers N`, and sandboxes
started separately on the same database (as on several hosts sharing one PostgreSQL). Page
tokens and credentials live in the database, so any process accepts what another issued."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from evocalize.cli import app
from evocalize_sandbox.app import create_app
from sandbox_support import signing_auth
from served import free_port, serving
from typer.testing import CliRunner

EVOCALIZE = [sys.executable, "-c", "from evocalize.cli import main; main()"]
KEY_ID, SECRET = "workers-partner", "workers-secret-81f2"
API = "/management/v1"


def user(number: int) -> dict[str, str]:
    return {"id": f"u{number:03d}", "name": f"U {number}", "email": f"u{number}@example.com"}


def spawned_children(parent: int) -> list[str]:
    """The command lines of `parent`'s children that multiprocessing spawned (uvicorn's
    server processes; not its resource tracker)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(fields[1]) == parent and "spawn_main" in cmdline:
            found.append(cmdline)
    return found


def wait_until_serving(url: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.TransportError:
            assert process.poll() is None, "the sandbox exited"
            assert time.monotonic() < deadline, "the sandbox did not start in 60 s"
            time.sleep(0.2)


def every_user(url: str) -> list[str]:
    """The ids listed, each page on a new connection (so any process may answer it)."""
    ids: list[str] = []
    token = None
    while True:
        params: dict[str, str] = {} if token is None else {"pageToken": token}
        with httpx.Client(base_url=url, auth=signing_auth(KEY_ID, SECRET)) as http:
            page = http.get(f"{API}/users", params=params)
        assert page.status_code == 200, page.text
        ids += [user["id"] for user in page.json()["data"]]
        token = page.json().get("nextPageToken")
        if token is None:
            return ids


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes in /proc")
def test_workers_serve_one_database_from_several_processes(tmp_path: Path) -> None:
    port = free_port()
    database = f"sqlite:///{tmp_path / 'db'}"
    command = [*EVOCALIZE, "sandbox", "--port", str(port), "--workers", "2",
               "--db", database, "--client", f"{KEY_ID}:{SECRET}"]  # fmt: skip
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=tmp_path
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url, process)
        deadline = time.monotonic() + 60
        while len(spawned_children(process.pid)) < 2:
            assert time.monotonic() < deadline, "two server processes did not start"
            time.sleep(0.2)
        users = [user(n) for n in range(250)]
        with httpx.Client(base_url=url, auth=signing_auth(KEY_ID, SECRET)) as http:
            accepted = http.post(f"{API}/users", json=users)
            assert accepted.status_code == 202, accepted.text
            report = f"{API}/items/report/{accepted.json()['data']['reportId']}"
            while not http.get(report).json()["data"]["isCompleted"]:
                assert time.monotonic() < deadline + 60, "the batch was not applied"
                time.sleep(0.2)
            counts = http.get(report).json()["data"]
        # Applied once, whichever process's worker took it.
        assert (counts["successfulItems"], counts["errorItems"]) == (250, 0), counts
        assert every_user(url) == [written["id"] for written in users]
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    assert "Serving from 2 processes" in output, output


def test_sandboxes_on_one_database_accept_each_others_tokens_and_credentials(
    tmp_path: Path,
) -> None:
    database = f"sqlite:///{tmp_path / 'shared.db'}"
    first = create_app(database_url=database, clients={KEY_ID: SECRET})
    second = create_app(database_url=database)  # no credential of its own
    auth = signing_auth(KEY_ID, SECRET)
    with serving(first) as first_url, serving(second) as second_url:
        with httpx.Client(base_url=first_url, auth=auth) as http:
            for n in range(120):
                assert http.post(f"{API}/user", json=user(n)).status_code == 201
            token = http.get(f"{API}/users").json()["nextPageToken"]
        with httpx.Client(base_url=second_url, auth=auth) as http:
            rest = http.get(f"{API}/users", params={"pageToken": token})
        assert rest.status_code == 200, rest.text
        assert [user["id"] for user in rest.json()["data"]] == [
            f"u{n:03d}" for n in range(100, 120)
        ]


def test_workers_refuse_an_in_memory_database() -> None:
    result = CliRunner().invoke(
        app, ["sandbox", "--workers", "2", "--db", "sqlite://"], env={**os.environ}
    )
    assert result.exit_code != 0
    assert "in-memory" in result.output
