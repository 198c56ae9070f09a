from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrderSchedule")


@_attrs_define
class OrderSchedule:
    """When the order runs. Subscriptions have no end."""

    start_timestamp: int
    """ Unix time in seconds (the API reference calls it Pacific Time, but a Unix timestamp has no time zone). """
    end_timestamp: int | None | Unset = UNSET
    """ End of a purchase, in Unix seconds; absent or null for a subscription. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        start_timestamp = self.start_timestamp

        end_timestamp: int | None | Unset
        if isinstance(self.end_timestamp, Unset):
            end_timestamp = UNSET
        else:
            end_timestamp = self.end_timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "startTimestamp": start_timestamp,
            }
        )
        if end_timestamp is not UNSET:
            field_dict["endTimestamp"] = end_timestamp

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        start_timestamp = d.pop("startTimestamp")

        def _parse_end_timestamp(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        end_timestamp = _parse_end_timestamp(d.pop("endTimestamp", UNSET))

        order_schedule = cls(
            start_timestamp=start_timestamp,
            end_timestamp=end_timestamp,
        )

        order_schedule.additional_properties = d
        return order_schedule

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
