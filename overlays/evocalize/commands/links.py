"""`evocalize link content|programs|create|automated` and `evocalize sso-url`: the deep links
and single sign-on URLs of `evocalize.links` and `evocalize.sso`, printed for a person or, with
`--json`, for a script."""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

import typer

from evocalize.links import (
    automated_program_create_link,
    content_link,
    program_create_link,
    programs_link,
)
from evocalize.sso import TOKEN_LIFETIME_SECONDS, sso_token, sso_url

from .common import Json, print_json

app = typer.Typer(
    help="Deep links into the Evocalize web app on your white-label domain.\n\n"
    "Example: evocalize link programs app.example.com 42"
)

JWT_SECRET_ENV = "EVOCALIZE_JWT_SECRET"

Domain = Annotated[str, typer.Argument(help="Your white-label domain, such as app.example.com.")]
Architecture = Annotated[str, typer.Argument(help="The architecture id.")]


class SideNav(StrEnum):
    open = "open"
    closed = "closed"


class Step(StrEnum):
    spend = "spend"
    summary = "summary"


SideNavOption = Annotated[
    SideNav | None, typer.Option("--side-nav", help="Show the left navigation open or closed.")
]
ContentFilter = Annotated[
    str | None,
    typer.Option(
        "--content-filter", help='A JSON object, such as {"status": {"contains": "Sold"}}.'
    ),
]


def _print_link(build: Callable[..., str], *args: Any, as_json: bool, **options: Any) -> None:
    try:
        url = build(*args, **options)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    if as_json:
        print_json({"url": url})
    else:
        typer.echo(url)


def _side(side_nav: SideNav | None) -> str | None:
    return None if side_nav is None else side_nav.value


@app.command()
def content(
    domain: Domain,
    architecture_id: Architecture,
    content_filter: ContentFilter = None,
    side_nav: SideNavOption = None,
    as_json: Json = False,
) -> None:
    """The user's content, optionally filtered.

    Example: evocalize link content app.example.com 42
    --content-filter '{"status": {"contains": "Sold"}}'
    """
    _print_link(
        content_link,
        domain,
        architecture_id,
        content_filter=content_filter,
        side_nav=_side(side_nav),
        as_json=as_json,
    )


@app.command()
def programs(
    domain: Domain,
    architecture_id: Architecture,
    side_nav: SideNavOption = None,
    as_json: Json = False,
) -> None:
    """The programs (purchases) the user has made.

    Example: evocalize link programs app.example.com 42 --side-nav closed
    """
    _print_link(programs_link, domain, architecture_id, side_nav=_side(side_nav), as_json=as_json)


@app.command()
def create(
    domain: Domain,
    architecture_id: Architecture,
    product_id: Annotated[
        str | None, typer.Option("--product", help="The blueprint (product) id.")
    ] = None,
    content_ids: Annotated[
        list[str] | None,
        typer.Option("--content-id", help="A content item to select (repeatable)."),
    ] = None,
    content_filter: ContentFilter = None,
    step: Annotated[Step | None, typer.Option("--step", help="Skip to this step.")] = None,
    promo_code: Annotated[str | None, typer.Option("--promo-code", help="One promo code.")] = None,
    side_nav: SideNavOption = None,
    as_json: Json = False,
) -> None:
    """The order page with a blueprint, items, a step or a promo code pre-selected.

    Example: evocalize link create app.example.com 42 --product 7 --content-id a1 --step spend
    """
    _print_link(
        program_create_link,
        domain,
        architecture_id,
        product_id=product_id,
        content_ids=content_ids or [],
        content_filter=content_filter,
        side_nav=_side(side_nav),
        step=None if step is None else step.value,
        promo_code=promo_code,
        as_json=as_json,
    )


@app.command()
def automated(
    domain: Domain,
    architecture_id: Architecture,
    filters: Annotated[
        str | None,
        typer.Option(
            "--filters",
            help='A JSON array of {"column": ..., "rules": [{"operator": ..., "value": ...}]}.',
        ),
    ] = None,
    show_wizard: Annotated[
        bool | None, typer.Option("--show-wizard/--hide-wizard", help="Show the wizard.")
    ] = None,
    side_nav: SideNavOption = None,
    as_json: Json = False,
) -> None:
    """The automated program creation screen, optionally with catalog filters.

    Example: evocalize link automated app.example.com 42 --hide-wizard
    """
    _print_link(
        automated_program_create_link,
        domain,
        architecture_id,
        filters=filters,
        show_wizard=show_wizard,
        side_nav=_side(side_nav),
        as_json=as_json,
    )


def sso_url_command(
    domain: Annotated[str, typer.Option("--domain", help="Your white-label domain.")],
    org: Annotated[str, typer.Option("--org", help="Your organization slug.")],
    user: Annotated[str, typer.Option("--user", help="The user's id, as sent in API calls.")],
    secret: Annotated[
        str,
        typer.Option(
            "--secret",
            envvar=JWT_SECRET_ENV,
            help="The jwt_secret Evocalize gave you (never printed).",
            show_default=False,
        ),
    ],
    path: Annotated[str, typer.Option("--path", help="Where the user lands.")] = "/",
    ttl: Annotated[
        int, typer.Option("--ttl", min=1, help="Seconds the token is valid.")
    ] = TOKEN_LIFETIME_SECONDS,
    as_json: Json = False,
) -> None:
    """Mint a single sign-on URL that logs a user into the web app.

    Example: evocalize sso-url --domain app.example.com --org acme --user jane
    --path /#/dashboard/gallery
    """
    now = int(time.time())
    try:
        token = sso_token(org, user, secret, now=now, ttl=ttl)
        url = sso_url(domain, token, path)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    if as_json:
        print_json({"url": url, "token": token, "expiresAt": now + ttl})
    else:
        typer.echo(url)
