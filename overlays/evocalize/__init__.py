"""evocalize: a typed Python client for the Evocalize partner management API.

`Evocalize` and `AsyncEvocalize` reach every operation of `openapi.yaml` as typed methods, signed,
retried when safe, with one hierarchy of typed errors under `EvocalizeError`; the modules beside
them hold signing, pagination, batches, webhooks, SSO, deep links and audience hashing. The
command line, the sandbox and the fuzzer come with the `cli`, `sandbox` and `fuzz` extras.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from evocalize._version import __version__

if TYPE_CHECKING:
    from evocalize._pages import AsyncPage, AsyncPaginator, SyncPage
    from evocalize.batches import (
        BatchFailure,
        BatchIncomplete,
        BatchSummary,
        BatchTimeout,
        PollPolicy,
    )
    from evocalize.client import AsyncEvocalize, Evocalize
    from evocalize.deadlines import deadline
    from evocalize.errors import (
        APIConnectionError,
        APIError,
        APITimeoutError,
        DeadlineExceededError,
        EvocalizeError,
        RequestValidationError,
        ResponseValidationError,
    )
    from evocalize.pagination import PaginationError
    from evocalize.retries import NO_RETRIES, RetryPolicy, retry_policy
    from evocalize.settings import ConfigurationError
    from evocalize.webhooks import WebhookVerificationError, verify_leads_delivery

__all__ = [
    "NO_RETRIES",
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AsyncEvocalize",
    "AsyncPage",
    "AsyncPaginator",
    "BatchFailure",
    "BatchIncomplete",
    "BatchSummary",
    "BatchTimeout",
    "ConfigurationError",
    "DeadlineExceededError",
    "Evocalize",
    "EvocalizeError",
    "PaginationError",
    "PollPolicy",
    "RequestValidationError",
    "ResponseValidationError",
    "RetryPolicy",
    "SyncPage",
    "WebhookVerificationError",
    "__version__",
    "deadline",
    "retry_policy",
    "verify_leads_delivery",
]

# Where each name of the public surface is defined. They are imported on first use: the
# generated resource layer imports this package's runtime modules, so importing the clients
# here, eagerly, would make `import evocalize_resources` go round in a circle; and a program
# that only verifies webhooks never loads the models.
_LAZY = {
    "AsyncEvocalize": "evocalize.client",
    "Evocalize": "evocalize.client",
    "AsyncPage": "evocalize._pages",
    "AsyncPaginator": "evocalize._pages",
    "SyncPage": "evocalize._pages",
    "BatchFailure": "evocalize.batches",
    "BatchIncomplete": "evocalize.batches",
    "BatchSummary": "evocalize.batches",
    "BatchTimeout": "evocalize.batches",
    "ConfigurationError": "evocalize.settings",
    "PaginationError": "evocalize.pagination",
    "WebhookVerificationError": "evocalize.webhooks",
    "verify_leads_delivery": "evocalize.webhooks",
    "PollPolicy": "evocalize.batches",
    "APIConnectionError": "evocalize.errors",
    "APIError": "evocalize.errors",
    "APITimeoutError": "evocalize.errors",
    "DeadlineExceededError": "evocalize.errors",
    "EvocalizeError": "evocalize.errors",
    "RequestValidationError": "evocalize.errors",
    "ResponseValidationError": "evocalize.errors",
    "deadline": "evocalize.deadlines",
    "NO_RETRIES": "evocalize.retries",
    "RetryPolicy": "evocalize.retries",
    "retry_policy": "evocalize.retries",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'evocalize' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
