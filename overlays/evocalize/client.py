"""The facade partners use: `Evocalize` and `AsyncEvocalize`.

Every operation of the spec is reachable, grouped by tag as the generated client groups them
(`ev.users.get_user("u1")`, `ev.orders.place_order(body={...})`), without a hand-written
method per operation: the surface is built from `binding.bindings()`, so an operation added to
`openapi.yaml` appears here once the client is regenerated. A call returns the envelope's
`data` as the generated model, or raises the typed error of `errors.py`; `.raw(...)` gives the
`httpx.Response` untouched. Listings also offer `.items(...)` and `.pages(...)`; batch
operations `.submit_all(entries)`.

Requests go through one httpx client whose `auth` signs them and whose transport retries what
is safe to retry (`retries.py`), so every operation gets both without knowing about them.
`retries=RetryPolicy(...)` sets the client's policy; `with retry_policy(NO_RETRIES): ...`
changes it for the calls inside the block.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Iterator, Mapping
from typing import Any, Generic, TypeVar

import httpx
from evocalize_client import AuthenticatedClient

from evocalize import __version__
from evocalize.auth import SharedSecretAuth, SignatureAuth, key_auth
from evocalize.batches import (
    BatchFailure,
    BatchProgressEvent,
    BatchSummary,
    PollPolicy,
    arun_batches,
    run_batches,
)
from evocalize.binding import OperationBinding, bindings
from evocalize.errors import APIConnectionError, APITimeoutError, raise_for_response
from evocalize.facade_batches import AsyncOperationBatches, OperationBatches
from evocalize.pagination import (
    Page,
    TokenPaging,
    aiter_pages,
    iter_pages,
    listing_items_path,
)
from evocalize.retries import AsyncRetryTransport, RetryPolicy, RetryTransport
from evocalize.settings import Settings, resolve_settings

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
USER_AGENT = f"evocalize-python/{__version__}"

FacadeT = TypeVar("FacadeT", bound="_Facade")


def _named_params(
    binding: OperationBinding, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> dict[str, Any]:
    """Positional arguments are the path parameters, in the order the generated code takes."""
    if not args:
        return kwargs
    positional = [
        p.name
        for p in inspect.signature(binding.module._get_kwargs).parameters.values()
        if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    ]
    if len(args) > len(positional):
        raise TypeError(
            f"{binding.name}() takes {len(positional)} positional argument(s) "
            f"({', '.join(positional) or 'none'}), {len(args)} given"
        )
    named = dict(zip(positional, args, strict=False))
    clash = sorted(set(named) & set(kwargs))
    if clash:
        raise TypeError(f"{binding.name}() got {', '.join(clash)} twice")
    return {**named, **kwargs}


class _Facade:
    def __init__(
        self,
        base_url: str | None,
        key_id: str | None,
        secret: str | None,
        auth: str | None,
    ) -> None:
        self.settings: Settings = resolve_settings(base_url, key_id, secret, auth)
        self.auth: SharedSecretAuth | SignatureAuth = key_auth(
            self.settings.auth, self.settings.key_id, self.settings.secret
        )
        # Only its parsing is used: requests go through this facade's own httpx client.
        self._parsing_client = AuthenticatedClient(base_url=self.settings.base_url, token="")

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={self.settings.base_url!r}, "
            f"key_id={self.settings.key_id!r}, auth={self.settings.auth!r})"
        )

    def _binding(self, operation_id: str) -> OperationBinding:
        try:
            return bindings()[operation_id]
        except KeyError:
            known = ", ".join(sorted(bindings()))
            raise KeyError(f"no operation {operation_id!r}; known: {known}") from None

    def _result(self, binding: OperationBinding, response: httpx.Response) -> Any:
        raise_for_response(response)
        return binding.unwrap(response, self._parsing_client)

    def _page_body(self, binding: OperationBinding, response: httpx.Response) -> Mapping[str, Any]:
        raise_for_response(response)
        return binding.json_body(response)


def _batch_params(
    binding: OperationBinding, args: tuple[Any, ...], params: dict[str, Any]
) -> dict[str, Any]:
    if not binding.spec.batch:
        raise TypeError(f"{binding.name} is not a batch operation")
    if "body" in params:
        raise TypeError("submit_all takes the entries, not a body")
    return _named_params(binding, args, params)


def _paging(binding: OperationBinding) -> tuple[TokenPaging, Callable[[Any], Any]]:
    """The listing's paging and the converter of its raw items into generated models."""
    if not binding.spec.paginated:
        raise TypeError(f"{binding.name} is not a paginated listing")
    path = listing_items_path(binding.spec)
    return TokenPaging(items_field=path), binding.item_converter(path)


