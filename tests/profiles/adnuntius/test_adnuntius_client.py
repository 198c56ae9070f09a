"""Adnuntius's typed client (`AdnuntiusClient` / `AsyncAdnuntiusClient`, generated from the
profile) against the fake: line items filtered and listed by `id` lists, an asset uploaded, the
token refreshed with the `refresh_token` grant, API keys as Bearer and the `auth_token`
parameter, and the documented bodies through the generated models."""

from __future__ import annotations

import io
from typing import Any

import adnuntius_models
import httpx
import pytest
from adnuntius_client.models import AccessToken, Asset, AssetUpload, LineItem
from adnuntius_client.types import File
from evocalize.errors import AuthenticationError, BadRequestError
from evocalize.profiles import adnuntius
from evocalize.profiles.adnuntius import AdnuntiusAuth, AdnuntiusClient, AsyncAdnuntiusClient

from profiles.adnuntius.fake_adnuntius import (
    API_KEY,
    CREATIVE,
    NETWORK,
    PASSWORD,
    USERNAME,
    AdnuntiusFake,
)
from profiles.fake_support import ASGISyncTransport, documented

pytestmark = pytest.mark.anyio

BASE_URL = "https://api.adnuntius.com"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def fake() -> AdnuntiusFake:
    return AdnuntiusFake()


def sync_client(fake: AdnuntiusFake, **kwargs: Any) -> AdnuntiusClient:
    if "auth" not in kwargs and "api_key" not in kwargs:
        kwargs["auth"] = AdnuntiusAuth(USERNAME, PASSWORD)
    return AdnuntiusClient(
        base_url=BASE_URL,
        transport=ASGISyncTransport(fake.app()),
        retry_options={"sleep": lambda _: None},
        **kwargs,
    )


def listed(page: Any) -> list[str]:
    return [item.id for item in page]


def test_line_items_are_listed_by_a_semicolon_delimited_id_list(fake: AdnuntiusFake) -> None:
    first, _, third = fake.add_line_items(3)
    client = sync_client(fake)
    chosen = client.line_items.list_line_items(context=NETWORK, id=[first, third])
    assert listed(chosen) == [first, third]
    assert fake.requests[-1].endswith(f"id={first}%3B{third}")
    # What the profile used to send: the API does not know `ids` and answers everything.
    everything = client.line_items.with_raw_response.list_line_items(
        context=NETWORK, extra_query={"ids": f"{first};{third}"}
    )
    assert everything.json()["totalCount"] == 3


def test_line_items_are_filtered_sorted_and_paged(fake: AdnuntiusFake) -> None:
    ids = fake.add_line_items(5)
    fake.line_items[ids[1]]["name"] = "Footer campaign"
    fake.line_items[ids[3]]["name"] = "Big footer"
    fake.line_items[ids[4]].update(executionState="RUNNING")
    fake.line_items[ids[2]].update(executionState="ENDED")
    client = sync_client(fake).line_items
    assert listed(
        client.list_line_items(context=NETWORK, filter_by="name", filter_by_like="footer")
    ) == [
        ids[1],
        ids[3],
    ]
    running = client.list_line_items(context=NETWORK, where="executionState in RUNNING,ENDED")
    assert sorted(listed(running)) == sorted([ids[2], ids[4]])
    descending = client.list_line_items(
        context=NETWORK, order_by="name", order_by_direction="DESCENDING", page_size=2
    )
    by_name = sorted(ids, key=lambda each: str(fake.line_items[each]["name"]), reverse=True)
    assert listed(descending) == by_name
    pages = [line for line in fake.requests if "pageSize=2" in line]
    assert [line.count(f"page={number}&") for number, line in enumerate(pages)] == [1, 1, 1]


def test_an_asset_is_uploaded_as_multipart(fake: AdnuntiusFake) -> None:
    client = sync_client(fake)
    upload = AssetUpload(file=File(payload=io.BytesIO(PNG), file_name="leaderboard.png"))
    asset = client.assets.upload_asset(CREATIVE, "asset_1", context=NETWORK, body=upload)
    assert isinstance(asset, Asset)
    assert (asset.file_name, asset.file_size_bytes) == ("leaderboard.png", len(PNG))
    assert fake.assets[(CREATIVE, "asset_1")]["_content"] == PNG
    assert asset.additional_properties["network"] == {"id": "winning"}


