from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.thing_kind import ThingKind, check_thing_kind
from ..types import UNSET, Unset

T = TypeVar("T", bound="ThingFilter")


@_attrs_define
class ThingFilter:
    kinds: list[ThingKind] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kinds: list[str] | Unset = UNSET
        if not isinstance(self.kinds, Unset):
            kinds = []
            for kinds_item_data in self.kinds:
                kinds_item: str = kinds_item_data
                kinds.append(kinds_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if kinds is not UNSET:
            field_dict["kinds"] = kinds

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _kinds = d.pop("kinds", UNSET)
        kinds: list[ThingKind] | Unset = UNSET
        if _kinds is not UNSET:
            kinds = []
            for kinds_item_data in _kinds:
                kinds_item = check_thing_kind(kinds_item_data)

                kinds.append(kinds_item)

        thing_filter = cls(
            kinds=kinds,
        )

        return thing_filter
