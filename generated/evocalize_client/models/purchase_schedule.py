from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PurchaseSchedule")


@_attrs_define
class PurchaseSchedule:
    """When a purchase runs. The start must be in the future and the end at least 24 hours after it."""

    start_timestamp: int
    """ Unix time in seconds (the API reference calls it Pacific Time, but a Unix timestamp has no time zone). """
    end_timestamp: int
    """ Unix time in seconds (the API reference calls it Pacific Time, but a Unix timestamp has no time zone). """

    def to_dict(self) -> dict[str, Any]:
        start_timestamp = self.start_timestamp

        end_timestamp = self.end_timestamp

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "startTimestamp": start_timestamp,
                "endTimestamp": end_timestamp,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        start_timestamp = d.pop("startTimestamp")

        end_timestamp = d.pop("endTimestamp")

        purchase_schedule = cls(
            start_timestamp=start_timestamp,
            end_timestamp=end_timestamp,
        )

        return purchase_schedule
