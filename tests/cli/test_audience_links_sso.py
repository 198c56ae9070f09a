"""`evocalize audience`, `evocalize link` and `evocalize sso-url`: the library's hashing, links
and SSO tokens, from the command line, with the seed's examples as test vectors."""

from __future__ import annotations

import json
from pathlib import Path

import jwt
from audience_csv_samples import SEED_HEADER, SEED_ROW
from cli_runner import evocalize, json_out
from evocalize.links import program_create_link

# The seed's plain row, whose hashed form is its "Audience Data CSV Example (SHA-256)".
SEED_PLAIN = "emailaddress@example.com,15129876543,test,user"
JWT_SECRET = "jwt-secret-of-at-least-32-bytes-long"


def test_audience_hash_streams_stdin_to_stdout_as_the_seed_hashes() -> None:
    result = evocalize("audience", "hash", "-", input=f"{SEED_HEADER}\n{SEED_PLAIN}\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{SEED_HEADER}\n{SEED_ROW}\n"


def test_audience_hash_writes_a_file_and_counts_its_rows(tmp_path: Path) -> None:
    source = tmp_path / "plain.csv"
    source.write_text("Email, Phone\n" + f"{SEED_PLAIN.split(',')[0]},+1 512 987 6543\n" * 3)
    result = evocalize("audience", "hash", str(source), "-o", str(tmp_path / "hashed.csv"))
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "hashed.csv").read_text().splitlines()
    assert lines == ["email,phone"] + [",".join(SEED_ROW.split(",")[:2])] * 3
    assert "3 rows hashed" in result.stderr


def test_a_bad_audience_header_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "hashed.csv"
    result = evocalize("audience", "hash", "-", "-o", str(out), input="postcode\n12345\n")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: the audience CSV has 1 problem: line 1, column 1")
    assert not out.exists()


def test_audience_upload_hashes_and_sends_a_plain_file(env: dict[str, str], tmp_path: Path) -> None:
    user = {"id": "aud-cli", "name": "A", "email": "aud@example.com"}
    evocalize("call", "createOrUpdateUser", "-b", json.dumps(user), env=env)
    placeholder = json_out(
        evocalize(
            "call", "createAudiencePlaceholder", "-b", '{"name": "Buyers"}',
            env=env,
        )
    )  # fmt: skip
    source = tmp_path / "plain.csv"
    source.write_text(
        "email,phone\n" + "".join(f"p{n}@example.com,+1 555 {n:07}\n" for n in range(150))
    )
    result = evocalize("audience", "upload", placeholder["placeholderId"], str(source), env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{placeholder['placeholderId']}: processing"


def test_a_too_small_audience_is_refused_before_anything_is_sent(env: dict[str, str]) -> None:
    result = evocalize(
        "audience", "upload", "no-such-placeholder", "-", input="email\na@b.c\n", env=env
    )
    assert result.exit_code == 1
    assert "at least 300 are needed" in result.stderr


def test_link_create_prints_the_library_s_link() -> None:
    args = ["app.example.com", "42", "--product", "7", "--content-id", "a", "--content-id", "b"]
    result = evocalize("link", "create", *args, "--step", "spend", "--promo-code", "SPRING")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == program_create_link(
        "app.example.com", 42, product_id=7, content_ids=["a", "b"], step="spend",
        promo_code="SPRING",
    )  # fmt: skip


def test_link_content_encodes_its_filter_as_the_seed_does() -> None:
    result = evocalize(
        "link", "content", "app.example.com", "1",
        "--content-filter", '{"status": {"contains": "Sold"}}', "--json",
    )  # fmt: skip
    assert json_out(result)["url"] == (
        "https://app.example.com/#/architecture/1/content"
        "?contentFilter=%7B%22status%22%3A%20%7B%22contains%22%3A%20%22Sold%22%7D%7D"
    )


def test_link_programs_and_automated_take_their_options() -> None:
    programs = evocalize("link", "programs", "app.example.com", "1", "--side-nav", "closed")
    assert programs.stdout.strip().endswith("/programs?sideNav=closed")
    automated = evocalize("link", "automated", "app.example.com", "1", "--hide-wizard")
    assert automated.stdout.strip().endswith("/automatedProgramCreate?showWizard=false")


def test_a_bad_link_argument_is_one_line() -> None:
    result = evocalize("link", "automated", "app.example.com", "1", "--filters", "[1]")
    assert result.exit_code == 2
    assert "filters[0] must be an object" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_sso_url_signs_the_user_in_with_the_jwt_secret() -> None:
    result = evocalize(
        "sso-url", "--domain", "app.example.com", "--org", "acme", "--user", "jane",
        "--path", "/#/dashboard/gallery", "--json", env={"EVOCALIZE_JWT_SECRET": JWT_SECRET},
    )  # fmt: skip
    answer = json_out(result)
    claims = jwt.decode(answer["token"], JWT_SECRET, algorithms=["HS256"])
    assert claims["sub"] == "acme|jane"
    assert claims["exp"] == claims["iat"] + 3600 == answer["expiresAt"]
    assert answer["url"].startswith("https://app.example.com/#/sso?token=")
    assert answer["url"].endswith("&path=%2F%23%2Fdashboard%2Fgallery")
    assert JWT_SECRET not in result.output


def test_sso_url_without_a_secret_says_which_option_is_missing() -> None:
    result = evocalize("sso-url", "--domain", "d.example.com", "--org", "o", "--user", "u", env={})
    assert result.exit_code == 2
    assert "--secret" in result.stderr
