"""Leads webhook: a delivery is trusted only when signed over the endpoint path and its exact
body within the minute; its leads are read whatever fields are added; each lead is handled once,
and a delivery is acknowledged only once its handler succeeded, so that Evocalize retries."""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import time
from typing import Any

import anyio
import httpx
import pytest
from evocalize.signing import KEY_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from evocalize.webhook_receiver import LeadsReceiver
from evocalize.webhooks import (
    PAYLOAD_VERSION_HEADER,
    BadSignatureError,
    InMemorySeenLeads,
    InvalidPayloadError,
    LeadDeduplicator,
    MissingWebhookHeadersError,
    StaleTimestampError,
    WebhookVerificationError,
    timestamp_seconds,
    verify_leads_delivery,
)
from evocalize_models import Lead, LeadsDelivery
from seed_examples import seed_json_examples

SECRET = "the-partner-client-secret"
KEY_ID = "partner-key-id"
PATH = "/hooks/evocalize/leads"
PAYLOADS: dict[str, Any] = {
    example.title: example.value
    for example in seed_json_examples()
    if example.title.startswith("Payload Example")
}
FACEBOOK = PAYLOADS["Payload Example (Facebook Lead)"]


def body_of(payload: object) -> bytes:
    return json.dumps(payload).encode("utf-8")


def signed_headers(
    body: bytes,
    *,
    path: str = PATH,
    secret: str = SECRET,
    timestamp: int | None = None,
) -> dict[str, str]:
    sent = str(int(time.time()) if timestamp is None else timestamp)
    return {
        PAYLOAD_VERSION_HEADER: "1",
        KEY_ID_HEADER: KEY_ID,
        TIMESTAMP_HEADER: sent,
        SIGNATURE_HEADER: sign(path, body, sent, secret),
    }


def with_extra_fields(payload: Any) -> Any:
    extended = copy.deepcopy(payload)
    extended["deliveryAttempt"] = 2
    extended["leads"][0]["score"] = {"value": 0.9}
    extended["leads"][0]["program"]["newProgramField"] = "x"
    return extended


def lead_ids(payload: Any) -> list[str]:
    return [lead["id"] for lead in payload["leads"]]


# Verification


def test_a_delivery_signed_over_the_endpoint_path_and_exact_body_is_read() -> None:
    body = body_of(FACEBOOK)
    timestamp = str(int(time.time()))
    # The seed's recipe, independently of evocalize.signing: path, body, timestamp, secret.
    text = f"{PATH}\n".encode() + body + f"\n{timestamp}\n{SECRET}".encode()
    headers = {TIMESTAMP_HEADER: timestamp, SIGNATURE_HEADER: hashlib.sha256(text).hexdigest()}

    delivery = verify_leads_delivery(PATH, body, headers, SECRET)

    assert isinstance(delivery, LeadsDelivery)
    assert [lead.id for lead in delivery.leads] == lead_ids(FACEBOOK)


@pytest.mark.parametrize("title", sorted(PAYLOADS))
def test_every_seed_payload_is_a_leads_delivery(title: str) -> None:
    body = body_of(PAYLOADS[title])
    delivery = verify_leads_delivery(PATH, body, signed_headers(body), SECRET)
    assert [lead.id for lead in delivery.leads] == lead_ids(PAYLOADS[title])


def test_header_names_are_matched_whatever_their_case() -> None:
    body = body_of(FACEBOOK)
    headers = {name.lower(): value for name, value in signed_headers(body).items()}
    assert verify_leads_delivery(PATH, body, headers, SECRET).leads


def test_fields_added_without_notice_are_ignored() -> None:
    payload = with_extra_fields(FACEBOOK)
    body = body_of(payload)
    delivery = verify_leads_delivery(PATH, body, signed_headers(body), SECRET)
    assert delivery.leads[0].id == FACEBOOK["leads"][0]["id"]


def test_a_tampered_body_is_refused() -> None:
    body = body_of(FACEBOOK)
    headers = signed_headers(body)
    with pytest.raises(BadSignatureError):
        verify_leads_delivery(PATH, body + b" ", headers, SECRET)


def test_a_delivery_signed_with_another_secret_is_refused() -> None:
    body = body_of(FACEBOOK)
    with pytest.raises(BadSignatureError):
        verify_leads_delivery(PATH, body, signed_headers(body, secret="another"), SECRET)


