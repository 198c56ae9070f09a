"""Retries as an httpx transport: a request that failed in a way worth trying again is sent again,
after a pause, but only when sending it twice cannot do twice what was asked.

Which requests are safe to repeat comes from the spec (`OperationSpec.idempotent`: GET, HEAD,
OPTIONS, PUT, DELETE, and POST upserts marked `x-idempotent`), never from a list of operations,
so placing or cancelling an order is never repeated (openapi.yaml, `info.description`). The
mechanism itself knows nothing of Evocalize: statuses, an extra response predicate (AppNexus
reports `RATE_EXCEEDED` with a 405) and the safety predicate are all parameters.

A transport sits below `httpx.Auth`, so a request it repeats carries the signature made for the
first attempt; `prepare_retry` lets the signing auth stamp a fresh timestamp on each re-attempt
(requests more than 60 s old are refused, and a retry may wait that long).
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import math
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import anyio
import httpx

from evocalize._operation import OPERATION_EXTENSION
from evocalize.deadlines import remaining
from evocalize.spec import IDEMPOTENT_METHODS, OperationSpec, match_operation

__all__ = [
    "DEFAULT_RETRY_STATUSES",
    "NO_RETRIES",
    "AsyncRetryTransport",
    "RetryPolicy",
    "RetryTransport",
    "idempotent_by_operations",
    "idempotent_by_spec",
    "parse_retry_after",
    "retry_policy",
    "retrying",
]

logger = logging.getLogger(__name__)

# Throttling and the server errors that say "try later" (RFC 9110 15.6); 501 and 505 will not
# change on a second try.
DEFAULT_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

# Failures where the request cannot have reached the server: repeating them repeats nothing,
# so they are retried even for requests that are not idempotent.
_UNSENT_ERRORS: tuple[type[httpx.TransportError], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
)
# Failures after the request may have been (partly) received: retried only when repeating the
# request is harmless. RemoteProtocolError covers a keep-alive connection the server dropped.
_MAYBE_SENT_ERRORS: tuple[type[httpx.TransportError], ...] = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry.

    The pause before retry `n` (1-based) is drawn uniformly from `[0, min(max_delay,
    base_delay * 2 ** (n - 1))]` ("full jitter"), or is that upper bound when `jitter` is off.
    A `Retry-After` header on a retried response replaces the computed pause. No pause ends past
    `max_total_seconds` after the first attempt started: when one would, the last response is
    returned (or the last error raised) instead.
    """

    max_attempts: int = 4
    max_total_seconds: float = 60.0
    base_delay: float = 0.5
    max_delay: float = 8.0
    jitter: bool = True
    retry_statuses: frozenset[int] = DEFAULT_RETRY_STATUSES
    # Also retry error responses (4xx/5xx, body already read) for which this answers True, for
    # APIs that signal throttling in the body, e.g. AppNexus's 405 with `RATE_EXCEEDED`.
    retry_response: Callable[[httpx.Response], bool] | None = None
    respect_retry_after: bool = True
    # Retry connection failures that happened before anything was sent, whatever the request.
    retry_unsent: bool = True
    # Retried statuses that say the server refused the request before acting on it, so that even
    # a request that is not idempotent may be sent again: BidTheatre's 429 throttles a POST
    # before it creates anything. Empty by default: Evocalize documents no such status.
    unprocessed_statuses: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts counts the first attempt: it is at least 1")
        if self.max_total_seconds < 0 or self.base_delay < 0 or self.max_delay < 0:
            raise ValueError("times and delays cannot be negative")

    def backoff(self, retry: int, rand: Callable[[], float] = random.random) -> float:
        """The pause before retry number `retry` (1 for the first retry)."""
        # The exponent is capped so that a policy with very many attempts cannot overflow.
        ceiling = min(self.max_delay, self.base_delay * 2.0 ** min(retry - 1, 64))
        return ceiling * rand() if self.jitter else ceiling

    def retries_status(self, response: httpx.Response) -> bool:
        """Whether the status alone says that this response is worth retrying."""
        return response.status_code in self.retry_statuses

    def needs_body(self, response: httpx.Response) -> bool:
        """Whether `retry_response` has to see this response's body."""
        return (
            self.retry_response is not None
            and response.status_code >= 400
            and not self.retries_status(response)
        )

    def retries(self, response: httpx.Response) -> bool:
        """Whether this response is worth retrying (its body read when `needs_body` said so)."""
        if self.retries_status(response):
            return True
        predicate = self.retry_response
        return predicate is not None and self.needs_body(response) and predicate(response)


