from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.grants_page import GrantsPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    repository_id: str,
    item_id: str,
    *,
    filter_by_grantee: str | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> dict[str, Any]:
    if str(repository_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("repositoryId", str(repository_id))
    if str(item_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("itemId", str(item_id))

    params: dict[str, Any] = {}

    params["filterByGrantee"] = filter_by_grantee

    params["pageToken"] = page_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/management/v1/repository/{repository_id}/items/{item_id}/grants".format(
            repository_id=quote(str(repository_id), safe=""),
            item_id=quote(str(item_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | GrantsPage | None:
    if response.status_code == 200:
        response_200 = GrantsPage.from_dict(response.json())

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
) -> Response[ErrorEnvelope | GrantsPage]:
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
    filter_by_grantee: str | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> Response[ErrorEnvelope | GrantsPage]:
    """List the grants on an item

     Lists the grants on one content item, optionally only those of the given grantees.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        item_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.
        filter_by_grantee (str | Unset): The GranteeFilter as application/json text, for example
            compact JSON.
        page_token (str | Unset): An opaque page token. Pass it back unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | GrantsPage]
    """

    kwargs = _get_kwargs(
        repository_id=repository_id,
        item_id=item_id,
        filter_by_grantee=filter_by_grantee,
        page_token=page_token,
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
    filter_by_grantee: str | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> ErrorEnvelope | GrantsPage | None:
    """List the grants on an item

     Lists the grants on one content item, optionally only those of the given grantees.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        item_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.
        filter_by_grantee (str | Unset): The GranteeFilter as application/json text, for example
            compact JSON.
        page_token (str | Unset): An opaque page token. Pass it back unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | GrantsPage
    """

    return sync_detailed(
        repository_id=repository_id,
        item_id=item_id,
        client=client,
        filter_by_grantee=filter_by_grantee,
        page_token=page_token,
    ).parsed


async def asyncio_detailed(
    repository_id: str,
    item_id: str,
    *,
    client: AuthenticatedClient,
    filter_by_grantee: str | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> Response[ErrorEnvelope | GrantsPage]:
    """List the grants on an item

     Lists the grants on one content item, optionally only those of the given grantees.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        item_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.
        filter_by_grantee (str | Unset): The GranteeFilter as application/json text, for example
            compact JSON.
        page_token (str | Unset): An opaque page token. Pass it back unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | GrantsPage]
    """

    kwargs = _get_kwargs(
        repository_id=repository_id,
        item_id=item_id,
        filter_by_grantee=filter_by_grantee,
        page_token=page_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    repository_id: str,
    item_id: str,
    *,
    client: AuthenticatedClient,
    filter_by_grantee: str | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> ErrorEnvelope | GrantsPage | None:
    """List the grants on an item

     Lists the grants on one content item, optionally only those of the given grantees.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        item_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.
        filter_by_grantee (str | Unset): The GranteeFilter as application/json text, for example
            compact JSON.
        page_token (str | Unset): An opaque page token. Pass it back unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | GrantsPage
    """

    return (
        await asyncio_detailed(
            repository_id=repository_id,
            item_id=item_id,
            client=client,
            filter_by_grantee=filter_by_grantee,
            page_token=page_token,
        )
    ).parsed
