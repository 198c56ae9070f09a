"""What the fuzzer is told the sandbox holds: derived from the seed it was given, so that
positive cases name users, groups, products, fields and placeholders that exist; and the
`audiencePlaceholders` seed section that gives CSV uploads a placeholder known in advance."""

from __future__ import annotations

import io

from audience_csv_samples import VALID_CSV
from evocalize.audience import check_hashed_csv
from evocalize.fuzzing.known_values import VALID_AUDIENCE_CSV
from evocalize.spec import spec_text
from evocalize_client.api.audiences import get_audience_placeholder, upload_audience_csv
from evocalize_client.models import AudienceCsvUpload
from evocalize_client.types import File
from evocalize_sandbox.embedded import embedded_sandbox
from evocalize_sandbox.fuzz_values import known_values
from evocalize_sandbox.seed import fuzz_seed
from sandbox_support import client_for, data_of, make_app


def test_the_known_values_are_those_of_the_seed() -> None:
    seed = fuzz_seed()
    known = known_values(seed)
    assert set(known.users) == {user["id"] for user in seed["users"]}
    assert known.users["test_user_id"] == "example@evocalize.com"
    assert set(known.groups) == {group["id"] for group in seed["groups"]}
    assert set(known.repositories["listings"]) == {
        field["name"] for field in seed["repositories"][1]["fields"]
    }
    assert known.csv_placeholders == ("fuzz_csv_placeholder",)


def test_orders_go_to_members_that_no_example_or_link_can_deactivate() -> None:
    seed = fuzz_seed()
    known = known_values(seed)
    assert known.order_members
    groups_of = {
        user["id"]: {membership["groupId"] for membership in user.get("groups", ())}
        for user in seed["users"]
    }
    for user_id, group_id in known.order_members:
        assert group_id in groups_of[user_id]
        assert user_id not in spec_text()


def test_orders_name_only_active_products_that_take_any_variable() -> None:
    known = known_values(
        {
            "products": [
                {"id": "1", "code": "open", "minSpend": 5, "maxSpend": 50},
                {"id": "2", "code": "closed", "variables": ["headline"]},
                {"id": "3", "code": "retired", "active": False},
            ]
        }
    )
    assert [(p.code, p.min_spend, p.max_spend) for p in known.products] == [("open", 5.0, 50.0)]


def test_the_embedded_sandbox_publishes_its_known_values_for_fuzz_schema() -> None:
    with embedded_sandbox() as sandbox:
        assert sandbox.app.state.fuzz_known_values == sandbox.known_values
        assert sandbox.known_values == known_values(fuzz_seed())


def test_the_fuzzers_csv_meets_the_seeds_requirements() -> None:
    assert list(check_hashed_csv(io.StringIO(VALID_AUDIENCE_CSV))) == []


def test_a_seeded_placeholder_is_pending_and_takes_a_csv(database_url: str) -> None:
    seed = {"audiencePlaceholders": [{"id": "p1", "name": "Known placeholder"}]}
    client = client_for(make_app(database_url, seed=seed))
    found = data_of(get_audience_placeholder.sync_detailed("p1", client=client))
    assert (found["status"], found["description"]) == ("pending", "Known placeholder")
    csv = File(payload=io.BytesIO(VALID_CSV), file_name="a.csv", mime_type="text/csv")
    response = upload_audience_csv.sync_detailed(
        "p1", client=client, body=AudienceCsvUpload(file=csv)
    )
    assert response.status_code == 200, response.content
