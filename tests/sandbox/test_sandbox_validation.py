"""Invalid input gets the documented 400 and code, naming the field, never a 500; oversized
bodies are refused before being read whole."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from evocalize_sandbox.app import create_app
from evocalize_sandbox.settings import Settings
from sandbox_support import BASE_URL, error_of, make_app, signing_auth
from starlette.testclient import TestClient

JSON = {"Content-Type": "application/json"}


def test_unreadable_json_is_malformed(http: TestClient) -> None:
    response = http.post("/management/v1/group", content=b'{"id": ', headers=JSON)
    assert response.status_code == 400
    assert error_of(response)["code"] == "EV_BAD_REQUEST_MALFORMED"


def test_a_missing_body_is_malformed(http: TestClient) -> None:
    response = http.post("/management/v1/group")
    assert response.status_code == 400
    assert error_of(response)["code"] == "EV_BAD_REQUEST_MALFORMED"


def test_a_wrong_type_is_malformed_and_names_the_field(http: TestClient) -> None:
    response = http.post("/management/v1/group", json={"id": 7, "name": "x"})
    error = error_of(response)
    assert (error["code"], error["field"]) == ("EV_BAD_REQUEST_MALFORMED", "id")


def test_a_number_in_a_string_is_not_a_number(http: TestClient) -> None:
    response = http.post("/management/v1/user", json={"id": "u", "replaceGroups": "true"})
    assert error_of(response)["field"] == "replaceGroups"


def test_a_missing_field_is_named(http: TestClient) -> None:
    response = http.post("/management/v1/group", json={"id": "g"})
    error = error_of(response)
    assert (error["code"], error["field"]) == ("EV_BAD_REQUEST_INVALID_FIELDS", "name")


def test_an_unknown_field_is_named(http: TestClient) -> None:
    response = http.post("/management/v1/group", json={"id": "g", "name": "n", "colour": "red"})
    assert error_of(response)["field"] == "colour"


def test_an_invalid_field_inside_a_batch_entry_is_named_with_its_position(http: TestClient) -> None:
    body = [{"id": "u1"}, {"id": "u2", "groups": [{"groupId": "g", "role": "boss"}]}]
    response = http.post("/management/v1/users", json=body)
    error = error_of(response)
    assert (error["code"], error["field"]) == (
        "EV_BAD_REQUEST_INVALID_FIELDS",
        "[1].groups[0].role",
    )


def test_an_empty_batch_is_refused(http: TestClient) -> None:
    assert http.post("/management/v1/groups", json=[]).status_code == 400


def test_a_path_parameter_over_its_length_is_named(http: TestClient) -> None:
    response = http.get("/management/v1/user/" + "x" * 256)
    error = error_of(response)
    assert (error["code"], error["field"]) == ("EV_BAD_REQUEST_INVALID_FIELDS", "userId")


def test_a_boolean_query_parameter_must_be_true_or_false(http: TestClient) -> None:
    response = http.get("/management/v1/repository/listings/access", params={"deletedOnly": "yes"})
    assert error_of(response)["field"] == "deletedOnly"


def test_an_enum_query_parameter_must_be_a_known_value(http: TestClient) -> None:
    response = http.get("/management/v1/repository/listings/access", params={"role": "king"})
    assert error_of(response)["field"] == "role"


@pytest.fixture
def small_limits(database_url: str) -> Iterator[TestClient]:
    app = create_app(
        database_url=database_url,
        clients={"test-partner": "test-partner-secret"},
        settings=Settings(run_worker=False, max_json_body_bytes=1000),
    )
    with TestClient(app, base_url=BASE_URL, raise_server_exceptions=False) as http:
        http.auth = signing_auth()
        yield http


def test_a_body_declared_too_large_is_refused(small_limits: TestClient) -> None:
    body = json.dumps([{"id": f"g{n}", "name": "x"} for n in range(100)]).encode()
    response = small_limits.post("/management/v1/groups", content=body, headers=JSON)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "EV_BAD_REQUEST_MALFORMED"
    assert "1000 bytes" in error["message"]


def test_a_streamed_body_over_the_limit_is_refused(small_limits: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"["
        for n in range(100):
            yield json.dumps({"id": f"g{n}", "name": "x"}).encode() + b","
        yield b'{"id": "last", "name": "x"}]'

    small_limits.auth = None  # a signature needs the whole body; the shared secret does not
    headers = {
        "X-Evocalize-Client-Key-Id": "test-partner",
        "X-Evocalize-Client-Key": "test-partner-secret",
        **JSON,
    }
    response = small_limits.post("/management/v1/groups", content=chunks(), headers=headers)
    assert response.status_code == 400
    assert "1000 bytes" in error_of(response)["message"]


def test_every_answer_with_a_body_is_json(http: TestClient) -> None:
    for response in (
        http.get("/management/v1/users"),
        http.get("/management/v1/user/ghost"),
        http.post("/management/v1/group", content=b"nonsense", headers=JSON),
        http.put("/management/v1/users"),
    ):
        assert response.headers["content-type"] == "application/json"


def test_an_unexpected_failure_is_the_500_envelope(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from evocalize_sandbox import registry

    def explode(ctx: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setitem(registry.HANDLERS, "listGroups", explode)
    with TestClient(
        make_app(database_url), base_url=BASE_URL, raise_server_exceptions=False
    ) as http:
        http.auth = signing_auth()
        response = http.get("/management/v1/groups")
    assert response.status_code == 500
    assert error_of(response)["code"] == "EV_INTERNAL_SERVER_ERROR"
    assert "boom" not in response.text


def test_null_is_refused_where_the_schema_does_not_allow_it(http: TestClient) -> None:
    response = http.post("/management/v1/user", json={"id": "u", "groups": None})
    error = error_of(response)
    assert (error["code"], error["field"]) == ("EV_BAD_REQUEST_MALFORMED", "groups")


def test_a_conditional_requirement_of_the_schema_is_enforced(http: TestClient) -> None:
    body = {"grants": [{"grantee": {"type": "USER"}, "objectId": "i", "permissions": ["READ"]}]}
    response = http.post("/management/v1/repository/listings/grants", json=body)
    error = error_of(response)
    assert (error["code"], error["field"]) == (
        "EV_BAD_REQUEST_INVALID_FIELDS",
        "grants[0].grantee.userId",
    )


def test_an_object_over_its_max_properties_is_refused(http: TestClient) -> None:
    values = {"id": "i", **{f"f{n}": None for n in range(1000)}}
    response = http.post("/management/v1/repository/listings/item", json={"values": values})
    assert error_of(response)["field"] == "values"


def test_an_address_at_a_special_use_domain_is_a_valid_email(http: TestClient) -> None:
    body = {"id": "u", "name": "Local", "email": "someone@example.local"}
    assert http.post("/management/v1/user", json=body).status_code == 201


def test_a_whole_number_written_with_a_fraction_is_an_integer(http: TestClient) -> None:
    # JSON Schema counts 262144.0 an integer: the body is valid, so the answer is about the
    # order (there is none), not about the timestamp's type.
    edit = b'{"schedule": {"startTimestamp": 262144.0}}'
    assert http.put("/management/v1/order/none", content=edit, headers=JSON).status_code == 404
    edit = b'{"schedule": {"startTimestamp": 262144.5}}'
    response = http.put("/management/v1/order/none", content=edit, headers=JSON)
    assert error_of(response)["field"] == "schedule.startTimestamp"


def test_nan_is_not_json(http: TestClient) -> None:
    response = http.post(
        "/management/v1/repository/listings/item",
        content=b'{"values": {"id": "i", "price": NaN}}',
        headers=JSON,
    )
    assert error_of(response)["code"] == "EV_BAD_REQUEST_MALFORMED"


def test_a_uri_field_must_hold_an_absolute_uri(http: TestClient) -> None:
    body = {"id": "m", "name": "M", "type": "image", "url": "not a url"}
    response = http.post("/management/v1/media", json=body)
    error = error_of(response)
    assert (error["code"], error["field"]) == ("EV_BAD_REQUEST_INVALID_FIELDS", "url")


@pytest.mark.parametrize("content_type", [None, "application/json"])
def test_reads_and_bodiless_requests_are_answered_with_or_without_a_content_type(
    http: TestClient, content_type: str | None
) -> None:
    """The reference lists `Content-Type: application/json` as required on every request, reads
    included, and the client sends it; the sandbox accepts it there, and stays tolerant of a
    request that leaves it out."""
    headers = {} if content_type is None else {"Content-Type": content_type}
    assert http.post("/management/v1/group", json={"id": "g", "name": "G"}).status_code == 201
    body = {"id": "u", "name": "U", "email": "u@example.com"}
    assert http.post("/management/v1/user", json=body).status_code == 201
    for method, path, status in (
        ("GET", "/management/v1/groups", 200),
        ("GET", "/management/v1/user/u", 200),
        ("GET", "/management/v1/user/nobody", 404),
        ("DELETE", "/management/v1/user/u", 202),
    ):
        response = http.request(method, path, headers=headers)
        assert response.status_code == status, (method, path, response.content)
