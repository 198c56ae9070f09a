"""Orders through the generated client against the in-process sandbox: placing, reading,
editing, previewing the refund and cancelling, with every documented refusal."""

from __future__ import annotations

from typing import Any

import pytest
from evocalize_client import AuthenticatedClient
from evocalize_client.api.content import create_or_update_item
from evocalize_client.api.orders import (
    cancel_order,
    edit_order,
    get_order,
    get_order_refund_preview,
    place_order,
)
from evocalize_client.models import (
    ContentItemInput,
    OrderEdit,
    PurchaseOrderInput,
    SubscriptionOrderInput,
)
from evocalize_models import OrderEnvelope, RefundPreviewEnvelope
from evocalize_sandbox.app import create_app
from evocalize_sandbox.rules.orders import DAY
from evocalize_sandbox.seed import SeedError
from evocalize_sandbox.settings import Settings
from sandbox_domain_support import (
    PROCESSING_SECONDS,
    add_group,
    add_user,
    body_of,
    domain_client,
    error_code,
    make_domain_app,
    purchase,
)
from sandbox_support import KEY_ID, SECRET


@pytest.fixture
def client(database_url: str, clock: list[float]) -> AuthenticatedClient:
    api = domain_client(make_domain_app(database_url, clock), clock)
    add_user(api, "agent", {"seattle": "group_user"})
    add_group(api, "portland")
    return api


def subscription(clock: list[float], **changes: Any) -> dict[str, Any]:
    order = purchase(clock, orderType="subscription", **changes)
    order["schedule"].pop("endTimestamp", None)
    return order


def place(client: AuthenticatedClient, order: dict[str, Any]) -> Any:
    model = (
        PurchaseOrderInput.from_dict(order)
        if order["orderType"] == "purchase"
        else SubscriptionOrderInput.from_dict(order)
    )
    return place_order.sync_detailed(client=client, body=model)


def placed(client: AuthenticatedClient, order: dict[str, Any]) -> str:
    response = place(client, order)
    assert response.status_code == 200, response.content
    return str(body_of(response, "OrderEnvelope")["data"]["id"])


def edit(client: AuthenticatedClient, order_id: str, changes: dict[str, Any]) -> Any:
    return edit_order.sync_detailed(order_id, client=client, body=OrderEdit.from_dict(changes))


def test_a_placed_purchase_is_pending_and_reads_back_as_placed(
    client: AuthenticatedClient, clock: list[float]
) -> None:
    order = purchase(clock)
    response = place(client, order)
    assert response.status_code == 200
    data = OrderEnvelope.model_validate_json(response.content).data
    assert (data.status, data.order_type, data.payment_amount) == ("pending", "purchase", 100)
    again = get_order.sync_detailed(data.id, client=client)
    assert body_of(again, "OrderEnvelope")["data"] == body_of(response)["data"]


def test_an_order_is_active_once_started_and_completed_once_ended(
    client: AuthenticatedClient, clock: list[float]
) -> None:
    order_id = placed(client, purchase(clock))
    statuses = []
    for moved in (0, 2 * DAY, 31 * DAY):
        clock[0] += moved
        statuses.append(body_of(get_order.sync_detailed(order_id, client=client))["data"]["status"])
    assert statuses == ["pending", "active", "completed"]


def test_a_subscription_has_no_end_and_shows_its_interval(
    client: AuthenticatedClient, clock: list[float]
) -> None:
    order_id = placed(client, subscription(clock))
    data = body_of(get_order.sync_detailed(order_id, client=client), "OrderEnvelope")["data"]
    assert "endTimestamp" not in data["schedule"]
    assert data["subscriptionDetails"] == {
        "renewsOnTimestamp": data["schedule"]["startTimestamp"],
        "endsOnTimestamp": None,
        "subscriptionAmount": 100.0,
        "status": "pending",
    }


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            {"userId": "nobody"},
            (400, "EV_BAD_REQUEST_INVALID_USER_IDENTITY", "userId"),
            id="unknown-user",
        ),
        pytest.param(
            {"groupId": "nowhere"},
            (400, "EV_BAD_REQUEST_INVALID_USER_IDENTITY", "groupId"),
            id="unknown-group",
        ),
        pytest.param(
            {"groupId": "portland"},
            (400, "EV_BAD_REQUEST_INVALID_USER_IDENTITY", "groupId"),
            id="user-not-in-group",
        ),
        pytest.param(
            {"productCode": "pid_999"},
            (400, "EV_BAD_REQUEST_INVALID_FIELDS", "productCode"),
            id="unknown-product",
        ),
        pytest.param(
            {"productCode": "retired_carousel_ad"},
            (400, "EV_BAD_REQUEST_INVALID_FIELDS", "productCode"),
            id="inactive-product",
        ),
        pytest.param(
            {"paymentAmount": 5},
            (400, "EV_BAD_REQUEST_INVALID_BUDGET", "paymentAmount"),
            id="below-spend-limit",
        ),
        pytest.param(
            {"paymentAmount": 100.005},
            (400, "EV_BAD_REQUEST_INVALID_BUDGET", "paymentAmount"),
            id="fraction-of-a-cent",
        ),
    ],
)
def test_placing_an_order_refuses_what_the_rules_forbid(
    client: AuthenticatedClient,
    clock: list[float],
    changes: dict[str, Any],
    expected: tuple[int, str, str],
) -> None:
    assert error_code(place(client, purchase(clock, **changes))) == expected


