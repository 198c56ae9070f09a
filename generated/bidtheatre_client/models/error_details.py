from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorDetails")


@_attrs_define
class ErrorDetails:
    """What went wrong."""

    message: str
    error_code: str | Unset = UNSET
    """ An application error code, which may follow a 500 or a 403. """

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        error_code = self.error_code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "message": message,
            }
        )
        if error_code is not UNSET:
            field_dict["errorCode"] = error_code

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        message = d.pop("message")

        error_code = d.pop("errorCode", UNSET)

        error_details = cls(
            message=message,
            error_code=error_code,
        )

        return error_details
