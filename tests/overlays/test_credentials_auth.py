"""Static credentials: a token in a header (with or without a scheme word), in a query parameter,
or in the JSON body; a 401 answered as it is (renewal is `SessionAuth`'s, tested with it); tokens
never shown by a repr."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest
from evocalize.credentials_auth import (
    HeaderTokenAuth,
    JsonBodyTokenAuth,
    QueryTokenAuth,
    in_query,
)

Handler = Callable[[httpx.Request], httpx.Response]


def echo(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"url": str(request.url), "body": request.content.decode()})


def send(auth: httpx.Auth, handler: Handler = echo, **request: object) -> httpx.Request:
    with httpx.Client(transport=httpx.MockTransport(handler), base_url="https://api.test") as http:
        response = http.request(auth=auth, **request)  # type: ignore[arg-type]
    assert response.request is not None
    return response.request


def test_a_header_token_goes_with_the_bearer_scheme_by_default() -> None:
    sent = send(HeaderTokenAuth("t0k"), method="GET", url="/x")
    assert sent.headers["Authorization"] == "Bearer t0k"


def test_a_header_token_without_a_scheme_goes_as_it_is_in_the_named_header() -> None:
    sent = send(HeaderTokenAuth("t0k", header="X-Api-Token", scheme=""), method="GET", url="/x")
    assert sent.headers["X-Api-Token"] == "t0k"
    assert "Authorization" not in sent.headers


def test_a_query_token_replaces_any_value_already_in_the_url() -> None:
    sent = send(QueryTokenAuth("t0k"), method="GET", url="/x?oauth_token=old&page=2")
    assert sent.url.params.get_list("oauth_token") == ["t0k"]
    assert sent.url.params["page"] == "2"


def test_a_body_token_joins_the_json_object_and_the_length_follows() -> None:
    sent = send(JsonBodyTokenAuth("t0k"), method="POST", url="/x", json={"name": "Spring"})
    assert json.loads(sent.content) == {"name": "Spring", "oauth_token": "t0k"}
    assert sent.headers["Content-Length"] == str(len(sent.content))


def test_a_body_token_without_a_json_body_goes_to_the_fallback_or_is_refused() -> None:
    fallback = JsonBodyTokenAuth("t0k", otherwise=in_query())
    assert send(fallback, method="GET", url="/x").url.params["oauth_token"] == "t0k"
    with pytest.raises(ValueError, match="no JSON object body"):
        send(JsonBodyTokenAuth("t0k"), method="GET", url="/x")
    with pytest.raises(ValueError, match="no JSON object body"):
        send(JsonBodyTokenAuth("t0k"), method="POST", url="/x", json=["not", "an", "object"])


def test_a_static_token_refused_with_401_is_answered_at_once() -> None:
    calls: list[httpx.Request] = []

    def server(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(401)

    with httpx.Client(transport=httpx.MockTransport(server), base_url="https://api.test") as http:
        assert http.get("/x", auth=HeaderTokenAuth("a")).status_code == 401
    assert len(calls) == 1


@pytest.mark.parametrize(
    "auth",
    [HeaderTokenAuth("s3cret"), QueryTokenAuth("s3cret"), JsonBodyTokenAuth("s3cret")],
    ids=["header", "query", "body"],
)
def test_no_repr_shows_the_token(auth: httpx.Auth) -> None:
    assert "s3cret" not in repr(auth)


def test_an_empty_token_is_refused() -> None:
    with pytest.raises(ValueError, match="token"):
        HeaderTokenAuth("")
