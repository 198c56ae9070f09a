"""The generated client offers every operation of the spec, sync and async, under the names
openapi-python-client gives them (tag package, operation module), and nothing else."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import evocalize_client.api
import pytest
from openapi_doc import Operation, operations
from openapi_python_client.strings import snake_case

OPERATIONS = operations()
# The callables openapi-python-client generates for every operation.
CALLS = ("sync", "sync_detailed", "asyncio", "asyncio_detailed")


def generated_modules() -> set[str]:
    """Every operation module under `evocalize_client.api`, one package per tag."""
    found = set()
    for tag in pkgutil.iter_modules(evocalize_client.api.__path__):
        package = importlib.import_module(f"{evocalize_client.api.__name__}.{tag.name}")
        found |= {f"{package.__name__}.{m.name}" for m in pkgutil.iter_modules(package.__path__)}
    return found


def module_name(op: Operation) -> str:
    return f"evocalize_client.api.{snake_case(op.node['tags'][0])}.{snake_case(op.id)}"


@pytest.mark.parametrize("op", OPERATIONS, ids=[op.id for op in OPERATIONS])
def test_each_operation_has_sync_and_async_functions(op: Operation) -> None:
    module = importlib.import_module(module_name(op))
    for call in CALLS:
        function = getattr(module, call)
        assert inspect.iscoroutinefunction(function) == call.startswith("asyncio"), call


def test_the_client_has_exactly_the_operations_of_the_spec() -> None:
    generated = generated_modules()
    assert generated == {module_name(op) for op in OPERATIONS}
    assert len(generated) == len(OPERATIONS) == 50


def test_operations_with_a_json_query_parameter_are_generated_with_it() -> None:
    # openapi-python-client 0.29.1 drops an operation whose parameter uses `content`;
    # scripts/regenerate hands the client that parameter as JSON text instead.
    json_parameters = [(op, p) for op in OPERATIONS for p in op.parameters() if "content" in p]
    assert {op.id for op, _ in json_parameters} == {"listRepositoryGrants", "listItemGrants"}
    for op, param in json_parameters:
        module = importlib.import_module(module_name(op))
        keyword = snake_case(param["name"])
        assert keyword in inspect.signature(module.sync_detailed).parameters, op.id
