"""The Adnuntius API (`profiles/adnuntius/openapi.yaml`, after its public API documentation) on
the overlay's generic strategies, and its typed clients `AdnuntiusClient` / `AsyncAdnuntiusClient`:

- auth: the password grant gives an access token and a refresh token; the token goes as
  `Authorization: Bearer` (or as the `auth_token` query parameter); after a `401`, the
  `refresh_token` grant renews it, and only when that fails is the password sent again
  (`AdnuntiusAuth`). An API key is a Bearer token that never expires (`api_key_auth`);
- errors: the translatable message of an error answer (`type`, `code`, `text` with `{{name}}`
  placeholders, `params`) decoded into the typed errors by status, its text filled in, the field
  of a `ValidationErrorMessage` named (`decode_messages`): `ERRORS`;
- retries: `429` waits `Retry-After`; upserts (PUT and POST) are safe to repeat, as the profile
  marks them: `PROFILE`;
- paging: `page` (from 0) / `pageSize` / `totalCount` / `results` (`NumberedPaging`); listings
  take `id` lists (semicolon-delimited), `filterBy` / `filterByLike`, `where` and `orderBy`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import httpx
from adnuntius_resources import DEFAULT_BASE_URL, AsyncResources, SyncResources

from evocalize._operation import Operation
from evocalize.credentials_auth import HeaderTokenAuth, PlaceToken, in_header, in_query
from evocalize.errors import ErrorConvention, ErrorDetail, json_body
from evocalize.pagination import NumberedPaging
from evocalize.profiles.refreshing_auth import RefreshingTokenAuth, string_at
from evocalize.profiles.wiring import Profile

__all__ = [
    "DEFAULT_BASE_URL",
    "ERRORS",
    "PROFILE",
    "TOKEN_PATH",
    "AdnuntiusAuth",
    "AdnuntiusClient",
    "AsyncAdnuntiusClient",
    "api_key_auth",
    "decode_messages",
    "paging",
    "render",
]

TOKEN_PATH = "/api/authenticate"
_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def render(text: str, params: Mapping[str, Any]) -> str:
    """`text` with each `{{name}}` replaced by its value in `params` (left as it is without one)."""
    return _PLACEHOLDER.sub(lambda m: str(params.get(m.group(1), m.group(0))), text)


def _message(entry: Any) -> ErrorDetail | None:
    if not isinstance(entry, Mapping) or "code" not in entry:
        return None
    raw_params = entry.get("params")
    params = dict(raw_params) if isinstance(raw_params, Mapping) else {}
    field = params.get("field")
    return ErrorDetail(
        message=render(str(entry.get("text") or entry["code"]), params),
        code=str(entry["code"]),
        field=str(field) if field is not None else None,
        details={"type": entry.get("type"), "text": entry.get("text"), "params": params},
    )


def decode_messages(response: httpx.Response) -> list[ErrorDetail] | None:
    """The translatable message(s) of an error answer: one object, or a list of them. A success
    is never an error here: its objects carry warnings, not errors."""
    if response.is_success:
        return None
    body = json_body(response)
    entries = body if isinstance(body, list) else [body]
    found = [detail for entry in entries if (detail := _message(entry)) is not None]
    return found or None


# Adnuntius's codes are open-ended message keys: the class comes from the status alone.
ERRORS = ErrorConvention(decode_messages, {})
PROFILE = Profile("adnuntius", ERRORS)


class AdnuntiusAuth(RefreshingTokenAuth):
    """The password grant at `/api/authenticate`, the token sent as `Authorization: Bearer` (or,
    with `in_query=True`, as the `auth_token` parameter); after a `401`, the `refresh_token`
    grant, and the password grant again only when that fails."""

    def __init__(
        self, username: str, password: str, *, scope: str = "ng_api", query: bool = False
    ) -> None:
        if not username or not password:
            raise ValueError("both a username and a password are needed")
        place: PlaceToken = in_query("auth_token") if query else in_header()
        super().__init__(
            token_path=TOKEN_PATH,
            login=lambda forced: {
                "grant_type": "password",
                "scope": scope,
                "username": username,
                "password": password,
            },
            refresh=lambda token: {
                "grant_type": "refresh_token",
                "scope": scope,
                "refresh_token": token,
            },
            read=lambda body: (string_at(body, "access_token"), string_at(body, "refresh_token")),
            place=place,
            errors=ERRORS,
        )


def api_key_auth(api_key: str) -> httpx.Auth:
    """An API key of the Admin pages, sent as a Bearer token (it does not expire)."""
    return HeaderTokenAuth(api_key)


def paging(page_size: int | None = None) -> NumberedPaging:
    """Numbered pages from 0, items in `results`; `page_size` None keeps the server's default."""
    return NumberedPaging(page_size=page_size)


class _Adnuntius:
    profile = PROFILE

    def _paging(self, operation: Operation[Any]) -> NumberedPaging:
        return NumberedPaging(items_field=operation.items_path)


def _auth(
    username: str | None, password: str | None, api_key: str | None, auth: httpx.Auth | None
) -> httpx.Auth:
    if auth is not None:
        return auth
    if api_key:
        return api_key_auth(api_key)
    return AdnuntiusAuth(username or "", password or "")


class AdnuntiusClient(_Adnuntius, SyncResources):
    """Adnuntius's typed client: `client.authentication`, `client.line_items`,
    `client.assets`; it requests a token on the first request (or sends an API key)."""

    def __init__(
        self,
        username: str | None = None,
        password: str | None = None,
        *,
        api_key: str | None = None,
        auth: httpx.Auth | None = None,
        base_url: str = DEFAULT_BASE_URL,
        **options: Any,
    ) -> None:
        super().__init__(base_url, _auth(username, password, api_key, auth), **options)


class AsyncAdnuntiusClient(_Adnuntius, AsyncResources):
    """`AdnuntiusClient` for asyncio (and trio)."""

    def __init__(
        self,
        username: str | None = None,
        password: str | None = None,
        *,
        api_key: str | None = None,
        auth: httpx.Auth | None = None,
        base_url: str = DEFAULT_BASE_URL,
        **options: Any,
    ) -> None:
        super().__init__(base_url, _auth(username, password, api_key, auth), **options)
