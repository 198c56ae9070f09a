"""Single sign-on into the Evocalize web app: the JWT and the URL a partner redirects to.

The API reference ("JWT Auth flow pseudo code example") has the partner sign, with the `jwt_secret`
Evocalize provides, an HS256 JWT whose `sub` is `<orgSlug>|<userId>` (the user id the partner sends
in API calls), with `iat` and an `exp` one hour later, then redirect the user to
`https://<white-label-domain>/#/sso?token=<jwt>&path=<encodeURIComponent(path)>`. The API
reference's payload has no other claim, so none is added. PyJWT does the signing.
"""

from __future__ import annotations

import time

import jwt

from evocalize.links import encode_uri_component, white_label_origin

__all__ = [
    "ALGORITHM",
    "TOKEN_LIFETIME_SECONDS",
    "sso_token",
    "sso_url",
]

ALGORITHM = "HS256"
# The API reference: `exp` is "set to 1 hour after iat".
TOKEN_LIFETIME_SECONDS = 3600


def sso_token(
    org_slug: str,
    user_id: str,
    secret: str,
    *,
    now: float | None = None,
    ttl: int = TOKEN_LIFETIME_SECONDS,
) -> str:
    """The HS256 JWT that signs `user_id` of the organization `org_slug` into the web app,
    issued at `now` (Unix seconds, the current time when None) and valid for `ttl` seconds."""
    if not org_slug or "|" in org_slug:
        raise ValueError("org_slug must be the slug Evocalize provided, non-empty and without '|'")
    if not user_id:
        raise ValueError("user_id must be the user's id, as sent in API calls")
    if not secret:
        raise ValueError("secret must be the jwt_secret Evocalize provided")
    if isinstance(ttl, bool) or not isinstance(ttl, int) or ttl <= 0:
        raise ValueError("ttl must be a positive number of seconds")
    issued_at = int(time.time() if now is None else now)
    claims = {"sub": f"{org_slug}|{user_id}", "iat": issued_at, "exp": issued_at + ttl}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def sso_url(white_label_domain: str, token: str, path: str = "/") -> str:
    """Where to redirect the user: the web app's SSO page with `token`, landing on `path`
    (a web-app path such as the API reference's `/#/dashboard/gallery`)."""
    if token.count(".") != 2:
        raise ValueError("token must be a JWT (three dot-separated parts), as sso_token gives")
    if not path.startswith("/"):
        raise ValueError(f"path must start with '/'; got {path!r}")
    # A JWT is base64url and dots, which encodeURIComponent leaves alone, as the API reference's URL
    # does.
    return (
        f"{white_label_origin(white_label_domain)}/#/sso"
        f"?token={encode_uri_component(token)}&path={encode_uri_component(path)}"
    )
