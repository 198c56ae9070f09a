"""The leads webhook simulator: realistic deliveries, sent as Evocalize sends them."""

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
    "make_delivery",
    "make_lead",
]
