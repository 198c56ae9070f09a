"""Batches are stored before the 202, applied by the worker exactly once (even across a
restart), counted in their report, and their reports expire after 30 days. The worker applies
entries in groups, one transaction each: a failing entry rolls back alone and is counted in its
group, an interrupted group leaves nothing of itself, and counts stay exact."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from evocalize_client import AuthenticatedClient
from evocalize_client.api.batch_reports import get_batch_report, list_batch_report_errors
from evocalize_client.api.content import create_or_update_item_batch, delete_item_batch, get_item
from evocalize_client.api.groups import create_or_update_group_batch, list_groups
from evocalize_client.api.users import create_or_update_user_batch, get_user, list_users
from evocalize_client.models import ContentItemInput, GroupInput, UserInput
from evocalize_client.types import Response
from evocalize_sandbox import app as app_module
from evocalize_sandbox import batches, storage
from evocalize_sandbox.app import create_app
from evocalize_sandbox.batches import entries_table, reports_table
from evocalize_sandbox.context import EntryContext
from evocalize_sandbox.errors import ApiError
from evocalize_sandbox.registry import ENTRY_APPLIERS
from evocalize_sandbox.resources.groups import groups_table
from evocalize_sandbox.settings import Settings
from sandbox_support import (
    BASE_URL,
    KEY_ID,
    SECRET,
    client_for,
    data_of,
    error_of,
    make_app,
    sandbox_of,
    shared_secret_auth,
    signing_auth,
)
from starlette.applications import Starlette
from starlette.testclient import TestClient

# Every entry applied and committed leaves a row here, written by the applier in the entry's own
# transaction: a rolled-back group or failed entry leaves none. An entry applied twice would be
# invisible in the data (the appliers are upserts), so each test ends by checking this table.
APPLICATIONS = "test_batch_applications"


@pytest.fixture(autouse=True)
def entries_are_applied_once(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    engines: list[sa.Engine] = []
    original_schema = storage.create_schema

    def create_schema(engine: sa.Engine) -> None:
        original_schema(engine)
        with engine.begin() as conn:
            conn.execute(
                sa.text(
                    f"CREATE TABLE IF NOT EXISTS {APPLICATIONS} "
                    "(report_id VARCHAR(64) NOT NULL, position INTEGER NOT NULL)"
                )
            )
            conn.execute(sa.text(f"DELETE FROM {APPLICATIONS}"))
        engines.append(engine)

    def counted(applier: Callable[[EntryContext, Any], None]) -> Callable[..., None]:
        def apply(ctx: EntryContext, entry: Any) -> None:
            applier(ctx, entry)
            ctx.conn.execute(
                sa.text(f"INSERT INTO {APPLICATIONS} VALUES (:report, :position)"),
                {"report": ctx.report_id, "position": ctx.position},
            )

        return apply

    monkeypatch.setattr(app_module, "create_schema", create_schema)
    for operation_id, applier in list(ENTRY_APPLIERS.items()):
        monkeypatch.setitem(ENTRY_APPLIERS, operation_id, counted(applier))
    yield
    for engine in engines:
        with engine.connect() as conn:
            twice = conn.execute(
                sa.text(
                    f"SELECT report_id, position, COUNT(*) FROM {APPLICATIONS} "
                    "GROUP BY report_id, position HAVING COUNT(*) > 1"
                )
            ).all()
        engine.dispose()
        assert twice == [], f"entries applied more than once (report, position, times): {twice}"


def test_the_application_count_sees_an_entry_applied_twice(
    app: Starlette, client: AuthenticatedClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check above catches the bug it is for: an applied entry left unmarked (M3a)."""
    mark = batches.Batches._mark_succeeded

    def leave_the_first_unmarked(
        self: batches.Batches, conn: sa.Connection, report_id: str, positions: list[int]
    ) -> None:
        mark(self, conn, report_id, positions[1:] if len(positions) > 1 else positions)

    monkeypatch.setattr(batches.Batches, "_mark_succeeded", leave_the_first_unmarked)
    submit_groups(client, ["a", "b", "c"])
    sandbox_of(app).process_pending_batches()
    engine = sandbox_of(app).engine
    with engine.connect() as conn:
        counts = conn.execute(
            sa.text(f"SELECT position, COUNT(*) FROM {APPLICATIONS} GROUP BY position")
        ).all()
        conn.execute(sa.text(f"DELETE FROM {APPLICATIONS}"))
        conn.commit()
    # How often depends on how the entries fall into groups (a group ends after some time too).
    assert {position for position, _ in counts} == {0, 1, 2}
    assert max(times for _, times in counts) > 1, counts


