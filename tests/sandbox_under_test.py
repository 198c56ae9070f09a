"""What the tests of the sandbox's test mode share (the test clock, faults): an office with one
agent who can place orders, and the order bodies they place."""

from __future__ import annotations

from typing import Any

DAY = 86400
# A seed in the format of `evocalize sandbox --seed`.
OFFICE = {
    "groups": [{"id": "office", "name": "Office"}],
    "users": [
        {
            "id": "agent",
            "name": "Agent",
            "email": "agent@example.com",
            "groups": [{"groupId": "office", "role": "group_user"}],
        }
    ],
}


def order_body(order_type: str, start: int, days: int | None = None) -> dict[str, Any]:
    """The agent's order of the built-in product, 300 USD, from `start` for `days` (none for a
    subscription)."""
    schedule: dict[str, int] = {"startTimestamp": start}
    if days is not None:
        schedule["endTimestamp"] = start + days * DAY
    return {
        "userId": "agent",
        "groupId": "office",
        "productCode": "pid_1234567890",
        "orderType": order_type,
        "paymentAmount": 300,
        "schedule": schedule,
    }
