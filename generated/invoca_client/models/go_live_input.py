from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="GoLiveInput")


@_attrs_define
class GoLiveInput:
    timeout: int | Unset = UNSET
    """ Seconds to wait for the campaign to go live. """

    def to_dict(self) -> dict[str, Any]:
        timeout = self.timeout

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if timeout is not UNSET:
            field_dict["timeout"] = timeout

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        timeout = d.pop("timeout", UNSET)

        go_live_input = cls(
            timeout=timeout,
        )

        return go_live_input
