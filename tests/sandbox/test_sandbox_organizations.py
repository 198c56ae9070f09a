"""Organizations in the sandbox: a client key sees its organization's data and nothing else.

Organization "acme" (two keys) builds one object of every family; organization "beta" (its
own key) tries to read, change and list each one, reuses acme's report ids and page tokens,
and gets the documented answer for a missing object every time, while acme's objects stay as
they were. Run on SQLite and on PostgreSQL (`database_url`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from evocalize.auth import SignatureAuth
from evocalize.cli import app as cli_app
from evocalize_sandbox import organizations
from evocalize_sandbox.app import create_app
from evocalize_sandbox.registry import load_resources
from evocalize_sandbox.resources.content import seed_repositories
from evocalize_sandbox.resources.users import memberships_table, users_table
from evocalize_sandbox.rules.orders import DAY
from evocalize_sandbox.settings import Settings
from evocalize_sandbox.storage import metadata
from sandbox_support import BASE_URL, error_of, sandbox_of
from starlette.applications import Starlette
from starlette.testclient import TestClient
from typer.testing import CliRunner

V1 = "/management/v1"
ACME = {"acme-ci@acme": "acme-ci-secret", "acme-ops@acme": "acme-ops-secret"}
BETA = {"beta": "beta-secret"}  # no @: its own organization, named "beta"
PAGE_SIZE = 2


@pytest.fixture
def app(database_url: str, clock: list[float]) -> Iterator[Starlette]:
    settings = Settings(
        run_worker=False, clock=lambda: clock[0], page_size=PAGE_SIZE, audience_processing_seconds=0
    )
    application = create_app(database_url=database_url, clients={**ACME, **BETA}, settings=settings)
    yield application
    sandbox_of(application).engine.dispose()


@contextmanager
def caller(app: Starlette, clock: list[float], spec: str, secret: str) -> Iterator[TestClient]:
    """An HTTP client signing as the key `spec` names (`KEY_ID` or `KEY_ID@ORG`). Entered, so
    that its requests share one event-loop thread (the app keeps a read connection per
    thread)."""
    key_id, _ = organizations.split_key_id(spec)
    with TestClient(app, base_url=BASE_URL, raise_server_exceptions=False) as http:
        http.auth = SignatureAuth(key_id, secret, clock=lambda: clock[0])
        yield http


@pytest.fixture
def acme(app: Starlette, clock: list[float]) -> Iterator[TestClient]:
    with caller(app, clock, "acme-ci@acme", ACME["acme-ci@acme"]) as http:
        yield http


@pytest.fixture
def acme_ops(app: Starlette, clock: list[float]) -> Iterator[TestClient]:
    with caller(app, clock, "acme-ops@acme", ACME["acme-ops@acme"]) as http:
        yield http


@pytest.fixture
def beta(app: Starlette, clock: list[float]) -> Iterator[TestClient]:
    with caller(app, clock, "beta", BETA["beta"]) as http:
        yield http


def ok(response: Any) -> Any:
    assert response.status_code < 300, (response.status_code, response.content)
    return json.loads(response.content)["data"] if response.content else None


def process_batches(app: Starlette) -> None:
    sandbox_of(app).process_pending_batches()


def build_acme(app: Starlette, acme: TestClient, clock: list[float]) -> dict[str, str]:
    """One object of every family in acme, through the API; their generated ids."""
    reader = {"type": "USER", "userId": "jane"}
    ok(acme.post(f"{V1}/group", json={"id": "office", "name": "Office"}))
    user = {"id": "jane", "name": "Jane", "email": "jane@example.com"}
    ok(
        acme.post(
            f"{V1}/user", json={**user, "groups": [{"groupId": "office", "role": "group_user"}]}
        )
    )
    ok(
        acme.post(
            f"{V1}/repository/listings/item", json={"values": {"id": "home", "address": "1 Main"}}
        )
    )
    grant = {"grantee": reader, "permissions": ["READ"]}
    ok(acme.post(f"{V1}/repository/listings/items/home/grant", json=grant))
    record = {
        "contentItemId": "home",
        "userId": "jane",
        "groupId": "office",
        "canEdit": False,
        "role": "group_user",
    }
    ok(acme.post(f"{V1}/repository/listings/access/item", json=record))
    media = {"id": "logo", "name": "Logo", "type": "image", "url": "https://example.com/l.png"}
    ok(acme.post(f"{V1}/media", json={**media, "grants": [grant]}))
    placeholder = ok(acme.post(f"{V1}/audience", json={"name": "Buyers", "grants": [grant]}))
    now = int(clock[0])
    order = {
        "userId": "jane",
        "groupId": "office",
        "productCode": "pid_1234567890",
        "orderType": "purchase",
        "paymentAmount": 100,
        "schedule": {"startTimestamp": now + DAY, "endTimestamp": now + 31 * DAY},
        "contentItemIds": ["home"],
        "variableValues": {"headline": "Open house", "bodyText": "Sunday"},
    }
    placed = ok(acme.post(f"{V1}/order", json=order))
    # A batch with one failing entry (an unknown group), so the report has errors to list.
    entries = [{"id": "g1", "name": "G1"}, {"id": "g2", "name": "G2"}]
    report = ok(acme.post(f"{V1}/groups", json=entries))
    bad_user = {
        "id": "x",
        "name": "X",
        "email": "x@example.com",
        "groups": [{"groupId": "none", "role": "group_user"}],
    }
    failing = ok(acme.post(f"{V1}/users", json=[bad_user]))
    process_batches(app)
    return {
        "placeholder": placeholder["placeholderId"],
        "order": placed["id"],
        "report": report["reportId"],
        "failing_report": failing["reportId"],
    }


def probes(ids: dict[str, str]) -> list[tuple[str, str, Any, int]]:
    """Requests on acme's objects, and the status the API documents for a missing object."""
    csv = ("hashed_audience_data.csv", b"email_sha256\n" + b"a" * 64 + b"\n", "text/csv")
    grant = {"grantee": {"type": "ORGANIZATION"}, "permissions": ["READ"]}
    order, placeholder = ids["order"], ids["placeholder"]
    return [
        ("GET", "/user/jane", None, 404),
        ("DELETE", "/user/jane", None, 404),
        ("GET", "/user/jane/facebook/pages", None, 404),
        ("GET", "/user/jane/media", None, 404),
        ("GET", "/user/jane/audiences", None, 404),
        ("GET", "/repository/listings/item/home", None, 404),
        ("DELETE", "/repository/listings/item/home", None, 404),
        ("GET", "/repository/listings/items/home/grants", None, 404),
        ("POST", "/repository/listings/items/home/grant", grant, 404),
        ("DELETE", "/repository/listings/item/home/grants", None, 404),
        (
            "POST",
            "/repository/listings/access/item",
            {
                "contentItemId": "home",
                "userId": None,
                "groupId": "office",
                "canEdit": True,
                "role": "group_user",
            },
            404,
        ),
        ("GET", f"/items/report/{ids['report']}", None, 404),
        ("GET", f"/items/report/{ids['failing_report']}/errors", None, 404),
        ("GET", f"/order/{order}", None, 404),
        ("PUT", f"/order/{order}", {"paymentAmount": 50}, 404),
        ("POST", f"/order/{order}/cancel", None, 404),
        ("GET", f"/order/{order}/refundpreview", None, 404),
        ("GET", f"/audience/{placeholder}", None, 404),
        ("POST", f"/audience/{placeholder}/csv/upload", {"file": csv}, 403),
        ("GET", f"/audience/{placeholder}/grants", None, 403),
        ("POST", f"/audience/{placeholder}/grants", {"grants": [grant]}, 403),
        ("GET", "/media/logo", None, 403),
        ("DELETE", "/media/logo", None, 403),
        ("GET", "/media/logo/grants", None, 403),
        ("POST", "/media/logo/grants", {"grants": [grant]}, 403),
    ]


