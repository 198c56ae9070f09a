"""A DELETE that the spec marks `x-keeps-resource` (deactivateUser: the user stays readable) is
no removal: reading the user back after it is conformance, not a `use_after_free` fault."""

from __future__ import annotations

from pathlib import Path

from evocalize.fuzzing import FuzzOptions, FuzzTally, fuzz
from evocalize.spec import spec_text
from evocalize_sandbox.embedded import EmbeddedSandbox

CHAIN = ("createOrUpdateUser", "deactivateUser", "getUser", "listUserFacebookPages")


def stateful_failures(sandbox: EmbeddedSandbox, spec: Path | None) -> dict[str, set[str]]:
    tally = FuzzTally()
    fuzz(
        key_id=sandbox.key_id,
        secret=sandbox.secret,
        app=sandbox.app,
        spec=spec,
        options=FuzzOptions(
            max_examples=60, seed=1, phases=("stateful",), include_operation_ids=CHAIN
        ),
        tally=tally,
    )
    return tally.failed_checks()


def test_reading_a_deactivated_user_passes(sandbox: EmbeddedSandbox) -> None:
    assert stateful_failures(sandbox, None) == {}


def test_without_the_mark_the_same_run_reports_use_after_free(
    sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    unmarked = tmp_path / "openapi.yaml"
    text = spec_text()
    assert text.count("x-keeps-resource: true") == 1
    unmarked.write_text(text.replace("x-keeps-resource: true", ""), encoding="utf-8")
    failed = stateful_failures(sandbox, unmarked)
    assert any("use_after_free" in checks for checks in failed.values()), failed
