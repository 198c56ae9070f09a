"""AppNexus (Xandr) Impression Bus API (`profiles/appnexus/openapi.yaml`, after its API Semantics
page) on the overlay's generic strategies:

- auth: `POST /auth` gives a session token for the `Authorization` header, as it is; a `401`
  (`NOAUTH`) logs in again once and replays the request (`SessionAuth` with `logging_in`);
- errors: `{"response": {"error_id", "error", ...}}` (`error_object_decoder`), each `error_id`
  to its class (`RATE_EXCEEDED` is a `RateLimitError` whatever its status): `ERRORS`;
- retries: `429`, and the `405` with `RATE_EXCEEDED` that production answers, wait
  `Retry-After` and try again, for requests the profile says are safe to repeat: `PROFILE`;
- paging: `start_element` / `num_elements` / `count`, at most 100 a page (`OffsetPaging`).
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from evocalize.credentials_auth import in_header
from evocalize.errors import (
    APIError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ErrorConvention,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    error_object_decoder,
    json_body,
)
from evocalize.pagination import OffsetPaging
from evocalize.profiles.wiring import Profile
from evocalize.session_auth import SessionAuth, logging_in

__all__ = ["ERRORS", "ERROR_IDS", "PROFILE", "paging", "rate_exceeded", "session_auth"]

# Each `error_id` of the API Semantics page's table (plus NOT_FOUND and RATE_EXCEEDED) and the class
# it raises.
ERROR_IDS: dict[str, type[APIError]] = {
    "NOAUTH": AuthenticationError,
    "UNAUTH": PermissionDeniedError,
    "SYNTAX": BadRequestError,
    "SYSTEM": InternalServerError,
    "INTEGRITY": ConflictError,
    "NOT_FOUND": NotFoundError,
    "RATE_EXCEEDED": RateLimitError,
}

# `error` (verbose) as the message, `error_id` as the code, `error_description` and
# `error_code` (optional) as details; the root key `response` holds successes too.
ERRORS = ErrorConvention(
    error_object_decoder(
        "response",
        message="error",
        code="error_id",
        details=("error_description", "error_code"),
        marked=True,
    ),
    ERROR_IDS,
)


def rate_exceeded(response: httpx.Response) -> bool:
    """AppNexus's throttling signal, whatever the status (production answers it with 405)."""
    found = ERRORS.decode(response)
    return found is not None and found[0].code == "RATE_EXCEEDED"


PROFILE = Profile("appnexus", ERRORS, throttled=rate_exceeded)


def _token(response: httpx.Response) -> str:
    body = json_body(response)
    answer = body.get("response") if isinstance(body, Mapping) else None
    token = answer.get("token") if isinstance(answer, Mapping) else None
    return token if isinstance(token, str) else ""


def session_auth(username: str, password: str) -> SessionAuth:
    """Logs in at `/auth` of the API the request goes to, and sends the session token as the
    whole `Authorization` header; a `401` renews it once."""
    if not username or not password:
        raise ValueError("both a username and a password are needed")

    def login(request: httpx.Request) -> httpx.Request:
        body = {"auth": {"username": username, "password": password}}
        return httpx.Request("POST", request.url.join("/auth"), json=body)

    return SessionAuth(logging_in(login, _token, errors=ERRORS), place=in_header(scheme=""))


def paging(service_plural: str, page_size: int = 100) -> OffsetPaging:
    """Offset paging of one service's listing, its items under `response.<service_plural>`
    (`creatives`)."""
    return OffsetPaging(items_path=("response", service_plural), page_size=page_size)
