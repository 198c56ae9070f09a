"""Signing for schemathesis, which sends its requests with `requests`.

Schemathesis serialises a case's body after its auth providers run, so signing `case.body`
would sign the wrong bytes for every negative case. A `requests` auth object runs on the
prepared request instead, when the exact path and body bytes are known, both over HTTP and
through schemathesis's ASGI transport. Headers added in a hook would look generated to
schemathesis and make `ignored_auth` report false failures; an auth object is known as auth.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import requests

from evocalize.settings import AUTH_SCHEMES
from evocalize.signing import (
    KEY_HEADER,
    KEY_ID_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    current_timestamp,
    sign,
)


class RequestsKeyAuth(requests.auth.AuthBase):
    """Evocalize's auth for a `requests` request: "signature" (the default) or "shared-secret"."""

    def __init__(self, key_id: str, secret: str, scheme: str = "signature") -> None:
        if not key_id or not secret:
            raise ValueError("both a client key id and a client key are needed")
        if scheme not in AUTH_SCHEMES:
            raise ValueError(f"auth must be one of {', '.join(AUTH_SCHEMES)}, not {scheme!r}")
        self.key_id = key_id
        self.scheme = scheme
        self._secret = secret

    def __repr__(self) -> str:
        return f"RequestsKeyAuth(key_id={self.key_id!r}, secret='***', scheme={self.scheme!r})"

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers[KEY_ID_HEADER] = self.key_id
        if self.scheme == "shared-secret":
            request.headers[KEY_HEADER] = self._secret
            return request
        body = request.body
        if body is not None and not isinstance(body, (bytes, str)):
            # A streamed body (a file or generator) would be consumed by hashing it here.
            raise TypeError("a streamed request body cannot be signed; send bytes")
        timestamp = current_timestamp()
        # The path as `requests` will send it: percent-encoding kept, no query string.
        path = urlsplit(request.url or "").path
        request.headers[TIMESTAMP_HEADER] = timestamp
        request.headers[SIGNATURE_HEADER] = sign(path, body, timestamp, self._secret)
        return request
