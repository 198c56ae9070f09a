from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.media_page import MediaPage
from ...models.media_type import MediaType
from ...types import UNSET, Response, Unset


def _get_kwargs(
    user_id: str,
    *,
    type_: MediaType | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> dict[str, Any]:
    if str(user_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("userId", str(user_id))

    params: dict[str, Any] = {}

    json_type_: str | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = type_

    params["type"] = json_type_

    params["pageToken"] = page_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/management/v1/user/{user_id}/media".format(
            user_id=quote(str(user_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | MediaPage | None:
    if response.status_code == 200:
        response_200 = MediaPage.from_dict(response.json())

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
) -> Response[ErrorEnvelope | MediaPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    user_id: str,
    *,
    client: AuthenticatedClient,
    type_: MediaType | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> Response[ErrorEnvelope | MediaPage]:
    """List the media a user may use

     Lists the media assets the user can read through grants, optionally only images or only videos.

    Args:
        user_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.
        type_ (MediaType | Unset): The kind of media asset; it cannot change once created.
        page_token (str | Unset): An opaque page token. Pass it back unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | MediaPage]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        type_=type_,
        page_token=page_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    user_id: str,
    *,
    client: AuthenticatedClient,
    type_: MediaType | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> ErrorEnvelope | MediaPage | None:
    """List the media a user may use

     Lists the media assets the user can read through grants, optionally only images or only videos.

    Args:
        user_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.
        type_ (MediaType | Unset): The kind of media asset; it cannot change once created.
        page_token (str | Unset): An opaque page token. Pass it back unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | MediaPage
    """

    return sync_detailed(
        user_id=user_id,
        client=client,
        type_=type_,
        page_token=page_token,
    ).parsed


async def asyncio_detailed(
    user_id: str,
    *,
    client: AuthenticatedClient,
    type_: MediaType | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> Response[ErrorEnvelope | MediaPage]:
    """List the media a user may use

     Lists the media assets the user can read through grants, optionally only images or only videos.

    Args:
        user_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.
        type_ (MediaType | Unset): The kind of media asset; it cannot change once created.
        page_token (str | Unset): An opaque page token. Pass it back unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | MediaPage]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        type_=type_,
        page_token=page_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    user_id: str,
    *,
    client: AuthenticatedClient,
    type_: MediaType | Unset = UNSET,
    page_token: str | Unset = UNSET,
) -> ErrorEnvelope | MediaPage | None:
    """List the media a user may use

     Lists the media assets the user can read through grants, optionally only images or only videos.

    Args:
        user_id (str): An id, chosen by the partner (users, groups, items, media) or by Evocalize
            (orders, reports, placeholders). Never `.` or `..`.
        type_ (MediaType | Unset): The kind of media asset; it cannot change once created.
        page_token (str | Unset): An opaque page token. Pass it back unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | MediaPage
    """

    return (
        await asyncio_detailed(
            user_id=user_id,
            client=client,
            type_=type_,
            page_token=page_token,
        )
    ).parsed
