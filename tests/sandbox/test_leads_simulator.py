"""The leads webhook simulator sends what the spec describes, as the documented delivery policy
says."""

from __future__ import annotations

import itertools
import json
import random

import anyio
import httpx
import pytest
from evocalize.signing import signature_matches
from evocalize.webhook_receiver import LeadsReceiver
from evocalize_models import LeadsDelivery
from evocalize_sandbox.leads import (
    DeliveryPolicy,
    LeadSource,
    Outcome,
    PartnerCredentials,
    deliver,
    make_delivery,
)
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

URL = "https://partner.example.com/hooks/evocalize/leads?tenant=7"
CREDENTIALS = PartnerCredentials(key_id="a5646c38-fc29-11e9-8f0b-362b9e155667", key="s3cr3t-key")

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class FakeClock:
    """Unix time that only moves when the simulator sleeps."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


def answering(*statuses: int) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    """A transport answering each request with the next status (the last one repeats)."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(statuses[min(len(seen), len(statuses)) - 1])

    return httpx.MockTransport(handler), seen


def delivery() -> dict[str, object]:
    return make_delivery([LeadSource.facebook], random.Random(7))


@pytest.mark.parametrize("source", list(LeadSource))
async def test_each_source_makes_a_delivery_valid_under_the_webhook_schema(
    source: LeadSource,
) -> None:
    payload = make_delivery([source, source], random.Random(1))
    parsed = LeadsDelivery.model_validate(payload)
    prefix = {"facebook": "facebook:", "google": "google:", "tiktok": "tikTok:"}[source]
    assert [lead.id.startswith(prefix) for lead in parsed.leads] == [True, True]
    assert parsed.leads[0].id != parsed.leads[1].id


async def test_the_same_seed_makes_the_same_delivery() -> None:
    sources = list(LeadSource)
    assert make_delivery(sources, random.Random(3), created_at=1) == make_delivery(
        sources, random.Random(3), created_at=1
    )


async def test_a_2xx_answer_delivers_at_the_first_attempt() -> None:
    transport, seen = answering(202)
    report = await deliver(URL, delivery(), CREDENTIALS, transport=transport)
    assert report.outcome is Outcome.delivered
    assert [a.status_code for a in report.attempts] == [202]
    assert len(seen) == 1


async def test_each_attempt_is_signed_over_the_endpoint_path_and_exact_body() -> None:
    transport, seen = answering(200)
    await deliver(URL, delivery(), CREDENTIALS, transport=transport)
    request = seen[0]
    headers = request.headers
    assert headers["X-Evocalize-Payload-Version"] == "1"
    assert headers["X-Evocalize-Client-Key-Id"] == CREDENTIALS.key_id
    assert signature_matches(
        headers["X-Evocalize-Signature"],
        "/hooks/evocalize/leads",
        request.content,
        headers["X-Evocalize-Timestamp"],
        CREDENTIALS.key,
    )
    assert json.loads(request.content) == delivery()
    assert CREDENTIALS.key not in str(dict(headers))


@pytest.mark.parametrize(
    "path", ["/hooks/tenant%2F7/leads", "/hooks/evocalize%20leads", "/hooks/caf%C3%A9/leads"]
)
async def test_a_receiver_verifies_a_delivery_to_a_percent_encoded_path(path: str) -> None:
    # The receiver verifies the path as it arrives, percent-encoding kept: so must the signature.
    received: list[object] = []
    # The simulator's clock is a fake one, so the receiver leaves the timestamp unchecked.
    receiver = LeadsReceiver(received.extend, CREDENTIALS.key, window=None)
    clock = FakeClock()
    report = await deliver(
        f"https://partner.example.com{path}?tenant=7",
        delivery(),
        CREDENTIALS,
        transport=httpx.ASGITransport(app=receiver),
        clock=clock,
        sleep=clock.sleep,
    )
    assert [a.status_code for a in report.attempts] == [200]
    assert len(received) == len(delivery()["leads"])  # type: ignore[arg-type]


async def test_a_500_is_retried_after_the_first_backoff_and_then_delivered() -> None:
    clock = FakeClock()
    transport, seen = answering(500, 200)
    report = await deliver(
        URL, delivery(), CREDENTIALS, transport=transport, clock=clock, sleep=clock.sleep
    )
    assert report.delivered
    assert [(a.status_code, a.started_after) for a in report.attempts] == [(500, 0.0), (200, 10.0)]
    # A fresh timestamp per attempt, each one verifiable.
    stamps = [r.headers["X-Evocalize-Timestamp"] for r in seen]
    assert stamps == [str(int(clock.now - 10)), str(int(clock.now))]


