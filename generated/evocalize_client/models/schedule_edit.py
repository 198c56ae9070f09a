from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ScheduleEdit")


@_attrs_define
class ScheduleEdit:
    """The schedule fields to change. Subscriptions have no end to change."""

    start_timestamp: int | Unset = UNSET
    """ Unix time in seconds (the API reference calls it Pacific Time, but a Unix timestamp has no time zone). """
    end_timestamp: int | Unset = UNSET
    """ Unix time in seconds (the API reference calls it Pacific Time, but a Unix timestamp has no time zone). """

    def to_dict(self) -> dict[str, Any]:
        start_timestamp = self.start_timestamp

        end_timestamp = self.end_timestamp

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if start_timestamp is not UNSET:
            field_dict["startTimestamp"] = start_timestamp
        if end_timestamp is not UNSET:
            field_dict["endTimestamp"] = end_timestamp

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        start_timestamp = d.pop("startTimestamp", UNSET)

        end_timestamp = d.pop("endTimestamp", UNSET)

        schedule_edit = cls(
            start_timestamp=start_timestamp,
            end_timestamp=end_timestamp,
        )

        return schedule_edit
