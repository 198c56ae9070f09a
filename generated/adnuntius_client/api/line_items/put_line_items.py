from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.line_item_list_entry import LineItemListEntry
from ...models.line_item_page import LineItemPage
from ...models.translatable_message import TranslatableMessage
from ...types import UNSET, Response


def _get_kwargs(
    *,
    body: list[LineItemListEntry],
    context: str,
) -> dict[str, Any]:

    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["context"] = context

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/lineitems",
        "params": params,
    }

    _kwargs["json"] = []
    for componentsschemas_line_item_list_input_item_data in body:
        componentsschemas_line_item_list_input_item = (
            componentsschemas_line_item_list_input_item_data.to_dict()
        )
        _kwargs["json"].append(componentsschemas_line_item_list_input_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> LineItemPage | TranslatableMessage | None:
    if response.status_code == 200:
        response_200 = LineItemPage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = TranslatableMessage.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = TranslatableMessage.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = TranslatableMessage.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = TranslatableMessage.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = TranslatableMessage.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[LineItemPage | TranslatableMessage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: list[LineItemListEntry],
    context: str,
) -> Response[LineItemPage | TranslatableMessage]:
    """Create or update line items (PUT)

     The same as `POST`, which the API treats alike.

    Args:
        context (str): An object id.
        body (list[LineItemListEntry]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LineItemPage | TranslatableMessage]
    """

    kwargs = _get_kwargs(
        body=body,
        context=context,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: list[LineItemListEntry],
    context: str,
) -> LineItemPage | TranslatableMessage | None:
    """Create or update line items (PUT)

     The same as `POST`, which the API treats alike.

    Args:
        context (str): An object id.
        body (list[LineItemListEntry]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LineItemPage | TranslatableMessage
    """

    return sync_detailed(
        client=client,
        body=body,
        context=context,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: list[LineItemListEntry],
    context: str,
) -> Response[LineItemPage | TranslatableMessage]:
    """Create or update line items (PUT)

     The same as `POST`, which the API treats alike.

    Args:
        context (str): An object id.
        body (list[LineItemListEntry]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LineItemPage | TranslatableMessage]
    """

    kwargs = _get_kwargs(
        body=body,
        context=context,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: list[LineItemListEntry],
    context: str,
) -> LineItemPage | TranslatableMessage | None:
    """Create or update line items (PUT)

     The same as `POST`, which the API treats alike.

    Args:
        context (str): An object id.
        body (list[LineItemListEntry]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LineItemPage | TranslatableMessage
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            context=context,
        )
    ).parsed
