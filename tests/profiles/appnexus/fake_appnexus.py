"""An in-process AppNexus that follows its API Semantics page and `profiles/appnexus/openapi.yaml`:
`/auth` session tokens that expire, the Creative Service with offset paging capped at 100 and
`count`, the field filters, `fields`, `append=true` on PUT, `meta`, and every error as
`{"response": {"error_id", "error"}}`. Tests steer it: expire the tokens, throttle the next
requests (429 as the sandbox environment, 405 as production), fail the next one, mark a creative
in use."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
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

USERNAME = "api-user"
PASSWORD = "s3cret-password"
READ_ONLY_USERNAME = "read-only-user"
READ_ONLY_PASSWORD = "read-only-password"

# What `GET /creative/meta` answers: each field of a creative and its type.
CREATIVE_FIELDS = {
    "id": "int",
    "name": "string",
    "code": "string",
    "member_id": "int",
    "active": "boolean",
    "width": "int",
    "height": "int",
    "segments": "array",
    "last_modified": "date",
}
MAX_ELEMENTS = 100  # "The maximum number of elements that can be returned ... is 100."
MAX_SEGMENTS = 1000

Handler = Callable[[Request], Awaitable[Response]]


def answer(
    payload: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    """AppNexus wraps every answer in the root key `response`."""
    return JSONResponse({"response": payload}, status_code=status, headers=headers)


class Refusal(Exception):
    """An error answer: its status, `error_id` and `error`."""

    def __init__(
        self, status: int, error_id: str, error: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(error)
        self.status = status
        self.error_id = error_id
        self.error = error
        self.headers = headers

    def response(self) -> Response:
        return answer({"error_id": self.error_id, "error": self.error}, self.status, self.headers)


@dataclass
class FakeAppNexus:
    """The fake's state; `app` is the ASGI application over it."""

    tokens: Tokens = field(default_factory=lambda: Tokens(lifetime=7200))
    throttle: Throttle = field(default_factory=Throttle)
    log: RequestLog = field(default_factory=RequestLog)
    creatives: dict[int, dict[str, Any]] = field(default_factory=dict)
    in_use: set[int] = field(default_factory=set)  # creatives a tag still uses: not deletable
    failures: int = 0  # the next requests that fail with SYSTEM
    logins: int = 0
    users: dict[str, tuple[str, bool]] = field(
        default_factory=lambda: {
            USERNAME: (PASSWORD, True),
            READ_ONLY_USERNAME: (READ_ONLY_PASSWORD, False),
        }
    )
    token_users: dict[str, str] = field(default_factory=dict)
    rules: SpecRules = field(default_factory=lambda: SpecRules("appnexus"))

    def add_creatives(self, count: int, **fields: Any) -> list[int]:
        """Stores `count` creatives named `Creative <id>`, numbered on from the last."""
        ids = []
        for _ in range(count):
            new_id = max(self.creatives, default=0) + 1
            self.creatives[new_id] = self._new_creative(
                new_id, {"name": f"Creative {new_id}", "member_id": 7, **fields}
            )
            ids.append(new_id)
        return ids

    def _new_creative(self, new_id: int, fields: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": new_id,
            "code": None,
            "active": True,
            "width": None,
            "height": None,
            "segments": [],
            **fields,
            "last_modified": self._now(),
        }

    def _now(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(self.tokens.now))

    @property
    def app(self) -> Starlette:
        return Starlette(
            routes=[
                self._route("/auth", POST=(self.authenticate, "open")),
                self._route(
                    "/creative",
                    GET=(self.list_creatives, "read"),
                    POST=(self.create_creative, "write"),
                ),
                self._route("/creative/meta", GET=(self.meta, "read")),
                self._route(
                    "/creative/{id}",
                    GET=(self.get_creative, "read"),
                    PUT=(self.update_creative, "write"),
                    DELETE=(self.delete_creative, "write"),
                ),
            ]
        )

    def _route(self, path: str, **methods: tuple[Handler, str]) -> Route:
        """One path and its methods; any other method is answered 405 with `Allow` listing them.
        Each method's access: "open" (no token), "read" (any user), "write" (users who may)."""

        async def endpoint(request: Request) -> Response:
            self.log.add(request)
            if request.method not in methods:
                allow = {"Allow": ", ".join(methods)}
                return Refusal(
                    405, "SYNTAX", f"{request.method} is not supported", allow
                ).response()
            handle, access = methods[request.method]
            try:
                if access != "open":
                    self._check_session(request, writes=access == "write")
                if self.throttle.take():
                    raise Refusal(
                        self.throttle.status,
                        "RATE_EXCEEDED",
                        "You have exceeded your request limit; wait and try again",
                        {"Retry-After": str(self.throttle.retry_after)},
                    )
                if self.failures > 0:
                    self.failures -= 1
                    raise Refusal(500, "SYSTEM", "A system error has occurred")
                return await handle(request)
            except InvalidInput as invalid:
                return Refusal(400, "SYNTAX", f"{invalid.field}: {invalid.reason}").response()
            except Refusal as refusal:
                return refusal.response()

        return Route(path, endpoint, methods=EVERY_METHOD)

    def _check_session(self, request: Request, writes: bool) -> None:
        token = request.headers.get("authorization")
        if not self.tokens.valid(token):
            raise Refusal(401, "NOAUTH", "Authentication failed - not logged in")
        assert token is not None
        _, may_write = self.users[self.token_users[token]]
        if writes and not may_write:
            raise Refusal(403, "UNAUTH", "You do not have permission to change creatives")

    async def authenticate(self, request: Request) -> Response:
        body = await self.rules.body("authenticate", request)
        username, password = body["auth"]["username"], body["auth"]["password"]
        known = self.users.get(username)
        if known is None or known[0] != password:
            raise Refusal(401, "NOAUTH", "No match found for user/pass")
        token = self.tokens.issue()
        self.token_users[token] = username
        self.logins += 1
        return answer({"status": "OK", "token": token})

    async def list_creatives(self, request: Request) -> Response:
        p = self.rules.parameters("listCreatives", request)
        matching = [c for _, c in sorted(self.creatives.items()) if _matches(c, p)]
        start = p.get("start_element", 0)
        size = min(p.get("num_elements", MAX_ELEMENTS), MAX_ELEMENTS)
        page = matching[start : start + size]
        return answer(
            {
                "status": "OK",
                "count": len(matching),
                "start_element": start,
                "num_elements": size,
                "creatives": [_only(c, p.get("fields")) for c in page],
            }
        )

    async def create_creative(self, request: Request) -> Response:
        body = await self.rules.body("createCreative", request)
        new_id = max(self.creatives, default=0) + 1
        creative = self._new_creative(new_id, body["creative"])
        self.creatives[new_id] = creative
        return answer({"status": "OK", "id": new_id, "creative": creative})

    async def meta(self, request: Request) -> Response:
        return answer(
            {
                "status": "OK",
                "fields": {name: {"type": kind} for name, kind in CREATIVE_FIELDS.items()},
            }
        )

    def _stored(self, creative_id: int) -> dict[str, Any]:
        if creative_id not in self.creatives:
            raise Refusal(404, "NOT_FOUND", f"creative {creative_id} not found")
        return self.creatives[creative_id]

    async def get_creative(self, request: Request) -> Response:
        p = self.rules.parameters("getCreative", request)
        creative = self._stored(int(p["id"]))
        return answer(
            {"status": "OK", "id": creative["id"], "creative": _only(creative, p.get("fields"))}
        )

    async def update_creative(self, request: Request) -> Response:
        p = self.rules.parameters("updateCreative", request)
        creative = self._stored(int(p["id"]))
        changes = dict((await self.rules.body("updateCreative", request))["creative"])
        if p.get("append") and "segments" in changes:
            # "append=true": the array's new elements join the stored ones.
            added = [s for s in changes["segments"] if s not in creative["segments"]]
            changes["segments"] = creative["segments"] + added
        if len(changes.get("segments", [])) > MAX_SEGMENTS:
            raise Refusal(400, "SYNTAX", f"a creative targets at most {MAX_SEGMENTS} segments")
        creative.update(changes, last_modified=self._now())
        return answer({"status": "OK", "id": creative["id"], "creative": creative})

    async def delete_creative(self, request: Request) -> Response:
        p = self.rules.parameters("deleteCreative", request)
        creative_id = int(p["id"])
        self._stored(creative_id)
        if creative_id in self.in_use:
            raise Refusal(
                409, "INTEGRITY", f"creative {creative_id} is the default creative of an active tag"
            )
        del self.creatives[creative_id]
        return answer({"status": "OK"})


