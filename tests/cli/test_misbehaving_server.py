"""Against a server that misbehaves, the command line prints one line and exits 1, never a
traceback: a listing or a report's errors whose server repeats a page token, or hands out fresh
tokens with empty pages for ever, and an answer nested deeper than JSON can be read."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cli_runner import evocalize

Answer = Callable[[str], bytes]


@contextmanager
def serving(answer: Answer) -> Iterator[dict[str, str]]:
    """A loopback server answering every GET with `answer(path)` as JSON; yields the
    environment that points `evocalize` at it."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = answer(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield {
            "EVOCALIZE_BASE_URL": f"http://127.0.0.1:{server.server_address[1]}",
            "EVOCALIZE_CLIENT_KEY_ID": "kid",
            "EVOCALIZE_CLIENT_KEY": "secret",
        }
    finally:
        server.shutdown()
        server.server_close()


def repeating(path: str) -> bytes:
    return b'{"data": [], "nextPageToken": "again"}'


fresh_tokens = iter(range(10**9))


def empty_for_ever(path: str) -> bytes:
    return b'{"data": [], "nextPageToken": "t%d"}' % next(fresh_tokens)


COMMANDS = {
    "list": ("list", "listUsers"),
    "report-errors": ("report", "errors", "r1"),
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("answer", [repeating, empty_for_ever], ids=["repeated", "empty"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_listing_that_never_ends_is_one_line(command: str, answer: Answer) -> None:
    with serving(answer) as env:
        result = evocalize(*COMMANDS[command], env=env)
    assert result.exit_code == 1, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ")
    assert "Traceback" not in result.output


def test_an_answer_nested_too_deeply_is_one_line() -> None:
    deep = b'{"data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with serving(lambda path: deep) as env:
        result = evocalize("call", "getUser", "-p", "userId=u1", env=env)
    assert result.exit_code == 1, result.output
    (line,) = result.stderr.splitlines()
    assert "not JSON that can be read" in line
