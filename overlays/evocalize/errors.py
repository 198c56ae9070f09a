"""Typed errors: one exception class per HTTP status family and per `EV_*` code.

A caller catches what it can act on (`NotFoundError`, `InvalidScheduleError`, any `APIError`)
instead of parsing bodies. Every API error carries the first error's `code`, `message`,
`field` and `details`, all errors of the envelope, the status, the request id when the server
sent one, and the response itself. A 2xx answer whose body holds `errors` raises too: it is
never taken for a success.

Decoding the body is a strategy (`ErrorDecoder`), so the envelopes of other APIs
(`error`/`error_id`, translatable messages) plug in without another hierarchy.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, ClassVar, NoReturn

import httpx

__all__ = [
    "ERRORS_BY_CODE",
    "ERRORS_BY_STATUS",
    "REQUEST_ID_HEADERS",
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "CallArgumentError",
    "ConflictError",
    "DeadlineExceededError",
    "DuplicateError",
    "ErrorClassifier",
    "ErrorConvention",
    "ErrorDecoder",
    "ErrorDetail",
    "EvocalizeError",
    "ExpiredRequestError",
    "InternalServerError",
    "InvalidBudgetError",
    "InvalidFieldsError",
    "InvalidKeyError",
    "InvalidScheduleError",
    "InvalidSecretError",
    "InvalidSignatureError",
    "InvalidUserIdentityError",
    "InvalidVariableValueError",
    "MalformedRequestError",
    "MethodNotAllowedError",
    "MissingHeadersError",
    "NotEditableTemporarilyError",
    "NotFoundError",
    "ObjectNotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestValidationError",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "ServerFaultError",
    "TooManyItemsError",
    "decode_evocalize_errors",
    "error_class",
    "error_object_decoder",
    "evocalize_error_details",
    "json_body",
    "raise_error",
    "raise_for_response",
    "request_id_of",
]

# Headers that carry a request id, in the order they are looked for.
REQUEST_ID_HEADERS = ("x-request-id", "x-evocalize-request-id", "x-amzn-requestid", "request-id")


@dataclass(frozen=True)
class ErrorDetail:
    """One reason a request failed, as the server put it."""

    message: str
    code: str | None = None
    field: str | None = None
    details: Mapping[str, Any] = dataclass_field(default_factory=dict)


class EvocalizeError(Exception):
    """Base of every error this package raises."""


class APIConnectionError(EvocalizeError):
    """The request did not get an answer (connection refused, reset, DNS, ...). `url` is the
    base URL tried, `url_source` where it came from (`argument`, `environment` or `default`,
    as `Settings.base_url_source`), `reason` what the transport said."""

    def __init__(
        self,
        message: str,
        *,
        url: str | None = None,
        url_source: str | None = None,
        reason: str | None = None,
    ) -> None:
        super().__init__(message)
        self.url = url
        self.url_source = url_source
        self.reason = reason


class APITimeoutError(APIConnectionError):
    """The request timed out."""


class DeadlineExceededError(APITimeoutError):
    """The call did not end within its deadline (`deadline=`: connecting, sending, the answer
    and every retry together), however steadily the server was still sending."""


class ResponseValidationError(EvocalizeError):
    """A success answer whose body does not match the spec's schema for it."""


class ResponseTooLargeError(EvocalizeError):
    """An answer larger than the client's `max_response_bytes`: not read further, not kept."""

    def __init__(self, message: str, *, max_bytes: int) -> None:
        super().__init__(message)
        self.max_bytes = max_bytes


class RequestValidationError(EvocalizeError, ValueError):
    """What the caller asked to send breaks the spec's request schema, so nothing was sent: a
    misspelled or unknown field, a wrong type, a value out of range, a path value such as `..`.
    It carries what the server would have answered, `EV_BAD_REQUEST_INVALID_FIELDS`, with each
    offending field (`groups.0.role`) and the value given for it."""

    code = "EV_BAD_REQUEST_INVALID_FIELDS"

    def __init__(self, errors: Sequence[ErrorDetail], *, operation: str | None = None) -> None:
        self.errors = list(errors) or [ErrorDetail(message="invalid request", code=self.code)]
        first = self.errors[0]
        self.message = first.message
        self.field = first.field
        self.operation = operation
        where = f"{operation}: " if operation else ""
        more = f" and {len(self.errors) - 1} more" if len(self.errors) > 1 else ""
        super().__init__(f"{where}{self.code}: {first.message}{more}")

    @classmethod
    def single(cls, field: str, message: str, value: Any) -> RequestValidationError:
        return cls([ErrorDetail(message, cls.code, field, {"input": value})])


