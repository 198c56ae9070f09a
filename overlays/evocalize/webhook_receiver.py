"""ASGI apps that receive webhook deliveries, for partners to mount in any framework:
`LeadsReceiver` (leads), `ConciergeReceiver` (Lead Concierge events), and `WebhookRouter`, which
serves both on paths of their own.

Evocalize counts any 2xx as delivered and retries anything else for up to 3 hours (the API
reference, "Client Leads Webhook"; the Lead Concierge webhook has the same policy). So a receiver
answers 2xx only once the partner's handler has succeeded, and 500 when it raised, leaving what it
was given unmarked so that the retry offers it again; a lead (by `leads[].id`) or an event (by
`idempotencyKey`) already handled is not handed over twice. Verification is `evocalize.webhooks`;
this module adds only HTTP, in one base class both receivers share.

Answers: 200 handled (or nothing new), 400 not a payload of the webhook, 401 unsigned, badly
signed or stale, 405 not a POST, 409 the same leads or event are being handled by a delivery
still running (Evocalize retries after 5 seconds without an answer: the retry must not run the
handler a second time at once, nor be told they were handled before they are), 413 body too
large, 500 handler or store failure.
"""

from __future__ import annotations

import inspect
import json
import logging
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any, Generic, TypeVar

import anyio.to_thread
from evocalize_models import Lead, LeadConciergeEvent, LeadsDelivery

from evocalize.webhooks import (
    DEFAULT_WINDOW_SECONDS,
    ConciergeEventDeduplicator,
    LeadDeduplicator,
    WebhookVerificationError,
    parse_concierge_event,
    parse_leads_delivery,
    verify_signature,
)

__all__ = [
    "DEFAULT_MAX_BODY_BYTES",
    "ConciergeHandler",
    "ConciergeReceiver",
    "LeadsHandler",
    "LeadsReceiver",
    "Receive",
    "Scope",
    "Send",
    "WebhookRouter",
]

# A delivery carries at most 1000 leads (openapi.yaml); this is far above what they weigh.
DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024

LeadsHandler = Callable[[list[Lead]], Awaitable[None] | None]
ConciergeHandler = Callable[[LeadConciergeEvent], Awaitable[None] | None]
Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Mapping[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

logger = logging.getLogger("evocalize.webhooks")

Payload = TypeVar("Payload")
Unit = TypeVar("Unit")


class _Receiver(Generic[Payload, Unit]):
    """What both receivers share: HTTP, the signature check, the in-flight guard, the handler
    call and the answers. A subclass says how to read its payload (`_parse`), which of its units
    (leads, or the one event) are new (`_fresh`), their ids, and what the handler is given."""

    # For log lines and answers: "leads delivery", "Lead Concierge event".
    _what = "delivery"

    def __init__(
        self,
        handler: Callable[[Any], Awaitable[None] | None],
        secret: str | None,
        *,
        verify: bool,
        key_id: str | None,
        path: str | None,
        max_body_bytes: int,
        window: float | None,
    ) -> None:
        if verify and not secret:
            raise ValueError("a receiver that verifies deliveries needs the client secret")
        self._handler = handler
        # An async def, or an object whose __call__ is one.
        self._handler_is_async = inspect.iscoroutinefunction(
            handler
        ) or inspect.iscoroutinefunction(type(handler).__call__)
        self._secret = secret or ""
        self._verify = verify
        self._key_id = key_id
        self._path = path
        self._max_body_bytes = max_body_bytes
        self._window = window
        # Ids of what the handler is running on, in this process.
        self._in_flight: set[str] = set()

    # What a subclass says.

    def _parse(self, body: bytes) -> Payload:
        raise NotImplementedError

    def _fresh(self, payload: Payload) -> tuple[list[Unit], int]:
        """The units not handled yet, and how many were duplicates."""
        raise NotImplementedError

    def _id(self, unit: Unit) -> str:
        raise NotImplementedError

    def _mark_handled(self, units: list[Unit]) -> None:
        raise NotImplementedError

    def _argument(self, units: list[Unit]) -> object:
        """What the handler is called with."""
        return units

    def __repr__(self) -> str:
        # Never the secret.
        return f"{type(self).__name__}(handler={self._handler!r}, verify={self._verify})"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            raise RuntimeError(f"{type(self).__name__} answers HTTP, not {scope['type']}")
        if scope["method"] != "POST":
            await _respond(send, 405, "deliveries are POSTed", [(b"allow", b"POST")])
            return
        body = await _read_body(receive, self._max_body_bytes)
        if body is None:
            await _respond(send, 413, f"the body is over {self._max_body_bytes} bytes")
            return
        headers = {
            name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]
        }
        try:
            if self._verify:
                path = self._path or _request_path(scope)
                verify_signature(
                    path, body, headers, self._secret, key_id=self._key_id, window=self._window
                )
            payload = self._parse(body)
        except WebhookVerificationError as error:
            logger.warning("%s refused: %s", self._what, error)
            await _respond(send, error.status_code, str(error))
            return
        await self._handle(send, payload)

    async def _handle(self, send: Send, payload: Payload) -> None:
        try:
            units, duplicates = self._fresh(payload)
        except Exception:
            logger.exception("the seen-ids store failed; answering 500 so that Evocalize retries")
            await _respond(send, 500, "the receiver could not check for duplicates")
            return
        if not units:
            await _respond(send, 200, "nothing new", extra={"handled": 0, "duplicates": duplicates})
            return
        ids = {self._id(unit) for unit in units}
        if ids & self._in_flight:
            await _respond(send, 409, f"this {self._what} is being handled; retry later")
            return
        self._in_flight |= ids
        try:
            await self._call_handler(self._argument(units))
            self._mark_handled(units)
        except Exception:
            logger.exception(
                "the %s handler failed; answering 500 so that Evocalize retries", self._what
            )
            await _respond(send, 500, f"the {self._what} handler failed")
            return
        finally:
            self._in_flight -= ids
        await _respond(
            send, 200, "handled", extra={"handled": len(units), "duplicates": duplicates}
        )

    async def _call_handler(self, argument: object) -> None:
        if self._handler_is_async:
            result = self._handler(argument)
        else:
            result = await anyio.to_thread.run_sync(self._handler, argument)
        if inspect.isawaitable(result):
            await result


