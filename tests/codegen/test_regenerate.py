"""scripts/regenerate: a tiny spec regenerates to its committed golden record (so a generator
upgrade that changes output is noticed), `--check` names every file that is not what the spec
makes, and a failed run leaves the existing code as it was."""

from __future__ import annotations

import filecmp
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from importlib.machinery import SourceFileLoader
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from openapi_doc import load_spec

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "regenerate"
GOLDEN = ROOT / "tests" / "golden" / "tiny"


def regenerate(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(SCRIPT), *map(str, arguments)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def regenerate_module() -> ModuleType:
    loader = SourceFileLoader("regenerate", str(SCRIPT))
    spec = importlib.util.spec_from_loader("regenerate", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    loader.exec_module(module)
    return module


def tiny(spec: Path, output: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return regenerate(
        *extra, "--spec", spec, "--output", output,
        "--client-package", "tiny_client", "--models-package", "tiny_models",
    )  # fmt: skip


def test_the_tiny_spec_regenerates_to_its_golden_record() -> None:
    result = tiny(GOLDEN / "openapi.yaml", GOLDEN / "expected", "--check")
    assert result.returncode == 0, (
        f"{result.stdout}{result.stderr}\nIf the change is intended (a generator upgrade, say), "
        "rerun the same command without --check and commit tests/golden/tiny/expected."
    )


def test_the_golden_record_covers_the_json_query_parameter_and_the_webhook() -> None:
    expected = GOLDEN / "expected"
    list_things = (expected / "tiny_client/api/things/list_things.py").read_text()
    assert 'params["filter"] = filter_' in list_things
    models = (expected / "tiny_models/__init__.py").read_text()
    assert "class ThingChangedPostRequest(BaseModel)" in models  # the webhook's inline payload
    assert (expected / "tiny_client/py.typed").exists()
    assert (expected / "tiny_models/py.typed").exists()


def test_check_names_each_edited_missing_and_stray_file_and_changes_nothing(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "generated"
    shutil.copytree(ROOT / "generated", copy)
    edited = copy / "evocalize_models/__init__.py"
    edited.write_text(edited.read_text() + "# a hand edit\n")
    (copy / "evocalize_client/models/grant.py").unlink()
    (copy / "evocalize_client/stray.py").write_text("")
    # Bytecode left by importing the package is not a stray file.
    (copy / "evocalize_client/__pycache__").mkdir(exist_ok=True)
    (copy / "evocalize_client/__pycache__/client.cpython-311.pyc").write_bytes(b"")
    result = regenerate(
        "--check", "--spec", ROOT / "openapi.yaml", "--output", copy,
        "--client-package", "evocalize_client", "--models-package", "evocalize_models",
    )  # fmt: skip
    assert result.returncode == 1
    assert f"{edited}  (differs)" in result.stdout
    assert f"{copy}/evocalize_client/models/grant.py  (missing)" in result.stdout
    assert f"{copy}/evocalize_client/stray.py  (not generated)" in result.stdout
    assert len(result.stdout.strip().splitlines()) == 5  # heading, three files, advice
    assert edited.read_text().endswith("# a hand edit\n")
    assert (copy / "evocalize_client/stray.py").exists()


def test_a_spec_the_generator_cannot_fully_read_fails_and_keeps_the_old_code(
    tmp_path: Path,
) -> None:
    spec = yaml.safe_load((GOLDEN / "openapi.yaml").read_text())
    response = spec["paths"]["/things"]["get"]["responses"]["200"]["content"]["application/json"]
    response["schema"]["$ref"] = "#/components/schemas/Nowhere"  # the client drops listThings
    broken = tmp_path / "openapi.yaml"
    broken.write_text(yaml.safe_dump(spec))
    output = tmp_path / "out"
    shutil.copytree(GOLDEN / "expected", output)
    result = tiny(broken, output)
    assert result.returncode != 0
    assert "did not generate the whole spec" in result.stderr
    comparison = filecmp.dircmp(output, GOLDEN / "expected")
    assert not comparison.diff_files and not comparison.left_only and not comparison.right_only


def test_an_unreadable_spec_is_one_clear_line_not_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "openapi.yaml"
    broken.write_text("openapi: [3.1.0\n")
    result = tiny(broken, tmp_path / "out")
    assert result.returncode == 1
    assert result.stderr.startswith(f"regenerate: cannot read {broken}")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_custom_target_options_go_together() -> None:
    result = regenerate("--check", "--spec", "openapi.yaml")
    assert result.returncode == 2
    assert "go together" in result.stderr


def test_the_client_reads_json_query_parameters_as_text_and_the_spec_is_untouched() -> None:
    spec = load_spec()
    before = yaml.safe_dump(spec)
    derived = regenerate_module().client_spec(spec)
    assert yaml.safe_dump(spec) == before
    parameter = derived["components"]["parameters"]["FilterByGrantee"]
    assert "content" not in parameter
    assert parameter["schema"]["type"] == "string"
    assert "GranteeFilter" in parameter["schema"]["description"]
    assert "content" in spec["components"]["parameters"]["FilterByGrantee"]


def test_check_names_each_file_of_the_api_reference_that_is_not_what_the_spec_makes(
    tmp_path: Path,
) -> None:
    """The sandbox's `/docs` is built from the spec by the same run, and held to it the same
    way: a spec edit without a rebuild, or a hand edit of the built files, fails `--check`."""
    module = regenerate_module()
    built = module.api_reference.OUTPUT
    if module.api_reference.installed_version() is None and shutil.which("npm") is None:
        if os.environ.get("CI"):
            pytest.fail("npm is needed to build the API reference, and CI has it")
        pytest.skip("npm is not installed: the API reference (swagger-ui-dist) cannot be built")
    copy = tmp_path / "api_reference"
    shutil.copytree(built, copy)
    assert module.rebuild_reference(ROOT / "openapi.yaml", copy, check=True) == []

    spec = load_spec()
    edited = tmp_path / "openapi.yaml"
    edited.write_text(yaml.safe_dump({**spec, "info": {**spec["info"], "title": "Edited"}}))
    bundle = copy / "swagger-ui-bundle.js"
    bundle.write_bytes(bundle.read_bytes() + b"// a hand edit\n")
    assert module.rebuild_reference(edited, copy, check=True) == [
        f"{copy / 'openapi.json'}  (differs)",
        f"{bundle}  (differs)",
    ]
    assert bundle.read_bytes().endswith(b"// a hand edit\n")  # --check changed nothing

    assert module.rebuild_reference(edited, copy, check=False)
    assert json.loads((copy / "openapi.json").read_text())["info"]["title"] == "Edited"
    assert (copy / "swagger-ui-bundle.js").read_bytes() == (built / bundle.name).read_bytes()
