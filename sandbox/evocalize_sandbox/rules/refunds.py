"""What cancelling an order refunds, and when the cancellation takes effect.

The API reference documents the fields of a refund preview but not the arithmetic; the sandbox uses
this one, so that partners can predict every number:

* Payment: a purchase is paid in full when placed; a subscription pays its first monthly
  interval when placed and each later interval when it begins. Nothing is paid ahead, so
  `nextIntervalPaidAmount` is always 0.
* A purchase not yet started, or a subscription not yet started: `immediate`, full refund of
  what was paid, no fee.
* A running purchase: `immediate`; `subTotal` is the unused share of the amount, pro rata to
  the second: `paymentAmount * (end - now) / (end - start)`; `cancellationFee` is the product's
  `cancellationFeeRate` times `subTotal`; `totalRefund = subTotal - cancellationFee`.
* A running subscription: `deferred`; its current interval's budget keeps being spent, so the
  refund is 0 and the order stops (status `cancelled`) at the end of the interval, which then
  does not renew (`will_not_renew`).
* Every amount is rounded half-up to the cent, the fee after the subtotal.
* `daysRemaining` counts started days until the order, or its current interval, ends; for an
  order not yet started, the days it paid for (a purchase's span, a subscription's first
  interval).
* Cancelling an order that has ended, or whose cancellation is already scheduled, is a 400.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from .orders import (
    DAY,
    ENDED,
    PENDING,
    OrderState,
    interval_at,
    status_at,
)
from .products import Product
from .violations import INVALID_FIELDS, RuleViolation

IMMEDIATE = "immediate"
DEFERRED = "deferred"

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _days_until(moment: int, now: float) -> int:
    return max(0, math.ceil((moment - now) / DAY))


@dataclass(frozen=True)
class RefundPreview:
    sub_total: Decimal
    cancellation_fee: Decimal
    total_refund: Decimal
    cancellation_type: str
    days_remaining: int
    # When the cancellation takes effect.
    effective_at: int
    next_interval_paid_amount: Decimal = ZERO


def preview(order: OrderState, product: Product, now: float) -> RefundPreview:
    status = status_at(order, now)
    moment = int(now)
    if status in ENDED:
        return RefundPreview(ZERO, ZERO, ZERO, IMMEDIATE, 0, moment)
    if order.cancelled_at is not None:  # a deferred cancellation already scheduled
        days = _days_until(order.cancelled_at, now)
        return RefundPreview(ZERO, ZERO, ZERO, DEFERRED, days, order.cancelled_at)
    if status == PENDING:
        full = order.payment_amount
        first_end = order.end if order.end is not None else interval_at(order, now)[1]
        days = _days_until(first_end, order.start)
        return RefundPreview(full, ZERO, full, IMMEDIATE, days, moment)
    if order.is_subscription:
        _, interval_end = interval_at(order, now)
        return RefundPreview(
            ZERO, ZERO, ZERO, DEFERRED, _days_until(interval_end, now), interval_end
        )
    assert order.end is not None  # a running purchase
    unused = Decimal(order.end - moment) / Decimal(order.end - order.start)
    sub_total = _cents(order.payment_amount * unused)
    fee = _cents(sub_total * product.cancellation_fee_rate)
    return RefundPreview(
        sub_total, fee, sub_total - fee, IMMEDIATE, _days_until(order.end, now), moment
    )


def cancel(order: OrderState, product: Product, now: float) -> tuple[OrderState, RefundPreview]:
    """The cancelled order and the refund it got, per `preview` at `now`."""
    status = status_at(order, now)
    if status in ENDED:
        raise RuleViolation(INVALID_FIELDS, f"a {status} order cannot be cancelled")
    if order.cancelled_at is not None:
        raise RuleViolation(INVALID_FIELDS, "the order is already cancelled")
    refund = preview(order, product, now)
    return replace(order, cancelled_at=refund.effective_at, refund_amount=refund.total_refund), (
        refund
    )
