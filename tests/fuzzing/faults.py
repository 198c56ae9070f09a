"""Faults injected in front of the sandbox, each one a way an implementation can break its
contract, so that tests can show `evocalize fuzz` reports it with the right check.

Each fault is an ASGI middleware around the real sandbox that alters the exchanges of one
operation (found by the spec's own route matching) and passes everything else through.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

from evocalize.signing import (
    KEY_ID_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    current_timestamp,
    sign,
    signature_matches,
)
from evocalize.spec import load_spec, match_operation

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def operation_of(scope: Scope) -> str | None:
    operation = match_operation(scope["method"], scope["path"])
    return operation.operation_id if operation else None


async def read_body(receive: Receive) -> bytes:
    body = b""
    while True:
        message = await receive()
        body += bytes(message.get("body", b""))
        if not message.get("more_body"):
            return body


def replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def call_buffered(app: ASGIApp, scope: Scope, body: bytes) -> tuple[int, list[Any], bytes]:
    """Runs the request through `app` and returns its status, headers and whole body."""
    started: Message = {}
    chunks: list[bytes] = []

    async def capture(message: Message) -> None:
        if message["type"] == "http.response.start":
            started.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, replay(body), capture)
    return started["status"], list(started.get("headers", [])), b"".join(chunks)


async def respond(send: Send, status: int, headers: list[Any], body: bytes) -> None:
    kept = [(name, value) for name, value in headers if name.lower() != b"content-length"]
    kept.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": kept})
    await send({"type": "http.response.body", "body": body})


class Fault:
    """Passes every request through, except those to `operation_id`, which `alter` handles."""

    operation_id: str

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        # What the sandbox publishes for the fuzzer (its known values) stays visible.
        self.state = getattr(app, "state", None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or operation_of(scope) != self.operation_id:
            await self.app(scope, receive, send)
            return
        await self.alter(scope, await read_body(receive), send)

    async def alter(self, scope: Scope, body: bytes, send: Send) -> None:
        raise NotImplementedError


class WrongTypeInResponse(Fault):
    """getUser answers its user's email as a number."""

    operation_id = "getUser"

    async def alter(self, scope: Scope, body: bytes, send: Send) -> None:
        status, headers, answer = await call_buffered(self.app, scope, body)
        if status == 200:
            document = json.loads(answer)
            document["data"]["email"] = 12345
            answer = json.dumps(document).encode()
        await respond(send, status, headers, answer)


class ServerErrorOnLongNames(Fault):
    """createOrUpdateGroup crashes on a name longer than three characters."""

    operation_id = "createOrUpdateGroup"

    async def alter(self, scope: Scope, body: bytes, send: Send) -> None:
        try:
            name = json.loads(body).get("name")
        except (ValueError, AttributeError):
            name = None
        if isinstance(name, str) and len(name) > 3:
            error = {"errors": [{"code": "EV_INTERNAL_SERVER_ERROR", "message": "boom"}]}
            headers = [(b"content-type", b"application/json")]
            await respond(send, 500, headers, json.dumps(error).encode())
            return
        status, headers, answer = await call_buffered(self.app, scope, body)
        await respond(send, status, headers, answer)


def _raw_path(scope: Scope) -> str:
    return str((scope.get("raw_path") or scope["path"].encode()).decode("ascii"))


def signed_by(scope: Scope, body: bytes, key_id: str, secret: str) -> bool:
    """Whether the request carries a valid signature of `body` by this credential."""
    headers = {name.decode("latin-1").lower(): value.decode() for name, value in scope["headers"]}
    return headers.get(KEY_ID_HEADER.lower()) == key_id and signature_matches(
        headers.get(SIGNATURE_HEADER.lower(), ""),
        _raw_path(scope),
        body,
        headers.get(TIMESTAMP_HEADER.lower(), ""),
        secret,
    )


def signed(scope: Scope, body: bytes, key_id: str, secret: str) -> Scope:
    """`scope` to send with `body`: its credential headers replaced by a valid signature of
    `body` and its Content-Length by `body`'s, for a fault that sends the sandbox another body
    than the client signed, or no credential at all."""
    timestamp = current_timestamp()
    auth = {
        KEY_ID_HEADER: key_id,
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign(_raw_path(scope), body, timestamp, secret),
    }
    headers = [
        (name, value)
        for name, value in scope["headers"]
        if not name.decode("latin-1").lower().startswith("x-evocalize-")
        and name.lower() != b"content-length"
    ]
    headers += [(name.lower().encode(), value.encode()) for name, value in auth.items()]
    headers.append((b"content-length", str(len(body)).encode()))
    return {**scope, "headers": headers}