# One attempt and no retries, e.g. `with retry_policy(NO_RETRIES): ...`.
NO_RETRIES = RetryPolicy(max_attempts=1)

_override: contextvars.ContextVar[RetryPolicy | None] = contextvars.ContextVar(
    "evocalize_retry_policy", default=None
)


class retry_policy:
    """Within this block, requests of the current thread or task use `policy` instead of their
    transport's own: `with retry_policy(NO_RETRIES): ...`, or `async with` in async code.

    Backed by a `ContextVar`, so concurrent tasks and threads each see only their own override.
    """

    def __init__(self, policy: RetryPolicy) -> None:
        self.policy = policy
        self._tokens: list[contextvars.Token[RetryPolicy | None]] = []

    def __enter__(self) -> RetryPolicy:
        self._tokens.append(_override.set(self.policy))
        return self.policy

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        _override.reset(self._tokens.pop())

    async def __aenter__(self) -> RetryPolicy:
        return self.__enter__()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.__exit__(exc_type, exc, tb)


def request_path(request: httpx.Request) -> str:
    """The path as sent (percent-encoding kept, no query): what the spec's templates match."""
    return request.url.raw_path.split(b"?", 1)[0].decode("ascii")


def idempotent_by_spec(request: httpx.Request) -> bool:
    """Whether the spec says this request may be repeated: the client's requests carry their
    operation (`OPERATION_EXTENSION`), which says so; any other request is matched against the
    spec's paths, and one the spec does not describe is judged by its method alone (RFC 9110,
    9.2.2), so an unknown POST is never repeated."""
    operation = request.extensions.get(OPERATION_EXTENSION)
    if operation is not None:
        return bool(operation.idempotent)
    return _idempotent(request.method, request_path(request))


def idempotent_by_operations(
    operations: Sequence[OperationSpec],
) -> Callable[[httpx.Request], bool]:
    """`idempotent_by_spec` for another API's operations (a profile's). Their paths are relative
    to the path of their document's first server URL (Invoca's `.../api`), which is cut off the
    request's path before matching."""
    prefix = _server_path(operations)

    def is_safe(request: httpx.Request) -> bool:
        path = request_path(request)
        if prefix and path.startswith(prefix + "/"):
            path = path[len(prefix) :]
        return _idempotent(request.method, path, operations)

    return is_safe


def _idempotent(method: str, path: str, operations: Sequence[OperationSpec] | None = None) -> bool:
    operation = match_operation(method, path, operations)
    if operation is not None:
        return operation.idempotent
    return method.lower() in IDEMPOTENT_METHODS


def _server_path(operations: Sequence[OperationSpec]) -> str:
    document = operations[0].document if operations else None
    servers = (document or {}).get("servers") or [{}]
    return urlsplit(str(servers[0].get("url", ""))).path.rstrip("/")


def parse_retry_after(
    response: httpx.Response, now: Callable[[], float] = time.time
) -> float | None:
    """Seconds to wait according to `Retry-After` (delta-seconds or an HTTP-date), or None when
    the header is missing or unreadable. A date is measured from the response's `Date` when it
    has one, so that the server's clock is compared with itself, else from `now()`."""
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return seconds if math.isfinite(seconds) and seconds >= 0 else None
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    reference = now()
    if "Date" in response.headers:
        with contextlib.suppress(TypeError, ValueError, IndexError, OverflowError):
            reference = parsedate_to_datetime(response.headers["Date"]).timestamp()
    return max(0.0, when - reference)


