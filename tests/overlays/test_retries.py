"""Retries: a request that failed in a way worth trying again is sent again after a pause, within
a number of attempts and a time budget, and only when the spec says repeating it is harmless;
an order is never placed or cancelled twice. Time is faked: `sleep` and the clocks are injected."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from itertools import count
from typing import Any

import anyio
import httpx
import pytest
from evocalize.retries import (
    NO_RETRIES,
    AsyncRetryTransport,
    RetryPolicy,
    RetryTransport,
    idempotent_by_spec,
    parse_retry_after,
    retry_policy,
)

BASE_URL = "https://partner-api-production.evocalize.com"
STEADY = RetryPolicy(jitter=False, base_delay=1.0)

# What the fake server does on one attempt: answer with a status (and headers), or fail with a
# transport error (built against the request, as httpx's own are).
Outcome = int | tuple[int, dict[str, str]] | type[httpx.TransportError]


class Server:
    """Answers each request with the next scripted outcome (the last one repeats)."""

    def __init__(self, *outcomes: Outcome, body: Any = None) -> None:
        self.outcomes = list(outcomes)
        self.body = body if body is not None else {"data": []}
        self.requests: list[httpx.Request] = []
        # The headers of each attempt as sent (a request may be changed in place before the next).
        self.headers: list[httpx.Headers] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        self.headers.append(request.headers.copy())
        outcome = self.outcomes.pop(0) if len(self.outcomes) > 1 else self.outcomes[0]
        if isinstance(outcome, type):
            raise outcome("scripted failure", request=request)
        status, headers = outcome if isinstance(outcome, tuple) else (outcome, {})
        return httpx.Response(status, headers=headers, json=self.body)


@dataclass
class FakeTime:
    """A monotonic clock that moves only when the code under test sleeps."""

    now: float = 0.0
    wall: float = 1_790_000_000.0
    sleeps: list[float] = field(default_factory=list)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        self.wall += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)

    def clock(self) -> float:
        return self.now

    def wall_clock(self) -> float:
        return self.wall


def client(
    server: Server, time: FakeTime, policy: RetryPolicy = STEADY, **kwargs: Any
) -> httpx.Client:
    transport = RetryTransport(
        httpx.MockTransport(server),
        policy,
        sleep=time.sleep,
        clock=time.clock,
        wall_clock=time.wall_clock,
        **kwargs,
    )
    return httpx.Client(base_url=BASE_URL, transport=transport)


def async_client(
    server: Server, time: FakeTime, policy: RetryPolicy = STEADY, **kwargs: Any
) -> httpx.AsyncClient:
    transport = AsyncRetryTransport(
        httpx.MockTransport(server),
        policy,
        sleep=time.asleep,
        clock=time.clock,
        wall_clock=time.wall_clock,
        **kwargs,
    )
    return httpx.AsyncClient(base_url=BASE_URL, transport=transport)


# --- Retry-After


def test_a_429_with_retry_after_in_seconds_waits_that_long_then_tries_again() -> None:
    server, time = Server((429, {"Retry-After": "2"}), 200), FakeTime()
    response = client(server, time).get("/management/v1/users")
    assert response.status_code == 200
    assert time.sleeps == [2.0]
    assert len(server.requests) == 2


def test_a_retry_after_date_is_measured_against_the_servers_own_date_header() -> None:
    headers = {
        "Date": "Wed, 21 Oct 2026 07:28:00 GMT",
        "Retry-After": "Wed, 21 Oct 2026 07:28:05 GMT",
    }
    server, time = Server((503, headers), 200), FakeTime()
    assert client(server, time).get("/management/v1/users").status_code == 200
    assert time.sleeps == [5.0]


def test_a_retry_after_date_without_a_date_header_is_measured_against_the_local_clock() -> None:
    response = httpx.Response(429, headers={"Retry-After": "Thu, 01 Jan 1970 00:00:30 GMT"})
    assert parse_retry_after(response, now=lambda: 10.0) == 20.0
    assert parse_retry_after(response, now=lambda: 50.0) == 0.0  # a date passed: go now


@pytest.mark.parametrize("value", ["soon", "-3", "nan", ""])
def test_an_unreadable_retry_after_falls_back_to_backoff(value: str) -> None:
    assert parse_retry_after(httpx.Response(429, headers={"Retry-After": value})) is None
    server, time = Server((429, {"Retry-After": value}), 200), FakeTime()
    client(server, time).get("/management/v1/users")
    assert time.sleeps == [1.0]


def test_retry_after_can_be_ignored_by_policy() -> None:
    server, time = Server((429, {"Retry-After": "30"}), 200), FakeTime()
    policy = RetryPolicy(jitter=False, base_delay=1.0, respect_retry_after=False)
    client(server, time, policy).get("/management/v1/users")
    assert time.sleeps == [1.0]


def test_a_retry_after_beyond_the_time_budget_returns_the_response_at_once() -> None:
    server, time = Server((429, {"Retry-After": "120"}), 200), FakeTime()
    response = client(server, time, RetryPolicy(max_total_seconds=60)).get("/management/v1/users")
    assert response.status_code == 429
    assert time.sleeps == []
    assert len(server.requests) == 1


# --- what is retried


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
def test_a_retryable_status_then_200_returns_the_200(status: int) -> None:
    server, time = Server(status, 200), FakeTime()
    assert client(server, time).get("/management/v1/users").status_code == 200
    assert len(server.requests) == 2
    assert time.sleeps == [1.0]


@pytest.mark.parametrize("status", [400, 401, 404, 501])
def test_other_statuses_are_returned_at_once(status: int) -> None:
    server, time = Server(status, 200), FakeTime()
    assert client(server, time).get("/management/v1/users").status_code == status
    assert len(server.requests) == 1


def test_the_statuses_retried_are_configurable() -> None:
    server, time = Server(409, 200), FakeTime()
    policy = RetryPolicy(jitter=False, retry_statuses=frozenset({409}))
    assert client(server, time, policy).get("/management/v1/users").status_code == 200
    server, time = Server(503, 200), FakeTime()
    assert client(server, time, policy).get("/management/v1/users").status_code == 503


def appnexus_rate_exceeded(response: httpx.Response) -> bool:
    """AppNexus reports throttling as a 405 whose body names `RATE_EXCEEDED`."""
    body = response.json()
    return bool(body.get("response", {}).get("error_id") == "RATE_EXCEEDED")


class UnreadBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that has to be read from the stream, as a real network response's is."""

    def __init__(self, content: bytes) -> None:
        self.content = content
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        yield self.content

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self.content

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


