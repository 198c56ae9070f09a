"""Pagination: a listing is walked one page at a time, lazily, whichever convention the API pages
with: Evocalize's opaque tokens, AppNexus's offsets and count, Adnuntius's numbered pages. A walk
resumes from a page's cursor, ends on an empty listing, and refuses to walk in a circle."""

from __future__ import annotations

import base64
import json
import tracemalloc
from collections.abc import Callable, Mapping
from typing import Any

import httpx
import pytest
from evocalize.pagination import (
    CycleGuard,
    EmptyPagesError,
    NumberedPaging,
    OffsetPaging,
    Page,
    PaginationError,
    PagingStrategy,
    RepeatedCursorError,
    TokenPaging,
    aiter_items,
    aiter_pages,
    iter_items,
    iter_pages,
)
from evocalize.retries import AsyncRetryTransport, RetryPolicy, RetryTransport
from evocalize.spec import operation_spec, operation_specs, resolve
from evocalize_client import AuthenticatedClient
from evocalize_client.api.users import list_users
from evocalize_client.models import User
from evocalize_client.types import UNSET

BASE_URL = "https://partner-api-production.evocalize.com"
# The tests of the guards that end a walk: a broken guard walks for ever, and pytest-timeout
# fails the test instead of letting it hang.
UNENDING_IF_BROKEN = pytest.mark.timeout(30)


class FakeApi:
    """A listing of `total` numbered items served in one paging convention; records the
    parameters of every page asked for."""

    strategy: PagingStrategy

    def __init__(self, total: int = 250) -> None:
        self.items = list(range(total))
        self.calls: list[dict[str, Any]] = []

    def __call__(self, params: dict[str, Any]) -> Mapping[str, Any]:
        self.calls.append(params)
        return self.page(params)

    async def afetch(self, params: dict[str, Any]) -> Mapping[str, Any]:
        return self(params)

    def page(self, params: dict[str, Any]) -> Mapping[str, Any]:
        raise NotImplementedError


