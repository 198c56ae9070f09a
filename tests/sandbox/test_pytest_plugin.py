"""The pytest plugin, as a partner's suite uses it (run by pytest's own pytester): the README's
test file in its other modes, seeds from a fixture argument, credentials that never come from
the environment, and a session's sandbox emptied between tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from evocalize_sandbox.registry import load_resources

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture(autouse=True)
def _resources_imported_once() -> None:
    """pytester's runs forget the modules they imported; the sandbox's resource modules define
    tables on one shared `MetaData`, so they are imported here, once, for every run."""
    load_resources()


def readme_test_file() -> str:
    """The partner's test file that README.md's pytest section writes (and its tests run)."""
    text = README.read_text(encoding="utf-8")
    (code,) = re.findall(r"cat > test_integration\.py <<'EOF'\n(.*?)^EOF$", text, re.S | re.M)
    return str(code)


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest("-p", "no:cacheprovider", "-q", *args)


def test_the_readmes_test_file_passes_with_one_sandbox_for_the_session_on_a_port(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_integration=readme_test_file())
    result = run(pytester, "--evocalize-scope=session", "--evocalize-serve=loopback")
    result.assert_outcomes(passed=4)


def test_a_session_sandbox_is_the_same_one_emptied_before_each_test(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeini("[pytest]\nevocalize_scope = session\n")
    pytester.makepyfile(
        """
        import pytest
        from evocalize import errors

        SEEN = []

        def test_first(evocalize_sandbox, evocalize_client):
            SEEN.append(evocalize_sandbox)
            evocalize_client.users.create_or_update_user(
                body={"id": "u", "name": "U", "email": "u@example.com"}
            )
            evocalize_sandbox.clock.advance(days=3)
            evocalize_sandbox.faults.inject(503, "listGroups")

        def test_second(evocalize_sandbox, evocalize_client):
            assert SEEN == [evocalize_sandbox]
            with pytest.raises(errors.ObjectNotFoundError):
                evocalize_client.users.get_user("u")
            assert evocalize_sandbox.clock.state()["offsetSeconds"] < 60
            assert evocalize_sandbox.faults.injected() == []
        """
    )
    run(pytester).assert_outcomes(passed=2)


def test_the_seed_may_be_a_fixture_argument_and_the_environment_is_never_read(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in {
        "EVOCALIZE_BASE_URL": "http://127.0.0.1:9",
        "EVOCALIZE_CLIENT_KEY_ID": "someone-else",
        "EVOCALIZE_CLIENT_KEY": "not-the-sandboxs",
        "EVOCALIZE_AUTH": "shared-secret",
    }.items():
        monkeypatch.setenv(name, value)
    pytester.makepyfile(
        seed="""
        import json
        from pathlib import Path

        Path("seed.json").write_text(json.dumps({"groups": [{"id": "g1", "name": "One"}]}))
        """,
        test_seeded="""
        import pytest

        @pytest.mark.parametrize("evocalize_sandbox", ["seed.json"], indirect=True)
        def test_seeded_by_argument(evocalize_sandbox, evocalize_client):
            assert evocalize_client.settings.auth == "signature"
            assert [g.id for g in evocalize_client.groups.list_groups()] == ["g1"]

        @pytest.mark.evocalize_seed({"groups": [{"id": "g2", "name": "Two"}]})
        @pytest.mark.anyio
        async def test_seeded_by_marker(async_evocalize_client):
            page = await async_evocalize_client.groups.list_groups()
            assert [g.id for g in page.data] == ["g2"]
        """,
    )
    pytester.runpython(pytester.path / "seed.py")
    run(pytester).assert_outcomes(passed=2)
