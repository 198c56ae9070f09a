"""One call of one operation of any client that openapi-python-client generated (Evocalize's or
a peer profile's), with the overlay's typed errors, existence checks and page fetching.

The generated module builds the request (`_get_kwargs`) and parses a success body
(`_parse_response`); the request goes through the generated client's httpx client, so its auth
(`SessionAuth`, ...) and transport (`RetryTransport`) apply. An error answer raises the typed
error of the API's `ErrorConvention` before generated code sees it (the facade's `binding.py`
does the same for Evocalize with more conveniences).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import ModuleType
from typing import Any, Protocol

import httpx

from evocalize._operation import snake_case
from evocalize.errors import ErrorConvention, ResponseValidationError
from evocalize.pagination import AsyncFetch, Fetch

__all__ = ["acall", "aexists", "afetch_pages", "asend", "call", "exists", "fetch_pages", "send"]


class GeneratedClient(Protocol):
    """What every generated `Client` / `AuthenticatedClient` offers."""

    def get_httpx_client(self) -> httpx.Client: ...

    def get_async_httpx_client(self) -> httpx.AsyncClient: ...


def send(operation: ModuleType, client: GeneratedClient, **params: Any) -> httpx.Response:
    """The untouched response to `operation` called with `params` (the generated names)."""
    return client.get_httpx_client().request(**operation._get_kwargs(**params))


async def asend(operation: ModuleType, client: GeneratedClient, **params: Any) -> httpx.Response:
    return await client.get_async_httpx_client().request(**operation._get_kwargs(**params))


def _parsed(operation: ModuleType, client: GeneratedClient, response: httpx.Response) -> Any:
    if not response.content:
        return None
    try:
        return operation._parse_response(client=client, response=response)
    except (KeyError, TypeError, ValueError) as error:
        raise ResponseValidationError(
            f"the {response.status_code} answer of {operation.__name__} does not match the spec:"
            f" {type(error).__name__} {error}"
        ) from error


def call(
    operation: ModuleType, client: GeneratedClient, errors: ErrorConvention, **params: Any
) -> Any:
    """The generated model of the success answer; an error answer raises its typed error."""
    response = send(operation, client, **params)
    errors.raise_for(response)
    return _parsed(operation, client, response)


async def acall(
    operation: ModuleType, client: GeneratedClient, errors: ErrorConvention, **params: Any
) -> Any:
    response = await asend(operation, client, **params)
    errors.raise_for(response)
    return _parsed(operation, client, response)


def _existence(response: httpx.Response, errors: ErrorConvention) -> bool:
    # HEAD answers 200 when the object exists, 404 when it does not (Adnuntius's API Requests page);
    # any other answer is an error to raise, not a "no".
    if response.status_code == 404:
        return False
    errors.raise_for(response)
    return True


def exists(
    operation: ModuleType, client: GeneratedClient, errors: ErrorConvention, **params: Any
) -> bool:
    """Whether the object exists, by a `HEAD` (or any) operation answering 2xx or 404."""
    return _existence(send(operation, client, **params), errors)


async def aexists(
    operation: ModuleType, client: GeneratedClient, errors: ErrorConvention, **params: Any
) -> bool:
    return _existence(await asend(operation, client, **params), errors)


def _page(response: httpx.Response) -> Mapping[str, Any]:
    try:
        page = json.loads(response.content)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ResponseValidationError(f"the {response.status_code} page is not JSON") from error
    if not isinstance(page, Mapping):
        raise ResponseValidationError(f"the {response.status_code} page is not a JSON object")
    return page


def _generated_names(params: Mapping[str, Any]) -> dict[str, Any]:
    # Paging strategies speak the API's names (`pageSize`); generated functions, snake_case.
    return {snake_case(name): value for name, value in params.items()}


def fetch_pages(
    operation: ModuleType, client: GeneratedClient, errors: ErrorConvention, **params: Any
) -> Fetch:
    """A `pagination.Fetch` over a generated listing: each page's decoded JSON, typed errors
    raised; `params` (filters) go with every page."""

    def fetch(paging: dict[str, Any]) -> Mapping[str, Any]:
        response = send(operation, client, **params, **_generated_names(paging))
        errors.raise_for(response)
        return _page(response)

    return fetch


def afetch_pages(
    operation: ModuleType, client: GeneratedClient, errors: ErrorConvention, **params: Any
) -> AsyncFetch:
    async def fetch(paging: dict[str, Any]) -> Mapping[str, Any]:
        response = await asend(operation, client, **params, **_generated_names(paging))
        errors.raise_for(response)
        return _page(response)

    return fetch
