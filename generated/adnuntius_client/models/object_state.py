from typing import Literal

ObjectState = Literal["ACTIVE", "HIDDEN", "INACTIVE"]

OBJECT_STATE_VALUES: set[ObjectState] = {
    "ACTIVE",
    "HIDDEN",
    "INACTIVE",
}


def check_object_state(value: str) -> ObjectState:
    if value in OBJECT_STATE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OBJECT_STATE_VALUES!r}")
