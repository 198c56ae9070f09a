from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TikTokLeadSummary")


@_attrs_define
class TikTokLeadSummary:
    """TikTok's ids for the lead. The API reference's example sends `formId`, `campaignId`, `adGroupId`,
    `adId` and `createdAtEpochSeconds`; its table repeats Facebook's names, which are kept as
    optional fields.

    """

    ad_id: int | str
    """ An id that the webhook may send as a JSON number or as a string (the API reference's tables and examples
    disagree). """
    created_at_epoch_seconds: int
    """ When the lead was created, as Unix time in seconds (the TikTok example shows milliseconds, so both ranges
    are accepted). """
    form_id: int | str | Unset = UNSET
    """ An id that the webhook may send as a JSON number or as a string (the API reference's tables and examples
    disagree). """
    campaign_id: int | str | Unset = UNSET
    """ An id that the webhook may send as a JSON number or as a string (the API reference's tables and examples
    disagree). """
    ad_group_id: int | str | Unset = UNSET
    """ An id that the webhook may send as a JSON number or as a string (the API reference's tables and examples
    disagree). """
    leadgen_id: int | str | Unset = UNSET
    """ An id that the webhook may send as a JSON number or as a string (the API reference's tables and examples
    disagree). """
    page_id: int | str | Unset = UNSET
    """ An id that the webhook may send as a JSON number or as a string (the API reference's tables and examples
    disagree). """
    lead_form_id: int | str | Unset = UNSET
    """ An id that the webhook may send as a JSON number or as a string (the API reference's tables and examples
    disagree). """
    adgroup_id: int | str | Unset = UNSET
    """ An id that the webhook may send as a JSON number or as a string (the API reference's tables and examples
    disagree). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ad_id: int | str
        ad_id = self.ad_id

        created_at_epoch_seconds = self.created_at_epoch_seconds

        form_id: int | str | Unset
        if isinstance(self.form_id, Unset):
            form_id = UNSET
        else:
            form_id = self.form_id

        campaign_id: int | str | Unset
        if isinstance(self.campaign_id, Unset):
            campaign_id = UNSET
        else:
            campaign_id = self.campaign_id

        ad_group_id: int | str | Unset
        if isinstance(self.ad_group_id, Unset):
            ad_group_id = UNSET
        else:
            ad_group_id = self.ad_group_id

        leadgen_id: int | str | Unset
        if isinstance(self.leadgen_id, Unset):
            leadgen_id = UNSET
        else:
            leadgen_id = self.leadgen_id

        page_id: int | str | Unset
        if isinstance(self.page_id, Unset):
            page_id = UNSET
        else:
            page_id = self.page_id

        lead_form_id: int | str | Unset
        if isinstance(self.lead_form_id, Unset):
            lead_form_id = UNSET
        else:
            lead_form_id = self.lead_form_id

        adgroup_id: int | str | Unset
        if isinstance(self.adgroup_id, Unset):
            adgroup_id = UNSET
        else:
            adgroup_id = self.adgroup_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "adId": ad_id,
                "createdAtEpochSeconds": created_at_epoch_seconds,
            }
        )
        if form_id is not UNSET:
            field_dict["formId"] = form_id
        if campaign_id is not UNSET:
            field_dict["campaignId"] = campaign_id
        if ad_group_id is not UNSET:
            field_dict["adGroupId"] = ad_group_id
        if leadgen_id is not UNSET:
            field_dict["leadgenId"] = leadgen_id
        if page_id is not UNSET:
            field_dict["pageId"] = page_id
        if lead_form_id is not UNSET:
            field_dict["leadFormId"] = lead_form_id
        if adgroup_id is not UNSET:
            field_dict["adgroupId"] = adgroup_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_ad_id(data: object) -> int | str:
            return cast(int | str, data)

        ad_id = _parse_ad_id(d.pop("adId"))

        created_at_epoch_seconds = d.pop("createdAtEpochSeconds")

        def _parse_form_id(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        form_id = _parse_form_id(d.pop("formId", UNSET))

        def _parse_campaign_id(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        campaign_id = _parse_campaign_id(d.pop("campaignId", UNSET))

        def _parse_ad_group_id(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        ad_group_id = _parse_ad_group_id(d.pop("adGroupId", UNSET))

        def _parse_leadgen_id(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        leadgen_id = _parse_leadgen_id(d.pop("leadgenId", UNSET))

        def _parse_page_id(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        page_id = _parse_page_id(d.pop("pageId", UNSET))

        def _parse_lead_form_id(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        lead_form_id = _parse_lead_form_id(d.pop("leadFormId", UNSET))

        def _parse_adgroup_id(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        adgroup_id = _parse_adgroup_id(d.pop("adgroupId", UNSET))

        tik_tok_lead_summary = cls(
            ad_id=ad_id,
            created_at_epoch_seconds=created_at_epoch_seconds,
            form_id=form_id,
            campaign_id=campaign_id,
            ad_group_id=ad_group_id,
            leadgen_id=leadgen_id,
            page_id=page_id,
            lead_form_id=lead_form_id,
            adgroup_id=adgroup_id,
        )

        tik_tok_lead_summary.additional_properties = d
        return tik_tok_lead_summary

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
