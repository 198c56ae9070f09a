"""The knobs of one sandbox instance, with defaults that suit `evocalize sandbox`."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .faults import FaultPlan

MIB = 1024 * 1024

# `evocalize sandbox`'s defaults for its connections (`serving`): seconds a connection may take
# to send a request's headers (and may stay silent mid-body), and how many may be open at once.
READ_TIMEOUT_SECONDS = 15.0
MAX_CONNECTIONS = 1000


@dataclass(frozen=True)
class Settings:
    # Whether the lifespan runs the background batch worker. Tests turn it off and call
    # `Sandbox.process_pending_batches()` themselves, so they never sleep.
    run_worker: bool = True
    # How often the worker looks for batches it was not woken for: those another process
    # accepted, and reports whose lease expired (one this process accepts wakes it at once).
    worker_poll_seconds: float = 0.2
    # Whether the worker runs in a process of its own (worker_process.py) rather than on a
    # thread of the serving one: for a database file or PostgreSQL, not the test clock.
    worker_process: bool = False
    # No background worker: each write's batches are applied once its answer has gone out, before
    # the request ends, so that the next request finds them applied. For the fuzzer's embedded
    # sandbox (embedded.py): with a worker applying beside the requests, a batch accepted in one
    # step could re-create what a later DELETE removed, and a replay would not repeat it.
    apply_batches_inline: bool = False
    # How long a worker owns a report without progress before another may take it over
    # (only matters after a crash; a clean stop releases the report at once).
    lease_seconds: float = 30.0
    # Unix seconds; tests replace it to age reports or requests.
    clock: Callable[[], float] = field(default=time.time)
    # Bodies larger than this are refused before being read whole (the spec has no 413, so
    # the answer is a 400). 1000 batch entries of typical size fit well within 8 MiB.
    max_json_body_bytes: int = 8 * MIB
    # The audience CSV upload: 300+ rows of 4 SHA-256 hashes each is far smaller; a bigger
    # cap lets realistic audiences (hundreds of thousands of rows) through.
    max_multipart_body_bytes: int = 256 * MIB
    # A request body from which nothing arrives for this long is refused (a 400), so that a
    # client dripping it, or gone without closing, does not hold a request open.
    body_idle_seconds: float = READ_TIMEOUT_SECONDS
    page_size: int = 100
    # How long an audience placeholder stays `processing` after a valid CSV upload before its
    # audiences exist (the API reference: "Audience creation can take up to 24 hours").
    audience_processing_seconds: float = 24 * 60 * 60.0
    # Test mode: the clock becomes a `SandboxClock` and the admin routes under /sandbox/ (the
    # test clock, fault injection) are offered. A real server has neither, so it is off unless
    # asked for (`evocalize sandbox --test-mode`, the pytest plugin).
    test_mode: bool = False
    # Faults injected from the start (`evocalize sandbox --faults FILE`); see faults.py.
    faults: FaultPlan | None = None
