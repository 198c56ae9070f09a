from typing import Literal

ThingKind = Literal["large", "small"]

THING_KIND_VALUES: set[ThingKind] = {
    "large",
    "small",
}


def check_thing_kind(value: str) -> ThingKind:
    if value in THING_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {THING_KIND_VALUES!r}")