class _Attempts:
    """The retry decisions for one request, shared by the sync and async transports."""

    def __init__(
        self, transport: _RetryBase, request: httpx.Request, policy: RetryPolicy, started: float
    ) -> None:
        self.transport = transport
        self.policy = policy
        self.started = started
        self.attempt = 1
        self.method = request.method
        self.path = request.url.path
        # Looked up only when a retry is possible at all.
        self._safe: bool | None = None

    @staticmethod
    def settled(policy: RetryPolicy, response: httpx.Response) -> bool:
        """A first answer that no policy setting could retry: most answers, decided without
        the bookkeeping of a retry."""
        return response.status_code < 400 and response.status_code not in policy.retry_statuses

    def safe(self, request: httpx.Request) -> bool:
        if self._safe is None:
            self._safe = self.transport.is_safe(request)
        return self._safe

    def after_error(self, request: httpx.Request, error: httpx.TransportError) -> float | None:
        """The pause before retrying after `error`, or None to raise it."""
        if self.attempt >= self.policy.max_attempts:
            return None
        unsent = isinstance(error, _UNSENT_ERRORS) and self.policy.retry_unsent
        if not unsent and not (isinstance(error, _MAYBE_SENT_ERRORS) and self.safe(request)):
            return None
        return self._pause(type(error).__name__, None)

    def wants_body(self, request: httpx.Request, response: httpx.Response) -> bool:
        return (
            self.attempt < self.policy.max_attempts
            and self.policy.needs_body(response)
            and self.safe(request)
        )

    def after_response(self, request: httpx.Request, response: httpx.Response) -> float | None:
        """The pause before retrying after `response`, or None to return it."""
        if self.attempt >= self.policy.max_attempts:
            return None
        # Safety first: the body predicate may only see bodies that `wants_body` had read.
        unprocessed = (
            response.status_code in self.policy.unprocessed_statuses
            and self.policy.retries_status(response)
        )
        if not unprocessed and (not self.safe(request) or not self.policy.retries(response)):
            return None
        retry_after = None
        if self.policy.respect_retry_after:
            retry_after = parse_retry_after(response, self.transport.wall_clock)
        return self._pause(str(response.status_code), retry_after)

    def _pause(self, cause: str, retry_after: float | None) -> float | None:
        delay = retry_after
        if delay is None:
            delay = self.policy.backoff(self.attempt, self.transport.random)
        elapsed = self.transport.clock() - self.started
        left = remaining()
        if left is not None and delay >= left:
            logger.debug(
                "giving up on %s %s after %s (attempt %d): a %.2fs pause outlasts the call's "
                "deadline",
                self.method,
                self.path,
                cause,
                self.attempt,
                delay,
            )
            return None
        if elapsed + delay > self.policy.max_total_seconds:
            logger.debug(
                "giving up on %s %s after %s (attempt %d): a %.2fs pause overruns the %.2fs budget",
                self.method,
                self.path,
                cause,
                self.attempt,
                delay,
                self.policy.max_total_seconds,
            )
            return None
        logger.debug(
            "retrying %s %s after %s (attempt %d of %d) in %.2fs",
            self.method,
            self.path,
            cause,
            self.attempt,
            self.policy.max_attempts,
            delay,
        )
        return delay

    def next_request(self, request: httpx.Request) -> httpx.Request:
        self.attempt += 1
        prepare = self.transport.prepare_retry
        return prepare(request) if prepare is not None else request


class _RetryBase:
    def __init__(
        self,
        policy: RetryPolicy | None,
        is_safe: Callable[[httpx.Request], bool],
        prepare_retry: Callable[[httpx.Request], httpx.Request] | None,
        clock: Callable[[], float],
        wall_clock: Callable[[], float],
        rand: Callable[[], float],
    ) -> None:
        self.policy = policy if policy is not None else RetryPolicy()
        self.is_safe = is_safe
        self.prepare_retry = prepare_retry
        self.clock = clock
        self.wall_clock = wall_clock
        self.random = rand


