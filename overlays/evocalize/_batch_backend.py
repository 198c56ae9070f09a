"""The client's side of `batches.py`: a backend per batch operation.

Which operations follow a batch (its report and the report's failed entries) comes from the
`links` of the batch's answer in the spec, recorded on its generated `Operation`; the body is
the chunk itself, or for a batch wrapped in an object (grants V2: `{"grants": [...]}`) the
chunk under the object's one array property. Each entry is checked against the request schema
before it is sent (`BodySchema.prepare_entry`), so one bad entry fails alone.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from evocalize_client.models import BatchInputObject, BatchItemError, BatchReport
from evocalize_client.types import Unset

from evocalize._bodies import BodySchema, Checked
from evocalize._operation import Operation
from evocalize.batches import BatchEntryError, BatchProgress
from evocalize.errors import ErrorDetail

if TYPE_CHECKING:
    from evocalize._base_client import AsyncAPIClient, SyncAPIClient

__all__ = ["AsyncOperationBatches", "OperationBatches", "entry_error"]


def entry_error(error: BatchItemError) -> BatchEntryError:
    entry = error.input_
    code = error.rest_error_code
    return BatchEntryError(
        input=entry.to_dict() if isinstance(entry, BatchInputObject) else entry,
        message=error.error_message,
        code=None if isinstance(code, Unset) else str(code),
    )


class _Backend:
    def __init__(self, operations: Any, operation: Operation[Any], path: Sequence[object]):
        if operation.report is None or operation.body is None:
            raise TypeError(f"{operation.name} is not a batch operation")
        self._operation = operation
        self._schema: BodySchema = operation.body
        self._path = tuple(path)
        report_id, errors_id = operation.report
        self._report: Operation[BatchReport] = operations[report_id]
        self._errors: Operation[Any] = operations[errors_id]

    def check(self, entry: Any) -> tuple[Any, list[ErrorDetail]]:
        return self._schema.prepare_entry(entry)

    def _checked(self, chunk: list[Any]) -> Checked:
        return Checked(self._schema.wrap(chunk))


class OperationBatches(_Backend):
    """`BatchBackend` over one batch operation of a synchronous client."""

    def __init__(self, client: SyncAPIClient, operation: Operation[Any], path: Sequence[object]):
        super().__init__(client._operations, operation, path)
        self._client = client

    def submit(self, chunk: list[Any]) -> str:
        # Entries were checked one by one already (`check`): the body is sent as it is.
        answer = self._client._call(self._operation, self._path, body=self._checked(chunk))
        return str(answer.report_id)

    def report(self, report_id: str) -> BatchProgress:
        return BatchProgress.from_report(self._client._call(self._report, (report_id,)))

    def errors(self, report_id: str) -> Iterator[BatchEntryError]:
        page = self._client._list(self._errors, BatchItemError.from_dict, (report_id,))
        for error in page:
            yield entry_error(error)


class AsyncOperationBatches(_Backend):
    """`AsyncBatchBackend` over one batch operation of an asynchronous client."""

    def __init__(self, client: AsyncAPIClient, operation: Operation[Any], path: Sequence[object]):
        super().__init__(client._operations, operation, path)
        self._client = client

    async def submit(self, chunk: list[Any]) -> str:
        answer = await self._client._call(self._operation, self._path, body=self._checked(chunk))
        return str(answer.report_id)

    async def report(self, report_id: str) -> BatchProgress:
        report = await self._client._call(self._report, (report_id,))
        return BatchProgress.from_report(report)

    async def errors(self, report_id: str) -> AsyncIterator[BatchEntryError]:
        async for error in self._client._list(self._errors, BatchItemError.from_dict, (report_id,)):
            yield entry_error(error)
