"""Webhook deliveries (leads, and Lead Concierge events): verify one, read it, and keep only
what was not handled yet.

Evocalize POSTs new leads to a partner endpoint (the API reference, "Client Leads Webhook") and
signs each delivery with the scheme of API requests, over the endpoint's path and the body
(docs/decisions.md, "Webhook signatures"; the check is optional for the receiver, the API reference
says). The reference gives no unit for the webhook timestamp and its example header is in
milliseconds (`1667231735360`): receivers accept Unix seconds or milliseconds, told apart by
magnitude, within a freshness window (60 s by default) that can be widened, or switched off with
`window=None`. The window refuses a delivery replayed later; a window too narrow for a skewed clock
refuses every real delivery, and Evocalize retries it for 3 hours before giving up. A delivery that
fails is retried for up to 3 hours, so a lead may arrive more than once, and receivers deduplicate
on `leads[].id` (the API reference, "Client Leads Webhook"). Fields may be added without notice: the
payload is read with the generated model, which ignores unknown fields.

The Lead Concierge webhook (the API reference, "Lead Concierge") is a second endpoint with
the same delivery policy, headers and signature; each delivery holds one event, deduplicated on
its `idempotencyKey`. Both kinds share the signature check (`verify_signature`), the body
reading (`_parse`) and the store of handled ids (`SeenIdStore`); only the payload model and
the id differ.

Verification is framework-free (`verify_leads_delivery`, `verify_concierge_event`), so a
partner's own web framework can call it; `evocalize.webhook_receiver` wraps it, with
deduplication, as ASGI apps.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Protocol, TypeVar

import pydantic
from evocalize_models import Lead, LeadConciergeEvent, LeadsDelivery

from evocalize.errors import EvocalizeError
from evocalize.signing import (
    KEY_ID_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    TIMESTAMP_WINDOW_SECONDS,
    parse_timestamp,
    signature_matches,
)

__all__ = [
    "DEFAULT_SEEN_MAX_SIZE",
    "DEFAULT_SEEN_TTL_SECONDS",
    "DEFAULT_WINDOW_SECONDS",
    "MILLISECONDS_FROM",
    "PAYLOAD_VERSION_HEADER",
    "BadSignatureError",
    "ConciergeEventDeduplicator",
    "Deduplicator",
    "InMemorySeenIds",
    "InMemorySeenLeads",
    "InvalidPayloadError",
    "LeadDeduplicator",
    "MissingWebhookHeadersError",
    "SeenIdStore",
    "SeenLeadStore",
    "StaleTimestampError",
    "WebhookVerificationError",
    "parse_concierge_event",
    "parse_leads_delivery",
    "timestamp_is_recent",
    "timestamp_seconds",
    "verify_concierge_event",
    "verify_leads_delivery",
    "verify_signature",
]

PAYLOAD_VERSION_HEADER = "X-Evocalize-Payload-Version"
# Evocalize retries a delivery for up to 3 hours; a lead id is remembered well past
# that by default.
DEFAULT_SEEN_TTL_SECONDS = 24 * 3600
DEFAULT_SEEN_MAX_SIZE = 100_000

Payload = TypeVar("Payload", bound=pydantic.BaseModel)

# How far a delivery's timestamp may be from the receiver's clock, by default.
DEFAULT_WINDOW_SECONDS: float = TIMESTAMP_WINDOW_SECONDS
# A timestamp at or above this is in milliseconds: as seconds it would lie past the year 5000,
# as milliseconds it is any date after 1973.
MILLISECONDS_FROM = 10**11


class WebhookVerificationError(EvocalizeError):
    """A delivery that must not be trusted or cannot be read. `status_code` is what a receiver
    answers (401 or 400); the message never holds the secret."""

    status_code = 401


class MissingWebhookHeadersError(WebhookVerificationError):
    """The delivery lacks a header the signature check needs."""


class StaleTimestampError(WebhookVerificationError):
    """The delivery's timestamp is too far from the receiver's clock: it may be a replay."""


class BadSignatureError(WebhookVerificationError):
    """The signature does not match the path, body, timestamp and secret, or the delivery names
    another client key id."""


class InvalidPayloadError(WebhookVerificationError):
    """The body is not a payload of the webhook (a leads delivery, a Lead Concierge event)."""

    status_code = 400


def _header(headers: Mapping[str, str], name: str) -> str | None:
    # HTTP header names are case-insensitive; ASGI servers lowercase them, frameworks may not.
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    return None


def timestamp_seconds(timestamp: str) -> float | None:
    """A webhook timestamp header as Unix seconds, whether it was sent in seconds or in
    milliseconds (told apart by magnitude); None when it is not a whole number
    (`parse_timestamp`)."""
    value = parse_timestamp(timestamp)
    if value is None:
        return None
    return value / 1000 if value >= MILLISECONDS_FROM else float(value)


def timestamp_is_recent(
    timestamp: str, now: float | None = None, window: float | None = DEFAULT_WINDOW_SECONDS
) -> bool:
    """Whether a webhook timestamp (seconds or milliseconds) lies within `window` seconds of
    `now`; any timestamp is, when `window` is None."""
    if window is None:
        return True
    sent = timestamp_seconds(timestamp)
    if sent is None:
        return False
    current = time.time() if now is None else now
    return abs(current - sent) <= window


def verify_signature(
    path: str,
    body: bytes,
    headers: Mapping[str, str],
    secret: str,
    *,
    key_id: str | None = None,
    now: float | None = None,
    window: float | None = DEFAULT_WINDOW_SECONDS,
) -> None:
    """Raises unless the delivery is signed with `secret` over the endpoint `path` (no host, no
    query) and these exact `body` bytes, at a timestamp (Unix seconds or milliseconds) within
    `window` seconds of `now` (60 by default; None skips the check); with `key_id`, the
    delivery must also name that client key id."""
    timestamp = _header(headers, TIMESTAMP_HEADER)
    signature = _header(headers, SIGNATURE_HEADER)
    sent_key_id = _header(headers, KEY_ID_HEADER)
    required = [(TIMESTAMP_HEADER, timestamp), (SIGNATURE_HEADER, signature)]
    if key_id is not None:
        required.append((KEY_ID_HEADER, sent_key_id))
    missing = [name for name, value in required if not value]
    if missing or timestamp is None or signature is None:
        raise MissingWebhookHeadersError(f"the delivery lacks the header(s) {', '.join(missing)}")
    if not timestamp_is_recent(timestamp, now, window):
        raise StaleTimestampError(
            f"the delivery's {TIMESTAMP_HEADER} is not Unix seconds or milliseconds within "
            f"{window:g} s of this receiver's clock"
        )
    if key_id is not None and sent_key_id != key_id:
        raise BadSignatureError(f"the delivery names another {KEY_ID_HEADER}")
    if not signature_matches(signature, path.split("?", 1)[0], body, timestamp, secret):
        raise BadSignatureError(
            f"the {SIGNATURE_HEADER} does not sign this path, body and timestamp with the secret"
        )


def _parse(model: type[Payload], body: bytes, what: str) -> Payload:
    """`body` read as `model`, unknown fields ignored. The error names the fields at fault,
    never their values: leads and call transcripts are personal data."""
    try:
        return model.model_validate_json(body)
    except pydantic.ValidationError as error:
        details = "; ".join(
            f"{'.'.join(map(str, problem['loc'])) or 'body'}: {problem['msg']}"
            for problem in error.errors(include_input=False, include_url=False)[:5]
        )
        raise InvalidPayloadError(f"the body is not {what} ({details})") from None


def parse_leads_delivery(body: bytes) -> LeadsDelivery:
    """The leads delivery in `body`, unknown fields ignored."""
    return _parse(LeadsDelivery, body, "a leads delivery")


def parse_concierge_event(body: bytes) -> LeadConciergeEvent:
    """The Lead Concierge event in `body`, unknown fields ignored; one without an
    `idempotencyKey` is refused (it could not be deduplicated)."""
    return _parse(LeadConciergeEvent, body, "a Lead Concierge event")


def verify_leads_delivery(
    path: str,
    body: bytes,
    headers: Mapping[str, str],
    secret: str,
    *,
    key_id: str | None = None,
    now: float | None = None,
    window: float | None = DEFAULT_WINDOW_SECONDS,
) -> LeadsDelivery:
    """The delivery, once its headers, timestamp and signature are checked (`verify_signature`)
    and its body read (`parse_leads_delivery`)."""
    verify_signature(path, body, headers, secret, key_id=key_id, now=now, window=window)
    return parse_leads_delivery(body)


def verify_concierge_event(
    path: str,
    body: bytes,
    headers: Mapping[str, str],
    secret: str,
    *,
    key_id: str | None = None,
    now: float | None = None,
    window: float | None = DEFAULT_WINDOW_SECONDS,
) -> LeadConciergeEvent:
    """The Lead Concierge event, once its headers, timestamp and signature are checked as a
    leads delivery's are (`verify_signature`) and its body read (`parse_concierge_event`)."""
    verify_signature(path, body, headers, secret, key_id=key_id, now=now, window=window)
    return parse_concierge_event(body)


