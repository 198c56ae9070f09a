"""One profile's wiring on the overlay's generic strategies, the same for every peer API: its
error convention, what its own document says is safe to repeat, and the answers it throttles
with. `httpx_args` gives a generated client of the profile its auth and its retry transport."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import httpx

from evocalize.errors import ErrorConvention
from evocalize.retries import (
    AsyncRetryTransport,
    RetryPolicy,
    RetryTransport,
    idempotent_by_operations,
    retrying,
)
from evocalize.spec import profile_operations

__all__ = ["Profile"]


@dataclass(frozen=True)
class Profile:
    """`profiles/<name>/openapi.yaml` as the overlay uses it."""

    name: str
    errors: ErrorConvention
    # Answers that say "throttled" whatever their status (AppNexus's 405 with RATE_EXCEEDED):
    # retried like a 429, after `Retry-After`.
    throttled: Callable[[httpx.Response], bool] | None = None
    # Statuses that prove the request was refused before it was acted on (BidTheatre's 429), so
    # that even a request the profile does not call idempotent is sent again.
    unprocessed_statuses: frozenset[int] = frozenset()

    def retry_policy(self, policy: RetryPolicy | None = None) -> RetryPolicy:
        """`policy` (tuning: attempts, delays) with this profile's throttling signals added."""
        base = policy if policy is not None else RetryPolicy()
        return replace(
            base,
            retry_response=base.retry_response or self.throttled,
            unprocessed_statuses=base.unprocessed_statuses | self.unprocessed_statuses,
        )

    def retry_transport(
        self,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        policy: RetryPolicy | None = None,
        **options: Any,
    ) -> RetryTransport | AsyncRetryTransport:
        """Retries of what the profile says is safe to repeat, around `transport` (sync or async,
        as `retries.retrying` chooses); `options` are the retry transport's (`sleep`, ...)."""
        is_safe = idempotent_by_operations(profile_operations(self.name))
        return retrying(transport, self.retry_policy(policy), is_safe=is_safe, **options)

    def httpx_args(
        self,
        auth: httpx.Auth | None,
        *,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        policy: RetryPolicy | None = None,
        **options: Any,
    ) -> dict[str, Any]:
        """The `httpx_args` of the profile's generated `Client`: `auth` and the retry transport."""
        args: dict[str, Any] = {"transport": self.retry_transport(transport, policy, **options)}
        if auth is not None:
            args["auth"] = auth
        return args
