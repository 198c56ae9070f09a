from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.access_role import AccessRole, check_access_role
from ..types import UNSET, Unset

T = TypeVar("T", bound="AccessRecordInput")


@_attrs_define
class AccessRecordInput:
    """An access record to create or update."""

    content_item_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    group_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    can_edit: bool
    """ Whether these users may edit the item. """
    role: AccessRole
    """ The group role an access record applies to; `any` for every role. """
    user_id: None | str | Unset = UNSET
    """ Set to limit the record to one user of the group; null (or absent) for the whole group. """

    def to_dict(self) -> dict[str, Any]:
        content_item_id = self.content_item_id

        group_id = self.group_id

        can_edit = self.can_edit

        role: str = self.role

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "contentItemId": content_item_id,
                "groupId": group_id,
                "canEdit": can_edit,
                "role": role,
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

        role = check_access_role(d.pop("role"))

        def _parse_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_id = _parse_user_id(d.pop("userId", UNSET))

        access_record_input = cls(
            content_item_id=content_item_id,
            group_id=group_id,
            can_edit=can_edit,
            role=role,
            user_id=user_id,
        )

        return access_record_input
