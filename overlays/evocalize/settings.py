"""Where the facade's settings come from: arguments first, then the `EVOCALIZE_*` environment
variables, then the spec's production server. Missing credentials are one clear error that
names both ways of giving them."""

from __future__ import annotations

import ipaddress
import os
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from evocalize.errors import EvocalizeError
from evocalize.spec import load_spec

__all__ = [
    "AUTH_ENV",
    "AUTH_SCHEMES",
    "BASE_URL_ENV",
    "KEY_ENV",
    "KEY_ID_ENV",
    "URL_SOURCES",
    "ConfigurationError",
    "InsecureHttpWarning",
    "Settings",
    "is_loopback",
    "resolve_settings",
    "shown_url",
    "spec_base_url",
    "warn_if_plain_http",
]

BASE_URL_ENV = "EVOCALIZE_BASE_URL"
KEY_ID_ENV = "EVOCALIZE_CLIENT_KEY_ID"
KEY_ENV = "EVOCALIZE_CLIENT_KEY"
AUTH_ENV = "EVOCALIZE_AUTH"

AUTH_SCHEMES = ("signature", "shared-secret")


class ConfigurationError(EvocalizeError):
    """The client cannot be set up from what it was given. `settings` names the settings at
    fault as `resolve_settings` names its arguments (`key_id`, `secret`, `auth`, `base_url`),
    and `value` is the value refused, if any, so a caller such as the command line can say it
    in its own terms."""

    def __init__(
        self, message: str, *, settings: tuple[str, ...] = (), value: str | None = None
    ) -> None:
        super().__init__(message)
        self.settings = settings
        self.value = value


# Where the base URL came from: the `base_url` argument, EVOCALIZE_BASE_URL, or the default (the
# production server).
URL_SOURCES = ("argument", "environment", "default")


@dataclass(frozen=True, repr=False)
class Settings:
    base_url: str
    key_id: str
    secret: str
    auth: str
    # One of URL_SOURCES.
    base_url_source: str = "argument"

    def __repr__(self) -> str:
        return (
            f"Settings(base_url={self.shown_url!r}, key_id={self.key_id!r}, secret='***', "
            f"auth={self.auth!r}, base_url_source={self.base_url_source!r})"
        )

    @property
    def shown_url(self) -> str:
        """The base URL as errors and reprs show it: a password inside it replaced by `***`."""
        return shown_url(self.base_url)

    def redact(self, text: str) -> str:
        """`text` without the base URL's password, wherever it appears."""
        password = httpx.URL(self.base_url).password
        text = text.replace(self.base_url, self.shown_url)
        return text.replace(password, "***") if password else text

    def where_the_url_came_from(self) -> str:
        """The base URL's origin, as a Python caller would change it."""
        if self.base_url_source == "environment":
            return f"from {BASE_URL_ENV}"
        if self.base_url_source == "default":
            return f"the default; pass base_url= or set {BASE_URL_ENV}"
        return "from base_url="


def shown_url(url: str) -> str:
    """`url` with the password of its user info, if any, replaced by `***` (read with a pattern,
    not a URL parser, so that a URL no parser accepts is hidden all the same)."""
    return _PASSWORD.sub(r"\1***@", url)


_PASSWORD = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://[^/?#@:]*:)[^/?#]*@")


class InsecureHttpWarning(UserWarning):
    """The base URL is plain `http://` to a host other than this machine: requests, their
    signatures and, with `auth="shared-secret"`, the client key itself travel in clear."""


# Hosts that never leave this machine (RFC 6761 reserves `localhost` and its subdomains).
_LOOPBACK_NAMES = ("localhost", ".localhost")


def is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(_LOOPBACK_NAMES[1]):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def warn_if_plain_http(url: str, auth: str) -> None:
    """Warns (`InsecureHttpWarning`) about a plain-http base URL that leaves this machine; see
    docs/decisions.md, "Plain HTTP". Called by the clients' constructors, whose caller the
    warning names."""
    parsed = httpx.URL(url)
    if parsed.scheme != "http" or is_loopback(parsed.host):
        return
    what = "the client key itself" if auth == "shared-secret" else "each signed request"
    warnings.warn(
        f"{shown_url(url)} is plain http to another machine: {what} travels in clear; use "
        "https:// (or silence InsecureHttpWarning where the network is yours)",
        InsecureHttpWarning,
        stacklevel=3,
    )


def spec_base_url() -> str:
    """The first server of the spec (Evocalize's production API)."""
    return str(load_spec()["servers"][0]["url"])


def resolve_settings(
    base_url: str | None = None,
    key_id: str | None = None,
    secret: str | None = None,
    auth: str | None = None,
    environ: Mapping[str, str] | None = None,
    *,
    default_base_url: str | None = None,
) -> Settings:
    env = os.environ if environ is None else environ
    key_id = key_id or env.get(KEY_ID_ENV)
    secret = secret or env.get(KEY_ENV)
    if not key_id or not secret:
        missing = tuple(
            name for name, value in (("key_id", key_id), ("secret", secret)) if not value
        )
        raise ConfigurationError(
            f"no {' and '.join(missing)}: pass key_id= and secret=, or set {KEY_ID_ENV} and "
            f"{KEY_ENV}",
            settings=missing,
        )
    scheme = auth or env.get(AUTH_ENV) or "signature"
    if scheme not in AUTH_SCHEMES:
        raise ConfigurationError(
            f"auth must be one of {', '.join(AUTH_SCHEMES)}, not {scheme!r}",
            settings=("auth",),
            value=scheme,
        )
    if base_url:
        url, source = base_url, "argument"
    elif env.get(BASE_URL_ENV):
        url, source = env[BASE_URL_ENV], "environment"
    else:
        url, source = default_base_url or spec_base_url(), "default"
    url = url.rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise ConfigurationError(
            f"base_url must start with http:// or https://, not {shown_url(url)!r}",
            settings=("base_url",),
            value=shown_url(url),
        )
    try:
        httpx.URL(url)
    except httpx.InvalidURL as error:
        raise ConfigurationError(
            f"base_url {shown_url(url)!r} is not a valid URL: {error}",
            settings=("base_url",),
            value=shown_url(url),
        ) from None
    return Settings(base_url=url, key_id=key_id, secret=secret, auth=scheme, base_url_source=source)
