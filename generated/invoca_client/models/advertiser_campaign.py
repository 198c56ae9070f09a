from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AdvertiserCampaign")


@_attrs_define
class AdvertiserCampaign:
    """An advertiser campaign as stored."""

    id: str
    """ An id the network chose for its object. """
    advertiser_id: str
    """ An id the network chose for its object. """
    name: str
    description: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        advertiser_id = self.advertiser_id

        name = self.name

        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "advertiser_id": advertiser_id,
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        advertiser_id = d.pop("advertiser_id")

        name = d.pop("name")

        description = d.pop("description", UNSET)

        advertiser_campaign = cls(
            id=id,
            advertiser_id=advertiser_id,
            name=name,
            description=description,
        )

        return advertiser_campaign
