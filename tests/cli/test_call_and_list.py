"""`evocalize call` reaches any operation of the spec by its operationId and `evocalize list`
walks every page of a listing; what the API refuses is one `EV_*` line and exit status 1."""

from __future__ import annotations

import json
import socket

import pytest
from cli_runner import evocalize, json_lines, json_out
from evocalize import client as evocalize_client


def test_call_sends_the_body_and_prints_the_answers_data(env: dict[str, str]) -> None:
    created = json_out(
        evocalize(
            "call", "createOrUpdateGroup", "--body", '{"id": "g-call", "name": "Call"}', env=env
        )
    )
    assert created == {"id": "g-call", "name": "Call"}


def test_call_takes_parameters_by_their_spec_or_python_name(env: dict[str, str]) -> None:
    body = {"id": "u-call", "name": "Jane", "email": "jane@example.com"}
    evocalize("call", "createOrUpdateUser", "--body", json.dumps(body), env=env)
    by_spec_name = json_out(evocalize("call", "getUser", "-p", "userId=u-call", env=env))
    by_python_name = json_out(evocalize("call", "getUser", "-p", "user_id=u-call", env=env))
    assert by_spec_name["email"] == by_python_name["email"] == "jane@example.com"


def test_call_reads_the_body_from_a_file(
    env: dict[str, str], tmp_path: pytest.TempPathFactory
) -> None:
    body_file = tmp_path / "group.json"  # type: ignore[operator]
    body_file.write_text('{"id": "g-file", "name": "From a file"}')
    assert (
        json_out(evocalize("call", "createOrUpdateGroup", "-b", f"@{body_file}", env=env))["name"]
        == "From a file"
    )


def test_call_types_a_query_value_as_its_schema_says(env: dict[str, str]) -> None:
    # `deletedOnly` is a boolean: sent as `true`, not refused as text.
    result = evocalize(
        "call", "listAccessRecords", "-p", "repositoryId=listings", "-p", "deletedOnly=true",
        "--envelope", env=env,
    )  # fmt: skip
    assert json_out(result)["data"] == []


def test_an_api_error_is_one_line_with_its_code_and_field(env: dict[str, str]) -> None:
    result = evocalize("call", "getUser", "-p", "userId=nobody", env=env)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith("EV_OBJECT_NOT_FOUND: ")
    assert result.stderr.strip().endswith("(userId)")


