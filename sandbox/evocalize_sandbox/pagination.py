"""Opaque page tokens that only work for the listing that issued them.

A token is `<offset>.<mac>`, base64url-encoded, where the MAC is an HMAC-SHA256 (key kept in the
database) over the operation id, its path and filter parameters and the offset. Changing the
offset, the filters or the operation breaks the MAC, so a token cannot be forged or replayed
on another listing. Such a token names no page of this listing: a 404 naming `pageToken`, as
openapi.yaml documents (any string is a well-formed token, so a 400 would refuse schema-valid
input).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from evocalize.spec import OperationSpec

from .errors import ApiError

PAGE_SIZE = 100
_MAC_BYTES = 16


@dataclass(frozen=True)
class PageWindow:
    offset: int
    limit: int = PAGE_SIZE


class PageTokens:
    def __init__(self, secret: str, page_size: int = PAGE_SIZE) -> None:
        self._key = secret.encode("utf-8")
        self.page_size = page_size

    def __repr__(self) -> str:
        return f"PageTokens(page_size={self.page_size})"

    def issue(self, operation: OperationSpec, scope: dict[str, Any], offset: int) -> str:
        raw = f"{offset}.".encode() + self._mac(operation, scope, offset)
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    def window(
        self, operation: OperationSpec, scope: dict[str, Any], query: dict[str, Any]
    ) -> PageWindow:
        token = query.get("pageToken")
        if token is None:
            return PageWindow(0, self.page_size)
        offset = self._verify(operation, scope, str(token))
        return PageWindow(offset, self.page_size)

    def _verify(self, operation: OperationSpec, scope: dict[str, Any], token: str) -> int:
        refused = ApiError(
            404, "EV_OBJECT_NOT_FOUND", "the page token names no page of this listing", "pageToken"
        )
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        except (binascii.Error, ValueError):
            raise refused from None
        head, dot, mac = raw.partition(b".")
        if not dot or not head.isdigit() or len(head) > 12:
            raise refused
        offset = int(head)
        if not hmac.compare_digest(mac, self._mac(operation, scope, offset)):
            raise refused
        return offset

    def _mac(self, operation: OperationSpec, scope: dict[str, Any], offset: int) -> bytes:
        message = json.dumps(
            [operation.operation_id, scope, offset], sort_keys=True, separators=(",", ":")
        ).encode("utf-8")
        return hmac.new(self._key, message, hashlib.sha256).digest()[:_MAC_BYTES]
