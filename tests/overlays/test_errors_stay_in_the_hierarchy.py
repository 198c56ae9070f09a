"""What goes wrong around a call is an `EvocalizeError`, said without secrets: answers the spec
forbids (an undocumented 2xx, an empty or wrong-typed body, JSON nested past the parser's
depth), calls with the wrong arguments, base URLs httpx cannot read, a password inside the base
URL, and a plain-http base URL that leaves this machine (a warning)."""

from __future__ import annotations

import warnings

import httpx
import pytest
from evocalize import Evocalize, EvocalizeError, ResponseValidationError
from evocalize.errors import APIConnectionError, APIError, CallArgumentError
from evocalize.settings import ConfigurationError, InsecureHttpWarning

USER = {"id": "u1", "email": "u1@example.com", "name": "U One"}
DEEP = b"[" * 100_000 + b"]" * 100_000


def answering(status: int, content: bytes) -> Evocalize:
    transport = httpx.MockTransport(lambda request: httpx.Response(status, content=content))
    return Evocalize("https://api.test", "kid", "secret", transport=transport)


@pytest.mark.parametrize(
    ("status", "content", "why"),
    [
        (299, b'{"data": {"id": "u1", "email": "u1@example.com", "name": "U One"}}', "only 200"),
        (200, b"", "the body"),
        (200, b'{"data": null}', "data"),
        (200, b'{"data": {"id": 5, "email": "u1@example.com", "name": "U One"}}', "data.id"),
        (200, b'{"data": {"email": "u1@example.com", "name": "U One"}}', "data.id"),
        (200, b'{"data": ' + DEEP + b"}", "the body"),
    ],
    ids=["status-299", "empty-200", "null-data", "wrong-type", "missing-field", "deep-json"],
)
def test_an_answer_the_spec_forbids_is_a_response_validation_error(
    status: int, content: bytes, why: str
) -> None:
    with answering(status, content) as ev, pytest.raises(ResponseValidationError, match=why):
        ev.users.get_user("u1")


def test_a_200_for_a_documented_201_is_taken_and_its_body_still_checked() -> None:
    body = b'{"data": {"id": "u1", "email": "u1@example.com", "name": "U One"}}'
    with answering(200, body) as ev:
        assert ev.users.create_or_update_user(body=USER).id == "u1"
    with answering(200, b'{"data": {"id": []}}') as ev, pytest.raises(ResponseValidationError):
        ev.users.create_or_update_user(body=USER)


def test_an_error_answer_nested_too_deeply_is_still_its_typed_error() -> None:
    with answering(400, b'{"errors": ' + DEEP + b"}") as ev, pytest.raises(APIError) as raised:
        ev.users.get_user("u1")
    assert raised.value.status == 400


@pytest.mark.parametrize(
    "call",
    [
        lambda ev: ev.call("getUser", userId="u1", userid="u1"),
        lambda ev: ev.call("getUser"),
        lambda ev: ev.call("createOrUpdateUser"),
        lambda ev: ev._call(ev._operations["getUser"], ("a", "b")),
    ],
    ids=["unknown-parameter", "missing-path-value", "missing-body", "too-many-path-values"],
)
def test_wrong_arguments_are_an_evocalize_error_and_a_type_error(call: object) -> None:
    with answering(200, b"{}") as ev, pytest.raises(CallArgumentError) as raised:
        call(ev)  # type: ignore[operator]
    assert isinstance(raised.value, EvocalizeError) and isinstance(raised.value, TypeError)


@pytest.mark.parametrize("url", ["http://[::1", "http://a\x00b.test", "https://api.test:port"])
def test_a_base_url_httpx_cannot_read_is_a_configuration_error(url: str) -> None:
    with pytest.raises(ConfigurationError, match="base_url"):
        Evocalize(url, "kid", "secret")


def test_a_password_in_the_base_url_is_never_shown() -> None:
    # Port 9 on this machine: nothing listens, the connection is refused.
    ev = Evocalize("http://partner:hunter2@127.0.0.1:9", "kid", "secret", retries=None)
    with ev, pytest.raises(APIConnectionError) as refused:
        ev.users.get_user("u1")
    shown = " ".join([str(refused.value), repr(ev), repr(ev.settings), str(refused.value.url)])
    assert "hunter2" not in shown
    assert "partner:***@127.0.0.1:9" in str(refused.value)


@pytest.mark.parametrize("url", ["http://api.example.com", "http://10.0.0.8:8080"])
def test_plain_http_to_another_machine_warns(url: str) -> None:
    with pytest.warns(InsecureHttpWarning, match="travels in clear"):
        Evocalize(url, "kid", "secret").close()
    with pytest.warns(InsecureHttpWarning, match="the client key itself"):
        Evocalize(url, "kid", "secret", auth="shared-secret").close()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080",
        "http://localhost:8080",
        "http://sandbox.localhost",
        "http://[::1]:8080",
        "https://api.example.com",
    ],
)
def test_https_and_this_machine_do_not_warn(url: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", InsecureHttpWarning)
        Evocalize(url, "kid", "secret").close()


def test_an_in_process_transport_does_not_warn() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200))
    with warnings.catch_warnings():
        warnings.simplefilter("error", InsecureHttpWarning)
        Evocalize("http://testserver", "kid", "secret", transport=transport).close()
