"""Placing and editing orders follows the API reference's order rules; status follows the clock."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from evocalize_sandbox.rules.orders import (
    DAY,
    OrderChanges,
    OrderState,
    add_months,
    edit,
    place,
    status_at,
    subscription_interval,
)
from evocalize_sandbox.rules.products import DEFAULT_PRODUCTS, Product, find_product
from evocalize_sandbox.rules.violations import RuleViolation

NOW = 1_800_000_000
PRODUCT = Product.from_seed(
    {"id": "42", "code": "ad", "name": "Ad", "minSpend": 10, "maxSpend": 1000}
)
STRICT = Product.from_seed(
    {"id": "43", "code": "strict", "minSpend": 10, "maxSpend": 1000, "variables": ["headline"]}
)


def purchase(**fields: object) -> OrderState:
    base = OrderState(
        id="o1",
        user_id="u1",
        group_id="g1",
        product_code="ad",
        order_type="purchase",
        payment_amount=Decimal("100"),
        start=NOW + DAY,
        end=NOW + 31 * DAY,
        variable_values={"headline": "Hello", "bodyText": "Body"},
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def subscription(**fields: object) -> OrderState:
    return purchase(**{"order_type": "subscription", "end": None, **fields})


def code_of(error: pytest.ExceptionInfo[RuleViolation]) -> tuple[str, str | None]:
    return error.value.code, error.value.field


# Products ------------------------------------------------------------------------------------


def test_a_product_code_names_a_product_by_code_or_as_pid() -> None:
    assert find_product("pid_1234567890", DEFAULT_PRODUCTS).code == "single_image_ad"
    assert find_product("video_ad", DEFAULT_PRODUCTS).id == "1234567891"


@pytest.mark.parametrize("code", ["pid_999", "no_such_product", "retired_carousel_ad"])
def test_an_unknown_or_inactive_product_is_refused(code: str) -> None:
    with pytest.raises(RuleViolation) as error:
        find_product(code, DEFAULT_PRODUCTS)
    assert code_of(error) == ("EV_BAD_REQUEST_INVALID_FIELDS", "productCode")


def test_a_product_round_trips_through_the_seed_format() -> None:
    for product in DEFAULT_PRODUCTS:
        assert Product.from_seed(product.to_seed()) == product


def test_a_seed_product_with_inverted_spend_limits_is_refused() -> None:
    with pytest.raises(ValueError, match="minSpend"):
        Product.from_seed({"id": "1", "minSpend": 50, "maxSpend": 10})


# Placing -------------------------------------------------------------------------------------


def test_a_valid_purchase_is_placed_with_its_amount_in_cents() -> None:
    placed = place(purchase(payment_amount=Decimal("99.5")), PRODUCT, NOW)
    assert placed.payment_amount == Decimal("99.50")
    assert status_at(placed, NOW) == "pending"


@pytest.mark.parametrize(
    ("order", "field"),
    [
        (purchase(start=NOW), "schedule.startTimestamp"),
        (purchase(start=NOW - 5), "schedule.startTimestamp"),
        (purchase(end=NOW + 2 * DAY - 1), "schedule.endTimestamp"),
        (purchase(end=None), "schedule.endTimestamp"),
        (subscription(end=NOW + 40 * DAY), "schedule.endTimestamp"),
    ],
)
def test_a_schedule_breaking_the_rules_is_an_invalid_schedule(
    order: OrderState, field: str
) -> None:
    with pytest.raises(RuleViolation) as error:
        place(order, PRODUCT, NOW)
    assert code_of(error) == ("EV_BAD_REQUEST_INVALID_SCHEDULE", field)


def test_a_purchase_of_exactly_24_hours_is_accepted() -> None:
    place(purchase(end=NOW + 2 * DAY), PRODUCT, NOW)


@pytest.mark.parametrize("amount", ["9.99", "1000.01", "50.001"])
def test_an_amount_outside_spend_limits_or_past_cents_is_an_invalid_budget(amount: str) -> None:
    with pytest.raises(RuleViolation) as error:
        place(purchase(payment_amount=Decimal(amount)), PRODUCT, NOW)
    assert code_of(error) == ("EV_BAD_REQUEST_INVALID_BUDGET", "paymentAmount")


def test_a_variable_the_product_does_not_declare_is_an_invalid_variable_value() -> None:
    with pytest.raises(RuleViolation) as error:
        place(purchase(), STRICT, NOW)
    assert code_of(error) == ("EV_BAD_REQUEST_INVALID_VARIABLE_VALUE", "variableValues.bodyText")


# Editing -------------------------------------------------------------------------------------


def violation(order: OrderState, changes: OrderChanges, now: float = NOW) -> tuple[str, str | None]:
    with pytest.raises(RuleViolation) as error:
        edit(order, changes, PRODUCT, now)
    return code_of(error)


def test_an_edit_without_fields_is_refused() -> None:
    assert violation(purchase(), OrderChanges()) == ("EV_BAD_REQUEST_INVALID_FIELDS", None)


def test_an_order_ending_within_24_hours_is_not_editable_temporarily() -> None:
    order = purchase(start=NOW - 10 * DAY, end=NOW + DAY - 1)
    assert violation(order, OrderChanges(payment_amount=50)) == (
        "EV_OBJECT_NOT_EDITABLE_TEMPORARILY",
        None,
    )


def test_a_start_that_has_passed_cannot_move() -> None:
    order = purchase(start=NOW - DAY)
    assert violation(order, OrderChanges(start=NOW + DAY)) == (
        "EV_BAD_REQUEST_INVALID_SCHEDULE",
        "schedule.startTimestamp",
    )


def test_a_new_start_must_be_in_the_future() -> None:
    assert violation(purchase(), OrderChanges(start=NOW - 1)) == (
        "EV_BAD_REQUEST_INVALID_SCHEDULE",
        "schedule.startTimestamp",
    )


def test_a_new_end_must_be_24_hours_after_the_start() -> None:
    order = purchase()
    assert violation(order, OrderChanges(end=order.start + DAY - 1)) == (
        "EV_BAD_REQUEST_INVALID_SCHEDULE",
        "schedule.endTimestamp",
    )


def test_a_moved_start_must_leave_24_hours_before_the_end() -> None:
    order = purchase()
    assert violation(order, OrderChanges(start=order.end - DAY + 1)) == (  # type: ignore[operator]
        "EV_BAD_REQUEST_INVALID_SCHEDULE",
        "schedule.endTimestamp",
    )


def test_a_subscription_has_no_end_to_edit() -> None:
    assert violation(subscription(), OrderChanges(end=NOW + 40 * DAY)) == (
        "EV_BAD_REQUEST_INVALID_SCHEDULE",
        "schedule.endTimestamp",
    )


def test_a_purchase_amount_cannot_change_within_48_hours_of_its_end() -> None:
    order = purchase(start=NOW - 10 * DAY, end=NOW + 2 * DAY - 1)
    assert violation(order, OrderChanges(payment_amount=50)) == (
        "EV_BAD_REQUEST_INVALID_BUDGET",
        "paymentAmount",
    )


def test_a_purchase_amount_changes_earlier_than_48_hours_before_its_end() -> None:
    order = purchase(start=NOW - 10 * DAY, end=NOW + 2 * DAY)
    assert edit(order, OrderChanges(payment_amount=50), PRODUCT, NOW).payment_amount == 50


def test_an_edited_amount_stays_within_spend_limits() -> None:
    assert violation(purchase(), OrderChanges(payment_amount=5000)) == (
        "EV_BAD_REQUEST_INVALID_BUDGET",
        "paymentAmount",
    )


def test_variable_values_are_merged_into_the_existing_ones() -> None:
    edited = edit(
        purchase(), OrderChanges(variable_values={"headline": "New", "x": 1}), PRODUCT, NOW
    )
    assert edited.variable_values == {"headline": "New", "bodyText": "Body", "x": 1}


def test_an_edit_including_an_immutable_variable_is_refused_naming_it() -> None:
    frozen = Product.from_seed(
        {
            "id": "44",
            "code": "frozen",
            "minSpend": 10,
            "maxSpend": 1000,
            "immutableVariables": ["accountId"],
        }
    )
    order = place(purchase(variable_values={"accountId": "act_1", "headline": "Hi"}), frozen, NOW)
    for value in ("act_2", "act_1"):  # even unchanged: an edit must not include it
        with pytest.raises(RuleViolation) as error:
            edit(
                order,
                OrderChanges(variable_values={"headline": "New", "accountId": value}),
                frozen,
                NOW,
            )
        assert code_of(error) == ("EV_BAD_REQUEST_INVALID_VARIABLE_VALUE", "accountId")
    edited = edit(order, OrderChanges(variable_values={"headline": "New"}), frozen, NOW)
    assert edited.variable_values == {"accountId": "act_1", "headline": "New"}


def test_immutable_variables_must_be_among_a_products_declared_variables() -> None:
    with pytest.raises(ValueError, match="immutableVariables"):
        Product.from_seed({"id": "1", "variables": ["headline"], "immutableVariables": ["pageId"]})


def test_the_seed_edit_examples_move_the_schedule() -> None:
    order = purchase()
    moved = edit(order, OrderChanges(start=NOW + 2 * DAY, end=NOW + 40 * DAY), PRODUCT, NOW)
    assert (moved.start, moved.end) == (NOW + 2 * DAY, NOW + 40 * DAY)


def test_a_cancelled_order_cannot_be_edited() -> None:
    order = purchase(cancelled_at=NOW - 1)
    assert violation(order, OrderChanges(payment_amount=50)) == (
        "EV_BAD_REQUEST_INVALID_FIELDS",
        None,
    )


# Status and intervals ------------------------------------------------------------------------


def test_a_purchase_is_pending_then_active_then_completed() -> None:
    order = purchase()
    assert order.end is not None
    assert [status_at(order, t) for t in (NOW, order.start, order.end)] == [
        "pending",
        "active",
        "completed",
    ]


def test_a_cancellation_takes_effect_when_scheduled() -> None:
    order = subscription(start=NOW - DAY, cancelled_at=NOW + DAY)
    assert [status_at(order, t) for t in (NOW, NOW + DAY)] == ["active", "cancelled"]


def test_months_are_added_on_the_calendar_with_the_day_clamped() -> None:
    jan_31 = 1_738_281_600  # 2025-01-31T00:00:00Z
    assert add_months(jan_31, 1) == 1_740_700_800  # 2025-02-28
    assert add_months(jan_31, 12) == 1_769_817_600  # 2026-01-31


def test_a_running_subscription_renews_at_its_next_monthly_interval() -> None:
    start = 1_735_689_600  # 2025-01-01T00:00:00Z
    order = subscription(start=start)
    details = subscription_interval(order, start + 40 * DAY)
    assert (details.renews_on, details.ends_on, details.status) == (
        add_months(start, 2),
        None,
        "active",
    )


def test_a_subscription_not_started_renews_at_its_start() -> None:
    details = subscription_interval(subscription(), NOW)
    assert (details.renews_on, details.status) == (NOW + DAY, "pending")


def test_a_cancelled_subscription_will_not_renew() -> None:
    details = subscription_interval(subscription(cancelled_at=NOW + 3 * DAY), NOW)
    assert (details.renews_on, details.ends_on, details.status) == (
        None,
        NOW + 3 * DAY,
        "will_not_renew",
    )
