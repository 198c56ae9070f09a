"""One fuzz run split over processes, for `evocalize fuzz --processes N`.

Generating cases is pure Python, and so is the embedded sandbox: schemathesis's `--workers`
are threads, which share one core under the GIL (and on CPython 3.11, two threads building
ASTs at once can fail with "AST constructor recursion depth mismatch"). Processes each have
their own interpreter and core. Each process fuzzes a share of the operations in the unit
phases (examples, coverage, fuzzing), against a fresh embedded sandbox of its own or the same
`--url`; the last one then runs the stateful phase over every operation, since its scenarios
chain operations across shares. Every operation still runs every asked-for phase with every
check; only which sandbox state a request meets differs from a run in one process.

Each process prints schemathesis's output as a run in one process does, each line prefixed
with its number; failures are recorded for `--replay` by the process that met them; reports
go to a folder per process (`process-K/` in the report folder). The parent then prints one
table and one verdict for the whole run.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import IO, Any

from rich.console import Console

from evocalize.fuzzing.options import FuzzOptions
from evocalize.fuzzing.tally import FuzzTally
from evocalize.spec import OperationSpec, document_operations, load_spec

UNIT_PHASES = ("examples", "coverage", "fuzzing")
# What a batch operation costs next to another in the unit phases (the fuzzer's large
# batches are stored and then applied by the sandbox's worker), and the stateful phase next
# to one operation's unit phases, estimated from a default run's times: for a balanced split.
BATCH_WEIGHT = 5
STATEFUL_WEIGHT = 10
# The secret reaches a process in its environment, never on its command line (`ps` shows it).
_SECRET_ENV = "EVOCALIZE_FUZZ_PROCESS_SECRET"


@dataclasses.dataclass(frozen=True)
class Share:
    """What one process fuzzes: these operations in the unit phases, then (for one of them)
    the stateful phase over `stateful_operations`."""

    operations: tuple[str, ...]
    stateful_operations: tuple[str, ...] = ()


def split(options: FuzzOptions, operations: tuple[OperationSpec, ...]) -> list[Share]:
    """The operations `options` selects, in at most `options.processes` shares of about equal
    cost: the last share has the stateful phase (its cost counted first), then each operation,
    the costliest first, goes to the cheapest share so far. Empty shares are left out."""
    selected = [
        op
        for op in operations
        if not options.include_operation_ids or op.operation_id in options.include_operation_ids
    ]
    stateful = tuple(op.operation_id for op in selected) if "stateful" in options.phases else ()
    loads = [0] * options.processes
    loads[-1] = STATEFUL_WEIGHT if stateful else 0
    shares: list[list[str]] = [[] for _ in range(options.processes)]
    if any(phase in UNIT_PHASES for phase in options.phases):
        for op in sorted(selected, key=lambda op: -_weight(op)):
            cheapest = loads.index(min(loads))
            shares[cheapest].append(op.operation_id)
            loads[cheapest] += _weight(op)
    result = [Share(tuple(share)) for share in shares[:-1]]
    result.append(Share(tuple(shares[-1]), stateful))
    return [share for share in result if share.operations or share.stateful_operations]


def _weight(operation: OperationSpec) -> int:
    return BATCH_WEIGHT if operation.batch else 1


def shares_for(options: FuzzOptions, spec: Path | None) -> list[Share]:
    """`split` over the operations of `spec` (default: the packaged openapi.yaml)."""
    document = load_spec() if spec is None else _read_document(spec)
    return split(options, document_operations(dict(document)))


def fuzz_in_processes(
    shares: list[Share],
    options: FuzzOptions,
    *,
    url: str | None,
    key_id: str | None,
    secret: str | None,
    auth: str,
    spec: Path | None,
) -> int:
    """Runs `options`, a process per share (an embedded sandbox each without `url`); prints
    their output as it comes, then the table and verdict of the whole run. Returns 0 when
    every process passed."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="evocalize-fuzz-") as folder:
        children = []
        for number, share in enumerate(shares, start=1):
            tally_file = Path(folder) / f"tally-{number}.json"
            job = {
                "options": _options_json(options, number),
                "share": dataclasses.asdict(share),
                "url": url,
                "key_id": key_id,
                "auth": auth,
                "spec": str(spec) if spec is not None else None,
                "tally_file": str(tally_file),
            }
            environment = {**os.environ, _SECRET_ENV: secret or ""}
            child = subprocess.Popen(
                [sys.executable, "-m", "evocalize.fuzzing.processes", json.dumps(job)],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                env=environment,
                text=True,
                encoding="utf-8",
                errors="replace",
            )
            children.append((number, child, tally_file))
        relays = [
            threading.Thread(target=_relay, args=(number, child.stdout), daemon=True)
            for number, child, _ in children
        ]
        for relay in relays:
            relay.start()
        codes = [child.wait() for _, child, _ in children]
        for relay in relays:
            relay.join()
        tally = _merged(
            [_read_tally(tally_file) for _, _, tally_file in children],
            codes,
            time.monotonic() - started,
        )
    console = Console()
    if not console.is_terminal:
        console.width = max(console.width, 120)
    tally.console = console
    tally.print_summary()
    return tally.exit_code or 0


