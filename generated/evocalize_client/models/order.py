from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.order_schedule import OrderSchedule
    from ..models.subscription_details import SubscriptionDetails
    from ..models.variable_values import VariableValues


T = TypeVar("T", bound="Order")


@_attrs_define
class Order:
    """A purchase or subscription order."""

    id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    user_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    group_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    product_code: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    status: str
    """ Status of an order. Known values: `pending` (placed, not started), `active` (running),
    `failed`, `cancelled`, `completed` (ran to its end). Other values may appear.
     """
    order_type: str
    """ `purchase` runs once between a start and an end; `subscription` renews every month until
    cancelled. Orders are placed as one of these two; an answer may carry another value.
     """
    payment_amount: float
    """ An amount in US dollars that may be zero (a refund, a fee). """
    schedule: OrderSchedule
    """ When the order runs. Subscriptions have no end. """
    content_item_ids: list[str]
    """ Content items whose data supplies the creative. """
    variable_values: VariableValues
    """ Creative data for the product, keyed by variable name; supplies or overrides what content
    items give. Depending on the product, some variables (a marketing account id, for example)
    become immutable once the order is placed: an order edit must not include them.
     """
    program_name: str | Unset = UNSET
    """ A custom name for the order, shown as its program's name. Optional when placing either kind of order; an
    edit may change it, alone or with other fields. """
    subscription_details: None | SubscriptionDetails | Unset = UNSET
    """ The current interval of a subscription; absent or null for a purchase. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.subscription_details import SubscriptionDetails

        id = self.id

        user_id = self.user_id

        group_id = self.group_id

        product_code = self.product_code

        status = self.status

        order_type = self.order_type

        payment_amount = self.payment_amount

        schedule = self.schedule.to_dict()

        content_item_ids = self.content_item_ids

        variable_values = self.variable_values.to_dict()

        program_name = self.program_name

        subscription_details: dict[str, Any] | None | Unset
        if isinstance(self.subscription_details, Unset):
            subscription_details = UNSET
        elif isinstance(self.subscription_details, SubscriptionDetails):
            subscription_details = self.subscription_details.to_dict()
        else:
            subscription_details = self.subscription_details

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "userId": user_id,
                "groupId": group_id,
                "productCode": product_code,
                "status": status,
                "orderType": order_type,
                "paymentAmount": payment_amount,
                "schedule": schedule,
                "contentItemIds": content_item_ids,
                "variableValues": variable_values,
            }
        )
        if program_name is not UNSET:
            field_dict["programName"] = program_name
        if subscription_details is not UNSET:
            field_dict["subscriptionDetails"] = subscription_details

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.order_schedule import OrderSchedule
        from ..models.subscription_details import SubscriptionDetails
        from ..models.variable_values import VariableValues

        d = dict(src_dict)
        id = d.pop("id")

        user_id = d.pop("userId")

        group_id = d.pop("groupId")

        product_code = d.pop("productCode")

        status = d.pop("status")

        order_type = d.pop("orderType")

        payment_amount = d.pop("paymentAmount")

        schedule = OrderSchedule.from_dict(d.pop("schedule"))

        content_item_ids = cast(list[str], d.pop("contentItemIds"))

        variable_values = VariableValues.from_dict(d.pop("variableValues"))

        program_name = d.pop("programName", UNSET)

        def _parse_subscription_details(data: object) -> None | SubscriptionDetails | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                subscription_details_type_0 = SubscriptionDetails.from_dict(data)

                return subscription_details_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SubscriptionDetails | Unset, data)

        subscription_details = _parse_subscription_details(d.pop("subscriptionDetails", UNSET))

        order = cls(
            id=id,
            user_id=user_id,
            group_id=group_id,
            product_code=product_code,
            status=status,
            order_type=order_type,
            payment_amount=payment_amount,
            schedule=schedule,
            content_item_ids=content_item_ids,
            variable_values=variable_values,
            program_name=program_name,
            subscription_details=subscription_details,
        )

        order.additional_properties = d
        return order

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
