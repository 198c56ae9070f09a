"""`evocalize sandbox seed --show`: what a fresh sandbox database starts with.

The API cannot create repositories, products or Facebook pages, so a partner needs to know which
ones the built-in seed gives (`default_seed.yaml`, and the product catalogue of
`rules/products.py`). `--json` prints them as a seed file, a starting point for `--seed FILE`.
`cli.py` mounts it on the `evocalize sandbox` sub-app; the seed is read only when it runs.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import typer

# How a seed file gives Facebook pages (resources/users.py), for when the seed has none.
_PAGES_FORMAT = "facebookPages: [{userId, id, facebookPageName, facebookPageId, instagramId?}]"


def builtin_seed() -> dict[str, Any]:
    """The built-in seed as a seed document: its repositories, the products a database seeded
    without `products` sells, and its Facebook pages (none)."""
    from .rules.products import DEFAULT_PRODUCTS
    from .seed import default_seed

    document = dict(default_seed())
    document.setdefault("products", [product.to_seed() for product in DEFAULT_PRODUCTS])
    document.setdefault("facebookPages", [])
    return document


def seed(
    show: bool = typer.Option(
        False, "--show", help="Print the built-in seed's repositories, products and pages."
    ),
    as_json: bool = typer.Option(
        False, "--json", help="JSON output, itself a seed file for --seed (scripts)."
    ),
) -> None:
    """Show the built-in seed: the repositories (with their fields), products (code, spend
    limits, immutable variables) and Facebook pages a fresh sandbox database starts with. The
    API cannot create these; `evocalize sandbox --seed FILE` replaces them.

    Example: evocalize sandbox seed --show
    """
    if not show and not as_json:
        raise typer.BadParameter("give --show (or --json) to print the built-in seed")
    document = builtin_seed()
    if as_json:
        typer.echo(json.dumps(document, indent=2))
        return
    typer.echo("\n".join(describe_seed(document)))


def describe_seed(document: Mapping[str, Any]) -> list[str]:
    """The seed, readable: one block per section, one line per object."""
    lines: list[str] = []
    repositories = document.get("repositories", [])
    lines.append(f"Repositories ({len(repositories)}):")
    for repository in repositories:
        access = "writable" if repository.get("isWritable", True) else "read-only"
        description = repository.get("description")
        about = f": {description}" if description else ""
        lines.append(f"  {repository['id']}  {repository.get('name', '')}{about} ({access})")
        for field in repository.get("fields", []):
            nullable = "nullable" if field.get("isNullable", True) else "required"
            lines.append(f"      {field['name']}: {field.get('type', 'string')}, {nullable}")
    products = document.get("products", [])
    lines.append("")
    lines.append(f"Products ({len(products)}; an order's productCode is the code or pid_<id>):")
    for product in products:
        state = "" if product.get("active", True) else ", inactive"
        lines.append(f"  {product['code']}  {product.get('name', '')} (id {product['id']}{state})")
        lines.append(
            f"      spend {_amount(product.get('minSpend'))} to {_amount(product.get('maxSpend'))}"
        )
        variables = product.get("variables")
        lines.append(
            "      variables: " + (", ".join(variables) if variables is not None else "any")
        )
        immutable = product.get("immutableVariables") or []
        lines.append("      immutable variables: " + (", ".join(immutable) or "none"))
        fee = Decimal(str(product.get("cancellationFeeRate", 0)))
        if fee:
            lines.append(
                f"      cancellation fee: {(fee * 100).normalize():f}% of a started order's refund"
            )
    pages = document.get("facebookPages", [])
    lines.append("")
    if pages:
        lines.append(f"Facebook pages ({len(pages)}):")
        for page in pages:
            instagram = f", Instagram {page['instagramId']}" if page.get("instagramId") else ""
            lines.append(
                f"  {page['facebookPageName']} (page id {page['facebookPageId']}{instagram}) "
                f"of user {page['userId']}"
            )
    else:
        lines.append(f"Facebook pages: none; a seed file gives them as {_PAGES_FORMAT}")
    return lines


def _amount(value: object) -> str:
    return f"{Decimal(str(value)).normalize():f}" if value is not None else "?"
