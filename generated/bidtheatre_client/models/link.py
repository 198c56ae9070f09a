from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Link")


@_attrs_define
class Link:
    """A one-to-many relationship: the collection at `href` lists the related objects, and
    `rel` says what kind they are. POST or DELETE to `href` assigns or removes one.

    """

    href: str
    """ The absolute URL of a resource or collection. """
    rel: str

    def to_dict(self) -> dict[str, Any]:
        href = self.href

        rel = self.rel

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "href": href,
                "rel": rel,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        href = d.pop("href")

        rel = d.pop("rel")

        link = cls(
            href=href,
            rel=rel,
        )

        return link
