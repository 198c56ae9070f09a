"""`POST /sandbox/concierge/send` makes the sandbox deliver Lead Concierge events, signed with the
caller's key, under the leads webhook's delivery policy."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from evocalize.webhook_receiver import ConciergeReceiver
from evocalize_models import LeadConciergeEvent
from evocalize_sandbox.leads import endpoint
from sandbox_support import KEY_ID, SECRET, signing_auth
from starlette.applications import Starlette
from starlette.testclient import TestClient


class Partner:
    """The partner's concierge endpoint: the overlay's receiver, checking every signature with
    the caller's key, failing while told to."""

    def __init__(self, failures: int = 0) -> None:
        self.events: list[LeadConciergeEvent] = []
        self.failures = failures
        receiver = ConciergeReceiver(self.handle, SECRET, key_id=KEY_ID)
        self.transport = httpx.ASGITransport(app=receiver)

    async def handle(self, event: LeadConciergeEvent) -> None:
        if self.failures:
            self.failures -= 1
            raise RuntimeError("the partner's CRM is down")
        self.events.append(event)


def send(app: Starlette, partner: Partner, **body: Any) -> Any:
    endpoint.install(app, transport=partner.transport)
    http = TestClient(app, base_url="http://sandbox", raise_server_exceptions=False)
    http.auth = signing_auth()
    url = "https://partner.example/hooks/lead-concierge"
    return http.post(endpoint.CONCIERGE_PATH, json={"url": url, **body})


def test_redelivered_events_are_verified_and_handled_once(app: Starlette) -> None:
    partner = Partner()
    response = send(app, partner, count=2, redeliver=True, userId="agent", groupId="seattle")
    assert response.status_code == 200, response.text
    deliveries = response.json()["data"]["deliveries"]
    assert [d["outcome"] for d in deliveries] == ["delivered"] * 4
    keys = [d["leadIds"][0] for d in deliveries]
    assert keys[0] == keys[1] and keys[2] == keys[3] and keys[0] != keys[2]
    assert [e.idempotency_key for e in partner.events] == [keys[0], keys[2]]
    assert {(e.order_data.user_id, e.order_data.group_id) for e in partner.events} == {
        ("agent", "seattle")
    }


def test_a_failing_partner_is_retried_until_its_handler_succeeds(app: Starlette) -> None:
    partner = Partner(failures=2)
    response = send(app, partner, timeScale=0.0001)
    (delivery,) = response.json()["data"]["deliveries"]
    assert [a.get("statusCode") for a in delivery["attempts"]] == [500, 500, 200]
    assert len(partner.events) == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param({"source": "facebook"}, "source", id="no-source-for-events"),
        pytest.param({"count": 101}, "count", id="too-many"),
    ],
)
def test_an_invalid_request_is_a_400_naming_the_field(
    app: Starlette, body: dict[str, Any], field: str
) -> None:
    response = send(app, Partner(), **body)
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert (error["code"], error["field"]) == ("EV_BAD_REQUEST_INVALID_FIELDS", field)
