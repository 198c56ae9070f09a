"""An in-process BidTheatre API v2.0, following its public documentation
(profiles/bidtheatre/README.md lists the pages): `POST /v2.0/api/auth` logins that reuse a valid
token unless `forceNewToken`, refresh tokens good for 10 uses, tokens of one hour on the fake's
clock, 401 "Bad or expired token" once one is gone; network-scoped campaigns (DELETE answers 204);
asynchronous reports that stay `pending` for a number of reads, then are `done` with their rows;
429 throttling with `Retry-After`. Every answer carries the metadata fields, `apiVersion` the
integer 2. Answers start from the bodies kept in `documented/`.
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

USERNAME = "your_username"
PASSWORD = "your_password"
NETWORK_ID = 9
TOKEN_TTL = 3600.0
REFRESH_USES = 10
NETWORK_PATH = re.compile(
    r"/v2\.0/api/(?P<network_id>[0-9]+)/(?P<kind>campaign|report)(?:/(?P<id>[0-9]+))?"
)


@dataclass
class BidTheatreFake:
    now: float = 1_800_000_000.0
    tokens: dict[str, float] = field(default_factory=dict)  # token -> expiry
    refresh_tokens: dict[str, int] = field(default_factory=dict)  # refresh token -> uses left
    campaigns: dict[int, dict[str, Any]] = field(default_factory=dict)
    reports: dict[int, dict[str, Any]] = field(default_factory=dict)
    # How many reads a new report stays pending before it is done.
    pending_reads: int = 2
    report_rows: list[dict[str, Any]] = field(
        default_factory=lambda: [
            {
                "campaign": 1,
                "impressions": 1000,
                "clicks": 12,
                "ctr": 1.2,
                "cost": 4.5,
                "saleSum": 0,
            }
        ]
    )
    throttled: int = 0  # the next requests answered 429
    logins: list[dict[str, Any]] = field(default_factory=list)  # each auth request's body
    requests: list[str] = field(default_factory=list)

    def app(self) -> Starlette:
        return every_request_to(self.handle)

    def answer(self, request: Request, status: int, **payload: Any) -> JSONResponse:
        match = NETWORK_PATH.fullmatch(request.url.path)
        body = {
            "apiVersion": 2,
            "code": status,
            "method": request.method,
            "networkId": int(match["network_id"]) if match else None,
            **payload,
        }
        return JSONResponse(body, status_code=status)

    def failure(self, request: Request, status: int, message: str, **headers: str) -> Response:
        response = self.answer(request, status, error={"message": message})
        response.headers.update(headers)
        return response

    async def handle(self, request: Request) -> Response:
        self.requests.append(f"{request.method} {request.url.path}")
        if self.throttled:
            self.throttled -= 1
            return self.failure(request, 429, "Too many requests", **{"Retry-After": "2"})
        if request.url.path == "/v2.0/api/auth":
            if request.method != "POST":
                return self.failure(request, 405, "Request method not supported", Allow="POST")
            return self._auth(request, await request.body())
        if self.tokens.get(request.headers.get("authorization", ""), 0) <= self.now:
            return self.failure(
                request, 401, "Bad or expired token. Re-authenticate the user to resolve."
            )
        match = NETWORK_PATH.fullmatch(request.url.path)
        if match is None:
            return self.failure(request, 404, "Resource not found")
        if int(match["network_id"]) != NETWORK_ID:
            return self.failure(
                request, 403, "The request attempts to access an unauthorized network"
            )
        object_id = int(match["id"]) if match["id"] else None
        if match["kind"] == "report":
            return await self._report(request, object_id)
        return await self._campaign(request, object_id)

    def _auth(self, request: Request, raw: bytes) -> Response:
        try:
            body = json.loads(raw)
            assert isinstance(body, dict)
        except (ValueError, AssertionError):
            return self.failure(request, 400, "Bad input parameter: the body is not a JSON object")
        self.logins.append(body)
        answer: dict[str, Any] = documented("bidtheatre", "auth").body["auth"]
        if body.get("mode") == "refresh":
            left = self.refresh_tokens.get(str(body.get("refreshToken")), 0)
            if left <= 0:
                return self.failure(request, 401, "Bad or expired refresh token")
            self.refresh_tokens[str(body["refreshToken"])] = left - 1
            answer["refreshTokenCount"] = REFRESH_USES - left + 1
            answer["refreshToken"] = body["refreshToken"]
            answer["token"] = self._issue()
            return self.answer(request, 200, auth=answer)
        if (body.get("username"), body.get("password")) != (USERNAME, PASSWORD):
            return self.failure(request, 401, "Invalid username or password")
        valid = [token for token, expiry in self.tokens.items() if expiry > self.now]
        # "If a new login attempt is made when a valid token is still available the old token
        # will be reused", unless forceNewToken.
        answer["token"] = valid[-1] if valid and not body.get("forceNewToken") else self._issue()
        answer["refreshToken"] = refresh = secrets.token_hex(20).upper()
        self.refresh_tokens[refresh] = REFRESH_USES
        return self.answer(request, 200, auth=answer)

    def _issue(self) -> str:
        token = secrets.token_hex(20).upper()
        self.tokens[token] = self.now + TOKEN_TTL
        return token

    def expire_tokens(self) -> None:
        """The hour passes: every token is gone (refresh tokens last 7 days)."""
        self.now += TOKEN_TTL + 1

    async def _report(self, request: Request, report_id: int | None) -> Response:
        if report_id is None and request.method == "POST":
            body = json.loads(await request.body() or b"null")
            if not isinstance(body, dict) or not body.get("report") or not body.get("columns"):
                return self.failure(
                    request, 400, "Bad input parameter: report and columns are required"
                )
            report = documented("bidtheatre", "report_created").body["report"]
            report["id"] = new_id = 3592725 + len(self.reports)
            report["reportName"] = body["report"]
            report["name"] = body.get("name")
            report["groupBy"] = body.get("groupBy")
            self.reports[new_id] = {**report, "_reads": self.pending_reads}
            return self.answer(request, 201, report=public(report))
        if report_id is not None and request.method == "GET":
            report = self.reports.get(report_id)
            if report is None:
                return self.failure(request, 404, "Resource not found")
            if report["_reads"] > 0:
                report["_reads"] -= 1
            else:
                report["reportStatus"] = "done"
                report["data"] = self.report_rows
            return self.answer(request, 200, report=public(report))
        return self.failure(
            request, 405, "Request method not supported", Allow="GET" if report_id else "POST"
        )

    async def _campaign(self, request: Request, campaign_id: int | None) -> Response:
        if campaign_id is None:
            if request.method == "GET":
                return self.answer(request, 200, campaigns=list(self.campaigns.values()))
            if request.method == "POST":
                body = json.loads(await request.body() or b"null")
                if not isinstance(body, dict) or not body.get("name"):
                    return self.failure(request, 400, "Bad input parameter: name is required")
                new_id = max(self.campaigns, default=0) + 1
                self.campaigns[new_id] = {"id": new_id, "name": body["name"], "links": []}
                return self.answer(request, 201, campaign=self.campaigns[new_id])
            return self.failure(request, 405, "Request method not supported", Allow="GET, POST")
        if campaign_id not in self.campaigns:
            return self.failure(request, 404, "Resource not found")
        if request.method == "DELETE":
            del self.campaigns[campaign_id]
            return Response(status_code=204)
        if request.method == "PUT":
            body = json.loads(await request.body() or b"null")
            self.campaigns[campaign_id].update(body if isinstance(body, dict) else {})
        if request.method in ("GET", "PUT"):
            return self.answer(request, 200, campaign=self.campaigns[campaign_id])
        return self.failure(request, 405, "Request method not supported", Allow="GET, PUT, DELETE")


def public(report: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in report.items() if not name.startswith("_")}
