"""`evocalize push` sends a file in batches, follows every report and writes the failed inputs
to a file that pushes again; `evocalize report` reads what a batch left behind."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from cli_runner import evocalize, json_lines, json_out
from evocalize import Evocalize
from evocalize.commands.entries import entry_schema, read_entries
from evocalize.commands.push import OPERATIONS, Kind
from evocalize.spec import operation_spec, operation_specs, resolve

from .conftest import KEY, KEY_ID

REPOSITORY_KINDS = {Kind.items, Kind.access, Kind.grants}


def users(count: int, prefix: str, *, bad_group_every: int = 0) -> list[dict[str, object]]:
    return [
        {
            "id": f"{prefix}-{n}",
            "name": f"User {n}",
            "email": f"{prefix}{n}@example.com",
            **(
                {"groups": [{"groupId": f"{prefix}-team", "role": "group_user"}]}
                if bad_group_every and n % bad_group_every == 1
                else {}
            ),
        }
        for n in range(count)
    ]


def write_lines(path: Path, entries: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(entry) + "\n" for entry in entries))
    return path


def test_every_batch_create_of_the_spec_is_a_kind_of_push() -> None:
    batch_creates = {
        op.operation_id for op in operation_specs() if op.batch and op.method == "post"
    }
    without_kind = sorted(batch_creates - set(OPERATIONS.values()))
    assert without_kind == [], (
        f"batch creates without a push kind: {without_kind}; add each to `Kind` and `OPERATIONS` "
        "in overlays/evocalize/commands/push.py (see CONTRIBUTING.md, 'Adding an operation')"
    )
    assert set(OPERATIONS.values()) <= batch_creates


def test_push_sends_batches_follows_the_reports_and_keeps_the_failed_inputs(
    env: dict[str, str], tmp_path: Path
) -> None:
    # 250 users in batches of 100; every 100th names a group that does not exist yet.
    source = write_lines(tmp_path / "people.jsonl", users(250, "push", bad_group_every=100))
    result = evocalize("push", "users", str(source), "--batch-size", "100", "--json", env=env)
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["total"] == summary["submitted"] == 250
    assert (summary["succeeded"], summary["failed"]) == (247, 3)
    assert len(summary["reportIds"]) == 3
    failed = tmp_path / "people.failed.jsonl"
    assert summary["failedInputs"] == str(failed)
    assert sorted(entry["id"] for entry in json_lines_of(failed)) == [
        f"push-{n}" for n in (1, 101, 201)
    ]
    assert "push them again with: evocalize push users" in result.stderr

    # Once the group exists, the failed inputs push again as they are.
    evocalize("call", "createOrUpdateGroup", "-b", '{"id": "push-team", "name": "T"}', env=env)
    again = evocalize("push", "users", str(failed), "--json", env=env)
    assert json_out(again)["succeeded"] == 3
    assert json_out(evocalize("call", "getUser", "-p", "userId=push-101", env=env))["groups"]


def json_lines_of(path: Path) -> list[Any]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_an_invalid_entry_fails_alone_and_the_rest_of_its_batch_is_pushed(
    env: dict[str, str], tmp_path: Path
) -> None:
    entries = users(1000, "alone")
    entries[500] = {"id": "alone-500", "name": "Typo", "emial": "typo@example.com"}
    source = write_lines(tmp_path / "alone.jsonl", entries)
    result = evocalize("push", "users", str(source), "--json", env=env)
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert (summary["total"], summary["submitted"]) == (1000, 999)
    assert (summary["succeeded"], summary["failed"]) == (999, 1)
    (failed,) = json_lines_of(tmp_path / "alone.failed.jsonl")
    assert failed == entries[500]
    assert json_out(evocalize("call", "getUser", "-p", "userId=alone-999", env=env))["email"]


def test_push_reads_stdin_and_prints_a_summary_for_a_person(env: dict[str, str]) -> None:
    lines = "".join(json.dumps(entry) + "\n" for entry in users(3, "stdin"))
    result = evocalize("push", "users", "-", input=lines, env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("3 entries: 3 succeeded, 0 failed, in 1 batches")


def test_push_types_csv_cells_by_the_spec(env: dict[str, str], tmp_path: Path) -> None:
    source = tmp_path / "listings.csv"
    with source.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["values.id", "values.address", "values.price", "values.featured"])
        writer.writerow(["007", "1 Main St", "350000", "true"])
        writer.writerow(["008", "2 Oak Ave", "", "false"])
    result = evocalize("push", "items", str(source), "--repository", "listings", env=env)
    assert result.exit_code == 0, result.output
    item = json_out(
        evocalize("call", "getItem", "-p", "repositoryId=listings", "-p", "itemId=007", env=env)
    )
    # The id stays text, the price is a number and the flag a boolean; an empty cell is left out.
    assert item["values"] == {
        "id": "007", "address": "1 Main St", "price": 350000, "featured": True
    }  # fmt: skip


def test_push_of_items_needs_a_repository(env: dict[str, str], tmp_path: Path) -> None:
    result = evocalize("push", "items", str(write_lines(tmp_path / "i.jsonl", [])), env=env)
    assert result.exit_code == 2
    assert "push items needs --repository" in result.stderr


def test_a_line_that_is_not_json_stops_the_push_saying_where_before_anything_is_sent(
    env: dict[str, str], tmp_path: Path
) -> None:
    source = tmp_path / "broken.jsonl"
    source.write_text('{"id": "nj-1", "name": "A", "email": "a@example.com"}\n{not json\n')
    result = evocalize("push", "users", str(source), env=env)
    assert result.exit_code == 1
    assert "broken.jsonl: line 2 is not JSON" in result.stderr
    assert "1 line cannot be read; nothing was sent" in result.stderr
    assert "Traceback" not in result.output
    unsent = evocalize("call", "getUser", "-p", "userId=nj-1", env=env)
    assert unsent.stderr.startswith("EV_OBJECT_NOT_FOUND"), unsent.stderr


@pytest.mark.parametrize("via_stdin", [False, True], ids=["file", "stdin"])
def test_a_file_with_bad_lines_in_the_middle_sends_nothing_and_lists_each_bad_line(
    env: dict[str, str], tmp_path: Path, via_stdin: bool
) -> None:
    prefix = "mid-stdin" if via_stdin else "mid-file"
    good = [json.dumps(entry) for entry in users(6, prefix)]
    lines = [*good[:3], "{not json", *good[3:5], '["unclosed"', good[5]]
    source = tmp_path / "middle.jsonl"
    source.write_text("\n".join(lines) + "\n")
    if via_stdin:
        result = evocalize("push", "users", "-", input=source.read_text(), env=env)
    else:
        result = evocalize("push", "users", str(source), env=env)
    assert result.exit_code == 1
    assert "line 4 is not JSON" in result.stderr
    assert "line 7 is not JSON" in result.stderr
    assert "2 lines cannot be read; nothing was sent" in result.stderr
    for entry in users(6, prefix):
        read = evocalize("call", "getUser", "-p", f"userId={entry['id']}", env=env)
        assert read.exit_code == 1
        assert read.stderr.startswith("EV_OBJECT_NOT_FOUND"), read.stderr


def test_csv_lines_with_too_many_cells_are_each_listed_and_nothing_is_sent(
    env: dict[str, str], tmp_path: Path
) -> None:
    source = tmp_path / "people.csv"
    rows = ["id,name,email"] + [f"csv-{n},User {n},csv{n}@example.com" for n in range(30)]
    for n in range(1, 26):  # 25 lines with one cell too many
        rows[n] += ",extra"
    source.write_text("\n".join(rows) + "\n")
    result = evocalize("push", "users", str(source), env=env)
    assert result.exit_code == 1
    assert "people.csv: line 2 has more cells than the header" in result.stderr
    assert "people.csv: line 21 has more cells than the header" in result.stderr
    assert "line 22 has more cells" not in result.stderr  # the listing stops at 20
    assert "and 5 more bad lines" in result.stderr
    assert "25 lines cannot be read; nothing was sent" in result.stderr
    unsent = evocalize("call", "getUser", "-p", "userId=csv-29", env=env)
    assert unsent.stderr.startswith("EV_OBJECT_NOT_FOUND"), unsent.stderr


def test_report_show_wait_and_errors_read_a_batch(env: dict[str, str]) -> None:
    body = json.dumps(users(4, "rep", bad_group_every=2))
    report_id = json_out(evocalize("call", "createOrUpdateUserBatch", "-b", body, env=env))[
        "reportId"
    ]
    waited = evocalize("report", "wait", report_id, "--json", env=env)
    assert waited.exit_code == 1  # two entries failed
    assert json.loads(waited.stdout)["failed"] == 2

    shown = json_out(evocalize("report", "show", report_id, "--json", env=env))
    assert (shown["totalItems"], shown["errorItems"], shown["isCompleted"]) == (4, 2, True)
    person = evocalize("report", "show", report_id, env=env)
    assert person.stdout.strip() == f"{report_id}: 4 entries, 2 succeeded, 2 failed (completed)"

    errors = json_lines(evocalize("report", "errors", report_id, "--json", env=env))
    assert sorted(error["input"]["id"] for error in errors) == ["rep-1", "rep-3"]
    assert {error["restErrorCode"] for error in errors} == {"EV_BAD_REQUEST_INVALID_USER_IDENTITY"}


def test_an_unknown_report_is_the_api_s_not_found(env: dict[str, str]) -> None:
    result = evocalize("report", "show", "no-such-report", env=env)
    assert result.exit_code == 1
    assert result.stderr.startswith("EV_OBJECT_NOT_FOUND: ")


def spec_example_entries(operation_id: str) -> list[Any]:
    """The entries of the first example the spec gives the batch operation's body."""
    body = resolve(operation_spec(operation_id).node["requestBody"])["content"]["application/json"]
    (example, *_) = [resolve(e)["value"] for e in body["examples"].values()]
    if isinstance(example, dict):  # an object wrapping its one array (grants)
        (example,) = [value for value in example.values() if isinstance(value, list)]
    assert isinstance(example, list)
    return example


