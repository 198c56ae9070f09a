"""The Adnuntius fake and the generated `adnuntius_client` over it, with the overlay's session
auth and retry transport (its pauses recorded instead of slept)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from adnuntius_client import Client
from evocalize.profiles import adnuntius
from evocalize.session_auth import SessionAuth

from profiles.adnuntius.fake_adnuntius import PASSWORD, USERNAME, FakeAdnuntius
from profiles.fake_support import ASGISyncTransport

BASE_URL = "https://api.adnuntius.com"


@pytest.fixture
def fake() -> FakeAdnuntius:
    return FakeAdnuntius()


@pytest.fixture
def auth() -> SessionAuth:
    return adnuntius.session_auth(USERNAME, PASSWORD)


def client_over(fake: FakeAdnuntius, auth: SessionAuth, pauses: list[float]) -> Client:
    transport = adnuntius.retry_transport(
        ASGISyncTransport(fake.app), sleep=pauses.append, rand=lambda: 0.5
    )
    return Client(base_url=BASE_URL, httpx_args={"auth": auth, "transport": transport})


@pytest.fixture
def connect(fake: FakeAdnuntius, pauses: list[float]) -> Callable[[SessionAuth], Client]:
    """A client over the fake with the auth given (another user, a wrong password)."""
    return lambda auth: client_over(fake, auth, pauses)


@pytest.fixture
def client(fake: FakeAdnuntius, auth: SessionAuth, pauses: list[float]) -> Client:
    return client_over(fake, auth, pauses)
