"""Invoca's Network Integration API (profiles/invoca/openapi.yaml) on the overlay's generic
strategies:

- credentials: an API token in the `Authorization` header, the `oauth_token` query parameter or
  the `oauth_token` key of the JSON body (`credentials_auth`), or HTTP Basic (`httpx.BasicAuth`);
  its Design Principles page documents no expiry ("Invoca does not use OAuth refresh tokens"), so no
  renewal;
- errors: `{"errors": {"class": ..., "invalid_data": ...}}` (`error_object_decoder`); its 403
  means invalid request arguments, so it is caught both as a `PermissionDeniedError` (its
  status) and as a `BadRequestError` (its meaning): `ERRORS`;
- retries: POST and PUT are upserts (`x-idempotent` in the profile) and DELETE is idempotent,
  so the retry transport may repeat any of them after a 500 or a lost connection (`PROFILE`).
"""

from __future__ import annotations

from typing import Literal

import httpx

from evocalize.credentials_auth import HeaderTokenAuth, JsonBodyTokenAuth, QueryTokenAuth, in_query
from evocalize.errors import (
    BadRequestError,
    ErrorConvention,
    PermissionDeniedError,
    error_object_decoder,
)
from evocalize.profiles.wiring import Profile

__all__ = ["ERRORS", "PROFILE", "InvalidArgumentsError", "token_auth"]

TokenPlace = Literal["header", "query", "body"]


class InvalidArgumentsError(PermissionDeniedError, BadRequestError):
    """Invoca's 403: the request arguments are invalid (the Design Principles page's status
    table)."""

    status_code = 403


# `class` becomes the code, `invalid_data` the message; the classes come from the status.
ERRORS = ErrorConvention(
    error_object_decoder("errors", message="invalid_data", code="class"),
    codes={},
    statuses={403: InvalidArgumentsError},
)
PROFILE = Profile("invoca", ERRORS)


def token_auth(token: str, place: TokenPlace = "header") -> httpx.Auth:
    """The token where Invoca accepts it. In the body, requests without one (GET, DELETE) carry
    it as the query parameter instead."""
    if place == "header":
        return HeaderTokenAuth(token)
    if place == "query":
        return QueryTokenAuth(token)
    return JsonBodyTokenAuth(token, otherwise=in_query())
