"""The error envelope every failure answers with, and the exception that produces it.

Handlers raise `ApiError`; the app turns it into `{"errors": [{message, code, field?}]}` with
the status, so no handler builds an error response by hand (openapi.yaml, `ErrorEnvelope`).
"""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A documented failure: the HTTP status, an `EV_*` code, a message and the field at fault."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field

    def envelope(self) -> dict[str, Any]:
        error: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.field is not None:
            error["field"] = self.field
        return {"errors": [error]}

    def __repr__(self) -> str:
        return f"ApiError({self.status}, {self.code!r}, {self.message!r}, field={self.field!r})"


def not_found(what: str, field: str | None = None) -> ApiError:
    return ApiError(404, "EV_OBJECT_NOT_FOUND", f"{what} not found", field)


def invalid_field(field: str, message: str) -> ApiError:
    return ApiError(400, "EV_BAD_REQUEST_INVALID_FIELDS", message, field)


def malformed(message: str, field: str | None = None) -> ApiError:
    return ApiError(400, "EV_BAD_REQUEST_MALFORMED", message, field)


def unknown_identity(field: str, message: str) -> ApiError:
    return ApiError(400, "EV_BAD_REQUEST_INVALID_USER_IDENTITY", message, field)


def too_many_items(limit: int) -> ApiError:
    return ApiError(
        400, "EV_BAD_REQUEST_TOO_MANY_ITEMS", f"a batch holds at most {limit} entries", None
    )


INTERNAL_ERROR = ApiError(
    500, "EV_INTERNAL_SERVER_ERROR", "internal server error, try again later", None
)
