"""How `evocalize fuzz --processes N` shares a run: every operation in exactly one process for
the unit phases, the costly batch operations spread, and the stateful phase, whose scenarios
chain operations, in one process over every operation."""

from __future__ import annotations

from collections import Counter

from evocalize.fuzzing import FuzzOptions
from evocalize.fuzzing.processes import split
from evocalize.spec import operation_specs


def test_each_operation_is_fuzzed_by_one_process_and_the_stateful_phase_by_one() -> None:
    operations = operation_specs()
    shares = split(FuzzOptions(processes=3), operations)
    assert len(shares) == 3
    fuzzed = Counter(name for share in shares for name in share.operations)
    assert fuzzed == Counter(op.operation_id for op in operations)
    stateful = [share.stateful_operations for share in shares if share.stateful_operations]
    assert stateful == [tuple(op.operation_id for op in operations)]
    batches = {op.operation_id for op in operations if op.batch}
    per_share = [len(batches.intersection(share.operations)) for share in shares]
    assert max(per_share) - min(per_share) <= 1


def test_only_the_selected_operations_and_phases_are_shared() -> None:
    options = FuzzOptions(
        processes=4, phases=("stateful",), include_operation_ids=("getUser", "listUsers")
    )
    shares = split(options, operation_specs())
    assert [(share.operations, share.stateful_operations) for share in shares] == [
        ((), ("getUser", "listUsers"))
    ]