def test_placing_an_order_starting_now_is_an_invalid_schedule(
    client: AuthenticatedClient, clock: list[float]
) -> None:
    now = int(clock[0])
    order = purchase(clock, schedule={"startTimestamp": now, "endTimestamp": now + 2 * DAY})
    assert error_code(place(client, order)) == (
        400,
        "EV_BAD_REQUEST_INVALID_SCHEDULE",
        "schedule.startTimestamp",
    )


def test_placing_a_purchase_shorter_than_a_day_is_an_invalid_schedule(
    client: AuthenticatedClient, clock: list[float]
) -> None:
    start = int(clock[0]) + DAY
    order = purchase(clock, schedule={"startTimestamp": start, "endTimestamp": start + DAY - 1})
    assert error_code(place(client, order)) == (
        400,
        "EV_BAD_REQUEST_INVALID_SCHEDULE",
        "schedule.endTimestamp",
    )


def test_a_variable_the_product_does_not_take_is_an_invalid_variable_value(
    client: AuthenticatedClient, clock: list[float]
) -> None:
    order = purchase(clock, productCode="video_ad", variableValues={"colour": "red"})
    assert error_code(place(client, order)) == (
        400,
        "EV_BAD_REQUEST_INVALID_VARIABLE_VALUE",
        "variableValues.colour",
    )


def test_content_items_named_by_an_order_must_exist(
    client: AuthenticatedClient, clock: list[float]
) -> None:
    item = ContentItemInput.from_dict({"values": {"id": "home-1", "address": "1 Main St"}})
    created = create_or_update_item.sync_detailed("listings", client=client, body=item)
    assert created.status_code == 201, created.content
    assert place(client, purchase(clock, contentItemIds=["home-1"])).status_code == 200
    assert error_code(place(client, purchase(clock, contentItemIds=["home-1", "gone"]))) == (
        400,
        "EV_BAD_REQUEST_INVALID_FIELDS",
        "contentItemIds[1]",
    )


def test_an_edit_changes_the_amount_and_merges_variable_values(
    client: AuthenticatedClient, clock: list[float]
) -> None:
    order_id = placed(client, purchase(clock))
    response = edit(
        client, order_id, {"paymentAmount": 200, "variableValues": {"headline": "updated"}}
    )
    data = body_of(response, "OrderEnvelope")["data"]
    assert data["paymentAmount"] == 200
    assert data["variableValues"] == {"headline": "updated", "bodyText": "body text test"}


def test_a_program_name_is_stored_on_both_kinds_of_order_and_returned(
    client: AuthenticatedClient, clock: list[float]
) -> None:
    for order in (
        purchase(clock, programName="Spring Open House"),
        subscription(clock, programName="Always On"),
    ):
        order_id = placed(client, order)
        read = body_of(get_order.sync_detailed(order_id, client=client), "OrderEnvelope")["data"]
        assert read["programName"] == order["programName"]
    unnamed = placed(client, purchase(clock))
    assert "programName" not in body_of(get_order.sync_detailed(unnamed, client=client))["data"]


def test_an_edit_may_change_the_program_name_alone(
    client: AuthenticatedClient, clock: list[float]
) -> None:
    order_id = placed(client, purchase(clock, programName="Spring Open House"))
    before = body_of(get_order.sync_detailed(order_id, client=client))["data"]
    # The reference's "Change Program Name" edit.
    data = body_of(edit(client, order_id, {"programName": "New Program Name"}), "OrderEnvelope")[
        "data"
    ]
    assert data == {**before, "programName": "New Program Name"}
    again = body_of(get_order.sync_detailed(order_id, client=client))["data"]
    assert again["programName"] == "New Program Name"


def test_an_edit_moves_a_future_start(client: AuthenticatedClient, clock: list[float]) -> None:
    order_id = placed(client, purchase(clock))
    start = int(clock[0]) + 2 * DAY
    data = body_of(edit(client, order_id, {"schedule": {"startTimestamp": start}}))["data"]
    assert data["schedule"]["startTimestamp"] == start


