from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.content_item_values import ContentItemValues


T = TypeVar("T", bound="ContentItemInput")


@_attrs_define
class ContentItemInput:
    """A content item to create or update, keyed by `values.id`."""

    values: ContentItemValues
    """ The item's id and one value per repository field, keyed by field name. """

    def to_dict(self) -> dict[str, Any]:
        values = self.values.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "values": values,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.content_item_values import ContentItemValues

        d = dict(src_dict)
        values = ContentItemValues.from_dict(d.pop("values"))

        content_item_input = cls(
            values=values,
        )

        return content_item_input
