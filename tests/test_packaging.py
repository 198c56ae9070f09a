"""`pip install .` gives one distribution: the import packages pyproject.toml lists (the overlays,
the generated ones and the sandbox), each typed, the spec and the peer profiles' documents inside
`evocalize`, the `evocalize` console script, and a lean runtime of version ranges: the command
line, the sandbox, the fuzzer and the generators come with extras, and exact versions live in
constraints.txt (CI) and constraints-lowest.txt (the lowest versions CI tests)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import tomllib
import venv
import zipfile
from importlib import metadata
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from evocalize_sandbox.api_docs import REFERENCE as API_REFERENCE
from hatchling.builders.wheel import WheelBuilder
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version
from served_sandbox import free_port, subprocess_env

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# What the lean client must not bring (issue 16), and the development tools.
HEAVY = {
    "sqlalchemy",
    "schemathesis",
    "hypothesis",
    "uvicorn",
    "starlette",
    "typer",
    "werkzeug",
    "a2wsgi",
}
TOOLS = {"openapi-python-client", "datamodel-code-generator", "pytest", "ruff", "mypy"}
EXTRAS = {"cli", "sandbox", "fuzz", "postgres", "all", "test", "dev"}


@pytest.fixture(scope="module")
def wheel_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    (built,) = WheelBuilder(str(ROOT)).build(directory=str(out), versions=["standard"])
    return Path(built)


@pytest.fixture(scope="module")
def wheel(wheel_path: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(wheel_path)


def dist_info(wheel: zipfile.ZipFile, name: str) -> str:
    (path,) = [n for n in wheel.namelist() if n.endswith(f".dist-info/{name}")]
    return wheel.read(path).decode()


def requirements(wheel: zipfile.ZipFile) -> list[Requirement]:
    found = re.findall(r"^Requires-Dist: (.+)$", dist_info(wheel, "METADATA"), re.MULTILINE)
    return [Requirement(text) for text in found]


def runtime(wheel: zipfile.ZipFile) -> list[Requirement]:
    return [r for r in requirements(wheel) if r.marker is None or "extra" not in str(r.marker)]


def extra(wheel: zipfile.ZipFile, name: str) -> set[str]:
    """The names of the distributions that `evocalize[name]` adds to the runtime."""
    return {
        canonicalize_name(r.name)
        for r in requirements(wheel)
        if r.marker is not None and r.marker.evaluate({"extra": name})
    }


def names(found: list[Requirement]) -> set[str]:
    return {canonicalize_name(r.name) for r in found}


def pins(path: Path) -> dict[str, str]:
    """`name==version` lines of a constraints file, by canonical name."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, equals, version = line.partition("==")
            assert equals, f"{path.name}: {line!r} is not name==version"
            found[canonicalize_name(name.strip())] = version.strip()
    return found


