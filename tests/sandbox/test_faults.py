"""Fault injection: deterministic given its seed, configured from Python, the admin route or a
file, and what the client's retries make of each fault: they outlast every fault that is safe
to retry, and never repeat an order placement."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from cli_runner import evocalize
from evocalize import Evocalize, errors
from evocalize.auth import SignatureAuth
from evocalize.retries import NO_RETRIES, RetryPolicy
from evocalize_sandbox.faults import FaultError, FaultPlan, Faults, read_faults
from evocalize_sandbox.testing import RunningSandbox, run_sandbox
from sandbox_under_test import DAY, OFFICE, order_body
from served import free_port

# Patient and quick: enough attempts for two faults in a row, no real pauses.
PATIENT = RetryPolicy(max_attempts=5, base_delay=0.01)
TIMEOUT = 0.5
RETRIED: list[str | int] = [429, 500, 502, 503, "drop", "latency"]


@pytest.fixture
def sandbox(office_sandbox: RunningSandbox) -> RunningSandbox:
    return office_sandbox


def purchase(sandbox: RunningSandbox) -> dict[str, Any]:
    return order_body("purchase", int(sandbox.clock.now()) + DAY, days=7)


def draws(plan: FaultPlan, operations: list[str]) -> list[str | None]:
    faults = Faults(plan)
    return [None if (rule := faults.draw(op)) is None else rule.fault for op in operations]


def test_the_same_seed_injects_the_same_faults_into_the_same_requests() -> None:
    rules = [
        {"operation": "getUser", "fault": 503, "rate": 0.5},
        {"fault": "latency", "rate": 0.2, "seconds": 0},
    ]
    calls = ["getUser", "listUsers"] * 40
    first = draws(FaultPlan.model_validate({"seed": 7, "faults": rules}), calls)
    assert first == draws(FaultPlan.model_validate({"seed": 7, "faults": rules}), calls)
    assert first != draws(FaultPlan.model_validate({"seed": 8, "faults": rules}), calls)
    assert {"503", "latency", None} == set(first)
    # Only getUser meets the getUser rule.
    assert "503" not in first[1::2]


def test_a_counted_fault_stops_after_its_count() -> None:
    plan = FaultPlan.model_validate(
        {"faults": [{"operation": "getUser", "fault": 429, "count": 2}]}
    )
    assert draws(plan, ["getUser"] * 4) == ["429", "429", None, None]


def test_a_faults_file_is_read_and_its_mistakes_are_named(tmp_path: Path) -> None:
    good = tmp_path / "faults.yaml"
    good.write_text("seed: 3\nfaults:\n  - {operation: getUser, fault: 503, count: 1}\n")
    assert read_faults(good).faults[0].fault == "503"
    bad = tmp_path / "bad.yaml"
    bad.write_text("faults:\n  - {operation: getUsr, fault: 503}\n")
    with pytest.raises(FaultError, match=r"faults\.0\.operation.*getUsr"):
        read_faults(bad)
    refused = evocalize("sandbox", "--faults", str(bad), "--db", f"sqlite:///{tmp_path / 'db'}")
    assert refused.exit_code == 2
    assert "--faults" in refused.output and "getUsr" in refused.output


@pytest.mark.parametrize("fault", RETRIED, ids=str)
def test_the_clients_retries_outlast_a_fault_safe_to_retry(
    sandbox: RunningSandbox, fault: str | int
) -> None:
    sandbox.faults.inject(fault, "getUser", count=2, retry_after=0, seconds=2 * TIMEOUT)
    with sandbox.client(retries=PATIENT, timeout=TIMEOUT) as ev:
        assert ev.users.get_user("agent").email == "agent@example.com"
    assert sandbox.faults.injected("getUser") == [str(fault)] * 2
    assert sandbox.faults.requests("getUser") == 3


def test_a_slow_body_within_the_timeout_is_waited_for(sandbox: RunningSandbox) -> None:
    sandbox.faults.inject("slow_body", "getUser", count=1, seconds=TIMEOUT / 2)
    with sandbox.client(retries=PATIENT, timeout=TIMEOUT) as ev:
        assert ev.users.get_user("agent").id == "agent"
    assert sandbox.faults.requests("getUser") == 1


def test_a_slow_body_past_the_timeout_is_a_timeout_error(sandbox: RunningSandbox) -> None:
    # The body's pieces come further apart than the read timeout.
    sandbox.faults.inject("slow_body", "getUser", count=1, seconds=20 * TIMEOUT)
    with (
        sandbox.client(retries=NO_RETRIES, timeout=TIMEOUT) as ev,
        pytest.raises(errors.APITimeoutError),
    ):
        ev.users.get_user("agent")


@pytest.mark.parametrize("fault", [503, 429, "drop", "latency"], ids=str)
def test_an_order_placement_is_never_repeated(sandbox: RunningSandbox, fault: str | int) -> None:
    sandbox.faults.inject(fault, "placeOrder", count=1, retry_after=0, seconds=2 * TIMEOUT)
    with (
        sandbox.client(retries=PATIENT, timeout=TIMEOUT) as ev,
        pytest.raises(errors.EvocalizeError),
    ):
        ev.orders.place_order(body=purchase(sandbox))
    assert sandbox.faults.requests("placeOrder") == 1


def test_a_429_says_when_to_retry(sandbox: RunningSandbox) -> None:
    sandbox.faults.inject(429, "listUsers", count=1, retry_after=7)
    with sandbox.client(retries=NO_RETRIES) as ev:
        answer = ev.users.with_raw_response.list_users()
    assert answer.status_code == 429 and answer.headers["Retry-After"] == "7"


@pytest.mark.anyio
async def test_the_async_clients_retries_outlast_each_fault(sandbox: RunningSandbox) -> None:
    for fault in RETRIED:
        sandbox.faults.inject(fault, "getUser", count=1, retry_after=0, seconds=2 * TIMEOUT)
    patient = RetryPolicy(max_attempts=len(RETRIED) + 1, base_delay=0.01)
    async with sandbox.async_client(retries=patient, timeout=TIMEOUT) as ev:
        assert (await ev.users.get_user("agent")).id == "agent"
        with pytest.raises(errors.EvocalizeError):
            sandbox.faults.inject("drop", "placeOrder", count=1)
            await ev.orders.place_order(body=purchase(sandbox))
    assert sandbox.faults.injected("getUser") == [str(fault) for fault in RETRIED]
    assert sandbox.faults.requests("placeOrder") == 1


def test_a_sandbox_served_by_uvicorn_drops_the_connection() -> None:
    with run_sandbox(OFFICE, loopback=True) as served:
        served.faults.inject("drop", "getUser", count=1)
        served.faults.inject("drop", "placeOrder", count=1)
        with served.client(retries=PATIENT, timeout=5) as ev:
            assert ev.users.get_user("agent").id == "agent"
            with pytest.raises(errors.APIConnectionError):
                ev.orders.place_order(body=purchase(served))
        assert served.faults.requests("getUser") == 2
        assert served.faults.requests("placeOrder") == 1


def test_the_admin_route_sets_shows_and_clears_the_faults(sandbox: RunningSandbox) -> None:
    with httpx.Client(
        base_url=sandbox.base_url,
        transport=sandbox.transport(),
        auth=SignatureAuth(sandbox.key_id, sandbox.secret),
    ) as http:
        plan = {"seed": 5, "faults": [{"operation": "getUser", "fault": 500, "count": 1}]}
        assert http.put("/sandbox/faults", json=plan).status_code == 200
        with sandbox.client(retries=NO_RETRIES) as ev, pytest.raises(errors.APIError):
            ev.users.get_user("agent")
        shown = http.get("/sandbox/faults").json()["data"]
        assert shown["seed"] == 5
        assert (shown["requests"], shown["injected"]) == ({"getUser": 1}, {"getUser": ["500"]})
        wrong = http.put("/sandbox/faults", json={"faults": [{"fault": "teapot"}]})
        assert wrong.status_code == 400 and "faults.0.fault" in wrong.text
        assert http.delete("/sandbox/faults").json()["data"]["faults"] == []


def test_evocalize_sandbox_serves_in_test_mode_with_faults_from_a_file(tmp_path: Path) -> None:
    plan = tmp_path / "faults.yaml"
    plan.write_text("seed: 1\nfaults:\n  - {operation: listUsers, fault: 502, count: 1}\n")
    port = free_port()
    command = [sys.executable, "-c", "from evocalize.cli import main; main()", "sandbox"]
    options = ["--port", str(port), "--db", f"sqlite:///{tmp_path / 'db'}", "--client", "k:s"]
    process = subprocess.Popen(
        [*command, *options, "--test-mode", "--faults", str(plan)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        banner = [process.stdout.readline() for _ in range(3)]
        assert "Test mode" in banner[1] and "1 fault rule(s), seed 1" in banner[2], banner
        url = f"http://127.0.0.1:{port}"
        env = {
            "EVOCALIZE_BASE_URL": url,
            "EVOCALIZE_CLIENT_KEY_ID": "k",
            "EVOCALIZE_CLIENT_KEY": "s",
        }
        deadline = time.monotonic() + 30
        while (shown := evocalize("sandbox", "clock", "show", "--json", env=env)).exit_code:
            assert process.poll() is None and time.monotonic() < deadline, shown.output
            time.sleep(0.2)
        with Evocalize(url, "k", "s", retries=NO_RETRIES) as ev:
            with pytest.raises(errors.APIError) as refused:
                ev.users.list_users()
            assert refused.value.status == 502
            assert ev.users.list_users().data == []
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=15)
