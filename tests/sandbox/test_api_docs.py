"""The sandbox's API reference at `/docs`, over HTTP: served from the package with no credential,
every file the page loads served beside it (nothing from elsewhere), the spec it shows being
`openapi.yaml`, and the API itself unchanged (the route is not the API's, and shadows none of
its paths). tests/sandbox/test_api_docs_browser.py renders it in a real browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from evocalize_sandbox.api_docs import PATH
from openapi_doc import load_spec
from sandbox_support import BASE_URL, make_app
from starlette.testclient import TestClient


@pytest.fixture
def anonymous(tmp_path: Path) -> TestClient:
    """A client without any credential."""
    app = make_app(f"sqlite:///{tmp_path / 'sandbox.db'}")
    return TestClient(app, base_url=BASE_URL, raise_server_exceptions=False)


def test_docs_leads_to_the_reference_page_without_a_credential(anonymous: TestClient) -> None:
    redirect = anonymous.get("/docs", follow_redirects=False)
    assert redirect.status_code == 308
    assert redirect.headers["location"] == f"{BASE_URL}/docs/"
    page = anonymous.get("/docs")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "swagger-ui-bundle.js" in page.text


def test_every_file_the_page_loads_is_served_beside_it(anonymous: TestClient) -> None:
    page = anonymous.get("/docs/").text
    loaded = re.findall(r'(?:src|href)="([^"]+)"', page)
    local = [url for url in loaded if not url.startswith("data:")]
    assert set(local) >= {"swagger-ui-bundle.js", "swagger-ui.css", "reference.js"}
    for url in local:
        assert "//" not in url, f"{url}: the page loads only the files beside it"
        assert anonymous.get(f"/docs/{url}").status_code == 200, url
    assert 'fetch("openapi.json")' in anonymous.get("/docs/reference.js").text


def test_the_reference_shows_the_spec_itself(anonymous: TestClient) -> None:
    shown = anonymous.get("/docs/openapi.json")
    assert shown.status_code == 200
    assert shown.json() == load_spec()


def test_the_reference_is_the_sandboxs_not_the_apis(anonymous: TestClient) -> None:
    assert not [path for path in load_spec()["paths"] if path.startswith(PATH)]
    assert not PATH.startswith(("/management/", "/sandbox/"))
    # The API's paths still answer as before: a credential is required, unknown paths are 404s.
    refused = anonymous.get("/management/v1/users")
    assert refused.status_code == 401
    assert refused.json()["errors"][0]["code"] == "EV_UNAUTHORIZED_MISSING_HEADERS"
    beside = anonymous.get("/docsearch")
    assert beside.status_code == 404
    assert beside.json()["errors"][0]["code"] == "EV_OBJECT_NOT_FOUND"
