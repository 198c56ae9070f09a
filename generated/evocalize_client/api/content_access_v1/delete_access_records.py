from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.access_record_filter import AccessRecordFilter
from ...models.access_records_deleted_envelope import AccessRecordsDeletedEnvelope
from ...models.error_envelope import ErrorEnvelope
from ...types import Response


def _get_kwargs(
    repository_id: str,
    *,
    body: AccessRecordFilter,
) -> dict[str, Any]:
    if str(repository_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("repositoryId", str(repository_id))

    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/management/v1/repository/{repository_id}/access".format(
            repository_id=quote(str(repository_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AccessRecordsDeletedEnvelope | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = AccessRecordsDeletedEnvelope.from_dict(response.json())

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
) -> Response[AccessRecordsDeletedEnvelope | ErrorEnvelope]:
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
    body: AccessRecordFilter,
) -> Response[AccessRecordsDeletedEnvelope | ErrorEnvelope]:
    """Delete a repository's access records (V1)

     Deletes the access records of any item of the repository that match the body. Every
    field of the body must be sent; null matches any value. The answer counts the records
    deleted, zero when none matched.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        body (AccessRecordFilter): Which access records to delete. Every field must be sent; null
            matches any value.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessRecordsDeletedEnvelope | ErrorEnvelope]
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
    body: AccessRecordFilter,
) -> AccessRecordsDeletedEnvelope | ErrorEnvelope | None:
    """Delete a repository's access records (V1)

     Deletes the access records of any item of the repository that match the body. Every
    field of the body must be sent; null matches any value. The answer counts the records
    deleted, zero when none matched.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        body (AccessRecordFilter): Which access records to delete. Every field must be sent; null
            matches any value.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessRecordsDeletedEnvelope | ErrorEnvelope
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
    body: AccessRecordFilter,
) -> Response[AccessRecordsDeletedEnvelope | ErrorEnvelope]:
    """Delete a repository's access records (V1)

     Deletes the access records of any item of the repository that match the body. Every
    field of the body must be sent; null matches any value. The answer counts the records
    deleted, zero when none matched.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        body (AccessRecordFilter): Which access records to delete. Every field must be sent; null
            matches any value.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessRecordsDeletedEnvelope | ErrorEnvelope]
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
    body: AccessRecordFilter,
) -> AccessRecordsDeletedEnvelope | ErrorEnvelope | None:
    """Delete a repository's access records (V1)

     Deletes the access records of any item of the repository that match the body. Every
    field of the body must be sent; null matches any value. The answer counts the records
    deleted, zero when none matched.

    Args:
        repository_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        body (AccessRecordFilter): Which access records to delete. Every field must be sent; null
            matches any value.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessRecordsDeletedEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            repository_id=repository_id,
            client=client,
            body=body,
        )
    ).parsed
