"""Fault injection: the sandbox answers some API requests the way a struggling server would, so a
partner can check that their code survives it.

A plan is a seed and a list of rules (from `evocalize sandbox --faults FILE`, the test-mode
admin route `PUT /sandbox/faults`, or the pytest fixture's `faults.inject(...)`), for example

    seed: 7
    faults:
      - {operation: getUser, fault: "503", count: 2}       # the next two getUser calls
      - {operation: "*", fault: latency, seconds: 0.5, rate: 0.1}
      - {operation: placeOrder, fault: drop, count: 1}

Faults: `429` (with `Retry-After: retryAfter`), `500`, `502`, `503`, `latency` (the answer
held back `seconds`), `drop` (the connection closed without an answer), `slow_body` (the
answer's body sent in pieces over `seconds`). A rule fires for a request of its `operation`
(an operationId, or `*` for all) with probability `rate` (1 by default), at most `count` times
(no limit by default); the first rule that fires wins.

What each fault does to the request decides what a client may safely do about it: a `429` or a
5xx refuses the request before it is acted on, as throttling does; `latency`, `drop` and
`slow_body` act on it and then delay or lose the answer, the case where repeating a request
that is not idempotent (placing an order) would do it twice.

Deterministic given the seed: each rule draws from its own generator, seeded by the plan's seed
and the rule's position, once per request of its operation, so the same requests in the same
order meet the same faults.
"""

from __future__ import annotations

import json
import random
import threading
from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import anyio
from evocalize.spec import operation_specs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .documents import read_document

__all__ = [
    "ConnectionDropped",
    "FaultError",
    "FaultInjector",
    "FaultPlan",
    "FaultRule",
    "Faults",
    "read_faults",
]

FaultKind = Literal["429", "500", "502", "503", "latency", "drop", "slow_body"]
ALL_OPERATIONS = "*"
# A slow body is sent in this many pieces, spread over the rule's `seconds`.
SLOW_BODY_PIECES = 10


class FaultError(ValueError):
    """A faults plan that cannot be read, or does not have the documented shape."""


class ConnectionDropped(Exception):
    """Raised by the injector when the server under it cannot close the connection itself (an
    in-process transport turns it into the error a dropped connection gives httpx)."""


class FaultRule(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)

    fault: FaultKind
    operation: str = ALL_OPERATIONS
    rate: float = Field(default=1.0, ge=0.0, le=1.0)
    count: int | None = Field(default=None, ge=1)
    retry_after: float = Field(default=1.0, alias="retryAfter", ge=0.0, le=3600.0)
    seconds: float = Field(default=1.0, ge=0.0, le=600.0)

    @field_validator("fault", mode="before")
    @classmethod
    def _status_as_text(cls, value: Any) -> Any:
        # YAML reads `fault: 503` as a number.
        return str(value) if isinstance(value, int) else value

    @field_validator("operation")
    @classmethod
    def _known_operation(cls, value: str) -> str:
        if value != ALL_OPERATIONS and value not in {op.operation_id for op in operation_specs()}:
            raise ValueError(f"no operation {value!r} in the spec (or '*' for every operation)")
        return value

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