def users(count: int, start: int = 0) -> list[UserInput]:
    return [
        UserInput(id=f"user{n:04d}", name=f"User {n}", email=f"user{n}@example.com")
        for n in range(start, start + count)
    ]


def accepted(response: Response[Any]) -> str:
    """The `reportId` of an accepted batch."""
    assert response.status_code == 202, response.content
    report_id = data_of(response)["reportId"]
    assert isinstance(report_id, str)
    return report_id


def submit_users(client: AuthenticatedClient, body: list[UserInput]) -> str:
    return accepted(create_or_update_user_batch.sync_detailed(client=client, body=body))


def submit_groups(client: AuthenticatedClient, ids: list[str]) -> str:
    body = [GroupInput(id=group_id, name=f"Group {group_id}") for group_id in ids]
    return accepted(create_or_update_group_batch.sync_detailed(client=client, body=body))


def report(client: AuthenticatedClient, report_id: str) -> dict[str, Any]:
    response = get_batch_report.sync_detailed(report_id, client=client)
    assert response.status_code == 200
    found = data_of(response)
    assert isinstance(found, dict)
    return found


def test_an_accepted_batch_is_pending_until_the_worker_runs(
    app: Starlette, client: AuthenticatedClient
) -> None:
    report_id = submit_users(client, users(3))
    assert report(client, report_id) == {
        "totalItems": 3,
        "remainingItems": 3,
        "completedItems": 0,
        "successfulItems": 0,
        "errorItems": 0,
        "isCompleted": False,
    }
    assert sandbox_of(app).process_pending_batches() == 3
    assert report(client, report_id)["isCompleted"] is True
    assert get_user.sync_detailed("user0002", client=client).status_code == 200


def test_failed_entries_are_listed_with_their_input_message_and_code(
    app: Starlette, client: AuthenticatedClient
) -> None:
    body = [
        *users(2),
        UserInput.from_dict({"id": "dup", "name": "Dup", "email": "user0@example.com"}),
        UserInput.from_dict({"id": "nameless"}),
    ]
    report_id = submit_users(client, body)
    sandbox_of(app).process_pending_batches()
    assert report(client, report_id) == {
        "totalItems": 4,
        "remainingItems": 0,
        "completedItems": 4,
        "successfulItems": 2,
        "errorItems": 2,
        "isCompleted": True,
    }
    errors = data_of(list_batch_report_errors.sync_detailed(report_id, client=client))
    assert [(e["input"]["id"], e["restErrorCode"]) for e in errors] == [
        ("dup", "EV_BAD_REQUEST_DUPLICATE"),
        ("nameless", "EV_BAD_REQUEST_INVALID_FIELDS"),
    ]
    assert all(e["errorMessage"] for e in errors)
    assert get_user.sync_detailed("dup", client=client).status_code == 404


def test_a_report_without_errors_lists_an_empty_array(
    app: Starlette, client: AuthenticatedClient
) -> None:
    report_id = submit_users(client, users(1))
    sandbox_of(app).process_pending_batches()
    response = list_batch_report_errors.sync_detailed(report_id, client=client)
    assert response.status_code == 200
    assert data_of(response) == []


