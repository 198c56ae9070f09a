"""`evocalize fuzz` from the command line: the embedded sandbox by default, any URL over HTTP,
reports on disk, clear one-line errors, and no secret in anything it prints or writes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from evocalize.cli import app
from evocalize.fuzzing.runner import _OptionalLinkValues
from evocalize.fuzzing.schema import fuzz_schema
from evocalize_sandbox.app import create_app
from evocalize_sandbox.embedded import EmbeddedSandbox
from schemathesis.python.asgi import shutdown_lifespans
from served import serving
from typer.testing import CliRunner

KEY_ID, KEY = "fuzz-partner", "fuzz-partner-very-secret-key"
QUICK = ["--operation", "getRepository", "--phases", "examples,coverage", "--max-examples", "3"]


@pytest.fixture
def runner() -> Iterator[CliRunner]:
    yield CliRunner()
    shutdown_lifespans()


@pytest.fixture(scope="module")
def served_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = tmp_path_factory.mktemp("fuzz") / "sandbox.db"
    with serving(create_app(database_url=f"sqlite:///{database}", clients={KEY_ID: KEY})) as url:
        yield url


def test_without_a_url_it_fuzzes_an_embedded_sandbox_and_writes_the_reports(
    runner: CliRunner, tmp_path: Path
) -> None:
    reports = tmp_path / "reports"
    result = runner.invoke(
        app, ["fuzz", *QUICK, "--report", "junit,ndjson,har", "--report-dir", str(reports)]
    )
    assert result.exit_code == 0, result.output
    assert "embedded sandbox" in result.output
    assert "getRepository" in result.output  # the per-operation tally
    written = sorted(path.name.split("-")[0] for path in reports.iterdir())
    assert written == ["har", "junit", "ndjson"]


def test_it_fuzzes_a_url_over_http_and_never_shows_the_shared_secret(
    runner: CliRunner, served_sandbox: str, tmp_path: Path
) -> None:
    reports = tmp_path / "reports"
    result = runner.invoke(
        app,
        [
            "fuzz", "--url", served_sandbox, "--key-id", KEY_ID, "--key", KEY,
            "--auth", "shared-secret", *QUICK,
            "--report", "junit,ndjson,har", "--report-dir", str(reports),
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert KEY not in result.output
    for report in reports.iterdir():
        assert KEY not in report.read_text(encoding="utf-8"), report.name


def test_the_last_line_is_the_verdict_after_the_table(runner: CliRunner) -> None:
    result = runner.invoke(app, ["fuzz", *QUICK])
    assert result.exit_code == 0, result.output
    lines = result.output.rstrip().splitlines()
    assert re.fullmatch(r"PASSED: 1 operation, \d+ requests, 0 failures in \d+\.\d s", lines[-1])
    table = next(n for n, line in enumerate(lines) if "Requests per operation" in line)
    assert table < len(lines) - 1


def test_a_failed_run_ends_with_a_failed_verdict(runner: CliRunner, served_sandbox: str) -> None:
    result = runner.invoke(
        app, ["fuzz", "--url", served_sandbox, "--key-id", KEY_ID, "--key", "wrong", *QUICK]
    )
    assert result.exit_code == 1
    last = result.output.rstrip().splitlines()[-1]
    assert last.startswith("FAILED: 1 operation, "), last
    assert re.search(r"\d+ failures? in \d+\.\d s", last), last


def test_piped_output_shows_a_line_per_phase_and_operation(runner: CliRunner) -> None:
    # CliRunner's stdout is not a terminal, as in CI or under `| tee`.
    result = runner.invoke(app, ["fuzz", *QUICK])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for phase in ("examples", "coverage"):
        assert f"{phase}: started (1 operation)" in lines
        assert any(re.fullmatch(rf"{phase}: passed in \d+\.\d s", line) for line in lines)
        assert any(
            re.fullmatch(rf"{phase} 1/1: getRepository: \d+ requests, passed \(\d+\.\d s\)", line)
            for line in lines
        ), lines


def test_a_last_page_without_a_next_token_is_no_extraction_note(runner: CliRunner) -> None:
    # The stateful phase follows listUsers' nextPage link from a last page, which has no
    # nextPageToken: the optional pageToken is simply not sent, which is not worth a note.
    result = runner.invoke(
        app, ["fuzz", "--operation", "listUsers", "--phases", "stateful", "--seed", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "listUsers" in result.output
    assert "Could not resolve parameter" not in result.output
    assert "Failed to extract data" not in result.output


def test_help_says_max_examples_does_not_bound_the_coverage_phase(runner: CliRunner) -> None:
    result = runner.invoke(app, ["fuzz", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "does not bound the coverage phase" in text
    assert "--phases examples,fuzzing,stateful" in text


def test_an_absent_optional_link_value_is_no_extraction_note(sandbox: EmbeddedSandbox) -> None:
    # placeOrderForUser takes the group from `$response.body#/data/groups/0/id`: a user
    # created without groups has none, which its schema allows; `data.id` is required.
    schema = fuzz_schema(key_id=sandbox.key_id, secret=sandbox.secret, app=sandbox.app)
    notes = _OptionalLinkValues(schema)
    template = (
        '{"userId": "$response.body#/data/id", "groupId": "$response.body#/data/groups/0/id"}'
    )

    def failure(expression: str, parameter: str, target: str = "POST /management/v1/order") -> Any:
        return SimpleNamespace(
            error=None,
            source="POST /management/v1/user",
            target=target,
            parameter_name=parameter,
            expression=expression,
            response=SimpleNamespace(status_code=201),
        )

    assert notes._rightly_absent(failure(template, "body"))
    assert not notes._rightly_absent(failure('{"userId": "$response.body#/data/id"}', "body"))
    assert notes._rightly_absent(
        failure("$response.body#/nextPageToken", "pageToken", "GET /management/v1/users")
    )


def test_the_credential_for_a_url_comes_from_the_environment_too(
    runner: CliRunner, served_sandbox: str
) -> None:
    env = {"EVOCALIZE_CLIENT_KEY_ID": KEY_ID, "EVOCALIZE_CLIENT_KEY": KEY}
    result = runner.invoke(app, ["fuzz", "--url", served_sandbox, *QUICK], env=env)
    assert result.exit_code == 0, result.output


def test_a_wrong_credential_fails_the_run(runner: CliRunner, served_sandbox: str) -> None:
    result = runner.invoke(
        app, ["fuzz", "--url", served_sandbox, "--key-id", KEY_ID, "--key", "wrong", *QUICK]
    )
    assert result.exit_code != 0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--url", "http://127.0.0.1:9"], "--url needs a credential"),
        (["--url", "ftp://x", "--key-id", "a", "--key", "b"], "http:// or https://"),
        (["--phases", "examples,warmup"], "warmup"),
        (["--report", "pdf"], "pdf"),
        (["--auth", "oauth"], "signature"),
        (["--max-examples", "0"], "0"),
    ],
)
def test_bad_arguments_get_one_clear_line(
    runner: CliRunner, arguments: list[str], message: str
) -> None:
    env = {"EVOCALIZE_CLIENT_KEY_ID": "", "EVOCALIZE_CLIENT_KEY": ""}
    result = runner.invoke(app, ["fuzz", *arguments], env=env)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_processes_share_the_run_and_one_table_and_verdict_end_it(runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        [
            "fuzz", "--processes", "2", "--operation", "getRepository", "--operation",
            "listRepositories", "--phases", "examples,coverage,stateful", "--max-examples", "3",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.output.rstrip().splitlines()
    # Each process's own output, prefixed with its number: every operation's coverage phase in
    # one of them, and the stateful phase over both operations in one of them.
    assert {line[:4] for line in lines if re.match(r"\[\d\] ", line)} == {"[1] ", "[2] "}
    for operation in ("getRepository", "listRepositories"):
        covered = [
            line for line in lines if re.match(rf"\[\d\] coverage \d/\d: {operation}:", line)
        ]
        assert len(covered) == 1, lines
    assert sum(line.endswith("stateful: started (2 operations)") for line in lines) == 1
    assert re.fullmatch(r"PASSED: 2 operations, \d+ requests, 0 failures in \d+\.\d s", lines[-1])
    rows = {line.split()[1]: line for line in lines if re.match(r"│ (get|list)Repositor", line)}
    assert sorted(rows) == ["getRepository", "listRepositories"]


def test_a_failure_in_one_process_fails_the_run_without_showing_the_key(
    runner: CliRunner, served_sandbox: str
) -> None:
    result = runner.invoke(
        app,
        [
            "fuzz", "--processes", "2", "--url", served_sandbox, "--key-id", KEY_ID, "--key",
            "wrong", *QUICK, "--operation", "getUser",
        ],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert result.output.rstrip().splitlines()[-1].startswith("FAILED: 2 operations, ")
    assert "wrong" not in result.output
