"""The generated clients answer with their own `Response` (status, headers, bytes, parsed model);
the overlays' error decoders read an `httpx.Response`. This rebuilds one from the other."""

from __future__ import annotations

from typing import Any, Protocol

import httpx


class Detailed(Protocol):
    status_code: Any
    headers: Any
    content: bytes


def as_httpx(response: Detailed) -> httpx.Response:
    return httpx.Response(
        int(response.status_code), headers=response.headers, content=response.content
    )
