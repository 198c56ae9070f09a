"""Async overlay tests run on asyncio, the loop partners' ASGI servers use."""

from __future__ import annotations

import pytest


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
