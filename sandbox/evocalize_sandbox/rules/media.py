"""What may change when a media asset is created again under its id (the API reference, "Create Or
Update Media"): the name and URL may, the type (`image` or `video`) may not. A deleted asset is
gone: its id can be used again for a new asset of any type."""

from __future__ import annotations

from .violations import INVALID_FIELDS, RuleViolation


def check_update(existing_type: str | None, new_type: str) -> None:
    """Refuses (400) a change of type of an existing asset; None means no such asset."""
    if existing_type is not None and existing_type != new_type:
        raise RuleViolation(
            INVALID_FIELDS,
            f"the media is of type {existing_type}, which cannot change",
            "type",
        )