def test_the_wheel_holds_the_packages_pyproject_lists_each_typed(wheel: zipfile.ZipFile) -> None:
    listed = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
    names_in_wheel = wheel.namelist()
    tops = {n.split("/")[0] for n in names_in_wheel if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {Path(package).name for package in listed}
    for package in tops:
        assert f"{package}/py.typed" in names_in_wheel
    assert "evocalize_client/api/users/get_user.py" in names_in_wheel
    assert "evocalize_models/__init__.py" in names_in_wheel


def test_the_wheel_carries_the_spec_it_was_built_from(wheel: zipfile.ZipFile) -> None:
    assert wheel.read("evocalize/openapi.yaml") == (ROOT / "openapi.yaml").read_bytes()


def test_the_wheel_carries_every_profiles_document_beside_its_wiring(
    wheel: zipfile.ZipFile,
) -> None:
    documents = sorted((ROOT / "profiles").glob("*/openapi.yaml"))
    assert {path.parent.name for path in documents} >= {"appnexus", "invoca"}
    for document in documents:
        name = document.parent.name
        assert wheel.read(f"evocalize/profiles/{name}/openapi.yaml") == document.read_bytes()
        assert f"evocalize/profiles/{name}.py" in wheel.namelist()


def test_the_wheel_installs_the_evocalize_command(wheel: zipfile.ZipFile) -> None:
    assert "evocalize = evocalize.cli:main" in dist_info(wheel, "entry_points.txt")


def test_the_wheel_registers_the_pytest_plugin(wheel: zipfile.ZipFile) -> None:
    entry_points = dist_info(wheel, "entry_points.txt")
    assert "[pytest11]\nevocalize = evocalize_sandbox.pytest_plugin" in entry_points


def test_the_runtime_is_the_lean_client_in_ranges(wheel: zipfile.ZipFile) -> None:
    lean = runtime(wheel)
    assert {"httpx", "attrs", "pydantic", "pyyaml", "pyjwt"} <= names(lean)
    assert not names(lean) & (HEAVY | TOOLS | {"rich", "python-multipart", "psycopg"})
    for requirement in lean:
        operators = {spec.operator for spec in requirement.specifier}
        assert ">=" in operators, f"{requirement}: no lower bound"
        assert not operators & {"==", "===", "~="}, f"{requirement}: pinned"
    assert "email" in next(r for r in lean if r.name == "pydantic").extras


def test_no_requirement_is_pinned_in_any_extra(wheel: zipfile.ZipFile) -> None:
    for requirement in requirements(wheel):
        assert not {spec.operator for spec in requirement.specifier} & {"==", "==="}, requirement


def test_the_sandbox_is_served_by_uvicorns_standard_stack(wheel: zipfile.ZipFile) -> None:
    # httptools and uvloop: the stack the throughput benchmark measures, baseline included.
    (uvicorn,) = (
        r
        for r in requirements(wheel)
        if r.name == "uvicorn" and r.marker is not None and r.marker.evaluate({"extra": "sandbox"})
    )
    assert "standard" in uvicorn.extras


def test_the_extras_bring_the_command_line_the_sandbox_and_the_fuzzer(
    wheel: zipfile.ZipFile,
) -> None:
    provided = set(re.findall(r"^Provides-Extra: (.+)$", dist_info(wheel, "METADATA"), re.M))
    assert provided >= EXTRAS
    assert {"typer", "rich"} <= extra(wheel, "cli")
    assert {"starlette", "uvicorn", "sqlalchemy", "python-multipart"} <= extra(wheel, "sandbox")
    assert extra(wheel, "cli") <= extra(wheel, "sandbox")
    assert {"schemathesis", "a2wsgi"} | extra(wheel, "sandbox") <= extra(wheel, "fuzz")
    assert "psycopg" in extra(wheel, "postgres")
    everything = set[str]().union(
        *(extra(wheel, name) for name in ("cli", "sandbox", "fuzz", "postgres"))
    )
    assert extra(wheel, "all") == everything
    assert extra(wheel, "all") <= extra(wheel, "test")
    assert TOOLS - {"mypy"} <= extra(wheel, "test")
    assert extra(wheel, "test") | {"mypy"} <= extra(wheel, "dev")
    assert not extra(wheel, "all") & TOOLS


def test_constraints_pin_every_requirement_and_the_lowest_ones_the_lower_bounds(
    wheel: zipfile.ZipFile,
) -> None:
    exact, lowest = pins(ROOT / "constraints.txt"), pins(ROOT / "constraints-lowest.txt")
    listed = {canonicalize_name(r.name) for r in requirements(wheel)} - {"evocalize"}
    assert listed <= set(exact), f"not in constraints.txt: {sorted(listed - set(exact))}"
    build = [Requirement(text) for text in PYPROJECT["build-system"]["requires"]]
    assert names(build) <= set(exact)
    for requirement in [*requirements(wheel), *build]:
        name = canonicalize_name(requirement.name)
        if name != "evocalize":
            assert exact[name] in requirement.specifier, f"constraints.txt: {name}=={exact[name]}"
    for requirement in runtime(wheel):
        name = canonicalize_name(requirement.name)
        (bound,) = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        assert name in lowest and Version(lowest[name]) == Version(bound), (
            f"constraints-lowest.txt: {name} is not at {bound}"
        )
    assert set(lowest) - names(runtime(wheel)) <= {"email-validator"}


def test_the_package_is_ready_to_publish(wheel: zipfile.ZipFile) -> None:
    meta = dist_info(wheel, "METADATA")
    version_file = (ROOT / "overlays" / "evocalize" / "_version.py").read_text(encoding="utf-8")
    (version,) = re.findall(r'^__version__ = "(.+)"$', version_file, re.MULTILINE)
    assert f"\nVersion: {version}\n" in meta
    assert "License-Expression: MIT" in meta
    assert "Copyright (c) 2026 the evocalize authors" in (ROOT / "LICENSE").read_text()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in wheel.namelist())
    for label in ("Homepage", "Documentation", "Source", "Changelog"):
        assert re.search(rf"^Project-URL: {label}, https://", meta, re.MULTILINE), label
    for python in ("3.11", "3.12", "3.13"):
        assert f"Classifier: Programming Language :: Python :: {python}\n" in meta
    assert "Classifier: Typing :: Typed" in meta
    assert "Requires-Python: >=3.11" in meta
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog and f"## [{version}]" in changelog


