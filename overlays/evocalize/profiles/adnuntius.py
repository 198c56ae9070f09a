"""Adnuntius API (`profiles/adnuntius/openapi.yaml`, after its API Requests page) on the overlay's
generic strategies:

- auth: the token request gives an access token for `Authorization: Bearer`; a `401` requests
  a new one once and replays the request (`SessionAuth` with `logging_in`);
- errors: the translatable message of an error answer (`type`, `code`, `text` with `{{name}}`
  placeholders, `params`) decoded into the typed errors by status, its text filled in, the field
  of a `ValidationErrorMessage` named (`decode_messages`: an envelope of its own): `ERRORS`;
- retries: `429` waits `Retry-After`; upserts (PUT and POST, with or without id) are safe to
  repeat, as the profile marks them: `PROFILE`;
- paging: `page` (from 0) / `pageSize` / `totalCount` / `results` (`NumberedPaging`);
- existence: `HEAD` answers 200 or 404 (`evocalize.calls.exists`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import httpx

from evocalize.credentials_auth import in_header
from evocalize.errors import ErrorConvention, ErrorDetail, json_body
from evocalize.pagination import NumberedPaging
from evocalize.profiles.wiring import Profile
from evocalize.session_auth import SessionAuth, logging_in

__all__ = ["ERRORS", "PROFILE", "TOKEN_PATH", "decode_messages", "paging", "render", "session_auth"]

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


def _token(response: httpx.Response) -> str:
    body = json_body(response)
    token = body.get("access_token") if isinstance(body, Mapping) else None
    return token if isinstance(token, str) else ""


def session_auth(username: str, password: str, scope: str = "ng_api") -> SessionAuth:
    """Requests a token at `/api/authenticate` of the API the request goes to (the password
    grant) and sends it as `Authorization: Bearer`; a `401` requests a new one once."""
    if not username or not password:
        raise ValueError("both a username and a password are needed")

    def login(request: httpx.Request) -> httpx.Request:
        body = {
            "grant_type": "password",
            "scope": scope,
            "username": username,
            "password": password,
        }
        return httpx.Request("POST", request.url.join(TOKEN_PATH), json=body)

    return SessionAuth(logging_in(login, _token, errors=ERRORS), place=in_header())


def paging(page_size: int | None = None) -> NumberedPaging:
    """Numbered pages from 0, items in `results`; `page_size` None keeps the server's default."""
    return NumberedPaging(page_size=page_size)
