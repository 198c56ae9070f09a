"""What every profile's tests share: the pauses a retry transport took, and asyncio for async
tests, the ASGI fakes' own loop."""

from __future__ import annotations

import pytest


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def pauses() -> list[float]:
    """The pauses the retry transport took, in seconds (recorded instead of slept)."""
    return []
