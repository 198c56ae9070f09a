from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.campaign_envelope import CampaignEnvelope
from ...models.campaign_input import CampaignInput
from ...models.error_envelope import ErrorEnvelope
from ...types import Response


def _get_kwargs(
    network_id: int,
    id: int,
    *,
    body: CampaignInput,
) -> dict[str, Any]:
    if str(network_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("network_id", str(network_id))
    if str(id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("id", str(id))

    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v2.0/api/{network_id}/campaign/{id}".format(
            network_id=quote(str(network_id), safe=""),
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CampaignEnvelope | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = CampaignEnvelope.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorEnvelope.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CampaignEnvelope | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    network_id: int,
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: CampaignInput,
) -> Response[CampaignEnvelope | ErrorEnvelope]:
    """Update a campaign

     Sets the fields sent.

    Args:
        network_id (int):
        id (int):
        body (CampaignInput): The fields of a campaign to create or to set (more go in
            `extra_body`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CampaignEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        network_id=network_id,
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    network_id: int,
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: CampaignInput,
) -> CampaignEnvelope | ErrorEnvelope | None:
    """Update a campaign

     Sets the fields sent.

    Args:
        network_id (int):
        id (int):
        body (CampaignInput): The fields of a campaign to create or to set (more go in
            `extra_body`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CampaignEnvelope | ErrorEnvelope
    """

    return sync_detailed(
        network_id=network_id,
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    network_id: int,
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: CampaignInput,
) -> Response[CampaignEnvelope | ErrorEnvelope]:
    """Update a campaign

     Sets the fields sent.

    Args:
        network_id (int):
        id (int):
        body (CampaignInput): The fields of a campaign to create or to set (more go in
            `extra_body`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CampaignEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        network_id=network_id,
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    network_id: int,
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: CampaignInput,
) -> CampaignEnvelope | ErrorEnvelope | None:
    """Update a campaign

     Sets the fields sent.

    Args:
        network_id (int):
        id (int):
        body (CampaignInput): The fields of a campaign to create or to set (more go in
            `extra_body`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CampaignEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            network_id=network_id,
            id=id,
            client=client,
            body=body,
        )
    ).parsed
