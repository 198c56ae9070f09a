"""32 writers at once against the sandbox over real HTTP, through the facade: upserting the
same ids, and each its own. No answer is a 5xx and every write a 2xx; each shared object ends
equal to exactly one of the writes made to it (the whole object: no field of one write beside a
field of another); and the objects counted through the listing are exactly those written.

Retries are off, so a 5xx or a dropped connection could not hide behind a successful retry."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from evocalize import Evocalize
from evocalize.retries import NO_RETRIES
from evocalize_sandbox.app import create_app
from served import serving

KEY_ID = "concurrent-partner"
SECRET = "concurrent-secret-3f9a"
WRITERS = 32
SHARED = 3  # ids of each kind every writer writes
OWN = 3  # ids of each kind only one writer writes
REPOSITORY = "listings"
MEMBERSHIP_GROUPS = [f"team{n}" for n in range(4)]


def user(writer: int, user_id: str) -> dict[str, Any]:
    """A write whose every field says which writer made it."""
    return {
        "id": user_id,
        "name": f"{user_id} by writer {writer}",
        "email": f"writer{writer}.{user_id}@example.com",
        "replaceGroups": True,
        "groups": [
            {
                "groupId": MEMBERSHIP_GROUPS[writer % 4],
                "role": ("group_user", "group_admin")[writer % 2],
            }
        ],
    }


def group(writer: int, group_id: str) -> dict[str, Any]:
    return {"id": group_id, "name": f"{group_id} by writer {writer}"}


def item(writer: int, item_id: str) -> dict[str, Any]:
    return {
        "values": {
            "id": item_id,
            "address": f"{writer} Writer Street",
            "price": 1000 * writer + 1,
            "featured": writer % 2 == 0,
            "bedrooms": writer,
        }
    }


def stored_user(write: dict[str, Any]) -> dict[str, Any]:
    """The user as `getUser` shows it after `write` (groups with their names and roles)."""
    (membership,) = write["groups"]
    return {
        "id": write["id"],
        "name": write["name"],
        "email": write["email"],
        "groups": [
            {
                "id": membership["groupId"],
                "name": f"Team {membership['groupId']}",
                "role": membership["role"],
            }
        ],
    }


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[str]:
    app = create_app(database_url=f"sqlite:///{tmp_path / 'sandbox.db'}", clients={KEY_ID: SECRET})
    with serving(app) as url:
        with Evocalize(base_url=url, key_id=KEY_ID, secret=SECRET) as ev:
            for group_id in MEMBERSHIP_GROUPS:
                ev.groups.create_or_update_group(body={"id": group_id, "name": f"Team {group_id}"})
        yield url
    app.state.sandbox.engine.dispose()


def run_writers(
    url: str, writes_of: Callable[[int], list[tuple[str, dict[str, Any]]]]
) -> list[int]:
    """Every writer sends its writes (kind, body) at the same moment; returns every status."""
    start = threading.Barrier(WRITERS)
    statuses: list[int] = []
    lock = threading.Lock()

    def writer(number: int) -> None:
        with Evocalize(base_url=url, key_id=KEY_ID, secret=SECRET, retries=NO_RETRIES) as ev:
            calls = {
                "user": lambda body: ev.users.with_raw_response.create_or_update_user(body=body),
                "group": lambda body: ev.groups.with_raw_response.create_or_update_group(body=body),
                "item": lambda body: ev.content.with_raw_response.create_or_update_item(
                    repository_id=REPOSITORY, body=body
                ),
            }
            writes = writes_of(number)
            start.wait(timeout=30)
            for kind, body in writes:
                response: httpx.Response = calls[kind](body)
                with lock:
                    statuses.append(response.status_code)

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        for future in [pool.submit(writer, number) for number in range(WRITERS)]:
            future.result(timeout=60)
    return statuses


def writes(writer: int, prefix: str, count: int) -> list[tuple[str, dict[str, Any]]]:
    """`count` users, groups and items, each writer starting at another place in the list, so
    that the requests in flight at once touch different ids as well as the same ones."""
    every = [
        *[("user", user(writer, f"{prefix}-user-{n}")) for n in range(count)],
        *[("group", group(writer, f"{prefix}-group-{n}")) for n in range(count)],
        *[("item", item(writer, f"{prefix}-item-{n}")) for n in range(count)],
    ]
    turn = writer % len(every)
    return every[turn:] + every[:turn]


def assert_all_written(statuses: list[int], expected: int) -> None:
    assert len(statuses) == expected
    assert not [s for s in statuses if s >= 500], f"5xx answers: {sorted(statuses)}"
    assert all(s == 201 for s in statuses), f"not every write was accepted: {sorted(set(statuses))}"


def test_writers_of_the_same_ids_leave_each_equal_to_one_whole_write(sandbox: str) -> None:
    statuses = run_writers(sandbox, lambda writer: writes(writer, "shared", SHARED))
    assert_all_written(statuses, WRITERS * SHARED * 3)

    with Evocalize(base_url=sandbox, key_id=KEY_ID, secret=SECRET) as ev:
        for n in range(SHARED):
            user_id, group_id, item_id = f"shared-user-{n}", f"shared-group-{n}", f"shared-item-{n}"
            got_user = ev.users.get_user(user_id).to_dict()
            assert got_user in [stored_user(user(w, user_id)) for w in range(WRITERS)], got_user
            got_item = ev.content.get_item(REPOSITORY, item_id).to_dict()
            assert got_item in [item(w, item_id) for w in range(WRITERS)], got_item
        groups = {g.id: g.to_dict() for g in ev.groups.list_groups()}
        users = [u.id for u in ev.users.list_users()]

    for n in range(SHARED):
        group_id = f"shared-group-{n}"
        assert groups[group_id] in [group(w, group_id) for w in range(WRITERS)], groups[group_id]
    assert sorted(groups) == sorted(
        [*MEMBERSHIP_GROUPS, *(f"shared-group-{n}" for n in range(SHARED))]
    )
    assert sorted(users) == [f"shared-user-{n}" for n in range(SHARED)]


def test_writers_of_their_own_ids_lose_nothing(sandbox: str) -> None:
    statuses = run_writers(sandbox, lambda writer: writes(writer, f"w{writer:02d}", OWN))
    assert_all_written(statuses, WRITERS * OWN * 3)

    with Evocalize(base_url=sandbox, key_id=KEY_ID, secret=SECRET) as ev:
        listed = {u.id: u.to_dict() for u in ev.users.list_users()}
        users = {user_id: ev.users.get_user(user_id).to_dict() for user_id in listed}
        groups = {g.id: g.to_dict() for g in ev.groups.list_groups()}
        items = {
            f"w{w:02d}-item-{n}": ev.content.get_item(REPOSITORY, f"w{w:02d}-item-{n}").to_dict()
            for w in range(WRITERS)
            for n in range(OWN)
        }

    expected_users = {
        f"w{w:02d}-user-{n}": stored_user(user(w, f"w{w:02d}-user-{n}"))
        for w in range(WRITERS)
        for n in range(OWN)
    }
    assert len(listed) == WRITERS * OWN
    assert users == expected_users
    # The listing shows users without their groups.
    assert listed == {
        user_id: {key: value for key, value in write.items() if key != "groups"}
        for user_id, write in expected_users.items()
    }
    expected_groups = {
        f"w{w:02d}-group-{n}": group(w, f"w{w:02d}-group-{n}")
        for w in range(WRITERS)
        for n in range(OWN)
    }
    assert {k: v for k, v in groups.items() if k not in MEMBERSHIP_GROUPS} == expected_groups
    assert items == {
        f"w{w:02d}-item-{n}": item(w, f"w{w:02d}-item-{n}")
        for w in range(WRITERS)
        for n in range(OWN)
    }
