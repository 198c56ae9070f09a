"""What the typed client promises beyond reaching each operation: bodies checked against the
spec's closed request schemas before anything is sent, an explicit escape hatch for what the spec
does not know yet, path values that cannot land on another endpoint, one request path that
decodes each answer once, and docstrings that say what a call returns and raises."""

from __future__ import annotations

import json
import pydoc
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from evocalize import AsyncEvocalize, Evocalize, RequestValidationError
from evocalize._operation import OPERATION_EXTENSION
from evocalize.retries import NO_RETRIES
from evocalize_resources import OPERATIONS

Handler = Callable[[httpx.Request], httpx.Response]
USER = {"id": "jane", "email": "jane@example.com", "name": "Jane"}


def client(seen: list[httpx.Request], answer: Any = None, status: int = 200) -> Evocalize:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status, json={"data": USER} if answer is None else answer)

    return Evocalize(
        "https://api.test", "kid", "key", retries=NO_RETRIES, transport=httpx.MockTransport(handler)
    )


def test_a_misspelled_field_is_an_error_naming_it_and_nothing_is_sent() -> None:
    seen: list[httpx.Request] = []
    with pytest.raises(RequestValidationError) as raised:
        client(seen).users.create_or_update_user(body={"id": "jane", "emial": "new@example.com"})
    assert seen == []
    error = raised.value
    assert error.field == "emial" and error.code == "EV_BAD_REQUEST_INVALID_FIELDS"
    assert error.errors[0].details["input"] == "new@example.com"
    assert "createOrUpdateUser" in str(error) and "emial" in str(error)


def test_every_broken_field_of_a_nested_body_is_named_by_its_path() -> None:
    seen: list[httpx.Request] = []
    body = {"id": "jane", "groups": [{"groupId": "g1", "role": "boss"}], "email": "nope"}
    with pytest.raises(RequestValidationError) as raised:
        client(seen).users.create_or_update_user(body=body)
    assert {e.field for e in raised.value.errors} == {"groups.0.role", "email"}
    assert seen == []


def test_a_body_is_sent_with_the_spec_s_names_whatever_form_it_was_given_in() -> None:
    from evocalize_client.models import UserInput as AttrsUserInput
    from evocalize_models import UserInput as PydanticUserInput

    seen: list[httpx.Request] = []
    ev = client(seen)
    ev.users.create_or_update_user(body={"id": "jane", "email": "jane@example.com"})
    ev.users.create_or_update_user(body=PydanticUserInput(id="jane", email="jane@example.com"))
    ev.users.create_or_update_user(body=AttrsUserInput(id="jane", email="jane@example.com"))
    # Python's names populate a mapping too; the API is sent its own.
    ev.groups.create_or_update_group(body={"id": "g", "name": "G"})
    ev.content_access_v1.with_raw_response.delete_access_records(
        "repo", body={"user_id": "u", "group_id": None, "role": None}
    )
    sent = [json.loads(request.content) for request in seen]
    assert sent[:2] == [{"id": "jane", "email": "jane@example.com"}] * 2
    # An attrs model states its defaults.
    assert sent[2] == {"id": "jane", "email": "jane@example.com", "replaceGroups": False}
    assert sent[4] == {"userId": "u", "groupId": None, "role": None}


def test_extra_body_query_and_headers_carry_what_the_spec_does_not_know_yet() -> None:
    seen: list[httpx.Request] = []
    client(seen).users.create_or_update_user(
        body={"id": "jane"},
        extra_body={"nickname": "JD"},
        extra_query={"trace": "1"},
        extra_headers={"X-Partner-Trace": "abc"},
    )
    (request,) = seen
    assert json.loads(request.content) == {"id": "jane", "nickname": "JD"}
    assert request.url.params["trace"] == "1"
    assert request.headers["X-Partner-Trace"] == "abc"