class FaultPlan(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    seed: int = 0
    faults: tuple[FaultRule, ...] = ()


def parse_faults(document: Any, where: str = "the faults plan") -> FaultPlan:
    try:
        return FaultPlan.model_validate(document)
    except ValidationError as error:
        first = error.errors()[0]
        at = ".".join(str(part) for part in first["loc"]) or "plan"
        raise FaultError(f"{where}: {at}: {first['msg']}") from None


def read_faults(source: str | Path | Mapping[str, Any] | FaultPlan) -> FaultPlan:
    """A plan from a JSON or YAML file, a mapping, or a plan."""
    if isinstance(source, FaultPlan):
        return source
    if isinstance(source, Mapping):
        return parse_faults(source)
    path = Path(source)
    document = read_document(path, "the faults file", FaultError)
    return parse_faults(document, f"the faults file {path}")


class Faults:
    """The plan in force, its generators, and what happened: how many requests of each
    operation arrived, and which faults they met. Thread-safe; one per sandbox."""

    def __init__(self, plan: FaultPlan | None = None) -> None:
        self._lock = threading.Lock()
        self.configure(plan or FaultPlan())

    def configure(self, plan: FaultPlan) -> None:
        """Puts `plan` in force, from a fresh start (generators, counts and history)."""
        with self._lock:
            self.plan = plan
            self._draws = [random.Random(f"{plan.seed}:{n}") for n in range(len(plan.faults))]
            self._fired = [0] * len(plan.faults)
            self._requests: Counter[str] = Counter()
            self._injected: defaultdict[str, list[str]] = defaultdict(list)

    def clear(self) -> None:
        self.configure(FaultPlan())

    def add(self, rule: FaultRule) -> None:
        """Puts `rule` after the rules in force, which go on as they were."""
        with self._lock:
            index = len(self.plan.faults)
            self.plan = self.plan.model_copy(update={"faults": (*self.plan.faults, rule)})
            self._draws.append(random.Random(f"{self.plan.seed}:{index}"))
            self._fired.append(0)

    def draw(self, operation_id: str) -> FaultRule | None:
        """The fault this request of `operation_id` meets, if any (and counts the request)."""
        with self._lock:
            self._requests[operation_id] += 1
            for index, rule in enumerate(self.plan.faults):
                if rule.operation not in (ALL_OPERATIONS, operation_id):
                    continue
                if rule.count is not None and self._fired[index] >= rule.count:
                    continue
                if self._draws[index].random() < rule.rate:
                    self._fired[index] += 1
                    self._injected[operation_id].append(rule.fault)
                    return rule
            return None

    def requests(self, operation_id: str) -> int:
        """How many requests of `operation_id` reached the sandbox since the plan was set."""
        with self._lock:
            return self._requests[operation_id]

    def injected(self, operation_id: str | None = None) -> list[str]:
        """The faults met, in order: by the requests of `operation_id`, or by all."""
        with self._lock:
            if operation_id is not None:
                return list(self._injected[operation_id])
            return [fault for faults in self._injected.values() for fault in faults]

    def state(self) -> dict[str, Any]:
        """What `GET /sandbox/faults` answers."""
        with self._lock:
            return {
                "seed": self.plan.seed,
                "faults": [rule.as_json() for rule in self.plan.faults],
                "requests": dict(self._requests),
                "injected": {op: list(faults) for op, faults in self._injected.items()},
            }


def _envelope(status: int) -> bytes:
    code = "EV_TOO_MANY_REQUESTS" if status == 429 else "EV_INTERNAL_SERVER_ERROR"
    message = "too many requests, slow down" if status == 429 else "injected server error"
    return json.dumps({"errors": [{"message": message, "code": code}]}).encode()


class FaultInjector:
    """ASGI wrapper of the API's dispatcher that applies `faults` to each request;
    `operation_of(scope)` names the request's operation (None: never a fault)."""

    def __init__(self, app: ASGIApp, faults: Faults, operation_of: Any) -> None:
        self.app = app
        self.faults = faults
        self.operation_of = operation_of

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        operation_id = self.operation_of(scope)
        rule = None if operation_id is None else self.faults.draw(operation_id)
        if rule is None:
            await self.app(scope, receive, send)
        elif rule.fault.isdigit():
            await _refuse(int(rule.fault), rule.retry_after, send)
        elif rule.fault == "latency":
            await self.app(scope, receive, _held_back(send, rule.seconds))
        else:
            answer: list[Message] = []

            async def keep(message: Message) -> None:
                answer.append(message)

            await self.app(scope, receive, keep)
            if rule.fault == "drop":
                await _drop(receive, send)
            else:
                await _send_slowly(answer, rule.seconds, send)


async def _refuse(status: int, retry_after: float, send: Send) -> None:
    body = _envelope(status)
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    if status == 429:
        headers.append((b"retry-after", b"%d" % round(retry_after)))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _held_back(send: Send, seconds: float) -> Send:
    async def send_later(message: Message) -> None:
        if message["type"] == "http.response.start":
            await anyio.sleep(seconds)
        await send(message)

    return send_later


async def _drop(receive: Receive, send: Send) -> None:
    """Closes the connection without an answer. Under uvicorn, `send` is a method of the
    request's cycle, which holds the connection's transport: aborting it is what a crashed or
    overloaded server looks like to a client. Anywhere else, `ConnectionDropped`."""
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is None or not hasattr(transport, "abort"):
        raise ConnectionDropped("the connection was dropped by an injected fault")
    transport.abort()
    # Returns once uvicorn has seen the disconnection, so it does not answer a 500 instead.
    while (await receive())["type"] != "http.disconnect":
        pass


async def _send_slowly(answer: list[Message], seconds: float, send: Send) -> None:
    body = b"".join(m.get("body", b"") for m in answer if m["type"] == "http.response.body")
    for message in answer:
        if message["type"] == "http.response.start":
            await send(message)
    size = max(1, -(-len(body) // SLOW_BODY_PIECES))
    pieces = [body[at : at + size] for at in range(0, len(body), size)] or [b""]
    for number, piece in enumerate(pieces, start=1):
        await anyio.sleep(seconds / len(pieces))
        await send({"type": "http.response.body", "body": piece, "more_body": number < len(pieces)})
