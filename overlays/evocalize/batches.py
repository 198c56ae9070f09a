"""Batch submission: any number of entries, sent in batches the API accepts and followed to the end.

A batch operation takes at most 1000 entries (more is refused whole with
`EV_BAD_REQUEST_TOO_MANY_ITEMS`), answers `202` with a `reportId` at once and processes the entries
later; `getBatchReport` counts how far it got and `listBatchReportErrors` pages through each failed
input with its message and code (docs/decisions.md, "Batches and reports"). Every batch operation is
followed the same way, so the chunking, the bounded concurrency, the polling with backoff and the
collection of failures live here once. The facade supplies, per batch operation, a small backend
(`BatchBackend` or `AsyncBatchBackend`: submit one chunk, read one report, list one report's errors)
and gets `run_batches` / `arun_batches` for free.

Nothing is lost on the way: entries are read from the input only when a batch can be sent, so
a run that stops leaves the rest of an iterator unread; a batch the API refuses becomes one
failure per entry; a run that gives up waiting raises `BatchTimeout` with the ids of the reports
still pending, which `follow_reports` picks up later (reports are kept 30 days).
"""

from __future__ import annotations

import asyncio
import dataclasses
import queue
import random
import threading
import time
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Sequence,
)
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache, partial
from typing import Any, Protocol

from evocalize.errors import EvocalizeError, ResponseValidationError
from evocalize.spec import load_spec, resolve

__all__ = [
    "AsyncBatchBackend",
    "BatchBackend",
    "BatchEntryError",
    "BatchFailure",
    "BatchIncomplete",
    "BatchProgress",
    "BatchProgressEvent",
    "BatchReportCounts",
    "BatchSummary",
    "BatchTimeout",
    "EntryCheck",
    "PollPolicy",
    "afollow_reports",
    "arun_batches",
    "follow_reports",
    "max_batch_size",
    "run_batches",
]


@cache
def max_batch_size() -> int:
    """The most entries one batch may hold, as the spec's `BatchCount` states it (1000)."""
    count = resolve(load_spec()["components"]["schemas"]["BatchCount"])
    return int(count["maximum"])


# ---- what a backend answers --------------------------------------------------------------------


class BatchReportCounts(Protocol):
    """Anything shaped like the generated `BatchReport` model."""

    @property
    def total_items(self) -> int: ...
    @property
    def remaining_items(self) -> int: ...
    @property
    def completed_items(self) -> int: ...
    @property
    def successful_items(self) -> int: ...
    @property
    def error_items(self) -> int: ...
    @property
    def is_completed(self) -> bool: ...


@dataclass(frozen=True)
class BatchProgress:
    """One reading of a batch report (`BatchReport` in the spec, field for field)."""

    total_items: int
    remaining_items: int
    completed_items: int
    successful_items: int
    error_items: int
    is_completed: bool

    def __post_init__(self) -> None:
        # A report whose counts cannot all be true says nothing to act on: which entries
        # failed, or whether the batch is done, cannot be told from it.
        counts = (
            self.total_items,
            self.remaining_items,
            self.completed_items,
            self.successful_items,
            self.error_items,
        )
        problem = None
        if any(type(count) is not int or count < 0 for count in counts):
            problem = "a count that is not a whole number of entries"
        elif self.successful_items + self.error_items != self.completed_items:
            problem = "successful and failed entries that do not add up to the completed ones"
        elif self.completed_items + self.remaining_items != self.total_items:
            problem = "completed and remaining entries that do not add up to the total"
        elif self.is_completed and self.remaining_items:
            problem = "entries remaining in a completed report"
        if problem is not None:
            raise ResponseValidationError(f"the batch report has {problem}: {self!r}")

    @classmethod
    def from_report(cls, report: BatchReportCounts) -> BatchProgress:
        """From the generated `BatchReport` (or anything with the same attributes)."""
        return cls(
            total_items=report.total_items,
            remaining_items=report.remaining_items,
            completed_items=report.completed_items,
            successful_items=report.successful_items,
            error_items=report.error_items,
            is_completed=report.is_completed,
        )


