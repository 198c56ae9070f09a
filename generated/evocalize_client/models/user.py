from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.user_group_membership import UserGroupMembership


T = TypeVar("T", bound="User")


@_attrs_define
class User:
    """A user of the partner's organization. Listings leave out `groups`."""

    id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    name: str
    """ A human-readable name. """
    email: str
    """ An email address in ASCII (RFC 5321, what `format: email` means; internationalized addresses are refused),
    at most 254 characters (the longest a mail path allows). """
    groups: list[UserGroupMembership] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        email = self.email

        groups: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.groups, Unset):
            groups = []
            for groups_item_data in self.groups:
                groups_item = groups_item_data.to_dict()
                groups.append(groups_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "email": email,
            }
        )
        if groups is not UNSET:
            field_dict["groups"] = groups

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.user_group_membership import UserGroupMembership

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        email = d.pop("email")

        _groups = d.pop("groups", UNSET)
        groups: list[UserGroupMembership] | Unset = UNSET
        if _groups is not UNSET:
            groups = []
            for groups_item_data in _groups:
                groups_item = UserGroupMembership.from_dict(groups_item_data)

                groups.append(groups_item)

        user = cls(
            id=id,
            name=name,
            email=email,
            groups=groups,
        )

        user.additional_properties = d
        return user

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