_PRINT_LOCK = threading.Lock()


def _relay(number: int, stream: IO[str] | None) -> None:
    if stream is None:
        return
    for line in stream:
        with _PRINT_LOCK:
            sys.stdout.write(f"[{number}] {line}")
            sys.stdout.flush()


def _options_json(options: FuzzOptions, number: int) -> dict[str, Any]:
    fields = dataclasses.asdict(options)
    fields["report_dir"] = str(options.report_dir / f"process-{number}")
    fields["processes"] = 1
    return fields


def _read_document(spec: Path) -> dict[str, Any]:
    import yaml

    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    if not isinstance(document, dict):
        raise ValueError(f"{spec} is not an OpenAPI document")
    return document


def _read_tally(path: Path) -> dict[str, Any] | None:
    try:
        loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # the process died before it wrote one: its exit code says so
    return loaded


def _merged(parts: list[dict[str, Any] | None], codes: list[int], elapsed: float) -> FuzzTally:
    tally = FuzzTally()
    tally.elapsed = elapsed
    tally.exit_code = max(codes, default=0)
    for part in parts:
        if part is None:
            tally.error_count += 1
            continue
        tally.failure_count += part["failure_count"]
        tally.error_count += part["error_count"]
        for name, counts in part["operations"].items():
            operation = tally.operations[name]
            operation.requests.update(Counter(counts["requests"]))
            operation.failures.update(Counter(counts["failures"]))
    return tally


def _tally_json(tally: FuzzTally) -> dict[str, Any]:
    return {
        "failure_count": tally.failure_count,
        "error_count": tally.error_count,
        "operations": {
            name: {"requests": dict(op.requests), "failures": dict(op.failures)}
            for name, op in tally.operations.items()
        },
    }


def _run_share(job: dict[str, Any]) -> int:
    """A process's part of the run: its share's unit phases, then the stateful phase if it
    has it, each a run of `fuzz` against the same target; writes its tally for the parent."""
    from evocalize.fuzzing.command import fuzz_target

    options = FuzzOptions(
        **{
            **job["options"],
            "report_dir": Path(job["options"]["report_dir"]),
            **{
                name: tuple(job["options"][name])
                for name in ("phases", "checks", "reports", "include_operation_ids")
            },
        }
    )
    share = Share(**{name: tuple(value) for name, value in job["share"].items()})
    runs = []
    unit = tuple(phase for phase in options.phases if phase in UNIT_PHASES)
    if share.operations and unit:
        runs.append(
            dataclasses.replace(options, phases=unit, include_operation_ids=share.operations)
        )
    if share.stateful_operations:
        runs.append(
            dataclasses.replace(
                options, phases=("stateful",), include_operation_ids=share.stateful_operations
            )
        )
    tallies: list[FuzzTally] = []
    spec = Path(job["spec"]) if job["spec"] else None
    code = fuzz_target(
        runs,
        url=job["url"],
        key_id=job["key_id"],
        key=os.environ.get(_SECRET_ENV) or None,
        auth=job["auth"],
        spec=spec,
        tallies=tallies,
    )
    merged = _merged([_tally_json(tally) for tally in tallies], [code], 0.0)
    Path(job["tally_file"]).write_text(json.dumps(_tally_json(merged)), encoding="utf-8")
    return code


if __name__ == "__main__":
    sys.exit(_run_share(json.loads(sys.argv[1])))
