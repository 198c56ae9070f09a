"""Which function answers each operation of the spec, and which applies each batch entry.

Resource modules register with the decorators at import; the app finds the modules under
`resources/` itself, so adding an operation never edits the core. An operation of the spec
that no module answers stops the app from being made, with a message naming the file to edit
(`check_every_operation_is_handled`).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from evocalize.spec import OperationSpec, operation_spec, operation_specs
from sqlalchemy.engine import Connection

from .context import EntryContext, Reply, RequestContext

Handler = Callable[[RequestContext], Reply]
EntryApplier = Callable[[EntryContext, Any], None]

HANDLERS: dict[str, Handler] = {}
ENTRY_APPLIERS: dict[str, EntryApplier] = {}

H = TypeVar("H", bound=Handler)
A = TypeVar("A", bound=EntryApplier)


# The operations whose handlers only read: the app may answer them in a read-only transaction.
READ_ONLY: set[str] = set()


def handles(operation_id: str, *, writes: bool | None = None) -> Callable[[H], H]:
    """Registers the function that answers `operation_id` (which must exist in the spec).

    A GET is taken to only read; one whose handler also writes says `writes=True`."""
    operation = operation_spec(operation_id)  # a typo fails at import, naming the known ones
    if writes is None:
        writes = operation.method != "get"

    def register(handler: H) -> H:
        if operation_id in HANDLERS and HANDLERS[operation_id] is not handler:
            raise ValueError(f"{operation_id} already has a handler")
        HANDLERS[operation_id] = handler
        if not writes:
            READ_ONLY.add(operation_id)
        return handler

    return register


# Appliers that check everything first and then write one statement, last: an entry that
# fails has written nothing, so on SQLite (where a failed statement undoes itself and the
# transaction goes on) they need no savepoint of their own.
WRITES_ONCE: set[EntryApplier] = set()


def applies_entry(operation_id: str, *, writes_once: bool = False) -> Callable[[A], A]:
    """Registers the function that applies one entry of the batch operation `operation_id`.

    It gets the entry as the JSON the client sent (already valid against the batch schema) and
    raises `ApiError` to record the entry as failed; its writes then roll back. `writes_once`
    promises that it raises before its one write statement, or not at all (see WRITES_ONCE)."""
    operation_spec(operation_id)

    def register(applier: A) -> A:
        ENTRY_APPLIERS[operation_id] = applier
        if writes_once:
            WRITES_ONCE.add(applier)
        return applier

    return register


def load_resources() -> None:
    """Imports every module of `evocalize_sandbox.resources` (each registers itself)."""
    from . import resources

    for module in pkgutil.iter_modules(resources.__path__):
        importlib.import_module(f"{resources.__name__}.{module.name}")


class UnhandledOperationError(RuntimeError):
    """An operation of the spec that the sandbox cannot answer (raised when the app is made)."""


_RESOURCES = "sandbox/evocalize_sandbox/resources"


def check_every_operation_is_handled(operations: Iterable[OperationSpec] | None = None) -> None:
    """Raises `UnhandledOperationError` when an operation of the spec (`operations`, by default
    those of `openapi.yaml`) has no `@handles` handler, or a batch operation no
    `@applies_entry` applier, naming the module to add it to: the one that answers the other
    operations of its tag, else a new module of `resources/` named after the tag."""
    load_resources()
    operations = tuple(operation_specs() if operations is None else operations)
    module_of_tag: dict[str, str] = {}
    for operation in operations:
        handler = HANDLERS.get(operation.operation_id)
        if handler is not None:
            module_of_tag.setdefault(operation.tag, handler.__module__.rpartition(".")[2])
    problems = []
    for operation in operations:
        module = module_of_tag.get(operation.tag)
        where = (
            f"{_RESOURCES}/{module}.py"
            if module is not None
            else f"a new module {_RESOURCES}/{_module_name(operation.tag)}.py (found on its own)"
        )
        if operation.operation_id not in HANDLERS:
            problems.append(
                f"no sandbox handler for operationId {operation.operation_id}: add one with "
                f'@handles("{operation.operation_id}") in {where}'
            )
        if operation.batch and operation.operation_id not in ENTRY_APPLIERS:
            problems.append(
                f"no entry applier for the batch operation {operation.operation_id}: add one "
                f'with @applies_entry("{operation.operation_id}") in {where}'
            )
    if problems:
        raise UnhandledOperationError(
            "\n".join([*problems, "(see CONTRIBUTING.md, 'Adding an operation')"])
        )


def _module_name(tag: str) -> str:
    """`Lead Concierge` -> `lead_concierge`."""
    return re.sub(r"[^0-9a-z]+", "_", tag.lower()).strip("_") or "operations"


Seeder = Callable[[Connection, Any], None]
SEEDERS: dict[str, Seeder] = {}
S = TypeVar("S", bound=Seeder)


def seeds(section: str) -> Callable[[S], S]:
    """Registers the function that loads one top-level section of a seed file (such as
    `repositories`) into the database; it gets the section's value and must be idempotent."""

    def register(seeder: S) -> S:
        SEEDERS[section] = seeder
        return seeder

    return register
