from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.access_record_page import AccessRecordPage
from ...models.access_role import AccessRole
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    repository_id: str,
    content_item_id: str,
    *,
    user_id: str | Unset = UNSET,
    group_id: str | Unset = UNSET,
    role: AccessRole | Unset = UNSET,
    deleted_only: bool | Unset = False,
    page_token: str | Unset = UNSET,
) -> dict[str, Any]:
    if str(repository_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("repositoryId", str(repository_id))
    if str(content_item_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("contentItemId", str(content_item_id))

    params: dict[str, Any] = {}

    params["userId"] = user_id

    params["groupId"] = group_id

    json_role: str | Unset = UNSET
    if not isinstance(role, Unset):
        json_role = role

    params["role"] = json_role

    params["deletedOnly"] = deleted_only

    params["pageToken"] = page_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/management/v1/repository/{repository_id}/access/item/{content_item_id}".format(
            repository_id=quote(str(repository_id), safe=""),
            content_item_id=quote(str(content_item_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AccessRecordPage | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = AccessRecordPage.from_dict(response.json())

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
) -> Response[AccessRecordPage | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    repository_id: str,
    content_item_id: str,
    *,
    client: AuthenticatedClient,
    user_id: str | Unset = UNSET,
    group_id: str | Unset = UNSET,
    role: AccessRole | Unset = UNSET,
    deleted_only: bool | Unset = False,
    page_token: str | Unset = UNSET,
) -> Response[AccessRecordPage | ErrorEnvelope]:
    """List an item's access records (V1)

     Lists the access records of one content item, all of them or those matching the filters given.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        content_item_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        user_id (str | Unset): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        group_id (str | Unset): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        role (AccessRole | Unset): The group role an access record applies to; `any` for every
            role.
        deleted_only (bool | Unset):  Default: False.
        page_token (str | Unset): An opaque page token. Pass it back unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessRecordPage | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        repository_id=repository_id,
        content_item_id=content_item_id,
        user_id=user_id,
        group_id=group_id,
        role=role,
        deleted_only=deleted_only,
        page_token=page_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    repository_id: str,
    content_item_id: str,
    *,
    client: AuthenticatedClient,
    user_id: str | Unset = UNSET,
    group_id: str | Unset = UNSET,
    role: AccessRole | Unset = UNSET,
    deleted_only: bool | Unset = False,
    page_token: str | Unset = UNSET,
) -> AccessRecordPage | ErrorEnvelope | None:
    """List an item's access records (V1)

     Lists the access records of one content item, all of them or those matching the filters given.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        content_item_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        user_id (str | Unset): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        group_id (str | Unset): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        role (AccessRole | Unset): The group role an access record applies to; `any` for every
            role.
        deleted_only (bool | Unset):  Default: False.
        page_token (str | Unset): An opaque page token. Pass it back unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessRecordPage | ErrorEnvelope
    """

    return sync_detailed(
        repository_id=repository_id,
        content_item_id=content_item_id,
        client=client,
        user_id=user_id,
        group_id=group_id,
        role=role,
        deleted_only=deleted_only,
        page_token=page_token,
    ).parsed


async def asyncio_detailed(
    repository_id: str,
    content_item_id: str,
    *,
    client: AuthenticatedClient,
    user_id: str | Unset = UNSET,
    group_id: str | Unset = UNSET,
    role: AccessRole | Unset = UNSET,
    deleted_only: bool | Unset = False,
    page_token: str | Unset = UNSET,
) -> Response[AccessRecordPage | ErrorEnvelope]:
    """List an item's access records (V1)

     Lists the access records of one content item, all of them or those matching the filters given.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        content_item_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        user_id (str | Unset): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        group_id (str | Unset): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        role (AccessRole | Unset): The group role an access record applies to; `any` for every
            role.
        deleted_only (bool | Unset):  Default: False.
        page_token (str | Unset): An opaque page token. Pass it back unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessRecordPage | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        repository_id=repository_id,
        content_item_id=content_item_id,
        user_id=user_id,
        group_id=group_id,
        role=role,
        deleted_only=deleted_only,
        page_token=page_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    repository_id: str,
    content_item_id: str,
    *,
    client: AuthenticatedClient,
    user_id: str | Unset = UNSET,
    group_id: str | Unset = UNSET,
    role: AccessRole | Unset = UNSET,
    deleted_only: bool | Unset = False,
    page_token: str | Unset = UNSET,
) -> AccessRecordPage | ErrorEnvelope | None:
    """List an item's access records (V1)

     Lists the access records of one content item, all of them or those matching the filters given.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        content_item_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        user_id (str | Unset): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        group_id (str | Unset): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        role (AccessRole | Unset): The group role an access record applies to; `any` for every
            role.
        deleted_only (bool | Unset):  Default: False.
        page_token (str | Unset): An opaque page token. Pass it back unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessRecordPage | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            repository_id=repository_id,
            content_item_id=content_item_id,
            client=client,
            user_id=user_id,
            group_id=group_id,
            role=role,
            deleted_only=deleted_only,
            page_token=page_token,
        )
    ).parsed
