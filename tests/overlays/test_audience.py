"""Audience CSV: identifiers normalised and hashed as the seed's table asks, the seed's
requirements checked with one message per problem, and the upload streamed as multipart."""

from __future__ import annotations

import hashlib
import io
import itertools
import tracemalloc
from collections.abc import Iterable, Iterator

import httpx
import pytest
from evocalize import audience
from evocalize.audience import (
    MIN_IDENTIFIERS,
    AudienceCsvError,
    aupload_audience_csv,
    check_hashed_csv,
    hash_csv,
    hash_identifier,
    hash_rows,
    upload_audience_csv,
)
from evocalize.client import AsyncEvocalize, Evocalize
from evocalize.deadlines import remaining
from evocalize.errors import PermissionDeniedError
from evocalize.retries import NO_RETRIES
from evocalize.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, signature_matches
from evocalize_client.models import AudiencePlaceholder

# Seed, "Audience Data CSV Example (Plain Text)" and "(SHA-256)": the same row, plain and hashed.
SEED_PLAIN = "email,phone,firstname,lastname\nemailaddress@example.com,15129876543,test,user\n"
SEED_HASHED = (
    "email,phone,firstname,lastname\n"
    "d42d751294f09be1b195bdea0f5049af7c7da93a99f4c688705ddcacdd16b4c1,"
    "88fb2986c52c22fbc4038a49ddd37b3650d0c52806fe520b288672770dc14730,"
    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08,"
    "04f8996da763b7a969b1028ee3007569eaf3a635486ddab211d512c85b9df8fb\n"
)
HEADER, SEED_HASHED_ROW = SEED_HASHED.splitlines(keepends=True)
# Four identifiers a row: this many rows make exactly the seed's minimum.
ROWS_FOR_MINIMUM = MIN_IDENTIFIERS // 4


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def hashed_file(rows: int) -> list[str]:
    return [HEADER] + [SEED_HASHED_ROW] * rows


# Hashing


def test_the_seeds_plain_row_hashes_to_the_seeds_hashed_row() -> None:
    assert "".join(hash_csv(io.StringIO(SEED_PLAIN))) == SEED_HASHED


def test_an_email_is_lowercased_and_loses_its_white_space_before_hashing() -> None:
    assert hash_identifier("email", " EmailAddress@Example.COM\t") == sha256(
        "emailaddress@example.com"
    )
    assert hash_identifier("email", "email address@example.com") == sha256(
        "emailaddress@example.com"
    )


def test_a_phone_keeps_only_its_digits_without_leading_zeros() -> None:
    for written in ("+1 (512) 987-6543", "001-512-987-6543", "1.512.987.6543"):
        assert hash_identifier("phone", written) == sha256("15129876543"), written


def test_a_name_is_lowercased_without_punctuation_and_keeps_its_accents() -> None:
    assert hash_identifier("lastname", " O'Brien-Smith. ") == sha256("obriensmith")
    assert hash_identifier("firstname", "José") == sha256("josé")
    # An accent typed as a combining mark hashes like the precomposed letter.
    assert hash_identifier("firstname", "Jose\u0301") == sha256("josé")


def test_a_value_already_hashed_is_kept_as_it_is_in_lowercase() -> None:
    digest = sha256("emailaddress@example.com")
    assert hash_identifier("email", digest) == digest
    assert hash_identifier("email", digest.upper()) == digest


def test_an_empty_value_or_one_without_data_stays_empty() -> None:
    assert hash_identifier("email", "") == ""
    assert hash_identifier("phone", "n/a") == ""


def test_header_names_in_any_case_are_written_as_the_seed_spells_them() -> None:
    rows = list(hash_rows([["\ufeffEmail", " PHONE "], ["a@example.com", "15129876543"]]))
    assert rows == [["email", "phone"], [sha256("a@example.com"), sha256("15129876543")]]


