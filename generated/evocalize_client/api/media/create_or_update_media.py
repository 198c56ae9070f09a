from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.media_envelope import MediaEnvelope
from ...models.media_input import MediaInput
from ...types import Response


def _get_kwargs(
    *,
    body: MediaInput,
) -> dict[str, Any]:

    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/management/v1/media",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | MediaEnvelope | None:
    if response.status_code == 200:
        response_200 = MediaEnvelope.from_dict(response.json())

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
) -> Response[ErrorEnvelope | MediaEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: MediaInput,
) -> Response[ErrorEnvelope | MediaEnvelope]:
    """Create or update a media asset

     Imports an image or video by its public URL into the organization's media library, or
    updates its name and URL when `id` exists. The type of an existing asset cannot change.
    Users with READ through a grant see the asset in their media library.

    Args:
        body (MediaInput): A media asset to create or update, keyed by `id`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | MediaEnvelope]
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
    body: MediaInput,
) -> ErrorEnvelope | MediaEnvelope | None:
    """Create or update a media asset

     Imports an image or video by its public URL into the organization's media library, or
    updates its name and URL when `id` exists. The type of an existing asset cannot change.
    Users with READ through a grant see the asset in their media library.

    Args:
        body (MediaInput): A media asset to create or update, keyed by `id`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | MediaEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: MediaInput,
) -> Response[ErrorEnvelope | MediaEnvelope]:
    """Create or update a media asset

     Imports an image or video by its public URL into the organization's media library, or
    updates its name and URL when `id` exists. The type of an existing asset cannot change.
    Users with READ through a grant see the asset in their media library.

    Args:
        body (MediaInput): A media asset to create or update, keyed by `id`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | MediaEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: MediaInput,
) -> ErrorEnvelope | MediaEnvelope | None:
    """Create or update a media asset

     Imports an image or video by its public URL into the organization's media library, or
    updates its name and URL when `id` exists. The type of an existing asset cannot change.
    Users with READ through a grant see the asset in their media library.

    Args:
        body (MediaInput): A media asset to create or update, keyed by `id`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | MediaEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
