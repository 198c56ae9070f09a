"""A partner's code against the typed client, as mypy --strict and pyright see it: every call's
type is asserted, so a change that turns an answer into `Any` (or into the wrong model) fails
`tests/typing/test_partner_types.py`. It is type-checked, not run."""

from __future__ import annotations

from typing import assert_type

import httpx
from evocalize import (
    APIError,
    AsyncEvocalize,
    AsyncPage,
    AsyncPaginator,
    BatchSummary,
    Evocalize,
    EvocalizeError,
    RequestValidationError,
    SyncPage,
)
from evocalize.errors import ObjectNotFoundError
from evocalize_client.models import (
    BatchReport,
    Grant,
    Group,
    Order,
    ReportReference,
    Repository,
    User,
)


def sync_partner(ev: Evocalize) -> None:
    assert_type(ev.users.get_user("x"), User)
    assert_type(ev.orders.get_order("o"), Order)
    assert_type(ev.groups.create_or_update_group(body={"id": "g", "name": "G"}), Group)
    assert_type(ev.content.list_repositories(), list[Repository])
    assert_type(ev.batch_reports.get_batch_report("r"), BatchReport)
    assert_type(ev.users.deactivate_user("x"), None)

    page = ev.users.list_users()
    assert_type(page, SyncPage[User])
    assert_type(page.data, list[User])
    assert_type(page.next_page_token, str | None)
    for user in ev.users.list_users():
        assert_type(user, User)
        assert_type(user.email, str)
    for each in page.pages():
        assert_type(each, SyncPage[User])
    assert_type(next(page.items()), User)
    grants = ev.content_access.list_repository_grants(
        "listings", filter_by_grantee={"grantees": []}
    )
    assert_type(grants, SyncPage[Grant])

    assert_type(ev.users.create_or_update_user_batch(body=[{"id": "u"}]), ReportReference)
    summary = ev.users.create_or_update_user_batch.submit_all({"id": f"u{n}"} for n in range(3))
    assert_type(summary, BatchSummary)
    assert_type(ev.content.create_or_update_item_batch.submit_all([], "listings"), BatchSummary)

    assert_type(ev.users.with_raw_response.get_user("x"), httpx.Response)
    assert_type(
        ev.users.create_or_update_user(body={"id": "x"}, extra_body={"nickname": "X"}), User
    )

    try:
        ev.users.get_user("nobody")
    except ObjectNotFoundError as error:
        assert_type(error.code, str | None)
        assert_type(error.status, int)
    except RequestValidationError as invalid:
        assert_type(invalid.field, str | None)
    except APIError as other:
        assert_type(other.response, httpx.Response | None)
    except EvocalizeError:
        pass


async def async_partner(aev: AsyncEvocalize) -> None:
    assert_type(await aev.users.get_user("x"), User)
    assert_type(await aev.orders.get_order("o"), Order)
    listing = aev.users.list_users()
    assert_type(listing, AsyncPaginator[User])
    async for user in aev.users.list_users():
        assert_type(user, User)
    first = await aev.users.list_users()
    assert_type(first, AsyncPage[User])
    async for each in first.pages():
        assert_type(each, AsyncPage[User])
    summary = await aev.groups.create_or_update_group_batch.submit_all([{"id": "g", "name": "G"}])
    assert_type(summary, BatchSummary)
    assert_type(await aev.users.with_raw_response.get_user("x"), httpx.Response)
