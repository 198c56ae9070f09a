"""Who a grant reaches, and how grants are upserted (the API reference's "Access Control" section).

A user holds the sum of the grants whose grantee matches them (the grantee types of Access Control):
ORGANIZATION matches every user, USER the one user, GROUP every member of the group, GROUP_ROLE
the members with that role, and USER_IN_GROUP the user while that group is selected; with no
selection in the API, the sandbox counts it while the user belongs to the group.

Grants are upserted by grantee: a grant replaces the grant of the same grantee, the others stay,
and an empty permission list removes the grantee's grant (audiences and media).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

ORGANIZATION = "ORGANIZATION"
USER = "USER"
GROUP = "GROUP"
GROUP_ROLE = "GROUP_ROLE"
USER_IN_GROUP = "USER_IN_GROUP"


@dataclass(frozen=True, order=True)
class GranteeKey:
    """A grantee with only the fields its type uses, so equal grantees compare equal."""

    type: str
    user_id: str | None = None
    group_id: str | None = None
    group_role: str | None = None

    @classmethod
    def of(
        cls,
        type: str,
        user_id: str | None = None,
        group_id: str | None = None,
        group_role: str | None = None,
    ) -> GranteeKey:
        return cls(
            type,
            user_id if type in (USER, USER_IN_GROUP) else None,
            group_id if type in (GROUP, GROUP_ROLE, USER_IN_GROUP) else None,
            group_role if type == GROUP_ROLE else None,
        )

    def missing_field(self) -> str | None:
        """The field this grantee's type needs but lacks, if any."""
        if self.type in (USER, USER_IN_GROUP) and not self.user_id:
            return "userId"
        if self.type in (GROUP, GROUP_ROLE, USER_IN_GROUP) and not self.group_id:
            return "groupId"
        if self.type == GROUP_ROLE and not self.group_role:
            return "groupRole"
        return None

    def as_json(self) -> dict[str, str]:
        grantee = {"type": self.type}
        for name, value in (
            ("userId", self.user_id),
            ("groupId", self.group_id),
            ("groupRole", self.group_role),
        ):
            if value is not None:
                grantee[name] = value
        return grantee


def reaches(grantee: GranteeKey, user_id: str, memberships: Mapping[str, str]) -> bool:
    """Whether `grantee` covers the user, given the user's groups and role in each."""
    if grantee.type == ORGANIZATION:
        return True
    if grantee.type == USER:
        return grantee.user_id == user_id
    if grantee.type == GROUP:
        return grantee.group_id in memberships
    if grantee.type == GROUP_ROLE:
        role = memberships.get(grantee.group_id or "")
        return role is not None and role == grantee.group_role
    if grantee.type == USER_IN_GROUP:
        return grantee.user_id == user_id and grantee.group_id in memberships
    return False


def permissions_of(
    grants: Iterable[tuple[GranteeKey, Sequence[str]]],
    user_id: str,
    memberships: Mapping[str, str],
) -> frozenset[str]:
    """The sum of the permissions of every grant that reaches the user."""
    held: set[str] = set()
    for grantee, permissions in grants:
        if reaches(grantee, user_id, memberships):
            held.update(permissions)
    return frozenset(held)


def upsert(
    existing: Mapping[GranteeKey, tuple[str, ...]],
    changes: Iterable[tuple[GranteeKey, Sequence[str]]],
) -> dict[GranteeKey, tuple[str, ...]]:
    """The grants after upserting `changes`: same grantee replaced, empty permissions removed."""
    result = dict(existing)
    for grantee, permissions in changes:
        if permissions:
            result[grantee] = tuple(sorted(set(permissions)))
        else:
            result.pop(grantee, None)
    return result
