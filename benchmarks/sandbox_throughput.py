#!/usr/bin/env python3
"""Sandbox throughput over loopback HTTP: requests per second and latency (p50, p99) of a read
(getUser), a write (createOrUpdateUser) and a listing (listUsers' first, full page), for three
targets in the same run, loaded by the same autocannon with the same options:

- the sandbox (`create_app` on a fresh SQLite file, served by uvicorn, one process);
- Stoplight Prism's mock server on the same openapi.yaml, answering with the spec's examples;
- a bare ASGI app answering the getUser example, on the sandbox's uvicorn configuration: the
  ceiling of the server stack.

Every request is signed as the overlay's `SignatureAuth` signs, just before each autocannon run
(the sandbox refuses timestamps more than 60 s old). A target that answers anything but 2xx, or
drops connections, fails the run: throughput of error answers means nothing. The ratios
sandbox / prism and sandbox / bare-asgi come from numbers measured in this run.

Run: `python benchmarks/sandbox_throughput.py [--duration S] [--connections N] [--quick]
[--json PATH]`. Load goes to 127.0.0.1 only, bounded by --duration.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from evocalize.auth import SignatureAuth
from evocalize.signing import KEY_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER
from evocalize.spec import operation_spec, resolve

# The modules beside this one (also when this file is loaded by path).
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ServerDidNotStart, child_server, free_port, node_tool
from _throughput_server import KEY_ID_VARIABLE, SECRET_VARIABLE, server_stack

ROOT = Path(__file__).resolve().parents[1]

SERVER = Path(__file__).with_name("_throughput_server.py")
KEY_ID = "bench-throughput"
# The user the getUser example reads, so that every target answers the same read with a 200.
READ_USER = "test_user_id"
# More users than a page holds (100, openapi.yaml), so that the listing's first page is full.
SEEDED_USERS = 150
SUBJECTS = ("sandbox", "prism", "bare-asgi")
BASELINES = ("prism", "bare-asgi")
# What the issue asks of the sandbox's reads, as a share of each baseline's throughput.
READ_TARGETS = {"prism": 2.0, "bare-asgi": 1 / 3}
START_TIMEOUT_S = 60.0


class MeasurementFailed(RuntimeError):
    """A target answered with other than 2xx, dropped connections, or did not start."""


@dataclass(frozen=True)
class Case:
    measure: str
    method: str
    path: str
    body: bytes | None = None


def request_example(operation_id: str) -> bytes:
    """The first request body example the spec gives an operation, as compact JSON."""
    body = resolve(operation_spec(operation_id).node["requestBody"])
    examples = body["content"]["application/json"]["examples"]
    value = resolve(next(iter(examples.values())))["value"]
    return json.dumps(value, separators=(",", ":")).encode()


def cases() -> list[Case]:
    read, write, listing = (
        operation_spec(name) for name in ("getUser", "createOrUpdateUser", "listUsers")
    )
    return [
        Case("read: getUser", "GET", read.path.replace("{userId}", READ_USER)),
        Case("write: createOrUpdateUser", "POST", write.path, request_example(write.operation_id)),
        Case("listing: listUsers", "GET", listing.path),
    ]


def sandbox_seed(write_body: bytes) -> dict[str, Any]:
    """The user read, a full page and more of users, and the groups the written user joins."""
    groups = [entry["groupId"] for entry in json.loads(write_body).get("groups", [])]
    users = [{"id": READ_USER, "name": "Read User", "email": "read-user@example.com"}]
    users += [
        {"id": f"user-{n:04d}", "name": f"User {n}", "email": f"user-{n:04d}@example.com"}
        for n in range(SEEDED_USERS - 1)
    ]
    return {"groups": [{"id": group, "name": group} for group in groups], "users": users}


def signed_headers(case: Case, secret: str) -> dict[str, str]:
    """The headers the overlay's SignatureAuth sends with this request, timestamped now."""
    request = httpx.Request(case.method, f"http://127.0.0.1{case.path}", content=case.body)
    SignatureAuth(KEY_ID, secret).sign_request(request)
    headers = {name: request.headers[name] for name in (KEY_ID_HEADER, TIMESTAMP_HEADER)}
    headers[SIGNATURE_HEADER] = request.headers[SIGNATURE_HEADER]
    if case.body is not None:
        headers["Content-Type"] = "application/json"
    return headers


