"""Credentials that expire: log in once for a token, send it on every request, and when the
server says it has expired, log in again and send the request once more.

AppNexus answers `POST /auth` with a session token that goes in the `Authorization` header
(`seeds/002`, "Use /auth to get a valid token"); Adnuntius answers its token request with an
access token sent as `Authorization: Bearer` (`seeds/004`). Both are `SessionAuth` with their
own login request, token reader and header. As an `httpx.Auth`, it works under any client built
on httpx, the generated ones included, sync or async, and the login request goes through the
same transport (and so the same retries) as every other request.

The password lives in whatever builds the login request, the token in a private attribute:
no repr, log line or exception shows either.
"""

from __future__ import annotations

from collections.abc import Callable, Generator

import httpx

from evocalize.errors import ErrorConvention, ResponseValidationError

__all__ = ["SessionAuth", "bearer_header", "raw_header", "rejected_with_401"]

# Builds the login request, given the request that needs a token (whose URL says where the API
# is): a new request each time, as a request is sent once.
LoginRequest = Callable[[httpx.Request], httpx.Request]
# Puts a token on a request.
ApplyToken = Callable[[httpx.Request, str], None]


def rejected_with_401(response: httpx.Response) -> bool:
    """The usual sign of an expired token: `401 Unauthorized`."""
    return response.status_code == 401


def bearer_header(request: httpx.Request, token: str) -> None:
    """`Authorization: Bearer <token>` (RFC 6750)."""
    request.headers["Authorization"] = f"Bearer {token}"


def raw_header(name: str = "Authorization") -> ApplyToken:
    """The token as the whole value of header `name` (AppNexus's `Authorization: <token>`)."""

    def apply(request: httpx.Request, token: str) -> None:
        request.headers[name] = token

    return apply


class SessionAuth(httpx.Auth):
    """Logs in on the first request, caches the token, and renews it once when a response says
    it expired (`expired`, a 401 by default), then replays the request with the new one.

    `login` builds the login request; `read_token` takes the token out of its success answer; a
    failed login raises the typed error of `errors` (a wrong password is an
    `AuthenticationError`, not a loop). A request refused again after a fresh login is returned
    as it is, for the caller's error handling. A request refused with a token that another
    request has already renewed is replayed with the new token, without logging in again.
    """

    requires_response_body = True  # the login answer, and bodies that signal expiry

    def __init__(
        self,
        login: LoginRequest,
        read_token: Callable[[httpx.Response], str],
        *,
        apply: ApplyToken = bearer_header,
        expired: Callable[[httpx.Response], bool] = rejected_with_401,
        errors: ErrorConvention | None = None,
    ) -> None:
        self._login = login
        self._read_token = read_token
        self._apply = apply
        self._expired = expired
        self._errors = errors if errors is not None else ErrorConvention()
        self._token: str | None = None
        self.logins = 0  # how many times it logged in: a number, never a credential

    def __repr__(self) -> str:
        state = "logged in" if self._token is not None else "not logged in"
        return f"{type(self).__name__}({state}, logins={self.logins})"

    def forget(self) -> None:
        """Drops the cached token: the next request logs in first."""
        self._token = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        token = self._token
        if token is None:
            token = yield from self._log_in(request)
        self._apply(request, token)
        response = yield request
        if not self._expired(response):
            return
        if self._token in (None, token):  # nobody renewed it meanwhile
            token = yield from self._log_in(request)
        else:
            token = self._token
        self._apply(request, token)
        yield request

    def _log_in(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, str]:
        self._token = None
        response = yield self._login(request)
        self.logins += 1
        self._errors.raise_for(response)
        token = self._read_token(response)
        if not token:
            raise ResponseValidationError("the login answer holds no token")
        self._token = token
        return token
