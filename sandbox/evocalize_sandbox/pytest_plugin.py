"""The pytest plugin: a sandbox for each test, and clients of it, as fixtures.

Registered through the `pytest11` entry point of the `evocalize` distribution, so pytest loads
it wherever evocalize is installed, with the `sandbox` extra or without it. It therefore imports
nothing but pytest when loaded; the sandbox's stack is imported by the first fixture used,
which says which extra to install when it is missing. `-p no:evocalize` turns it off.

- `evocalize_sandbox`: a running sandbox in test mode (`testing.RunningSandbox`): `base_url`,
  `key_id`, `secret`, `clock`, `faults`, `client()`, `async_client()`, `reset()`.
- `evocalize_client` / `async_evocalize_client`: an `Evocalize` / `AsyncEvocalize` of it,
  signing with its credential and clock (never the `EVOCALIZE_*` variables).
- `@pytest.mark.evocalize_seed(SEED)`, or `@pytest.mark.parametrize("evocalize_sandbox",
  [SEED], indirect=True)`: the seed, as `evocalize sandbox --seed` takes it (a JSON or YAML
  file, or a mapping). Without one, the built-in seed.
- `--evocalize-scope=test` (the default: a fresh sandbox and database for each test) or
  `session` (one sandbox for the session, emptied and seeded again before each test: faster);
  `--evocalize-serve=in-process` (the default) or `loopback` (a free port of 127.0.0.1). Both
  also as ini options, `evocalize_scope` and `evocalize_serve`.

Under pytest-xdist each worker is a process of its own, with sandboxes of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from evocalize import AsyncEvocalize, Evocalize

    from .testing import RunningSandbox

SEED_MARKER = "evocalize_seed"
SCOPES = ("test", "session")
SERVES = ("in-process", "loopback")
MISSING_EXTRA = (
    "the evocalize fixtures run the sandbox, which needs the sandbox extra "
    "(starlette, uvicorn, SQLAlchemy): pip install 'evocalize[sandbox]'"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("evocalize", "the Evocalize sandbox fixtures")
    group.addoption(
        "--evocalize-scope",
        choices=SCOPES,
        default=None,
        help="test: a fresh sandbox for each test (default); session: one for the session, "
        "reset before each test.",
    )
    group.addoption(
        "--evocalize-serve",
        choices=SERVES,
        default=None,
        help="in-process (default): no socket; loopback: a free port of 127.0.0.1.",
    )
    parser.addini("evocalize_scope", "test or session (see --evocalize-scope)", default="test")
    parser.addini("evocalize_serve", "in-process or loopback (see --evocalize-serve)", default="")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{SEED_MARKER}(seed): the evocalize_sandbox's seed, a JSON or YAML file or a mapping, "
        "as `evocalize sandbox --seed` takes it",
    )


def _setting(config: pytest.Config, name: str, choices: tuple[str, ...]) -> str:
    value = config.getoption(f"--evocalize-{name}") or config.getini(f"evocalize_{name}")
    value = str(value or choices[0])
    if value not in choices:
        raise pytest.UsageError(f"evocalize_{name} is one of {', '.join(choices)}, not {value!r}")
    return value


def _seed_of(request: pytest.FixtureRequest) -> Any:
    if hasattr(request, "param"):
        return request.param
    marker = request.node.get_closest_marker(SEED_MARKER)
    if marker is None:
        return None
    if len(marker.args) != 1 or marker.kwargs:
        raise pytest.UsageError(f"@pytest.mark.{SEED_MARKER} takes one seed: a file or a mapping")
    return marker.args[0]


def _testing() -> Any:
    try:
        from evocalize_sandbox import testing
    except ImportError as error:
        pytest.fail(f"{MISSING_EXTRA} ({error})", pytrace=False)
    return testing


@pytest.fixture(scope="session")
def _evocalize_shared_sandbox(request: pytest.FixtureRequest) -> Iterator[RunningSandbox]:
    """The session's sandbox, when the scope is `session` (made on first use)."""
    loopback = _setting(request.config, "serve", SERVES) == "loopback"
    with _testing().run_sandbox(loopback=loopback) as sandbox:
        yield sandbox


@pytest.fixture
def evocalize_sandbox(request: pytest.FixtureRequest) -> Iterator[RunningSandbox]:
    """A running sandbox in test mode, seeded by the test's `evocalize_seed` marker."""
    seed = _seed_of(request)
    if _setting(request.config, "scope", SCOPES) == "session":
        shared: RunningSandbox = request.getfixturevalue("_evocalize_shared_sandbox")
        shared.reset(seed)
        yield shared
        return
    loopback = _setting(request.config, "serve", SERVES) == "loopback"
    with _testing().run_sandbox(seed, loopback=loopback) as sandbox:
        yield sandbox


@pytest.fixture
def evocalize_client(evocalize_sandbox: RunningSandbox) -> Iterator[Evocalize]:
    """`Evocalize` for the test's sandbox."""
    with evocalize_sandbox.client() as client:
        yield client


@pytest.fixture
def async_evocalize_client(evocalize_sandbox: RunningSandbox) -> Iterator[AsyncEvocalize]:
    """`AsyncEvocalize` for the test's sandbox. A plain fixture, so that it serves async tests
    under any plugin (anyio's, pytest-asyncio, trio's)."""
    client = evocalize_sandbox.async_client()
    yield client
    _close_async(client)


def _close_async(client: AsyncEvocalize) -> None:
    """Closes the client once the test's event loop is gone, on a short-lived loop of its own
    (the in-process transport holds nothing; a loopback one holds a connection pool)."""
    import anyio

    # RuntimeError: an event loop still runs in this thread, and it is that loop's to close.
    with suppress(RuntimeError):
        anyio.run(client.aclose)
