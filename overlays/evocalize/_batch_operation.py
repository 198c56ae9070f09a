"""Base of the generated batch operations: an attribute of a resource that is called like a
method (`ev.users.create_or_update_user_batch(body=[...])`, one batch) and also offers
`submit_all(entries)`, any number of entries in batches followed to their reports' end."""

from __future__ import annotations

from evocalize._base_client import AsyncAPIClient, SyncAPIClient

__all__ = ["AsyncBatchOperation", "SyncBatchOperation"]


class SyncBatchOperation:
    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client


class AsyncBatchOperation:
    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client
