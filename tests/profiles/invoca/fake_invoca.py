"""An in-process Invoca, following its public developer documentation (profiles/invoca/README.md
lists the pages): `.json` paths under `/api`, the Network API's Advertiser Campaigns (upserts
staged in `future_terms`, made live by `go_live`, never deleted) and the Transactions API (rows
after `start_after_transaction_id`, `limit` at most 4000, corrections as new rows); the token as
the raw `Authorization` value (a `Bearer` prefix makes it another, unknown token), the
`oauth_token` parameter or body key, or HTTP Basic; errors as the Error Handling page shows them,
a failed validation as a map of fields to messages.

Its answers start from bodies copied from the documentation (`documented/`): a campaign is the
documented campaign with the caller's ids and fields laid over it, so the client is tested
against what Invoca sends, not against the profile's own schema.
"""

from __future__ import annotations

import base64
import binascii
import copy
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from profiles.fake_support import documented, every_request_to

NETWORK_API = "/api/2022-08-01"
TRANSACTIONS_API = "/api/2020-10-01"
NETWORK_ID = 1234
TOKEN = "YbcFHZ38FNfptfZMB0RZ6dk9dOJCaCfU"  # the Manage API Credentials page's example token
USERNAME, PASSWORD = "login", "pass"  # the Network API examples' `-u 'login:pass'`
CAMPAIGN_PATH = re.compile(
    rf"{NETWORK_API}/(?P<network_id>[0-9]+)/advertisers/(?P<advertiser_id>[^/]+)"
    r"/advertiser_campaigns/(?P<campaign_id>[^/]+?)(?P<go_live>/go_live)?\.json"
)
TRANSACTIONS_PATH = re.compile(
    rf"{TRANSACTIONS_API}/(?P<org_type>networks|advertisers|affiliates)/transactions/(?P<org_id>[0-9]+)\.json"
)
MAX_LIMIT = 4000
CAMPAIGN_FIELDS = ("name", "description", "campaign_type", "timezone", "url", "ivr_tree")
TERMS_FIELDS = ("description", "timezone", "campaign_type")

Key = tuple[int, str, str]


def failure(status: int, kind: str, message: str, **headers: str) -> JSONResponse:
    return JSONResponse(
        {"errors": {"invalid_data": message, "class": kind}}, status_code=status, headers=headers
    )


def not_allowed(request: Request, allow: str) -> JSONResponse:
    return failure(405, "MethodNotAllowed", f"{request.method} is not supported", Allow=allow)


def invalid(fields: dict[str, list[str]]) -> JSONResponse:
    """A failed validation, as the Error Handling page shows it: 403, each field's messages."""
    return JSONResponse({"errors": fields}, status_code=403)


