from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.object_link_input import ObjectLinkInput


T = TypeVar("T", bound="CampaignInput")


@_attrs_define
class CampaignInput:
    """The fields of a campaign to create or to set."""

    name: str
    advertiser: ObjectLinkInput | Unset = UNSET
    """ A one-to-one relationship to set, by the other resource's id. """

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        advertiser: dict[str, Any] | Unset = UNSET
        if not isinstance(self.advertiser, Unset):
            advertiser = self.advertiser.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if advertiser is not UNSET:
            field_dict["advertiser"] = advertiser

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.object_link_input import ObjectLinkInput

        d = dict(src_dict)
        name = d.pop("name")

        _advertiser = d.pop("advertiser", UNSET)
        advertiser: ObjectLinkInput | Unset
        if isinstance(_advertiser, Unset):
            advertiser = UNSET
        else:
            advertiser = ObjectLinkInput.from_dict(_advertiser)

        campaign_input = cls(
            name=name,
            advertiser=advertiser,
        )

        return campaign_input
