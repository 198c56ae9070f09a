from typing import Literal

Permission = Literal["READ"]

PERMISSION_VALUES: set[Permission] = {
    "READ",
}


def check_permission(value: str) -> Permission:
    if value in PERMISSION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PERMISSION_VALUES!r}")
