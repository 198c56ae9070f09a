from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.access_role import AccessRole, check_access_role

T = TypeVar("T", bound="AccessRecordFilter")


@_attrs_define
class AccessRecordFilter:
    """Which access records to delete. Every field must be sent; null matches any value."""

    user_id: None | str
    """ Only the records of this user, or null for any. """
    group_id: None | str
    """ Only the records of this group, or null for any. """
    role: AccessRole | None
    """ Only the records of this role, or null for any. """

    def to_dict(self) -> dict[str, Any]:
        user_id: None | str
        user_id = self.user_id

        group_id: None | str
        group_id = self.group_id

        role: None | str
        if isinstance(self.role, str):
            role = self.role
        else:
            role = self.role

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "userId": user_id,
                "groupId": group_id,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_user_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_id = _parse_user_id(d.pop("userId"))

        def _parse_group_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        group_id = _parse_group_id(d.pop("groupId"))

        def _parse_role(data: object) -> AccessRole | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                role_type_0 = check_access_role(data)

                return role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AccessRole | None, data)

        role = _parse_role(d.pop("role"))

        access_record_filter = cls(
            user_id=user_id,
            group_id=group_id,
            role=role,
        )

        return access_record_filter
