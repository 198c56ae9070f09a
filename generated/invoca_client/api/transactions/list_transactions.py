import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.org_type_plural import OrgTypePlural
from ...models.transaction import Transaction
from ...models.transaction_type import TransactionType
from ...types import UNSET, Response, Unset


def _get_kwargs(
    org_type_plural: OrgTypePlural,
    org_id: int,
    *,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    limit: int | Unset = 1000,
    start_after_transaction_id: str | Unset = UNSET,
    transaction_type: TransactionType | Unset = UNSET,
    include_columns: str | Unset = UNSET,
    exclude_columns: str | Unset = UNSET,
) -> dict[str, Any]:
    if str(org_type_plural) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("org_type_plural", str(org_type_plural))
    if str(org_id) in errors.DOT_SEGMENTS:
        raise errors.DotSegmentError("org_id", str(org_id))

    params: dict[str, Any] = {}

    json_from_: str | Unset = UNSET
    if not isinstance(from_, Unset):
        json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to: str | Unset = UNSET
    if not isinstance(to, Unset):
        json_to = to.isoformat()
    params["to"] = json_to

    params["limit"] = limit

    params["start_after_transaction_id"] = start_after_transaction_id

    json_transaction_type: str | Unset = UNSET
    if not isinstance(transaction_type, Unset):
        json_transaction_type = transaction_type

    params["transaction_type"] = json_transaction_type

    params["include_columns"] = include_columns

    params["exclude_columns"] = exclude_columns

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/2020-10-01/{org_type_plural}/transactions/{org_id}.json".format(
            org_type_plural=quote(str(org_type_plural), safe=""),
            org_id=quote(str(org_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | list[Transaction] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Transaction.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

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
) -> Response[ErrorEnvelope | list[Transaction]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    org_type_plural: OrgTypePlural,
    org_id: int,
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    limit: int | Unset = 1000,
    start_after_transaction_id: str | Unset = UNSET,
    transaction_type: TransactionType | Unset = UNSET,
    include_columns: str | Unset = UNSET,
    exclude_columns: str | Unset = UNSET,
) -> Response[ErrorEnvelope | list[Transaction]]:
    """Pull transactions after a cursor

     At most `limit` transactions after `start_after_transaction_id` (the last one already
    downloaded), oldest first. Call again with the last id until no rows come back. A
    correction arrives as a new row whose `corrects_transaction_id` names the row it
    replaces. With `from` and `to`, rows are ordered by call start time: keep the cursor
    only while the date range stays the same.

    Args:
        org_type_plural (OrgTypePlural):
        org_id (int):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        limit (int | Unset):  Default: 1000.
        start_after_transaction_id (str | Unset): Up to 32 characters, 0-9, A-Z and `-`.
        transaction_type (TransactionType | Unset):
        include_columns (str | Unset):
        exclude_columns (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | list[Transaction]]
    """

    kwargs = _get_kwargs(
        org_type_plural=org_type_plural,
        org_id=org_id,
        from_=from_,
        to=to,
        limit=limit,
        start_after_transaction_id=start_after_transaction_id,
        transaction_type=transaction_type,
        include_columns=include_columns,
        exclude_columns=exclude_columns,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_type_plural: OrgTypePlural,
    org_id: int,
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    limit: int | Unset = 1000,
    start_after_transaction_id: str | Unset = UNSET,
    transaction_type: TransactionType | Unset = UNSET,
    include_columns: str | Unset = UNSET,
    exclude_columns: str | Unset = UNSET,
) -> ErrorEnvelope | list[Transaction] | None:
    """Pull transactions after a cursor

     At most `limit` transactions after `start_after_transaction_id` (the last one already
    downloaded), oldest first. Call again with the last id until no rows come back. A
    correction arrives as a new row whose `corrects_transaction_id` names the row it
    replaces. With `from` and `to`, rows are ordered by call start time: keep the cursor
    only while the date range stays the same.

    Args:
        org_type_plural (OrgTypePlural):
        org_id (int):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        limit (int | Unset):  Default: 1000.
        start_after_transaction_id (str | Unset): Up to 32 characters, 0-9, A-Z and `-`.
        transaction_type (TransactionType | Unset):
        include_columns (str | Unset):
        exclude_columns (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | list[Transaction]
    """

    return sync_detailed(
        org_type_plural=org_type_plural,
        org_id=org_id,
        client=client,
        from_=from_,
        to=to,
        limit=limit,
        start_after_transaction_id=start_after_transaction_id,
        transaction_type=transaction_type,
        include_columns=include_columns,
        exclude_columns=exclude_columns,
    ).parsed


async def asyncio_detailed(
    org_type_plural: OrgTypePlural,
    org_id: int,
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    limit: int | Unset = 1000,
    start_after_transaction_id: str | Unset = UNSET,
    transaction_type: TransactionType | Unset = UNSET,
    include_columns: str | Unset = UNSET,
    exclude_columns: str | Unset = UNSET,
) -> Response[ErrorEnvelope | list[Transaction]]:
    """Pull transactions after a cursor

     At most `limit` transactions after `start_after_transaction_id` (the last one already
    downloaded), oldest first. Call again with the last id until no rows come back. A
    correction arrives as a new row whose `corrects_transaction_id` names the row it
    replaces. With `from` and `to`, rows are ordered by call start time: keep the cursor
    only while the date range stays the same.

    Args:
        org_type_plural (OrgTypePlural):
        org_id (int):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        limit (int | Unset):  Default: 1000.
        start_after_transaction_id (str | Unset): Up to 32 characters, 0-9, A-Z and `-`.
        transaction_type (TransactionType | Unset):
        include_columns (str | Unset):
        exclude_columns (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | list[Transaction]]
    """

    kwargs = _get_kwargs(
        org_type_plural=org_type_plural,
        org_id=org_id,
        from_=from_,
        to=to,
        limit=limit,
        start_after_transaction_id=start_after_transaction_id,
        transaction_type=transaction_type,
        include_columns=include_columns,
        exclude_columns=exclude_columns,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_type_plural: OrgTypePlural,
    org_id: int,
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    limit: int | Unset = 1000,
    start_after_transaction_id: str | Unset = UNSET,
    transaction_type: TransactionType | Unset = UNSET,
    include_columns: str | Unset = UNSET,
    exclude_columns: str | Unset = UNSET,
) -> ErrorEnvelope | list[Transaction] | None:
    """Pull transactions after a cursor

     At most `limit` transactions after `start_after_transaction_id` (the last one already
    downloaded), oldest first. Call again with the last id until no rows come back. A
    correction arrives as a new row whose `corrects_transaction_id` names the row it
    replaces. With `from` and `to`, rows are ordered by call start time: keep the cursor
    only while the date range stays the same.

    Args:
        org_type_plural (OrgTypePlural):
        org_id (int):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        limit (int | Unset):  Default: 1000.
        start_after_transaction_id (str | Unset): Up to 32 characters, 0-9, A-Z and `-`.
        transaction_type (TransactionType | Unset):
        include_columns (str | Unset):
        exclude_columns (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | list[Transaction]
    """

    return (
        await asyncio_detailed(
            org_type_plural=org_type_plural,
            org_id=org_id,
            client=client,
            from_=from_,
            to=to,
            limit=limit,
            start_after_transaction_id=start_after_transaction_id,
            transaction_type=transaction_type,
            include_columns=include_columns,
            exclude_columns=exclude_columns,
        )
    ).parsed
