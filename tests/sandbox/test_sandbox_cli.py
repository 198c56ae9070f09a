"""`evocalize sandbox` as a user runs it: a real process that prints its URL and development
credential and answers a signed request."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from evocalize.cli import app
from sandbox_support import signing_auth
from served import free_port
from typer.testing import CliRunner

# The `evocalize` console script, run by this interpreter wherever the script was installed.
EVOCALIZE = [sys.executable, "-c", "from evocalize.cli import main; main()"]


def test_evocalize_sandbox_serves_and_prints_its_credential(tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [*EVOCALIZE, "sandbox", "--port", str(port), "--db", f"sqlite:///{tmp_path / 'db'}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(4)]
        assert f"at http://127.0.0.1:{port} (API under /management/v1" in lines[0]
        assert lines[3].startswith(f"export EVOCALIZE_BASE_URL=http://127.0.0.1:{port} ")
        key_id = re.search(r"Key-Id=(\S+)", lines[1])
        key = re.search(r"Client-Key=(\S+)", lines[2])
        assert key_id and key, lines
        auth = signing_auth(key_id.group(1), key.group(1))
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(
                    f"http://127.0.0.1:{port}/management/v1/users", auth=auth, timeout=2
                )
                break
            except httpx.TransportError:
                assert process.poll() is None, "the sandbox exited"
                assert time.monotonic() < deadline, "the sandbox did not start in 30 s"
                time.sleep(0.2)
        assert response.status_code == 200
        assert response.json() == {"data": []}
        # An error answer is logged with its EV_* code, beside uvicorn's access log.
        missing = httpx.get(f"http://127.0.0.1:{port}/management/v1/user/nobody", auth=auth)
        assert missing.status_code == 404
        process.send_signal(signal.SIGTERM)
        log, _ = process.communicate(timeout=15)
        assert "GET /management/v1/user/nobody -> 404 EV_OBJECT_NOT_FOUND" in log, log
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=15)


def test_a_client_without_a_colon_is_a_one_line_error() -> None:
    result = CliRunner().invoke(app, ["sandbox", "--client", "nocolon"])
    assert result.exit_code == 2
    assert "KEY_ID:KEY" in result.output


def test_an_unreadable_seed_file_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["sandbox", "--db", f"sqlite:///{tmp_path / 'db'}", "--seed", str(tmp_path / "none.yaml")],
    )
    assert result.exit_code == 2
    assert "cannot read the seed file" in result.output


def test_the_banner_says_where_the_data_lives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["sandbox", "--port", "8123", "--client", "p:k"])
    assert result.exit_code == 0, result.output
    banner = result.output.splitlines()[0]
    # The default is a file in the current folder, named by its absolute path.
    assert f"the SQLite file {tmp_path.resolve() / 'evocalize-sandbox.db'}" in banner
    assert "kept across restarts; delete it to start fresh" in banner
    assert (tmp_path / "evocalize-sandbox.db").exists()


def test_the_banner_hides_a_database_password() -> None:
    from evocalize_sandbox.cli import describe_database
    from sqlalchemy.engine import make_url

    shown = describe_database(make_url("postgresql+psycopg://ev:hunter2@db.example:5432/sandbox"))
    assert "hunter2" not in shown
    url = "postgresql+psycopg://ev:***@db.example:5432/sandbox"
    assert shown == f"data in the database {url}, kept across restarts"
    assert "in memory" in describe_database(make_url("sqlite://"))


def test_the_help_documents_db_and_that_data_survives_a_restart() -> None:
    result = CliRunner().invoke(app, ["sandbox", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    text = " ".join(result.output.replace("│", " ").split())
    assert "--db" in text
    assert "The data survives a restart" in text
    assert "To start fresh, delete the file or give another --db" in text


def test_seed_show_prints_the_builtin_repositories_products_and_pages() -> None:
    result = CliRunner().invoke(app, ["sandbox", "seed", "--show"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Repositories (3):"
    assert "  listings  Listings: Homes for sale, one item per listing. (writable)" in lines
    assert "      price: number, nullable" in lines
    # Each product: its code, spend limits, variables and immutable variables.
    video = lines.index("  video_ad  Video Ad (id 1234567891)")
    assert lines[video + 1 : video + 5] == [
        "      spend 50 to 50000",
        "      variables: accountId, pageId, headline, bodyText, video",
        "      immutable variables: accountId",
        "      cancellation fee: 10% of a started order's refund",
    ]
    assert "  retired_carousel_ad  Carousel Ad (retired) (id 1234567892, inactive)" in lines
    assert lines[-1].startswith("Facebook pages: none; a seed file gives them as facebookPages")


def test_seed_json_is_a_seed_file_the_sandbox_loads(tmp_path: Path) -> None:
    import json

    from evocalize_sandbox.app import create_app
    from evocalize_sandbox.rules.products import DEFAULT_PRODUCTS
    from evocalize_sandbox.seed import default_seed

    result = CliRunner().invoke(app, ["sandbox", "seed", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["repositories"] == default_seed()["repositories"]
    assert [p["code"] for p in document["products"]] == [p.code for p in DEFAULT_PRODUCTS]
    assert document["facebookPages"] == []
    seed_file = tmp_path / "seed.json"
    seed_file.write_text(result.output, encoding="utf-8")
    create_app(database_url=f"sqlite:///{tmp_path / 'db'}", seed=str(seed_file))


def test_seed_without_show_says_what_to_give() -> None:
    result = CliRunner().invoke(app, ["sandbox", "seed"])
    assert result.exit_code == 2
    assert "give --show" in result.output
