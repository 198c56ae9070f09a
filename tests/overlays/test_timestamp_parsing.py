"""Timestamp headers are whole numbers written in ASCII digits, nothing else: a sign, `_`,
blanks, a fraction, `inf` or another script's digits are refused, and so is a number of hundreds
or thousands of digits, which once overflowed a float (or `int()` itself) into a 500. The check is
shared by the client, the sandbox and the webhook receivers (`evocalize.signing`)."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from evocalize import signing
from evocalize.signing import (
    KEY_ID_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    sign,
    timestamp_is_fresh,
)
from evocalize.webhook_receiver import LeadsReceiver
from evocalize.webhooks import (
    StaleTimestampError,
    timestamp_is_recent,
    timestamp_seconds,
    verify_leads_delivery,
    verify_signature,
)

NOW = 1_700_000_000
SECRET = "timestamp-secret"
PATH = "/hooks/leads"
BODY = json.dumps({"leads": []}).encode()  # the checks above the body's

# Each refused whatever the clock says. The 310-digit one overflowed a float in the comparison,
# the 4,301-digit one `int()` itself (Python's limit on digits it converts).
NOT_TIMESTAMPS = [
    "",
    " 1700000000",
    "1700000000 ",
    "1700000000\n",
    "+1700000000",
    "+1_700_000_000",
    "1_700_000_000",
    "-1700000000",
    "1700000000.0",
    "1700000000.5",
    "1.7e9",
    "inf",
    "nan",
    "0x6553f100",
    "\u0661\u0667\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660",  # Arabic-Indic digits
    "1" * 17,
    "9" * 310,
    "9" * 4_300,
    "9" * 4_301,
]


@pytest.mark.parametrize("text", NOT_TIMESTAMPS, ids=lambda text: repr(text[:20]))
def test_only_plain_ascii_digits_are_a_timestamp(text: str) -> None:
    assert timestamp_is_fresh(text, now=NOW) is False
    assert timestamp_seconds(text) is None
    assert timestamp_is_recent(text, now=NOW) is False
    assert signing.parse_timestamp(text) is None


def test_plain_digits_are_read_as_seconds_or_milliseconds() -> None:
    assert signing.parse_timestamp(str(NOW)) == NOW
    assert timestamp_is_fresh(str(NOW + 60), now=NOW) is True
    assert timestamp_is_recent(str(NOW * 1000), now=NOW) is True


def signed(timestamp: str) -> dict[str, str]:
    return {
        KEY_ID_HEADER: "k",
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign(PATH, BODY, timestamp, SECRET),
    }


# Read as milliseconds, 10**311 and less still fit a float once divided by 1000.
@pytest.mark.parametrize("digits", [320, 4_300, 4_301])
def test_verify_leads_delivery_refuses_an_overflowing_timestamp(digits: int) -> None:
    with pytest.raises(StaleTimestampError):
        verify_leads_delivery(PATH, BODY, signed("9" * digits), SECRET, now=NOW)


@pytest.mark.anyio
@pytest.mark.parametrize(
    "timestamp", ["9" * 320, "9" * 4_300, "1700000000.0", "inf"], ids=lambda text: text[:12]
)
async def test_the_receiver_answers_401_to_an_unreadable_timestamp(timestamp: str) -> None:
    handled: list[object] = []
    receiver = LeadsReceiver(handled.append, SECRET)
    transport = httpx.ASGITransport(app=receiver)
    async with httpx.AsyncClient(transport=transport, base_url="https://partner.test") as client:
        response = await client.post(PATH, content=BODY, headers=signed(timestamp))
    assert response.status_code == 401
    assert handled == []


def test_a_fresh_timestamp_still_verifies() -> None:
    now = str(int(time.time()))
    verify_signature(PATH, BODY, signed(now), SECRET)
