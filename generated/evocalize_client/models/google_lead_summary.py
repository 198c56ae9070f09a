from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GoogleLeadSummary")


@_attrs_define
class GoogleLeadSummary:
    """Google's ids for the lead."""

    campaign_id: int | str
    """ An id that the webhook may send as a JSON number or as a string (the API reference's tables and examples
    disagree). """
    form_id: int | str
    """ An id that the webhook may send as a JSON number or as a string (the API reference's tables and examples
    disagree). """
    adgroup_id: int | str
    """ An id that the webhook may send as a JSON number or as a string (the API reference's tables and examples
    disagree). """
    gcl_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    lead_id: int | str
    """ An id that the webhook may send as a JSON number or as a string (the API reference's tables and examples
    disagree). """
    creative_id: int | None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        campaign_id: int | str
        campaign_id = self.campaign_id

        form_id: int | str
        form_id = self.form_id

        adgroup_id: int | str
        adgroup_id = self.adgroup_id

        gcl_id = self.gcl_id

        lead_id: int | str
        lead_id = self.lead_id

        creative_id: int | None | str | Unset
        if isinstance(self.creative_id, Unset):
            creative_id = UNSET
        else:
            creative_id = self.creative_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "campaignId": campaign_id,
                "formId": form_id,
                "adgroupId": adgroup_id,
                "gclId": gcl_id,
                "leadId": lead_id,
            }
        )
        if creative_id is not UNSET:
            field_dict["creativeId"] = creative_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_campaign_id(data: object) -> int | str:
            return cast(int | str, data)

        campaign_id = _parse_campaign_id(d.pop("campaignId"))

        def _parse_form_id(data: object) -> int | str:
            return cast(int | str, data)

        form_id = _parse_form_id(d.pop("formId"))

        def _parse_adgroup_id(data: object) -> int | str:
            return cast(int | str, data)

        adgroup_id = _parse_adgroup_id(d.pop("adgroupId"))

        gcl_id = d.pop("gclId")

        def _parse_lead_id(data: object) -> int | str:
            return cast(int | str, data)

        lead_id = _parse_lead_id(d.pop("leadId"))

        def _parse_creative_id(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        creative_id = _parse_creative_id(d.pop("creativeId", UNSET))

        google_lead_summary = cls(
            campaign_id=campaign_id,
            form_id=form_id,
            adgroup_id=adgroup_id,
            gcl_id=gcl_id,
            lead_id=lead_id,
            creative_id=creative_id,
        )

        google_lead_summary.additional_properties = d
        return google_lead_summary

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
