from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.order_envelope import OrderEnvelope
from ...types import Response


def _get_kwargs(
    order_id: str,
) -> dict[str, Any]:
    if str(order_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("orderId", str(order_id))

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/management/v1/order/{order_id}".format(
            order_id=quote(str(order_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | OrderEnvelope | None:
    if response.status_code == 200:
        response_200 = OrderEnvelope.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | OrderEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    order_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorEnvelope | OrderEnvelope]:
    """Get an order

     Reads one order; a subscription also carries the state of its current interval.

    Args:
        order_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | OrderEnvelope]
    """

    kwargs = _get_kwargs(
        order_id=order_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    order_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorEnvelope | OrderEnvelope | None:
    """Get an order

     Reads one order; a subscription also carries the state of its current interval.

    Args:
        order_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | OrderEnvelope
    """

    return sync_detailed(
        order_id=order_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    order_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorEnvelope | OrderEnvelope]:
    """Get an order

     Reads one order; a subscription also carries the state of its current interval.

    Args:
        order_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | OrderEnvelope]
    """

    kwargs = _get_kwargs(
        order_id=order_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    order_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorEnvelope | OrderEnvelope | None:
    """Get an order

     Reads one order; a subscription also carries the state of its current interval.

    Args:
        order_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | OrderEnvelope
    """

    return (
        await asyncio_detailed(
            order_id=order_id,
            client=client,
        )
    ).parsed
