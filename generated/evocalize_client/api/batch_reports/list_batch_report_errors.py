from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_item_error_page import BatchItemErrorPage
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    report_id: str,
    *,
    page_token: str | Unset = UNSET,
) -> dict[str, Any]:
    if str(report_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("reportId", str(report_id))

    params: dict[str, Any] = {}

    params["pageToken"] = page_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/management/v1/items/report/{report_id}/errors".format(
            report_id=quote(str(report_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BatchItemErrorPage | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = BatchItemErrorPage.from_dict(response.json())

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
) -> Response[BatchItemErrorPage | ErrorEnvelope]:
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
    page_token: str | Unset = UNSET,
) -> Response[BatchItemErrorPage | ErrorEnvelope]:
    """List the failures of a batch

     Lists each batch entry that failed, with the input as it was sent, the error message and,
    when there is one, the `EV_*` code a single request would have answered. A batch
    without failures gets an empty `data` array.

    Args:
        report_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        page_token (str | Unset): An opaque page token. Pass it back unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchItemErrorPage | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        report_id=report_id,
        page_token=page_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    report_id: str,
    *,
    client: AuthenticatedClient,
    page_token: str | Unset = UNSET,
) -> BatchItemErrorPage | ErrorEnvelope | None:
    """List the failures of a batch

     Lists each batch entry that failed, with the input as it was sent, the error message and,
    when there is one, the `EV_*` code a single request would have answered. A batch
    without failures gets an empty `data` array.

    Args:
        report_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        page_token (str | Unset): An opaque page token. Pass it back unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchItemErrorPage | ErrorEnvelope
    """

    return sync_detailed(
        report_id=report_id,
        client=client,
        page_token=page_token,
    ).parsed


async def asyncio_detailed(
    report_id: str,
    *,
    client: AuthenticatedClient,
    page_token: str | Unset = UNSET,
) -> Response[BatchItemErrorPage | ErrorEnvelope]:
    """List the failures of a batch

     Lists each batch entry that failed, with the input as it was sent, the error message and,
    when there is one, the `EV_*` code a single request would have answered. A batch
    without failures gets an empty `data` array.

    Args:
        report_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        page_token (str | Unset): An opaque page token. Pass it back unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchItemErrorPage | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        report_id=report_id,
        page_token=page_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    report_id: str,
    *,
    client: AuthenticatedClient,
    page_token: str | Unset = UNSET,
) -> BatchItemErrorPage | ErrorEnvelope | None:
    """List the failures of a batch

     Lists each batch entry that failed, with the input as it was sent, the error message and,
    when there is one, the `EV_*` code a single request would have answered. A batch
    without failures gets an empty `data` array.

    Args:
        report_id (str): An id, chosen by the partner (users, groups, items, media) or by
            Evocalize (orders, reports, placeholders). Never `.` or `..`.
        page_token (str | Unset): An opaque page token. Pass it back unchanged.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchItemErrorPage | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            report_id=report_id,
            client=client,
            page_token=page_token,
        )
    ).parsed
