from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.group_role import GroupRole, check_group_role

T = TypeVar("T", bound="UserGroupAssociation")


@_attrs_define
class UserGroupAssociation:
    """Puts the user in a group, with a role. The group must exist."""

    group_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    role: GroupRole
    """ The role a user holds in a group (seven roles, `team_admin` included). """

    def to_dict(self) -> dict[str, Any]:
        group_id = self.group_id

        role: str = self.role

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "groupId": group_id,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        group_id = d.pop("groupId")

        role = check_group_role(d.pop("role"))

        user_group_association = cls(
            group_id=group_id,
            role=role,
        )

        return user_group_association