class CallArgumentError(EvocalizeError, TypeError):
    """A call named a parameter its operation does not take, left out one it needs (a path
    value, a required body), or gave the wrong number of path values; nothing was sent."""


class APIError(EvocalizeError):
    """The server answered with an error."""

    status_code: ClassVar[int | None] = None

    def __init__(
        self,
        errors: Sequence[ErrorDetail],
        *,
        status: int,
        request_id: str | None = None,
        response: httpx.Response | None = None,
    ) -> None:
        first = errors[0] if errors else ErrorDetail(message=f"HTTP {status}")
        self.errors = list(errors) or [first]
        self.status = status
        self.code = first.code
        self.message = first.message
        self.field = first.field
        self.details = dict(first.details)
        self.request_id = request_id
        self.response = response
        super().__init__(self._describe())

    def _describe(self) -> str:
        # Only what the server said and where: never request headers, which hold credentials.
        text = f"{self.status}"
        if self.code:
            text += f" {self.code}"
        text += f": {self.message}"
        if self.field:
            text += f" (field {self.field!r})"
        if len(self.errors) > 1:
            text += f" and {len(self.errors) - 1} more"
        if self.request_id:
            text += f" [request {self.request_id}]"
        return text


class BadRequestError(APIError):
    status_code = 400


class AuthenticationError(APIError):
    status_code = 401


class PermissionDeniedError(APIError):
    status_code = 403


class NotFoundError(APIError):
    status_code = 404


class MethodNotAllowedError(APIError):
    status_code = 405


class ConflictError(APIError):
    status_code = 409


class RateLimitError(APIError):
    status_code = 429


class InternalServerError(APIError):
    """Any 5xx answer."""

    status_code = 500


# One class per `EV_*` code of the spec's ErrorCode enum; a test holds this table to the spec.
class InvalidFieldsError(BadRequestError):
    """EV_BAD_REQUEST_INVALID_FIELDS: a required field is missing or a field is invalid."""


class InvalidUserIdentityError(BadRequestError):
    """EV_BAD_REQUEST_INVALID_USER_IDENTITY: an unknown user or group."""


class TooManyItemsError(BadRequestError):
    """EV_BAD_REQUEST_TOO_MANY_ITEMS: a batch over 1000 entries; nothing was processed."""


class MalformedRequestError(BadRequestError):
    """EV_BAD_REQUEST_MALFORMED: an unreadable request, such as a type mismatch."""


class DuplicateError(BadRequestError):
    """EV_BAD_REQUEST_DUPLICATE: another object with a different id already exists."""


class InvalidBudgetError(BadRequestError):
    """EV_BAD_REQUEST_INVALID_BUDGET: an invalid amount or amount change."""


class InvalidScheduleError(BadRequestError):
    """EV_BAD_REQUEST_INVALID_SCHEDULE: an invalid schedule or schedule change."""


class InvalidVariableValueError(BadRequestError):
    """EV_BAD_REQUEST_INVALID_VARIABLE_VALUE: an invalid variable value."""


class NotEditableTemporarilyError(BadRequestError):
    """EV_OBJECT_NOT_EDITABLE_TEMPORARILY: the object cannot be edited now; try later."""


class ObjectNotFoundError(NotFoundError):
    """EV_OBJECT_NOT_FOUND: no such object."""


class InvalidKeyError(AuthenticationError):
    """EV_UNAUTHORIZED_INVALID_KEY: unknown client key id."""


class MissingHeadersError(AuthenticationError):
    """EV_UNAUTHORIZED_MISSING_HEADERS: a required credential header is missing."""


class InvalidSignatureError(AuthenticationError):
    """EV_UNAUTHORIZED_INVALID_SIGNATURE: the signature does not match."""


class InvalidSecretError(AuthenticationError):
    """EV_UNAUTHORIZED_INVALID_SECRET: wrong client key."""


