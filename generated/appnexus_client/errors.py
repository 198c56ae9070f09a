"""Contains shared errors types that can be raised from API functions"""


class UnexpectedStatus(Exception):
    """Raised by api functions when the response status an undocumented status and Client.raise_on_unexpected_status is True"""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


# RFC 3986 removes these path segments before sending (and servers and proxies decode `%2E`
# first), so a path value that is one of them would reach another endpoint.
DOT_SEGMENTS = frozenset({".", ".."})


class DotSegmentError(ValueError):
    """Raised by api functions, before sending, for a path value that is `.` or `..`"""

    def __init__(self, name: str, value: str):
        self.name = name
        self.value = value
        super().__init__(
            f"{name} cannot be {value!r}: it would not name one object in the path, and the request would reach another endpoint"
        )


__all__ = ["DOT_SEGMENTS", "DotSegmentError", "UnexpectedStatus"]