# --- the built wheel in a fresh virtual environment


def _installed_closure(wanted: list[Requirement]) -> dict[str, str]:
    """The distributions installed here that `wanted` needs, with their dependencies, by name:
    the versions to install in a fresh environment (from pip's cache, no resolving)."""
    found: dict[str, str] = {}
    todo = [(r, frozenset(r.extras)) for r in wanted]
    seen: set[tuple[str, frozenset[str]]] = set()
    while todo:
        requirement, extras = todo.pop()
        key = (canonicalize_name(requirement.name), extras)
        if key in seen:
            continue
        seen.add(key)
        distribution = metadata.distribution(requirement.name)
        found[key[0]] = distribution.version
        for text in distribution.requires or []:
            needed = Requirement(text)
            marker = needed.marker or Marker("python_version >= '0'")
            if any(marker.evaluate({"extra": name}) for name in extras or {""}):
                todo.append((needed, frozenset(needed.extras)))
    return found


def _run(*command: str | Path, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=check,
        timeout=600,
    )


LEAN_TESTS = """
def test_a_test_without_the_sandbox():
    assert True


def test_a_test_of_the_sandbox(evocalize_client):
    pass
"""

PROBE = """
import json, sys
import evocalize
lean = sorted({name.split(".")[0] for name in sys.modules})
import evocalize.profiles.appnexus as appnexus
from evocalize.spec import profile_document, profile_operations
transport = appnexus.PROFILE.retry_transport()
print(json.dumps({
    "lean": lean,
    "version": evocalize.__version__,
    "file": evocalize.__file__,
    "appnexus": profile_document("appnexus")["info"]["title"],
    "operations": len(profile_operations("invoca")),
}))
"""


