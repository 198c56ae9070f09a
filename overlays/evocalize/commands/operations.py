"""`evocalize call` and `evocalize list`: any operation of the spec, by its operationId.

Nothing here names an operation: parameters, bodies and paging come from the spec through the
facade, so an operation added to `openapi.yaml` is callable here once the client is regenerated.
"""

from __future__ import annotations

import difflib
from typing import Annotated, Any

import typer

from evocalize.binding import OperationBinding, bindings
from evocalize.errors import raise_for_response
from evocalize.spec import resolve

from .common import (
    Auth,
    Key,
    KeyId,
    Url,
    connect,
    json_argument,
    missing_path_params,
    operation_params,
    print_json,
    print_json_lines,
)

OperationId = Annotated[
    str, typer.Argument(help="The operationId, as `evocalize operations` lists them.")
]
Params = Annotated[
    list[str] | None,
    typer.Option(
        "--param",
        "-p",
        help="A parameter NAME=VALUE (repeatable), named as in the spec (userId) or as in "
        "Python (user_id).",
    ),
]


def find_binding(operation_id: str) -> OperationBinding:
    known = bindings()
    if operation_id in known:
        return known[operation_id]
    close = difflib.get_close_matches(operation_id, known, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see `evocalize operations`"
    raise typer.BadParameter(f"no operation {operation_id!r}{hint}", param_hint="OPERATION_ID")


def _arguments(binding: OperationBinding, pairs: list[str] | None) -> dict[str, Any]:
    params = operation_params(binding.spec, pairs or [])
    missing = missing_path_params(binding.spec, params)
    if missing:
        needed = " ".join(f"--param {name}=..." for name in missing)
        raise typer.BadParameter(f"{binding.operation_id} needs {needed}", param_hint="--param")
    return params


def _body_required(binding: OperationBinding) -> bool:
    return bool(resolve(binding.spec.node.get("requestBody", {})).get("required"))


_JSON_TYPES = {"object": dict, "array": list}


def _shaped_body(binding: OperationBinding, body: Any) -> Any:
    """The body, once its JSON type (and its entries', for an array) is the one the spec asks:
    the generated models take nothing else, and the API would refuse it anyway."""
    schema = binding.spec.request_body_schema
    for value, node, what in [(body, schema, "the body")] + [
        (entry, resolve(schema.get("items", {})), f"entry {n} of the body")
        for n, entry in enumerate(body if isinstance(body, list) else [])
    ]:
        wanted = _JSON_TYPES.get(str(node.get("type")))
        if wanted is not None and not isinstance(value, wanted):
            raise typer.BadParameter(
                f"{what} must be a JSON {node['type']} for {binding.operation_id}",
                param_hint="--body",
            )
    return body


def call(
    operation_id: OperationId,
    param: Params = None,
    body: Annotated[
        str | None,
        typer.Option("--body", "-b", help="The request body: JSON, or @FILE (@- for stdin)."),
    ] = None,
    envelope: Annotated[
        bool,
        typer.Option(
            "--envelope", help="Print the whole answer (metadata, nextPageToken), not its data."
        ),
    ] = False,
    url: Url = None,
    key_id: KeyId = None,
    key: Key = None,
    auth: Auth = None,
) -> None:
    """Call one operation and print its answer's `data` as JSON.

    Example: evocalize call getUser --param userId=jane
    """
    binding = find_binding(operation_id)
    params = _arguments(binding, param)
    if body is not None:
        params["body"] = _shaped_body(binding, json_argument(body, "--body"))
    elif _body_required(binding):
        raise typer.BadParameter(f"{operation_id} needs a --body", param_hint="--body")
    with connect(url, key_id, key, auth) as ev:
        try:
            response = ev.operations[binding.operation_id].raw(**params)
        except TypeError as error:  # the body does not fit the operation's schema
            raise typer.BadParameter(str(error), param_hint="--body") from None
    raise_for_response(response)
    if not response.content:
        return
    answer = binding.json_body(response)
    print_json(answer if envelope else answer.get("data"))


def list_(
    operation_id: OperationId,
    param: Params = None,
    url: Url = None,
    key_id: KeyId = None,
    key: Key = None,
    auth: Auth = None,
) -> None:
    """Print every item of a paginated listing, page after page, one JSON object a line.

    Example: evocalize list listUsers | head
    """
    binding = find_binding(operation_id)
    if not binding.spec.paginated:
        paginated = sorted(op for op, b in bindings().items() if b.spec.paginated)
        raise typer.BadParameter(
            f"{operation_id} is not paginated; these are: {', '.join(paginated)}",
            param_hint="OPERATION_ID",
        )
    params = _arguments(binding, param)
    with connect(url, key_id, key, auth) as ev:
        print_json_lines(ev.operations[binding.operation_id].items(**params))
