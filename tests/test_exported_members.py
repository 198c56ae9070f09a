"""The public surface is what `evocalize` declares: its `__all__` (held here, so that a change to
it is a decision, not an accident), every name of it importable, and one tree of errors: every
exception the client library defines is an `EvocalizeError`, each name used once."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys

import evocalize
import pytest

EXPORTED = [
    "NO_RETRIES",
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AsyncEvocalize",
    "AsyncPage",
    "AsyncPaginator",
    "BatchFailure",
    "BatchIncomplete",
    "BatchSummary",
    "BatchTimeout",
    "ConfigurationError",
    "DeadlineExceededError",
    "Evocalize",
    "EvocalizeError",
    "PaginationError",
    "PollPolicy",
    "RequestValidationError",
    "ResponseValidationError",
    "RetryPolicy",
    "SyncPage",
    "WebhookVerificationError",
    "__version__",
    "deadline",
    "retry_policy",
    "verify_leads_delivery",
]
# The packages that come with extras (the command line, the fuzzer), not with the client.
EXTRA_PACKAGES = ("evocalize.commands", "evocalize.fuzzing", "evocalize.cli")


def client_modules() -> list[str]:
    found = []
    for module in pkgutil.walk_packages(evocalize.__path__, "evocalize."):
        if not module.name.startswith(EXTRA_PACKAGES):
            found.append(module.name)
    return sorted(found)


def test_the_package_exports_exactly_its_declared_surface() -> None:
    assert evocalize.__all__ == EXPORTED
    for name in EXPORTED:
        value = getattr(evocalize, name)
        assert getattr(value, "__module__", "evocalize").startswith("evocalize"), name
    assert set(EXPORTED) <= set(dir(evocalize))
    with pytest.raises(AttributeError, match="no attribute 'Evocalise'"):
        _ = evocalize.Evocalise


@pytest.mark.parametrize("name", client_modules())
def test_each_public_module_declares_what_it_exports(name: str) -> None:
    module = importlib.import_module(name)
    if name.rsplit(".", 1)[-1].startswith("_") and name != "evocalize.__init__":
        return  # private: reached through the package's re-exports
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    for member in exported:
        assert hasattr(module, member), f"{name}.__all__ names {member}, which it lacks"


def test_every_error_the_client_defines_is_an_evocalize_error_with_its_own_name() -> None:
    seen: dict[str, str] = {}
    for name in client_modules():
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            # Warnings (InsecureHttpWarning) are categories for `warnings`, not errors.
            if cls.__module__ != name or not issubclass(cls, BaseException):
                continue
            if issubclass(cls, Warning):
                continue
            assert issubclass(cls, evocalize.EvocalizeError), f"{name}.{cls.__name__}"
            assert cls.__name__ not in seen, f"{cls.__name__} in {name} and {seen[cls.__name__]}"
            seen[cls.__name__] = name


def test_importing_the_package_loads_no_client_machinery_until_it_is_used() -> None:
    code = (
        "import sys, evocalize; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('evocalize_client', 'evocalize_models', 'evocalize_resources', 'pydantic')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == "[]"
