"""Where an API token goes on a request, and static tokens as `httpx.Auth` objects: in a header
(raw, `Bearer`, or any header), in a query parameter or in the JSON body, the conventions of peer
ad-tech APIs (Invoca takes all three; BidTheatre and AppNexus the raw token in `Authorization`,
Adnuntius a Bearer token). HTTP Basic needs nothing here: `httpx.BasicAuth` is the strategy.

The placements (`in_header`, `in_query`, `in_json_body`) serve `TokenAuth`, for a token that
does not expire, and `session_auth.SessionAuth`, for one that is obtained and renewed after a
401: a token that can expire belongs there, not here.

Tokens live in private attributes: no repr, log line or exception shows them. (A token in the
URL is visible to whatever logs URLs; the query placement exists because Invoca documents it.)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Generator
from typing import Any

import httpx

__all__ = [
    "HeaderTokenAuth",
    "JsonBodyTokenAuth",
    "PlaceToken",
    "QueryTokenAuth",
    "TokenAuth",
    "in_header",
    "in_json_body",
    "in_query",
]

# Puts a token on a request, answering the request to send (the same one, or a rebuilt one when
# the body had to change).
PlaceToken = Callable[[httpx.Request, str], httpx.Request]


def in_header(header: str = "Authorization", scheme: str = "Bearer") -> PlaceToken:
    """`<header>: <scheme> <token>`, `Authorization: Bearer` by default (RFC 6750); `scheme=""`
    sends the token as the whole value (BidTheatre's and AppNexus's `Authorization: <token>`)."""

    def place(request: httpx.Request, token: str) -> httpx.Request:
        request.headers[header] = f"{scheme} {token}" if scheme else token
        return request

    return place


def in_query(parameter: str = "oauth_token") -> PlaceToken:
    """The token as a query parameter (Invoca's `oauth_token`), replacing any value there."""

    def place(request: httpx.Request, token: str) -> httpx.Request:
        request.url = request.url.copy_set_param(parameter, token)
        return request

    return place


def in_json_body(key: str = "oauth_token", otherwise: PlaceToken | None = None) -> PlaceToken:
    """The token as a key of the JSON object body (Invoca's `{"oauth_token": ...}`).

    A request without a JSON object body (a GET, a DELETE) has nowhere to carry it: it goes
    `otherwise` (for instance `in_query()`), and without one it is refused with a ValueError
    rather than sent without credentials.
    """

    def place(request: httpx.Request, token: str) -> httpx.Request:
        body = _json_object(request)
        if body is None:
            if otherwise is None:
                what = f"{request.method} {request.url.path}"
                raise ValueError(f"{what} has no JSON object body to carry the token")
            return otherwise(request, token)
        body[key] = token
        headers = request.headers.copy()
        del headers["Content-Length"]  # the new body has its own length
        return httpx.Request(
            request.method,
            request.url,
            headers=headers,
            content=json.dumps(body, separators=(",", ":")).encode(),
            extensions=request.extensions,
        )

    return place


def _json_object(request: httpx.Request) -> dict[str, Any] | None:
    if "json" not in request.headers.get("Content-Type", ""):
        return None
    try:
        body = json.loads(request.read() or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    return body if isinstance(body, dict) else None


class TokenAuth(httpx.Auth):
    """A token that does not expire, placed on every request by `place`; a 401 is answered as
    it is (a token that is renewed is a `SessionAuth`)."""

    def __init__(self, token: str, place: PlaceToken) -> None:
        if not token:
            raise ValueError("a token is needed")
        self._token = token
        self._place = place

    def __repr__(self) -> str:
        return f"{type(self).__name__}(token='***')"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        yield self._place(request, self._token)


class HeaderTokenAuth(TokenAuth):
    """`TokenAuth` with `in_header`: `Authorization: Bearer <token>` by default."""

    def __init__(
        self, token: str, *, header: str = "Authorization", scheme: str = "Bearer"
    ) -> None:
        super().__init__(token, in_header(header, scheme))


class QueryTokenAuth(TokenAuth):
    """`TokenAuth` with `in_query`: the `oauth_token` query parameter by default."""

    def __init__(self, token: str, *, parameter: str = "oauth_token") -> None:
        super().__init__(token, in_query(parameter))


class JsonBodyTokenAuth(TokenAuth):
    """`TokenAuth` with `in_json_body`: the `oauth_token` key by default, and for a request
    without a JSON object body, the placement `otherwise` (or a ValueError)."""

    def __init__(
        self, token: str, *, key: str = "oauth_token", otherwise: PlaceToken | None = None
    ) -> None:
        super().__init__(token, in_json_body(key, otherwise))
