"""Request bodies: taken in the forms partners hold them, checked against the spec's closed request
schemas before anything is sent, and written as the JSON the API reads.

A body may be a generated attrs model, a pydantic model of `evocalize_models`, or plain JSON
(mappings and lists, as the spec's examples show it). It is checked with the pydantic model that
datamodel-code-generator made from the same schema (closed: `extra="forbid"`), so a misspelled
field is an error that names it instead of a field silently dropped, and sent as that model
dumps it: the spec's camelCase names, only the fields given.

A batch is checked entry by entry, so one bad entry is reported alone, with its own field and
input, and `submit_all` still sends the others. What the spec does not know yet (a field the
API grew before `openapi.yaml` did) goes in `extra_body`, which is merged in unchecked.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pydantic

from evocalize.errors import ErrorDetail, RequestValidationError

__all__ = ["BodySchema", "Checked", "as_plain"]

# The generated pydantic models, imported on first use: a client that sends no body never pays
# for building them.
MODELS_PACKAGE = "evocalize_models"


def as_plain(value: Any) -> Any:
    """JSON-ready data from a pydantic model or an attrs model (recursively through lists);
    anything else as it is."""
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict) and hasattr(type(value), "from_dict"):
        return to_dict()
    if isinstance(value, list | tuple):
        return [as_plain(item) for item in value]
    return value


@dataclass(frozen=True)
class Checked:
    """A body already checked and written as JSON (a batch's entries, each checked alone by
    `BodySchema.prepare_entry`): `prepare` sends it as it is instead of checking it again."""

    body: Any


@dataclass(frozen=True)
class BodySchema:
    """The request body of one operation, as the generated resource layer describes it."""

    model: str  # the pydantic model of `models` for the whole body
    required: bool = True
    multipart: bool = False
    # A batch: its entries are the body itself (None) or the array under this key.
    entries_key: str | None = None
    # The package of generated pydantic models (a peer profile's own, `invoca_models`).
    models: str = MODELS_PACKAGE
    _model: Any = field(default=None, init=False, repr=False, compare=False)

    def model_class(self) -> type[pydantic.BaseModel]:
        if self._model is None:
            found = getattr(importlib.import_module(self.models), self.model)
            object.__setattr__(self, "_model", found)
        model: type[pydantic.BaseModel] = self._model
        return model

    def prepare(self, body: Any, extra_body: Mapping[str, Any] | None, operation: str) -> Any:
        """The JSON to send for `body`, checked; raises `RequestValidationError` naming every
        field that breaks the schema."""
        if isinstance(body, Checked):
            return merge_extra(body.body, extra_body)
        plain = as_plain(body)
        try:
            validated = self.model_class().model_validate(plain)
        except pydantic.ValidationError as error:
            raise RequestValidationError(details(error, plain), operation=operation) from None
        sent = validated.model_dump(mode="json", by_alias=True, exclude_unset=True)
        return merge_extra(sent, extra_body)

    def wrap(self, entries: list[Any]) -> Any:
        """The body that carries these batch entries."""
        return entries if self.entries_key is None else {self.entries_key: entries}

    def prepare_entry(self, entry: Any) -> tuple[Any, list[ErrorDetail]]:
        """One batch entry as JSON, checked alone: `(entry, [])`, or `(input, errors)` with each
        error's field relative to the entry."""
        plain = as_plain(entry)
        try:
            validated = self.model_class().model_validate(self.wrap([plain]))
        except pydantic.ValidationError as error:
            prefix = (self.entries_key, 0) if self.entries_key else (0,)
            return plain, details(error, plain, strip=prefix)
        sent: Any = validated.model_dump(mode="json", by_alias=True, exclude_unset=True)
        entries = sent if self.entries_key is None else sent[self.entries_key]
        return entries[0], []


def merge_extra(sent: Any, extra_body: Mapping[str, Any] | None) -> Any:
    """`extra_body` laid over an object body, or over each entry of an array body."""
    if not extra_body:
        return sent
    if isinstance(sent, dict):
        return {**sent, **extra_body}
    if isinstance(sent, list):
        return [{**entry, **extra_body} if isinstance(entry, dict) else entry for entry in sent]
    raise TypeError("extra_body needs a JSON object body (or an array of objects)")


def details(
    error: pydantic.ValidationError, given: Any, strip: Sequence[object] = ()
) -> list[ErrorDetail]:
    """pydantic's errors as the API words them: the field path in the spec's names."""
    found = []
    for problem in error.errors(include_url=False):
        location = list(problem["loc"])
        if strip and location[: len(strip)] == list(strip):
            location = location[len(strip) :]
        where = ".".join(str(part) for part in location) or None
        reason = (
            "unknown field (not in the spec's schema; send it with extra_body= if the API takes it)"
            if problem["type"] == "extra_forbidden"
            else problem["msg"]
        )
        found.append(
            ErrorDetail(
                message=f"{where}: {reason}" if where else reason,
                code=RequestValidationError.code,
                field=where,
                details={"input": problem.get("input", given)},
            )
        )
    return found
