"""Every peer's typed client stands on its own: generated from its profile into
`<name>_resources` on the profiles' runtime, with the peer's base URL, auth, errors and paging,
and nothing of Evocalize's (no base URL, no signing headers, no `EV_*` codes, no import of
Evocalize's generated packages)."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import httpx
import pytest
from evocalize.errors import APIError
from evocalize.profiles.runtime import AsyncAPIClient, SyncAPIClient
from evocalize_resources import DEFAULT_BASE_URL as EVOCALIZE_BASE_URL

ROOT = Path(__file__).resolve().parents[2]
PEERS = {
    "invoca": ("InvocaClient", {"token": "t"}),
    "appnexus": ("AppNexusClient", {"username": "u", "password": "p"}),
    "bidtheatre": ("BidTheatreClient", {"username": "u", "password": "p"}),
    "adnuntius": ("AdnuntiusClient", {"api_key": "k"}),
}


@pytest.mark.parametrize("name", sorted(PEERS))
def test_the_client_has_the_peers_defaults_and_none_of_evocalizes(name: str) -> None:
    wiring = importlib.import_module(f"evocalize.profiles.{name}")
    resources = importlib.import_module(f"{name}_resources")
    class_name, credentials = PEERS[name]
    sync_class = getattr(wiring, class_name)
    async_class = getattr(wiring, f"Async{class_name}")
    assert issubclass(sync_class, SyncAPIClient) and issubclass(async_class, AsyncAPIClient)
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(500, json={})

    client: Any = sync_class(
        **credentials,
        transport=httpx.MockTransport(answer),
        policy=None,
        retry_options={"sleep": lambda _: None},
    )
    assert client.base_url == resources.DEFAULT_BASE_URL != EVOCALIZE_BASE_URL
    assert "evocalize" not in resources.DEFAULT_BASE_URL
    operation = next(op for op in resources.OPERATIONS.values() if op.method == "GET")
    with pytest.raises(APIError):
        client._call(operation, [1] * len(operation.path_params))
    assert seen, "nothing was sent"
    for request in seen:
        assert not [
            header for header in request.headers if header.lower().startswith("x-evocalize")
        ]
    assert not [code for code in wiring.ERRORS.codes if code.startswith("EV_")]


@pytest.mark.parametrize("name", sorted(PEERS))
def test_the_generated_layer_imports_nothing_of_evocalizes_generated_packages(name: str) -> None:
    for module in (ROOT / "generated" / f"{name}_resources").glob("*.py"):
        text = module.read_text(encoding="utf-8")
        for foreign in ("evocalize_client", "evocalize_models", "evocalize._base_client"):
            assert foreign not in text, f"{module.name} names {foreign}"