def _ids(text: str) -> set[int]:
    return {int(part) for part in text.split(",")}


def _matches(creative: dict[str, Any], p: dict[str, Any]) -> bool:
    width = creative["width"]
    checks = [
        "id" not in p or creative["id"] in _ids(p["id"]),
        "member_id" not in p or creative["member_id"] in _ids(p["member_id"]),
        "not_id" not in p or creative["id"] not in _ids(p["not_id"]),
        "min_id" not in p or creative["id"] >= p["min_id"],
        "max_id" not in p or creative["id"] <= p["max_id"],
        "like_name" not in p or p["like_name"].lower() in creative["name"].lower(),
        # nmin_/nmax_: bounds that also let a null value through.
        "nmin_width" not in p or width is None or width >= p["nmin_width"],
        "nmax_width" not in p or width is None or width <= p["nmax_width"],
        "having_segments" not in p or bool(_ids(p["having_segments"]) & set(creative["segments"])),
        "min_last_modified" not in p or creative["last_modified"] >= p["min_last_modified"],
        "max_last_modified" not in p or creative["last_modified"] <= p["max_last_modified"],
    ]
    return all(checks)


def _only(creative: dict[str, Any], fields: str | None) -> dict[str, Any]:
    """The creative limited to the fields named (names it does not have are left out)."""
    if fields is None:
        return creative
    wanted = set(fields.split(","))
    return {name: value for name, value in creative.items() if name in wanted}