def appnexus(error_id: str) -> httpx.MockTransport:
    calls = count()

    def handler(request: httpx.Request) -> httpx.Response:
        if next(calls) == 0:
            body = b'{"response": {"error_id": "%s", "error": "slow down"}}' % error_id.encode()
            return httpx.Response(405, stream=UnreadBody(body))
        return httpx.Response(200, json={"response": {"status": "OK"}})

    return httpx.MockTransport(handler)


APPNEXUS_POLICY = RetryPolicy(jitter=False, retry_response=appnexus_rate_exceeded)


@pytest.mark.parametrize(("error_id", "status"), [("RATE_EXCEEDED", 200), ("SYNTAX", 405)])
def test_a_response_predicate_retries_throttling_reported_in_the_body(
    error_id: str, status: int
) -> None:
    transport = RetryTransport(appnexus(error_id), APPNEXUS_POLICY, sleep=FakeTime().sleep)
    with httpx.Client(transport=transport) as http:
        response = http.get("https://api.adnxs.com/creative")
        assert response.status_code == status
        assert response.json()["response"]  # the body stays readable


@pytest.mark.anyio
@pytest.mark.parametrize(("error_id", "status"), [("RATE_EXCEEDED", 200), ("SYNTAX", 405)])
async def test_a_response_predicate_reads_the_body_in_async_code_too(
    error_id: str, status: int
) -> None:
    transport = AsyncRetryTransport(appnexus(error_id), APPNEXUS_POLICY, sleep=FakeTime().asleep)
    async with httpx.AsyncClient(transport=transport) as http:
        response = await http.get("https://api.adnxs.com/creative")
        assert response.status_code == status
        assert response.json()["response"]


