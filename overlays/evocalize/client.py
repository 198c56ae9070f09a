"""The clients partners use: `Evocalize` and `AsyncEvocalize`.

Every operation of the spec is a typed method of its tag's resource, generated from
`openapi.yaml` into `evocalize_resources` (`ev.users.get_user("u1")`,
`ev.orders.place_order(body={...})`), so editors complete it and type checkers check every
argument and every field of the answer. A call returns the envelope's `data` as the generated
model, or raises the typed error of `errors.py`; a listing returns a page that iterates every
item of every page; a batch operation also offers `.submit_all(entries)`;
`ev.users.with_raw_response.get_user("u1")` gives the `httpx.Response` untouched.

Requests go through one httpx client whose `auth` signs them and whose transport retries what
is safe to retry (`retries.py`), so every operation gets both without knowing about them.
`retries=RetryPolicy(...)` sets the client's policy; `with retry_policy(NO_RETRIES): ...`
changes it for the calls inside the block. `timeout` bounds each network wait; `deadline` (300 s
by default) bounds a whole call, retries included (`deadlines.py`), and a method's `deadline=`
or a `with deadline(...)` block sets it for one call or a few. No answer is read past
`max_response_bytes` (64 MiB by default; `answers.py`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
from evocalize_resources import DEFAULT_BASE_URL, OPERATIONS, AsyncResources, SyncResources

from evocalize._operation import Operation, snake_case
from evocalize._pages import AsyncPaginator, SyncPage
from evocalize._version import __version__
from evocalize.answers import DEFAULT_MAX_RESPONSE_BYTES
from evocalize.deadlines import DEFAULT_DEADLINE, install_deadlines
from evocalize.errors import CallArgumentError
from evocalize.retries import AsyncRetryTransport, RetryPolicy, RetryTransport
from evocalize.settings import warn_if_plain_http

__all__ = ["OPERATIONS", "AsyncEvocalize", "Evocalize", "find_operation", "snake_case"]

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
USER_AGENT = f"evocalize-python/{__version__}"


def find_operation(operation_id: str) -> Operation[Any]:
    """The operation called `operation_id`; a KeyError names the ones that exist."""
    try:
        return OPERATIONS[operation_id]
    except KeyError:
        known = ", ".join(sorted(OPERATIONS))
        raise KeyError(f"no operation {operation_id!r}; known: {known}") from None


def _by_id(
    operation_id: str, given: dict[str, Any]
) -> tuple[Operation[Any], list[Any], dict[str, Any]]:
    """The operation called `operation_id`, and the path values and query values of `given`,
    named as the spec names them (`userId`)."""
    operation = find_operation(operation_id)
    params = dict(given)
    path = []
    for name in operation.path_params:
        if name not in params:
            raise CallArgumentError(f"{operation.operation_id} needs {name}")
        path.append(params.pop(name))
    query = {p.name: params.pop(p.name) for p in operation.query if p.name in params}
    if params:
        known = [*operation.path_params, *(p.name for p in operation.query)]
        raise CallArgumentError(
            f"{operation.operation_id} has no parameter {', '.join(sorted(params))}; "
            f"it takes: {', '.join(known) or 'none'}"
        )
    return operation, path, query


def _as_sent(item: Any) -> Any:
    return item


class Evocalize(SyncResources):
    """Synchronous client of the Evocalize partner management API.

    >>> ev = Evocalize(base_url="http://127.0.0.1:8080", key_id="dev", secret="...")
    >>> ev.users.get_user("u1").email

    `clock` (Unix seconds) dates the request signatures: a sandbox's test clock, in tests that
    move it (`evocalize_sandbox.testing`), since the server checks them against its own time.
    """

    _operations = OPERATIONS

    def __init__(
        self,
        base_url: str | None = None,
        key_id: str | None = None,
        secret: str | None = None,
        *,
        auth: str | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        deadline: float | None = DEFAULT_DEADLINE,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        retries: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(
            base_url, key_id, secret, auth, DEFAULT_BASE_URL, clock, deadline, max_response_bytes
        )
        if transport is not None and not isinstance(transport, httpx.BaseTransport):
            # httpx.ASGITransport, say: it only answers async requests, and the sync client
            # would fail on its first request or when closed, with no word of why.
            raise TypeError(
                f"Evocalize needs a sync transport, and {type(transport).__name__} is async only:"
                " use AsyncEvocalize with it, or, for the sandbox in process, the transport of"
                " evocalize_sandbox.in_process"
            )
        if transport is None or isinstance(transport, httpx.HTTPTransport):
            # Only over the network: an in-process transport (ASGI, a mock) sends nothing.
            warn_if_plain_http(self.settings.base_url, self.settings.auth)
        self._http = httpx.Client(
            base_url=self.settings.base_url,
            auth=self.auth,
            # Below the auth: each re-attempt is signed again, with a fresh timestamp.
            transport=RetryTransport(
                transport or install_deadlines(httpx.HTTPTransport()),
                retries or RetryPolicy(),
                prepare_retry=self.auth.sign_request,
            ),
            timeout=timeout,
            headers={"User-Agent": USER_AGENT},
        )

    def call(self, operation_id: str, /, *, body: Any = None, **params: Any) -> Any:
        """Calls an operation by its operationId, its parameters named as the spec names them:
        `ev.call("getUser", userId="u1")`. Answers the model of `data` (for a listing, the items
        of the page asked for)."""
        operation, path, query = _by_id(operation_id, params)
        return self._call(operation, path, query, body)

    def call_raw(self, operation_id: str, /, *, body: Any = None, **params: Any) -> httpx.Response:
        """`call`, answering the `httpx.Response` untouched (the command line prints it)."""
        operation, path, query = _by_id(operation_id, params)
        return self._raw(operation, path, query, body)

    def paginate(self, operation_id: str, /, **params: Any) -> SyncPage[Any]:
        """A listing by its operationId, its items as the JSON the API sent: the first page,
        which iterates every item of every page."""
        operation, path, query = _by_id(operation_id, params)
        return self._list(operation, _as_sent, path, query)

    def __enter__(self) -> Evocalize:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncEvocalize(AsyncResources):
    """Asynchronous twin of `Evocalize`: the same surface, every call awaited."""

    _operations = OPERATIONS

    def __init__(
        self,
        base_url: str | None = None,
        key_id: str | None = None,
        secret: str | None = None,
        *,
        auth: str | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        deadline: float | None = DEFAULT_DEADLINE,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        retries: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(
            base_url, key_id, secret, auth, DEFAULT_BASE_URL, clock, deadline, max_response_bytes
        )
        if transport is None or isinstance(transport, httpx.AsyncHTTPTransport):
            warn_if_plain_http(self.settings.base_url, self.settings.auth)
        self._http = httpx.AsyncClient(
            base_url=self.settings.base_url,
            auth=self.auth,
            transport=AsyncRetryTransport(
                transport or install_deadlines(httpx.AsyncHTTPTransport()),
                retries or RetryPolicy(),
                prepare_retry=self.auth.sign_request,
            ),
            timeout=timeout,
            headers={"User-Agent": USER_AGENT},
        )

    async def call(self, operation_id: str, /, *, body: Any = None, **params: Any) -> Any:
        """`Evocalize.call`, awaited."""
        operation, path, query = _by_id(operation_id, params)
        return await self._call(operation, path, query, body)

    async def call_raw(
        self, operation_id: str, /, *, body: Any = None, **params: Any
    ) -> httpx.Response:
        operation, path, query = _by_id(operation_id, params)
        return await self._raw(operation, path, query, body)

    def paginate(self, operation_id: str, /, **params: Any) -> AsyncPaginator[Any]:
        """`Evocalize.paginate` for `async for`."""
        operation, path, query = _by_id(operation_id, params)
        return self._list(operation, _as_sent, path, query)

    async def __aenter__(self) -> AsyncEvocalize:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()
