"""Every kind of bad request against the sandbox over real HTTP gets its documented status and
`EV_*` code in the error envelope, the server keeps answering, and nothing is written.

Requests are built by hand (raw httpx, headers signed with the overlay's `sign`), so each row
controls the exact bytes sent: the path as written (percent-encoding and dot segments kept),
the body, and each credential header. Expected codes are those of openapi.yaml's `ErrorCode` and
docs/decisions.md ("Auth error codes", "Batches and reports"); the spec has no 413, so an oversized
body is a 400.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from evocalize.signing import KEY_HEADER, KEY_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from evocalize_sandbox.app import create_app
from evocalize_sandbox.settings import MIB
from served import serving

from reliability.database_snapshot import row_counts, snapshot

KEY_ID = "matrix-partner"
SECRET = "matrix-secret-5b1e0c"
API = "/management/v1"
MAX_BODY = 8 * MIB  # Settings.max_json_body_bytes, the sandbox's default

Headers = dict[str, str]
Auth = Callable[[str, bytes], Headers]


def signed(
    target: str,
    body: bytes,
    *,
    key_id: str = KEY_ID,
    secret: str = SECRET,
    timestamp: str | None = None,
    signed_target: str | None = None,
    signed_body: bytes | None = None,
) -> Headers:
    stamp = timestamp if timestamp is not None else str(int(time.time()))
    path = (signed_target or target).split("?", 1)[0]
    return {
        KEY_ID_HEADER: key_id,
        TIMESTAMP_HEADER: stamp,
        SIGNATURE_HEADER: sign(
            path, signed_body if signed_body is not None else body, stamp, secret
        ),
    }


def shared(key_id: str = KEY_ID, key: str = SECRET) -> Auth:
    return lambda _target, _body: {KEY_ID_HEADER: key_id, KEY_HEADER: key}


def signing(**options: Any) -> Auth:
    return lambda target, body: signed(target, body, **options)


def without(*names: str) -> Auth:
    def headers(target: str, body: bytes) -> Headers:
        full = signed(target, body)
        return {name: value for name, value in full.items() if name not in names}

    return headers


def as_json(value: Any) -> bytes:
    return json.dumps(value).encode()


NEW_USER = {"id": "matrix-new-user", "email": "new@example.com", "name": "New User"}
SEEDED_USER = {"id": "seeded-user", "email": "seeded@example.com", "name": "Seeded User"}
SEEDED_ITEM = {"values": {"id": "seeded-item", "address": "1 Seed Road", "price": 10}}


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    target: str  # the request target exactly as sent
    body: bytes
    status: int
    code: str
    auth: Auth = field(default=signing())
    # Sent with Transfer-Encoding: chunked, so the size is known only while reading.
    chunked: bool = False


def user_body(**changes: Any) -> bytes:
    return as_json({**NEW_USER, **changes})


def users(count: int) -> bytes:
    return as_json(
        [
            {"id": f"bulk{n}", "email": f"bulk{n}@example.com", "name": f"Bulk {n}"}
            for n in range(count)
        ]
    )


MALFORMED = "EV_BAD_REQUEST_MALFORMED"
INVALID = "EV_BAD_REQUEST_INVALID_FIELDS"
NOT_FOUND = "EV_OBJECT_NOT_FOUND"
USER = f"{API}/user"
ITEM = f"{API}/repository/listings/item"

ROWS = [
    # Auth failures, on a request that would otherwise create a user.
    Row(
        "no-credentials",
        "POST",
        USER,
        user_body(),
        401,
        "EV_UNAUTHORIZED_MISSING_HEADERS",
        auth=lambda _t, _b: {},
    ),
    Row(
        "key-id-alone",
        "POST",
        USER,
        user_body(),
        401,
        "EV_UNAUTHORIZED_MISSING_HEADERS",
        auth=without(TIMESTAMP_HEADER, SIGNATURE_HEADER),
    ),
    Row(
        "no-key-id",
        "POST",
        USER,
        user_body(),
        401,
        "EV_UNAUTHORIZED_MISSING_HEADERS",
        auth=without(KEY_ID_HEADER),
    ),
    Row(
        "signature-without-timestamp",
        "POST",
        USER,
        user_body(),
        401,
        "EV_UNAUTHORIZED_MISSING_HEADERS",
        auth=without(TIMESTAMP_HEADER),
    ),
    Row(
        "empty-key-id",
        "POST",
        USER,
        user_body(),
        401,
        "EV_UNAUTHORIZED_MISSING_HEADERS",
        auth=signing(key_id=""),
    ),
    Row(
        "unknown-key-id-signed",
        "POST",
        USER,
        user_body(),
        401,
        "EV_UNAUTHORIZED_INVALID_KEY",
        auth=signing(key_id="nobody"),
    ),
    Row(
        "unknown-key-id-shared",
        "POST",
        USER,
        user_body(),
        401,
        "EV_UNAUTHORIZED_INVALID_KEY",
        auth=shared(key_id="nobody"),
    ),
    Row(
        "wrong-shared-key",
        "POST",
        USER,
        user_body(),
        401,
        "EV_UNAUTHORIZED_INVALID_SECRET",
        auth=shared(key="not-the-key"),
    ),
    Row(
        "signed-with-wrong-key",
        "POST",
        USER,
        user_body(),
        401,
        "EV_UNAUTHORIZED_INVALID_SIGNATURE",
        auth=signing(secret="not-the-key"),
    ),
    Row(
        "signature-of-another-body",
        "POST",
        USER,
        user_body(),
        401,
        "EV_UNAUTHORIZED_INVALID_SIGNATURE",
        auth=signing(signed_body=as_json(SEEDED_USER)),
    ),
    Row(
        "signature-of-another-path",
        "POST",
        USER,
        user_body(),
        401,
        "EV_UNAUTHORIZED_INVALID_SIGNATURE",
        auth=signing(signed_target=f"{API}/group"),
    ),
    Row(
        "stale-timestamp",
        "POST",
        USER,
        user_body(),
        401,
        "EV_UNAUTHORIZED_EXPIRED_REQUEST",
        auth=lambda t, b: signed(t, b, timestamp=str(int(time.time()) - 3600)),
    ),
    Row(
        "future-timestamp",
        "POST",
        USER,
        user_body(),
        401,
        "EV_UNAUTHORIZED_EXPIRED_REQUEST",
        auth=lambda t, b: signed(t, b, timestamp=str(int(time.time()) + 3600)),
    ),
    Row(
        "timestamp-in-milliseconds",
        "POST",
        USER,
        user_body(),
        401,
        "EV_UNAUTHORIZED_EXPIRED_REQUEST",
        auth=lambda t, b: signed(t, b, timestamp=str(int(time.time() * 1000))),
    ),
    Row(
        "timestamp-not-a-number",
        "POST",
        USER,
        user_body(),
        401,
        "EV_UNAUTHORIZED_EXPIRED_REQUEST",
        auth=signing(timestamp="yesterday"),
    ),
    # Timestamps that are not plain digits, or overflow a float (310 digits) or int() itself
    # (4,301), from a known key id: the documented 401, never a 500.
    *(
        Row(
            f"timestamp-{name}",
            "POST",
            USER,
            user_body(),
            401,
            "EV_UNAUTHORIZED_EXPIRED_REQUEST",
            auth=lambda t, b, make=make: signed(t, b, timestamp=make()),  # type: ignore[misc]
        )
        for name, make in [
            ("of-310-digits", lambda: "9" * 310),
            ("of-4300-digits", lambda: "9" * 4300),
            ("of-4301-digits", lambda: "9" * 4301),
            ("inf", lambda: "inf"),
            ("fractional", lambda: f"{int(time.time())}.0"),
            ("with-plus-and-underscores", lambda: f"+{int(time.time()):_}"),
        ]
    ),
    # Signatures compared over their whole length: empty, cut short, or padded.
    Row(
        "empty-signature",
        "POST",
        USER,
        user_body(),
        401,
        "EV_UNAUTHORIZED_INVALID_SIGNATURE",
        auth=lambda t, b: {**signed(t, b), SIGNATURE_HEADER: ""},
    ),
    Row(
        "signature-cut-to-one-character",
        "POST",
        USER,
        user_body(),
        401,
        "EV_UNAUTHORIZED_INVALID_SIGNATURE",
        auth=lambda t, b: {**signed(t, b), SIGNATURE_HEADER: signed(t, b)[SIGNATURE_HEADER][:1]},
    ),
    Row(
        "signature-cut-in-half",
        "POST",
        USER,
        user_body(),
        401,
        "EV_UNAUTHORIZED_INVALID_SIGNATURE",
        auth=lambda t, b: {**signed(t, b), SIGNATURE_HEADER: signed(t, b)[SIGNATURE_HEADER][:32]},
    ),
    Row(
        "signature-with-extra-characters",
        "POST",
        USER,
        user_body(),
        401,
        "EV_UNAUTHORIZED_INVALID_SIGNATURE",
        auth=lambda t, b: {**signed(t, b), SIGNATURE_HEADER: signed(t, b)[SIGNATURE_HEADER] + "0"},
    ),
    # Bodies that are not JSON, or not the JSON of the operation.
    Row("malformed-json", "POST", USER, b'{"id": "x",', 400, MALFORMED),
    Row("not-json", "POST", USER, b"id=x&name=y", 400, MALFORMED),
    Row("invalid-utf8", "POST", USER, b'{"id": "\xff\xfe"}', 400, MALFORMED),
    Row("nan-literal", "POST", f"{ITEM}", b'{"values": {"id": "n", "price": NaN}}', 400, MALFORMED),
    Row("empty-body", "POST", USER, b"", 400, MALFORMED),
    Row("array-for-object", "POST", USER, as_json([NEW_USER]), 400, MALFORMED),
    Row("object-for-array", "POST", f"{API}/users", as_json(NEW_USER), 400, MALFORMED),
    Row("number-for-string-id", "POST", USER, user_body(id=12345), 400, MALFORMED),
    Row("list-for-string-name", "POST", USER, user_body(name=["New", "User"]), 400, MALFORMED),
    Row("string-for-boolean", "POST", USER, user_body(replaceGroups="yes"), 400, MALFORMED),
    Row("null-for-string", "POST", USER, user_body(email=None), 400, MALFORMED),
    Row("missing-id", "POST", USER, as_json({"email": "a@example.com", "name": "A"}), 400, INVALID),
    Row(
        "missing-email-on-create", "POST", USER, as_json({"id": "fresh", "name": "A"}), 400, INVALID
    ),
    Row("unknown-field", "POST", USER, user_body(isAdmin=True), 400, INVALID),
    Row(
        "unknown-item-field",
        "POST",
        ITEM,
        as_json({"values": {"id": "i", "colour": "red"}}),
        400,
        INVALID,
    ),
    Row("invalid-email", "POST", USER, user_body(email="not an email"), 400, INVALID),
    Row("empty-id", "POST", USER, user_body(id=""), 400, INVALID),
    # Strings over their maxLength (Identifier 255, DisplayName 512), up to a megabyte.
    Row("id-over-max-length", "POST", USER, user_body(id="i" * 256), 400, INVALID),
    Row("name-over-max-length", "POST", USER, user_body(name="n" * 513), 400, INVALID),
    Row("name-of-a-megabyte", "POST", USER, user_body(name="é" * MIB), 400, INVALID),
    Row("path-id-over-max-length", "GET", f"{USER}/{'u' * 256}", b"", 400, INVALID),
    # Unicode and control characters where they cannot be valid.
    Row(
        "emoji-in-email",
        "POST",
        USER,
        user_body(email="\U0001f600@\u202eexample.com"),
        400,
        INVALID,
    ),
    Row(
        "nul-in-json-text",
        "POST",
        USER,
        b'{"id": "a\x00b", "email": "a@example.com"}',
        400,
        MALFORMED,
    ),
    Row("control-chars-in-json-text", "POST", USER, b'{"id": "a\x01\x1fb"}', 400, MALFORMED),
    # Path ids that look like paths, NULs or SQL: looked up as plain ids, found nowhere.
    Row("encoded-slash-in-id", "GET", f"{USER}/seeded%2Fuser", b"", 404, NOT_FOUND),
    # An id that is exactly `.` or `..` is no id (Identifier's pattern): refused, never routed on.
    Row("dot-dot-id", "GET", f"{USER}/..", b"", 400, INVALID),
    Row("encoded-dot-id", "DELETE", f"{ITEM}/%2E", b"", 400, INVALID),
    Row("dot-dot-climbing-out", "GET", f"{USER}/../users", b"", 404, NOT_FOUND),
    Row("encoded-dot-dot", "GET", f"{USER}/%2E%2E%2Fseeded-user", b"", 404, NOT_FOUND),
    Row("nul-in-path-id", "GET", f"{USER}/seeded-user%00", b"", 404, NOT_FOUND),
    Row(
        "rtl-and-emoji-path-id",
        "GET",
        f"{USER}/%E2%80%AEresu-dedees%F0%9F%98%80",
        b"",
        404,
        NOT_FOUND,
    ),
    Row("sql-or-true-in-path", "GET", f"{USER}/%27%20OR%201%3D1%20--", b"", 404, NOT_FOUND),
    Row(
        "sql-drop-in-path",
        "GET",
        f"{USER}/%22%3B%20DROP%20TABLE%20users%3B%20--",
        b"",
        404,
        NOT_FOUND,
    ),
    Row("sql-delete-any-item", "DELETE", f"{ITEM}/%27%20OR%20%271%27%3D%271", b"", 404, NOT_FOUND),
    Row(
        "sql-in-repository-id",
        "POST",
        f"{API}/repository/listings%27%20--/item",
        as_json({"values": {"id": "x"}}),
        404,
        NOT_FOUND,
    ),
    Row("dot-dot-deletes-nothing", "DELETE", f"{ITEM}/..%2Fseeded-item", b"", 404, NOT_FOUND),
    # Size limits.
    Row("body-over-the-limit", "POST", USER, user_body(name="x" * (MAX_BODY + 1)), 400, MALFORMED),
    Row(
        "chunked-body-over-the-limit",
        "POST",
        USER,
        user_body(name="x" * (MAX_BODY + 1)),
        400,
        MALFORMED,
        chunked=True,
    ),
    Row(
        "batch-of-1001-users",
        "POST",
        f"{API}/users",
        users(1001),
        400,
        "EV_BAD_REQUEST_TOO_MANY_ITEMS",
    ),
    Row(
        "batch-of-1001-items",
        "POST",
        f"{API}/repository/listings/items",
        as_json([{"values": {"id": f"i{n}"}} for n in range(1001)]),
        400,
        "EV_BAD_REQUEST_TOO_MANY_ITEMS",
    ),
    Row(
        "batch-of-1001-deletions",
        "DELETE",
        f"{API}/repository/listings/items",
        as_json(["seeded-item"] * 1001),
        400,
        "EV_BAD_REQUEST_TOO_MANY_ITEMS",
    ),
    Row("empty-batch", "POST", f"{API}/users", b"[]", 400, INVALID),
    Row("forged-page-token", "GET", f"{API}/users?pageToken=forged", b"", 404, NOT_FOUND),
]


@dataclass
class Served:
    url: str
    database: Path
    http: httpx.Client

    def send(
        self,
        method: str,
        target: str,
        body: bytes = b"",
        auth: Auth | None = None,
        chunked: bool = False,
    ) -> httpx.Response:
        headers = {**(auth or signing())(target, body), "Content-Type": "application/json"}
        chunks = (body[start : start + 65536] for start in range(0, len(body), 65536))
        # The "target" extension sends the path as written: httpx would resolve `..` segments.
        request = httpx.Request(
            method,
            f"{self.url}{API}",
            content=chunks if chunked else body,
            headers=headers,
            extensions={"target": target.encode()},
        )
        return self.http.send(request)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The sandbox over HTTP with its worker, holding one user and one item to not touch."""
    database = tmp_path_factory.mktemp("bad-input") / "sandbox.db"
    app = create_app(database_url=f"sqlite:///{database}", clients={KEY_ID: SECRET})
    with serving(app) as url, httpx.Client(timeout=30) as http:
        served = Served(url, database, http)
        assert served.send("POST", USER, as_json(SEEDED_USER)).status_code == 201
        assert served.send("POST", ITEM, as_json(SEEDED_ITEM)).status_code == 201
        yield served
    app.state.sandbox.engine.dispose()


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_bad_request_gets_its_documented_error_and_writes_nothing(
    sandbox: Served, row: Row
) -> None:
    before = snapshot(sandbox.database)

    response = sandbox.send(row.method, row.target, row.body, row.auth, row.chunked)

    assert (response.status_code, response.headers.get("content-type")) == (
        row.status,
        "application/json",
    ), response.text[:500]
    envelope = response.json()
    assert set(envelope) == {"errors"}, envelope
    (error,) = envelope["errors"]
    assert error["code"] == row.code, error
    assert isinstance(error["message"], str) and error["message"]
    assert set(error) <= {"message", "code", "field"}
    assert sandbox.send("GET", f"{API}/repositories").status_code == 200, (
        "the sandbox stopped answering"
    )
    after = snapshot(sandbox.database)
    assert after == before, f"written: {row_counts(before)} -> {row_counts(after)}"