@dataclass(frozen=True)
class BatchEntryError:
    """One failed entry as `listBatchReportErrors` lists it (`BatchItemError`)."""

    input: Any  # the entry as the API echoes it back: a JSON object, or an item id
    message: str
    code: str | None = None  # `restErrorCode`, which the API reference says is not always present
    field: str | None = None


# Checks one entry before it is sent: the entry to send and no problems, or the entry as given
# and why it breaks the request schema (`evocalize.errors.ErrorDetail`s).
EntryCheck = Callable[[Any], tuple[Any, Sequence[Any]]]


class BatchBackend(Protocol):
    """One batch operation, as the facade wires it to the generated client."""

    def submit(self, chunk: list[Any]) -> str:
        """Sends one batch (at most `max_batch_size()` entries); returns its report id."""
        ...

    def report(self, report_id: str) -> BatchProgress:
        """Reads the report (`getBatchReport`)."""
        ...

    def errors(self, report_id: str) -> Iterable[BatchEntryError]:
        """Every failed entry of a completed report, across all pages (`listBatchReportErrors`)."""
        ...


class AsyncBatchBackend(Protocol):
    """The async twin of `BatchBackend`."""

    async def submit(self, chunk: list[Any]) -> str: ...

    async def report(self, report_id: str) -> BatchProgress: ...

    def errors(self, report_id: str) -> AsyncIterable[BatchEntryError]: ...


# ---- what a run answers ------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchFailure:
    """An entry that did not go through, with why and where to look it up."""

    input: Any
    message: str
    code: str | None = None
    field: str | None = None
    # None when the API refused the whole batch at submission; `exception` then says why.
    report_id: str | None = None
    exception: BaseException | None = dataclasses.field(default=None, compare=False)


@dataclass(frozen=True)
class BatchProgressEvent:
    """Where one batch and the whole run stand, for a progress bar.

    Overall counts never decrease. A bar over the run has `submitted + refused` entries known so
    far, of which `processed + refused` are settled.
    """

    index: int  # the batch's position in the input, from 0
    report_id: str | None  # None for a batch the API refused
    batch_size: int
    batch_processed: int
    batch_completed: bool
    submitted: int  # entries in batches the API accepted so far
    refused: int  # entries in batches the API refused so far
    processed: int  # entries the reports count as processed so far
    succeeded: int
    failed: int  # including refused entries


@dataclass(frozen=True)
class BatchSummary:
    """The outcome of a run: every entry read is either submitted or refused, and every entry
    of a completed report is counted as succeeded or failed."""

    total: int  # entries read from the input (for `follow_reports`, the reports' totals)
    submitted: int  # entries in batches the API accepted (those of `report_ids`)
    succeeded: int
    failed: int  # entries the reports list as failed, plus the entries of refused batches
    report_ids: tuple[str, ...] = ()  # in input order
    failures: tuple[BatchFailure, ...] = ()  # in input order; empty unless `keep_failures`

    @property
    def refused(self) -> int:
        """Entries in batches the API refused at submission."""
        return self.total - self.submitted


class BatchIncomplete(EvocalizeError):
    """The run stopped before every report completed: a report could not be read, or the input
    raised (its cause, in both cases, is the exception).

    Nothing is lost: `summary` accounts for the completed reports and refused batches, and the
    reports in `pending` are still processing (or done) on the API's side, to be picked up with
    `follow_reports(pending, backend)`. Their failures have not been delivered yet, so resuming
    never repeats one. An input iterator was read no further than what was submitted.
    """

    def __init__(self, message: str, *, pending: tuple[str, ...], summary: BatchSummary) -> None:
        super().__init__(message)
        self.pending = pending
        self.summary = summary


class BatchTimeout(BatchIncomplete):
    """A report did not complete within `PollPolicy.timeout` of its submission."""


