from typing import Literal

CancellationType = Literal["deferred", "immediate"]

CANCELLATION_TYPE_VALUES: set[CancellationType] = {
    "deferred",
    "immediate",
}


def check_cancellation_type(value: str) -> CancellationType:
    if value in CANCELLATION_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CANCELLATION_TYPE_VALUES!r}")