@dataclass(frozen=True)
class Load:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    errors: int
    timeouts: int


def load(
    autocannon: Path, url: str, case: Case, secret: str, seconds: int, connections: int
) -> Load:
    """One autocannon run; raises MeasurementFailed unless every answer was a 2xx."""
    command = [str(autocannon), "--json", "--no-progress", "--connections", str(connections),
               "--duration", str(seconds), "--method", case.method]  # fmt: skip
    for name, value in signed_headers(case, secret).items():
        command += ["--headers", f"{name}={value}"]
    if case.body is not None:
        command += ["--body", case.body.decode()]
    finished = subprocess.run(
        [*command, url + case.path],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=False,
    )
    if finished.returncode != 0 or not finished.stdout.strip():
        raise MeasurementFailed(f"autocannon failed on {url}: {finished.stderr.strip()}")
    result = json.loads(finished.stdout)
    measured = Load(
        requests_per_s=float(result["requests"]["mean"]),
        p50_ms=float(result["latency"]["p50"]),
        p99_ms=float(result["latency"]["p99"]),
        requests=int(result["requests"]["total"]),
        non_2xx=int(result["non2xx"]),
        errors=int(result["errors"]),
        timeouts=int(result["timeouts"]),
    )
    if measured.non_2xx or measured.errors or measured.timeouts or not measured.requests:
        statuses = {key: result[key] for key in ("1xx", "2xx", "3xx", "4xx", "5xx")}
        raise MeasurementFailed(
            f"{case.measure} on {url}: {measured.requests} requests, statuses {statuses}, "
            f"{measured.errors} errors, {measured.timeouts} timeouts; "
            f"one answer: {sample_answer(url, case, secret)}"
        )
    return measured