def test_hashing_a_csv_quoted_value_reads_it_as_one_value() -> None:
    lines = ["lastname,firstname\n", '"Smith, Jr.",Ann\n']
    assert list(hash_csv(lines))[1] == f"{sha256('smith jr')},{sha256('ann')}\n"


def test_hashing_streams_an_endless_source_one_row_at_a_time() -> None:
    read = 0

    def endless() -> Iterator[str]:
        nonlocal read
        yield "email\n"
        for number in itertools.count():
            read += 1
            yield f"person{number}@example.com\n"

    first = list(itertools.islice(hash_csv(endless()), 1001))
    assert first[1000] == sha256("person999@example.com") + "\n"
    assert read <= 1001


def test_hashing_refuses_an_unknown_column_before_any_row() -> None:
    with pytest.raises(AudienceCsvError) as raised:
        next(hash_csv(["email,zip\n", "a@example.com,98101\n"]))
    [problem] = raised.value.problems
    assert (problem.line, problem.column) == (1, 2)
    assert "not a known identifier" in problem.message


def test_hashing_refuses_a_row_of_the_wrong_length_naming_its_line() -> None:
    with pytest.raises(AudienceCsvError) as raised:
        list(hash_csv(["email,phone\n", "a@example.com,1512\n", "\n", "b@example.com\n"]))
    [problem] = raised.value.problems
    assert problem.line == 4
    assert "1 values where the header names 2 columns" in problem.message


# The requirement check


def test_a_hashed_file_with_the_minimum_of_identifiers_meets_the_requirements() -> None:
    assert check_hashed_csv(hashed_file(ROWS_FOR_MINIMUM)) == []


def test_a_file_with_fewer_than_300_identifiers_is_refused_with_its_count() -> None:
    [problem] = check_hashed_csv(hashed_file(ROWS_FOR_MINIMUM - 1))
    assert problem.line is None
    assert f"{MIN_IDENTIFIERS - 4} identifiers" in problem.message
    assert str(MIN_IDENTIFIERS) in problem.message


def test_empty_cells_are_missing_identifiers_and_do_not_count() -> None:
    row = ",".join([sha256("a"), "", "", ""]) + "\n"
    [problem] = check_hashed_csv([HEADER] + [row] * (MIN_IDENTIFIERS - 1))
    assert f"holds {MIN_IDENTIFIERS - 1} identifiers" in problem.message
    assert check_hashed_csv([HEADER] + [row] * MIN_IDENTIFIERS) == []


def test_a_plain_value_is_refused_with_its_line_and_column_but_never_shown() -> None:
    lines = hashed_file(ROWS_FOR_MINIMUM)
    lines[3] = lines[3].replace(sha256("15129876543"), "15129876543")
    [problem] = check_hashed_csv(lines)
    assert (problem.line, problem.column) == (4, 2)
    assert "phone" in problem.message
    assert "15129876543" not in str(problem)


def test_uppercase_hex_is_refused_because_the_upload_wants_lowercase() -> None:
    lines = hashed_file(ROWS_FOR_MINIMUM)
    lines[1] = lines[1].upper()
    assert [(p.line, p.column) for p in check_hashed_csv(lines)] == [(2, c) for c in range(1, 5)]


def test_the_check_wants_the_header_names_exactly_as_the_seed_spells_them() -> None:
    lines = ["Email,phone,phone,,zip\n"] + [",".join([sha256("a")] * 5) + "\n"] * 100
    problems = check_hashed_csv(lines)
    assert [(p.line, p.column) for p in problems] == [(1, 1), (1, 3), (1, 4), (1, 5)]
    assert "write the header 'email' in lowercase" in problems[0].message
    assert "already the header of column 2" in problems[1].message


def test_a_file_whose_first_row_holds_values_is_told_it_lacks_a_header() -> None:
    problems = check_hashed_csv(hashed_file(ROWS_FOR_MINIMUM)[1:])
    assert problems[0].line == 1
    assert "header" in problems[0].message
    assert SEED_HASHED_ROW[:64] not in str(problems[0])


