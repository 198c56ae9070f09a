from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.creative import Creative


T = TypeVar("T", bound="CreativeList")


@_attrs_define
class CreativeList:
    status: str | Unset = UNSET
    count: int | Unset = UNSET
    start_element: int | None | Unset = UNSET
    num_elements: int | None | Unset = UNSET
    creatives: list[Creative] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        count = self.count

        start_element: int | None | Unset
        if isinstance(self.start_element, Unset):
            start_element = UNSET
        else:
            start_element = self.start_element

        num_elements: int | None | Unset
        if isinstance(self.num_elements, Unset):
            num_elements = UNSET
        else:
            num_elements = self.num_elements

        creatives: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.creatives, Unset):
            creatives = []
            for creatives_item_data in self.creatives:
                creatives_item = creatives_item_data.to_dict()
                creatives.append(creatives_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if count is not UNSET:
            field_dict["count"] = count
        if start_element is not UNSET:
            field_dict["start_element"] = start_element
        if num_elements is not UNSET:
            field_dict["num_elements"] = num_elements
        if creatives is not UNSET:
            field_dict["creatives"] = creatives

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.creative import Creative

        d = dict(src_dict)
        status = d.pop("status", UNSET)

        count = d.pop("count", UNSET)

        def _parse_start_element(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        start_element = _parse_start_element(d.pop("start_element", UNSET))

        def _parse_num_elements(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        num_elements = _parse_num_elements(d.pop("num_elements", UNSET))

        _creatives = d.pop("creatives", UNSET)
        creatives: list[Creative] | Unset = UNSET
        if _creatives is not UNSET:
            creatives = []
            for creatives_item_data in _creatives:
                creatives_item = Creative.from_dict(creatives_item_data)

                creatives.append(creatives_item)

        creative_list = cls(
            status=status,
            count=count,
            start_element=start_element,
            num_elements=num_elements,
            creatives=creatives,
        )

        creative_list.additional_properties = d
        return creative_list

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
