"""AppNexus (Xandr) Impression Bus API (`profiles/appnexus/openapi.yaml`, `seeds/002`) on the
overlay's generic strategies:

- auth: `POST /auth` gives a session token for the `Authorization` header; a `401` (`NOAUTH`)
  logs in again once and replays the request (`SessionAuth`);
- errors: `{"response": {"error_id", "error", ...}}` decoded into the typed errors, each
  `error_id` to its class (`RATE_EXCEEDED` is a `RateLimitError` whatever its status);
- retries: `429`, and the `405` with `RATE_EXCEEDED` that production answers, wait `Retry-After`
  and try again, for requests the profile says are safe to repeat;
- paging: `start_element` / `num_elements` / `count`, at most 100 a page (`OffsetPaging`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import httpx

from evocalize.errors import (
    APIError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ErrorConvention,
    ErrorDetail,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
)
from evocalize.pagination import OffsetPaging
from evocalize.retries import (
    AsyncRetryTransport,
    RetryPolicy,
    RetryTransport,
    idempotent_by_operations,
)
from evocalize.session_auth import SessionAuth, raw_header
from evocalize.spec import profile_operations

__all__ = [
    "ERRORS",
    "ERROR_IDS",
    "RETRY_POLICY",
    "async_retry_transport",
    "decode_errors",
    "paging",
    "rate_exceeded",
    "retry_transport",
    "session_auth",
]

# Each `error_id` of the seed's table (plus NOT_FOUND and RATE_EXCEEDED) and the class it raises.
ERROR_IDS: dict[str, type[APIError]] = {
    "NOAUTH": AuthenticationError,
    "UNAUTH": PermissionDeniedError,
    "SYNTAX": BadRequestError,
    "SYSTEM": InternalServerError,
    "INTEGRITY": ConflictError,
    "NOT_FOUND": NotFoundError,
    "RATE_EXCEEDED": RateLimitError,
}


def _answer(response: httpx.Response) -> Mapping[str, Any] | None:
    """What the root key `response` holds, or None."""
    try:
        body = json.loads(response.content) if response.content else None
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    answer = body.get("response") if isinstance(body, Mapping) else None
    return answer if isinstance(answer, Mapping) else None


def decode_errors(response: httpx.Response) -> list[ErrorDetail] | None:
    """The error of an AppNexus answer: `error` (verbose) as the message, `error_id` as the
    code, `error_description` and `error_code` (optional) as details."""
    answer = _answer(response)
    if answer is None or ("error_id" not in answer and "error" not in answer):
        return None
    error_id = answer.get("error_id")
    details = {k: answer[k] for k in ("error_description", "error_code") if answer.get(k)}
    message = answer.get("error") or error_id or "error"
    return [
        ErrorDetail(message=str(message), code=str(error_id) if error_id else None, details=details)
    ]


ERRORS = ErrorConvention(decode_errors, ERROR_IDS)


def rate_exceeded(response: httpx.Response) -> bool:
    """AppNexus's throttling signal, whatever the status (production answers it with 405)."""
    found = decode_errors(response)
    return found is not None and found[0].code == "RATE_EXCEEDED"


# 429 and 5xx as usual, and any answer saying RATE_EXCEEDED (the 405 of production).
RETRY_POLICY = RetryPolicy(retry_response=rate_exceeded)


def _token(response: httpx.Response) -> str:
    answer = _answer(response) or {}
    token = answer.get("token")
    return token if isinstance(token, str) else ""


def session_auth(username: str, password: str) -> SessionAuth:
    """Logs in at `/auth` of the API the request goes to, and sends the session token as the
    whole `Authorization` header; a `401` renews it once."""
    if not username or not password:
        raise ValueError("both a username and a password are needed")

    def login(request: httpx.Request) -> httpx.Request:
        body = {"auth": {"username": username, "password": password}}
        return httpx.Request("POST", request.url.join("/auth"), json=body)

    return SessionAuth(login, _token, apply=raw_header("Authorization"), errors=ERRORS)


def paging(service_plural: str, page_size: int = 100) -> OffsetPaging:
    """Offset paging of one service's listing, its items under `response.<service_plural>`
    (`creatives`)."""
    return OffsetPaging(items_path=("response", service_plural), page_size=page_size)


def retry_transport(
    transport: httpx.BaseTransport | None = None, policy: RetryPolicy = RETRY_POLICY, **options: Any
) -> RetryTransport:
    """Retries what the profile says is safe to repeat (GET, PUT, DELETE; not creating POSTs)."""
    return RetryTransport(
        transport,
        policy,
        is_safe=idempotent_by_operations(profile_operations("appnexus")),
        **options,
    )


def async_retry_transport(
    transport: httpx.AsyncBaseTransport | None = None,
    policy: RetryPolicy = RETRY_POLICY,
    **options: Any,
) -> AsyncRetryTransport:
    return AsyncRetryTransport(
        transport,
        policy,
        is_safe=idempotent_by_operations(profile_operations("appnexus")),
        **options,
    )
