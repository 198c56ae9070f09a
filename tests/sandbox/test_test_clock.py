"""The test clock: frozen and advanced from Python, the admin route and the command line, it moves
everything in the sandbox that depends on time."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from audience_csv_samples import VALID_CSV
from cli_runner import evocalize
from evocalize import Evocalize, errors
from evocalize.auth import SignatureAuth
from evocalize_client.models import AudienceCsvUpload, SubscriptionDetails
from evocalize_client.types import File
from evocalize_sandbox.app import create_app
from evocalize_sandbox.clock import ClockError, SandboxClock
from evocalize_sandbox.testing import RunningSandbox, run_sandbox
from sandbox_under_test import DAY, order_body
from starlette.testclient import TestClient


@pytest.fixture
def sandbox(office_sandbox: RunningSandbox) -> RunningSandbox:
    return office_sandbox


@pytest.fixture
def ev(sandbox: RunningSandbox) -> Iterator[Evocalize]:
    with sandbox.client() as client:
        yield client


def test_a_frozen_clock_moves_only_when_advanced_and_never_back() -> None:
    wall = [1000.0]
    clock = SandboxClock(lambda: wall[0])
    assert clock.freeze() == 1000.0
    wall[0] = 5000.0
    assert clock.now() == 1000.0
    assert clock.advance(hours=1, seconds=5) == 4605.0
    assert clock.unfreeze() == 4605.0
    wall[0] = 5010.0
    assert clock.now() == 4615.0
    with pytest.raises(ClockError, match="forward"):
        clock.advance(-1)
    with pytest.raises(ClockError, match="forward"):
        clock.travel_to(0)


def test_an_order_walks_from_pending_to_completed(sandbox: RunningSandbox, ev: Evocalize) -> None:
    start = int(sandbox.clock.now()) + 3600
    order = ev.orders.place_order(body=order_body("purchase", start, days=10))
    assert order.status == "pending"
    preview = ev.orders.get_order_refund_preview(order.id)
    assert (preview.total_refund, preview.cancellation_type) == (300, "immediate")
    sandbox.clock.advance(hours=1, days=5)
    assert ev.orders.get_order(order.id).status == "active"
    # Half of the purchase is left: half of its amount, less the product's fee.
    assert ev.orders.get_order_refund_preview(order.id).sub_total == 150
    sandbox.clock.advance(days=5)
    assert ev.orders.get_order(order.id).status == "completed"


def test_a_subscription_renews_as_the_clock_passes_its_intervals(
    sandbox: RunningSandbox, ev: Evocalize
) -> None:
    start = int(sandbox.clock.now()) + 60
    order = ev.orders.place_order(body=order_body("subscription", start))
    first = ev.orders.get_order(order.id).subscription_details
    assert isinstance(first, SubscriptionDetails)
    assert (first.status, first.renews_on_timestamp) == ("pending", start)
    sandbox.clock.advance(days=40)
    later = ev.orders.get_order(order.id).subscription_details
    assert isinstance(later, SubscriptionDetails) and later.status == "active"
    # Past its first renewal (a month after the start), before its second.
    renewal = later.renews_on_timestamp
    assert isinstance(renewal, int) and start + 40 * DAY < renewal <= start + 62 * DAY


def test_an_audience_placeholder_completes_once_its_day_of_processing_has_passed(
    sandbox: RunningSandbox, ev: Evocalize
) -> None:
    created = ev.audiences.create_audience_placeholder(body={"name": "Buyers", "tags": ["t"]})
    csv = File(payload=io.BytesIO(VALID_CSV), file_name="audience.csv", mime_type="text/csv")
    uploaded = ev.audiences.upload_audience_csv(
        created.placeholder_id, body=AudienceCsvUpload(file=csv)
    )
    assert uploaded.status == "processing"
    sandbox.clock.advance(hours=23)
    assert ev.audiences.get_audience_placeholder(created.placeholder_id).status == "processing"
    sandbox.clock.advance(hours=1)
    assert ev.audiences.get_audience_placeholder(created.placeholder_id).status == "completed"


def test_a_batch_report_is_gone_once_its_30_days_are_over(
    sandbox: RunningSandbox, ev: Evocalize
) -> None:
    summary = ev.groups.create_or_update_group_batch.submit_all([{"id": "g1", "name": "G 1"}])
    (report_id,) = summary.report_ids
    sandbox.clock.advance(days=29)
    assert ev.batch_reports.get_batch_report(report_id).is_completed
    sandbox.clock.advance(days=2)
    with pytest.raises(errors.ObjectNotFoundError):
        ev.batch_reports.get_batch_report(report_id)


def test_the_signature_window_follows_the_clock(sandbox: RunningSandbox, ev: Evocalize) -> None:
    sandbox.clock.advance(minutes=2)
    # Signed with the sandbox's clock: fresh.
    assert ev.users.get_user("agent").id == "agent"
    # Signed with the wall clock, now two minutes behind the sandbox's.
    with (
        Evocalize(
            sandbox.base_url,
            sandbox.key_id,
            sandbox.secret,
            auth="signature",
            transport=sandbox.transport(),
        ) as wall,
        pytest.raises(errors.AuthenticationError) as refused,
    ):
        wall.users.get_user("agent")
    assert refused.value.code == "EV_UNAUTHORIZED_EXPIRED_REQUEST"


def admin(sandbox: RunningSandbox) -> httpx.Client:
    return httpx.Client(
        base_url=sandbox.base_url,
        transport=sandbox.transport(),
        auth=SignatureAuth(sandbox.key_id, sandbox.secret),
    )


def test_the_admin_route_moves_the_clock_and_refuses_going_back(sandbox: RunningSandbox) -> None:
    before = sandbox.clock.now()
    with admin(sandbox) as http:
        frozen = http.post("/sandbox/clock/freeze").json()["data"]
        assert frozen["frozen"] is True
        moved = http.post("/sandbox/clock/advance", json={"seconds": DAY}).json()["data"]
        assert moved["now"] == frozen["now"] + DAY >= before + DAY
        back = http.post("/sandbox/clock/advance", json={"seconds": -1})
        assert back.status_code == 400
        assert back.json()["errors"][0]["code"] == "EV_BAD_REQUEST_INVALID_FIELDS"
        # Checked against the wall clock, the admin route still takes wall-clock signatures.
        assert http.get("/sandbox/clock").json()["data"]["now"] == moved["now"]


def test_the_admin_route_refuses_a_caller_without_the_sandboxs_credential(
    sandbox: RunningSandbox,
) -> None:
    with httpx.Client(base_url=sandbox.base_url, transport=sandbox.transport()) as http:
        anonymous = http.post("/sandbox/clock/advance", json={"seconds": DAY})
        stranger = http.post(
            "/sandbox/clock/advance",
            json={"seconds": DAY},
            auth=SignatureAuth(sandbox.key_id, "not-the-key"),
        )
    assert anonymous.status_code == stranger.status_code == 401
    assert sandbox.clock.state()["offsetSeconds"] < 60


def test_a_sandbox_not_in_test_mode_has_no_admin_route(tmp_path: Any) -> None:
    app = create_app(database_url=f"sqlite:///{tmp_path / 'db'}", clients={"k": "s"})
    with TestClient(app) as http:
        for path in ("/sandbox/clock", "/sandbox/faults"):
            assert http.get(path, headers={"X-Evocalize-Client-Key-Id": "k"}).status_code == 404
    assert app.state.sandbox.clock is None


def test_the_command_line_advances_a_served_sandbox() -> None:
    with run_sandbox(loopback=True) as served:
        env = {
            "EVOCALIZE_BASE_URL": served.base_url,
            "EVOCALIZE_CLIENT_KEY_ID": served.key_id,
            "EVOCALIZE_CLIENT_KEY": served.secret,
        }
        result = evocalize("sandbox", "clock", "advance", "3d", "--json", env=env)
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["offsetSeconds"] >= 3 * DAY - 1
        assert served.clock.state()["offsetSeconds"] >= 3 * DAY - 1
        frozen = evocalize("sandbox", "clock", "freeze", env=env)
        assert "frozen" in frozen.stdout and "ahead of the wall clock" in frozen.stdout
        assert served.clock.frozen
