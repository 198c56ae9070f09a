from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.permission import Permission, check_permission

if TYPE_CHECKING:
    from ..models.grantee_input import GranteeInput


T = TypeVar("T", bound="ContentGrantBatchEntry")


@_attrs_define
class ContentGrantBatchEntry:
    """A grant to upsert on the content item named by `objectId`."""

    grantee: GranteeInput
    """ A grantee in a request. Send `userId` for USER and USER_IN_GROUP, `groupId` for GROUP,
    GROUP_ROLE and USER_IN_GROUP, `groupRole` for GROUP_ROLE, and only `type` for
    ORGANIZATION.
     """
    permissions: list[Permission]
    object_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """

    def to_dict(self) -> dict[str, Any]:
        grantee = self.grantee.to_dict()

        permissions = []
        for permissions_item_data in self.permissions:
            permissions_item: str = permissions_item_data
            permissions.append(permissions_item)

        object_id = self.object_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "grantee": grantee,
                "permissions": permissions,
                "objectId": object_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.grantee_input import GranteeInput

        d = dict(src_dict)
        grantee = GranteeInput.from_dict(d.pop("grantee"))

        permissions = []
        _permissions = d.pop("permissions")
        for permissions_item_data in _permissions:
            permissions_item = check_permission(permissions_item_data)

            permissions.append(permissions_item)

        object_id = d.pop("objectId")

        content_grant_batch_entry = cls(
            grantee=grantee,
            permissions=permissions,
            object_id=object_id,
        )

        return content_grant_batch_entry
