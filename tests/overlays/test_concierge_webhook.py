"""Lead Concierge webhook: an event is trusted only when signed like a leads delivery, read
whatever fields are added or left out, refused without its `idempotencyKey`, handed to the
partner's handler once however often it is delivered, and acknowledged only once handled."""

from __future__ import annotations

import copy
import json
import time
from typing import Any

import httpx
import pytest
from evocalize.signing import KEY_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from evocalize.webhook_receiver import ConciergeReceiver, LeadsReceiver, WebhookRouter
from evocalize.webhooks import (
    PAYLOAD_VERSION_HEADER,
    BadSignatureError,
    ConciergeEventDeduplicator,
    InMemorySeenIds,
    InvalidPayloadError,
    StaleTimestampError,
    parse_concierge_event,
    verify_concierge_event,
)
from evocalize_models import Lead, LeadConciergeEvent
from openapi_doc import pointer

SECRET = "the-partner-client-secret"
PATH = "/hooks/evocalize/lead-concierge"
EXAMPLES = "#/webhooks/leadConcierge/post/requestBody/content/application~1json/examples"
# The API reference's example.
EVENT: dict[str, Any] = pointer(f"{EXAMPLES}/callCompleted")["value"]


def event(**changes: Any) -> dict[str, Any]:
    copied = copy.deepcopy(EVENT)
    copied.update(changes)
    return copied


def body_of(payload: object) -> bytes:
    return json.dumps(payload).encode("utf-8")


def signed_headers(
    body: bytes, *, path: str = PATH, secret: str = SECRET, timestamp: int | None = None
) -> dict[str, str]:
    sent = str(int(time.time()) if timestamp is None else timestamp)
    return {
        PAYLOAD_VERSION_HEADER: "1",
        KEY_ID_HEADER: "partner-key-id",
        TIMESTAMP_HEADER: sent,
        SIGNATURE_HEADER: sign(path, body, sent, secret),
    }


# Verification and reading


def test_the_references_example_is_verified_and_read() -> None:
    body = body_of(EVENT)
    read = verify_concierge_event(PATH, body, signed_headers(body), SECRET)
    assert read.idempotency_key == "a1b2c3d4-e5f6-7890-abcd-ef1234567890"
    assert read.order_data.order_id == 3799517520663220980
    assert read.order_data.order_item.order_item_id == 3799517521485304607
    assert read.program_data.program_variables == {"var1": "foo"}
    details = read.lead_concierge_data
    assert (details.current_status, details.previous_status) == ("completed", "NEW")
    assert details.current_outcome == "COMPLETED_CLOSED_OTHER"


def test_every_example_of_the_spec_is_a_concierge_event() -> None:
    for example in pointer(EXAMPLES).values():
        assert isinstance(parse_concierge_event(body_of(example["value"])), LeadConciergeEvent)


def test_unknown_fields_are_ignored_and_optional_fields_may_be_null_or_absent() -> None:
    extended = event(deliveryAttempt=2)
    extended["leadConciergeData"].update(sentiment="positive", summary=None, transcript=None)
    del extended["leadConciergeData"]["currentOutcome"]
    extended["programData"].update(programDescription=None, programVariables=None)
    read = parse_concierge_event(body_of(extended))
    assert read.lead_concierge_data.summary is None
    assert read.lead_concierge_data.current_outcome is None
    assert read.program_data.program_variables is None


def test_an_unknown_status_is_read_as_given() -> None:
    changed = event()
    changed["leadConciergeData"]["currentStatus"] = "SOME_FUTURE_STATUS"
    read = parse_concierge_event(body_of(changed))
    assert read.lead_concierge_data.current_status == "SOME_FUTURE_STATUS"


def test_an_event_without_its_idempotency_key_is_refused() -> None:
    missing = event()
    del missing["idempotencyKey"]
    with pytest.raises(InvalidPayloadError, match="idempotencyKey") as error:
        parse_concierge_event(body_of(missing))
    assert error.value.status_code == 400
    with pytest.raises(InvalidPayloadError):
        parse_concierge_event(body_of(event(idempotencyKey="")))


def test_a_bad_signature_is_refused() -> None:
    body = body_of(EVENT)
    with pytest.raises(BadSignatureError):
        verify_concierge_event(PATH, body, signed_headers(body, secret="another"), SECRET)
    with pytest.raises(BadSignatureError):
        verify_concierge_event(PATH, body, signed_headers(body, path="/leads"), SECRET)
    tampered = body.replace(b"completed", b"CLOSED")
    with pytest.raises(BadSignatureError):
        verify_concierge_event(PATH, tampered, signed_headers(body), SECRET)


