from typing import Literal

AccessRole = Literal["any", "group_admin", "group_user"]

ACCESS_ROLE_VALUES: set[AccessRole] = {
    "any",
    "group_admin",
    "group_user",
}


def check_access_role(value: str) -> AccessRole:
    if value in ACCESS_ROLE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ACCESS_ROLE_VALUES!r}")
