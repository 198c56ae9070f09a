"""Invoca's Network Integration and Transactions APIs (profiles/invoca/openapi.yaml) on the
overlay's generic strategies, and their typed clients `InvocaClient` / `AsyncInvocaClient`:

- credentials: the API token as the raw `Authorization` value (`Authorization: <token>`, the
  Manage API Credentials page's recommended form), the `oauth_token` query parameter or the
  `oauth_token` key of the JSON body, or HTTP Basic; tokens do not expire;
- errors: `{"errors": {"class", "invalid_data"}}`, and for a failed validation (403) each field
  mapped to its messages, `{"errors": {"name": ["can't be blank"]}}` (the Error Handling page):
  `decode_errors`; the 403 is both a `PermissionDeniedError` (its status) and a
  `BadRequestError` (its meaning): `ERRORS`;
- retries: POST and PUT are upserts and `go_live` is safe to repeat (`x-idempotent`);
- paging: transactions after a cursor, `start_after_transaction_id` = the last row's id, until a
  page comes back empty (`KeysetPaging`); `apply_corrections` folds the correction rows into the
  rows they correct.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

import httpx
from invoca_client.models import Transaction
from invoca_resources import DEFAULT_BASE_URL, AsyncResources, SyncResources

from evocalize._operation import Operation
from evocalize.credentials_auth import HeaderTokenAuth, JsonBodyTokenAuth, QueryTokenAuth, in_query
from evocalize.errors import (
    BadRequestError,
    ErrorConvention,
    ErrorDetail,
    PermissionDeniedError,
    json_body,
)
from evocalize.pagination import KeysetPaging, PagingStrategy
from evocalize.profiles.runtime import BARE_LIST_KEY
from evocalize.profiles.wiring import Profile

__all__ = [
    "DEFAULT_BASE_URL",
    "ERRORS",
    "PROFILE",
    "AsyncInvocaClient",
    "InvalidArgumentsError",
    "InvocaClient",
    "apply_corrections",
    "decode_errors",
    "token_auth",
]

TokenPlace = Literal["header", "query", "body"]


class InvalidArgumentsError(PermissionDeniedError, BadRequestError):
    """Invoca's 403: the request arguments are invalid (the Design Principles page's status
    table); a failed validation names each field in the errors' `field`."""

    status_code = 403


def decode_errors(response: httpx.Response) -> list[ErrorDetail] | None:
    """The errors of an Invoca failure body: one `{class, invalid_data}`, or one detail per
    message of a validation failure's field map."""
    body = json_body(response)
    errors = body.get("errors") if isinstance(body, Mapping) else None
    if not isinstance(errors, Mapping):
        return None
    if "class" in errors or "invalid_data" in errors:
        kind = errors.get("class")
        return [
            ErrorDetail(
                message=str(errors.get("invalid_data") or kind or "no message"),
                code=str(kind) if kind is not None else None,
            )
        ]
    found = []
    for field, messages in errors.items():
        for message in messages if isinstance(messages, list) else [messages]:
            found.append(ErrorDetail(message=f"{field} {message}", field=str(field)))
    return found or None


ERRORS = ErrorConvention(decode_errors, codes={}, statuses={403: InvalidArgumentsError})
PROFILE = Profile("invoca", ERRORS)


def token_auth(token: str, place: TokenPlace = "header") -> httpx.Auth:
    """The token where Invoca accepts it: by default the whole `Authorization` value, no
    scheme. In the body, requests without one (GET) carry it as the query parameter instead."""
    if place == "header":
        return HeaderTokenAuth(token, scheme="")
    if place == "query":
        return QueryTokenAuth(token)
    return JsonBodyTokenAuth(token, otherwise=in_query())


def _auth(token: str | None, username: str | None, password: str | None) -> httpx.Auth:
    if token:
        return token_auth(token)
    if username and password:
        return httpx.BasicAuth(username, password)
    raise ValueError("an API token, or a username and a password, is needed")


def transactions_paging(page_size: int | None = None) -> KeysetPaging:
    """The Transactions API's cursor: the rows after the last id seen, until an empty page."""
    return KeysetPaging(
        after_param="start_after_transaction_id",
        key_field="transaction_id",
        items_field=BARE_LIST_KEY,
        size_param="limit",
        page_size=page_size,
    )


def apply_corrections(
    known: Mapping[str, Transaction], pulled: Iterable[Transaction]
) -> dict[str, Transaction]:
    """The transactions by id after `pulled`: a new row is added; a correction (a row with
    `corrects_transaction_id`) replaces the attributes of the row it corrects, kept under that
    row's id, as the Transactions page says to do."""
    merged = dict(known)
    for row in pulled:
        original = row.corrects_transaction_id
        if isinstance(original, str) and original:
            merged[original] = row
        else:
            merged[row.transaction_id] = row
    return merged


class _Invoca:
    profile = PROFILE

    def _paging(self, operation: Operation[Any]) -> PagingStrategy:
        return transactions_paging()


class InvocaClient(_Invoca, SyncResources):
    """Invoca's typed client: `client.advertiser_campaigns`, `client.transactions`. The base
    URL is the network's own subdomain (`https://<vanity>.invoca.net/api`)."""

    def __init__(
        self,
        token: str | None = None,
        *,
        username: str | None = None,
        password: str | None = None,
        auth: httpx.Auth | None = None,
        base_url: str = DEFAULT_BASE_URL,
        **options: Any,
    ) -> None:
        super().__init__(base_url, auth or _auth(token, username, password), **options)


class AsyncInvocaClient(_Invoca, AsyncResources):
    """`InvocaClient` for asyncio (and trio)."""

    def __init__(
        self,
        token: str | None = None,
        *,
        username: str | None = None,
        password: str | None = None,
        auth: httpx.Auth | None = None,
        base_url: str = DEFAULT_BASE_URL,
        **options: Any,
    ) -> None:
        super().__init__(base_url, auth or _auth(token, username, password), **options)