def test_an_empty_edit_is_refused(client: AuthenticatedClient, clock: list[float]) -> None:
    order_id = placed(client, purchase(clock))
    assert error_code(edit(client, order_id, {}))[:2] == (400, "EV_BAD_REQUEST_INVALID_FIELDS")


def test_a_started_order_cannot_move_its_start(
    client: AuthenticatedClient, clock: list[float]
) -> None:
    order_id = placed(client, purchase(clock))
    clock[0] += 2 * DAY
    response = edit(client, order_id, {"schedule": {"startTimestamp": int(clock[0]) + DAY}})
    assert error_code(response) == (
        400,
        "EV_BAD_REQUEST_INVALID_SCHEDULE",
        "schedule.startTimestamp",
    )


def test_an_order_in_its_last_day_is_not_editable_temporarily(
    client: AuthenticatedClient, clock: list[float]
) -> None:
    order_id = placed(client, purchase(clock))
    clock[0] += 30 * DAY + 1
    assert error_code(edit(client, order_id, {"paymentAmount": 150})) == (
        400,
        "EV_OBJECT_NOT_EDITABLE_TEMPORARILY",
        None,
    )


def test_a_purchase_amount_cannot_change_in_its_last_two_days(
    client: AuthenticatedClient, clock: list[float]
) -> None:
    order_id = placed(client, purchase(clock))
    clock[0] += 29 * DAY + 1
    assert error_code(edit(client, order_id, {"paymentAmount": 150})) == (
        400,
        "EV_BAD_REQUEST_INVALID_BUDGET",
        "paymentAmount",
    )


def test_an_unknown_order_is_a_404_everywhere(client: AuthenticatedClient) -> None:
    responses = [
        get_order.sync_detailed("nope", client=client),
        edit(client, "nope", {"paymentAmount": 150}),
        cancel_order.sync_detailed("nope", client=client),
        get_order_refund_preview.sync_detailed("nope", client=client),
    ]
    assert {error_code(r)[:2] for r in responses} == {(404, "EV_OBJECT_NOT_FOUND")}


def test_the_refund_preview_of_a_pending_purchase_is_full_and_immediate(
    client: AuthenticatedClient, clock: list[float]
) -> None:
    order_id = placed(client, purchase(clock))
    response = get_order_refund_preview.sync_detailed(order_id, client=client)
    preview = RefundPreviewEnvelope.model_validate_json(response.content).data
    assert (preview.total_refund, preview.cancellation_fee, preview.days_remaining) == (100, 0, 30)
    assert preview.cancellation_type == "immediate"


def test_cancelling_a_running_purchase_refunds_the_previewed_share(
    client: AuthenticatedClient, clock: list[float]
) -> None:
    order_id = placed(client, purchase(clock, productCode="video_ad", variableValues={}))
    clock[0] += 11 * DAY  # 10 of 30 days used
    response = get_order_refund_preview.sync_detailed(order_id, client=client)
    preview = body_of(response, "RefundPreviewEnvelope")["data"]
    assert (preview["subTotal"], preview["cancellationFee"], preview["totalRefund"]) == (
        66.67,
        6.67,
        60.0,
    )
    cancelling = cancel_order.sync_detailed(order_id, client=client)
    cancelled = body_of(cancelling, "CancelledOrderEnvelope")["data"]
    assert cancelled == {"orderId": order_id, "refundAmount": 60.0}
    status = body_of(get_order.sync_detailed(order_id, client=client))["data"]["status"]
    assert status == "cancelled"


def test_a_cancelled_order_cannot_be_cancelled_or_edited_again(
    client: AuthenticatedClient, clock: list[float]
) -> None:
    order_id = placed(client, purchase(clock))
    assert cancel_order.sync_detailed(order_id, client=client).status_code == 200
    assert error_code(cancel_order.sync_detailed(order_id, client=client))[:2] == (
        400,
        "EV_BAD_REQUEST_INVALID_FIELDS",
    )
    assert error_code(edit(client, order_id, {"paymentAmount": 150}))[0] == 400


def test_cancelling_a_running_subscription_is_deferred_to_the_end_of_its_interval(
    client: AuthenticatedClient, clock: list[float]
) -> None:
    order_id = placed(client, subscription(clock))
    clock[0] += 5 * DAY
    cancelled = body_of(cancel_order.sync_detailed(order_id, client=client))["data"]
    assert cancelled["refundAmount"] == 0
    data = body_of(get_order.sync_detailed(order_id, client=client), "OrderEnvelope")["data"]
    assert data["status"] == "active"
    details = data["subscriptionDetails"]
    assert (details["status"], details["renewsOnTimestamp"]) == ("will_not_renew", None)
    clock[0] = details["endsOnTimestamp"]
    assert body_of(get_order.sync_detailed(order_id, client=client))["data"]["status"] == (
        "cancelled"
    )


