"""The runtime behind every peer profile's generated resource layer (`<name>_resources`), sync
and async: what `evocalize._base_client` is to Evocalize, without any of Evocalize's defaults.

A peer client class (`evocalize.profiles.invoca.InvocaClient`, ...) names its `Profile` (error
convention, retries, throttling signals) and says how its listings page (`_paging`); it is
given its base URL and its `httpx.Auth`. A generated method hands its `Operation` and typed
arguments to `_call`, `_list` or `_raw`: the request is built from the operation (path values
percent-encoded, query values written as the API reads them, a body checked against the
profile's own request schema), sent through one httpx client whose transport retries what the
profile's document says is safe to repeat, an error answer is raised as the typed error of the
profile's convention, and the whole body becomes the generated model of the answer (peers keep
no `data` envelope). Listings return the same `SyncPage` / `AsyncPaginator` as Evocalize's, their
pages walked by the profile's `PagingStrategy`, the page token being the strategy's cursor as text.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, ClassVar, TypeVar

import httpx

from evocalize._operation import OPERATION_EXTENSION, Operation, compact_json
from evocalize._pages import AsyncPage, AsyncPaginator, SyncPage
from evocalize.deadlines import DEFAULT_DEADLINE, deadline_passed, install_deadlines
from evocalize.deadlines import deadline as within
from evocalize.errors import (
    APIConnectionError,
    APITimeoutError,
    DeadlineExceededError,
    ResponseValidationError,
)
from evocalize.pagination import PagingStrategy
from evocalize.profiles.wiring import Profile
from evocalize.retries import RetryPolicy

__all__ = [
    "BARE_LIST_KEY",
    "AsyncAPIClient",
    "AsyncAPIResource",
    "SyncAPIClient",
    "SyncAPIResource",
]

T = TypeVar("T")
Query = Mapping[str, Any]
Headers = Mapping[str, str]
Timeout = float | httpx.Timeout | None

# A listing answered as a bare JSON array (Invoca's transactions) is read as
# `{BARE_LIST_KEY: [...]}` by the paging strategies, which read mappings.
BARE_LIST_KEY = "items"
DEFAULT_TIMEOUT = 30.0


def _decode(operation: Operation[Any], response: httpx.Response) -> Any:
    if not response.content:
        return None
    try:
        return json.loads(response.content)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise _mismatch(operation, response, "the body is not JSON") from error


def _mismatch(
    operation: Operation[Any], response: httpx.Response, why: str
) -> ResponseValidationError:
    return ResponseValidationError(
        f"the {response.status_code} answer of {operation.operation_id} does not match the "
        f"profile: {why}"
    )


class _PeerCore:
    """Configuration and request building, shared by the sync and async peer clients."""

    # The peer's wiring: set by each peer client class.
    profile: ClassVar[Profile]
    _http: httpx.Client | httpx.AsyncClient

    def __init__(self, base_url: str, auth: httpx.Auth | None, deadline: float | None) -> None:
        if not base_url:
            raise ValueError("a base URL is needed")
        self.base_url = base_url.rstrip("/")
        self.auth = auth
        # Each call's overall deadline in seconds (None: none), unless the call passes its own.
        self.deadline = deadline

    def _deadline_of(self, deadline: float | None) -> float | None:
        return self.deadline if deadline is None else deadline

    def __repr__(self) -> str:
        # The auth's own repr hides its secrets.
        return f"{type(self).__name__}(base_url={self.base_url!r}, auth={self.auth!r})"

    def _paging(self, operation: Operation[Any]) -> PagingStrategy:
        """How the listing `operation` pages: each peer client says."""
        raise NotImplementedError(f"{type(self).__name__} has no paging for {operation}")

    def _transport_args(
        self,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None,
        policy: RetryPolicy | None,
        retry_options: Mapping[str, Any],
    ) -> dict[str, Any]:
        profile = self.profile
        return profile.httpx_args(self.auth, transport=transport, policy=policy, **retry_options)

    def _build(
        self,
        operation: Operation[Any],
        path: Sequence[object],
        query: Query | None,
        body: Any,
        extra_query: Query | None,
        extra_headers: Headers | None,
        extra_body: Mapping[str, Any] | None,
        timeout: Timeout,
    ) -> httpx.Request:
        params = operation.query_params(query) if query else {}
        if extra_query:
            params = {**params, **extra_query}
        content: bytes | None = None
        files: Any = None
        headers: dict[str, str] = {}
        schema = operation.body
        if schema is not None and (body is not None or extra_body):
            if schema.multipart:
                files = body.to_multipart() if hasattr(body, "to_multipart") else body
            else:
                sent = schema.prepare(body, extra_body, operation.operation_id)
                content = compact_json(sent).encode()
                headers["Content-Type"] = "application/json"
        elif schema is not None and schema.required:
            raise TypeError(f"{operation.name}() needs body=")
        if extra_headers:
            headers.update(extra_headers)
        extensions: dict[str, Any] = {OPERATION_EXTENSION: operation}
        return self._http.build_request(
            operation.method,
            self.base_url + operation.url(path),
            params=params or None,
            content=content,
            files=files,
            headers=headers,
            timeout=self._http.timeout if timeout is None else httpx.Timeout(timeout),
            extensions=extensions,
        )

    def _result(self, operation: Operation[T], response: httpx.Response) -> T:
        """The answer as the generated model; the typed error of an error answer."""
        self.profile.errors.raise_for(response)
        payload = _decode(operation, response)
        try:
            return operation.parse(payload)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise _mismatch(operation, response, f"{type(error).__name__} {error}") from error

    def _page(
        self,
        operation: Operation[Any],
        response: httpx.Response,
        strategy: PagingStrategy,
        params: Mapping[str, Any],
        item: Callable[[Any], T],
    ) -> tuple[list[T], str | None, Mapping[str, Any]]:
        self.profile.errors.raise_for(response)
        payload = _decode(operation, response)
        raw = payload if isinstance(payload, Mapping) else {BARE_LIST_KEY: payload or []}
        try:
            read = strategy.read(raw, params)
            items = [item(each) for each in read.items]
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise _mismatch(operation, response, f"{type(error).__name__} {error}") from error
        following = None if read.next_cursor is None else str(read.next_cursor)
        return items, following, raw

    def _page_params(
        self, strategy: PagingStrategy, query: Query | None, token: str | None
    ) -> dict[str, Any]:
        # The caller's own values (a page size, a cursor to resume at) win over the strategy's
        # first page; the cursor of a later page wins over both.
        given = {name: value for name, value in (query or {}).items() if value is not None}
        params = {**strategy.first_params(None), **given}
        if token is not None:
            params.update(strategy.next_params(token, params))
        return params

    def _transport_error(self, error: httpx.TransportError) -> APIConnectionError:
        reason = str(error) or type(error).__name__
        if isinstance(error, httpx.TimeoutException) and deadline_passed():
            return DeadlineExceededError(
                f"no complete answer from {self.base_url} within the call's deadline: {reason}",
                url=self.base_url,
                reason=reason,
            )
        if isinstance(error, httpx.TimeoutException):
            return APITimeoutError(
                f"timed out waiting for {self.base_url}: {reason}", url=self.base_url, reason=reason
            )
        return APIConnectionError(
            f"no answer from {self.base_url}: {reason}", url=self.base_url, reason=reason
        )


class SyncAPIClient(_PeerCore):
    """The synchronous runtime of a peer client: what its generated sync methods call."""

    _http: httpx.Client

    def __init__(
        self,
        base_url: str,
        auth: httpx.Auth | None,
        *,
        transport: httpx.BaseTransport | None = None,
        policy: RetryPolicy | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        headers: Headers | None = None,
        retry_options: Mapping[str, Any] | None = None,
        deadline: float | None = DEFAULT_DEADLINE,
    ) -> None:
        super().__init__(base_url, auth, deadline)
        inner = transport if transport is not None else install_deadlines(httpx.HTTPTransport())
        args = self._transport_args(inner, policy, retry_options or {})
        self._http = httpx.Client(timeout=timeout, headers=dict(headers or {}), **args)

    def _raw(
        self,
        operation: Operation[Any],
        path: Sequence[object] = (),
        query: Query | None = None,
        body: Any = None,
        *,
        extra_query: Query | None = None,
        extra_headers: Headers | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: Timeout = None,
        deadline: float | None = None,
    ) -> httpx.Response:
        """The response as it came, errors included (nothing is raised for a status)."""
        request = self._build(
            operation, path, query, body, extra_query, extra_headers, extra_body, timeout
        )
        try:
            with within(self._deadline_of(deadline)):
                return self._http.send(request)
        except httpx.TransportError as error:
            raise self._transport_error(error) from error

    def _call(
        self,
        operation: Operation[T],
        path: Sequence[object] = (),
        query: Query | None = None,
        body: Any = None,
        *,
        extra_query: Query | None = None,
        extra_headers: Headers | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: Timeout = None,
        deadline: float | None = None,
    ) -> T:
        response = self._raw(
            operation,
            path,
            query,
            body,
            extra_query=extra_query,
            extra_headers=extra_headers,
            extra_body=extra_body,
            timeout=timeout,
            deadline=deadline,
        )
        return self._result(operation, response)

    def _list(
        self,
        operation: Operation[Any],
        item: Callable[[Any], T],
        path: Sequence[object] = (),
        query: Query | None = None,
        *,
        extra_query: Query | None = None,
        extra_headers: Headers | None = None,
        timeout: Timeout = None,
        deadline: float | None = None,
    ) -> SyncPage[T]:
        """The first page of a listing; iterating it walks every page, as the profile pages."""
        strategy = self._paging(operation)

        def fetch(token: str | None) -> SyncPage[T]:
            params = self._page_params(strategy, query, token)
            response = self._raw(
                operation,
                path,
                params,
                extra_query=extra_query,
                extra_headers=extra_headers,
                timeout=timeout,
                deadline=deadline,
            )
            items, following, raw = self._page(operation, response, strategy, params, item)
            return SyncPage(items, following, raw, token, fetch)

        return fetch(None)

    def close(self) -> None:
        self._http.close()

    def __enter__(self: _Sync) -> _Sync:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncAPIClient(_PeerCore):
    """The asynchronous runtime of a peer client."""

    _http: httpx.AsyncClient

    def __init__(
        self,
        base_url: str,
        auth: httpx.Auth | None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        policy: RetryPolicy | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        headers: Headers | None = None,
        retry_options: Mapping[str, Any] | None = None,
        deadline: float | None = DEFAULT_DEADLINE,
    ) -> None:
        super().__init__(base_url, auth, deadline)
        # Without a transport of the caller's, the retries go around httpx's async one.
        inner = (
            transport if transport is not None else install_deadlines(httpx.AsyncHTTPTransport())
        )
        args = self._transport_args(inner, policy, retry_options or {})
        self._http = httpx.AsyncClient(timeout=timeout, headers=dict(headers or {}), **args)

    async def _raw(
        self,
        operation: Operation[Any],
        path: Sequence[object] = (),
        query: Query | None = None,
        body: Any = None,
        *,
        extra_query: Query | None = None,
        extra_headers: Headers | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: Timeout = None,
        deadline: float | None = None,
    ) -> httpx.Response:
        request = self._build(
            operation, path, query, body, extra_query, extra_headers, extra_body, timeout
        )
        try:
            with within(self._deadline_of(deadline)):
                return await self._http.send(request)
        except httpx.TransportError as error:
            raise self._transport_error(error) from error

    async def _call(
        self,
        operation: Operation[T],
        path: Sequence[object] = (),
        query: Query | None = None,
        body: Any = None,
        *,
        extra_query: Query | None = None,
        extra_headers: Headers | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: Timeout = None,
        deadline: float | None = None,
    ) -> T:
        response = await self._raw(
            operation,
            path,
            query,
            body,
            extra_query=extra_query,
            extra_headers=extra_headers,
            extra_body=extra_body,
            timeout=timeout,
            deadline=deadline,
        )
        return self._result(operation, response)

    def _list(
        self,
        operation: Operation[Any],
        item: Callable[[Any], T],
        path: Sequence[object] = (),
        query: Query | None = None,
        *,
        extra_query: Query | None = None,
        extra_headers: Headers | None = None,
        timeout: Timeout = None,
        deadline: float | None = None,
    ) -> AsyncPaginator[T]:
        """A listing, fetched when awaited (the first page) or iterated (every item)."""
        strategy = self._paging(operation)

        async def fetch(token: str | None) -> AsyncPage[T]:
            params = self._page_params(strategy, query, token)
            response = await self._raw(
                operation,
                path,
                params,
                extra_query=extra_query,
                extra_headers=extra_headers,
                timeout=timeout,
                deadline=deadline,
            )
            items, following, raw = self._page(operation, response, strategy, params, item)
            return AsyncPage(items, following, raw, token, fetch)

        first: Callable[[], Awaitable[AsyncPage[T]]] = lambda: fetch(None)  # noqa: E731
        return AsyncPaginator(first)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self: _Async) -> _Async:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


_Sync = TypeVar("_Sync", bound=SyncAPIClient)
_Async = TypeVar("_Async", bound=AsyncAPIClient)


class SyncAPIResource:
    """Base of a peer's generated sync resource classes: the operations of one tag."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client


class AsyncAPIResource:
    """Base of a peer's generated async resource classes."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client
