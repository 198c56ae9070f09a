"""The AppNexus fake and the generated `appnexus_client` over it, with the overlay's session auth
and retry transport (its pauses recorded instead of slept)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from appnexus_client import Client
from evocalize.profiles import appnexus
from evocalize.session_auth import SessionAuth

from profiles.appnexus.fake_appnexus import PASSWORD, USERNAME, FakeAppNexus
from profiles.fake_support import ASGISyncTransport

BASE_URL = "https://api-test.adnxs.com"


@pytest.fixture
def fake() -> FakeAppNexus:
    return FakeAppNexus()


@pytest.fixture
def auth() -> SessionAuth:
    return appnexus.session_auth(USERNAME, PASSWORD)


def client_over(
    fake: FakeAppNexus, auth: SessionAuth, pauses: list[float], **options: object
) -> Client:
    transport = appnexus.retry_transport(
        ASGISyncTransport(fake.app), sleep=pauses.append, rand=lambda: 0.5
    )
    return Client(base_url=BASE_URL, httpx_args={"auth": auth, "transport": transport})


@pytest.fixture
def connect(fake: FakeAppNexus, pauses: list[float]) -> Callable[[SessionAuth], Client]:
    """A client over the fake with the auth given (another user, a wrong password)."""
    return lambda auth: client_over(fake, auth, pauses)


@pytest.fixture
def client(fake: FakeAppNexus, auth: SessionAuth, pauses: list[float]) -> Client:
    return client_over(fake, auth, pauses)
