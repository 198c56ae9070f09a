from typing import Literal

ListLineItemsOrderByDirection = Literal["ASCENDING", "DESCENDING"]

LIST_LINE_ITEMS_ORDER_BY_DIRECTION_VALUES: set[ListLineItemsOrderByDirection] = {
    "ASCENDING",
    "DESCENDING",
}


def check_list_line_items_order_by_direction(value: str) -> ListLineItemsOrderByDirection:
    if value in LIST_LINE_ITEMS_ORDER_BY_DIRECTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_LINE_ITEMS_ORDER_BY_DIRECTION_VALUES!r}"
    )
