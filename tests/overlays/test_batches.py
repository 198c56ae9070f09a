"""Batch submission (docs/decisions.md, "Batches and reports"): entries go out in batches of at most
1000, at most a few at a time, each report is polled with backoff until complete, and every failed
input comes back with its error, whatever happens to the other batches."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from itertools import pairwise
from typing import Any

import httpx
import pytest
from evocalize._batch_backend import entry_error
from evocalize.batches import (
    BatchEntryError,
    BatchFailure,
    BatchIncomplete,
    BatchProgress,
    BatchProgressEvent,
    BatchSummary,
    BatchTimeout,
    PollPolicy,
    afollow_reports,
    arun_batches,
    follow_reports,
    max_batch_size,
    run_batches,
)
from evocalize.errors import ResponseValidationError
from evocalize_client import AuthenticatedClient
from evocalize_client.api.batch_reports import get_batch_report, list_batch_report_errors
from evocalize_client.api.users import create_or_update_user_batch
from evocalize_client.models import (
    BatchItemErrorPage,
    BatchReportEnvelope,
    ReportReferenceEnvelope,
    UserInput,
)
from evocalize_client.types import UNSET, Unset

NO_WAIT = PollPolicy(initial=0, max_delay=0, jitter=0, timeout=None)


class Refused(Exception):
    """What a facade might raise for a batch answered with an error envelope."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class FakeApi:
    """The API's side of one batch operation. A batch's report is named after its first entry,
    so report ids say which chunk they belong to whatever thread submitted it. Each report
    processes its entries over `polls` readings; entries for which `fails` is true end in the
    report's errors. A report in `held` stays where it is until released."""

    def __init__(
        self,
        *,
        polls: int = 1,
        fails: Callable[[Any], bool] = lambda entry: False,
        refuses: Callable[[list[Any]], Exception | None] = lambda chunk: None,
        on_call: Callable[[], None] = lambda: None,
    ) -> None:
        self.polls = polls
        self.fails = fails
        self.refuses = refuses
        self.on_call = on_call
        self.lock = threading.Lock()
        self.chunks: dict[str, list[Any]] = {}
        self.readings: dict[str, int] = {}
        self.held: set[str] = set()
        self.unreadable: set[str] = set()
        self.in_flight = 0
        self.most_in_flight = 0
        self.completed = 0

    def accept(self, chunk: list[Any]) -> str:
        self.on_call()
        refusal = self.refuses(chunk)
        if refusal is not None:
            raise refusal
        report_id = f"report-{chunk[0]}"
        with self.lock:
            self.chunks[report_id] = list(chunk)
            self.readings[report_id] = 0
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        return report_id

    def read(self, report_id: str) -> BatchProgress:
        self.on_call()
        if report_id in self.unreadable:
            raise ConnectionError(f"cannot read {report_id}")
        with self.lock:
            chunk = self.chunks[report_id]
            if report_id not in self.held:
                self.readings[report_id] = min(self.readings[report_id] + 1, self.polls)
            done = len(chunk) * self.readings[report_id] // self.polls
            errors = sum(1 for entry in chunk[:done] if self.fails(entry))
            completed = done == len(chunk)
            if completed and self.readings[report_id] == self.polls:
                self.readings[report_id] += 1  # counted once, however often it is read again
                self.in_flight -= 1
                self.completed += 1
        return BatchProgress(
            total_items=len(chunk),
            remaining_items=len(chunk) - done,
            completed_items=done,
            successful_items=done - errors,
            error_items=errors,
            is_completed=completed,
        )

    def failures(self, report_id: str) -> list[BatchEntryError]:
        self.on_call()
        return [
            BatchEntryError(entry, f"{entry} is a duplicate", "EV_BAD_REQUEST_DUPLICATE")
            for entry in self.chunks[report_id]
            if self.fails(entry)
        ]


