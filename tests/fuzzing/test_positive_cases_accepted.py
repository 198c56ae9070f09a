"""Schema-valid requests are accepted: the fuzzer's positive cases name what the embedded
sandbox holds (`KnownValues`), so the operations whose success depends on state (users and
groups that exist, orders in the future, repository fields, a CSV a placeholder takes) are
held to `positive_data_acceptance` like every other, in every phase, with every check."""

from __future__ import annotations

from evocalize.fuzzing import FuzzOptions, FuzzTally, fuzz
from evocalize_sandbox.embedded import EmbeddedSandbox

# Their success depends on state the schema cannot express.
STATEFUL_SUCCESS = (
    "createAudiencePlaceholder",
    "addProvidedAudience",
    "upsertAudiencePlaceholderGrants",
    "createOrUpdateMedia",
    "upsertMediaGrants",
    "placeOrder",
    "createOrUpdateUser",
    "createOrUpdateItem",
    "uploadAudienceCsv",
)


def run(sandbox: EmbeddedSandbox, options: FuzzOptions) -> FuzzTally:
    tally = FuzzTally()
    fuzz(
        key_id=sandbox.key_id, secret=sandbox.secret, app=sandbox.app, options=options, tally=tally
    )
    return tally


def test_positive_cases_of_state_dependent_operations_are_accepted(
    sandbox: EmbeddedSandbox,
) -> None:
    options = FuzzOptions(max_examples=15, seed=7, include_operation_ids=STATEFUL_SUCCESS)
    tally = run(sandbox, options)
    assert tally.failed_checks() == {}
    assert set(tally.operations) == set(STATEFUL_SUCCESS)


def test_without_known_values_the_specs_order_example_is_refused(
    sandbox: EmbeddedSandbox,
) -> None:
    # The example starts on 2025-01-01: valid to the schema, in the past for the sandbox.
    sandbox.app.state.fuzz_known_values = None
    options = FuzzOptions(phases=("examples",), include_operation_ids=("placeOrder",))
    tally = run(sandbox, options)
    assert tally.failed_checks() == {"placeOrder": {"positive_data_acceptance"}}