def test_a_delivery_signed_for_another_endpoint_is_refused() -> None:
    body = body_of(FACEBOOK)
    with pytest.raises(BadSignatureError):
        verify_leads_delivery(PATH, body, signed_headers(body, path="/elsewhere"), SECRET)


def test_the_query_string_is_not_part_of_the_signed_path() -> None:
    body = body_of(FACEBOOK)
    assert verify_leads_delivery(PATH + "?source=evocalize", body, signed_headers(body), SECRET)


@pytest.mark.parametrize("age", [61, -61])
def test_a_timestamp_more_than_a_minute_away_is_refused(age: int) -> None:
    body = body_of(FACEBOOK)
    headers = signed_headers(body, timestamp=int(time.time()) - age)
    with pytest.raises(StaleTimestampError):
        verify_leads_delivery(PATH, body, headers, SECRET)


def test_the_clock_can_be_given() -> None:
    body = body_of(FACEBOOK)
    headers = signed_headers(body, timestamp=1_700_000_000)
    assert verify_leads_delivery(PATH, body, headers, SECRET, now=1_700_000_030).leads
    with pytest.raises(StaleTimestampError):
        verify_leads_delivery(PATH, body, headers, SECRET, now=1_700_000_061)


# The reference gives no unit for the webhook timestamp; its example header is in milliseconds.
REFERENCE_MS_TIMESTAMP = 1667231735360


def test_a_timestamp_is_read_as_seconds_or_milliseconds_by_magnitude() -> None:
    assert timestamp_seconds(str(REFERENCE_MS_TIMESTAMP)) == 1667231735.36
    assert timestamp_seconds("1604094273") == 1604094273.0
    assert timestamp_seconds("-5") is None and timestamp_seconds("1.5") is None


def test_a_delivery_stamped_in_milliseconds_is_verified() -> None:
    body = body_of(FACEBOOK)
    now_ms = int(time.time() * 1000)
    assert verify_leads_delivery(PATH, body, signed_headers(body, timestamp=now_ms), SECRET).leads
    reference = signed_headers(body, timestamp=REFERENCE_MS_TIMESTAMP)
    now = REFERENCE_MS_TIMESTAMP / 1000 + 30
    assert verify_leads_delivery(PATH, body, reference, SECRET, now=now).leads
    with pytest.raises(StaleTimestampError, match="seconds or milliseconds within 60 s"):
        verify_leads_delivery(PATH, body, reference, SECRET, now=now + 31)


def test_the_window_can_be_widened_or_switched_off() -> None:
    body = body_of(FACEBOOK)
    ten_minutes_old = signed_headers(body, timestamp=int(time.time()) - 600)
    with pytest.raises(StaleTimestampError):
        verify_leads_delivery(PATH, body, ten_minutes_old, SECRET)
    assert verify_leads_delivery(PATH, body, ten_minutes_old, SECRET, window=900).leads
    day_old_ms = signed_headers(body, timestamp=int(time.time() * 1000) - 86_400_000)
    assert verify_leads_delivery(PATH, body, day_old_ms, SECRET, window=None).leads
    with pytest.raises(BadSignatureError):  # the signature still covers the timestamp
        verify_leads_delivery(
            PATH, body, {**day_old_ms, SIGNATURE_HEADER: "0" * 64}, SECRET, window=None
        )


@pytest.mark.anyio
async def test_the_receiver_takes_milliseconds_and_its_window() -> None:
    handler = Recorder()
    async with client_for(LeadsReceiver(handler, SECRET, window=900)) as client:
        now_ms = await deliver(client, FACEBOOK, timestamp=int(time.time() * 1000))
        late = await deliver(client, with_extra_fields(FACEBOOK), timestamp=int(time.time()) - 600)
        stale = await deliver(client, FACEBOOK, timestamp=int(time.time()) - 3600)
    assert (now_ms.status_code, late.status_code, stale.status_code) == (200, 200, 401)


@pytest.mark.parametrize("dropped", [TIMESTAMP_HEADER, SIGNATURE_HEADER])
def test_a_delivery_without_its_timestamp_or_signature_is_refused_naming_it(dropped: str) -> None:
    body = body_of(FACEBOOK)
    headers = signed_headers(body)
    del headers[dropped]
    with pytest.raises(MissingWebhookHeadersError, match=dropped):
        verify_leads_delivery(PATH, body, headers, SECRET)