class IgnoresAuth(Fault):
    """getRepository serves whoever asks: it signs every request itself with a valid credential,
    whatever the caller sent (or did not send)."""

    operation_id = "getRepository"

    def __init__(self, app: ASGIApp, key_id: str, secret: str) -> None:
        super().__init__(app)
        self.key_id, self.secret = key_id, secret

    async def alter(self, scope: Scope, body: bytes, send: Send) -> None:
        scope = signed(scope, body, self.key_id, self.secret)
        await respond(send, *await call_buffered(self.app, scope, body))


class LenientGroupInput(Fault):
    """createOrUpdateGroup makes an invalid body of an authenticated request valid (`lenient`)
    and stores that, answering 201 where the spec says 400; the sandbox behind it gets the
    changed body, signed anew."""

    operation_id = "createOrUpdateGroup"

    def __init__(self, app: ASGIApp, key_id: str, secret: str) -> None:
        super().__init__(app)
        self.key_id, self.secret = key_id, secret

    async def alter(self, scope: Scope, body: bytes, send: Send) -> None:
        try:
            document = json.loads(body)
        except ValueError:
            document = None
        if isinstance(document, dict) and signed_by(scope, body, self.key_id, self.secret):
            changed = self.lenient(dict(document))
            if changed != document:
                body = json.dumps(changed).encode()
                scope = signed(scope, body, self.key_id, self.secret)
        await respond(send, *await call_buffered(self.app, scope, body))

    def lenient(self, group: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError


class TruncatesLongNames(LenientGroupInput):
    """An unenforced `maxLength`: a group name longer than the spec allows is cut to fit and
    stored, as a database column in a non-strict mode does, instead of refused."""

    def lenient(self, group: dict[str, Any]) -> dict[str, Any]:
        limit = int(load_spec()["components"]["schemas"]["DisplayName"]["maxLength"])
        name = group.get("name")
        if isinstance(name, str) and len(name) > limit:
            group["name"] = name[:limit]
        return group


class CoercesScalarsToStrings(LenientGroupInput):
    """A wrong type accepted: a number or boolean sent as the group's id or name is taken as
    its text, as a lenient deserialiser does, instead of refused."""

    def lenient(self, group: dict[str, Any]) -> dict[str, Any]:
        for name in ("id", "name"):
            value = group.get(name)
            if isinstance(value, bool | int | float):
                group[name] = json.dumps(value)
        return group


class UnprocessableEntity(Fault):
    """createOrUpdateGroup answers an invalid body 422, a web framework's default, where the
    spec documents 400 (the error body is the sandbox's own, so only the status is wrong)."""

    operation_id = "createOrUpdateGroup"

    async def alter(self, scope: Scope, body: bytes, send: Send) -> None:
        status, headers, answer = await call_buffered(self.app, scope, body)
        await respond(send, 422 if status == 400 else status, headers, answer)


class ItemReadableAfterDelete(Fault):
    """getItem still answers 200 with an item after deleteItem removed it."""

    operation_id = "getItem"

    def __init__(self, app: ASGIApp) -> None:
        super().__init__(ForgetsDeletes(app, self))
        self.deleted: dict[str, bytes] = {}

    async def alter(self, scope: Scope, body: bytes, send: Send) -> None:
        status, headers, answer = await call_buffered(self.app, scope, body)
        remembered = self.deleted.get(scope["path"])
        if status == 404 and remembered is not None:
            status, answer = 200, remembered
        await respond(send, status, headers, answer)


class ForgetsDeletes(Fault):
    """Remembers each item as deleteItem removes it, for `ItemReadableAfterDelete` to serve."""

    operation_id = "deleteItem"

    def __init__(self, app: ASGIApp, memory: ItemReadableAfterDelete) -> None:
        super().__init__(app)
        self.memory = memory

    async def alter(self, scope: Scope, body: bytes, send: Send) -> None:
        get = {**scope, "method": "GET"}
        found, _, item = await call_buffered(self.app, get, b"")
        status, headers, answer = await call_buffered(self.app, scope, body)
        if 200 <= status < 300 and found == 200:
            self.memory.deleted[scope["path"]] = item
        await respond(send, status, headers, answer)


class RepeatingPageToken(Fault):
    """listUsers answers every page token with itself as the next one."""

    operation_id = "listUsers"

    async def alter(self, scope: Scope, body: bytes, send: Send) -> None:
        status, headers, answer = await call_buffered(self.app, scope, body)
        asked = parse_qs(scope.get("query_string", b"").decode()).get("pageToken")
        if status == 200 and asked:
            document = json.loads(answer)
            document["nextPageToken"] = asked[0]
            answer = json.dumps(document).encode()
        await respond(send, status, headers, answer)
