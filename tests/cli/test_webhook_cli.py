"""`evocalize webhook verify` checks one delivery; `evocalize webhook listen`, run as the
installed console script, prints each lead that `evocalize sandbox send-leads` delivers, once."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path

from cli_runner import evocalize, json_out
from evocalize.signing import current_timestamp, sign
from evocalize_sandbox.leads import LeadSource, make_delivery
from served_sandbox import free_port, subprocess_env

SECRET = "hook-s3cret"
DELIVERY = make_delivery([LeadSource.facebook, LeadSource.google], random.Random(3))
BODY = json.dumps(DELIVERY)
LEAD_IDS = [lead["id"] for lead in DELIVERY["leads"]]
CONSOLE_SCRIPT = Path(sys.executable).parent / "evocalize"


def verify(signature: str, timestamp: str, *extra: str) -> list[str]:
    return [
        "webhook", "verify", "--path", "/leads", "--secret", SECRET,
        "--timestamp", timestamp, "--signature", signature, *extra,
    ]  # fmt: skip


def test_verify_accepts_a_signed_delivery_and_names_its_leads() -> None:
    timestamp = current_timestamp()
    result = evocalize(*verify(sign("/leads", BODY, timestamp, SECRET), timestamp), input=BODY)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"verified: 2 lead(s): {', '.join(LEAD_IDS)}"
    as_json = evocalize(
        *verify(sign("/leads", BODY, timestamp, SECRET), timestamp, "--json"), input=BODY
    )
    assert [lead["id"] for lead in json_out(as_json)["leads"]] == LEAD_IDS


def test_verify_refuses_a_delivery_signed_over_another_path() -> None:
    timestamp = current_timestamp()
    result = evocalize(*verify(sign("/other", BODY, timestamp, SECRET), timestamp), input=BODY)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: the X-Evocalize-Signature does not sign")
    assert SECRET not in result.output


def test_verify_refuses_a_stale_timestamp() -> None:
    stale = str(int(time.time()) - 3600)
    result = evocalize(*verify(sign("/leads", BODY, stale, SECRET), stale), input=BODY)
    assert result.exit_code == 1
    assert "within 60 s" in result.stderr


def test_verify_takes_a_millisecond_timestamp_and_a_window() -> None:
    now_ms = str(int(time.time() * 1000))
    signature = sign("/leads", BODY, now_ms, SECRET)
    assert evocalize(*verify(signature, now_ms), input=BODY).exit_code == 0
    old = str(int(time.time()) - 600)
    old_signature = sign("/leads", BODY, old, SECRET)
    assert evocalize(*verify(old_signature, old), input=BODY).exit_code == 1
    widened = verify(old_signature, old, "--timestamp-window", "900")
    assert evocalize(*widened, input=BODY).exit_code == 0
    anything = verify(old_signature, old, "--any-timestamp")
    assert evocalize(*anything, input=BODY).exit_code == 0


def test_listen_prints_each_lead_once_when_send_leads_delivers_twice(tmp_path: Path) -> None:
    port = free_port()
    env = {**subprocess_env(), "EVOCALIZE_CLIENT_KEY": SECRET}
    listener = subprocess.Popen(
        [str(CONSOLE_SCRIPT), "webhook", "listen", "--port", str(port), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert listener.stderr is not None
        assert "Listening for leads" in listener.stderr.readline()
        sent = subprocess.run(
            [
                str(CONSOLE_SCRIPT),
                "sandbox",
                "send-leads",
                "--to",
                f"http://127.0.0.1:{port}/leads",
                "--count",
                "3",
                "--redeliver",
                "--seed",
                "7",
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert sent.returncode == 0, sent.stdout + sent.stderr
        delivered = [line.split(": ")[0] for line in sent.stdout.splitlines()]
        assert len(delivered) == 6  # each delivery sent twice
    finally:
        listener.terminate()
        out, err = listener.communicate(timeout=15)
    printed = [json.loads(line)["id"] for line in out.splitlines()]
    assert printed == list(dict.fromkeys(delivered))  # each lead once, in order
    # With --json, stdout stays one lead per line: the duplicates' notes go to stderr.
    assert "1 duplicate dropped (3 duplicates dropped so far)" in err


def test_verify_checks_a_concierge_event_with_kind_concierge() -> None:
    from evocalize_sandbox.leads import make_concierge_event

    event = make_concierge_event(random.Random(5))
    body = json.dumps(event)
    timestamp = current_timestamp()
    signature = sign("/lead-concierge", body, timestamp, SECRET)
    args = [
        "webhook", "verify", "--kind", "concierge", "--path", "/lead-concierge",
        "--secret", SECRET, "--timestamp", timestamp, "--signature", signature,
    ]  # fmt: skip
    result = evocalize(*args, input=body)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"verified: Lead Concierge event {event['idempotencyKey']}"
    forged = evocalize(*args[:-1], sign("/leads", body, timestamp, SECRET), input=body)
    assert forged.exit_code == 1


def test_listen_prints_each_concierge_event_once_on_its_own_path() -> None:
    port = free_port()
    env = {**subprocess_env(), "EVOCALIZE_CLIENT_KEY": SECRET}
    listener = subprocess.Popen(
        [str(CONSOLE_SCRIPT), "webhook", "listen", "--port", str(port), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert listener.stderr is not None
        banner = listener.stderr.readline()
        assert f"Lead Concierge events at http://127.0.0.1:{port}/lead-concierge" in banner
        send = [str(CONSOLE_SCRIPT), "sandbox", "send-concierge", "--count", "2", "--redeliver"]
        sent = subprocess.run(
            [*send, "--to", f"http://127.0.0.1:{port}/lead-concierge", "--seed", "7"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert sent.returncode == 0, sent.stdout + sent.stderr
        delivered = [line.split(": ")[0] for line in sent.stdout.splitlines()]
        assert len(delivered) == 4  # each event sent twice
        wrong_path = subprocess.run(
            [*send, "--to", f"http://127.0.0.1:{port}/leads", "--time-scale", "0.0001"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert wrong_path.returncode == 1  # the leads path refuses an event: 400, retried
    finally:
        listener.terminate()
        out, _ = listener.communicate(timeout=15)
    printed = [json.loads(line)["idempotencyKey"] for line in out.splitlines()]
    assert printed == list(dict.fromkeys(delivered))  # each event once, in order


def test_listen_summarises_each_lead_and_counts_the_duplicates_it_drops() -> None:
    port = free_port()
    env = {**subprocess_env(), "EVOCALIZE_CLIENT_KEY": SECRET}
    listener = subprocess.Popen(
        [str(CONSOLE_SCRIPT), "webhook", "listen", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert listener.stderr is not None
        assert "Listening for leads" in listener.stderr.readline()
        for path, extra in (("/leads", ["--count", "2"]), ("/lead-concierge", [])):
            command = "send-leads" if path == "/leads" else "send-concierge"
            sent = subprocess.run(
                [str(CONSOLE_SCRIPT), "sandbox", command, "--to", f"http://127.0.0.1:{port}{path}",
                 *extra, "--redeliver", "--seed", "7"],
                capture_output=True, text=True, env=env, timeout=60,
            )  # fmt: skip
            assert sent.returncode == 0, sent.stdout + sent.stderr
    finally:
        listener.terminate()
        out, _ = listener.communicate(timeout=15)
    lines = out.splitlines()
    assert len(lines) == 6, out
    # Each new lead: its id, channel, and the name and email its lead form gives.
    assert re.fullmatch(
        r"lead facebook:\d+ from facebook: [A-Z]\w+ [A-Z]\w+ <\S+@example\.com>", lines[0]
    )
    assert lines[1] == (
        "leads delivery of 1 lead(s), all seen before: 1 duplicate dropped "
        "(1 duplicate dropped so far)"
    )
    assert re.fullmatch(r"lead google:\d+ from google: .+ <\S+@example\.com>", lines[2])
    assert lines[3].endswith("1 duplicate dropped (2 duplicates dropped so far)")
    assert re.fullmatch(r"concierge event [\w-]+: lead \S+ \S+ -> \S+", lines[4])
    key = lines[4].split()[2].rstrip(":")
    assert lines[5].startswith(f"concierge event {key} (")
    assert lines[5].endswith("seen before: 1 duplicate dropped (3 duplicates dropped so far)")


def test_a_lead_summary_names_what_its_lead_form_gives() -> None:
    from evocalize.commands.webhook import lead_summary
    from evocalize_models import Lead

    lead = DELIVERY["leads"][0]
    form = lead["facebook"]["leadForm"]
    name, email = form[0]["values"][0], form[1]["values"][0]
    assert lead_summary(Lead.model_validate(lead)) == (
        f"lead {lead['id']} from facebook: {name} <{email}>"
    )
    split = [
        {"name": "first_name", "values": ["Ada"]},
        {"name": "last_name", "values": ["Lovelace"]},
    ]
    only_names = {**lead, "facebook": {**lead["facebook"], "leadForm": split}}
    assert lead_summary(Lead.model_validate(only_names)).endswith(": Ada Lovelace")
    anonymous = {**lead, "facebook": {**lead["facebook"], "leadForm": []}}
    assert lead_summary(Lead.model_validate(anonymous)) == f"lead {lead['id']} from facebook"


FORGED_ID = "lead-1\n\x1b[2Kverified: 0 lead(s)\u202e"


def test_a_lead_summary_escapes_control_characters_so_no_line_can_be_forged() -> None:
    from evocalize.commands.webhook import lead_summary
    from evocalize_models import Lead

    lead = {**DELIVERY["leads"][0], "id": FORGED_ID}
    form = [{"name": "full_name", "values": ["Eve\r\nlead 2 from google: Mallory"]}]
    lead["facebook"] = {**lead["facebook"], "leadForm": form}
    line = lead_summary(Lead.model_validate(lead))
    assert line.isprintable()
    assert "lead-1\\n\\x1b[2Kverified: 0 lead(s)\\u202e" in line
    assert line.endswith("Eve\\r\\nlead 2 from google: Mallory")


def test_verify_escapes_the_lead_ids_it_prints() -> None:
    delivery = {**DELIVERY, "leads": [{**DELIVERY["leads"][0], "id": FORGED_ID}]}
    body = json.dumps(delivery)
    timestamp = current_timestamp()
    result = evocalize(*verify(sign("/leads", body, timestamp, SECRET), timestamp), input=body)
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    assert line.isprintable() and "\x1b" not in line
