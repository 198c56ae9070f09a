"""`POST /sandbox/leads/send` makes the sandbox deliver leads, signed with the caller's key."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from evocalize.signing import signature_matches
from evocalize_models import LeadsDelivery
from evocalize_sandbox.leads import endpoint
from sandbox_support import KEY_ID, SECRET, signing_auth
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.testclient import TestClient


class Receiver:
    """A partner endpoint that answers with the statuses given, then 200."""

    def __init__(self, *statuses: int) -> None:
        self.statuses = list(statuses)
        self.deliveries: list[LeadsDelivery] = []
        self.key_ids: list[str] = []
        app = Starlette(routes=[Route("/hooks/leads", self.leads, methods=["POST"])])
        self.transport = httpx.ASGITransport(app=app)

    async def leads(self, request: Request) -> Response:
        body = await request.body()
        headers = request.headers
        assert signature_matches(
            headers["X-Evocalize-Signature"],
            request.url.path,
            body,
            headers["X-Evocalize-Timestamp"],
            SECRET,
        )
        self.key_ids.append(headers["X-Evocalize-Client-Key-Id"])
        if self.statuses:
            return Response(status_code=self.statuses.pop(0))
        self.deliveries.append(LeadsDelivery.model_validate_json(body))
        return Response(status_code=200)


def sandbox_with(app: Starlette, receiver: Receiver) -> TestClient:
    endpoint.install(app, transport=receiver.transport)
    http = TestClient(app, base_url="http://sandbox", raise_server_exceptions=False)
    http.auth = signing_auth()
    return http


def send(http: TestClient, **body: Any) -> Any:
    return http.post(endpoint.PATH, json={"url": "https://partner.example/hooks/leads", **body})


def test_the_sandbox_delivers_the_leads_asked_for_signed_with_the_callers_key(
    app: Starlette,
) -> None:
    receiver = Receiver()
    http = sandbox_with(app, receiver)
    response = send(http, count=2, source="google", userId="agent", groupId="seattle")
    assert response.status_code == 200, response.text
    deliveries = response.json()["data"]["deliveries"]
    assert [d["outcome"] for d in deliveries] == ["delivered", "delivered"]
    assert receiver.key_ids == [KEY_ID, KEY_ID]
    leads = [lead for delivery in receiver.deliveries for lead in delivery.leads]
    assert [lead.id.split(":")[0] for lead in leads] == ["google", "google"]
    assert {(lead.order.user_id, lead.order.group_id) for lead in leads if lead.order} == {
        ("agent", "seattle")
    }


def test_a_failing_receiver_is_retried_and_the_attempts_reported(app: Starlette) -> None:
    http = sandbox_with(app, Receiver(500, 503))
    response = send(http, timeScale=0.0001)
    (delivery,) = response.json()["data"]["deliveries"]
    assert [a.get("statusCode") for a in delivery["attempts"]] == [500, 503, 200]
    assert delivery["outcome"] == "delivered"


def test_the_endpoint_needs_the_apis_credentials(app: Starlette) -> None:
    http = sandbox_with(app, Receiver())
    http.auth = signing_auth(secret="wrong")
    response = send(http)
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "EV_UNAUTHORIZED_INVALID_SIGNATURE"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param({"url": "ftp://x"}, "url", id="not-http"),
        pytest.param({"count": 0}, "count", id="no-deliveries"),
        pytest.param({"source": "myspace"}, "source", id="unknown-source"),
        pytest.param({"timeScale": 0}, "timeScale", id="zero-time-scale"),
    ],
)
def test_an_invalid_request_is_a_400_naming_the_field(
    app: Starlette, body: dict[str, Any], field: str
) -> None:
    http = sandbox_with(app, Receiver())
    response = send(http, **body)
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert (error["code"], error["field"]) == ("EV_BAD_REQUEST_INVALID_FIELDS", field)


def test_redelivery_sends_the_same_leads_twice_for_the_receiver_to_deduplicate(
    app: Starlette,
) -> None:
    receiver = Receiver()
    http = sandbox_with(app, receiver)
    response = send(http, count=2, redeliver=True)
    deliveries = response.json()["data"]["deliveries"]
    assert [d["outcome"] for d in deliveries] == ["delivered"] * 4
    ids = [lead.id for delivery in receiver.deliveries for lead in delivery.leads]
    assert len(ids) == 4
    assert len(set(ids)) == 2
    assert ids[0] == ids[1]