def test_a_response_predicate_is_not_consulted_for_a_request_that_is_never_repeated() -> None:
    transport = RetryTransport(appnexus("RATE_EXCEEDED"), APPNEXUS_POLICY, sleep=FakeTime().sleep)
    with httpx.Client(transport=transport) as http:
        assert http.post("https://api.adnxs.com/creative", json={}).status_code == 405


def test_a_connect_error_then_200_returns_the_200() -> None:
    server, time = Server(httpx.ConnectError, 200), FakeTime()
    assert client(server, time).get("/management/v1/users").status_code == 200
    assert len(server.requests) == 2


def _leaves(cls: type[httpx.TransportError]) -> list[type[httpx.TransportError]]:
    subclasses = cls.__subclasses__()
    return [leaf for sub in subclasses for leaf in _leaves(sub)] if subclasses else [cls]


# The failures that prove the request never left: the connection was not made. Written out here,
# not imported from the retry code, so that a failure moved there by mistake fails a test.
NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# Every other failure httpx raises once a request is under way: it may have reached the server.
MAYBE_SENT = [
    error
    for error in _leaves(httpx.TransportError)
    if not issubclass(error, NEVER_SENT)
    and error not in (httpx.LocalProtocolError, httpx.UnsupportedProtocol, httpx.ProxyError)
]


def test_the_maybe_sent_failures_include_every_read_write_and_protocol_failure() -> None:
    expected = {
        httpx.ReadTimeout,
        httpx.WriteTimeout,
        httpx.ReadError,
        httpx.WriteError,
        httpx.CloseError,
        httpx.RemoteProtocolError,
    }
    assert expected <= set(MAYBE_SENT)


@pytest.mark.parametrize("error", MAYBE_SENT)
def test_failures_after_sending_are_retried_for_idempotent_requests(
    error: type[httpx.TransportError],
) -> None:
    server, time = Server(error, 200), FakeTime()
    assert client(server, time).put("/management/v1/repository/r1", json={}).status_code == 200
    assert len(server.requests) == 2


def test_a_local_protocol_error_is_raised_at_once() -> None:
    server, time = Server(httpx.LocalProtocolError, 200), FakeTime()
    with pytest.raises(httpx.LocalProtocolError):
        client(server, time).get("/management/v1/users")
    assert len(server.requests) == 1


# --- bounds


def test_attempts_are_bounded_and_the_last_response_is_returned() -> None:
    server, time = Server(503), FakeTime()
    policy = RetryPolicy(max_attempts=3, jitter=False, base_delay=1.0)
    assert client(server, time, policy).get("/management/v1/users").status_code == 503
    assert len(server.requests) == 3
    assert time.sleeps == [1.0, 2.0]


def test_the_last_error_is_raised_when_attempts_run_out() -> None:
    server, time = Server(httpx.ConnectError), FakeTime()
    with pytest.raises(httpx.ConnectError):
        client(server, time, RetryPolicy(max_attempts=2)).get("/management/v1/users")
    assert len(server.requests) == 2


def test_backoff_doubles_up_to_the_maximum_delay() -> None:
    server, time = Server(503), FakeTime()
    policy = RetryPolicy(max_attempts=6, jitter=False, base_delay=0.5, max_delay=3.0)
    client(server, time, policy).get("/management/v1/users")
    assert time.sleeps == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_full_jitter_draws_each_pause_between_zero_and_the_backoff() -> None:
    server, time = Server(503), FakeTime()
    policy = RetryPolicy(max_attempts=4, base_delay=1.0)
    client(server, time, policy, rand=iter([0.5, 0.25, 1.0]).__next__).get("/management/v1/users")
    assert time.sleeps == [0.5, 0.5, 4.0]