def test_wrong_credentials_are_the_api_s_auth_error(env: dict[str, str]) -> None:
    result = evocalize("call", "listGroups", "--key", "not-the-key-xyz", env=env)
    assert result.exit_code == 1
    assert result.stderr.startswith("EV_UNAUTHORIZED_INVALID_SIGNATURE: ")
    assert "not-the-key-xyz" not in result.output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["call", "getUsr"], "did you mean getUser"),
        (["call", "getUser"], "getUser needs --param userId=..."),
        (["call", "getUser", "-p", "nope=1"], "getUser has no parameter 'nope'"),
        (["call", "getUser", "-p", "userId"], "expected NAME=VALUE"),
        (["call", "createOrUpdateGroup"], "createOrUpdateGroup needs a --body"),
        (["call", "createOrUpdateGroup", "-b", "{nope"], "not JSON"),
        (["call", "createOrUpdateGroup", "-b", "[1]"], "--body"),
        (["list", "getUser", "-p", "userId=x"], "getUser is not paginated"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_status_2(
    env: dict[str, str], args: list[str], says: str
) -> None:
    result = evocalize(*args, env=env)
    assert result.exit_code == 2, result.output
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_list_prints_every_item_of_every_page_as_json_lines(env: dict[str, str]) -> None:
    groups = "".join(json.dumps({"id": f"lg-{n:03}", "name": "L"}) + "\n" for n in range(130))
    assert evocalize("push", "groups", "-", input=groups, env=env).exit_code == 0
    listed = json_lines(evocalize("list", "listGroups", env=env))
    ids = [group["id"] for group in listed]
    assert {f"lg-{n:03}" for n in range(130)} <= set(ids)
    assert len(ids) == len(set(ids)) > 100  # more than one page of 100


def test_a_misspelled_field_is_refused_before_sending_and_nothing_changes(
    env: dict[str, str],
) -> None:
    body = {"id": "u-typo", "name": "Typo", "email": "old@example.com"}
    evocalize("call", "createOrUpdateUser", "--body", json.dumps(body), env=env)
    typo = json.dumps({"id": "u-typo", "emial": "new@example.com"})
    result = evocalize("call", "createOrUpdateUser", "--body", typo, env=env)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("EV_BAD_REQUEST_INVALID_FIELDS: emial: unknown field")
    assert "nothing was sent" in result.stderr
    read = json_out(evocalize("call", "getUser", "-p", "userId=u-typo", env=env))
    assert read["email"] == "old@example.com"


def test_an_order_placed_and_edited_with_a_program_name_round_trips(env: dict[str, str]) -> None:
    import time

    evocalize("call", "createOrUpdateGroup", "--body", '{"id": "g-order", "name": "O"}', env=env)
    user = {
        "id": "u-order",
        "name": "Orderer",
        "email": "orderer@example.com",
        "groups": [{"groupId": "g-order", "role": "team_admin"}],
    }
    evocalize("call", "createOrUpdateUser", "--body", json.dumps(user), env=env)
    start = int(time.time()) + 2 * 86400
    order = {
        "userId": "u-order",
        "groupId": "g-order",
        "productCode": "pid_1234567890",
        "orderType": "subscription",
        "programName": "Spring Open House",
        "paymentAmount": 100,
        "schedule": {"startTimestamp": start},
    }
    placed = json_out(evocalize("call", "placeOrder", "--body", json.dumps(order), env=env))
    assert placed["programName"] == "Spring Open House"
    renamed = json_out(
        evocalize(
            "call",
            "editOrder",
            "-p",
            f"orderId={placed['id']}",
            "--body",
            '{"programName": "New Program Name"}',
            env=env,
        )
    )
    assert renamed["programName"] == "New Program Name"
    read = json_out(evocalize("call", "getOrder", "-p", f"orderId={placed['id']}", env=env))
    assert read["programName"] == "New Program Name"


def test_call_and_list_take_the_python_name_as_well_as_the_operation_id(
    env: dict[str, str],
) -> None:
    body = json.dumps({"id": "py-name", "name": "Python name", "email": "py@example.com"})
    assert evocalize("call", "create_or_update_user", "-b", body, env=env).exit_code == 0
    by_id = json_out(evocalize("call", "getUser", "-p", "userId=py-name", env=env))
    by_name = json_out(evocalize("call", "get_user", "-p", "user_id=py-name", env=env))
    assert by_id == by_name
    assert by_name["name"] == "Python name"
    group = json.dumps({"id": "py-group", "name": "Python name"})
    assert evocalize("call", "create_or_update_group", "-b", group, env=env).exit_code == 0
    listed = json_lines(evocalize("list", "list_groups", env=env))
    assert "py-group" in {group["id"] for group in listed}
    misspelled = evocalize("call", "get_usr", env=env)
    assert misspelled.exit_code == 2
    assert "did you mean get_user" in misspelled.stderr


def test_call_help_says_it_takes_the_operation_id_or_the_python_name() -> None:
    shown = " ".join(evocalize("call", "--help").stdout.split())
    assert "operationId (getUser) or its Python name (get_user)" in shown
    listed = evocalize("operations").stdout
    assert any(line.split()[1:3] == ["get_user", "getUser"] for line in listed.splitlines())


@pytest.mark.parametrize(
    ("args", "drop", "says"),
    [
        (
            ["call", "listUsers"],
            ("EVOCALIZE_CLIENT_KEY_ID",),
            "evocalize call: no client key id: give --key-id, or set EVOCALIZE_CLIENT_KEY_ID",
        ),
        (
            ["list", "listUsers"],
            ("EVOCALIZE_CLIENT_KEY_ID", "EVOCALIZE_CLIENT_KEY"),
            "evocalize list: no client key id and client key: give --key-id and --key, or set "
            "EVOCALIZE_CLIENT_KEY_ID and EVOCALIZE_CLIENT_KEY",
        ),
        (
            ["call", "listUsers", "--auth", "basic"],
            (),
            "evocalize call: Invalid value for '--auth': must be one of signature, "
            "shared-secret, not 'basic' (from --auth or EVOCALIZE_AUTH)",
        ),
        (
            ["push", "users", "-", "--url", "partner-api.example.com"],
            (),
            "evocalize push: Invalid value for '--url': must be a URL that starts with http:// "
            "or https://, not 'partner-api.example.com' (from --url or EVOCALIZE_BASE_URL)",
        ),
    ],
    ids=["no-key-id", "no-credentials", "bad-auth", "bad-url"],
)
def test_a_bad_configuration_is_a_usage_error_in_the_command_line_s_terms(
    env: dict[str, str], args: list[str], drop: tuple[str, ...], says: str
) -> None:
    configured = {name: value for name, value in env.items() if name not in drop}
    # typer's runner sets the variables it is given over the real environment; None unsets.
    result = evocalize(*args, env={**configured, **dict.fromkeys(drop)}, input="")
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [f"{says} (see 'evocalize {args[0]} --help')"]
    assert "key_id=" not in result.stderr and "base_url" not in result.stderr


def _unreachable_url() -> str:
    """A loopback URL on which nothing listens: a port just bound and let go."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.mark.parametrize("source", ["flag", "environment", "default"])
def test_a_connection_error_says_which_url_was_tried_and_where_it_came_from(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    url = _unreachable_url()
    args = ["call", "listUsers"]
    configured: dict[str, str | None] = {**env, "EVOCALIZE_BASE_URL": None}
    if source == "flag":
        args += ["--url", url]
        origin = "(from --url)"
    elif source == "environment":
        configured["EVOCALIZE_BASE_URL"] = url
        origin = "(from EVOCALIZE_BASE_URL)"
    else:
        # The production server, moved to the unreachable port for the test.
        monkeypatch.setattr(evocalize_client, "DEFAULT_BASE_URL", url)
        origin = "(the default; set --url or EVOCALIZE_BASE_URL)"
    result = evocalize(*args, env=configured)
    assert result.exit_code == 1, result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"error: no answer from {url} {origin}: "), line
