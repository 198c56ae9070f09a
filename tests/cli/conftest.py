"""The command line's tests run its commands through typer's runner against a sandbox served
over HTTP, configured as a partner would: through the EVOCALIZE_* environment variables."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from served_sandbox import served_sandbox

KEY_ID, KEY = "cli-partner", "cli-partner-key"


@pytest.fixture(scope="package")
def sandbox_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = tmp_path_factory.mktemp("cli-sandbox") / "sandbox.db"
    with served_sandbox(database, {KEY_ID: KEY}) as url:
        yield url


@pytest.fixture
def env(sandbox_url: str) -> dict[str, str]:
    """What `runner.invoke(..., env=env)` needs to reach the sandbox."""
    return {
        "EVOCALIZE_BASE_URL": sandbox_url,
        "EVOCALIZE_CLIENT_KEY_ID": KEY_ID,
        "EVOCALIZE_CLIENT_KEY": KEY,
        "EVOCALIZE_AUTH": "signature",
    }
