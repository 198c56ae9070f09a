from typing import Literal

GroupRole = Literal[
    "group_admin",
    "group_user",
    "team_admin",
    "team_guest",
    "team_lead",
    "team_member",
    "team_viewer",
]

GROUP_ROLE_VALUES: set[GroupRole] = {
    "group_admin",
    "group_user",
    "team_admin",
    "team_guest",
    "team_lead",
    "team_member",
    "team_viewer",
}


def check_group_role(value: str) -> GroupRole:
    if value in GROUP_ROLE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GROUP_ROLE_VALUES!r}")
