"""The test-mode admin routes under `/sandbox/`: the test clock and fault injection.

A real Evocalize server never offers them, so they are not in openapi.yaml; the sandbox adds them
only in test mode (`evocalize sandbox --test-mode`, and every sandbox of the pytest plugin), and
answers 404 otherwise. They take the API's credentials. Their signature timestamps are checked
against the wall clock, not the test clock: moving the test clock must never lock out the
caller that moves it.

    GET  /sandbox/clock                      {"data": {"now", "frozen", "offsetSeconds"}}
    POST /sandbox/clock/advance              {"seconds": 86400}
    POST /sandbox/clock/travel               {"to": 1900000000}
    POST /sandbox/clock/freeze | unfreeze | reset
    GET  /sandbox/faults                     {"data": {"seed", "faults", "requests", "injected"}}
    PUT  /sandbox/faults                     a plan (see faults.py): replaces the one in force
    DELETE /sandbox/faults                   no faults any more

docs/sandbox-test-mode.md describes them for partners.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import anyio.to_thread
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .auth import authenticate
from .clock import ClockError, SandboxClock
from .errors import ApiError, invalid_field, malformed
from .faults import FaultError, Faults, parse_faults
from .request_bodies import read_capped

MAX_BODY_BYTES = 64 * 1024

Action = Callable[[dict[str, Any]], dict[str, Any]]


class _Advance(BaseModel):
    model_config = ConfigDict(extra="forbid")
    seconds: float = Field(ge=0, allow_inf_nan=False)


class _Travel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    to: float = Field(allow_inf_nan=False)


def _body_as(model: type[BaseModel], body: dict[str, Any]) -> Any:
    try:
        return model.model_validate(body)
    except ValidationError as error:
        first = error.errors()[0]
        raise invalid_field(
            ".".join(str(p) for p in first["loc"]) or "body", first["msg"]
        ) from None


def _route(path: str, method: str, app: Starlette, act: Action) -> Route:
    """A route that authenticates the caller, reads a JSON object body (or none) and answers
    `{"data": act(body)}`."""

    async def answer(request: Request) -> JSONResponse:
        try:
            raw = await read_capped(request, MAX_BODY_BYTES)
            await anyio.to_thread.run_sync(_authenticate, app, request, raw)
            try:
                body = json.loads(raw) if raw.strip() else {}
            except ValueError:
                raise malformed("the body is not JSON") from None
            if not isinstance(body, dict):
                raise malformed("the body is a JSON object")
            return JSONResponse({"data": act(body)})
        except ApiError as error:
            return JSONResponse(error.envelope(), status_code=error.status)
        except (ClockError, FaultError) as error:
            return JSONResponse(invalid_field("body", str(error)).envelope(), status_code=400)

    return Route(path, answer, methods=[method])


def _authenticate(app: Starlette, request: Request, body: bytes) -> None:
    sandbox = app.state.sandbox
    with sandbox.engine.begin() as conn:
        authenticate(conn, request.headers, request.url.path, body, time.time())


def clock_routes(app: Starlette, clock: SandboxClock) -> list[Route]:
    def travel(body: dict[str, Any]) -> dict[str, Any]:
        clock.travel_to(_body_as(_Travel, body).to)
        return clock.state()

    def advance(body: dict[str, Any]) -> dict[str, Any]:
        clock.advance(_body_as(_Advance, body).seconds)
        return clock.state()

    def simply(move: Callable[[], object]) -> Action:
        def act(body: dict[str, Any]) -> dict[str, Any]:
            if body:
                raise invalid_field(next(iter(body)), "this action takes no fields")
            move()
            return clock.state()

        return act

    return [
        _route("/sandbox/clock", "GET", app, simply(lambda: None)),
        _route("/sandbox/clock/advance", "POST", app, advance),
        _route("/sandbox/clock/travel", "POST", app, travel),
        _route("/sandbox/clock/freeze", "POST", app, simply(clock.freeze)),
        _route("/sandbox/clock/unfreeze", "POST", app, simply(clock.unfreeze)),
        _route("/sandbox/clock/reset", "POST", app, simply(clock.reset)),
    ]


def fault_routes(app: Starlette, faults: Faults) -> list[Route]:
    def show(body: dict[str, Any]) -> dict[str, Any]:
        return faults.state()

    def replace(body: dict[str, Any]) -> dict[str, Any]:
        faults.configure(parse_faults(body))
        return faults.state()

    def clear(body: dict[str, Any]) -> dict[str, Any]:
        faults.clear()
        return faults.state()

    return [
        _route("/sandbox/faults", "GET", app, show),
        _route("/sandbox/faults", "PUT", app, replace),
        _route("/sandbox/faults", "DELETE", app, clear),
    ]


def install(app: Starlette, clock: SandboxClock, faults: Faults) -> None:
    """Adds the admin routes to a sandbox app, ahead of its catch-all API route."""
    for route in [*clock_routes(app, clock), *fault_routes(app, faults)]:
        app.router.routes.insert(0, route)
