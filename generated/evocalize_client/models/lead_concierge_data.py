from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LeadConciergeData")


@_attrs_define
class LeadConciergeData:
    """What the concierge service did with the lead."""

    internal_lead_id: str
    """ Evocalize's id of the lead. """
    concierge_provider_lead_id: str
    """ The concierge provider's id of the lead. """
    concierge_event_id: str
    """ The concierge provider's id of this event. """
    lead_type: str
    """ The kind of lead, as the concierge provider codes it. """
    current_status: str
    """ A lead's status in the concierge service. Known values: `UNKNOWN`, `NEW`, `OPEN`,
    `CALLBACK_TO_TRANSFER`, `CLOSED`, `CLOSED_INCOMPLETE`, `LOST`, `SCHEDULE_COMPLETED`,
    `OUT_OF_TERRITORY`, `BAD_NUMBER`, `CANCELLED`, `DNC_TEXT`, `DNC_CALL`, `DNC_BOTH`. Other
    values may appear: the reference's own example sends `completed`.
     """
    previous_status: str
    """ A lead's status in the concierge service. Known values: `UNKNOWN`, `NEW`, `OPEN`,
    `CALLBACK_TO_TRANSFER`, `CLOSED`, `CLOSED_INCOMPLETE`, `LOST`, `SCHEDULE_COMPLETED`,
    `OUT_OF_TERRITORY`, `BAD_NUMBER`, `CANCELLED`, `DNC_TEXT`, `DNC_CALL`, `DNC_BOTH`. Other
    values may appear: the reference's own example sends `completed`.
     """
    current_outcome: None | str | Unset = UNSET
    """ The outcome of the latest call, such as `COMPLETED_CLOSED_OTHER`, when there is one. """
    summary: None | str | Unset = UNSET
    """ A summary of the call, when there is one. """
    transcript: None | str | Unset = UNSET
    """ The call's transcript, when there is one. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        internal_lead_id = self.internal_lead_id

        concierge_provider_lead_id = self.concierge_provider_lead_id

        concierge_event_id = self.concierge_event_id

        lead_type = self.lead_type

        current_status = self.current_status

        previous_status = self.previous_status

        current_outcome: None | str | Unset
        if isinstance(self.current_outcome, Unset):
            current_outcome = UNSET
        else:
            current_outcome = self.current_outcome

        summary: None | str | Unset
        if isinstance(self.summary, Unset):
            summary = UNSET
        else:
            summary = self.summary

        transcript: None | str | Unset
        if isinstance(self.transcript, Unset):
            transcript = UNSET
        else:
            transcript = self.transcript

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "internalLeadId": internal_lead_id,
                "conciergeProviderLeadId": concierge_provider_lead_id,
                "conciergeEventId": concierge_event_id,
                "leadType": lead_type,
                "currentStatus": current_status,
                "previousStatus": previous_status,
            }
        )
        if current_outcome is not UNSET:
            field_dict["currentOutcome"] = current_outcome
        if summary is not UNSET:
            field_dict["summary"] = summary
        if transcript is not UNSET:
            field_dict["transcript"] = transcript

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        internal_lead_id = d.pop("internalLeadId")

        concierge_provider_lead_id = d.pop("conciergeProviderLeadId")

        concierge_event_id = d.pop("conciergeEventId")

        lead_type = d.pop("leadType")

        current_status = d.pop("currentStatus")

        previous_status = d.pop("previousStatus")

        def _parse_current_outcome(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        current_outcome = _parse_current_outcome(d.pop("currentOutcome", UNSET))

        def _parse_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        summary = _parse_summary(d.pop("summary", UNSET))

        def _parse_transcript(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        transcript = _parse_transcript(d.pop("transcript", UNSET))

        lead_concierge_data = cls(
            internal_lead_id=internal_lead_id,
            concierge_provider_lead_id=concierge_provider_lead_id,
            concierge_event_id=concierge_event_id,
            lead_type=lead_type,
            current_status=current_status,
            previous_status=previous_status,
            current_outcome=current_outcome,
            summary=summary,
            transcript=transcript,
        )

        lead_concierge_data.additional_properties = d
        return lead_concierge_data

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
