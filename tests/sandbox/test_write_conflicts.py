"""Concurrent writes of the same new objects: on PostgreSQL, two upserts of one new id race to
insert it; the one that loses runs again and answers as if it had come second, never a 500."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sandbox_support import BASE_URL, signing_auth
from starlette.applications import Starlette
from starlette.testclient import TestClient

WRITERS = 8
USERS = 20


def test_concurrent_upserts_of_the_same_new_users_all_succeed(app: Starlette) -> None:
    group = {"id": "race-group", "name": "Race group"}
    with TestClient(app, base_url=BASE_URL) as http:
        http.auth = signing_auth()
        assert http.post("/management/v1/group", json=group).status_code in (200, 201)

    def writer(number: int) -> list[int]:
        with TestClient(app, base_url=BASE_URL, raise_server_exceptions=False) as http:
            http.auth = signing_auth()
            return [
                http.post(
                    "/management/v1/user",
                    json={
                        "id": f"racer{n}",
                        "name": f"Racer {n} by {number}",
                        "email": f"racer{n}@example.com",
                        "groups": [{"groupId": group["id"], "role": "group_user"}],
                    },
                ).status_code
                for n in range(USERS)
            ]

    with ThreadPoolExecutor(WRITERS) as pool:
        statuses = [status for answers in pool.map(writer, range(WRITERS)) for status in answers]
    assert set(statuses) == {201}, sorted(set(statuses))
