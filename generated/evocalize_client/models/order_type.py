from typing import Literal

OrderType = Literal["purchase", "subscription"]

ORDER_TYPE_VALUES: set[OrderType] = {
    "purchase",
    "subscription",
}


def check_order_type(value: str) -> OrderType:
    if value in ORDER_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ORDER_TYPE_VALUES!r}")