def test_a_plain_first_row_taken_for_a_header_is_never_shown() -> None:
    with pytest.raises(AudienceCsvError) as raised:
        next(hash_csv(SEED_PLAIN.splitlines()[1:]))
    assert "emailaddress@example.com" not in str(raised.value)
    assert len(raised.value.problems) == 4


def test_an_empty_file_is_refused_for_lacking_a_header() -> None:
    [problem] = check_hashed_csv([])
    assert "empty" in problem.message


def test_a_row_of_the_wrong_length_is_one_problem_on_its_line() -> None:
    lines = hashed_file(ROWS_FOR_MINIMUM + 1)
    lines[5] = SEED_HASHED_ROW.split(",")[0] + "\n"
    [problem] = check_hashed_csv(lines)
    assert problem.line == 6
    assert "1 values where the header names 4 columns" in problem.message


def test_the_check_stops_after_its_limit_of_problems_and_says_so() -> None:
    lines = itertools.chain([HEADER], itertools.repeat("a,b,c,d\n"))
    problems = check_hashed_csv(lines, limit=10)
    assert len(problems) == 11
    assert "stopped checking after 10 problems" in problems[-1].message


def test_the_error_lists_its_problems_in_its_message() -> None:
    error = AudienceCsvError(check_hashed_csv(["zip\n"]))
    assert "2 problems" in str(error)
    assert "line 1, column 1" in str(error)


# Upload


PLACEHOLDER = {"data": {"placeholderId": "1234", "name": "n", "status": "processing"}}
FORBIDDEN = {"errors": [{"message": "No such placeholder", "code": "EV_OBJECT_NOT_FOUND"}]}


def facade_over(transport: httpx.BaseTransport) -> Evocalize:
    return Evocalize(
        "https://partner-api.test", "kid", "key", retries=NO_RETRIES, transport=transport
    )


def client_seeing(
    requests: list[httpx.Request], status: int = 200, answer: object = PLACEHOLDER
) -> Evocalize:
    def handler(request: httpx.Request) -> httpx.Response:
        request.read()
        requests.append(request)
        return httpx.Response(status, json=answer)

    return facade_over(httpx.MockTransport(handler))


def test_the_upload_sends_the_hashed_rows_as_the_multipart_file_field() -> None:
    requests: list[httpx.Request] = []
    plain = SEED_PLAIN + SEED_PLAIN.splitlines(keepends=True)[1] * (ROWS_FOR_MINIMUM - 1)

    placeholder = upload_audience_csv(client_seeing(requests), "1234", io.StringIO(plain))

    assert isinstance(placeholder, AudiencePlaceholder) and placeholder.status == "processing"
    [request] = requests
    assert request.method == "POST"
    assert request.url.path == "/management/v1/audience/1234/csv/upload"
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    body = request.content.decode()
    assert 'name="file"; filename="hashed_audience_data.csv"' in body
    assert "Content-Type: text/csv" in body
    assert HEADER + SEED_HASHED_ROW * ROWS_FOR_MINIMUM in body
    assert "emailaddress@example.com" not in body


def test_an_upload_has_no_overall_deadline_unless_one_is_given() -> None:
    """Gigabytes take the time they take; other calls keep the client's deadline."""
    left: list[float | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        request.read()
        left.append(remaining())
        return httpx.Response(200, json=PLACEHOLDER)

    plain = SEED_PLAIN + SEED_PLAIN.splitlines(keepends=True)[1] * (ROWS_FOR_MINIMUM - 1)
    ev = facade_over(httpx.MockTransport(handler))
    upload_audience_csv(ev, "1234", io.StringIO(plain))
    upload_audience_csv(ev, "1234", io.StringIO(plain), deadline=60)
    ev.audiences.get_audience_placeholder("1234")
    assert left[0] is None
    assert left[1] is not None and left[2] is not None


class StreamCountingTransport(httpx.BaseTransport):
    """Reads the request body chunk by chunk, keeping only its size and its end (MockTransport
    would read it whole)."""

    def __init__(self) -> None:
        self.sent_bytes = 0
        self.tail = b""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, Iterable)
        for chunk in request.stream:
            self.sent_bytes += len(chunk)
            self.tail = (self.tail + chunk)[-512:]
        return httpx.Response(200, json=PLACEHOLDER)


