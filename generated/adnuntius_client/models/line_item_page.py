from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.line_item import LineItem


T = TypeVar("T", bound="LineItemPage")


@_attrs_define
class LineItemPage:
    page: int
    """ The page number, counted from 0. """
    page_size: int
    total_count: int
    results: list[LineItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        page = self.page

        page_size = self.page_size

        total_count = self.total_count

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "page": page,
                "pageSize": page_size,
                "totalCount": total_count,
                "results": results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.line_item import LineItem

        d = dict(src_dict)
        page = d.pop("page")

        page_size = d.pop("pageSize")

        total_count = d.pop("totalCount")

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = LineItem.from_dict(results_item_data)

            results.append(results_item)

        line_item_page = cls(
            page=page,
            page_size=page_size,
            total_count=total_count,
            results=results,
        )

        line_item_page.additional_properties = d
        return line_item_page

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
