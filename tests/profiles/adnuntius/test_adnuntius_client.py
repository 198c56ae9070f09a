"""The generated Adnuntius client, with the overlay's strategies, against the fake: every page of a
listing, upserts with and without an id, HEAD existence, the access token renewed, each error
decoded from its translatable message, throttling honoured."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from adnuntius_client import Client
from adnuntius_client.api.line_items import (
    get_line_item,
    line_item_exists,
    list_line_items,
    put_line_item,
    put_line_items,
    upsert_line_item,
    upsert_line_items,
)
from adnuntius_client.models import LineItem, LineItemChanges, LineItemListEntry
from evocalize import errors
from evocalize.calls import aexists, afetch_pages, call, exists, fetch_pages
from evocalize.pagination import NumberedPaging, aiter_items, iter_items, iter_pages
from evocalize.profiles import adnuntius
from evocalize.retries import NO_RETRIES, retry_policy
from evocalize.session_auth import SessionAuth

from profiles.adnuntius.fake_adnuntius import NETWORK, PASSWORD, USERNAME, FakeAdnuntius

Connect = Callable[[SessionAuth], Client]


def line_items(
    client: Client, paging: NumberedPaging | None = None, **filters: Any
) -> list[LineItem]:
    fetch = fetch_pages(list_line_items, client, adnuntius.ERRORS, context=NETWORK, **filters)
    return list(iter_items(fetch, paging or adnuntius.paging(), convert=LineItem.from_dict))


def upsert(
    client: Client, item_id: str, operation: Any = upsert_line_item, **changes: Any
) -> LineItem:
    body = LineItemChanges.from_dict(changes)
    stored: LineItem = call(
        operation, client, adnuntius.ERRORS, id=item_id, context=NETWORK, body=body
    )
    return stored


def test_every_page_of_a_250_item_listing_is_fetched_counting_pages_from_0(
    fake: FakeAdnuntius, client: Client
) -> None:
    fake.add_line_items(250)
    found = line_items(client, adnuntius.paging(page_size=100))
    assert [item.id for item in found] == [f"li-{n}" for n in range(1, 251)]
    pages = [line.split("?")[1] for line in fake.log.lines if line.startswith("GET")]
    assert [dict(part.split("=") for part in query.split("&"))["page"] for query in pages] == [
        "0",
        "1",
        "2",
    ]


def test_the_walk_ends_at_the_total_whatever_the_page_size(
    fake: FakeAdnuntius, client: Client
) -> None:
    fake.add_line_items(250)
    fetch = fetch_pages(list_line_items, client, adnuntius.ERRORS, context=NETWORK)
    pages = list(iter_pages(fetch, NumberedPaging(page_size=125)))
    assert [len(page.items) for page in pages] == [125, 125]
    assert pages[-1].next_cursor is None


def test_hidden_line_items_are_listed_only_with_include_hidden_but_read_by_id(
    fake: FakeAdnuntius, client: Client
) -> None:
    fake.add_line_items(2)
    (hidden,) = fake.add_line_items(1, objectState="HIDDEN")
    assert [item.id for item in line_items(client)] == ["li-1", "li-2"]
    assert [item.id for item in line_items(client, include_hidden=True)] == ["li-1", "li-2", hidden]
    read = call(get_line_item, client, adnuntius.ERRORS, id=hidden, context=NETWORK)
    assert read.object_state == "HIDDEN"


def test_semicolon_delimited_ids_list_only_those(fake: FakeAdnuntius, client: Client) -> None:
    fake.add_line_items(5)
    assert [item.id for item in line_items(client, ids="li-2;li-4")] == ["li-2", "li-4"]


@pytest.mark.parametrize("operation", [upsert_line_item, put_line_item], ids=["POST", "PUT"])
def test_put_and_post_with_an_id_create_then_update_only_the_fields_sent(
    fake: FakeAdnuntius, client: Client, operation: Any
) -> None:
    created = upsert(client, "spring", operation, name="Spring", targeting=["shoes", "hats"])
    assert (created.id, created.name, created.object_state) == ("spring", "Spring", "ACTIVE")
    updated = upsert(client, "spring", operation, objectState="INACTIVE")
    assert (updated.name, updated.object_state, updated.targeting) == (
        "Spring",
        "INACTIVE",
        ["shoes", "hats"],
    )
    emptied = upsert(client, "spring", operation, targeting=[])
    assert emptied.targeting == []  # a collection sent replaces the stored one, even empty
    assert list(fake.line_items) == ["spring"]


@pytest.mark.parametrize("operation", [upsert_line_items, put_line_items], ids=["POST", "PUT"])
def test_a_list_without_id_in_the_path_is_upserted_together(
    fake: FakeAdnuntius, client: Client, operation: Any
) -> None:
    (existing,) = fake.add_line_items(1)
    body = [
        LineItemListEntry.from_dict({"id": existing, "name": "Renamed"}),
        LineItemListEntry.from_dict({"name": "Brand new"}),
    ]
    answer = call(operation, client, adnuntius.ERRORS, context=NETWORK, body=body)
    assert answer.total_count == 2
    assert [item.name for item in answer.results] == ["Renamed", "Brand new"]
    assert fake.line_items[existing]["name"] == "Renamed"
    assert len(fake.line_items) == 2


def test_one_invalid_object_in_a_list_stores_none_and_names_the_field(
    fake: FakeAdnuntius, client: Client
) -> None:
    fake.add_line_items(1)
    body = [{"id": "li-1", "name": "Renamed"}, {"id": "li-2", "objectState": "DELETED"}]
    response = client.get_httpx_client().post(f"/api/v1/lineitems?context={NETWORK}", json=body)
    with pytest.raises(errors.BadRequestError) as caught:
        adnuntius.ERRORS.raise_for(response)
    assert caught.value.code == "validation.error.invalid"
    assert caught.value.field == "1.objectState"
    assert caught.value.message.startswith("1.objectState is invalid: 'DELETED' is not one of")
    assert caught.value.details["type"] == "ValidationErrorMessage"
    assert fake.line_items["li-1"]["name"] == "Line item 1"
    assert "li-2" not in fake.line_items


def test_a_stored_line_item_carries_validation_warnings_about_its_data(client: Client) -> None:
    item = upsert(
        client, "unnamed", startDate="2026-03-31T00:00:00Z", endDate="2026-03-01T00:00:00Z"
    )
    assert isinstance(item.validation_warnings, list)
    assert [(w.code, w.to_dict()["params"]["field"]) for w in item.validation_warnings] == [
        ("validation.warning.required", "name"),
        ("validation.warning.end.before.start", "endDate"),
    ]
    fixed = upsert(client, "unnamed", name="Named", endDate="2026-04-30T00:00:00Z")
    assert fixed.validation_warnings == []


def test_head_answers_whether_a_line_item_exists_hidden_or_not(
    fake: FakeAdnuntius, client: Client
) -> None:
    (hidden,) = fake.add_line_items(1, objectState="HIDDEN")
    assert exists(line_item_exists, client, adnuntius.ERRORS, id=hidden, context=NETWORK) is True
    assert (
        exists(line_item_exists, client, adnuntius.ERRORS, id="nothing", context=NETWORK) is False
    )


def test_head_raises_rather_than_answering_no_when_it_is_not_allowed(client: Client) -> None:
    with pytest.raises(errors.PermissionDeniedError):
        exists(line_item_exists, client, adnuntius.ERRORS, id="li-1", context="network_2")


def test_an_expired_access_token_is_renewed_once_and_the_request_replayed(
    fake: FakeAdnuntius, client: Client, auth: SessionAuth
) -> None:
    fake.add_line_items(1)
    assert exists(line_item_exists, client, adnuntius.ERRORS, id="li-1", context=NETWORK)
    fake.tokens.expire_all()
    assert exists(line_item_exists, client, adnuntius.ERRORS, id="li-1", context=NETWORK)
    assert fake.logins == auth.obtained == 2
    assert [line.split("?")[0] for line in fake.log.lines] == [
        "POST /api/authenticate",
        "HEAD /api/v1/lineitems/li-1",
        "HEAD /api/v1/lineitems/li-1",  # refused: expired
        "POST /api/authenticate",
        "HEAD /api/v1/lineitems/li-1",
    ]


def test_the_token_is_sent_as_a_bearer_token_and_shown_nowhere(
    fake: FakeAdnuntius, client: Client, auth: SessionAuth
) -> None:
    line_items(client)
    (token,) = fake.tokens.issued
    request = client.get_httpx_client().build_request("GET", "/")
    flow = auth.auth_flow(request)
    assert next(flow).headers["Authorization"] == f"Bearer {token}"
    assert token not in repr(auth) and PASSWORD not in repr(auth)


@pytest.mark.parametrize(
    ("arrange", "context", "error_class", "status", "code", "message"),
    [
        pytest.param(
            None,
            "network_2",
            errors.PermissionDeniedError,
            403,
            "error.api.network.forbidden",
            "No access to network network_2",
            id="403",
        ),
        pytest.param(
            None,
            NETWORK,
            errors.NotFoundError,
            404,
            "error.api.not.found",
            "No line item li-9",
            id="404",
        ),
        pytest.param(
            "throttle",
            NETWORK,
            errors.RateLimitError,
            429,
            "error.api.too.many.requests",
            "Too many requests: try again in 1 seconds",
            id="429",
        ),
        pytest.param(
            "fail",
            NETWORK,
            errors.InternalServerError,
            500,
            "error.api.server",
            "Something went wrong",
            id="500",
        ),
    ],
)
def test_each_error_answer_is_decoded_from_its_translatable_message(
    fake: FakeAdnuntius,
    client: Client,
    arrange: str | None,
    context: str,
    error_class: type[errors.APIError],
    status: int,
    code: str,
    message: str,
) -> None:
    line_items(client)  # logged in
    if arrange == "throttle":
        fake.throttle.remaining = 1
    elif arrange == "fail":
        fake.failures = 1
    with retry_policy(NO_RETRIES), pytest.raises(error_class) as caught:
        call(get_line_item, client, adnuntius.ERRORS, id="li-9", context=context)
    assert (caught.value.status, caught.value.code, caught.value.message) == (status, code, message)


def test_a_wrong_password_raises_authentication_error_after_one_attempt(
    fake: FakeAdnuntius, connect: Connect
) -> None:
    client = connect(adnuntius.session_auth(USERNAME, "wrong"))
    with pytest.raises(errors.AuthenticationError) as caught:
        line_items(client)
    assert caught.value.code == "error.api.authentication.failed"
    assert fake.log.lines == ["POST /api/authenticate"]


def test_a_429_is_honoured_with_its_retry_after(
    fake: FakeAdnuntius, client: Client, pauses: list[float]
) -> None:
    fake.add_line_items(3)
    line_items(client)  # logged in
    fake.throttle.remaining, fake.throttle.retry_after = 2, 4
    assert len(line_items(client)) == 3
    assert pauses == [4.0, 4.0]


def test_a_throttled_upsert_is_repeated_because_the_profile_marks_it_idempotent(
    fake: FakeAdnuntius, client: Client, pauses: list[float]
) -> None:
    line_items(client)  # logged in
    fake.throttle.remaining = 1
    assert upsert(client, "again", name="Again").name == "Again"
    assert pauses == [1.0]
    assert fake.log.count(lambda line: line.startswith("POST /api/v1/lineitems/again")) == 2


@pytest.mark.anyio
async def test_the_async_client_pages_renews_and_checks_existence_alike(
    fake: FakeAdnuntius, auth: SessionAuth
) -> None:
    fake.add_line_items(250)
    args = adnuntius.PROFILE.httpx_args(auth, transport=httpx.ASGITransport(fake.app))
    client = Client(base_url="https://api.adnuntius.com", httpx_args=args)
    fetch = afetch_pages(list_line_items, client, adnuntius.ERRORS, context=NETWORK)
    found = [
        item.id async for item in aiter_items(fetch, adnuntius.paging(), convert=LineItem.from_dict)
    ]
    fake.tokens.expire_all()
    assert await aexists(line_item_exists, client, adnuntius.ERRORS, id="li-250", context=NETWORK)
    assert not await aexists(
        line_item_exists, client, adnuntius.ERRORS, id="li-251", context=NETWORK
    )
    assert len(found) == 250 and auth.obtained == 2
