"""BidTheatre's typed client (`BidTheatreClient` / `AsyncBidTheatreClient`, generated from the
profile) against the fake: the documented login, a refresh token before a forced new login, an
asynchronous report created, read again until done and fetched, integer `apiVersion` and open
models, and no POST sent twice after a 429."""

from __future__ import annotations

from typing import Any

import bidtheatre_models
import httpx
import pytest
from bidtheatre_client.models import AuthEnvelope, ReportEnvelope
from evocalize.errors import AuthenticationError, NotFoundError, RateLimitError
from evocalize.profiles import bidtheatre
from evocalize.profiles.bidtheatre import (
    AsyncBidTheatreClient,
    BidTheatreAuth,
    BidTheatreClient,
    ReportFailedError,
)

from profiles.bidtheatre.fake_bidtheatre import NETWORK_ID, PASSWORD, USERNAME, BidTheatreFake
from profiles.fake_support import ASGISyncTransport, documented

pytestmark = pytest.mark.anyio

BASE_URL = "https://asx-api.bidtheatre.com"
REPORT: dict[str, Any] = {
    "report": "Performance",
    "filters": [{"advertiser": 1}],
    "startDate": "2018-01-01",
    "endDate": "2018-01-31",
    "groupBy": "campaign",
    "columns": ["impressions", "clicks", "ctr", "cost", "saleSum"],
    "name": "Performance Report",
}


@pytest.fixture
def fake() -> BidTheatreFake:
    return BidTheatreFake()


def sync_client(fake: BidTheatreFake, pauses: list[float], **kwargs: Any) -> BidTheatreClient:
    kwargs.setdefault("auth", BidTheatreAuth(USERNAME, PASSWORD))
    return BidTheatreClient(
        base_url=BASE_URL,
        transport=ASGISyncTransport(fake.app()),
        retry_options={"sleep": pauses.append, "rand": lambda: 0.5},
        **kwargs,
    )


def test_the_client_logs_in_with_the_documented_request(
    fake: BidTheatreFake, pauses: list[float]
) -> None:
    client = sync_client(fake, pauses)
    client.campaigns.list_campaigns(NETWORK_ID)
    assert fake.logins == [{"username": USERNAME, "password": PASSWORD}]
    assert fake.requests[:2] == ["POST /v2.0/api/auth", f"GET /v2.0/api/{NETWORK_ID}/campaign"]


def test_an_expired_token_is_refreshed_before_any_new_login(
    fake: BidTheatreFake, pauses: list[float]
) -> None:
    auth = BidTheatreAuth(USERNAME, PASSWORD)
    client = sync_client(fake, pauses, auth=auth)
    client.campaigns.list_campaigns(NETWORK_ID)
    refresh_token = next(iter(fake.refresh_tokens))
    fake.expire_tokens()
    client.campaigns.list_campaigns(NETWORK_ID)
    assert fake.logins[-1] == {"mode": "refresh", "refreshToken": refresh_token}
    assert (auth.logins, auth.refreshes) == (1, 1)


def test_a_spent_refresh_token_leads_to_a_forced_new_login(
    fake: BidTheatreFake, pauses: list[float]
) -> None:
    auth = BidTheatreAuth(USERNAME, PASSWORD)
    client = sync_client(fake, pauses, auth=auth)
    client.campaigns.list_campaigns(NETWORK_ID)
    fake.refresh_tokens.clear()  # used 10 times, or 7 days old
    fake.expire_tokens()
    client.campaigns.list_campaigns(NETWORK_ID)
    assert fake.logins[-1] == {"username": USERNAME, "password": PASSWORD, "forceNewToken": True}
    assert auth.logins == 2
    assert "holding a token" in repr(auth) and PASSWORD not in repr(auth)


def test_a_wrong_password_is_a_typed_authentication_error(
    fake: BidTheatreFake, pauses: list[float]
) -> None:
    client = sync_client(fake, pauses, auth=BidTheatreAuth(USERNAME, "wrong"))
    with pytest.raises(AuthenticationError):
        client.campaigns.list_campaigns(NETWORK_ID)


