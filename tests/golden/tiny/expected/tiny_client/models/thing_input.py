from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.thing_kind import ThingKind, check_thing_kind
from ..types import UNSET, Unset

T = TypeVar("T", bound="ThingInput")


@_attrs_define
class ThingInput:
    id: str
    kind: ThingKind
    weight_grams: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind: str = self.kind

        weight_grams = self.weight_grams

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "kind": kind,
            }
        )
        if weight_grams is not UNSET:
            field_dict["weightGrams"] = weight_grams

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        kind = check_thing_kind(d.pop("kind"))

        weight_grams = d.pop("weightGrams", UNSET)

        thing_input = cls(
            id=id,
            kind=kind,
            weight_grams=weight_grams,
        )

        return thing_input
