"""Binds each operation of the spec to the module openapi-python-client generated for it.

The facade sends requests itself (so auth, retries and typed errors apply uniformly) and uses
two functions of every generated module: `_get_kwargs` builds the request from typed
parameters, `_parse_response` turns a success body into the generated models. Calling them
rather than `sync_detailed` keeps a non-JSON error page (a proxy's HTML 502, say) from
failing inside generated code before our error handling sees it.

Arguments are accepted in the forms partners hold them: generated attrs models, plain dicts
and lists (JSON as the spec shows it), or the pydantic models of `evocalize_models`. A query
parameter that the spec sends as JSON text (`filterByGrantee`) also takes a dict or a model.
"""

from __future__ import annotations

import json
import re
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from types import ModuleType
from typing import Any, get_args, get_origin

import evocalize_client.models
import httpx
import pydantic
from evocalize_client import AuthenticatedClient
from evocalize_client.models.error_envelope import ErrorEnvelope
from evocalize_client.types import Unset

from evocalize.errors import ResponseValidationError
from evocalize.operations import generated_operations
from evocalize.spec import OperationSpec, operation_specs


def snake_case(operation_id: str) -> str:
    """openapi-python-client's module name for an operationId (`getUser` -> `get_user`)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()


def as_plain(value: Any) -> Any:
    """JSON-ready data from a pydantic model or attrs model; anything else as it is."""
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict) and hasattr(type(value), "from_dict"):
        return to_dict()
    return value


def _union_members(hint: Any) -> tuple[Any, ...]:
    if get_origin(hint) in (typing.Union, types.UnionType):
        return tuple(a for a in get_args(hint) if a is not type(None) and a is not Unset)
    return (hint,)


def coerce(value: Any, hint: Any) -> Any:
    """`value` in the type the generated code expects for `hint`."""
    members = _union_members(hint)
    for member in members:
        if isinstance(member, type) and isinstance(value, member) and member is not object:
            return value
    if isinstance(value, pydantic.BaseModel):
        value = as_plain(value)
    if str in members and not isinstance(value, str):
        # A parameter the spec sends as JSON text: compact JSON, as the server reads it.
        return json.dumps(as_plain(value), separators=(",", ":"), ensure_ascii=False)
    failures: list[str] = []
    for member in members:
        origin = get_origin(member)
        if origin is list and isinstance(value, Sequence) and not isinstance(value, str | bytes):
            (item_hint,) = get_args(member)
            return [coerce(item, item_hint) for item in value]
        from_dict = getattr(member, "from_dict", None)
        if isinstance(value, Mapping) and callable(from_dict):
            try:
                return from_dict(value)
            except KeyError as error:
                # A union such as purchase | subscription: the next member may fit.
                failures.append(f"{member.__name__} (no field {error.args[0]!r} where required)")
            except (TypeError, ValueError) as error:
                failures.append(f"{member.__name__} ({error})")
    if failures:
        raise TypeError("the value fits none of " + "; ".join(failures))
    return value


@dataclass(frozen=True)
class OperationBinding:
    spec: OperationSpec
    module: ModuleType

    @property
    def operation_id(self) -> str:
        return self.spec.operation_id

    @property
    def name(self) -> str:
        return self.module.__name__.rsplit(".", 1)[-1]

    @property
    def tag(self) -> str:
        return self.module.__name__.rsplit(".", 2)[-2]

    @cached_property
    def parameter_hints(self) -> dict[str, Any]:
        hints = typing.get_type_hints(self.module._get_kwargs)
        hints.pop("return", None)
        return hints

    def request_kwargs(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """httpx request arguments for these parameters (snake_case, as generated)."""
        unknown = sorted(set(params) - set(self.parameter_hints))
        if unknown:
            known = ", ".join(sorted(self.parameter_hints)) or "none"
            raise TypeError(
                f"{self.name}() got unknown parameter(s) {', '.join(unknown)}; it takes: {known}"
            )
        typed = {name: coerce(value, self.parameter_hints[name]) for name, value in params.items()}
        kwargs: dict[str, Any] = self.module._get_kwargs(**typed)
        return kwargs

    def parse(self, response: httpx.Response, client: AuthenticatedClient) -> Any:
        """The generated model of a success body (the whole envelope), or None without one."""
        if not response.content:
            return None
        try:
            return self.module._parse_response(client=client, response=response)
        except (KeyError, TypeError, ValueError) as error:
            raise ResponseValidationError(
                f"the {response.status_code} answer of {self.operation_id} does not match the "
                f"spec: {type(error).__name__} {error}"
            ) from error

    def unwrap(self, response: httpx.Response, client: AuthenticatedClient) -> Any:
        """The envelope's `data`, as the generated model."""
        parsed = self.parse(response, client)
        if parsed is None or isinstance(parsed, ErrorEnvelope):
            return None
        data = getattr(parsed, "data", None)
        return None if isinstance(data, Unset) else data

    def item_type(self, json_path: Sequence[str]) -> Any:
        """The generated class of the items of a listing, found at `json_path` of its success
        envelope (`("data",)`, or `("data", "grants")` for grant listings)."""
        envelope = typing.get_type_hints(self.module._parse_response)["return"]
        node = next(
            m
            for m in _union_members(envelope)
            if m is not ErrorEnvelope and hasattr(m, "from_dict")
        )
        for key in json_path:
            # Nested models are imported under TYPE_CHECKING only: resolve them in the package.
            hint = typing.get_type_hints(node, localns=vars(evocalize_client.models))[
                snake_case(key)
            ]
            members = _union_members(hint)
            lists = [m for m in members if get_origin(m) is list]
            if lists and key == json_path[-1]:
                return get_args(lists[0])[0]
            node = next(m for m in members if hasattr(m, "from_dict"))
        raise TypeError(f"{self.operation_id} keeps no list at {'.'.join(json_path)}")

    def item_converter(self, json_path: Sequence[str]) -> Callable[[Any], Any]:
        """Turns one raw item of a listing into its generated model."""
        from_dict = getattr(self.item_type(json_path), "from_dict", None)
        if not callable(from_dict):
            return lambda raw: raw
        return typing.cast(Callable[[Any], Any], from_dict)

    def page_kwargs(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """`request_kwargs` for a page: paging parameters arrive with the spec's names
        (`pageToken`), the caller's with the generated ones (`user_id`)."""
        named = {
            (key if key in self.parameter_hints else snake_case(key)): value
            for key, value in params.items()
        }
        return self.request_kwargs(named)

    def json_body(self, response: httpx.Response) -> Mapping[str, Any]:
        try:
            body = json.loads(response.content)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ResponseValidationError(
                f"the {response.status_code} answer of {self.operation_id} is not JSON"
            ) from error
        if not isinstance(body, Mapping):
            raise ResponseValidationError(
                f"the {response.status_code} answer of {self.operation_id} is not a JSON object"
            )
        return body


@cache
def bindings() -> dict[str, OperationBinding]:
    """Every operation of the spec, by operationId, with its generated module."""
    modules = {op.name: op.module for op in generated_operations()}
    bound = {}
    for spec in operation_specs():
        module = modules.get(snake_case(spec.operation_id))
        if module is None:
            raise RuntimeError(
                f"the generated client has no module for {spec.operation_id}: "
                "run scripts/regenerate"
            )
        bound[spec.operation_id] = OperationBinding(spec, module)
    return bound
