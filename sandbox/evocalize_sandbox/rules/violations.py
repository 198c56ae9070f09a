"""The one exception a rule raises: an `EV_*` code of the API reference's error table, a message,
and the field at fault. Every rule violation is a 400; the resource turns it into the error
envelope."""

from __future__ import annotations


class RuleViolation(Exception):
    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    def __repr__(self) -> str:
        return f"RuleViolation({self.code!r}, {self.message!r}, field={self.field!r})"


INVALID_SCHEDULE = "EV_BAD_REQUEST_INVALID_SCHEDULE"
INVALID_BUDGET = "EV_BAD_REQUEST_INVALID_BUDGET"
INVALID_VARIABLE_VALUE = "EV_BAD_REQUEST_INVALID_VARIABLE_VALUE"
INVALID_FIELDS = "EV_BAD_REQUEST_INVALID_FIELDS"
INVALID_USER_IDENTITY = "EV_BAD_REQUEST_INVALID_USER_IDENTITY"
NOT_EDITABLE_TEMPORARILY = "EV_OBJECT_NOT_EDITABLE_TEMPORARILY"