def test_an_unknown_report_is_a_404(client: AuthenticatedClient) -> None:
    for response in (
        get_batch_report.sync_detailed("nope", client=client),
        list_batch_report_errors.sync_detailed("nope", client=client),
    ):
        assert response.status_code == 404
        assert error_of(response)["code"] == "EV_OBJECT_NOT_FOUND"


def test_more_than_1000_entries_are_refused_and_nothing_is_stored(
    app: Starlette, client: AuthenticatedClient
) -> None:
    response = create_or_update_user_batch.sync_detailed(client=client, body=users(1001))
    assert response.status_code == 400
    assert error_of(response)["code"] == "EV_BAD_REQUEST_TOO_MANY_ITEMS"
    with sandbox_of(app).engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(entries_table)).scalar() == 0
        assert conn.execute(sa.select(sa.func.count()).select_from(reports_table)).scalar() == 0


def test_exactly_1000_entries_are_accepted(client: AuthenticatedClient) -> None:
    body = [GroupInput(id=f"g{n}", name="G") for n in range(1000)]
    assert create_or_update_group_batch.sync_detailed(client=client, body=body).status_code == 202


def test_a_half_processed_batch_finishes_exactly_once_after_a_restart(database_url: str) -> None:
    first = make_app(database_url)
    client = client_for(first)
    report_id = submit_users(client, users(10))
    assert sandbox_of(first).process_pending_batches(limit=4) == 4
    assert report(client, report_id)["completedItems"] == 4
    sandbox_of(first).engine.dispose()  # the process goes away

    second = make_app(database_url)
    client = client_for(second)
    assert report(client, report_id)["remainingItems"] == 6
    assert sandbox_of(second).process_pending_batches() == 6
    assert sandbox_of(second).process_pending_batches() == 0
    assert report(client, report_id) == {
        "totalItems": 10,
        "remainingItems": 0,
        "completedItems": 10,
        "successfulItems": 10,
        "errorItems": 0,
        "isCompleted": True,
    }
    with sandbox_of(second).engine.connect() as conn:
        states = conn.execute(
            sa.select(entries_table.c.state).where(entries_table.c.report_id == report_id)
        ).scalars()
        assert sorted(states) == ["succeeded"] * 10
    assert len(data_of(list_users.sync_detailed(client=client))) == 10


def test_a_crashed_worker_leaves_its_batch_to_another_after_the_lease(database_url: str) -> None:
    clock = [1_800_000_000.0]
    first = make_app(database_url, clock)
    client = client_for(first, shared_secret_auth())  # a signature would be judged by the clock
    report_id = submit_users(client, users(3))
    with sandbox_of(first).engine.begin() as conn:  # a worker that claimed it and died
        conn.execute(sa.update(reports_table).values(lease_owner="dead", lease_until=clock[0] + 30))
    second = make_app(database_url, clock)
    assert sandbox_of(second).process_pending_batches() == 0
    clock[0] += 31
    assert sandbox_of(second).process_pending_batches() == 3
    assert report(client_for(second, shared_secret_auth()), report_id)["successfulItems"] == 3


def test_reports_older_than_30_days_are_purged(database_url: str) -> None:
    clock = [1_800_000_000.0]
    app = make_app(database_url, clock)
    client = client_for(app, shared_secret_auth())  # a signature would be judged by the clock
    report_id = submit_users(client, users(1))
    sandbox_of(app).process_pending_batches()
    clock[0] += 29 * 24 * 3600
    sandbox_of(app).process_pending_batches()
    assert get_batch_report.sync_detailed(report_id, client=client).status_code == 200
    clock[0] += 2 * 24 * 3600
    sandbox_of(app).process_pending_batches()
    assert get_batch_report.sync_detailed(report_id, client=client).status_code == 404


def test_data_survives_a_new_app_on_the_same_database(database_url: str) -> None:
    first = make_app(database_url)
    create_or_update_group_batch.sync_detailed(
        client=client_for(first), body=[GroupInput(id="kept", name="Kept")]
    )
    sandbox_of(first).process_pending_batches()
    sandbox_of(first).engine.dispose()
    second = client_for(make_app(database_url))
    assert data_of(list_groups.sync_detailed(client=second)) == [{"id": "kept", "name": "Kept"}]


