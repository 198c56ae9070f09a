from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AccessRecord")


@_attrs_define
class AccessRecord:
    """Who may use (and maybe edit) a content item. With a null `userId`, every member of the group holding the role."""

    content_item_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    group_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    can_edit: bool
    """ Whether these users may edit the item. """
    role: str
    """ The group role an access record applies to, as the API answers it. Known values (the closed set `AccessRole`
    that requests take) `group_user`, `group_admin`, `any`; other values may appear. """
    deleted: bool
    """ Whether the record has been deleted. """
    user_id: None | str | Unset = UNSET
    """ The one user the record is limited to; null or absent for the whole group. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content_item_id = self.content_item_id

        group_id = self.group_id

        can_edit = self.can_edit

        role = self.role

        deleted = self.deleted

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contentItemId": content_item_id,
                "groupId": group_id,
                "canEdit": can_edit,
                "role": role,
                "deleted": deleted,
            }
        )
        if user_id is not UNSET:
            field_dict["userId"] = user_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        content_item_id = d.pop("contentItemId")

        group_id = d.pop("groupId")

        can_edit = d.pop("canEdit")

        role = d.pop("role")

        deleted = d.pop("deleted")

        def _parse_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_id = _parse_user_id(d.pop("userId", UNSET))

        access_record = cls(
            content_item_id=content_item_id,
            group_id=group_id,
            can_edit=can_edit,
            role=role,
            deleted=deleted,
            user_id=user_id,
        )

        access_record.additional_properties = d
        return access_record

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
