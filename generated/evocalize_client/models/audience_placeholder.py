from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audience import Audience


T = TypeVar("T", bound="AudiencePlaceholder")


@_attrs_define
class AudiencePlaceholder:
    """A channel-agnostic audience, and the channel audiences associated with it."""

    placeholder_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    name: str
    """ A human-readable name. """
    status: str
    """ Status of an audience placeholder. Known values: `pending` (no audiences yet, a CSV is
    needed), `processing` (working on the latest CSV), `completed`. Other values may appear.
     """
    description: str | Unset = UNSET
    """ A human-readable description. """
    tags: list[str] | Unset = UNSET
    """ Free-form labels. """
    audiences: list[Audience] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        placeholder_id = self.placeholder_id

        name = self.name

        status = self.status

        description = self.description

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        audiences: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.audiences, Unset):
            audiences = []
            for audiences_item_data in self.audiences:
                audiences_item = audiences_item_data.to_dict()
                audiences.append(audiences_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "placeholderId": placeholder_id,
                "name": name,
                "status": status,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if tags is not UNSET:
            field_dict["tags"] = tags
        if audiences is not UNSET:
            field_dict["audiences"] = audiences

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.audience import Audience

        d = dict(src_dict)
        placeholder_id = d.pop("placeholderId")

        name = d.pop("name")

        status = d.pop("status")

        description = d.pop("description", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        _audiences = d.pop("audiences", UNSET)
        audiences: list[Audience] | Unset = UNSET
        if _audiences is not UNSET:
            audiences = []
            for audiences_item_data in _audiences:
                audiences_item = Audience.from_dict(audiences_item_data)

                audiences.append(audiences_item)

        audience_placeholder = cls(
            placeholder_id=placeholder_id,
            name=name,
            status=status,
            description=description,
            tags=tags,
            audiences=audiences,
        )

        audience_placeholder.additional_properties = d
        return audience_placeholder

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
