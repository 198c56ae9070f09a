from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.content_item_envelope import ContentItemEnvelope
from ...models.error_envelope import ErrorEnvelope
from ...types import Response


def _get_kwargs(
    repository_id: str,
    item_id: str,
) -> dict[str, Any]:
    if str(repository_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("repositoryId", str(repository_id))
    if str(item_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("itemId", str(item_id))

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/management/v1/repository/{repository_id}/item/{item_id}".format(
            repository_id=quote(str(repository_id), safe=""),
            item_id=quote(str(item_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ContentItemEnvelope | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = ContentItemEnvelope.from_dict(response.json())

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
) -> Response[ContentItemEnvelope | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    repository_id: str,
    item_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ContentItemEnvelope | ErrorEnvelope]:
    """Get a content item

     Reads one item; its `values` hold the repository's fields.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        item_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ContentItemEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        repository_id=repository_id,
        item_id=item_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    repository_id: str,
    item_id: str,
    *,
    client: AuthenticatedClient,
) -> ContentItemEnvelope | ErrorEnvelope | None:
    """Get a content item

     Reads one item; its `values` hold the repository's fields.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        item_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ContentItemEnvelope | ErrorEnvelope
    """

    return sync_detailed(
        repository_id=repository_id,
        item_id=item_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    repository_id: str,
    item_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ContentItemEnvelope | ErrorEnvelope]:
    """Get a content item

     Reads one item; its `values` hold the repository's fields.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        item_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ContentItemEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        repository_id=repository_id,
        item_id=item_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    repository_id: str,
    item_id: str,
    *,
    client: AuthenticatedClient,
) -> ContentItemEnvelope | ErrorEnvelope | None:
    """Get a content item

     Reads one item; its `values` hold the repository's fields.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        item_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ContentItemEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            repository_id=repository_id,
            item_id=item_id,
            client=client,
        )
    ).parsed
