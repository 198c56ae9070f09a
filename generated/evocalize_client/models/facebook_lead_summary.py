from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FacebookLeadSummary")


@_attrs_define
class FacebookLeadSummary:
    """Facebook's ids for the lead."""

    leadgen_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    page_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    lead_form_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    adgroup_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    ad_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    created_at_epoch_seconds: int
    """ When the lead was created, as Unix time in seconds (the TikTok example shows milliseconds, so both ranges
    are accepted). """
    retailer_item_id: str | Unset = UNSET
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        leadgen_id = self.leadgen_id

        page_id = self.page_id

        lead_form_id = self.lead_form_id

        adgroup_id = self.adgroup_id

        ad_id = self.ad_id

        created_at_epoch_seconds = self.created_at_epoch_seconds

        retailer_item_id = self.retailer_item_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "leadgenId": leadgen_id,
                "pageId": page_id,
                "leadFormId": lead_form_id,
                "adgroupId": adgroup_id,
                "adId": ad_id,
                "createdAtEpochSeconds": created_at_epoch_seconds,
            }
        )
        if retailer_item_id is not UNSET:
            field_dict["retailerItemId"] = retailer_item_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        leadgen_id = d.pop("leadgenId")

        page_id = d.pop("pageId")

        lead_form_id = d.pop("leadFormId")

        adgroup_id = d.pop("adgroupId")

        ad_id = d.pop("adId")

        created_at_epoch_seconds = d.pop("createdAtEpochSeconds")

        retailer_item_id = d.pop("retailerItemId", UNSET)

        facebook_lead_summary = cls(
            leadgen_id=leadgen_id,
            page_id=page_id,
            lead_form_id=lead_form_id,
            adgroup_id=adgroup_id,
            ad_id=ad_id,
            created_at_epoch_seconds=created_at_epoch_seconds,
            retailer_item_id=retailer_item_id,
        )

        facebook_lead_summary.additional_properties = d
        return facebook_lead_summary

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
