from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.line_item_page import LineItemPage
from ...models.list_line_items_order_by_direction import (
    ListLineItemsOrderByDirection,
)
from ...models.translatable_message import TranslatableMessage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 0,
    page_size: int | Unset = 100,
    include_hidden: bool | Unset = False,
    id: str | Unset = UNSET,
    filter_by: str | Unset = UNSET,
    filter_by_like: str | Unset = UNSET,
    where: str | Unset = UNSET,
    order_by: str | Unset = UNSET,
    order_by_direction: ListLineItemsOrderByDirection | Unset = UNSET,
    context: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["pageSize"] = page_size

    params["includeHidden"] = include_hidden

    params["id"] = id

    params["filterBy"] = filter_by

    params["filterByLike"] = filter_by_like

    params["where"] = where

    params["orderBy"] = order_by

    json_order_by_direction: str | Unset = UNSET
    if not isinstance(order_by_direction, Unset):
        json_order_by_direction = order_by_direction

    params["orderByDirection"] = json_order_by_direction

    params["context"] = context

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/lineitems",
        "params": params,
    }

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
    page: int | Unset = 0,
    page_size: int | Unset = 100,
    include_hidden: bool | Unset = False,
    id: str | Unset = UNSET,
    filter_by: str | Unset = UNSET,
    filter_by_like: str | Unset = UNSET,
    where: str | Unset = UNSET,
    order_by: str | Unset = UNSET,
    order_by_direction: ListLineItemsOrderByDirection | Unset = UNSET,
    context: str,
) -> Response[LineItemPage | TranslatableMessage]:
    """List line items

     One page of the network's line items, hidden ones only with `includeHidden=true`.

    Args:
        page (int | Unset):  Default: 0.
        page_size (int | Unset):  Default: 100.
        include_hidden (bool | Unset):  Default: False.
        id (str | Unset):
        filter_by (str | Unset):
        filter_by_like (str | Unset):
        where (str | Unset):
        order_by (str | Unset):
        order_by_direction (ListLineItemsOrderByDirection | Unset):
        context (str): An object id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LineItemPage | TranslatableMessage]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        include_hidden=include_hidden,
        id=id,
        filter_by=filter_by,
        filter_by_like=filter_by_like,
        where=where,
        order_by=order_by,
        order_by_direction=order_by_direction,
        context=context,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 0,
    page_size: int | Unset = 100,
    include_hidden: bool | Unset = False,
    id: str | Unset = UNSET,
    filter_by: str | Unset = UNSET,
    filter_by_like: str | Unset = UNSET,
    where: str | Unset = UNSET,
    order_by: str | Unset = UNSET,
    order_by_direction: ListLineItemsOrderByDirection | Unset = UNSET,
    context: str,
) -> LineItemPage | TranslatableMessage | None:
    """List line items

     One page of the network's line items, hidden ones only with `includeHidden=true`.

    Args:
        page (int | Unset):  Default: 0.
        page_size (int | Unset):  Default: 100.
        include_hidden (bool | Unset):  Default: False.
        id (str | Unset):
        filter_by (str | Unset):
        filter_by_like (str | Unset):
        where (str | Unset):
        order_by (str | Unset):
        order_by_direction (ListLineItemsOrderByDirection | Unset):
        context (str): An object id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LineItemPage | TranslatableMessage
    """

    return sync_detailed(
        client=client,
        page=page,
        page_size=page_size,
        include_hidden=include_hidden,
        id=id,
        filter_by=filter_by,
        filter_by_like=filter_by_like,
        where=where,
        order_by=order_by,
        order_by_direction=order_by_direction,
        context=context,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 0,
    page_size: int | Unset = 100,
    include_hidden: bool | Unset = False,
    id: str | Unset = UNSET,
    filter_by: str | Unset = UNSET,
    filter_by_like: str | Unset = UNSET,
    where: str | Unset = UNSET,
    order_by: str | Unset = UNSET,
    order_by_direction: ListLineItemsOrderByDirection | Unset = UNSET,
    context: str,
) -> Response[LineItemPage | TranslatableMessage]:
    """List line items

     One page of the network's line items, hidden ones only with `includeHidden=true`.

    Args:
        page (int | Unset):  Default: 0.
        page_size (int | Unset):  Default: 100.
        include_hidden (bool | Unset):  Default: False.
        id (str | Unset):
        filter_by (str | Unset):
        filter_by_like (str | Unset):
        where (str | Unset):
        order_by (str | Unset):
        order_by_direction (ListLineItemsOrderByDirection | Unset):
        context (str): An object id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LineItemPage | TranslatableMessage]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        include_hidden=include_hidden,
        id=id,
        filter_by=filter_by,
        filter_by_like=filter_by_like,
        where=where,
        order_by=order_by,
        order_by_direction=order_by_direction,
        context=context,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 0,
    page_size: int | Unset = 100,
    include_hidden: bool | Unset = False,
    id: str | Unset = UNSET,
    filter_by: str | Unset = UNSET,
    filter_by_like: str | Unset = UNSET,
    where: str | Unset = UNSET,
    order_by: str | Unset = UNSET,
    order_by_direction: ListLineItemsOrderByDirection | Unset = UNSET,
    context: str,
) -> LineItemPage | TranslatableMessage | None:
    """List line items

     One page of the network's line items, hidden ones only with `includeHidden=true`.

    Args:
        page (int | Unset):  Default: 0.
        page_size (int | Unset):  Default: 100.
        include_hidden (bool | Unset):  Default: False.
        id (str | Unset):
        filter_by (str | Unset):
        filter_by_like (str | Unset):
        where (str | Unset):
        order_by (str | Unset):
        order_by_direction (ListLineItemsOrderByDirection | Unset):
        context (str): An object id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LineItemPage | TranslatableMessage
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            page_size=page_size,
            include_hidden=include_hidden,
            id=id,
            filter_by=filter_by,
            filter_by_like=filter_by_like,
            where=where,
            order_by=order_by,
            order_by_direction=order_by_direction,
            context=context,
        )
    ).parsed
