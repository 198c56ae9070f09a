"""evocalize: a spec-first toolkit for the Evocalize partner management API.

Everything this package will offer (signing, pagination, batches, typed errors, webhooks,
SSO, deep links, audience hashing, the command line) is derived from `openapi.yaml` at the
repository root, the single source of truth for the API.
"""

__version__ = "0.1.0"
