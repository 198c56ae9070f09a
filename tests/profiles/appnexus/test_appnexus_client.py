"""Xandr's typed client (`AppNexusClient` / `AsyncAppNexusClient`, generated from the profile)
against the fake: member-scoped creatives listed in a stable order and their audit status read,
a page capped at 100 without an error, throttling by `x-ratelimit-code` waited out, and a session
renewed only after `NOAUTH`."""

from __future__ import annotations

from typing import Any

import appnexus_models
import httpx
import pytest
from appnexus_client.models import AuthEnvelope, Creative, CreativeListEnvelope
from evocalize.errors import AuthenticationError, PermissionDeniedError, RateLimitError
from evocalize.profiles import appnexus
from evocalize.profiles.appnexus import AppNexusClient, AsyncAppNexusClient

from profiles.appnexus.fake_appnexus import (
    IDLE_LIFETIME,
    MEMBER_ID,
    PASSWORD,
    READ_ONLY_PASSWORD,
    READ_ONLY_USERNAME,
    USERNAME,
    XandrFake,
)
from profiles.fake_support import ASGISyncTransport, documented

pytestmark = pytest.mark.anyio

BASE_URL = "https://api-test.adnxs.com"
NEW = {"creative": {"media_url": "https://ads.example.com/new.js", "width": 320, "height": 50}}


@pytest.fixture
def fake() -> XandrFake:
    return XandrFake()


def sync_client(
    fake: XandrFake, pauses: list[float], user: str = USERNAME, password: str = PASSWORD
) -> AppNexusClient:
    return AppNexusClient(
        user,
        password,
        base_url=BASE_URL,
        transport=ASGISyncTransport(fake.app()),
        retry_options={"sleep": pauses.append, "rand": lambda: 0.5},
    )


def test_creatives_are_member_scoped_and_identified_by_media_url(
    fake: XandrFake, pauses: list[float]
) -> None:
    client = sync_client(fake, pauses)
    written = client.creatives.create_creative(MEMBER_ID, body=NEW).response
    assert isinstance(written.creative, Creative) and isinstance(written.id, int)
    assert written.creative.media_url == "https://ads.example.com/new.js"
    new_id = written.id
    client.creatives.update_creative(MEMBER_ID, id=new_id, body={"creative": {"width": 300}})
    client.creatives.delete_creative(MEMBER_ID, id=new_id)
    assert fake.requests[-3:] == [
        "POST /creative/7",
        f"PUT /creative/7?id={new_id}",
        f"DELETE /creative/7?id={new_id}",
    ]


def test_a_page_asked_above_100_silently_holds_100(fake: XandrFake, pauses: list[float]) -> None:
    fake.add_creatives(150)
    page = sync_client(fake, pauses).creatives.list_creatives(MEMBER_ID, num_elements=1001)
    assert len(page.data) == 100
    assert page.raw["response"]["count"] == 150


def test_the_walk_is_sorted_by_id_so_a_change_between_pages_shifts_nothing(
    fake: XandrFake, pauses: list[float]
) -> None:
    ids = fake.add_creatives(250)
    # Between the requests, another creative is modified: unsorted pages would shift.
    fake.before_listing.append(lambda fake: fake.creatives[ids[-1]].update(_modified=fake.tick()))
    walked = [
        creative.id for creative in sync_client(fake, pauses).creatives.list_creatives(MEMBER_ID)
    ]
    assert walked == ids
    assert all("sort=id.asc" in line for line in fake.requests if line.startswith("GET"))


def test_the_audit_status_of_chosen_creatives_is_read(fake: XandrFake, pauses: list[float]) -> None:
    first, second, _ = fake.add_creatives(3)
    fake.audit(second)
    page = sync_client(fake, pauses).creatives.list_creatives(
        MEMBER_ID, id=[str(first), str(second)]
    )
    assert {creative.id: creative.audit_status for creative in page} == {
        first: "pending",
        second: "audited",
    }
    assert fake.requests[-1].endswith(f"id={first}%2C{second}")


