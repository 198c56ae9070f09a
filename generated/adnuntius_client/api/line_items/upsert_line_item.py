from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.line_item import LineItem
from ...models.line_item_changes import LineItemChanges
from ...models.translatable_message import TranslatableMessage
from ...types import UNSET, Response


def _get_kwargs(
    id: str,
    *,
    body: LineItemChanges,
    context: str,
) -> dict[str, Any]:
    if str(id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("id", str(id))

    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["context"] = context

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/lineitems/{id}".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> LineItem | TranslatableMessage | None:
    if response.status_code == 200:
        response_200 = LineItem.from_dict(response.json())

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
) -> Response[LineItem | TranslatableMessage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: LineItemChanges,
    context: str,
) -> Response[LineItem | TranslatableMessage]:
    """Create or update a line item

     Creates the line item with this id, or updates the fields sent.

    Args:
        id (str): An object id.
        context (str): An object id.
        body (LineItemChanges): A line item to create or update at the id of the path; fields left
            out are not modified.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LineItem | TranslatableMessage]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        context=context,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: LineItemChanges,
    context: str,
) -> LineItem | TranslatableMessage | None:
    """Create or update a line item

     Creates the line item with this id, or updates the fields sent.

    Args:
        id (str): An object id.
        context (str): An object id.
        body (LineItemChanges): A line item to create or update at the id of the path; fields left
            out are not modified.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LineItem | TranslatableMessage
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        context=context,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: LineItemChanges,
    context: str,
) -> Response[LineItem | TranslatableMessage]:
    """Create or update a line item

     Creates the line item with this id, or updates the fields sent.

    Args:
        id (str): An object id.
        context (str): An object id.
        body (LineItemChanges): A line item to create or update at the id of the path; fields left
            out are not modified.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LineItem | TranslatableMessage]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        context=context,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: LineItemChanges,
    context: str,
) -> LineItem | TranslatableMessage | None:
    """Create or update a line item

     Creates the line item with this id, or updates the fields sent.

    Args:
        id (str): An object id.
        context (str): An object id.
        body (LineItemChanges): A line item to create or update at the id of the path; fields left
            out are not modified.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LineItem | TranslatableMessage
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            context=context,
        )
    ).parsed
