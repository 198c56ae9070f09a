"""Audience CSVs for the sandbox's tests: the seed's hashed example row, repeated to reach the
300 identifiers the seed requires, and files that miss a requirement."""

from __future__ import annotations

import hashlib

# The seed's "Audience Data CSV Example (SHA-256)" row.
SEED_HEADER = "email,phone,firstname,lastname"
SEED_ROW = (
    "d42d751294f09be1b195bdea0f5049af7c7da93a99f4c688705ddcacdd16b4c1,"
    "88fb2986c52c22fbc4038a49ddd37b3650d0c52806fe520b288672770dc14730,"
    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08,"
    "04f8996da763b7a969b1028ee3007569eaf3a635486ddab211d512c85b9df8fb"
)


def hashed_emails(count: int) -> bytes:
    """A CSV of `count` hashed email addresses under an `email` header."""
    rows = [hashlib.sha256(f"person{n}@example.com".encode()).hexdigest() for n in range(count)]
    return ("\n".join(["email", *rows]) + "\n").encode("utf-8")


# 75 seed rows of 4 identifiers: exactly the 300 required.
VALID_CSV = ("\n".join([SEED_HEADER] + [SEED_ROW] * 75) + "\n").encode("utf-8")
TOO_FEW_IDENTIFIERS = hashed_emails(299)
PLAIN_TEXT_VALUES = (
    "email,phone,firstname,lastname\nemailaddress@example.com,15129876543,test,user\n" * 1
).encode("utf-8")
UNKNOWN_IDENTIFIER = hashed_emails(300).replace(b"email", b"postcode", 1)
NOT_UTF8 = b"email\n\xff\xfe\n"
