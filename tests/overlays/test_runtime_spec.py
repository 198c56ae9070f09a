"""What the overlays learn from the spec at run time: which operations page, batch and may be
retried, derived from the document itself."""

from __future__ import annotations

import pytest
from evocalize.spec import (
    load_spec,
    match_operation,
    operation_spec,
    operation_specs,
    path_matches,
)
from openapi_doc import load_spec as load_checkout_spec


def test_the_runtime_spec_is_the_checkout_spec() -> None:
    assert load_spec() == load_checkout_spec()


def test_every_operation_of_the_spec_is_listed_once() -> None:
    ids = [op.operation_id for op in operation_specs()]
    assert len(ids) == len(set(ids)) == 50


def test_listings_with_a_page_token_are_paginated() -> None:
    assert operation_spec("listUsers").paginated
    assert not operation_spec("getUser").paginated


def test_operations_answering_with_a_report_id_are_batches() -> None:
    batches = {op.operation_id for op in operation_specs() if op.batch}
    assert "createOrUpdateUserBatch" in batches and "deleteItemBatch" in batches
    assert "upsertRepositoryGrantBatch" in batches  # grants V2 answer 200 with the report id
    assert all(op.method in {"post", "delete"} for op in operation_specs() if op.batch)
    assert not operation_spec("getUser").batch


def test_orders_are_never_idempotent_and_upserts_are() -> None:
    placing = [op for op in operation_specs() if op.method == "post" and "rder" in op.path]
    assert placing and not any(op.idempotent for op in placing)
    assert all(op.idempotent for op in operation_specs() if op.node.get("x-idempotent"))
    assert all(op.idempotent for op in operation_specs() if op.method in {"get", "put", "delete"})


def test_an_unknown_operation_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="listUsers"):
        operation_spec("listUserz")


def test_a_concrete_request_is_matched_to_its_operation() -> None:
    op = match_operation("GET", "/management/v1/repository/r1/item/i%2F2")
    assert op is not None and op.operation_id == "getItem"
    assert op.path_pattern.match("/management/v1/repository/r1/item/x")["itemId"] == "x"  # type: ignore[index]
    deleted = match_operation("delete", "/management/v1/repository/r1/item/x")
    assert deleted is not None and deleted.operation_id == "deleteItem"
    assert match_operation("PATCH", "/management/v1/users") is None
    assert match_operation("GET", "/management/v1/users/extra") is None


def test_parameters_declared_on_the_path_apply_to_each_of_its_operations() -> None:
    for operation_id in ("getUser", "deactivateUser"):
        names = {(p["name"], p["in"]) for p in operation_spec(operation_id).parameters}
        assert ("userId", "path") in names


def test_the_more_literal_of_two_overlapping_templates_wins() -> None:
    (first, values), *rest = path_matches("/management/v1/audience/provided")
    assert first.operation_id == "addProvidedAudience" and values == {}
    assert [op.operation_id for op, _ in rest] == ["getAudiencePlaceholder"]
    matched = match_operation("GET", "/management/v1/audience/provided")
    assert matched is not None and matched.operation_id == "getAudiencePlaceholder"
