"""The runtime behind every generated resource method: one request path, sync and async.

A generated method (`Users.get_user`) hands its `Operation` and typed arguments to `_call`,
`_list` or `_raw`. They build the request (`Operation.url`, query values, the body checked by
`_bodies`), send it through one httpx client whose `auth` signs and whose transport retries
what is safe to retry (the operation rides along as a request extension), decode the JSON once,
raise the typed error of an error answer, and read the envelope's `data` into the generated
model. Nothing here names an operation of the API: the generated layer and `_client.py` wire
Evocalize onto it.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterable, Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import httpx

from evocalize._operation import OPERATION_EXTENSION, Operation, compact_json
from evocalize._pages import AsyncPage, AsyncPaginator, SyncPage
from evocalize.answers import (
    DEFAULT_MAX_RESPONSE_BYTES,
    aread_capped,
    read_capped,
    schema_problem,
)
from evocalize.auth import SIGNED_EXTENSION, SharedSecretAuth, SignatureAuth, key_auth
from evocalize.batches import (
    BatchFailure,
    BatchProgressEvent,
    BatchSummary,
    PollPolicy,
    arun_batches,
    run_batches,
)
from evocalize.deadlines import DEFAULT_DEADLINE, deadline_passed
from evocalize.deadlines import deadline as within
from evocalize.errors import (
    APIConnectionError,
    APITimeoutError,
    CallArgumentError,
    DeadlineExceededError,
    RequestValidationError,
    ResponseValidationError,
    evocalize_error_details,
    raise_error,
)
from evocalize.settings import Settings, resolve_settings

__all__ = ["AsyncAPIClient", "AsyncAPIResource", "SyncAPIClient", "SyncAPIResource"]

T = TypeVar("T")

Query = Mapping[str, Any]
Headers = Mapping[str, str]
Timeout = float | httpx.Timeout | None

_NOT_JSON = object()
# Success statuses taken for one another (a 200 where the spec says 201): what they say is the
# same, and the body is still held to the schema. Any other undocumented 2xx (a 299) is refused.
_PLAIN_SUCCESS = frozenset({200, 201, 202, 204})
# Every request says what it carries, a body or not (the API reference asks for it on each one).
_JSON_HEADERS = {"Content-Type": "application/json"}


def decode(response: httpx.Response) -> Any:
    """The JSON body, None when empty, `_NOT_JSON` for anything else (a proxy's HTML page)."""
    content = response.content
    if not content:
        return None
    try:
        return json.loads(content)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        return _NOT_JSON


def checked_payload(response: httpx.Response) -> Any:
    """The decoded body of a success answer; the typed error of an error answer (any non-2xx,
    and a 2xx holding `errors`)."""
    payload = decode(response)
    if not response.is_success or (type(payload) is dict and payload.get("errors")):
        details = None if payload is _NOT_JSON else evocalize_error_details(payload)
        if details or not response.is_success:
            raise_error(response, details)
    return payload


def held_to_spec(operation: Operation[Any], response: httpx.Response, payload: Any) -> None:
    """`ResponseValidationError` unless a success answer has a status the spec documents for
    the operation and a body its schema allows (types included; unknown fields are welcome)."""
    status = response.status_code
    if operation.success and status not in operation.success and status not in _PLAIN_SUCCESS:
        documented = ", ".join(map(str, operation.success))
        raise _mismatch(operation, response, f"the spec documents only {documented}")
    if operation.envelope is None:
        return
    problem = schema_problem(operation.envelope, payload)
    if problem is not None:
        raise _mismatch(operation, response, problem)


def result(operation: Operation[T], response: httpx.Response) -> T:
    """The answer's `data` as the generated model; the typed error of an error answer."""
    payload = checked_payload(response)
    held_to_spec(operation, response, payload)
    if payload is not None and type(payload) is not dict:
        raise _mismatch(operation, response, "the body is not a JSON object")
    try:
        # No body (a 202 without one) parses as no `data`: None where the spec documents none.
        return operation.parse(None if payload is None else payload.get("data"))
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as error:
        raise _mismatch(operation, response, f"{type(error).__name__} {error}") from error


def page_of(
    operation: Operation[Any], response: httpx.Response, item: Callable[[Any], T]
) -> tuple[list[T], str | None, Mapping[str, Any]]:
    """A listing's items (as models), its next page token and the decoded page."""
    payload = checked_payload(response)
    if type(payload) is not dict:
        raise _mismatch(operation, response, "the page is not a JSON object")
    held_to_spec(operation, response, payload)
    found: Any = payload
    for key in operation.items_path:
        found = found.get(key) if isinstance(found, dict) else None
    if found is None:  # an empty listing may leave its items out
        found = []
    if not isinstance(found, list):
        raise _mismatch(
            operation, response, f"no list of items at {'.'.join(operation.items_path)}"
        )
    try:
        items = [item(raw) for raw in found]
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as error:
        raise _mismatch(operation, response, f"{type(error).__name__} {error}") from error
    token = payload.get("nextPageToken")
    return items, (str(token) if token else None), payload


def _mismatch(
    operation: Operation[Any], response: httpx.Response, why: str
) -> ResponseValidationError:
    return ResponseValidationError(
        f"the {response.status_code} answer of {operation.operation_id} does not match the "
        f"spec: {why}"
    )


class _ClientCore:
    """Settings, credentials and request building, shared by the sync and async clients."""

    _http: httpx.Client | httpx.AsyncClient

    def __init__(
        self,
        base_url: str | None,
        key_id: str | None,
        secret: str | None,
        auth: str | None,
        default_base_url: str,
        clock: Callable[[], float] = time.time,
        deadline: float | None = DEFAULT_DEADLINE,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        # Each call's overall deadline in seconds (None: none), unless the call passes its own.
        self.deadline = deadline
        # The largest answer read (`answers.py`); a larger one is ResponseTooLargeError.
        self.max_response_bytes = max_response_bytes
        self.settings: Settings = resolve_settings(
            base_url, key_id, secret, auth, default_base_url=default_base_url
        )
        self.auth: SharedSecretAuth | SignatureAuth = key_auth(
            self.settings.auth, self.settings.key_id, self.settings.secret, clock=clock
        )
        # What httpx puts before each operation's path (`https://host/prefix` -> `/prefix`):
        # the signature covers the whole path as sent.
        self._url_prefix = self.settings.base_url.rstrip("/")
        self._base_path = httpx.URL(self._url_prefix).raw_path.decode("ascii").rstrip("/")
        # The client's default headers and timeout, read once its httpx client exists.
        self._defaults: tuple[dict[str, str], dict[str, Any]] | None = None

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={self.settings.shown_url!r}, "
            f"key_id={self.settings.key_id!r}, auth={self.settings.auth!r})"
        )

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
        url = operation.url(path)
        params = operation.query_params(query) if query else None
        if extra_query:
            params = {**(params or {}), **extra_query}
        content: Any = None
        files: Any = None
        headers: Any = _JSON_HEADERS
        schema = operation.body
        if schema is not None and (body is not None or extra_body):
            if schema.multipart:
                files = body.to_multipart() if hasattr(body, "to_multipart") else body
                headers = None
            else:
                sent = schema.prepare(body, extra_body, operation.operation_id)
                content = compact_json(sent).encode()
        elif schema is not None and schema.required:
            raise CallArgumentError(f"{operation.name}() needs body=")
        if extra_headers:
            headers = {**(headers or {}), **extra_headers}
        extensions: dict[str, Any] = {OPERATION_EXTENSION: operation}
        if files is None:
            # Signed here, from the path and bytes that will be sent (a multipart body is signed
            # by the auth flow instead, as it streams).
            credentials = self.auth.headers(self._base_path + url, content)
            headers = {**headers, **credentials} if headers else credentials
            extensions[SIGNED_EXTENSION] = True
        defaults = self._defaults
        if defaults is None:
            defaults = self._defaults = (dict(self._http.headers), self._http.timeout.as_dict())
        default_headers, default_timeout = defaults
        extensions["timeout"] = (
            default_timeout if timeout is None else httpx.Timeout(timeout).as_dict()
        )
        # The request is made here rather than by `client.build_request`, whose merging of the
        # base URL, headers and cookies costs about a sixth of a call on a fast connection; the
        # API sets no cookies and the client's own headers are merged below.
        try:
            return httpx.Request(
                operation.method,
                self._url_prefix + url,
                params=params,
                content=content,
                files=files,
                headers={**default_headers, **headers} if headers else default_headers,
                extensions=extensions,
            )
        except httpx.InvalidURL as error:  # a query value httpx cannot put in a URL
            raise RequestValidationError.single("query", str(error), None) from None

    def _deadline_of(self, deadline: float | None) -> float | None:
        return self.deadline if deadline is None else deadline

    def _transport_error(self, error: httpx.TransportError) -> APIConnectionError:
        """httpx's transport failure as this package's error."""
        settings = self.settings
        url = settings.shown_url
        where = {
            "url": url,
            "url_source": settings.base_url_source,
            "reason": settings.redact(str(error)) or type(error).__name__,
        }
        error_text = where["reason"]
        origin = settings.where_the_url_came_from()
        if isinstance(error, httpx.TimeoutException) and deadline_passed():
            return DeadlineExceededError(
                f"no complete answer from {url} ({origin}) within the call's "
                f"deadline: {error_text}",
                **where,
            )
        if isinstance(error, httpx.TimeoutException):
            return APITimeoutError(f"timed out waiting for {url} ({origin}): {error_text}", **where)
        return APIConnectionError(f"no answer from {url} ({origin}): {error_text}", **where)


class SyncAPIClient(_ClientCore):
    """The synchronous runtime: what generated resource methods call."""

    _http: httpx.Client
    # Every operation of the API by operationId (set by the API's client class).
    _operations: Mapping[str, Operation[Any]] = {}

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
        with within(self._deadline_of(deadline)):
            try:
                response = self._http.send(request, stream=True)
                return read_capped(response, self.max_response_bytes)
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
        return result(operation, response)

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
        """The first page of a listing (or the page at `query["pageToken"]`)."""

        def fetch(token: str | None) -> SyncPage[T]:
            page_query = {**(query or {}), "pageToken": token} if token else query
            response = self._raw(
                operation,
                path,
                page_query,
                extra_query=extra_query,
                extra_headers=extra_headers,
                timeout=timeout,
                deadline=deadline,
            )
            items, following, raw = page_of(operation, response, item)
            return SyncPage(items, following, raw, token, fetch)

        return fetch((query or {}).get("pageToken"))

    def _submit_all(
        self,
        operation: Operation[Any],
        path: Sequence[object],
        entries: Iterable[Any],
        *,
        chunk_size: int | None,
        concurrency: int,
        poll: PollPolicy | None,
        progress: Callable[[BatchProgressEvent], None] | None,
        on_failure: Callable[[BatchFailure], None] | None,
        keep_failures: bool,
    ) -> BatchSummary:
        from evocalize._batch_backend import OperationBatches

        backend = OperationBatches(self, operation, path)
        return run_batches(
            entries,
            backend,
            chunk_size=chunk_size,
            concurrency=concurrency,
            poll=poll or PollPolicy(),
            progress=progress,
            on_failure=on_failure,
            keep_failures=keep_failures,
            check=backend.check,
        )

    def close(self) -> None:
        self._http.close()


class AsyncAPIClient(_ClientCore):
    """The asynchronous runtime: what generated async resource methods call."""

    _http: httpx.AsyncClient
    _operations: Mapping[str, Operation[Any]] = {}

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
        with within(self._deadline_of(deadline)):
            try:
                response = await self._http.send(request, stream=True)
                return await aread_capped(response, self.max_response_bytes)
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
        return result(operation, response)

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

        async def fetch(token: str | None) -> AsyncPage[T]:
            page_query = {**(query or {}), "pageToken": token} if token else query
            response = await self._raw(
                operation,
                path,
                page_query,
                extra_query=extra_query,
                extra_headers=extra_headers,
                timeout=timeout,
                deadline=deadline,
            )
            items, following, raw = page_of(operation, response, item)
            return AsyncPage(items, following, raw, token, fetch)

        start = (query or {}).get("pageToken")
        return AsyncPaginator(lambda: fetch(start))

    async def _submit_all(
        self,
        operation: Operation[Any],
        path: Sequence[object],
        entries: Iterable[Any] | AsyncIterable[Any],
        *,
        chunk_size: int | None,
        concurrency: int,
        poll: PollPolicy | None,
        progress: Callable[[BatchProgressEvent], None] | None,
        on_failure: Callable[[BatchFailure], None] | None,
        keep_failures: bool,
    ) -> BatchSummary:
        from evocalize._batch_backend import AsyncOperationBatches

        backend = AsyncOperationBatches(self, operation, path)
        return await arun_batches(
            entries,
            backend,
            chunk_size=chunk_size,
            concurrency=concurrency,
            poll=poll or PollPolicy(),
            progress=progress,
            on_failure=on_failure,
            keep_failures=keep_failures,
            check=backend.check,
        )

    async def aclose(self) -> None:
        await self._http.aclose()


class SyncAPIResource:
    """Base of the generated sync resource classes: the operations of one tag."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client


class AsyncAPIResource:
    """Base of the generated async resource classes."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client
