from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.access_token import AccessToken
from ...models.token_request import TokenRequest
from ...models.translatable_message import TranslatableMessage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: TokenRequest,
    context: str | Unset = UNSET,
) -> dict[str, Any]:

    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["context"] = context

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/authenticate",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AccessToken | TranslatableMessage | None:
    if response.status_code == 200:
        response_200 = AccessToken.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = TranslatableMessage.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = TranslatableMessage.from_dict(response.json())

        return response_401

    if response.status_code == 429:
        response_429 = TranslatableMessage.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = TranslatableMessage.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AccessToken | TranslatableMessage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRequest,
    context: str | Unset = UNSET,
) -> Response[AccessToken | TranslatableMessage]:
    """Request an access token

     Exchanges a username and password (`grant_type: password`) or a refresh token
    (`grant_type: refresh_token`) for an access token, valid for `expires_in` seconds, and a
    refresh token. Asking again only issues another token, so the request is safe to repeat.

    Args:
        context (str | Unset): An object id.
        body (TokenRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessToken | TranslatableMessage]
    """

    kwargs = _get_kwargs(
        body=body,
        context=context,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRequest,
    context: str | Unset = UNSET,
) -> AccessToken | TranslatableMessage | None:
    """Request an access token

     Exchanges a username and password (`grant_type: password`) or a refresh token
    (`grant_type: refresh_token`) for an access token, valid for `expires_in` seconds, and a
    refresh token. Asking again only issues another token, so the request is safe to repeat.

    Args:
        context (str | Unset): An object id.
        body (TokenRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessToken | TranslatableMessage
    """

    return sync_detailed(
        client=client,
        body=body,
        context=context,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRequest,
    context: str | Unset = UNSET,
) -> Response[AccessToken | TranslatableMessage]:
    """Request an access token

     Exchanges a username and password (`grant_type: password`) or a refresh token
    (`grant_type: refresh_token`) for an access token, valid for `expires_in` seconds, and a
    refresh token. Asking again only issues another token, so the request is safe to repeat.

    Args:
        context (str | Unset): An object id.
        body (TokenRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessToken | TranslatableMessage]
    """

    kwargs = _get_kwargs(
        body=body,
        context=context,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRequest,
    context: str | Unset = UNSET,
) -> AccessToken | TranslatableMessage | None:
    """Request an access token

     Exchanges a username and password (`grant_type: password`) or a refresh token
    (`grant_type: refresh_token`) for an access token, valid for `expires_in` seconds, and a
    refresh token. Asking again only issues another token, so the request is safe to repeat.

    Args:
        context (str | Unset): An object id.
        body (TokenRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessToken | TranslatableMessage
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            context=context,
        )
    ).parsed
