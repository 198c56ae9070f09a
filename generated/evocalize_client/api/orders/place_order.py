from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.order_envelope import OrderEnvelope
from ...models.purchase_order_input import PurchaseOrderInput
from ...models.subscription_order_input import SubscriptionOrderInput
from ...types import Response


def _get_kwargs(
    *,
    body: PurchaseOrderInput | SubscriptionOrderInput,
) -> dict[str, Any]:

    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/management/v1/order",
    }

    if isinstance(body, PurchaseOrderInput):
        _kwargs["json"] = body.to_dict()
    else:
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
    *,
    client: AuthenticatedClient,
    body: PurchaseOrderInput | SubscriptionOrderInput,
) -> Response[ErrorEnvelope | OrderEnvelope]:
    """Place a purchase or subscription order

     Places an order for a user of a group. A `purchase` runs once between its start and its
    end (at least 24 hours later); a `subscription` starts at its start, spends its amount
    each month and renews until cancelled. The user must belong to the group, the product
    code must name an active product (or a product id written `pid_<id>`), the start must
    be in the future and the amount, in USD with at most two decimals, within the product's
    spend limits. Content items and variable values supply the creative. `programName`,
    optional, gives the order a custom name; the order answers it back.

    Args:
        body (PurchaseOrderInput | SubscriptionOrderInput): A purchase or a subscription order,
            told apart by `orderType`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | OrderEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: PurchaseOrderInput | SubscriptionOrderInput,
) -> ErrorEnvelope | OrderEnvelope | None:
    """Place a purchase or subscription order

     Places an order for a user of a group. A `purchase` runs once between its start and its
    end (at least 24 hours later); a `subscription` starts at its start, spends its amount
    each month and renews until cancelled. The user must belong to the group, the product
    code must name an active product (or a product id written `pid_<id>`), the start must
    be in the future and the amount, in USD with at most two decimals, within the product's
    spend limits. Content items and variable values supply the creative. `programName`,
    optional, gives the order a custom name; the order answers it back.

    Args:
        body (PurchaseOrderInput | SubscriptionOrderInput): A purchase or a subscription order,
            told apart by `orderType`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | OrderEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PurchaseOrderInput | SubscriptionOrderInput,
) -> Response[ErrorEnvelope | OrderEnvelope]:
    """Place a purchase or subscription order

     Places an order for a user of a group. A `purchase` runs once between its start and its
    end (at least 24 hours later); a `subscription` starts at its start, spends its amount
    each month and renews until cancelled. The user must belong to the group, the product
    code must name an active product (or a product id written `pid_<id>`), the start must
    be in the future and the amount, in USD with at most two decimals, within the product's
    spend limits. Content items and variable values supply the creative. `programName`,
    optional, gives the order a custom name; the order answers it back.

    Args:
        body (PurchaseOrderInput | SubscriptionOrderInput): A purchase or a subscription order,
            told apart by `orderType`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | OrderEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PurchaseOrderInput | SubscriptionOrderInput,
) -> ErrorEnvelope | OrderEnvelope | None:
    """Place a purchase or subscription order

     Places an order for a user of a group. A `purchase` runs once between its start and its
    end (at least 24 hours later); a `subscription` starts at its start, spends its amount
    each month and renews until cancelled. The user must belong to the group, the product
    code must name an active product (or a product id written `pid_<id>`), the start must
    be in the future and the amount, in USD with at most two decimals, within the product's
    spend limits. Content items and variable values supply the creative. `programName`,
    optional, gives the order a custom name; the order answers it back.

    Args:
        body (PurchaseOrderInput | SubscriptionOrderInput): A purchase or a subscription order,
            told apart by `orderType`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | OrderEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
