from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.lead_order_item import LeadOrderItem


T = TypeVar("T", bound="LeadOrder")


@_attrs_define
class LeadOrder:
    """The order behind the program."""

    architecture_name: str
    """ The name of the architecture of the order. """
    architecture_id: int
    """ A 64-bit Evocalize id, sent as a JSON number. """
    product_name: str
    """ The name of the product ordered. """
    product_id: int
    """ A 64-bit Evocalize id, sent as a JSON number. """
    order_id: int
    """ A 64-bit Evocalize id, sent as a JSON number. """
    user_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    group_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    order_item: LeadOrderItem
    """ The order item behind the program. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        architecture_name = self.architecture_name

        architecture_id = self.architecture_id

        product_name = self.product_name

        product_id = self.product_id

        order_id = self.order_id

        user_id = self.user_id

        group_id = self.group_id

        order_item = self.order_item.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "architectureName": architecture_name,
                "architectureId": architecture_id,
                "productName": product_name,
                "productId": product_id,
                "orderId": order_id,
                "userId": user_id,
                "groupId": group_id,
                "orderItem": order_item,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.lead_order_item import LeadOrderItem

        d = dict(src_dict)
        architecture_name = d.pop("architectureName")

        architecture_id = d.pop("architectureId")

        product_name = d.pop("productName")

        product_id = d.pop("productId")

        order_id = d.pop("orderId")

        user_id = d.pop("userId")

        group_id = d.pop("groupId")

        order_item = LeadOrderItem.from_dict(d.pop("orderItem"))

        lead_order = cls(
            architecture_name=architecture_name,
            architecture_id=architecture_id,
            product_name=product_name,
            product_id=product_id,
            order_id=order_id,
            user_id=user_id,
            group_id=group_id,
            order_item=order_item,
        )

        lead_order.additional_properties = d
        return lead_order

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