def send(http: TestClient, method: str, path: str, body: Any) -> Any:
    if isinstance(body, dict) and "file" in body:
        return http.request(method, V1 + path, files=body)
    return http.request(method, V1 + path, json=body)


def acme_state(acme: TestClient, ids: dict[str, str]) -> list[Any]:
    """What acme reads of its objects and listings."""
    order, placeholder = ids["order"], ids["placeholder"]
    return [
        ok(acme.get(f"{V1}{path}"))
        for path in (
            "/user/jane",
            "/groups",
            "/repository/listings/item/home",
            "/repository/listings/items/home/grants",
            "/repository/listings/access",
            "/media/logo",
            "/media/logo/grants",
            f"/audience/{placeholder}",
            f"/audience/{placeholder}/grants",
            f"/order/{order}",
            f"/items/report/{ids['report']}",
            f"/items/report/{ids['failing_report']}/errors",
        )
    ]


def test_another_organization_finds_none_of_its_objects_and_changes_none(
    app: Starlette, acme: TestClient, beta: TestClient, clock: list[float]
) -> None:
    ids = build_acme(app, acme, clock)
    before = acme_state(acme, ids)
    for method, path, body, status in probes(ids):
        response = send(beta, method, path, body)
        assert response.status_code == status, (method, path, response.content)
        assert error_of(response)["code"] == "EV_OBJECT_NOT_FOUND", (method, path)
    # Deletions that name no single object touch none of acme's either.
    assert ok(beta.request("DELETE", f"{V1}/repository/listings/grants")) == {
        "numberOfGrantsDeleted": 0
    }
    deleted = beta.request(
        "DELETE",
        f"{V1}/repository/listings/access",
        json={"userId": None, "groupId": None, "role": None},
    )
    assert ok(deleted) == {"numberOfAccessRecordsDeleted": 0}
    process_batches(app)
    assert acme_state(acme, ids) == before


