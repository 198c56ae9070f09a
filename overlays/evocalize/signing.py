"""The request signature Evocalize verifies, in one pure function.

docs/decisions.md, "The signature string": lowercase hex SHA-256 of the UTF-8 text joining with
newlines the request path (no host, no query), the exact body bytes (left out with their newline
when there is no body), the timestamp exactly as sent (Unix seconds) and the client key. The same
scheme signs leads webhook deliveries, over the partner endpoint's path. Client, sandbox and webhook
receivers all call this one function, so they cannot drift apart.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time

__all__ = [
    "KEY_HEADER",
    "KEY_ID_HEADER",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "TIMESTAMP_WINDOW_SECONDS",
    "SignatureHasher",
    "current_timestamp",
    "parse_timestamp",
    "sign",
    "signature_matches",
    "timestamp_is_fresh",
]

# Header names of both credential schemes (openapi.yaml, components.securitySchemes).
KEY_ID_HEADER = "X-Evocalize-Client-Key-Id"
KEY_HEADER = "X-Evocalize-Client-Key"
TIMESTAMP_HEADER = "X-Evocalize-Timestamp"
SIGNATURE_HEADER = "X-Evocalize-Signature"

# Requests (and webhook deliveries) more than this many seconds from the verifier's clock are
# refused (docs/decisions.md).
TIMESTAMP_WINDOW_SECONDS = 60


class SignatureHasher:
    """The signature computed over a body fed in chunks, so that a streamed upload is signed
    without being held in memory. `sign` is this class fed with one chunk."""

    def __init__(self, path: str) -> None:
        if "?" in path:
            raise ValueError("sign the path without its query string")
        self._digest = hashlib.sha256(path.encode("utf-8"))
        self._has_body = False

    def update(self, chunk: bytes) -> None:
        if not chunk:
            return
        if not self._has_body:
            # The body and its newline are left out entirely when there is no body.
            self._digest.update(b"\n")
            self._has_body = True
        self._digest.update(chunk)

    def finish(self, timestamp: int | str, secret: str) -> str:
        tail = b"\n" + str(timestamp).encode("utf-8") + b"\n" + secret.encode("utf-8")
        digest = self._digest.copy()
        digest.update(tail)
        return digest.hexdigest()

    def matches(self, sent_signature: str, timestamp: int | str, secret: str) -> bool:
        """Whether `sent_signature` signs what was fed, compared in constant time over the
        whole length (an empty or short signature matches nothing)."""
        actual = self.finish(timestamp, secret).encode("ascii")
        return hmac.compare_digest(actual, sent_signature.strip().lower().encode())


def sign(path: str, body: bytes | str | None, timestamp: int | str, secret: str) -> str:
    """The signature of a request: `path` without query, `body` as sent (None or empty when
    there is none), `timestamp` as it appears in the header."""
    return _fed(path, body).finish(timestamp, secret)


def _fed(path: str, body: bytes | str | None) -> SignatureHasher:
    hasher = SignatureHasher(path)
    hasher.update(body.encode("utf-8") if isinstance(body, str) else (body or b""))
    return hasher


def signature_matches(
    expected_signature: str,
    path: str,
    body: bytes | str | None,
    timestamp: int | str,
    secret: str,
) -> bool:
    """Whether `expected_signature` signs this request; compared in constant time."""
    return _fed(path, body).matches(expected_signature, timestamp, secret)


# A timestamp header is ASCII digits and nothing else: no sign, `_`, blanks, fraction, exponent
# or other scripts' digits, all of which `int()` or `float()` would take. More than 16 digits
# cannot be a time near now in seconds or milliseconds, and a longer one would overflow a float
# in the comparison (and past 4,300 digits, `int()` itself).
_TIMESTAMP = re.compile(r"[0-9]{1,16}")


def parse_timestamp(timestamp: str | None) -> int | None:
    """A timestamp header as the whole number it writes, or None when it is not one (strictly
    1 to 16 ASCII digits)."""
    if timestamp is None or not _TIMESTAMP.fullmatch(timestamp):
        return None
    return int(timestamp)


def timestamp_is_fresh(timestamp: str, now: float | None = None) -> bool:
    """Whether a timestamp header (Unix seconds) lies within the accepted window."""
    sent = parse_timestamp(timestamp)
    if sent is None:
        return False
    current = time.time() if now is None else now
    return abs(current - sent) <= TIMESTAMP_WINDOW_SECONDS


def current_timestamp() -> str:
    """A timestamp header for a request about to be sent."""
    return str(int(time.time()))
