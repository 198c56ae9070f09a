"""Mistakes a type checker must catch in a partner's code: each line marked `# error` is one
that mypy --strict and pyright must both report (a mistyped operation, parameter or field, a
missing argument, a wrong type), and no other line may be reported. Type-checked, not run."""

from __future__ import annotations

from evocalize import AsyncEvocalize, Evocalize


def mistakes(ev: Evocalize) -> None:
    ev.users.get_usr("jane")  # error: a mistyped operation
    ev.users.get_user(user_idd="jane")  # error: a mistyped parameter
    print(ev.users.get_user("jane").emial)  # error: a mistyped field
    ev.users.get_user()  # error: a missing argument
    ev.users.get_user(42)  # error: a wrong type
    ev.users.list_user_media("jane", type="audio")  # error: not one of the enum's values
    ev.userz.get_user("jane")  # error: a mistyped area
    for user in ev.users.list_users():
        print(user.nmae)  # error: a mistyped field of a listed item


async def async_mistakes(aev: AsyncEvocalize) -> None:
    print((await aev.users.get_user("jane")).emial)  # error: a mistyped field
    async for user in aev.users.list_users():
        print(user.emial)  # error: a mistyped field of a listed item