def test_no_pause_ends_past_the_total_time_budget() -> None:
    server, time = Server((503, {"Retry-After": "4"})), FakeTime()
    policy = RetryPolicy(max_attempts=10, max_total_seconds=10)
    assert client(server, time, policy).get("/management/v1/users").status_code == 503
    assert time.sleeps == [4.0, 4.0]  # a third pause would end at 12 s
    assert len(server.requests) == 3


def test_the_time_spent_in_attempts_counts_against_the_budget() -> None:
    time = FakeTime()
    server = Server(503)

    def slow(request: httpx.Request) -> httpx.Response:
        time.now += 25  # each attempt takes 25 s before its answer
        return server(request)

    transport = RetryTransport(
        httpx.MockTransport(slow), STEADY, sleep=time.sleep, clock=time.clock
    )
    with httpx.Client(base_url=BASE_URL, transport=transport) as http:
        assert http.get("/management/v1/users").status_code == 503
    # 25 s, pause 1 s, 25 s (51 s), pause 2 s, 25 s (78 s): a third pause would pass 60 s.
    assert time.sleeps == [1.0, 2.0]
    assert len(server.requests) == 3


def test_a_policy_needs_at_least_one_attempt() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        RetryPolicy(max_attempts=0)


# --- which requests are safe to repeat


@pytest.mark.parametrize(
    ("path", "failure"),
    [
        ("/management/v1/order", 503),
        ("/management/v1/order", 429),
        ("/management/v1/order", httpx.ReadTimeout),
        ("/management/v1/order/o1/cancel", 502),
        ("/management/v1/order/o1/cancel", httpx.ReadError),
    ],
)
def test_placing_or_cancelling_an_order_is_never_repeated(path: str, failure: Outcome) -> None:
    server, time = Server(failure, 201), FakeTime()
    http = client(server, time)
    if isinstance(failure, int):
        assert http.post(path, json={}).status_code == failure
    else:
        with pytest.raises(httpx.TransportError):
            http.post(path, json={})
    assert len(server.requests) == 1
    assert time.sleeps == []


@pytest.mark.parametrize("error", [*MAYBE_SENT, httpx.ProxyError, httpx.LocalProtocolError])
@pytest.mark.parametrize("path", ["/management/v1/order", "/management/v1/order/o1/cancel"])
def test_an_order_is_never_placed_or_cancelled_twice_after_any_failure_once_under_way(
    path: str, error: type[httpx.TransportError]
) -> None:
    server, time = Server(error, 201), FakeTime()
    with pytest.raises(error):
        client(server, time).post(path, json={})
    assert len(server.requests) == 1
    assert time.sleeps == []


@pytest.mark.anyio
@pytest.mark.parametrize("error", MAYBE_SENT)
async def test_async_an_order_is_never_placed_twice_after_any_failure_once_under_way(
    error: type[httpx.TransportError],
) -> None:
    server, time = Server(error, 201), FakeTime()
    async with async_client(server, time) as http:
        with pytest.raises(error):
            await http.post("/management/v1/order", json={})
    assert len(server.requests) == 1


def test_an_order_that_never_reached_the_server_is_sent_when_it_can_be() -> None:
    server, time = Server(httpx.ConnectError, 201), FakeTime()
    assert client(server, time).post("/management/v1/order", json={}).status_code == 201
    assert len(server.requests) == 2


def test_requests_that_never_left_are_not_retried_when_the_policy_says_so() -> None:
    server, time = Server(httpx.ConnectError, 201), FakeTime()
    policy = RetryPolicy(retry_unsent=False)
    with pytest.raises(httpx.ConnectError):
        client(server, time, policy).post("/management/v1/order", json={})
    assert len(server.requests) == 1


def test_an_upsert_marked_x_idempotent_is_retried() -> None:
    server, time = Server(503, 201), FakeTime()
    response = client(server, time).post("/management/v1/user", json={"id": "u1"})
    assert response.status_code == 201
    assert len(server.requests) == 2
    assert [r.content for r in server.requests] == [b'{"id":"u1"}'] * 2


