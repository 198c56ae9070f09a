from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.creative import Creative


T = TypeVar("T", bound="CreativeList")


@_attrs_define
class CreativeList:
    status: Literal["OK"]
    """ `OK` on every successful answer. """
    count: int
    """ The total number of creatives matching the request. """
    start_element: int
    num_elements: int
    creatives: list[Creative]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        count = self.count

        start_element = self.start_element

        num_elements = self.num_elements

        creatives = []
        for creatives_item_data in self.creatives:
            creatives_item = creatives_item_data.to_dict()
            creatives.append(creatives_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "count": count,
                "start_element": start_element,
                "num_elements": num_elements,
                "creatives": creatives,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.creative import Creative

        d = dict(src_dict)
        status = cast(Literal["OK"], d.pop("status"))
        if status != "OK":
            raise ValueError(f"status must match const 'OK', got '{status}'")

        count = d.pop("count")

        start_element = d.pop("start_element")

        num_elements = d.pop("num_elements")

        creatives = []
        _creatives = d.pop("creatives")
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
