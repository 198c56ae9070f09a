#!/usr/bin/env python3
"""What the facade costs per call: N signed GETs of one user through `Evocalize` (signing,
typed errors, retries, parsing into the generated model) against raw httpx with hand-made
signature headers and `response.json()`, on the same in-process app in the same run.

Two in-process apps: an httpx MockTransport handler (the lightest possible server, so the
ratio shows the client's own work) and a Starlette app over httpx.ASGITransport (async
facade against raw httpx.AsyncClient); and the same Starlette app served by uvicorn in a
separate process on a free loopback port (sync facade against raw httpx.Client, as partners
call the API). Reported: median microseconds per call over rounds, and the ratio of the
medians (facade / raw). Run: `python benchmarks/client_overhead.py [--quick]`.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from _common import benchmark_parser, child_server, free_port, row, write_result
from evocalize import AsyncEvocalize, Evocalize
from evocalize.spec import operation_spec, resolve
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

BASE_URL = "http://bench.test"
KEY_ID, SECRET = "bench-kid", "bench-secret"


def user_body() -> bytes:
    """The spec's own example answer of getUser."""
    media = resolve(operation_spec("getUser").node["responses"]["200"])["content"]
    example = next(iter(media["application/json"]["examples"].values()))
    return json.dumps(resolve(example)["value"]).encode()


BODY = user_body()


def handler(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=BODY, headers={"content-type": "application/json"})


async def endpoint(request: Request) -> Response:
    return Response(BODY, media_type="application/json")


ASGI_APP = Starlette(routes=[Route("/management/v1/user/{userId}", endpoint)])


def hand_made_headers(path: str) -> dict[str, str]:
    timestamp = str(int(time.time()))
    text = f"{path}\n{timestamp}\n{SECRET}".encode()
    return {
        "X-Evocalize-Client-Key-Id": KEY_ID,
        "X-Evocalize-Timestamp": timestamp,
        "X-Evocalize-Signature": hashlib.sha256(text).hexdigest(),
    }


def per_call_us(run: Callable[[], None], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        run()
    return (time.perf_counter() - start) / calls * 1e6


async def aper_call_us(run: Callable[[], Awaitable[Any]], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        await run()
    return (time.perf_counter() - start) / calls * 1e6


def sync_case(calls: int, rounds: int) -> tuple[list[float], list[float]]:
    raw = httpx.Client(base_url=BASE_URL, transport=httpx.MockTransport(handler))
    ev = Evocalize(BASE_URL, KEY_ID, SECRET, transport=httpx.MockTransport(handler))
    return sync_rounds(raw, ev, calls, rounds)


def loopback_case(calls: int, rounds: int) -> tuple[list[float], list[float]]:
    port = free_port()
    with (
        child_server([sys.executable, __file__, "--serve", str(port)], port) as url,
        httpx.Client(base_url=url) as raw,
        Evocalize(url, KEY_ID, SECRET) as ev,
    ):
        return sync_rounds(raw, ev, calls, rounds)


def serve(port: int) -> None:
    """The child process of `loopback_case`: ASGI_APP over uvicorn."""
    import uvicorn

    uvicorn.run(ASGI_APP, host="127.0.0.1", port=port, log_level="warning")


def sync_rounds(
    raw: httpx.Client, ev: Evocalize, calls: int, rounds: int
) -> tuple[list[float], list[float]]:
    """`rounds` times `calls` GETs through each client, interleaved; µs per call per round."""
    path = "/management/v1/user/u1"

    def raw_call() -> None:
        response = raw.get(path, headers=hand_made_headers(path))
        response.raise_for_status()
        response.json()["data"]

    def facade_call() -> None:
        ev.users.get_user("u1")

    raw_times, facade_times = [], []
    for _ in range(rounds):  # interleaved, so drift hits both alike
        raw_times.append(per_call_us(raw_call, calls))
        facade_times.append(per_call_us(facade_call, calls))
    return raw_times, facade_times


def async_case(calls: int, rounds: int) -> tuple[list[float], list[float]]:
    async def run() -> tuple[list[float], list[float]]:
        raw = httpx.AsyncClient(base_url=BASE_URL, transport=httpx.ASGITransport(app=ASGI_APP))
        ev = AsyncEvocalize(BASE_URL, KEY_ID, SECRET, transport=httpx.ASGITransport(app=ASGI_APP))
        path = "/management/v1/user/u1"

        async def raw_call() -> None:
            response = await raw.get(path, headers=hand_made_headers(path))
            response.raise_for_status()
            response.json()["data"]

        async def facade_call() -> None:
            await ev.users.get_user("u1")

        raw_times, facade_times = [], []
        for _ in range(rounds):
            raw_times.append(await aper_call_us(raw_call, calls))
            facade_times.append(await aper_call_us(facade_call, calls))
        return raw_times, facade_times

    return asyncio.run(run())


def main(argv: list[str] | None = None) -> int:
    parser = benchmark_parser(__doc__)
    parser.add_argument("--calls", type=int, help="in-process calls per round (default 2000)")
    parser.add_argument("--http-calls", type=int, help="loopback calls per round (default 300)")
    parser.add_argument("--rounds", type=int, help="rounds, the median kept (default 5)")
    parser.add_argument("--serve", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve)
        return 0
    calls = args.calls or (200 if args.quick else 2000)
    http_calls = args.http_calls or (50 if args.quick else 300)
    rounds = args.rounds or (3 if args.quick else 5)

    cases = (
        ("MockTransport (sync)", sync_case, calls),
        ("ASGI app (async)", async_case, calls),
        ("loopback HTTP, uvicorn (sync)", loopback_case, http_calls),
    )
    results = {}
    for name, case, count in cases:
        raw_times, facade_times = case(count, rounds)
        raw_median, facade_median = statistics.median(raw_times), statistics.median(facade_times)
        results[name] = {
            "calls": count,
            "raw_httpx_us": round(raw_median, 1),
            "facade_us": round(facade_median, 1),
            "ratio": round(facade_median / raw_median, 2),
        }
    print(f"GET /management/v1/user/u1, {rounds} rounds, median per call")
    print()
    print("| app | calls per round | raw httpx (µs) | facade (µs) | facade / raw |")
    print("|---|---:|---:|---:|---:|")
    for name, line in results.items():
        print(
            f"| {name} | {line['calls']} | {line['raw_httpx_us']} | {line['facade_us']} "
            f"| {line['ratio']} |"
        )
    rows = []
    for name, line in results.items():
        measure = f"GET user, {name}"
        rows.append(row(measure, "raw-httpx", line["raw_httpx_us"], "µs/call"))
        rows.append(row(measure, "facade", line["facade_us"], "µs/call", ratio=line["ratio"],
                        ratio_of="facade / raw-httpx"))  # fmt: skip
    write_result(
        args.json,
        __file__,
        "Client overhead: the facade against raw httpx, per call",
        {"calls": calls, "http_calls": http_calls, "rounds": rounds},
        rows,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
