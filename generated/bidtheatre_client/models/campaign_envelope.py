from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.campaign import Campaign


T = TypeVar("T", bound="CampaignEnvelope")


@_attrs_define
class CampaignEnvelope:
    """One campaign under its singular root key, with the metadata fields."""

    campaign: Campaign
    """ A campaign. """
    api_version: str
    """ The version of the API the request was invoked on. """
    code: int
    """ The HTTP status of the answer, as in its status line. """
    method: str
    """ The HTTP method the request used, such as GET, POST, PUT or DELETE. """
    network_id: int

    def to_dict(self) -> dict[str, Any]:
        campaign = self.campaign.to_dict()

        api_version = self.api_version

        code = self.code

        method = self.method

        network_id = self.network_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "campaign": campaign,
                "apiVersion": api_version,
                "code": code,
                "method": method,
                "networkId": network_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.campaign import Campaign

        d = dict(src_dict)
        campaign = Campaign.from_dict(d.pop("campaign"))

        api_version = d.pop("apiVersion")

        code = d.pop("code")

        method = d.pop("method")

        network_id = d.pop("networkId")

        campaign_envelope = cls(
            campaign=campaign,
            api_version=api_version,
            code=code,
            method=method,
            network_id=network_id,
        )

        return campaign_envelope
