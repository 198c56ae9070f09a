"""`pip install .` gives one distribution with four import packages (the overlays, the two
generated ones and the sandbox), each typed, the spec inside `evocalize`, the `evocalize`
console script, and a pinned runtime without the generators, which stay development tools."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from hatchling.builders.wheel import WheelBuilder

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    (built,) = WheelBuilder(str(ROOT)).build(directory=str(out), versions=["standard"])
    return zipfile.ZipFile(built)


def dist_info(wheel: zipfile.ZipFile, name: str) -> str:
    (path,) = [n for n in wheel.namelist() if n.endswith(f".dist-info/{name}")]
    return wheel.read(path).decode()


def test_the_wheel_holds_exactly_the_four_packages_each_typed(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"evocalize", "evocalize_client", "evocalize_models", "evocalize_sandbox"}
    for package in tops:
        assert f"{package}/py.typed" in names
    assert "evocalize_client/api/users/get_user.py" in names
    assert "evocalize_models/__init__.py" in names


def test_the_wheel_carries_the_spec_it_was_built_from(wheel: zipfile.ZipFile) -> None:
    assert wheel.read("evocalize/openapi.yaml") == (ROOT / "openapi.yaml").read_bytes()


def test_the_wheel_installs_the_evocalize_command(wheel: zipfile.ZipFile) -> None:
    assert "evocalize = evocalize.cli:main" in dist_info(wheel, "entry_points.txt")


def test_the_runtime_is_pinned_and_leaves_out_the_generators(
    wheel: zipfile.ZipFile,
) -> None:
    requires = re.findall(r"^Requires-Dist: (.+)$", dist_info(wheel, "METADATA"), re.MULTILINE)
    runtime = [r for r in requires if "extra ==" not in r]
    names = {re.split(r"[\[=<>; ]", r)[0].lower() for r in runtime}
    assert {"httpx", "attrs", "pydantic", "typer", "starlette", "sqlalchemy"} <= names
    assert not names & {"openapi-python-client", "datamodel-code-generator", "pytest", "ruff"}
    assert all("==" in r for r in runtime)
    development = " ".join(r for r in requires if "extra ==" in r)
    assert "openapi-python-client" in development and "datamodel-code-generator" in development
