"""What the benchmarks share: their command-line options and result file (the format
`benchmarks/run.py` aggregates), a server in a child process on a free loopback port, and the
client's memory readings.

Run as a script only by the benchmarks themselves, to serve the sandbox in a child process:
`python benchmarks/_common.py --serve-sandbox PORT --db URL`.
"""

from __future__ import annotations

import argparse
import json
import resource
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

# The test suite's helpers serve the benchmarks too: free loopback ports, apps served in a
# thread, and the Node tools installed from package-lock.json.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from node_tools import node_tool as node_tool
from served import free_port as free_port
from served import serving as serving

# The client key every benchmark registers with the sandboxes it starts.
KEY_ID, SECRET = "bench-kid", "bench-secret"
API = "/management/v1"
MIB = 1024 * 1024


# Options and results ---------------------------------------------------------------------------


def add_result_options(parser: argparse.ArgumentParser) -> None:
    """`--json PATH` and `--quick`, which every benchmark takes (run.py passes them)."""
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument(
        "--quick", action="store_true", help="small sizes: the whole script in seconds"
    )


def row(measure: str, subject: str, value: float, unit: str, **optional: Any) -> dict[str, Any]:
    """One result row. `optional`: `p50_ms`, `p99_ms`, `ratio` (a float) with `ratio_of` (what
    was divided by what), and any extra key; those given as None are left out."""
    result: dict[str, Any] = {"measure": measure, "subject": subject, "value": value, "unit": unit}
    result.update({key: given for key, given in optional.items() if given is not None})
    return result


def benchmark_parser(doc: str | None) -> argparse.ArgumentParser:
    """A benchmark's argument parser, described by its docstring's first line, with the
    options every benchmark takes."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    add_result_options(parser)
    return parser


def write_result(
    path: Path | None,
    benchmark: str,
    title: str,
    parameters: dict[str, Any],
    rows: list[dict[str, Any]],
) -> None:
    """Writes the shared result format to `path` (nothing when None). `benchmark` is the
    script's `__file__`, whose stem names the benchmark."""
    if path is None:
        return
    document = {
        "benchmark": Path(benchmark).stem,
        "title": title,
        "parameters": parameters,
        "rows": rows,
    }
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def percentile(samples: Sequence[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


# Servers in child processes --------------------------------------------------------------------


class ServerDidNotStart(RuntimeError):
    """A child server exited, or did not listen in time; the message ends with its output."""


@contextmanager
def child_server(
    command: Sequence[str],
    port: int,
    start_timeout: float = 60,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    name: str = "the server",
) -> Iterator[str]:
    """Runs `command` (a server that listens on 127.0.0.1:`port`) until the block ends; yields
    its base URL once it accepts connections. A separate process, so that the server and the
    measured client do not share one interpreter. Its output goes to a temporary file, whose
    tail `ServerDidNotStart` shows."""
    with tempfile.TemporaryFile() as log:
        child = subprocess.Popen(list(command), env=env, cwd=cwd, stdout=log, stderr=log)
        try:
            deadline = time.monotonic() + start_timeout
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if child.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        output = log.read().decode(errors="replace")[-2000:]
                        raise ServerDidNotStart(
                            f"{name} did not listen on port {port} (exit code {child.poll()}):"
                            f"\n{output}"
                        ) from None
                    time.sleep(0.05)
            yield f"http://127.0.0.1:{port}"
        finally:
            child.terminate()
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def sandbox_server(
    database_url: str, worker_poll_seconds: float = 0.05
) -> AbstractContextManager[str]:
    """The sandbox on `database_url` (its schema created, seeded if it never was, `KEY_ID`
    registered) with its background worker, as `evocalize sandbox` runs it, in a child process."""
    port = free_port()
    command = [
        sys.executable,
        __file__,
        "--serve-sandbox",
        str(port),
        "--db",
        database_url,
        "--poll",
        str(worker_poll_seconds),
    ]
    return child_server(command, port)


def _serve_sandbox(database_url: str, port: int, worker_poll_seconds: float) -> None:
    import uvicorn
    from evocalize_sandbox.app import create_app
    from evocalize_sandbox.settings import Settings

    app = create_app(
        database_url=database_url,
        clients={KEY_ID: SECRET},
        # As `evocalize sandbox` serves a database file: the worker in a process of its own.
        settings=Settings(worker_poll_seconds=worker_poll_seconds, worker_process=True),
    )
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


# Memory ----------------------------------------------------------------------------------------


def max_rss_bytes() -> int:
    """This process's peak resident set size so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)


class ClientMemory:
    """The client's memory over a block: tracemalloc's peak of Python allocations (read at any
    point with `traced_peak_mib()`) and the growth of the process's peak RSS (`rss_growth_mib`,
    set when the block ends). With `trace=False`, the RSS alone: tracing every allocation
    slows the client several times, so a block timed for throughput does not trace."""

    def __init__(self, trace: bool = True) -> None:
        self.rss_growth_mib = 0.0
        self._rss_before = 0
        self._trace = trace

    def __enter__(self) -> ClientMemory:
        self._rss_before = max_rss_bytes()
        if self._trace:
            tracemalloc.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._trace:
            tracemalloc.stop()
        self.rss_growth_mib = (max_rss_bytes() - self._rss_before) / MIB

    def traced_peak_mib(self) -> float:
        return tracemalloc.get_traced_memory()[1] / MIB


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="serves the sandbox for a benchmark")
    parser.add_argument("--serve-sandbox", type=int, required=True, metavar="PORT")
    parser.add_argument("--db", required=True)
    parser.add_argument("--poll", type=float, default=0.05)
    arguments = parser.parse_args()
    _serve_sandbox(arguments.db, arguments.serve_sandbox, arguments.poll)
