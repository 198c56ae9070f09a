"""Placeholders move pending -> processing -> completed; grants reach users as Access Control says;
a media asset keeps its type."""

from __future__ import annotations

import pytest
from audience_csv_samples import (
    NOT_UTF8,
    PLAIN_TEXT_VALUES,
    TOO_FEW_IDENTIFIERS,
    UNKNOWN_IDENTIFIER,
    VALID_CSV,
    hashed_emails,
)
from evocalize_sandbox.rules import audiences, grantees, media
from evocalize_sandbox.rules.grantees import GranteeKey
from evocalize_sandbox.rules.violations import RuleViolation

NOW = 1_800_000_000.0
DELAY = 60.0


def fresh() -> audiences.PlaceholderState:
    return audiences.created("p1", "Buyers", None, ["Tag 1"])


def test_a_new_placeholder_is_pending_without_audiences_and_described_by_its_name() -> None:
    placeholder = fresh()
    assert (placeholder.status, placeholder.audiences, placeholder.description) == (
        "pending",
        (),
        "Buyers",
    )


def test_a_valid_csv_starts_processing_with_pending_audiences_of_unknown_size() -> None:
    processing = audiences.upload(fresh(), VALID_CSV, NOW)
    assert processing.status == "processing"
    assert [(a.channel, a.status, a.potential_size) for a in processing.audiences] == [
        ("Facebook", "pending", None),
        ("Google", "pending", None),
    ]


def test_processing_completes_after_the_delay_with_active_sized_audiences() -> None:
    processing = audiences.upload(fresh(), hashed_emails(320), NOW)
    assert audiences.settle(processing, NOW + DELAY - 1, DELAY).status == "processing"
    completed = audiences.settle(processing, NOW + DELAY, DELAY)
    assert completed.status == "completed"
    assert {(a.status, a.potential_size) for a in completed.audiences} == {("active", "< 1000")}


def test_an_audience_under_1000_people_is_sized_as_the_literal_under_1000() -> None:
    assert audiences.potential_size(999) == "< 1000"
    assert audiences.potential_size(1000) == "1000"
    big = audiences.settle(audiences.upload(fresh(), hashed_emails(1200), NOW), NOW + DELAY, DELAY)
    assert {a.potential_size for a in big.audiences} == {"1200"}


def test_a_placeholder_already_processing_refuses_a_new_csv() -> None:
    processing = audiences.upload(fresh(), VALID_CSV, NOW)
    with pytest.raises(RuleViolation, match="already processing"):
        audiences.upload(processing, VALID_CSV, NOW + 1)


def test_a_completed_placeholder_takes_a_new_csv_and_keeps_its_audiences() -> None:
    completed = audiences.settle(audiences.upload(fresh(), VALID_CSV, NOW), NOW + DELAY, DELAY)
    again = audiences.upload(completed, VALID_CSV, NOW + DELAY)
    assert again.status == "processing"
    assert again.audiences == completed.audiences


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        pytest.param(TOO_FEW_IDENTIFIERS, "299 identifiers", id="too-few"),
        pytest.param(PLAIN_TEXT_VALUES, "not a lowercase hex SHA-256", id="not-hashed"),
        pytest.param(UNKNOWN_IDENTIFIER, "not a known identifier", id="unknown-header"),
        pytest.param(NOT_UTF8, "not UTF-8", id="not-utf8"),
        pytest.param(b"", "empty", id="empty"),
    ],
)
def test_a_csv_missing_a_requirement_is_refused_naming_the_problem(
    data: bytes, problem: str
) -> None:
    with pytest.raises(RuleViolation) as error:
        audiences.upload(fresh(), data, NOW)
    assert (error.value.code, error.value.field) == ("EV_BAD_REQUEST_INVALID_FIELDS", "file")
    assert problem in error.value.message


def test_a_refused_csv_message_never_echoes_its_values() -> None:
    with pytest.raises(RuleViolation) as error:
        audiences.upload(fresh(), PLAIN_TEXT_VALUES, NOW)
    assert "emailaddress@example.com" not in error.value.message