def test_item_batches_upsert_and_delete(app: Starlette, client: AuthenticatedClient) -> None:
    items = [
        ContentItemInput.from_dict({"values": {"id": f"i{n}", "address": f"{n} Main St"}})
        for n in range(3)
    ]
    created = create_or_update_item_batch.sync_detailed("listings", client=client, body=items)
    assert created.status_code == 202
    sandbox_of(app).process_pending_batches()
    assert get_item.sync_detailed("listings", "i2", client=client).status_code == 200
    deleted = delete_item_batch.sync_detailed("listings", client=client, body=["i0", "ghost"])
    assert deleted.status_code == 202
    sandbox_of(app).process_pending_batches()
    assert get_item.sync_detailed("listings", "i0", client=client).status_code == 404
    summary = report(client, data_of(deleted)["reportId"])
    assert (summary["successfulItems"], summary["errorItems"]) == (1, 1)
    (failure,) = data_of(
        list_batch_report_errors.sync_detailed(data_of(deleted)["reportId"], client=client)
    )
    assert failure == {
        "input": "ghost",
        "errorMessage": "content item not found",
        "restErrorCode": "EV_OBJECT_NOT_FOUND",
    }


def test_item_entries_merge_onto_what_is_stored_and_onto_earlier_entries_of_their_batch(
    app: Starlette, client: AuthenticatedClient
) -> None:
    def submit(*values: dict[str, Any]) -> None:
        body = [ContentItemInput.from_dict({"values": value}) for value in values]
        accepted(create_or_update_item_batch.sync_detailed("listings", client=client, body=body))
        sandbox_of(app).process_pending_batches()

    def stored(item_id: str) -> Any:
        return data_of(get_item.sync_detailed("listings", item_id, client=client))["values"]

    submit({"id": "a", "address": "1 Main St", "price": 100})
    submit(
        {"id": "a", "bedrooms": 3},
        {"id": "b", "address": "2 Main St"},
        {"id": "b", "price": "not a number"},  # fails, and changes nothing
        {"id": "b", "bedrooms": 2},
    )
    assert stored("a") == {"id": "a", "address": "1 Main St", "price": 100, "bedrooms": 3}
    assert stored("b") == {"id": "b", "address": "2 Main St", "bedrooms": 2}


def test_an_item_batch_on_an_unknown_repository_is_a_404(client: AuthenticatedClient) -> None:
    body = [ContentItemInput.from_dict({"values": {"id": "i"}})]
    response = create_or_update_item_batch.sync_detailed("nope", client=client, body=body)
    assert response.status_code == 404


def test_the_background_worker_applies_batches_on_its_own(database_url: str) -> None:

    app = create_app(
        database_url=database_url,
        clients={KEY_ID: SECRET},
        settings=Settings(worker_poll_seconds=0.05),
    )
    with TestClient(app, base_url=BASE_URL) as http:
        http.auth = signing_auth()
        client = AuthenticatedClient(base_url=BASE_URL, token="").set_httpx_client(http)
        report_id = submit_users(client, users(2))
        deadline = time.monotonic() + 10
        while not report(client, report_id)["isCompleted"]:
            assert time.monotonic() < deadline, "the worker did not finish the batch"
            time.sleep(0.05)