class ExpiredRequestError(AuthenticationError):
    """EV_UNAUTHORIZED_EXPIRED_REQUEST: the timestamp is more than a minute away."""


class ServerFaultError(InternalServerError):
    """EV_INTERNAL_SERVER_ERROR: a server fault; try again later."""


ERRORS_BY_CODE: dict[str, type[APIError]] = {
    "EV_BAD_REQUEST_INVALID_FIELDS": InvalidFieldsError,
    "EV_BAD_REQUEST_INVALID_USER_IDENTITY": InvalidUserIdentityError,
    "EV_BAD_REQUEST_TOO_MANY_ITEMS": TooManyItemsError,
    "EV_BAD_REQUEST_MALFORMED": MalformedRequestError,
    "EV_BAD_REQUEST_DUPLICATE": DuplicateError,
    "EV_BAD_REQUEST_INVALID_BUDGET": InvalidBudgetError,
    "EV_BAD_REQUEST_INVALID_SCHEDULE": InvalidScheduleError,
    "EV_BAD_REQUEST_INVALID_VARIABLE_VALUE": InvalidVariableValueError,
    "EV_OBJECT_NOT_EDITABLE_TEMPORARILY": NotEditableTemporarilyError,
    "EV_OBJECT_NOT_FOUND": ObjectNotFoundError,
    "EV_UNAUTHORIZED_INVALID_KEY": InvalidKeyError,
    "EV_UNAUTHORIZED_MISSING_HEADERS": MissingHeadersError,
    "EV_UNAUTHORIZED_INVALID_SIGNATURE": InvalidSignatureError,
    "EV_UNAUTHORIZED_INVALID_SECRET": InvalidSecretError,
    "EV_UNAUTHORIZED_EXPIRED_REQUEST": ExpiredRequestError,
    "EV_INTERNAL_SERVER_ERROR": ServerFaultError,
}

ERRORS_BY_STATUS: dict[int, type[APIError]] = {
    cls.status_code: cls
    for cls in (
        BadRequestError,
        AuthenticationError,
        PermissionDeniedError,
        NotFoundError,
        MethodNotAllowedError,
        ConflictError,
        RateLimitError,
        InternalServerError,
    )
    if cls.status_code is not None
}

# Reads the error details out of a response; None when the body holds no error.
ErrorDecoder = Callable[[httpx.Response], list[ErrorDetail] | None]


def json_body(response: httpx.Response) -> Any:
    """The decoded JSON body, or None when there is none or it is not JSON (an error page)."""
    try:
        return json.loads(response.content) if response.content else None
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        return None


def decode_evocalize_errors(response: httpx.Response) -> list[ErrorDetail] | None:
    """The `errors` array of Evocalize's envelope (`{message, code, field?, details?}`)."""
    return evocalize_error_details(json_body(response))


def evocalize_error_details(body: Any) -> list[ErrorDetail] | None:
    """The `errors` array of an already decoded Evocalize envelope, or None without one."""
    if not isinstance(body, Mapping) or not isinstance(body.get("errors"), list):
        return None
    found = []
    for entry in body["errors"]:
        if not isinstance(entry, Mapping):
            continue
        details = entry.get("details")
        found.append(
            ErrorDetail(
                message=str(entry.get("message") or "no message"),
                code=str(entry["code"]) if entry.get("code") is not None else None,
                field=str(entry["field"]) if entry.get("field") is not None else None,
                details=details if isinstance(details, Mapping) else {},
            )
        )
    return found or None


def error_object_decoder(
    where: str,
    *,
    message: str = "message",
    code: str | None = "code",
    details: Sequence[str] = (),
    marked: bool = False,
) -> ErrorDecoder:
    """A decoder for the APIs whose failure body holds one error object at `where` (a key, or
    a dotted path of keys), its text in the field `message` (else its code), its code, if any,
    in `code`, and the fields named in `details`, when present, as details: BidTheatre's
    `{"error": {"message", "errorCode"}}`, Invoca's `{"errors": {"class", "invalid_data"}}`,
    AppNexus's `{"response": {"error", "error_id", "error_description"}}`. With `marked`, the
    object is an error only when it holds the message or the code field (AppNexus's `response`
    wraps its successes too)."""
    keys = where.split(".")

    def decode(response: httpx.Response) -> list[ErrorDetail] | None:
        found = json_body(response)
        for key in keys:
            found = found.get(key) if isinstance(found, Mapping) else None
        if not isinstance(found, Mapping):
            return None
        if marked and message not in found and (code is None or code not in found):
            return None
        value = found.get(code) if code is not None else None
        return [
            ErrorDetail(
                message=str(found.get(message) or value or "no message"),
                code=str(value) if value is not None else None,
                details={name: found[name] for name in details if found.get(name)},
            )
        ]

    return decode


