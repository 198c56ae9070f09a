from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.grants_input import GrantsInput
from ...models.media_envelope import MediaEnvelope
from ...types import Response


def _get_kwargs(
    id: str,
    *,
    body: GrantsInput,
) -> dict[str, Any]:
    if str(id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("id", str(id))

    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/management/v1/media/{id}/grants".format(
            id=quote(str(id), safe=""),
        ),
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

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

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
    id: str,
    *,
    client: AuthenticatedClient,
    body: GrantsInput,
) -> Response[ErrorEnvelope | MediaEnvelope]:
    """Upsert grants on a media asset

     Creates or replaces the grants of the grantees listed; other grantees keep theirs. A
    grant with an empty permission list removes that grantee's access.

    Args:
        id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.
        body (GrantsInput): Grants to upsert on the object of the operation; grantees not listed
            keep their grants.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | MediaEnvelope]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: GrantsInput,
) -> ErrorEnvelope | MediaEnvelope | None:
    """Upsert grants on a media asset

     Creates or replaces the grants of the grantees listed; other grantees keep theirs. A
    grant with an empty permission list removes that grantee's access.

    Args:
        id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.
        body (GrantsInput): Grants to upsert on the object of the operation; grantees not listed
            keep their grants.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | MediaEnvelope
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: GrantsInput,
) -> Response[ErrorEnvelope | MediaEnvelope]:
    """Upsert grants on a media asset

     Creates or replaces the grants of the grantees listed; other grantees keep theirs. A
    grant with an empty permission list removes that grantee's access.

    Args:
        id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.
        body (GrantsInput): Grants to upsert on the object of the operation; grantees not listed
            keep their grants.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | MediaEnvelope]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: GrantsInput,
) -> ErrorEnvelope | MediaEnvelope | None:
    """Upsert grants on a media asset

     Creates or replaces the grants of the grantees listed; other grantees keep theirs. A
    grant with an empty permission list removes that grantee's access.

    Args:
        id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.
        body (GrantsInput): Grants to upsert on the object of the operation; grantees not listed
            keep their grants.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | MediaEnvelope
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
