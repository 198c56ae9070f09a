from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Auth")


@_attrs_define
class Auth:
    token: str | Unset = UNSET
    ttl: int | Unset = UNSET
    refresh_token: None | str | Unset = UNSET
    refresh_token_ttl: int | None | Unset = UNSET
    refresh_token_count: int | None | Unset = UNSET
    username: None | str | Unset = UNSET
    role: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        token = self.token

        ttl = self.ttl

        refresh_token: None | str | Unset
        if isinstance(self.refresh_token, Unset):
            refresh_token = UNSET
        else:
            refresh_token = self.refresh_token

        refresh_token_ttl: int | None | Unset
        if isinstance(self.refresh_token_ttl, Unset):
            refresh_token_ttl = UNSET
        else:
            refresh_token_ttl = self.refresh_token_ttl

        refresh_token_count: int | None | Unset
        if isinstance(self.refresh_token_count, Unset):
            refresh_token_count = UNSET
        else:
            refresh_token_count = self.refresh_token_count

        username: None | str | Unset
        if isinstance(self.username, Unset):
            username = UNSET
        else:
            username = self.username

        role: None | str | Unset
        if isinstance(self.role, Unset):
            role = UNSET
        else:
            role = self.role

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if token is not UNSET:
            field_dict["token"] = token
        if ttl is not UNSET:
            field_dict["ttl"] = ttl
        if refresh_token is not UNSET:
            field_dict["refreshToken"] = refresh_token
        if refresh_token_ttl is not UNSET:
            field_dict["refreshTokenTtl"] = refresh_token_ttl
        if refresh_token_count is not UNSET:
            field_dict["refreshTokenCount"] = refresh_token_count
        if username is not UNSET:
            field_dict["username"] = username
        if role is not UNSET:
            field_dict["role"] = role

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        token = d.pop("token", UNSET)

        ttl = d.pop("ttl", UNSET)

        def _parse_refresh_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        refresh_token = _parse_refresh_token(d.pop("refreshToken", UNSET))

        def _parse_refresh_token_ttl(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        refresh_token_ttl = _parse_refresh_token_ttl(d.pop("refreshTokenTtl", UNSET))

        def _parse_refresh_token_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        refresh_token_count = _parse_refresh_token_count(d.pop("refreshTokenCount", UNSET))

        def _parse_username(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        username = _parse_username(d.pop("username", UNSET))

        def _parse_role(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        role = _parse_role(d.pop("role", UNSET))

        auth = cls(
            token=token,
            ttl=ttl,
            refresh_token=refresh_token,
            refresh_token_ttl=refresh_token_ttl,
            refresh_token_count=refresh_token_count,
            username=username,
            role=role,
        )

        auth.additional_properties = d
        return auth

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
