"""Who is calling: the two credential schemes (docs/decisions.md, "Credentials and the two auth
schemes"), checked against the clients kept in the database.

The shared-secret scheme (key id + client key) takes precedence over the signature scheme (key
id + timestamp + signature over path, body, timestamp and key). Every failure has its own 401
code; secrets are compared in constant time and never appear in messages or logs.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

import sqlalchemy as sa
from evocalize.signing import (
    KEY_HEADER,
    KEY_ID_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    SignatureHasher,
    timestamp_is_fresh,
)
from sqlalchemy.engine import Connection, Engine

from . import cursor_reads
from .errors import ApiError
from .organizations import organization_of, split_key_id
from .storage import metadata

clients_table = sa.Table(
    "sandbox_clients",
    metadata,
    sa.Column("key_id", sa.String(255), primary_key=True),
    sa.Column("client_key", sa.String(1024), nullable=False),
    sa.Column("is_development", sa.Boolean, nullable=False, default=False),
    # The organization the key was given (`KEY_ID@ORGANIZATION`); null: its own.
    sa.Column("organization", sa.String(255)),
)

# Built once: every request runs it, and building a statement costs several times more than
# executing it.
_CLIENT_KEY_OF = sa.select(clients_table.c.client_key, clients_table.c.organization).where(
    clients_table.c.key_id == sa.bindparam("key_id")
)


class Caller(NamedTuple):
    """Who an authenticated request comes from: its key id and the organization whose data
    it sees."""

    key_id: str
    organization: str


class KnownClient(NamedTuple):
    """A client key id's record: its secret and the organization whose data it sees."""

    secret: str
    organization: str


def _unauthorized(code: str, message: str) -> ApiError:
    return ApiError(401, code, message)


@dataclass(frozen=True)
class SentCredentials:
    """The credential headers of a request, before anything is checked against the database."""

    key_id: str
    client_key: str | None
    timestamp: str | None
    signature: str | None


def sent_credentials(headers: Mapping[str, str]) -> SentCredentials:
    """The credential headers, or a 401 when neither scheme's are all there."""
    key_id = headers.get(KEY_ID_HEADER.lower())
    if not key_id:
        raise _unauthorized(
            "EV_UNAUTHORIZED_MISSING_HEADERS", f"the {KEY_ID_HEADER} header is missing"
        )
    sent = SentCredentials(
        key_id,
        headers.get(KEY_HEADER.lower()),
        headers.get(TIMESTAMP_HEADER.lower()),
        headers.get(SIGNATURE_HEADER.lower()),
    )
    if sent.client_key is None and (sent.timestamp is None or sent.signature is None):
        raise _unauthorized(
            "EV_UNAUTHORIZED_MISSING_HEADERS",
            f"send {KEY_HEADER}, or {TIMESTAMP_HEADER} and {SIGNATURE_HEADER}",
        )
    return sent


def known_client(conn: Connection, key_id: str) -> KnownClient | None:
    """The client key and organization of `key_id`, None for an unknown key id."""
    row = cursor_reads.first_row(conn, _CLIENT_KEY_OF, {"key_id": key_id})
    if row is None:
        return None
    secret, organization = row
    return KnownClient(str(secret), organization_of(key_id, organization))


class PendingSignature:
    """A signed request whose headers passed: its body is hashed as it streams (`update`), and
    `check` then refuses a signature that does not match. Nothing of the body is kept here."""

    def __init__(self, sent: SentCredentials, secret: str, raw_path: str) -> None:
        assert sent.timestamp is not None and sent.signature is not None
        self._timestamp = sent.timestamp
        self._signature = sent.signature
        self._secret = secret
        self._hasher = SignatureHasher(raw_path)

    def update(self, chunk: bytes) -> None:
        self._hasher.update(chunk)

    def check(self) -> None:
        if not self._hasher.matches(self._signature, self._timestamp, self._secret):
            raise _unauthorized("EV_UNAUTHORIZED_INVALID_SIGNATURE", "wrong request signature")


def check_before_body(
    sent: SentCredentials, client: KnownClient | None, raw_path: str, now: float
) -> PendingSignature | None:
    """Every check the headers allow, before the body is read: the key id, the shared secret,
    the timestamp. None when the caller is authenticated (shared secret); for a signed request,
    the signature still to check over the body."""
    if client is None:
        raise _unauthorized("EV_UNAUTHORIZED_INVALID_KEY", "unknown client key id")
    secret = client.secret
    if sent.client_key is not None:
        if not hmac.compare_digest(sent.client_key.encode("utf-8"), secret.encode("utf-8")):
            raise _unauthorized("EV_UNAUTHORIZED_INVALID_SECRET", "wrong client key")
        return None
    assert sent.timestamp is not None
    if not timestamp_is_fresh(sent.timestamp, now=now):
        raise _unauthorized(
            "EV_UNAUTHORIZED_EXPIRED_REQUEST",
            "the request timestamp is more than 60 seconds away from the server time",
        )
    return PendingSignature(sent, secret, raw_path)


def authenticate(
    conn: Connection,
    headers: Mapping[str, str],
    raw_path: str,
    body: bytes,
    now: float,
) -> Caller:
    """The caller of a request whose body is already read, or an `ApiError` 401 saying which
    check failed."""
    sent = sent_credentials(headers)
    client = known_client(conn, sent.key_id)
    pending = check_before_body(sent, client, raw_path, now)
    if pending is not None:
        pending.update(body)
        pending.check()
    assert client is not None  # check_before_body refused an unknown key id
    return Caller(sent.key_id, client.organization)


def register_clients(engine: Engine, clients: Mapping[str, str]) -> None:
    """Adds or updates the given credentials (key id -> client key). A key id written
    `KEY_ID@ORGANIZATION` joins that organization; a bare one is its own organization (and
    leaves the one it was given before): a `CredentialError` when a part is empty."""
    credentials = [(*split_key_id(spec), client_key) for spec, client_key in clients.items()]
    with engine.begin() as conn:
        for key_id, organization, client_key in credentials:
            values = {"client_key": client_key, "organization": organization}
            updated = conn.execute(
                sa.update(clients_table).where(clients_table.c.key_id == key_id).values(values)
            ).rowcount
            if not updated:
                conn.execute(
                    sa.insert(clients_table).values(key_id=key_id, is_development=False, **values)
                )


def organizations_of_clients(conn: Connection) -> list[str]:
    """Every organization that has a client key, sorted."""
    rows = conn.execute(sa.select(clients_table.c.key_id, clients_table.c.organization)).all()
    return sorted({organization_of(row.key_id, row.organization) for row in rows})


def development_client(engine: Engine) -> tuple[str, str]:
    """The development credential of this database, made on first use and kept after."""
    query = sa.select(clients_table.c.key_id, clients_table.c.client_key).where(
        clients_table.c.is_development.is_(True)
    )
    with engine.begin() as conn:
        row = cursor_reads.first_row(conn, query)
        if row is None:
            key_id, client_key = f"dev-{secrets.token_hex(4)}", secrets.token_urlsafe(24)
            conn.execute(
                sa.insert(clients_table).values(
                    key_id=key_id, client_key=client_key, is_development=True
                )
            )
            return key_id, client_key
        return str(row[0]), str(row[1])
