"""evocalize: a spec-first toolkit for the Evocalize partner management API.

Everything here is derived from `openapi.yaml`, the single source of truth for the API:
`Evocalize` / `AsyncEvocalize` reach every operation, signed, retried when safe, with typed
errors; the modules beside them hold signing, pagination, batches, webhooks, SSO, deep links
and audience hashing, and the `evocalize` command line.
"""

from evocalize._version import __version__
from evocalize.client import AsyncEvocalize, Evocalize
from evocalize.errors import APIError, EvocalizeError

__all__ = ["APIError", "AsyncEvocalize", "Evocalize", "EvocalizeError", "__version__"]
