"""Which function answers each operation of the spec, and which applies each batch entry.

Resource modules register with the decorators at import; the app finds the modules under
`resources/` itself, so adding an operation never edits the core.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any, TypeVar

from evocalize.spec import operation_spec
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


def applies_entry(operation_id: str) -> Callable[[A], A]:
    """Registers the function that applies one entry of the batch operation `operation_id`.

    It gets the entry as the JSON the client sent (already valid against the batch schema) and
    raises `ApiError` to record the entry as failed; its writes then roll back."""
    operation_spec(operation_id)

    def register(applier: A) -> A:
        ENTRY_APPLIERS[operation_id] = applier
        return applier

    return register


def load_resources() -> None:
    """Imports every module of `evocalize_sandbox.resources` (each registers itself)."""
    from . import resources

    for module in pkgutil.iter_modules(resources.__path__):
        importlib.import_module(f"{resources.__name__}.{module.name}")


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
