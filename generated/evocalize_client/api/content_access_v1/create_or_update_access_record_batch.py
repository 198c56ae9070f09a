from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.access_record_input import AccessRecordInput
from ...models.error_envelope import ErrorEnvelope
from ...models.report_reference_envelope import ReportReferenceEnvelope
from ...types import Response


def _get_kwargs(
    repository_id: str,
    *,
    body: list[AccessRecordInput],
) -> dict[str, Any]:
    if str(repository_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("repositoryId", str(repository_id))

    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/management/v1/repository/{repository_id}/access/items".format(
            repository_id=quote(str(repository_id), safe=""),
        ),
    }

    _kwargs["json"] = []
    for componentsschemas_access_record_batch_item_data in body:
        componentsschemas_access_record_batch_item = (
            componentsschemas_access_record_batch_item_data.to_dict()
        )
        _kwargs["json"].append(componentsschemas_access_record_batch_item)

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
) -> Response[ErrorEnvelope | ReportReferenceEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    repository_id: str,
    *,
    client: AuthenticatedClient,
    body: list[AccessRecordInput],
) -> Response[ErrorEnvelope | ReportReferenceEnvelope]:
    """Create or update access records in a batch (V1)

     Queues up to 1000 access-record upserts and answers at once with the id of the batch report.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        body (list[AccessRecordInput]): Up to 1000 access records to create or update.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ReportReferenceEnvelope]
    """

    kwargs = _get_kwargs(
        repository_id=repository_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    repository_id: str,
    *,
    client: AuthenticatedClient,
    body: list[AccessRecordInput],
) -> ErrorEnvelope | ReportReferenceEnvelope | None:
    """Create or update access records in a batch (V1)

     Queues up to 1000 access-record upserts and answers at once with the id of the batch report.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        body (list[AccessRecordInput]): Up to 1000 access records to create or update.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ReportReferenceEnvelope
    """

    return sync_detailed(
        repository_id=repository_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    repository_id: str,
    *,
    client: AuthenticatedClient,
    body: list[AccessRecordInput],
) -> Response[ErrorEnvelope | ReportReferenceEnvelope]:
    """Create or update access records in a batch (V1)

     Queues up to 1000 access-record upserts and answers at once with the id of the batch report.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        body (list[AccessRecordInput]): Up to 1000 access records to create or update.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ReportReferenceEnvelope]
    """

    kwargs = _get_kwargs(
        repository_id=repository_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    repository_id: str,
    *,
    client: AuthenticatedClient,
    body: list[AccessRecordInput],
) -> ErrorEnvelope | ReportReferenceEnvelope | None:
    """Create or update access records in a batch (V1)

     Queues up to 1000 access-record upserts and answers at once with the id of the batch report.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        body (list[AccessRecordInput]): Up to 1000 access records to create or update.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ReportReferenceEnvelope
    """

    return (
        await asyncio_detailed(
            repository_id=repository_id,
            client=client,
            body=body,
        )
    ).parsed