# Deduplication.


class SeenIdStore(Protocol):
    """Where the ids of what was handled (lead ids, event idempotency keys) are remembered. The
    in-memory default suits one process; a shared store (Redis, SQL) implements these two
    methods to dedupe across processes. Give each webhook its own store, or ids that cannot
    collide."""

    def seen(self, lead_ids: Collection[str]) -> Collection[str]:
        """Those of `lead_ids` already handled."""
        ...

    def add(self, lead_ids: Collection[str]) -> None:
        """Remembers `lead_ids` as handled."""
        ...


# The name the store had when it held lead ids only.
SeenLeadStore = SeenIdStore


class InMemorySeenIds:
    """The ids of what was handled, in memory: at most `max_size` (the oldest forgotten first),
    each for `ttl_seconds`."""

    def __init__(
        self,
        max_size: int = DEFAULT_SEEN_MAX_SIZE,
        ttl_seconds: float = DEFAULT_SEEN_TTL_SECONDS,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_size < 1 or ttl_seconds <= 0:
            raise ValueError("max_size and ttl_seconds must be positive")
        self._max_size = max_size
        self._ttl = ttl_seconds
        self._clock = clock
        self._expiry: OrderedDict[str, float] = OrderedDict()

    def __len__(self) -> int:
        self._forget_expired()
        return len(self._expiry)

    def seen(self, lead_ids: Collection[str]) -> Collection[str]:
        self._forget_expired()
        return {lead_id for lead_id in lead_ids if lead_id in self._expiry}

    def add(self, lead_ids: Collection[str]) -> None:
        expires = self._clock() + self._ttl
        for lead_id in lead_ids:
            self._expiry.pop(lead_id, None)
            self._expiry[lead_id] = expires
        while len(self._expiry) > self._max_size:
            self._expiry.popitem(last=False)

    def _forget_expired(self) -> None:
        # Insertion order is expiry order: every id gets the same lifetime.
        now = self._clock()
        while self._expiry:
            oldest, expires = next(iter(self._expiry.items()))
            if expires > now:
                break
            del self._expiry[oldest]


InMemorySeenLeads = InMemorySeenIds


class Deduplicator:
    """Keeps what was not handled before, by id, over a `SeenIdStore`. Ask which ids are new,
    handle them, then mark them handled: what failed is offered again when Evocalize retries."""

    def __init__(self, store: SeenIdStore | None = None) -> None:
        self.store: SeenIdStore = InMemorySeenIds() if store is None else store

    def new_ids(self, ids: Iterable[str]) -> list[str]:
        """Those of `ids` not handled yet, each once, in the order given."""
        wanted = list(ids)
        seen = set(self.store.seen(set(wanted)))
        fresh: list[str] = []
        for item_id in wanted:
            if item_id not in seen:
                seen.add(item_id)
                fresh.append(item_id)
        return fresh

    def mark_ids_handled(self, ids: Iterable[str]) -> None:
        self.store.add(set(ids))


class LeadDeduplicator(Deduplicator):
    """Keeps the leads of a delivery not handled before, by `leads[].id`."""

    def new_leads(self, delivery: LeadsDelivery) -> list[Lead]:
        """The delivery's leads not handled yet, each id once, in delivery order."""
        fresh = set(self.new_ids(lead.id for lead in delivery.leads))
        leads: list[Lead] = []
        for lead in delivery.leads:
            if lead.id in fresh:
                fresh.discard(lead.id)
                leads.append(lead)
        return leads

    def mark_handled(self, leads: Iterable[Lead]) -> None:
        self.mark_ids_handled(lead.id for lead in leads)


class ConciergeEventDeduplicator(Deduplicator):
    """Tells a Lead Concierge event not handled before, by its `idempotencyKey`."""

    def is_new(self, event: LeadConciergeEvent) -> bool:
        return bool(self.new_ids([event.idempotency_key]))

    def mark_handled(self, event: LeadConciergeEvent) -> None:
        self.mark_ids_handled([event.idempotency_key])
