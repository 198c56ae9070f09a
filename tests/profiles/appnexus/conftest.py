"""The AppNexus fake and the generated `appnexus_client` over it, with the overlay's session auth
and retry transport (its pauses recorded instead of slept)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from appnexus_client import Client
from evocalize.profiles import appnexus
from evocalize.session_auth import SessionAuth

from profiles.appnexus.fake_appnexus import PASSWORD, USERNAME, FakeAppNexus
from profiles.fake_support import client_over

BASE_URL = "https://api-test.adnxs.com"


@pytest.fixture
def fake() -> FakeAppNexus:
    return FakeAppNexus()


@pytest.fixture
def auth() -> SessionAuth:
    return appnexus.session_auth(USERNAME, PASSWORD)


@pytest.fixture
def connect(fake: FakeAppNexus, pauses: list[float]) -> Callable[[SessionAuth], Client]:
    """A client over the fake with the auth given (another user, a wrong password)."""
    return lambda auth: client_over(Client, BASE_URL, appnexus.PROFILE, fake.app, auth, pauses)


@pytest.fixture
def client(connect: Callable[[SessionAuth], Client], auth: SessionAuth) -> Client:
    return connect(auth)