@pytest.fixture(scope="module")
def example_world(sandbox_url: str) -> None:
    """What the spec's examples refer to: their users, groups and items."""
    with Evocalize(sandbox_url, KEY_ID, KEY) as ev:
        for group in ("seattle_office", "8675309", "exampleGroupId"):
            ev.groups.create_or_update_group(body={"id": group, "name": group})
        for user in ("seattle_user_1", "exampleUserId"):
            ev.users.create_or_update_user(
                body={"id": user, "name": user, "email": f"{user}@example.com"}
            )
        for item in ("exampleId1", "exampleId2", "exampleContentItemId1", "exampleContentItemId2"):
            ev.content.create_or_update_item("repository_id", body={"values": {"id": item}})


@pytest.mark.parametrize("kind", list(OPERATIONS), ids=lambda kind: kind.value)
def test_every_kind_pushes_the_spec_s_own_example(
    kind: Kind, example_world: None, env: dict[str, str], tmp_path: Path
) -> None:
    entries = spec_example_entries(OPERATIONS[kind])
    source = write_lines(tmp_path / f"{kind.value}.jsonl", entries)
    repository = ["--repository", "repository_id"] if kind in REPOSITORY_KINDS else []
    result = evocalize("push", kind.value, str(source), *repository, "--json", env=env)
    summary = json_out(result)
    assert summary["succeeded"] == summary["total"] == len(entries)


