from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.creative import Creative


T = TypeVar("T", bound="CreativeWrite")


@_attrs_define
class CreativeWrite:
    status: str | Unset = UNSET
    id: int | Unset = UNSET
    creative: Creative | Unset = UNSET
    """ A creative as Xandr answers it; unknown fields are kept. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        id = self.id

        creative: dict[str, Any] | Unset = UNSET
        if not isinstance(self.creative, Unset):
            creative = self.creative.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if id is not UNSET:
            field_dict["id"] = id
        if creative is not UNSET:
            field_dict["creative"] = creative

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.creative import Creative

        d = dict(src_dict)
        status = d.pop("status", UNSET)

        id = d.pop("id", UNSET)

        _creative = d.pop("creative", UNSET)
        creative: Creative | Unset
        if isinstance(_creative, Unset):
            creative = UNSET
        else:
            creative = Creative.from_dict(_creative)

        creative_write = cls(
            status=status,
            id=id,
            creative=creative,
        )

        creative_write.additional_properties = d
        return creative_write

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
