"""A full run with every logger at DEBUG (the root, httpx, httpcore, uvicorn, SQLAlchemy's
engine, evocalize and the sandbox) records no client key, no webhook secret and no signature
sent, in any log record, in stdout or stderr, in the command line's output, or in the repr or
message of any object or exception the run meets.

The run: signed and shared-secret calls through the facade, a batch with a failing entry and
its report, refused credentials, a 404, the command line against the served sandbox, and leads
deliveries signed with a webhook secret, verified by `LeadsReceiver`, one of them refused."""

from __future__ import annotations

import json
import logging
import secrets
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from cli_runner import evocalize
from evocalize import Evocalize
from evocalize.batches import PollPolicy
from evocalize.errors import APIError
from evocalize.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER
from evocalize.webhook_receiver import LeadsReceiver
from evocalize.webhooks import WebhookVerificationError, verify_leads_delivery
from evocalize_sandbox.app import create_app
from evocalize_sandbox.leads import LeadSource, PartnerCredentials, make_delivery
from evocalize_sandbox.leads.delivery import delivery_headers
from served import serving
from starlette.types import ASGIApp, Receive, Scope, Send

KEY_ID = "secrets-partner"
KEY = f"client-key-{secrets.token_hex(16)}"
WEBHOOK_SECRET = f"webhook-secret-{secrets.token_hex(16)}"
LIBRARIES = [
    "httpx",
    "httpcore",
    "uvicorn",
    "uvicorn.access",
    "uvicorn.error",
    "sqlalchemy",
    "sqlalchemy.engine",
    "evocalize",
    "evocalize_sandbox",
    "starlette",
    "anyio",
]


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def debug_logs() -> Iterator[Capture]:
    """Every logger at DEBUG into one capture; levels and handlers as they were afterwards."""
    capture = Capture()
    names = ["", *LIBRARIES, *logging.root.manager.loggerDict]
    levels = {name: logging.getLogger(name).level for name in names}
    everything_at_debug(capture)
    try:
        yield capture
    finally:
        for name in {"", *levels, *logging.root.manager.loggerDict}:
            logger = logging.getLogger(name)
            logger.removeHandler(capture)
            if name in levels:
                logger.setLevel(levels[name])


def everything_at_debug(capture: Capture) -> None:
    """Every logger at DEBUG, and the capture on the root and on each logger that does not
    pass records up (uvicorn's). Called again once a server started: uvicorn configures its
    loggers then."""
    for name in ["", *LIBRARIES, *logging.root.manager.loggerDict]:
        logger = logging.getLogger(name)
        logger.setLevel(logging.DEBUG)
        if (not name or not logger.propagate) and capture not in logger.handlers:
            logger.addHandler(capture)


class RecordSignatures:
    """Passes requests to `app`, keeping the signature header of each."""

    def __init__(self, app: ASGIApp, seen: list[str]) -> None:
        self.app = app
        self.seen = seen

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            for name, value in scope["headers"]:
                if name.decode().lower() == SIGNATURE_HEADER.lower():
                    self.seen.append(value.decode())
        await self.app(scope, receive, send)


def api_calls(url: str, seen: list[Any]) -> None:
    with Evocalize(base_url=url, key_id=KEY_ID, secret=KEY) as ev:
        seen.append(ev)
        ev.groups.create_or_update_group(body={"id": "g1", "name": "Group One"})
        ev.users.create_or_update_user(
            body={
                "id": "u1",
                "name": "User One",
                "email": "u1@example.com",
                "groups": [{"groupId": "g1", "role": "group_admin"}],
            }
        )
        seen.append(ev.users.get_user("u1"))
        seen.extend(ev.users.list_users())
        summary = ev.content.create_or_update_item_batch.submit_all(
            [{"values": {"id": f"i{n}", "price": n}} for n in range(5)]
            + [{"values": {"id": "bad", "price": "not a number"}}],
            "listings",
            poll=PollPolicy(initial=0.05, max_delay=0.2, timeout=20),
        )
        assert (summary.succeeded, summary.failed) == (5, 1), summary
        seen.append(summary)
        try:
            ev.users.get_user("nobody")
        except APIError as error:
            seen.extend([error, str(error)])
    with Evocalize(base_url=url, key_id=KEY_ID, secret=KEY, auth="shared-secret") as ev:
        seen.append(ev.users.get_user("u1"))
    for auth in ("signature", "shared-secret"):
        with Evocalize(base_url=url, key_id=KEY_ID, secret=f"{KEY}-wrong", auth=auth) as ev:
            try:
                ev.users.get_user("u1")
            except APIError as error:
                seen.extend([error, str(error), error.__dict__])
            else:
                pytest.fail("a wrong key was accepted")


