"""Auth for the peer APIs that log in with a password and hand out a refresh token beside the
access token (BidTheatre, Adnuntius): log in on the first request; after a 401, refresh the token
with the refresh token, and only when that fails log in again. `logins` and `refreshes` count what
it did, never the credentials, which no repr shows."""

from __future__ import annotations

from collections.abc import Callable, Generator, Mapping
from typing import Any

import httpx

from evocalize.credentials_auth import PlaceToken
from evocalize.errors import ErrorConvention, ResponseValidationError, json_body

__all__ = ["RefreshingTokenAuth", "TokenPair", "string_at"]

# The access token and the refresh token (None when the answer has none) of a token answer.
TokenPair = tuple[str | None, str | None]


class RefreshingTokenAuth(httpx.Auth):
    """`login(forced)` is the body of a login (`forced` after a refused token: BidTheatre would
    answer the refused token again unless told `forceNewToken`), `refresh(token)` the body of a
    refresh, both POSTed as JSON to `token_path` of the API the request goes to; `read` takes the
    token pair out of an answer's decoded body; `place` puts the token on a request."""

    requires_response_body = True

    def __init__(
        self,
        *,
        token_path: str,
        login: Callable[[bool], Mapping[str, Any]],
        refresh: Callable[[str], Mapping[str, Any]],
        read: Callable[[Any], TokenPair],
        place: PlaceToken,
        errors: ErrorConvention,
    ) -> None:
        self._token_path = token_path
        self._login_body = login
        self._refresh_body = refresh
        self._read = read
        self._place = place
        self._errors = errors
        self._token: str | None = None
        self._refresh_token: str | None = None
        self.logins = 0
        self.refreshes = 0

    def __repr__(self) -> str:
        state = "holding a token" if self._token else "holding no token"
        return f"{type(self).__name__}({state}, logins={self.logins}, refreshes={self.refreshes})"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._token is None:
            yield from self._login(request, forced=False)
        sent = self._token
        response = yield self._place(request, self._token or "")
        if response.status_code != 401:
            return
        if self._token == sent:  # nobody renewed it meanwhile
            yield from self._renew(request)
        yield self._place(request, self._token or "")

    def _post(self, request: httpx.Request, body: Mapping[str, Any]) -> httpx.Request:
        return httpx.Request("POST", request.url.join(self._token_path), json=dict(body))

    def _renew(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._refresh_token:
            response = yield self._post(request, self._refresh_body(self._refresh_token))
            if response.is_success and self._take(response):
                self.refreshes += 1
                return
        yield from self._login(request, forced=True)

    def _login(
        self, request: httpx.Request, *, forced: bool
    ) -> Generator[httpx.Request, httpx.Response, None]:
        response = yield self._post(request, self._login_body(forced))
        self._errors.raise_for(response)
        if not self._take(response):
            raise ResponseValidationError("the login answer holds no token")
        self.logins += 1

    def _take(self, response: httpx.Response) -> bool:
        token, refresh_token = self._read(json_body(response))
        if not token:
            return False
        self._token = token
        self._refresh_token = refresh_token or None
        return True


def string_at(body: Any, *keys: str) -> str | None:
    """The string at `keys` in a decoded body, None when absent or not a string."""
    found = body
    for key in keys:
        found = found.get(key) if isinstance(found, Mapping) else None
    return found if isinstance(found, str) and found else None
