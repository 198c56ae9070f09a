"""What the overlay strategies gained for the peer API profiles: idempotency read from a
profile's own operations (paths relative to its server URL), statuses that prove a request was
refused before it was acted on (BidTheatre's 429, which makes even a POST safe to send again),
the retry transport that fits a sync or an async transport, a decoder of single error objects,
and an error convention with classes of the API's own for its codes and its statuses."""

from __future__ import annotations

import httpx
import pytest
from evocalize.errors import (
    BadRequestError,
    ErrorConvention,
    ErrorDetail,
    NotFoundError,
    PermissionDeniedError,
    error_object_decoder,
)
from evocalize.retries import (
    AsyncRetryTransport,
    RetryPolicy,
    RetryTransport,
    idempotent_by_operations,
    retrying,
)
from evocalize.spec import profile_operations

INVOCA = (
    "https://mynetwork.invoca.net/api/2022-08-01/1234/advertisers/acme/advertiser_campaigns/x.json"
)
BIDTHEATRE = "https://asx-api.bidtheatre.com/v2.0/api/1234/campaign"


def test_a_profile_upsert_marked_x_idempotent_is_safe_under_its_server_path() -> None:
    is_safe = idempotent_by_operations(profile_operations("invoca"))
    assert is_safe(httpx.Request("POST", INVOCA))
    assert is_safe(httpx.Request("DELETE", INVOCA))


def test_a_profile_create_without_x_idempotent_is_not_safe() -> None:
    is_safe = idempotent_by_operations(profile_operations("bidtheatre"))
    assert not is_safe(httpx.Request("POST", BIDTHEATRE))
    assert is_safe(httpx.Request("PUT", f"{BIDTHEATRE}/5"))


def test_a_request_the_profile_does_not_describe_is_judged_by_its_method() -> None:
    is_safe = idempotent_by_operations(profile_operations("invoca"))
    assert not is_safe(httpx.Request("POST", "https://leadtrust.invoca.net/api/elsewhere"))
    assert is_safe(httpx.Request("GET", "https://leadtrust.invoca.net/api/elsewhere"))


def test_profile_operations_resolve_their_refs_in_their_own_document() -> None:
    (get_campaign,) = [
        op for op in profile_operations("bidtheatre") if op.operation_id == "getCampaign"
    ]
    assert [p["name"] for p in get_campaign.parameters] == ["network_id", "id"]


def scripted(*statuses: int) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    sent: list[httpx.Request] = []
    answers = list(statuses)

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(answers.pop(0), headers={"Retry-After": "7"})

    return httpx.MockTransport(handler), sent


def post_through(policy: RetryPolicy, *statuses: int) -> tuple[int, list[float], int]:
    transport, sent = scripted(*statuses)
    pauses: list[float] = []
    never_safe = RetryTransport(transport, policy, is_safe=lambda _: False, sleep=pauses.append)
    with httpx.Client(transport=never_safe) as http:
        status = http.post(BIDTHEATRE, json={}).status_code
    return status, pauses, len(sent)


def test_an_unprocessed_status_lets_an_unsafe_request_be_retried_after_retry_after() -> None:
    policy = RetryPolicy(unprocessed_statuses=frozenset({429}))
    assert post_through(policy, 429, 201) == (201, [7.0], 2)


def test_other_statuses_still_never_repeat_an_unsafe_request() -> None:
    policy = RetryPolicy(unprocessed_statuses=frozenset({429}))
    assert post_through(policy, 503, 201) == (503, [], 1)
    assert post_through(RetryPolicy(), 429, 201) == (429, [], 1)


def test_the_retry_transport_matches_a_sync_or_an_async_transport() -> None:
    async def app(scope: object, receive: object, send: object) -> None:
        pass

    assert isinstance(retrying(httpx.ASGITransport(app=app)), AsyncRetryTransport)
    assert isinstance(retrying(httpx.HTTPTransport()), RetryTransport)
    # A transport that is both is taken as sync.
    assert isinstance(retrying(httpx.MockTransport(lambda r: httpx.Response(200))), RetryTransport)


class GoneError(NotFoundError):
    pass


class InvalidArgumentsError(PermissionDeniedError, BadRequestError):
    status_code = 403


def test_an_error_convention_brings_classes_of_its_own_for_codes_and_statuses() -> None:
    def decode(response: httpx.Response) -> list[ErrorDetail]:
        return [ErrorDetail(message="no", code=response.headers.get("X-Code"))]

    convention = ErrorConvention(
        decode, codes={"Gone": GoneError}, statuses={403: InvalidArgumentsError}
    )
    with pytest.raises(GoneError):
        convention.raise_for(httpx.Response(404, headers={"X-Code": "Gone"}))
    with pytest.raises(InvalidArgumentsError):
        convention.raise_for(httpx.Response(403, headers={"X-Code": "RecordInvalid"}))
    # A code of the table wins over the status's class, and other statuses keep HTTP's.
    with pytest.raises(GoneError):
        convention.raise_for(httpx.Response(403, headers={"X-Code": "Gone"}))
    with pytest.raises(BadRequestError) as caught:
        convention.raise_for(httpx.Response(400))
    assert not isinstance(caught.value, PermissionDeniedError)


def test_an_error_object_decoder_reads_the_object_at_a_dotted_path() -> None:
    decode = error_object_decoder("response.error", message="text", code="id")
    body = {"response": {"error": {"text": "slow down", "id": "RATE_EXCEEDED"}}}
    assert decode(httpx.Response(405, json=body)) == [
        ErrorDetail(message="slow down", code="RATE_EXCEEDED")
    ]


def test_an_error_object_decoder_finds_nothing_in_other_bodies() -> None:
    decode = error_object_decoder("error", code="errorCode")
    assert decode(httpx.Response(200, json={"campaign": {"id": 5}})) is None
    assert decode(httpx.Response(502, text="<html>Bad gateway</html>")) is None
    assert decode(httpx.Response(500, json={"error": "flat text"})) is None
    assert decode(httpx.Response(500, json={"error": {}})) == [ErrorDetail(message="no message")]


def test_a_marked_error_object_is_an_error_only_with_its_fields_and_keeps_the_details() -> None:
    decode = error_object_decoder(
        "response", message="error", code="error_id", details=("error_code",), marked=True
    )
    assert decode(httpx.Response(200, json={"response": {"status": "OK", "id": 5}})) is None
    body = {"response": {"error_id": "SYSTEM", "error_code": "E12", "error_description": ""}}
    assert decode(httpx.Response(500, json=body)) == [
        ErrorDetail(message="SYSTEM", code="SYSTEM", details={"error_code": "E12"})
    ]
