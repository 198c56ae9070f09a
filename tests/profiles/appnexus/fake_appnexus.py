"""An in-process Xandr Impression Bus API, following its public documentation
(profiles/appnexus/README.md lists the pages): `POST /auth` session tokens that live 2 hours after
the last call and 24 hours at most, `NOAUTH` once they are gone; member-scoped creatives under
`/creative/{member_id}` with `?id=` for one of them; `start_element` / `num_elements` paging that
silently caps a page at 100; `sort` (without it, the most recently modified come first, so
pages shift when creatives change); every answer under `response`; throttling as 429 with
`Retry-After` and `x-ratelimit-code`, 503 with `x-ratelimit-code`, or production's 405
`RATE_EXCEEDED`. Answers start from the bodies kept in `documented/`.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from profiles.fake_support import documented, every_request_to

USERNAME = "api-user"
PASSWORD = "s3cret-Passw0rd!"
READ_ONLY_USERNAME = "read-only-user"
READ_ONLY_PASSWORD = "read-0nly-Passw0rd!"
MEMBER_ID = 7
MAX_ELEMENTS = 100  # "The maximum number of elements that can be returned ... is 100."
IDLE_LIFETIME = 2 * 3600.0
HARD_LIFETIME = 24 * 3600.0
CREATIVE_PATH = re.compile(r"/creative/(?P<member_id>[0-9]+)")
WRITABLE = ("media_url", "width", "height", "code", "template")


def answer(payload: dict[str, Any], status: int = 200, **headers: str) -> JSONResponse:
    """Xandr wraps every answer in the root key `response`."""
    return JSONResponse({"response": payload}, status_code=status, headers=headers)


def refusal(status: int, error_id: str, error: str, **headers: str) -> JSONResponse:
    return answer({"error_id": error_id, "error": error}, status, **headers)


def not_allowed(allow: str) -> JSONResponse:
    return refusal(405, "SYNTAX", "method not supported", Allow=allow)


@dataclass
class Session:
    user: str
    issued: float
    last_used: float


@dataclass
class XandrFake:
    """One member's creatives, the sessions issued, and what the tests make it do next."""

    now: float = 1_800_000_000.0  # the fake's clock: tests move it
    sessions: dict[str, Session] = field(default_factory=dict)
    users: dict[str, tuple[str, bool]] = field(
        default_factory=lambda: {
            USERNAME: (PASSWORD, True),
            READ_ONLY_USERNAME: (READ_ONLY_PASSWORD, False),
        }
    )
    creatives: dict[int, dict[str, Any]] = field(default_factory=dict)
    # The answers to give the next requests before looking at them: (status, headers, error_id).
    throttled: list[tuple[int, dict[str, str], str]] = field(default_factory=list)
    # Runs before each listing is answered (a creative changed between two pages).
    before_listing: list[Any] = field(default_factory=list)
    logins: int = 0
    requests: list[str] = field(default_factory=list)

    def app(self) -> Starlette:
        return every_request_to(self.handle)

    def add_creatives(self, count: int) -> list[int]:
        """`count` creatives modelled on the documented ones, pending audit."""
        template = documented("appnexus", "creatives").body["response"]["creatives"][0]
        ids = []
        for _ in range(count):
            new_id = max(self.creatives, default=0) + 1
            self.creatives[new_id] = {
                **template,
                "id": new_id,
                "media_url": f"https://ads.example.com/{new_id}.js",
                "_modified": self.tick(),
            }
            ids.append(new_id)
        return ids

    def tick(self) -> float:
        self.now += 1
        return self.now

    def throttle(self, status: int, count: int = 1, retry_after: int = 3) -> None:
        headers = {"x-ratelimit-code": "user-rate-limit"}
        if status == 429:
            headers["Retry-After"] = str(retry_after)
        error_id = "RATE_EXCEEDED" if status == 405 else "SYSTEM"
        self.throttled.extend([(status, headers if status != 405 else {}, error_id)] * count)

    async def handle(self, request: Request) -> Response:
        query = f"?{request.url.query}" if request.url.query else ""
        self.requests.append(f"{request.method} {request.url.path}{query}")
        if self.throttled:
            status, headers, error_id = self.throttled.pop(0)
            return refusal(status, error_id, "You have exceeded your request limit", **headers)
        if request.url.path == "/auth":
            if request.method != "POST":
                return not_allowed("POST")
            return self._login(await request.body())
        user = self._session_user(request.headers.get("authorization"))
        if user is None:
            return refusal(401, "NOAUTH", "Authentication failed - not logged in")
        match = CREATIVE_PATH.fullmatch(request.url.path)
        if match is None:
            return refusal(404, "NOT_FOUND", f"no service at {request.url.path}")
        if int(match["member_id"]) != MEMBER_ID:
            return refusal(403, "UNAUTH", "You do not have access to this member")
        if request.method == "GET":
            return self._list(request)
        if not self.users[user][1]:
            # The pages give no status per error_id: this one answers 401 like NOAUTH, so that only
            # the error_id says whether the session is gone.
            return refusal(401, "UNAUTH", "You do not have permission to change creatives")
        if request.method == "POST":
            return self._write(None, await request.body())
        if request.method in ("PUT", "DELETE"):
            creative_id = request.query_params.get("id", "")
            if not creative_id.isdigit() or int(creative_id) not in self.creatives:
                return refusal(404, "NOT_FOUND", f"creative {creative_id} not found")
            if request.method == "DELETE":
                del self.creatives[int(creative_id)]
                return answer({"status": "OK"})
            return self._write(int(creative_id), await request.body())
        return not_allowed("GET, POST, PUT, DELETE")

    def _login(self, raw: bytes) -> Response:
        try:
            auth = json.loads(raw)["auth"]
            username, password = str(auth["username"]), str(auth["password"])
        except (ValueError, KeyError, TypeError):
            return refusal(400, "SYNTAX", 'expected {"auth": {"username", "password"}}')
        if self.users.get(username, ("",))[0] != password:
            return refusal(401, "NOAUTH", "No match found for user/pass")
        self.logins += 1
        token = secrets.token_hex(13)
        self.sessions[token] = Session(username, self.now, self.now)
        body = documented("appnexus", "auth").body
        body["response"]["token"] = token
        return JSONResponse(body)

    def _session_user(self, token: str | None) -> str | None:
        session = self.sessions.get(token or "")
        if session is None:
            return None
        if (
            self.now - session.last_used > IDLE_LIFETIME
            or self.now - session.issued > HARD_LIFETIME
        ):
            return None
        session.last_used = self.now
        return session.user

    def _list(self, request: Request) -> Response:
        for change in self.before_listing:
            change(self)
        params = request.query_params
        numbers = [params.get("start_element", "0"), params.get("num_elements", "1")]
        numbers += params.get("id", "0").split(",")
        if not all(number.isascii() and number.isdigit() for number in numbers):
            return refusal(400, "SYNTAX", "start_element, num_elements and id are numbers")
        start = int(params.get("start_element", "0"))
        size = min(int(params.get("num_elements", str(MAX_ELEMENTS))), MAX_ELEMENTS)
        found = list(self.creatives.values())
        if "id" in params:
            wanted = {int(each) for each in params["id"].split(",")}
            found = [creative for creative in found if creative["id"] in wanted]
        sort = params.get("sort")
        if sort:
            name, _, direction = sort.partition(".")
            found.sort(key=lambda creative: creative.get(name) or 0, reverse=direction == "desc")
        else:  # no order asked: the most recently modified first, which shifts between pages
            found.sort(key=lambda creative: creative["_modified"], reverse=True)
        page = [public(creative) for creative in found[start : start + size]]
        body = {
            "status": "OK",
            "count": len(found),
            "start_element": start,
            "num_elements": size,
            "creatives": page,
        }
        return answer(body)

    def _write(self, creative_id: int | None, raw: bytes) -> Response:
        try:
            fields = json.loads(raw)["creative"]
        except (ValueError, KeyError, TypeError):
            return refusal(400, "SYNTAX", 'expected {"creative": {...}}')
        if creative_id is None:
            if not fields.get("media_url"):
                return refusal(400, "SYNTAX", "media_url is required")
            creative_id = self.add_creatives(1)[0]
        creative = self.creatives[creative_id]
        creative.update({name: fields[name] for name in WRITABLE if name in fields})
        creative["audit_status"] = "pending"  # a change sends it back to the audit
        creative["_modified"] = self.tick()
        return answer({"status": "OK", "id": creative_id, "creative": public(creative)})

    def audit(self, creative_id: int, status: str = "audited") -> None:
        self.creatives[creative_id]["audit_status"] = status


def public(creative: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in creative.items() if not name.startswith("_")}
