"""The layers import one way: the client never imports the sandbox, the fuzzer or the command
line's stack when it is imported, and no module of the four packages takes part in an import
cycle at run time.

The cycle test reads the modules' source: an edge is a module-level import (imports inside
functions run later, and `if TYPE_CHECKING:` blocks never run), and `from evocalize.x import y`
is an edge to `evocalize.x` (or to `evocalize.x.y` when that is a module) and, since Python
runs a package's `__init__` before any of its modules, to each package above it (`evocalize`)
when that is another package than the importer's own. These tests need only the lean client:
CI also runs them on the lean install (see .ci/run).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = {
    "evocalize": ROOT / "overlays" / "evocalize",
    "evocalize_client": ROOT / "generated" / "evocalize_client",
    "evocalize_models": ROOT / "generated" / "evocalize_models",
    "evocalize_resources": ROOT / "generated" / "evocalize_resources",
    "evocalize_sandbox": ROOT / "sandbox" / "evocalize_sandbox",
}
# What `pip install evocalize` does not bring, and so what `import evocalize` must not import.
# (Not rich: httpx imports it for its own command line when it happens to be installed.)
HEAVY = (
    "evocalize_sandbox",
    "schemathesis",
    "hypothesis",
    "sqlalchemy",
    "starlette",
    "uvicorn",
    "typer",
    "werkzeug",
    "a2wsgi",
)
Graph = dict[str, set[str]]


def _modules() -> dict[str, tuple[Path, bool]]:
    found: dict[str, tuple[Path, bool]] = {}
    for top, folder in PACKAGES.items():
        for path in sorted(folder.rglob("*.py")):
            parts = [top, *path.relative_to(folder).with_suffix("").parts]
            is_package = parts[-1] == "__init__"
            if is_package:
                parts = parts[:-1]
            found[".".join(parts)] = (path, is_package)
    return found


def _runtime_imports(statements: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements that run when the module is imported."""
    for statement in statements:
        if isinstance(statement, ast.Import | ast.ImportFrom):
            yield statement
        elif isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        elif isinstance(statement, ast.If):
            if "TYPE_CHECKING" not in ast.unparse(statement.test):
                yield from _runtime_imports(statement.body)
            yield from _runtime_imports(statement.orelse)
        elif isinstance(statement, ast.Try):
            for block in (statement.body, statement.orelse, statement.finalbody):
                yield from _runtime_imports(block)
            for handler in statement.handlers:
                yield from _runtime_imports(handler.body)
        elif isinstance(statement, ast.ClassDef | ast.With | ast.For | ast.While):
            yield from _runtime_imports(statement.body)


def _known(name: str, modules: dict[str, tuple[Path, bool]]) -> str | None:
    """`name`, or the closest enclosing module of the four packages, if any."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def _enclosing_packages(
    target: str, importer: str, modules: dict[str, tuple[Path, bool]]
) -> set[str]:
    """The packages whose `__init__` runs before `target` does, but for the importer's own (a
    module of a package runs once its package's `__init__` has begun)."""
    found = set()
    parent = target.rpartition(".")[0]
    while parent:
        if parent in modules and not (importer == parent or importer.startswith(parent + ".")):
            found.add(parent)
        parent = parent.rpartition(".")[0]
    return found


def import_graph() -> Graph:
    modules = _modules()
    graph: Graph = {name: set() for name in modules}
    for name, (path, is_package) in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for statement in _runtime_imports(tree.body):
            targets: list[str] = []
            if isinstance(statement, ast.Import):
                targets = [alias.name for alias in statement.names]
            else:
                base = statement.module or ""
                if statement.level:
                    package = name if is_package else name.rpartition(".")[0]
                    for _ in range(statement.level - 1):
                        package = package.rpartition(".")[0]
                    base = f"{package}.{base}" if base else package
                for alias in statement.names:
                    submodule = f"{base}.{alias.name}"
                    targets.append(submodule if submodule in modules else base)
            for target in targets:
                known = _known(target, modules)
                if known is not None and known != name:
                    graph[name].add(known)
                    graph[name].update(_enclosing_packages(known, name, modules))
    return graph


def cycles(graph: Graph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_the_imports_it_should() -> None:
    graph = import_graph()
    assert "evocalize.spec" in graph["evocalize_sandbox.app"]
    assert "evocalize_sandbox.leads_cli" in graph["evocalize_sandbox.cli"]
    # Inside a function: not at import time.
    assert "evocalize_sandbox.app" not in graph["evocalize_sandbox.cli"]
    # Under `if TYPE_CHECKING:`: never at run time.
    assert not {t for t in graph["evocalize.fuzzing"] if t.startswith("evocalize.fuzzing.")}
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_takes_part_in_an_import_cycle() -> None:
    found = cycles(import_graph())
    assert found == [], f"import cycles at run time: {found}"


def test_generated_code_imports_nothing_hand_written_and_the_client_not_the_sandbox() -> None:
    graph = import_graph()
    for name, targets in graph.items():
        if name.startswith(("evocalize_client", "evocalize_models")):
            assert not {t for t in targets if t.split(".")[0] in ("evocalize", "evocalize_sandbox")}
        if name.split(".")[0] == "evocalize":
            assert not {t for t in targets if t.startswith("evocalize_sandbox")}, name


def imported_by(statement: str) -> set[str]:
    """The top-level names in sys.modules after `statement`, in a fresh interpreter."""
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT.parent
    )
    return {name.split(".")[0] for name in json.loads(done.stdout)}


def test_importing_the_client_imports_no_server_fuzzer_or_command_line() -> None:
    loaded = imported_by("import evocalize\nfrom evocalize import Evocalize, AsyncEvocalize")
    assert "evocalize" in loaded and "httpx" in loaded
    assert not loaded & set(HEAVY)


def test_the_command_line_imports_neither_the_sandbox_nor_the_fuzzer() -> None:
    pytest.importorskip("typer")
    loaded = imported_by("import evocalize.cli")
    assert "typer" in loaded
    assert not loaded & {"evocalize_sandbox", "schemathesis", "hypothesis", "sqlalchemy"}
    assert not loaded & {"starlette", "uvicorn", "a2wsgi", "werkzeug"}
