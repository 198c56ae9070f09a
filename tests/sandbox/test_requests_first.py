"""Requests go before background batch work: the worker applies no entry while a request is
in progress, waits at most a bounded time for one, and resumes when it ends."""

from __future__ import annotations

import threading
import time

from evocalize_client import AuthenticatedClient
from evocalize_client.api.users import create_or_update_user_batch
from evocalize_client.models import UserInput
from evocalize_sandbox.requests_first import RequestsFirst
from sandbox_support import sandbox_of
from starlette.applications import Starlette


def test_without_requests_the_worker_does_not_wait() -> None:
    gate = RequestsFirst(max_wait_seconds=30)
    started = time.monotonic()
    assert gate.wait_for_no_requests() is True
    assert time.monotonic() - started < 1


def test_a_request_that_lasts_keeps_the_worker_waiting_only_until_the_bound() -> None:
    gate = RequestsFirst(max_wait_seconds=0.2)
    with gate.request():
        started = time.monotonic()
        assert gate.wait_for_no_requests() is False
        assert 0.2 <= time.monotonic() - started < 5


def test_the_worker_applies_no_entry_until_the_request_in_progress_ends(
    app: Starlette, client: AuthenticatedClient
) -> None:
    body = [UserInput(id=f"u{n}", name="U", email=f"u{n}@example.com") for n in range(2)]
    assert create_or_update_user_batch.sync_detailed(client=client, body=body).status_code == 202
    sandbox = sandbox_of(app)
    sandbox.requests_first.max_wait_seconds = 30
    applied: list[int] = []
    with sandbox.requests_first.request():
        worker = threading.Thread(target=lambda: applied.append(sandbox.process_pending_batches()))
        worker.start()
        worker.join(timeout=0.3)
        assert worker.is_alive() and applied == []
    worker.join(timeout=30)
    assert applied == [2]
