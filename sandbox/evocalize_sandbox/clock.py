"""The sandbox's test clock: its notion of "now", which a test can freeze and move forward.

Everything in the sandbox that depends on time reads one clock (`Settings.clock`): order
statuses and subscription intervals, refund previews, audience placeholders finishing, batch
report retention, and the window of the request-signature check. In test mode that clock is a
`SandboxClock`, so advancing it moves all of them at once, and a test sees an order go from
`pending` to `completed` in milliseconds.

It runs with the wall clock (shifted by what it was advanced) until frozen; a frozen clock
moves only when advanced. It never goes back: an order that completed stays completed, and a
batch lease never gets longer, which a clock going backwards would break.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

__all__ = ["ClockError", "SandboxClock"]


class ClockError(ValueError):
    """A move the clock refuses: backwards, or not a finite number of seconds."""


def _seconds(value: float | timedelta) -> float:
    seconds = value.total_seconds() if isinstance(value, timedelta) else float(value)
    if seconds != seconds or seconds in (float("inf"), float("-inf")):
        raise ClockError("the clock moves by a finite number of seconds")
    return seconds


class SandboxClock:
    """Unix seconds, callable like `time.time` (it is what `Settings.clock` holds)."""

    def __init__(self, wall: Callable[[], float] = time.time) -> None:
        self._wall = wall
        self._offset = 0.0
        self._frozen_at: float | None = None
        self._lock = threading.Lock()

    def __call__(self) -> float:
        return self.now()

    def __repr__(self) -> str:
        return f"SandboxClock(now={self.now():.3f}, frozen={self.frozen})"

    def now(self) -> float:
        """The sandbox's current time, in Unix seconds."""
        frozen_at = self._frozen_at
        return frozen_at if frozen_at is not None else self._wall() + self._offset

    @property
    def frozen(self) -> bool:
        return self._frozen_at is not None

    def freeze(self) -> float:
        """Stops the clock where it is; returns that moment."""
        with self._lock:
            if self._frozen_at is None:
                self._frozen_at = self._wall() + self._offset
            return self._frozen_at

    def unfreeze(self) -> float:
        """Lets the clock run again with the wall clock, from where it stood."""
        with self._lock:
            if self._frozen_at is not None:
                self._offset = self._frozen_at - self._wall()
                self._frozen_at = None
            return self.now()

    def advance(
        self,
        seconds: float | timedelta = 0.0,
        *,
        minutes: float = 0.0,
        hours: float = 0.0,
        days: float = 0.0,
    ) -> float:
        """Moves the clock forward (`advance(days=2)`, `advance(timedelta(hours=1))`); returns
        the new now."""
        step = _seconds(seconds) + 60 * (_seconds(minutes) + 60 * (_seconds(hours) + 24 * days))
        if step < 0:
            raise ClockError("the clock only moves forward")
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at += step
            else:
                self._offset += step
            return self.now()

    def travel_to(self, moment: float) -> float:
        """Moves the clock forward to `moment` (Unix seconds); returns it."""
        return self.advance(_seconds(moment) - self.now())

    def reset(self) -> None:
        """Back to the wall clock, running (what a fresh sandbox has)."""
        with self._lock:
            self._offset = 0.0
            self._frozen_at = None

    def state(self) -> dict[str, Any]:
        """What the admin route answers: `now`, `frozen` and `offsetSeconds` (how far ahead of
        the wall clock it is)."""
        now = self.now()
        return {"now": now, "frozen": self.frozen, "offsetSeconds": now - self._wall()}
