from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RepositoryField")


@_attrs_define
class RepositoryField:
    """A field that every item of the repository carries in its `values`."""

    name: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    is_nullable: bool
    """ Whether items may leave this field null. """
    type_: str
    """ The type of a repository field's values. Known values: `string`, `number`, `boolean`,
    `date_time` (ISO 8601 strings). Other values may appear.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        is_nullable = self.is_nullable

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "isNullable": is_nullable,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        is_nullable = d.pop("isNullable")

        type_ = d.pop("type")

        repository_field = cls(
            name=name,
            is_nullable=is_nullable,
            type_=type_,
        )

        repository_field.additional_properties = d
        return repository_field

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