def sample_answer(url: str, case: Case, secret: str) -> str:
    """One answer to the case, to say why a target refused the load."""
    request = urllib.request.Request(
        url + case.path, data=case.body, headers=signed_headers(case, secret), method=case.method
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return f"{answer.status} {answer.read(500)!r}"
    except urllib.error.HTTPError as error:
        return f"{error.code} {error.read(500)!r}"
    except OSError as error:
        return f"no answer ({error})"


@contextmanager
def started(
    name: str, command: list[str], port: int, env: dict[str, str] | None = None
) -> Iterator[str]:
    """Runs a target's process until the block ends; yields its base URL once it listens."""
    with child_server(command, port, START_TIMEOUT_S, env=env, cwd=ROOT, name=name) as url:
        print(f"{name}: {url}", file=sys.stderr)
        yield url


def start_targets(stack: ExitStack, folder: Path, secret: str, write_body: bytes) -> dict[str, str]:
    seed = folder / "seed.json"
    seed.write_text(json.dumps(sandbox_seed(write_body)), encoding="utf-8")
    env = {**os.environ, KEY_ID_VARIABLE: KEY_ID, SECRET_VARIABLE: secret}
    python = [sys.executable, str(SERVER)]
    port = free_port()
    sandbox = [*python, "sandbox", "--port", str(port),
               "--database", f"sqlite:///{folder / 'sandbox.db'}", "--seed", str(seed)]  # fmt: skip
    urls = {"sandbox": stack.enter_context(started("sandbox", sandbox, port, env))}
    port = free_port()
    # Static answers from the examples (no --dynamic), validation findings reported but not
    # turned into error answers (--errors false), and no log line per request.
    prism = [str(node_tool("prism")), "mock", "openapi.yaml", "--host", "127.0.0.1",
             "--port", str(port), "--dynamic", "false", "--errors", "false",
             "--verboseLevel", "error"]  # fmt: skip
    urls["prism"] = stack.enter_context(started("prism", prism, port))
    port = free_port()
    bare = [*python, "bare", "--port", str(port)]
    urls["bare-asgi"] = stack.enter_context(started("bare-asgi", bare, port, env))
    return urls


def measure_all(duration: int, connections: int, warmup: int) -> dict[tuple[str, str], Load]:
    """Every case on every target, case by case so that slow drift of the machine touches
    all targets alike; each measured run follows its own discarded warm-up."""
    autocannon = node_tool("autocannon")
    secret = secrets.token_urlsafe(24)
    planned = cases()
    results: dict[tuple[str, str], Load] = {}
    with tempfile.TemporaryDirectory(prefix="sandbox-throughput-") as folder, ExitStack() as stack:
        urls = start_targets(stack, Path(folder), secret, planned[1].body or b"")
        for case in planned:
            for subject in SUBJECTS:
                if warmup:
                    load(autocannon, urls[subject], case, secret, warmup, connections)
                results[case.measure, subject] = load(
                    autocannon, urls[subject], case, secret, duration, connections
                )
    return results


def rows(results: dict[tuple[str, str], Load]) -> list[dict[str, Any]]:
    """One row per case and target; a baseline's row carries the sandbox's ratio to it."""
    table: list[dict[str, Any]] = []
    for (measure, subject), measured in results.items():
        row: dict[str, Any] = {
            "measure": measure,
            "subject": subject,
            "value": round(measured.requests_per_s, 1),
            "unit": "req/s",
            "p50_ms": measured.p50_ms,
            "p99_ms": measured.p99_ms,
            "requests": measured.requests,
            "non_2xx": measured.non_2xx,
            "errors": measured.errors,
        }
        if subject in BASELINES:
            sandbox = results[measure, "sandbox"].requests_per_s
            row["ratio"] = round(sandbox / measured.requests_per_s, 3)
            row["ratio_of"] = f"sandbox / {subject}"
        table.append(row)
    return table


def print_table(table: list[dict[str, Any]]) -> None:
    print("\n| case | target | req/s | p50 ms | p99 ms | requests | non-2xx | errors | ratio |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for row in table:
        ratio = f"{row['ratio']:.2f} ({row['ratio_of']})" if "ratio" in row else ""
        print(f"| {row['measure']} | {row['subject']} | {row['value']:.0f} | {row['p50_ms']:g} | "
              f"{row['p99_ms']:g} | {row['requests']} | {row['non_2xx']} | {row['errors']} | "
              f"{ratio} |")  # fmt: skip
    print()
    for row in table:
        if row["measure"].startswith("read") and row["subject"] in READ_TARGETS:
            wanted = READ_TARGETS[row["subject"]]
            verdict = "met" if row["ratio"] >= wanted else "NOT met"
            print(f"reads, {row['ratio_of']} >= {wanted:.2f}: {verdict} ({row['ratio']:.2f})")


@contextmanager
def terminated_cleanly() -> Iterator[None]:
    """A SIGTERM (a runner's time limit) raises SystemExit, so that the targets' processes are
    stopped on the way out rather than left serving."""

    def leave(_signal: int, _frame: object) -> None:
        raise SystemExit(128 + signal.SIGTERM)

    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set signal handlers
        return
    previous = signal.signal(signal.SIGTERM, leave)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def load_options(doc: str | None, argv: list[str] | None) -> argparse.Namespace:
    """The options of a loopback load benchmark (this one, sandbox_scaling.py)."""
    parser = argparse.ArgumentParser(description=(doc or "").split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measured run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--warmup", type=int, default=2, help="seconds of discarded warm-up")
    parser.add_argument("--quick", action="store_true", help="1 s runs, 4 connections, no warm-up")
    parser.add_argument("--json", type=Path, help="also write the results there")
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.connections, args.warmup = 1, 4, 0
    return args


def main(argv: list[str] | None = None) -> int:
    args = load_options(__doc__, argv)
    try:
        with terminated_cleanly():
            results = measure_all(args.duration, args.connections, args.warmup)
    except (MeasurementFailed, ServerDidNotStart) as failure:
        print(f"measurement failed: {failure}", file=sys.stderr)
        return 1
    table = rows(results)
    print_table(table)
    if args.json:
        document = {
            "benchmark": Path(__file__).stem,
            "title": "Sandbox throughput over loopback HTTP",
            "parameters": {
                "duration_s": args.duration,
                "connections": args.connections,
                "warmup_s": args.warmup,
                "load_generator": "autocannon",
                "server": server_stack(),
            },
            "rows": table,
        }
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