def test_an_expired_token_is_refreshed_with_the_refresh_token_grant(fake: AdnuntiusFake) -> None:
    fake.add_line_items(1)
    auth = AdnuntiusAuth(USERNAME, PASSWORD)
    client = sync_client(fake, auth=auth)
    client.line_items.list_line_items(context=NETWORK)
    fake.expire_tokens()
    client.line_items.list_line_items(context=NETWORK)
    assert fake.grants == ["password", "refresh_token"]
    assert (auth.logins, auth.refreshes) == (1, 1)
    fake.refresh_tokens.clear()  # a refresh token that no longer works: the password again
    fake.expire_tokens()
    client.line_items.list_line_items(context=NETWORK)
    assert fake.grants[-2:] == ["refresh_token", "password"]


def test_an_api_key_is_a_bearer_token_and_the_token_may_go_in_the_query(
    fake: AdnuntiusFake,
) -> None:
    fake.add_line_items(2)
    assert (
        len(listed(sync_client(fake, api_key=API_KEY).line_items.list_line_items(context=NETWORK)))
        == 2
    )
    in_query = sync_client(fake, auth=AdnuntiusAuth(USERNAME, PASSWORD, query=True))
    in_query.line_items.list_line_items(context=NETWORK)
    assert "auth_token=" in fake.requests[-1]
    with pytest.raises(AuthenticationError):
        sync_client(fake, api_key="not-a-key").line_items.list_line_items(context=NETWORK)


def test_a_missing_context_is_a_validation_message_naming_it(fake: AdnuntiusFake) -> None:
    client = sync_client(fake, api_key=API_KEY)
    with pytest.raises(BadRequestError) as raised:
        client.line_items.list_line_items(context="")
    assert raised.value.field == "context"


async def test_the_line_item_and_asset_workflow_async(fake: AdnuntiusFake) -> None:
    ids = fake.add_line_items(4)
    auth = AdnuntiusAuth(USERNAME, PASSWORD)
    async with AsyncAdnuntiusClient(
        auth=auth, base_url=BASE_URL, transport=httpx.ASGITransport(app=fake.app())
    ) as client:
        chosen = [
            item.id async for item in client.line_items.list_line_items(context=NETWORK, id=ids[:2])
        ]
        fake.expire_tokens()
        upload = AssetUpload(file=File(payload=io.BytesIO(PNG), file_name="leaderboard.png"))
        asset = await client.assets.upload_asset(CREATIVE, "asset_2", context=NETWORK, body=upload)
    assert chosen == ids[:2]
    assert asset.file_name == "leaderboard.png"
    assert (auth.logins, auth.refreshes) == (1, 1)


def test_the_documented_line_item_goes_through_the_client_and_comes_back_whole(
    fake: AdnuntiusFake,
) -> None:
    example: dict[str, Any] = documented("adnuntius", "line_item").body
    named = {"name", "objectState", "startDate", "endDate", "targeting"}
    client = sync_client(fake)
    client.line_items.upsert_line_item(
        "lineitem_9",
        context=NETWORK,
        body={key: value for key, value in example.items() if key in named},
        extra_body={key: value for key, value in example.items() if key not in named},
    )
    read = client.line_items.get_line_item("lineitem_9", context=NETWORK)
    assert isinstance(read, LineItem)
    assert read.additional_properties["bidSpecification"] == example["bidSpecification"]
    assert (
        adnuntius_models.LineItem.model_validate({**example, "id": "lineitem_9"}).id == "lineitem_9"
    )


@pytest.mark.parametrize("name", ["token", "asset", "line_item_page"])
def test_the_documented_answers_parse_through_the_client_and_the_models(name: str) -> None:
    body = documented("adnuntius", name).body
    if name == "token":
        assert AccessToken.from_dict(body).to_dict() == body
    if name == "asset":
        assert Asset.from_dict(body).to_dict() == body
    model = {"token": "AccessToken", "asset": "Asset", "line_item_page": "LineItemPage"}[name]
    getattr(adnuntius_models, model).model_validate(body)


def test_the_documented_token_answer_is_what_the_auth_reads() -> None:
    body = documented("adnuntius", "token").body
    auth = AdnuntiusAuth(USERNAME, PASSWORD)
    assert auth._take(httpx.Response(200, json=body))
    assert adnuntius.ERRORS.decode(httpx.Response(200, json=body)) is None


def test_head_answers_whether_a_line_item_exists(fake: AdnuntiusFake) -> None:
    (item_id,) = fake.add_line_items(1)
    raw = sync_client(fake, api_key=API_KEY).line_items.with_raw_response
    assert raw.line_item_exists(item_id, context=NETWORK).status_code == 200
    assert raw.line_item_exists("lineitem_404", context=NETWORK).status_code == 404