class Backend:
    """A `BatchBackend` over the fake API."""

    def __init__(self, api: FakeApi) -> None:
        self.api = api

    def submit(self, chunk: list[Any]) -> str:
        return self.api.accept(chunk)

    def report(self, report_id: str) -> BatchProgress:
        return self.api.read(report_id)

    def errors(self, report_id: str) -> Iterator[BatchEntryError]:
        yield from self.api.failures(report_id)


class AsyncBackend:
    """An `AsyncBatchBackend` over the fake API, yielding to the loop at every call."""

    def __init__(self, api: FakeApi) -> None:
        self.api = api

    async def submit(self, chunk: list[Any]) -> str:
        await _yield()
        return self.api.accept(chunk)

    async def report(self, report_id: str) -> BatchProgress:
        await _yield()
        return self.api.read(report_id)

    async def errors(self, report_id: str) -> AsyncIterator[BatchEntryError]:
        for error in self.api.failures(report_id):
            await _yield()
            yield error


async def _yield() -> None:
    await asyncio.sleep(0)


class FakeTime:
    """A clock that moves only when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)
        await _yield()


class Counted:
    """An endless-looking input that counts how far it has been read."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.read = 0

    def __iter__(self) -> Iterator[int]:
        for entry in range(self.count):
            self.read += 1
            yield entry

    async def __aiter__(self) -> AsyncIterator[int]:
        for entry in self:
            yield entry


# ---- chunking ----------------------------------------------------------------------------------


def test_2500_entries_go_out_as_batches_of_1000_1000_and_500_in_input_order() -> None:
    api = FakeApi()
    summary = run_batches(range(2500), Backend(api), poll=NO_WAIT)
    assert [api.chunks[report_id] for report_id in summary.report_ids] == [
        list(range(0, 1000)),
        list(range(1000, 2000)),
        list(range(2000, 2500)),
    ]
    assert summary.report_ids == ("report-0", "report-1000", "report-2000")
    assert (summary.total, summary.submitted, summary.succeeded, summary.failed) == (
        2500,
        2500,
        2500,
        0,
    )
    assert summary.failures == ()


def test_the_batch_limit_is_the_one_the_spec_states() -> None:
    assert max_batch_size() == 1000


@pytest.mark.parametrize("chunk_size", [0, 1001])
def test_a_chunk_size_beyond_the_api_limit_is_refused_before_anything_is_sent(
    chunk_size: int,
) -> None:
    api = FakeApi()
    with pytest.raises(ValueError, match="chunk_size"):
        run_batches(range(10), Backend(api), chunk_size=chunk_size)
    assert api.chunks == {}


def test_no_entries_make_an_empty_summary_without_calling_the_api() -> None:
    def no_call() -> None:
        raise AssertionError("the API was called")

    summary = run_batches([], Backend(FakeApi(on_call=no_call)))
    assert (summary.total, summary.submitted, summary.report_ids) == (0, 0, ())


# ---- failures ----------------------------------------------------------------------------------


def test_failures_listed_by_a_report_come_back_with_their_inputs_codes_and_report_ids() -> None:
    entries = [{"id": f"user-{n}", "email": f"u{n}@example.com"} for n in range(25)]
    api = FakeApi(fails=lambda entry: entry["id"] in {"user-3", "user-21"})
    streamed: list[BatchFailure] = []
    summary = run_batches(
        entries, Backend(api), chunk_size=10, poll=NO_WAIT, on_failure=streamed.append
    )
    assert summary.failures == (
        BatchFailure(entries[3], f"{entries[3]} is a duplicate", "EV_BAD_REQUEST_DUPLICATE",
                     report_id=summary.report_ids[0]),
        BatchFailure(entries[21], f"{entries[21]} is a duplicate", "EV_BAD_REQUEST_DUPLICATE",
                     report_id=summary.report_ids[2]),
    )  # fmt: skip
    assert sorted(streamed, key=lambda f: str(f.input)) == sorted(
        summary.failures, key=lambda f: str(f.input)
    )
    assert (summary.succeeded, summary.failed) == (23, 2)