def test_a_key_id_when_given_must_be_the_deliverys() -> None:
    body = body_of(FACEBOOK)
    headers = signed_headers(body)
    assert verify_leads_delivery(PATH, body, headers, SECRET, key_id=KEY_ID).leads
    with pytest.raises(BadSignatureError, match=KEY_ID_HEADER):
        verify_leads_delivery(PATH, body, headers, SECRET, key_id="another-key-id")
    del headers[KEY_ID_HEADER]
    with pytest.raises(MissingWebhookHeadersError, match=KEY_ID_HEADER):
        verify_leads_delivery(PATH, body, headers, SECRET, key_id=KEY_ID)


@pytest.mark.parametrize(
    "body",
    [b"not json", b"{}", b'{"leads": []}', body_of({"leads": [{"id": "facebook:1"}]})],
)
def test_a_signed_body_that_is_not_a_leads_delivery_is_refused_as_invalid(body: bytes) -> None:
    with pytest.raises(InvalidPayloadError) as raised:
        verify_leads_delivery(PATH, body, signed_headers(body), SECRET)
    assert raised.value.status_code == 400


def test_an_invalid_payload_error_names_fields_but_not_their_values() -> None:
    payload = copy.deepcopy(FACEBOOK)
    payload["leads"][0]["program"] = "private-program-text"
    body = body_of(payload)
    with pytest.raises(InvalidPayloadError) as raised:
        verify_leads_delivery(PATH, body, signed_headers(body), SECRET)
    assert "leads.0.program" in str(raised.value)
    assert "private-program-text" not in str(raised.value)


def test_no_verification_error_shows_the_secret() -> None:
    body = body_of(FACEBOOK)
    failures = [
        (body + b" ", signed_headers(body)),
        (body, signed_headers(body, secret="other")),
        (body, signed_headers(body, timestamp=1)),
        (body, {}),
        (b"{}", signed_headers(b"{}")),
    ]
    for sent, headers in failures:
        with pytest.raises(WebhookVerificationError) as raised:
            verify_leads_delivery(PATH, sent, headers, SECRET)
        assert SECRET not in str(raised.value)
        assert SECRET not in repr(raised.value)


# Deduplication


def delivery_of(*ids: str) -> LeadsDelivery:
    template = FACEBOOK["leads"][0]
    return LeadsDelivery.model_validate({"leads": [{**template, "id": i} for i in ids]})


def ids_of(leads: list[Lead]) -> list[str]:
    return [lead.id for lead in leads]


def test_leads_already_handled_are_not_new_again() -> None:
    dedupe = LeadDeduplicator()
    first = dedupe.new_leads(delivery_of("facebook:1", "facebook:2"))
    dedupe.mark_handled(first)
    assert ids_of(dedupe.new_leads(delivery_of("facebook:2", "facebook:3"))) == ["facebook:3"]


def test_leads_not_marked_handled_stay_new() -> None:
    dedupe = LeadDeduplicator()
    dedupe.new_leads(delivery_of("facebook:1"))
    assert ids_of(dedupe.new_leads(delivery_of("facebook:1"))) == ["facebook:1"]


def test_a_lead_repeated_within_one_delivery_is_new_once() -> None:
    leads = LeadDeduplicator().new_leads(delivery_of("google:1", "google:1", "google:2"))
    assert ids_of(leads) == ["google:1", "google:2"]


def test_the_memory_store_forgets_the_oldest_ids_beyond_its_size() -> None:
    store = InMemorySeenLeads(max_size=2)
    store.add(["a"])
    store.add(["b"])
    store.add(["c"])
    assert set(store.seen(["a", "b", "c"])) == {"b", "c"}
    assert len(store) == 2


def test_the_memory_store_forgets_ids_after_their_lifetime() -> None:
    now = [1000.0]
    store = InMemorySeenLeads(ttl_seconds=60, clock=lambda: now[0])
    store.add(["a"])
    now[0] += 30
    store.add(["b"])
    now[0] += 30
    assert set(store.seen(["a", "b"])) == {"b"}
    now[0] += 30
    assert set(store.seen(["a", "b"])) == set()


def test_a_store_of_the_partners_own_can_be_plugged_in() -> None:
    class SharedStore:
        def __init__(self) -> None:
            self.ids: set[str] = {"facebook:1"}

        def seen(self, lead_ids: Any) -> set[str]:
            return self.ids & set(lead_ids)

        def add(self, lead_ids: Any) -> None:
            self.ids |= set(lead_ids)

    store = SharedStore()
    dedupe = LeadDeduplicator(store)
    leads = dedupe.new_leads(delivery_of("facebook:1", "facebook:2"))
    dedupe.mark_handled(leads)
    assert ids_of(leads) == ["facebook:2"]
    assert store.ids == {"facebook:1", "facebook:2"}


