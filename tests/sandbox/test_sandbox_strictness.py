"""The sandbox refuses what a lenient server would let through, so that partners testing against
it find their own bugs: a JSON body in another encoding or under another media type, repeated
keys, a lowercase method, an internationalized e-mail address (docs/decisions.md, "Strict
request reading"). Each gets the documented 400 (or 405) and `EV_*` code."""

from __future__ import annotations

import codecs
import json
from collections.abc import MutableMapping
from typing import Any

import pytest
from evocalize.signing import KEY_HEADER, KEY_ID_HEADER
from evocalize.spec import load_spec
from sandbox_support import KEY_ID, SECRET, error_of
from starlette.applications import Starlette
from starlette.testclient import TestClient

GROUP = "/management/v1/group"
BODY = json.dumps({"id": "strict", "name": "Strict"})
MALFORMED = "EV_BAD_REQUEST_MALFORMED"


def refused(response: Any, code: str = MALFORMED, status: int = 400) -> dict[str, Any]:
    assert response.status_code == status, response.content
    error = error_of(response)
    assert error["code"] == code, error
    return error


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "application/json; charset=utf-16",
        None,
    ],
)
def test_a_json_body_under_another_media_type_is_refused(
    http: TestClient, content_type: str | None
) -> None:
    headers = {} if content_type is None else {"Content-Type": content_type}
    refused(http.post(GROUP, content=BODY.encode(), headers=headers))
    assert http.get(f"{GROUP}/strict").status_code == 404


@pytest.mark.parametrize("content_type", ["application/json", "application/json; charset=UTF-8"])
def test_json_labelled_as_json_is_read(http: TestClient, content_type: str) -> None:
    response = http.post(GROUP, content=BODY.encode(), headers={"Content-Type": content_type})
    assert response.status_code == 201, response.content


def test_a_read_without_body_or_content_type_is_answered(http: TestClient) -> None:
    response = http.get("/management/v1/groups")
    assert "content-type" not in response.request.headers
    assert response.status_code == 200


def test_an_upload_sent_as_a_url_encoded_form_is_refused(http: TestClient) -> None:
    response = http.post(
        "/management/v1/audience/some-placeholder/csv/upload", data={"file": "email\na@b.c"}
    )
    refused(response)


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF8 + BODY.encode("utf-8"),
        BODY.encode("utf-16"),  # with its byte order mark
        BODY.encode("utf-16-le"),
        BODY.encode("utf-32"),
    ],
    ids=["utf-8-with-bom", "utf-16", "utf-16-le-without-bom", "utf-32"],
)
def test_json_in_another_encoding_than_plain_utf8_is_refused(
    http: TestClient, encoded: bytes
) -> None:
    refused(http.post(GROUP, content=encoded, headers={"Content-Type": "application/json"}))


@pytest.mark.parametrize(
    "body",
    [
        b'{"id": "strict", "name": "Strict", "name": "Other"}',
        b'{"id": "strict", "id": "strict", "name": "Strict"}',
        b'[{"id": "a", "name": "A"}, {"id": "b", "name": "B", "id": "c"}]',
    ],
    ids=["repeated-name", "repeated-id-same-value", "repeated-in-a-batch-entry"],
)
def test_a_repeated_key_is_refused(http: TestClient, body: bytes) -> None:
    path = "/management/v1/groups" if body.startswith(b"[") else GROUP
    error = refused(http.post(path, content=body, headers={"Content-Type": "application/json"}))
    assert "repeats a key" in error["message"]


async def send_raw(app: Starlette, method: str, path: str) -> tuple[int, dict[str, str]]:
    """One request straight to the ASGI app, its method as written (httpx uppercases it)."""
    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (KEY_ID_HEADER.lower().encode(), KEY_ID.encode()),
            (KEY_HEADER.lower().encode(), SECRET.encode()),
        ],
        "server": ("sandbox", 80),
        "client": ("127.0.0.1", 1),
    }
    started: dict[str, Any] = {}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            started.update(message)

    await app(scope, receive, send)
    headers = {name.decode(): value.decode() for name, value in started["headers"]}
    return started["status"], headers


@pytest.mark.anyio
@pytest.mark.parametrize("method", ["get", "Get", "pOST"])
async def test_a_method_is_case_sensitive(app: Starlette, method: str) -> None:
    assert (await send_raw(app, "GET", "/management/v1/groups"))[0] == 200
    status, headers = await send_raw(app, method, "/management/v1/groups")
    assert status == 405
    assert headers["allow"] == "GET, POST"


def user(email: str, user_id: str = "mail") -> dict[str, str]:
    return {"id": user_id, "name": "Mail", "email": email}


@pytest.mark.parametrize("email", ["jürgen@example.com", "ünï@exämple.com", "a@bücher.example"])
def test_an_internationalized_email_is_refused(http: TestClient, email: str) -> None:
    error = refused(
        http.post("/management/v1/user", json=user(email)), "EV_BAD_REQUEST_INVALID_FIELDS"
    )
    assert error["field"] == "email"
    assert http.get("/management/v1/user/mail").status_code == 404


def address_of_length(length: int) -> str:
    domain = f"{'b' * 63}.{'c' * 63}.{'d' * 57}.com"  # 189 characters
    return "a" * (length - len(domain) - 1) + "@" + domain


def test_the_longest_email_is_254_characters_in_the_spec_and_the_sandbox(http: TestClient) -> None:
    assert load_spec()["components"]["schemas"]["Email"]["maxLength"] == 254
    longest = address_of_length(254)
    assert http.post("/management/v1/user", json=user(longest)).status_code == 201
    assert http.get("/management/v1/user/mail").json()["data"]["email"] == longest
    over = http.post("/management/v1/user", json=user(address_of_length(255), "over"))
    assert refused(over, "EV_BAD_REQUEST_INVALID_FIELDS")["field"] == "email"
