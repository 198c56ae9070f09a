"""The ASGI app of a fake: one handler for every path and method, so that unknown paths and
methods get the API's own error body rather than Starlette's plain-text 404 or 405 (a routed
app also refuses paths holding a decoded newline, which fuzzing sends)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import request_response


def every_request_to(handle: Callable[[Request], Awaitable[Response]]) -> Starlette:
    app = Starlette()
    # The router's fallback serves whatever no route matched: here, everything.
    app.router.default = request_response(handle)
    return app
