from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DisclaimerResponse")


@_attrs_define
class DisclaimerResponse:
    """The answer to a custom disclaimer checkbox of a Facebook lead form."""

    consent_text: str
    """ The disclaimer's text. """
    is_consent_checked: bool
    """ Whether the checkbox was checked. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        consent_text = self.consent_text

        is_consent_checked = self.is_consent_checked

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "consentText": consent_text,
                "isConsentChecked": is_consent_checked,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        consent_text = d.pop("consentText")

        is_consent_checked = d.pop("isConsentChecked")

        disclaimer_response = cls(
            consent_text=consent_text,
            is_consent_checked=is_consent_checked,
        )

        disclaimer_response.additional_properties = d
        return disclaimer_response

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
