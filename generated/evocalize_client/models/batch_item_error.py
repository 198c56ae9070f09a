from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_input_object import BatchInputObject


T = TypeVar("T", bound="BatchItemError")


@_attrs_define
class BatchItemError:
    """A batch entry that failed."""

    input_: BatchInputObject | str
    """ One entry of the batch as it was sent (an object, or an item id for item deletion batches). """
    error_message: str
    """ Why the entry failed. """
    rest_error_code: str | Unset = UNSET
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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.batch_input_object import BatchInputObject

        input_: dict[str, Any] | str
        if isinstance(self.input_, BatchInputObject):
            input_ = self.input_.to_dict()
        else:
            input_ = self.input_

        error_message = self.error_message

        rest_error_code = self.rest_error_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "input": input_,
                "errorMessage": error_message,
            }
        )
        if rest_error_code is not UNSET:
            field_dict["restErrorCode"] = rest_error_code

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.batch_input_object import BatchInputObject

        d = dict(src_dict)

        def _parse_input_(data: object) -> BatchInputObject | str:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_batch_input_type_0 = BatchInputObject.from_dict(data)

                return componentsschemas_batch_input_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BatchInputObject | str, data)

        input_ = _parse_input_(d.pop("input"))

        error_message = d.pop("errorMessage")

        rest_error_code = d.pop("restErrorCode", UNSET)

        batch_item_error = cls(
            input_=input_,
            error_message=error_message,
            rest_error_code=rest_error_code,
        )

        batch_item_error.additional_properties = d
        return batch_item_error

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
