"""Routing is the spec: every operation answers, anything else is a shaped 404 or 405."""

from __future__ import annotations

from evocalize.spec import operation_specs
from evocalize_sandbox.registry import HANDLERS, load_resources
from sandbox_support import error_of
from starlette.testclient import TestClient


def test_every_operation_of_the_spec_has_a_handler() -> None:
    load_resources()
    missing = sorted(op.operation_id for op in operation_specs() if op.operation_id not in HANDLERS)
    assert missing == []


def test_an_unknown_path_is_a_404_with_the_error_envelope(http: TestClient) -> None:
    response = http.get("/management/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert error_of(response)["code"] == "EV_OBJECT_NOT_FOUND"


def test_an_undeclared_method_is_a_405_that_lists_the_allowed_ones(http: TestClient) -> None:
    response = http.patch("/management/v1/user/someone")
    assert response.status_code == 405
    assert response.headers["allow"] == "DELETE, GET"
    assert error_of(response)["message"]


def test_a_literal_path_segment_wins_over_a_template(http: TestClient) -> None:
    # /audience/provided is the path of addProvidedAudience alone: the GET of
    # /audience/{placeholderId} is not one of its methods (OpenAPI: concrete paths first).
    response = http.patch("/management/v1/audience/provided")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert error_of(response)["code"] == "EV_BAD_REQUEST_MALFORMED"


def test_reading_the_literal_path_as_a_placeholder_id_is_a_405(http: TestClient) -> None:
    response = http.get("/management/v1/audience/provided")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


def test_a_path_parameter_holding_a_newline_is_still_answered_in_json(http: TestClient) -> None:
    response = http.get("/management/v1/user/a%0Ab")
    assert response.status_code == 404
    assert error_of(response)["code"] == "EV_OBJECT_NOT_FOUND"


def test_a_trailing_newline_does_not_reach_an_operation(http: TestClient) -> None:
    response = http.get("/management/v1/users%0A")
    assert response.status_code == 404
