"""The facade reaches every operation of the spec, signs what it sends, returns the envelope's
`data` as the generated model and turns every error answer into its typed exception."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, cast

import httpx
import pytest
from evocalize import errors
from evocalize.client import AsyncEvocalize, Evocalize
from evocalize.pagination import EmptyPagesError
from evocalize.retries import NO_RETRIES, RetryPolicy
from evocalize.settings import ConfigurationError
from evocalize.signing import (
    KEY_HEADER,
    KEY_ID_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    signature_matches,
)
from evocalize.spec import operation_specs, resolve
from evocalize_client.models import User
from evocalize_resources import OPERATIONS

SECRET = "s3cret-never-shown"
Handler = Callable[[httpx.Request], httpx.Response]


def facade(
    handler: Handler, auth: str = "signature", retries: RetryPolicy = NO_RETRIES
) -> Evocalize:
    return Evocalize(
        "https://sandbox.test",
        "kid",
        SECRET,
        auth=auth,
        retries=retries,
        transport=httpx.MockTransport(handler),
    )


def json_examples(node: dict[str, Any]) -> list[Any]:
    media = resolve(node).get("content", {}).get("application/json", {})
    return [resolve(example)["value"] for example in media.get("examples", {}).values()]


def success_example(op_node: dict[str, Any]) -> tuple[int, Any]:
    code = next(code for code in op_node["responses"] if code.startswith("2"))
    found = json_examples(op_node["responses"][code])
    return int(code), found[0] if found else None


def call_arguments(op: Any) -> dict[str, Any]:
    """Path parameters and, when the spec shows one, the request body example as plain JSON."""
    params = {p["name"]: f"{p['name']}-1" for p in op.parameters if p["in"] == "path"}
    body = op.node.get("requestBody")
    if body and json_examples(body):
        params["body"] = json_examples(body)[0]
    return params


JSON_OPERATIONS = [
    op
    for op in operation_specs()
    if "multipart/form-data" not in resolve(op.node.get("requestBody", {})).get("content", {})
]


def test_every_operation_of_the_spec_is_a_method_of_its_tag_in_both_clients() -> None:
    assert set(OPERATIONS) == {op.operation_id for op in operation_specs()}
    ev = facade(lambda request: httpx.Response(500))
    aev = AsyncEvocalize("https://sandbox.test", "kid", SECRET)
    for op in operation_specs():
        described = OPERATIONS[op.operation_id]
        assert (described.method, described.path) == (op.method.upper(), op.path)
        for client in (ev, aev):
            resource = getattr(client, described.tag)
            assert callable(getattr(resource, described.name)), op.operation_id
            assert callable(getattr(resource.with_raw_response, described.name))


@pytest.mark.parametrize("op", JSON_OPERATIONS, ids=lambda op: op.operation_id)
def test_each_operation_sends_its_request_and_returns_the_examples_data(op: Any) -> None:
    status, example = success_example(op.node)
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if example is None:
            return httpx.Response(status)
        return httpx.Response(status, json=example)

    ev = facade(handler)
    params = call_arguments(op)
    result = ev.call(op.operation_id, **params)
    (request,) = seen
    assert request.method == op.method.upper()
    assert op.path_pattern.match(request.url.path)
    if "body" in params:
        assert json.loads(request.content) == params["body"]
    if example is None or "data" not in example:
        assert result is None
    elif isinstance(result, list):
        assert [item.to_dict() for item in result] == example["data"]
    else:
        assert result.to_dict() == example["data"]


def test_the_signature_covers_the_raw_path_and_the_exact_body_sent() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json={"data": {"id": "a/b", "email": "a@b.co", "name": "A"}})

    facade(handler).users.create_or_update_user(body={"id": "a/b", "email": "a@b.co"})
    (request,) = seen
    headers = request.headers
    assert KEY_HEADER not in headers and headers[KEY_ID_HEADER] == "kid"
    path = request.url.raw_path.decode()
    assert signature_matches(
        headers[SIGNATURE_HEADER], path, request.content, headers[TIMESTAMP_HEADER], SECRET
    )


def test_a_percent_encoded_id_is_signed_as_sent() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            404, json={"errors": [{"message": "no", "code": "EV_OBJECT_NOT_FOUND"}]}
        )

    with pytest.raises(errors.ObjectNotFoundError):
        facade(handler).users.get_user("a/b c")
    (request,) = seen
    assert request.url.raw_path == b"/management/v1/user/a%2Fb%20c"
    headers = request.headers
    assert signature_matches(
        headers[SIGNATURE_HEADER],
        "/management/v1/user/a%2Fb%20c",
        None,
        headers[TIMESTAMP_HEADER],
        SECRET,
    )


def test_the_shared_secret_scheme_sends_the_key_and_no_signature() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"data": []})

    assert facade(handler, auth="shared-secret").users.list_users().data == []
    (request,) = seen
    assert request.headers[KEY_HEADER] == SECRET
    assert SIGNATURE_HEADER not in request.headers


def error_answer(status: int, code: str, **extra: Any) -> Handler:
    body = {"errors": [{"message": f"{code} happened", "code": code, **extra}]}
    return lambda request: httpx.Response(status, json=body, headers={"X-Request-Id": "req-9"})


@pytest.mark.parametrize("code", sorted(errors.ERRORS_BY_CODE))
def test_every_ev_code_raises_its_own_class_with_every_detail(code: str) -> None:
    status = errors.ERRORS_BY_CODE[code].status_code or 400
    handler = error_answer(status, code, field="email", details={"max": 3})
    with pytest.raises(errors.ERRORS_BY_CODE[code]) as raised:
        facade(handler).users.get_user("u1")
    error = raised.value
    assert (error.status, error.code, error.field) == (status, code, "email")
    assert error.message == f"{code} happened" and error.details == {"max": 3}
    assert error.request_id == "req-9" and error.response is not None
    assert code in str(error) and "req-9" in str(error)


def test_the_classes_of_the_codes_match_the_spec_enum_and_its_statuses() -> None:
    enum = resolve({"$ref": "#/components/schemas/ErrorCode"})
    assert set(enum["examples"]) == set(errors.ERRORS_BY_CODE)
    for code, cls in errors.ERRORS_BY_CODE.items():
        assert f"`{code}` ({cls.status_code})" in enum["description"]


def test_a_success_status_with_errors_in_the_body_is_not_taken_for_a_success() -> None:
    handler = error_answer(200, "EV_BAD_REQUEST_INVALID_FIELDS", field="id")
    with pytest.raises(errors.InvalidFieldsError) as raised:
        facade(handler).users.list_users()
    assert raised.value.status == 200 and raised.value.field == "id"


def test_an_error_page_that_is_not_json_still_raises_by_status() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(502, text="<html>Bad Gateway</html>")

    with pytest.raises(errors.InternalServerError) as raised:
        facade(handler).users.list_users()
    assert raised.value.status == 502 and raised.value.code is None
    assert "Bad Gateway" in raised.value.message


def test_a_success_body_that_breaks_the_schema_is_a_clear_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": {"id": "u1"}})

    with pytest.raises(errors.ResponseValidationError, match="getUser"):
        facade(handler).users.get_user("u1")


def test_raw_gives_the_response_untouched_even_for_an_error() -> None:
    handler = error_answer(404, "EV_OBJECT_NOT_FOUND")
    response = facade(handler).users.with_raw_response.get_user("u1")
    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "EV_OBJECT_NOT_FOUND"


def test_pydantic_models_and_attrs_models_are_accepted_as_bodies() -> None:
    from evocalize_models import UserInput as PydanticUserInput

    bodies: list[Any] = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append(json.loads(request.content))
        return httpx.Response(201, json={"data": {"id": "u1", "email": "a@b.co", "name": "A"}})

    ev = facade(handler)
    user = ev.users.create_or_update_user(body=PydanticUserInput(id="u1", email="a@b.co"))
    assert isinstance(user, User)
    assert bodies == [{"id": "u1", "email": "a@b.co"}]


def test_a_wrong_parameter_names_the_ones_the_operation_takes() -> None:
    ev = facade(lambda request: httpx.Response(200))
    with pytest.raises(TypeError, match="userid"):
        ev.users.get_user(userid="u1")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="positional"):
        cast(Any, ev.users).get_user("u1", "u2")
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'user_id'"):
        ev.users.get_user()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="userId"):
        ev.call("getUser", user="u1")


def test_connection_failures_raise_a_connection_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(errors.APIConnectionError, match=r"sandbox\.test \(from base_url=\)"):
        facade(handler).users.list_users()


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVOCALIZE_BASE_URL", "https://env.test/")
    monkeypatch.setenv("EVOCALIZE_CLIENT_KEY_ID", "env-kid")
    monkeypatch.setenv("EVOCALIZE_CLIENT_KEY", SECRET)
    ev = Evocalize()
    assert ev.settings.base_url == "https://env.test" and ev.settings.key_id == "env-kid"
    assert ev.settings.base_url_source == "environment"
    assert Evocalize("https://arg.test").settings.base_url_source == "argument"
    monkeypatch.delenv("EVOCALIZE_BASE_URL")
    assert Evocalize().settings.base_url_source == "default"


def test_missing_credentials_name_both_ways_to_give_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVOCALIZE_CLIENT_KEY_ID", raising=False)
    monkeypatch.delenv("EVOCALIZE_CLIENT_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="EVOCALIZE_CLIENT_KEY_ID"):
        Evocalize(base_url="http://x.test")
    with pytest.raises(ConfigurationError, match="auth must be"):
        Evocalize("http://x.test", "kid", SECRET, auth="bearer")


def test_no_repr_shows_the_secret() -> None:
    ev = facade(lambda request: httpx.Response(200))
    for shown in (repr(ev), repr(ev.settings), repr(ev.auth), str(ev.__dict__)):
        assert SECRET not in shown


@pytest.mark.anyio
async def test_the_async_facade_has_the_same_surface_and_behaviour() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/missing"):
            return httpx.Response(
                404, json={"errors": [{"message": "gone", "code": "EV_OBJECT_NOT_FOUND"}]}
            )
        assert signature_matches(
            request.headers[SIGNATURE_HEADER],
            request.url.raw_path.decode(),
            request.content,
            request.headers[TIMESTAMP_HEADER],
            SECRET,
        )
        return httpx.Response(201, json={"data": {"id": "u1", "email": "a@b.co", "name": "A"}})

    async with AsyncEvocalize(
        "https://sandbox.test", "kid", SECRET, transport=httpx.MockTransport(handler)
    ) as ev:
        user = await ev.users.create_or_update_user(body={"id": "u1", "email": "a@b.co"})
        assert isinstance(user, User) and user.id == "u1"
        with pytest.raises(errors.ObjectNotFoundError):
            await ev.users.get_user("missing")


def paginated_users(total: int) -> Handler:
    """A fake listing of `total` users, 100 a page, whose tokens are the next offset."""
    users = [
        {"id": f"u{n:03}", "email": f"u{n}@example.com", "name": f"U {n}"} for n in range(total)
    ]

    def handler(request: httpx.Request) -> httpx.Response:
        start = int(request.url.params.get("pageToken", "0"))
        body: dict[str, Any] = {"data": users[start : start + 100]}
        if start + 100 < total:
            body["nextPageToken"] = str(start + 100)
        return httpx.Response(200, json=body)

    return handler


def test_a_listing_returns_its_first_page_and_iterating_it_walks_every_page_lazily() -> None:
    seen: list[str | None] = []
    handler = paginated_users(250)

    def counting(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.params.get("pageToken"))
        return handler(request)

    page = facade(counting).users.list_users()
    assert len(page.data) == 100 and page.next_page_token == "100" and seen == [None]
    walk = iter(page)
    assert [next(walk).id for _ in range(100)][-1] == "u099" and seen == [None]
    assert next(walk).id == "u100" and seen == [None, "100"]
    listed = list(page)
    assert [user.id for user in listed] == [f"u{n:03}" for n in range(250)]
    assert all(isinstance(user, User) for user in listed)
    assert [user.id for user in page.items()] == [user.id for user in listed]


def test_pages_resume_from_the_token_of_a_page_seen_before() -> None:
    ev = facade(paginated_users(250))
    first = ev.users.list_users()
    assert first.has_next_page() and first.next_page_token == "100"
    rest = list(ev.users.list_users(page_token=first.next_page_token).pages())
    assert [len(page.data) for page in rest] == [100, 50]
    assert [page.page_token for page in rest] == ["100", "200"]
    assert not rest[-1].has_next_page()


def test_endless_empty_pages_of_a_listing_end_with_a_clear_error() -> None:
    tokens = iter(range(10**9))

    def empty(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": [], "nextPageToken": f"t{next(tokens)}"})

    with pytest.raises(EmptyPagesError):
        list(facade(empty).users.list_users())


@pytest.mark.anyio
async def test_async_endless_empty_pages_of_a_listing_end_with_a_clear_error() -> None:
    tokens = iter(range(10**9))

    def empty(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": [], "nextPageToken": f"t{next(tokens)}"})

    transport = httpx.MockTransport(empty)
    async with AsyncEvocalize("https://sandbox.test", "kid", SECRET, transport=transport) as ev:
        with pytest.raises(EmptyPagesError):
            [user async for user in ev.users.list_users()]


def test_a_grant_listing_yields_the_grants_inside_data() -> None:
    grant = {
        "grantee": {"type": "ORGANIZATION"},
        "permissions": ["READ"],
    }

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.params["filterByGrantee"] == '{"type":"ORGANIZATION"}'
        return httpx.Response(200, json={"data": {"repositoryId": "r1", "grants": [grant]}})

    ev = facade(handler)
    page = ev.content_access.list_repository_grants(
        "r1", filter_by_grantee={"type": "ORGANIZATION"}
    )
    (found,) = page
    assert found.to_dict() == grant


def test_a_429_is_retried_after_retry_after_and_re_signed_with_a_fresh_timestamp() -> None:
    seen: list[dict[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        # The transport re-signs the same request object: keep each attempt's headers.
        seen.append(dict(request.headers))
        if len(seen) == 1:
            return httpx.Response(429, headers={"Retry-After": "0"})
        return httpx.Response(200, json={"data": []})

    ev = facade(handler, retries=RetryPolicy(max_attempts=3, base_delay=0.001))
    ticks = iter(range(1_700_000_000, 1_700_000_100))
    ev.auth._clock = lambda: float(next(ticks))  # type: ignore[union-attr]
    assert ev.users.list_users().data == []
    assert len(seen) == 2
    stamps = [headers[TIMESTAMP_HEADER.lower()] for headers in seen]
    assert stamps[0] != stamps[1]
    for headers in seen:
        assert signature_matches(
            headers[SIGNATURE_HEADER.lower()],
            "/management/v1/users",
            None,
            headers[TIMESTAMP_HEADER.lower()],
            SECRET,
        )


def test_placing_an_order_is_never_retried() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return error_answer(503, "EV_INTERNAL_SERVER_ERROR")(request)

    ev = facade(handler, retries=RetryPolicy(max_attempts=5, base_delay=0.001))
    with pytest.raises(errors.InternalServerError):
        ev.orders.place_order(
            body=call_arguments(
                next(op for op in operation_specs() if op.operation_id == "placeOrder")
            )["body"]
        )
    assert len(seen) == 1


def test_an_idempotent_upsert_is_retried_after_a_503() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) < 3:
            return error_answer(503, "EV_INTERNAL_SERVER_ERROR")(request)
        return httpx.Response(201, json={"data": {"id": "u1", "email": "a@b.co", "name": "A"}})

    ev = facade(handler, retries=RetryPolicy(max_attempts=5, base_delay=0.001))
    assert ev.users.create_or_update_user(body={"id": "u1", "email": "a@b.co"}).id == "u1"
    assert len(seen) == 3 and len({r.content for r in seen}) == 1


@pytest.mark.anyio
async def test_async_items_follow_every_page() -> None:
    handler = paginated_users(130)
    async with AsyncEvocalize(
        "https://sandbox.test", "kid", SECRET, transport=httpx.MockTransport(handler)
    ) as ev:
        listed = [user.id async for user in ev.users.list_users()]
        first = await ev.users.list_users()
        pages = [len(page.data) async for page in first.pages()]
    assert len(listed) == 130 and listed[-1] == "u129"
    assert first.next_page_token == "100" and pages == [100, 30]


@pytest.mark.parametrize("auth", ["signature", "shared-secret"])
def test_debug_logs_and_errors_never_show_the_key(
    auth: str, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) == 1:
            return httpx.Response(503, headers={"Retry-After": "0"})
        return error_answer(401, "EV_UNAUTHORIZED_INVALID_SECRET")(request)

    caplog.set_level("DEBUG")
    ev = facade(handler, auth=auth, retries=RetryPolicy(max_attempts=2, base_delay=0.001))
    with pytest.raises(errors.InvalidSecretError) as raised:
        ev.users.list_users()
    assert len(calls) == 2 and caplog.records
    assert SECRET not in caplog.text
    assert SECRET not in str(raised.value) and SECRET not in repr(raised.value)


def test_a_code_answered_with_another_status_is_caught_by_both_classes() -> None:
    handler = error_answer(403, "EV_OBJECT_NOT_FOUND")
    with pytest.raises(errors.ObjectNotFoundError) as raised:
        facade(handler).media.get_media("m1")
    assert isinstance(raised.value, errors.PermissionDeniedError)
    assert not isinstance(raised.value, errors.AuthenticationError)
    assert type(raised.value).__name__ == "ObjectNotFoundError"
