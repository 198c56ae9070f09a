"""The API reference at `/docs`: Swagger UI on `openapi.yaml`, prebuilt by `scripts/regenerate`
into `api_reference/` (never edited by hand) and served as static files from the package, so
that it works offline, with no CDN and no credential.

`/docs` lies outside the API's `/management/` paths and the sandbox's own `/sandbox/` routes,
and is not in the spec: it is the sandbox's, not the API's.
"""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

PATH = "/docs"
REFERENCE = Path(__file__).resolve().parent / "api_reference"


async def _to_folder(request: Request) -> RedirectResponse:
    # The page loads its assets by relative URLs, which resolve only below `/docs/`.
    return RedirectResponse(request.url.replace(path=f"{request.url.path}/"), status_code=308)


def install(app: Starlette) -> None:
    """Serves the reference at `/docs/` (and `/docs`, redirected there), ahead of the catch-all
    API route."""
    static = StaticFiles(directory=REFERENCE, html=True)
    app.router.routes.insert(0, Mount(PATH, app=static))
    app.router.routes.insert(0, Route(PATH, _to_folder, methods=["GET", "HEAD"]))
