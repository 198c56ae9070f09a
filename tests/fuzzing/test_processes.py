"""How `evocalize fuzz --processes N` shares a run: every operation in exactly one process for
the unit phases, at about equal costs (batch operations cost more), and the stateful phase,
whose scenarios chain operations, in one process over every operation."""

from __future__ import annotations

from collections import Counter

from evocalize.fuzzing import FuzzOptions
from evocalize.fuzzing.processes import BATCH_WEIGHT, STATEFUL_WEIGHT, split
from evocalize.spec import operation_specs


def test_each_operation_is_fuzzed_by_one_process_and_the_stateful_phase_by_one() -> None:
    operations = operation_specs()
    shares = split(FuzzOptions(processes=3), operations)
    assert len(shares) == 3
    fuzzed = Counter(name for share in shares for name in share.operations)
    assert fuzzed == Counter(op.operation_id for op in operations)
    stateful = [share.stateful_operations for share in shares if share.stateful_operations]
    assert stateful == [tuple(op.operation_id for op in operations)]
    # About equal costs: no two shares differ by more than the costliest operation.
    batches = {op.operation_id for op in operations if op.batch}
    costs = [
        sum(BATCH_WEIGHT if name in batches else 1 for name in share.operations)
        + (STATEFUL_WEIGHT if share.stateful_operations else 0)
        for share in shares
    ]
    assert max(costs) - min(costs) <= BATCH_WEIGHT, costs


def test_only_the_selected_operations_and_phases_are_shared() -> None:
    options = FuzzOptions(
        processes=4, phases=("stateful",), include_operation_ids=("getUser", "listUsers")
    )
    shares = split(options, operation_specs())
    assert [(share.operations, share.stateful_operations) for share in shares] == [
        ((), ("getUser", "listUsers"))
    ]
