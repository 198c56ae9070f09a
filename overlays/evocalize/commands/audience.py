"""`evocalize audience hash|upload`: audience CSVs hashed as the API reference requires, and
uploaded.

Both stream: hashing reads and writes one row at a time, and the upload spools the hashed file
(`evocalize.audience`), so a file of millions of rows never sits in memory.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from typing import IO, Annotated

import typer

from evocalize.audience import hash_csv, upload_audience_csv

from .common import Auth, Json, Key, KeyId, Url, connect, print_json, stderr

app = typer.Typer(
    help="Hash audience CSVs and upload them to a placeholder.\n\n"
    "Example: evocalize audience hash customers.csv -o hashed.csv"
)


def _open_input(stack: ExitStack, name: str) -> IO[str]:
    if name == "-":
        return sys.stdin
    return stack.enter_context(open(name, encoding="utf-8", newline=""))


@app.command("hash")
def hash_(
    source: Annotated[
        str, typer.Argument(help="Plain CSV (email, phone, firstname, lastname); - for stdin.")
    ],
    output: Annotated[
        str, typer.Option("--output", "-o", help="Where the hashed CSV goes; - for stdout.")
    ] = "-",
) -> None:
    """Normalise and SHA-256 every identifier of a CSV, row by row.

    Example: evocalize audience hash customers.csv -o hashed.csv
    """
    with ExitStack() as stack:
        rows = hash_csv(_open_input(stack, source))
        first = next(rows, None)  # a bad header fails before the output file is created
        out = (
            sys.stdout
            if output == "-"
            else stack.enter_context(open(output, "w", encoding="utf-8", newline=""))
        )
        count = 0
        if first is not None:
            out.write(first)
            for row in rows:
                out.write(row)
                count += 1
        out.flush()
    if output != "-":
        stderr.print(f"{count:,} rows hashed into {output}")


@app.command()
def upload(
    placeholder_id: Annotated[str, typer.Argument(help="The audience placeholder's id.")],
    source: Annotated[str, typer.Argument(help="The CSV, plain or hashed; - for stdin.")],
    hashed: Annotated[
        bool, typer.Option("--hashed", help="The file is hashed already: check it, do not hash.")
    ] = False,
    as_json: Json = False,
    url: Url = None,
    key_id: KeyId = None,
    key: Key = None,
    auth: Auth = None,
) -> None:
    """Hash (unless --hashed), check and upload an audience CSV to a placeholder.

    Example: evocalize audience upload 6b1d0c2e customers.csv
    """
    with ExitStack() as stack:
        lines = _open_input(stack, source)
        with connect(url, key_id, key, auth) as ev:
            placeholder = upload_audience_csv(ev, placeholder_id, lines, already_hashed=hashed)
    if as_json:
        print_json(placeholder)
    else:
        typer.echo(f"{placeholder.placeholder_id}: {placeholder.status}")
