from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RefundPreview")


@_attrs_define
class RefundPreview:
    """What cancelling the order now would refund."""

    order_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    sub_total: float
    """ An amount in US dollars that may be zero (a refund, a fee). """
    cancellation_fee: float
    """ An amount in US dollars that may be zero (a refund, a fee). """
    total_refund: float
    """ An amount in US dollars that may be zero (a refund, a fee). """
    cancellation_type: str
    """ `immediate`: the order stops now; `deferred`: it stops at the end of the interval already
    paid. Other values may appear.
     """
    days_remaining: int
    """ Days left until the order (or its current interval) ends. """
    next_interval_paid_amount: float | None | str | Unset = UNSET
    """ An amount already paid for the next interval, refunded without fee. The API reference types it as a string
    but shows a number; both are accepted. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order_id = self.order_id

        sub_total = self.sub_total

        cancellation_fee = self.cancellation_fee

        total_refund = self.total_refund

        cancellation_type = self.cancellation_type

        days_remaining = self.days_remaining

        next_interval_paid_amount: float | None | str | Unset
        if isinstance(self.next_interval_paid_amount, Unset):
            next_interval_paid_amount = UNSET
        else:
            next_interval_paid_amount = self.next_interval_paid_amount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "orderId": order_id,
                "subTotal": sub_total,
                "cancellationFee": cancellation_fee,
                "totalRefund": total_refund,
                "cancellationType": cancellation_type,
                "daysRemaining": days_remaining,
            }
        )
        if next_interval_paid_amount is not UNSET:
            field_dict["nextIntervalPaidAmount"] = next_interval_paid_amount

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        order_id = d.pop("orderId")

        sub_total = d.pop("subTotal")

        cancellation_fee = d.pop("cancellationFee")

        total_refund = d.pop("totalRefund")

        cancellation_type = d.pop("cancellationType")

        days_remaining = d.pop("daysRemaining")

        def _parse_next_interval_paid_amount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        next_interval_paid_amount = _parse_next_interval_paid_amount(
            d.pop("nextIntervalPaidAmount", UNSET)
        )

        refund_preview = cls(
            order_id=order_id,
            sub_total=sub_total,
            cancellation_fee=cancellation_fee,
            total_refund=total_refund,
            cancellation_type=cancellation_type,
            days_remaining=days_remaining,
            next_interval_paid_amount=next_interval_paid_amount,
        )

        refund_preview.additional_properties = d
        return refund_preview

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
