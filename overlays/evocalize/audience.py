"""Audience customer data: normalise and hash identifiers, check a CSV, upload it.

Evocalize builds channel audiences from a CSV of SHA-256 hashed identifiers (the API reference,
"Upload Audience Data CSV"). Partners hold plain data, often millions of rows, so hashing streams
line by line and the upload spools to a temporary file: no whole file is ever held in memory. The
requirement check is one public function, `check_hashed_csv`, so that the client refuses a bad file
before sending it and the sandbox refuses it with the same messages on arrival.

Decisions where the API reference is silent:
- Headers: `hash_csv` takes the identifier names in any case, with stray spaces or a UTF-8 byte
  order mark, and writes them as the API reference spells them; `check_hashed_csv` checks what goes
  over the wire, so it wants exactly `email`, `phone`, `firstname`, `lastname`.
- An empty cell is a missing identifier: it stays empty and does not count towards the 300.
  A value that normalises to nothing (a phone without digits) is missing too.
- A value that already is a 64-hex SHA-256 is taken as hashed and kept (lowercased).
- Problems name the line and column, never the value: identifiers are personal data.
"""

from __future__ import annotations

import csv
import hashlib
import math
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, BinaryIO, cast

from evocalize_client.models.audience_csv_upload import AudienceCsvUpload
from evocalize_client.types import File

from evocalize.errors import EvocalizeError

__all__ = [
    "DEFAULT_PROBLEM_LIMIT",
    "IDENTIFIERS",
    "MIN_IDENTIFIERS",
    "SPOOL_MAX_BYTES",
    "UPLOAD_FILE_NAME",
    "AudienceCsvError",
    "AudienceCsvProblem",
    "aupload_audience_csv",
    "check_hashed_csv",
    "checked_upload_body",
    "hash_csv",
    "hash_identifier",
    "hash_rows",
    "is_hashed",
    "normalise",
    "upload_audience_csv",
]

if TYPE_CHECKING:
    from evocalize.client import AsyncEvocalize, Evocalize

# The data identifiers of the API reference's table, in its order and spelling.
IDENTIFIERS = ("email", "phone", "firstname", "lastname")
# The API reference, requirement 4: "at least 300 data identifiers to ensure a minimum of 100
# matches".
MIN_IDENTIFIERS = 300
# The API reference's multipart example names the file so.
UPLOAD_FILE_NAME = "hashed_audience_data.csv"
# Hashed data up to this size stays in memory on its way to the upload; beyond, on disk.
SPOOL_MAX_BYTES = 8 * 1024 * 1024
# A file with many bad lines is refused after this many problems are listed.
DEFAULT_PROBLEM_LIMIT = 100

_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_SHA256_HEX_ANY_CASE = re.compile(r"[0-9a-fA-F]{64}")
_NON_DIGITS = re.compile(r"[^0-9]")
_BOM = "\ufeff"


@dataclass(frozen=True)
class AudienceCsvProblem:
    """One way a CSV misses the API reference's requirements; `line` and `column` count from 1, and
    are None when the problem belongs to the whole file or row."""

    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = [f"line {self.line}"] if self.line is not None else []
        where += [f"column {self.column}"] if self.column is not None else []
        return f"{', '.join(where)}: {self.message}" if where else self.message


