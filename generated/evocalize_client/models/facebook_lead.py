from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.disclaimer_response import DisclaimerResponse
    from ..models.facebook_lead_summary import FacebookLeadSummary
    from ..models.lead_form_answer import LeadFormAnswer


T = TypeVar("T", bound="FacebookLead")


@_attrs_define
class FacebookLead:
    """The Facebook side of a lead."""

    summary: FacebookLeadSummary
    """ Facebook's ids for the lead. """
    lead_form: list[LeadFormAnswer]
    """ The answers of the lead form. """
    lead_form_disclaimer_responses: list[DisclaimerResponse] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        summary = self.summary.to_dict()

        lead_form = []
        for componentsschemas_lead_form_answers_item_data in self.lead_form:
            componentsschemas_lead_form_answers_item = (
                componentsschemas_lead_form_answers_item_data.to_dict()
            )
            lead_form.append(componentsschemas_lead_form_answers_item)

        lead_form_disclaimer_responses: list[dict[str, Any]] | None | Unset
        if isinstance(self.lead_form_disclaimer_responses, Unset):
            lead_form_disclaimer_responses = UNSET
        elif isinstance(self.lead_form_disclaimer_responses, list):
            lead_form_disclaimer_responses = []
            for (
                lead_form_disclaimer_responses_type_0_item_data
            ) in self.lead_form_disclaimer_responses:
                lead_form_disclaimer_responses_type_0_item = (
                    lead_form_disclaimer_responses_type_0_item_data.to_dict()
                )
                lead_form_disclaimer_responses.append(lead_form_disclaimer_responses_type_0_item)

        else:
            lead_form_disclaimer_responses = self.lead_form_disclaimer_responses

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "summary": summary,
                "leadForm": lead_form,
            }
        )
        if lead_form_disclaimer_responses is not UNSET:
            field_dict["leadFormDisclaimerResponses"] = lead_form_disclaimer_responses

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.disclaimer_response import DisclaimerResponse
        from ..models.facebook_lead_summary import FacebookLeadSummary
        from ..models.lead_form_answer import LeadFormAnswer

        d = dict(src_dict)
        summary = FacebookLeadSummary.from_dict(d.pop("summary"))

        lead_form = []
        _lead_form = d.pop("leadForm")
        for componentsschemas_lead_form_answers_item_data in _lead_form:
            componentsschemas_lead_form_answers_item = LeadFormAnswer.from_dict(
                componentsschemas_lead_form_answers_item_data
            )

            lead_form.append(componentsschemas_lead_form_answers_item)

        def _parse_lead_form_disclaimer_responses(
            data: object,
        ) -> list[DisclaimerResponse] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                lead_form_disclaimer_responses_type_0 = []
                _lead_form_disclaimer_responses_type_0 = data
                for (
                    lead_form_disclaimer_responses_type_0_item_data
                ) in _lead_form_disclaimer_responses_type_0:
                    lead_form_disclaimer_responses_type_0_item = DisclaimerResponse.from_dict(
                        lead_form_disclaimer_responses_type_0_item_data
                    )

                    lead_form_disclaimer_responses_type_0.append(
                        lead_form_disclaimer_responses_type_0_item
                    )

                return lead_form_disclaimer_responses_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[DisclaimerResponse] | None | Unset, data)

        lead_form_disclaimer_responses = _parse_lead_form_disclaimer_responses(
            d.pop("leadFormDisclaimerResponses", UNSET)
        )

        facebook_lead = cls(
            summary=summary,
            lead_form=lead_form,
            lead_form_disclaimer_responses=lead_form_disclaimer_responses,
        )

        facebook_lead.additional_properties = d
        return facebook_lead

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
