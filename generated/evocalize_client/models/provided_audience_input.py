from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.provided_audience_channel import (
    ProvidedAudienceChannel,
    check_provided_audience_channel,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.grant_input import GrantInput


T = TypeVar("T", bound="ProvidedAudienceInput")


@_attrs_define
class ProvidedAudienceInput:
    """An existing, active channel audience to import."""

    channel: ProvidedAudienceChannel
    """ The channels an existing audience can be imported from. """
    channel_audience_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    name: str | Unset = UNSET
    """ A human-readable name. """
    description: str | Unset = UNSET
    """ A human-readable description. """
    tags: list[str] | Unset = UNSET
    """ Free-form labels. """
    grants: list[GrantInput] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        channel: str = self.channel

        channel_audience_id = self.channel_audience_id

        name = self.name

        description = self.description

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        grants: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.grants, Unset):
            grants = []
            for grants_item_data in self.grants:
                grants_item = grants_item_data.to_dict()
                grants.append(grants_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel": channel,
                "channelAudienceId": channel_audience_id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if tags is not UNSET:
            field_dict["tags"] = tags
        if grants is not UNSET:
            field_dict["grants"] = grants

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.grant_input import GrantInput

        d = dict(src_dict)
        channel = check_provided_audience_channel(d.pop("channel"))

        channel_audience_id = d.pop("channelAudienceId")

        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        _grants = d.pop("grants", UNSET)
        grants: list[GrantInput] | Unset = UNSET
        if _grants is not UNSET:
            grants = []
            for grants_item_data in _grants:
                grants_item = GrantInput.from_dict(grants_item_data)

                grants.append(grants_item)

        provided_audience_input = cls(
            channel=channel,
            channel_audience_id=channel_audience_id,
            name=name,
            description=description,
            tags=tags,
            grants=grants,
        )

        return provided_audience_input
