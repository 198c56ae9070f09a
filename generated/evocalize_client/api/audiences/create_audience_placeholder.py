from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.audience_placeholder_envelope import AudiencePlaceholderEnvelope
from ...models.audience_placeholder_input import AudiencePlaceholderInput
from ...models.error_envelope import ErrorEnvelope
from ...types import Response


def _get_kwargs(
    *,
    body: AudiencePlaceholderInput,
) -> dict[str, Any]:

    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/management/v1/audience",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AudiencePlaceholderEnvelope | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = AudiencePlaceholderEnvelope.from_dict(response.json())

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
) -> Response[AudiencePlaceholderEnvelope | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: AudiencePlaceholderInput,
) -> Response[AudiencePlaceholderEnvelope | ErrorEnvelope]:
    """Create an audience placeholder

     Creates an empty placeholder in the `pending` status, for Evocalize to fill with channel
    audiences once customer data is uploaded with `uploadAudienceCsv`. Grants say who may use it.

    Args:
        body (AudiencePlaceholderInput): A placeholder to create. The description defaults to the
            name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AudiencePlaceholderEnvelope | ErrorEnvelope]
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
    body: AudiencePlaceholderInput,
) -> AudiencePlaceholderEnvelope | ErrorEnvelope | None:
    """Create an audience placeholder

     Creates an empty placeholder in the `pending` status, for Evocalize to fill with channel
    audiences once customer data is uploaded with `uploadAudienceCsv`. Grants say who may use it.

    Args:
        body (AudiencePlaceholderInput): A placeholder to create. The description defaults to the
            name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AudiencePlaceholderEnvelope | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: AudiencePlaceholderInput,
) -> Response[AudiencePlaceholderEnvelope | ErrorEnvelope]:
    """Create an audience placeholder

     Creates an empty placeholder in the `pending` status, for Evocalize to fill with channel
    audiences once customer data is uploaded with `uploadAudienceCsv`. Grants say who may use it.

    Args:
        body (AudiencePlaceholderInput): A placeholder to create. The description defaults to the
            name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AudiencePlaceholderEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: AudiencePlaceholderInput,
) -> AudiencePlaceholderEnvelope | ErrorEnvelope | None:
    """Create an audience placeholder

     Creates an empty placeholder in the `pending` status, for Evocalize to fill with channel
    audiences once customer data is uploaded with `uploadAudienceCsv`. Grants say who may use it.

    Args:
        body (AudiencePlaceholderInput): A placeholder to create. The description defaults to the
            name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AudiencePlaceholderEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
