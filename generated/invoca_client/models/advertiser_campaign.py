from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign_terms import CampaignTerms


T = TypeVar("T", bound="AdvertiserCampaign")


@_attrs_define
class AdvertiserCampaign:
    """An advertiser campaign as Invoca answers it; unknown fields are kept."""

    id_from_network: str
    id: int | Unset = UNSET
    """ Invoca's own id (read-only). """
    name: str | Unset = UNSET
    status: str | Unset = UNSET
    object_url: str | Unset = UNSET
    current_terms: CampaignTerms | None | Unset = UNSET
    future_terms: CampaignTerms | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.campaign_terms import CampaignTerms

        id_from_network = self.id_from_network

        id = self.id

        name = self.name

        status = self.status

        object_url = self.object_url

        current_terms: dict[str, Any] | None | Unset
        if isinstance(self.current_terms, Unset):
            current_terms = UNSET
        elif isinstance(self.current_terms, CampaignTerms):
            current_terms = self.current_terms.to_dict()
        else:
            current_terms = self.current_terms

        future_terms: dict[str, Any] | None | Unset
        if isinstance(self.future_terms, Unset):
            future_terms = UNSET
        elif isinstance(self.future_terms, CampaignTerms):
            future_terms = self.future_terms.to_dict()
        else:
            future_terms = self.future_terms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id_from_network": id_from_network,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if status is not UNSET:
            field_dict["status"] = status
        if object_url is not UNSET:
            field_dict["object_url"] = object_url
        if current_terms is not UNSET:
            field_dict["current_terms"] = current_terms
        if future_terms is not UNSET:
            field_dict["future_terms"] = future_terms

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.campaign_terms import CampaignTerms

        d = dict(src_dict)
        id_from_network = d.pop("id_from_network")

        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        status = d.pop("status", UNSET)

        object_url = d.pop("object_url", UNSET)

        def _parse_current_terms(data: object) -> CampaignTerms | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                current_terms_type_0 = CampaignTerms.from_dict(data)

                return current_terms_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CampaignTerms | None | Unset, data)

        current_terms = _parse_current_terms(d.pop("current_terms", UNSET))

        def _parse_future_terms(data: object) -> CampaignTerms | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                future_terms_type_0 = CampaignTerms.from_dict(data)

                return future_terms_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CampaignTerms | None | Unset, data)

        future_terms = _parse_future_terms(d.pop("future_terms", UNSET))

        advertiser_campaign = cls(
            id_from_network=id_from_network,
            id=id,
            name=name,
            status=status,
            object_url=object_url,
            current_terms=current_terms,
            future_terms=future_terms,
        )

        advertiser_campaign.additional_properties = d
        return advertiser_campaign

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
