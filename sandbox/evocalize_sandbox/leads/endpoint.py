"""`POST /sandbox/leads/send` and `POST /sandbox/concierge/send`: let a partner make the sandbox
deliver leads, or Lead Concierge events, to its receiver.

Evocalize sends leads on its own, when people answer ads; the sandbox has no ads, so this
endpoint (outside `/management/v1`, not part of the API) triggers deliveries on request. It
takes the API's credentials, and signs the deliveries with the caller's own client key, as
Evocalize signs with the partner's. The answer, once every delivery ended, reports each one.

Body (JSON, every field but `url` optional):
    {"url": "https://partner.example/leads", "count": 1, "source": "facebook",
     "userId": "u1", "groupId": "g1", "timeScale": 1.0, "seed": 7, "redeliver": false}

`redeliver` sends each delivered payload a second time, as Evocalize may (the API reference's Client
Leads Webhook section: a lead may arrive more than once), so a receiver's deduplication on
`leads[].id` can be tested.

`/sandbox/concierge/send` takes the same body without `source`, and delivers `count` Lead
Concierge events under the same policy; `redeliver` sends each one twice, so a receiver's
deduplication on `idempotencyKey` can be tested.

With a `timeScale` of 1, a receiver that keeps failing holds the request for the 3 hours of the
retry policy: test failing receivers with a small scale (0.001 gives up after 11 s).
"""

from __future__ import annotations

import random
from typing import Any

import anyio.to_thread
import httpx
import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from ..app import Sandbox
from ..auth import authenticate, clients_table
from ..errors import ApiError, invalid_field
from ..request_bodies import read_capped
from .concierge import make_concierge_event
from .delivery import DeliveryPolicy, DeliveryReport, PartnerCredentials, deliver
from .payloads import LeadSource, make_delivery

PATH = "/sandbox/leads/send"
CONCIERGE_PATH = "/sandbox/concierge/send"
MAX_BODY_BYTES = 64 * 1024


class SendLeads(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    url: str = Field(max_length=2048, pattern=r"^https?://")
    count: int = Field(default=1, ge=1, le=100)
    source: LeadSource | None = None
    user_id: str = Field(default="sandbox_user", alias="userId", min_length=1, max_length=255)
    group_id: str = Field(default="sandbox_group", alias="groupId", min_length=1, max_length=255)
    time_scale: float = Field(default=1.0, alias="timeScale", gt=0, le=1)
    seed: int | None = None
    redeliver: bool = False


class SendConcierge(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    url: str = Field(max_length=2048, pattern=r"^https?://")
    count: int = Field(default=1, ge=1, le=100)
    user_id: str = Field(default="sandbox_user", alias="userId", min_length=1, max_length=255)
    group_id: str = Field(default="sandbox_group", alias="groupId", min_length=1, max_length=255)
    time_scale: float = Field(default=1.0, alias="timeScale", gt=0, le=1)
    seed: int | None = None
    redeliver: bool = False


def render_report(report: DeliveryReport) -> dict[str, Any]:
    return {
        "leadIds": list(report.lead_ids),
        "outcome": report.outcome.value,
        "attempts": [
            {
                "number": a.number,
                "startedAfter": round(a.started_after, 6),
                **({"statusCode": a.status_code} if a.status_code is not None else {}),
                **({"error": a.error} if a.error is not None else {}),
            }
            for a in report.attempts
        ],
    }


def _caller_key(
    sandbox: Sandbox, request: Request, body: bytes, path: str = PATH
) -> tuple[str, str]:
    """The caller's key id and client key, once its request is authenticated."""
    with sandbox.engine.begin() as conn:
        key_id = authenticate(conn, request.headers, path, body, sandbox.settings.clock()).key_id
        key = conn.execute(
            sa.select(clients_table.c.client_key).where(clients_table.c.key_id == key_id)
        ).scalar_one()
    return key_id, str(key)


def leads_route(sandbox: Sandbox, transport: httpx.AsyncBaseTransport | None = None) -> Route:
    """The route; `transport` replaces the network (tests deliver to an in-process receiver)."""

    async def send(request: Request) -> JSONResponse:
        try:
            body = await read_capped(request, MAX_BODY_BYTES)
            key_id, key = await anyio.to_thread.run_sync(_caller_key, sandbox, request, body)
            try:
                sent = SendLeads.model_validate_json(body)
            except ValidationError as error:
                first = error.errors()[0]
                where = ".".join(str(part) for part in first["loc"]) or "body"
                raise invalid_field(where, first["msg"]) from None
        except ApiError as error:
            return JSONResponse(error.envelope(), status_code=error.status)
        rng = random.Random(sent.seed)
        sources = [sent.source] if sent.source is not None else list(LeadSource)
        credentials = PartnerCredentials(key_id=key_id, key=key)
        policy = DeliveryPolicy(time_scale=sent.time_scale)
        reports = []
        for number in range(sent.count):
            payload = make_delivery(
                [sources[number % len(sources)]],
                rng,
                user_id=sent.user_id,
                group_id=sent.group_id,
            )
            for _ in range(2 if sent.redeliver else 1):
                report = await deliver(
                    sent.url, payload, credentials, policy=policy, transport=transport
                )
                reports.append(report)
                if not report.delivered:
                    break
        return JSONResponse({"data": {"deliveries": [render_report(r) for r in reports]}})

    return Route(PATH, send, methods=["POST"])


def concierge_route(sandbox: Sandbox, transport: httpx.AsyncBaseTransport | None = None) -> Route:
    """The Lead Concierge route; `transport` as for `leads_route`."""

    async def send(request: Request) -> JSONResponse:
        try:
            body = await read_capped(request, MAX_BODY_BYTES)
            key_id, key = await anyio.to_thread.run_sync(
                _caller_key, sandbox, request, body, CONCIERGE_PATH
            )
            try:
                sent = SendConcierge.model_validate_json(body)
            except ValidationError as error:
                first = error.errors()[0]
                where = ".".join(str(part) for part in first["loc"]) or "body"
                raise invalid_field(where, first["msg"]) from None
        except ApiError as error:
            return JSONResponse(error.envelope(), status_code=error.status)
        rng = random.Random(sent.seed)
        credentials = PartnerCredentials(key_id=key_id, key=key)
        policy = DeliveryPolicy(time_scale=sent.time_scale)
        reports = []
        for _ in range(sent.count):
            event = make_concierge_event(rng, user_id=sent.user_id, group_id=sent.group_id)
            for _ in range(2 if sent.redeliver else 1):
                report = await deliver(
                    sent.url, event, credentials, policy=policy, transport=transport
                )
                reports.append(report)
                if not report.delivered:
                    break
        return JSONResponse({"data": {"deliveries": [render_report(r) for r in reports]}})

    return Route(CONCIERGE_PATH, send, methods=["POST"])


def install(app: Starlette, transport: httpx.AsyncBaseTransport | None = None) -> None:
    """Adds both endpoints to a sandbox app, ahead of its catch-all API route."""
    sandbox = app.state.sandbox
    app.router.routes.insert(0, leads_route(sandbox, transport))
    app.router.routes.insert(0, concierge_route(sandbox, transport))
