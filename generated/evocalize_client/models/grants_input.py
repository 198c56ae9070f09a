from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.grant_input import GrantInput


T = TypeVar("T", bound="GrantsInput")


@_attrs_define
class GrantsInput:
    """Grants to upsert on the object of the operation; grantees not listed keep their grants."""

    grants: list[GrantInput] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        grants: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.grants, Unset):
            grants = []
            for grants_item_data in self.grants:
                grants_item = grants_item_data.to_dict()
                grants.append(grants_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if grants is not UNSET:
            field_dict["grants"] = grants

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.grant_input import GrantInput

        d = dict(src_dict)
        _grants = d.pop("grants", UNSET)
        grants: list[GrantInput] | Unset = UNSET
        if _grants is not UNSET:
            grants = []
            for grants_item_data in _grants:
                grants_item = GrantInput.from_dict(grants_item_data)

                grants.append(grants_item)

        grants_input = cls(
            grants=grants,
        )

        return grants_input
