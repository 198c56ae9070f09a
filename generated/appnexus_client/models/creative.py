from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Creative")


@_attrs_define
class Creative:
    """A creative as Xandr answers it; unknown fields are kept."""

    id: int | Unset = UNSET
    member_id: int | None | Unset = UNSET
    media_url: None | str | Unset = UNSET
    """ What identifies the creative (a third-party ad server or CDN URL). """
    audit_status: None | str | Unset = UNSET
    """ pending, audited, no_audit or rejected (open). """
    audit_feedback: None | str | Unset = UNSET
    is_expired: bool | None | Unset = UNSET
    width: int | None | Unset = UNSET
    height: int | None | Unset = UNSET
    code: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        member_id: int | None | Unset
        if isinstance(self.member_id, Unset):
            member_id = UNSET
        else:
            member_id = self.member_id

        media_url: None | str | Unset
        if isinstance(self.media_url, Unset):
            media_url = UNSET
        else:
            media_url = self.media_url

        audit_status: None | str | Unset
        if isinstance(self.audit_status, Unset):
            audit_status = UNSET
        else:
            audit_status = self.audit_status

        audit_feedback: None | str | Unset
        if isinstance(self.audit_feedback, Unset):
            audit_feedback = UNSET
        else:
            audit_feedback = self.audit_feedback

        is_expired: bool | None | Unset
        if isinstance(self.is_expired, Unset):
            is_expired = UNSET
        else:
            is_expired = self.is_expired

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

        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if member_id is not UNSET:
            field_dict["member_id"] = member_id
        if media_url is not UNSET:
            field_dict["media_url"] = media_url
        if audit_status is not UNSET:
            field_dict["audit_status"] = audit_status
        if audit_feedback is not UNSET:
            field_dict["audit_feedback"] = audit_feedback
        if is_expired is not UNSET:
            field_dict["is_expired"] = is_expired
        if width is not UNSET:
            field_dict["width"] = width
        if height is not UNSET:
            field_dict["height"] = height
        if code is not UNSET:
            field_dict["code"] = code

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        def _parse_member_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        member_id = _parse_member_id(d.pop("member_id", UNSET))

        def _parse_media_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        media_url = _parse_media_url(d.pop("media_url", UNSET))

        def _parse_audit_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        audit_status = _parse_audit_status(d.pop("audit_status", UNSET))

        def _parse_audit_feedback(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        audit_feedback = _parse_audit_feedback(d.pop("audit_feedback", UNSET))

        def _parse_is_expired(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_expired = _parse_is_expired(d.pop("is_expired", UNSET))

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

        def _parse_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        creative = cls(
            id=id,
            member_id=member_id,
            media_url=media_url,
            audit_status=audit_status,
            audit_feedback=audit_feedback,
            is_expired=is_expired,
            width=width,
            height=height,
            code=code,
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