class AudienceCsvError(EvocalizeError, ValueError):
    """The CSV misses the requirements; `problems` lists every one found."""

    def __init__(self, problems: Sequence[AudienceCsvProblem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        listed = "; ".join(str(problem) for problem in self.problems[:5])
        more = f"; and {count - 5} more" if count > 5 else ""
        super().__init__(
            f"the audience CSV has {count} problem{'s' if count != 1 else ''}: {listed}{more}"
        )


# Normalisation, as the API reference's table of data identifiers asks.


def _normalise_email(value: str) -> str:
    # "Email must be lowercase, and not have any white space characters."
    return "".join(value.split()).lower()


def _normalise_phone(value: str) -> str:
    # "Phone must contain only digits, not have any leading zeros, and be prefixed with the
    # country code." The country code cannot be guessed: it must be in the value already
    # ("+1 512 ..." or "001 512 ..." both become "1512...").
    return _NON_DIGITS.sub("", value).lstrip("0")


def _normalise_name(value: str) -> str:
    # "lowercase, have no punctuations, and be UTF-8 formatted". NFC first, so that an accent
    # typed as a combining mark hashes like the precomposed letter; spaces inside a name stay,
    # collapsed to one.
    composed = unicodedata.normalize("NFC", value)
    kept = "".join(char for char in composed if not unicodedata.category(char).startswith("P"))
    return " ".join(kept.split()).lower()


_NORMALISERS: dict[str, Callable[[str], str]] = {
    "email": _normalise_email,
    "phone": _normalise_phone,
    "firstname": _normalise_name,
    "lastname": _normalise_name,
}


def normalise(identifier: str, value: str) -> str:
    """`value` as the API reference requires it before hashing, for one of `IDENTIFIERS`."""
    try:
        return _NORMALISERS[identifier](value)
    except KeyError:
        raise ValueError(
            f"unknown identifier {identifier!r}; known: {', '.join(IDENTIFIERS)}"
        ) from None


def is_hashed(value: str) -> bool:
    """Whether `value` is a lowercase hex SHA-256, as the upload requires every value to be."""
    return _SHA256_HEX.fullmatch(value) is not None


def hash_identifier(identifier: str, value: str) -> str:
    """The lowercase hex SHA-256 of the normalised value; a value already hashed is kept
    (lowercased), and a missing one (empty once normalised) stays empty."""
    stripped = value.strip()
    if _SHA256_HEX_ANY_CASE.fullmatch(stripped):
        return stripped.lower()
    normalised = normalise(identifier, value)
    if not normalised:
        return ""
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


# The requirement check, shared by the client and the sandbox.


def _header_problems(header: Sequence[str]) -> list[AudienceCsvProblem]:
    if any(_SHA256_HEX_ANY_CASE.fullmatch(name.strip()) for name in header):
        return [
            AudienceCsvProblem(
                "the first row must be the header naming the columns "
                f"({', '.join(IDENTIFIERS)}); it holds hashed values",
                line=1,
            )
        ]
    problems = []
    first_seen: dict[str, int] = {}
    for column, name in enumerate(header, start=1):
        if not name:
            problems.append(AudienceCsvProblem("the header names no identifier here", 1, column))
        elif name.removeprefix(_BOM).strip().lower() in IDENTIFIERS and name not in IDENTIFIERS:
            canonical = name.removeprefix(_BOM).strip().lower()
            problems.append(
                AudienceCsvProblem(
                    f"write the header {canonical!r} in lowercase, unspaced", 1, column
                )
            )
        elif name not in IDENTIFIERS:
            # Not echoed: a file without a header has personal data in its first row.
            problems.append(
                AudienceCsvProblem(
                    f"not a known identifier in the header; known: {', '.join(IDENTIFIERS)}",
                    1,
                    column,
                )
            )
        elif name in first_seen:
            problems.append(
                AudienceCsvProblem(
                    f"{name!r} is already the header of column {first_seen[name]}", 1, column
                )
            )
        else:
            first_seen[name] = column
    return problems


class _HashedCsvChecker:
    """The requirement check, fed one parsed row at a time, so that it can watch a file go by
    (the upload) as well as read one (`check_hashed_csv`)."""

    def __init__(self, limit: int | None) -> None:
        self.problems: list[AudienceCsvProblem] = []
        self.identifiers = 0
        self.header: list[str] | None = None
        self._limit = limit
        self.full = False

    def feed(self, line: int, row: Sequence[str]) -> None:
        if self.full or not row:
            return
        if self.header is None:
            self.header = [
                name.removeprefix(_BOM) if column == 0 else name for column, name in enumerate(row)
            ]
            self.problems += _header_problems(self.header)
            return
        if len(row) != len(self.header):
            self._add(
                AudienceCsvProblem(
                    f"{len(row)} values where the header names {len(self.header)} columns", line
                )
            )
            return
        for column, (name, value) in enumerate(zip(self.header, row, strict=True), start=1):
            if not value:
                continue
            self.identifiers += 1
            if not is_hashed(value):
                self._add(
                    AudienceCsvProblem(
                        f"the {name if name in IDENTIFIERS else 'column'}'s value is not a "
                        "lowercase hex SHA-256 (64 characters 0-9a-f)",
                        line,
                        column,
                    )
                )

    def finish(self) -> list[AudienceCsvProblem]:
        if self.full:
            return self.problems
        if self.header is None:
            self.problems.append(
                AudienceCsvProblem(
                    "the file is empty; the first row must be the header naming the columns "
                    f"({', '.join(IDENTIFIERS)})",
                    1,
                )
            )
        elif self.identifiers < MIN_IDENTIFIERS:
            self.problems.append(
                AudienceCsvProblem(
                    f"the file holds {self.identifiers} identifiers; at least {MIN_IDENTIFIERS} "
                    "are needed to ensure a minimum of 100 matches"
                )
            )
        return self.problems

    def _add(self, problem: AudienceCsvProblem) -> None:
        if self.full:
            return
        self.problems.append(problem)
        if self._limit is not None and len(self.problems) >= self._limit:
            self.full = True
            self.problems.append(
                AudienceCsvProblem(f"stopped checking after {self._limit} problems", problem.line)
            )


def _numbered_rows(lines: Iterable[str]) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(lines, strict=True)
    try:
        for row in reader:
            # A quoted value may span lines: line_num is where the row ends.
            yield reader.line_num, row
    except csv.Error as error:
        raise AudienceCsvError(
            [AudienceCsvProblem(f"not a readable CSV row ({error})", reader.line_num)]
        ) from None


def check_hashed_csv(
    lines: Iterable[str] | IO[str], *, limit: int | None = DEFAULT_PROBLEM_LIMIT
) -> list[AudienceCsvProblem]:
    """Every way the CSV misses the API reference's requirements, an empty list when it meets them:
    a header row naming only known identifiers, each once; as many values in every row; every value
    a lowercase hex SHA-256 (empty cells are missing identifiers); at least 300 identifiers. Reads
    line by line; after `limit` problems it stops and says so."""
    checker = _HashedCsvChecker(limit)
    try:
        for line, row in _numbered_rows(lines):
            checker.feed(line, row)
            if checker.full:
                break
    except AudienceCsvError as error:
        return checker.problems + error.problems
    return checker.finish()


# Hashing.


def _canonical_header(row: Sequence[str]) -> list[str]:
    header = [
        name.removeprefix(_BOM).strip().lower() if column == 0 else name.strip().lower()
        for column, name in enumerate(row)
    ]
    problems = _header_problems(header)
    if problems:
        raise AudienceCsvError(problems)
    return header


def _hashed_rows(
    numbered: Iterable[tuple[int, Sequence[str]]], *, hash_values: bool = True
) -> Iterator[tuple[int, list[str]]]:
    header: list[str] | None = None
    for line, row in numbered:
        if not row:
            continue
        if header is None:
            header = _canonical_header(row)
            yield line, header
        elif len(row) != len(header):
            raise AudienceCsvError(
                [
                    AudienceCsvProblem(
                        f"{len(row)} values where the header names {len(header)} columns", line
                    )
                ]
            )
        elif hash_values:
            yield (
                line,
                [hash_identifier(name, value) for name, value in zip(header, row, strict=True)],
            )
        else:
            yield line, list(row)


def _csv_line(row: Sequence[str]) -> str:
    # Hex digests and the API reference's header names never need quoting; a value that would is not
    # hashed, and the requirement check refuses it.
    return ",".join(row) + "\n"


def hash_rows(rows: Iterable[Sequence[str]]) -> Iterator[list[str]]:
    """The rows with every identifier hashed, the first being the header (names in any case,
    given back as the API reference spells them). Lazy: one row in, one row out. Raises
    `AudienceCsvError` on a bad header or a row of the wrong length, when it reaches it."""
    for _, row in _hashed_rows(enumerate(rows, start=1)):
        yield row


def hash_csv(source: Iterable[str] | IO[str]) -> Iterator[str]:
    """The CSV with every identifier hashed, one output line (ending in a newline) per input
    row, read and written lazily so that a file of any size streams through (open it with
    `newline=""`, as for any CSV). Raises `AudienceCsvError`, with the line, on a bad header or
    a row of the wrong length."""
    for _, row in _hashed_rows(_numbered_rows(source)):
        yield _csv_line(row)


# Upload.


@contextmanager
def checked_upload_body(
    source: Iterable[str] | IO[str], *, already_hashed: bool = False
) -> Iterator[AudienceCsvUpload]:
    """The multipart body of an audience upload: `source` hashed (unless `already_hashed`,
    when every value must be hashed already) into a spooled temporary file and checked.
    Raises `AudienceCsvError` when the file misses a requirement, before anything is sent."""
    checker = _HashedCsvChecker(DEFAULT_PROBLEM_LIMIT)
    rows = _hashed_rows(_numbered_rows(source), hash_values=not already_hashed)
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_MAX_BYTES, mode="w+b") as spool:
        try:
            for line, row in rows:
                checker.feed(line, row)
                if checker.full:
                    break
                spool.write(_csv_line(row).encode("utf-8"))
        except AudienceCsvError as error:
            raise AudienceCsvError(checker.problems + error.problems) from None
        problems = checker.finish()
        if problems:
            raise AudienceCsvError(problems)
        spool.seek(0)
        csv_file = File(
            payload=cast(BinaryIO, spool), file_name=UPLOAD_FILE_NAME, mime_type="text/csv"
        )
        yield AudienceCsvUpload(file=csv_file)


def upload_audience_csv(
    client: Evocalize,
    placeholder_id: str,
    source: Iterable[str] | IO[str],
    *,
    already_hashed: bool = False,
    deadline: float = math.inf,
) -> Any:
    """Hashes and checks `source` (see `checked_upload_body`) and sends it as the multipart
    field `file` of `POST /management/v1/audience/{placeholderId}/csv/upload`, signed as a
    stream; returns the placeholder (generated model) or raises the API's typed error. An
    upload of gigabytes takes the time it takes: no overall deadline unless one is given (each
    network wait still has the client's `timeout`)."""
    with checked_upload_body(source, already_hashed=already_hashed) as body:
        return client.audiences.upload_audience_csv(placeholder_id, body=body, deadline=deadline)


async def aupload_audience_csv(
    client: AsyncEvocalize,
    placeholder_id: str,
    source: Iterable[str] | IO[str],
    *,
    already_hashed: bool = False,
    deadline: float = math.inf,
) -> Any:
    """`upload_audience_csv` through the asynchronous facade."""
    with checked_upload_body(source, already_hashed=already_hashed) as body:
        return await client.audiences.upload_audience_csv(
            placeholder_id, body=body, deadline=deadline
        )
