"""What a sandbox seeded with a seed document holds, as `KnownValues` for the fuzzer.

Derived from the seed (users, groups, memberships, repositories, products) rather than listed,
so that a change to `fuzz_seed.yaml` reaches the fuzzer by itself.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from evocalize.fuzzing.known_values import FieldRule, KnownValues, ProductLimits
from evocalize.spec import load_spec

from .rules.products import DEFAULT_PRODUCTS, Product


def known_values(seed: Mapping[str, Any]) -> KnownValues:
    users = {str(user["id"]): str(user["email"]) for user in seed.get("users", ())}
    return KnownValues(
        users=users,
        groups=tuple(str(group["id"]) for group in seed.get("groups", ())),
        order_members=_order_members(seed),
        products=_products(seed),
        repositories={
            str(repository["id"]): {
                str(field["name"]): FieldRule(str(field["type"]), bool(field["isNullable"]))
                for field in repository.get("fields", ())
            }
            for repository in seed.get("repositories", ())
        },
        csv_placeholders=tuple(
            str(placeholder["id"]) for placeholder in seed.get("audiencePlaceholders", ())
        ),
    )


def _order_members(seed: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """Memberships of users the spec never names: no example and no link of a run deactivates
    them (the sandbox refuses orders for a deactivated user)."""
    spec_text = json.dumps(load_spec())
    return tuple(
        (str(user["id"]), str(membership["groupId"]))
        for user in seed.get("users", ())
        if json.dumps(str(user["id"])) not in spec_text
        for membership in user.get("groups", ())
    )


def _products(seed: Mapping[str, Any]) -> tuple[ProductLimits, ...]:
    catalogue = [Product.from_seed(entry) for entry in seed.get("products", ())]
    return tuple(
        ProductLimits(product.code, float(product.min_spend), float(product.max_spend))
        # A product that names its variables refuses others; generated names are others.
        for product in catalogue or DEFAULT_PRODUCTS
        if product.active and product.variables is None
    )