def token_for(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def offset_of(token: str) -> int:
    return int(base64.urlsafe_b64decode(token).decode().removeprefix("offset:"))


class Evocalize(FakeApi):
    """100 items a page, opaque tokens, `nextPageToken` absent on the last page."""

    strategy = TokenPaging()

    def page(self, params: dict[str, Any]) -> Mapping[str, Any]:
        start = offset_of(params["pageToken"]) if "pageToken" in params else 0
        body: dict[str, Any] = {"data": self.items[start : start + 100]}
        if start + 100 < len(self.items):
            body["nextPageToken"] = token_for(start + 100)
        if start:
            body["previousPageToken"] = token_for(max(0, start - 100))
        return body


class AppNexus(FakeApi):
    """Offsets; everything under `response`; at most 100 a page whatever is asked for."""

    strategy = OffsetPaging(items_path="response.creatives")

    def page(self, params: dict[str, Any]) -> Mapping[str, Any]:
        start, size = int(params["start_element"]), min(int(params["num_elements"]), 100)
        creatives = self.items[start : start + size]
        return {"response": {"status": "OK", "count": len(self.items), "creatives": creatives}}


class Adnuntius(FakeApi):
    """Numbered pages from 0, echoing `page` and `pageSize`, with `totalCount`."""

    strategy = NumberedPaging(page_size=100)

    def page(self, params: dict[str, Any]) -> Mapping[str, Any]:
        page, size = int(params["page"]), int(params.get("pageSize", 50))
        results = self.items[page * size : (page + 1) * size]
        return {"page": page, "pageSize": size, "totalCount": len(self.items), "results": results}


APIS = [Evocalize, AppNexus, Adnuntius]


@pytest.mark.parametrize("api_type", APIS)
def test_250_items_come_in_3_pages_of_at_most_100(api_type: type[FakeApi]) -> None:
    api = api_type()
    pages = list(iter_pages(api, api.strategy))
    assert [len(page.items) for page in pages] == [100, 100, 50]
    assert [item for page in pages for item in page.items] == list(range(250))
    assert pages[-1].next_cursor is None
    assert len(api.calls) == 3


@pytest.mark.parametrize("api_type", APIS)
def test_items_are_the_items_of_every_page_in_order(api_type: type[FakeApi]) -> None:
    api = api_type()
    assert list(iter_items(api, api.strategy)) == list(range(250))


def test_each_convention_asks_for_its_pages_in_its_own_parameters() -> None:
    evocalize, appnexus, adnuntius = Evocalize(), AppNexus(), Adnuntius()
    for api in (evocalize, appnexus, adnuntius):
        list(iter_pages(api, api.strategy))
    assert evocalize.calls == [{}, {"pageToken": token_for(100)}, {"pageToken": token_for(200)}]
    assert appnexus.calls == [
        {"start_element": start, "num_elements": 100} for start in (0, 100, 200)
    ]
    assert adnuntius.calls == [{"page": page, "pageSize": 100} for page in (0, 1, 2)]


@pytest.mark.parametrize("api_type", APIS)
def test_filters_go_with_every_page(api_type: type[FakeApi]) -> None:
    api = api_type()
    list(iter_pages(api, api.strategy, params={"status": "ACTIVE"}))
    assert [call["status"] for call in api.calls] == ["ACTIVE"] * 3


def test_each_page_keeps_the_raw_page_it_was_read_from() -> None:
    api = Evocalize()
    first = next(iter_pages(api, api.strategy))
    assert first.raw["nextPageToken"] == first.next_cursor == token_for(100)
    assert first.cursor is None


@pytest.mark.parametrize("api_type", APIS)
def test_a_walk_resumes_at_the_cursor_of_an_earlier_page(api_type: type[FakeApi]) -> None:
    api = api_type()
    first = next(iter_pages(api, api.strategy))
    assert first.next_cursor is not None
    resumed = list(iter_pages(api, api.strategy, start=first.next_cursor))
    assert resumed[0].cursor == first.next_cursor
    assert [item for page in resumed for item in page.items] == list(range(100, 250))
    assert len(api.calls) == 1 + 2


@pytest.mark.parametrize("api_type", APIS)
def test_an_empty_listing_is_one_empty_page(api_type: type[FakeApi]) -> None:
    api = api_type(total=0)
    pages = list(iter_pages(api, api.strategy))
    assert [(page.items, page.next_cursor) for page in pages] == [([], None)]
    assert list(iter_items(api, api.strategy)) == []


@pytest.mark.parametrize("body", [{}, {"data": None}, {"data": []}])
def test_an_empty_page_may_leave_out_its_items(body: dict[str, Any]) -> None:
    assert list(iter_items(lambda params: body, TokenPaging())) == []


def test_items_that_are_not_a_list_are_a_clear_error() -> None:
    with pytest.raises(PaginationError, match="list of items at 'data', found dict"):
        list(iter_items(lambda params: {"data": {"id": "1"}}, TokenPaging()))


def test_a_server_that_hands_out_the_same_token_again_is_stopped() -> None:
    calls: list[dict[str, Any]] = []

    def stuck(params: dict[str, Any]) -> Mapping[str, Any]:
        calls.append(params)
        return {"data": [len(calls)], "nextPageToken": "again"}

    pages = iter_pages(stuck, TokenPaging())
    assert [page.items for page in (next(pages), next(pages))] == [[1], [2]]
    with pytest.raises(RepeatedCursorError, match="'again' after 2 pages"):
        next(pages)
    assert len(calls) == 2


@UNENDING_IF_BROKEN
def test_a_token_pointing_back_at_an_earlier_page_is_stopped() -> None:
    answers = {None: "b", "b": "c", "c": "b"}

    def cycle(params: dict[str, Any]) -> Mapping[str, Any]:
        return {"data": [1], "nextPageToken": answers[params.get("pageToken")]}

    with pytest.raises(RepeatedCursorError):
        list(iter_pages(cycle, TokenPaging()))


@UNENDING_IF_BROKEN
def test_a_long_cycle_is_stopped_with_memory_that_does_not_grow() -> None:
    # Page n names page n + 1, and page 1299 names page 1000 again: a 300-page cycle, longer
    # than the cursors the walk remembers exactly.
    fetched: list[int] = []

    def cycle(params: dict[str, Any]) -> Mapping[str, Any]:
        page = int(params.get("pageToken") or 0)
        fetched.append(page)
        following = page + 1 if page < 1299 else 1000
        return {"data": [page], "nextPageToken": str(following)}

    walk = iter_pages(cycle, TokenPaging())
    with pytest.raises(RepeatedCursorError, match=r"pointed again at the page '1\d{3}'"):
        for _ in walk:
            pass
    assert fetched[:1300] == list(range(1300))
    # Caught before twice the pages it took to close the cycle.
    assert len(fetched) < 2 * 1300


def test_the_cycle_guard_keeps_memory_flat_however_long_the_listing() -> None:
    """Walking 20,000 distinct pages keeps no more than a walk of 2,000: the guard remembers a
    bounded number of cursors, never all of them (M5d)."""

    def endless(params: dict[str, Any]) -> Mapping[str, Any]:
        page = int(params.get("pageToken") or 0)
        return {"data": [page], "nextPageToken": f"cursor-{page + 1:08d}-{'x' * 40}"[-60:]}

    def fetched(params: dict[str, Any]) -> Mapping[str, Any]:
        token = params.get("pageToken")
        return endless({"pageToken": token.split("-")[1] if token else None})

    walk = iter_pages(fetched, TokenPaging())
    tracemalloc.start()
    try:
        for _ in range(2_000):
            next(walk)
        after_2000 = tracemalloc.get_traced_memory()[0]
        for _ in range(18_000):
            next(walk)
        after_20000 = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    # 18,000 more remembered cursors would hold over a megabyte.
    assert after_20000 - after_2000 < 64 * 1024


@UNENDING_IF_BROKEN
def test_endless_empty_pages_end_the_walk_with_a_clear_error() -> None:
    """A server that keeps handing out fresh tokens with empty pages (M5): stopped, never
    followed for ever, and `.items()` does not hang."""
    calls = 0

    def empty(params: dict[str, Any]) -> Mapping[str, Any]:
        nonlocal calls
        calls += 1
        return {"data": [], "nextPageToken": f"fresh-{calls}"}

    with pytest.raises(EmptyPagesError, match="empty pages in a row"):
        list(iter_items(empty, TokenPaging()))
    assert calls == CycleGuard.MAX_EMPTY_PAGES + 1
    assert issubclass(EmptyPagesError, PaginationError)


def test_empty_pages_between_items_are_followed() -> None:
    """Only empty pages in a row count: a listing with items now and then walks to its end."""

    def sparse(params: dict[str, Any]) -> Mapping[str, Any]:
        page = int(params.get("pageToken") or 0)
        data = [page] if page % CycleGuard.MAX_EMPTY_PAGES == 0 else []
        following = (
            {"nextPageToken": str(page + 1)} if page < 3 * CycleGuard.MAX_EMPTY_PAGES else {}
        )
        return {"data": data, **following}

    assert list(iter_items(sparse, TokenPaging())) == [0, 100, 200, 300]


@UNENDING_IF_BROKEN
def test_a_token_equal_to_the_resume_cursor_is_stopped() -> None:
    def same(params: dict[str, Any]) -> Mapping[str, Any]:
        return {"data": [1], "nextPageToken": params["pageToken"]}

    with pytest.raises(RepeatedCursorError):
        list(iter_pages(same, TokenPaging(), start="t1"))


def test_an_empty_page_that_names_a_next_token_is_followed() -> None:
    pages: dict[str | None, Mapping[str, Any]] = {
        None: {"data": [], "nextPageToken": "t2"},
        "t2": {"data": [1, 2]},
    }
    assert list(iter_items(lambda params: pages[params.get("pageToken")], TokenPaging())) == [1, 2]


def test_nothing_is_fetched_before_the_first_page_is_asked_for() -> None:
    api = Evocalize()
    pages = iter_pages(api, api.strategy)
    items = iter_items(api, api.strategy)
    assert api.calls == []
    next(pages)
    assert len(api.calls) == 1
    next(items)
    assert len(api.calls) == 2


def test_one_page_is_fetched_at_a_time() -> None:
    api = Evocalize()
    items = iter_items(api, api.strategy)
    for _ in range(100):
        next(items)
    assert len(api.calls) == 1
    next(items)
    assert len(api.calls) == 2


def test_convert_maps_each_raw_item() -> None:
    api = Evocalize()
    pages = list(iter_pages(api, api.strategy, convert=str))
    assert pages[0].items[:2] == ["0", "1"]
    assert list(iter_items(api, api.strategy, convert=lambda n: n * 2))[-1] == 498


# --- Evocalize's listings, from the spec


def spec_examples_of_pages() -> list[tuple[str, Mapping[str, Any]]]:
    found = []
    for op in operation_specs():
        if op.paginated:
            media = resolve(op.node["responses"]["200"])["content"]["application/json"]
            for example in media["examples"].values():
                found.append((op.operation_id, resolve(example)["value"]))
    return found


@pytest.mark.parametrize(("operation_id", "example"), spec_examples_of_pages())
def test_every_listing_of_the_spec_reads_its_own_example_page(
    operation_id: str, example: Mapping[str, Any]
) -> None:
    page = TokenPaging.for_operation(operation_spec(operation_id)).read(example, {})
    assert page.items and all(isinstance(item, dict) for item in page.items)
    assert page.next_cursor == example.get("nextPageToken")


def test_grant_listings_keep_their_items_under_data_grants() -> None:
    strategy = TokenPaging.for_operation(operation_spec("listRepositoryGrants"))
    assert strategy.items_field == ("data", "grants")
    assert TokenPaging.for_operation(operation_spec("listUsers")).items_field == ("data",)


def test_only_a_paginated_listing_has_token_paging() -> None:
    with pytest.raises(ValueError, match="getUser is not a paginated listing"):
        TokenPaging.for_operation(operation_spec("getUser"))


# --- offsets (AppNexus)


def test_offsets_never_ask_for_more_than_the_maximum_page() -> None:
    api = AppNexus()
    list(iter_pages(api, OffsetPaging(items_path="response.creatives", page_size=1000)))
    assert {call["num_elements"] for call in api.calls} == {100}


def test_offsets_advance_by_the_items_that_came_back_when_the_server_caps_silently() -> None:
    api = AppNexus()
    strategy = OffsetPaging(items_path="response.creatives", page_size=250, max_page_size=None)
    assert list(iter_items(api, strategy)) == list(range(250))
    assert [call["start_element"] for call in api.calls] == [0, 100, 200]


def test_offsets_without_a_count_stop_at_a_short_page() -> None:
    api = AppNexus()
    strategy = OffsetPaging(items_path="response.creatives", count_field=None)
    assert list(iter_items(api, strategy)) == list(range(250))
    assert len(api.calls) == 3


def test_offsets_stop_at_an_empty_page_whatever_the_count_says() -> None:
    def lying(params: dict[str, Any]) -> Mapping[str, Any]:
        start = params["start_element"]
        return {"response": {"count": 1000, "creatives": [start] if start < 2 else []}}

    assert list(iter_items(lying, OffsetPaging(items_path="response.creatives"))) == [0, 1]


def test_items_and_counts_may_be_located_by_a_function() -> None:
    api = AppNexus()
    strategy = OffsetPaging(
        items_path=lambda raw: raw["response"]["creatives"],
        count_field=lambda raw: raw["response"]["count"],
    )
    assert len(list(iter_items(api, strategy))) == 250


def test_a_cursor_that_is_not_an_offset_is_a_clear_error() -> None:
    with pytest.raises(PaginationError, match="expected a number as cursor"):
        list(iter_items(AppNexus(), AppNexus.strategy, start="abc"))


# --- numbered pages (Adnuntius)


def test_numbered_pages_use_the_page_size_the_server_reports() -> None:
    api = Adnuntius()
    assert list(iter_items(api, NumberedPaging())) == list(range(250))
    assert api.calls == [{"page": page} for page in range(5)]  # the fake's default is 50


def test_numbered_pages_without_a_total_stop_at_a_short_page() -> None:
    api = Adnuntius()
    strategy = NumberedPaging(page_size=100, total_field=None)
    assert list(iter_items(api, strategy)) == list(range(250))
    assert len(api.calls) == 3


def test_a_single_page_holding_the_whole_listing_ends_the_walk() -> None:
    calls: list[dict[str, Any]] = []

    def everything(params: dict[str, Any]) -> Mapping[str, Any]:
        calls.append(params)
        return {"page": 0, "pageSize": 250, "totalCount": 250, "results": list(range(250))}

    assert len(list(iter_items(everything, NumberedPaging(page_size=100)))) == 250
    assert len(calls) == 1


def test_numbered_pages_may_count_from_one() -> None:
    def from_one(params: dict[str, Any]) -> Mapping[str, Any]:
        page = params["page"]
        return {"totalCount": 5, "results": list(range((page - 1) * 2, min(page * 2, 5)))}

    pages = list(iter_pages(from_one, NumberedPaging(first_page=1, page_size=2)))
    assert [page.cursor for page in pages] == [None, 2, 3]
    assert [item for page in pages for item in page.items] == [0, 1, 2, 3, 4]


# --- through the generated client and httpx.MockTransport


class EvocalizeUsers:
    """`GET /management/v1/users` over HTTP: 250 users, 100 a page."""

    def __init__(self, *failures: int) -> None:
        self.users = [
            {"id": f"u{n}", "name": f"User {n}", "email": f"u{n}@example.com"} for n in range(250)
        ]
        self.failures = list(failures)  # statuses answered, in turn, before the second page
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        assert request.url.path == "/management/v1/users"
        token = request.url.params.get("pageToken")
        if token and self.failures:
            return httpx.Response(self.failures.pop(0), json={"errors": [{"message": "busy"}]})
        start = offset_of(token) if token else 0
        body: dict[str, Any] = {"data": self.users[start : start + 100]}
        if start + 100 < len(self.users):
            body["nextPageToken"] = token_for(start + 100)
        return httpx.Response(200, json=body)


def fetch_users(client: AuthenticatedClient) -> Callable[[dict[str, Any]], Mapping[str, Any]]:
    """What the facade does: call the generated operation, check the status, hand back JSON."""

    def fetch(params: dict[str, Any]) -> Mapping[str, Any]:
        response = list_users.sync_detailed(
            client=client, page_token=params.get("pageToken", UNSET)
        )
        assert response.status_code == 200, response.content
        page: Mapping[str, Any] = json.loads(response.content)
        return page

    return fetch


def test_users_are_listed_through_the_generated_client_as_models() -> None:
    server = EvocalizeUsers()
    client = AuthenticatedClient(
        base_url=BASE_URL, token="", httpx_args={"transport": httpx.MockTransport(server)}
    )
    users = list(iter_items(fetch_users(client), TokenPaging(), convert=User.from_dict))
    assert [user.id for user in users] == [f"u{n}" for n in range(250)]
    assert isinstance(users[0], User) and users[0].email == "u0@example.com"
    tokens = [request.url.params.get("pageToken") for request in server.requests]
    assert tokens == [None, token_for(100), token_for(200)]


def test_a_page_that_fails_for_a_moment_is_fetched_again_by_the_retry_transport() -> None:
    server = EvocalizeUsers(503, 429)
    transport = RetryTransport(
        httpx.MockTransport(server), RetryPolicy(jitter=False), sleep=lambda seconds: None
    )
    client = AuthenticatedClient(base_url=BASE_URL, token="", httpx_args={"transport": transport})
    assert len(list(iter_items(fetch_users(client), TokenPaging()))) == 250
    assert len(server.requests) == 3 + 2


# --- async


@pytest.mark.anyio
@pytest.mark.parametrize("api_type", APIS)
async def test_async_250_items_come_in_3_pages(api_type: type[FakeApi]) -> None:
    api = api_type()
    pages = [page async for page in aiter_pages(api.afetch, api.strategy)]
    assert [len(page.items) for page in pages] == [100, 100, 50]
    assert [item async for item in aiter_items(api.afetch, api.strategy)] == list(range(250))


@pytest.mark.anyio
async def test_async_a_walk_resumes_at_a_cursor_and_fetches_nothing_before_it_is_iterated() -> None:
    api = Evocalize()
    items = aiter_items(api.afetch, api.strategy, start=token_for(200), convert=str)
    assert api.calls == []
    assert [item async for item in items] == [str(n) for n in range(200, 250)]
    assert api.calls == [{"pageToken": token_for(200)}]


@UNENDING_IF_BROKEN
@pytest.mark.anyio
async def test_async_a_repeated_token_is_stopped() -> None:
    async def stuck(params: dict[str, Any]) -> Mapping[str, Any]:
        return {"data": [1], "nextPageToken": "again"}

    with pytest.raises(RepeatedCursorError):
        [page async for page in aiter_pages(stuck, TokenPaging())]


@UNENDING_IF_BROKEN
@pytest.mark.anyio
async def test_async_endless_empty_pages_end_the_walk() -> None:
    calls = 0

    async def empty(params: dict[str, Any]) -> Mapping[str, Any]:
        nonlocal calls
        calls += 1
        return {"data": [], "nextPageToken": f"fresh-{calls}"}

    with pytest.raises(EmptyPagesError):
        [item async for item in aiter_items(empty, TokenPaging())]


@pytest.mark.anyio
async def test_async_an_empty_listing_has_no_items() -> None:
    api = AppNexus(total=0)
    assert [item async for item in aiter_items(api.afetch, api.strategy)] == []


@pytest.mark.anyio
async def test_async_users_are_listed_through_the_generated_client_with_retries() -> None:
    server = EvocalizeUsers(502)

    async def no_sleep(seconds: float) -> None:
        return None

    transport = AsyncRetryTransport(
        httpx.MockTransport(server), RetryPolicy(jitter=False), sleep=no_sleep
    )
    # httpx_args go to both clients; an async transport needs an AsyncClient of its own.
    client = AuthenticatedClient(base_url=BASE_URL, token="")
    client.set_async_httpx_client(httpx.AsyncClient(base_url=BASE_URL, transport=transport))

    async def fetch(params: dict[str, Any]) -> Mapping[str, Any]:
        response = await list_users.asyncio_detailed(
            client=client, page_token=params.get("pageToken", UNSET)
        )
        assert response.status_code == 200
        page: Mapping[str, Any] = json.loads(response.content)
        return page

    pages: list[Page[User]] = [
        page async for page in aiter_pages(fetch, TokenPaging(), convert=User.from_dict)
    ]
    assert [len(page.items) for page in pages] == [100, 100, 50]
    assert pages[2].items[-1].id == "u249"
    assert len(server.requests) == 3 + 1