# The ASGI receiver


class Recorder:
    """A handler that records what it is given and fails while told to."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []
        self.failures = 0

    async def __call__(self, leads: list[Lead]) -> None:
        self.calls.append(ids_of(leads))
        if self.failures:
            self.failures -= 1
            raise RuntimeError("the partner's database is down")


def client_for(receiver: LeadsReceiver) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=receiver), base_url="https://partner.test"
    )


async def deliver(
    client: httpx.AsyncClient,
    payload: object,
    *,
    body: bytes | None = None,
    secret: str = SECRET,
    timestamp: int | None = None,
) -> httpx.Response:
    sent = body_of(payload)
    headers = signed_headers(sent, secret=secret, timestamp=timestamp)
    return await client.post(PATH, content=sent if body is None else body, headers=headers)


@pytest.mark.anyio
async def test_a_valid_delivery_is_handed_over_and_acknowledged() -> None:
    handler = Recorder()
    async with client_for(LeadsReceiver(handler, SECRET)) as client:
        response = await deliver(client, FACEBOOK)
    assert response.status_code == 200
    assert handler.calls == [lead_ids(FACEBOOK)]


@pytest.mark.anyio
async def test_a_plain_function_handler_is_called_too() -> None:
    received: list[str] = []

    def handler(leads: list[Lead]) -> None:
        received.extend(ids_of(leads))

    async with client_for(LeadsReceiver(handler, SECRET)) as client:
        assert (await deliver(client, FACEBOOK)).status_code == 200
    assert received == lead_ids(FACEBOOK)


@pytest.mark.anyio
@pytest.mark.parametrize(
    "tamper",
    [
        {"body": body_of(FACEBOOK) + b"\n"},
        {"secret": "another-secret"},
        {"timestamp": 1_563_831_852},
    ],
    ids=["tampered body", "wrong secret", "stale timestamp"],
)
async def test_an_untrusted_delivery_is_refused_401_unhandled(tamper: dict[str, Any]) -> None:
    handler = Recorder()
    async with client_for(LeadsReceiver(handler, SECRET)) as client:
        response = await deliver(client, FACEBOOK, **tamper)
    assert response.status_code == 401
    assert handler.calls == []


@pytest.mark.anyio
async def test_an_unsigned_delivery_is_refused_401() -> None:
    async with client_for(LeadsReceiver(Recorder(), SECRET)) as client:
        response = await client.post(PATH, content=body_of(FACEBOOK))
    assert response.status_code == 401


@pytest.mark.anyio
async def test_a_signed_body_that_is_not_a_delivery_is_refused_400() -> None:
    handler = Recorder()
    async with client_for(LeadsReceiver(handler, SECRET)) as client:
        response = await deliver(client, {"leads": "none"})
    assert response.status_code == 400
    assert handler.calls == []


@pytest.mark.anyio
async def test_anything_but_a_post_is_refused_405() -> None:
    async with client_for(LeadsReceiver(Recorder(), SECRET)) as client:
        response = await client.get(PATH)
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


@pytest.mark.anyio
async def test_a_duplicate_delivery_is_acknowledged_without_calling_the_handler() -> None:
    handler = Recorder()
    async with client_for(LeadsReceiver(handler, SECRET)) as client:
        first = await deliver(client, FACEBOOK)
        again = await deliver(client, FACEBOOK)
    assert (first.status_code, again.status_code) == (200, 200)
    assert handler.calls == [lead_ids(FACEBOOK)]
    assert again.json()["duplicates"] == len(lead_ids(FACEBOOK))


@pytest.mark.anyio
async def test_a_failed_handler_answers_500_and_the_retry_hands_the_leads_over_again() -> None:
    handler = Recorder()
    handler.failures = 1
    async with client_for(LeadsReceiver(handler, SECRET)) as client:
        failed = await deliver(client, FACEBOOK)
        retried = await deliver(client, FACEBOOK)
    assert (failed.status_code, retried.status_code) == (500, 200)
    assert handler.calls == [lead_ids(FACEBOOK), lead_ids(FACEBOOK)]


@pytest.mark.anyio
async def test_fields_added_without_notice_are_tolerated_by_the_receiver() -> None:
    handler = Recorder()
    async with client_for(LeadsReceiver(handler, SECRET)) as client:
        response = await deliver(client, with_extra_fields(FACEBOOK))
    assert response.status_code == 200
    assert handler.calls == [lead_ids(FACEBOOK)]


@pytest.mark.anyio
async def test_a_retry_arriving_while_the_same_leads_are_handled_is_told_to_retry_later() -> None:
    started, release = anyio.Event(), anyio.Event()
    calls: list[list[str]] = []

    async def slow_handler(leads: list[Lead]) -> None:
        calls.append(ids_of(leads))
        if len(calls) == 1:  # only the first delivery is slow
            started.set()
            await release.wait()

    responses: list[httpx.Response] = []
    async with client_for(LeadsReceiver(slow_handler, SECRET)) as client:

        async def first_delivery() -> None:
            responses.append(await deliver(client, FACEBOOK))

        with anyio.fail_after(10):
            async with anyio.create_task_group() as tasks:
                tasks.start_soon(first_delivery)
                await started.wait()
                retry = await deliver(client, FACEBOOK)
                release.set()
    assert retry.status_code == 409
    assert [response.status_code for response in responses] == [200]
    assert calls == [lead_ids(FACEBOOK)]


@pytest.mark.anyio
async def test_without_verification_an_unsigned_delivery_is_handled() -> None:
    handler = Recorder()
    async with client_for(LeadsReceiver(handler, verify=False)) as client:
        response = await client.post(PATH, content=body_of(FACEBOOK))
    assert response.status_code == 200
    assert handler.calls == [lead_ids(FACEBOOK)]


def test_a_verifying_receiver_needs_the_secret() -> None:
    with pytest.raises(ValueError, match="secret"):
        LeadsReceiver(Recorder())


@pytest.mark.anyio
async def test_a_body_over_the_limit_is_refused_413() -> None:
    handler = Recorder()
    async with client_for(LeadsReceiver(handler, SECRET, max_body_bytes=100)) as client:
        response = await deliver(client, FACEBOOK)
    assert response.status_code == 413
    assert handler.calls == []


@pytest.mark.anyio
async def test_a_delivery_signed_for_another_path_than_the_requests_is_refused() -> None:
    handler = Recorder()
    async with client_for(LeadsReceiver(handler, SECRET)) as client:
        sent = body_of(FACEBOOK)
        response = await client.post("/other/leads", content=sent, headers=signed_headers(sent))
    assert response.status_code == 401
    assert handler.calls == []


@pytest.mark.anyio
async def test_mounted_under_a_prefix_the_full_endpoint_path_is_checked() -> None:
    # Starlette comes with the sandbox extra; the client's tests also run without it.
    pytest.importorskip("starlette")
    from starlette.applications import Starlette
    from starlette.routing import Mount

    handler = Recorder()
    app = Starlette(routes=[Mount("/hooks", app=LeadsReceiver(handler, SECRET))])
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="https://partner.test"
    ) as client:
        sent = body_of(FACEBOOK)
        response = await client.post(PATH, content=sent, headers=signed_headers(sent))
    assert response.status_code == 200
    assert handler.calls == [lead_ids(FACEBOOK)]


@pytest.mark.anyio
async def test_a_proxy_rewritten_path_is_checked_against_the_path_given() -> None:
    handler = Recorder()
    receiver = LeadsReceiver(handler, SECRET, path=PATH)
    async with client_for(receiver) as client:
        sent = body_of(FACEBOOK)
        response = await client.post("/internal/leads", content=sent, headers=signed_headers(sent))
    assert response.status_code == 200


@pytest.mark.anyio
async def test_the_secret_appears_in_no_repr_response_or_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    handler = Recorder()
    handler.failures = 1
    receiver = LeadsReceiver(handler, SECRET)
    caplog.set_level(logging.DEBUG)
    async with client_for(receiver) as client:
        responses = [
            await deliver(client, FACEBOOK, secret="other"),
            await deliver(client, FACEBOOK, timestamp=1),
            await deliver(client, FACEBOOK),
        ]
    assert [response.status_code for response in responses] == [401, 401, 500]
    assert SECRET not in repr(receiver)
    assert all(SECRET not in response.text for response in responses)
    assert caplog.records
    assert all(SECRET not in record.getMessage() for record in caplog.records)