class LeadsReceiver(_Receiver[LeadsDelivery, Lead]):
    """Answers leads deliveries: checks them (unless `verify` is False: the API reference makes
    the check optional), drops leads already handled (`dedupe`, in memory by default), and calls
    `handler` with the new ones: an async handler is awaited, a plain one runs in a worker
    thread. `path` is the endpoint path Evocalize signs, when a proxy in front of the app
    rewrites it; by default, the path of the request as the server received it. `key_id`, when
    given, must be the delivery's client key id. `window` is how many seconds a delivery's
    timestamp (Unix seconds or milliseconds) may be from this clock (None: not checked)."""

    _what = "leads delivery"

    def __init__(
        self,
        handler: LeadsHandler,
        secret: str | None = None,
        *,
        verify: bool = True,
        dedupe: LeadDeduplicator | None = None,
        key_id: str | None = None,
        path: str | None = None,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        window: float | None = DEFAULT_WINDOW_SECONDS,
    ) -> None:
        super().__init__(
            handler,
            secret,
            verify=verify,
            key_id=key_id,
            path=path,
            max_body_bytes=max_body_bytes,
            window=window,
        )
        self.dedupe = LeadDeduplicator() if dedupe is None else dedupe

    def _parse(self, body: bytes) -> LeadsDelivery:
        return parse_leads_delivery(body)

    def _fresh(self, payload: LeadsDelivery) -> tuple[list[Lead], int]:
        leads = self.dedupe.new_leads(payload)
        return leads, len(payload.leads) - len(leads)

    def _id(self, unit: Lead) -> str:
        return unit.id

    def _mark_handled(self, units: list[Lead]) -> None:
        self.dedupe.mark_handled(units)


class ConciergeReceiver(_Receiver[LeadConciergeEvent, LeadConciergeEvent]):
    """Answers Lead Concierge deliveries as `LeadsReceiver` answers leads, with the same
    options: checks them, drops an event already handled (by `idempotencyKey`), and calls
    `handler` with the event. Give it its own endpoint path: Evocalize signs that path."""

    _what = "Lead Concierge event"

    def __init__(
        self,
        handler: ConciergeHandler,
        secret: str | None = None,
        *,
        verify: bool = True,
        dedupe: ConciergeEventDeduplicator | None = None,
        key_id: str | None = None,
        path: str | None = None,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        window: float | None = DEFAULT_WINDOW_SECONDS,
    ) -> None:
        super().__init__(
            handler,
            secret,
            verify=verify,
            key_id=key_id,
            path=path,
            max_body_bytes=max_body_bytes,
            window=window,
        )
        self.dedupe = ConciergeEventDeduplicator() if dedupe is None else dedupe

    def _parse(self, body: bytes) -> LeadConciergeEvent:
        return parse_concierge_event(body)

    def _fresh(self, payload: LeadConciergeEvent) -> tuple[list[LeadConciergeEvent], int]:
        if self.dedupe.is_new(payload):
            return [payload], 0
        return [], 1

    def _id(self, unit: LeadConciergeEvent) -> str:
        return unit.idempotency_key

    def _mark_handled(self, units: list[LeadConciergeEvent]) -> None:
        for event in units:
            self.dedupe.mark_handled(event)

    def _argument(self, units: list[LeadConciergeEvent]) -> object:
        return units[0]


class WebhookRouter:
    """Serves several receivers on paths of their own (`{"/leads": LeadsReceiver(...),
    "/lead-concierge": ConciergeReceiver(...)}`); any other path answers 404."""

    def __init__(self, routes: Mapping[str, _Receiver[Any, Any]]) -> None:
        if not routes:
            raise ValueError("give at least one path and its receiver")
        self.routes = {("/" + path.strip("/")): receiver for path, receiver in routes.items()}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        path = "/" + str(scope.get("path", "")).strip("/")
        receiver = self.routes.get(path)
        if receiver is None:
            paths = ", ".join(sorted(self.routes))
            await _respond(send, 404, f"no webhook here; deliveries go to {paths}")
            return
        await receiver(scope, receive, send)


def _request_path(scope: Scope) -> str:
    # The path as received, percent-encoding kept, as Evocalize signed it. raw_path is
    # optional in ASGI, and httpx's ASGI transport puts the query in it; `path` is the decoded
    # full path (root_path included, as current ASGI servers and Starlette's Mount give it).
    raw_path = scope.get("raw_path")
    if raw_path:
        return str(raw_path.decode("latin-1")).split("?", 1)[0]
    return str(scope["path"])


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def _respond(
    send: Send,
    status: int,
    message: str,
    headers: list[tuple[bytes, bytes]] | None = None,
    *,
    extra: Mapping[str, object] | None = None,
) -> None:
    body = json.dumps({"message": message, **(extra or {})}).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode("ascii")),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _lifespan(receive: Receive, send: Send) -> None:
    # Mounted as the whole app, the receiver has nothing to start or stop.
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
