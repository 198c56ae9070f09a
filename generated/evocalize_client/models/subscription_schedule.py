from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SubscriptionSchedule")


@_attrs_define
class SubscriptionSchedule:
    """When a subscription starts, in the future. A subscription has no end."""

    start_timestamp: int
    """ Unix time in seconds (the API reference calls it Pacific Time, but a Unix timestamp has no time zone). """

    def to_dict(self) -> dict[str, Any]:
        start_timestamp = self.start_timestamp

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "startTimestamp": start_timestamp,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        start_timestamp = d.pop("startTimestamp")

        subscription_schedule = cls(
            start_timestamp=start_timestamp,
        )

        return subscription_schedule
