"""Xandr's (AppNexus's) Impression Bus API (profiles/appnexus/openapi.yaml) on the overlay's
generic strategies, and its typed clients `AppNexusClient` / `AsyncAppNexusClient`:

- credentials: a session token from `POST /auth` as the whole `Authorization` value, renewed
  only after a `NOAUTH` error (the Authentication Service page's practice), never on another
  401: `session_auth`;
- errors: `{"response": {"error_id", "error", "error_description"?, "error_code"?}}`, each
  `error_id` its class (`ERROR_IDS`); a throttled answer (a `x-ratelimit-code` header, or
  `RATE_EXCEEDED`) is a `RateLimitError` whatever its status (429, 503, 405): `ERRORS`;
- throttling: those answers are retried after `Retry-After`, for requests safe to repeat:
  `PROFILE` (`throttled`);
- paging: `start_element` / `num_elements` (at most 100 come back, however many are asked),
  `response.count`, sorted `id.asc` so that pages do not shift: `paging`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx
from appnexus_resources import DEFAULT_BASE_URL, AsyncResources, SyncResources

from evocalize._operation import Operation
from evocalize.credentials_auth import in_header
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
    error_object_decoder,
    json_body,
)
from evocalize.pagination import Cursor, OffsetPaging
from evocalize.profiles.wiring import Profile
from evocalize.session_auth import SessionAuth, logging_in

__all__ = [
    "DEFAULT_BASE_URL",
    "ERRORS",
    "ERROR_IDS",
    "PROFILE",
    "RATE_LIMIT_HEADER",
    "AppNexusClient",
    "AsyncAppNexusClient",
    "StableOffsetPaging",
    "decode_errors",
    "paging",
    "rate_limited",
    "session_auth",
]

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
# The header of the platform's rate limiting, on a 429 and on a 503 that sheds load (the API
# Usage Constraints page).
RATE_LIMIT_HEADER = "x-ratelimit-code"

_decode_response = error_object_decoder(
    "response",
    message="error",
    code="error_id",
    details=("error_description", "error_code"),
    marked=True,
)


def decode_errors(response: httpx.Response) -> list[ErrorDetail] | None:
    """The `response` object's error; a rate-limited answer (its `x-ratelimit-code` header) is
    `RATE_EXCEEDED` whatever its body, with the header's value in its details."""
    found = _decode_response(response)
    limit = response.headers.get(RATE_LIMIT_HEADER)
    if limit is None or response.is_success:
        return found
    message = found[0].message if found else f"rate limited ({limit})"
    return [ErrorDetail(message=message, code="RATE_EXCEEDED", details={RATE_LIMIT_HEADER: limit})]


ERRORS = ErrorConvention(decode_errors, ERROR_IDS)


def rate_limited(response: httpx.Response) -> bool:
    """Xandr's throttling signals, whatever the status: `x-ratelimit-code`, or `RATE_EXCEEDED`
    (production answers that one with 405)."""
    if RATE_LIMIT_HEADER in response.headers:
        return True
    found = _decode_response(response)
    return found is not None and found[0].code == "RATE_EXCEEDED"


PROFILE = Profile("appnexus", ERRORS, throttled=rate_limited)


def _token(response: httpx.Response) -> str:
    body = json_body(response)
    answer = body.get("response") if isinstance(body, Mapping) else None
    token = answer.get("token") if isinstance(answer, Mapping) else None
    return token if isinstance(token, str) else ""


def session_expired(response: httpx.Response) -> bool:
    """Only `NOAUTH` says the session is gone (2 hours idle, or 24 hours old); any other
    refusal is answered as it is, without logging in again."""
    found = _decode_response(response)
    return found is not None and found[0].code == "NOAUTH"


def session_auth(username: str, password: str) -> SessionAuth:
    """Logs in at `/auth` of the API the request goes to, and sends the session token as the
    whole `Authorization` header; a `NOAUTH` answer logs in once more and replays the request."""
    if not username or not password:
        raise ValueError("both a username and a password are needed")

    def login(request: httpx.Request) -> httpx.Request:
        body = {"auth": {"username": username, "password": password}}
        return httpx.Request("POST", request.url.join("/auth"), json=body)

    return SessionAuth(
        logging_in(login, _token, errors=ERRORS),
        place=in_header(scheme=""),
        expired=session_expired,
    )


@dataclass(frozen=True, kw_only=True)
class StableOffsetPaging(OffsetPaging):
    """Offset paging in a fixed order (`sort=id.asc` unless the caller sorts), so that a
    creative added or removed between two requests does not shift the pages."""

    sort_param: str = "sort"
    sort: str = "id.asc"

    def first_params(self, start: Cursor | None) -> dict[str, Any]:
        return {**super().first_params(start), self.sort_param: self.sort}


def paging(items_path: tuple[str, ...], page_size: int = 100) -> StableOffsetPaging:
    """Offset paging of one service's listing, its items at `items_path`
    (`("response", "creatives")`), sorted by id."""
    return StableOffsetPaging(items_path=items_path, page_size=page_size)


class _AppNexus:
    profile = PROFILE

    def _paging(self, operation: Operation[Any]) -> StableOffsetPaging:
        return paging(operation.items_path)


def _auth(username: str | None, password: str | None, auth: httpx.Auth | None) -> httpx.Auth:
    if auth is not None:
        return auth
    return session_auth(username or "", password or "")


class AppNexusClient(_AppNexus, SyncResources):
    """Xandr's typed client: `client.authentication`, `client.creatives`; it logs in on the first
    request and again after `NOAUTH`."""

    def __init__(
        self,
        username: str | None = None,
        password: str | None = None,
        *,
        auth: httpx.Auth | None = None,
        base_url: str = DEFAULT_BASE_URL,
        **options: Any,
    ) -> None:
        super().__init__(base_url, _auth(username, password, auth), **options)


class AsyncAppNexusClient(_AppNexus, AsyncResources):
    """`AppNexusClient` for asyncio (and trio)."""

    def __init__(
        self,
        username: str | None = None,
        password: str | None = None,
        *,
        auth: httpx.Auth | None = None,
        base_url: str = DEFAULT_BASE_URL,
        **options: Any,
    ) -> None:
        super().__init__(base_url, _auth(username, password, auth), **options)
