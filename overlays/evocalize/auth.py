"""Credentials as `httpx.Auth` objects: Evocalize's shared-secret and signature schemes.

The signature covers the exact bytes that go on the wire: the raw (still percent-encoded)
path and the body as httpx encoded it. Each call of `sign_request` takes a fresh timestamp,
and the retry transport calls it again before every re-attempt, so a retried request is never
refused as stale. Multipart uploads are hashed as a stream (their files are re-read when
sent), so a large audience file is signed without being held in memory.

The secret lives in a private attribute and no repr, log line or exception shows it.
"""

from __future__ import annotations

import time
from collections.abc import AsyncGenerator, Callable, Generator

import httpx

# httpx exports no name for its multipart body; it is the one body that can be hashed as a
# stream and then sent, because its file fields rewind when rendered again.
from httpx._multipart import MultipartStream

from evocalize.signing import (
    KEY_HEADER,
    KEY_ID_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    SignatureHasher,
)

__all__ = [
    "SIGNED_EXTENSION",
    "SharedSecretAuth",
    "SignatureAuth",
    "key_auth",
    "signed_path",
]


def signed_path(request: httpx.Request) -> str:
    """The path as sent, percent-encoding kept, without the query string."""
    return request.url.raw_path.split(b"?", 1)[0].decode("ascii")


# A request whose credential headers were written when it was built (`_KeyAuth.headers`), so the
# auth flow lets it through as it is: the client signs its JSON requests while building them,
# which costs a dict instead of four edits of httpx's header list.
SIGNED_EXTENSION = "evocalize_signed"


class _KeyAuth(httpx.Auth):
    def __init__(self, key_id: str, secret: str) -> None:
        if not key_id or not secret:
            raise ValueError("both a client key id and a client key are needed")
        self.key_id = key_id
        self._secret = secret

    def __repr__(self) -> str:
        return f"{type(self).__name__}(key_id={self.key_id!r}, secret='***')"

    def sign_request(self, request: httpx.Request) -> httpx.Request:
        raise NotImplementedError

    def headers(self, path: str, body: bytes | None) -> dict[str, str]:
        """The credential headers of a request to `path` (as sent, no query) with `body`."""
        raise NotImplementedError

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if request.extensions.get(SIGNED_EXTENSION):
            yield request
        else:
            yield self.sign_request(request)


class SharedSecretAuth(_KeyAuth):
    """Sends the key id and the client key itself on every request."""

    def sign_request(self, request: httpx.Request) -> httpx.Request:
        request.headers[KEY_ID_HEADER] = self.key_id
        request.headers[KEY_HEADER] = self._secret
        return request

    def headers(self, path: str, body: bytes | None) -> dict[str, str]:
        return {KEY_ID_HEADER: self.key_id, KEY_HEADER: self._secret}


class SignatureAuth(_KeyAuth):
    """Sends the key id, a timestamp and the signature; never the client key."""

    def __init__(self, key_id: str, secret: str, *, clock: Callable[[], float] = time.time) -> None:
        super().__init__(key_id, secret)
        self._clock = clock

    def sign_request(self, request: httpx.Request) -> httpx.Request:
        hasher = SignatureHasher(signed_path(request))
        stream = request.stream
        if isinstance(stream, MultipartStream) and not hasattr(request, "_content"):
            for chunk in stream:
                hasher.update(chunk)
        else:
            hasher.update(request.read())
        request.headers.pop(KEY_HEADER, None)
        request.headers.update(self._credentials(hasher))
        return request

    def headers(self, path: str, body: bytes | None) -> dict[str, str]:
        hasher = SignatureHasher(path)
        hasher.update(body or b"")
        return self._credentials(hasher)

    def _credentials(self, hasher: SignatureHasher) -> dict[str, str]:
        """The key id, a fresh timestamp and the signature of what `hasher` was fed."""
        timestamp = str(int(self._clock()))
        return {
            KEY_ID_HEADER: self.key_id,
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: hasher.finish(timestamp, self._secret),
        }

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        if request.extensions.get(SIGNED_EXTENSION):
            yield request
            return
        if not isinstance(request.stream, MultipartStream):
            # An async body must be read asynchronously before it can be hashed.
            await request.aread()
        yield self.sign_request(request)


def key_auth(
    scheme: str, key_id: str, secret: str, *, clock: Callable[[], float] = time.time
) -> SharedSecretAuth | SignatureAuth:
    """The auth object for a scheme name: "signature" or "shared-secret"; a signature's
    timestamps come from `clock` (Unix seconds)."""
    if scheme == "signature":
        return SignatureAuth(key_id, secret, clock=clock)
    if scheme == "shared-secret":
        return SharedSecretAuth(key_id, secret)
    raise ValueError(f"auth must be 'signature' or 'shared-secret', not {scheme!r}")
