"""The sandbox in process answers both clients, with its batch worker running and its leads
simulator delivering, and plain `httpx.ASGITransport` no longer leaves batches unapplied."""

from __future__ import annotations

from pathlib import Path

import anyio
import httpx
import pytest
from evocalize import AsyncEvocalize, Evocalize
from evocalize.auth import SignatureAuth
from evocalize.batches import PollPolicy
from evocalize.webhook_receiver import LeadsReceiver
from evocalize_models import Lead
from evocalize_sandbox.app import create_app
from evocalize_sandbox.in_process import InProcessServer
from evocalize_sandbox.testing import IN_PROCESS_URL, serve_in_thread
from starlette.applications import Starlette

KEY_ID, SECRET = "partner", "partner-secret"
FAST = PollPolicy(initial=0.01, max_delay=0.05, timeout=30)
GROUPS = [{"id": f"team-{n}", "name": f"Team {n}"} for n in range(150)]


@pytest.fixture
def app(tmp_path: Path) -> Starlette:
    # The default settings: the batch worker is the lifespan's to start.
    return create_app(database_url=f"sqlite:///{tmp_path / 'db'}", clients={KEY_ID: SECRET})


def test_the_sync_client_pushes_a_batch_to_the_sandbox_in_process(app: Starlette) -> None:
    with (
        InProcessServer(app) as server,
        Evocalize(
            IN_PROCESS_URL, KEY_ID, SECRET, auth="signature", transport=server.transport()
        ) as ev,
    ):
        summary = ev.groups.create_or_update_group_batch.submit_all(GROUPS, poll=FAST)
        assert (summary.succeeded, summary.failed) == (150, 0)
        assert len(list(ev.groups.list_groups())) == 150


@pytest.mark.anyio
async def test_the_async_client_pushes_a_batch_to_the_sandbox_in_process(app: Starlette) -> None:
    with InProcessServer(app) as server:
        transport = server.async_transport()
        async with AsyncEvocalize(
            IN_PROCESS_URL, KEY_ID, SECRET, auth="signature", transport=transport
        ) as ev:
            summary = await ev.groups.create_or_update_group_batch.submit_all(GROUPS, poll=FAST)
            assert (summary.succeeded, summary.failed) == (150, 0)


@pytest.mark.anyio
async def test_a_batch_sent_over_plain_asgi_transport_is_applied(app: Starlette) -> None:
    """httpx.ASGITransport runs no lifespan, so no worker: `submit_all` used to poll a report
    that never moved until its timeout."""
    transport = httpx.ASGITransport(app=app)
    async with AsyncEvocalize(
        IN_PROCESS_URL, KEY_ID, SECRET, auth="signature", transport=transport
    ) as ev:
        with anyio.fail_after(20):
            summary = await ev.groups.create_or_update_group_batch.submit_all(GROUPS, poll=FAST)
    assert (summary.succeeded, summary.failed) == (150, 0)


def test_the_sync_client_refuses_an_async_only_transport_and_says_what_to_use(
    app: Starlette,
) -> None:
    with pytest.raises(TypeError, match=r"ASGITransport is async only.*AsyncEvocalize"):
        Evocalize(IN_PROCESS_URL, KEY_ID, SECRET, transport=httpx.ASGITransport(app=app))  # type: ignore[arg-type]


def test_the_sandbox_in_process_sends_leads_to_a_receiver(app: Starlette) -> None:
    received: list[Lead] = []
    receiver = LeadsReceiver(received.extend, SECRET, key_id=KEY_ID)
    with (
        serve_in_thread(receiver) as receiver_url,
        InProcessServer(app) as server,
        httpx.Client(base_url=IN_PROCESS_URL, transport=server.transport()) as http,
    ):
        answer = http.post(
            "/sandbox/leads/send",
            json={"url": f"{receiver_url}/leads", "count": 2, "seed": 1},
            auth=SignatureAuth(KEY_ID, SECRET),
        )
    assert answer.status_code == 200, answer.text
    assert [d["outcome"] for d in answer.json()["data"]["deliveries"]] == ["delivered"] * 2
    assert len(received) == 2
