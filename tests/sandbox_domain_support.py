"""What the order, audience and media tests share: a sandbox whose clock the test moves (with
requests signed at that clock, so moving it never makes them stale), a short audience
processing delay, and the users and groups every scenario starts from."""

from __future__ import annotations

import json
from typing import Any

from evocalize.auth import SignatureAuth
from evocalize_client import AuthenticatedClient
from evocalize_client.api.groups import create_or_update_group
from evocalize_client.api.users import create_or_update_user
from evocalize_client.models import GroupInput, UserInput
from evocalize_sandbox.app import create_app
from evocalize_sandbox.rules.orders import DAY
from evocalize_sandbox.settings import Settings
from openapi_doc import schema_validator
from sandbox_support import KEY_ID, SECRET, client_for
from starlette.applications import Starlette

# How long the test sandbox takes to create audiences after a CSV upload.
PROCESSING_SECONDS = 60.0


def make_domain_app(database_url: str, clock: list[float]) -> Starlette:
    settings = Settings(
        run_worker=False, clock=lambda: clock[0], audience_processing_seconds=PROCESSING_SECONDS
    )
    return create_app(database_url=database_url, clients={KEY_ID: SECRET}, settings=settings)


def domain_client(app: Starlette, clock: list[float]) -> AuthenticatedClient:
    return client_for(app, SignatureAuth(KEY_ID, SECRET, clock=lambda: clock[0]))


def add_group(client: AuthenticatedClient, group_id: str) -> None:
    response = create_or_update_group.sync_detailed(
        client=client, body=GroupInput.from_dict({"id": group_id, "name": group_id.title()})
    )
    assert response.status_code == 201, response.content


def add_user(client: AuthenticatedClient, user_id: str, groups: dict[str, str]) -> None:
    """A user in each group of `groups` (group id -> role); the groups are made first."""
    for group_id in groups:
        add_group(client, group_id)
    body = {
        "id": user_id,
        "name": user_id.title(),
        "email": f"{user_id}@example.com",
        "groups": [{"groupId": g, "role": role} for g, role in groups.items()],
    }
    response = create_or_update_user.sync_detailed(client=client, body=UserInput.from_dict(body))
    assert response.status_code == 201, response.content


def body_of(response: Any, schema: str | None = None) -> Any:
    """The JSON body; with `schema`, checked first against that component of the spec."""
    body = json.loads(response.content)
    if schema is not None:
        schema_validator(schema).validate(body)
    return body


def error_code(response: Any) -> tuple[int, str, str | None]:
    """Status, code and field of a response holding one error."""
    (error,) = body_of(response)["errors"]
    return response.status_code, error["code"], error.get("field")


def purchase(clock: list[float], **changes: Any) -> dict[str, Any]:
    """A valid purchase order of the seeded product for the user `agent` of `seattle`."""
    now = int(clock[0])
    order: dict[str, Any] = {
        "userId": "agent",
        "groupId": "seattle",
        "productCode": "pid_1234567890",
        "orderType": "purchase",
        "paymentAmount": 100,
        "schedule": {"startTimestamp": now + DAY, "endTimestamp": now + 31 * DAY},
        "contentItemIds": [],
        "variableValues": {"headline": "headline test", "bodyText": "body text test"},
    }
    order.update(changes)
    return order
