from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.user_envelope import UserEnvelope
from ...models.user_input import UserInput
from ...types import Response


def _get_kwargs(
    *,
    body: UserInput,
) -> dict[str, Any]:

    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/management/v1/user",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | UserEnvelope | None:
    if response.status_code == 201:
        response_201 = UserEnvelope.from_dict(response.json())

        return response_201

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
) -> Response[ErrorEnvelope | UserEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: UserInput,
) -> Response[ErrorEnvelope | UserEnvelope]:
    """Create or update a user

     Creates the user when `id` is new, otherwise updates it. Creating needs `email` and
    `name`; updating changes only the fields sent. Without `groups` the memberships stay as
    they are (none on create); with `groups` they are added to, or replace the current ones
    when `replaceGroups` is true. Every group named must already exist.

    Args:
        body (UserInput): A user to create or update, keyed by `id` (unique and immutable).
            `email` and `name` are
            required when the user does not exist yet.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | UserEnvelope]
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
    body: UserInput,
) -> ErrorEnvelope | UserEnvelope | None:
    """Create or update a user

     Creates the user when `id` is new, otherwise updates it. Creating needs `email` and
    `name`; updating changes only the fields sent. Without `groups` the memberships stay as
    they are (none on create); with `groups` they are added to, or replace the current ones
    when `replaceGroups` is true. Every group named must already exist.

    Args:
        body (UserInput): A user to create or update, keyed by `id` (unique and immutable).
            `email` and `name` are
            required when the user does not exist yet.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | UserEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: UserInput,
) -> Response[ErrorEnvelope | UserEnvelope]:
    """Create or update a user

     Creates the user when `id` is new, otherwise updates it. Creating needs `email` and
    `name`; updating changes only the fields sent. Without `groups` the memberships stay as
    they are (none on create); with `groups` they are added to, or replace the current ones
    when `replaceGroups` is true. Every group named must already exist.

    Args:
        body (UserInput): A user to create or update, keyed by `id` (unique and immutable).
            `email` and `name` are
            required when the user does not exist yet.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | UserEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: UserInput,
) -> ErrorEnvelope | UserEnvelope | None:
    """Create or update a user

     Creates the user when `id` is new, otherwise updates it. Creating needs `email` and
    `name`; updating changes only the fields sent. Without `groups` the memberships stay as
    they are (none on create); with `groups` they are added to, or replace the current ones
    when `replaceGroups` is true. Every group named must already exist.

    Args:
        body (UserInput): A user to create or update, keyed by `id` (unique and immutable).
            `email` and `name` are
            required when the user does not exist yet.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | UserEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
