from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AdvertiserCampaignInput")


@_attrs_define
class AdvertiserCampaignInput:
    """A complete copy of a campaign. `oauth_token` carries the API token in the JSON body, as
    an alternative to the header, the URL parameter and Basic.

    """

    name: str
    description: str | Unset = UNSET
    oauth_token: str | Unset = UNSET
    """ An Invoca API token. """

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        oauth_token = self.oauth_token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if oauth_token is not UNSET:
            field_dict["oauth_token"] = oauth_token

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description", UNSET)

        oauth_token = d.pop("oauth_token", UNSET)

        advertiser_campaign_input = cls(
            name=name,
            description=description,
            oauth_token=oauth_token,
        )

        return advertiser_campaign_input
