from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.advertiser_campaign_input_campaign_type import (
    AdvertiserCampaignInputCampaignType,
    check_advertiser_campaign_input_campaign_type,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.advertiser_campaign_input_ivr_tree import AdvertiserCampaignInputIvrTree


T = TypeVar("T", bound="AdvertiserCampaignInput")


@_attrs_define
class AdvertiserCampaignInput:
    """Campaign fields to stage (the documentation lists more: send them with `extra_body`).
    `oauth_token` carries the API token in the body, one of its documented places.

    """

    name: str | Unset = UNSET
    description: str | Unset = UNSET
    campaign_type: AdvertiserCampaignInputCampaignType | Unset = UNSET
    timezone: str | Unset = UNSET
    url: str | Unset = UNSET
    ivr_tree: AdvertiserCampaignInputIvrTree | Unset = UNSET
    """ The call routing tree (see the documentation's PUT examples). """
    oauth_token: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        campaign_type: str | Unset = UNSET
        if not isinstance(self.campaign_type, Unset):
            campaign_type = self.campaign_type

        timezone = self.timezone

        url = self.url

        ivr_tree: dict[str, Any] | Unset = UNSET
        if not isinstance(self.ivr_tree, Unset):
            ivr_tree = self.ivr_tree.to_dict()

        oauth_token = self.oauth_token

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if campaign_type is not UNSET:
            field_dict["campaign_type"] = campaign_type
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if url is not UNSET:
            field_dict["url"] = url
        if ivr_tree is not UNSET:
            field_dict["ivr_tree"] = ivr_tree
        if oauth_token is not UNSET:
            field_dict["oauth_token"] = oauth_token

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.advertiser_campaign_input_ivr_tree import AdvertiserCampaignInputIvrTree

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        _campaign_type = d.pop("campaign_type", UNSET)
        campaign_type: AdvertiserCampaignInputCampaignType | Unset
        if isinstance(_campaign_type, Unset):
            campaign_type = UNSET
        else:
            campaign_type = check_advertiser_campaign_input_campaign_type(_campaign_type)

        timezone = d.pop("timezone", UNSET)

        url = d.pop("url", UNSET)

        _ivr_tree = d.pop("ivr_tree", UNSET)
        ivr_tree: AdvertiserCampaignInputIvrTree | Unset
        if isinstance(_ivr_tree, Unset):
            ivr_tree = UNSET
        else:
            ivr_tree = AdvertiserCampaignInputIvrTree.from_dict(_ivr_tree)

        oauth_token = d.pop("oauth_token", UNSET)

        advertiser_campaign_input = cls(
            name=name,
            description=description,
            campaign_type=campaign_type,
            timezone=timezone,
            url=url,
            ivr_tree=ivr_tree,
            oauth_token=oauth_token,
        )

        return advertiser_campaign_input