def test_without_keep_failures_failures_are_only_streamed_and_still_counted() -> None:
    api = FakeApi(fails=lambda entry: entry % 7 == 0)
    streamed: list[BatchFailure] = []
    summary = run_batches(
        range(100),
        Backend(api),
        chunk_size=10,
        poll=NO_WAIT,
        on_failure=streamed.append,
        keep_failures=False,
    )
    assert summary.failures == ()
    assert sorted(f.input for f in streamed) == list(range(0, 100, 7))
    assert (summary.succeeded, summary.failed) == (85, 15)


def test_a_refused_batch_becomes_one_failure_per_entry_and_the_other_batches_complete() -> None:
    def refuses(chunk: list[Any]) -> Exception | None:
        return Refused("malformed batch", "EV_BAD_REQUEST_MALFORMED") if 10 in chunk else None

    api = FakeApi(refuses=refuses)
    summary = run_batches(range(30), Backend(api), chunk_size=10, poll=NO_WAIT)
    assert summary.report_ids == ("report-0", "report-20")
    assert (summary.total, summary.submitted, summary.refused) == (30, 20, 10)
    assert (summary.succeeded, summary.failed) == (20, 10)
    assert [f.input for f in summary.failures] == list(range(10, 20))
    first = summary.failures[0]
    assert (first.message, first.code, first.report_id) == (
        "malformed batch",
        "EV_BAD_REQUEST_MALFORMED",
        None,
    )
    assert isinstance(first.exception, Refused)


def test_failures_are_summarised_in_input_order_whatever_order_the_reports_complete_in() -> None:
    api = FakeApi(fails=lambda entry: entry in {1, 11})
    api.held.add("report-0")
    streamed: list[Any] = []

    def stream(failure: BatchFailure) -> None:
        # The first batch completes only once the second one's failures are in.
        streamed.append(failure.input)
        api.held.discard("report-0")

    summary = run_batches(
        range(20), Backend(api), chunk_size=10, concurrency=2, poll=NO_WAIT, on_failure=stream
    )
    assert streamed == [11, 1]
    assert [f.input for f in summary.failures] == [1, 11]


# ---- concurrency and memory --------------------------------------------------------------------


def test_no_more_than_concurrency_batches_are_in_flight_at_once() -> None:
    # The first three submissions wait for each other: only three batches running side by
    # side get past the barrier (a broken barrier would refuse their batches).
    barrier = threading.Barrier(3, timeout=10)
    first_wave = threading.Semaphore(3)

    def together() -> None:
        if first_wave.acquire(blocking=False):
            barrier.wait()

    api = FakeApi(polls=3, on_call=together)
    summary = run_batches(range(200), Backend(api), chunk_size=10, concurrency=3, poll=NO_WAIT)
    assert api.most_in_flight == 3
    assert (summary.submitted, summary.succeeded) == (200, 200)


def test_the_input_is_read_no_further_than_chunk_size_times_concurrency_ahead() -> None:
    entries = Counted(1000)
    ahead: list[int] = []
    api: FakeApi

    def measure() -> None:
        # Entries read but not yet in a completed report.
        ahead.append(entries.read - 10 * api.completed)

    api = FakeApi(polls=4, on_call=measure)
    summary = run_batches(entries, Backend(api), chunk_size=10, concurrency=2, poll=NO_WAIT)
    assert max(ahead) == 20
    assert summary.succeeded == 1000


# ---- polling -----------------------------------------------------------------------------------


def test_reports_are_read_at_once_then_after_exponentially_growing_delays_up_to_max_delay() -> None:
    time = FakeTime()
    api = FakeApi(polls=7)
    policy = PollPolicy(initial=1, factor=2, max_delay=10, jitter=0, timeout=None)
    run_batches(range(5), Backend(api), poll=policy, sleep=time.sleep, clock=time.clock)
    assert time.sleeps == [1, 2, 4, 8, 10, 10]


