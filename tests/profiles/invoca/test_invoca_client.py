"""Invoca's typed client (`InvocaClient` / `AsyncInvocaClient`, generated from the profile) against
the fake: the raw-token `Authorization` header the documentation recommends, `.json` paths,
campaigns staged and made live (never deleted), validation failures decoded field by field, and
the Transactions workflow, pulled incrementally with the cursor and its corrections applied."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from evocalize.errors import (
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
)
from evocalize.profiles import invoca
from evocalize.profiles.invoca import AsyncInvocaClient, InvocaClient, apply_corrections
from invoca_client.models import AdvertiserCampaign, CampaignTerms, Transaction
from invoca_resources import AdvertiserCampaignsResource

from profiles.fake_support import ASGISyncTransport, documented
from profiles.invoca.fake_invoca import NETWORK_ID, PASSWORD, TOKEN, USERNAME, InvocaFake

pytestmark = pytest.mark.anyio

BASE_URL = "https://mynetwork.invoca.net/api"
ADVERTISER = "2"
RING_POOL_OWNER = "advertiser campaign 100 and advertiser 1"
SPRING = {"name": "PostSeason Promotion", "description": "Half-price tickets"}


@pytest.fixture
def fake() -> InvocaFake:
    return InvocaFake()


def terms(found: object) -> CampaignTerms:
    assert isinstance(found, CampaignTerms), found
    return found


def sync_client(fake: InvocaFake, pauses: list[float] | None = None, **kwargs: Any) -> InvocaClient:
    recorded = pauses if pauses is not None else []
    kwargs.setdefault("token", TOKEN)
    return InvocaClient(
        base_url=BASE_URL,
        transport=ASGISyncTransport(fake.app()),
        retry_options={"sleep": recorded.append, "rand": lambda: 0.5},
        **kwargs,
    )


def async_client(fake: InvocaFake, **kwargs: Any) -> AsyncInvocaClient:
    kwargs.setdefault("token", TOKEN)
    return AsyncInvocaClient(
        base_url=BASE_URL, transport=httpx.ASGITransport(app=fake.app()), **kwargs
    )


def test_the_token_is_the_raw_authorization_value_and_bearer_is_refused(
    fake: InvocaFake,
) -> None:
    client = sync_client(fake)
    client.advertiser_campaigns.create_advertiser_campaign(
        NETWORK_ID, ADVERTISER, "100", body=SPRING
    )
    assert fake.received[-1][2] == "header"
    # What the profile used to send: a real Invoca reads `Bearer <token>` as an unknown token.
    bearer = sync_client(fake, auth=httpx.Auth(), headers={"Authorization": f"Bearer {TOKEN}"})
    with pytest.raises(AuthenticationError):
        bearer.advertiser_campaigns.get_advertiser_campaign(NETWORK_ID, ADVERTISER, "100")


def test_every_path_ends_in_json_and_campaigns_have_no_delete(fake: InvocaFake) -> None:
    client = sync_client(fake)
    client.advertiser_campaigns.create_advertiser_campaign(
        NETWORK_ID, ADVERTISER, "100", body=SPRING
    )
    client.advertiser_campaigns.get_advertiser_campaign(NETWORK_ID, ADVERTISER, "100")
    assert all(path.split("?")[0].endswith(".json") for _, path, _ in fake.received)
    assert not hasattr(AdvertiserCampaignsResource, "delete_advertiser_campaign")


def test_an_upsert_is_staged_in_future_terms_until_go_live(fake: InvocaFake) -> None:
    client = sync_client(fake)
    campaigns = client.advertiser_campaigns
    created = campaigns.create_advertiser_campaign(NETWORK_ID, ADVERTISER, "100", body=SPRING)
    assert created.current_terms is None
    assert terms(created.future_terms).description == "Half-price tickets"
    live = campaigns.go_live_advertiser_campaign(
        NETWORK_ID, ADVERTISER, "100", body={"timeout": 10}
    )
    assert live.future_terms is None
    assert terms(live.current_terms).description == "Half-price tickets"
    again = campaigns.create_advertiser_campaign(NETWORK_ID, ADVERTISER, "100", body=SPRING)
    assert again.id == created.id  # an upsert: the same campaign


def test_a_validation_failure_is_decoded_field_by_field(fake: InvocaFake) -> None:
    client = sync_client(fake)
    with pytest.raises(invoca.InvalidArgumentsError) as raised:
        client.advertiser_campaigns.create_advertiser_campaign(
            NETWORK_ID, ADVERTISER, "100", body={"description": "no name"}
        )
    error = raised.value
    assert isinstance(error, PermissionDeniedError) and isinstance(error, BadRequestError)
    assert (error.status, error.field) == (403, "name")
    assert error.message == "name can't be blank"


def test_the_documented_error_bodies_decode_to_their_messages() -> None:
    for name, field, message in [
        ("error_validation", "pool_type", "pool_type can't be blank"),
        ("error_not_found", None, f"Could not find RingPool 123 for {RING_POOL_OWNER}"),
        ("error_internal", None, "refer to error handle 1228118400"),
    ]:
        body = documented("invoca", name)
        response = httpx.Response(body.status, json=body.body)
        details = invoca.decode_errors(response)
        assert details is not None, body.source
        assert (details[0].field, details[0].message) == (field, message)
    validation_body = documented("invoca", "error_validation").body
    validation = invoca.decode_errors(httpx.Response(403, json=validation_body))
    assert validation is not None and len(validation) == 3


def test_the_other_credentials_and_a_retried_upsert(fake: InvocaFake) -> None:
    pauses: list[float] = []
    basic = sync_client(fake, pauses, token=None, username=USERNAME, password=PASSWORD)
    fake.faults.append(500)
    basic.advertiser_campaigns.create_advertiser_campaign(NETWORK_ID, ADVERTISER, "7", body=SPRING)
    assert [credential for *_, credential in fake.received] == ["basic", "basic"]
    assert len(pauses) == 1
    query = sync_client(fake, auth=invoca.token_auth(TOKEN, "query"))
    query.advertiser_campaigns.get_advertiser_campaign(NETWORK_ID, ADVERTISER, "7")
    in_body = sync_client(fake, auth=invoca.token_auth(TOKEN, "body"))
    in_body.advertiser_campaigns.update_advertiser_campaign(
        NETWORK_ID, ADVERTISER, "7", body=SPRING
    )
    assert [credential for *_, credential in fake.received[-2:]] == ["query", "body"]
    with pytest.raises(NotFoundError):
        query.advertiser_campaigns.get_advertiser_campaign(NETWORK_ID, ADVERTISER, "nope")
    fake.faults.extend([500] * 4)
    with pytest.raises(InternalServerError):
        query.advertiser_campaigns.get_advertiser_campaign(NETWORK_ID, ADVERTISER, "7")


# ---- the Transactions workflow ------------------------------------------------------------


def loaded(fake: InvocaFake, extra: int = 5) -> list[dict[str, Any]]:
    """The documented rows, then `extra` more calls (a correction among the documented ones)."""
    rows: list[dict[str, Any]] = documented("invoca", "transactions").body
    for number in range(extra):
        rows.append({"transaction_id": f"D0000000-{number:08d}", "transaction_type": "Call"})
    fake.transactions = rows
    return rows


def test_transactions_are_pulled_with_the_cursor_and_corrections_applied(fake: InvocaFake) -> None:
    rows = loaded(fake)
    client = sync_client(fake)
    page = client.transactions.list_transactions("networks", NETWORK_ID, limit=3)
    pulled = list(page)
    assert [row.transaction_id for row in pulled] == [row["transaction_id"] for row in rows]
    assert all(isinstance(row, Transaction) for row in pulled)
    cursors = [path for _, path, _ in fake.received]
    assert cursors[0].endswith("/networks/transactions/1234.json?limit=3")
    assert cursors[1].endswith("limit=3&start_after_transaction_id=C624DA2C-CF3367C5")
    assert len(cursors) == 4  # three pages of rows, then the empty page that ends the pull
    merged = apply_corrections({}, pulled)
    assert "C624DA2C-CF3367C5" not in merged
    assert merged["C624DA2C-CF3367C3"].duration == 161  # the correction's values
    assert merged["C624DA2C-CF3367C3"].additional_properties["city"] == "Santa Barbara"


def test_a_later_pull_resumes_after_the_last_transaction_kept(fake: InvocaFake) -> None:
    loaded(fake, extra=0)
    client = sync_client(fake)
    pulled = client.transactions.list_transactions("networks", NETWORK_ID)
    first = {row.transaction_id: row for row in pulled}
    last = list(first)[-1]
    fake.transactions.append({"transaction_id": "E1", "transaction_type": "Signal"})
    later = client.transactions.list_transactions(
        "networks", NETWORK_ID, start_after_transaction_id=last
    )
    assert [row.transaction_id for row in later] == ["E1"]


def test_a_limit_above_4000_is_refused_by_the_api(fake: InvocaFake) -> None:
    with pytest.raises(invoca.InvalidArgumentsError) as raised:
        sync_client(fake).transactions.list_transactions("networks", NETWORK_ID, limit=4001)
    assert raised.value.field == "limit"


async def test_the_transactions_workflow_async(fake: InvocaFake) -> None:
    rows = loaded(fake)
    async with async_client(fake) as client:
        first = await client.transactions.list_transactions("networks", NETWORK_ID, limit=2)
        assert [row.transaction_id for row in first.data] == [r["transaction_id"] for r in rows[:2]]
        listing = client.transactions.list_transactions("networks", NETWORK_ID, limit=2)
        pulled = [row async for row in listing]
        created = await client.advertiser_campaigns.create_advertiser_campaign(
            NETWORK_ID, ADVERTISER, "9", body=SPRING
        )
        live = await client.advertiser_campaigns.go_live_advertiser_campaign(
            NETWORK_ID, ADVERTISER, "9"
        )
    assert len(pulled) == len(rows)
    assert apply_corrections({}, pulled)["C624DA2C-CF3367C3"].duration == 161
    assert created.future_terms is not None and live.current_terms is not None


# ---- the documented bodies through the generated models --------------------------------


def test_the_documented_campaign_parses_through_the_client_and_the_models(
    fake: InvocaFake,
) -> None:
    example = documented("invoca", "advertiser_campaign")
    parsed = AdvertiserCampaign.from_dict(example.body)
    assert parsed.id == 11
    assert terms(parsed.current_terms).timezone == "Pacific Time (US & Canada)"
    assert "ivr_tree" in terms(parsed.current_terms).additional_properties  # unknown fields kept
    import invoca_models

    modelled = invoca_models.AdvertiserCampaign.model_validate(example.body)
    assert modelled.id_from_network == "100"
    # Through the typed client: the fake answers the documented body as Invoca stores it.
    key = (NETWORK_ID, ADVERTISER, "100")
    fake.campaigns[key] = example.body
    read = sync_client(fake).advertiser_campaigns.get_advertiser_campaign(*key)
    assert read.to_dict() == AdvertiserCampaign.from_dict(example.body).to_dict()


def test_the_documented_transactions_parse_through_the_models() -> None:
    import invoca_models

    for row in documented("invoca", "transactions").body:
        assert Transaction.from_dict(row).transaction_id == row["transaction_id"]
        assert invoca_models.Transaction.model_validate(row).transaction_id == row["transaction_id"]