@dataclass
class InvocaFake:
    """One network's campaigns and transactions, and the credentials that may read them."""

    tokens: set[str] = field(default_factory=lambda: {TOKEN})
    users: dict[str, str] = field(default_factory=lambda: {USERNAME: PASSWORD})
    campaigns: dict[Key, dict[str, Any]] = field(default_factory=dict)
    # The network's transactions, oldest first (corrections are rows of their own).
    transactions: list[dict[str, Any]] = field(default_factory=list)
    # Statuses to answer the next requests with before looking at them (a flaky server).
    faults: list[int] = field(default_factory=list)
    # Every request as received: method, path with query, and which credential it carried.
    received: list[tuple[str, str, str | None]] = field(default_factory=list)

    def app(self) -> Starlette:
        return every_request_to(self.handle)

    async def handle(self, request: Request) -> Response:
        raw = await request.body()
        body = _json(raw)
        credential = self._credential(request, body)
        query = f"?{request.url.query}" if request.url.query else ""
        self.received.append((request.method, request.url.path + query, credential))
        if self.faults:
            return failure(self.faults.pop(0), "InternalServiceError", "refer to error handle 1")
        path = request.scope.get("raw_path", request.url.path.encode()).decode("latin-1")
        path = path.split("?", 1)[0]
        if credential is None:
            return failure(401, "Unauthorized", "Invalid or missing credentials")
        if match := TRANSACTIONS_PATH.fullmatch(path):
            if request.method != "GET":
                return not_allowed(request, "GET")
            return self._transactions(request)
        match = CAMPAIGN_PATH.fullmatch(path)
        if match is None:
            return failure(404, "RecordNotFound", f"No resource at {request.url.path}")
        network_id = int(match["network_id"])
        if network_id != NETWORK_ID:
            return failure(401, "Unauthorized", f"Not authorized for network {network_id}")
        key = (network_id, unquote(match["advertiser_id"]), unquote(match["campaign_id"]))
        if match["go_live"]:
            if request.method != "POST":
                return not_allowed(request, "POST")
            return self._go_live(key)
        if request.method == "GET":
            if key not in self.campaigns:
                return failure(404, "RecordNotFound", f"Could not find AdvertiserCampaign {key[2]}")
            return JSONResponse(self.campaigns[key])
        if request.method in ("POST", "PUT"):
            return self._upsert(key, raw, body)
        # "You are not allowed to delete campaigns."
        return not_allowed(request, "GET, POST, PUT")

    def _upsert(self, key: Key, raw: bytes, body: Any) -> Response:
        if not isinstance(body, dict):
            return invalid({"base": ["is not a JSON object"]})
        existed = key in self.campaigns
        if not existed and not body.get("name"):
            return invalid({"name": ["can't be blank"]})
        if "name" in body and not isinstance(body["name"], str):
            return invalid({"name": ["is invalid"]})
        campaign = self.campaigns.get(key) or self._new_campaign(key)
        for name in CAMPAIGN_FIELDS:
            if name in body and name not in TERMS_FIELDS:
                campaign[name] = body[name]
        future = campaign["future_terms"] or copy.deepcopy(campaign["current_terms"])
        for name in TERMS_FIELDS:
            if name in body:
                future[name] = body[name]
        campaign["future_terms"] = future  # staged until go_live
        self.campaigns[key] = campaign
        return JSONResponse(campaign, status_code=200 if existed else 201)

    def _new_campaign(self, key: Key) -> dict[str, Any]:
        campaign: dict[str, Any] = documented("invoca", "advertiser_campaign").body
        campaign["id"] = len(self.campaigns) + 1
        campaign["id_from_network"] = key[2]
        campaign["status"] = "Entry"
        campaign["current_terms"] = None  # never live yet
        return campaign

    def _go_live(self, key: Key) -> Response:
        campaign = self.campaigns.get(key)
        if campaign is None:
            return failure(404, "RecordNotFound", f"Could not find AdvertiserCampaign {key[2]}")
        if campaign["future_terms"] is not None:
            campaign["current_terms"] = campaign["future_terms"]
            campaign["future_terms"] = None
        campaign["status"] = "Live"
        return JSONResponse(campaign)

    def _transactions(self, request: Request) -> Response:
        params = request.query_params
        limit_text = params.get("limit", "1000")
        if not limit_text.isdigit() or not 1 <= int(limit_text) <= MAX_LIMIT:
            return invalid({"limit": [f"must be between 1 and {MAX_LIMIT}"]})
        after = params.get("start_after_transaction_id", "")
        ids = [row["transaction_id"] for row in self.transactions]
        if after and after not in ids:
            return invalid({"start_after_transaction_id": ["is not a transaction id"]})
        start = ids.index(after) + 1 if after else 0
        return JSONResponse(self.transactions[start : start + int(limit_text)])

    def _credential(self, request: Request, body: Any) -> str | None:
        """Which credential authenticates the request ("header", "query", "body", "basic"), or
        None. The header's whole value is the token: `Bearer <token>` is not one."""
        header = request.headers.get("authorization")
        if header is not None:
            if header.startswith("Basic "):
                return "basic" if self._basic_ok(header[len("Basic ") :]) else None
            return "header" if header in self.tokens else None
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