def test_jitter_shortens_each_delay_by_at_most_its_fraction() -> None:
    policy = PollPolicy(initial=1, factor=2, max_delay=8, jitter=0.5)
    longest = policy.delays(rand=lambda: 0.0)
    shortest = policy.delays(rand=lambda: 0.999)
    assert [next(longest) for _ in range(5)] == [1, 2, 4, 8, 8]
    assert [round(next(shortest), 2) for _ in range(5)] == [0.5, 1, 2, 4, 4]


def test_a_report_that_never_completes_raises_batch_timeout_and_follow_reports_finishes_it() -> (
    None
):
    time = FakeTime()
    api = FakeApi(fails=lambda entry: entry == 12)
    api.held.add("report-10")
    entries = Counted(30)
    policy = PollPolicy(initial=1, factor=2, max_delay=30, jitter=0, timeout=10)
    with pytest.raises(BatchTimeout) as raised:
        run_batches(
            iter(entries), Backend(api), chunk_size=10, concurrency=1, poll=policy,
            sleep=time.sleep, clock=time.clock,
        )  # fmt: skip
    stopped = raised.value
    assert stopped.pending == ("report-10",)
    assert "report-10" in str(stopped)
    # The last wait is cut short so that the final reading falls on the deadline.
    assert time.sleeps == [1, 2, 4, 3]
    assert (stopped.summary.total, stopped.summary.succeeded) == (20, 10)
    assert stopped.summary.report_ids == ("report-0", "report-10")
    # The third batch was never read from the input, so nothing is lost.
    assert entries.read == 20

    api.held.clear()
    resumed = follow_reports(stopped.pending, Backend(api), poll=NO_WAIT)
    assert (resumed.total, resumed.succeeded, resumed.failed) == (10, 9, 1)
    assert [f.input for f in resumed.failures] == [12]


def test_a_report_that_cannot_be_read_stops_the_run_with_its_id_pending() -> None:
    api = FakeApi()
    api.unreadable.add("report-10")
    with pytest.raises(BatchIncomplete) as raised:
        run_batches(range(20), Backend(api), chunk_size=10, concurrency=1, poll=NO_WAIT)
    assert not isinstance(raised.value, BatchTimeout)
    assert raised.value.pending == ("report-10",)
    assert isinstance(raised.value.__cause__, ConnectionError)


# ---- progress ----------------------------------------------------------------------------------


def test_progress_never_goes_back_and_ends_at_the_exact_totals() -> None:
    def refuses(chunk: list[Any]) -> Exception | None:
        return Refused("too large", "EV_BAD_REQUEST_MALFORMED") if 1000 in chunk else None

    api = FakeApi(polls=4, fails=lambda entry: entry % 100 == 0, refuses=refuses)
    events: list[BatchProgressEvent] = []
    summary = run_batches(range(2500), Backend(api), poll=NO_WAIT, progress=events.append)

    overall = [(e.submitted, e.refused, e.processed, e.succeeded, e.failed) for e in events]
    assert all(
        all(b >= a for a, b in zip(earlier, later, strict=True))
        for earlier, later in pairwise(overall)
    )
    for index, size in ((0, 1000), (2, 500)):
        per_batch = [e.batch_processed for e in events if e.index == index]
        assert per_batch == sorted(per_batch)
        assert per_batch[-1] == size and len(per_batch) > 2
    last = events[-1]
    assert (last.submitted, last.refused, last.processed) == (1500, 1000, 1500)
    assert (last.succeeded, last.failed) == (summary.succeeded, summary.failed) == (1485, 1015)
    assert {e.index for e in events if e.batch_completed} == {0, 1, 2}


class StaleReadings:
    """A backend whose second reading is older than its first."""

    def __init__(self) -> None:
        self.readings = iter([5, 3, 10])

    def submit(self, chunk: list[Any]) -> str:
        return "report"

    def report(self, report_id: str) -> BatchProgress:
        done = next(self.readings)
        return BatchProgress(10, 10 - done, done, done, 0, done == 10)

    def errors(self, report_id: str) -> Iterator[BatchEntryError]:
        return iter([])


