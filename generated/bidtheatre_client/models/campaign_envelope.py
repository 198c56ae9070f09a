from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign import Campaign


T = TypeVar("T", bound="CampaignEnvelope")


@_attrs_define
class CampaignEnvelope:
    """The `campaign` root key beside the metadata fields."""

    campaign: Campaign
    """ A campaign; its many other fields are kept. """
    api_version: int | Unset = UNSET
    """ The version of the API the request was invoked on (`2` in every example). """
    code: int | Unset = UNSET
    method: str | Unset = UNSET
    network_id: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        campaign = self.campaign.to_dict()

        api_version = self.api_version

        code = self.code

        method = self.method

        network_id: int | None | Unset
        if isinstance(self.network_id, Unset):
            network_id = UNSET
        else:
            network_id = self.network_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "campaign": campaign,
            }
        )
        if api_version is not UNSET:
            field_dict["apiVersion"] = api_version
        if code is not UNSET:
            field_dict["code"] = code
        if method is not UNSET:
            field_dict["method"] = method
        if network_id is not UNSET:
            field_dict["networkId"] = network_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.campaign import Campaign

        d = dict(src_dict)
        campaign = Campaign.from_dict(d.pop("campaign"))

        api_version = d.pop("apiVersion", UNSET)

        code = d.pop("code", UNSET)

        method = d.pop("method", UNSET)

        def _parse_network_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        network_id = _parse_network_id(d.pop("networkId", UNSET))

        campaign_envelope = cls(
            campaign=campaign,
            api_version=api_version,
            code=code,
            method=method,
            network_id=network_id,
        )

        campaign_envelope.additional_properties = d
        return campaign_envelope

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