def _status_class(status: int) -> type[APIError]:
    if status in ERRORS_BY_STATUS:
        return ERRORS_BY_STATUS[status]
    return InternalServerError if status >= 500 else APIError


def error_class(
    status: int, code: str | None, codes: Mapping[str, type[APIError]] = ERRORS_BY_CODE
) -> type[APIError]:
    """The class for a code and a status: the code's (in `codes`, an API's table of error codes),
    also a subclass of the status family's when the two differ (the spec answers a missing
    placeholder with 403 and `EV_OBJECT_NOT_FOUND`: both `except ObjectNotFoundError` and
    `except PermissionDeniedError` catch it; AppNexus reports `RATE_EXCEEDED` with 405)."""
    by_status = _status_class(status)
    by_code = codes.get(code or "")
    if by_code is None:
        return by_status
    if issubclass(by_code, by_status) or not 400 <= status < 600:
        return by_code
    pair = (by_code, by_status)
    if pair not in _COMBINED:  # made once, so that the same pair always gives the same class
        _COMBINED[pair] = type(by_code.__name__, pair, {"__module__": __name__})
    return _COMBINED[pair]


_COMBINED: dict[tuple[type[APIError], type[APIError]], type[APIError]] = {}


def request_id_of(response: httpx.Response) -> str | None:
    for header in REQUEST_ID_HEADERS:
        if header in response.headers:
            return response.headers[header]
    return None


# Picks the class of an error from its status and its first code: `error_class` by default; an
# API whose statuses mean something else (Invoca's 403: invalid arguments) brings its own.
ErrorClassifier = Callable[[int, str | None], type[APIError]]


def raise_for_response(
    response: httpx.Response,
    decode: ErrorDecoder = decode_evocalize_errors,
    *,
    classify: ErrorClassifier = error_class,
) -> None:
    """Raises the typed error a response stands for: any non-2xx, and any 2xx holding errors.
    `decode` reads an API's error envelope and `classify` picks the class of its first error."""
    details = decode(response)
    if response.is_success and not details:
        return
    raise_error(response, details, classify)


def raise_error(
    response: httpx.Response,
    details: list[ErrorDetail] | None,
    classify: ErrorClassifier = error_class,
) -> NoReturn:
    """Raises the typed error of an error answer whose body was decoded into `details`."""
    if not details:
        reason = response.reason_phrase or "error"
        text = response.text[:200].strip() if response.content else ""
        message = f"{reason}: {text}" if text else reason
        details = [ErrorDetail(message=message)]
    status = response.status_code
    # A 2xx holding errors keeps its real status; its class comes from the code.
    cls = classify(status, details[0].code)
    raise cls(details, status=status, request_id=request_id_of(response), response=response)


@dataclass(frozen=True)
class ErrorConvention:
    """How one API reports errors: the decoder of its envelope, its table of error codes
    (Evocalize's by default), and the classes its statuses stand for where they differ from
    HTTP's (Invoca's 403: invalid arguments). Each peer profile of `evocalize.profiles` states
    its own; a code in `codes` wins over a class of `statuses`."""

    decode: ErrorDecoder = decode_evocalize_errors
    codes: Mapping[str, type[APIError]] = dataclass_field(default_factory=lambda: ERRORS_BY_CODE)
    statuses: Mapping[int, type[APIError]] = dataclass_field(default_factory=dict)

    def raise_for(self, response: httpx.Response) -> None:
        """`raise_for_response` under this convention."""
        raise_for_response(response, self.decode, classify=self.classify)

    def classify(self, status: int, code: str | None) -> type[APIError]:
        if status in self.statuses and (code or "") not in self.codes:
            return self.statuses[status]
        return error_class(status, code, self.codes)
