from __future__ import annotations

from collections.abc import Iterator

import pytest
from evocalize_sandbox.embedded import EmbeddedSandbox, embedded_sandbox
from schemathesis.python.asgi import shutdown_lifespans


@pytest.fixture
def sandbox() -> Iterator[EmbeddedSandbox]:
    """A fresh embedded sandbox; schemathesis starts its lifespan (the batch worker), which
    must stop before the temporary database goes."""
    with embedded_sandbox() as fresh:
        try:
            yield fresh
        finally:
            shutdown_lifespans()


pytest_plugins = ["pytester"]
