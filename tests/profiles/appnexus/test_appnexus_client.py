"""The generated AppNexus client, with the overlay's strategies, against the fake: every page of a
listing, the session token renewed, each `error_id` decoded, throttling honoured."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from appnexus_client import Client
from appnexus_client.api.authentication import authenticate
from appnexus_client.api.creatives import (
    create_creative,
    delete_creative,
    get_creative,
    get_creative_meta,
    list_creatives,
    update_creative,
)
from appnexus_client.models import (
    AuthRequest,
    Creative,
    CreativeCreateRequest,
    CreativeUpdateRequest,
)
from appnexus_client.types import Unset
from evocalize import errors
from evocalize.calls import acall, afetch_pages, call, fetch_pages
from evocalize.pagination import OffsetPaging, aiter_items, iter_items, iter_pages
from evocalize.profiles import appnexus
from evocalize.retries import NO_RETRIES, retry_policy
from evocalize.session_auth import SessionAuth

from profiles.appnexus.fake_appnexus import (
    PASSWORD,
    READ_ONLY_PASSWORD,
    READ_ONLY_USERNAME,
    USERNAME,
    FakeAppNexus,
)
from profiles.fake_support import client_over

Connect = Callable[[SessionAuth], Client]


def creatives(
    client: Client, paging: OffsetPaging | None = None, **filters: object
) -> list[Creative]:
    fetch = fetch_pages(list_creatives, client, appnexus.ERRORS, **filters)
    return list(
        iter_items(fetch, paging or appnexus.paging("creatives"), convert=Creative.from_dict)
    )


def test_every_page_of_a_250_element_listing_is_fetched_in_order(
    fake: FakeAppNexus, client: Client
) -> None:
    fake.add_creatives(250)
    found = creatives(client)
    assert [c.id for c in found] == list(range(1, 251))
    assert fake.log.lines[1:] == [
        "GET /creative?start_element=0&num_elements=100",
        "GET /creative?start_element=100&num_elements=100",
        "GET /creative?start_element=200&num_elements=100",
    ]


def test_pages_asked_for_over_100_come_back_capped_and_the_walk_counts_what_came(
    fake: FakeAppNexus, client: Client
) -> None:
    fake.add_creatives(250)
    paging = OffsetPaging(items_path=("response", "creatives"), page_size=1000, max_page_size=None)
    fetch = fetch_pages(list_creatives, client, appnexus.ERRORS)
    pages = list(iter_pages(fetch, paging))
    assert [len(page.items) for page in pages] == [100, 100, 50]
    assert [page.raw["response"]["count"] for page in pages] == [250, 250, 250]
    assert [page.next_cursor for page in pages] == [100, 200, None]


def test_filters_and_fields_go_with_every_page(fake: FakeAppNexus, client: Client) -> None:
    fake.add_creatives(150, member_id=7)
    fake.add_creatives(150, member_id=8)
    found = creatives(client, member_id="8", not_id="151,152", fields="id,member_id")
    assert [c.id for c in found] == list(range(153, 301))
    assert {c.member_id for c in found} == {8}
    assert all(isinstance(c.name, Unset) and isinstance(c.code, Unset) for c in found)
    assert fake.log.count(lambda line: "member_id=8" in line) == 2


def test_comma_separated_ids_min_max_like_and_having(fake: FakeAppNexus, client: Client) -> None:
    fake.add_creatives(10)
    fake.creatives[3]["name"] = "Spring Leaderboard"
    fake.creatives[4]["segments"] = [11, 12]
    assert [c.id for c in creatives(client, id="1,2,3")] == [1, 2, 3]
    assert [c.id for c in creatives(client, min_id=4, max_id=6)] == [4, 5, 6]
    assert [c.id for c in creatives(client, like_name="leaderBOARD")] == [3]
    assert [c.id for c in creatives(client, having_segments="12,99")] == [4]


def test_nmin_and_nmax_let_null_values_through(fake: FakeAppNexus, client: Client) -> None:
    fake.add_creatives(1, width=300)
    fake.add_creatives(1, width=728)
    fake.add_creatives(1)  # no width
    assert [c.id for c in creatives(client, nmin_width=500)] == [2, 3]
    assert [c.id for c in creatives(client, nmax_width=500)] == [1, 3]


def test_put_replaces_an_array_unless_append_is_true(fake: FakeAppNexus, client: Client) -> None:
    (creative_id,) = fake.add_creatives(1, segments=[11, 12])
    body = CreativeUpdateRequest.from_dict({"creative": {"segments": [13]}})
    appended = call(
        update_creative, client, appnexus.ERRORS, id=str(creative_id), body=body, append=True
    )
    assert appended.response.creative.segments == [11, 12, 13]
    assert appended.response.creative.name == f"Creative {creative_id}"  # fields not sent stay
    replaced = call(update_creative, client, appnexus.ERRORS, id=str(creative_id), body=body)
    assert replaced.response.creative.segments == [13]


def test_a_created_creative_can_be_read_back_by_the_id_answered(client: Client) -> None:
    body = CreativeCreateRequest.from_dict(
        {"creative": {"name": "Leaderboard", "member_id": 7, "width": 728}}
    )
    created = call(create_creative, client, appnexus.ERRORS, body=body)
    assert created.response.status == "OK"
    read = call(get_creative, client, appnexus.ERRORS, id=str(created.response.id))
    assert read.response.creative.name == "Leaderboard"
    assert read.response.creative.width == 728


def test_meta_describes_each_field_and_its_type(client: Client) -> None:
    meta = call(get_creative_meta, client, appnexus.ERRORS)
    assert meta.response.fields["member_id"].type_ == "int"
    assert meta.response.fields["name"].type_ == "string"


def test_an_expired_session_token_is_renewed_once_and_the_request_replayed(
    fake: FakeAppNexus, client: Client, auth: SessionAuth
) -> None:
    fake.add_creatives(3)
    assert len(creatives(client)) == 3
    fake.tokens.expire_all()
    assert len(creatives(client)) == 3
    assert fake.logins == auth.obtained == 2
    assert [line.split("?")[0] for line in fake.log.lines] == [
        "POST /auth",
        "GET /creative",
        "GET /creative",  # refused: NOAUTH
        "POST /auth",
        "GET /creative",
    ]


def test_a_wrong_password_raises_noauth_after_one_login_attempt(
    fake: FakeAppNexus, connect: Connect
) -> None:
    client = connect(appnexus.session_auth(USERNAME, "wrong"))
    with pytest.raises(errors.AuthenticationError) as caught:
        creatives(client)
    assert caught.value.code == "NOAUTH"
    assert caught.value.message == "No match found for user/pass"
    assert fake.log.lines == ["POST /auth"]


def test_neither_password_nor_token_shows_in_reprs_or_errors(
    fake: FakeAppNexus, client: Client, auth: SessionAuth, connect: Connect
) -> None:
    creatives(client)
    token = next(iter(fake.tokens.issued))
    assert PASSWORD not in repr(auth) and token not in repr(auth)
    bad = appnexus.session_auth(USERNAME, "a-wrong-password")
    with pytest.raises(errors.AuthenticationError) as caught:
        creatives(connect(bad))
    assert "a-wrong-password" not in str(caught.value) and "a-wrong-password" not in repr(bad)


def test_the_login_operation_of_the_generated_client_answers_the_token(
    fake: FakeAppNexus, pauses: list[float]
) -> None:
    client = client_over(Client, "https://api.adnxs.com", appnexus.PROFILE, fake.app, None, pauses)
    body = AuthRequest.from_dict({"auth": {"username": USERNAME, "password": PASSWORD}})
    answered = call(authenticate, client, appnexus.ERRORS, body=body)
    assert fake.tokens.valid(answered.response.token)


@pytest.mark.parametrize(
    ("arrange", "act", "error_class", "status", "error_id"),
    [
        pytest.param(
            lambda fake: None,
            "read-only-create",
            errors.PermissionDeniedError,
            403,
            "UNAUTH",
            id="UNAUTH",
        ),
        pytest.param(
            lambda fake: None,
            "too-many-elements",
            errors.BadRequestError,
            400,
            "SYNTAX",
            id="SYNTAX",
        ),
        pytest.param(
            lambda fake: None,
            "unknown-creative",
            errors.NotFoundError,
            404,
            "NOT_FOUND",
            id="NOT_FOUND",
        ),
        pytest.param(
            lambda fake: fake.in_use.add(1),
            "delete",
            errors.ConflictError,
            409,
            "INTEGRITY",
            id="INTEGRITY",
        ),
        pytest.param(
            lambda fake: setattr(fake, "failures", 1),
            "get",
            errors.InternalServerError,
            500,
            "SYSTEM",
            id="SYSTEM",
        ),
    ],
)
def test_each_error_id_is_decoded_into_its_typed_error(
    fake: FakeAppNexus,
    connect: Connect,
    arrange: object,
    act: str,
    error_class: type[errors.APIError],
    status: int,
    error_id: str,
) -> None:
    fake.add_creatives(1)
    assert callable(arrange)
    arrange(fake)
    user = (
        (READ_ONLY_USERNAME, READ_ONLY_PASSWORD)
        if act == "read-only-create"
        else (USERNAME, PASSWORD)
    )
    client = connect(appnexus.session_auth(*user))
    actions = {
        "read-only-create": lambda: call(
            create_creative,
            client,
            appnexus.ERRORS,
            body=CreativeCreateRequest.from_dict({"creative": {"name": "x", "member_id": 7}}),
        ),
        "too-many-elements": lambda: call(
            list_creatives, client, appnexus.ERRORS, num_elements=5000
        ),
        "unknown-creative": lambda: call(get_creative, client, appnexus.ERRORS, id="999"),
        "delete": lambda: call(delete_creative, client, appnexus.ERRORS, id="1"),
        "get": lambda: call(get_creative, client, appnexus.ERRORS, id="1"),
    }
    with retry_policy(NO_RETRIES), pytest.raises(error_class) as caught:
        actions[act]()
    assert (caught.value.status, caught.value.code) == (status, error_id)
    assert caught.value.message


@pytest.mark.parametrize("status", [429, 405])
def test_rate_exceeded_is_honoured_with_its_retry_after(
    fake: FakeAppNexus, client: Client, pauses: list[float], status: int
) -> None:
    fake.add_creatives(2)
    call(get_creative_meta, client, appnexus.ERRORS)  # logged in
    fake.throttle.remaining, fake.throttle.retry_after, fake.throttle.status = 2, 3, status
    assert len(creatives(client)) == 2
    assert fake.throttle.refused == 2
    assert pauses == [3.0, 3.0]
    assert fake.log.count(lambda line: line.startswith("GET /creative?")) == 3


def test_a_throttled_login_is_retried_as_the_profile_marks_it_idempotent(
    fake: FakeAppNexus, client: Client, pauses: list[float]
) -> None:
    fake.throttle.remaining, fake.throttle.status = 1, 405
    assert creatives(client) == []
    assert fake.log.lines[:2] == ["POST /auth", "POST /auth"] and fake.logins == 1
    assert pauses == [1.0]


@pytest.mark.parametrize(
    ("status", "also"), [(429, errors.RateLimitError), (405, errors.MethodNotAllowedError)]
)
def test_rate_exceeded_is_a_rate_limit_error_whatever_its_status(
    fake: FakeAppNexus, client: Client, status: int, also: type[errors.APIError]
) -> None:
    fake.throttle.remaining, fake.throttle.status = 1, status
    with retry_policy(NO_RETRIES), pytest.raises(errors.RateLimitError) as caught:
        creatives(client)
    assert isinstance(caught.value, also)
    assert (caught.value.status, caught.value.code) == (status, "RATE_EXCEEDED")


def test_a_405_that_is_not_rate_exceeded_is_not_retried(
    fake: FakeAppNexus, client: Client, pauses: list[float]
) -> None:
    # DELETE may be repeated (RFC 9110), so only the body tells this 405 from throttling.
    response = client.get_httpx_client().request("DELETE", "/creative")
    assert response.status_code == 405
    assert response.json()["response"]["error_id"] == "SYNTAX"
    assert response.headers["Allow"] == "GET, POST"
    assert pauses == [] and fake.log.lines == ["POST /auth", "DELETE /creative"]


def test_a_throttled_create_is_not_repeated_because_the_profile_says_it_is_not_idempotent(
    fake: FakeAppNexus, client: Client, pauses: list[float]
) -> None:
    call(get_creative_meta, client, appnexus.ERRORS)  # logged in
    fake.throttle.remaining = 1
    body = CreativeCreateRequest.from_dict({"creative": {"name": "once", "member_id": 7}})
    with pytest.raises(errors.RateLimitError):
        call(create_creative, client, appnexus.ERRORS, body=body)
    assert pauses == [] and fake.creatives == {}


@pytest.mark.anyio
async def test_the_async_client_pages_renews_and_waits_alike(
    fake: FakeAppNexus, auth: SessionAuth
) -> None:
    fake.add_creatives(250)
    waited: list[float] = []

    async def sleep(seconds: float) -> None:
        waited.append(seconds)

    args = appnexus.PROFILE.httpx_args(auth, transport=httpx.ASGITransport(fake.app), sleep=sleep)
    client = Client(base_url="https://api.adnxs.com", httpx_args=args)
    fetch = afetch_pages(list_creatives, client, appnexus.ERRORS)
    first = [
        c.id
        async for c in aiter_items(fetch, appnexus.paging("creatives"), convert=Creative.from_dict)
    ]
    fake.tokens.expire_all()
    fake.throttle.remaining, fake.throttle.status = 1, 405
    meta = await acall(get_creative_meta, client, appnexus.ERRORS)
    assert first == list(range(1, 251))
    assert meta.response.status == "OK"
    assert auth.obtained == 2 and waited == [1.0]