def test_a_provided_audience_makes_a_completed_placeholder_with_its_names_as_fallback() -> None:
    placeholder = audiences.provided("p2", "Facebook", "act_123", None, None, [])
    assert placeholder.status == "completed"
    assert placeholder.name == "Facebook audience act_123"
    assert [(a.channel_audience_id, a.status) for a in placeholder.audiences] == [
        ("act_123", "active")
    ]


@pytest.mark.parametrize("audience_id", ["inactive_42", "inaccessible_42"])
def test_an_inactive_or_inaccessible_provided_audience_is_refused(audience_id: str) -> None:
    with pytest.raises(RuleViolation) as error:
        audiences.provided("p2", "Facebook", audience_id, "Name", None, [])
    assert error.value.field == "channelAudienceId"


def test_a_provided_placeholder_takes_no_csv() -> None:
    placeholder = audiences.provided("p2", "Facebook", "act_123", "Name", None, [])
    with pytest.raises(RuleViolation, match="provided audience"):
        audiences.upload(placeholder, VALID_CSV, NOW)


# Grantees -----------------------------------------------------------------------------------

MEMBER = {"g1": "group_user", "g2": "group_admin"}


@pytest.mark.parametrize(
    ("grantee", "reaches"),
    [
        (GranteeKey.of("ORGANIZATION"), True),
        (GranteeKey.of("USER", user_id="u1"), True),
        (GranteeKey.of("USER", user_id="u2"), False),
        (GranteeKey.of("GROUP", group_id="g1"), True),
        (GranteeKey.of("GROUP", group_id="g9"), False),
        (GranteeKey.of("GROUP_ROLE", group_id="g2", group_role="group_admin"), True),
        (GranteeKey.of("GROUP_ROLE", group_id="g1", group_role="group_admin"), False),
        (GranteeKey.of("USER_IN_GROUP", user_id="u1", group_id="g1"), True),
        (GranteeKey.of("USER_IN_GROUP", user_id="u1", group_id="g9"), False),
        (GranteeKey.of("USER_IN_GROUP", user_id="u2", group_id="g1"), False),
    ],
)
def test_a_grantee_reaches_the_users_its_type_describes(grantee: GranteeKey, reaches: bool) -> None:
    assert grantees.reaches(grantee, "u1", MEMBER) is reaches


def test_a_grantee_keeps_only_the_fields_its_type_uses() -> None:
    assert GranteeKey.of("ORGANIZATION", user_id="u1", group_id="g1") == GranteeKey("ORGANIZATION")
    assert GranteeKey.of("GROUP", user_id="u1", group_id="g1").as_json() == {
        "type": "GROUP",
        "groupId": "g1",
    }


def test_a_grantee_missing_what_its_type_needs_says_which_field() -> None:
    assert GranteeKey.of("GROUP_ROLE", group_id="g1").missing_field() == "groupRole"
    assert GranteeKey.of("USER").missing_field() == "userId"
    assert GranteeKey.of("ORGANIZATION").missing_field() is None


def test_permissions_of_matching_grants_are_summed() -> None:
    grants = [(GranteeKey.of("USER", user_id="u2"), ["READ"]), (GranteeKey.of("ORGANIZATION"), [])]
    assert grantees.permissions_of(grants, "u1", {}) == frozenset()
    grants.append((GranteeKey.of("GROUP", group_id="g1"), ["READ"]))
    assert grantees.permissions_of(grants, "u1", MEMBER) == {"READ"}


def test_upserting_grants_replaces_the_same_grantee_and_removes_on_empty_permissions() -> None:
    user, group = GranteeKey.of("USER", user_id="u1"), GranteeKey.of("GROUP", group_id="g1")
    existing = {user: ("READ",), group: ("READ",)}
    assert grantees.upsert(existing, [(user, [])]) == {group: ("READ",)}
    org = GranteeKey.of("ORGANIZATION")
    assert grantees.upsert(existing, [(org, ["READ", "READ"])]) == {**existing, org: ("READ",)}


# Media --------------------------------------------------------------------------------------


def test_a_media_asset_keeps_its_type() -> None:
    media.check_update(None, "video")
    media.check_update("image", "image")
    with pytest.raises(RuleViolation) as error:
        media.check_update("image", "video")
    assert (error.value.code, error.value.field) == ("EV_BAD_REQUEST_INVALID_FIELDS", "type")
