"""What one operation of the spec is, as the generated resource layer describes it to the runtime.

`scripts/regenerate` writes one `Operation` per operationId into
`evocalize_resources/_operations.py`: its method and path, its parameters by their API names,
the request schema its body is checked against, how its answer's `data` becomes a generated
model, and the traits the runtime acts on (idempotent, paginated, batch). The request builder
below turns typed arguments into an `httpx.Request` with no other knowledge of the API, so the
resources, `Evocalize.call` and the command line share one request path.

The operation travels on the request as the httpx extension `OPERATION_EXTENSION`, so the retry
transport reads whether it is safe to repeat instead of matching the URL against the spec.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar
from urllib.parse import quote

from evocalize._bodies import BodySchema, as_plain
from evocalize.errors import CallArgumentError, RequestValidationError

__all__ = [
    "OPERATION_EXTENSION",
    "Operation",
    "QueryParameter",
    "list_of",
    "no_data",
    "snake_case",
]

T = TypeVar("T")

# The key of the httpx request extension that carries the `Operation` being called.
OPERATION_EXTENSION = "evocalize_operation"
# RFC 3986 removes these path segments before sending, so a value that is one of them would
# reach another endpoint (`DELETE .../item/../grants`); percent-encoding does not help, because
# servers and proxies normalise `%2E` too.
DOT_SEGMENTS = frozenset({".", ".."})


def snake_case(name: str) -> str:
    """The Python name of an API name, as the generators write it (`getUser` -> `get_user`,
    `x-count` -> `x_count`)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower().replace("-", "_")


def no_data(data: Any) -> None:
    """The parser of an answer without `data` (202 accepted, 200 with an empty body)."""
    return None


def list_of(parse: Callable[[Any], T]) -> Callable[[Any], list[T]]:
    """The parser of a `data` array whose items `parse` reads."""

    def parse_list(data: Any) -> list[T]:
        if not isinstance(data, list):
            raise TypeError(f"expected a list, got {type(data).__name__}")
        return [parse(item) for item in data]

    return parse_list


@dataclass(frozen=True)
class QueryParameter:
    """One query parameter: its API name and how its value is written."""

    name: str
    # Sent as compact JSON text (a parameter the spec describes with `content`).
    json: bool = False
    # A list of values sent as one value joined by this (`x-delimiter`: Adnuntius's `id=a;b`).
    delimiter: str | None = None


@dataclass(frozen=True, eq=False)
class Operation(Generic[T]):
    """One operation of the spec; `T` is what a call returns (the model of `data`)."""

    operation_id: str
    method: str  # upper case
    path: str  # the spec's template, `{name}` per path parameter
    path_params: tuple[str, ...]
    query: tuple[QueryParameter, ...]
    parse: Callable[[Any], T]
    idempotent: bool
    tag: str  # the attribute of the client (`users`)
    name: str  # the method of the resource (`get_user`)
    summary: str = ""
    body: BodySchema | None = None
    # A listing: where its items sit in the envelope, and how one item is read.
    items_path: tuple[str, ...] = ()
    parse_item: Callable[[Any], Any] | None = None
    # A batch: the operationIds of its report and of the report's failed entries.
    report: tuple[str, str] | None = None
    deprecated: bool = False
    # The documented success statuses (empty: any 2xx), and the name of the model in
    # `evocalize_models` of the success answer's JSON envelope, which holds it to the schema.
    success: tuple[int, ...] = ()
    envelope: str | None = None
    _path_format: str = field(init=False, repr=False)
    _json_query: frozenset[str] = field(init=False, repr=False)
    _delimited: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        template = self.path
        for name in self.path_params:
            template = template.replace("{" + name + "}", "{}")
        object.__setattr__(self, "_path_format", template)
        json_names = frozenset(p.name for p in self.query if p.json)
        object.__setattr__(self, "_json_query", json_names)
        delimited = {p.name: p.delimiter for p in self.query if p.delimiter}
        object.__setattr__(self, "_delimited", delimited)

    def __repr__(self) -> str:
        return f"<operation {self.operation_id} {self.method} {self.path}>"

    @property
    def paginated(self) -> bool:
        return bool(self.items_path)

    @property
    def batch(self) -> bool:
        return self.report is not None

    def url(self, values: Sequence[object]) -> str:
        """The path with each value percent-encoded as one segment."""
        if len(values) != len(self.path_params):
            raise CallArgumentError(
                f"{self.name}() takes {len(self.path_params)} path value(s) "
                f"({', '.join(self.path_params) or 'none'}), {len(values)} given"
            )
        segments = []
        for name, value in zip(self.path_params, values, strict=True):
            text = value if isinstance(value, str) else str(value)
            if text in DOT_SEGMENTS or not text:
                raise RequestValidationError.single(
                    name,
                    f"{name} cannot be {text!r}: it would not name one object in the path",
                    value,
                )
            segments.append(quote(text, safe=""))
        return self._path_format.format(*segments)

    def query_params(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """The query string's values, None left out, each written as the API reads it."""
        params: dict[str, Any] = {}
        for name, value in values.items():
            if value is None:
                continue
            if name in self._json_query and not isinstance(value, str):
                params[name] = compact_json(value)
            elif name in self._delimited and isinstance(value, list | tuple):
                params[name] = self._delimited[name].join(str(each) for each in value)
            elif isinstance(value, enum.Enum):
                params[name] = value.value
            elif isinstance(value, bool):
                params[name] = "true" if value else "false"
            else:
                params[name] = value
        return params


def compact_json(value: Any) -> str:
    """JSON text as the API reads it in a query value: no spaces, UTF-8 kept."""
    return json.dumps(as_plain(value), separators=(",", ":"), ensure_ascii=False)
