"""The worker applies a batch's entries in groups, one transaction each: a failing entry rolls
back alone and is counted in its group, an interrupted group leaves nothing of itself, and the
report's counts stay exact whatever the groups were."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from evocalize_client import AuthenticatedClient
from evocalize_client.api.batch_reports import get_batch_report, list_batch_report_errors
from evocalize_client.api.groups import create_or_update_group_batch, list_groups
from evocalize_client.api.users import create_or_update_user_batch
from evocalize_client.models import GroupInput, UserInput
from evocalize_sandbox import batches
from evocalize_sandbox.batches import entries_table, reports_table
from evocalize_sandbox.context import EntryContext
from evocalize_sandbox.errors import ApiError
from evocalize_sandbox.registry import ENTRY_APPLIERS
from evocalize_sandbox.resources.groups import groups_table
from sandbox_support import data_of, sandbox_of
from starlette.applications import Starlette

GROUP_BATCH = "createOrUpdateGroupBatch"


class Interrupted(BaseException):
    """What the process gets when it is stopped mid-group (like KeyboardInterrupt)."""


@pytest.fixture(autouse=True)
def groups_never_end_on_time(monkeypatch: pytest.MonkeyPatch) -> None:
    # A group then holds up to GROUP_MAX_ENTRIES entries however slow the machine is, so the
    # tests know which entries share a transaction.
    monkeypatch.setattr(batches, "GROUP_MAX_SECONDS", 3600.0)


@pytest.fixture
def wrap_group_applier(
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Callable[[Callable[[EntryContext, str], None]], list[EntryContext]]]:
    """Runs `after(ctx, group_id)` after the real applier wrote each group entry; returns the
    contexts the entries were applied with."""

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


def submit_groups(client: AuthenticatedClient, ids: list[str]) -> str:
    body = [GroupInput(id=group_id, name=f"Group {group_id}") for group_id in ids]
    response = create_or_update_group_batch.sync_detailed(client=client, body=body)
    assert response.status_code == 202, response.content
    report_id = data_of(response)["reportId"]
    assert isinstance(report_id, str)
    return report_id


def report(client: AuthenticatedClient, report_id: str) -> dict[str, Any]:
    found = data_of(get_batch_report.sync_detailed(report_id, client=client))
    assert isinstance(found, dict)
    return found


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


IDS = ["g0", "g1", "g2", "g3", "g4"]


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
