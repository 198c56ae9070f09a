from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Grantee")


@_attrs_define
class Grantee:
    """Someone permissions are granted to. `userId` applies to USER and USER_IN_GROUP,
    `groupId` to GROUP, GROUP_ROLE and USER_IN_GROUP, `groupRole` to GROUP_ROLE; an
    ORGANIZATION grantee has only its type.

    """

    type_: str
    """ Who a grant is for, as the API answers it. Known values (the closed set `GranteeType` that requests take)
    `USER`, `GROUP`, `GROUP_ROLE`, `ORGANIZATION`, `USER_IN_GROUP`; other values may appear. """
    user_id: str | Unset = UNSET
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    group_id: str | Unset = UNSET
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    group_role: str | Unset = UNSET
    """ The group role of a `GROUP_ROLE` grantee, as the API answers it. Known values (the closed set
    `GranteeGroupRole` that requests take) `group_user`, `group_admin`; other values may appear. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        user_id = self.user_id

        group_id = self.group_id

        group_role = self.group_role

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
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
        type_ = d.pop("type")

        user_id = d.pop("userId", UNSET)

        group_id = d.pop("groupId", UNSET)

        group_role = d.pop("groupRole", UNSET)

        grantee = cls(
            type_=type_,
            user_id=user_id,
            group_id=group_id,
            group_role=group_role,
        )

        grantee.additional_properties = d
        return grantee

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