def test_a_stale_report_reading_never_moves_progress_back() -> None:
    events: list[BatchProgressEvent] = []
    run_batches(range(10), StaleReadings(), poll=NO_WAIT, progress=events.append)
    assert [(e.batch_processed, e.processed) for e in events] == [(0, 0), (5, 5), (10, 10)]


# ---- asyncio -----------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_async_2500_entries_go_out_as_batches_of_1000_1000_and_500_in_input_order() -> None:
    api = FakeApi(polls=2)
    summary = await arun_batches(range(2500), AsyncBackend(api), poll=NO_WAIT)
    assert summary.report_ids == ("report-0", "report-1000", "report-2000")
    assert [len(api.chunks[report_id]) for report_id in summary.report_ids] == [1000, 1000, 500]
    assert (summary.total, summary.succeeded) == (2500, 2500)


@pytest.mark.anyio
async def test_async_failures_come_back_with_their_inputs_and_refused_batches_are_kept() -> None:
    def refuses(chunk: list[Any]) -> Exception | None:
        return Refused("malformed batch", "EV_BAD_REQUEST_MALFORMED") if 0 in chunk else None

    api = FakeApi(fails=lambda entry: entry == 15, refuses=refuses)
    summary = await arun_batches(range(20), AsyncBackend(api), chunk_size=10, poll=NO_WAIT)
    assert [(f.input, f.report_id) for f in summary.failures] == [
        *((n, None) for n in range(10)),
        (15, "report-10"),
    ]
    assert (summary.submitted, summary.succeeded, summary.failed) == (10, 9, 11)


@pytest.mark.anyio
async def test_async_runs_keep_concurrency_batches_in_flight_and_read_an_async_input_lazily() -> (
    None
):
    entries = Counted(200)
    ahead: list[int] = []
    api: FakeApi

    def measure() -> None:
        ahead.append(entries.read - 10 * api.completed)

    api = FakeApi(polls=3, on_call=measure)
    summary = await arun_batches(
        entries.__aiter__(), AsyncBackend(api), chunk_size=10, concurrency=3, poll=NO_WAIT
    )
    assert api.most_in_flight == 3
    assert max(ahead) == 30
    assert summary.succeeded == 200


@pytest.mark.anyio
async def test_async_timeout_leaves_the_report_pending_and_afollow_reports_finishes_it() -> None:
    time = FakeTime()
    api = FakeApi()
    api.held.add("report-0")
    policy = PollPolicy(initial=1, factor=2, max_delay=30, jitter=0, timeout=10)
    with pytest.raises(BatchTimeout) as raised:
        await arun_batches(
            range(10), AsyncBackend(api), poll=policy, sleep=time.asleep, clock=time.clock
        )
    assert raised.value.pending == ("report-0",)
    assert time.sleeps == [1, 2, 4, 3]

    api.held.clear()
    resumed = await afollow_reports(raised.value.pending, AsyncBackend(api), poll=NO_WAIT)
    assert (resumed.total, resumed.succeeded) == (10, 10)


@pytest.mark.anyio
async def test_once_a_report_cannot_be_read_the_others_in_flight_are_left_pending() -> None:
    time = FakeTime()
    api = FakeApi()
    api.unreadable.add("report-0")
    api.held.add("report-10")
    policy = PollPolicy(initial=1, factor=2, max_delay=30, jitter=0, timeout=1000)
    with pytest.raises(BatchIncomplete) as raised:
        await arun_batches(
            range(30), AsyncBackend(api), chunk_size=10, concurrency=2, poll=policy,
            sleep=time.asleep, clock=time.clock,
        )  # fmt: skip
    assert raised.value.pending == ("report-0", "report-10")
    assert time.now < 1000  # report-10 was not waited for until its own timeout
    assert "report-20" not in api.chunks


# ---- stopping ------------------------------------------------------------------------------------


