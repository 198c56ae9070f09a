"""The generated Invoca client with the overlays, through the fake: upserts that are harmless to
repeat, a DELETE that succeeds twice, the token in each of the places the seed allows, HTTP Basic,
each failure decoded into a typed error, and an upsert retried after a server fault.

The seed documents no listing (so no paging to walk), no throttling (so no 429) and no token
expiry ("Invoca does not use OAuth refresh tokens"): none is tested here."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from evocalize.calls import acall
from evocalize.errors import (
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
)
from evocalize.profiles import invoca
from evocalize.retries import RetryPolicy
from invoca_client import Client
from invoca_client.api.advertiser_campaigns import (
    create_advertiser_campaign,
    delete_advertiser_campaign,
    get_advertiser_campaign,
    update_advertiser_campaign,
)
from invoca_client.models import AdvertiserCampaign, AdvertiserCampaignInput

from profiles.invoca.fake_invoca import NETWORK_ID, PASSWORD, TOKEN, USERNAME, InvocaFake

pytestmark = pytest.mark.anyio

BASE_URL = "https://leadtrust.invoca.net/api"
ADVERTISER = "acme"
SPRING = AdvertiserCampaignInput(name="Spring Offers", description="Calls for the spring promotion")
SPRING_AT = {"network_id": NETWORK_ID, "advertiser_id": ADVERTISER, "campaign_id": "spring-2026"}


@pytest.fixture
def fake() -> InvocaFake:
    return InvocaFake()


def client(fake: InvocaFake, auth: httpx.Auth | None = None, **retry: Any) -> Client:
    args = invoca.PROFILE.httpx_args(
        auth if auth is not None else invoca.token_auth(TOKEN),
        transport=httpx.ASGITransport(app=fake.app()),
        **retry,
    )
    return Client(base_url=BASE_URL, httpx_args=args)


async def upsert(api: Client, campaign_id: str, body: AdvertiserCampaignInput = SPRING) -> Any:
    return await create_advertiser_campaign.asyncio_detailed(
        NETWORK_ID, ADVERTISER, campaign_id, client=api, body=body
    )


async def test_a_post_creates_then_a_repeated_post_changes_nothing(fake: InvocaFake) -> None:
    api = client(fake)
    first = await upsert(api, "spring-2026")
    second = await upsert(api, "spring-2026")
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.parsed == second.parsed
    assert isinstance(first.parsed, AdvertiserCampaign)
    assert first.parsed.name == "Spring Offers"
    assert len(fake.campaigns) == 1


async def test_put_is_interchangeable_with_post_and_replaces_the_whole_object(
    fake: InvocaFake,
) -> None:
    api = client(fake)
    created = await update_advertiser_campaign.asyncio_detailed(
        NETWORK_ID, ADVERTISER, "summer", client=api, body=SPRING
    )
    # A complete copy: the description left out of the update is cleared.
    updated = await upsert(api, "summer", AdvertiserCampaignInput(name="Summer Offers"))
    read = await get_advertiser_campaign.asyncio(NETWORK_ID, ADVERTISER, "summer", client=api)
    assert (created.status_code, updated.status_code) == (201, 200)
    assert isinstance(read, AdvertiserCampaign)
    assert read.to_dict() == {"id": "summer", "advertiser_id": ADVERTISER, "name": "Summer Offers"}


async def test_deleting_twice_succeeds_twice_and_leaves_nothing(fake: InvocaFake) -> None:
    api = client(fake)
    await upsert(api, "spring-2026")
    first = await delete_advertiser_campaign.asyncio_detailed(
        NETWORK_ID, ADVERTISER, "spring-2026", client=api
    )
    again = await delete_advertiser_campaign.asyncio_detailed(
        NETWORK_ID, ADVERTISER, "spring-2026", client=api
    )
    gone = await get_advertiser_campaign.asyncio_detailed(
        NETWORK_ID, ADVERTISER, "spring-2026", client=api
    )
    assert (first.status_code, again.status_code, gone.status_code) == (200, 200, 404)


@pytest.mark.parametrize(
    ("auth", "carried_by"),
    [
        (invoca.token_auth(TOKEN, "header"), "bearer"),
        (invoca.token_auth(TOKEN, "query"), "query"),
        (invoca.token_auth(TOKEN, "body"), "body"),
        (httpx.BasicAuth(USERNAME, PASSWORD), "basic"),
    ],
    ids=["header", "query", "body", "basic"],
)
async def test_each_documented_credential_authenticates_an_upsert(
    fake: InvocaFake, auth: httpx.Auth, carried_by: str
) -> None:
    response = await upsert(client(fake, auth), "spring-2026")
    assert response.status_code == 201
    assert fake.received[-1][2] == carried_by


async def test_a_body_token_rides_in_the_query_of_a_request_without_a_body(
    fake: InvocaFake,
) -> None:
    api = client(fake, invoca.token_auth(TOKEN, "body"))
    await upsert(api, "spring-2026")
    read = await get_advertiser_campaign.asyncio_detailed(
        NETWORK_ID, ADVERTISER, "spring-2026", client=api
    )
    assert read.status_code == 200
    assert fake.received[-1][2] == "query"


async def test_a_wrong_token_is_a_typed_authentication_error_that_hides_the_token(
    fake: InvocaFake,
) -> None:
    api = client(fake, invoca.token_auth("not-the-token"))
    with pytest.raises(AuthenticationError) as caught:
        await acall(create_advertiser_campaign, api, invoca.ERRORS, **SPRING_AT, body=SPRING)
    assert (caught.value.status, caught.value.code) == (401, "Unauthorized")
    assert "not-the-token" not in str(caught.value)
    assert "not-the-token" not in repr(invoca.token_auth("not-the-token"))


async def test_invalid_arguments_answer_403_caught_as_bad_request_and_as_permission_denied(
    fake: InvocaFake,
) -> None:
    unnamed = AdvertiserCampaignInput(name="")
    with pytest.raises(BadRequestError) as caught:
        await acall(
            create_advertiser_campaign, client(fake), invoca.ERRORS, **SPRING_AT, body=unnamed
        )
    assert isinstance(caught.value, PermissionDeniedError)
    assert isinstance(caught.value, invoca.InvalidArgumentsError)
    assert (caught.value.status, caught.value.code) == (403, "RecordInvalid")
    assert caught.value.message.startswith("name:")


async def test_a_missing_campaign_is_a_typed_not_found_error(fake: InvocaFake) -> None:
    where = {**SPRING_AT, "campaign_id": "nothing-here"}
    with pytest.raises(NotFoundError) as caught:
        await acall(get_advertiser_campaign, client(fake), invoca.ERRORS, **where)
    assert caught.value.code == "RecordNotFound"
    assert "nothing-here" in caught.value.message


async def test_a_network_the_credentials_do_not_cover_is_not_authorized(fake: InvocaFake) -> None:
    elsewhere = {**SPRING_AT, "network_id": NETWORK_ID + 1}
    with pytest.raises(AuthenticationError):
        await acall(get_advertiser_campaign, client(fake), invoca.ERRORS, **elsewhere)


async def test_an_upsert_is_retried_after_a_server_fault_because_it_is_idempotent(
    fake: InvocaFake,
) -> None:
    pauses: list[float] = []

    async def sleep(seconds: float) -> None:
        pauses.append(seconds)

    fake.faults = [500, 500]
    api = client(fake, policy=RetryPolicy(jitter=False, base_delay=1.0), sleep=sleep)
    response = await upsert(api, "spring-2026")
    assert response.status_code == 201
    assert [method for method, _, _ in fake.received] == ["POST", "POST", "POST"]
    assert pauses == [1.0, 2.0]
    assert len(fake.campaigns) == 1


async def test_a_server_fault_that_outlasts_the_retries_is_a_typed_error(fake: InvocaFake) -> None:
    async def sleep(seconds: float) -> None:
        pass

    fake.faults = [500] * 3
    api = client(fake, policy=RetryPolicy(max_attempts=3), sleep=sleep)
    with pytest.raises(InternalServerError) as caught:
        await acall(delete_advertiser_campaign, api, invoca.ERRORS, **SPRING_AT)
    assert caught.value.code == "InternalServiceError"
    assert len(fake.received) == 3
