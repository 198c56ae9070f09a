"""Tokens that expire: obtain one, send it on every request, and when the server says it has
expired, obtain a new one once and send the request again. The one renewal mechanism of the
overlay; what differs between APIs is a strategy:

- how a token is obtained (`ObtainToken`): by a login request sent through the same flow
  (`logging_in`: AppNexus's `POST /auth`; Adnuntius's token request),
  or by a function of the caller's (`renewed_by`: BidTheatre documents no way to obtain one);
- where it goes on a request (`credentials_auth.in_header`, raw or `Bearer`, or any placement);
- what says it expired (`expired`, a 401 by default).

As an `httpx.Auth`, it works under any client built on httpx, the generated ones included, sync
or async, and a login request goes through the same transport (and so the same retries) as
every other request. The password lives in whatever builds the login request, the token in a
private attribute: no repr, log line or exception shows either.
"""

from __future__ import annotations

from collections.abc import Callable, Generator

import httpx

from evocalize.credentials_auth import PlaceToken, in_header
from evocalize.errors import ErrorConvention, ResponseValidationError

__all__ = ["ObtainToken", "SessionAuth", "logging_in", "rejected_with_401", "renewed_by"]

# Builds the login request, given the request that needs a token (whose URL says where the API
# is): a new request each time, as a request is sent once.
LoginRequest = Callable[[httpx.Request], httpx.Request]
# Obtains a token for the request that needs one: the requests it yields (a login) go through
# the auth flow, their answers come back, and it returns the token.
ObtainToken = Callable[[httpx.Request], Generator[httpx.Request, httpx.Response, str]]


def rejected_with_401(response: httpx.Response) -> bool:
    """The usual sign of an expired token: `401 Unauthorized`."""
    return response.status_code == 401


def logging_in(
    login: LoginRequest,
    read_token: Callable[[httpx.Response], str],
    *,
    errors: ErrorConvention | None = None,
) -> ObtainToken:
    """A token from a login request: `read_token` takes it out of the success answer; a failed
    login raises the typed error of `errors` (a wrong password is an `AuthenticationError`, not
    a loop), an answer without a token a `ResponseValidationError`."""
    convention = errors if errors is not None else ErrorConvention()

    def obtain(request: httpx.Request) -> Generator[httpx.Request, httpx.Response, str]:
        response = yield login(request)
        convention.raise_for(response)
        token = read_token(response)
        if not token:
            raise ResponseValidationError("the login answer holds no token")
        return token

    return obtain


def renewed_by(renew: Callable[[], str]) -> ObtainToken:
    """A token from the caller's `renew()`, for APIs that leave obtaining one to the caller."""

    def obtain(request: httpx.Request) -> Generator[httpx.Request, httpx.Response, str]:
        yield from ()  # sends nothing of its own
        token = renew()
        if not token:
            raise ValueError("the renew function returned no token")
        return token

    return obtain


class SessionAuth(httpx.Auth):
    """Obtains a token on the first request (unless it starts with `token`), caches it, and when
    a response says it expired, obtains a new one once and replays the request with it.

    A request refused again after a fresh token is returned as it is, for the caller's error
    handling. A request refused with a token that another request has already renewed is
    replayed with the new token, without obtaining another.
    """

    requires_response_body = True  # the login answer, and bodies that signal expiry

    def __init__(
        self,
        obtain: ObtainToken,
        *,
        place: PlaceToken | None = None,
        token: str | None = None,
        expired: Callable[[httpx.Response], bool] = rejected_with_401,
    ) -> None:
        self._obtain = obtain
        self._place = place if place is not None else in_header()
        self._token = token or None
        self._expired = expired
        self.obtained = 0  # how many tokens it obtained: a number, never a credential

    def __repr__(self) -> str:
        state = "holding a token" if self._token is not None else "holding no token"
        return f"{type(self).__name__}({state}, obtained={self.obtained})"

    def forget(self) -> None:
        """Drops the cached token: the next request obtains one first."""
        self._token = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        token = self._token
        if token is None:
            token = yield from self._renew(request)
        response = yield self._place(request, token)
        if not self._expired(response):
            return
        if self._token in (None, token):  # nobody renewed it meanwhile
            token = yield from self._renew(request)
        else:
            token = self._token
        yield self._place(request, token)

    def _renew(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, str]:
        self._token = None
        token = yield from self._obtain(request)
        self.obtained += 1
        self._token = token
        return token