def test_a_seeded_catalogue_replaces_the_default_products(
    database_url: str, clock: list[float]
) -> None:
    seed = {
        "products": [{"id": "77", "code": "boost", "name": "Boost", "minSpend": 1, "maxSpend": 5}]
    }
    settings = Settings(
        run_worker=False, clock=lambda: clock[0], audience_processing_seconds=PROCESSING_SECONDS
    )
    app = create_app(
        database_url=database_url, clients={KEY_ID: SECRET}, seed=seed, settings=settings
    )
    api = domain_client(app, clock)
    add_user(api, "agent", {"seattle": "group_user"})
    assert place(api, purchase(clock, productCode="pid_77", paymentAmount=5)).status_code == 200
    assert error_code(place(api, purchase(clock)))[2] == "productCode"


def test_editing_a_variable_a_seeded_product_makes_immutable_is_refused_naming_it(
    database_url: str, clock: list[float]
) -> None:
    product = {
        "id": "88",
        "code": "locked",
        "name": "Locked",
        "minSpend": 1,
        "maxSpend": 500,
        "immutableVariables": ["accountId"],
    }
    settings = Settings(
        run_worker=False, clock=lambda: clock[0], audience_processing_seconds=PROCESSING_SECONDS
    )
    app = create_app(
        database_url=database_url,
        clients={KEY_ID: SECRET},
        seed={"products": [product]},
        settings=settings,
    )
    api = domain_client(app, clock)
    add_user(api, "agent", {"seattle": "group_user"})
    values = {"accountId": "act_1", "headline": "Hi"}
    order_id = placed(api, purchase(clock, productCode="locked", variableValues=values))
    refused = edit(api, order_id, {"variableValues": {"accountId": "act_2"}})
    assert error_code(refused) == (400, "EV_BAD_REQUEST_INVALID_VARIABLE_VALUE", "accountId")
    kept = body_of(get_order.sync_detailed(order_id, client=api))["data"]["variableValues"]
    assert kept == values
    allowed = edit(api, order_id, {"variableValues": {"headline": "New"}})
    assert body_of(allowed)["data"]["variableValues"] == {"accountId": "act_1", "headline": "New"}


def test_the_default_video_ad_fixes_its_account_id_once_placed(
    client: AuthenticatedClient, clock: list[float]
) -> None:
    order = purchase(clock, productCode="video_ad", variableValues={"accountId": "act_1"})
    order_id = placed(client, order)
    refused = edit(client, order_id, {"variableValues": {"accountId": "act_9"}})
    assert error_code(refused) == (400, "EV_BAD_REQUEST_INVALID_VARIABLE_VALUE", "accountId")


@pytest.mark.parametrize(
    "products",
    [
        pytest.param({"id": "1"}, id="not-a-list"),
        pytest.param([{"code": "no_id"}], id="no-id"),
        pytest.param([{"id": "1", "minSpend": 10, "maxSpend": 1}], id="inverted-limits"),
        pytest.param(
            [{"id": "1", "variables": ["a"], "immutableVariables": ["b"]}],
            id="undeclared-immutable-variable",
        ),
    ],
)
def test_a_malformed_products_section_is_a_seed_error(
    database_url: str, clock: list[float], products: object
) -> None:
    settings = Settings(
        run_worker=False, clock=lambda: clock[0], audience_processing_seconds=PROCESSING_SECONDS
    )
    with pytest.raises(SeedError, match="products"):
        create_app(database_url=database_url, seed={"products": products}, settings=settings)


def test_a_sandbox_database_from_before_program_name_is_upgraded_in_place(
    tmp_path: Any, clock: list[float]
) -> None:
    import sqlalchemy as sa

    url = f"sqlite:///{tmp_path}/old.db"
    settings = Settings(
        run_worker=False, clock=lambda: clock[0], audience_processing_seconds=PROCESSING_SECONDS
    )
    create_app(database_url=url, clients={KEY_ID: SECRET}, settings=settings)
    old = sa.create_engine(url)
    with old.begin() as conn:  # as a database made before programName existed
        conn.execute(sa.text("ALTER TABLE orders DROP COLUMN program_name"))
    old.dispose()
    api = domain_client(
        create_app(database_url=url, clients={KEY_ID: SECRET}, settings=settings), clock
    )
    add_user(api, "agent", {"seattle": "group_user"})
    order_id = placed(api, purchase(clock, programName="After the upgrade"))
    read = body_of(get_order.sync_detailed(order_id, client=api))["data"]
    assert read["programName"] == "After the upgrade"
