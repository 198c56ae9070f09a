"""Session auth, the one renewal mechanism: one login for many requests, one renewal and one
replay when the token expired, a failed login raised as its typed error, a second refusal handed
back, nothing secret shown; a token the caller renews (no login request) in any placement; the
same generator serves sync and async clients. Servers are `httpx.MockTransport` handlers."""

from __future__ import annotations

import json

import anyio
import httpx
import pytest
from evocalize.credentials_auth import in_header, in_query
from evocalize.errors import AuthenticationError, ErrorConvention, ResponseValidationError
from evocalize.session_auth import SessionAuth, logging_in, renewed_by

BASE_URL = "https://api.example.test"
PASSWORD = "pa55-word"


class TokenServer:
    """Issues `token-1`, `token-2`, ... at POST /login for the right password; other paths
    answer 200 for the latest token, 401 for any other (or every request while `refusing`)."""

    def __init__(self) -> None:
        self.issued = 0
        self.refusing = False
        self.seen: list[str] = []  # "METHOD path Authorization"

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(
            f"{request.method} {request.url.path} {request.headers.get('authorization')}"
        )
        if request.url.path == "/login":
            if json.loads(request.content)["password"] != PASSWORD:
                return httpx.Response(401, json={"errors": [{"message": "wrong password"}]})
            self.issued += 1
            return httpx.Response(200, json={"token": f"token-{self.issued}"})
        current = f"Bearer token-{self.issued}"
        if self.refusing or request.headers.get("authorization") != current:
            return httpx.Response(401, json={"errors": [{"message": "expired"}]})
        return httpx.Response(200, json={"ok": True, "echo": request.content.decode()})


def session(password: str = PASSWORD) -> SessionAuth:
    def login(request: httpx.Request) -> httpx.Request:
        return httpx.Request("POST", request.url.join("/login"), json={"password": password})

    return SessionAuth(logging_in(login, lambda response: str(response.json()["token"])))


def test_one_login_serves_every_request_until_the_token_expires() -> None:
    server, auth = TokenServer(), session()
    with httpx.Client(base_url=BASE_URL, transport=httpx.MockTransport(server), auth=auth) as http:
        assert [http.get("/things").status_code for _ in range(3)] == [200, 200, 200]
    assert server.issued == auth.obtained == 1
    assert server.seen[0] == "POST /login None"  # the login itself carries no token


def test_an_expired_token_is_renewed_once_and_the_request_replayed_with_its_body() -> None:
    server, auth = TokenServer(), session()
    with httpx.Client(base_url=BASE_URL, transport=httpx.MockTransport(server), auth=auth) as http:
        http.get("/things")
        server.issued += 1  # the server moved on: token-1 has expired
        response = http.post("/things", json={"name": "kept"})
    assert response.status_code == 200
    assert json.loads(response.json()["echo"]) == {"name": "kept"}
    assert server.seen[-3:] == [
        "POST /things Bearer token-1",
        "POST /login None",
        "POST /things Bearer token-3",
    ]


def test_a_request_refused_again_after_a_fresh_login_is_returned_not_looped() -> None:
    server, auth = TokenServer(), session()
    server.refusing = True
    with httpx.Client(base_url=BASE_URL, transport=httpx.MockTransport(server), auth=auth) as http:
        assert http.get("/things").status_code == 401
    assert auth.obtained == 2 and len(server.seen) == 4


def test_a_failed_login_raises_its_typed_error_without_the_password() -> None:
    server, auth = TokenServer(), session("not-the-password")
    http = httpx.Client(base_url=BASE_URL, transport=httpx.MockTransport(server), auth=auth)
    with http, pytest.raises(AuthenticationError) as caught:
        http.get("/things")
    assert caught.value.message == "wrong password"
    assert "not-the-password" not in str(caught.value) + repr(auth)
    assert len(server.seen) == 1


