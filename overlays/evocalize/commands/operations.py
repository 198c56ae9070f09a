"""`evocalize call` and `evocalize list`: any operation of the spec, by its operationId
(`getUser`) or its Python name (`get_user`), as `evocalize operations` lists both.

Nothing here names an operation: parameters, bodies and paging come from the spec through the
facade, so an operation added to `openapi.yaml` is callable here once the client is regenerated.
"""

from __future__ import annotations

import difflib
from typing import Annotated, Any

import typer

from evocalize._operation import Operation
from evocalize.client import OPERATIONS, Evocalize
from evocalize.errors import ResponseValidationError, json_body, raise_for_response
from evocalize.spec import OperationSpec, operation_spec, resolve

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
    str,
    typer.Argument(
        help="The operation: its operationId (getUser) or its Python name (get_user), both "
        "as `evocalize operations` lists them.",
        metavar="OPERATION",
    ),
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


# Each operation by its Python name (`get_user`), next to OPERATIONS by operationId.
BY_PYTHON_NAME = {operation.name: operation for operation in OPERATIONS.values()}


def find_operation(name: str) -> Operation[Any]:
    """The operation named by its operationId or by its Python name."""
    found = OPERATIONS.get(name) or BY_PYTHON_NAME.get(name)
    if found is not None:
        return found
    known = [*OPERATIONS, *BY_PYTHON_NAME]
    close = difflib.get_close_matches(name, known, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see `evocalize operations`"
    raise typer.BadParameter(f"no operation {name!r}{hint}", param_hint="OPERATION")


def _arguments(spec: OperationSpec, pairs: list[str] | None) -> dict[str, Any]:
    params = operation_params(spec, pairs or [])
    missing = missing_path_params(spec, params)
    if missing:
        needed = " ".join(f"--param {name}=..." for name in missing)
        raise typer.BadParameter(f"{spec.operation_id} needs {needed}", param_hint="--param")
    return params


_JSON_TYPES = {"object": dict, "array": list}


def _shaped_body(spec: OperationSpec, body: Any) -> Any:
    """The body, once its JSON type (and its entries', for an array) is the one the spec asks:
    a clear usage error here instead of a schema error for each field."""
    schema = spec.request_body_schema
    for value, node, what in [(body, schema, "the body")] + [
        (entry, resolve(schema.get("items", {})), f"entry {n} of the body")
        for n, entry in enumerate(body if isinstance(body, list) else [])
    ]:
        wanted = _JSON_TYPES.get(str(node.get("type")))
        if wanted is not None and not isinstance(value, wanted):
            raise typer.BadParameter(
                f"{what} must be a JSON {node['type']} for {spec.operation_id}",
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
    """Call one operation and print its answer's `data` as JSON. OPERATION is its operationId
    (getUser) or its Python name (get_user): `evocalize operations` lists both.

    Example: evocalize call getUser --param userId=jane
    """
    operation = find_operation(operation_id)
    spec = operation_spec(operation.operation_id)
    params = _arguments(spec, param)
    payload = None
    if body is not None:
        payload = _shaped_body(spec, json_argument(body, "--body"))
    elif operation.body is not None and operation.body.required:
        raise typer.BadParameter(f"{operation.operation_id} needs a --body", param_hint="--body")
    with connect(url, key_id, key, auth) as ev:
        response = ev.call_raw(operation.operation_id, body=payload, **params)
    raise_for_response(response)
    if not response.content:
        return
    unreadable = ResponseValidationError(
        f"the {response.status_code} answer of {operation.operation_id} is not JSON that can be "
        "read and printed (not JSON, or nested too deeply)"
    )
    answer = json_body(response)
    if answer is None:
        raise unreadable
    try:
        print_json(answer if envelope or not isinstance(answer, dict) else answer.get("data"))
    except RecursionError:
        raise unreadable from None


def list_(
    operation_id: OperationId,
    param: Params = None,
    url: Url = None,
    key_id: KeyId = None,
    key: Key = None,
    auth: Auth = None,
) -> None:
    """Print every item of a paginated listing, page after page, one JSON object a line.
    OPERATION is its operationId (listUsers) or its Python name (list_users).

    Example: evocalize list listUsers | head
    """
    operation = find_operation(operation_id)
    if not operation.paginated:
        paginated = sorted(op.operation_id for op in OPERATIONS.values() if op.paginated)
        raise typer.BadParameter(
            f"{operation.operation_id} is not paginated; these are: {', '.join(paginated)}",
            param_hint="OPERATION",
        )
    params = _arguments(operation_spec(operation.operation_id), param)
    ev: Evocalize
    with connect(url, key_id, key, auth) as ev:
        print_json_lines(ev.paginate(operation.operation_id, **params))