@dataclass(frozen=True)
class PollPolicy:
    """How reports are polled: at once, then after delays growing from `initial` by `factor` up
    to `max_delay`, each shortened by up to `jitter` (a fraction) so that concurrent runs do not
    poll in step. A report not completed `timeout` seconds after its submission (or, when
    resuming, after following started) stops the run with `BatchTimeout`; None waits forever."""

    initial: float = 1.0
    factor: float = 2.0
    max_delay: float = 30.0
    timeout: float | None = 3600.0
    jitter: float = 0.1

    def __post_init__(self) -> None:
        if self.initial < 0 or self.max_delay < 0:
            raise ValueError("poll delays cannot be negative")
        if self.factor < 1:
            raise ValueError(f"the backoff factor must be at least 1, not {self.factor}")
        if not 0 <= self.jitter <= 1:
            raise ValueError(f"jitter is a fraction of the delay, not {self.jitter}")
        if self.timeout is not None and self.timeout <= 0:
            raise ValueError(f"the timeout must be positive (or None), not {self.timeout}")

    def delays(self, rand: Callable[[], float] = random.random) -> Iterator[float]:
        """The waits between polls, endlessly; `rand` returns a number in [0, 1)."""
        delay = min(self.initial, self.max_delay)
        while True:
            yield delay * (1 - self.jitter * rand())
            delay = min(delay * self.factor, self.max_delay)


# ---- running -----------------------------------------------------------------------------------