@pytest.mark.parametrize(
    ("method", "path", "safe"),
    [
        ("GET", "/management/v1/users?pageToken=abc", True),
        ("DELETE", "/management/v1/repository/r%2F1/item/i1", True),
        ("POST", "/management/v1/user", True),
        ("POST", "/management/v1/order", False),
        ("POST", "/management/v1/order/o1/cancel", False),
        ("GET", "/elsewhere/v9/thing", True),  # not in the spec: the method decides
        ("POST", "/elsewhere/v9/thing", False),
    ],
)
def test_safety_is_read_from_the_spec_then_from_the_method(
    method: str, path: str, safe: bool
) -> None:
    assert idempotent_by_spec(httpx.Request(method, BASE_URL + path)) is safe


def test_the_safety_predicate_is_pluggable() -> None:
    def only_orders(request: httpx.Request) -> bool:
        return request.url.path == "/management/v1/order"

    server, time = Server(503, 201), FakeTime()
    assert client(server, time, is_safe=only_orders).post("/management/v1/order").status_code == 201
    server, time = Server(503, 200), FakeTime()
    assert client(server, time, is_safe=only_orders).get("/management/v1/users").status_code == 503


# --- per call


def test_a_per_call_policy_overrides_the_transports_within_its_block_only() -> None:
    server, time = Server(503, 503, 200), FakeTime()
    http = client(server, time)
    with retry_policy(NO_RETRIES):
        assert http.get("/management/v1/users").status_code == 503
    assert len(server.requests) == 1
    assert http.get("/management/v1/users").status_code == 200
    assert len(server.requests) == 3


@pytest.mark.anyio
async def test_concurrent_tasks_each_see_only_their_own_override() -> None:
    server, time = Server(503), FakeTime()
    http = async_client(server, time, RetryPolicy(max_attempts=3, jitter=False))
    attempts: dict[str, int] = {}

    async def call(name: str, policy: RetryPolicy | None) -> None:
        before = len(server.requests)
        if policy is None:
            await http.get("/management/v1/users", params={"who": name})
        else:
            async with retry_policy(policy):
                await anyio.sleep(0)  # let the other task enter its own block
                await http.get("/management/v1/users", params={"who": name})
        attempts[name] = sum(r.url.params["who"] == name for r in server.requests[before:])

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(call, "once", NO_RETRIES)
        tasks.start_soon(call, "twice", RetryPolicy(max_attempts=2, jitter=False))
        tasks.start_soon(call, "default", None)
    assert attempts == {"once": 1, "twice": 2, "default": 3}


# --- fresh credentials


def test_each_re_attempt_is_prepared_afresh_and_sent_as_prepared() -> None:
    stamps = count(1_790_000_001)
    prepared: list[httpx.Request] = []

    def resign(request: httpx.Request) -> httpx.Request:
        request.headers["X-Evocalize-Timestamp"] = str(next(stamps))
        prepared.append(request)
        return request

    server, time = Server(503, 502, 200), FakeTime()
    http = client(server, time, prepare_retry=resign)
    response = http.get("/management/v1/users", headers={"X-Evocalize-Timestamp": "1790000000"})
    assert response.status_code == 200
    sent = [headers["X-Evocalize-Timestamp"] for headers in server.headers]
    assert sent == ["1790000000", "1790000001", "1790000002"]
    assert len(prepared) == 2


def test_prepare_retry_may_return_a_new_request() -> None:
    def rebuild(request: httpx.Request) -> httpx.Request:
        headers = {**request.headers, "X-Attempt": "again"}
        return httpx.Request(request.method, request.url, headers=headers, content=request.content)

    server, time = Server(503, 201), FakeTime()
    client(server, time, prepare_retry=rebuild).post("/management/v1/user", json={"id": "u1"})
    first, second = server.requests
    assert "X-Attempt" not in first.headers and second.headers["X-Attempt"] == "again"
    assert second.content == first.content == b'{"id":"u1"}'


