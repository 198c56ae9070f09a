"""The webhook simulators: realistic leads deliveries and Lead Concierge events, sent as
Evocalize sends them."""

from evocalize_sandbox.leads.concierge import make_concierge_event
from evocalize_sandbox.leads.delivery import (
    Attempt,
    DeliveryPolicy,
    DeliveryReport,
    Outcome,
    PartnerCredentials,
    deliver,
    delivery_headers,
)
from evocalize_sandbox.leads.payloads import LeadSource, make_delivery, make_lead

__all__ = [
    "Attempt",
    "DeliveryPolicy",
    "DeliveryReport",
    "LeadSource",
    "Outcome",
    "PartnerCredentials",
    "deliver",
    "delivery_headers",
    "make_concierge_event",
    "make_delivery",
    "make_lead",
]