def test_a_token_renewed_by_another_request_is_used_without_a_second_login() -> None:
    server, auth = TokenServer(), session()
    with httpx.Client(base_url=BASE_URL, transport=httpx.MockTransport(server), auth=auth) as http:
        http.get("/things")
        stale = auth.auth_flow(http.build_request("GET", "/things"))
        assert next(stale).headers["authorization"] == "Bearer token-1"
        server.issued += 1
        http.get("/things")  # this request renews: token-3
        replay = stale.send(httpx.Response(401))
    assert replay.headers["authorization"] == "Bearer token-3"
    assert auth.obtained == 2


def test_the_token_is_never_shown() -> None:
    server, auth = TokenServer(), session()
    with httpx.Client(base_url=BASE_URL, transport=httpx.MockTransport(server), auth=auth) as http:
        http.get("/things")
    assert repr(auth) == "SessionAuth(holding a token, obtained=1)"
    auth.forget()
    assert repr(auth) == "SessionAuth(holding no token, obtained=1)"


def test_a_token_goes_in_the_header_style_the_api_expects() -> None:
    request = httpx.Request("GET", BASE_URL)
    assert in_header()(request, "t1").headers["Authorization"] == "Bearer t1"
    assert in_header(scheme="")(request, "t2").headers["Authorization"] == "t2"


def test_a_login_answer_without_a_token_is_an_error_not_an_empty_header() -> None:
    def login(request: httpx.Request) -> httpx.Request:
        return httpx.Request("POST", request.url.join("/login"), json={"password": PASSWORD})

    auth = SessionAuth(logging_in(login, lambda response: "", errors=ErrorConvention()))
    transport = httpx.MockTransport(TokenServer())
    http = httpx.Client(base_url=BASE_URL, transport=transport, auth=auth)
    with http, pytest.raises(ResponseValidationError, match="holds no token"):
        http.get("/things")


@pytest.mark.anyio
async def test_the_same_auth_renews_under_an_async_client() -> None:
    server, auth = TokenServer(), session()
    transport = httpx.MockTransport(server)
    statuses: list[int] = []

    async def get() -> None:
        statuses.append((await http.get("/things")).status_code)

    async with httpx.AsyncClient(base_url=BASE_URL, transport=transport, auth=auth) as http:
        await get()
        server.issued += 1  # token-1 has expired
        async with anyio.create_task_group() as group:
            for _ in range(3):
                group.start_soon(get)
    assert statuses == [200, 200, 200, 200]
    assert 2 <= auth.obtained <= 4


def test_a_token_the_caller_renews_is_replaced_once_after_a_401_and_kept() -> None:
    seen: list[str | None] = []

    def server(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("Authorization"))
        return httpx.Response(200 if seen[-1] == "fresh" else 401)

    renewals: list[str] = []

    def renew() -> str:
        renewals.append("fresh")
        return "fresh"

    auth = SessionAuth(renewed_by(renew), place=in_header(scheme=""), token="stale")
    with httpx.Client(transport=httpx.MockTransport(server), auth=auth) as http:
        assert [http.get(BASE_URL).status_code for _ in range(2)] == [200, 200]
    assert seen == ["stale", "fresh", "fresh"]
    assert renewals == ["fresh"] and auth.obtained == 1
    assert "stale" not in repr(auth) and "fresh" not in repr(auth)


def test_a_token_still_refused_after_the_caller_renewed_it_is_answered_as_it_is() -> None:
    calls: list[str | None] = []

    def server(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.params.get("oauth_token"))
        return httpx.Response(401)

    auth = SessionAuth(renewed_by(lambda: "b"), place=in_query(), token="a")
    with httpx.Client(transport=httpx.MockTransport(server), auth=auth) as http:
        assert http.get(BASE_URL).status_code == 401
    assert calls == ["a", "b"]


def test_a_renew_function_that_gives_no_token_is_an_error_not_an_empty_header() -> None:
    auth = SessionAuth(renewed_by(lambda: ""), token="a")
    transport = httpx.MockTransport(lambda request: httpx.Response(401))
    with httpx.Client(transport=transport, auth=auth) as http, pytest.raises(ValueError):
        http.get(BASE_URL)
