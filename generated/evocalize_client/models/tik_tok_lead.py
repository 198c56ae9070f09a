from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.lead_form_answer import LeadFormAnswer
    from ..models.tik_tok_lead_summary import TikTokLeadSummary


T = TypeVar("T", bound="TikTokLead")


@_attrs_define
class TikTokLead:
    """The TikTok side of a lead."""

    summary: TikTokLeadSummary
    """ TikTok's ids for the lead. The API reference's example sends `formId`, `campaignId`, `adGroupId`,
    `adId` and `createdAtEpochSeconds`; its table repeats Facebook's names, which are kept as
    optional fields.
     """
    lead_form: list[LeadFormAnswer]
    """ The answers of the lead form. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        summary = self.summary.to_dict()

        lead_form = []
        for componentsschemas_lead_form_answers_item_data in self.lead_form:
            componentsschemas_lead_form_answers_item = (
                componentsschemas_lead_form_answers_item_data.to_dict()
            )
            lead_form.append(componentsschemas_lead_form_answers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "summary": summary,
                "leadForm": lead_form,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.lead_form_answer import LeadFormAnswer
        from ..models.tik_tok_lead_summary import TikTokLeadSummary

        d = dict(src_dict)
        summary = TikTokLeadSummary.from_dict(d.pop("summary"))

        lead_form = []
        _lead_form = d.pop("leadForm")
        for componentsschemas_lead_form_answers_item_data in _lead_form:
            componentsschemas_lead_form_answers_item = LeadFormAnswer.from_dict(
                componentsschemas_lead_form_answers_item_data
            )

            lead_form.append(componentsschemas_lead_form_answers_item)

        tik_tok_lead = cls(
            summary=summary,
            lead_form=lead_form,
        )

        tik_tok_lead.additional_properties = d
        return tik_tok_lead

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
