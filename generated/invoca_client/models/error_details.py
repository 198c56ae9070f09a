from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ErrorDetails")


@_attrs_define
class ErrorDetails:
    """What went wrong."""

    class_: str
    """ The kind of failure, such as RecordInvalid or RecordNotFound. """
    invalid_data: str
    """ A readable account of the problem. """

    def to_dict(self) -> dict[str, Any]:
        class_ = self.class_

        invalid_data = self.invalid_data

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "class": class_,
                "invalid_data": invalid_data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        class_ = d.pop("class")

        invalid_data = d.pop("invalid_data")

        error_details = cls(
            class_=class_,
            invalid_data=invalid_data,
        )

        return error_details