def test_another_organizations_listings_hold_none_of_its_objects(
    app: Starlette, acme: TestClient, beta: TestClient, clock: list[float]
) -> None:
    build_acme(app, acme, clock)
    for path in (
        "/users",
        "/groups",
        "/repository/listings/grants",
        "/repository/listings/access",
        "/audience",
    ):
        assert ok(beta.get(V1 + path)) in ([], {"grants": []}), path
    assert ok(acme.get(f"{V1}/users")) != []


def test_the_same_ids_in_two_organizations_are_two_objects(
    app: Starlette, acme: TestClient, beta: TestClient, clock: list[float]
) -> None:
    build_acme(app, acme, clock)
    # The same id and the same email: no duplicate across organizations.
    same = {"id": "jane", "name": "Jane of Beta", "email": "jane@example.com"}
    assert beta.post(f"{V1}/user", json=same).status_code == 201
    assert (
        beta.post(
            f"{V1}/media",
            json={
                "id": "logo",
                "name": "Beta logo",
                "type": "video",
                "url": "https://b.example/v.mp4",
            },
        ).status_code
        == 200
    )
    assert ok(acme.get(f"{V1}/user/jane"))["name"] == "Jane"
    assert ok(beta.get(f"{V1}/user/jane")) == {**same, "groups": []}
    assert ok(acme.get(f"{V1}/media/logo"))["type"] == "image"
    assert ok(beta.get(f"{V1}/media/logo"))["type"] == "video"


def test_a_batch_is_applied_in_the_organization_that_sent_it(
    app: Starlette, acme: TestClient, acme_ops: TestClient, beta: TestClient
) -> None:
    report = ok(beta.post(f"{V1}/groups", json=[{"id": "beta-team", "name": "Beta team"}]))
    process_batches(app)
    assert ok(beta.get(f"{V1}/items/report/{report['reportId']}"))["successfulItems"] == 1
    assert [group["id"] for group in ok(beta.get(f"{V1}/groups"))] == ["beta-team"]
    for other in (acme, acme_ops):
        assert ok(other.get(f"{V1}/groups")) == []
        assert other.get(f"{V1}/items/report/{report['reportId']}").status_code == 404


def test_two_keys_of_one_organization_share_its_objects_reports_and_page_tokens(
    app: Starlette, acme: TestClient, acme_ops: TestClient, clock: list[float]
) -> None:
    ids = build_acme(app, acme, clock)
    assert acme_state(acme_ops, ids) == acme_state(acme, ids)
    ok(acme_ops.post(f"{V1}/group", json={"id": "ops", "name": "Ops"}))
    first = acme.get(f"{V1}/groups").json()
    token = first["nextPageToken"]
    assert (
        acme_ops.get(f"{V1}/groups", params={"pageToken": token}).json()
        == acme.get(f"{V1}/groups", params={"pageToken": token}).json()
    )
    listed = [group["id"] for group in first["data"]]
    assert listed == ["g1", "g2"]


def test_a_page_token_of_another_organization_is_refused_as_an_unknown_page(
    app: Starlette, acme: TestClient, beta: TestClient, clock: list[float]
) -> None:
    for client, prefix in ((acme, "a"), (beta, "b")):
        for number in range(PAGE_SIZE + 1):
            ok(client.post(f"{V1}/group", json={"id": f"{prefix}{number}", "name": "G"}))
    token = acme.get(f"{V1}/groups").json()["nextPageToken"]
    assert acme.get(f"{V1}/groups", params={"pageToken": token}).status_code == 200
    refused = beta.get(f"{V1}/groups", params={"pageToken": token})
    assert refused.status_code == 404
    assert error_of(refused)["code"] == "EV_OBJECT_NOT_FOUND"
    assert error_of(refused)["field"] == "pageToken"


def test_a_repository_seeded_for_one_organization_is_unknown_to_another(
    app: Starlette, acme: TestClient, beta: TestClient
) -> None:
    engine = sandbox_of(app).engine
    with engine.begin() as conn, organizations.scope(conn, "acme"):
        seed_repositories(conn, [{"id": "acme-only", "name": "Acme only", "fields": []}])
    assert ok(acme.get(f"{V1}/repository/acme-only"))["id"] == "acme-only"
    missing = beta.get(f"{V1}/repository/acme-only")
    assert missing.status_code == 404
    assert "acme-only" not in [r["id"] for r in ok(beta.get(f"{V1}/repositories"))]


