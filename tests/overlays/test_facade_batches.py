"""`submit_all` on every batch operation: chunks of at most 1000 sent through the facade, each
report followed to the end through the operations its answer links to, and every failed entry
listed with its error, against a fake Evocalize speaking the spec's JSON."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from evocalize.batches import PollPolicy
from evocalize.client import AsyncEvocalize, Evocalize
from evocalize.errors import RequestValidationError
from evocalize.retries import NO_RETRIES
from evocalize.spec import operation_specs
from evocalize_resources import OPERATIONS

FAST = PollPolicy(initial=0.0, factor=1.0, max_delay=0.0, timeout=5.0, jitter=0.0)


class FakeBatches:
    """Accepts batches, reports them complete at once, and lists as failed every entry whose
    id ends in "bad", two errors a page."""

    def __init__(self) -> None:
        self.batches: dict[str, list[Any]] = {}
        self.bodies: list[Any] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.method in ("POST", "DELETE") and "report" not in path:
            body = json.loads(request.content)
            self.bodies.append(body)
            entries = body["grants"] if isinstance(body, dict) else body
            report_id = f"r{len(self.batches)}"
            self.batches[report_id] = entries
            status = 200 if isinstance(body, dict) else 202
            return httpx.Response(status, json={"data": {"reportId": report_id}})
        report_id = path.split("/")[5]
        entries = self.batches[report_id]
        failed = [
            e for e in entries if str(e.get("id", e) if isinstance(e, dict) else e).endswith("bad")
        ]
        if path.endswith("/errors"):
            start = int(request.url.params.get("pageToken", "0"))
            page: dict[str, Any] = {
                "data": [
                    {
                        "input": e,
                        "errorMessage": "invalid email",
                        "restErrorCode": "EV_BAD_REQUEST_INVALID_FIELDS",
                    }
                    for e in failed[start : start + 2]
                ]
            }
            if start + 2 < len(failed):
                page["nextPageToken"] = str(start + 2)
            return httpx.Response(200, json=page)
        report = {
            "totalItems": len(entries),
            "remainingItems": 0,
            "completedItems": len(entries),
            "successfulItems": len(entries) - len(failed),
            "errorItems": len(failed),
            "isCompleted": True,
        }
        return httpx.Response(200, json={"data": report})


def users(count: int, bad_every: int = 0) -> list[dict[str, str]]:
    return [
        {
            "id": f"u{n}" + ("bad" if bad_every and n % bad_every == 0 else ""),
            "email": f"u{n}@example.com",
        }
        for n in range(count)
    ]


def test_every_batch_operation_links_its_report_and_its_errors() -> None:
    batches = [op.operation_id for op in operation_specs() if op.batch]
    assert batches and sorted(batches) == sorted(
        o.operation_id for o in OPERATIONS.values() if o.batch
    )
    for operation_id in batches:
        assert OPERATIONS[operation_id].report == ("getBatchReport", "listBatchReportErrors")


def test_2500_users_go_in_three_batches_and_every_failure_comes_back_with_its_input() -> None:
    fake = FakeBatches()
    ev = Evocalize(
        "https://fake.test", "kid", "key", retries=NO_RETRIES, transport=httpx.MockTransport(fake)
    )
    summary = ev.users.create_or_update_user_batch.submit_all(users(2500, bad_every=500), poll=FAST)
    assert sorted(len(body) for body in fake.bodies) == [500, 1000, 1000]
    assert summary.total == summary.submitted == 2500
    assert (summary.succeeded, summary.failed) == (2495, 5)
    assert sorted(f.input["id"] for f in summary.failures) == sorted(
        f"u{n}bad" for n in range(0, 2500, 500)
    )
    assert {f.code for f in summary.failures} == {"EV_BAD_REQUEST_INVALID_FIELDS"}
    assert sorted(summary.report_ids) == ["r0", "r1", "r2"]


def test_grants_v2_batches_wrap_the_entries_and_take_the_repository_id() -> None:
    fake = FakeBatches()
    ev = Evocalize(
        "https://fake.test", "kid", "key", retries=NO_RETRIES, transport=httpx.MockTransport(fake)
    )
    grants = [
        {"grantee": {"type": "ORGANIZATION"}, "permissions": ["READ"], "objectId": f"item-{n}"}
        for n in range(3)
    ]
    summary = ev.content_access.upsert_repository_grant_batch.submit_all(
        grants, "repo-1", poll=FAST
    )
    assert fake.bodies == [{"grants": grants}]
    assert summary.succeeded == 3 and summary.failed == 0


def test_one_invalid_entry_among_1000_fails_alone_with_its_field_and_the_others_are_sent() -> None:
    fake = FakeBatches()
    ev = Evocalize(
        "https://fake.test", "kid", "key", retries=NO_RETRIES, transport=httpx.MockTransport(fake)
    )
    entries = users(1000)
    entries[417] = {"id": "u417", "email": "not an email"}
    entries[900] = {"id": "u900", "emial": "u900@example.com"}
    summary = ev.users.create_or_update_user_batch.submit_all(entries, poll=FAST)
    assert [len(body) for body in fake.bodies] == [998]
    assert summary.total == 1000 and summary.submitted == 998
    assert (summary.succeeded, summary.failed, summary.refused) == (998, 2, 2)
    by_id = {failure.input["id"]: failure for failure in summary.failures}
    assert by_id["u417"].field == "email" and by_id["u417"].input == entries[417]
    assert by_id["u900"].field == "emial" and "unknown field" in by_id["u900"].message
    for failure in summary.failures:
        assert failure.code == "EV_BAD_REQUEST_INVALID_FIELDS" and failure.report_id is None


def test_a_direct_batch_call_with_an_invalid_entry_sends_nothing_and_names_the_entry() -> None:
    fake = FakeBatches()
    ev = Evocalize("https://fake.test", "kid", "key", transport=httpx.MockTransport(fake))
    with pytest.raises(RequestValidationError) as raised:
        ev.users.create_or_update_user_batch(body=[*users(3), {"id": "x", "emial": "x@y.co"}])
    assert raised.value.field == "3.emial"
    assert fake.bodies == []


@pytest.mark.anyio
async def test_the_async_facade_submits_an_async_stream_of_entries() -> None:
    fake = FakeBatches()

    async def stream() -> Any:
        for user in users(1200, bad_every=600):
            yield user

    async with AsyncEvocalize(
        "https://fake.test", "kid", "key", transport=httpx.MockTransport(fake)
    ) as ev:
        summary = await ev.users.create_or_update_user_batch.submit_all(stream(), poll=FAST)
    assert sorted(len(body) for body in fake.bodies) == [200, 1000]
    assert (summary.succeeded, summary.failed) == (1198, 2)
