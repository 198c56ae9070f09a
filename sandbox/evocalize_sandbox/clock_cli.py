"""`evocalize sandbox clock show|advance|travel|freeze|unfreeze|reset`: move the test clock of a
sandbox running in test mode (`evocalize sandbox --test-mode`), through its admin route.

The sandbox is found and called as every command finds the API: `--url`, `--key-id`, `--key`
or the `EVOCALIZE_*` variables, but never the production default, which has no test clock.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import typer
from evocalize.commands.common import Auth, Json, Key, KeyId, Url, print_json, usage_error

clock_app = typer.Typer(
    help="Move the test clock of a sandbox started with --test-mode.",
    no_args_is_help=True,
    add_completion=False,
)

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$")


def parse_duration(text: str) -> float:
    """Seconds from `90`, `90s`, `15m`, `2h`, `3d` or `1w`."""
    match = _DURATION.match(text)
    if match is None:
        raise typer.BadParameter(f"expected a duration such as 90s, 15m, 2h or 3d, not {text!r}")
    return float(match[1]) * _UNITS[match[2] or "s"]


def _call(
    method: str, path: str, body: dict[str, Any] | None, connection: tuple[Any, ...]
) -> dict[str, Any]:
    import httpx
    from evocalize.auth import key_auth
    from evocalize.settings import ConfigurationError, resolve_settings, spec_base_url

    url, key_id, key, auth = connection
    try:
        settings = resolve_settings(url, key_id, key, auth, default_base_url=spec_base_url())
    except ConfigurationError as error:
        raise usage_error(error) from None
    if settings.base_url_source == "default":
        raise typer.BadParameter(
            "give the sandbox's URL with --url or EVOCALIZE_BASE_URL (production has no test "
            "clock)",
            param_hint="'--url'",
        )
    credentials = key_auth(settings.auth, settings.key_id, settings.secret)
    try:
        with httpx.Client(base_url=settings.base_url, auth=credentials, timeout=30) as http:
            response = http.request(method, path, json=body)
    except httpx.TransportError as error:
        typer.echo(f"no answer from {settings.base_url}: {error}", err=True)
        raise typer.Exit(code=1) from None
    if response.status_code == 404:
        typer.echo(
            f"{settings.base_url} has no test clock: start the sandbox with --test-mode", err=True
        )
        raise typer.Exit(code=1)
    answer: dict[str, Any] = response.json()
    if response.status_code >= 400:
        refusal = answer["errors"][0]
        typer.echo(f"{refusal['code']}: {refusal['message']}", err=True)
        raise typer.Exit(code=1)
    state: dict[str, Any] = answer["data"]
    return state


def _show(state: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print_json(state)
        return
    moment = datetime.fromtimestamp(state["now"], UTC).isoformat(timespec="seconds")
    running = "frozen" if state["frozen"] else "running"
    ahead = state["offsetSeconds"]
    typer.echo(f"{moment} ({int(state['now'])}), {running}, {ahead:.0f}s ahead of the wall clock")


@clock_app.command("show")
def show(
    url: Url = None, key_id: KeyId = None, key: Key = None, auth: Auth = None, json: Json = False
) -> None:
    """Print the sandbox's now.

    Example: evocalize sandbox clock show --url http://127.0.0.1:8080
    """
    _show(_call("GET", "/sandbox/clock", None, (url, key_id, key, auth)), json)


@clock_app.command("advance")
def advance(
    duration: str = typer.Argument(..., help="How far: 90s, 15m, 2h, 3d, 1w (or seconds)."),
    url: Url = None,
    key_id: KeyId = None,
    key: Key = None,
    auth: Auth = None,
    json: Json = False,
) -> None:
    """Move the clock forward: orders, subscriptions, refunds, audiences and reports follow.

    Example: evocalize sandbox clock advance 3d
    """
    body = {"seconds": parse_duration(duration)}
    _show(_call("POST", "/sandbox/clock/advance", body, (url, key_id, key, auth)), json)


@clock_app.command("travel")
def travel(
    moment: str = typer.Argument(
        ..., help="Where to: Unix seconds, or an ISO 8601 time (2027-01-31T09:00:00Z)."
    ),
    url: Url = None,
    key_id: KeyId = None,
    key: Key = None,
    auth: Auth = None,
    json: Json = False,
) -> None:
    """Move the clock forward to a moment.

    Example: evocalize sandbox clock travel 2027-01-31T09:00:00Z
    """
    try:
        seconds = float(moment)
    except ValueError:
        try:
            seconds = datetime.fromisoformat(moment).timestamp()
        except ValueError:
            raise typer.BadParameter(
                f"expected Unix seconds or an ISO 8601 time, not {moment!r}"
            ) from None
    body = {"to": seconds}
    _show(_call("POST", "/sandbox/clock/travel", body, (url, key_id, key, auth)), json)


def _simple(action: str, summary: str) -> None:
    def command(
        url: Url = None,
        key_id: KeyId = None,
        key: Key = None,
        auth: Auth = None,
        json: Json = False,
    ) -> None:
        _show(_call("POST", f"/sandbox/clock/{action}", None, (url, key_id, key, auth)), json)

    command.__doc__ = f"{summary}\n\nExample: evocalize sandbox clock {action}"
    clock_app.command(action)(command)


_simple("freeze", "Stop the clock where it is; it then moves only when advanced.")
_simple("unfreeze", "Let the clock run again with the wall clock, from where it stands.")
_simple("reset", "Back to the wall clock, running.")
