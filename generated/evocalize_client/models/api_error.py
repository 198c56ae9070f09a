from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.api_error_details import ApiErrorDetails


T = TypeVar("T", bound="ApiError")


@_attrs_define
class ApiError:
    """One reason a request failed."""

    message: str
    """ What went wrong, for a person to read. """
    code: str
    """ Machine-readable error code, one per failure kind:
    `EV_BAD_REQUEST_INVALID_FIELDS` (400) a required field is missing or a field fails validation;
    `EV_BAD_REQUEST_INVALID_USER_IDENTITY` (400) an unknown user or group;
    `EV_BAD_REQUEST_TOO_MANY_ITEMS` (400) a batch over 1000 entries;
    `EV_BAD_REQUEST_MALFORMED` (400) an unreadable request, such as a type mismatch;
    `EV_BAD_REQUEST_DUPLICATE` (400) another object with a different id already exists;
    `EV_BAD_REQUEST_INVALID_BUDGET` (400) an invalid amount or amount change;
    `EV_BAD_REQUEST_INVALID_SCHEDULE` (400) an invalid schedule or schedule change;
    `EV_BAD_REQUEST_INVALID_VARIABLE_VALUE` (400) an invalid variable value, or an edit of a variable the product
    makes immutable once placed (`field` names the variable);
    `EV_OBJECT_NOT_EDITABLE_TEMPORARILY` (400) the object cannot be edited now, try later;
    `EV_OBJECT_NOT_FOUND` (404) no such object;
    `EV_UNAUTHORIZED_INVALID_KEY` (401) unknown client key id;
    `EV_UNAUTHORIZED_MISSING_HEADERS` (401) a required credential header is missing;
    `EV_UNAUTHORIZED_INVALID_SIGNATURE` (401) wrong signature;
    `EV_UNAUTHORIZED_INVALID_SECRET` (401) wrong client key;
    `EV_UNAUTHORIZED_EXPIRED_REQUEST` (401) timestamp more than a minute away;
    `EV_INTERNAL_SERVER_ERROR` (500) a server fault, try again later.
    These are the known codes (listed in `examples`), not a closed set: an answer may carry
    a code the table lacks (a future one, or the code of a 403); treat it by its HTTP status.
     """
    field: str | Unset = UNSET
    """ The request field at fault, when there is one. """
    details: ApiErrorDetails | Unset = UNSET
    """ Extra facts about the failure, when there are any. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        code = self.code

        field = self.field

        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
                "code": code,
            }
        )
        if field is not UNSET:
            field_dict["field"] = field
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.api_error_details import ApiErrorDetails

        d = dict(src_dict)
        message = d.pop("message")

        code = d.pop("code")

        field = d.pop("field", UNSET)

        _details = d.pop("details", UNSET)
        details: ApiErrorDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = ApiErrorDetails.from_dict(_details)

        api_error = cls(
            message=message,
            code=code,
            field=field,
            details=details,
        )

        api_error.additional_properties = d
        return api_error

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
