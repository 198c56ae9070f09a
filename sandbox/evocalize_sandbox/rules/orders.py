"""Placing and editing orders, and the status an order has at a given time (the API reference's
"Orders" section; docs/decisions.md, "Orders").

An order's status is derived from the clock rather than stored, so it moves without a worker:
`pending` before its start, `active` while it runs, `completed` once a purchase has ended, and
`cancelled` once a cancellation takes effect (at once, or at the end of a subscription's paid
interval). A subscription runs in calendar-month intervals from its start (UTC) and renews at
each until cancelled.

Choices where the API reference is silent: an amount with more than two decimals is refused, not
rounded (`EV_BAD_REQUEST_INVALID_BUDGET`), so the partner learns what was charged; editing or
cancelling an order that has ended is `EV_BAD_REQUEST_INVALID_FIELDS`; a new end must also lie
in the future; `variableValues` names outside a product's declared `variables` are
`EV_BAD_REQUEST_INVALID_VARIABLE_VALUE`, as is an edit that includes a variable the product
makes immutable once placed (whatever its value), with the variable's name as the field.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from .products import Product
from .violations import (
    INVALID_BUDGET,
    INVALID_FIELDS,
    INVALID_SCHEDULE,
    INVALID_VARIABLE_VALUE,
    NOT_EDITABLE_TEMPORARILY,
    RuleViolation,
)

DAY = 24 * 60 * 60
# The Orders section: a purchase runs at least a day; nothing can be edited in an order's last day,
# and a purchase's amount not in its last two.
MIN_PURCHASE_SECONDS = DAY
NO_EDIT_SECONDS = DAY
NO_PAYMENT_EDIT_SECONDS = 2 * DAY

PURCHASE = "purchase"
SUBSCRIPTION = "subscription"

PENDING = "pending"
ACTIVE = "active"
COMPLETED = "completed"
CANCELLED = "cancelled"
ENDED = frozenset({COMPLETED, CANCELLED, "failed"})

# Subscription interval statuses (the Orders section of the API reference).
INTERVAL_ACTIVE = "active"
INTERVAL_PENDING = "pending"
INTERVAL_WILL_NOT_RENEW = "will_not_renew"


@dataclass(frozen=True)
class OrderState:
    """What is stored of an order; its status comes from `status_at`."""

    id: str
    user_id: str
    group_id: str
    product_code: str
    order_type: str
    payment_amount: Decimal
    start: int
    end: int | None
    content_item_ids: tuple[str, ...] = ()
    variable_values: Mapping[str, Any] | None = None
    # When a cancellation takes effect (now, or the end of a subscription's paid interval).
    cancelled_at: int | None = None
    refund_amount: Decimal | None = None
    # The order's custom name (`programName`), when the partner gave one.
    program_name: str | None = None

    @property
    def is_subscription(self) -> bool:
        return self.order_type == SUBSCRIPTION


def to_cents(amount: float | Decimal, field: str = "paymentAmount") -> Decimal:
    """The amount as exact dollars and cents; more than two decimals is a 400."""
    exact = Decimal(str(amount))
    if exact != exact.quantize(Decimal("0.01")):
        raise RuleViolation(INVALID_BUDGET, "amounts are USD with at most two decimals", field)
    return exact.quantize(Decimal("0.01"))


def check_amount(amount: float | Decimal, product: Product) -> Decimal:
    cents = to_cents(amount)
    if not product.min_spend <= cents <= product.max_spend:
        raise RuleViolation(
            INVALID_BUDGET,
            f"{product.name} takes between {product.min_spend} and {product.max_spend} USD",
            "paymentAmount",
        )
    return cents


def check_variables(values: Mapping[str, Any] | None, product: Product) -> None:
    if not values or product.variables is None:
        return
    unknown = sorted(set(values) - set(product.variables))
    if unknown:
        raise RuleViolation(
            INVALID_VARIABLE_VALUE,
            f"{product.name} has no variable {', '.join(unknown)}",
            f"variableValues.{unknown[0]}",
        )


def check_purchase_span(start: int, end: int) -> None:
    if end < start + MIN_PURCHASE_SECONDS:
        raise RuleViolation(
            INVALID_SCHEDULE,
            "a purchase ends at least 24 hours after its start",
            "schedule.endTimestamp",
        )


def place(order: OrderState, product: Product, now: float) -> OrderState:
    """The order to store, once the product, amount, schedule and variables are checked
    (user and group are the caller's: they live in another part of the state)."""
    amount = check_amount(order.payment_amount, product)
    if order.start <= now:
        raise RuleViolation(
            INVALID_SCHEDULE, "the start must be in the future", "schedule.startTimestamp"
        )
    if order.is_subscription:
        if order.end is not None:
            raise RuleViolation(
                INVALID_SCHEDULE, "a subscription has no end", "schedule.endTimestamp"
            )
    elif order.end is None:
        raise RuleViolation(INVALID_SCHEDULE, "a purchase needs an end", "schedule.endTimestamp")
    else:
        check_purchase_span(order.start, order.end)
    check_variables(order.variable_values, product)
    return replace(order, payment_amount=amount, variable_values=dict(order.variable_values or {}))


@dataclass(frozen=True)
class OrderChanges:
    """The fields of an edit; None means "leave as is"."""

    payment_amount: float | None = None
    start: int | None = None
    end: int | None = None
    variable_values: Mapping[str, Any] | None = None
    program_name: str | None = None

    @property
    def empty(self) -> bool:
        return (
            self.program_name is None
            and self.payment_amount is None
            and self.start is None
            and self.end is None
            and self.variable_values is None
        )


def expires_at(order: OrderState) -> int | None:
    """When the order stops running: a purchase's end, or a cancelled subscription's."""
    if order.cancelled_at is not None:
        return order.cancelled_at
    return order.end


def edit(order: OrderState, changes: OrderChanges, product: Product, now: float) -> OrderState:
    """The order after `changes`, under the editing rules of the API reference's Orders section."""
    if changes.empty:
        raise RuleViolation(INVALID_FIELDS, "send at least one field to change")
    status = status_at(order, now)
    if status in ENDED:
        raise RuleViolation(INVALID_FIELDS, f"a {status} order cannot be edited")
    expiry = expires_at(order)
    if expiry is not None and expiry - now < NO_EDIT_SECONDS:
        raise RuleViolation(
            NOT_EDITABLE_TEMPORARILY, "an order ending within 24 hours cannot be edited"
        )
    edited = order
    if changes.start is not None and changes.start != order.start:
        if order.start <= now:
            raise RuleViolation(
                INVALID_SCHEDULE, "the start has passed and cannot move", "schedule.startTimestamp"
            )
        if changes.start <= now:
            raise RuleViolation(
                INVALID_SCHEDULE, "the start must be in the future", "schedule.startTimestamp"
            )
        edited = replace(edited, start=changes.start)
    if changes.end is not None:
        if order.is_subscription:
            raise RuleViolation(
                INVALID_SCHEDULE, "a subscription has no end", "schedule.endTimestamp"
            )
        if changes.end <= now:
            raise RuleViolation(
                INVALID_SCHEDULE, "the end must be in the future", "schedule.endTimestamp"
            )
        edited = replace(edited, end=changes.end)
    if edited.end is not None and (edited.start, edited.end) != (order.start, order.end):
        check_purchase_span(edited.start, edited.end)
    if changes.payment_amount is not None:
        amount = check_amount(changes.payment_amount, product)
        if (
            amount != order.payment_amount
            and not order.is_subscription
            and order.end is not None
            and order.end - now < NO_PAYMENT_EDIT_SECONDS
        ):
            raise RuleViolation(
                INVALID_BUDGET,
                "a purchase's amount cannot change within 48 hours of its end",
                "paymentAmount",
            )
        edited = replace(edited, payment_amount=amount)
    if changes.program_name is not None:
        # The API reference: the name can change by an edit, alone or with other fields.
        edited = replace(edited, program_name=changes.program_name)
    if changes.variable_values is not None:
        frozen = [name for name in changes.variable_values if name in product.immutable_variables]
        if frozen:
            raise RuleViolation(
                INVALID_VARIABLE_VALUE,
                f"{product.name} fixes {', '.join(frozen)} once the order is placed",
                frozen[0],
            )
        check_variables(changes.variable_values, product)
        # The Orders section: sent values add to or overwrite the existing ones.
        merged = {**(order.variable_values or {}), **changes.variable_values}
        edited = replace(edited, variable_values=merged)
    return edited


def status_at(order: OrderState, now: float) -> str:
    if order.cancelled_at is not None and now >= order.cancelled_at:
        return CANCELLED
    if now < order.start:
        return PENDING
    if order.end is not None and now >= order.end:
        return COMPLETED
    return ACTIVE


def add_months(timestamp: int, months: int) -> int:
    """`timestamp` moved by whole calendar months (UTC), the day clamped to the month's end."""
    moment = datetime.fromtimestamp(timestamp, UTC)
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return int(moment.replace(year=year, month=month, day=day).timestamp())


def interval_at(order: OrderState, now: float) -> tuple[int, int]:
    """The monthly interval of a subscription that contains `now` (the first before it starts)."""
    months = 0
    while add_months(order.start, months + 1) <= now:
        months += 1
    return add_months(order.start, months), add_months(order.start, months + 1)


@dataclass(frozen=True)
class SubscriptionInterval:
    renews_on: int | None
    ends_on: int | None
    amount: Decimal
    status: str


def subscription_interval(order: OrderState, now: float) -> SubscriptionInterval:
    """The API reference's `subscriptionDetails`: next renewal, end, amount and interval status."""
    if order.cancelled_at is not None:
        return SubscriptionInterval(
            None, order.cancelled_at, order.payment_amount, INTERVAL_WILL_NOT_RENEW
        )
    if now < order.start:
        # Not started: the first interval (paid when placed) begins at the start.
        return SubscriptionInterval(order.start, None, order.payment_amount, INTERVAL_PENDING)
    _, renews_on = interval_at(order, now)
    return SubscriptionInterval(renews_on, None, order.payment_amount, INTERVAL_ACTIVE)
