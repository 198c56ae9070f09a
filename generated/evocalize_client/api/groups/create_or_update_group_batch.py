from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.group_input import GroupInput
from ...models.report_reference_envelope import ReportReferenceEnvelope
from ...types import Response


def _get_kwargs(
    *,
    body: list[GroupInput],
) -> dict[str, Any]:

    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/management/v1/groups",
    }

    _kwargs["json"] = []
    for componentsschemas_group_batch_item_data in body:
        componentsschemas_group_batch_item = componentsschemas_group_batch_item_data.to_dict()
        _kwargs["json"].append(componentsschemas_group_batch_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | ReportReferenceEnvelope | None:
    if response.status_code == 202:
        response_202 = ReportReferenceEnvelope.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | ReportReferenceEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: list[GroupInput],
) -> Response[ErrorEnvelope | ReportReferenceEnvelope]:
    """Create or update groups in a batch

     Queues up to 1000 group upserts and answers at once with the id of the batch report that tracks
    them.

    Args:
        body (list[GroupInput]): Up to 1000 groups to create or update.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ReportReferenceEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: list[GroupInput],
) -> ErrorEnvelope | ReportReferenceEnvelope | None:
    """Create or update groups in a batch

     Queues up to 1000 group upserts and answers at once with the id of the batch report that tracks
    them.

    Args:
        body (list[GroupInput]): Up to 1000 groups to create or update.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ReportReferenceEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: list[GroupInput],
) -> Response[ErrorEnvelope | ReportReferenceEnvelope]:
    """Create or update groups in a batch

     Queues up to 1000 group upserts and answers at once with the id of the batch report that tracks
    them.

    Args:
        body (list[GroupInput]): Up to 1000 groups to create or update.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ReportReferenceEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: list[GroupInput],
) -> ErrorEnvelope | ReportReferenceEnvelope | None:
    """Create or update groups in a batch

     Queues up to 1000 group upserts and answers at once with the id of the batch report that tracks
    them.

    Args:
        body (list[GroupInput]): Up to 1000 groups to create or update.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ReportReferenceEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
