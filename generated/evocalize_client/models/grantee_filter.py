from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.grantee_input import GranteeInput


T = TypeVar("T", bound="GranteeFilter")


@_attrs_define
class GranteeFilter:
    """A list of grantees (the API reference's Grantees object), used to filter or limit grant operations."""

    grantees: list[GranteeInput]

    def to_dict(self) -> dict[str, Any]:
        grantees = []
        for grantees_item_data in self.grantees:
            grantees_item = grantees_item_data.to_dict()
            grantees.append(grantees_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "grantees": grantees,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.grantee_input import GranteeInput

        d = dict(src_dict)
        grantees = []
        _grantees = d.pop("grantees")
        for grantees_item_data in _grantees:
            grantees_item = GranteeInput.from_dict(grantees_item_data)

            grantees.append(grantees_item)

        grantee_filter = cls(
            grantees=grantees,
        )

        return grantee_filter
