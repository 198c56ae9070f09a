"""An in-process Adnuntius, following its public API documentation (profiles/adnuntius/README.md
lists the pages): `/api/authenticate` with the password and `refresh_token` grants, access tokens
that expire on the fake's clock (API keys that do not), the token as `Authorization: Bearer` or
the `auth_token` parameter; line items upserted by POST or PUT, listed in pages from 0 with
`id` lists (semicolon-delimited; an unknown parameter such as `ids` is ignored, so everything
comes back), `filterBy` / `filterByLike`, `where`, `orderBy`, `includeHidden`; assets uploaded
as multipart form data; every error a translatable message. Answers start from the bodies kept
in `documented/`.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from profiles.fake_support import documented, every_request_to

USERNAME = "adn-username"
PASSWORD = "adn-password"
API_KEY = "api-key-from-the-admin-pages"
NETWORK = "network_1"  # the API Requests page's example context
CREATIVE = "creative_1"
TOKEN_LIFETIME = 3600.0
LINE_ITEM = re.compile(r"/api/v1/lineitems(?:/(?P<id>[A-Za-z0-9_-]+))?")
ASSET = re.compile(r"/api/v1/assets/(?P<creative_id>[A-Za-z0-9_-]+)/(?P<id>[A-Za-z0-9_-]+)")
CONDITION = re.compile(
    r"(?P<field>\w+)\s*(?:(?P<op>[<>=])\s*|\s+(?P<neg>not\s+)?in\s+)(?P<value>.+)"
)


def message(
    status: int, code: str, text: str, kind: str = "ErrorMessage", **params: str
) -> Response:
    return JSONResponse(
        {"type": kind, "code": code, "text": text, "params": params}, status_code=status
    )


@dataclass
class AdnuntiusFake:
    now: float = 1_800_000_000.0
    tokens: dict[str, float] = field(default_factory=dict)  # access token -> expiry
    refresh_tokens: set[str] = field(default_factory=set)
    api_keys: set[str] = field(default_factory=lambda: {API_KEY})
    line_items: dict[str, dict[str, Any]] = field(default_factory=dict)
    creatives: set[str] = field(default_factory=lambda: {CREATIVE})
    assets: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    grants: list[str] = field(default_factory=list)  # each token request's grant_type
    throttled: int = 0
    requests: list[str] = field(default_factory=list)

    def app(self) -> Starlette:
        return every_request_to(self.handle)

    def add_line_items(self, count: int, **fields: Any) -> list[str]:
        """`count` line items made from the documented one, `lineitem_<n>`."""
        ids = []
        for _ in range(count):
            new_id = f"lineitem_{len(self.line_items) + 1}"
            item = documented("adnuntius", "line_item").body
            item.update(
                id=new_id, name=f"Line item {len(self.line_items) + 1}", objectState="ACTIVE"
            )
            self.line_items[new_id] = {**item, **fields}
            ids.append(new_id)
        return ids

    def expire_tokens(self) -> None:
        self.now += TOKEN_LIFETIME + 1

    async def handle(self, request: Request) -> Response:
        query = f"?{request.url.query}" if request.url.query else ""
        self.requests.append(f"{request.method} {request.url.path}{query}")
        if self.throttled:
            self.throttled -= 1
            response = message(429, "error.api.throttled", "Too many requests")
            response.headers["Retry-After"] = "1"
            return response
        if request.url.path == "/api/authenticate":
            if request.method != "POST":
                return not_allowed("POST")
            return self._authenticate(await request.body())
        if not self._authorized(request):
            return message(401, "error.api.token.expired", "The access token has expired")
        context = request.query_params.get("context")
        if not context:
            return message(
                400,
                "validation.error.required",
                "{{field}} is required",
                "ValidationErrorMessage",
                field="context",
            )
        if context != NETWORK:
            return message(
                403, "error.api.forbidden", "No access to network {{network}}", network=context
            )
        if match := ASSET.fullmatch(request.url.path):
            if request.method != "POST":
                return not_allowed("POST")
            return await self._upload(request, match["creative_id"], match["id"])
        match = LINE_ITEM.fullmatch(request.url.path)
        if match is None:
            return message(
                404, "error.api.not.found", "No resource at {{path}}", path=request.url.path
            )
        if match["id"] is None:
            if request.method == "GET":
                return self._list(request)
            if request.method in ("POST", "PUT"):
                return self._upsert_list(await request.body())
            return not_allowed("GET, POST, PUT")
        return await self._one(request, match["id"])

    def _authenticate(self, raw: bytes) -> Response:
        try:
            body = json.loads(raw)
            grant = body["grant_type"]
        except (ValueError, KeyError, TypeError):
            return message(
                400,
                "validation.error.required",
                "{{field}} is required",
                "ValidationErrorMessage",
                field="grant_type",
            )
        self.grants.append(str(grant))
        if grant == "password":
            if (body.get("username"), body.get("password")) != (USERNAME, PASSWORD):
                return message(401, "error.api.authentication", "Bad username or password")
        elif grant == "refresh_token":
            if body.get("refresh_token") not in self.refresh_tokens:
                return message(401, "error.api.refresh.token", "Bad refresh token")
            self.refresh_tokens.discard(body["refresh_token"])
        else:
            return message(
                400,
                "validation.error.invalid",
                "{{field}} is invalid",
                "ValidationErrorMessage",
                field="grant_type",
            )
        answer = documented("adnuntius", "token").body
        answer["access_token"] = access = secrets.token_urlsafe(24)
        answer["refresh_token"] = refresh = secrets.token_urlsafe(24)
        self.tokens[access] = self.now + TOKEN_LIFETIME
        self.refresh_tokens.add(refresh)
        return JSONResponse(answer)

    def _authorized(self, request: Request) -> bool:
        header = request.headers.get("authorization", "")
        token = header[len("Bearer ") :] if header.startswith("Bearer ") else None
        token = token or request.query_params.get("auth_token")
        return token in self.api_keys or self.tokens.get(token or "", 0) > self.now

    def _list(self, request: Request) -> Response:
        params = request.query_params
        found = list(self.line_items.values())
        if "id" in params:
            wanted = params["id"].split(";")
            found = [item for item in found if item["id"] in wanted]
        elif params.get("includeHidden") != "true":
            found = [item for item in found if item.get("objectState") != "HIDDEN"]
        if params.get("filterBy") and "filterByLike" in params:
            name, like = params["filterBy"], params["filterByLike"].lower()
            found = [item for item in found if like in str(item.get(name, "")).lower()]
        for condition in filter(None, params.get("where", "").split(";")):
            match = CONDITION.fullmatch(condition.strip())
            if match is None:
                return message(
                    400,
                    "validation.error.invalid",
                    "{{field}} is invalid",
                    "ValidationErrorMessage",
                    field="where",
                )
            found = [item for item in found if holds(item, match)]
        if "orderBy" in params:
            name = params["orderBy"]
            found.sort(
                key=lambda item: str(item.get(name) or ""),
                reverse=params.get("orderByDirection") == "DESCENDING",
            )
        page_text, size_text = params.get("page", "0"), params.get("pageSize", "100")
        if not (page_text.isdigit() and size_text.isdigit()) or int(size_text) < 1:
            return message(
                400,
                "validation.error.invalid",
                "{{field}} is invalid",
                "ValidationErrorMessage",
                field="page",
            )
        page, size = int(page_text), int(size_text)
        return JSONResponse(
            {
                "page": page,
                "pageSize": size,
                "totalCount": len(found),
                "results": found[page * size : (page + 1) * size],
            }
        )

    def _upsert_list(self, raw: bytes) -> Response:
        try:
            entries = json.loads(raw)
            assert isinstance(entries, list) and all(isinstance(entry, dict) for entry in entries)
        except (ValueError, AssertionError):
            return message(
                400,
                "validation.error.invalid",
                "{{field}} is invalid",
                "ValidationErrorMessage",
                field="body",
            )
        stored = [
            self._store(entry.get("id") or f"lineitem_{secrets.token_hex(4)}", entry)
            for entry in entries
        ]
        return JSONResponse(
            {"page": 0, "pageSize": len(stored), "totalCount": len(stored), "results": stored}
        )

    def _store(self, item_id: str, fields: dict[str, Any]) -> dict[str, Any]:
        item = self.line_items.get(item_id) or {"id": item_id, "objectState": "ACTIVE"}
        item.update({name: value for name, value in fields.items() if name != "id"})
        self.line_items[item_id] = item
        return item

    async def _one(self, request: Request, item_id: str) -> Response:
        if request.method in ("GET", "HEAD"):
            if item_id not in self.line_items:
                if request.method == "HEAD":
                    return Response(status_code=404)
                return message(404, "error.api.not.found", "No line item {{id}}", id=item_id)
            return (
                Response(status_code=200)
                if request.method == "HEAD"
                else JSONResponse(self.line_items[item_id])
            )
        if request.method in ("POST", "PUT"):
            try:
                fields = json.loads(await request.body())
                assert isinstance(fields, dict)
            except (ValueError, AssertionError):
                return message(
                    400,
                    "validation.error.invalid",
                    "{{field}} is invalid",
                    "ValidationErrorMessage",
                    field="body",
                )
            return JSONResponse(self._store(item_id, fields))
        return not_allowed("GET, HEAD, POST, PUT")

    async def _upload(self, request: Request, creative_id: str, asset_id: str) -> Response:
        if creative_id not in self.creatives:
            return message(404, "error.api.not.found", "No creative {{id}}", id=creative_id)
        form = await request.form()
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            return message(
                400,
                "validation.error.required",
                "{{field}} is required",
                "ValidationErrorMessage",
                field="file",
            )
        content = await upload.read()
        asset = documented("adnuntius", "asset").body
        asset.update(
            id=asset_id,
            fileName=upload.filename,
            fileSizeBytes=len(content),
            url=f"/api/v1/assets/{creative_id}/{asset_id}",
        )
        self.assets[(creative_id, asset_id)] = {**asset, "_content": content}
        return JSONResponse(asset)


def not_allowed(allow: str) -> Response:
    response = message(405, "error.api.method", "Request method not supported")
    response.headers["Allow"] = allow
    return response


def holds(item: dict[str, Any], condition: re.Match[str]) -> bool:
    value = str(item.get(condition["field"]) or "")
    wanted = condition["value"].strip()
    if condition["op"] == ">":
        return value > wanted
    if condition["op"] == "<":
        return value < wanted
    if condition["op"] == "=":
        return value == wanted
    inside = value in wanted.split(",")
    return not inside if condition["neg"] else inside