def run_batches(
    entries: Iterable[Any],
    backend: BatchBackend,
    *,
    chunk_size: int | None = None,
    concurrency: int = 4,
    poll: PollPolicy = PollPolicy(),
    progress: Callable[[BatchProgressEvent], None] | None = None,
    on_failure: Callable[[BatchFailure], None] | None = None,
    keep_failures: bool = True,
    check: EntryCheck | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> BatchSummary:
    """Sends `entries` in batches of `chunk_size` (default and maximum: the API's limit, 1000),
    at most `concurrency` batches in flight (from submission until their report completes and
    its failures are listed), and returns the summary.

    At most `chunk_size * concurrency` entries are held at a time: the input is read one chunk at
    a time, only when a batch may start, so generators of millions of entries are fine (pass
    `keep_failures=False` and stream `on_failure` when failures could be that many too).

    A batch whose submission raises does not stop the run: each of its entries becomes a
    `BatchFailure` with the exception's message (and its `code` attribute, if any) and no report
    id. The API refuses a batch whole, so these entries are exactly as failed as those a report
    lists, and resubmitting the failures' inputs is safe (batch operations upsert or delete by id).

    `progress` and `on_failure` are called on the calling thread; an exception they raise stops
    the run and reaches the caller as it is. Raises `BatchTimeout` or `BatchIncomplete` (with the
    reports still pending) when a report times out or cannot be read, or when the input raises
    (the entries it gave before are sent first); no new batch starts after that, and the input is
    left unread past the last batch sent.

    `check`, when given, is applied to each entry before it is sent: it returns the entry to
    send, or the reasons it breaks the request schema. A failing entry is never sent; it becomes
    a `BatchFailure` of its own (its field, its input, no report id), and the other entries of
    its chunk still go.
    """
    size = _checked(chunk_size, concurrency)
    tally = _Tally(progress, on_failure, keep_failures)
    jobs = _numbered(_chunks(entries, size), check)
    return _drive(jobs, backend, concurrency, poll, sleep, clock, tally)


def follow_reports(
    report_ids: Iterable[str],
    backend: BatchBackend,
    *,
    concurrency: int = 4,
    poll: PollPolicy = PollPolicy(),
    progress: Callable[[BatchProgressEvent], None] | None = None,
    on_failure: Callable[[BatchFailure], None] | None = None,
    keep_failures: bool = True,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> BatchSummary:
    """Follows reports already submitted (such as `BatchIncomplete.pending`) to completion, as
    `run_batches` does; the summary's totals come from the reports."""
    _checked(None, concurrency)
    tally = _Tally(progress, on_failure, keep_failures)
    jobs = (_Job(index, report_id=report_id) for index, report_id in enumerate(report_ids))
    return _drive(jobs, backend, concurrency, poll, sleep, clock, tally)


async def arun_batches(
    entries: Iterable[Any] | AsyncIterable[Any],
    backend: AsyncBatchBackend,
    *,
    chunk_size: int | None = None,
    concurrency: int = 4,
    poll: PollPolicy = PollPolicy(),
    progress: Callable[[BatchProgressEvent], None] | None = None,
    on_failure: Callable[[BatchFailure], None] | None = None,
    keep_failures: bool = True,
    check: EntryCheck | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> BatchSummary:
    """`run_batches` on asyncio: one task per batch in flight, at most `concurrency` of them."""
    size = _checked(chunk_size, concurrency)
    tally = _Tally(progress, on_failure, keep_failures)

    async def jobs() -> AsyncIterator[_Job]:
        index = 0
        async for chunk in _achunks(entries, size):
            for job in _screened(index, chunk, check):
                yield job
                index += 1

    return await _adrive(jobs(), backend, concurrency, poll, sleep, clock, tally)


async def afollow_reports(
    report_ids: Iterable[str],
    backend: AsyncBatchBackend,
    *,
    concurrency: int = 4,
    poll: PollPolicy = PollPolicy(),
    progress: Callable[[BatchProgressEvent], None] | None = None,
    on_failure: Callable[[BatchFailure], None] | None = None,
    keep_failures: bool = True,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> BatchSummary:
    """`follow_reports` on asyncio."""
    _checked(None, concurrency)
    tally = _Tally(progress, on_failure, keep_failures)

    async def jobs() -> AsyncIterator[_Job]:
        for index, report_id in enumerate(report_ids):
            yield _Job(index, report_id=report_id)

    return await _adrive(jobs(), backend, concurrency, poll, sleep, clock, tally)


def _checked(chunk_size: int | None, concurrency: int) -> int:
    limit = max_batch_size()
    size = limit if chunk_size is None else chunk_size
    if not 1 <= size <= limit:
        raise ValueError(f"chunk_size must be between 1 and {limit} (the API's limit), not {size}")
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, not {concurrency}")
    return size


def _chunks(entries: Iterable[Any], size: int) -> Iterator[list[Any]]:
    # Filled one entry at a time, so that a run that stops leaves the rest unread; when the
    # input itself raises, the entries already taken from it still go out before the error.
    chunk: list[Any] = []
    try:
        for entry in entries:
            chunk.append(entry)
            if len(chunk) == size:
                yield chunk
                chunk = []
    except Exception:
        if chunk:
            yield chunk
        raise
    if chunk:
        yield chunk


async def _achunks(
    entries: Iterable[Any] | AsyncIterable[Any], size: int
) -> AsyncIterator[list[Any]]:
    if not isinstance(entries, AsyncIterable):
        for whole in _chunks(entries, size):
            yield whole
        return
    # As `_chunks` does.
    chunk: list[Any] = []
    try:
        async for entry in entries:
            chunk.append(entry)
            if len(chunk) == size:
                yield chunk
                chunk = []
    except Exception:
        if chunk:
            yield chunk
        raise
    if chunk:
        yield chunk


@dataclass(frozen=True)
class _Job:
    """One batch to follow: a chunk to submit first, or the report of one already submitted;
    or the entries of a chunk that `check` refused, settled without a request."""

    index: int
    chunk: list[Any] | None = None
    report_id: str | None = None
    rejected: list[BatchFailure] | None = None


def _screened(index: int, chunk: list[Any], check: EntryCheck | None) -> Iterator[_Job]:
    """The jobs of one chunk read from the input: its refused entries first (numbered `index`),
    then the entries to send."""
    if check is None:
        yield _Job(index, chunk=chunk)
        return
    sent: list[Any] = []
    rejected: list[BatchFailure] = []
    for entry in chunk:
        prepared, problems = check(entry)
        if problems:
            first = problems[0]
            message = "; ".join(problem.message for problem in problems)
            rejected.append(BatchFailure(prepared, message, first.code, first.field))
        else:
            sent.append(prepared)
    if rejected:
        yield _Job(index, rejected=rejected)
        index += 1
    if sent:
        yield _Job(index, chunk=sent)


def _numbered(chunks: Iterator[list[Any]], check: EntryCheck | None) -> Iterator[_Job]:
    index = 0
    for chunk in chunks:
        for job in _screened(index, chunk, check):
            yield job
            index += 1


# ---- bookkeeping, shared by the thread and the asyncio drivers ----------------------------------
#
# Workers (threads or tasks) only talk to the backend; they hand what they learn to the driver as
# calls on the tally, which the driver makes on its own thread. So the counts need no lock and the
# caller's callbacks run where the caller is.


@dataclass
class _Batch:
    report_id: str | None
    size: int | None  # unknown for a resumed report until its first reading
    processed: int = 0
    succeeded: int = 0
    failed: int = 0
    state: str = "open"  # open, done (completed or refused), pending (left to resume)


class _Tally:
    def __init__(
        self,
        progress: Callable[[BatchProgressEvent], None] | None,
        on_failure: Callable[[BatchFailure], None] | None,
        keep_failures: bool,
    ) -> None:
        self._progress = progress
        self._on_failure = on_failure
        self._keep = keep_failures
        self._batches: dict[int, _Batch] = {}
        self._failures: dict[int, list[BatchFailure]] = {}
        self._submitted = self._refused = self._processed = self._succeeded = self._failed = 0
        self._timed_out: list[int] = []
        self._broken: list[BaseException] = []
        self._input_error: Exception | None = None
        self._timeout: float | None = None

    @property
    def stopping(self) -> bool:
        return bool(self._timed_out or self._broken or self._input_error)

    def input_failed(self, exc: Exception) -> None:
        self._input_error = exc

    def started(self, job: _Job) -> None:
        size = None if job.chunk is None else len(job.chunk)
        if job.rejected is not None:
            size = len(job.rejected)
        self._batches[job.index] = _Batch(job.report_id, size)

    def rejected(self, index: int, failures: list[BatchFailure]) -> None:
        """Entries refused before sending, each with its own reason."""
        batch = self._batches[index]
        batch.failed = batch.processed = len(failures)
        batch.state = "done"
        self._refused += len(failures)
        self._failed += len(failures)
        self._emit(index)
        self._deliver(index, failures)

    def accepted(self, index: int, report_id: str) -> None:
        batch = self._batches[index]
        batch.report_id = report_id
        self._submitted += batch.size or 0
        self._emit(index)

    def refused(self, index: int, chunk: list[Any], exc: Exception) -> None:
        batch = self._batches[index]
        batch.failed = batch.processed = len(chunk)
        batch.state = "done"
        self._refused += len(chunk)
        self._failed += len(chunk)
        code = getattr(exc, "code", None)
        message = str(exc) or type(exc).__name__
        failures = [
            BatchFailure(entry, message, code if isinstance(code, str) else None, exception=exc)
            for entry in chunk
        ]
        self._emit(index)
        self._deliver(index, failures)

    def progressed(self, index: int, reading: BatchProgress) -> None:
        batch = self._batches[index]
        if batch.size is None:
            batch.size = reading.total_items
            self._submitted += batch.size
        # Readings are taken concurrently with processing; a stale one never moves a bar back.
        processed = max(batch.processed, reading.completed_items)
        succeeded = max(batch.succeeded, reading.successful_items)
        failed = max(batch.failed, reading.error_items)
        changed = (processed, succeeded, failed) != (batch.processed, batch.succeeded, batch.failed)
        self._processed += processed - batch.processed
        self._succeeded += succeeded - batch.succeeded
        self._failed += failed - batch.failed
        batch.processed, batch.succeeded, batch.failed = processed, succeeded, failed
        if reading.is_completed:
            batch.state = "done"
        if changed or reading.is_completed:
            self._emit(index)

    def finished(self, index: int, errors: list[BatchEntryError]) -> None:
        report_id = self._batches[index].report_id
        self._deliver(
            index, [BatchFailure(e.input, e.message, e.code, e.field, report_id) for e in errors]
        )

    def timed_out(self, index: int, timeout: float | None) -> None:
        self._batches[index].state = "pending"
        self._timed_out.append(index)
        self._timeout = timeout

    def broke(self, index: int, exc: Exception) -> None:
        self._batches[index].state = "pending"
        self._broken.append(exc)

    def stalled(self, index: int) -> None:
        """Stopped following because another report timed out or broke."""
        self._batches[index].state = "pending"

    def _deliver(self, index: int, failures: list[BatchFailure]) -> None:
        if self._keep:
            self._failures[index] = failures
        if self._on_failure is not None:
            for failure in failures:
                self._on_failure(failure)

    def _emit(self, index: int) -> None:
        if self._progress is None:
            return
        batch = self._batches[index]
        self._progress(
            BatchProgressEvent(
                index=index,
                report_id=batch.report_id,
                batch_size=batch.size or 0,
                batch_processed=batch.processed,
                batch_completed=batch.state == "done",
                submitted=self._submitted,
                refused=self._refused,
                processed=self._processed,
                succeeded=self._succeeded,
                failed=self._failed,
            )
        )

    def outcome(self) -> BatchSummary:
        """The summary, or the exception that carries it and the reports left pending."""
        batches = [self._batches[index] for index in sorted(self._batches)]
        done = [batch for batch in batches if batch.state == "done"]
        summary = BatchSummary(
            total=sum(batch.size or 0 for batch in batches),
            submitted=sum(batch.size or 0 for batch in batches if batch.report_id is not None),
            succeeded=sum(batch.succeeded for batch in done),
            failed=sum(batch.failed for batch in done),
            report_ids=tuple(batch.report_id for batch in batches if batch.report_id is not None),
            failures=tuple(f for index in sorted(self._failures) for f in self._failures[index]),
        )
        pending = tuple(
            batch.report_id
            for batch in batches
            if batch.state == "pending" and batch.report_id is not None
        )
        if self._input_error is not None:
            message = f"reading the entries raised {self._input_error!r}; {_resume(pending)}"
            raise BatchIncomplete(message, pending=pending, summary=summary) from self._input_error
        if self._broken:
            message = f"a batch report could not be read ({self._broken[0]!r}); {_resume(pending)}"
            raise BatchIncomplete(message, pending=pending, summary=summary) from self._broken[0]
        if self._timed_out:
            late = f"a batch report did not complete within {self._timeout} s of its submission"
            message = f"{late}; {_resume(pending)}"
            raise BatchTimeout(message, pending=pending, summary=summary)
        return summary


def _resume(pending: tuple[str, ...]) -> str:
    shown = ", ".join(pending[:10]) + (
        f" and {len(pending) - 10} more" if len(pending) > 10 else ""
    )
    return f"{len(pending)} pending, to resume with follow_reports: {shown}"


# ---- threads -----------------------------------------------------------------------------------

_Post = Callable[[Callable[[], None] | None], None]


def _drive(
    jobs: Iterator[_Job],
    backend: BatchBackend,
    concurrency: int,
    poll: PollPolicy,
    sleep: Callable[[float], None],
    clock: Callable[[], float],
    tally: _Tally,
) -> BatchSummary:
    # Each worker posts its findings as calls on the tally, then None when it is done.
    events: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
    stop = threading.Event()
    in_flight, exhausted = 0, False
    with ThreadPoolExecutor(concurrency, thread_name_prefix="evocalize-batches") as pool:
        try:
            while True:
                # A chunk is read only when a batch may start: the input is never read ahead.
                while in_flight < concurrency and not exhausted and not stop.is_set():
                    try:
                        job = next(jobs, None)
                    except Exception as exc:
                        tally.input_failed(exc)
                        stop.set()
                        job = None
                    if job is None:
                        exhausted = True
                        break
                    tally.started(job)
                    if job.rejected is not None:
                        tally.rejected(job.index, job.rejected)
                        continue
                    pool.submit(_follow, job, backend, poll, sleep, clock, stop, tally, events.put)
                    in_flight += 1
                if in_flight == 0:
                    break
                event = events.get()
                if event is None:
                    in_flight -= 1
                else:
                    event()
                if tally.stopping:
                    stop.set()
        except BaseException:
            stop.set()  # workers give up at their next poll; the pool waits for them
            raise
    return tally.outcome()


def _follow(
    job: _Job,
    backend: BatchBackend,
    poll: PollPolicy,
    sleep: Callable[[float], None],
    clock: Callable[[], float],
    stop: threading.Event,
    tally: _Tally,
    post: _Post,
) -> None:
    try:
        report_id = job.report_id
        if job.chunk is not None:
            # A chunk read from the input is always submitted, even after a stop: its entries
            # would otherwise be lost to the caller.
            try:
                report_id = backend.submit(job.chunk)
            except Exception as exc:
                post(partial(tally.refused, job.index, job.chunk, exc))
                return
            post(partial(tally.accepted, job.index, report_id))
        assert report_id is not None
        deadline = None if poll.timeout is None else clock() + poll.timeout
        delays = poll.delays()
        while True:
            reading = backend.report(report_id)
            post(partial(tally.progressed, job.index, reading))
            if reading.is_completed:
                break
            if stop.is_set():
                post(partial(tally.stalled, job.index))
                return
            wait = _next_wait(delays, deadline, clock)
            if wait is None:
                post(partial(tally.timed_out, job.index, poll.timeout))
                return
            sleep(wait)
        # Delivered at once when the listing is complete, so a report left pending has
        # delivered nothing and resuming it repeats nothing.
        errors = list(backend.errors(report_id))
        post(partial(tally.finished, job.index, errors))
    except Exception as exc:
        post(partial(tally.broke, job.index, exc))
    finally:
        post(None)


def _next_wait(
    delays: Iterator[float], deadline: float | None, clock: Callable[[], float]
) -> float | None:
    """The wait before the next poll, cut so the last poll falls on the deadline; None once
    the deadline has passed."""
    wait = next(delays)
    if deadline is None:
        return wait
    left = deadline - clock()
    return None if left <= 0 else min(wait, left)


# ---- asyncio -----------------------------------------------------------------------------------


async def _adrive(
    jobs: AsyncIterator[_Job],
    backend: AsyncBatchBackend,
    concurrency: int,
    poll: PollPolicy,
    sleep: Callable[[float], Awaitable[None]],
    clock: Callable[[], float],
    tally: _Tally,
) -> BatchSummary:
    # The same loop as `_drive`, with tasks for threads.
    events: asyncio.Queue[Callable[[], None] | None] = asyncio.Queue()
    stop = threading.Event()  # only set and read, never waited on
    tasks: set[asyncio.Task[None]] = set()
    in_flight, exhausted = 0, False
    try:
        while True:
            while in_flight < concurrency and not exhausted and not stop.is_set():
                try:
                    job = await anext(jobs, None)
                except Exception as exc:
                    tally.input_failed(exc)
                    stop.set()
                    job = None
                if job is None:
                    exhausted = True
                    break
                tally.started(job)
                if job.rejected is not None:
                    tally.rejected(job.index, job.rejected)
                    continue
                work = _afollow(job, backend, poll, sleep, clock, stop, tally, events.put_nowait)
                task = asyncio.create_task(work)
                tasks.add(task)
                task.add_done_callback(tasks.discard)
                in_flight += 1
            if in_flight == 0:
                break
            event = await events.get()
            if event is None:
                in_flight -= 1
            else:
                event()
            if tally.stopping:
                stop.set()
    except BaseException:
        stop.set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
    return tally.outcome()


async def _afollow(
    job: _Job,
    backend: AsyncBatchBackend,
    poll: PollPolicy,
    sleep: Callable[[float], Awaitable[None]],
    clock: Callable[[], float],
    stop: threading.Event,
    tally: _Tally,
    post: _Post,
) -> None:
    try:
        report_id = job.report_id
        if job.chunk is not None:
            try:
                report_id = await backend.submit(job.chunk)
            except Exception as exc:
                post(partial(tally.refused, job.index, job.chunk, exc))
                return
            post(partial(tally.accepted, job.index, report_id))
        assert report_id is not None
        deadline = None if poll.timeout is None else clock() + poll.timeout
        delays = poll.delays()
        while True:
            reading = await backend.report(report_id)
            post(partial(tally.progressed, job.index, reading))
            if reading.is_completed:
                break
            if stop.is_set():
                post(partial(tally.stalled, job.index))
                return
            wait = _next_wait(delays, deadline, clock)
            if wait is None:
                post(partial(tally.timed_out, job.index, poll.timeout))
                return
            await sleep(wait)
        errors = [error async for error in backend.errors(report_id)]
        post(partial(tally.finished, job.index, errors))
    except Exception as exc:
        post(partial(tally.broke, job.index, exc))
    finally:
        post(None)
