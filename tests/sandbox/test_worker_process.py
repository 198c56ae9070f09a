"""The batch worker in a process of its own (worker_process.py): it applies what the API
accepts, woken at once rather than at its poll, stops with the app, and ends by itself when
the process that started it is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from evocalize.auth import SignatureAuth
from evocalize_sandbox.app import Sandbox, create_app
from evocalize_sandbox.settings import Settings
from sandbox_support import KEY_ID, SECRET, signing_auth
from starlette.testclient import TestClient

API = "/management/v1"
# Far longer than the test waits: a batch applied in time was applied because the API woke
# the worker, not because its poll came round.
POLL_SECONDS = 600.0


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child that exited but was not reaped yet is a zombie: gone all the same.
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"


def test_the_worker_process_applies_what_the_api_accepts(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def not_here(self: Sandbox, limit: int | None = None) -> int:
        raise AssertionError("the serving process applied a batch")

    # In this process only: the child imports the sandbox afresh.
    monkeypatch.setattr(Sandbox, "process_pending_batches", not_here)
    app = create_app(
        database_url=database_url,
        clients={KEY_ID: SECRET},
        settings=Settings(worker_process=True, worker_poll_seconds=POLL_SECONDS),
    )
    sandbox: Sandbox = app.state.sandbox
    users = [{"id": f"u{n}", "name": f"U {n}", "email": f"u{n}@example.com"} for n in range(250)]
    with TestClient(app, base_url="http://sandbox") as http:
        http.auth = signing_auth()
        worker = sandbox.worker_process
        assert worker is not None and worker.pid is not None and worker.pid != os.getpid()
        for _ in range(2):  # the second batch wakes a worker that finished the first
            accepted = http.post(f"{API}/users", json=users)
            assert accepted.status_code == 202, accepted.text
            report = f"{API}/items/report/{accepted.json()['data']['reportId']}"
            deadline = time.monotonic() + 60
            while not (data := http.get(report).json()["data"])["isCompleted"]:
                assert time.monotonic() < deadline, f"the batch was not applied: {data}"
                time.sleep(0.05)
            assert data["successfulItems"] == 250
        pid = worker.pid
    assert sandbox.worker_process is None and not alive(pid)


@pytest.mark.parametrize(
    ("database_url", "test_mode"), [("sqlite://", False), ("sqlite:///{tmp}/s.db", True)]
)
def test_a_worker_process_needs_a_shared_database_and_the_real_clock(
    database_url: str, test_mode: bool, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match="worker process"):
        create_app(
            database_url=database_url.format(tmp=tmp_path),
            clients={KEY_ID: SECRET},
            settings=Settings(worker_process=True, test_mode=test_mode),
        )


PARENT = """
import sys, time
from evocalize_sandbox.app import create_app
from evocalize_sandbox.settings import Settings
from evocalize_sandbox.worker_process import WorkerProcess

url = sys.argv[1]
create_app(database_url=url, clients={"k": "s"})  # the schema
worker = WorkerProcess(url, Settings(worker_poll_seconds=0.1))
worker.start()
print(worker.pid, flush=True)
time.sleep(600)
"""


def test_the_worker_process_ends_when_its_parent_is_killed(tmp_path: Path) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, f"sqlite:///{tmp_path / 'sandbox.db'}"],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert alive(child)
        parent.send_signal(signal.SIGKILL)  # the parent alone, not its process group
        parent.wait(10)
        deadline = time.monotonic() + 30
        while alive(child):
            assert time.monotonic() < deadline, "the orphaned worker process kept running"
            time.sleep(0.1)
    finally:
        os.killpg(parent.pid, signal.SIGKILL)


@pytest.mark.timeout(60)
def test_the_api_goes_on_when_the_worker_process_is_killed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Waking or stopping a worker that died (killed however, at any moment) never waits."""
    from evocalize_sandbox.worker_process import WorkerProcess

    url = f"sqlite:///{tmp_path / 'sandbox.db'}"
    create_app(database_url=url, clients={KEY_ID: SECRET})  # the schema
    worker = WorkerProcess(url, Settings(worker_poll_seconds=0.1))
    worker.start()
    assert worker.pid is not None
    os.kill(worker.pid, signal.SIGKILL)
    while alive(worker.pid):
        time.sleep(0.05)
    for _ in range(100_000):  # far more than the pipe holds
        worker.notify()
    assert caplog.text.count("the batch worker process is gone") == 1
    worker.stop()


def test_the_fuzzers_sandbox_applies_each_batch_before_the_next_request() -> None:
    """`evocalize fuzz`'s embedded sandbox has no worker beside the requests: what a step sent
    is applied when the next step runs, in a run as in its replay."""
    from evocalize_sandbox.embedded import embedded_sandbox

    with embedded_sandbox() as sandbox, TestClient(sandbox.app, base_url="http://sandbox") as http:
        http.auth = SignatureAuth(sandbox.key_id, sandbox.secret)
        users = [{"id": f"i{n}", "name": "I", "email": f"i{n}@example.com"} for n in range(300)]
        for _ in range(3):
            accepted = http.post(f"{API}/users", json=users)
            assert accepted.status_code == 202, accepted.text
            report = http.get(f"{API}/items/report/{accepted.json()['data']['reportId']}")
            assert report.json()["data"]["isCompleted"], report.json()
