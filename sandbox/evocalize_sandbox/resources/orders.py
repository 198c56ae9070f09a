"""Orders (the API reference, "Orders"): placing, reading, editing, previewing the refund and
cancelling, against the product catalogue of the seed file.

The rules are `rules.orders` and `rules.refunds`; this module loads and stores their state. The
catalogue is the seed's `products` section (format in `rules/products.py`); a database seeded
without one sells `DEFAULT_PRODUCTS`. The user must be active and in the group, and every
`contentItemIds` entry an item of some repository, else a 400 naming the field.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from evocalize_models import OrderEdit, PlaceOrderInput
from sqlalchemy.engine import Connection

from ..context import Context, Reply, RequestContext, ok
from ..errors import ApiError, not_found, unknown_identity
from ..organizations import organization_column
from ..registry import handles, seeds
from ..rules import orders as order_rules
from ..rules import refunds
from ..rules.orders import OrderChanges, OrderState
from ..rules.products import DEFAULT_PRODUCTS, Product, find_product
from ..seed import SeedError
from ..storage import metadata
from .content import items_table
from .groups import group_exists
from .object_grants import memberships_of
from .rule_errors import refused_as_400
from .users import user_row

products_table = sa.Table(
    "products",
    metadata,
    organization_column(),
    sa.Column("id", sa.String(255), primary_key=True),
    sa.Column("entry", sa.Text, nullable=False),  # the seed entry, JSON
)

orders_table = sa.Table(
    "orders",
    metadata,
    organization_column(),
    sa.Column("id", sa.String(255), primary_key=True),
    sa.Column("user_id", sa.String(255), nullable=False),
    sa.Column("group_id", sa.String(255), nullable=False),
    sa.Column("product_code", sa.String(255), nullable=False),
    sa.Column("product_id", sa.String(255), nullable=False),
    sa.Column("order_type", sa.String(16), nullable=False),
    sa.Column("program_name", sa.String(1024)),
    # Decimal text: amounts are exact cents.
    sa.Column("payment_amount", sa.String(32), nullable=False),
    sa.Column("start", sa.BigInteger, nullable=False),
    sa.Column("end", sa.BigInteger),
    sa.Column("content_item_ids", sa.Text, nullable=False),  # JSON list
    sa.Column("variable_values", sa.Text, nullable=False),  # JSON object
    sa.Column("cancelled_at", sa.BigInteger),
    sa.Column("refund_amount", sa.String(32)),
)


@seeds("products")
def seed_products(conn: Connection, value: Any) -> None:
    """The seed's `products`: a list of entries as `rules/products.py` describes; they replace
    the catalogue."""
    if not isinstance(value, list):
        raise SeedError("`products` must be a list")
    catalogue = []
    for number, entry in enumerate(value):
        try:
            catalogue.append(Product.from_seed(entry))
        except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError) as error:
            raise SeedError(f"products[{number}] is not a product: {error}") from None
    conn.execute(sa.delete(products_table))
    if catalogue:
        conn.execute(
            sa.insert(products_table),
            [{"id": p.id, "entry": json.dumps(p.to_seed())} for p in catalogue],
        )


def catalogue(ctx: Context) -> Sequence[Product]:
    rows = ctx.conn.execute(sa.select(products_table.c.entry).order_by(products_table.c.id)).all()
    if not rows:
        return DEFAULT_PRODUCTS
    return [Product.from_seed(json.loads(row.entry)) for row in rows]


def _product_of(ctx: Context, order: OrderState) -> Product:
    for product in catalogue(ctx):
        if product.id == order.product_code or order.product_code in (
            product.code,
            f"pid_{product.id}",
        ):
            return product
    # The catalogue changed under a placed order: its rules fall back to no limits.
    return Product(
        order.product_code,
        order.product_code,
        order.product_code,
        Decimal("0.01"),
        Decimal(10_000_000),
    )


def _state(row: Any) -> OrderState:
    return OrderState(
        id=row.id,
        user_id=row.user_id,
        group_id=row.group_id,
        product_code=row.product_code,
        order_type=row.order_type,
        payment_amount=Decimal(row.payment_amount),
        start=row.start,
        end=row.end,
        content_item_ids=tuple(json.loads(row.content_item_ids)),
        variable_values=json.loads(row.variable_values),
        cancelled_at=row.cancelled_at,
        refund_amount=Decimal(row.refund_amount) if row.refund_amount is not None else None,
        program_name=row.program_name,
    )


def _columns(order: OrderState) -> dict[str, Any]:
    return {
        "program_name": order.program_name,
        "payment_amount": str(order.payment_amount),
        "start": order.start,
        "end": order.end,
        "variable_values": json.dumps(dict(order.variable_values or {})),
        "cancelled_at": order.cancelled_at,
        "refund_amount": str(order.refund_amount) if order.refund_amount is not None else None,
    }


def render(order: OrderState, now: float) -> dict[str, Any]:
    schedule: dict[str, Any] = {"startTimestamp": order.start}
    if order.end is not None:
        schedule["endTimestamp"] = order.end
    rendered: dict[str, Any] = {
        "id": order.id,
        "userId": order.user_id,
        "groupId": order.group_id,
        "productCode": order.product_code,
        "status": order_rules.status_at(order, now),
        "orderType": order.order_type,
        **({"programName": order.program_name} if order.program_name is not None else {}),
        "paymentAmount": float(order.payment_amount),
        "schedule": schedule,
        "contentItemIds": list(order.content_item_ids),
        "variableValues": dict(order.variable_values or {}),
    }
    if order.is_subscription:
        interval = order_rules.subscription_interval(order, now)
        # The seed shows these two as null rather than leaving them out.
        rendered["subscriptionDetails"] = {
            "renewsOnTimestamp": interval.renews_on,
            "endsOnTimestamp": interval.ends_on,
            "subscriptionAmount": float(interval.amount),
            "status": interval.status,
        }
    return rendered


def _existing(ctx: RequestContext) -> OrderState:
    row = ctx.conn.execute(
        sa.select(orders_table).where(orders_table.c.id == ctx.path_params["orderId"])
    ).first()
    if row is None:
        raise not_found("order", "orderId")
    return _state(row)


def _check_identity(ctx: RequestContext, user_id: str, group_id: str) -> None:
    user = user_row(ctx.conn, user_id)
    if user is None or user.deactivated_at is not None:
        raise unknown_identity("userId", f"no active user {user_id}")
    if not group_exists(ctx, group_id):
        raise unknown_identity("groupId", f"no group {group_id}")
    if group_id not in memberships_of(ctx, user_id):
        raise unknown_identity("groupId", f"user {user_id} is not in group {group_id}")


def _check_content_items(ctx: RequestContext, item_ids: Sequence[str]) -> None:
    """Every content item named must exist (in any repository): it supplies the creative."""
    for number, item_id in enumerate(item_ids):
        found = ctx.conn.execute(
            sa.select(items_table.c.id).where(items_table.c.id == item_id).limit(1)
        ).first()
        if found is None:
            raise ApiError(
                400,
                "EV_BAD_REQUEST_INVALID_FIELDS",
                f"no content item {item_id}",
                f"contentItemIds[{number}]",
            )


@handles("placeOrder")
def place_order(ctx: RequestContext) -> Reply:
    sent = ctx.body_as(PlaceOrderInput).root
    _check_identity(ctx, sent.user_id, sent.group_id)
    content_item_ids = tuple(item.root for item in sent.content_item_ids or [])
    _check_content_items(ctx, content_item_ids)
    end = getattr(sent.schedule, "end_timestamp", None)
    with refused_as_400():
        product = find_product(sent.product_code, catalogue(ctx))
        order = order_rules.place(
            OrderState(
                id=ctx.new_id(),
                user_id=sent.user_id,
                group_id=sent.group_id,
                product_code=sent.product_code,
                order_type=sent.order_type,
                program_name=sent.program_name,
                payment_amount=Decimal(str(sent.payment_amount)),
                start=sent.schedule.start_timestamp,
                end=end,
                content_item_ids=content_item_ids,
                variable_values=sent.variable_values.root if sent.variable_values else {},
            ),
            product,
            ctx.now(),
        )
    ctx.conn.execute(
        sa.insert(orders_table).values(
            id=order.id,
            user_id=order.user_id,
            group_id=order.group_id,
            product_code=order.product_code,
            product_id=product.id,
            order_type=order.order_type,
            content_item_ids=json.dumps(list(order.content_item_ids)),
            **_columns(order),
        )
    )
    return ok(render(order, ctx.now()))


@handles("getOrder")
def get_order(ctx: RequestContext) -> Reply:
    return ok(render(_existing(ctx), ctx.now()))


@handles("editOrder")
def edit_order(ctx: RequestContext) -> Reply:
    order = _existing(ctx)
    sent = ctx.body_as(OrderEdit)
    changes = OrderChanges(
        program_name=sent.program_name,
        payment_amount=sent.payment_amount,
        start=sent.schedule.start_timestamp if sent.schedule else None,
        end=sent.schedule.end_timestamp if sent.schedule else None,
        variable_values=sent.variable_values.root if sent.variable_values else None,
    )
    with refused_as_400():
        edited = order_rules.edit(order, changes, _product_of(ctx, order), ctx.now())
    ctx.conn.execute(
        sa.update(orders_table).where(orders_table.c.id == order.id).values(**_columns(edited))
    )
    return ok(render(edited, ctx.now()))


@handles("getOrderRefundPreview")
def get_order_refund_preview(ctx: RequestContext) -> Reply:
    order = _existing(ctx)
    refund = refunds.preview(order, _product_of(ctx, order), ctx.now())
    return ok(
        {
            "orderId": order.id,
            "subTotal": float(refund.sub_total),
            "cancellationFee": float(refund.cancellation_fee),
            "totalRefund": float(refund.total_refund),
            "cancellationType": refund.cancellation_type,
            "daysRemaining": refund.days_remaining,
            "nextIntervalPaidAmount": float(refund.next_interval_paid_amount),
        }
    )


@handles("cancelOrder")
def cancel_order(ctx: RequestContext) -> Reply:
    order = _existing(ctx)
    with refused_as_400():
        cancelled, refund = refunds.cancel(order, _product_of(ctx, order), ctx.now())
    ctx.conn.execute(
        sa.update(orders_table).where(orders_table.c.id == order.id).values(**_columns(cancelled))
    )
    return ok({"orderId": order.id, "refundAmount": float(refund.total_refund)})
