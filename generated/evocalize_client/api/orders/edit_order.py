from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.order_edit import OrderEdit
from ...models.order_envelope import OrderEnvelope
from ...types import Response


def _get_kwargs(
    order_id: str,
    *,
    body: OrderEdit,
) -> dict[str, Any]:
    if str(order_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("orderId", str(order_id))

    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/management/v1/order/{order_id}".format(
            order_id=quote(str(order_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
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
    body: OrderEdit,
) -> Response[ErrorEnvelope | OrderEnvelope]:
    """Edit an order

     Changes the amount, the schedule, the variable values or the program name of an order;
    send at least one (`programName` alone is a valid edit).
    Orders ending within 24 hours cannot be edited, nor a start that has passed be moved; a
    new start must be in the future, a purchase's end at least 24 hours after its start, and
    a purchase's amount cannot change within 48 hours of its end. A subscription has no end.
    Variable values sent are added to, or overwrite, the existing ones. Some products make
    variables (a marketing account id, for example) immutable once the order is placed: an
    edit whose `variableValues` includes one is refused with 400
    `EV_BAD_REQUEST_INVALID_VARIABLE_VALUE`, the error's `field` naming the variable.

    Args:
        order_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.
        body (OrderEdit): The fields of an order to change; at least one. `programName` alone is a
            valid edit.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | OrderEnvelope]
    """

    kwargs = _get_kwargs(
        order_id=order_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    order_id: str,
    *,
    client: AuthenticatedClient,
    body: OrderEdit,
) -> ErrorEnvelope | OrderEnvelope | None:
    """Edit an order

     Changes the amount, the schedule, the variable values or the program name of an order;
    send at least one (`programName` alone is a valid edit).
    Orders ending within 24 hours cannot be edited, nor a start that has passed be moved; a
    new start must be in the future, a purchase's end at least 24 hours after its start, and
    a purchase's amount cannot change within 48 hours of its end. A subscription has no end.
    Variable values sent are added to, or overwrite, the existing ones. Some products make
    variables (a marketing account id, for example) immutable once the order is placed: an
    edit whose `variableValues` includes one is refused with 400
    `EV_BAD_REQUEST_INVALID_VARIABLE_VALUE`, the error's `field` naming the variable.

    Args:
        order_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.
        body (OrderEdit): The fields of an order to change; at least one. `programName` alone is a
            valid edit.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | OrderEnvelope
    """

    return sync_detailed(
        order_id=order_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    order_id: str,
    *,
    client: AuthenticatedClient,
    body: OrderEdit,
) -> Response[ErrorEnvelope | OrderEnvelope]:
    """Edit an order

     Changes the amount, the schedule, the variable values or the program name of an order;
    send at least one (`programName` alone is a valid edit).
    Orders ending within 24 hours cannot be edited, nor a start that has passed be moved; a
    new start must be in the future, a purchase's end at least 24 hours after its start, and
    a purchase's amount cannot change within 48 hours of its end. A subscription has no end.
    Variable values sent are added to, or overwrite, the existing ones. Some products make
    variables (a marketing account id, for example) immutable once the order is placed: an
    edit whose `variableValues` includes one is refused with 400
    `EV_BAD_REQUEST_INVALID_VARIABLE_VALUE`, the error's `field` naming the variable.

    Args:
        order_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.
        body (OrderEdit): The fields of an order to change; at least one. `programName` alone is a
            valid edit.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | OrderEnvelope]
    """

    kwargs = _get_kwargs(
        order_id=order_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    order_id: str,
    *,
    client: AuthenticatedClient,
    body: OrderEdit,
) -> ErrorEnvelope | OrderEnvelope | None:
    """Edit an order

     Changes the amount, the schedule, the variable values or the program name of an order;
    send at least one (`programName` alone is a valid edit).
    Orders ending within 24 hours cannot be edited, nor a start that has passed be moved; a
    new start must be in the future, a purchase's end at least 24 hours after its start, and
    a purchase's amount cannot change within 48 hours of its end. A subscription has no end.
    Variable values sent are added to, or overwrite, the existing ones. Some products make
    variables (a marketing account id, for example) immutable once the order is placed: an
    edit whose `variableValues` includes one is refused with 400
    `EV_BAD_REQUEST_INVALID_VARIABLE_VALUE`, the error's `field` naming the variable.

    Args:
        order_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.
        body (OrderEdit): The fields of an order to change; at least one. `programName` alone is a
            valid edit.

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
            body=body,
        )
    ).parsed
