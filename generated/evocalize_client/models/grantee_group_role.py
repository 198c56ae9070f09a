from typing import Literal

GranteeGroupRole = Literal["group_admin", "group_user"]

GRANTEE_GROUP_ROLE_VALUES: set[GranteeGroupRole] = {
    "group_admin",
    "group_user",
}


def check_grantee_group_role(value: str) -> GranteeGroupRole:
    if value in GRANTEE_GROUP_ROLE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GRANTEE_GROUP_ROLE_VALUES!r}")
