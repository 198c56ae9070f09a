from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SubscriptionDetails")


@_attrs_define
class SubscriptionDetails:
    """The state of a subscription's current monthly interval."""

    subscription_amount: float
    """ An amount in US dollars that may be zero (a refund, a fee). """
    status: str
    """ Status of a subscription's current interval. Known values: `will_not_renew`, `active`,
    `pending` (the renewal is being processed). Other values may appear.
     """
    renews_on_timestamp: int | None | Unset = UNSET
    """ When the subscription renews next, in Unix seconds; null or absent when it will not. """
    ends_on_timestamp: int | None | Unset = UNSET
    """ When the subscription ends, in Unix seconds; null or absent while it keeps renewing. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        subscription_amount = self.subscription_amount

        status = self.status

        renews_on_timestamp: int | None | Unset
        if isinstance(self.renews_on_timestamp, Unset):
            renews_on_timestamp = UNSET
        else:
            renews_on_timestamp = self.renews_on_timestamp

        ends_on_timestamp: int | None | Unset
        if isinstance(self.ends_on_timestamp, Unset):
            ends_on_timestamp = UNSET
        else:
            ends_on_timestamp = self.ends_on_timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "subscriptionAmount": subscription_amount,
                "status": status,
            }
        )
        if renews_on_timestamp is not UNSET:
            field_dict["renewsOnTimestamp"] = renews_on_timestamp
        if ends_on_timestamp is not UNSET:
            field_dict["endsOnTimestamp"] = ends_on_timestamp

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        subscription_amount = d.pop("subscriptionAmount")

        status = d.pop("status")

        def _parse_renews_on_timestamp(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        renews_on_timestamp = _parse_renews_on_timestamp(d.pop("renewsOnTimestamp", UNSET))

        def _parse_ends_on_timestamp(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        ends_on_timestamp = _parse_ends_on_timestamp(d.pop("endsOnTimestamp", UNSET))

        subscription_details = cls(
            subscription_amount=subscription_amount,
            status=status,
            renews_on_timestamp=renews_on_timestamp,
            ends_on_timestamp=ends_on_timestamp,
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
