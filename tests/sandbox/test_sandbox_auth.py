"""Auth exactly as docs/decisions.md: the shared secret first, else a signature over path, body and
timestamp; each failure has its own 401 code."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from evocalize.signing import (
    KEY_HEADER,
    KEY_ID_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    current_timestamp,
    sign,
)
from evocalize_client.api.users import list_users
from sandbox_support import (
    KEY_ID,
    SECRET,
    client_for,
    error_of,
    make_app,
    shared_secret_auth,
    signing_auth,
)
from starlette.applications import Starlette
from starlette.testclient import TestClient

USERS = "/management/v1/users"


@pytest.fixture
def anonymous(app: Starlette) -> TestClient:
    return TestClient(app, base_url="http://sandbox", raise_server_exceptions=False)


def signed_headers(path: str, body: bytes, timestamp: str, secret: str = SECRET) -> dict[str, str]:
    return {
        KEY_ID_HEADER: KEY_ID,
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign(path, body, timestamp, secret),
    }


def test_a_signed_request_is_accepted(app: Starlette) -> None:
    response = list_users.sync_detailed(client=client_for(app, signing_auth()))
    assert response.status_code == 200


def test_the_shared_secret_is_accepted(app: Starlette) -> None:
    response = list_users.sync_detailed(client=client_for(app, shared_secret_auth()))
    assert response.status_code == 200


def test_a_signed_body_is_part_of_the_signature(anonymous: TestClient) -> None:
    body = json.dumps({"id": "g1", "name": "Group"}).encode()
    headers = signed_headers("/management/v1/group", body, current_timestamp())
    headers["Content-Type"] = "application/json"
    accepted = anonymous.post("/management/v1/group", content=body, headers=headers)
    assert accepted.status_code == 201
    tampered = anonymous.post(
        "/management/v1/group", content=body.replace(b"g1", b"g2"), headers=headers
    )
    assert tampered.status_code == 401
    assert error_of(tampered)["code"] == "EV_UNAUTHORIZED_INVALID_SIGNATURE"


def test_the_query_string_is_not_signed(anonymous: TestClient) -> None:
    headers = signed_headers(USERS, b"", current_timestamp())
    response = anonymous.get(USERS + "?unused=1", headers=headers)
    assert response.status_code == 200


def test_no_key_id_is_missing_headers(anonymous: TestClient) -> None:
    response = anonymous.get(USERS)
    assert response.status_code == 401
    assert error_of(response)["code"] == "EV_UNAUTHORIZED_MISSING_HEADERS"


def test_a_key_id_without_secret_or_signature_is_missing_headers(anonymous: TestClient) -> None:
    response = anonymous.get(USERS, headers={KEY_ID_HEADER: KEY_ID, TIMESTAMP_HEADER: "1"})
    assert response.status_code == 401
    assert error_of(response)["code"] == "EV_UNAUTHORIZED_MISSING_HEADERS"


def test_an_unknown_key_id_is_an_invalid_key(app: Starlette) -> None:
    response = list_users.sync_detailed(client=client_for(app, signing_auth(key_id="stranger")))
    assert response.status_code == 401
    assert error_of(response)["code"] == "EV_UNAUTHORIZED_INVALID_KEY"


def test_a_wrong_shared_secret_is_an_invalid_secret(app: Starlette) -> None:
    response = list_users.sync_detailed(client=client_for(app, shared_secret_auth(secret="nope")))
    assert response.status_code == 401
    error = error_of(response)
    assert error["code"] == "EV_UNAUTHORIZED_INVALID_SECRET"
    assert "nope" not in json.dumps(error)


def test_a_signature_made_with_another_secret_is_an_invalid_signature(app: Starlette) -> None:
    response = list_users.sync_detailed(client=client_for(app, signing_auth(secret="other")))
    assert response.status_code == 401
    assert error_of(response)["code"] == "EV_UNAUTHORIZED_INVALID_SIGNATURE"


@pytest.fixture
def clocked_app(database_url: str, clock: list[float]) -> Iterator[Starlette]:
    """The sandbox on a pinned clock, so the 60-second window is tested to the second."""
    application = make_app(database_url, clock=clock)
    yield application
    application.state.sandbox.engine.dispose()


@pytest.mark.parametrize("skew", [-61, 61, -3600])
def test_a_timestamp_more_than_a_minute_away_is_expired(
    clocked_app: Starlette, clock: list[float], skew: int
) -> None:
    stale = str(int(clock[0]) + skew)
    auth = signing_auth(timestamp=stale)
    response = list_users.sync_detailed(client=client_for(clocked_app, auth))
    assert response.status_code == 401
    assert error_of(response)["code"] == "EV_UNAUTHORIZED_EXPIRED_REQUEST"


@pytest.mark.parametrize("skew", [-60, -50, 0, 60])
def test_a_timestamp_within_a_minute_is_accepted(
    clocked_app: Starlette, clock: list[float], skew: int
) -> None:
    recent = str(int(clock[0]) + skew)
    auth = signing_auth(timestamp=recent)
    response = list_users.sync_detailed(client=client_for(clocked_app, auth))
    assert response.status_code == 200


def test_the_shared_secret_takes_precedence_over_a_signature(anonymous: TestClient) -> None:
    headers = signed_headers(USERS, b"", current_timestamp(), secret="wrong")
    headers[KEY_HEADER] = SECRET
    assert anonymous.get(USERS, headers=headers).status_code == 200
    headers = signed_headers(USERS, b"", current_timestamp())
    headers[KEY_HEADER] = "wrong"
    response = anonymous.get(USERS, headers=headers)
    assert error_of(response)["code"] == "EV_UNAUTHORIZED_INVALID_SECRET"


def test_auth_is_checked_before_the_body(anonymous: TestClient) -> None:
    response = anonymous.post("/management/v1/group", content=b"{not json")
    assert response.status_code == 401
