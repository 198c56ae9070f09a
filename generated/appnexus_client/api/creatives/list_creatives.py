from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.creative_list_envelope import CreativeListEnvelope
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    start_element: int | Unset = 0,
    num_elements: int | Unset = 100,
    fields: str | Unset = UNSET,
    id: str | Unset = UNSET,
    member_id: str | Unset = UNSET,
    not_id: str | Unset = UNSET,
    min_id: int | Unset = UNSET,
    max_id: int | Unset = UNSET,
    like_name: str | Unset = UNSET,
    nmin_width: int | Unset = UNSET,
    nmax_width: int | Unset = UNSET,
    having_segments: str | Unset = UNSET,
    min_last_modified: str | Unset = UNSET,
    max_last_modified: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["start_element"] = start_element

    params["num_elements"] = num_elements

    params["fields"] = fields

    params["id"] = id

    params["member_id"] = member_id

    params["not_id"] = not_id

    params["min_id"] = min_id

    params["max_id"] = max_id

    params["like_name"] = like_name

    params["nmin_width"] = nmin_width

    params["nmax_width"] = nmax_width

    params["having_segments"] = having_segments

    params["min_last_modified"] = min_last_modified

    params["max_last_modified"] = max_last_modified

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/creative",
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

    if response.status_code == 405:
        response_405 = ErrorEnvelope.from_dict(response.json())

        return response_405

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

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
    *,
    client: AuthenticatedClient | Client,
    start_element: int | Unset = 0,
    num_elements: int | Unset = 100,
    fields: str | Unset = UNSET,
    id: str | Unset = UNSET,
    member_id: str | Unset = UNSET,
    not_id: str | Unset = UNSET,
    min_id: int | Unset = UNSET,
    max_id: int | Unset = UNSET,
    like_name: str | Unset = UNSET,
    nmin_width: int | Unset = UNSET,
    nmax_width: int | Unset = UNSET,
    having_segments: str | Unset = UNSET,
    min_last_modified: str | Unset = UNSET,
    max_last_modified: str | Unset = UNSET,
) -> Response[CreativeListEnvelope | ErrorEnvelope]:
    """List creatives

     Lists the creatives that match the filters, at most 100 from `start_element`, with the
    total number that match in `count`.

    Args:
        start_element (int | Unset):  Default: 0.
        num_elements (int | Unset):  Default: 100.
        fields (str | Unset):
        id (str | Unset): Object ids, comma-separated.
        member_id (str | Unset): Object ids, comma-separated.
        not_id (str | Unset): Object ids, comma-separated.
        min_id (int | Unset):
        max_id (int | Unset):
        like_name (str | Unset):
        nmin_width (int | Unset):
        nmax_width (int | Unset):
        having_segments (str | Unset): Object ids, comma-separated.
        min_last_modified (str | Unset): Date and time in the form `YYYY-MM-DD HH:MM:SS`.
        max_last_modified (str | Unset): Date and time in the form `YYYY-MM-DD HH:MM:SS`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreativeListEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        start_element=start_element,
        num_elements=num_elements,
        fields=fields,
        id=id,
        member_id=member_id,
        not_id=not_id,
        min_id=min_id,
        max_id=max_id,
        like_name=like_name,
        nmin_width=nmin_width,
        nmax_width=nmax_width,
        having_segments=having_segments,
        min_last_modified=min_last_modified,
        max_last_modified=max_last_modified,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    start_element: int | Unset = 0,
    num_elements: int | Unset = 100,
    fields: str | Unset = UNSET,
    id: str | Unset = UNSET,
    member_id: str | Unset = UNSET,
    not_id: str | Unset = UNSET,
    min_id: int | Unset = UNSET,
    max_id: int | Unset = UNSET,
    like_name: str | Unset = UNSET,
    nmin_width: int | Unset = UNSET,
    nmax_width: int | Unset = UNSET,
    having_segments: str | Unset = UNSET,
    min_last_modified: str | Unset = UNSET,
    max_last_modified: str | Unset = UNSET,
) -> CreativeListEnvelope | ErrorEnvelope | None:
    """List creatives

     Lists the creatives that match the filters, at most 100 from `start_element`, with the
    total number that match in `count`.

    Args:
        start_element (int | Unset):  Default: 0.
        num_elements (int | Unset):  Default: 100.
        fields (str | Unset):
        id (str | Unset): Object ids, comma-separated.
        member_id (str | Unset): Object ids, comma-separated.
        not_id (str | Unset): Object ids, comma-separated.
        min_id (int | Unset):
        max_id (int | Unset):
        like_name (str | Unset):
        nmin_width (int | Unset):
        nmax_width (int | Unset):
        having_segments (str | Unset): Object ids, comma-separated.
        min_last_modified (str | Unset): Date and time in the form `YYYY-MM-DD HH:MM:SS`.
        max_last_modified (str | Unset): Date and time in the form `YYYY-MM-DD HH:MM:SS`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreativeListEnvelope | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        start_element=start_element,
        num_elements=num_elements,
        fields=fields,
        id=id,
        member_id=member_id,
        not_id=not_id,
        min_id=min_id,
        max_id=max_id,
        like_name=like_name,
        nmin_width=nmin_width,
        nmax_width=nmax_width,
        having_segments=having_segments,
        min_last_modified=min_last_modified,
        max_last_modified=max_last_modified,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    start_element: int | Unset = 0,
    num_elements: int | Unset = 100,
    fields: str | Unset = UNSET,
    id: str | Unset = UNSET,
    member_id: str | Unset = UNSET,
    not_id: str | Unset = UNSET,
    min_id: int | Unset = UNSET,
    max_id: int | Unset = UNSET,
    like_name: str | Unset = UNSET,
    nmin_width: int | Unset = UNSET,
    nmax_width: int | Unset = UNSET,
    having_segments: str | Unset = UNSET,
    min_last_modified: str | Unset = UNSET,
    max_last_modified: str | Unset = UNSET,
) -> Response[CreativeListEnvelope | ErrorEnvelope]:
    """List creatives

     Lists the creatives that match the filters, at most 100 from `start_element`, with the
    total number that match in `count`.

    Args:
        start_element (int | Unset):  Default: 0.
        num_elements (int | Unset):  Default: 100.
        fields (str | Unset):
        id (str | Unset): Object ids, comma-separated.
        member_id (str | Unset): Object ids, comma-separated.
        not_id (str | Unset): Object ids, comma-separated.
        min_id (int | Unset):
        max_id (int | Unset):
        like_name (str | Unset):
        nmin_width (int | Unset):
        nmax_width (int | Unset):
        having_segments (str | Unset): Object ids, comma-separated.
        min_last_modified (str | Unset): Date and time in the form `YYYY-MM-DD HH:MM:SS`.
        max_last_modified (str | Unset): Date and time in the form `YYYY-MM-DD HH:MM:SS`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreativeListEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        start_element=start_element,
        num_elements=num_elements,
        fields=fields,
        id=id,
        member_id=member_id,
        not_id=not_id,
        min_id=min_id,
        max_id=max_id,
        like_name=like_name,
        nmin_width=nmin_width,
        nmax_width=nmax_width,
        having_segments=having_segments,
        min_last_modified=min_last_modified,
        max_last_modified=max_last_modified,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    start_element: int | Unset = 0,
    num_elements: int | Unset = 100,
    fields: str | Unset = UNSET,
    id: str | Unset = UNSET,
    member_id: str | Unset = UNSET,
    not_id: str | Unset = UNSET,
    min_id: int | Unset = UNSET,
    max_id: int | Unset = UNSET,
    like_name: str | Unset = UNSET,
    nmin_width: int | Unset = UNSET,
    nmax_width: int | Unset = UNSET,
    having_segments: str | Unset = UNSET,
    min_last_modified: str | Unset = UNSET,
    max_last_modified: str | Unset = UNSET,
) -> CreativeListEnvelope | ErrorEnvelope | None:
    """List creatives

     Lists the creatives that match the filters, at most 100 from `start_element`, with the
    total number that match in `count`.

    Args:
        start_element (int | Unset):  Default: 0.
        num_elements (int | Unset):  Default: 100.
        fields (str | Unset):
        id (str | Unset): Object ids, comma-separated.
        member_id (str | Unset): Object ids, comma-separated.
        not_id (str | Unset): Object ids, comma-separated.
        min_id (int | Unset):
        max_id (int | Unset):
        like_name (str | Unset):
        nmin_width (int | Unset):
        nmax_width (int | Unset):
        having_segments (str | Unset): Object ids, comma-separated.
        min_last_modified (str | Unset): Date and time in the form `YYYY-MM-DD HH:MM:SS`.
        max_last_modified (str | Unset): Date and time in the form `YYYY-MM-DD HH:MM:SS`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreativeListEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            start_element=start_element,
            num_elements=num_elements,
            fields=fields,
            id=id,
            member_id=member_id,
            not_id=not_id,
            min_id=min_id,
            max_id=max_id,
            like_name=like_name,
            nmin_width=nmin_width,
            nmax_width=nmax_width,
            having_segments=having_segments,
            min_last_modified=min_last_modified,
            max_last_modified=max_last_modified,
        )
    ).parsed
