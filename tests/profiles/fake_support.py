"""What the in-process fakes of the peer profiles share: input checked against the profile's own
OpenAPI document (so a fake refuses exactly what its spec refuses, which schemathesis holds it
to), issued tokens that expire on a test clock, injected throttling, a log of requests, an app
that answers every path and method itself, a sync httpx transport over an ASGI app for the
generated clients' sync calls, and a generated client wired over a fake."""

from __future__ import annotations

import json
import re
import secrets
import warnings
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx
import jsonschema
from evocalize.profiles.wiring import Profile
from evocalize.spec import OperationSpec, document_operations, profile_document, resolve
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import request_response

# starlette's TestClient warns that it will move to httpx2; the generated client needs httpx.
warnings.filterwarnings("ignore", message=".*httpx2.*")
from starlette.testclient import TestClient  # noqa: E402

_INTEGER = re.compile(r"-?[0-9]{1,19}")
# Routes take every method and answer those their path lacks with 405 and `Allow` themselves.
EVERY_METHOD = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"]


class InvalidInput(Exception):
    """A request the profile's spec refuses: `field` names what is wrong, `reason` says why."""

    def __init__(self, field: str, reason: str) -> None:
        # jsonschema's messages quote the value, which may be huge: an error stays readable.
        reason = reason if len(reason) <= 300 else reason[:297] + "..."
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def schema_validator(
    document: Mapping[str, Any], schema: Mapping[str, Any]
) -> jsonschema.Draft202012Validator:
    """A validator of `schema` (formats checked), its `#/components/...` references resolved
    against the profile `document`'s components."""
    rooted = {**schema, "components": document.get("components", {})}
    return jsonschema.Draft202012Validator(
        rooted, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def component_validator(name: str, component: str) -> jsonschema.Draft202012Validator:
    """A validator of the schema `component` of the profile `name`."""
    return schema_validator(profile_document(name), {"$ref": f"#/components/schemas/{component}"})


def every_request_to(handle: Callable[[Request], Awaitable[Response]]) -> Starlette:
    """An app whose one handler serves every path and method, so that unknown paths and methods
    get the API's own error body rather than Starlette's plain-text 404 or 405 (a routed app also
    refuses paths holding a decoded newline, which fuzzing sends)."""
    app = Starlette()
    # The router's fallback serves whatever no route matched: here, everything.
    app.router.default = request_response(handle)
    return app


def _reject_constant(value: str) -> Any:
    raise ValueError(f"{value} is not JSON")


class SpecRules:
    """The parameters and bodies of one profile's operations, checked as its spec declares them."""

    def __init__(self, name: str) -> None:
        self.document = profile_document(name)
        self.operations = {op.operation_id: op for op in document_operations(self.document)}

    def _validator(self, schema: Mapping[str, Any]) -> jsonschema.Draft202012Validator:
        return schema_validator(self.document, schema)

    def _parameters(self, operation: OperationSpec) -> list[dict[str, Any]]:
        merged: dict[tuple[str, str], dict[str, Any]] = {}
        for raw in [
            *operation.path_item.get("parameters", []),
            *operation.node.get("parameters", []),
        ]:
            parameter = resolve(raw, self.document)
            merged[(parameter["name"], parameter["in"])] = parameter
        return list(merged.values())

    def _value(self, parameter: Mapping[str, Any], text: str) -> Any:
        schema = resolve(parameter["schema"], self.document)
        kind = schema.get("type")
        name = parameter["name"]
        if kind == "integer":
            if not _INTEGER.fullmatch(text):
                raise InvalidInput(name, "must be a whole number")
            value: Any = int(text)
        elif kind == "boolean":
            if text not in ("true", "false"):
                raise InvalidInput(name, "must be true or false")
            value = text == "true"
        else:
            value = text
        error = jsonschema.exceptions.best_match(
            self._validator(parameter["schema"]).iter_errors(value)
        )
        if error is not None:
            raise InvalidInput(name, error.message)
        return value

    def parameters(self, operation_id: str, request: Request) -> dict[str, Any]:
        """The operation's query and path parameters, typed; InvalidInput for a bad or missing
        one. Parameters the spec does not declare are ignored, as the real APIs ignore them."""
        operation = self.operations[operation_id]
        found: dict[str, Any] = {}
        for parameter in self._parameters(operation):
            name, where = parameter["name"], parameter["in"]
            if where == "query":
                values = request.query_params.getlist(name)
                if len(values) > 1:
                    raise InvalidInput(name, "is given more than once")
                text = values[0] if values else None
            elif where == "path":
                text = request.path_params.get(name)
            else:
                continue
            if text is None:
                if parameter.get("required"):
                    raise InvalidInput(name, "is required")
                continue
            found[name] = self._value(parameter, text)
        return found

    async def body(self, operation_id: str, request: Request) -> Any:
        """The JSON body, checked against the operation's schema; InvalidInput otherwise."""
        operation = self.operations[operation_id]
        media = resolve(operation.node["requestBody"], self.document)["content"]["application/json"]
        if not request.headers.get("content-type", "").startswith("application/json"):
            raise InvalidInput("body", "must be application/json")
        raw = await request.body()
        try:
            body = json.loads(raw, parse_constant=_reject_constant)
        except (ValueError, UnicodeDecodeError):
            raise InvalidInput("body", "is not JSON") from None
        error = jsonschema.exceptions.best_match(self._validator(media["schema"]).iter_errors(body))
        if error is not None:
            where = ".".join(str(part) for part in error.absolute_path) or "body"
            raise InvalidInput(where, error.message)
        return body


@dataclass
class Tokens:
    """Tokens a fake issued, each valid for `lifetime` seconds: of the fake's `clock` when it
    has one (BidTheatre's, shared with its throttling), else of `now`, which `expire_all` moves."""

    lifetime: float = 3600.0
    clock: Callable[[], float] | None = None
    now: float = 1_800_000_000.0
    issued: dict[str, float] = field(default_factory=dict)  # token -> expiry

    def time(self) -> float:
        return self.clock() if self.clock is not None else self.now

    def issue(self) -> str:
        token = secrets.token_urlsafe(18)
        self.issued[token] = self.time() + self.lifetime
        return token

    def valid(self, token: str | None) -> bool:
        return token is not None and self.issued.get(token, 0.0) > self.time()

    def expire_all(self) -> None:
        """Time passes beyond every token's lifetime (on the fake's own `now`)."""
        if self.clock is not None:
            raise TypeError("a fake with a clock of its own expires tokens by moving it")
        self.now = max(self.issued.values(), default=self.now) + 1


@dataclass
class Throttle:
    """The next `remaining` requests are refused as too many, with `retry_after` seconds."""

    remaining: int = 0
    retry_after: int = 1
    status: int = 429
    refused: int = 0

    def take(self) -> bool:
        if self.remaining <= 0:
            return False
        self.remaining -= 1
        self.refused += 1
        return True


@dataclass
class RequestLog:
    """Each request a fake answered, as `METHOD path?query`."""

    lines: list[str] = field(default_factory=list)

    def add(self, request: Request) -> None:
        query = f"?{request.url.query}" if request.url.query else ""
        self.lines.append(f"{request.method} {request.url.path}{query}")

    def count(self, predicate: Callable[[str], bool]) -> int:
        return sum(1 for line in self.lines if predicate(line))


class ASGISyncTransport(httpx.BaseTransport):
    """A sync httpx transport into an ASGI app (starlette's TestClient does the running), so the
    generated clients' sync calls, under the overlay's auth and retry transport, reach a fake."""

    def __init__(self, app: Any) -> None:
        self._client = TestClient(app, raise_server_exceptions=True)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._client.send(request)
        # A fresh response over the bytes read, detached from the test client's own request.
        return httpx.Response(
            response.status_code, headers=response.headers, content=response.content
        )

    def close(self) -> None:
        self._client.close()


GeneratedClient = TypeVar("GeneratedClient")


def client_over(
    make: Callable[..., GeneratedClient],
    base_url: str,
    profile: Profile,
    app: Any,
    auth: httpx.Auth | None,
    pauses: list[float],
) -> GeneratedClient:
    """A generated `Client` class's client over the fake `app`, with `auth` and the profile's
    retries, their pauses recorded in `pauses` instead of slept."""
    args = profile.httpx_args(
        auth, transport=ASGISyncTransport(app), sleep=pauses.append, rand=lambda: 0.5
    )
    return make(base_url=base_url, httpx_args=args)


@dataclass(frozen=True)
class Documented:
    """A body copied from a peer's public documentation, with the address it was copied from
    (`tests/profiles/<name>/documented/<file>.json`)."""

    source: str
    body: Any
    status: int = 200
    note: str = ""


DOCUMENTED = Path(__file__).resolve().parent


def documented(profile: str, name: str) -> Documented:
    """The documented body `name` of `profile`, a fresh copy on each call."""
    raw = json.loads((DOCUMENTED / profile / "documented" / f"{name}.json").read_text("utf-8"))
    return Documented(raw["source"], raw["body"], raw.get("status", 200), raw.get("note", ""))


def documented_bodies(profile: str) -> list[str]:
    """The names of every documented body kept for `profile`."""
    return sorted(path.stem for path in (DOCUMENTED / profile / "documented").glob("*.json"))
