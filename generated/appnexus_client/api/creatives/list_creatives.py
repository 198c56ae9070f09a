from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.creative_list_envelope import CreativeListEnvelope
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    member_id: int,
    *,
    start_element: int | Unset = UNSET,
    num_elements: int | Unset = UNSET,
    sort: str | Unset = UNSET,
    id: str | Unset = UNSET,
    min_last_activity: str | Unset = UNSET,
) -> dict[str, Any]:
    if str(member_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("member_id", str(member_id))

    params: dict[str, Any] = {}

    params["start_element"] = start_element

    params["num_elements"] = num_elements

    params["sort"] = sort

    params["id"] = id

    params["min_last_activity"] = min_last_activity

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/creative/{member_id}".format(
            member_id=quote(str(member_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreativeListEnvelope | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = CreativeListEnvelope.from_dict(response.json())

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

    if response.status_code == 405:
        response_405 = ErrorEnvelope.from_dict(response.json())

        return response_405

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = ErrorEnvelope.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CreativeListEnvelope | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    member_id: int,
    *,
    client: AuthenticatedClient | Client,
    start_element: int | Unset = UNSET,
    num_elements: int | Unset = UNSET,
    sort: str | Unset = UNSET,
    id: str | Unset = UNSET,
    min_last_activity: str | Unset = UNSET,
) -> Response[CreativeListEnvelope | ErrorEnvelope]:
    """List a member's creatives

     One page of the member's creatives (at most 100, whatever `num_elements` asks), `count`
    holding the total. With `id`, only those creatives. Pass `sort=id.asc` for pages that do
    not shift between requests.

    Args:
        member_id (int):
        start_element (int | Unset):
        num_elements (int | Unset):
        sort (str | Unset):
        id (str | Unset):
        min_last_activity (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreativeListEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        member_id=member_id,
        start_element=start_element,
        num_elements=num_elements,
        sort=sort,
        id=id,
        min_last_activity=min_last_activity,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    member_id: int,
    *,
    client: AuthenticatedClient | Client,
    start_element: int | Unset = UNSET,
    num_elements: int | Unset = UNSET,
    sort: str | Unset = UNSET,
    id: str | Unset = UNSET,
    min_last_activity: str | Unset = UNSET,
) -> CreativeListEnvelope | ErrorEnvelope | None:
    """List a member's creatives

     One page of the member's creatives (at most 100, whatever `num_elements` asks), `count`
    holding the total. With `id`, only those creatives. Pass `sort=id.asc` for pages that do
    not shift between requests.

    Args:
        member_id (int):
        start_element (int | Unset):
        num_elements (int | Unset):
        sort (str | Unset):
        id (str | Unset):
        min_last_activity (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreativeListEnvelope | ErrorEnvelope
    """

    return sync_detailed(
        member_id=member_id,
        client=client,
        start_element=start_element,
        num_elements=num_elements,
        sort=sort,
        id=id,
        min_last_activity=min_last_activity,
    ).parsed


async def asyncio_detailed(
    member_id: int,
    *,
    client: AuthenticatedClient | Client,
    start_element: int | Unset = UNSET,
    num_elements: int | Unset = UNSET,
    sort: str | Unset = UNSET,
    id: str | Unset = UNSET,
    min_last_activity: str | Unset = UNSET,
) -> Response[CreativeListEnvelope | ErrorEnvelope]:
    """List a member's creatives

     One page of the member's creatives (at most 100, whatever `num_elements` asks), `count`
    holding the total. With `id`, only those creatives. Pass `sort=id.asc` for pages that do
    not shift between requests.

    Args:
        member_id (int):
        start_element (int | Unset):
        num_elements (int | Unset):
        sort (str | Unset):
        id (str | Unset):
        min_last_activity (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreativeListEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        member_id=member_id,
        start_element=start_element,
        num_elements=num_elements,
        sort=sort,
        id=id,
        min_last_activity=min_last_activity,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    member_id: int,
    *,
    client: AuthenticatedClient | Client,
    start_element: int | Unset = UNSET,
    num_elements: int | Unset = UNSET,
    sort: str | Unset = UNSET,
    id: str | Unset = UNSET,
    min_last_activity: str | Unset = UNSET,
) -> CreativeListEnvelope | ErrorEnvelope | None:
    """List a member's creatives

     One page of the member's creatives (at most 100, whatever `num_elements` asks), `count`
    holding the total. With `id`, only those creatives. Pass `sort=id.asc` for pages that do
    not shift between requests.

    Args:
        member_id (int):
        start_element (int | Unset):
        num_elements (int | Unset):
        sort (str | Unset):
        id (str | Unset):
        min_last_activity (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreativeListEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            member_id=member_id,
            client=client,
            start_element=start_element,
            num_elements=num_elements,
            sort=sort,
            id=id,
            min_last_activity=min_last_activity,
        )
    ).parsed