def test_the_upload_streams_a_file_larger_than_its_memory_spool(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(audience, "SPOOL_MAX_BYTES", 64 * 1024)
    rows = 20_000
    transport = StreamCountingTransport()
    client = facade_over(transport)
    source = (f"person{n}@example.com\n" for n in range(rows))
    tracemalloc.start()
    try:
        upload_audience_csv(client, "1234", itertools.chain(["email\n"], source))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    file_size = rows * 65  # a digest and its newline a row
    assert transport.sent_bytes > file_size
    assert sha256(f"person{rows - 1}@example.com").encode() in transport.tail
    assert peak < file_size / 4


def test_an_upload_already_hashed_is_sent_as_it_is() -> None:
    requests: list[httpx.Request] = []
    upload_audience_csv(
        client_seeing(requests), "1234", hashed_file(ROWS_FOR_MINIMUM), already_hashed=True
    )
    assert "".join(hashed_file(ROWS_FOR_MINIMUM)) in requests[0].content.decode()


def test_an_upload_said_to_be_hashed_but_holding_plain_values_is_refused_unsent() -> None:
    requests: list[httpx.Request] = []
    plain = SEED_PLAIN + SEED_PLAIN.splitlines(keepends=True)[1] * ROWS_FOR_MINIMUM
    with pytest.raises(AudienceCsvError) as raised:
        upload_audience_csv(
            client_seeing(requests), "1234", io.StringIO(plain), already_hashed=True
        )
    assert raised.value.problems[0].line == 2
    assert "emailaddress@example.com" not in str(raised.value)
    assert requests == []


def test_an_upload_below_the_minimum_is_refused_unsent() -> None:
    requests: list[httpx.Request] = []
    with pytest.raises(AudienceCsvError, match="at least 300"):
        upload_audience_csv(client_seeing(requests), "1234", io.StringIO(SEED_PLAIN))
    assert requests == []


def test_an_upload_refused_by_the_server_raises_its_typed_error() -> None:
    requests: list[httpx.Request] = []
    with pytest.raises(PermissionDeniedError) as raised:
        upload_audience_csv(
            client_seeing(requests, 403, FORBIDDEN), "1234", hashed_file(ROWS_FOR_MINIMUM)
        )
    assert raised.value.status == 403
    assert len(requests) == 1


def test_the_streamed_upload_carries_a_signature_over_its_exact_bytes() -> None:
    requests: list[httpx.Request] = []
    upload_audience_csv(client_seeing(requests), "1234", hashed_file(ROWS_FOR_MINIMUM))
    [request] = requests
    headers = request.headers
    assert signature_matches(
        headers[SIGNATURE_HEADER],
        "/management/v1/audience/1234/csv/upload",
        request.content,
        headers[TIMESTAMP_HEADER],
        "key",
    )


@pytest.mark.anyio
async def test_the_async_upload_sends_the_same_file() -> None:
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        request.read()
        requests.append(request)
        return httpx.Response(200, json=PLACEHOLDER)

    async with AsyncEvocalize(
        "https://partner-api.test", "kid", "key", transport=httpx.MockTransport(handler)
    ) as client:
        placeholder = await aupload_audience_csv(client, "1234", hashed_file(ROWS_FOR_MINIMUM))
    assert placeholder.placeholder_id == "1234"
    assert "".join(hashed_file(ROWS_FOR_MINIMUM)) in requests[0].content.decode()
