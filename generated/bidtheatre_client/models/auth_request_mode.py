from typing import Literal

AuthRequestMode = Literal["auth", "refresh", "revoke"]

AUTH_REQUEST_MODE_VALUES: set[AuthRequestMode] = {
    "auth",
    "refresh",
    "revoke",
}


def check_auth_request_mode(value: str) -> AuthRequestMode:
    if value in AUTH_REQUEST_MODE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {AUTH_REQUEST_MODE_VALUES!r}")
