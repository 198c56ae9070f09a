"""The generated client sends what the spec describes: for a handful of operations, driven
through `httpx.MockTransport`, the method, the path (ids percent-encoded), the query and the
JSON body match the spec and its examples, and the answer parses into the documented model."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, unquote, unquote_plus

import httpx
import pytest
from evocalize_client import AuthenticatedClient
from evocalize_client.api.audiences import upload_audience_csv
from evocalize_client.api.content_access import delete_repository_grants, list_repository_grants
from evocalize_client.api.orders import place_order
from evocalize_client.api.users import (
    create_or_update_user,
    create_or_update_user_batch,
    get_user,
    list_users,
)
from evocalize_client.models import (
    AudienceCsvUpload,
    ErrorEnvelope,
    GranteeFilter,
    PurchaseOrderInput,
    SubscriptionOrderInput,
    UserEnvelope,
    UserInput,
)
from evocalize_client.types import File
from openapi_doc import Operation, load_spec, operations, resolve
from seed_examples import SEED_PATH

BASE_URL = load_spec()["servers"][0]["url"]
OPERATIONS = {op.id: op for op in operations()}


def examples(node: dict[str, Any]) -> dict[str, Any]:
    media = resolve(node)["content"]["application/json"]
    return {name: resolve(example)["value"] for name, example in media["examples"].items()}


def request_example(operation_id: str, name: str | None = None) -> Any:
    found = examples(OPERATIONS[operation_id].node["requestBody"])
    return found[name] if name else next(iter(found.values()))


class Api:
    """A fake Evocalize that records each request and answers with the spec's own example of
    the operation's response for `status`."""

    def __init__(self, operation_id: str, status: str | None = None) -> None:
        self.op: Operation = OPERATIONS[operation_id]
        responses = self.op.node["responses"]
        self.status = status or next(code for code in responses if code.startswith("2"))
        self.body = next(iter(examples(responses[self.status]).values()))
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(int(self.status), json=self.body)

    def client(self) -> AuthenticatedClient:
        transport = httpx.MockTransport(self)
        return AuthenticatedClient(base_url=BASE_URL, token="", httpx_args={"transport": transport})

    def sent(self, **path_parameters: str) -> httpx.Request:
        """The one request made, checked against the operation's method and path template."""
        (request,) = self.requests
        expected = self.op.path
        for name, value in path_parameters.items():
            expected = expected.replace(f"{{{name}}}", quote(value, safe=""))
        assert request.method == self.op.method.upper()
        assert request.url.raw_path.decode().split("?")[0] == expected
        return request


def json_body(request: httpx.Request) -> Any:
    assert request.headers["content-type"] == "application/json"
    return json.loads(request.content)


def test_get_user_sends_the_id_percent_encoded_in_the_path_and_parses_the_envelope() -> None:
    api = Api("getUser")
    response = get_user.sync_detailed("seattle office/7", client=api.client())
    request = api.sent(userId="seattle office/7")
    assert request.url.raw_path.endswith(b"/user/seattle%20office%2F7")
    assert request.content == b""
    assert isinstance(response.parsed, UserEnvelope)
    assert response.parsed.to_dict() == api.body


def test_the_async_function_sends_the_same_request() -> None:
    api = Api("getUser")
    parsed = asyncio.run(get_user.asyncio("test_user_id", client=api.client()))
    api.sent(userId="test_user_id")
    assert isinstance(parsed, UserEnvelope)
    assert parsed.data.id == api.body["data"]["id"]


def test_list_users_sends_the_page_token_as_a_query_value() -> None:
    api = Api("listUsers")
    list_users.sync_detailed(client=api.client(), page_token="abc/+=")
    request = api.sent()
    assert request.url.params["pageToken"] == "abc/+="
    assert list(request.url.params) == ["pageToken"]


def test_create_or_update_user_posts_the_seed_example_as_json() -> None:
    api = Api("createOrUpdateUser")
    example = request_example("createOrUpdateUser")
    response = create_or_update_user.sync_detailed(
        client=api.client(), body=UserInput.from_dict(example)
    )
    assert json_body(api.sent()) == example
    assert response.status_code == 201


def test_a_batch_posts_its_entries_as_a_json_array() -> None:
    api = Api("createOrUpdateUserBatch")
    example = request_example("createOrUpdateUserBatch")
    body = [UserInput.from_dict(entry) for entry in example]
    create_or_update_user_batch.sync_detailed(client=api.client(), body=body)
    assert json_body(api.sent()) == example
    assert api.status == "202"


def test_delete_repository_grants_sends_its_grantee_filter_in_the_delete_body() -> None:
    api = Api("deleteRepositoryGrants")
    example = request_example("deleteRepositoryGrants")
    delete_repository_grants.sync_detailed(
        "repo_1", client=api.client(), body=GranteeFilter.from_dict(example)
    )
    assert json_body(api.sent(repositoryId="repo_1")) == example


def test_the_grantee_filter_travels_as_json_text_in_the_query_as_the_seed_encodes_it() -> None:
    api = Api("listRepositoryGrants")
    parameter = resolve({"$ref": "#/components/parameters/FilterByGrantee"})
    grantees = next(iter(examples(parameter).values()))
    compact = json.dumps(grantees, separators=(",", ":"))
    list_repository_grants.sync_detailed("repo_1", client=api.client(), filter_by_grantee=compact)
    request = api.sent(repositoryId="repo_1")
    sent = request.url.query.decode().removeprefix("filterByGrantee=")
    assert not set('{}":, ') & set(sent)  # percent-encoded like any query value
    # The seed sends the same grantees as pretty-printed JSON, form-encoded.
    seed = SEED_PATH.read_text(encoding="utf-8")
    seed_encoded = seed.split("?filterByGrantee=")[1].split()[0]
    assert json.loads(unquote(sent)) == json.loads(unquote_plus(seed_encoded)) == grantees


@pytest.mark.parametrize(
    ("name", "model"),
    [
        ("purchase", PurchaseOrderInput.from_dict),
        ("subscription", SubscriptionOrderInput.from_dict),
    ],
)
def test_place_order_sends_either_kind_of_order(
    name: str, model: Callable[[dict[str, Any]], PurchaseOrderInput | SubscriptionOrderInput]
) -> None:
    api = Api("placeOrder")
    example = request_example("placeOrder", name)
    place_order.sync_detailed(client=api.client(), body=model(example))
    assert json_body(api.sent()) == example


def test_upload_audience_csv_sends_the_file_in_the_multipart_field_file() -> None:
    api = Api("uploadAudienceCsv")
    csv = b"email\n" + b"ab" * 32 + b"\n"
    body = AudienceCsvUpload(
        file=File(payload=io.BytesIO(csv), file_name="audience.csv", mime_type="text/csv")
    )
    upload_audience_csv.sync_detailed("placeholder_1", client=api.client(), body=body)
    request = api.sent(placeholderId="placeholder_1")
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="file"; filename="audience.csv"' in request.content
    assert csv in request.content


def test_a_documented_error_parses_into_the_error_envelope() -> None:
    api = Api("getUser", status="404")
    response = get_user.sync_detailed("nobody", client=api.client())
    assert response.status_code == 404
    assert isinstance(response.parsed, ErrorEnvelope)
    assert response.parsed.to_dict() == api.body