def command_line(url: str, seen: list[Any]) -> None:
    env = {
        "EVOCALIZE_BASE_URL": url,
        "EVOCALIZE_CLIENT_KEY_ID": KEY_ID,
        "EVOCALIZE_CLIENT_KEY": KEY,
    }
    for args, key in [
        (["list", "listUsers"], KEY),
        (["call", "getUser", "--param", "userId=u1"], KEY),
        (["call", "getUser", "--param", "userId=u1"], f"{KEY}-wrong"),
    ]:
        result = evocalize(*args, env={**env, "EVOCALIZE_CLIENT_KEY": key})
        seen.extend([result.output, result.stderr, repr(result.exception)])


def leads(capture: Capture, seen: list[Any], signatures: list[str]) -> None:
    received: list[Any] = []
    receiver = LeadsReceiver(received.extend, WEBHOOK_SECRET, key_id=KEY_ID)
    seen.append(receiver)
    with serving(RecordSignatures(receiver, signatures)) as url:
        everything_at_debug(capture)
        delivered = evocalize(
            "sandbox",
            "send-leads",
            "--to",
            f"{url}/leads",
            "--count",
            "2",
            "--key-id",
            KEY_ID,
            "--key",
            WEBHOOK_SECRET,
            "--redeliver",
        )
        seen.extend([delivered.output, delivered.stderr, repr(delivered.exception)])
        assert delivered.exit_code == 0, delivered.output
        wrong = PartnerCredentials(KEY_ID, f"{WEBHOOK_SECRET}-wrong")
        body = json.dumps(make_delivery([LeadSource.google])).encode()
        headers = delivery_headers(f"{url}/leads", body, wrong, str(int(time.time())))
        refused = httpx.post(f"{url}/leads", content=body, headers=headers)
        assert refused.status_code == 401, refused.text
        seen.extend([wrong, refused.text])
    assert len(received) == 2, "the deliveries were not handled once each"
    try:
        verify_leads_delivery(
            "/leads",
            b"{}",
            {SIGNATURE_HEADER: "0" * 64, TIMESTAMP_HEADER: str(int(time.time()))},
            WEBHOOK_SECRET,
        )
    except WebhookVerificationError as error:
        seen.extend([error, str(error)])
    else:
        pytest.fail("a wrong webhook signature was accepted")


def test_debug_logs_and_output_hold_no_secret(
    tmp_path: Path, debug_logs: Capture, capfd: pytest.CaptureFixture[str]
) -> None:
    signatures: list[str] = []
    seen: list[Any] = []
    database = tmp_path / "sandbox.db"
    app = create_app(database_url=f"sqlite:///{database}", clients={KEY_ID: KEY})
    seen.append(app.state.sandbox)
    with serving(RecordSignatures(app, signatures)) as url:
        everything_at_debug(debug_logs)
        api_calls(url, seen)
        command_line(url, seen)
    leads(debug_logs, seen, signatures)
    app.state.sandbox.engine.dispose()
    out, err = capfd.readouterr()

    text = "\n".join([*debug_logs.lines, out, err, *map(repr, seen), *map(str, seen)])
    # The run did log at DEBUG, from each layer.
    for sign_of_life in [
        "HTTP Request: POST",
        "SELECT",
        "sandbox_clients",
        "receive_response_body",  # httpcore
        '"GET /management/v1/user/u1 HTTP/1.1" 401',  # uvicorn's access log
        "leads delivery refused",  # the receiver's warning
    ]:
        assert sign_of_life in text, f"nothing logged like {sign_of_life!r}"
    assert len(signatures) > 15
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        page_token_key = conn.execute(
            "SELECT value FROM sandbox_settings WHERE name = 'page_token_key'"
        ).fetchone()[0]
    for secret, what in [
        (KEY, "the client key"),
        (WEBHOOK_SECRET, "the webhook secret"),
        (page_token_key, "the sandbox's page-token key"),
        *[(signature, "a signature") for signature in signatures],
    ]:
        if secret in text:
            pytest.fail(f"{what} appears in the output: {leak(text, secret)}")


def leak(text: str, secret: str) -> str:
    at = text.index(secret)
    line_start = text.rfind("\n", 0, at) + 1
    return text[line_start : text.find("\n", at)][:400]
