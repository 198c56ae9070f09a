from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.purchase_schedule import PurchaseSchedule
    from ..models.variable_values import VariableValues


T = TypeVar("T", bound="PurchaseOrderInput")


@_attrs_define
class PurchaseOrderInput:
    """A one-time purchase order to place."""

    user_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    group_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    product_code: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    order_type: Literal["purchase"]
    payment_amount: float
    """ An amount in US dollars, rounded to two decimals. """
    schedule: PurchaseSchedule
    """ When a purchase runs. The start must be in the future and the end at least 24 hours after it. """
    program_name: str | Unset = UNSET
    """ A custom name for the order, shown as its program's name. Optional when placing either kind of order; an
    edit may change it, alone or with other fields. """
    content_item_ids: list[str] | Unset = UNSET
    """ Content items whose data supplies the creative. """
    variable_values: VariableValues | Unset = UNSET
    """ Creative data for the product, keyed by variable name; supplies or overrides what content
    items give. Depending on the product, some variables (a marketing account id, for example)
    become immutable once the order is placed: an order edit must not include them.
     """

    def to_dict(self) -> dict[str, Any]:
        user_id = self.user_id

        group_id = self.group_id

        product_code = self.product_code

        order_type = self.order_type

        payment_amount = self.payment_amount

        schedule = self.schedule.to_dict()

        program_name = self.program_name

        content_item_ids: list[str] | Unset = UNSET
        if not isinstance(self.content_item_ids, Unset):
            content_item_ids = self.content_item_ids

        variable_values: dict[str, Any] | Unset = UNSET
        if not isinstance(self.variable_values, Unset):
            variable_values = self.variable_values.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "userId": user_id,
                "groupId": group_id,
                "productCode": product_code,
                "orderType": order_type,
                "paymentAmount": payment_amount,
                "schedule": schedule,
            }
        )
        if program_name is not UNSET:
            field_dict["programName"] = program_name
        if content_item_ids is not UNSET:
            field_dict["contentItemIds"] = content_item_ids
        if variable_values is not UNSET:
            field_dict["variableValues"] = variable_values

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.purchase_schedule import PurchaseSchedule
        from ..models.variable_values import VariableValues

        d = dict(src_dict)
        user_id = d.pop("userId")

        group_id = d.pop("groupId")

        product_code = d.pop("productCode")

        order_type = cast(Literal["purchase"], d.pop("orderType"))
        if order_type != "purchase":
            raise ValueError(f"orderType must match const 'purchase', got '{order_type}'")

        payment_amount = d.pop("paymentAmount")

        schedule = PurchaseSchedule.from_dict(d.pop("schedule"))

        program_name = d.pop("programName", UNSET)

        content_item_ids = cast(list[str], d.pop("contentItemIds", UNSET))

        _variable_values = d.pop("variableValues", UNSET)
        variable_values: VariableValues | Unset
        if isinstance(_variable_values, Unset):
            variable_values = UNSET
        else:
            variable_values = VariableValues.from_dict(_variable_values)

        purchase_order_input = cls(
            user_id=user_id,
            group_id=group_id,
            product_code=product_code,
            order_type=order_type,
            payment_amount=payment_amount,
            schedule=schedule,
            program_name=program_name,
            content_item_ids=content_item_ids,
            variable_values=variable_values,
        )

        return purchase_order_input
