"""An upsert's check for another user with the same email (ignoring case) reads through an
index, not through every user of the organization, also on a database made before the index."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from evocalize_sandbox import organizations
from evocalize_sandbox.resources.users import _OTHER_USER_WITH_EMAIL
from evocalize_sandbox.storage import create_schema
from sandbox_support import make_app, sandbox_of
from sqlalchemy.engine import Engine

INDEX = "ix_users_organization_lower_email"


def duplicate_email_plan(engine: Engine) -> str:
    compiled = organizations.scoped(_OTHER_USER_WITH_EMAIL).compile(dialect=engine.dialect)
    values = compiled.construct_params(
        organizations.with_organization({"email": "a@example.com", "user_id": "u1"}, "org")
    )
    arguments = tuple(values[name] for name in compiled.positiontup or ())
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled.string}", arguments)
        return " | ".join(str(row[-1]) for row in rows)


def test_the_duplicate_email_check_searches_an_index_of_the_lowercased_email(
    tmp_path: Path,
) -> None:
    engine = sandbox_of(make_app(f"sqlite:///{tmp_path / 'sandbox.db'}")).engine
    plan = duplicate_email_plan(engine)
    # Searched by organization and the lowercased email, not by organization alone.
    assert f"USING INDEX {INDEX} (organization=? AND <expr>=?)" in plan, plan


def test_a_database_made_before_the_index_gets_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sandbox.db'}"
    engine = sandbox_of(make_app(url)).engine
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP INDEX {INDEX}")
    assert INDEX not in duplicate_email_plan(engine)
    create_schema(engine)  # what the next start does
    assert INDEX in duplicate_email_plan(engine)
    with engine.connect() as conn:
        names = conn.scalars(sa.text("SELECT name FROM sqlite_master WHERE type = 'index'"))
        assert INDEX in set(names)
