"""An in-process BidTheatre API, following its Responses page and the profile's decisions
(profiles/bidtheatre/README.md): root keys (`campaign`, `campaigns`, `error`), the metadata
fields on every body, object links and link objects, 201 on POST, 204 with no body on DELETE,
tokens that expire (401 "Bad or expired token"), 403 for a network the token may not use, 405
for an unsupported method, and throttling by the minute (429 with `Retry-After`).

Bodies are validated against the profile's own schema (jsonschema). The seed documents no way to
obtain a token, so the test side issues them (`tokens.issue()`); time is an injectable clock.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from profiles.fake_support import Tokens, component_validator, every_request_to

API_VERSION = "2.0"
NETWORK_ID = 1234
MAX_ID = 2**53 - 1
COLLECTION = re.compile(r"/v2\.0/api/(?P<network_id>[^/]+)/campaign")
ITEM = re.compile(r"/v2\.0/api/(?P<network_id>[^/]+)/campaign/(?P<id>[^/]+)")
READS = frozenset({"GET", "HEAD", "OPTIONS"})
INPUT = component_validator("bidtheatre", "CampaignInput")


@dataclass
class MinuteBudget:
    """At most `limit` requests in any 60 seconds; a refused one learns when a slot frees."""

    limit: int
    clock: Callable[[], float]
    window: float = 60.0
    times: deque[float] = field(default_factory=deque)

    def wait(self) -> int | None:
        """None when the request may go ahead (and it is counted), else the seconds to wait."""
        now = self.clock()
        while self.times and self.times[0] <= now - self.window:
            self.times.popleft()
        if len(self.times) >= self.limit:
            return max(1, math.ceil(self.times[0] + self.window - now))
        self.times.append(now)
        return None


@dataclass
class BidTheatreFake:
    """One network's campaigns, the tokens that may act on it, and its request budget."""

    clock: Callable[[], float] = time.monotonic
    token_lifetime: float = 3600.0
    # The public reference's limits: 100 reads and 60 writes a minute.
    reads_per_minute: int = 100
    writes_per_minute: int = 60
    # The networks the credentials may act on; None: every one (for fuzzing, where generated
    # ids would nearly all name another network).
    network_ids: set[int] | None = field(default_factory=lambda: {NETWORK_ID})
    # Campaigns by network and id (ids are unique across networks).
    campaigns: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    # Statuses to answer the next requests with before looking at them (a failing sub-service).
    faults: list[tuple[int, str | None]] = field(default_factory=list)
    # Every request as received: method, path, and the token it carried.
    received: list[tuple[str, str, str | None]] = field(default_factory=list)
    _ids: count[int] = field(default_factory=lambda: count(1))

    def __post_init__(self) -> None:
        self.reads = MinuteBudget(self.reads_per_minute, self.clock)
        self.writes = MinuteBudget(self.writes_per_minute, self.clock)
        # The tokens this network accepts, issued by the test side.
        self.tokens = Tokens(lifetime=self.token_lifetime, clock=self.clock)

    def app(self) -> Starlette:
        return every_request_to(self.handle)

    async def handle(self, request: Request) -> Response:
        token = request.headers.get("authorization")
        path = request.scope.get("raw_path", request.url.path.encode()).decode("latin-1")
        path = path.split("?", 1)[0]
        self.received.append((request.method, path, token))
        answer = _Answer(request.method)
        item, collection = ITEM.fullmatch(path), COLLECTION.fullmatch(path)
        match = item or collection
        if match is not None:
            answer.network_id = _numeric(match["network_id"])
        if self.faults:
            status, code = self.faults.pop(0)
            return answer.error(
                status, "Service Unavailable" if status == 503 else "Server side problem", code
            )
        if match is None:
            return answer.error(404, f"No resource at {path}")
        allowed = ("GET", "PUT", "DELETE") if item else ("GET", "POST")
        if request.method not in allowed:
            return answer.error(
                405, f"{request.method} is not supported here", Allow=", ".join(allowed)
            )
        if not self.tokens.valid(token):
            return answer.error(401, "Bad or expired token. Re-authenticate the user to resolve.")
        network_id = answer.network_id
        if network_id is None:
            return answer.error(400, f"network_id: must be a whole number from 1 to {MAX_ID}")
        if self.network_ids is not None and network_id not in self.network_ids:
            return answer.error(403, f"Access to network {network_id} is not allowed")
        throttle = self.reads if request.method in READS else self.writes
        wait = throttle.wait()
        if wait is not None:
            return answer.error(
                429,
                "Too many requests. Your request has been throttled.",
                **{"Retry-After": str(wait)},
            )
        if item is None:
            if request.method == "GET":
                listing = [c for (net, _), c in self.campaigns.items() if net == network_id]
                return answer.ok(campaigns=listing)
            return await self._create(request, answer, network_id)
        campaign_id = _numeric(item["id"])
        if campaign_id is None:
            return answer.error(400, f"id: must be a whole number from 1 to {MAX_ID}")
        key = (network_id, campaign_id)
        if key not in self.campaigns:
            return answer.error(404, f"Campaign {campaign_id} not found")
        if request.method == "GET":
            return answer.ok(campaign=self.campaigns[key])
        if request.method == "DELETE":
            del self.campaigns[key]
            return Response(status_code=204)
        return await self._update(request, answer, key)

    async def _create(self, request: Request, answer: _Answer, network_id: int) -> Response:
        body, problem = await _campaign_input(request)
        if problem:
            return answer.error(400, problem)
        key = (network_id, next(self._ids))
        self.campaigns[key] = _campaign(request, answer, key[1], body)
        return answer.ok(201, campaign=self.campaigns[key])

    async def _update(self, request: Request, answer: _Answer, key: tuple[int, int]) -> Response:
        body, problem = await _campaign_input(request)
        if problem:
            return answer.error(400, problem)
        # PUT sets the state from the values given, whatever it was.
        self.campaigns[key] = _campaign(request, answer, key[1], body)
        return answer.ok(campaign=self.campaigns[key])


