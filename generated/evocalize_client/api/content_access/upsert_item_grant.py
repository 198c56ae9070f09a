from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.content_grant_input import ContentGrantInput
from ...models.error_envelope import ErrorEnvelope
from ...models.grant_envelope import GrantEnvelope
from ...types import Response


def _get_kwargs(
    repository_id: str,
    item_id: str,
    *,
    body: ContentGrantInput,
) -> dict[str, Any]:
    if str(repository_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("repositoryId", str(repository_id))
    if str(item_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("itemId", str(item_id))

    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/management/v1/repository/{repository_id}/items/{item_id}/grant".format(
            repository_id=quote(str(repository_id), safe=""),
            item_id=quote(str(item_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | GrantEnvelope | None:
    if response.status_code == 200:
        response_200 = GrantEnvelope.from_dict(response.json())

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
) -> Response[ErrorEnvelope | GrantEnvelope]:
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
    body: ContentGrantInput,
) -> Response[ErrorEnvelope | GrantEnvelope]:
    """Upsert a grant on an item

     Creates or replaces the grant of one grantee on one item; grants of other grantees are
    untouched. Empty permission lists are not accepted here: delete the grant instead.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        item_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.
        body (ContentGrantInput): A grant to upsert on a content item. Content grants need at
            least one permission; delete a grant to remove access.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | GrantEnvelope]
    """

    kwargs = _get_kwargs(
        repository_id=repository_id,
        item_id=item_id,
        body=body,
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
    body: ContentGrantInput,
) -> ErrorEnvelope | GrantEnvelope | None:
    """Upsert a grant on an item

     Creates or replaces the grant of one grantee on one item; grants of other grantees are
    untouched. Empty permission lists are not accepted here: delete the grant instead.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        item_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.
        body (ContentGrantInput): A grant to upsert on a content item. Content grants need at
            least one permission; delete a grant to remove access.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | GrantEnvelope
    """

    return sync_detailed(
        repository_id=repository_id,
        item_id=item_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    repository_id: str,
    item_id: str,
    *,
    client: AuthenticatedClient,
    body: ContentGrantInput,
) -> Response[ErrorEnvelope | GrantEnvelope]:
    """Upsert a grant on an item

     Creates or replaces the grant of one grantee on one item; grants of other grantees are
    untouched. Empty permission lists are not accepted here: delete the grant instead.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        item_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.
        body (ContentGrantInput): A grant to upsert on a content item. Content grants need at
            least one permission; delete a grant to remove access.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | GrantEnvelope]
    """

    kwargs = _get_kwargs(
        repository_id=repository_id,
        item_id=item_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    repository_id: str,
    item_id: str,
    *,
    client: AuthenticatedClient,
    body: ContentGrantInput,
) -> ErrorEnvelope | GrantEnvelope | None:
    """Upsert a grant on an item

     Creates or replaces the grant of one grantee on one item; grants of other grantees are
    untouched. Empty permission lists are not accepted here: delete the grant instead.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        item_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.
        body (ContentGrantInput): A grant to upsert on a content item. Content grants need at
            least one permission; delete a grant to remove access.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | GrantEnvelope
    """

    return (
        await asyncio_detailed(
            repository_id=repository_id,
            item_id=item_id,
            client=client,
            body=body,
        )
    ).parsed
