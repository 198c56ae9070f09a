from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    error_id: str
    """ What went wrong, for programs: `NOAUTH` (log in again), `UNAUTH` (not allowed),
    `SYNTAX` (a malformed request), `SYSTEM` (a system error), `INTEGRITY` (inconsistent
    with stored objects), `NOT_FOUND`, `RATE_EXCEEDED` (wait and retry). Other values
    may appear.
     """
    error: str
    """ A verbose description, for people debugging. """
    error_description: str | Unset = UNSET
    error_code: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error_id = self.error_id

        error = self.error

        error_description = self.error_description

        error_code = self.error_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error_id": error_id,
                "error": error,
            }
        )
        if error_description is not UNSET:
            field_dict["error_description"] = error_description
        if error_code is not UNSET:
            field_dict["error_code"] = error_code

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        error_id = d.pop("error_id")

        error = d.pop("error")

        error_description = d.pop("error_description", UNSET)

        error_code = d.pop("error_code", UNSET)

        error = cls(
            error_id=error_id,
            error=error,
            error_description=error_description,
            error_code=error_code,
        )

        error.additional_properties = d
        return error

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
