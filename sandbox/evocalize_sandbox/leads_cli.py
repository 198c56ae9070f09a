"""`evocalize sandbox send-leads` and `send-concierge`: POST realistic leads deliveries, or Lead
Concierge events, to a receiver, under the same delivery policy.

`cli.py` mounts it on the `evocalize sandbox` sub-app (this module imports nothing of the
command line, so the two do not import each other). It imports the simulator only when run, so
the rest of the command line stays fast. It exits with status 1 when any delivery gave up, so
scripts and CI can test a receiver with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from .leads import DeliveryPolicy, PartnerCredentials

SOURCES = ("facebook", "google", "tiktok")


def send_leads(
    to: str = typer.Option(..., "--to", help="The receiver's URL (the partner endpoint)."),
    count: int = typer.Option(1, "--count", min=1, max=1000, help="How many deliveries."),
    source: str | None = typer.Option(
        None,
        "--source",
        help="facebook, google or tiktok; without it the sources take turns.",
    ),
    key_id: str = typer.Option(
        "sandbox-partner", "--key-id", help="Sent as X-Evocalize-Client-Key-Id."
    ),
    key: str = typer.Option(
        "sandbox-partner-key",
        "--key",
        help="The client key that signs each delivery (never sent, never printed).",
        envvar="EVOCALIZE_CLIENT_KEY",
    ),
    time_scale: float = typer.Option(
        1.0,
        "--time-scale",
        help="Multiplies the timeout and retry schedule (5 s, 15 min, 3 h); 0.001 for tests.",
    ),
    seed: int | None = typer.Option(None, "--seed", help="Makes the leads repeatable."),
    milliseconds: bool = typer.Option(
        False,
        "--milliseconds",
        help="Stamp X-Evocalize-Timestamp in Unix milliseconds, as the reference's example "
        "header is (default: seconds).",
    ),
    redeliver: bool = typer.Option(
        False,
        "--redeliver",
        help="Send each delivered payload once more, as Evocalize may: receivers deduplicate "
        "on leads[].id.",
    ),
) -> None:
    """Send leads as Evocalize does: signed, retried, given up after 3 hours.

    Example: evocalize sandbox send-leads --to https://localhost:8443/leads --count 3
    """
    if time_scale <= 0:
        raise typer.BadParameter("must be positive", param_hint="--time-scale")
    if source is not None and source not in SOURCES:
        raise typer.BadParameter(f"expected one of {', '.join(SOURCES)}", param_hint="--source")

    import random

    import anyio

    from .leads import DeliveryPolicy, LeadSource, PartnerCredentials, make_delivery

    rng = random.Random(seed)
    sources = [LeadSource(source)] if source else list(LeadSource)
    credentials = PartnerCredentials(key_id=key_id, key=key)
    policy = DeliveryPolicy(time_scale=time_scale)

    async def run() -> bool:
        payloads = [make_delivery([sources[n % len(sources)]], rng) for n in range(count)]
        return await _send_all(to, payloads, credentials, policy, redeliver, milliseconds)

    if not anyio.run(run):
        raise typer.Exit(code=1)


async def _send_all(
    to: str,
    payloads: list[dict[str, Any]],
    credentials: PartnerCredentials,
    policy: DeliveryPolicy,
    redeliver: bool,
    milliseconds: bool = False,
) -> bool:
    """Delivers each payload (twice with `redeliver`), printing one line per delivery; whether
    every one was delivered."""
    from .leads import deliver

    all_delivered = True
    for payload in payloads:
        for _ in range(2 if redeliver else 1):
            report = await deliver(
                to, payload, credentials, policy=policy, milliseconds=milliseconds
            )
            answers = ", ".join(
                str(a.status_code) if a.status_code is not None else str(a.error)
                for a in report.attempts
            )
            typer.echo(
                f"{', '.join(report.lead_ids)}: {report.outcome.value} after "
                f"{len(report.attempts)} attempt(s) [{answers}]"
            )
            all_delivered = all_delivered and report.delivered
            if not report.delivered:
                break
    return all_delivered


def send_concierge(
    to: str = typer.Option(
        ..., "--to", help="The receiver's URL (the partner's concierge endpoint)."
    ),
    count: int = typer.Option(1, "--count", min=1, max=1000, help="How many events."),
    key_id: str = typer.Option(
        "sandbox-partner", "--key-id", help="Sent as X-Evocalize-Client-Key-Id."
    ),
    key: str = typer.Option(
        "sandbox-partner-key",
        "--key",
        help="The client key that signs each delivery (never sent, never printed).",
        envvar="EVOCALIZE_CLIENT_KEY",
    ),
    time_scale: float = typer.Option(
        1.0,
        "--time-scale",
        help="Multiplies the timeout and retry schedule (5 s, 15 min, 3 h); 0.001 for tests.",
    ),
    seed: int | None = typer.Option(None, "--seed", help="Makes the events repeatable."),
    milliseconds: bool = typer.Option(
        False,
        "--milliseconds",
        help="Stamp X-Evocalize-Timestamp in Unix milliseconds, as the reference's example "
        "header is (default: seconds).",
    ),
    redeliver: bool = typer.Option(
        False,
        "--redeliver",
        help="Send each delivered event once more, as Evocalize may: receivers deduplicate "
        "on idempotencyKey.",
    ),
) -> None:
    """Send Lead Concierge events as Evocalize does: signed, retried, given up after 3 hours.

    Example: evocalize sandbox send-concierge --to https://localhost:8443/lead-concierge
    """
    if time_scale <= 0:
        raise typer.BadParameter("must be positive", param_hint="--time-scale")

    import random

    import anyio

    from .leads import DeliveryPolicy, PartnerCredentials, make_concierge_event

    rng = random.Random(seed)
    credentials = PartnerCredentials(key_id=key_id, key=key)
    policy = DeliveryPolicy(time_scale=time_scale)

    async def run() -> bool:
        payloads = [make_concierge_event(rng) for _ in range(count)]
        return await _send_all(to, payloads, credentials, policy, redeliver, milliseconds)

    if not anyio.run(run):
        raise typer.Exit(code=1)
