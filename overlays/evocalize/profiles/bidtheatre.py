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
from collections.abc import Awaitable, Callable, Mapping
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
)
from evocalize.profiles.refreshing_auth import RefreshingTokenAuth, string_at
from evocalize.profiles.wiring import Profile
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


class BidTheatreAuth(RefreshingTokenAuth):
    """Logs in with a username and a password, sends the token as the raw `Authorization`
    value, and after a 401 gets a new token: from the refresh token first, from a login with
    `forceNewToken` when that fails."""

    def __init__(self, username: str, password: str) -> None:
        if not username or not password:
            raise ValueError("both a username and a password are needed")

        def login(forced: bool) -> dict[str, Any]:
            body: dict[str, Any] = {"username": username, "password": password}
            return {**body, "forceNewToken": True} if forced else body

        super().__init__(
            token_path=AUTH_PATH,
            login=login,
            refresh=lambda token: {"mode": "refresh", "refreshToken": token},
            read=lambda body: (
                string_at(body, "auth", "token"),
                string_at(body, "auth", "refreshToken"),
            ),
            place=in_header(scheme=""),
            errors=ERRORS,
        )


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
        **options: Any,
    ) -> None:
        super().__init__(base_url, _auth(username, password, auth), **options)

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
        **options: Any,
    ) -> None:
        super().__init__(base_url, _auth(username, password, auth), **options)

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
