#!/usr/bin/env python3
"""One uvicorn-served target of sandbox_throughput.py, in a process of its own: the sandbox
(`create_app` on a given SQLite file and seed, its client credential read from the environment
so that no secret shows in a process listing), or a bare ASGI app that answers every request
with the spec's getUser example (the ceiling of the server stack). Both are served by `serve`,
so they share the event loop, the HTTP implementation, the access log and the log level.

Run by sandbox_throughput.py and sandbox_scaling.py (which gives the sandbox `--workers N`
processes): `python _throughput_server.py sandbox|bare --port P [...]`.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
from typing import Any

import uvicorn
from evocalize.spec import operation_spec, resolve

# Environment variables that carry the sandbox's one client credential.
KEY_ID_VARIABLE = "THROUGHPUT_KEY_ID"
SECRET_VARIABLE = "THROUGHPUT_SECRET"

# uvicorn's own defaults for the stack, as `evocalize sandbox` would serve; access log off,
# since logging every request would measure the terminal, not the server.
SERVER_OPTIONS: dict[str, Any] = {
    "loop": "auto",
    "http": "auto",
    "access_log": False,
    "log_level": "warning",
}


def server_stack() -> dict[str, str]:
    """What uvicorn's "auto" picks here (uvloop and httptools when installed), for the report."""
    installed = importlib.util.find_spec
    return {
        "loop": "uvloop" if installed("uvloop") else "asyncio",
        "http": "httptools" if installed("httptools") else "h11",
        "uvicorn": uvicorn.__version__,
    }


def user_example() -> bytes:
    """The spec's own example answer of getUser."""
    media = resolve(operation_spec("getUser").node["responses"]["200"])["content"]
    example = next(iter(media["application/json"]["examples"].values()))
    return json.dumps(resolve(example)["value"]).encode()


def bare_app() -> Any:
    body = user_example()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        # The body is read, as any endpoint that answers a write would.
        while (await receive()).get("more_body", False):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return app


def sandbox_app(database: str, seed: str) -> Any:
    from evocalize_sandbox.app import create_app

    clients = {os.environ[KEY_ID_VARIABLE]: os.environ[SECRET_VARIABLE]}
    return create_app(database_url=database, clients=clients, seed=seed)


def serve(app: Any, port: int) -> None:
    uvicorn.run(app, host="127.0.0.1", port=port, **SERVER_OPTIONS)


def serve_sandbox(database: str, seed: str, port: int, workers: int) -> None:
    """The sandbox from `workers` processes, as `evocalize sandbox --workers` serves it."""
    if workers == 1:
        serve(sandbox_app(database, seed), port)
        return
    from evocalize_sandbox.processes import ProcessOptions, serve_processes

    sandbox_app(database, seed).state.sandbox.close()  # prepares the database, once
    serve_processes(
        ProcessOptions(database), workers, host="127.0.0.1", port=port, **SERVER_OPTIONS
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", choices=["sandbox", "bare"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--database", help="the sandbox's SQLAlchemy URL")
    parser.add_argument("--seed", help="the sandbox's seed file")
    parser.add_argument("--workers", type=int, default=1, help="the sandbox's processes")
    args = parser.parse_args()
    if args.target == "sandbox":
        if not args.database or not args.seed:
            parser.error("the sandbox needs --database and --seed")
        serve_sandbox(args.database, args.seed, args.port, args.workers)
    else:
        serve(bare_app(), args.port)


if __name__ == "__main__":
    main()
