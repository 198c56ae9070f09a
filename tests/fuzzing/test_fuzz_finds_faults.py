"""The harness can fail: each fault injected in front of the sandbox is reported by
`evocalize fuzz` on its operation, with the check that names it."""

from __future__ import annotations

from typing import Any

from evocalize.fuzzing import FuzzOptions, FuzzTally, fuzz
from evocalize_sandbox.embedded import EmbeddedSandbox

from fuzzing.faults import (
    CoercesScalarsToStrings,
    IgnoresAuth,
    ItemReadableAfterDelete,
    RepeatingPageToken,
    ServerErrorOnLongNames,
    TruncatesLongNames,
    UnprocessableEntity,
    WrongTypeInResponse,
)


def failed_checks(
    sandbox: EmbeddedSandbox, app: Any, operations: tuple[str, ...], **options: Any
) -> tuple[int, dict[str, set[str]]]:
    return failed_run(sandbox, app, operations, **options)[:2]


def failed_run(
    sandbox: EmbeddedSandbox, app: Any, operations: tuple[str, ...], **options: Any
) -> tuple[int, dict[str, set[str]], FuzzTally]:
    tally = FuzzTally()
    exit_code = fuzz(
        key_id=sandbox.key_id,
        secret=sandbox.secret,
        app=app,
        options=FuzzOptions(
            **{"max_examples": 10, "seed": 1, "include_operation_ids": operations, **options}
        ),
        tally=tally,
    )
    return exit_code, tally.failed_checks(), tally


def test_a_field_of_the_wrong_type_fails_response_schema_conformance(
    sandbox: EmbeddedSandbox,
) -> None:
    app = WrongTypeInResponse(sandbox.app)
    exit_code, failed = failed_checks(
        sandbox, app, ("createOrUpdateUser", "getUser"), phases=("examples", "stateful")
    )
    assert exit_code != 0
    assert "response_schema_conformance" in failed["getUser"]


def test_a_500_on_some_input_fails_not_a_server_error(sandbox: EmbeddedSandbox) -> None:
    app = ServerErrorOnLongNames(sandbox.app)
    exit_code, failed = failed_checks(
        sandbox, app, ("createOrUpdateGroup",), phases=("examples", "fuzzing")
    )
    assert exit_code != 0
    assert "not_a_server_error" in failed["createOrUpdateGroup"]


def test_an_endpoint_that_ignores_auth_fails_ignored_auth(sandbox: EmbeddedSandbox) -> None:
    app = IgnoresAuth(sandbox.app, sandbox.key_id, sandbox.secret)
    exit_code, failed, tally = failed_run(sandbox, app, ("getRepository",), phases=("examples",))
    assert exit_code != 0
    assert "ignored_auth" in failed["getRepository"]
    assert tally.verdict().startswith("FAILED: 1 operation, ")
    assert "(ignored_auth)" in tally.verdict()


# Invalid input accepted, and an error answered with a status the spec does not document: only
# negative cases reach these faults, and only the negative-data and status-code checks name
# them. The coverage phase sends each constraint's boundary (a name one character too long, a
# number for a string) on its own, so a run of it finds them whatever the seed.


def test_an_unenforced_max_length_fails_negative_data_rejection(sandbox: EmbeddedSandbox) -> None:
    app = TruncatesLongNames(sandbox.app, sandbox.key_id, sandbox.secret)
    exit_code, failed = failed_checks(sandbox, app, ("createOrUpdateGroup",), phases=("coverage",))
    assert exit_code != 0
    assert failed == {"createOrUpdateGroup": {"negative_data_rejection"}}


def test_a_wrong_type_accepted_fails_negative_data_rejection(sandbox: EmbeddedSandbox) -> None:
    app = CoercesScalarsToStrings(sandbox.app, sandbox.key_id, sandbox.secret)
    exit_code, failed = failed_checks(sandbox, app, ("createOrUpdateGroup",), phases=("coverage",))
    assert exit_code != 0
    assert failed == {"createOrUpdateGroup": {"negative_data_rejection"}}


def test_an_undocumented_status_fails_status_code_conformance(sandbox: EmbeddedSandbox) -> None:
    app = UnprocessableEntity(sandbox.app)
    exit_code, failed = failed_checks(sandbox, app, ("createOrUpdateGroup",), phases=("coverage",))
    assert exit_code != 0
    assert failed == {"createOrUpdateGroup": {"status_code_conformance"}}


def test_the_sandbox_without_faults_passes_the_same_runs(sandbox: EmbeddedSandbox) -> None:
    exit_code, failed = failed_checks(
        sandbox,
        sandbox.app,
        ("createOrUpdateUser", "getUser", "createOrUpdateGroup", "getRepository"),
        phases=("examples", "coverage", "fuzzing", "stateful"),
    )
    assert failed == {}
    assert exit_code == 0


def test_a_deleted_item_still_readable_fails_use_after_free(sandbox: EmbeddedSandbox) -> None:
    app = ItemReadableAfterDelete(sandbox.app)
    # A stateful run explores by seed, and schemathesis keeps state per process, so the same seed
    # may not chain create -> delete -> read after other tests: a few seeds, the fault found once.
    for seed in (1, 2, 3, 4, 5):
        exit_code, failed = failed_checks(
            sandbox,
            app,
            ("createOrUpdateItem", "deleteItem", "getItem"),
            phases=("stateful",),
            max_examples=80,
            seed=seed,
        )
        if exit_code != 0:
            break
    assert exit_code != 0
    assert "use_after_free" in failed["getItem"]


def test_a_page_token_that_repeats_fails_page_token_advances(
    users_sandbox: EmbeddedSandbox,
) -> None:
    app = RepeatingPageToken(users_sandbox.app)
    exit_code, failed = failed_checks(users_sandbox, app, ("listUsers",), phases=("stateful",))
    assert exit_code != 0
    assert "page_token_advances" in failed["listUsers"]
