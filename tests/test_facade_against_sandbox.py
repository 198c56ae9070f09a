"""The two halves agree: the facade partners use, over real HTTP, against the sandbox served by
uvicorn with its background batch worker running. Every page of a listing, a batch of 2,500
users followed to its report with the failed entries named, typed errors for what the
sandbox refuses, and an audience file hashed, signed as a stream and accepted."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from evocalize import AsyncEvocalize, Evocalize, errors
from evocalize.audience import upload_audience_csv
from evocalize.batches import BatchProgressEvent, PollPolicy
from evocalize.retries import NO_RETRIES
from evocalize_sandbox.app import create_app
from served import serving

KEY_ID, KEY = "e2e-partner", "e2e-partner-key"
FAST_POLL = PollPolicy(initial=0.05, factor=1.5, max_delay=0.5, timeout=60.0)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = tmp_path_factory.mktemp("e2e") / "sandbox.db"
    app = create_app(database_url=f"sqlite:///{database}", clients={KEY_ID: KEY})
    with serving(app) as url:
        yield url


@pytest.fixture
def ev(base_url: str) -> Iterator[Evocalize]:
    with Evocalize(base_url, KEY_ID, KEY) as client:
        yield client


def test_a_user_written_through_the_facade_reads_back_as_the_generated_model(
    ev: Evocalize,
) -> None:
    ev.groups.create_or_update_group(body={"id": "office-1", "name": "Office 1"})
    body = {
        "id": "jane/doe",
        "name": "Jane Doe",
        "email": "jane@example.com",
        "groups": [{"groupId": "office-1", "role": "group_admin"}],
    }
    created = ev.users.create_or_update_user(body=body)
    read = ev.users.get_user("jane/doe")
    assert created.id == read.id == "jane/doe"
    assert isinstance(read.groups, list)
    assert [(g.id, g.role) for g in read.groups] == [("office-1", "group_admin")]


def test_an_order_placed_and_renamed_through_the_facade_keeps_its_program_name(
    ev: Evocalize,
) -> None:
    import time

    ev.groups.create_or_update_group(body={"id": "office-orders", "name": "Orders"})
    ev.users.create_or_update_user(
        body={
            "id": "orderer",
            "name": "Orderer",
            "email": "orderer@example.com",
            "groups": [{"groupId": "office-orders", "role": "group_user"}],
        }
    )
    start = int(time.time()) + 2 * 86400
    placed = ev.orders.place_order(
        body={
            "userId": "orderer",
            "groupId": "office-orders",
            "productCode": "pid_1234567890",
            "orderType": "purchase",
            "programName": "Spring Open House",
            "paymentAmount": 100,
            "schedule": {"startTimestamp": start, "endTimestamp": start + 30 * 86400},
        }
    )
    assert placed.program_name == "Spring Open House"
    renamed = ev.orders.edit_order(placed.id, body={"programName": "New Program Name"})
    assert renamed.program_name == "New Program Name"
    assert ev.orders.get_order(placed.id).program_name == "New Program Name"


def test_every_page_of_a_listing_is_walked(ev: Evocalize) -> None:
    for n in range(230):
        ev.users.create_or_update_user(
            body={"id": f"page-{n:03}", "name": f"P {n}", "email": f"p{n}@example.com"}
        )
    pages = list(ev.users.list_users().pages())
    listed = [user.id for page in pages for user in page.data]
    assert len(pages) >= 3 and all(len(page.data) <= 100 for page in pages)
    assert [user.id for user in ev.users.list_users()] == listed
    assert {f"page-{n:03}" for n in range(230)} <= set(listed)
    assert len(listed) == len(set(listed))


def test_a_batch_of_2500_users_is_followed_to_its_reports_with_each_failure(
    ev: Evocalize,
) -> None:
    entries = [
        {
            "id": f"batch-{n}",
            "name": f"B {n}",
            "email": f"b{n}@example.com",
            # A group that does not exist makes the entry fail on its own.
            "groups": [{"groupId": "no-such-group", "role": "group_user"}] if n % 500 == 7 else [],
        }
        for n in range(2500)
    ]
    events: list[BatchProgressEvent] = []
    summary = ev.users.create_or_update_user_batch.submit_all(
        entries, poll=FAST_POLL, progress=events.append
    )
    assert summary.total == summary.submitted == 2500 and len(summary.report_ids) == 3
    assert summary.failed == 5 and summary.succeeded == 2495
    assert sorted(f.input["id"] for f in summary.failures) == sorted(
        f"batch-{n}" for n in range(7, 2500, 500)
    )
    assert all(f.code and f.code.startswith("EV_") for f in summary.failures)
    assert events[-1].processed == 2500
    assert ev.users.get_user("batch-2499").email == "b2499@example.com"


def test_what_the_sandbox_refuses_arrives_as_typed_errors(ev: Evocalize, base_url: str) -> None:
    with pytest.raises(errors.ObjectNotFoundError):
        ev.users.get_user("nobody")
    with pytest.raises(errors.InvalidFieldsError) as invalid:
        # Past the client's own check (extra_body is not checked), the server's answer.
        ev.users.create_or_update_user(
            body={"id": "x", "name": "X"}, extra_body={"email": "not-an-email"}
        )
    assert invalid.value.field == "email"
    with pytest.raises(errors.RequestValidationError) as refused:
        ev.users.create_or_update_user(body={"id": "x", "name": "X", "emial": "x@example.com"})
    assert refused.value.field == "emial" and refused.value.code == invalid.value.code
    signed = Evocalize(base_url, KEY_ID, "wrong-key", retries=NO_RETRIES)
    with signed, pytest.raises(errors.InvalidSignatureError):
        signed.users.list_users()
    shared = Evocalize(base_url, KEY_ID, "wrong-key", auth="shared-secret")
    with shared, pytest.raises(errors.InvalidSecretError):
        shared.users.list_users()


def test_an_audience_file_is_hashed_signed_as_a_stream_and_accepted(ev: Evocalize) -> None:
    ev.users.create_or_update_user(body={"id": "aud-owner", "name": "A", "email": "a@example.com"})
    placeholder = ev.audiences.create_audience_placeholder(body={"name": "Buyers"})
    plain = "email,phone\n" + "".join(f"person{n}@example.com,+1 555 {n:07}\n" for n in range(200))
    uploaded = upload_audience_csv(ev, placeholder.placeholder_id, io.StringIO(plain))
    assert uploaded.status == "processing"


@pytest.mark.anyio
async def test_the_async_facade_reads_the_same_sandbox(base_url: str) -> None:
    async with AsyncEvocalize(base_url, KEY_ID, KEY) as client:
        await client.groups.create_or_update_group(body={"id": "async-g", "name": "Async"})
        names = [group.id async for group in client.groups.list_groups()]
    assert "async-g" in names


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
