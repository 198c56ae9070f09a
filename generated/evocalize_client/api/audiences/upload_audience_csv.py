from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.audience_csv_upload import AudienceCsvUpload
from ...models.audience_placeholder_envelope import AudiencePlaceholderEnvelope
from ...models.error_envelope import ErrorEnvelope
from ...types import Response


def _get_kwargs(
    placeholder_id: str,
    *,
    body: AudienceCsvUpload,
) -> dict[str, Any]:
    if str(placeholder_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("placeholderId", str(placeholder_id))

    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/management/v1/audience/{placeholder_id}/csv/upload".format(
            placeholder_id=quote(str(placeholder_id), safe=""),
        ),
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AudiencePlaceholderEnvelope | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = AudiencePlaceholderEnvelope.from_dict(response.json())

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
) -> Response[AudiencePlaceholderEnvelope | ErrorEnvelope]:
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
    body: AudienceCsvUpload,
) -> Response[AudiencePlaceholderEnvelope | ErrorEnvelope]:
    """Upload an audience's customer data

     Uploads customer data as a CSV in the multipart field `file`, and moves the placeholder to
    `processing` while Evocalize creates its channel audiences (up to 24 hours). The first
    row names the columns, among `email`, `phone`, `firstname` and `lastname` (leave out a
    column you have no data for); every value is the lowercase hex SHA-256 of the normalised
    identifier (email lowercase without white space; phone digits only, country code first,
    no leading zeros; names lowercase, without punctuation, UTF-8); and the file holds at
    least 300 identifiers. A placeholder already processing refuses a new file.

    Args:
        placeholder_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        body (AudienceCsvUpload): The multipart form of a customer-data upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AudiencePlaceholderEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        placeholder_id=placeholder_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    placeholder_id: str,
    *,
    client: AuthenticatedClient,
    body: AudienceCsvUpload,
) -> AudiencePlaceholderEnvelope | ErrorEnvelope | None:
    """Upload an audience's customer data

     Uploads customer data as a CSV in the multipart field `file`, and moves the placeholder to
    `processing` while Evocalize creates its channel audiences (up to 24 hours). The first
    row names the columns, among `email`, `phone`, `firstname` and `lastname` (leave out a
    column you have no data for); every value is the lowercase hex SHA-256 of the normalised
    identifier (email lowercase without white space; phone digits only, country code first,
    no leading zeros; names lowercase, without punctuation, UTF-8); and the file holds at
    least 300 identifiers. A placeholder already processing refuses a new file.

    Args:
        placeholder_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        body (AudienceCsvUpload): The multipart form of a customer-data upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AudiencePlaceholderEnvelope | ErrorEnvelope
    """

    return sync_detailed(
        placeholder_id=placeholder_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    placeholder_id: str,
    *,
    client: AuthenticatedClient,
    body: AudienceCsvUpload,
) -> Response[AudiencePlaceholderEnvelope | ErrorEnvelope]:
    """Upload an audience's customer data

     Uploads customer data as a CSV in the multipart field `file`, and moves the placeholder to
    `processing` while Evocalize creates its channel audiences (up to 24 hours). The first
    row names the columns, among `email`, `phone`, `firstname` and `lastname` (leave out a
    column you have no data for); every value is the lowercase hex SHA-256 of the normalised
    identifier (email lowercase without white space; phone digits only, country code first,
    no leading zeros; names lowercase, without punctuation, UTF-8); and the file holds at
    least 300 identifiers. A placeholder already processing refuses a new file.

    Args:
        placeholder_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        body (AudienceCsvUpload): The multipart form of a customer-data upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AudiencePlaceholderEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        placeholder_id=placeholder_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    placeholder_id: str,
    *,
    client: AuthenticatedClient,
    body: AudienceCsvUpload,
) -> AudiencePlaceholderEnvelope | ErrorEnvelope | None:
    """Upload an audience's customer data

     Uploads customer data as a CSV in the multipart field `file`, and moves the placeholder to
    `processing` while Evocalize creates its channel audiences (up to 24 hours). The first
    row names the columns, among `email`, `phone`, `firstname` and `lastname` (leave out a
    column you have no data for); every value is the lowercase hex SHA-256 of the normalised
    identifier (email lowercase without white space; phone digits only, country code first,
    no leading zeros; names lowercase, without punctuation, UTF-8); and the file holds at
    least 300 identifiers. A placeholder already processing refuses a new file.

    Args:
        placeholder_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        body (AudienceCsvUpload): The multipart form of a customer-data upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AudiencePlaceholderEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            placeholder_id=placeholder_id,
            client=client,
            body=body,
        )
    ).parsed