def test_every_organization_starts_from_the_seed(acme: TestClient, beta: TestClient) -> None:
    for client in (acme, beta):
        ids = [repository["id"] for repository in ok(client.get(f"{V1}/repositories"))]
        assert ids == ["agents", "listings", "repository_id"]


def test_a_key_without_an_organization_is_its_own_and_rows_record_it(
    app: Starlette, acme: TestClient, beta: TestClient
) -> None:
    ok(acme.post(f"{V1}/user", json={"id": "u", "name": "U", "email": "u@example.com"}))
    ok(beta.post(f"{V1}/user", json={"id": "u", "name": "U", "email": "u@example.com"}))
    with sandbox_of(app).engine.connect() as conn:
        rows = conn.execute(sa.select(users_table.c.organization, users_table.c.id)).all()
    assert sorted(map(tuple, rows)) == [("acme", "u"), ("beta", "u")]


def test_an_outer_join_to_a_scoped_table_must_match_the_organization() -> None:
    unmatched = sa.select(users_table.c.id).join(
        memberships_table, memberships_table.c.user_id == users_table.c.id, isouter=True
    )
    with pytest.raises(RuntimeError, match=r"must match user_groups\.organization"):
        organizations.scoped(unmatched)


@pytest.mark.parametrize("spec", ["@acme", "key@", "@"])
def test_an_empty_key_id_or_organization_is_refused(spec: str) -> None:
    with pytest.raises(organizations.CredentialError, match="neither part may be empty"):
        organizations.split_key_id(spec)


def test_a_key_id_may_hold_an_at_sign_when_it_names_its_organization() -> None:
    assert organizations.split_key_id("ci@example.com@acme") == ("ci@example.com", "acme")
    assert organizations.split_key_id("plain") == ("plain", None)


def tables_from_before_organizations() -> sa.MetaData:
    """The sandbox's tables as they were before organizations: no organization column."""
    load_resources()  # every module's tables
    old = sa.MetaData()
    for table in metadata.sorted_tables:
        columns: list[Any] = [
            column._copy() for column in table.columns if column.name != "organization"
        ]
        if table.name == "audience_placeholders":
            columns.append(sa.UniqueConstraint("id"))
        sa.Table(table.name, old, *columns)
    return old


def test_a_database_from_before_organizations_is_upgraded_into_one_organization(
    database_url: str, clock: list[float]
) -> None:
    engine = sa.create_engine(database_url)
    tables_from_before_organizations().create_all(engine)
    with engine.begin() as conn:
        for statement in (
            "INSERT INTO sandbox_clients (key_id, client_key, is_development) "
            "VALUES ('old-key', 'old-secret', false)",
            "INSERT INTO sandbox_settings (name, value) VALUES ('seeded', 'yes')",
            "INSERT INTO groups (id, name) VALUES ('office', 'Office')",
            "INSERT INTO users (id, name, email) VALUES ('jane', 'Jane', 'jane@example.com')",
            "INSERT INTO user_groups (user_id, group_id, role) "
            "VALUES ('jane', 'office', 'group_user')",
            "INSERT INTO audience_placeholders (id, state) VALUES ('p1', '{}')",
        ):
            conn.execute(sa.text(statement))
    engine.dispose()
    settings = Settings(run_worker=False, clock=lambda: clock[0])
    clients = {"old-key": "old-secret", "new-key": "new-secret"}
    app = create_app(database_url=database_url, clients=clients, settings=settings)
    try:
        with (
            caller(app, clock, "old-key", "old-secret") as old,
            caller(app, clock, "new-key", "new-secret") as new,
        ):
            jane = ok(old.get(f"{V1}/user/jane"))
            assert jane["groups"] == [{"id": "office", "role": "group_user", "name": "Office"}]
            assert new.get(f"{V1}/user/jane").status_code == 404
            # The rebuilt tables take new rows: the placeholders' counter went on after p1.
            assert ok(old.post(f"{V1}/audience", json={"name": "After"}))["name"] == "After"
            # Seeded before, so not seeded again; the new key's organization gets the seed.
            assert ok(old.get(f"{V1}/repositories")) == []
            assert len(ok(new.get(f"{V1}/repositories"))) == 3
    finally:
        sandbox_of(app).engine.dispose()


def test_the_command_line_refuses_a_credential_with_an_empty_organization(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'sandbox.db'}"
    result = CliRunner().invoke(cli_app, ["sandbox", "--db", database, "--client", "ci@:s3cret"])
    assert result.exit_code == 2
    assert "--client" in result.output
    assert "neither part may be empty" in result.output
    assert "s3cret" not in result.output
