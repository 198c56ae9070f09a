"""The client is liberal in what the API sends (issue 17, DESIGN.md "Spec conventions"): the
reference's own answers parse, the literal `< 1000` audience size is kept as given, and what the
reference says it may leave out or add does not break validation."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
from evocalize.client import Evocalize
from evocalize.retries import NO_RETRIES
from evocalize_models import AudiencePlaceholderEnvelope

Handler = Callable[[httpx.Request], httpx.Response]


def facade(handler: Handler) -> Evocalize:
    return Evocalize(
        "http://sandbox.test",
        "kid",
        "secret",
        auth="signature",
        retries=NO_RETRIES,
        transport=httpx.MockTransport(handler),
    )


def answering(body: Any, status: int = 200) -> Handler:
    return lambda request: httpx.Response(status, json=body)


def placeholder_with_sizes(*sizes: Any) -> dict[str, Any]:
    audience = {
        "channel": "Facebook",
        "channelAudienceId": "test_audience_id",
        "name": "Facebook Audience Name",
        "description": "Facebook Audience Description",
        "type": "custom",
        "status": "active",
    }
    return {
        "data": {
            "placeholderId": "1234",
            "name": "Audience Placeholder Name",
            "status": "completed",
            "audiences": [{**audience, "potentialSize": size} for size in sizes],
        }
    }


def test_a_small_audience_size_is_kept_as_the_literal_string_not_coerced() -> None:
    body = placeholder_with_sizes("< 1000", "2700000", 2700000, None)
    with facade(answering(body)) as ev:
        placeholder = ev.audiences.get_audience_placeholder("1234")
    assert [a.potential_size for a in placeholder.audiences] == ["< 1000", "2700000", 2700000, None]
    models = AudiencePlaceholderEnvelope.model_validate(body).data.audiences or []
    assert [a.potential_size for a in models] == ["< 1000", "2700000", 2700000, None]


def test_an_audience_without_a_size_parses() -> None:
    body = placeholder_with_sizes("< 1000")
    del body["data"]["audiences"][0]["potentialSize"]
    with facade(answering(json.loads(json.dumps(body)))) as ev:
        placeholder = ev.audiences.get_audience_placeholder("1234")
    assert len(placeholder.audiences) == 1