def _example_of(help_text: str) -> list[str]:
    """The example rows at the end of `push KIND --help`."""
    lines = help_text.rstrip().splitlines()
    start = lines.index("Example:") + 1
    return [line.strip() for line in lines[start:]]


@pytest.mark.parametrize("kind", list(Kind))
def test_push_kind_help_lists_the_csv_columns_of_the_spec_with_an_example(kind: Kind) -> None:
    schema = entry_schema(operation_spec(OPERATIONS[kind]))
    result = evocalize("push", kind.value, "--help")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert f"CSV columns of {kind.value} (from the spec" in text
    listed = text[text.index("CSV columns of") :]
    for name, field in schema["properties"].items():
        field = resolve(field)
        if "properties" in field:  # a nested object: one dotted column a field
            for inner in field["properties"]:
                assert f" {name}.{inner} " in listed, (name, inner)
        else:
            assert f" {name} " in listed, name
    assert "A dotted header is a field of a nested object (values.price)" in text
    assert "A cell of an array or\nan object is JSON" in text
    # The example reads as an entry of the kind.
    (entry,) = read_entries(_example_of(text), "csv", schema)
    assert set(entry) <= set(schema["properties"])
    assert set(schema.get("required", [])) <= set(entry)


def test_push_help_without_a_kind_says_how_to_see_the_columns() -> None:
    assert "evocalize push KIND --help" in evocalize("push", "--help").stdout


def test_the_users_example_of_the_help_pushes_a_user_with_a_membership(
    env: dict[str, str], tmp_path: Path
) -> None:
    example = _example_of(evocalize("push", "users", "--help").stdout)
    assert '""groupId"": ' in example[1] and '""role"": ""group_user""' in example[1]
    (entry,) = read_entries(example, "csv", entry_schema(operation_spec(OPERATIONS[Kind.users])))
    (membership,) = entry["groups"]
    group = json.dumps({"id": membership["groupId"], "name": "Example team"})
    assert evocalize("call", "createOrUpdateGroup", "-b", group, env=env).exit_code == 0
    source = tmp_path / "example.csv"
    # Another test's user may hold the example's email already.
    source.write_text("\n".join(example).replace(entry["email"], "help-row@example.com") + "\n")
    result = evocalize("push", "users", str(source), env=env)
    assert result.exit_code == 0, result.output
    user = json_out(evocalize("call", "getUser", "-p", f"userId={entry['id']}", env=env))
    assert user["email"] == "help-row@example.com"
    assert membership["groupId"] in json.dumps(user)


def test_every_kind_of_unreadable_csv_line_is_listed_with_its_own_number(
    env: dict[str, str], tmp_path: Path
) -> None:
    source = tmp_path / "mixed.csv"
    source.write_text(
        "id,name,email,replaceGroups\n"
        'mx-1,"A"B,a@example.com,\n'  # a quote inside a quoted cell
        "mx-2,B,b@example.com,maybe\n"  # not a boolean
        "mx-3,C,c@example.com,,extra\n"  # one cell too many
        "mx-4,D,d@example.com,false\n"
    )
    result = evocalize("push", "users", str(source), env=env)
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert errors[0].startswith("error: ") and "mixed.csv: line 2 is not readable CSV" in errors[0]
    assert "mixed.csv: line 3, replaceGroups: expected boolean" in errors[1]
    assert "mixed.csv: line 4 has more cells than the header" in errors[2]
    assert errors[3].endswith("3 lines cannot be read; nothing was sent")
    unsent = evocalize("call", "getUser", "-p", "userId=mx-4", env=env)
    assert unsent.stderr.startswith("EV_OBJECT_NOT_FOUND"), unsent.stderr