def test_an_exception_from_a_callback_stops_the_run_and_reaches_the_caller() -> None:
    entries = Counted(100)

    def give_up(failure: BatchFailure) -> None:
        raise KeyError(failure.input)

    api = FakeApi(fails=lambda entry: entry == 3)
    with pytest.raises(KeyError):
        run_batches(
            entries, Backend(api), chunk_size=10, concurrency=1, poll=NO_WAIT, on_failure=give_up
        )
    assert entries.read == 10


def test_when_the_input_raises_the_entries_it_gave_are_sent_and_the_run_stops_incomplete() -> None:
    def entries() -> Iterator[int]:
        yield from range(15)
        raise OSError("the export file is truncated")

    api = FakeApi()
    with pytest.raises(BatchIncomplete) as raised:
        run_batches(entries(), Backend(api), chunk_size=10, concurrency=1, poll=NO_WAIT)
    assert isinstance(raised.value.__cause__, OSError)
    assert raised.value.summary.report_ids == ("report-0", "report-10")
    assert api.chunks["report-10"] == list(range(10, 15))
    assert (raised.value.summary.total, raised.value.summary.succeeded) == (15, 15)


@pytest.mark.anyio
async def test_when_an_async_input_raises_the_entries_it_gave_are_sent_first() -> None:
    async def entries() -> AsyncIterator[int]:
        for entry in range(5):
            yield entry
        raise OSError("the export stream broke")

    api = FakeApi()
    with pytest.raises(BatchIncomplete) as raised:
        await arun_batches(entries(), AsyncBackend(api), chunk_size=10, poll=NO_WAIT)
    assert isinstance(raised.value.__cause__, OSError)
    assert api.chunks["report-0"] == list(range(5))


# ---- the shapes of the spec --------------------------------------------------------------------


class SpecApi:
    """An httpx handler answering the user batch, report and report-errors calls with the JSON
    of the spec: the first batch ends with its first two users failed, listed over two pages."""

    def __init__(self) -> None:
        self.bodies: list[list[dict[str, Any]]] = []
        self.readings: dict[str, int] = {}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.method == "POST" and path == "/management/v1/users":
            self.bodies.append(json.loads(request.content))
            report_id = f"rep{len(self.bodies)}"
            self.readings[report_id] = 0
            return httpx.Response(202, json={"data": {"reportId": report_id}})
        report_id = path.split("/")[5]
        body = self.bodies[int(report_id[3:]) - 1]
        if path.endswith("/errors"):
            token = request.url.params.get("pageToken")
            if report_id != "rep1":
                return httpx.Response(200, json={"data": []})
            if token is None:
                error = {
                    "input": body[0],
                    "errorMessage": "Duplicate user create request detected",
                    "restErrorCode": "EV_BAD_REQUEST_DUPLICATE",
                }
                return httpx.Response(200, json={"data": [error], "nextPageToken": "page2"})
            assert token == "page2"
            error = {"input": body[1], "errorMessage": "no group seattle_office"}
            return httpx.Response(200, json={"data": [error], "previousPageToken": "page1"})
        self.readings[report_id] += 1
        done = len(body) if self.readings[report_id] > 1 else 0
        failed = 2 if report_id == "rep1" and done else 0
        report = {
            "totalItems": len(body),
            "remainingItems": len(body) - done,
            "completedItems": done,
            "successfulItems": done - failed,
            "errorItems": failed,
            "isCompleted": done == len(body),
        }
        return httpx.Response(200, json={"data": report})


