"""Refund previews and cancellations follow the arithmetic documented in rules/refunds.py."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from evocalize_sandbox.rules.orders import DAY, OrderState, add_months, status_at
from evocalize_sandbox.rules.products import Product
from evocalize_sandbox.rules.refunds import cancel, preview
from evocalize_sandbox.rules.violations import RuleViolation

NOW = 1_800_000_000
NO_FEE = Product.from_seed({"id": "1", "minSpend": 1, "maxSpend": 1000})
TEN_PERCENT = Product.from_seed(
    {"id": "2", "minSpend": 1, "maxSpend": 1000, "cancellationFeeRate": 0.1}
)


def order(**fields: object) -> OrderState:
    base = OrderState(
        id="o1",
        user_id="u1",
        group_id="g1",
        product_code="ad",
        order_type="purchase",
        payment_amount=Decimal("100.00"),
        start=NOW + DAY,
        end=NOW + 31 * DAY,
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def test_a_purchase_not_started_is_refunded_in_full_at_once() -> None:
    refund = preview(order(), TEN_PERCENT, NOW)
    assert (refund.sub_total, refund.cancellation_fee, refund.total_refund) == (
        Decimal(100),
        Decimal(0),
        Decimal(100),
    )
    assert (refund.cancellation_type, refund.days_remaining) == ("immediate", 30)


def test_a_running_purchase_refunds_its_unused_share_less_the_fee() -> None:
    running = order(start=NOW - 10 * DAY, end=NOW + 20 * DAY)
    refund = preview(running, TEN_PERCENT, NOW)
    assert refund.sub_total == Decimal("66.67")  # 100 * 20/30, half up
    assert refund.cancellation_fee == Decimal("6.67")
    assert refund.total_refund == Decimal("60.00")
    assert (refund.cancellation_type, refund.days_remaining) == ("immediate", 20)


def test_days_remaining_counts_a_started_day() -> None:
    running = order(start=NOW - 10 * DAY, end=NOW + 2 * DAY + 1)
    assert preview(running, NO_FEE, NOW).days_remaining == 3


def test_a_subscription_not_started_refunds_its_first_interval() -> None:
    start = 1_767_225_600  # 2026-01-01T00:00:00Z
    pending = order(order_type="subscription", end=None, start=start)
    refund = preview(pending, NO_FEE, start - DAY)
    assert (refund.total_refund, refund.cancellation_type, refund.days_remaining) == (
        Decimal(100),
        "immediate",
        31,
    )


def test_a_running_subscription_stops_at_the_end_of_its_paid_interval_without_refund() -> None:
    start = 1_767_225_600  # 2026-01-01T00:00:00Z
    running = order(order_type="subscription", end=None, start=start)
    now = start + 10 * DAY
    cancelled, refund = cancel(running, NO_FEE, now)
    assert (refund.total_refund, refund.cancellation_type, refund.days_remaining) == (
        Decimal(0),
        "deferred",
        21,
    )
    assert cancelled.cancelled_at == add_months(start, 1)
    assert status_at(cancelled, now) == "active"
    assert status_at(cancelled, add_months(start, 1)) == "cancelled"


def test_cancelling_a_purchase_takes_effect_now_and_keeps_the_refund() -> None:
    cancelled, refund = cancel(order(), NO_FEE, NOW)
    assert status_at(cancelled, NOW) == "cancelled"
    assert cancelled.refund_amount == refund.total_refund == 100


@pytest.mark.parametrize(
    "ended",
    [
        order(start=NOW - 40 * DAY, end=NOW - DAY),
        order(cancelled_at=NOW - 1),
        order(order_type="subscription", end=None, start=NOW - DAY, cancelled_at=NOW + DAY),
    ],
)
def test_an_ended_or_already_cancelled_order_cannot_be_cancelled(ended: OrderState) -> None:
    with pytest.raises(RuleViolation) as error:
        cancel(ended, NO_FEE, NOW)
    assert error.value.code == "EV_BAD_REQUEST_INVALID_FIELDS"


def test_an_ended_order_previews_no_refund() -> None:
    refund = preview(order(start=NOW - 40 * DAY, end=NOW - DAY), NO_FEE, NOW)
    assert (refund.total_refund, refund.days_remaining) == (Decimal(0), 0)
