from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.user_group_association import UserGroupAssociation


T = TypeVar("T", bound="UserInput")


@_attrs_define
class UserInput:
    """A user to create or update, keyed by `id` (unique and immutable). `email` and `name` are
    required when the user does not exist yet.

    """

    id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    email: str | Unset = UNSET
    """ An email address in ASCII (RFC 5321, what `format: email` means; internationalized addresses are refused),
    at most 254 characters (the longest a mail path allows). """
    name: str | Unset = UNSET
    """ A human-readable name. """
    replace_groups: bool | Unset = False
    """ When true, the user leaves every group not listed in `groups`; when false, `groups` are added. """
    groups: list[UserGroupAssociation] | Unset = UNSET
    """ Group memberships to add (or to set, with `replaceGroups`). Absent, memberships are left as they are. """

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        email = self.email

        name = self.name

        replace_groups = self.replace_groups

        groups: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.groups, Unset):
            groups = []
            for groups_item_data in self.groups:
                groups_item = groups_item_data.to_dict()
                groups.append(groups_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if name is not UNSET:
            field_dict["name"] = name
        if replace_groups is not UNSET:
            field_dict["replaceGroups"] = replace_groups
        if groups is not UNSET:
            field_dict["groups"] = groups

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.user_group_association import UserGroupAssociation

        d = dict(src_dict)
        id = d.pop("id")

        email = d.pop("email", UNSET)

        name = d.pop("name", UNSET)

        replace_groups = d.pop("replaceGroups", UNSET)

        _groups = d.pop("groups", UNSET)
        groups: list[UserGroupAssociation] | Unset = UNSET
        if _groups is not UNSET:
            groups = []
            for groups_item_data in _groups:
                groups_item = UserGroupAssociation.from_dict(groups_item_data)

                groups.append(groups_item)

        user_input = cls(
            id=id,
            email=email,
            name=name,
            replace_groups=replace_groups,
            groups=groups,
        )

        return user_input
