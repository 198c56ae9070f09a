"""BidTheatre's API (profiles/bidtheatre/openapi.yaml) on the overlay's generic strategies:

- credentials: the token as it is in `Authorization`; when the API answers 401 "Bad or expired
  token. Re-authenticate", a new one from the caller's `renew` once and the request replayed
  (`SessionAuth` with `renewed_by`: its Responses page documents no way to obtain a token);
- errors: `{"error": {"message", "errorCode"?}, "apiVersion", "code", "method", "networkId"}`
  (`error_object_decoder`), classes by status, the optional `errorCode` (an application error
  code, which may follow a 403 or a 500) as the code: `ERRORS`;
- throttling: 429 with `Retry-After` is waited out and retried; the 429 comes before anything
  is done, so a throttled POST is retried too (`unprocessed_statuses`), while a POST that failed
  with a 5xx is not (it may have created the campaign): `PROFILE`.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx

from evocalize.credentials_auth import HeaderTokenAuth, in_header
from evocalize.errors import ErrorConvention, error_object_decoder
from evocalize.profiles.wiring import Profile
from evocalize.session_auth import SessionAuth, renewed_by

__all__ = ["ERRORS", "PROFILE", "token_auth"]

ERRORS = ErrorConvention(error_object_decoder("error", code="errorCode"), codes={})
# The Responses page's throttling answer: the request was refused before it was acted on.
PROFILE = Profile("bidtheatre", ERRORS, unprocessed_statuses=frozenset({429}))


def token_auth(token: str, renew: Callable[[], str] | None = None) -> httpx.Auth:
    """The token as it is in `Authorization`; with `renew`, replaced by `renew()` after a 401."""
    if renew is None:
        return HeaderTokenAuth(token, scheme="")
    return SessionAuth(renewed_by(renew), place=in_header(scheme=""), token=token)
