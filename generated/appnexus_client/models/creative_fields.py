from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreativeFields")


@_attrs_define
class CreativeFields:
    """The fields of a creative that a request may set."""

    name: str | Unset = UNSET
    code: None | str | Unset = UNSET
    member_id: int | Unset = UNSET
    active: bool | Unset = UNSET
    width: int | None | Unset = UNSET
    height: int | None | Unset = UNSET
    segments: list[int] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
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

        field_dict: dict[str, Any] = {}

        field_dict.update({})
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

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
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

        creative_fields = cls(
            name=name,
            code=code,
            member_id=member_id,
            active=active,
            width=width,
            height=height,
            segments=segments,
        )

        return creative_fields
