from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.media_type import MediaType, check_media_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.grant_input import GrantInput


T = TypeVar("T", bound="MediaInput")


@_attrs_define
class MediaInput:
    """A media asset to create or update, keyed by `id`."""

    id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    name: str
    """ A human-readable name. """
    type_: MediaType
    """ The kind of media asset; it cannot change once created. """
    url: str
    """ An absolute, publicly reachable URL. """
    grants: list[GrantInput] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        type_: str = self.type_

        url = self.url

        grants: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.grants, Unset):
            grants = []
            for grants_item_data in self.grants:
                grants_item = grants_item_data.to_dict()
                grants.append(grants_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "name": name,
                "type": type_,
                "url": url,
            }
        )
        if grants is not UNSET:
            field_dict["grants"] = grants

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.grant_input import GrantInput

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        type_ = check_media_type(d.pop("type"))

        url = d.pop("url")

        _grants = d.pop("grants", UNSET)
        grants: list[GrantInput] | Unset = UNSET
        if _grants is not UNSET:
            grants = []
            for grants_item_data in _grants:
                grants_item = GrantInput.from_dict(grants_item_data)

                grants.append(grants_item)

        media_input = cls(
            id=id,
            name=name,
            type_=type_,
            url=url,
            grants=grants,
        )

        return media_input
