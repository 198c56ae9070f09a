"""The signature of docs/decisions.md: sha256 hex of path, body, timestamp and secret joined by
newlines, the body and its newline left out when a request has none."""

from __future__ import annotations

import hashlib

import pytest
from evocalize.signing import sign, signature_matches, timestamp_is_fresh

PATH = "/management/v1/user"
BODY = b'{"id":"u1","email":"a@example.com"}'


def test_a_request_with_a_body_signs_path_body_timestamp_and_secret_joined_by_newlines() -> None:
    text = b"/management/v1/user\n" + BODY + b"\n1700000000\ns3cret"
    assert sign(PATH, BODY, 1700000000, "s3cret") == hashlib.sha256(text).hexdigest()


def test_a_request_without_a_body_leaves_out_the_body_and_its_newline() -> None:
    text = b"/management/v1/users\n1700000000\ns3cret"
    expected = hashlib.sha256(text).hexdigest()
    assert sign("/management/v1/users", None, "1700000000", "s3cret") == expected
    assert sign("/management/v1/users", b"", "1700000000", "s3cret") == expected


def test_the_signature_is_lowercase_hex_and_changes_with_every_input() -> None:
    base = sign(PATH, BODY, 1700000000, "s3cret")
    assert len(base) == 64 and base == base.lower()
    assert sign(PATH + "s", BODY, 1700000000, "s3cret") != base
    assert sign(PATH, BODY + b" ", 1700000000, "s3cret") != base
    assert sign(PATH, BODY, 1700000001, "s3cret") != base
    assert sign(PATH, BODY, 1700000000, "s3cret!") != base


def test_text_bodies_sign_as_their_utf8_bytes() -> None:
    body = '{"name":"Café"}'
    assert sign(PATH, body, 1, "k") == sign(PATH, body.encode(), 1, "k")


def test_a_path_with_a_query_string_is_refused() -> None:
    with pytest.raises(ValueError, match="query"):
        sign("/management/v1/users?pageToken=x", None, 1, "k")


def test_signature_matches_accepts_the_right_signature_in_any_case_only() -> None:
    good = sign(PATH, BODY, 5, "k")
    assert signature_matches(good, PATH, BODY, 5, "k")
    assert signature_matches(good.upper(), PATH, BODY, 5, "k")
    assert not signature_matches(good, PATH, BODY, 5, "other")
    assert not signature_matches("not-hex-é", PATH, BODY, 5, "k")


@pytest.mark.parametrize(
    ("sent", "fresh"),
    [
        ("1000", True),
        ("940", True),
        ("1060", True),
        ("939", False),
        ("1061", False),
        ("1000000", False),
        ("abc", False),
        ("", False),
    ],
)
def test_timestamps_more_than_60_seconds_away_are_stale(sent: str, fresh: bool) -> None:
    assert timestamp_is_fresh(sent, now=1000) is fresh
