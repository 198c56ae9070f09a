"""An in-process Invoca Network Integration API, following its Design Principles page and the
profile's decisions (profiles/invoca/README.md): date-versioned paths under `/api`, the network id
after the version, POST and PUT as upserts of a complete copy (201 when created, 200 when updated),
DELETE that succeeds whether or not the object exists, a token in the `Authorization` header
(Bearer), the `oauth_token` query parameter or the JSON body, HTTP Basic, and
`{"errors": {"class", "invalid_data"}}` with 401, 403 (invalid arguments), 404 and 500.

Bodies are validated against the profile's own schemas (jsonschema), so the fake cannot drift
from the spec it stands for. `faults` makes the next requests fail with a 500, to test retries.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from profiles.fake_support import component_validator, every_request_to

BASE_PATH = "/api"
VERSION = "2015-12-09"
NETWORK_ID = 1234
TOKEN = "YbcFHZ38FNfptfZMB0RZ6dk9dOJCaCfU"  # the seed's example token
USERNAME, PASSWORD = "super@leadtrust.example", "correct horse battery staple"
CAMPAIGN_PATH = re.compile(
    rf"{BASE_PATH}/{VERSION}/(?P<network_id>[^/]+)/advertisers/(?P<advertiser_id>[^/]+)"
    r"/advertiser_campaigns/(?P<campaign_id>[^/]+)"
)
METHODS = ("GET", "POST", "PUT", "DELETE")
MAX_NETWORK_ID = 2**53 - 1


INPUT = component_validator("invoca", "AdvertiserCampaignInput")
ASSIGNED_ID = component_validator("invoca", "NetworkAssignedId")
TOKEN_SCHEMA = component_validator("invoca", "Token")

Key = tuple[int, str, str]


def failure(status: int, kind: str, message: str, **headers: str) -> JSONResponse:
    return JSONResponse(
        {"errors": {"class": kind, "invalid_data": message}}, status_code=status, headers=headers
    )


@dataclass
class InvocaFake:
    """One network's campaigns and the credentials that may act on them."""

    tokens: set[str] = field(default_factory=lambda: {TOKEN})
    users: dict[str, str] = field(default_factory=lambda: {USERNAME: PASSWORD})
    # The networks the credentials may act on; None: every one (for fuzzing, where generated
    # ids would nearly all name another network).
    network_ids: set[int] | None = field(default_factory=lambda: {NETWORK_ID})
    campaigns: dict[Key, dict[str, Any]] = field(default_factory=dict)
    # Statuses to answer the next requests with before looking at them (a flaky server).
    faults: list[int] = field(default_factory=list)
    # Every request as received: method, path, and which credential it carried.
    received: list[tuple[str, str, str | None]] = field(default_factory=list)

    def app(self) -> Starlette:
        return every_request_to(self.handle)

    async def handle(self, request: Request) -> Response:
        raw = await request.body()
        body = _json(raw)
        credential = self._credential(request, body)
        self.received.append((request.method, request.url.path, credential))
        if self.faults:
            status = self.faults.pop(0)
            return failure(status, "InternalServiceError", "Internal Service Error")
        path = request.scope.get("raw_path", request.url.path.encode()).decode("latin-1")
        match = CAMPAIGN_PATH.fullmatch(path.split("?", 1)[0])
        if match is None:
            return failure(404, "RecordNotFound", f"No resource at {request.url.path}")
        if request.method not in METHODS:
            return failure(
                405,
                "MethodNotAllowed",
                f"{request.method} is not supported",
                Allow=", ".join(METHODS),
            )
        if credential is None:
            return failure(
                401, "Unauthorized", "A valid API token or username and password is required"
            )
        params = {name: unquote(value) for name, value in match.groupdict().items()}
        invalid = _invalid_path(params) or _invalid_query(request)
        if invalid:
            return failure(403, "RecordInvalid", invalid)
        network_id = int(params["network_id"])
        if self.network_ids is not None and network_id not in self.network_ids:
            return failure(401, "Unauthorized", f"Not authorized for network {network_id}")
        key = (network_id, params["advertiser_id"], params["campaign_id"])
        if request.method == "GET":
            if key not in self.campaigns:
                return failure(404, "RecordNotFound", f"No advertiser campaign {key[2]}")
            return JSONResponse(self.campaigns[key])
        if request.method == "DELETE":
            self.campaigns.pop(key, None)  # deleting what is gone does nothing
            return Response(status_code=200)
        return self._upsert(key, raw, body)

    def _upsert(self, key: Key, raw: bytes, body: Any) -> Response:
        if body is None and raw.strip():
            return failure(403, "RecordInvalid", "The body is not JSON")
        errors = sorted(INPUT.iter_errors(body), key=lambda e: list(e.absolute_path))
        if errors:
            where = "/".join(map(str, errors[0].absolute_path)) or "body"
            return failure(403, "RecordInvalid", f"{where}: {errors[0].message}"[:1000])
        campaign = {"id": key[2], "advertiser_id": key[1], "name": body["name"]}
        if "description" in body:
            campaign["description"] = body["description"]
        existed = key in self.campaigns
        self.campaigns[key] = campaign  # a complete copy: fields left out are cleared
        return JSONResponse(campaign, status_code=200 if existed else 201)

    def _credential(self, request: Request, body: Any) -> str | None:
        """Which credential authenticates the request ("bearer", "query", "body", "basic"), or
        None. The first one present is the one checked: header, then query, then body."""
        header = request.headers.get("authorization")
        if header is not None:
            scheme, _, value = header.partition(" ")
            if scheme.lower() == "bearer":
                return "bearer" if value in self.tokens else None
            if scheme.lower() == "basic":
                return "basic" if self._basic_ok(value) else None
            return None
        if "oauth_token" in request.query_params:
            return "query" if request.query_params["oauth_token"] in self.tokens else None
        if isinstance(body, dict) and "oauth_token" in body:
            return "body" if body["oauth_token"] in self.tokens else None
        return None

    def _basic_ok(self, value: str) -> bool:
        try:
            username, _, password = base64.b64decode(value, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        return self.users.get(username) == password


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw) if raw.strip() else None
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None


def _invalid_path(params: dict[str, str]) -> str | None:
    network = params["network_id"]
    if not network.isascii() or not network.isdigit() or not 1 <= int(network) <= MAX_NETWORK_ID:
        return f"network_id must be a whole number from 1 to {MAX_NETWORK_ID}"
    for name in ("advertiser_id", "campaign_id"):
        error = next(ASSIGNED_ID.iter_errors(params[name]), None)
        if error is not None:
            return f"{name}: {error.message}"[:1000]
    return None


def _invalid_query(request: Request) -> str | None:
    for value in request.query_params.getlist("oauth_token"):
        error = next(TOKEN_SCHEMA.iter_errors(value), None)
        if error is not None:
            return f"oauth_token: {error.message}"[:1000]
    return None
