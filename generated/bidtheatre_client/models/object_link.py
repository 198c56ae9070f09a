from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ObjectLink")


@_attrs_define
class ObjectLink:
    """A one-to-one relationship, the other resource's id and URL."""

    id: int
    href: str
    """ The absolute URL of a resource or collection. """

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        href = self.href

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "href": href,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        href = d.pop("href")

        object_link = cls(
            id=id,
            href=href,
        )

        return object_link