class _Resource(Generic[FacadeT]):
    """The operations of one tag, as attributes named like the generated modules."""

    def __init__(self, tag: str, operations: Mapping[str, Any]) -> None:
        self._tag = tag
        self._operations = dict(operations)
        for name, operation in operations.items():
            setattr(self, name, operation)

    def __repr__(self) -> str:
        return f"<{self._tag}: {', '.join(sorted(self._operations))}>"

    def __dir__(self) -> list[str]:
        return sorted(self._operations)


class Operation:
    """One operation bound to a synchronous facade."""

    def __init__(self, facade: Evocalize, binding: OperationBinding) -> None:
        self._facade = facade
        self.binding = binding
        self.__doc__ = binding.module.sync_detailed.__doc__

    def __repr__(self) -> str:
        spec = self.binding.spec
        return f"<operation {spec.operation_id} {spec.method.upper()} {spec.path}>"

    def raw(self, *args: Any, **params: Any) -> httpx.Response:
        """The response as it came, errors included (nothing is raised for a status)."""
        kwargs = self.binding.request_kwargs(_named_params(self.binding, args, params))
        return self._facade._send(kwargs)

    def __call__(self, *args: Any, **params: Any) -> Any:
        return self._facade._result(self.binding, self.raw(*args, **params))

    def pages(self, *args: Any, start: str | None = None, **params: Any) -> Iterator[Page[Any]]:
        """Every page of a listing, lazily, from its first (or from the `next_cursor` of a
        page seen before, as `start`); items are generated models."""
        strategy, convert = _paging(self.binding)

        def fetch(page_params: dict[str, Any]) -> Mapping[str, Any]:
            response = self._facade._send(self.binding.page_kwargs(page_params))
            return self._facade._page_body(self.binding, response)

        return iter_pages(
            fetch,
            strategy,
            start=start,
            params=_named_params(self.binding, args, params),
            convert=convert,
        )

    def items(self, *args: Any, start: str | None = None, **params: Any) -> Iterator[Any]:
        """Every item of a listing, lazily, following `nextPageToken` page after page."""
        pages = self.pages(*args, start=start, **params)
        return (item for page in pages for item in page.items)

    def submit_all(
        self,
        entries: Iterable[Any],
        *args: Any,
        chunk_size: int | None = None,
        concurrency: int = 4,
        poll: PollPolicy | None = None,
        progress: Callable[[BatchProgressEvent], None] | None = None,
        on_failure: Callable[[BatchFailure], None] | None = None,
        keep_failures: bool = True,
        **params: Any,
    ) -> BatchSummary:
        """Sends any number of entries in batches of at most 1000, `concurrency` at a time,
        follows each report to its end and returns one summary with every failed entry.
        Positional arguments after `entries` and keyword `params` are the operation's other
        parameters (`repository_id`, ...). See `evocalize.batches.run_batches`."""
        backend = OperationBatches(
            self._facade, self.binding, _batch_params(self.binding, args, params)
        )
        return run_batches(
            entries,
            backend,
            chunk_size=chunk_size,
            concurrency=concurrency,
            poll=poll or PollPolicy(),
            progress=progress,
            on_failure=on_failure,
            keep_failures=keep_failures,
        )


class AsyncOperation:
    """One operation bound to an asynchronous facade."""

    def __init__(self, facade: AsyncEvocalize, binding: OperationBinding) -> None:
        self._facade = facade
        self.binding = binding
        self.__doc__ = binding.module.asyncio_detailed.__doc__

    def __repr__(self) -> str:
        spec = self.binding.spec
        return f"<async operation {spec.operation_id} {spec.method.upper()} {spec.path}>"

    async def raw(self, *args: Any, **params: Any) -> httpx.Response:
        kwargs = self.binding.request_kwargs(_named_params(self.binding, args, params))
        return await self._facade._send(kwargs)

    async def __call__(self, *args: Any, **params: Any) -> Any:
        return self._facade._result(self.binding, await self.raw(*args, **params))

    def pages(
        self, *args: Any, start: str | None = None, **params: Any
    ) -> AsyncIterator[Page[Any]]:
        """Every page of a listing, lazily (`async for`)."""
        strategy, convert = _paging(self.binding)

        async def fetch(page_params: dict[str, Any]) -> Mapping[str, Any]:
            response = await self._facade._send(self.binding.page_kwargs(page_params))
            return self._facade._page_body(self.binding, response)

        return aiter_pages(
            fetch,
            strategy,
            start=start,
            params=_named_params(self.binding, args, params),
            convert=convert,
        )

    def items(self, *args: Any, start: str | None = None, **params: Any) -> AsyncIterator[Any]:
        """Every item of a listing, lazily (`async for`)."""
        pages = self.pages(*args, start=start, **params)

        async def each() -> AsyncIterator[Any]:
            async for page in pages:
                for item in page.items:
                    yield item

        return each()

    async def submit_all(
        self,
        entries: Iterable[Any] | AsyncIterable[Any],
        *args: Any,
        chunk_size: int | None = None,
        concurrency: int = 4,
        poll: PollPolicy | None = None,
        progress: Callable[[BatchProgressEvent], None] | None = None,
        on_failure: Callable[[BatchFailure], None] | None = None,
        keep_failures: bool = True,
        **params: Any,
    ) -> BatchSummary:
        """`Operation.submit_all` on asyncio (entries may be an async iterable)."""
        backend = AsyncOperationBatches(
            self._facade, self.binding, _batch_params(self.binding, args, params)
        )
        return await arun_batches(
            entries,
            backend,
            chunk_size=chunk_size,
            concurrency=concurrency,
            poll=poll or PollPolicy(),
            progress=progress,
            on_failure=on_failure,
            keep_failures=keep_failures,
        )


