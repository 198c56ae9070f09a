"""What the commands share: the connection options, JSON output, and reading arguments.

Connection options name the `EVOCALIZE_*` variables in their help but do not read them: the
facade's `resolve_settings` does, so a flag, then the environment, then the spec's production
server decide, exactly as for `Evocalize()` in Python.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

# typer 0.27 vendors click and re-exports only some of its exceptions.
from typer._click import exceptions as click_exceptions

from evocalize._bodies import as_plain
from evocalize.client import Evocalize, snake_case
from evocalize.settings import (
    AUTH_ENV,
    AUTH_SCHEMES,
    BASE_URL_ENV,
    KEY_ENV,
    KEY_ID_ENV,
    ConfigurationError,
)
from evocalize.spec import OperationSpec, resolve

Url = Annotated[
    str | None,
    typer.Option("--url", help=f"The API's base URL (default: ${BASE_URL_ENV}, else production)."),
]
KeyId = Annotated[
    str | None, typer.Option("--key-id", help=f"Client key id (default: ${KEY_ID_ENV}).")
]
Key = Annotated[
    str | None,
    typer.Option(
        "--key", help=f"Client key, never printed (default: ${KEY_ENV}).", show_default=False
    ),
]
Auth = Annotated[
    str | None,
    typer.Option(
        "--auth", help=f"signature or shared-secret (default: ${AUTH_ENV}, else signature)."
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Machine-readable JSON output, for scripts.")]

# Progress and notes go to stderr, so stdout holds only results (and pipes cleanly).
stderr = Console(stderr=True)


# Each setting of `resolve_settings` as the command line names it: its flag and its variable.
OPTIONS = {
    "key_id": ("--key-id", KEY_ID_ENV),
    "secret": ("--key", KEY_ENV),
    "auth": ("--auth", AUTH_ENV),
    "base_url": ("--url", BASE_URL_ENV),
}


def connect(url: str | None, key_id: str | None, key: str | None, auth: str | None) -> Evocalize:
    """The client; what it cannot be set up from is a usage error (exit 2), said with the command
    line's flags and variables."""
    try:
        return Evocalize(base_url=url, key_id=key_id, secret=key, auth=auth)
    except ConfigurationError as error:
        raise usage_error(error) from None


def usage_error(error: ConfigurationError) -> click_exceptions.UsageError:
    """A ConfigurationError as the command line says it."""
    named = [OPTIONS[name] for name in error.settings if name in OPTIONS]
    if not named:
        return click_exceptions.UsageError(str(error))
    flags = " and ".join(flag for flag, _ in named)
    variables = " and ".join(variable for _, variable in named)
    if error.value is None:
        what = " and ".join(
            {"--key-id": "client key id", "--key": "client key"}.get(flag, flag)
            for flag, _ in named
        )
        return click_exceptions.UsageError(f"no {what}: give {flags}, or set {variables}")
    if error.settings == ("auth",):
        wanted = f"one of {', '.join(AUTH_SCHEMES)}"
    else:
        wanted = "a URL that starts with http:// or https://"
    return click_exceptions.BadParameter(
        f"must be {wanted}, not {error.value!r} (from {flags} or {variables})",
        param_hint=f"'{flags}'",
    )


def jsonable(value: Any) -> Any:
    """Generated models (attrs or pydantic), lists and dicts of them, as plain JSON data."""
    value = as_plain(value)
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value


def printable(value: object) -> str:
    """`value` as text that a terminal shows as it is: each control or invisible character
    (newlines, escape sequences, text direction marks) written as its Python escape, so that
    what an API or a webhook sent cannot forge lines or move the cursor."""
    text = str(value)
    if text.isprintable():
        return text
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in text
    )


def print_json(value: Any, *, pretty: bool = True) -> None:
    text = json.dumps(jsonable(value), indent=2 if pretty else None, ensure_ascii=False)
    typer.echo(text)


def print_json_lines(values: Iterable[Any]) -> None:
    for value in values:
        typer.echo(json.dumps(jsonable(value), ensure_ascii=False, separators=(",", ":")))
        sys.stdout.flush()


def json_argument(text: str, name: str) -> Any:
    """A JSON argument, given inline or as `@FILE` (`@-` for stdin)."""
    if text.startswith("@"):
        source = text[1:]
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        except OSError as error:
            raise typer.BadParameter(
                f"cannot read {source}: {error.strerror}", param_hint=name
            ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise typer.BadParameter(f"not JSON: {error}", param_hint=name) from None


def _typed(value: str, schema: Mapping[str, Any]) -> Any:
    """A text value in the type the spec's schema gives (query and path values arrive as text)."""
    kinds = schema.get("type", "string")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "string" in kinds or not set(kinds) & {"integer", "number", "boolean", "array", "object"}:
        return value
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        raise ValueError(f"expected {' or '.join(kinds)}, not {value!r}") from None


def operation_params(spec: OperationSpec, pairs: Iterable[str]) -> dict[str, Any]:
    """`NAME=VALUE` pairs as the operation's parameters, named as the spec names them: NAME as
    the spec writes it (`userId`) or as Python does (`user_id`), VALUE typed by the parameter's
    schema."""
    by_name: dict[str, dict[str, Any]] = {}
    for parameter in spec.parameters:
        by_name[parameter["name"]] = by_name[snake_case(parameter["name"])] = parameter
    params: dict[str, Any] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name:
            raise typer.BadParameter(f"expected NAME=VALUE, not {pair!r}", param_hint="--param")
        found = by_name.get(name)
        if found is None:
            known = ", ".join(p["name"] for p in spec.parameters) or "none"
            raise typer.BadParameter(
                f"{spec.operation_id} has no parameter {name!r}; it takes: {known}",
                param_hint="--param",
            )
        schema = resolve(found.get("schema", {}))
        try:
            params[found["name"]] = _typed(value, schema)
        except ValueError as error:
            raise typer.BadParameter(f"{name}: {error}", param_hint="--param") from None
    return params


def missing_path_params(spec: OperationSpec, params: Mapping[str, Any]) -> list[str]:
    return [p["name"] for p in spec.parameters if p["in"] == "path" and p["name"] not in params]
