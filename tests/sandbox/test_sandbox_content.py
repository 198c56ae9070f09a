"""Repositories from the seed and the items in them, checked against the typed fields (seed,
"Content Management API")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evocalize_client import AuthenticatedClient
from evocalize_client.api.content import (
    create_or_update_item,
    delete_item,
    get_item,
    get_repository,
    list_repositories,
)
from evocalize_client.models import ContentItemInput
from evocalize_client.types import Response
from sandbox_support import client_for, data_of, error_of, make_app


def put_item(
    client: AuthenticatedClient, values: dict[str, Any], repository: str = "listings"
) -> Response[Any]:
    return create_or_update_item.sync_detailed(
        repository, client=client, body=ContentItemInput.from_dict({"values": values})
    )


def test_the_default_seed_gives_repositories_with_typed_fields(client: AuthenticatedClient) -> None:
    repositories = data_of(list_repositories.sync_detailed(client=client))
    assert {"listings", "agents"} <= {r["id"] for r in repositories}
    listings = data_of(get_repository.sync_detailed("listings", client=client))
    assert listings["isWritable"] is True
    assert {"name": "price", "type": "number", "isNullable": True} in listings["fields"]


def test_a_seed_file_replaces_the_default_repositories(database_url: str, tmp_path: Path) -> None:
    seed = tmp_path / "seed.yaml"
    seed.write_text(
        "repositories:\n"
        "  - id: cars\n"
        "    name: Cars\n"
        "    fields: [{name: model, type: string, isNullable: false}]\n"
    )
    client = client_for(make_app(database_url, seed=str(seed)))
    assert [r["id"] for r in data_of(list_repositories.sync_detailed(client=client))] == ["cars"]


def test_an_unknown_repository_is_a_404(client: AuthenticatedClient) -> None:
    response = get_repository.sync_detailed("nope", client=client)
    assert response.status_code == 404
    assert error_of(response)["code"] == "EV_OBJECT_NOT_FOUND"
    assert put_item(client, {"id": "i"}, repository="nope").status_code == 404


def test_an_item_is_created_read_and_deleted(client: AuthenticatedClient) -> None:
    values = {"id": "home1", "address": "1 Main St", "price": 250000.5, "featured": True}
    created = put_item(client, values)
    assert created.status_code == 201
    assert data_of(created) == {"values": values}
    assert data_of(get_item.sync_detailed("listings", "home1", client=client)) == {"values": values}
    deleted = delete_item.sync_detailed("listings", "home1", client=client)
    assert deleted.status_code == 200
    assert data_of(deleted) == {"values": values}
    assert get_item.sync_detailed("listings", "home1", client=client).status_code == 404
    assert delete_item.sync_detailed("listings", "home1", client=client).status_code == 404


def test_an_update_keeps_the_values_not_sent(client: AuthenticatedClient) -> None:
    put_item(client, {"id": "home1", "address": "1 Main St", "price": 1.5})
    updated = put_item(client, {"id": "home1", "price": None})
    assert data_of(updated) == {"values": {"id": "home1", "address": "1 Main St", "price": None}}


def test_a_value_of_the_wrong_type_names_its_field(client: AuthenticatedClient) -> None:
    response = put_item(client, {"id": "h", "address": "x", "price": "cheap"})
    assert response.status_code == 400
    error = error_of(response)
    assert (error["code"], error["field"]) == ("EV_BAD_REQUEST_INVALID_FIELDS", "values.price")


def test_a_field_the_repository_lacks_is_refused(client: AuthenticatedClient) -> None:
    response = put_item(client, {"id": "h", "address": "x", "colour": "red"})
    assert error_of(response)["field"] == "values.colour"


STRICT_SEED = {
    "repositories": [
        {
            "id": "cars",
            "name": "Cars",
            "isWritable": True,
            "fields": [{"name": "model", "type": "string", "isNullable": False}],
        },
        {
            "id": "brand_assets",
            "name": "Brand assets",
            "isWritable": False,
            "fields": [{"name": "headline", "type": "string", "isNullable": True}],
        },
    ]
}


def test_a_missing_non_nullable_field_is_refused(database_url: str) -> None:
    client = client_for(make_app(database_url, seed=STRICT_SEED))
    response = put_item(client, {"id": "h"}, repository="cars")
    assert error_of(response)["field"] == "values.model"
    response = put_item(client, {"id": "h", "model": None}, repository="cars")
    assert error_of(response)["field"] == "values.model"
    assert put_item(client, {"id": "h", "model": "T"}, repository="cars").status_code == 201


def test_a_date_time_field_takes_iso_8601(client: AuthenticatedClient) -> None:
    assert (
        put_item(
            client, {"id": "h", "address": "x", "listedAt": "2026-01-02T03:04:05Z"}
        ).status_code
        == 201
    )
    response = put_item(client, {"id": "h", "address": "x", "listedAt": "yesterday"})
    assert error_of(response)["field"] == "values.listedAt"


def test_a_read_only_repository_refuses_items(database_url: str) -> None:
    client = client_for(make_app(database_url, seed=STRICT_SEED))
    response = put_item(client, {"id": "h", "headline": "x"}, repository="brand_assets")
    assert response.status_code == 400
    assert error_of(response)["field"] == "repositoryId"


def test_a_null_for_an_unknown_field_is_refused_too(client: AuthenticatedClient) -> None:
    response = put_item(client, {"id": "h", "colour": None})
    assert error_of(response)["field"] == "values.colour"


def test_the_api_reference_example_item_works_as_written(client: AuthenticatedClient) -> None:
    values: dict[str, Any] = {"id": "item_id", "repository_field_name_1": "some value here"}
    values["repository_field_name_2"] = 42
    response = put_item(client, values, repository="repository_id")
    assert response.status_code == 201
