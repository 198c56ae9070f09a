"""The Adnuntius fake and the generated `adnuntius_client` over it, with the overlay's session
auth and retry transport (its pauses recorded instead of slept)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from adnuntius_client import Client
from evocalize.profiles import adnuntius
from evocalize.session_auth import SessionAuth

from profiles.adnuntius.fake_adnuntius import PASSWORD, USERNAME, FakeAdnuntius
from profiles.fake_support import client_over

BASE_URL = "https://api.adnuntius.com"


@pytest.fixture
def fake() -> FakeAdnuntius:
    return FakeAdnuntius()


@pytest.fixture
def auth() -> SessionAuth:
    return adnuntius.session_auth(USERNAME, PASSWORD)


@pytest.fixture
def connect(fake: FakeAdnuntius, pauses: list[float]) -> Callable[[SessionAuth], Client]:
    """A client over the fake with the auth given (another user, a wrong password)."""
    return lambda auth: client_over(Client, BASE_URL, adnuntius.PROFILE, fake.app, auth, pauses)


@pytest.fixture
def client(connect: Callable[[SessionAuth], Client], auth: SessionAuth) -> Client:
    return connect(auth)
