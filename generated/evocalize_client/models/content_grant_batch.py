from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.content_grant_batch_entry import ContentGrantBatchEntry


T = TypeVar("T", bound="ContentGrantBatch")


@_attrs_define
class ContentGrantBatch:
    """Up to 1000 content grants to upsert."""

    grants: list[ContentGrantBatchEntry]

    def to_dict(self) -> dict[str, Any]:
        grants = []
        for grants_item_data in self.grants:
            grants_item = grants_item_data.to_dict()
            grants.append(grants_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "grants": grants,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.content_grant_batch_entry import ContentGrantBatchEntry

        d = dict(src_dict)
        grants = []
        _grants = d.pop("grants")
        for grants_item_data in _grants:
            grants_item = ContentGrantBatchEntry.from_dict(grants_item_data)

            grants.append(grants_item)

        content_grant_batch = cls(
            grants=grants,
        )

        return content_grant_batch
