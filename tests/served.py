"""An ASGI app served by uvicorn on a free loopback port in a background thread, for tests that
need real HTTP (the facade end to end, fuzzing over the network): the sandbox's own
`serve_in_thread`, which the pytest plugin's loopback mode uses too."""

from __future__ import annotations

import socket

from evocalize_sandbox.testing import serve_in_thread as serving

__all__ = ["free_port", "serving"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
