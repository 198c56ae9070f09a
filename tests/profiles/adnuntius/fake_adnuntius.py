"""An in-process Adnuntius that follows its API Requests page and `profiles/adnuntius/openapi.yaml`:
access tokens that expire, line items upserted by PUT or POST with or without an id (a list in one
transaction), HEAD for existence, `context`, `objectState` and `includeHidden`, semicolon-delimited
ids, pages counted from 0, validation warnings on stored objects, and every error as a translatable
message. Tests steer it: expire the tokens, throttle or fail the next requests."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from profiles.fake_support import (
    EVERY_METHOD,
    InvalidInput,
    RequestLog,
    SpecRules,
    Throttle,
    Tokens,
)

USERNAME = "api-user@example.com"
PASSWORD = "s3cret-password"
NETWORK = "network_1"  # the network the user may work in (the seed's examples use it)
DEFAULT_PAGE_SIZE = 100

Handler = Callable[[Request], Awaitable[Response]]


def message(kind: str, code: str, text: str, **params: str) -> dict[str, Any]:
    """A translatable message: its type, code, English text with `{{name}}` placeholders and
    the placeholders' values."""
    return {"type": kind, "code": code, "text": text, "params": params}


class Refusal(Exception):
    """An error answer: its status and translatable message."""

    def __init__(
        self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(body["text"])
        self.status = status
        self.body = body
        self.headers = headers

    def response(self, request: Request) -> Response:
        if request.method == "HEAD":  # an answer to HEAD has no body
            return Response(status_code=self.status, headers=self.headers)
        return JSONResponse(self.body, status_code=self.status, headers=self.headers)


@dataclass
class FakeAdnuntius:
    """The fake's state; `app` is the ASGI application over it."""

    tokens: Tokens = field(default_factory=Tokens)
    throttle: Throttle = field(default_factory=Throttle)
    log: RequestLog = field(default_factory=RequestLog)
    line_items: dict[str, dict[str, Any]] = field(default_factory=dict)
    failures: int = 0  # the next requests that fail with 500
    logins: int = 0
    # The networks the user may work in; None: every one (for fuzzing, where generated
    # contexts would nearly all name another network).
    networks: set[str] | None = field(default_factory=lambda: {NETWORK})
    rules: SpecRules = field(default_factory=lambda: SpecRules("adnuntius"))
    _numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def add_line_items(self, count: int, **fields: Any) -> list[str]:
        """Stores `count` line items `li-<n>` named `Line item <n>`."""
        ids = []
        for _ in range(count):
            number = next(self._numbers)
            ids.append(
                self._upsert({"id": f"li-{number}", "name": f"Line item {number}", **fields})["id"]
            )
        return ids

    @property
    def app(self) -> Starlette:
        return Starlette(
            routes=[
                self._route("/api/authenticate", POST=(self.authenticate, False)),
                self._route(
                    "/api/v1/lineitems",
                    GET=(self.list_line_items, True),
                    POST=(self.upsert_list("upsertLineItems"), True),
                    PUT=(self.upsert_list("putLineItems"), True),
                ),
                self._route(
                    "/api/v1/lineitems/{id}",
                    GET=(self.get_line_item, True),
                    HEAD=(self.line_item_exists, True),
                    POST=(self.upsert_one("upsertLineItem"), True),
                    PUT=(self.upsert_one("putLineItem"), True),
                ),
            ]
        )

    def _route(self, path: str, **methods: tuple[Handler, bool]) -> Route:
        """One path and its methods (each with whether it needs a token); any other method is
        answered 405 with `Allow` listing them."""

        async def endpoint(request: Request) -> Response:
            self.log.add(request)
            if request.method not in methods:
                return Response(status_code=405, headers={"Allow": ", ".join(methods)})
            handle, secured = methods[request.method]
            try:
                if secured:
                    self._check_token(request)
                if self.throttle.take():
                    seconds = str(self.throttle.retry_after)
                    text = "Too many requests: try again in {{seconds}} seconds"
                    body = message(
                        "ErrorMessage", "error.api.too.many.requests", text, seconds=seconds
                    )
                    raise Refusal(429, body, {"Retry-After": seconds})
                if self.failures > 0:
                    self.failures -= 1
                    raise Refusal(
                        500, message("ErrorMessage", "error.api.server", "Something went wrong")
                    )
                return await handle(request)
            except InvalidInput as invalid:
                text = "{{field}} is invalid: {{reason}}"
                body = message(
                    "ValidationErrorMessage",
                    "validation.error.invalid",
                    text,
                    field=invalid.field,
                    reason=invalid.reason,
                )
                return Refusal(400, body).response(request)
            except Refusal as refusal:
                return refusal.response(request)

        return Route(path, endpoint, methods=EVERY_METHOD)

    def _check_token(self, request: Request) -> None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or token not in self.tokens.issued:
            raise Refusal(
                401,
                message(
                    "ErrorMessage", "error.api.unauthorised", "A valid access token is required"
                ),
            )
        if not self.tokens.valid(token):
            raise Refusal(
                401,
                message("ErrorMessage", "error.api.token.expired", "The access token has expired"),
            )

    def _context(self, parameters: dict[str, Any]) -> None:
        if self.networks is not None and parameters["context"] not in self.networks:
            text = "No access to network {{network}}"
            body = message(
                "ErrorMessage", "error.api.network.forbidden", text, network=parameters["context"]
            )
            raise Refusal(403, body)

    async def authenticate(self, request: Request) -> Response:
        body = await self.rules.body("requestAccessToken", request)
        if (body["username"], body["password"]) != (USERNAME, PASSWORD):
            text = "The username or password is wrong"
            raise Refusal(401, message("ErrorMessage", "error.api.authentication.failed", text))
        self.logins += 1
        token = self.tokens.issue()
        return JSONResponse(
            {"access_token": token, "token_type": "bearer", "expires_in": int(self.tokens.lifetime)}
        )

    async def list_line_items(self, request: Request) -> Response:
        p = self.rules.parameters("listLineItems", request)
        self._context(p)
        wanted = set(p["ids"].split(";")) if "ids" in p else None
        matching = [
            item
            for item in self.line_items.values()
            if (wanted is None or item["id"] in wanted)
            and (p.get("includeHidden", False) or item["objectState"] != "HIDDEN")
        ]
        page, size = p.get("page", 0), p.get("pageSize", DEFAULT_PAGE_SIZE)
        results = matching[page * size : (page + 1) * size]
        return JSONResponse(
            {"page": page, "pageSize": size, "totalCount": len(matching), "results": results}
        )

    def _stored(self, p: dict[str, Any]) -> dict[str, Any]:
        self._context(p)
        item = self.line_items.get(p["id"])
        if item is None:  # hidden ones are found by id: only a missing one is not
            text = "No line item {{id}}"
            raise Refusal(404, message("ErrorMessage", "error.api.not.found", text, id=p["id"]))
        return item

    async def get_line_item(self, request: Request) -> Response:
        return JSONResponse(self._stored(self.rules.parameters("getLineItem", request)))

    async def line_item_exists(self, request: Request) -> Response:
        self._stored(self.rules.parameters("lineItemExists", request))
        return Response(status_code=200)

    def upsert_one(self, operation_id: str) -> Handler:
        async def upsert(request: Request) -> Response:
            p = self.rules.parameters(operation_id, request)
            self._context(p)
            changes = await self.rules.body(operation_id, request)
            return JSONResponse(self._upsert({**changes, "id": p["id"]}))

        return upsert

    def upsert_list(self, operation_id: str) -> Handler:
        async def upsert(request: Request) -> Response:
            p = self.rules.parameters(operation_id, request)
            self._context(p)
            # Every entry is checked before any is stored: one transaction (the API Requests page).
            entries = await self.rules.body(operation_id, request)
            stored = [self._upsert(entry) for entry in entries]
            return JSONResponse(
                {"page": 0, "pageSize": len(stored), "totalCount": len(stored), "results": stored}
            )

        return upsert

    def _upsert(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Creates the line item, or changes the fields sent (a list sent replaces the stored
        one); then its validation warnings are those of its new state."""
        item_id = changes.get("id") or f"li-{next(self._numbers)}"
        item = self.line_items.setdefault(
            item_id, {"id": item_id, "objectState": "ACTIVE", "targeting": []}
        )
        item.update({key: value for key, value in changes.items() if key != "id"})
        item["validationWarnings"] = _warnings(item)
        return item


def _warnings(item: dict[str, Any]) -> list[dict[str, Any]]:
    """What keeps a stored line item from working (it stays stored)."""
    found = []
    if not item.get("name"):
        found.append(
            message(
                "ValidationWarningMessage",
                "validation.warning.required",
                "{{field}} is required",
                field="name",
            )
        )
    start, end = _instant(item.get("startDate")), _instant(item.get("endDate"))
    if start is not None and end is not None and end < start:
        text = "{{field}} is before the start date"
        found.append(
            message(
                "ValidationWarningMessage",
                "validation.warning.end.before.start",
                text,
                field="endDate",
            )
        )
    return found


def _instant(text: str | None) -> float | None:
    """The moment an ISO 8601 date stands for; None for none, or one Python cannot place (a
    leap second, which RFC 3339 allows)."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.upper().replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None