@pytest.mark.slow
def test_the_built_wheel_works_in_a_fresh_virtual_environment(
    wheel: zipfile.ZipFile, wheel_path: Path, tmp_path: Path
) -> None:
    """The wheel alone, with its lean requirements: the client imports without the heavy
    packages and the profiles read their packaged documents; with `[cli]` added, the command
    line works and the sandbox and the fuzzer name the extra they need; with `[sandbox]`, the
    sandbox serves its API reference at /docs."""
    venv.create(tmp_path / "venv", with_pip=True)
    bin_dir = tmp_path / "venv" / ("Scripts" if sys.platform == "win32" else "bin")
    python = bin_dir / "python"
    install: list[str | Path] = [python, "-m", "pip", "install", "--quiet", "--no-deps"]
    lean = _installed_closure(runtime(wheel))
    _run(*install, wheel_path, *(f"{n}=={v}" for n, v in sorted(lean.items())), cwd=tmp_path)

    probed = json.loads(_run(python, "-c", PROBE, cwd=tmp_path).stdout)
    assert probed["file"].startswith(str(tmp_path / "venv"))
    assert not set(probed["lean"]) & (HEAVY | {"evocalize_sandbox"})
    assert "AppNexus" in probed["appnexus"] and probed["operations"] > 0
    listed = _run(python, "-m", "pip", "list", "--format=json", cwd=tmp_path).stdout
    assert not {canonicalize_name(d["name"]) for d in json.loads(listed)} & HEAVY

    # pytest loads the plugin of every installed evocalize, extras or not: without the sandbox
    # extra it must leave other tests alone, and say what its fixtures need.
    tester = _installed_closure([Requirement("pytest")])
    _run(*install, *(f"{n}=={v}" for n, v in sorted(tester.items())), cwd=tmp_path)
    (tmp_path / "test_lean.py").write_text(LEAN_TESTS)
    tested = _run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=tmp_path, check=False)
    assert "1 passed, 1 error" in tested.stdout, tested.stdout + tested.stderr
    assert "pip install 'evocalize[sandbox]'" in tested.stdout

    cli = [r for r in requirements(wheel) if r.marker and r.marker.evaluate({"extra": "cli"})]
    with_cli = _installed_closure(cli)
    _run(*install, *(f"{n}=={v}" for n, v in sorted(with_cli.items())), cwd=tmp_path)
    evocalize = bin_dir / "evocalize"
    shown = _run(evocalize, "--help", cwd=tmp_path)
    assert "sandbox" in shown.stdout and "fuzz" in shown.stdout
    assert "get_user" in _run(evocalize, "operations", cwd=tmp_path).stdout
    for command, needed in (("sandbox", "sandbox"), ("fuzz", "fuzz")):
        refused = _run(evocalize, command, cwd=tmp_path, check=False)
        assert refused.returncode == 1
        (line,) = refused.stderr.strip().splitlines()
        assert line.startswith(f"evocalize {command}: needs the {needed} extra")
        assert line.endswith(f"pip install 'evocalize[{needed}]'")

    # With the sandbox extra too, as `pip install '.[sandbox]'` gives it: the API reference.
    extra_sandbox = [
        r for r in requirements(wheel) if r.marker and r.marker.evaluate({"extra": "sandbox"})
    ]
    with_sandbox = _installed_closure(extra_sandbox)
    with_sandbox.pop("evocalize", None)  # the wheel, installed above
    _run(*install, *(f"{n}=={v}" for n, v in sorted(with_sandbox.items())), cwd=tmp_path)
    _serves_the_api_reference(bin_dir, tmp_path)


def test_the_wheel_carries_the_sandboxs_api_reference(wheel: zipfile.ZipFile) -> None:
    built = sorted(p for p in API_REFERENCE.iterdir() if p.is_file())
    assert {p.name for p in built} >= {"index.html", "swagger-ui-bundle.js", "openapi.json"}
    for path in built:
        assert wheel.read(f"evocalize_sandbox/api_reference/{path.name}") == path.read_bytes()


def _serves_the_api_reference(bin_dir: Path, tmp_path: Path) -> None:
    """`evocalize sandbox`, installed from the wheel (not editable), serves /docs from the
    installed package, without a credential."""
    port = free_port()
    command = [str(bin_dir / "evocalize"), "sandbox", "--port", str(port), "--client", "k:s",
               "--db", f"sqlite:///{tmp_path / 'sandbox.db'}"]  # fmt: skip
    server = subprocess.Popen(command, cwd=tmp_path, env=subprocess_env(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        page = _get_when_up(f"http://127.0.0.1:{port}/docs", server)
        assert page.status_code == 200 and "swagger-ui-bundle.js" in page.text
        assert page.url.path == "/docs/"
        base = f"http://127.0.0.1:{port}/docs/"
        shown = httpx.get(f"{base}openapi.json")
        assert shown.json() == yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
        bundle = httpx.get(f"{base}swagger-ui-bundle.js")
        assert bundle.content == (API_REFERENCE / "swagger-ui-bundle.js").read_bytes()
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get_when_up(url: str, server: subprocess.Popen[bytes]) -> httpx.Response:
    """GET `url` (following redirects) once the server answers; fails if it exits first."""
    while server.poll() is None:
        try:
            return httpx.get(url, follow_redirects=True)
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"the sandbox exited with {server.returncode} before it served {url}")
