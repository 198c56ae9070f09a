"""Delivering a webhook the way Evocalize does: signed, retried, and eventually given up. Leads
deliveries and Lead Concierge events share this policy (the API reference).

The API reference, "Client Leads Webhook": any 2xx acknowledges; any other status, a transport
error, or no answer within 5 seconds is a failure, retried with exponential backoff at most 15
minutes apart, for up to 3 hours after the first attempt. Every attempt carries the documented
headers and a fresh timestamp, and is signed with `evocalize.signing.sign` over the endpoint's path
and the exact body, so a receiver can check it with the same function the client uses.

The backoff starts at 10 seconds and doubles (10, 20, 40 ... then 900 s); no attempt starts
later than 3 hours after the first. `time_scale` multiplies every duration (timeout, backoff,
deadline; the timeout keeps a 50 ms floor), and `clock`/`sleep` are injectable, so tests run the
whole policy in milliseconds.
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import anyio
import httpx
from evocalize.signing import KEY_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, sign

PAYLOAD_VERSION_HEADER = "X-Evocalize-Payload-Version"
# The API reference's payload has had one version; it increases only when a field is removed.
PAYLOAD_VERSION = "1"


@dataclass(frozen=True)
class DeliveryPolicy:
    """How long to wait for an answer and how to space retries, in unscaled seconds."""

    timeout: float = 5.0
    first_backoff: float = 10.0
    backoff_factor: float = 2.0
    max_backoff: float = 15 * 60.0
    give_up_after: float = 3 * 60 * 60.0
    # Multiplies every duration above; 0.001 makes the 3-hour policy last about 11 seconds.
    time_scale: float = 1.0
    # A scaled timeout never drops below this many real seconds, so that a receiver on the
    # same machine still has time to answer when the schedule is shrunk.
    min_timeout: float = 0.05

    def __post_init__(self) -> None:
        if self.time_scale <= 0:
            raise ValueError("time_scale must be positive")

    def backoff(self, failures: int) -> float:
        """Scaled wait after the `failures`-th consecutive failure (1 for the first)."""
        unscaled = self.first_backoff * self.backoff_factor ** (failures - 1)
        return min(unscaled, self.max_backoff) * self.time_scale

    @property
    def scaled_timeout(self) -> float:
        return max(self.timeout * self.time_scale, min(self.min_timeout, self.timeout))

    @property
    def scaled_deadline(self) -> float:
        return self.give_up_after * self.time_scale


@dataclass(frozen=True)
class PartnerCredentials:
    """The partner's client key id and key; the key signs and is never sent nor shown."""

    key_id: str
    key: str = field(repr=False)


class Outcome(StrEnum):
    delivered = "delivered"
    gave_up = "gave_up"


@dataclass(frozen=True)
class Attempt:
    """One POST of the delivery: when it started (seconds after the first attempt) and what
    came back, either a status code or a short error description."""

    number: int
    started_after: float
    status_code: int | None = None
    error: str | None = None

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


@dataclass(frozen=True)
class DeliveryReport:
    """What happened to one delivery: what it carried (the lead ids of a leads delivery, the
    idempotency key of a Lead Concierge event), every attempt, and the outcome."""

    url: str
    lead_ids: tuple[str, ...]
    attempts: tuple[Attempt, ...]
    outcome: Outcome

    @property
    def delivered(self) -> bool:
        return self.outcome is Outcome.delivered


Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


def delivery_headers(
    url: str, body: bytes, credentials: PartnerCredentials, timestamp: str
) -> dict[str, str]:
    """The headers of one attempt, signed over the URL's path (no query) and `body`. The path
    as sent, percent-encoding kept, is what a receiver sees and verifies."""
    path = httpx.URL(url).raw_path.decode("ascii").split("?", 1)[0]
    return {
        "Content-Type": "application/json",
        PAYLOAD_VERSION_HEADER: PAYLOAD_VERSION,
        KEY_ID_HEADER: credentials.key_id,
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign(path, body, timestamp, credentials.key),
    }


def payload_ids(payload: dict[str, Any]) -> tuple[str, ...]:
    """What a receiver deduplicates on: `leads[].id`, or a concierge event's `idempotencyKey`."""
    if "leads" in payload:
        return tuple(str(lead.get("id")) for lead in payload["leads"])
    if "idempotencyKey" in payload:
        return (str(payload["idempotencyKey"]),)
    return ()


def _describe(error: Exception) -> str:
    # The class name says what failed; messages of transport errors can be long and say little.
    if isinstance(error, httpx.TimeoutException | TimeoutError):
        return "no answer in time"
    return type(error).__name__


async def deliver(
    url: str,
    payload: dict[str, Any],
    credentials: PartnerCredentials,
    *,
    policy: DeliveryPolicy | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    clock: Clock = time.time,
    sleep: Sleep = anyio.sleep,
    milliseconds: bool = False,
) -> DeliveryReport:
    """POSTs `payload` to `url` until a 2xx answer or the give-up deadline, and reports it.

    `clock` gives Unix seconds: it schedules retries and stamps each attempt, so a fake clock
    paired with a fake `sleep` runs the schedule without waiting. `milliseconds` stamps each
    attempt in Unix milliseconds, as the reference's example header is, instead of seconds.
    """
    rules = policy if policy is not None else DeliveryPolicy()
    body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    lead_ids = payload_ids(payload)
    attempts: list[Attempt] = []
    first = clock()
    async with httpx.AsyncClient(transport=transport, timeout=rules.scaled_timeout) as client:
        while True:
            started = clock()
            stamp = int(started * 1000) if milliseconds else int(started)
            headers = delivery_headers(url, body, credentials, str(stamp))
            try:
                # httpx's timeout covers each network phase; this bounds the whole answer.
                with anyio.fail_after(rules.scaled_timeout):
                    response = await client.post(url, content=body, headers=headers)
                attempt = Attempt(len(attempts) + 1, started - first, response.status_code)
            except (httpx.HTTPError, TimeoutError) as error:
                attempt = Attempt(len(attempts) + 1, started - first, error=_describe(error))
            attempts.append(attempt)
            if attempt.succeeded:
                return DeliveryReport(url, lead_ids, tuple(attempts), Outcome.delivered)
            wait = rules.backoff(len(attempts))
            if clock() + wait - first > rules.scaled_deadline:
                return DeliveryReport(url, lead_ids, tuple(attempts), Outcome.gave_up)
            await sleep(wait)
