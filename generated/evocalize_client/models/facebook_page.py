from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FacebookPage")


@_attrs_define
class FacebookPage:
    """A Facebook page connected by the user, and its Instagram account if any."""

    id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    facebook_page_name: str
    """ A human-readable name. """
    facebook_page_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    instagram_id: str | Unset = UNSET
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        facebook_page_name = self.facebook_page_name

        facebook_page_id = self.facebook_page_id

        instagram_id = self.instagram_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "facebookPageName": facebook_page_name,
                "facebookPageId": facebook_page_id,
            }
        )
        if instagram_id is not UNSET:
            field_dict["instagramId"] = instagram_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        facebook_page_name = d.pop("facebookPageName")

        facebook_page_id = d.pop("facebookPageId")

        instagram_id = d.pop("instagramId", UNSET)

        facebook_page = cls(
            id=id,
            facebook_page_name=facebook_page_name,
            facebook_page_id=facebook_page_id,
            instagram_id=instagram_id,
        )

        facebook_page.additional_properties = d
        return facebook_page

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
