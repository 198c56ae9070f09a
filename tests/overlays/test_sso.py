"""SSO: the seed's JWT payload (sub, iat, exp an hour later) signed HS256, and the redirect URL
of its pseudo code."""

from __future__ import annotations

import time

import jwt
import pytest
from evocalize.sso import sso_token, sso_url

SECRET = "a-jwt-secret-of-at-least-thirty-two-bytes"
# Seed, "JWT Auth flow pseudo code example": an hour between iat and exp.
SEED_IAT = 1563831852
SEED_EXP = 1563835452
# Seed: `encodeURIComponent("/#/dashboard/gallery")` and the URL it redirects to.
SEED_PATH = "/#/dashboard/gallery"
SEED_REDIRECT = "https://your-white-label-domain.com/#/sso?token=' + jwt + '&path=' + path"


def decode(token: str) -> dict[str, object]:
    """The claims, signature checked, whatever the expiry (the seed's iat is long past)."""
    claims: dict[str, object] = jwt.decode(
        token, SECRET, algorithms=["HS256"], options={"verify_exp": False}
    )
    return claims


def test_the_token_carries_the_seeds_claims_and_nothing_else() -> None:
    claims = decode(sso_token("yourOrgSlug", "user-1", SECRET, now=SEED_IAT))
    assert claims == {"sub": "yourOrgSlug|user-1", "iat": SEED_IAT, "exp": SEED_EXP}


def test_the_token_is_signed_hs256_with_the_secret() -> None:
    token = sso_token("org", "user-1", SECRET)
    assert jwt.get_unverified_header(token)["alg"] == "HS256"
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, SECRET + "!", algorithms=["HS256"])


def test_a_fresh_token_is_valid_now_and_expires_an_hour_after_issue() -> None:
    token = sso_token("org", "user-1", SECRET)
    claims = jwt.decode(token, SECRET, algorithms=["HS256"])
    assert abs(int(str(claims["iat"])) - time.time()) <= 2
    old = sso_token("org", "user-1", SECRET, now=time.time() - 3601)
    with pytest.raises(jwt.ExpiredSignatureError):
        jwt.decode(old, SECRET, algorithms=["HS256"])


def test_a_shorter_lifetime_moves_the_expiry() -> None:
    assert decode(sso_token("org", "u", SECRET, now=SEED_IAT, ttl=60))["exp"] == SEED_IAT + 60


def test_a_user_id_with_a_bar_stays_whole_after_the_first_bar() -> None:
    sub = str(decode(sso_token("org", "a|b", SECRET, now=SEED_IAT))["sub"])
    assert sub.split("|", 1) == ["org", "a|b"]


@pytest.mark.parametrize(
    ("org_slug", "user_id", "secret", "message"),
    [
        ("", "u", SECRET, "org_slug"),
        ("my|org", "u", SECRET, "org_slug"),
        ("org", "", SECRET, "user_id"),
        ("org", "u", "", "secret must be"),
    ],
)
def test_missing_or_ambiguous_arguments_are_refused(
    org_slug: str, user_id: str, secret: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        sso_token(org_slug, user_id, secret)


def test_a_lifetime_that_is_not_positive_is_refused() -> None:
    with pytest.raises(ValueError, match="ttl"):
        sso_token("org", "u", SECRET, ttl=0)


def test_the_url_has_the_shape_of_the_seeds_redirect() -> None:
    token = sso_token("yourOrgSlug", "user-1", SECRET, now=SEED_IAT)
    path = "%2F%23%2Fdashboard%2Fgallery"  # encodeURIComponent("/#/dashboard/gallery")
    expected = SEED_REDIRECT.replace("' + jwt + '", token).replace("' + path", path)
    assert sso_url("your-white-label-domain.com", token, SEED_PATH) == expected


def test_the_url_lands_on_the_root_by_default() -> None:
    token = sso_token("org", "u", SECRET)
    assert sso_url("app.example.com", token).endswith("&path=%2F")


def test_the_url_refuses_a_path_not_starting_with_a_slash_or_a_token_not_a_jwt() -> None:
    token = sso_token("org", "u", SECRET)
    with pytest.raises(ValueError, match="path"):
        sso_url("app.example.com", token, "dashboard")
    with pytest.raises(ValueError, match="token"):
        sso_url("app.example.com", "not-a-jwt")
    with pytest.raises(ValueError, match="white_label_domain"):
        sso_url("https://app.example.com", token)


def test_no_error_message_shows_the_secret() -> None:
    with pytest.raises(ValueError) as raised:
        sso_token("my|org", "u", SECRET)
    assert SECRET not in str(raised.value)
