"""The product catalogue orders are placed against, and how a `productCode` names a product.

The API has no product operations: Evocalize sets products up with each partner. The sandbox
reads them from the seed file's `products` list (or uses `DEFAULT_PRODUCTS`), each entry:

    {"id": "1234567890", "code": "single_image_ad", "name": "Single Image Ad",
     "active": true, "minSpend": 10, "maxSpend": 10000,
     "variables": ["headline", "bodyText"],      # optional: the only variable names accepted
     "immutableVariables": ["accountId"],        # optional: fixed once the order is placed
     "cancellationFeeRate": 0.1}                  # optional: share of a started order's refund kept

The API reference's Orders section: a `productCode` is the code of an active product, or
`pid_<id>` for its id; some products make variables (a marketing account id, for example)
immutable once the order is placed, so an edit must not include them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .violations import INVALID_FIELDS, RuleViolation

PRODUCT_ID_PREFIX = "pid_"


@dataclass(frozen=True)
class Product:
    id: str
    code: str
    name: str
    min_spend: Decimal
    max_spend: Decimal
    active: bool = True
    # None accepts any variable name; a tuple names the only ones accepted.
    variables: tuple[str, ...] | None = None
    cancellation_fee_rate: Decimal = Decimal(0)
    # Variables an order edit must not include: they are fixed once the order is placed.
    immutable_variables: tuple[str, ...] = ()

    @classmethod
    def from_seed(cls, entry: Mapping[str, Any]) -> Product:
        """A product from one entry of the seed file's `products` list (camelCase keys)."""
        variables = entry.get("variables")
        product = cls(
            id=str(entry["id"]),
            code=str(entry.get("code", entry["id"])),
            name=str(entry.get("name", entry.get("code", entry["id"]))),
            min_spend=Decimal(str(entry.get("minSpend", 1))),
            max_spend=Decimal(str(entry.get("maxSpend", 1_000_000))),
            active=bool(entry.get("active", True)),
            variables=None if variables is None else tuple(str(v) for v in variables),
            cancellation_fee_rate=Decimal(str(entry.get("cancellationFeeRate", 0))),
            immutable_variables=tuple(str(v) for v in entry.get("immutableVariables", ())),
        )
        if not Decimal(0) < product.min_spend <= product.max_spend:
            raise ValueError(f"product {product.id}: need 0 < minSpend <= maxSpend")
        if not Decimal(0) <= product.cancellation_fee_rate <= Decimal(1):
            raise ValueError(f"product {product.id}: cancellationFeeRate lies in [0, 1]")
        if product.variables is not None:
            undeclared = set(product.immutable_variables) - set(product.variables)
            if undeclared:
                raise ValueError(
                    f"product {product.id}: immutableVariables {sorted(undeclared)} "
                    "are not among its variables"
                )
        return product

    def to_seed(self) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "id": self.id,
            "code": self.code,
            "name": self.name,
            "active": self.active,
            "minSpend": float(self.min_spend),
            "maxSpend": float(self.max_spend),
            "cancellationFeeRate": float(self.cancellation_fee_rate),
        }
        if self.variables is not None:
            entry["variables"] = list(self.variables)
        if self.immutable_variables:
            entry["immutableVariables"] = list(self.immutable_variables)
        return entry


# What a fresh sandbox sells. `pid_1234567890` is the product of the API reference's order examples.
DEFAULT_PRODUCTS: tuple[Product, ...] = tuple(
    Product.from_seed(entry)
    for entry in (
        {
            "id": "1234567890",
            "code": "single_image_ad",
            "name": "Single Image Ad",
            "minSpend": 10,
            "maxSpend": 10_000,
        },
        {
            "id": "1234567891",
            "code": "video_ad",
            "name": "Video Ad",
            "minSpend": 50,
            "maxSpend": 50_000,
            "variables": ["accountId", "pageId", "headline", "bodyText", "video"],
            "immutableVariables": ["accountId"],
            "cancellationFeeRate": 0.1,
        },
        {
            "id": "1234567892",
            "code": "retired_carousel_ad",
            "name": "Carousel Ad (retired)",
            "active": False,
            "minSpend": 10,
            "maxSpend": 10_000,
        },
    )
)


def find_product(code: str, catalogue: Iterable[Product]) -> Product:
    """The active product `code` names, by code or as `pid_<id>`; a 400 otherwise."""
    for product in catalogue:
        if code in (product.code, PRODUCT_ID_PREFIX + product.id):
            if not product.active:
                raise RuleViolation(INVALID_FIELDS, f"product {code} is not active", "productCode")
            return product
    raise RuleViolation(INVALID_FIELDS, f"no product {code}", "productCode")
