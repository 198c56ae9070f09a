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
    placeholder_id: str,
    *,
    page_token: str | Unset = UNSET,
) -> dict[str, Any]:
    if str(placeholder_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("placeholderId", str(placeholder_id))

    params: dict[str, Any] = {}

    params["pageToken"] = page_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/management/v1/audience/{placeholder_id}/grants".format(
            placeholder_id=quote(str(placeholder_id), safe=""),
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
) -> Response[ErrorEnvelope | GrantsPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    placeholder_id: str,
    *,
    client: AuthenticatedClient,
    page_token: str | Unset = UNSET,
) -> Response[ErrorEnvelope | GrantsPage]:
    """List the grants on an audience placeholder

     Lists every grant on the placeholder.

    Args:
        placeholder_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        page_token (str | Unset): An opaque page token. Pass it back unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | GrantsPage]
    """

    kwargs = _get_kwargs(
        placeholder_id=placeholder_id,
        page_token=page_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    placeholder_id: str,
    *,
    client: AuthenticatedClient,
    page_token: str | Unset = UNSET,
) -> ErrorEnvelope | GrantsPage | None:
    """List the grants on an audience placeholder

     Lists every grant on the placeholder.

    Args:
        placeholder_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        page_token (str | Unset): An opaque page token. Pass it back unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | GrantsPage
    """

    return sync_detailed(
        placeholder_id=placeholder_id,
        client=client,
        page_token=page_token,
    ).parsed


async def asyncio_detailed(
    placeholder_id: str,
    *,
    client: AuthenticatedClient,
    page_token: str | Unset = UNSET,
) -> Response[ErrorEnvelope | GrantsPage]:
    """List the grants on an audience placeholder

     Lists every grant on the placeholder.

    Args:
        placeholder_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        page_token (str | Unset): An opaque page token. Pass it back unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | GrantsPage]
    """

    kwargs = _get_kwargs(
        placeholder_id=placeholder_id,
        page_token=page_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    placeholder_id: str,
    *,
    client: AuthenticatedClient,
    page_token: str | Unset = UNSET,
) -> ErrorEnvelope | GrantsPage | None:
    """List the grants on an audience placeholder

     Lists every grant on the placeholder.

    Args:
        placeholder_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        page_token (str | Unset): An opaque page token. Pass it back unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | GrantsPage
    """

    return (
        await asyncio_detailed(
            placeholder_id=placeholder_id,
            client=client,
            page_token=page_token,
        )
    ).parsed
