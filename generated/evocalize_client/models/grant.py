from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.grantee import Grantee


T = TypeVar("T", bound="Grant")


@_attrs_define
class Grant:
    """Permissions of a grantee on an object; a user holds the sum of the grants that match it."""

    grantee: Grantee
    """ Someone permissions are granted to. `userId` applies to USER and USER_IN_GROUP,
    `groupId` to GROUP, GROUP_ROLE and USER_IN_GROUP, `groupRole` to GROUP_ROLE; an
    ORGANIZATION grantee has only its type.
     """
    permissions: list[str]
    """ The permissions the grantee holds on the object, as the API answers them. """
    object_id: str | Unset = UNSET
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        grantee = self.grantee.to_dict()

        permissions = self.permissions

        object_id = self.object_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "grantee": grantee,
                "permissions": permissions,
            }
        )
        if object_id is not UNSET:
            field_dict["objectId"] = object_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.grantee import Grantee

        d = dict(src_dict)
        grantee = Grantee.from_dict(d.pop("grantee"))

        permissions = cast(list[str], d.pop("permissions"))

        object_id = d.pop("objectId", UNSET)

        grant = cls(
            grantee=grantee,
            permissions=permissions,
            object_id=object_id,
        )

        grant.additional_properties = d
        return grant

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