class UserBatches:
    """A backend for `createOrUpdateUserBatch` over the generated client, the way the facade
    wires one: the 202's `data.reportId`, the report's `data`, and the error pages followed
    through `nextPageToken`."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self.client = client

    def submit(self, chunk: list[Any]) -> str:
        answer = create_or_update_user_batch.sync(client=self.client, body=chunk)
        assert isinstance(answer, ReportReferenceEnvelope), answer
        return answer.data.report_id

    def report(self, report_id: str) -> BatchProgress:
        answer = get_batch_report.sync(report_id, client=self.client)
        assert isinstance(answer, BatchReportEnvelope), answer
        return BatchProgress.from_report(answer.data)

    def errors(self, report_id: str) -> Iterator[BatchEntryError]:
        token: str | Unset = UNSET
        while True:
            page = list_batch_report_errors.sync(report_id, client=self.client, page_token=token)
            assert isinstance(page, BatchItemErrorPage), page
            yield from map(entry_error, page.data)
            if isinstance(page.next_page_token, Unset):
                return
            token = page.next_page_token


class AsyncUserBatches:
    """`UserBatches` on the generated client's `asyncio` functions."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self.client = client

    async def submit(self, chunk: list[Any]) -> str:
        answer = await create_or_update_user_batch.asyncio(client=self.client, body=chunk)
        assert isinstance(answer, ReportReferenceEnvelope), answer
        return answer.data.report_id

    async def report(self, report_id: str) -> BatchProgress:
        answer = await get_batch_report.asyncio(report_id, client=self.client)
        assert isinstance(answer, BatchReportEnvelope), answer
        return BatchProgress.from_report(answer.data)

    async def errors(self, report_id: str) -> AsyncIterator[BatchEntryError]:
        token: str | Unset = UNSET
        while True:
            page = await list_batch_report_errors.asyncio(
                report_id, client=self.client, page_token=token
            )
            assert isinstance(page, BatchItemErrorPage), page
            for error in page.data:
                yield entry_error(error)
            if isinstance(page.next_page_token, Unset):
                return
            token = page.next_page_token


BASE_URL = "https://partner-api.test"
USERS = [UserInput(id=f"u{n}", email=f"u{n}@example.com", name=f"User {n}") for n in range(3)]


def _check_spec_run(api: SpecApi, summary: BatchSummary) -> None:
    assert [[user["id"] for user in body] for body in api.bodies] == [["u0", "u1"], ["u2"]]
    assert summary.report_ids == ("rep1", "rep2")
    assert (summary.total, summary.succeeded, summary.failed) == (3, 1, 2)
    assert [(f.input["id"], f.code, f.report_id) for f in summary.failures] == [
        ("u0", "EV_BAD_REQUEST_DUPLICATE", "rep1"),
        ("u1", None, "rep1"),
    ]


def test_a_backend_over_the_generated_client_fits_the_spec_json() -> None:
    api = SpecApi()
    client = AuthenticatedClient(base_url=BASE_URL, token="unused")
    client.set_httpx_client(httpx.Client(base_url=BASE_URL, transport=httpx.MockTransport(api)))
    summary = run_batches(USERS, UserBatches(client), chunk_size=2, concurrency=1, poll=NO_WAIT)
    _check_spec_run(api, summary)


@pytest.mark.anyio
async def test_an_async_backend_over_the_generated_client_fits_the_spec_json() -> None:
    api = SpecApi()
    client = AuthenticatedClient(base_url=BASE_URL, token="unused")
    transport = httpx.MockTransport(api)
    client.set_async_httpx_client(httpx.AsyncClient(base_url=BASE_URL, transport=transport))
    summary = await arun_batches(
        USERS, AsyncUserBatches(client), chunk_size=2, concurrency=1, poll=NO_WAIT
    )
    _check_spec_run(api, summary)


@pytest.mark.parametrize(
    "counts",
    [
        (10, 0, 10, 10, 5, True),  # 15 settled out of 10 completed
        (10, 5, 10, 10, 0, False),  # 15 completed or remaining out of 10
        (10, 2, 8, 8, 0, True),  # completed, with entries remaining
        (10, 0, 10, 11, -1, True),  # a negative count
    ],
    ids=["settled-over-completed", "over-the-total", "completed-with-remaining", "negative"],
)
def test_a_report_with_impossible_counts_is_refused(
    counts: tuple[int, int, int, int, int, bool],
) -> None:
    with pytest.raises(ResponseValidationError, match="batch report has"):
        BatchProgress(*counts)
