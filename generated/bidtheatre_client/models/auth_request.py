from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.auth_request_mode import AuthRequestMode, check_auth_request_mode
from ..types import UNSET, Unset

T = TypeVar("T", bound="AuthRequest")


@_attrs_define
class AuthRequest:
    username: str | Unset = UNSET
    password: str | Unset = UNSET
    force_new_token: bool | Unset = UNSET
    mode: AuthRequestMode | Unset = UNSET
    refresh_token: str | Unset = UNSET
    two_factor_auth_code: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        username = self.username

        password = self.password

        force_new_token = self.force_new_token

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode

        refresh_token = self.refresh_token

        two_factor_auth_code = self.two_factor_auth_code

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if username is not UNSET:
            field_dict["username"] = username
        if password is not UNSET:
            field_dict["password"] = password
        if force_new_token is not UNSET:
            field_dict["forceNewToken"] = force_new_token
        if mode is not UNSET:
            field_dict["mode"] = mode
        if refresh_token is not UNSET:
            field_dict["refreshToken"] = refresh_token
        if two_factor_auth_code is not UNSET:
            field_dict["twoFactorAuthCode"] = two_factor_auth_code

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        username = d.pop("username", UNSET)

        password = d.pop("password", UNSET)

        force_new_token = d.pop("forceNewToken", UNSET)

        _mode = d.pop("mode", UNSET)
        mode: AuthRequestMode | Unset
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = check_auth_request_mode(_mode)

        refresh_token = d.pop("refreshToken", UNSET)

        two_factor_auth_code = d.pop("twoFactorAuthCode", UNSET)

        auth_request = cls(
            username=username,
            password=password,
            force_new_token=force_new_token,
            mode=mode,
            refresh_token=refresh_token,
            two_factor_auth_code=two_factor_auth_code,
        )

        return auth_request
