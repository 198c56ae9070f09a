"""Routing is the spec: every operation answers, anything else is a shaped 404 or 405."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from evocalize.spec import document_operations, load_spec, operation_specs
from evocalize_sandbox.registry import (
    HANDLERS,
    UnhandledOperationError,
    check_every_operation_is_handled,
    load_resources,
)
from sandbox_support import error_of, make_app
from starlette.testclient import TestClient


def test_every_operation_of_the_spec_has_a_handler() -> None:
    load_resources()
    missing = sorted(op.operation_id for op in operation_specs() if op.operation_id not in HANDLERS)
    assert missing == []
    check_every_operation_is_handled()


def test_the_sandbox_is_not_made_while_an_operation_has_no_handler(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_resources()
    monkeypatch.delitem(HANDLERS, "getUser")
    with pytest.raises(UnhandledOperationError, match=r'@handles\("getUser"\) in .*/users\.py'):
        make_app(database_url)


def spec_with(path: str, method: str, operation: dict[str, Any]) -> dict[str, Any]:
    """A copy of the spec with one more operation, as a contributor would add it."""
    document = copy.deepcopy(load_spec())
    document["paths"][path] = {method: operation}
    return document


def test_an_operation_without_a_handler_names_the_module_of_its_tag() -> None:
    document = spec_with(
        "/management/v1/user/{userId}/notes",
        "get",
        {**load_spec()["paths"]["/management/v1/user/{userId}"]["get"], "operationId": "getNotes"},
    )
    with pytest.raises(UnhandledOperationError) as raised:
        check_every_operation_is_handled(document_operations(document))
    assert str(raised.value).splitlines() == [
        'no sandbox handler for operationId getNotes: add one with @handles("getNotes") in '
        "sandbox/evocalize_sandbox/resources/users.py",
        "(see CONTRIBUTING.md, 'Adding an operation')",
    ]


def test_a_batch_operation_of_a_new_tag_needs_a_handler_and_an_entry_applier() -> None:
    batch = load_spec()["paths"]["/management/v1/groups"]["post"]
    document = spec_with(
        "/management/v1/notes",
        "post",
        {**batch, "operationId": "createNoteBatch", "tags": ["Lead Notes"]},
    )
    with pytest.raises(UnhandledOperationError) as raised:
        check_every_operation_is_handled(document_operations(document))
    where = "a new module sandbox/evocalize_sandbox/resources/lead_notes.py (found on its own)"
    assert str(raised.value).splitlines()[:2] == [
        f"no sandbox handler for operationId createNoteBatch: add one with "
        f'@handles("createNoteBatch") in {where}',
        f"no entry applier for the batch operation createNoteBatch: add one with "
        f'@applies_entry("createNoteBatch") in {where}',
    ]


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