class RetryTransport(_RetryBase, httpx.BaseTransport):
    """Wraps `transport`, retrying failures of requests that are safe to repeat.

    `policy` applies unless a `retry_policy(...)` block overrides it; `is_safe` says whether a
    request may be repeated (default: from the spec); `prepare_retry` rebuilds a request before
    each re-attempt (e.g. re-signs it); `sleep`, `clock` (monotonic, for the time budget),
    `wall_clock` (for `Retry-After` dates) and `rand` are injectable for tests.
    """

    def __init__(
        self,
        transport: httpx.BaseTransport | None = None,
        policy: RetryPolicy | None = None,
        *,
        is_safe: Callable[[httpx.Request], bool] = idempotent_by_spec,
        prepare_retry: Callable[[httpx.Request], httpx.Request] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        rand: Callable[[], float] = random.random,
    ) -> None:
        super().__init__(policy, is_safe, prepare_retry, clock, wall_clock, rand)
        self.transport = transport if transport is not None else httpx.HTTPTransport()
        self.sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        policy = _override.get() or self.policy
        started = self.clock()
        response, error = self._attempt(request)
        if response is not None and _Attempts.settled(policy, response):
            return response
        attempts = _Attempts(self, request, policy, started)
        while True:
            if response is None:
                assert error is not None
                delay = attempts.after_error(request, error)
                if delay is None:
                    raise error
            else:
                if attempts.wants_body(request, response):
                    response.read()
                delay = attempts.after_response(request, response)
                if delay is None:
                    return response
                response.close()
            self.sleep(delay)
            request = attempts.next_request(request)
            response, error = self._attempt(request)

    def _attempt(
        self, request: httpx.Request
    ) -> tuple[httpx.Response, None] | tuple[None, httpx.TransportError]:
        try:
            return self.transport.handle_request(request), None
        except httpx.TransportError as error:
            return None, error

    def close(self) -> None:
        self.transport.close()


class AsyncRetryTransport(_RetryBase, httpx.AsyncBaseTransport):
    """The async twin of `RetryTransport`; `sleep` is awaited (default `anyio.sleep`, so it runs
    under asyncio and trio alike)."""

    def __init__(
        self,
        transport: httpx.AsyncBaseTransport | None = None,
        policy: RetryPolicy | None = None,
        *,
        is_safe: Callable[[httpx.Request], bool] = idempotent_by_spec,
        prepare_retry: Callable[[httpx.Request], httpx.Request] | None = None,
        sleep: Callable[[float], Awaitable[None]] = anyio.sleep,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        rand: Callable[[], float] = random.random,
    ) -> None:
        super().__init__(policy, is_safe, prepare_retry, clock, wall_clock, rand)
        self.transport = transport if transport is not None else httpx.AsyncHTTPTransport()
        self.sleep = sleep

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        policy = _override.get() or self.policy
        started = self.clock()
        response, error = await self._attempt(request)
        if response is not None and _Attempts.settled(policy, response):
            return response
        attempts = _Attempts(self, request, policy, started)
        while True:
            if response is None:
                assert error is not None
                delay = attempts.after_error(request, error)
                if delay is None:
                    raise error
            else:
                if attempts.wants_body(request, response):
                    await response.aread()
                delay = attempts.after_response(request, response)
                if delay is None:
                    return response
                await response.aclose()
            await self.sleep(delay)
            request = attempts.next_request(request)
            response, error = await self._attempt(request)

    async def _attempt(
        self, request: httpx.Request
    ) -> tuple[httpx.Response, None] | tuple[None, httpx.TransportError]:
        try:
            return await self.transport.handle_async_request(request), None
        except httpx.TransportError as error:
            return None, error

    async def aclose(self) -> None:
        await self.transport.aclose()


def retrying(
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None,
    policy: RetryPolicy | None = None,
    **options: Any,
) -> RetryTransport | AsyncRetryTransport:
    """The retry transport around `transport`: the async one for a transport that is only async
    (such as `httpx.ASGITransport`), else the sync one (over a new HTTP transport when None; a
    transport that is both, such as `httpx.MockTransport`, is taken as sync). `options` are
    those of the chosen class (`is_safe`, `sleep`, ...)."""
    if isinstance(transport, httpx.AsyncBaseTransport) and not isinstance(
        transport, httpx.BaseTransport
    ):
        return AsyncRetryTransport(transport, policy, **options)
    return RetryTransport(transport, policy, **options)
