"""The facade's side of `batches.py`: a backend per batch operation of the spec.

Which operations follow a batch (its report and its report's errors) is read from the `links`
of the batch's answer in the spec, not named here; the body is the chunk itself, or for a
batch wrapped in an object (grants V2: `{"grants": [...]}`) the chunk under the object's one
array property.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

from evocalize_client.models import BatchInputObject, BatchItemError
from evocalize_client.types import Unset

from evocalize.batches import BatchEntryError, BatchProgress
from evocalize.binding import OperationBinding, as_plain, bindings
from evocalize.spec import OperationSpec, resolve

if TYPE_CHECKING:
    from evocalize.client import AsyncEvocalize, Evocalize


def report_operations(spec: OperationSpec) -> tuple[str, str]:
    """The operationIds of a batch's report and of its paginated errors, from its links."""
    linked = [bindings()[operation_id].spec for operation_id in spec.linked_operations]
    reports = [op for op in linked if op.method == "get" and not op.paginated]
    errors = [op for op in linked if op.method == "get" and op.paginated]
    if len(reports) != 1 or len(errors) != 1:
        raise TypeError(f"{spec.operation_id} links no single report and report-errors listing")
    return reports[0].operation_id, errors[0].operation_id


def batch_body(binding: OperationBinding, chunk: list[Any]) -> Any:
    """The request body that carries `chunk` for this batch operation."""
    schema = binding.spec.request_body_schema
    if schema.get("type") == "array":
        return chunk
    arrays = [
        name
        for name, node in schema.get("properties", {}).items()
        if resolve(node).get("type") == "array"
    ]
    if len(arrays) != 1:
        raise TypeError(f"cannot tell where {binding.operation_id} takes its batch entries")
    return {arrays[0]: [as_plain(entry) for entry in chunk]}


def entry_error(error: BatchItemError) -> BatchEntryError:
    entry = error.input_
    code = error.rest_error_code
    return BatchEntryError(
        input=entry.to_dict() if isinstance(entry, BatchInputObject) else entry,
        message=error.error_message,
        code=None if isinstance(code, Unset) else str(code),
    )


class OperationBatches:
    """`BatchBackend` over one batch operation of a synchronous facade."""

    def __init__(self, facade: Evocalize, binding: OperationBinding, params: dict[str, Any]):
        self._facade = facade
        self._binding = binding
        self._params = params
        self._report_id, self._errors_id = report_operations(binding.spec)

    def submit(self, chunk: list[Any]) -> str:
        operation = self._facade.operations[self._binding.operation_id]
        answer = operation(**self._params, body=batch_body(self._binding, chunk))
        return str(answer.report_id)

    def report(self, report_id: str) -> BatchProgress:
        return BatchProgress.from_report(self._facade.operations[self._report_id](report_id))

    def errors(self, report_id: str) -> Iterator[BatchEntryError]:
        for error in self._facade.operations[self._errors_id].items(report_id):
            yield entry_error(error)


class AsyncOperationBatches:
    """`AsyncBatchBackend` over one batch operation of an asynchronous facade."""

    def __init__(self, facade: AsyncEvocalize, binding: OperationBinding, params: dict[str, Any]):
        self._facade = facade
        self._binding = binding
        self._params = params
        self._report_id, self._errors_id = report_operations(binding.spec)

    async def submit(self, chunk: list[Any]) -> str:
        operation = self._facade.operations[self._binding.operation_id]
        answer = await operation(**self._params, body=batch_body(self._binding, chunk))
        return str(answer.report_id)

    async def report(self, report_id: str) -> BatchProgress:
        report = await self._facade.operations[self._report_id](report_id)
        return BatchProgress.from_report(report)

    async def errors(self, report_id: str) -> AsyncIterator[BatchEntryError]:
        async for error in self._facade.operations[self._errors_id].items(report_id):
            yield entry_error(error)
