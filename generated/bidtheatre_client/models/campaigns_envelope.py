from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.campaign import Campaign


T = TypeVar("T", bound="CampaignsEnvelope")


@_attrs_define
class CampaignsEnvelope:
    """A collection under its plural root key, with the metadata fields."""

    campaigns: list[Campaign]
    api_version: str
    """ The version of the API the request was invoked on. """
    code: int
    """ The HTTP status of the answer, as in its status line. """
    method: str
    """ The HTTP method the request used, such as GET, POST, PUT or DELETE. """
    network_id: int

    def to_dict(self) -> dict[str, Any]:
        campaigns = []
        for campaigns_item_data in self.campaigns:
            campaigns_item = campaigns_item_data.to_dict()
            campaigns.append(campaigns_item)

        api_version = self.api_version

        code = self.code

        method = self.method

        network_id = self.network_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "campaigns": campaigns,
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
        campaigns = []
        _campaigns = d.pop("campaigns")
        for campaigns_item_data in _campaigns:
            campaigns_item = Campaign.from_dict(campaigns_item_data)

            campaigns.append(campaigns_item)

        api_version = d.pop("apiVersion")

        code = d.pop("code")

        method = d.pop("method")

        network_id = d.pop("networkId")

        campaigns_envelope = cls(
            campaigns=campaigns,
            api_version=api_version,
            code=code,
            method=method,
            network_id=network_id,
        )

        return campaigns_envelope
