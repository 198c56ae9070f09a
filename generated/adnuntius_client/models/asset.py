from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Asset")


@_attrs_define
class Asset:
    """An asset as stored; its other fields are kept."""

    id: str | Unset = UNSET
    object_state: str | Unset = UNSET
    mime_type: str | Unset = UNSET
    file_name: str | Unset = UNSET
    cdn_id: str | Unset = UNSET
    file_size_bytes: int | Unset = UNSET
    width: int | None | Unset = UNSET
    height: int | None | Unset = UNSET
    url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_state = self.object_state

        mime_type = self.mime_type

        file_name = self.file_name

        cdn_id = self.cdn_id

        file_size_bytes = self.file_size_bytes

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

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if object_state is not UNSET:
            field_dict["objectState"] = object_state
        if mime_type is not UNSET:
            field_dict["mimeType"] = mime_type
        if file_name is not UNSET:
            field_dict["fileName"] = file_name
        if cdn_id is not UNSET:
            field_dict["cdnId"] = cdn_id
        if file_size_bytes is not UNSET:
            field_dict["fileSizeBytes"] = file_size_bytes
        if width is not UNSET:
            field_dict["width"] = width
        if height is not UNSET:
            field_dict["height"] = height
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        object_state = d.pop("objectState", UNSET)

        mime_type = d.pop("mimeType", UNSET)

        file_name = d.pop("fileName", UNSET)

        cdn_id = d.pop("cdnId", UNSET)

        file_size_bytes = d.pop("fileSizeBytes", UNSET)

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

        url = d.pop("url", UNSET)

        asset = cls(
            id=id,
            object_state=object_state,
            mime_type=mime_type,
            file_name=file_name,
            cdn_id=cdn_id,
            file_size_bytes=file_size_bytes,
            width=width,
            height=height,
            url=url,
        )

        asset.additional_properties = d
        return asset

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