# Values that look like paths, NULs, SQL or text direction tricks are valid ids and names:
# stored as sent, read back through their percent-encoded path, and nothing else written.
ODD_VALUES = {
    "slash": "a/b",
    "dot-dot-prefix": "..a",
    "dot-dot-slash": "../seeded-user",
    "percent-escapes": "%2F%00%",
    "nul": "nul\x00inside",
    "control-characters": "tab\tnewline\nbell\x07",
    "sql-or-true": "' OR 1=1 --",
    "sql-drop": '"; DROP TABLE users; --',
    "emoji": "\U0001f600\U0001f469\u200d\U0001f4bb",
    "right-to-left": "\u202e\u05e9\u05dc\u05d5\u05dd",
}


@pytest.mark.parametrize("kind", list(ODD_VALUES))
def test_odd_but_valid_values_are_stored_and_read_back_exactly(sandbox: Served, kind: str) -> None:
    value = ODD_VALUES[kind]
    before = snapshot(sandbox.database)
    user = {"id": value, "name": f"name {value}", "email": f"{kind}@example.com"}

    created = sandbox.send("POST", USER, as_json(user))
    read = sandbox.send("GET", f"{USER}/{quote(value, safe='')}")

    assert created.status_code == 201, created.text
    assert read.status_code == 200, read.text
    assert created.json()["data"] == read.json()["data"] == {**user, "groups": []}
    after = snapshot(sandbox.database)
    added = {table: set(rows) - set(before.get(table, [])) for table, rows in after.items()}
    removed = {table: set(rows) - set(after.get(table, [])) for table, rows in before.items()}
    assert sum(len(rows) for rows in added.values()) == 1, added
    assert not any(removed.values()), removed
