from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SubscriptionDetails")


@_attrs_define
class SubscriptionDetails:
    """The state of a subscription's current monthly interval."""

    renews_on_timestamp: int | None
    """ When the subscription renews next, in Unix seconds; null when it will not. """
    ends_on_timestamp: int | None
    """ When the subscription ends, in Unix seconds; null while it keeps renewing. """
    subscription_amount: float
    """ An amount in US dollars that may be zero (a refund, a fee). """
    status: str
    """ Status of a subscription's current interval. Known values: `will_not_renew`, `active`,
    `pending` (the renewal is being processed). Other values may appear.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        renews_on_timestamp: int | None
        renews_on_timestamp = self.renews_on_timestamp

        ends_on_timestamp: int | None
        ends_on_timestamp = self.ends_on_timestamp

        subscription_amount = self.subscription_amount

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "renewsOnTimestamp": renews_on_timestamp,
                "endsOnTimestamp": ends_on_timestamp,
                "subscriptionAmount": subscription_amount,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_renews_on_timestamp(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        renews_on_timestamp = _parse_renews_on_timestamp(d.pop("renewsOnTimestamp"))

        def _parse_ends_on_timestamp(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        ends_on_timestamp = _parse_ends_on_timestamp(d.pop("endsOnTimestamp"))

        subscription_amount = d.pop("subscriptionAmount")

        status = d.pop("status")

        subscription_details = cls(
            renews_on_timestamp=renews_on_timestamp,
            ends_on_timestamp=ends_on_timestamp,
            subscription_amount=subscription_amount,
            status=status,
        )

        subscription_details.additional_properties = d
        return subscription_details

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
