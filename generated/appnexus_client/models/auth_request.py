from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.auth_request_auth import AuthRequestAuth


T = TypeVar("T", bound="AuthRequest")


@_attrs_define
class AuthRequest:
    auth: AuthRequestAuth

    def to_dict(self) -> dict[str, Any]:
        auth = self.auth.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "auth": auth,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.auth_request_auth import AuthRequestAuth

        d = dict(src_dict)
        auth = AuthRequestAuth.from_dict(d.pop("auth"))

        auth_request = cls(
            auth=auth,
        )

        return auth_request