async def test_a_redirect_or_client_error_is_a_failure_too() -> None:
    clock = FakeClock()
    transport, _ = answering(302, 404, 204)
    report = await deliver(
        URL, delivery(), CREDENTIALS, transport=transport, clock=clock, sleep=clock.sleep
    )
    assert [a.status_code for a in report.attempts] == [302, 404, 204]
    assert report.delivered


async def test_no_answer_within_the_scaled_timeout_is_a_failure_then_retried() -> None:
    calls = 0

    async def slow_then_fast(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            await anyio.sleep(1.0)  # far beyond the 5 ms scaled timeout
        return httpx.Response(200)

    policy = DeliveryPolicy(time_scale=0.001)
    with anyio.fail_after(2):
        report = await deliver(
            URL,
            delivery(),
            CREDENTIALS,
            policy=policy,
            transport=httpx.MockTransport(slow_then_fast),
        )
    assert [(a.status_code, a.error) for a in report.attempts] == [
        (None, "no answer in time"),
        (200, None),
    ]


async def test_a_connection_error_is_a_failure_then_retried() -> None:
    clock = FakeClock()
    calls = 0

    def refuse_once(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise httpx.ConnectError("connection refused", request=request)
        return httpx.Response(200)

    report = await deliver(
        URL,
        delivery(),
        CREDENTIALS,
        transport=httpx.MockTransport(refuse_once),
        clock=clock,
        sleep=clock.sleep,
    )
    assert [a.error for a in report.attempts] == ["ConnectError", None]
    assert report.delivered


async def test_retries_back_off_exponentially_up_to_15_minutes_and_give_up_after_3_hours() -> None:
    clock = FakeClock()
    transport, _ = answering(503)
    report = await deliver(
        URL, delivery(), CREDENTIALS, transport=transport, clock=clock, sleep=clock.sleep
    )
    assert report.outcome is Outcome.gave_up
    starts = [a.started_after for a in report.attempts]
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert gaps[:7] == [10, 20, 40, 80, 160, 320, 640]
    assert set(gaps[7:]) == {900}
    assert starts[-1] <= 3 * 3600 < starts[-1] + 900


async def test_time_scale_shrinks_the_whole_schedule() -> None:
    clock = FakeClock()
    transport, _ = answering(500)
    policy = DeliveryPolicy(time_scale=0.001)
    report = await deliver(
        URL,
        delivery(),
        CREDENTIALS,
        policy=policy,
        transport=transport,
        clock=clock,
        sleep=clock.sleep,
    )
    assert report.outcome is Outcome.gave_up
    assert report.attempts[1].started_after == pytest.approx(0.01)
    assert report.attempts[-1].started_after <= 10.8


async def test_a_receiver_checking_signatures_and_deduplicating_accepts_the_delivery() -> None:
    received: dict[str, int] = {}

    async def leads(request: Request) -> Response:
        body = await request.body()
        if not signature_matches(
            request.headers["X-Evocalize-Signature"],
            request.url.path,
            body,
            request.headers["X-Evocalize-Timestamp"],
            CREDENTIALS.key,
        ):
            return Response(status_code=401)
        for lead in LeadsDelivery.model_validate_json(body).leads:
            received[lead.id] = received.get(lead.id, 0) + 1
        return Response(status_code=204)

    app = Starlette(routes=[Route("/hooks/evocalize/leads", leads, methods=["POST"])])
    payload = make_delivery(list(LeadSource), random.Random(5))
    report = await deliver(URL, payload, CREDENTIALS, transport=httpx.ASGITransport(app=app))
    assert report.delivered
    assert sorted(received) == sorted(report.lead_ids)


async def test_the_partner_key_stays_out_of_reprs() -> None:
    transport, _ = answering(200)
    report = await deliver(URL, delivery(), CREDENTIALS, transport=transport)
    assert CREDENTIALS.key not in repr(CREDENTIALS)
    assert CREDENTIALS.key not in repr(report)


async def test_a_shrunk_schedule_still_gives_a_local_receiver_50_ms_to_answer() -> None:
    async def answers_in_20_ms(request: httpx.Request) -> httpx.Response:
        await anyio.sleep(0.02)
        return httpx.Response(200)

    report = await deliver(
        URL,
        delivery(),
        CREDENTIALS,
        policy=DeliveryPolicy(time_scale=0.001),
        transport=httpx.MockTransport(answers_in_20_ms),
    )
    assert [a.status_code for a in report.attempts] == [200]
