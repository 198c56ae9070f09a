"""Rule violations as API errors: every broken rule of `rules/` answers 400 with its code."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import ApiError
from ..rules.violations import RuleViolation


@contextmanager
def refused_as_400() -> Iterator[None]:
    """Runs rules; a `RuleViolation` becomes the 400 error envelope with its code and field."""
    try:
        yield
    except RuleViolation as violation:
        raise ApiError(400, violation.code, violation.message, violation.field) from None
