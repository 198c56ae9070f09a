"""The generated BidTheatre client with the overlays, through the fake: root keys and metadata,
object links and link objects, 204 on DELETE, a 250-campaign listing read whole, an expired
token renewed, each failure decoded into a typed error, and throttling waited out as
`Retry-After` says (a throttled POST too, since it was refused before anything was created).

The seed documents the listing but no paging parameters, so the listing answers every campaign
at once: there are no pages to walk."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import httpx
import pytest
from bidtheatre_client import Client
from bidtheatre_client.api.campaigns import (
    create_campaign,
    delete_campaign,
    get_campaign,
    list_campaigns,
    update_campaign,
)
from bidtheatre_client.models import (
    CampaignEnvelope,
    CampaignInput,
    CampaignsEnvelope,
    ObjectLink,
    ObjectLinkInput,
)
from evocalize.calls import acall
from evocalize.errors import (
    APIError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
)
from evocalize.profiles import bidtheatre
from evocalize.retries import RetryPolicy

from profiles.bidtheatre.fake_bidtheatre import NETWORK_ID, BidTheatreFake

pytestmark = pytest.mark.anyio

BASE_URL = "https://asx-api.bidtheatre.com"
SPRING = CampaignInput(name="Spring offer", advertiser=ObjectLinkInput(id=77))


@dataclass
class FakeTime:
    """The fake's clock, moved only by the retry transport's pauses and by the test."""

    now: float = 1000.0
    pauses: list[float] = field(default_factory=list)

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds


@pytest.fixture
def time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def fake(time: FakeTime) -> BidTheatreFake:
    return BidTheatreFake(clock=time.clock)


def client(fake: BidTheatreFake, time: FakeTime, auth: httpx.Auth | None = None) -> Client:
    args = bidtheatre.PROFILE.httpx_args(
        auth if auth is not None else bidtheatre.token_auth(fake.tokens.issue()),
        transport=httpx.ASGITransport(app=fake.app()),
        policy=RetryPolicy(jitter=False, base_delay=1.0),
        sleep=time.sleep,
        clock=time.clock,
    )
    return Client(base_url=BASE_URL, httpx_args=args)


async def test_one_campaign_comes_under_the_singular_key_with_the_metadata_fields(
    fake: BidTheatreFake, time: FakeTime
) -> None:
    api = client(fake, time)
    created = await create_campaign.asyncio_detailed(NETWORK_ID, client=api, body=SPRING)
    assert created.status_code == 201
    assert isinstance(created.parsed, CampaignEnvelope)
    campaign = created.parsed.campaign
    read = await get_campaign.asyncio(NETWORK_ID, campaign.id, client=api)
    assert isinstance(read, CampaignEnvelope)
    assert read.campaign == campaign
    assert (read.api_version, read.code, read.method, read.network_id) == (
        "2.0",
        200,
        "GET",
        NETWORK_ID,
    )
    assert (created.parsed.code, created.parsed.method) == (201, "POST")


async def test_relationships_are_an_object_link_and_link_objects_with_absolute_urls(
    fake: BidTheatreFake, time: FakeTime
) -> None:
    created = await create_campaign.asyncio(NETWORK_ID, client=client(fake, time), body=SPRING)
    assert isinstance(created, CampaignEnvelope)
    campaign = created.campaign
    network_url = f"{BASE_URL}/v2.0/api/{NETWORK_ID}"
    assert isinstance(campaign.advertiser, ObjectLink)
    assert campaign.advertiser.to_dict() == {"id": 77, "href": f"{network_url}/advertiser/77"}
    assert [link.to_dict() for link in campaign.links] == [
        {"href": f"{network_url}/campaign/{campaign.id}/target", "rel": "target"}
    ]


async def test_put_sets_the_fields_and_delete_answers_204_with_an_empty_body(
    fake: BidTheatreFake, time: FakeTime
) -> None:
    api = client(fake, time)
    created = await create_campaign.asyncio(NETWORK_ID, client=api, body=SPRING)
    assert isinstance(created, CampaignEnvelope)
    campaign_id = created.campaign.id
    updated = await update_campaign.asyncio(
        NETWORK_ID, campaign_id, client=api, body=CampaignInput(name="Summer offer")
    )
    assert isinstance(updated, CampaignEnvelope)
    # The advertiser left out of the PUT is no longer set.
    assert updated.campaign.to_dict() == {
        "id": campaign_id,
        "name": "Summer offer",
        "links": [link.to_dict() for link in created.campaign.links],
    }
    deleted = await delete_campaign.asyncio_detailed(NETWORK_ID, campaign_id, client=api)
    assert (deleted.status_code, deleted.content) == (204, b"")
    with pytest.raises(NotFoundError):
        await acall(delete_campaign, api, bidtheatre.ERRORS, network_id=NETWORK_ID, id=campaign_id)


async def test_a_listing_of_250_campaigns_comes_whole_under_the_plural_key(
    fake: BidTheatreFake, time: FakeTime
) -> None:
    fake.writes.limit = 1000
    api = client(fake, time)
    for number in range(250):
        await create_campaign.asyncio(NETWORK_ID, client=api, body=CampaignInput(name=f"c{number}"))
    listing = await list_campaigns.asyncio(NETWORK_ID, client=api)
    assert isinstance(listing, CampaignsEnvelope)
    assert [campaign.name for campaign in listing.campaigns] == [f"c{n}" for n in range(250)]
    assert len({campaign.id for campaign in listing.campaigns}) == 250


async def test_an_expired_token_is_renewed_once_and_the_request_sent_again(
    fake: BidTheatreFake, time: FakeTime
) -> None:
    renewals: list[str] = []

    def renew() -> str:
        renewals.append(fake.tokens.issue())
        return renewals[-1]

    first = fake.tokens.issue()
    api = client(fake, time, bidtheatre.token_auth(first, renew=renew))
    time.now += fake.token_lifetime  # the token has just expired
    listing = await list_campaigns.asyncio_detailed(NETWORK_ID, client=api)
    assert listing.status_code == 200
    assert [token for _, _, token in fake.received] == [first, *renewals]
    assert len(renewals) == 1
    # The renewed token is kept: the next request goes out with it at once.
    await list_campaigns.asyncio_detailed(NETWORK_ID, client=api)
    assert fake.received[-1][2] == renewals[0]


async def test_an_expired_token_without_a_way_to_renew_is_a_typed_authentication_error(
    fake: BidTheatreFake, time: FakeTime
) -> None:
    api = client(fake, time)
    time.now += fake.token_lifetime
    with pytest.raises(AuthenticationError) as caught:
        await acall(list_campaigns, api, bidtheatre.ERRORS, network_id=NETWORK_ID)
    assert caught.value.message == "Bad or expired token. Re-authenticate the user to resolve."
    (token,) = fake.tokens.issued
    assert token not in str(caught.value)


@pytest.mark.parametrize(
    ("operation", "params", "error", "status"),
    [
        (
            create_campaign,
            {"network_id": NETWORK_ID, "body": CampaignInput(name="")},
            BadRequestError,
            400,
        ),
        (list_campaigns, {"network_id": NETWORK_ID + 1}, PermissionDeniedError, 403),
        (get_campaign, {"network_id": NETWORK_ID, "id": 999}, NotFoundError, 404),
    ],
    ids=["bad-input", "other-network", "missing"],
)
async def test_each_failure_is_decoded_from_the_error_root_key(
    fake: BidTheatreFake,
    time: FakeTime,
    operation: ModuleType,
    params: dict[str, Any],
    error: type[APIError],
    status: int,
) -> None:
    api = client(fake, time)
    with pytest.raises(error) as caught:
        await acall(operation, api, bidtheatre.ERRORS, **params)
    assert caught.value.response is not None
    # The generated client reads the same answer as the error envelope with its metadata.
    body = operation._parse_response(client=api, response=caught.value.response).to_dict()
    assert (body["code"], body["apiVersion"]) == (status, "2.0")
    assert caught.value.message == body["error"]["message"]


async def test_an_application_error_code_after_a_500_becomes_the_error_code(
    fake: BidTheatreFake, time: FakeTime
) -> None:
    fake.faults = [(500, "DB_TIMEOUT")] * 4
    with pytest.raises(InternalServerError) as caught:
        await acall(list_campaigns, client(fake, time), bidtheatre.ERRORS, network_id=NETWORK_ID)
    assert (caught.value.status, caught.value.code) == (500, "DB_TIMEOUT")


async def test_a_throttled_read_waits_as_retry_after_says_then_succeeds(
    fake: BidTheatreFake, time: FakeTime
) -> None:
    fake.reads.limit = 2
    api = client(fake, time)
    await list_campaigns.asyncio_detailed(NETWORK_ID, client=api)
    time.now += 15
    await list_campaigns.asyncio_detailed(NETWORK_ID, client=api)
    third = await list_campaigns.asyncio_detailed(NETWORK_ID, client=api)
    assert third.status_code == 200
    # The first read leaves the 60-second window 45 seconds after the third was throttled.
    assert time.pauses == [45.0]
    assert len(fake.received) == 4


async def test_a_throttled_post_is_sent_again_and_creates_one_campaign(
    fake: BidTheatreFake, time: FakeTime
) -> None:
    fake.writes.limit = 1
    api = client(fake, time)
    await create_campaign.asyncio(NETWORK_ID, client=api, body=SPRING)
    second = await create_campaign.asyncio_detailed(NETWORK_ID, client=api, body=SPRING)
    assert second.status_code == 201
    assert time.pauses == [60.0]
    assert len(fake.campaigns) == 2
    assert [method for method, _, _ in fake.received] == ["POST", "POST", "POST"]


async def test_a_post_that_failed_with_a_server_error_is_not_sent_again(
    fake: BidTheatreFake, time: FakeTime
) -> None:
    fake.faults = [(503, None)]
    with pytest.raises(InternalServerError) as caught:
        await acall(
            create_campaign,
            client(fake, time),
            bidtheatre.ERRORS,
            network_id=NETWORK_ID,
            body=SPRING,
        )
    assert caught.value.status == 503
    assert len(fake.received) == 1
    assert time.pauses == []


async def test_throttling_that_outlasts_the_retries_is_a_typed_rate_limit_error(
    fake: BidTheatreFake, time: FakeTime
) -> None:
    fake.reads.limit = 1
    args = bidtheatre.PROFILE.httpx_args(
        bidtheatre.token_auth(fake.tokens.issue()),
        transport=httpx.ASGITransport(app=fake.app()),
        policy=RetryPolicy(max_attempts=1),
    )
    api = Client(base_url=BASE_URL, httpx_args=args)
    await list_campaigns.asyncio_detailed(NETWORK_ID, client=api)
    with pytest.raises(RateLimitError) as caught:
        await acall(list_campaigns, api, bidtheatre.ERRORS, network_id=NETWORK_ID)
    assert caught.value.response is not None
    assert caught.value.response.headers["Retry-After"] == "60"
    assert caught.value.status == 429
