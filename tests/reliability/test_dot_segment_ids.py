"""An id that is exactly `.` or `..` never names a path segment, for every path parameter of
every operation of openapi.yaml, at every layer.

RFC 3986 removes such segments before a request is sent (`DELETE .../item/../grants` becomes
`DELETE .../grants`), and servers and proxies decode `%2E` first, so a request naming one would
reach another operation. The spec forbids them (`Identifier`'s pattern); the facade, `evocalize
call` and the raw generated functions refuse them before sending; the sandbox answers 400
`EV_BAD_REQUEST_INVALID_FIELDS`, naming the parameter, for one that arrives percent-encoded.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import pkgutil
import time
from collections.abc import Iterator
from types import ModuleType
from urllib.parse import quote

import evocalize_client.api
import httpx
import pytest
from cli_runner import evocalize
from evocalize import Evocalize, RequestValidationError
from evocalize._operation import snake_case
from evocalize.signing import KEY_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from evocalize.spec import OperationSpec, operation_specs
from evocalize_client import AuthenticatedClient
from evocalize_client.errors import DotSegmentError
from evocalize_sandbox.app import create_app
from openapi_doc import load_spec
from served import serving

KEY_ID, SECRET = "dots-partner", "dots-secret-0c1d"
DOTS = (".", "..")
# A port nothing listens on: a request that left would fail to connect, not be refused.
NOWHERE = "http://127.0.0.1:9"


def _path_parameters(operation: OperationSpec) -> list[str]:
    return [p["name"] for p in operation.parameters if p["in"] == "path"]


CASES = [
    (operation, name, dots)
    for operation in operation_specs()
    for name in _path_parameters(operation)
    for dots in DOTS
]
IDS = [f"{operation.operation_id}-{name}-{dots}" for operation, name, dots in CASES]


def path_values(operation: OperationSpec, name: str, dots: str) -> dict[str, str]:
    """Every path parameter a valid id, except `name`."""
    return {other: dots if other == name else "ok-id" for other in _path_parameters(operation)}


def test_the_walk_covers_every_path_parameter_of_the_spec() -> None:
    spec = load_spec()
    templated = {
        (method, path)
        for path, item in spec["paths"].items()
        for method in item
        if "{" in path and method in {"get", "put", "post", "delete", "patch"}
    }
    walked = {(operation.method, operation.path) for operation, _, _ in CASES}
    assert walked == templated
    assert len(CASES) >= 19 * 2


# --- the facade


@pytest.mark.parametrize(("operation", "name", "dots"), CASES, ids=IDS)
def test_the_facade_refuses_a_dot_segment_before_sending(
    operation: OperationSpec, name: str, dots: str
) -> None:
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200)

    transport = httpx.MockTransport(record)
    with (
        Evocalize(base_url=NOWHERE, key_id=KEY_ID, secret=SECRET, transport=transport) as ev,
        pytest.raises(RequestValidationError) as refused,
    ):
        ev.call(operation.operation_id, **path_values(operation, name, dots))
    assert refused.value.field == name
    assert sent == []


# --- evocalize call


def _cli_body(operation: OperationSpec) -> list[str]:
    schema_type = operation.request_body_schema.get("type")
    if not operation.node.get("requestBody"):
        return []
    return ["--body", "[]" if schema_type == "array" else "{}"]


@pytest.mark.parametrize(("operation", "name", "dots"), CASES, ids=IDS)
def test_evocalize_call_refuses_a_dot_segment_before_sending(
    operation: OperationSpec, name: str, dots: str
) -> None:
    params = [f"--param={key}={value}" for key, value in path_values(operation, name, dots).items()]
    env = {
        "EVOCALIZE_BASE_URL": NOWHERE,
        "EVOCALIZE_CLIENT_KEY_ID": KEY_ID,
        "EVOCALIZE_CLIENT_KEY": SECRET,
    }
    result = evocalize("call", operation.operation_id, *params, *_cli_body(operation), env=env)
    assert result.exit_code == 1, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("EV_BAD_REQUEST_INVALID_FIELDS: ")
    assert line.endswith("nothing was sent")
    assert name in line


# --- the raw generated functions


def _generated_modules() -> dict[str, ModuleType]:
    found = {}
    for info in pkgutil.walk_packages(evocalize_client.api.__path__, "evocalize_client.api."):
        module = importlib.import_module(info.name)
        if hasattr(module, "_get_kwargs"):
            found[info.name.rsplit(".", 1)[-1]] = module
    return found


GENERATED = _generated_modules()


def _raw_arguments(module: ModuleType, values: dict[str, str]) -> dict[str, object]:
    """The path values by their Python names, every other argument None."""
    by_python_name = {snake_case(name): value for name, value in values.items()}
    arguments: dict[str, object] = {}
    for parameter in inspect.signature(module._get_kwargs).parameters.values():
        arguments[parameter.name] = by_python_name.get(parameter.name)
    assert set(by_python_name) <= set(arguments)
    return arguments


@pytest.mark.parametrize(("operation", "name", "dots"), CASES, ids=IDS)
def test_the_raw_generated_functions_refuse_a_dot_segment_before_sending(
    operation: OperationSpec, name: str, dots: str
) -> None:
    module = GENERATED[snake_case(operation.operation_id)]
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200)

    client = AuthenticatedClient(base_url=NOWHERE, token="unused").set_httpx_client(
        httpx.Client(base_url=NOWHERE, transport=httpx.MockTransport(record))
    )
    async_client = AuthenticatedClient(base_url=NOWHERE, token="unused").set_async_httpx_client(
        httpx.AsyncClient(base_url=NOWHERE, transport=httpx.MockTransport(record))
    )
    arguments = _raw_arguments(module, path_values(operation, name, dots))
    with pytest.raises(DotSegmentError) as refused:
        module.sync_detailed(client=client, **arguments)
    assert (refused.value.name, refused.value.value) == (name, dots)
    with pytest.raises(DotSegmentError):
        asyncio.run(module.asyncio_detailed(client=async_client, **arguments))
    assert sent == []


# --- the sandbox


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = tmp_path_factory.mktemp("dot-segments") / "sandbox.db"
    app = create_app(database_url=f"sqlite:///{database}", clients={KEY_ID: SECRET})
    with serving(app) as url:
        yield url
    app.state.sandbox.engine.dispose()


@pytest.mark.parametrize(("operation", "name", "dots"), CASES, ids=IDS)
def test_the_sandbox_answers_400_for_an_encoded_dot_segment(
    sandbox: str, operation: OperationSpec, name: str, dots: str
) -> None:
    # `%2E` for each dot: httpx keeps it, where it would remove a literal `.` segment.
    values = {
        key: value.replace(".", "%2E") if key == name else quote(value, safe="")
        for key, value in path_values(operation, name, dots).items()
    }
    path = operation.path.format(**values)
    stamp = str(int(time.time()))
    headers = {
        KEY_ID_HEADER: KEY_ID,
        TIMESTAMP_HEADER: stamp,
        SIGNATURE_HEADER: sign(path, b"", stamp, SECRET),
    }
    request = httpx.Request(operation.method.upper(), sandbox + path, headers=headers)
    assert request.url.raw_path.decode() == path  # sent as written
    with httpx.Client(timeout=30) as http:
        response = http.send(request)
    assert response.status_code == 400, response.text
    (error,) = response.json()["errors"]
    assert (error["code"], error.get("field")) == ("EV_BAD_REQUEST_INVALID_FIELDS", name)
