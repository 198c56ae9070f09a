from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.translatable_message_params import TranslatableMessageParams


T = TypeVar("T", bound="TranslatableMessage")


@_attrs_define
class TranslatableMessage:
    """A message that can be shown to the end user, in English or translated by `code`."""

    type_: str
    """ `ErrorMessage`, `ValidationErrorMessage` or `ValidationWarningMessage`; others may appear. """
    code: str
    """ The unique code (key) of the message. """
    text: str
    """ The English message, with `{{name}}` placeholders for `params`. """
    params: TranslatableMessageParams | Unset = UNSET
    """ The value of each placeholder of `text`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        code = self.code

        text = self.text

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "code": code,
                "text": text,
            }
        )
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.translatable_message_params import TranslatableMessageParams

        d = dict(src_dict)
        type_ = d.pop("type")

        code = d.pop("code")

        text = d.pop("text")

        _params = d.pop("params", UNSET)
        params: TranslatableMessageParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = TranslatableMessageParams.from_dict(_params)

        translatable_message = cls(
            type_=type_,
            code=code,
            text=text,
            params=params,
        )

        translatable_message.additional_properties = d
        return translatable_message

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
