from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.link import Link
    from ..models.object_link import ObjectLink


T = TypeVar("T", bound="Campaign")


@_attrs_define
class Campaign:
    """A campaign."""

    id: int
    name: str
    links: list[Link]
    advertiser: ObjectLink | Unset = UNSET
    """ A one-to-one relationship, the other resource's id and URL. """

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        links = []
        for links_item_data in self.links:
            links_item = links_item_data.to_dict()
            links.append(links_item)

        advertiser: dict[str, Any] | Unset = UNSET
        if not isinstance(self.advertiser, Unset):
            advertiser = self.advertiser.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "name": name,
                "links": links,
            }
        )
        if advertiser is not UNSET:
            field_dict["advertiser"] = advertiser

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.link import Link
        from ..models.object_link import ObjectLink

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        links = []
        _links = d.pop("links")
        for links_item_data in _links:
            links_item = Link.from_dict(links_item_data)

            links.append(links_item)

        _advertiser = d.pop("advertiser", UNSET)
        advertiser: ObjectLink | Unset
        if isinstance(_advertiser, Unset):
            advertiser = UNSET
        else:
            advertiser = ObjectLink.from_dict(_advertiser)

        campaign = cls(
            id=id,
            name=name,
            links=links,
            advertiser=advertiser,
        )

        return campaign
