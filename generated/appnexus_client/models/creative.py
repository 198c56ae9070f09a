from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Creative")


@_attrs_define
class Creative:
    """A creative; with `fields`, only the fields named are present."""

    id: int | Unset = UNSET
    name: str | Unset = UNSET
    code: None | str | Unset = UNSET
    member_id: int | Unset = UNSET
    active: bool | Unset = UNSET
    width: int | None | Unset = UNSET
    height: int | None | Unset = UNSET
    segments: list[int] | Unset = UNSET
    """ The ids of the segments the creative targets. """
    last_modified: str | Unset = UNSET
    """ Date and time in the form `YYYY-MM-DD HH:MM:SS`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        member_id = self.member_id

        active = self.active

        width: int | None | Unset
        if isinstance(self.width, Unset):
            width = UNSET
        else:
            width = self.width

        height: int | None | Unset
        if isinstance(self.height, Unset):
            height = UNSET
        else:
            height = self.height

        segments: list[int] | Unset = UNSET
        if not isinstance(self.segments, Unset):
            segments = self.segments

        last_modified = self.last_modified

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if code is not UNSET:
            field_dict["code"] = code
        if member_id is not UNSET:
            field_dict["member_id"] = member_id
        if active is not UNSET:
            field_dict["active"] = active
        if width is not UNSET:
            field_dict["width"] = width
        if height is not UNSET:
            field_dict["height"] = height
        if segments is not UNSET:
            field_dict["segments"] = segments
        if last_modified is not UNSET:
            field_dict["last_modified"] = last_modified

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        def _parse_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        member_id = d.pop("member_id", UNSET)

        active = d.pop("active", UNSET)

        def _parse_width(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        width = _parse_width(d.pop("width", UNSET))

        def _parse_height(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        height = _parse_height(d.pop("height", UNSET))

        segments = cast(list[int], d.pop("segments", UNSET))

        last_modified = d.pop("last_modified", UNSET)

        creative = cls(
            id=id,
            name=name,
            code=code,
            member_id=member_id,
            active=active,
            width=width,
            height=height,
            segments=segments,
            last_modified=last_modified,
        )

        creative.additional_properties = d
        return creative

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
