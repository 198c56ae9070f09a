from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.lead_concierge_data import LeadConciergeData
    from ..models.lead_order import LeadOrder
    from ..models.lead_program import LeadProgram


T = TypeVar("T", bound="LeadConciergeEvent")


@_attrs_define
class LeadConciergeEvent:
    """The body of a Lead Concierge webhook delivery: one event, with the order and the
    program behind the lead. Deduplicate deliveries on `idempotencyKey`.

    """

    idempotency_key: str
    """ Unique per event; the same event delivered again carries the same key. """
    order_data: LeadOrder
    """ The order behind the program. """
    program_data: LeadProgram
    """ The program that published the ad the lead answered. """
    lead_concierge_data: LeadConciergeData
    """ What the concierge service did with the lead. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        idempotency_key = self.idempotency_key

        order_data = self.order_data.to_dict()

        program_data = self.program_data.to_dict()

        lead_concierge_data = self.lead_concierge_data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "idempotencyKey": idempotency_key,
                "orderData": order_data,
                "programData": program_data,
                "leadConciergeData": lead_concierge_data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.lead_concierge_data import LeadConciergeData
        from ..models.lead_order import LeadOrder
        from ..models.lead_program import LeadProgram

        d = dict(src_dict)
        idempotency_key = d.pop("idempotencyKey")

        order_data = LeadOrder.from_dict(d.pop("orderData"))

        program_data = LeadProgram.from_dict(d.pop("programData"))

        lead_concierge_data = LeadConciergeData.from_dict(d.pop("leadConciergeData"))

        lead_concierge_event = cls(
            idempotency_key=idempotency_key,
            order_data=order_data,
            program_data=program_data,
            lead_concierge_data=lead_concierge_data,
        )

        lead_concierge_event.additional_properties = d
        return lead_concierge_event

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
