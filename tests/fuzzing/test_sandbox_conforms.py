"""The sandbox holds to the spec: a bounded `evocalize fuzz` over every operation, in every
phase with every check, finds nothing. (The unbounded run, 100 examples per operation, is in
the closing note of the fuzzing work and runs with `evocalize fuzz`.)"""

from __future__ import annotations

from evocalize.fuzzing import FuzzOptions, FuzzTally, fuzz
from evocalize.spec import operation_specs
from evocalize_sandbox.embedded import EmbeddedSandbox

# Enough to reach every operation and chain every link in CI's time budget.
CI_EXAMPLES = 15


def test_a_bounded_fuzz_of_every_operation_finds_no_failure(sandbox: EmbeddedSandbox) -> None:
    tally = FuzzTally()
    exit_code = fuzz(
        key_id=sandbox.key_id,
        secret=sandbox.secret,
        app=sandbox.app,
        options=FuzzOptions(max_examples=CI_EXAMPLES, seed=20261123),
        tally=tally,
    )
    assert tally.failed_checks() == {}
    assert exit_code == 0
    assert set(tally.operations) == {op.operation_id for op in operation_specs()}
