from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.advertiser_campaign import AdvertiserCampaign
from ...models.advertiser_campaign_input import AdvertiserCampaignInput
from ...models.error_envelope import ErrorEnvelope
from ...types import Response


def _get_kwargs(
    network_id: int,
    advertiser_id: str,
    campaign_id: str,
    *,
    body: AdvertiserCampaignInput,
) -> dict[str, Any]:
    if str(network_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("network_id", str(network_id))
    if str(advertiser_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("advertiser_id", str(advertiser_id))
    if str(campaign_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("campaign_id", str(campaign_id))

    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/2022-08-01/{network_id}/advertisers/{advertiser_id}/advertiser_campaigns/{campaign_id}.json".format(
            network_id=quote(str(network_id), safe=""),
            advertiser_id=quote(str(advertiser_id), safe=""),
            campaign_id=quote(str(campaign_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AdvertiserCampaign | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = AdvertiserCampaign.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = AdvertiserCampaign.from_dict(response.json())

        return response_201

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

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
) -> Response[AdvertiserCampaign | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    network_id: int,
    advertiser_id: str,
    campaign_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: AdvertiserCampaignInput,
) -> Response[AdvertiserCampaign | ErrorEnvelope]:
    """Update or create an advertiser campaign

     Updates the campaign with the fields sent (staged in `future_terms`), or creates it.
    The answer is the whole campaign, as a GET reads it.

    Args:
        network_id (int):
        advertiser_id (str): An id the network chose for its object.
        campaign_id (str): An id the network chose for its object.
        body (AdvertiserCampaignInput): Campaign fields to stage (the documentation lists more:
            send them with `extra_body`).
            `oauth_token` carries the API token in the body, one of its documented places.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdvertiserCampaign | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        network_id=network_id,
        advertiser_id=advertiser_id,
        campaign_id=campaign_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    network_id: int,
    advertiser_id: str,
    campaign_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: AdvertiserCampaignInput,
) -> AdvertiserCampaign | ErrorEnvelope | None:
    """Update or create an advertiser campaign

     Updates the campaign with the fields sent (staged in `future_terms`), or creates it.
    The answer is the whole campaign, as a GET reads it.

    Args:
        network_id (int):
        advertiser_id (str): An id the network chose for its object.
        campaign_id (str): An id the network chose for its object.
        body (AdvertiserCampaignInput): Campaign fields to stage (the documentation lists more:
            send them with `extra_body`).
            `oauth_token` carries the API token in the body, one of its documented places.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdvertiserCampaign | ErrorEnvelope
    """

    return sync_detailed(
        network_id=network_id,
        advertiser_id=advertiser_id,
        campaign_id=campaign_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    network_id: int,
    advertiser_id: str,
    campaign_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: AdvertiserCampaignInput,
) -> Response[AdvertiserCampaign | ErrorEnvelope]:
    """Update or create an advertiser campaign

     Updates the campaign with the fields sent (staged in `future_terms`), or creates it.
    The answer is the whole campaign, as a GET reads it.

    Args:
        network_id (int):
        advertiser_id (str): An id the network chose for its object.
        campaign_id (str): An id the network chose for its object.
        body (AdvertiserCampaignInput): Campaign fields to stage (the documentation lists more:
            send them with `extra_body`).
            `oauth_token` carries the API token in the body, one of its documented places.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdvertiserCampaign | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        network_id=network_id,
        advertiser_id=advertiser_id,
        campaign_id=campaign_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    network_id: int,
    advertiser_id: str,
    campaign_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: AdvertiserCampaignInput,
) -> AdvertiserCampaign | ErrorEnvelope | None:
    """Update or create an advertiser campaign

     Updates the campaign with the fields sent (staged in `future_terms`), or creates it.
    The answer is the whole campaign, as a GET reads it.

    Args:
        network_id (int):
        advertiser_id (str): An id the network chose for its object.
        campaign_id (str): An id the network chose for its object.
        body (AdvertiserCampaignInput): Campaign fields to stage (the documentation lists more:
            send them with `extra_body`).
            `oauth_token` carries the API token in the body, one of its documented places.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdvertiserCampaign | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            network_id=network_id,
            advertiser_id=advertiser_id,
            campaign_id=campaign_id,
            client=client,
            body=body,
        )
    ).parsed
