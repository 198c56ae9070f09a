"""Lead Concierge events that look like what Evocalize sends, so receivers can be tested offline.

The API reference, "Lead Concierge": one event per delivery, with the order and program
behind the lead and what the concierge service did with it; receivers deduplicate on
`idempotencyKey`. Each event is built as JSON (camelCase, optional fields left out or null as
the reference allows) and checked against the spec's `LeadConciergeEvent` schema before it
leaves. Values come from a seeded `random.Random`, so a run can be repeated exactly; they are
delivered by `deliver`, under the leads webhook's policy.
"""

from __future__ import annotations

import random
import uuid
from typing import Any

from evocalize_models import LeadConciergeEvent

from .payloads import JsonObject, _order, _program

# A lead's path through the concierge service: each event moves it one status on.
STATUS_PATH = ("NEW", "OPEN", "CALLBACK_TO_TRANSFER", "SCHEDULE_COMPLETED", "CLOSED")
OUTCOMES = ("COMPLETED_CLOSED_OTHER", "COMPLETED_APPOINTMENT_SET", "NO_ANSWER", "LEFT_VOICEMAIL")


def make_concierge_event(
    rng: random.Random | None = None,
    *,
    user_id: str = "sandbox_user",
    group_id: str = "sandbox_group",
    step: int | None = None,
) -> JsonObject:
    """One event, for the order of `user_id` in `group_id`; `step` picks the status change
    (from `STATUS_PATH[step - 1]` to `STATUS_PATH[step]`), at random without it."""
    generator = rng if rng is not None else random.Random()
    moved = generator.randrange(1, len(STATUS_PATH)) if step is None else step
    if not 1 <= moved < len(STATUS_PATH):
        raise ValueError(f"step lies in 1..{len(STATUS_PATH) - 1}")
    called = moved >= 2  # from the callback on, a call has happened
    details: dict[str, Any] = {
        "internalLeadId": str(generator.randrange(1, 10**6)),
        "conciergeProviderLeadId": str(generator.randrange(10**9, 10**10)),
        "conciergeEventId": str(generator.randrange(10**12, 10**13)),
        "leadType": str(generator.randrange(1, 4)),
        "currentStatus": STATUS_PATH[moved],
        "previousStatus": STATUS_PATH[moved - 1],
        "currentOutcome": generator.choice(OUTCOMES) if called else None,
    }
    if called:
        details["summary"] = "The concierge reached the lead and noted the next step."
        details["transcript"] = "Agent: Hello, this is the concierge calling about your inquiry."
    event: JsonObject = {
        "idempotencyKey": str(uuid.UUID(int=generator.getrandbits(128), version=4)),
        "orderData": _order(generator, user_id, group_id),
        "programData": _program(generator),
        "leadConciergeData": details,
    }
    # An event the spec rejects would test the receiver against the wrong thing: fail here.
    LeadConciergeEvent.model_validate(event)
    return event
