from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BatchReport")


@_attrs_define
class BatchReport:
    """Progress of a batch. `completedItems` = `successfulItems` + `errorItems`; `remainingItems` = `totalItems` -
    `completedItems`.

    """

    total_items: int
    """ A number of batch entries (a batch holds at most 1000). """
    remaining_items: int
    """ A number of batch entries (a batch holds at most 1000). """
    completed_items: int
    """ A number of batch entries (a batch holds at most 1000). """
    successful_items: int
    """ A number of batch entries (a batch holds at most 1000). """
    error_items: int
    """ A number of batch entries (a batch holds at most 1000). """
    is_completed: bool
    """ True once every entry has been processed. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total_items = self.total_items

        remaining_items = self.remaining_items

        completed_items = self.completed_items

        successful_items = self.successful_items

        error_items = self.error_items

        is_completed = self.is_completed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "totalItems": total_items,
                "remainingItems": remaining_items,
                "completedItems": completed_items,
                "successfulItems": successful_items,
                "errorItems": error_items,
                "isCompleted": is_completed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        total_items = d.pop("totalItems")

        remaining_items = d.pop("remainingItems")

        completed_items = d.pop("completedItems")

        successful_items = d.pop("successfulItems")

        error_items = d.pop("errorItems")

        is_completed = d.pop("isCompleted")

        batch_report = cls(
            total_items=total_items,
            remaining_items=remaining_items,
            completed_items=completed_items,
            successful_items=successful_items,
            error_items=error_items,
            is_completed=is_completed,
        )

        batch_report.additional_properties = d
        return batch_report

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
