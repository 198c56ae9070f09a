"""Invoca's Network Integration API (profiles/invoca/openapi.yaml): which of the overlays'
generic strategies serve its conventions, and the one thing specific to it, its error body.

- Credentials: an API token in the `Authorization` header, the `oauth_token` query parameter or
  the `oauth_token` key of the JSON body (`credentials_auth`), or HTTP Basic (`httpx.BasicAuth`).
- Errors: `{"errors": {"class": ..., "invalid_data": ...}}`, decoded into the typed errors of
  `evocalize.errors`; its 403 means invalid request arguments, so it is caught both as a
  `PermissionDeniedError` (its status) and as a `BadRequestError` (its meaning).
- Retries: POST and PUT are upserts (`x-idempotent` in the profile) and DELETE is idempotent,
  so `RetryTransport` may repeat any of them after a 500 or a lost connection.
"""

from __future__ import annotations

from typing import Any, Literal

import httpx

from evocalize.credentials_auth import HeaderTokenAuth, JsonBodyTokenAuth, QueryTokenAuth
from evocalize.errors import (
    APIError,
    BadRequestError,
    PermissionDeniedError,
    error_class,
    error_object_decoder,
    raise_for_response,
)
from evocalize.retries import RetryPolicy, idempotent_by_operations, retrying
from evocalize.spec import profile_operations

TokenPlace = Literal["header", "query", "body"]


class InvalidArgumentsError(PermissionDeniedError, BadRequestError):
    """Invoca's 403: the request arguments are invalid (the seed's status table)."""

    status_code = 403


# The `errors` object of an Invoca failure: `class` becomes the code, `invalid_data` the message.
decode_invoca_errors = error_object_decoder("errors", message="invalid_data", code="class")


def classify_invoca_error(status: int, code: str | None) -> type[APIError]:
    return InvalidArgumentsError if status == 403 else error_class(status, code)


def raise_for_invoca_response(response: httpx.Response) -> None:
    """Raises the typed error an Invoca answer stands for; returns on success."""
    raise_for_response(response, decode_invoca_errors, classify=classify_invoca_error)


def token_auth(token: str, place: TokenPlace = "header") -> httpx.Auth:
    """The token where Invoca accepts it. In the body, requests without one (GET, DELETE) carry
    it as the query parameter instead."""
    if place == "header":
        return HeaderTokenAuth(token)
    if place == "query":
        return QueryTokenAuth(token)
    return JsonBodyTokenAuth(token, otherwise=QueryTokenAuth(token))


def httpx_args(
    auth: httpx.Auth,
    *,
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
    policy: RetryPolicy | None = None,
    **retry_options: Any,
) -> dict[str, Any]:
    """The `httpx_args` of the generated `invoca_client.Client`: credentials, and retries of the
    requests the profile says are idempotent."""
    is_safe = idempotent_by_operations(profile_operations("invoca"))
    return {
        "auth": auth,
        "transport": retrying(transport, policy, is_safe=is_safe, **retry_options),
    }
