"""The operations the generated client offers, found by walking `evocalize_client.api`.

openapi-python-client writes one module per operation, in one subpackage per tag, each with
`sync`, `sync_detailed`, `asyncio` and `asyncio_detailed`. Reading that layout (rather than
keeping a list) means a new operation in `openapi.yaml` appears here once regenerated.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from types import ModuleType

import evocalize_client.api

# The callables openapi-python-client generates for every operation.
CALLS = ("sync", "sync_detailed", "asyncio", "asyncio_detailed")


@dataclass(frozen=True)
class GeneratedOperation:
    tag: str
    name: str
    module: ModuleType

    @property
    def summary(self) -> str:
        """The first line of the generated docstring (the spec's summary)."""
        doc = (self.module.sync_detailed.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else ""


def generated_operations() -> list[GeneratedOperation]:
    found = []
    for tag in pkgutil.iter_modules(evocalize_client.api.__path__):
        package = importlib.import_module(f"{evocalize_client.api.__name__}.{tag.name}")
        for operation in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{operation.name}")
            found.append(GeneratedOperation(tag.name, operation.name, module))
    return sorted(found, key=lambda op: (op.tag, op.name))