# --- housekeeping


def test_responses_that_are_retried_are_closed() -> None:
    bodies: list[UnreadBody] = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append(UnreadBody(b"{}"))
        return httpx.Response(503 if len(bodies) == 1 else 200, stream=bodies[-1])

    transport = RetryTransport(httpx.MockTransport(handler), STEADY, sleep=FakeTime().sleep)
    with httpx.Client(transport=transport) as http:
        assert http.get(BASE_URL + "/management/v1/users").status_code == 200
    assert bodies[0].closed


def test_retries_are_logged_at_debug_without_headers_or_query(
    caplog: pytest.LogCaptureFixture,
) -> None:
    server, time = Server((429, {"Retry-After": "2"}), 200), FakeTime()
    with caplog.at_level(logging.DEBUG, logger="evocalize.retries"):
        client(server, time).get(
            "/management/v1/users",
            params={"pageToken": "tok-secret"},
            headers={"X-Evocalize-Client-Key": "key-secret"},
        )
    (record,) = caplog.records
    assert record.levelno == logging.DEBUG
    message = record.getMessage()
    assert "GET /management/v1/users" in message and "429" in message
    assert "attempt 1" in message and "2.00s" in message
    assert "secret" not in caplog.text


def test_the_transport_closes_the_transport_it_wraps() -> None:
    closed: list[bool] = []

    class Inner(httpx.BaseTransport):
        def close(self) -> None:
            closed.append(True)

    RetryTransport(Inner()).close()
    assert closed == [True]


# --- async


@pytest.mark.anyio
async def test_async_a_429_with_retry_after_waits_that_long() -> None:
    server, time = Server((429, {"Retry-After": "2"}), 200), FakeTime()
    async with async_client(server, time) as http:
        assert (await http.get("/management/v1/users")).status_code == 200
    assert time.sleeps == [2.0]


@pytest.mark.anyio
async def test_async_a_connect_error_then_503_then_200_returns_the_200() -> None:
    server, time = Server(httpx.ConnectError, 503, 200), FakeTime()
    async with async_client(server, time) as http:
        assert (await http.get("/management/v1/users")).status_code == 200
    assert len(server.requests) == 3
    assert time.sleeps == [1.0, 2.0]


@pytest.mark.anyio
async def test_async_attempts_and_time_are_bounded() -> None:
    server, time = Server((503, {"Retry-After": "25"})), FakeTime()
    async with async_client(server, time, RetryPolicy(max_total_seconds=60)) as http:
        assert (await http.get("/management/v1/users")).status_code == 503
    assert time.sleeps == [25.0, 25.0]


@pytest.mark.anyio
async def test_async_placing_an_order_is_never_repeated() -> None:
    server, time = Server(503, 201), FakeTime()
    async with async_client(server, time) as http:
        assert (await http.post("/management/v1/order", json={})).status_code == 503
    assert len(server.requests) == 1


@pytest.mark.anyio
async def test_async_an_x_idempotent_upsert_is_retried_and_re_prepared() -> None:
    def resign(request: httpx.Request) -> httpx.Request:
        request.headers["X-Evocalize-Timestamp"] = "1790000001"
        return request

    server, time = Server(httpx.ReadTimeout, 201), FakeTime()
    async with async_client(server, time, prepare_retry=resign) as http:
        response = await http.post(
            "/management/v1/user", json={}, headers={"X-Evocalize-Timestamp": "1790000000"}
        )
    assert response.status_code == 201
    assert [headers["X-Evocalize-Timestamp"] for headers in server.headers] == [
        "1790000000",
        "1790000001",
    ]


@pytest.mark.anyio
async def test_async_a_per_call_policy_applies_within_its_block() -> None:
    server, time = Server(503, 200), FakeTime()
    async with async_client(server, time) as http:
        with retry_policy(NO_RETRIES):
            assert (await http.get("/management/v1/users")).status_code == 503
        assert (await http.get("/management/v1/users")).status_code == 200