@dataclass
class _Answer:
    """A body with the seed's metadata fields: the API version, the status again, the method and
    the network."""

    method: str
    network_id: int | None = None

    def _metadata(self, status: int) -> dict[str, Any]:
        return {
            "apiVersion": API_VERSION,
            "code": status,
            "method": self.method,
            "networkId": self.network_id,
        }

    def ok(self, status: int = 200, **root: Any) -> JSONResponse:
        return JSONResponse({**root, **self._metadata(status)}, status_code=status)

    def error(
        self, status: int, message: str, code: str | None = None, **headers: str
    ) -> JSONResponse:
        error: dict[str, Any] = {"message": message[:1000]}
        if code is not None:
            error["errorCode"] = code
        body = {"error": error, **self._metadata(status)}
        return JSONResponse(body, status_code=status, headers=headers)


def _numeric(text: str) -> int | None:
    if text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_ID:
        return int(text)
    return None


async def _campaign_input(request: Request) -> tuple[dict[str, Any], str | None]:
    try:
        body = json.loads(await request.body())
    except (json.JSONDecodeError, UnicodeDecodeError):
        return {}, "The body is not JSON"
    error = next(iter(sorted(INPUT.iter_errors(body), key=lambda e: list(e.absolute_path))), None)
    if error is not None:
        where = "/".join(map(str, error.absolute_path)) or "body"
        return {}, f"{where}: {error.message}"
    return body, None


def _campaign(
    request: Request, answer: _Answer, campaign_id: int, body: dict[str, Any]
) -> dict[str, Any]:
    """A campaign as the API shows it: its advertiser as an object link, its one-to-many
    relationships as link objects, every URL absolute."""
    network = f"{str(request.base_url).rstrip('/')}/v2.0/api/{answer.network_id}"
    campaign: dict[str, Any] = {"id": campaign_id, "name": body["name"]}
    if "advertiser" in body:
        advertiser = body["advertiser"]["id"]
        campaign["advertiser"] = {"id": advertiser, "href": f"{network}/advertiser/{advertiser}"}
    campaign["links"] = [{"href": f"{network}/campaign/{campaign_id}/target", "rel": "target"}]
    return campaign
