"""The typed resource layer is the spec, method for method: each operation is a method of its
tag's sync and async resource, its path parameters positional in the spec's order, its query
parameters keyword-only, a body where the spec takes one, and the spec's summary and documented
errors in its docstring. A regenerate says what it changed for partners, for the CHANGELOG."""

from __future__ import annotations

import inspect
import shutil
import sys
from pathlib import Path

import evocalize_resources
import pytest
from evocalize import AsyncEvocalize, Evocalize
from evocalize._operation import snake_case
from evocalize.spec import OperationSpec, operation_specs, resolve

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from resources_generator import api_surface, surface_changes  # noqa: E402

SPECS = operation_specs()
SYNC = Evocalize("https://x.test", "kid", "key")
ASYNC = AsyncEvocalize("https://x.test", "kid", "key")


def method_of(client: object, op: OperationSpec) -> inspect.Signature:
    described = evocalize_resources.OPERATIONS[op.operation_id]
    found = getattr(getattr(client, described.tag), described.name)
    return inspect.signature(found)


@pytest.mark.parametrize("op", SPECS, ids=[op.operation_id for op in SPECS])
def test_each_operation_is_a_typed_method_shaped_like_the_spec(op: OperationSpec) -> None:
    path = [snake_case(p["name"]) for p in op.parameters if p["in"] == "path"]
    query = [snake_case(p["name"]) for p in op.parameters if p["in"] == "query"]
    for client in (SYNC, ASYNC):
        parameters = method_of(client, op).parameters.values()
        positional = [p.name for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
        keyword = {p.name for p in parameters if p.kind is p.KEYWORD_ONLY}
        assert positional == path
        assert set(query) | {"extra_query", "extra_headers", "timeout"} <= keyword
        assert ("body" in keyword) == ("requestBody" in op.node)


@pytest.mark.parametrize("op", SPECS, ids=[op.operation_id for op in SPECS])
def test_each_method_documents_the_operation_and_its_errors(op: OperationSpec) -> None:
    described = evocalize_resources.OPERATIONS[op.operation_id]
    method = getattr(getattr(SYNC, described.tag), described.name)
    doc = inspect.getdoc(method.__call__ if described.batch else method) or ""
    assert doc.startswith(op.summary.rstrip("."))
    assert f"`{op.method.upper()} {op.path}`" in doc
    for status in op.node["responses"]:
        if str(status) >= "400":
            assert f": {status}, " in doc, status
    description = " ".join(str(resolve(op.node).get("description", "")).split())
    assert description[:40] in " ".join(doc.split())


def test_a_regenerate_names_what_it_added_removed_and_changed(tmp_path: Path) -> None:
    package = Path(evocalize_resources.__file__).parent
    before = api_surface(package)
    changed = tmp_path / "evocalize_resources"
    shutil.copytree(package, changed)
    users = changed / "users.py"
    text = users.read_text(encoding="utf-8")
    text = text.replace("def deactivate_user(", "def retire_user(", 1)
    text = text.replace(
        "    def get_user(\n        self,\n        user_id: str,",
        "    def get_user(\n        self,\n        user_id: int,",
        1,
    )
    users.write_text(text, encoding="utf-8")
    changes = surface_changes(before, api_surface(changed))
    assert changes[0].startswith("- Added `ev.users.retire_user(user_id: str, *,")
    assert "- Removed `ev.users.deactivate_user`." in changes
    assert any(c.startswith("- Changed `ev.users.get_user`: `(user_id: str,") for c in changes)
    assert surface_changes(before, before) == []