def test_a_stale_timestamp_is_refused() -> None:
    body = body_of(EVENT)
    stale = signed_headers(body, timestamp=int(time.time()) - 3600)
    with pytest.raises(StaleTimestampError):
        verify_concierge_event(PATH, body, stale, SECRET)


def test_an_event_is_new_until_marked_handled() -> None:
    dedupe = ConciergeEventDeduplicator(InMemorySeenIds())
    first = parse_concierge_event(body_of(EVENT))
    assert dedupe.is_new(first)
    assert dedupe.is_new(first)  # not handled yet: offered again
    dedupe.mark_handled(first)
    assert not dedupe.is_new(parse_concierge_event(body_of(EVENT)))
    assert dedupe.is_new(parse_concierge_event(body_of(event(idempotencyKey="another"))))


# The receiver


class Recorder:
    def __init__(self) -> None:
        self.keys: list[str] = []
        self.failures = 0

    async def __call__(self, received: LeadConciergeEvent) -> None:
        self.keys.append(received.idempotency_key)
        if self.failures:
            self.failures -= 1
            raise RuntimeError("the partner's CRM is down")


def client_for(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://p.test")


async def deliver(
    client: httpx.AsyncClient, payload: object, *, path: str = PATH, **signing: Any
) -> httpx.Response:
    body = body_of(payload)
    return await client.post(path, content=body, headers=signed_headers(body, path=path, **signing))


@pytest.mark.anyio
async def test_a_redelivered_event_reaches_the_handler_once() -> None:
    handler = Recorder()
    async with client_for(ConciergeReceiver(handler, SECRET)) as client:
        first = await deliver(client, EVENT)
        again = await deliver(client, EVENT)
    assert (first.status_code, again.status_code) == (200, 200)
    assert handler.keys == [EVENT["idempotencyKey"]]
    assert (first.json()["handled"], again.json()["duplicates"]) == (1, 1)


@pytest.mark.anyio
async def test_a_failed_handler_answers_500_and_the_retry_hands_the_event_over_again() -> None:
    handler = Recorder()
    handler.failures = 1
    async with client_for(ConciergeReceiver(handler, SECRET)) as client:
        failed = await deliver(client, EVENT)
        retried = await deliver(client, EVENT)
    assert (failed.status_code, retried.status_code) == (500, 200)
    assert handler.keys == [EVENT["idempotencyKey"]] * 2


@pytest.mark.anyio
async def test_the_receiver_refuses_bad_signatures_stale_timestamps_and_missing_keys() -> None:
    handler = Recorder()
    missing = event()
    del missing["idempotencyKey"]
    async with client_for(ConciergeReceiver(handler, SECRET)) as client:
        forged = await deliver(client, EVENT, secret="another")
        stale = await deliver(client, EVENT, timestamp=int(time.time()) - 3600)
        unkeyed = await deliver(client, missing)
    assert (forged.status_code, stale.status_code, unkeyed.status_code) == (401, 401, 400)
    assert handler.keys == []


@pytest.mark.anyio
async def test_a_plain_function_handler_runs_too() -> None:
    received: list[str] = []

    def handler(received_event: LeadConciergeEvent) -> None:
        received.append(received_event.lead_concierge_data.concierge_event_id)

    async with client_for(ConciergeReceiver(handler, SECRET)) as client:
        assert (await deliver(client, EVENT)).status_code == 200
    assert received == ["1772769685200"]


@pytest.mark.anyio
async def test_the_router_serves_each_webhook_on_its_own_path() -> None:
    leads: list[str] = []
    events = Recorder()

    async def on_leads(new: list[Lead]) -> None:
        leads.extend(lead.id for lead in new)

    delivery = pointer(
        "#/webhooks/leads/post/requestBody/content/application~1json/examples/facebook"
    )["value"]
    router = WebhookRouter(
        {
            "/leads": LeadsReceiver(on_leads, SECRET),
            "/lead-concierge": ConciergeReceiver(events, SECRET),
        }
    )
    async with client_for(router) as client:
        assert (await deliver(client, delivery, path="/leads")).status_code == 200
        assert (await deliver(client, EVENT, path="/lead-concierge")).status_code == 200
        assert (await deliver(client, EVENT, path="/leads")).status_code == 400
        assert (await deliver(client, EVENT, path="/elsewhere")).status_code == 404
    assert leads == ["facebook:1584659102387"]
    assert events.keys == [EVENT["idempotencyKey"]]
