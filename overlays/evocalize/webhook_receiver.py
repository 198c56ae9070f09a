"""An ASGI app that receives leads webhook deliveries, for partners to mount in any framework.

Evocalize counts any 2xx as delivered and retries anything else for up to 3 hours (the API
reference, "Client Leads Webhook"). So the receiver answers 2xx only once the partner's handler has
succeeded, and 500 when it raised, leaving the leads unmarked so that the retry offers them
again; a lead already handled is not handed over twice. Verification is
`evocalize.webhooks.verify_leads_delivery`; this module adds only HTTP.

Answers: 200 handled (or nothing new), 400 not a leads delivery, 401 unsigned, badly signed or
stale, 405 not a POST, 409 the same leads are being handled by a delivery still running (Evocalize
retries after 5 seconds without an answer: the retry must not run the handler a second time at
once, nor be told the leads were handled before they are), 413 body too large, 500 handler or
store failure.
"""

from __future__ import annotations

import inspect
import json
import logging
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any

import anyio.to_thread
from evocalize_models import Lead, LeadsDelivery

from evocalize.webhooks import (
    LeadDeduplicator,
    WebhookVerificationError,
    parse_leads_delivery,
    verify_leads_delivery,
)

__all__ = [
    "DEFAULT_MAX_BODY_BYTES",
    "LeadsHandler",
    "LeadsReceiver",
    "Receive",
    "Scope",
    "Send",
]

# A delivery carries at most 1000 leads (openapi.yaml); this is far above what they weigh.
DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024

LeadsHandler = Callable[[list[Lead]], Awaitable[None] | None]
Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Mapping[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

logger = logging.getLogger("evocalize.webhooks")


class LeadsReceiver:
    """Answers leads deliveries: checks them (unless `verify` is False: the API reference makes the
    check optional), drops leads already handled (`dedupe`, in memory by default), and calls
    `handler` with the new ones: an async handler is awaited, a plain one runs in a worker thread.
    `path` is the endpoint path Evocalize signs, when a proxy in front of the app rewrites it; by
    default, the path of the request as the server received it. `key_id`, when given, must be the
    delivery's client key id."""

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
        self.dedupe = LeadDeduplicator() if dedupe is None else dedupe
        # Ids of leads whose handler is running, in this process.
        self._in_flight: set[str] = set()

    def __repr__(self) -> str:
        # Never the secret.
        return f"{type(self).__name__}(handler={self._handler!r}, verify={self._verify})"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            raise RuntimeError(f"LeadsReceiver answers HTTP, not {scope['type']}")
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
                delivery = verify_leads_delivery(
                    path, body, headers, self._secret, key_id=self._key_id
                )
            else:
                delivery = parse_leads_delivery(body)
        except WebhookVerificationError as error:
            logger.warning("leads delivery refused: %s", error)
            await _respond(send, error.status_code, str(error))
            return
        await self._handle(send, delivery)

    async def _handle(self, send: Send, delivery: LeadsDelivery) -> None:
        try:
            leads = self.dedupe.new_leads(delivery)
        except Exception:
            logger.exception("the seen-leads store failed; answering 500 so that Evocalize retries")
            await _respond(send, 500, "the receiver could not check for duplicates")
            return
        duplicates = len(delivery.leads) - len(leads)
        if not leads:
            await _respond(send, 200, "nothing new", extra={"handled": 0, "duplicates": duplicates})
            return
        ids = {lead.id for lead in leads}
        if ids & self._in_flight:
            await _respond(send, 409, "these leads are being handled; retry later")
            return
        self._in_flight |= ids
        try:
            await self._call_handler(leads)
            self.dedupe.mark_handled(leads)
        except Exception:
            logger.exception("the leads handler failed; answering 500 so that Evocalize retries")
            await _respond(send, 500, "the leads handler failed")
            return
        finally:
            self._in_flight -= ids
        await _respond(
            send, 200, "handled", extra={"handled": len(leads), "duplicates": duplicates}
        )

    async def _call_handler(self, leads: list[Lead]) -> None:
        if self._handler_is_async:
            result = self._handler(leads)
        else:
            result = await anyio.to_thread.run_sync(self._handler, leads)
        if inspect.isawaitable(result):
            await result


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
