"""`evocalize webhook verify|listen`: check a leads delivery, or receive them as they come.

`verify` checks one delivery read from stdin as a receiver would (`verify_leads_delivery`);
`listen` serves `LeadsReceiver`, which verifies, deduplicates and answers as Evocalize expects,
and prints each new lead. `evocalize sandbox send-leads` is the other end, for a trial run.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from evocalize.settings import KEY_ENV
from evocalize.signing import KEY_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER

from .common import Json, print_json, print_json_lines
from .extras import require_extra
from .failures import EXIT_FAILED, one_line

if TYPE_CHECKING:
    # The payload models take a second to import: only the webhook commands load them.
    from evocalize_models import Lead

app = typer.Typer(
    help="Verify leads webhook deliveries, or receive them.\n\n"
    "Example: evocalize webhook listen --port 9000"
)

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


@app.command()
def verify(
    path: Annotated[
        str, typer.Option("--path", help="Your endpoint's path, as Evocalize signs it.")
    ],
    secret: Secret,
    timestamp: Annotated[str, typer.Option("--timestamp", help=f"The {TIMESTAMP_HEADER} header.")],
    signature: Annotated[str, typer.Option("--signature", help=f"The {SIGNATURE_HEADER} header.")],
    key_id: KeyIdCheck = None,
    as_json: Json = False,
) -> None:
    """Check a delivery's signature and payload; the body is read from stdin.

    Example: evocalize webhook verify --path /leads --timestamp 1700000000
    --signature 3f2a... < body.json
    """
    headers = {TIMESTAMP_HEADER: timestamp, SIGNATURE_HEADER: signature}
    if key_id is not None:
        headers[KEY_ID_HEADER] = key_id
    from evocalize.webhooks import WebhookVerificationError, verify_leads_delivery

    body = sys.stdin.buffer.read()
    try:
        delivery = verify_leads_delivery(path, body, headers, secret, key_id=key_id)
    except WebhookVerificationError as error:
        typer.echo(one_line(error), err=True)
        raise typer.Exit(EXIT_FAILED) from None
    if as_json:
        print_json(delivery)
    else:
        ids = ", ".join(lead.id for lead in delivery.leads)
        typer.echo(f"verified: {len(delivery.leads)} lead(s): {ids}")


def _source(lead: Lead) -> str:
    for name in ("facebook", "google", "tik_tok"):
        if getattr(lead, name, None) is not None:
            return name.replace("_", "")
    return "unknown source"


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
    as_json: Json = False,
) -> None:
    """Receive leads deliveries and print each new lead once, as it arrives.

    Example: evocalize webhook listen --port 9000  (then: evocalize sandbox send-leads --to http://127.0.0.1:9000/leads)
    """
    if not secret and not no_verify:
        raise typer.BadParameter(
            f"give --secret (or set {KEY_ENV}), or --no-verify", param_hint="--secret"
        )

    # The receiver is served by uvicorn, which the sandbox extra brings.
    require_extra("evocalize webhook listen", "sandbox", ("uvicorn",))
    import uvicorn

    from evocalize.webhook_receiver import LeadsReceiver

    async def show(leads: list[Lead]) -> None:
        if as_json:
            print_json_lines(
                lead.model_dump(mode="json", by_alias=True, exclude_none=True) for lead in leads
            )
            return
        for lead in leads:
            typer.echo(f"lead {lead.id} from {_source(lead)}")
        sys.stdout.flush()

    receiver = LeadsReceiver(show, secret, verify=not no_verify, key_id=key_id)
    checked = "unverified" if no_verify else "verified"
    typer.echo(
        f"Listening for leads at http://{host}:{port}/ ({checked}, deduplicated); Ctrl+C stops.",
        err=True,
    )
    uvicorn.run(receiver, host=host, port=port, log_level="warning")
