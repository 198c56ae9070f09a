"""Content Access V2 grants and the deprecated V1 access records (seed, "Content Access API
V2" and "Content Access API V1")."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from evocalize_client import AuthenticatedClient
from evocalize_client.api.batch_reports import get_batch_report, list_batch_report_errors
from evocalize_client.api.content import create_or_update_item, delete_item
from evocalize_client.api.content_access import (
    delete_item_grants,
    delete_repository_grants,
    list_item_grants,
    list_repository_grants,
    upsert_item_grant,
    upsert_repository_grant_batch,
)
from evocalize_client.api.content_access_v1 import (
    create_or_update_access_record,
    create_or_update_access_record_batch,
    delete_access_records,
    delete_item_access_records,
    list_access_records,
    list_item_access_records,
)
from evocalize_client.models import (
    AccessRecordFilter,
    AccessRecordInput,
    ContentGrantBatch,
    ContentGrantInput,
    ContentItemInput,
    GranteeFilter,
)
from evocalize_client.types import Response
from sandbox_support import data_of, error_of, sandbox_of
from starlette.applications import Starlette

USER_GRANT = {"grantee": {"type": "USER", "userId": "exampleUserId"}, "permissions": ["READ"]}
GROUP_GRANT = {"grantee": {"type": "GROUP", "groupId": "exampleGroupId"}, "permissions": ["READ"]}


def add_items(client: AuthenticatedClient, *ids: str) -> None:
    for item_id in ids:
        body = ContentItemInput.from_dict({"values": {"id": item_id, "address": "x"}})
        assert (
            create_or_update_item.sync_detailed("listings", client=client, body=body).status_code
            == 201
        )


def grant(client: AuthenticatedClient, item_id: str, body: Mapping[str, Any]) -> Response[Any]:
    return upsert_item_grant.sync_detailed(
        "listings", item_id, client=client, body=ContentGrantInput.from_dict(dict(body))
    )


def test_a_grant_upsert_answers_the_grant_with_its_object(client: AuthenticatedClient) -> None:
    add_items(client, "exampleContentItemId")
    response = grant(client, "exampleContentItemId", USER_GRANT)
    assert response.status_code == 200
    assert data_of(response) == {**USER_GRANT, "objectId": "exampleContentItemId"}


def test_upserting_the_same_grantee_twice_keeps_one_grant(client: AuthenticatedClient) -> None:
    add_items(client, "i1")
    grant(client, "i1", USER_GRANT)
    grant(client, "i1", USER_GRANT)
    grants = data_of(list_item_grants.sync_detailed("listings", "i1", client=client))["grants"]
    assert len(grants) == 1


def test_a_grant_on_an_unknown_item_is_a_404(client: AuthenticatedClient) -> None:
    assert grant(client, "ghost", USER_GRANT).status_code == 404


def test_a_grantee_missing_its_identifying_field_is_refused(client: AuthenticatedClient) -> None:
    add_items(client, "i1")
    response = grant(
        client, "i1", {"grantee": {"type": "GROUP_ROLE", "groupId": "g"}, "permissions": ["READ"]}
    )
    assert response.status_code == 400
    assert error_of(response)["field"] == "grantee.groupRole"


def test_grants_list_across_the_repository_and_filter_by_grantee(
    client: AuthenticatedClient,
) -> None:
    add_items(client, "i1", "i2")
    grant(client, "i1", USER_GRANT)
    grant(client, "i2", GROUP_GRANT)
    everything = data_of(list_repository_grants.sync_detailed("listings", client=client))
    assert [g["objectId"] for g in everything["grants"]] == ["i1", "i2"]
    only_group = json.dumps({"grantees": [GROUP_GRANT["grantee"]]})
    filtered = list_repository_grants.sync_detailed(
        "listings", client=client, filter_by_grantee=only_group
    )
    assert data_of(filtered)["grants"] == [{**GROUP_GRANT, "objectId": "i2"}]


def test_an_unreadable_grantee_filter_is_a_400(client: AuthenticatedClient) -> None:
    response = list_repository_grants.sync_detailed(
        "listings", client=client, filter_by_grantee="{"
    )
    assert response.status_code == 400
    assert error_of(response)["field"] == "filterByGrantee"


def test_deleting_grants_counts_them_and_honours_the_grantees(client: AuthenticatedClient) -> None:
    add_items(client, "i1", "i2")
    grant(client, "i1", USER_GRANT)
    grant(client, "i1", GROUP_GRANT)
    grant(client, "i2", USER_GRANT)
    narrowed = delete_item_grants.sync_detailed(
        "listings",
        "i1",
        client=client,
        body=GranteeFilter.from_dict({"grantees": [USER_GRANT["grantee"]]}),
    )
    assert data_of(narrowed) == {"numberOfGrantsDeleted": 1}
    everything = delete_repository_grants.sync_detailed("listings", client=client)
    assert data_of(everything) == {"numberOfGrantsDeleted": 2}


def test_deleting_an_item_deletes_its_grants(client: AuthenticatedClient) -> None:
    add_items(client, "i1")
    grant(client, "i1", USER_GRANT)
    delete_item.sync_detailed("listings", "i1", client=client)
    assert data_of(list_repository_grants.sync_detailed("listings", client=client))["grants"] == []


def test_a_grant_batch_is_applied_with_a_report(
    app: Starlette, client: AuthenticatedClient
) -> None:
    add_items(client, "i1")
    body = ContentGrantBatch.from_dict(
        {"grants": [{**USER_GRANT, "objectId": "i1"}, {**GROUP_GRANT, "objectId": "ghost"}]}
    )
    response = upsert_repository_grant_batch.sync_detailed("listings", client=client, body=body)
    assert response.status_code == 200
    report_id = data_of(response)["reportId"]
    sandbox_of(app).process_pending_batches()
    report = data_of(get_batch_report.sync_detailed(report_id, client=client))
    assert (report["successfulItems"], report["errorItems"]) == (1, 1)
    (failure,) = data_of(list_batch_report_errors.sync_detailed(report_id, client=client))
    assert failure["input"]["objectId"] == "ghost"
    assert failure["restErrorCode"] == "EV_OBJECT_NOT_FOUND"


RECORD = {
    "contentItemId": "exampleId1",
    "userId": "seattle_user_1",
    "groupId": "seattle_office",
    "canEdit": False,
    "role": "group_user",
}


def test_an_access_record_is_created_and_listed(client: AuthenticatedClient) -> None:
    add_items(client, "exampleId1")
    created = create_or_update_access_record.sync_detailed(
        "listings", client=client, body=AccessRecordInput.from_dict(RECORD)
    )
    assert created.status_code == 201
    assert data_of(created) == {**RECORD, "deleted": False}
    listed = list_item_access_records.sync_detailed("listings", "exampleId1", client=client)
    assert data_of(listed) == [{**RECORD, "deleted": False}]
    by_group = list_access_records.sync_detailed("listings", client=client, group_id="elsewhere")
    assert data_of(by_group) == []


def test_a_group_wide_access_record_has_a_null_user(client: AuthenticatedClient) -> None:
    add_items(client, "exampleId1")
    body = AccessRecordInput.from_dict({**RECORD, "userId": None})
    created = create_or_update_access_record.sync_detailed("listings", client=client, body=body)
    assert data_of(created)["userId"] is None


def test_deleted_access_records_are_counted_and_listed_apart(client: AuthenticatedClient) -> None:
    add_items(client, "exampleId1", "exampleId2")
    for item in ("exampleId1", "exampleId2"):
        body = AccessRecordInput.from_dict({**RECORD, "contentItemId": item})
        create_or_update_access_record.sync_detailed("listings", client=client, body=body)
    one = delete_item_access_records.sync_detailed(
        "listings",
        "exampleId1",
        client=client,
        body=AccessRecordFilter.from_dict({"userId": None, "groupId": None, "role": None}),
    )
    assert data_of(one) == {"numberOfAccessRecordsDeleted": 1}
    rest = delete_access_records.sync_detailed(
        "listings",
        client=client,
        body=AccessRecordFilter.from_dict(
            {"userId": None, "groupId": "seattle_office", "role": None}
        ),
    )
    assert data_of(rest) == {"numberOfAccessRecordsDeleted": 1}
    assert data_of(list_access_records.sync_detailed("listings", client=client)) == []
    deleted = list_access_records.sync_detailed("listings", client=client, deleted_only=True)
    assert len(data_of(deleted)) == 2


def test_an_access_record_batch_reports_unknown_items(
    app: Starlette, client: AuthenticatedClient
) -> None:
    add_items(client, "exampleId1")
    body = [
        AccessRecordInput.from_dict(RECORD),
        AccessRecordInput.from_dict({**RECORD, "contentItemId": "ghost"}),
    ]
    response = create_or_update_access_record_batch.sync_detailed(
        "listings", client=client, body=body
    )
    assert response.status_code == 202
    sandbox_of(app).process_pending_batches()
    report = data_of(get_batch_report.sync_detailed(data_of(response)["reportId"], client=client))
    assert (report["successfulItems"], report["errorItems"], report["isCompleted"]) == (1, 1, True)
