from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign_input_advertiser import CampaignInputAdvertiser


T = TypeVar("T", bound="CampaignInput")


@_attrs_define
class CampaignInput:
    """The fields of a campaign to create or to set (more go in `extra_body`)."""

    name: str | Unset = UNSET
    advertiser: CampaignInputAdvertiser | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        advertiser: dict[str, Any] | Unset = UNSET
        if not isinstance(self.advertiser, Unset):
            advertiser = self.advertiser.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if advertiser is not UNSET:
            field_dict["advertiser"] = advertiser

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.campaign_input_advertiser import CampaignInputAdvertiser

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        _advertiser = d.pop("advertiser", UNSET)
        advertiser: CampaignInputAdvertiser | Unset
        if isinstance(_advertiser, Unset):
            advertiser = UNSET
        else:
            advertiser = CampaignInputAdvertiser.from_dict(_advertiser)

        campaign_input = cls(
            name=name,
            advertiser=advertiser,
        )

        return campaign_input
