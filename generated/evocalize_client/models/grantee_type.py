from typing import Literal

GranteeType = Literal["GROUP", "GROUP_ROLE", "ORGANIZATION", "USER", "USER_IN_GROUP"]

GRANTEE_TYPE_VALUES: set[GranteeType] = {
    "GROUP",
    "GROUP_ROLE",
    "ORGANIZATION",
    "USER",
    "USER_IN_GROUP",
}


def check_grantee_type(value: str) -> GranteeType:
    if value in GRANTEE_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GRANTEE_TYPE_VALUES!r}")