def test_two_sandboxes_on_one_database_never_apply_an_entry_twice(database_url: str) -> None:
    first, second = make_app(database_url), make_app(database_url)
    client = client_for(first)
    report_ids = [submit_users(client, users(40, start=40 * n)) for n in range(4)]
    done: list[int] = []

    def work(app: Starlette) -> None:
        done.append(sandbox_of(app).process_pending_batches())

    threads = [threading.Thread(target=work, args=(app,)) for app in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sum(done) == 160
    for report_id in report_ids:
        assert report(client, report_id)["successfulItems"] == 40
        assert report(client, report_id)["completedItems"] == 40


# Groups: several entries per transaction ----------------------------------------------------


class Interrupted(BaseException):
    """What the process gets when it is stopped mid-group (like KeyboardInterrupt)."""


GROUP_BATCH = "createOrUpdateGroupBatch"
IDS = ["g0", "g1", "g2", "g3", "g4"]


@pytest.fixture
def wrap_group_applier(
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Callable[[Callable[[EntryContext, str], None]], list[EntryContext]]]:
    """Runs `after(ctx, group_id)` after the real applier wrote each group entry; returns the
    contexts the entries were applied with."""
    # A group then holds up to GROUP_MAX_ENTRIES entries however slow the machine is, so the
    # tests know which entries share a transaction.
    monkeypatch.setattr(batches, "GROUP_MAX_SECONDS", 3600.0)

    def wrap(after: Callable[[EntryContext, str], None]) -> list[EntryContext]:
        real = ENTRY_APPLIERS[GROUP_BATCH]
        seen: list[EntryContext] = []

        def applier(ctx: EntryContext, entry: Any) -> None:
            seen.append(ctx)
            real(ctx, entry)
            after(ctx, entry["id"])

        monkeypatch.setitem(ENTRY_APPLIERS, GROUP_BATCH, applier)
        return seen

    yield wrap


def counts(client: AuthenticatedClient, report_id: str) -> tuple[int, int, int]:
    found = report(client, report_id)
    return found["completedItems"], found["successfulItems"], found["errorItems"]


def group_ids(client: AuthenticatedClient) -> list[str]:
    return sorted(group["id"] for group in data_of(list_groups.sync_detailed(client=client)))


def entry_states(app: Starlette, report_id: str) -> list[str]:
    with sandbox_of(app).engine.connect() as conn:
        return list(
            conn.execute(
                sa.select(entries_table.c.state)
                .where(entries_table.c.report_id == report_id)
                .order_by(entries_table.c.position)
            ).scalars()
        )


def test_a_failing_entry_in_a_group_rolls_back_alone_and_the_others_are_applied_and_counted(
    app: Starlette,
    client: AuthenticatedClient,
    wrap_group_applier: Callable[[Callable[[EntryContext, str], None]], list[EntryContext]],
) -> None:
    transactions = []

    def reject_g2(ctx: EntryContext, group_id: str) -> None:
        transactions.append(ctx.conn.get_transaction())
        if group_id == "g2":  # after its group was written: the write must roll back
            raise ApiError(400, "EV_BAD_REQUEST_INVALID_FIELDS", "g2 is refused")

    wrap_group_applier(reject_g2)
    report_id = submit_groups(client, IDS)
    assert sandbox_of(app).process_pending_batches() == 5
    assert len(transactions) == 5 and transactions[0] is not None
    assert all(t is transactions[0] for t in transactions)  # one group, one transaction
    assert group_ids(client) == ["g0", "g1", "g3", "g4"]
    assert counts(client, report_id) == (5, 4, 1)
    assert entry_states(app, report_id) == ["succeeded"] * 2 + ["failed"] + ["succeeded"] * 2
    errors = data_of(list_batch_report_errors.sync_detailed(report_id, client=client))
    assert errors == [
        {
            "input": {"id": "g2", "name": "Group g2"},
            "errorMessage": "g2 is refused",
            "restErrorCode": "EV_BAD_REQUEST_INVALID_FIELDS",
        }
    ]


def test_a_database_error_in_an_entry_fails_it_with_a_500_and_its_group_goes_on(
    app: Starlette,
    client: AuthenticatedClient,
    wrap_group_applier: Callable[[Callable[[EntryContext, str], None]], list[EntryContext]],
) -> None:
    def duplicate_g0(ctx: EntryContext, group_id: str) -> None:
        if group_id == "g2":  # an applier bug: PostgreSQL aborts the transaction here
            ctx.conn.execute(sa.insert(groups_table).values(id="g0", name="again"))

    wrap_group_applier(duplicate_g0)
    report_id = submit_groups(client, IDS)
    assert sandbox_of(app).process_pending_batches() == 5
    assert group_ids(client) == ["g0", "g1", "g3", "g4"]
    assert counts(client, report_id) == (5, 4, 1)
    (error,) = data_of(list_batch_report_errors.sync_detailed(report_id, client=client))
    assert error["restErrorCode"] == "EV_INTERNAL_SERVER_ERROR"
    assert error["input"]["id"] == "g2"


def test_an_interrupted_group_applies_nothing_of_itself_and_is_applied_once_later(
    app: Starlette,
    client: AuthenticatedClient,
    wrap_group_applier: Callable[[Callable[[EntryContext, str], None]], list[EntryContext]],
) -> None:
    interrupt = [True]

    def stop_at_g3(_ctx: EntryContext, group_id: str) -> None:
        if group_id == "g3" and interrupt[0]:
            raise Interrupted

    seen = wrap_group_applier(stop_at_g3)
    report_id = submit_groups(client, IDS)
    with pytest.raises(Interrupted):
        sandbox_of(app).process_pending_batches()
    assert [ctx.position for ctx in seen] == [0, 1, 2, 3]  # g0 to g2 were applied in the group
    assert group_ids(client) == []
    assert counts(client, report_id) == (0, 0, 0)
    assert entry_states(app, report_id) == ["pending"] * 5

    interrupt[0] = False
    assert sandbox_of(app).process_pending_batches() == 5
    assert sandbox_of(app).process_pending_batches() == 0
    assert group_ids(client) == IDS
    assert counts(client, report_id) == (5, 5, 0)


def test_a_group_whose_lease_is_lost_before_it_commits_applies_nothing(
    app: Starlette,
    client: AuthenticatedClient,
    wrap_group_applier: Callable[[Callable[[EntryContext, str], None]], list[EntryContext]],
) -> None:
    take_over = [True]

    def lease_taken_at_g3(ctx: EntryContext, group_id: str) -> None:
        if group_id == "g3" and take_over[0]:
            ctx.conn.execute(sa.update(reports_table).values(lease_owner="another-worker"))

    wrap_group_applier(lease_taken_at_g3)
    report_id = submit_groups(client, IDS)
    assert sandbox_of(app).process_pending_batches() == 0
    assert group_ids(client) == []
    assert counts(client, report_id) == (0, 0, 0)
    assert entry_states(app, report_id) == ["pending"] * 5

    take_over[0] = False
    assert sandbox_of(app).process_pending_batches() == 5
    assert group_ids(client) == IDS


def test_counts_are_exact_over_several_groups_and_limits(
    app: Starlette, client: AuthenticatedClient
) -> None:
    failing = {7, 100, 180}  # inside the first group, first of the second, inside the third
    body = [
        UserInput.from_dict({"id": f"nameless{n}"})
        if n in failing
        else UserInput(id=f"user{n:03d}", name=f"User {n}", email=f"user{n}@example.com")
        for n in range(250)
    ]
    response = create_or_update_user_batch.sync_detailed(client=client, body=body)
    report_id = data_of(response)["reportId"]

    assert sandbox_of(app).process_pending_batches(limit=130) == 130
    assert counts(client, report_id) == (130, 128, 2)
    assert report(client, report_id)["remainingItems"] == 120
    assert sandbox_of(app).process_pending_batches() == 120
    assert counts(client, report_id) == (250, 247, 3)
    states = entry_states(app, report_id)
    assert [n for n, state in enumerate(states) if state == "failed"] == sorted(failing)
    assert states.count("succeeded") == 247
    errors = data_of(list_batch_report_errors.sync_detailed(report_id, client=client))
    assert [error["input"]["id"] for error in errors] == ["nameless7", "nameless100", "nameless180"]