class Evocalize(_Facade):
    """Synchronous client of the Evocalize partner management API.

    >>> ev = Evocalize(base_url="http://127.0.0.1:8080", key_id="dev", secret="...")
    >>> ev.users.get_user("u1").email
    """

    def __init__(
        self,
        base_url: str | None = None,
        key_id: str | None = None,
        secret: str | None = None,
        *,
        auth: str | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        retries: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(base_url, key_id, secret, auth)
        self._http = httpx.Client(
            base_url=self.settings.base_url,
            auth=self.auth,
            # Below the auth: each re-attempt is signed again, with a fresh timestamp.
            transport=RetryTransport(
                transport or httpx.HTTPTransport(),
                retries or RetryPolicy(),
                prepare_retry=self.auth.sign_request,
            ),
            timeout=timeout,
            headers={"User-Agent": USER_AGENT},
        )
        grouped: dict[str, dict[str, Operation]] = {}
        for binding in bindings().values():
            grouped.setdefault(binding.tag, {})[binding.name] = Operation(self, binding)
        self.operations: dict[str, Operation] = {
            op.binding.operation_id: op for ops in grouped.values() for op in ops.values()
        }
        for tag, operations in grouped.items():
            setattr(self, tag, _Resource[Evocalize](tag, operations))

    def __getattr__(self, name: str) -> Any:
        # Tags are set in __init__; this only improves the error for a mistyped one.
        raise AttributeError(f"{type(self).__name__} has no API area {name!r}")

    def call(self, operation_id: str, /, **params: Any) -> Any:
        """Calls an operation by its operationId: `ev.call("getUser", user_id="u1")`."""
        return self.operations[self._binding(operation_id).operation_id](**params)

    def _send(self, kwargs: dict[str, Any]) -> httpx.Response:
        try:
            return self._http.request(**kwargs)
        except httpx.TimeoutException as error:
            raise APITimeoutError(f"timed out: {error}") from error
        except httpx.TransportError as error:
            raise APIConnectionError(f"no answer from {self.settings.base_url}: {error}") from error

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Evocalize:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncEvocalize(_Facade):
    """Asynchronous twin of `Evocalize`: the same surface, every call awaited."""

    def __init__(
        self,
        base_url: str | None = None,
        key_id: str | None = None,
        secret: str | None = None,
        *,
        auth: str | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        retries: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__(base_url, key_id, secret, auth)
        self._http = httpx.AsyncClient(
            base_url=self.settings.base_url,
            auth=self.auth,
            transport=AsyncRetryTransport(
                transport or httpx.AsyncHTTPTransport(),
                retries or RetryPolicy(),
                prepare_retry=self.auth.sign_request,
            ),
            timeout=timeout,
            headers={"User-Agent": USER_AGENT},
        )
        grouped: dict[str, dict[str, AsyncOperation]] = {}
        for binding in bindings().values():
            grouped.setdefault(binding.tag, {})[binding.name] = AsyncOperation(self, binding)
        self.operations: dict[str, AsyncOperation] = {
            op.binding.operation_id: op for ops in grouped.values() for op in ops.values()
        }
        for tag, operations in grouped.items():
            setattr(self, tag, _Resource[AsyncEvocalize](tag, operations))

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(f"{type(self).__name__} has no API area {name!r}")

    async def call(self, operation_id: str, /, **params: Any) -> Any:
        return await self.operations[self._binding(operation_id).operation_id](**params)

    async def _send(self, kwargs: dict[str, Any]) -> httpx.Response:
        try:
            return await self._http.request(**kwargs)
        except httpx.TimeoutException as error:
            raise APITimeoutError(f"timed out: {error}") from error
        except httpx.TransportError as error:
            raise APIConnectionError(f"no answer from {self.settings.base_url}: {error}") from error

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> AsyncEvocalize:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


__all__ = ["AsyncEvocalize", "AsyncOperation", "Evocalize", "Operation"]
