"""BidTheatre's API v2.0 (profiles/bidtheatre/openapi.yaml) on the overlay's generic strategies,
and its typed clients `BidTheatreClient` / `AsyncBidTheatreClient`:

- credentials: a login at `POST /v2.0/api/auth` answers a token (one hour) and a refresh token
  (7 days or 10 uses); the token goes as the raw `Authorization` value. When the API answers
  401 ("Bad or expired token"), the refresh token buys a new one (`mode: refresh`), and only if
  that fails does the client log in again, with `forceNewToken` (a plain login would reuse the
  token just refused): `BidTheatreAuth`. A caller holding a token of its own may still pass it
  with `renew` (`token_auth`);
- errors: `{"error": {"message", "errorCode"?}, "apiVersion", "code", "method", "networkId"}`,
  classes by status, the optional `errorCode` as the code: `ERRORS`;
- throttling: 429 with `Retry-After` is waited out and retried for requests safe to repeat. A
  throttled POST is not sent again: the documentation does not say it was not acted on;
- reports: created, then read again until `reportStatus` is no longer `pending`:
  `BidTheatreClient.run_report`.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Generator, Mapping
from typing import Any

import anyio
import httpx
from bidtheatre_client.models import Report, ReportRequest
from bidtheatre_resources import DEFAULT_BASE_URL, AsyncResources, SyncResources

from evocalize.credentials_auth import HeaderTokenAuth, in_header
from evocalize.errors import (
    ErrorConvention,
    EvocalizeError,
    ResponseValidationError,
    error_object_decoder,
    json_body,
)
from evocalize.profiles.wiring import Profile
from evocalize.retries import RetryPolicy
from evocalize.session_auth import SessionAuth, renewed_by

__all__ = [
    "AUTH_PATH",
    "DEFAULT_BASE_URL",
    "ERRORS",
    "PROFILE",
    "AsyncBidTheatreClient",
    "BidTheatreAuth",
    "BidTheatreClient",
    "ReportFailedError",
    "token_auth",
]

AUTH_PATH = "/v2.0/api/auth"
ERRORS = ErrorConvention(error_object_decoder("error", code="errorCode"), codes={})
PROFILE = Profile("bidtheatre", ERRORS)
PENDING = "pending"


class ReportFailedError(EvocalizeError):
    """A report that ended in another status than done, or that was not done in time."""

    def __init__(self, message: str, report: Report | None = None) -> None:
        super().__init__(message)
        self.report = report


class BidTheatreAuth(httpx.Auth):
    """Logs in with a username and a password, sends the token as the raw `Authorization`
    value, and after a 401 gets a new token: from the refresh token first, from a forced new
    login when that fails. `logins` and `refreshes` count what it did (never credentials)."""

    requires_response_body = True

    def __init__(self, username: str, password: str) -> None:
        if not username or not password:
            raise ValueError("both a username and a password are needed")
        self._username = username
        self._password = password
        self._token: str | None = None
        self._refresh_token: str | None = None
        self.logins = 0
        self.refreshes = 0

    def __repr__(self) -> str:
        state = "holding a token" if self._token else "holding no token"
        return f"BidTheatreAuth({state}, logins={self.logins}, refreshes={self.refreshes})"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._token is None:
            yield from self._login(request, force=False)
        sent = self._token
        response = yield self._with_token(request)
        if response.status_code != 401:
            return
        if self._token == sent:  # nobody renewed it meanwhile
            yield from self._renew(request)
        yield self._with_token(request)

    def _with_token(self, request: httpx.Request) -> httpx.Request:
        request.headers["Authorization"] = self._token or ""
        return request

    def _renew(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._refresh_token:
            body = {"mode": "refresh", "refreshToken": self._refresh_token}
            response = yield _auth_request(request, body)
            if response.is_success and self._take(response):
                self.refreshes += 1
                return
        yield from self._login(request, force=True)

    def _login(
        self, request: httpx.Request, *, force: bool
    ) -> Generator[httpx.Request, httpx.Response, None]:
        body: dict[str, Any] = {"username": self._username, "password": self._password}
        if force:
            body["forceNewToken"] = True
        response = yield _auth_request(request, body)
        ERRORS.raise_for(response)
        if not self._take(response):
            raise ResponseValidationError("the login answer holds no token")
        self.logins += 1

    def _take(self, response: httpx.Response) -> bool:
        body = json_body(response)
        auth = body.get("auth") if isinstance(body, Mapping) else None
        token = auth.get("token") if isinstance(auth, Mapping) else None
        if not isinstance(token, str) or not token:
            return False
        self._token = token
        refresh = auth.get("refreshToken") if isinstance(auth, Mapping) else None
        self._refresh_token = refresh if isinstance(refresh, str) and refresh else None
        return True


def _auth_request(request: httpx.Request, body: Mapping[str, Any]) -> httpx.Request:
    return httpx.Request("POST", request.url.join(AUTH_PATH), json=dict(body))


def token_auth(token: str, renew: Callable[[], str] | None = None) -> httpx.Auth:
    """A token of the caller's as the raw `Authorization`; with `renew`, replaced by `renew()`
    after a 401."""
    if renew is None:
        return HeaderTokenAuth(token, scheme="")
    return SessionAuth(renewed_by(renew), place=in_header(scheme=""), token=token)


def _auth(username: str | None, password: str | None, auth: httpx.Auth | None) -> httpx.Auth:
    return auth if auth is not None else BidTheatreAuth(username or "", password or "")


def _finished(report: Report, report_id: int) -> Report | None:
    status = report.report_status if isinstance(report.report_status, str) else PENDING
    if status == PENDING:
        return None
    if status != "done":
        raise ReportFailedError(f"report {report_id} ended {status!r}", report)
    return report


def _report_of(envelope: Any, report_id: int | None = None) -> tuple[Report, int]:
    report = envelope.report
    found = report.id if isinstance(report.id, int) else report_id
    if found is None:
        raise ResponseValidationError("the report answer holds no id")
    return report, found


class BidTheatreClient(SyncResources):
    """BidTheatre's typed client: `client.authentication`, `client.campaigns`,
    `client.reports`; it logs in on the first request."""

    profile = PROFILE

    def __init__(
        self,
        username: str | None = None,
        password: str | None = None,
        *,
        auth: httpx.Auth | None = None,
        base_url: str = DEFAULT_BASE_URL,
        transport: httpx.BaseTransport | None = None,
        policy: RetryPolicy | None = None,
        **options: Any,
    ) -> None:
        super().__init__(
            base_url,
            _auth(username, password, auth),
            transport=transport,
            policy=policy,
            **options,
        )

    def run_report(
        self,
        network_id: int,
        request: ReportRequest | Mapping[str, Any],
        *,
        interval: float = 2.0,
        timeout: float = 600.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> Report:
        """Creates the report, reads it every `interval` seconds until it is done, and returns
        it with its rows; `ReportFailedError` when it fails or is not done within `timeout`."""
        report, report_id = _report_of(self.reports.create_report(network_id, body=request))
        waited = 0.0
        while (done := _finished(report, report_id)) is None:
            if waited >= timeout:
                raise ReportFailedError(f"report {report_id} not done in {timeout} s", report)
            sleep(interval)
            waited += interval
            report, _ = _report_of(self.reports.get_report(network_id, report_id), report_id)
        return done


class AsyncBidTheatreClient(AsyncResources):
    """`BidTheatreClient` for asyncio (and trio)."""

    profile = PROFILE

    def __init__(
        self,
        username: str | None = None,
        password: str | None = None,
        *,
        auth: httpx.Auth | None = None,
        base_url: str = DEFAULT_BASE_URL,
        transport: httpx.AsyncBaseTransport | None = None,
        policy: RetryPolicy | None = None,
        **options: Any,
    ) -> None:
        super().__init__(
            base_url,
            _auth(username, password, auth),
            transport=transport,
            policy=policy,
            **options,
        )

    async def run_report(
        self,
        network_id: int,
        request: ReportRequest | Mapping[str, Any],
        *,
        interval: float = 2.0,
        timeout: float = 600.0,
        sleep: Callable[[float], Awaitable[None]] = anyio.sleep,
    ) -> Report:
        """`BidTheatreClient.run_report`, awaited."""
        created = await self.reports.create_report(network_id, body=request)
        report, report_id = _report_of(created)
        waited = 0.0
        while (done := _finished(report, report_id)) is None:
            if waited >= timeout:
                raise ReportFailedError(f"report {report_id} not done in {timeout} s", report)
            await sleep(interval)
            waited += interval
            read = await self.reports.get_report(network_id, report_id)
            report, _ = _report_of(read, report_id)
        return done
