"""The documented signature scheme's inherent limits, shown as the behaviour they are (README,
"Security"): the signature covers the path, body, timestamp and key, not the method nor the
query, and carries no nonce. So within the 60-second window a captured signed GET is a valid
DELETE of the same path, and an exact replay of a placed order places another one. The sandbox
implements the scheme as documented; partners defend with HTTPS, a short clock skew and
idempotent designs."""

from __future__ import annotations

import json

import pytest
from evocalize.signing import KEY_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from sandbox_domain_support import add_user, domain_client, make_domain_app, purchase
from sandbox_support import BASE_URL, KEY_ID, SECRET
from starlette.applications import Starlette
from starlette.testclient import TestClient


@pytest.fixture
def app(database_url: str, clock: list[float]) -> Starlette:
    application = make_domain_app(database_url, clock)
    add_user(domain_client(application, clock), "agent", {"seattle": "group_user"})
    return application


def captured(path: str, body: bytes, clock: list[float]) -> dict[str, str]:
    """The headers an eavesdropper saw on a signed request."""
    timestamp = str(int(clock[0]))
    return {
        "Content-Type": "application/json",
        KEY_ID_HEADER: KEY_ID,
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign(path, body, timestamp, SECRET),
    }


def test_a_captured_signed_get_is_a_valid_delete_of_the_same_path(
    app: Starlette, clock: list[float]
) -> None:
    path = "/management/v1/user/agent"
    headers = captured(path, b"", clock)
    http = TestClient(app, base_url=BASE_URL)
    assert http.get(path, headers=headers).status_code == 200
    # The query is not signed: any query may be added.
    assert http.get(f"{path}?anything=else", headers=headers).status_code == 200
    # Nor is the method: the same headers deactivate the user (DELETE), within the window.
    assert http.delete(path, headers=headers).status_code == 202


def test_an_exact_replay_of_a_placed_order_within_the_window_places_another(
    app: Starlette, clock: list[float]
) -> None:
    now = int(clock[0])
    order = purchase(clock)
    body = json.dumps(order).encode()
    headers = captured("/management/v1/order", body, clock)
    http = TestClient(app, base_url=BASE_URL)
    order_ids = set()
    for seconds_later in (0, 30, 60):
        clock[0] = now + seconds_later
        response = http.post("/management/v1/order", content=body, headers=headers)
        assert response.status_code == 200, response.content
        order_ids.add(response.json()["data"]["id"])
    assert len(order_ids) == 3  # no nonce: three orders from one signed request
    clock[0] = now + 61
    late = http.post("/management/v1/order", content=body, headers=headers)
    assert late.json()["errors"][0]["code"] == "EV_UNAUTHORIZED_EXPIRED_REQUEST"