@pytest.mark.parametrize("status", [429, 503, 405])
def test_throttling_is_waited_out(fake: XandrFake, pauses: list[float], status: int) -> None:
    fake.add_creatives(2)
    client = sync_client(fake, pauses)
    client.creatives.list_creatives(MEMBER_ID)  # logged in
    fake.throttle(status, count=2)
    page = client.creatives.list_creatives(MEMBER_ID)
    assert len(page.data) == 2
    assert len(pauses) == 2
    if status == 429:
        assert pauses == [3.0, 3.0]  # its Retry-After


def test_throttling_that_lasts_is_a_rate_limit_error_with_its_code(
    fake: XandrFake, pauses: list[float]
) -> None:
    client = sync_client(fake, pauses)
    client.creatives.list_creatives(MEMBER_ID)
    fake.throttle(503, count=10)
    with pytest.raises(RateLimitError) as raised:
        client.creatives.list_creatives(MEMBER_ID)
    assert raised.value.status == 503
    assert raised.value.details == {"x-ratelimit-code": "user-rate-limit"}
    # A POST is not sent twice: nothing says a throttled one was not acted on.
    fake.throttled.clear()
    fake.throttle(429)
    with pytest.raises(RateLimitError):
        client.creatives.create_creative(MEMBER_ID, body=NEW)


def test_the_session_is_renewed_only_after_noauth(fake: XandrFake, pauses: list[float]) -> None:
    fake.add_creatives(1)
    client = sync_client(fake, pauses)
    client.creatives.list_creatives(MEMBER_ID)
    fake.now += IDLE_LIFETIME - 60  # used again in time: the same session
    client.creatives.list_creatives(MEMBER_ID)
    fake.now += IDLE_LIFETIME + 1  # idle past 2 hours: NOAUTH, one new login
    client.creatives.list_creatives(MEMBER_ID)
    assert fake.logins == 2
    for _ in range(25):  # used every hour, still gone at 24 hours
        fake.now += 3600
        client.creatives.list_creatives(MEMBER_ID)
    assert fake.logins == 3
    reader = sync_client(fake, pauses, READ_ONLY_USERNAME, READ_ONLY_PASSWORD)
    with pytest.raises(PermissionDeniedError):
        reader.creatives.create_creative(MEMBER_ID, body=NEW)
    assert fake.logins == 4  # its own login, none for the UNAUTH refusal


def test_a_wrong_password_is_an_authentication_error(fake: XandrFake, pauses: list[float]) -> None:
    with pytest.raises(AuthenticationError):
        sync_client(fake, pauses, password="wrong").creatives.list_creatives(MEMBER_ID)


async def test_the_creative_workflow_async(fake: XandrFake) -> None:
    ids = fake.add_creatives(120)
    fake.audit(ids[0])
    async with AsyncAppNexusClient(
        USERNAME,
        PASSWORD,
        base_url=BASE_URL,
        transport=httpx.ASGITransport(app=fake.app()),
        retry_options={"sleep": no_sleep},
    ) as client:
        fake.throttle(429)
        walked = [creative async for creative in client.creatives.list_creatives(MEMBER_ID)]
        chosen = await client.creatives.list_creatives(MEMBER_ID, id=[str(ids[0])])
    assert [creative.id for creative in walked] == ids
    assert [creative.audit_status for creative in chosen.data] == ["audited"]


async def no_sleep(seconds: float) -> None:
    return None


@pytest.mark.parametrize(
    ("name", "model"), [("auth", "AuthEnvelope"), ("creatives", "CreativeListEnvelope")]
)
def test_the_documented_bodies_parse_through_the_client_and_the_models(
    name: str, model: str
) -> None:
    body: dict[str, Any] = documented("appnexus", name).body
    parsed = (AuthEnvelope if model == "AuthEnvelope" else CreativeListEnvelope).from_dict(body)
    assert parsed.to_dict() == body
    getattr(appnexus_models, model).model_validate(body)


def test_the_documented_errors_are_typed() -> None:
    noauth = documented("appnexus", "error_noauth")
    response = httpx.Response(noauth.status, json=noauth.body)
    with pytest.raises(AuthenticationError):
        appnexus.ERRORS.raise_for(response)
    assert appnexus.session_expired(response)
    unauth = httpx.Response(401, json={"response": {"error_id": "UNAUTH", "error": "no"}})
    assert not appnexus.session_expired(unauth)