def test_a_report_is_created_polled_and_fetched(fake: BidTheatreFake, pauses: list[float]) -> None:
    waits: list[float] = []
    report = sync_client(fake, pauses).run_report(
        NETWORK_ID, REPORT, interval=5, sleep=waits.append
    )
    assert report.report_status == "done"
    assert isinstance(report.data, list)
    assert report.data[0].additional_properties["impressions"] == 1000
    assert waits == [5, 5, 5]  # before each read: two answer pending, the third done
    reads = [line for line in fake.requests if line.startswith("GET")]
    assert reads == [f"GET /v2.0/api/{NETWORK_ID}/report/3592725"] * 3


def test_a_report_not_done_in_time_is_a_report_failed_error(
    fake: BidTheatreFake, pauses: list[float]
) -> None:
    fake.pending_reads = 100
    client = sync_client(fake, pauses)
    with pytest.raises(ReportFailedError):
        client.run_report(NETWORK_ID, REPORT, interval=1, timeout=3, sleep=lambda _: None)


def test_a_throttled_post_is_not_sent_again(fake: BidTheatreFake, pauses: list[float]) -> None:
    client = sync_client(fake, pauses)
    client.campaigns.list_campaigns(NETWORK_ID)
    fake.throttled = 1
    with pytest.raises(RateLimitError):
        client.campaigns.create_campaign(NETWORK_ID, body={"name": "Spring"})
    assert fake.campaigns == {}
    fake.throttled = 1  # a read is safe to send again, after Retry-After
    client.campaigns.list_campaigns(NETWORK_ID)
    assert pauses == [2.0]


def test_campaigns_keep_fields_the_profile_does_not_name(
    fake: BidTheatreFake, pauses: list[float]
) -> None:
    client = sync_client(fake, pauses)
    created = client.campaigns.create_campaign(NETWORK_ID, body={"name": "Spring"})
    assert created.api_version == 2
    campaign_id = created.campaign.id
    assert isinstance(campaign_id, int)
    fake.campaigns[campaign_id]["budget"] = {"amount": 100}
    read = client.campaigns.get_campaign(NETWORK_ID, campaign_id)
    assert read.campaign.additional_properties["budget"] == {"amount": 100}
    client.campaigns.delete_campaign(NETWORK_ID, campaign_id)  # 204, no body
    with pytest.raises(NotFoundError):
        client.campaigns.get_campaign(NETWORK_ID, campaign_id)


async def test_login_refresh_and_a_report_async(fake: BidTheatreFake) -> None:
    auth = BidTheatreAuth(USERNAME, PASSWORD)
    async with AsyncBidTheatreClient(
        auth=auth, base_url=BASE_URL, transport=httpx.ASGITransport(app=fake.app())
    ) as client:
        await client.campaigns.list_campaigns(NETWORK_ID)
        fake.expire_tokens()
        report = await client.run_report(NETWORK_ID, REPORT, interval=1, sleep=no_sleep)
    assert report.report_status == "done"
    assert (auth.logins, auth.refreshes) == (1, 1)


async def no_sleep(seconds: float) -> None:
    return None


def test_the_documented_bodies_parse_through_the_client_and_the_models() -> None:
    auth = documented("bidtheatre", "auth").body
    assert AuthEnvelope.from_dict(auth).to_dict() == auth
    assert bidtheatre_models.AuthEnvelope.model_validate(auth).api_version == 2
    created = documented("bidtheatre", "report_created").body
    parsed = ReportEnvelope.from_dict(created)
    assert (parsed.report.id, parsed.report.report_status) == (3592725, "pending")
    assert bidtheatre_models.ReportEnvelope.model_validate(created).api_version == 2


def test_the_documented_expired_token_is_an_authentication_error() -> None:
    expired = documented("bidtheatre", "error_expired_token")
    with pytest.raises(AuthenticationError, match="Bad or expired token"):
        bidtheatre.ERRORS.raise_for(httpx.Response(expired.status, json=expired.body))
