"""BidTheatre's API (profiles/bidtheatre/openapi.yaml): which of the overlays' generic strategies
serve its conventions, and the one thing specific to it, its error body.

- Credentials: the token as it is in `Authorization` (`HeaderTokenAuth` without a scheme word),
  renewed through the caller's `renew` when the API answers 401 "Bad or expired token.
  Re-authenticate" (the seed documents no way to obtain one, so obtaining it is the caller's).
- Errors: `{"error": {"message", "errorCode"?}, "apiVersion", "code", "method", "networkId"}`,
  decoded into the typed errors of `evocalize.errors` by status.
- Throttling: 429 with `Retry-After` is waited out and retried by `RetryTransport`; the 429
  comes before anything is done, so a throttled POST is retried too (`unprocessed_statuses`),
  while a POST that failed with a 5xx is not (it may have created the campaign).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import httpx

from evocalize.credentials_auth import HeaderTokenAuth
from evocalize.errors import error_object_decoder, raise_for_response
from evocalize.retries import RetryPolicy, idempotent_by_operations, retrying
from evocalize.spec import profile_operations

# The seed's throttling answer: the request was refused before it was acted on.
THROTTLED = frozenset({429})


# The `error` object of a BidTheatre failure; its optional `errorCode` (an application error
# code, which may follow a 403 or a 500) becomes the code.
decode_bidtheatre_errors = error_object_decoder("error", code="errorCode")


def raise_for_bidtheatre_response(response: httpx.Response) -> None:
    """Raises the typed error a BidTheatre answer stands for; returns on success."""
    raise_for_response(response, decode_bidtheatre_errors)


def token_auth(token: str, renew: Callable[[], str] | None = None) -> HeaderTokenAuth:
    """The token as it is in `Authorization`, replaced by `renew()` after a 401."""
    return HeaderTokenAuth(token, scheme="", renew=renew)


def httpx_args(
    auth: httpx.Auth,
    *,
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
    policy: RetryPolicy | None = None,
    **retry_options: Any,
) -> dict[str, Any]:
    """The `httpx_args` of the generated `bidtheatre_client.Client`: credentials, and retries of
    throttled requests and of the requests the profile says are idempotent."""
    base = policy or RetryPolicy()
    throttling = replace(base, unprocessed_statuses=base.unprocessed_statuses | THROTTLED)
    is_safe = idempotent_by_operations(profile_operations("bidtheatre"))
    return {
        "auth": auth,
        "transport": retrying(transport, throttling, is_safe=is_safe, **retry_options),
    }
