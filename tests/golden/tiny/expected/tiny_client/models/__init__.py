"""Contains all the data models used in inputs/outputs"""

from .error import Error
from .thing import Thing
from .thing_filter import ThingFilter
from .thing_input import ThingInput
from .thing_kind import ThingKind
from .thing_page import ThingPage

__all__ = (
    "Error",
    "Thing",
    "ThingFilter",
    "ThingInput",
    "ThingKind",
    "ThingPage",
)
