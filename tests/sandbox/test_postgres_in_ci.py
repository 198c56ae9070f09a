"""In CI PostgreSQL always installs (`.ci/run` fails when it cannot start one), so a PostgreSQL
test that finds no server there fails instead of skipping: 184 tests once skipped unnoticed."""

from __future__ import annotations

import pytest
from sandbox_support import POSTGRES_ENV, postgres_url


def test_without_a_server_a_postgresql_test_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(POSTGRES_ENV, raising=False)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(BaseException) as outcome:  # a skip is a BaseException too
        postgres_url()
    assert outcome.type is pytest.fail.Exception
    assert "CI is set" in str(outcome.value)


@pytest.mark.parametrize("ci", ["", "false", "0"])
def test_without_a_server_a_postgresql_test_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch, ci: str
) -> None:
    monkeypatch.delenv(POSTGRES_ENV, raising=False)
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.skip.Exception):
        postgres_url()
