from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.creative_fields import CreativeFields


T = TypeVar("T", bound="CreativeInput")


@_attrs_define
class CreativeInput:
    creative: CreativeFields
    """ The fields of a creative that a request may set (more go in `extra_body`). """

    def to_dict(self) -> dict[str, Any]:
        creative = self.creative.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "creative": creative,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.creative_fields import CreativeFields

        d = dict(src_dict)
        creative = CreativeFields.from_dict(d.pop("creative"))

        creative_input = cls(
            creative=creative,
        )

        return creative_input
