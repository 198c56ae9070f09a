"""The Lead Concierge simulator sends events the spec describes, signed and retried under the
leads webhook's delivery policy, and a redelivered event reaches the partner's handler once."""

from __future__ import annotations

import itertools
import random
from typing import Any

import httpx
import pytest
from evocalize.webhook_receiver import ConciergeReceiver
from evocalize_models import LeadConciergeEvent
from evocalize_sandbox.cli import sandbox_app
from evocalize_sandbox.leads import (
    DeliveryPolicy,
    Outcome,
    PartnerCredentials,
    deliver,
    make_concierge_event,
)
from evocalize_sandbox.leads.concierge import STATUS_PATH
from typer.testing import CliRunner

URL = "https://partner.example.com/hooks/evocalize/lead-concierge"
CREDENTIALS = PartnerCredentials(key_id="partner-key-id", key="s3cr3t-key")

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


class Recorder:
    def __init__(self) -> None:
        self.keys: list[str] = []

    async def __call__(self, event: LeadConciergeEvent) -> None:
        self.keys.append(event.idempotency_key)


async def test_events_are_valid_repeatable_and_each_has_its_own_key() -> None:
    events = [make_concierge_event(random.Random(5)) for _ in range(2)]
    assert events[0] == events[1]
    rng = random.Random(5)
    keys = {make_concierge_event(rng)["idempotencyKey"] for _ in range(20)}
    assert len(keys) == 20
    for step in range(1, len(STATUS_PATH)):
        event = LeadConciergeEvent.model_validate(make_concierge_event(rng, step=step))
        details = event.lead_concierge_data
        assert (details.previous_status, details.current_status) == STATUS_PATH[step - 1 : step + 1]


async def test_an_event_before_any_call_leaves_out_what_only_a_call_gives() -> None:
    event = make_concierge_event(random.Random(1), step=1)
    details = event["leadConciergeData"]
    assert details["currentOutcome"] is None
    assert "summary" not in details and "transcript" not in details


async def test_a_redelivered_event_is_verified_and_reaches_the_handler_once() -> None:
    handler = Recorder()
    receiver = ConciergeReceiver(handler, CREDENTIALS.key, key_id=CREDENTIALS.key_id)
    transport = httpx.ASGITransport(app=receiver)
    event = make_concierge_event(random.Random(2))
    reports = [await deliver(URL, event, CREDENTIALS, transport=transport) for _ in range(2)]
    assert [r.outcome for r in reports] == [Outcome.delivered, Outcome.delivered]
    assert [r.lead_ids for r in reports] == [(event["idempotencyKey"],)] * 2
    assert handler.keys == [event["idempotencyKey"]]


async def test_a_failing_receiver_is_retried_with_capped_backoff_then_given_up_at_3_hours() -> None:
    clock = FakeClock()
    seen: list[httpx.Request] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(503)

    report = await deliver(
        URL,
        make_concierge_event(random.Random(3)),
        CREDENTIALS,
        transport=httpx.MockTransport(refuse),
        clock=clock,
        sleep=clock.sleep,
    )
    assert report.outcome is Outcome.gave_up
    starts = [a.started_after for a in report.attempts]
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert gaps[:3] == [10.0, 20.0, 40.0]
    assert max(gaps) == 15 * 60
    assert starts[-1] <= 3 * 60 * 60 < starts[-1] + 15 * 60
    assert len(seen) == len(report.attempts)


def test_send_concierge_delivers_each_event_twice_with_redeliver(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    handler = Recorder()
    receiver = ConciergeReceiver(handler, "cli-key")
    real_client = httpx.AsyncClient

    def in_process(*args: Any, **kwargs: Any) -> httpx.AsyncClient:
        kwargs["transport"] = httpx.ASGITransport(app=receiver)
        return real_client(*args, **kwargs)

    monkeypatch.setattr(httpx, "AsyncClient", in_process)
    result = CliRunner().invoke(
        sandbox_app,
        ["send-concierge", "--to", URL, "--count", "2", "--redeliver", "--seed", "4",
         "--key", "cli-key"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 4 and all(": delivered after 1 attempt(s) [200]" in line for line in lines)
    assert len(handler.keys) == 2 and len(set(handler.keys)) == 2


async def test_the_delivery_policy_is_the_leads_one() -> None:
    policy = DeliveryPolicy()
    assert (policy.timeout, policy.max_backoff, policy.give_up_after) == (5.0, 900.0, 10800.0)


async def test_deliveries_stamped_in_milliseconds_are_accepted_by_the_overlays_receiver() -> None:
    handler = Recorder()
    seen: list[str] = []
    receiver = ConciergeReceiver(handler, CREDENTIALS.key)

    async def spy(scope: Any, receive: Any, send: Any) -> None:
        seen.append(dict(scope["headers"])[b"x-evocalize-timestamp"].decode())
        await receiver(scope, receive, send)

    event = make_concierge_event(random.Random(8))
    report = await deliver(
        URL, event, CREDENTIALS, transport=httpx.ASGITransport(app=spy), milliseconds=True
    )
    assert report.delivered
    assert len(seen[0]) == 13  # Unix milliseconds, as the reference's example header
    assert handler.keys == [event["idempotencyKey"]]
