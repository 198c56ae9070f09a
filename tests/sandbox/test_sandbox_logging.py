"""The sandbox logs each error answer in one line, with the `EV_*` code and field a partner
debugging their client wants: never a secret, never a body."""

from __future__ import annotations

import logging

import pytest
from sandbox_support import BASE_URL, shared_secret_auth
from starlette.applications import Starlette
from starlette.testclient import TestClient

LOGGER = "evocalize_sandbox.app"


def test_a_4xx_is_logged_with_its_code_and_field(
    http: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    body = {"id": "u-secret-body-value", "replaceGroups": "true"}
    response = http.post("/management/v1/user?debug=1", json=body)
    assert response.status_code == 400
    (record,) = [r for r in caplog.records if r.name == LOGGER]
    assert record.levelno == logging.INFO
    assert record.getMessage() == (
        "POST /management/v1/user -> 400 EV_BAD_REQUEST_MALFORMED (field replaceGroups)"
    )
    assert "secret-body-value" not in caplog.text


def test_an_answer_without_a_field_and_a_routing_error_are_logged(
    http: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    assert http.get("/management/v1/nowhere").status_code == 404
    assert http.delete("/management/v1/users").status_code == 405
    messages = [r.getMessage() for r in caplog.records if r.name == LOGGER]
    assert messages == [
        "GET /management/v1/nowhere -> 404 EV_OBJECT_NOT_FOUND",
        "DELETE /management/v1/users -> 405 EV_BAD_REQUEST_MALFORMED",
    ]


def test_a_refused_credential_is_logged_without_the_secret(
    app: Starlette, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    stranger = TestClient(app, base_url=BASE_URL, raise_server_exceptions=False)
    stranger.auth = shared_secret_auth("partner", "wrong-s3cret-value")
    response = stranger.get("/management/v1/users")
    assert 400 <= response.status_code < 500
    (message,) = [r.getMessage() for r in caplog.records if r.name == LOGGER]
    assert message.startswith(f"GET /management/v1/users -> {response.status_code} EV_")
    assert "wrong-s3cret-value" not in caplog.text


def test_a_success_is_not_logged(http: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    assert http.get("/management/v1/users").status_code == 200
    assert not [r for r in caplog.records if r.name == LOGGER]
