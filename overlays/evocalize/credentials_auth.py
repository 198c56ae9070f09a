"""Static credentials as `httpx.Auth` objects: an API token in a header, in a query parameter or in
the JSON body, the conventions of peer ad-tech APIs (Invoca takes all three; BidTheatre the raw
token in `Authorization`). HTTP Basic needs nothing here: `httpx.BasicAuth` is the strategy.

A token that can expire (BidTheatre answers 401 "Bad or expired token. Re-authenticate") is
renewed through a `renew` function the caller supplies: on a 401 the request is sent once more
with the new token. How a token is obtained is the caller's business, since neither seed
documents it.

Tokens live in private attributes: no repr, log line or exception shows them. (A token in the
URL is visible to whatever logs URLs; the query strategy exists because Invoca documents it.)
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Generator
from typing import Any

import httpx

__all__ = ["HeaderTokenAuth", "JsonBodyTokenAuth", "QueryTokenAuth"]

# Where a token goes on a request: what the three strategies differ in.
_Place = Callable[[httpx.Request, str], httpx.Request]


class _TokenAuth(httpx.Auth):
    """Places the current token on each request; with `renew`, replaces an expired token once."""

    def __init__(self, token: str, *, renew: Callable[[], str] | None = None) -> None:
        if not token:
            raise ValueError("a token is needed")
        self._token = token
        self._renew = renew
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(token='***')"

    def place(self, request: httpx.Request, token: str) -> httpx.Request:
        raise NotImplementedError

    def _renewed(self, rejected: str) -> str:
        # Concurrent requests rejected with the same token renew it once between them.
        with self._lock:
            if self._token == rejected and self._renew is not None:
                token = self._renew()
                if not token:
                    raise ValueError("the renew function returned no token")
                self._token = token
            return self._token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        sent = self._token
        response = yield self.place(request, sent)
        if response.status_code == 401 and self._renew is not None:
            yield self.place(request, self._renewed(sent))


class HeaderTokenAuth(_TokenAuth):
    """The token in a header: `Authorization: Bearer <token>` by default; `scheme=""` sends the
    token as it is (BidTheatre), `header=` names another header."""

    def __init__(
        self,
        token: str,
        *,
        header: str = "Authorization",
        scheme: str = "Bearer",
        renew: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(token, renew=renew)
        self.header = header
        self.scheme = scheme

    def place(self, request: httpx.Request, token: str) -> httpx.Request:
        request.headers[self.header] = f"{self.scheme} {token}" if self.scheme else token
        return request


class QueryTokenAuth(_TokenAuth):
    """The token as a query parameter (Invoca's `oauth_token`), replacing any value there."""

    def __init__(
        self,
        token: str,
        *,
        parameter: str = "oauth_token",
        renew: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(token, renew=renew)
        self.parameter = parameter

    def place(self, request: httpx.Request, token: str) -> httpx.Request:
        request.url = request.url.copy_set_param(self.parameter, token)
        return request


class JsonBodyTokenAuth(_TokenAuth):
    """The token as a key of the JSON object body (Invoca's `{"oauth_token": ...}`).

    A request without a JSON object body (a GET, a DELETE) has nowhere to carry it: it goes to
    `otherwise` (for instance a `QueryTokenAuth` of the same token), and without one it is
    refused with a ValueError rather than sent without credentials.
    """

    def __init__(
        self,
        token: str,
        *,
        key: str = "oauth_token",
        otherwise: _TokenAuth | None = None,
        renew: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(token, renew=renew)
        self.key = key
        self._otherwise = otherwise

    def place(self, request: httpx.Request, token: str) -> httpx.Request:
        body = _json_object(request)
        if body is None:
            if self._otherwise is None:
                what = f"{request.method} {request.url.path}"
                raise ValueError(f"{what} has no JSON object body to carry the token")
            return self._otherwise.place(request, token)
        body[self.key] = token
        headers = request.headers.copy()
        del headers["Content-Length"]  # the new body has its own length
        return httpx.Request(
            request.method,
            request.url,
            headers=headers,
            content=json.dumps(body, separators=(",", ":")).encode(),
            extensions=request.extensions,
        )


def _json_object(request: httpx.Request) -> dict[str, Any] | None:
    if "json" not in request.headers.get("Content-Type", ""):
        return None
    try:
        body = json.loads(request.read() or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    return body if isinstance(body, dict) else None
