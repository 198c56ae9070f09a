"""`evocalize sandbox send-leads` delivers to a real HTTP receiver and says how each delivery
ended, exiting non-zero when one gave up."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from evocalize.signing import signature_matches
from evocalize_models import LeadsDelivery
from evocalize_sandbox.cli import sandbox_app
from served import free_port
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from typer.testing import CliRunner

KEY = "cli-test-key"


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[str]]]:
    """A local receiver that checks signatures and records each lead id."""
    received: list[str] = []

    async def leads(request: Request) -> Response:
        body = await request.body()
        headers = request.headers
        signed = signature_matches(
            headers["X-Evocalize-Signature"],
            request.url.path,
            body,
            headers["X-Evocalize-Timestamp"],
            KEY,
        )
        if not signed:
            return Response(status_code=401)
        received.extend(lead.id for lead in LeadsDelivery.model_validate_json(body).leads)
        return Response(status_code=200)

    port = free_port()
    config = uvicorn.Config(
        Starlette(routes=[Route("/leads", leads, methods=["POST"])]),
        host="127.0.0.1",
        port=port,
        log_level="warning",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    yield f"http://127.0.0.1:{port}/leads", received
    server.should_exit = True
    thread.join(timeout=10)


def test_send_leads_delivers_signed_leads_and_prints_each_outcome(
    receiver: tuple[str, list[str]],
) -> None:
    url, received = receiver
    result = CliRunner().invoke(
        sandbox_app,
        ["send-leads", "--to", url, "--count", "3", "--key-id", "p", "--key", KEY, "--seed", "1"],
    )
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert [line.split(":", 1)[0] for line in lines] == ["facebook", "google", "tikTok"]
    assert all("delivered after 1 attempt(s) [200]" in line for line in lines)
    assert len(received) == 3
    assert KEY not in result.output


def test_send_leads_can_redeliver_each_payload(receiver: tuple[str, list[str]]) -> None:
    url, received = receiver
    result = CliRunner().invoke(
        sandbox_app, ["send-leads", "--to", url, "--key", KEY, "--redeliver", "--count", "2"]
    )
    assert result.exit_code == 0, result.output
    assert len(received) == 4
    assert received[0] == received[1] != received[2] == received[3]


def test_send_leads_exits_non_zero_when_a_delivery_gives_up() -> None:
    nobody = f"http://127.0.0.1:{free_port()}/leads"
    result = CliRunner().invoke(
        sandbox_app,
        ["send-leads", "--to", nobody, "--source", "google", "--time-scale", "0.00005"],
    )
    assert result.exit_code == 1
    assert "gave_up" in result.output
    assert "ConnectError" in result.output


def test_send_leads_refuses_an_unknown_source() -> None:
    result = CliRunner().invoke(
        sandbox_app, ["send-leads", "--to", "http://x/leads", "--source", "myspace"]
    )
    assert result.exit_code == 2