def test_extra_body_reaches_each_entry_of_a_batch() -> None:
    seen: list[httpx.Request] = []
    ev = client(seen, answer={"data": {"reportId": "r1"}}, status=202)
    report = ev.users.create_or_update_user_batch(body=[USER, USER], extra_body={"tier": "gold"})
    assert report.report_id == "r1"
    assert json.loads(seen[0].content) == [{**USER, "tier": "gold"}] * 2


PATH_PARAMETERS = [
    (operation_id, name)
    for operation_id, operation in sorted(OPERATIONS.items())
    for name in operation.path_params
]


@pytest.mark.parametrize(("operation_id", "name"), PATH_PARAMETERS)
@pytest.mark.parametrize("value", [".", "..", ""])
def test_a_path_value_that_would_reach_another_endpoint_is_refused_before_sending(
    operation_id: str, name: str, value: str
) -> None:
    operation = OPERATIONS[operation_id]
    seen: list[httpx.Request] = []
    ev = client(seen)
    params = {other: "ok" for other in operation.path_params}
    params[name] = value
    with pytest.raises(RequestValidationError) as raised:
        ev.call_raw(operation_id, **params)
    assert raised.value.field == name and seen == []


def test_dot_segments_are_refused_through_the_typed_methods_too() -> None:
    seen: list[httpx.Request] = []
    ev = client(seen)
    with pytest.raises(RequestValidationError):
        ev.content_access.delete_item_grants("listings", "..")
    with pytest.raises(RequestValidationError):
        ev.content_access.with_raw_response.delete_item_grants("listings", ".")
    # Dots inside a value are an ordinary id, percent-encoding keeps it one segment.
    ev.users.get_user("../x")
    assert seen[0].url.raw_path == b"/management/v1/user/..%2Fx"


def test_every_request_says_it_is_json_and_carries_its_operation() -> None:
    seen: list[httpx.Request] = []
    ev = client(seen)
    ev.users.get_user("jane")
    ev.users.create_or_update_user(body={"id": "jane"})
    for request, operation_id in zip(seen, ["getUser", "createOrUpdateUser"], strict=True):
        assert request.headers["Content-Type"] == "application/json"
        assert request.extensions[OPERATION_EXTENSION] is OPERATIONS[operation_id]


def test_a_timeout_given_to_one_call_applies_to_that_call_only() -> None:
    seen: list[httpx.Request] = []
    ev = client(seen)
    ev.users.get_user("jane", timeout=2.5)
    ev.users.get_user("jane")
    assert seen[0].extensions["timeout"]["read"] == 2.5
    assert seen[1].extensions["timeout"]["read"] == 30.0


def test_each_answer_is_decoded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    decoded: list[int] = []
    loads = json.loads

    def counting(text: Any, **kwargs: Any) -> Any:
        decoded.append(1)
        return loads(text, **kwargs)

    seen: list[httpx.Request] = []
    ev = client(seen)
    monkeypatch.setattr(json, "loads", counting)
    ev.users.get_user("jane")
    assert len(decoded) == 1


def test_help_says_what_a_call_returns_and_raises() -> None:
    ev = client([])
    text = pydoc.plain(pydoc.render_doc(ev.users.get_user))
    assert "Get a user." in text and "GET /management/v1/user/{userId}" in text
    assert "get_user(" in text and "user_id: 'str'" in text and "-> 'User'" in text
    assert "NotFoundError: 404" in text and "AuthenticationError: 401" in text
    assert "UnexpectedStatus" not in text and "Response[" not in text


@pytest.mark.anyio
async def test_the_async_client_checks_bodies_and_pages_the_same_way() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"data": [USER]})

    async with AsyncEvocalize(
        "https://api.test", "kid", "key", transport=httpx.MockTransport(handler)
    ) as ev:
        with pytest.raises(RequestValidationError):
            await ev.groups.create_or_update_group(body={"id": "g", "nmae": "G"})
        assert seen == []
        page = await ev.users.list_users()
        assert [user.id for user in page.data] == ["jane"] and page.next_page_token is None
        response = await ev.users.with_raw_response.list_users()
        assert response.status_code == 200


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
