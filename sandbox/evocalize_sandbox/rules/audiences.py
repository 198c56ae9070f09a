"""The life of an audience placeholder (the API reference, "Evocalize-Created Audiences"), as pure
functions.

`pending` (created, no audiences, a CSV is needed) -> `processing` (a valid CSV arrived: one
channel audience per channel in `CREATED_CHANNELS` appears, `pending`, without a size) ->
`completed` once the sandbox's processing delay has passed (Evocalize takes up to 24 hours): the
audiences turn `active` with a size, one person per CSV row (`< 1000` under 1000 people).
The delay is applied when the placeholder is next read, so no worker is needed and a test clock
drives it. A new CSV may follow completion; a placeholder
already processing refuses one.

A placeholder made from a provided (partner) audience is `completed` at once and takes no CSV.
The sandbox cannot ask Meta about an audience, so by convention a `channelAudienceId` starting
with `inactive` names an inactive audience and one starting with `inaccessible` an audience
Evocalize cannot reach; both are refused with a 400.

The CSV is checked with `evocalize.audience.check_hashed_csv`, the client's own check, so both
sides refuse the same files with the same messages.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

from evocalize.audience import check_hashed_csv

from .violations import INVALID_FIELDS, RuleViolation

PENDING = "pending"
PROCESSING = "processing"
COMPLETED = "completed"

AUDIENCE_PENDING = "pending"
AUDIENCE_ACTIVE = "active"

# The channels the sandbox's organisation rules create audiences on (the API reference: Meta and
# Google).
CREATED_CHANNELS = ("Facebook", "Google")
# The size the sandbox reports for a provided audience (the API reference's example).
PROVIDED_AUDIENCE_SIZE = "2700000"
# The API reference: an audience smaller than this answers the literal `SMALL_AUDIENCE_SIZE`.
SMALL_AUDIENCE_LIMIT = 1000
SMALL_AUDIENCE_SIZE = "< 1000"
# The API reference: "Audience creation can take up to 24 hours".
DEFAULT_PROCESSING_SECONDS = 24 * 60 * 60.0
# At most this many problems are listed in a refused upload's message.
LISTED_PROBLEMS = 5


@dataclass(frozen=True)
class ChannelAudience:
    channel: str
    channel_audience_id: str
    name: str
    description: str
    type: str
    potential_size: str | None
    status: str


@dataclass(frozen=True)
class PlaceholderState:
    id: str
    name: str
    description: str
    status: str
    tags: tuple[str, ...] = ()
    audiences: tuple[ChannelAudience, ...] = ()
    provided: bool = False
    processing_since: float | None = None
    # Data rows of the latest CSV: the sandbox's stand-in for the matched audience size.
    uploaded_rows: int = 0


def created(
    placeholder_id: str, name: str, description: str | None, tags: list[str]
) -> PlaceholderState:
    """A new placeholder: pending, no audiences; the description falls back to the name."""
    return PlaceholderState(placeholder_id, name, description or name, PENDING, tuple(tags))


def csv_rows(data: bytes) -> int:
    """The number of data rows of an upload, once `check_csv` accepted it."""
    lines = data.decode("utf-8-sig").splitlines()
    return sum(1 for line in lines[1:] if line.strip())


def check_csv(data: bytes) -> None:
    """Refuses (400) a file that is not UTF-8 or misses the API reference's CSV requirements."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise RuleViolation(INVALID_FIELDS, "the CSV is not UTF-8 text", "file") from None
    problems = check_hashed_csv(io.StringIO(text, newline=""))
    if problems:
        listed = "; ".join(str(problem) for problem in problems[:LISTED_PROBLEMS])
        more = len(problems) - LISTED_PROBLEMS
        suffix = f"; and {more} more" if more > 0 else ""
        raise RuleViolation(INVALID_FIELDS, f"invalid audience CSV: {listed}{suffix}", "file")


def upload(placeholder: PlaceholderState, data: bytes, now: float) -> PlaceholderState:
    """The placeholder after a CSV upload: processing, with pending audiences if it had none."""
    if placeholder.provided:
        raise RuleViolation(
            INVALID_FIELDS, "a placeholder made from a provided audience takes no CSV"
        )
    if placeholder.status == PROCESSING:
        raise RuleViolation(INVALID_FIELDS, "the placeholder is already processing a CSV")
    check_csv(data)
    audiences = placeholder.audiences or tuple(
        ChannelAudience(
            channel=channel,
            channel_audience_id=f"{channel.lower()}_{placeholder.id}",
            name=f"{channel} {placeholder.name}",
            description=placeholder.description,
            type="custom",
            potential_size=None,
            status=AUDIENCE_PENDING,
        )
        for channel in CREATED_CHANNELS
    )
    return replace(
        placeholder,
        status=PROCESSING,
        audiences=audiences,
        processing_since=now,
        uploaded_rows=csv_rows(data),
    )


def potential_size(people: int) -> str:
    """What `potentialSize` answers for an audience of `people`: the literal `< 1000` under
    1000 (the API reference), else the count as digits (its examples send a string)."""
    return SMALL_AUDIENCE_SIZE if people < SMALL_AUDIENCE_LIMIT else str(people)


def settle(placeholder: PlaceholderState, now: float, delay: float) -> PlaceholderState:
    """The placeholder as it is at `now`: completed once `delay` seconds of processing passed."""
    if placeholder.status != PROCESSING or placeholder.processing_since is None:
        return placeholder
    if now < placeholder.processing_since + delay:
        return placeholder
    size = potential_size(placeholder.uploaded_rows)
    return replace(
        placeholder,
        status=COMPLETED,
        processing_since=None,
        audiences=tuple(
            replace(audience, status=AUDIENCE_ACTIVE, potential_size=size)
            for audience in placeholder.audiences
        ),
    )


def provided(
    placeholder_id: str,
    channel: str,
    channel_audience_id: str,
    name: str | None,
    description: str | None,
    tags: list[str],
) -> PlaceholderState:
    """A completed placeholder around an existing channel audience."""
    if channel_audience_id.startswith("inactive"):
        raise RuleViolation(
            INVALID_FIELDS, "the channel audience is not active", "channelAudienceId"
        )
    if channel_audience_id.startswith("inaccessible"):
        raise RuleViolation(
            INVALID_FIELDS, "Evocalize cannot access the channel audience", "channelAudienceId"
        )
    # The channel audience's own name and description, as the sandbox imagines them.
    audience_name = f"{channel} audience {channel_audience_id}"
    audience = ChannelAudience(
        channel=channel,
        channel_audience_id=channel_audience_id,
        name=audience_name,
        description=audience_name,
        type="custom",
        potential_size=PROVIDED_AUDIENCE_SIZE,
        status=AUDIENCE_ACTIVE,
    )
    return PlaceholderState(
        placeholder_id,
        name or audience.name,
        description or audience.description,
        COMPLETED,
        tuple(tags),
        (audience,),
        provided=True,
    )
