from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.grantee_group_role import GranteeGroupRole, check_grantee_group_role
from ..models.grantee_type import GranteeType, check_grantee_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="GranteeInput")


@_attrs_define
class GranteeInput:
    """A grantee in a request. Send `userId` for USER and USER_IN_GROUP, `groupId` for GROUP,
    GROUP_ROLE and USER_IN_GROUP, `groupRole` for GROUP_ROLE, and only `type` for
    ORGANIZATION.

    """

    type_: GranteeType
    """ Who a grant is for: `USER` one user; `GROUP` every user of a group; `GROUP_ROLE` the
    users of a group holding a role; `ORGANIZATION` every user of the organization;
    `USER_IN_GROUP` a user, only while working in that group.
     """
    user_id: str | Unset = UNSET
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    group_id: str | Unset = UNSET
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    group_role: GranteeGroupRole | Unset = UNSET
    """ The group role a `GROUP_ROLE` grantee refers to. """

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        user_id = self.user_id

        group_id = self.group_id

        group_role: str | Unset = UNSET
        if not isinstance(self.group_role, Unset):
            group_role = self.group_role

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if user_id is not UNSET:
            field_dict["userId"] = user_id
        if group_id is not UNSET:
            field_dict["groupId"] = group_id
        if group_role is not UNSET:
            field_dict["groupRole"] = group_role

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = check_grantee_type(d.pop("type"))

        user_id = d.pop("userId", UNSET)

        group_id = d.pop("groupId", UNSET)

        _group_role = d.pop("groupRole", UNSET)
        group_role: GranteeGroupRole | Unset
        if isinstance(_group_role, Unset):
            group_role = UNSET
        else:
            group_role = check_grantee_group_role(_group_role)

        grantee_input = cls(
            type_=type_,
            user_id=user_id,
            group_id=group_id,
            group_role=group_role,
        )

        return grantee_input
