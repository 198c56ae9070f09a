from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_report_envelope import BatchReportEnvelope
from ...models.error_envelope import ErrorEnvelope
from ...types import Response


def _get_kwargs(
    report_id: str,
) -> dict[str, Any]:
    if str(report_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("reportId", str(report_id))

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/management/v1/items/report/{report_id}".format(
            report_id=quote(str(report_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BatchReportEnvelope | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = BatchReportEnvelope.from_dict(response.json())

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
) -> Response[BatchReportEnvelope | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    report_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[BatchReportEnvelope | ErrorEnvelope]:
    """Get a batch report

     Counts how far a batch has got. Reports are kept for 30 days after their batch was accepted.

    Args:
        report_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchReportEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        report_id=report_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    report_id: str,
    *,
    client: AuthenticatedClient,
) -> BatchReportEnvelope | ErrorEnvelope | None:
    """Get a batch report

     Counts how far a batch has got. Reports are kept for 30 days after their batch was accepted.

    Args:
        report_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchReportEnvelope | ErrorEnvelope
    """

    return sync_detailed(
        report_id=report_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    report_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[BatchReportEnvelope | ErrorEnvelope]:
    """Get a batch report

     Counts how far a batch has got. Reports are kept for 30 days after their batch was accepted.

    Args:
        report_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchReportEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        report_id=report_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    report_id: str,
    *,
    client: AuthenticatedClient,
) -> BatchReportEnvelope | ErrorEnvelope | None:
    """Get a batch report

     Counts how far a batch has got. Reports are kept for 30 days after their batch was accepted.

    Args:
        report_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchReportEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            report_id=report_id,
            client=client,
        )
    ).parsed
