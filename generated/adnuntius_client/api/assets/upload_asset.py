from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.asset import Asset
from ...models.asset_upload import AssetUpload
from ...models.translatable_message import TranslatableMessage
from ...types import UNSET, Response


def _get_kwargs(
    creative_id: str,
    id: str,
    *,
    body: AssetUpload,
    context: str,
) -> dict[str, Any]:
    if str(creative_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("creative_id", str(creative_id))
    if str(id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("id", str(id))

    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["context"] = context

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/assets/{creative_id}/{id}".format(
            creative_id=quote(str(creative_id), safe=""),
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Asset | TranslatableMessage | None:
    if response.status_code == 200:
        response_200 = Asset.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = TranslatableMessage.from_dict(response.json())

        return response_404

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
) -> Response[Asset | TranslatableMessage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    creative_id: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: AssetUpload,
    context: str,
) -> Response[Asset | TranslatableMessage]:
    """Upload an asset

     Uploads a file (multipart form data, field `file`) as the asset of a creative.

    Args:
        creative_id (str): An object id.
        id (str): An object id.
        context (str): An object id.
        body (AssetUpload):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Asset | TranslatableMessage]
    """

    kwargs = _get_kwargs(
        creative_id=creative_id,
        id=id,
        body=body,
        context=context,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    creative_id: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: AssetUpload,
    context: str,
) -> Asset | TranslatableMessage | None:
    """Upload an asset

     Uploads a file (multipart form data, field `file`) as the asset of a creative.

    Args:
        creative_id (str): An object id.
        id (str): An object id.
        context (str): An object id.
        body (AssetUpload):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Asset | TranslatableMessage
    """

    return sync_detailed(
        creative_id=creative_id,
        id=id,
        client=client,
        body=body,
        context=context,
    ).parsed


async def asyncio_detailed(
    creative_id: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: AssetUpload,
    context: str,
) -> Response[Asset | TranslatableMessage]:
    """Upload an asset

     Uploads a file (multipart form data, field `file`) as the asset of a creative.

    Args:
        creative_id (str): An object id.
        id (str): An object id.
        context (str): An object id.
        body (AssetUpload):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Asset | TranslatableMessage]
    """

    kwargs = _get_kwargs(
        creative_id=creative_id,
        id=id,
        body=body,
        context=context,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    creative_id: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: AssetUpload,
    context: str,
) -> Asset | TranslatableMessage | None:
    """Upload an asset

     Uploads a file (multipart form data, field `file`) as the asset of a creative.

    Args:
        creative_id (str): An object id.
        id (str): An object id.
        context (str): An object id.
        body (AssetUpload):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Asset | TranslatableMessage
    """

    return (
        await asyncio_detailed(
            creative_id=creative_id,
            id=id,
            client=client,
            body=body,
            context=context,
        )
    ).parsed
