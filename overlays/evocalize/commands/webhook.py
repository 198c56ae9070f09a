"""`evocalize webhook verify|listen`: check a delivery, or receive them as they come.

Both webhooks are handled: leads, and Lead Concierge events. `verify` checks one delivery read
from stdin as a receiver would (`verify_leads_delivery`, or `verify_concierge_event` with
`--kind concierge`); `listen` serves `LeadsReceiver` and `ConciergeReceiver` on paths of their
own, which verify, deduplicate and answer as Evocalize expects, and prints each new lead and
event, and each redelivery it drops. `evocalize sandbox send-leads` and `send-concierge` are
the other end, for a trial run.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from evocalize.settings import KEY_ENV
from evocalize.signing import KEY_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER

from .common import Json, print_json, print_json_lines, printable
from .extras import require_extra
from .failures import EXIT_FAILED, one_line

if TYPE_CHECKING:
    # The payload models take a second to import: only the webhook commands load them.
    from evocalize_models import Lead, LeadConciergeEvent, LeadsDelivery

app = typer.Typer(
    help="Verify leads and Lead Concierge webhook deliveries, or receive them.\n\n"
    "Example: evocalize webhook listen --port 9000"
)

DEFAULT_LEADS_PATH = "/leads"
DEFAULT_CONCIERGE_PATH = "/lead-concierge"


class Kind(StrEnum):
    leads = "leads"
    concierge = "concierge"


Secret = Annotated[
    str,
    typer.Option(
        "--secret",
        envvar=KEY_ENV,
        help=f"Your client key, which signs deliveries (default: ${KEY_ENV}).",
        show_default=False,
    ),
]
KeyIdCheck = Annotated[
    str | None,
    typer.Option("--key-id", help=f"Also require this {KEY_ID_HEADER}.", show_default=False),
]
Window = Annotated[
    float,
    typer.Option(
        "--timestamp-window",
        min=0,
        help=f"How many seconds the {TIMESTAMP_HEADER} (Unix seconds or milliseconds) may be "
        "from this clock; it refuses replays. Widen it for a skewed clock.",
    ),
]
AnyTimestamp = Annotated[
    bool,
    typer.Option(
        "--any-timestamp",
        help="Do not check the timestamp's age (the signature still covers it).",
    ),
]


@app.command()
def verify(
    path: Annotated[
        str, typer.Option("--path", help="Your endpoint's path, as Evocalize signs it.")
    ],
    secret: Secret,
    timestamp: Annotated[str, typer.Option("--timestamp", help=f"The {TIMESTAMP_HEADER} header.")],
    signature: Annotated[str, typer.Option("--signature", help=f"The {SIGNATURE_HEADER} header.")],
    key_id: KeyIdCheck = None,
    timestamp_window: Window = 60.0,
    any_timestamp: AnyTimestamp = False,
    kind: Annotated[
        Kind,
        typer.Option("--kind", help="Which webhook sent it: leads or concierge (Lead Concierge)."),
    ] = Kind.leads,
    as_json: Json = False,
) -> None:
    """Check a delivery's signature and payload; the body is read from stdin.

    Example: evocalize webhook verify --path /leads --timestamp 1700000000
    --signature 3f2a... < body.json
    """
    headers = {TIMESTAMP_HEADER: timestamp, SIGNATURE_HEADER: signature}
    if key_id is not None:
        headers[KEY_ID_HEADER] = key_id
    from evocalize.webhooks import (
        WebhookVerificationError,
        verify_concierge_event,
        verify_leads_delivery,
    )

    body = sys.stdin.buffer.read()
    window = None if any_timestamp else timestamp_window
    try:
        if kind is Kind.concierge:
            event = verify_concierge_event(
                path, body, headers, secret, key_id=key_id, window=window
            )
        else:
            delivery = verify_leads_delivery(
                path, body, headers, secret, key_id=key_id, window=window
            )
    except WebhookVerificationError as error:
        typer.echo(one_line(error), err=True)
        raise typer.Exit(EXIT_FAILED) from None
    if kind is Kind.concierge:
        if as_json:
            print_json(event)
        else:
            typer.echo(f"verified: Lead Concierge event {printable(event.idempotency_key)}")
    elif as_json:
        print_json(delivery)
    else:
        ids = ", ".join(printable(lead.id) for lead in delivery.leads)
        typer.echo(f"verified: {len(delivery.leads)} lead(s): {ids}")


def _source(lead: Lead) -> str:
    for name in ("facebook", "google", "tik_tok"):
        if getattr(lead, name, None) is not None:
            return name.replace("_", "")
    return "unknown source"


# Lead form fields that name the person, in the order they are tried.
_NAME_FIELDS = ("full_name", "name")
_EMAIL_FIELDS = ("email", "email_address")


def lead_summary(lead: Lead) -> str:
    """One line for a lead: its id and channel, and the person's name and email when its lead
    form has them (`lead facebook:123 from facebook: Ava Kim <ava.kim4@example.com>`)."""
    line = f"lead {printable(lead.id)} from {_source(lead)}"
    answers: dict[str, str] = {}
    for channel in (lead.facebook, lead.google, lead.tik_tok):
        if channel is None:
            continue
        for answer in channel.lead_form:
            values = [value.root for value in answer.values if value.root]
            if values:
                answers.setdefault(answer.name.lower(), values[0])
    name = next((answers[field] for field in _NAME_FIELDS if field in answers), None)
    if name is None and ("first_name" in answers or "last_name" in answers):
        name = " ".join(answers[f] for f in ("first_name", "last_name") if f in answers)
    email = next((answers[field] for field in _EMAIL_FIELDS if field in answers), None)
    who = " ".join(part for part in (name, f"<{email}>" if email else None) if part)
    return f"{line}: {printable(who)}" if who else line


def duplicates_line(what: str, dropped: int, total: int) -> str:
    """The note for a delivery that brought `dropped` duplicates, `total` so far."""
    return (
        f"{what}: {dropped} duplicate{'s' if dropped != 1 else ''} dropped "
        f"({total} duplicate{'s' if total != 1 else ''} dropped so far)"
    )


@app.command()
def listen(
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")
    ] = 9000,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    secret: Annotated[
        str | None,
        typer.Option(
            "--secret",
            envvar=KEY_ENV,
            help=f"Your client key, which signs deliveries (default: ${KEY_ENV}).",
            show_default=False,
        ),
    ] = None,
    key_id: Annotated[
        str | None,
        typer.Option("--key-id", help=f"Also require this {KEY_ID_HEADER}.", show_default=False),
    ] = None,
    no_verify: Annotated[
        bool,
        typer.Option("--no-verify", help="Accept unsigned deliveries (the check is optional)."),
    ] = False,
    timestamp_window: Window = 60.0,
    any_timestamp: AnyTimestamp = False,
    leads_path: Annotated[
        str, typer.Option("--leads-path", help="The path that receives leads deliveries.")
    ] = DEFAULT_LEADS_PATH,
    concierge_path: Annotated[
        str,
        typer.Option("--concierge-path", help="The path that receives Lead Concierge events."),
    ] = DEFAULT_CONCIERGE_PATH,
    as_json: Json = False,
) -> None:
    """Receive leads and Lead Concierge deliveries, each on its own path, and print each new
    lead (its channel, and the name and email its form gives) and event once, as it arrives,
    and a line for each redelivery dropped as a duplicate, with a running count.

    Example: evocalize webhook listen --port 9000  (then: evocalize sandbox send-leads --to http://127.0.0.1:9000/leads)
    """
    if not secret and not no_verify:
        raise typer.BadParameter(
            f"give --secret (or set {KEY_ENV}), or --no-verify", param_hint="--secret"
        )

    # The receiver is served by uvicorn, which the sandbox extra brings.
    require_extra("evocalize webhook listen", "sandbox", ("uvicorn",))
    import uvicorn

    from evocalize.webhook_receiver import ConciergeReceiver, LeadsReceiver, WebhookRouter

    if _normal_path(leads_path) == _normal_path(concierge_path):
        raise typer.BadParameter(
            "the two webhooks need paths of their own", param_hint="--concierge-path"
        )

    async def show(leads: list[Lead]) -> None:
        if as_json:
            print_json_lines(
                lead.model_dump(mode="json", by_alias=True, exclude_none=True) for lead in leads
            )
            return
        for lead in leads:
            typer.echo(lead_summary(lead))
        sys.stdout.flush()

    # Duplicates are dropped before the handler sees them: count them where they are found.
    # The note goes to stdout with the leads, or to stderr when stdout is JSON lines.
    dropped = 0

    def note_duplicates(what: str, count: int) -> None:
        nonlocal dropped
        dropped += count
        typer.echo(duplicates_line(what, count, dropped), err=as_json)
        (sys.stderr if as_json else sys.stdout).flush()

    class CountingLeadsReceiver(LeadsReceiver):
        def _fresh(self, payload: LeadsDelivery) -> tuple[list[Lead], int]:
            leads, duplicates = super()._fresh(payload)
            if duplicates:
                seen = "all seen before" if not leads else f"{duplicates} seen before"
                note_duplicates(
                    f"leads delivery of {len(payload.leads)} lead(s), {seen}", duplicates
                )
            return leads, duplicates

    class CountingConciergeReceiver(ConciergeReceiver):
        def _fresh(self, payload: LeadConciergeEvent) -> tuple[list[LeadConciergeEvent], int]:
            events, duplicates = super()._fresh(payload)
            if duplicates:
                details = payload.lead_concierge_data
                note_duplicates(
                    f"concierge event {printable(payload.idempotency_key)} "
                    f"({printable(details.current_status)}) "
                    "seen before",
                    duplicates,
                )
            return events, duplicates

    async def show_event(event: LeadConciergeEvent) -> None:
        if as_json:
            # One line per event, as sent: it holds `idempotencyKey`, which no lead has.
            print_json_lines([event.model_dump(mode="json", by_alias=True, exclude_none=True)])
            return
        details = event.lead_concierge_data
        typer.echo(
            f"concierge event {printable(event.idempotency_key)}: lead "
            f"{printable(details.internal_lead_id)} {printable(details.previous_status)} -> "
            f"{printable(details.current_status)}"
        )
        sys.stdout.flush()

    checks: dict[str, Any] = {
        "verify": not no_verify,
        "key_id": key_id,
        "window": None if any_timestamp else timestamp_window,
    }
    router = WebhookRouter(
        {
            leads_path: CountingLeadsReceiver(show, secret, **checks),
            concierge_path: CountingConciergeReceiver(show_event, secret, **checks),
        }
    )
    checked = "unverified" if no_verify else "verified"
    base = f"http://{host}:{port}"
    typer.echo(
        f"Listening for leads at {base}{_normal_path(leads_path)} and Lead Concierge events at "
        f"{base}{_normal_path(concierge_path)} ({checked}, deduplicated); Ctrl+C stops.",
        err=True,
    )
    uvicorn.run(router, host=host, port=port, log_level="warning")


def _normal_path(path: str) -> str:
    return "/" + path.strip("/")
